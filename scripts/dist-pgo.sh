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
# Only these runs' profiles are merged: the instrumented build's own build scripts write
# theirs into the same folder.
export LLVM_PROFILE_FILE="$PROFILES/train-%p-%m.profraw"
for output in "--format text" "--format json" "--format json-lines" "--format sarif" "--format github" "--statistics"; do
    # Exit 1 (problems found) and 2 (inputs that cannot be read) are expected here.
    # shellcheck disable=SC2086 # $output is an option and its value
    "$trained" check $output examples/ tests/fixtures/ rules/ >/dev/null 2>&1 || [ $? -le 2 ]
done
unset LLVM_PROFILE_FILE
"$profdata" merge -o "$PROFILES/merged.profdata" "$PROFILES"/train-*.profraw
# Named by its content: cargo rebuilds when its flags change, not when a file they name does.
merged="$PROFILES/merged-$(sha256sum "$PROFILES/merged.profdata" | cut -c1-16).profdata"
mv "$PROFILES/merged.profdata" "$merged"

step "cargo build --profile dist (with the profile)"
RUSTFLAGS="-Cprofile-use=$merged" \
    cargo build --locked --profile dist -p pimlint-cli --target-dir "$OUT/use"
cp "$OUT/use/dist/pimlint" "$OUT/pimlint"
step "built $OUT/pimlint"
