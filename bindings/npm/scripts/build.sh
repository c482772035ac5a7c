#!/usr/bin/env sh
# Builds the package's WebAssembly: the binding crate for wasm32, the JS glue
# from the wasm-bindgen CLI (exactly the version of the crate in Cargo.lock),
# then wasm-opt from the `binaryen` npm package.
#
# The standard library is rebuilt with the nightly toolchain's `-Zbuild-std`
# and the `immediate-abort` panic strategy: a panic (which the tests say never
# happens) traps at once instead of formatting a message, so no panic message,
# location or formatting code is shipped: 9 KB gzipped, a ninth of the
# package (docs/performance.md). The native crate and CLI stay on stable.
set -eu
cd "$(dirname "$0")/.."
root=../..

wanted=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print }' "$root/Cargo.lock")
found=$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2 || true)
if [ "$found" != "$wanted" ]; then
  echo "build.sh: wasm-bindgen CLI $wanted is needed (found ${found:-none}):" >&2
  echo "  cargo install wasm-bindgen-cli --version $wanted" >&2
  exit 1
fi

# One build for browsers at opt-level z (the download has a budget), one for
# Node at 3 (twice the speed, and nobody downloads it on a checkout page).
# Same source, no floats: the same verdicts, which the tests check for each
# (and for the browser build for forms, below).
build() { # build <opt-level> <output folder> [cargo option]
  target_dir="$root/target/wasm-build-std-$1"
  # The rebuilt standard library at opt-level 3: hot, and small
  # (docs/performance.md); set here, where its crates are packages.
  # No multi-value returns: Node 20's V8 compiles a wrapper with its
  # optimising compiler for every exported signature that returns several
  # values, as the module compiles (about 1.1 ms of the 2.6 ms it took),
  # where one generic wrapper serves the others; wasm-bindgen then returns
  # through memory (docs/performance.md, "Instantiation"). The conformance
  # test reads each build's export signatures and fails on any such export.
  # A stack of 128 KiB, not 1 MiB: the deepest nesting the binding reads
  # (32 levels, its limit) needs 16 to 32 KiB in every build, and data that
  # starts lower makes the package 102 B smaller gzipped. An overflow
  # would trap, not corrupt (the stack is below the data); the conformance
  # test runs the deepest nesting through every entry and build.
  RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Ctarget-feature=-multivalue \
    -Clink-arg=-zstack-size=131072" \
    CARGO_PROFILE_WASM_OPT_LEVEL="$1" \
    cargo +nightly build --quiet -p checkout-rules-wasm --target wasm32-unknown-unknown \
    --config 'profile.wasm.package.core.opt-level=3' --config 'profile.wasm.package.alloc.opt-level=3' \
    --config 'profile.wasm.package.std.opt-level=3' \
    --config 'profile.wasm.package.compiler_builtins.opt-level=3' \
    --profile wasm -Zbuild-std=std,panic_abort --target-dir "$target_dir" ${3:-}
  rm -rf "$2"
  wasm-bindgen --target web --no-typescript --out-dir "$2" --out-name checkout_rules_wasm \
    "$target_dir/wasm32-unknown-unknown/wasm/checkout_rules_wasm.wasm"
  # `--low-memory-unused`: nothing lives in the first kilobyte of memory
  # (Rust's data starts at 128 KiB and its stack grows down from there, at
  # most 32 KiB deep under the nesting limit), so constant addresses fold
  # into offsets.
  # `--gufa-optimizing`: constants found flowing through the whole module
  # (about 100 B gzipped, the same speed).
  node_modules/.bin/wasm-opt "${WASM_OPT_LEVEL:--O3}" --converge --low-memory-unused \
    --gufa-optimizing --strip-debug --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types \
    "$2/checkout_rules_wasm_bg.wasm" -o "$2/checkout_rules_wasm_bg.wasm"
}
build "${CARGO_PROFILE_WASM_OPT_LEVEL:-z}" wasm
# Forms validate and do not convert: `checkout-rules/forms` loads a browser
# build without conversion, about 7 KB smaller gzipped (docs/performance.md).
build "${CARGO_PROFILE_WASM_OPT_LEVEL:-z}" wasm-forms --no-default-features
build 3 wasm-node
node scripts/bundle.mjs
