#!/usr/bin/env bash
# Tests the CI integrations offline: the pre-commit hooks (pre-commit's own manifest schema,
# and `pre-commit try-repo` on the examples), the GitHub Action's and the Azure Pipelines
# template's steps run locally, and `--format gitlab` against GitLab's Code Quality format.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }
PYTHON="${PYTHON:-python3}"
VENV=target/ci/venv

if ! command -v git >/dev/null 2>&1; then
    step "installing git (pre-commit try-repo needs it)"
    apt-get update -qq && apt-get install -y -qq git
fi

if [ ! -x "$VENV/bin/pre-commit" ] || ! "$VENV/bin/python" -c 'import jsonschema, pytest, yaml' 2>/dev/null; then
    step "virtualenv with pre-commit, PyYAML, jsonschema and pytest ($VENV)"
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check \
        "pre-commit>=3,<5" "PyYAML>=6" "jsonschema>=4" "pytest>=8"
fi

step "cargo build -p pimlint-cli (the pimlint the integrations run)"
cargo build --locked -p pimlint-cli
export PIMLINT_BIN="$PWD/target/debug/pimlint"
export PRE_COMMIT_PYTHON="$PWD/$VENV/bin/python"

step "pytest ci/tests"
"$VENV/bin/python" -m pytest -q -p no:cacheprovider ci/tests
