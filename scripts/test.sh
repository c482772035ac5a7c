#!/usr/bin/env bash
# Every check the project keeps: formatting, lints, the bare-metal no_std
# build, all tests, and the benchmarks' build.
set -euo pipefail
cd "$(dirname "$0")/.."

rustup target add thumbv7em-none-eabihf >/dev/null 2>&1 || rustup target add thumbv7em-none-eabihf

cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
cargo build -p checkout-rules --no-default-features --target thumbv7em-none-eabihf
cargo test --workspace
cargo bench -p checkout-rules-benches --no-run
