#!/usr/bin/env bash
# Every check the project keeps: formatting, lints, the bare-metal no_std
# build, all Rust tests, the benchmarks' build, then the npm package built
# from the WebAssembly and its tests (the packed tarball as a user installs
# it, native-versus-WebAssembly agreement, size, the checkout form in
# Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
cargo build -p checkout-rules --no-default-features --target thumbv7em-none-eabihf
cargo test --workspace
cargo bench -p checkout-rules-benches --no-run

bindings/npm/scripts/build.sh
(cd bindings/npm && node --test test/*.test.mjs)
