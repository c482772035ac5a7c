#!/usr/bin/env bash
# Installs what the checks need, idempotently: Rust targets and components,
# the wasm-bindgen CLI at exactly the version of the crate in Cargo.lock, the
# npm package's dev dependencies, the oracles' Python packages, cargo-fuzz,
# and Debian's Chromium for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

rustup component add rustfmt clippy >/dev/null 2>&1 || rustup component add rustfmt clippy
rustup target add thumbv7em-none-eabihf wasm32-unknown-unknown >/dev/null 2>&1 ||
  rustup target add thumbv7em-none-eabihf wasm32-unknown-unknown
# The npm package's WebAssembly rebuilds the standard library (nightly
# `-Zbuild-std`, bindings/npm/scripts/build.sh), which needs its source.
rustup component add --toolchain nightly rust-src >/dev/null 2>&1 ||
  rustup component add --toolchain nightly rust-src

wanted=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print }' Cargo.lock)
found=$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2 || true)
if [ "$found" != "$wanted" ]; then
  cargo install wasm-bindgen-cli --version "$wanted"
fi

(cd bindings/npm && npm ci --no-audit --no-fund --loglevel=error)

# The outside oracles' Python packages, pinned.
# `idna` carries the UTS #46 table the IDNA table generator reads.
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
  iso4217==1.16.20260101 phonenumbers==9.0.43 idna==3.4

# Fuzzing needs the nightly toolchain and cargo-fuzz.
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --version 0.13.2
fi

# Debian's Chromium for the browser tests, and its Unicode Character
# Database (15.0.0) for the IDNA table generator's check.
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
[ -f /usr/share/unicode/DerivedAge.txt ] || missing="$missing unicode-data"
if [ -n "$missing" ]; then
  as_root=""
  [ "$(id -u)" -eq 0 ] || as_root="sudo"
  $as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq $missing
fi
