#!/usr/bin/env bash
# Runs every test pimlint has, as CI does: formatting, clippy, the Rust tests, the Python
# package against its built wheel, the CI integrations (pre-commit, GitHub Action, Azure
# Pipelines, GitLab) run locally, and the WebAssembly package under Node and headless Chromium.
# It installs what a fresh machine lacks and skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

# A new or changed snapshot fails the run instead of being written.
export INSTA_UPDATE=no
# A whole run gains nothing from incremental compilation, whose caches take about 1 GB.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

# A full run writes about 3.5 GB under target/, besides the tools it installs; a disk that
# fills up fails a build midway, so the free space is shown first and last.
disk() { df -Pk . | awk 'NR == 2 { printf "%.1f GB free on the disk of %s\n", $4 / 1048576, $6 }'; }
step "disk space"
disk
if [ ! -d target/debug ] && [ "$(df -Pk . | awk 'NR == 2 { print $4 }')" -lt $((4 * 1048576)) ]; then
    echo "warning: a full run from a clean clone writes about 3.5 GB under target/; with less than 4 GB free, a build may fail with 'No space left on device'" >&2
fi

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

# The report's rendering test (crates/pimlint-cli/tests/report.rs) needs headless Chromium.
bash scripts/install-chromium.sh

step "cargo test"
cargo test --workspace --locked

if command -v rustup >/dev/null 2>&1 && ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
fi

step "cargo clippy for wasm32 (warnings are errors)"
cargo clippy -p pimlint-wasm --target wasm32-unknown-unknown --all-targets --locked -- -D warnings

step "Python package (scripts/test-python.sh)"
bash scripts/test-python.sh

step "CI integrations (scripts/test-ci.sh)"
bash scripts/test-ci.sh

step "WebAssembly package (scripts/test-wasm.sh)"
bash scripts/test-wasm.sh

step "all tests passed"
disk
