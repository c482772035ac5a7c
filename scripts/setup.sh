#!/usr/bin/env bash
# Installs what the checks need, idempotently: Rust targets and components,
# the wasm-bindgen CLI at exactly the version of the crate in Cargo.lock, the
# npm package's dev dependencies, and Debian's Chromium for the browser test.
set -euo pipefail
cd "$(dirname "$0")/.."

rustup component add rustfmt clippy >/dev/null 2>&1 || rustup component add rustfmt clippy
rustup target add thumbv7em-none-eabihf wasm32-unknown-unknown >/dev/null 2>&1 ||
  rustup target add thumbv7em-none-eabihf wasm32-unknown-unknown

wanted=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print }' Cargo.lock)
found=$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2 || true)
if [ "$found" != "$wanted" ]; then
  cargo install wasm-bindgen-cli --version "$wanted"
fi

(cd bindings/npm && npm ci --no-audit --no-fund --loglevel=error)

if ! command -v chromium >/dev/null 2>&1; then
  as_root=""
  [ "$(id -u)" -eq 0 ] || as_root="sudo"
  $as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq chromium
fi
