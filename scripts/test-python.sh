#!/usr/bin/env bash
# Builds the Python wheel with maturin, installs it into a fresh virtualenv, and runs the
# package's tests (pytest, each README code block alone, mypy.stubtest, every fixture against
# the CLI) against the installed wheel.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }
PYTHON="${PYTHON:-python3}"
TOOLS=target/python/tools
VENV=target/python/venv
WHEELS=target/python/wheels

if [ ! -x "$TOOLS/bin/maturin" ]; then
    step "installing maturin (build tools venv: $TOOLS)"
    "$PYTHON" -m venv "$TOOLS"
    "$TOOLS/bin/pip" install --quiet --disable-pip-version-check "maturin>=1.7,<2"
fi

# The profile is the one pyproject.toml names (`dist`), as `pip install` builds it.
step "maturin build"
rm -rf "$WHEELS"
"$TOOLS/bin/maturin" build --locked --quiet \
    --manifest-path bindings/python/Cargo.toml --out "$WHEELS"

step "fresh virtualenv with the wheel ($VENV)"
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
# The SDKs whose models the package reads (tests only: pimlint never imports them).
"$VENV/bin/pip" install --quiet --disable-pip-version-check "$WHEELS"/pimlint-*.whl pytest mypy \
    msgraph-sdk azure-mgmt-authorization

# The Python tests compare every fixture with the CLI's JSON: build the CLI (a no-op when the
# Rust tests did) so that they never compare with a stale binary.
step "cargo build -p pimlint-cli (the CLI the tests compare with)"
cargo build --locked -p pimlint-cli
export PIMLINT_BIN="$PWD/target/debug/pimlint"

step "pytest"
cd bindings/python
"../../$VENV/bin/python" -m pytest -q -p no:cacheprovider tests
