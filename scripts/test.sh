#!/usr/bin/env bash
# Every check the project keeps: formatting, lints, the bare-metal no_std
# build, all Rust tests (properties, hostile inputs, the OpenAPI oracle), the
# benchmarks' build, then the npm package built from the WebAssembly and its
# tests (the packed tarball as a user installs it, native-versus-WebAssembly
# agreement, size, the outside oracles, the checkout form in Chromium), and
# a short run of every fuzz target.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

cargo fmt --all --check
# The committed Unicode tables are what their generator writes.
python3 scripts/generate-idna-tables.py --check
cargo clippy --workspace --all-targets -- -D warnings
cargo build -p checkout-rules --no-default-features --target thumbv7em-none-eabihf
cargo test --workspace
cargo bench -p checkout-rules-benches --no-run

bindings/npm/scripts/build.sh
(cd bindings/npm && node --test test/*.test.mjs)
# The packed tarball in Vite 8, 6 and 5, webpack 5, esbuild and Rollup builds, in Chromium.
(cd bindings/npm && node --test test/bundlers/bundlers.test.mjs)

# A short run of every fuzz target; the long runs are in docs/robustness.md.
mkdir -p target
for target in validate_nairopay validate_kiotapay validate_payviox validate_orchestrator validate_flutterwave convert; do
  if ! fuzz/run.sh "$target" -runs=20000 -max_len=4096 > "target/fuzz-$target.log" 2>&1; then
    tail -n 60 "target/fuzz-$target.log"
    exit 1
  fi
  echo "$target: $(grep -E '^Done' "target/fuzz-$target.log")"
done
