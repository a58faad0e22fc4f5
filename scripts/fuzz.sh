#!/usr/bin/env bash
# Runs one cargo-fuzz target for a while (one job), seeded from every fixture:
#   bash scripts/fuzz.sh TARGET [SECONDS]     (TARGET: check_str lint_text validate stream
#                                              duration config_toml; SECONDS default 600)
# Needs a nightly toolchain; installs cargo-fuzz when it is missing. Crashes are written to
# fuzz/artifacts/TARGET/; turn each into a regression test before fixing it.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: scripts/fuzz.sh TARGET [SECONDS]}"
seconds="${2:-600}"
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    cargo install --locked cargo-fuzz
fi
corpus="fuzz/corpus/${target}"
mkdir -p "${corpus}"
jsons() { find rules tests/fixtures examples -name '*.json' -o -name '*.ndjson'; }
case "${target}" in
    check_str|lint_text|stream)
        jsons | while read -r f; do cp "$f" "${corpus}/$(echo "$f" | tr / _)"; done ;;
    validate)
        for r in examples/requests/*.json; do
            for p in examples/tenant-export/*.json; do
                { cat "$r"; printf '\0'; cat "$p"; } > "${corpus}/$(basename "$r" .json)+$(basename "$p")"
            done
        done ;;
    duration)
        jsons | xargs grep -ho '"\(maximumDuration\|duration\)": *"[^"]*"' | sed 's/.*: *"\(.*\)"/\1/' | sort -u |
            while read -r d; do printf '%s' "$d" > "${corpus}/$(printf '%s' "$d" | md5sum | cut -c1-12)"; done
        for d in "8 hours" "8h" "1.5h" "90 minutes" "1 day" "P1Y2M3DT4H5M6.5S" "p8h"; do
            printf '%s' "$d" > "${corpus}/$(printf '%s' "$d" | md5sum | cut -c1-12)"
        done ;;
    config_toml)
        # Every TOML block of the README, and the examples' configurations.
        awk '/^```toml/{f=1; n++; next} /^```/{f=0} f{print > ("'"${corpus}"'/readme-" n ".toml")}' README.md
        find . -name 'pimlint.toml' -not -path './target/*' -not -path './fuzz/*' | while read -r f; do
            cp "$f" "${corpus}/$(echo "$f" | tr / _)"
        done ;;
    *) echo "unknown target ${target}" >&2; exit 2 ;;
esac
if [ "${target}" = stream ]; then
    # UTF-16 copies, in both byte orders with their mark, for the streamed decoder.
    find examples -name '*.json' | while read -r f; do
        name="$(echo "$f" | tr / _)"
        { printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$f"; } > "${corpus}/utf16le-${name}"
        { printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$f"; } > "${corpus}/utf16be-${name}"
    done
fi
cd fuzz
exec cargo +nightly fuzz run "${target}" "corpus/${target}" -- \
    -max_total_time="${seconds}" -print_final_stats=1
