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

# Regenerate rules/<CODE>-<name>/README.md and pimlint.schema.json from the code.
docs:
    PIMLINT_UPDATE_DOCS=1 cargo test -p pimlint --test rule_fixtures -- rule_docs_are_current readme_rules_table_is_current
    PIMLINT_UPDATE_DOCS=1 cargo test -p pimlint --test defaults config_schema

# List the rules.
rules: build
    ./target/release/pimlint rules

# Open the API documentation.
doc:
    cargo doc --workspace --no-deps --open
