#!/usr/bin/env bash
# Every check the project keeps: formatting, the generated tables, lints,
# the bare-metal no_std build, all Rust tests (properties, hostile inputs,
# the outside oracles), the API docs and the crates' packages, the
# benchmarks' build, then the npm package built from the WebAssembly and its
# tests (the packed tarball as a user installs it, native-versus-WebAssembly
# agreement, size, the outside oracles, the checkout form in Chromium), and
# a short run of every fuzz target. Each phase prints a line when it starts
# and its time when it ends.
#
# `scripts/test.sh GROUP...` runs some groups only, for a quick loop while
# working: rust (formatting, tables, lints, the no_std build, the Rust
# tests), docs (API docs and packages), benches, npm (build, tests,
# bundlers), fuzz. Without arguments, all of them: what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

all_groups="rust docs benches npm fuzz"
groups=" ${*:-$all_groups} "
for group in $groups; do
  if [[ " $all_groups " != *" $group "* ]]; then
    echo "scripts/test.sh: unknown group \`$group\`; the groups are: $all_groups" >&2
    exit 2
  fi
done
want() { [[ "$groups" == *" $1 "* ]]; }

scripts/setup.sh
. scripts/phase.sh
# The oracles' Python: the project's virtualenv, made by setup.sh.
export PATH="$PWD/target/venv/bin:$PATH"

docs() {
  # The API documentation builds without a warning, with and without the
  # optional features.
  RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps --workspace
  RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps --workspace --all-features
}

packages() {
  # Cargo unpacks each packaged crate into its registry cache once per
  # version and builds that copy ever after; remove this project's copies so
  # the check builds this source, and keep the packaged builds out of
  # target/debug, whose binaries the npm tests run.
  local cargo_home=${CARGO_HOME:-$HOME/.cargo}
  rm -rf target/package "$cargo_home"/registry/src/-*/checkout-rules* "$cargo_home"/registry/cache/-*/checkout-rules*
  cargo publish --quiet --dry-run --workspace --allow-dirty --target-dir target/publish
}

lints() {
  # With the default features, all of them, the core with none (its
  # `serde_json` and `rust_decimal` code is conditional) and the binding
  # without conversion (the build for forms). `rust-version` holds the code
  # to its MSRV through clippy's `incompatible_msrv`.
  cargo clippy --quiet --workspace --all-targets -- -D warnings
  cargo clippy --quiet --workspace --all-targets --all-features -- -D warnings
  cargo clippy --quiet -p checkout-rules --no-default-features --all-targets -- -D warnings
  cargo clippy --quiet -p checkout-rules-wasm --no-default-features --all-targets -- -D warnings
}

rust_tests() {
  cargo test --quiet --workspace
  # The core's own tests without its optional dependencies.
  cargo test --quiet -p checkout-rules --no-default-features --lib
}

tables() {
  # The committed tables are what their generators write: the Unicode data
  # of the IDNA check, and the ISO and invisible-character tables (the
  # latter also a test in the Rust tests).
  python3 scripts/generate-idna-tables.py --check
  cargo run --quiet -p checkout-rules-tables -- --check
}

fuzz() {
  # A short run of every fuzz target; the long runs are in docs/robustness.md.
  local target
  for target in validate convert; do
    if ! fuzz/run.sh "$target" -runs=20000 -max_len=4096 >"target/fuzz-$target.log" 2>&1; then
      tail -n 60 "target/fuzz-$target.log"
      return 1
    fi
    echo "    $target: $(grep -E '^Done' "target/fuzz-$target.log")"
  done
}

if want rust; then
  phase "formatting" cargo fmt --all --check
  phase "generated tables" tables
  phase "clippy" lints
  phase "no_std build (thumbv7em)" cargo build --quiet -p checkout-rules --no-default-features --target thumbv7em-none-eabihf
  phase "Rust tests" rust_tests
fi
if want docs; then
  phase "API docs" docs
  # The crates meant for crates.io package and build as a user gets them.
  phase "packages (cargo publish --dry-run)" packages
fi
if want benches; then
  phase "benchmarks' build" cargo bench --quiet -p checkout-rules-benches --no-run
fi
if want npm; then
  # The tests run the native CLI and the corpus through target/debug.
  want rust || phase "native CLI build" cargo build --quiet -p checkout-rules-cli
  phase "npm package build" bindings/npm/scripts/build.sh
  phase "npm package tests" sh -c 'cd bindings/npm && node --test test/*.test.mjs'
  # The packed tarball in Vite 8, 6 and 5, webpack 5, esbuild and Rollup
  # builds, each loaded in Chromium.
  phase "npm package in bundlers" sh -c 'cd bindings/npm && node --test test/bundlers/bundlers.test.mjs'
fi
if want fuzz; then
  phase "fuzzing (20,000 runs a target)" fuzz
fi
