#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver when either is missing: the WebAssembly tests
# and the assessment report's rendering test run in headless Chromium.
set -euo pipefail

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    printf '\n==> %s\n' "apt-get install chromium chromium-driver"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi
