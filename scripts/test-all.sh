#!/usr/bin/env bash
# Runs every test pimlint has, as CI does: formatting, clippy, and the whole test suite.
# It installs what a fresh machine lacks and skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

# A new or changed snapshot fails the run instead of being written.
export INSTA_UPDATE=no

if command -v rustup >/dev/null 2>&1; then
    for component in rustfmt clippy; do
        if ! rustup component list --installed 2>/dev/null | grep -q "^${component}"; then
            step "installing the ${component} component"
            rustup component add "${component}"
        fi
    done
fi

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy (warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo test"
cargo test --workspace --locked
