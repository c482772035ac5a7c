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

target_dir="$root/target/wasm-build-std"
RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
  cargo +nightly build --quiet -p checkout-rules-wasm --target wasm32-unknown-unknown \
  --profile wasm -Zbuild-std=std,panic_abort --target-dir "$target_dir"
rm -rf wasm
wasm-bindgen --target web --no-typescript --out-dir wasm --out-name checkout_rules_wasm \
  "$target_dir/wasm32-unknown-unknown/wasm/checkout_rules_wasm.wasm"
# `--low-memory-unused`: nothing lives in the first kilobyte of memory (Rust's
# data starts at 1 MiB and its stack grows down from there, kept shallow by
# the nesting limit), so constant addresses can fold into offsets.
node_modules/.bin/wasm-opt "${WASM_OPT_LEVEL:--O3}" --converge --low-memory-unused \
  --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-multivalue --enable-reference-types \
  wasm/checkout_rules_wasm_bg.wasm -o wasm/checkout_rules_wasm_bg.wasm
# Each entry point is one minified module: the wasm-bindgen glue, the API and
# the loader together, which gzip smaller than three files (what a browser
# downloads has a budget, docs/performance.md). The sources stay in src/.
node_modules/.bin/esbuild src/browser.js --bundle --minify --format=esm --target=es2022 \
  --log-level=warning --outfile=index.js
node_modules/.bin/esbuild src/node.js --bundle --minify --format=esm --platform=node \
  --target=node20 --log-level=warning --outfile=node.js
