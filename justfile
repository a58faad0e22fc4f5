# pimlint tasks. `just --list` shows them; `just ready` runs what CI runs.

# List the tasks.
default:
    @just --list

# Everything CI runs (formatting, clippy, all tests), installing what is missing.
ready:
    bash scripts/test-all.sh

# Build the CLI in release mode.
build:
    cargo build --release -p pimlint-cli

# Build the CLI for distribution: one codegen unit and full LTO (slower to build, faster).
dist:
    cargo build --profile dist -p pimlint-cli

# The `dist` build with profile-guided optimization, trained on the examples and fixtures, into target/pgo/pimlint.
dist-pgo:
    bash scripts/dist-pgo.sh

# Run the test suite.
test:
    cargo test --workspace

# Check the shipped examples with the release CLI.
examples: build
    ./target/release/pimlint check examples/

# Format the code.
fmt:
    cargo fmt --all

# Clippy with warnings as errors.
lint:
    cargo clippy --workspace --all-targets -- -D warnings

# Review changed snapshots (needs cargo-insta: `cargo install cargo-insta`).
review:
    cargo insta test --workspace --review

# Accept snapshots after reading them, without cargo-insta.
accept-snapshots:
    INSTA_UPDATE=always cargo test --workspace

# Regenerate rules/<CODE>-<name>/README.md, docs/baselines/*.md and pimlint.schema.json from the code.
docs:
    PIMLINT_UPDATE_DOCS=1 cargo test -p pimlint --test rule_fixtures -- rule_docs_are_current readme_rules_table_is_current
    PIMLINT_UPDATE_DOCS=1 cargo test -p pimlint --test baselines baseline_docs_are_current
    PIMLINT_UPDATE_DOCS=1 cargo test -p pimlint --test defaults config_schema

# List the rules.
rules: build
    ./target/release/pimlint rules

# Open the API documentation.
doc:
    cargo doc --workspace --no-deps --open

# Write a synthetic export of N policies (NDJSON) for benchmarks: `just gen-export 100000`.
gen-export N PATH="target/bench/export.ndjson":
    cargo build --release -q -p pimlint-bench
    mkdir -p "$(dirname {{PATH}})"
    ./target/release/gen-export {{N}} {{PATH}}
    @ls -l {{PATH}}

# Benchmarks: criterion per-stage costs of the core, then whole-process figures of the CLI.
bench:
    cargo bench -p pimlint-bench --bench lint
    python3 scripts/bench.py

# The Python package's tests (builds the wheel into a fresh virtualenv).
test-python:
    bash scripts/test-python.sh

# The CI integrations run locally: pre-commit hooks, the GitHub Action, Azure Pipelines, GitLab.
test-ci:
    bash scripts/test-ci.sh

# Lint 10 000 policies given as dicts: one lint() per policy vs lint_many().
bench-python:
    bash scripts/test-python.sh
    target/python/venv/bin/python bindings/python/bench/bench_lint.py

# Build the npm package into bindings/wasm/pkg.
wasm-build:
    bash scripts/build-wasm.sh

# The WebAssembly package's tests: Node, headless Chromium, TypeScript, the demo page.
test-wasm:
    bash scripts/test-wasm.sh

# Raw and gzipped size of the WebAssembly module.
wasm-size: wasm-build
    @wc -c < bindings/wasm/pkg/wasm/pimlint_wasm_bg.wasm | xargs echo "raw bytes:"
    @gzip -9 -c bindings/wasm/pkg/wasm/pimlint_wasm_bg.wasm | wc -c | xargs echo "gzipped bytes:"

# Time to lint one full policy in Node and in headless Chromium.
wasm-bench: wasm-build
    cd bindings/wasm && (test -d node_modules/playwright-core || npm ci --no-audit --no-fund) && node bench/bench.mjs

# Serve the demo page on http://127.0.0.1:8000/demo/ (after `just wasm-build`).
demo: wasm-build
    python3 -m http.server 8000 --bind 127.0.0.1 --directory bindings/wasm

# Fuzz one target for SECONDS (nightly; installs cargo-fuzz): check_str lint_text validate
# stream duration config_toml.
fuzz TARGET SECONDS="600":
    bash scripts/fuzz.sh {{TARGET}} {{SECONDS}}
