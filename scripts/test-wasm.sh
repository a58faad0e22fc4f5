#!/usr/bin/env bash
# Tests the WebAssembly package: wasm-bindgen-test under Node and in headless Chromium, the
# built npm package under Node, its TypeScript types, and the demo page in Chromium driven by
# Playwright. Installs what a fresh machine lacks (wasm32 target, wasm-bindgen-cli at the
# Cargo.lock version, Debian's chromium and chromium-driver, the npm dev packages).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

bash scripts/install-chromium.sh

# Builds the package (and installs the target and wasm-bindgen-cli when missing).
bash scripts/build-wasm.sh

if [ ! -d bindings/wasm/node_modules/playwright-core ] || [ ! -d bindings/wasm/node_modules/typescript ]; then
    step "npm ci (playwright-core, typescript)"
    (cd bindings/wasm && npm ci --no-audit --no-fund --loglevel=error)
fi

export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner

step "wasm-bindgen-test under Node"
cargo test --locked --target wasm32-unknown-unknown -p pimlint-wasm

step "wasm-bindgen-test in headless Chromium"
# The runner reads bindings/wasm/webdriver.json for Chromium's flags.
(cd bindings/wasm && WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver \
    cargo test --locked --target wasm32-unknown-unknown -p pimlint-wasm)

step "tsc --noEmit (the package's types against a sample usage)"
(cd bindings/wasm && node_modules/.bin/tsc -p tests/tsconfig.json)

# The Node tests compare every fixture with the CLI's JSON: build the CLI (a no-op when the
# Rust tests did) so that they never compare with a stale binary.
step "cargo build -p pimlint-cli (the CLI the tests compare with)"
cargo build --locked -p pimlint-cli
export PIMLINT_BIN="$PWD/target/debug/pimlint"

step "node --test (the package, its README and the CLI's findings under Node; the demo page in Chromium)"
(cd bindings/wasm && node --test tests/)
