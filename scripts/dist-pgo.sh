#!/usr/bin/env bash
# Builds the CLI for distribution with profile-guided optimization into target/pgo/pimlint:
# the `dist` profile built once instrumented, run over the repository's own documents (the
# shipped examples, the test fixtures and every rule's fixtures, in each output format), then
# built again with the profile those runs wrote. The training never reads the benchmark's
# synthetic export. Installs the llvm-tools rustup component when llvm-profdata is missing.
#
# Usage: bash scripts/dist-pgo.sh
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }
OUT=target/pgo
PROFILES="$PWD/$OUT/profiles"

sysroot=$(rustc --print sysroot)
host=$(rustc -vV | awk '/^host:/ { print $2 }')
profdata="$sysroot/lib/rustlib/$host/bin/llvm-profdata"
if [ ! -x "$profdata" ]; then
    step "rustup component add llvm-tools (for llvm-profdata)"
    rustup component add llvm-tools
fi

step "cargo build --profile dist (instrumented)"
rm -rf "$PROFILES"
mkdir -p "$PROFILES"
RUSTFLAGS="-Cprofile-generate=$PROFILES" \
    cargo build --locked --profile dist -p pimlint-cli --target-dir "$OUT/generate"

step "training runs over examples/, tests/fixtures/ and rules/"
trained="$OUT/generate/dist/pimlint"
export LLVM_PROFILE_FILE="$PROFILES/%p-%m.profraw"
for format in text json json-lines sarif github; do
    # Exit 1 (problems found) and 2 (inputs that cannot be read) are expected here.
    "$trained" check --format "$format" examples/ tests/fixtures/ rules/ >/dev/null 2>&1 || [ $? -le 2 ]
done
"$trained" check --statistics examples/ tests/fixtures/ rules/ >/dev/null 2>&1 || [ $? -le 2 ]
unset LLVM_PROFILE_FILE
"$profdata" merge -o "$PROFILES/merged.profdata" "$PROFILES"/*.profraw

step "cargo build --profile dist (with the profile)"
RUSTFLAGS="-Cprofile-use=$PROFILES/merged.profdata" \
    cargo build --locked --profile dist -p pimlint-cli --target-dir "$OUT/use"
cp "$OUT/use/dist/pimlint" "$OUT/pimlint"
step "built $OUT/pimlint"
