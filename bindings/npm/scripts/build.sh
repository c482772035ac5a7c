#!/usr/bin/env sh
# Builds the package's WebAssembly: the binding crate for wasm32, the JS glue
# from the wasm-bindgen CLI (exactly the version of the crate in Cargo.lock),
# then wasm-opt from the `binaryen` npm package.
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

cargo build --quiet -p checkout-rules-wasm --target wasm32-unknown-unknown --profile wasm
rm -rf wasm
wasm-bindgen --target web --no-typescript --out-dir wasm --out-name checkout_rules_wasm \
  "$root/target/wasm32-unknown-unknown/wasm/checkout_rules_wasm.wasm"
node_modules/.bin/wasm-opt "${WASM_OPT_LEVEL:--Oz}" --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-multivalue --enable-reference-types \
  wasm/checkout_rules_wasm_bg.wasm -o wasm/checkout_rules_wasm_bg.wasm
