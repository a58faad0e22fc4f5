#!/usr/bin/env bash
# Builds the npm package into bindings/wasm/pkg: the WebAssembly module (size-tuned, then
# wasm-opt when binaryen is installed), its wasm-bindgen glue, and the hand-written index.js
# and index.d.ts. Installs the wasm32 target and wasm-bindgen-cli (at the version in
# Cargo.lock) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }
TARGET=wasm32-unknown-unknown
OUT=bindings/wasm/pkg

if command -v rustup >/dev/null 2>&1 && ! rustup target list --installed | grep -qx "$TARGET"; then
    step "rustup target add $TARGET"
    rustup target add "$TARGET"
fi

BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " ${BINDGEN_VERSION}\$"; then
    step "cargo install wasm-bindgen-cli ${BINDGEN_VERSION} (the version in Cargo.lock)"
    cargo install wasm-bindgen-cli --version "$BINDGEN_VERSION"
fi

# The module is built for size (opt-level "z"), which leaves small functions such as
# serde_json's whitespace and byte readers as calls. A slightly higher inlining threshold than
# "z" uses makes a lint about a quarter faster for about 10 KB more gzipped (bench/bench.mjs).
# A RUSTFLAGS of your own takes precedence over this.
: "${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS=-C llvm-args=-inline-threshold=25}"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS

step "cargo build --profile wasm-release --target $TARGET ($CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS)"
cargo build --locked --profile wasm-release --target "$TARGET" -p pimlint-wasm

step "wasm-bindgen --target web"
rm -rf "$OUT"
mkdir -p "$OUT/wasm"
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section --out-dir "$OUT/wasm" \
    "target/$TARGET/wasm-release/pimlint_wasm.wasm"

# binaryen before version 116 corrupts the reference-types table Rust's wasm32 target emits.
WASM_OPT_VERSION=$(wasm-opt --version 2>/dev/null | grep -oE '[0-9]+' | head -1 || true)
if [ -n "${WASM_OPT_VERSION}" ] && [ "${WASM_OPT_VERSION}" -lt 116 ]; then
    echo "wasm-opt ${WASM_OPT_VERSION} is older than 116 and would break the module: not used"
elif command -v wasm-opt >/dev/null 2>&1; then
    step "wasm-opt -Oz"
    if wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
        --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue \
        -o "$OUT/wasm/pimlint_wasm_bg.opt.wasm" "$OUT/wasm/pimlint_wasm_bg.wasm"; then
        mv "$OUT/wasm/pimlint_wasm_bg.opt.wasm" "$OUT/wasm/pimlint_wasm_bg.wasm"
    else
        echo "wasm-opt could not read the module (too old for its features?): kept as built"
        rm -f "$OUT/wasm/pimlint_wasm_bg.opt.wasm"
    fi
else
    echo "wasm-opt not found (Debian package binaryen): the module is not post-optimized"
fi

cp bindings/wasm/js/index.js bindings/wasm/js/index.d.ts bindings/wasm/js/package.json \
    bindings/wasm/README.md "$OUT/"
raw=$(wc -c < "$OUT/wasm/pimlint_wasm_bg.wasm")
gz=$(gzip -9 -c "$OUT/wasm/pimlint_wasm_bg.wasm" | wc -c)
echo "pimlint_wasm_bg.wasm: ${raw} bytes, ${gz} bytes gzipped (-9)"
