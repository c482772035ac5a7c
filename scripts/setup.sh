#!/usr/bin/env bash
# Installs what the checks need, idempotently and pinned: Rust targets and
# components, the wasm-bindgen CLI at exactly the version of the crate in
# Cargo.lock (from scripts/tools/wasm-bindgen, with its own lock) and
# cargo-fuzz (both --locked), the npm package's dev
# dependencies (again only when the lock changed), a virtualenv with the
# Python packages the oracles use (target/venv), and Debian's Chromium and
# Unicode data, only what is missing (apt's output goes to target/apt.log).
#
# Not installed here: Rust stable and nightly (rustup), Node 20 or later with
# npm, Python 3 with venv, and apt (README.md lists them).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/phase.sh
mkdir -p target

rust() {
  rustup component add rustfmt clippy >/dev/null 2>&1 || rustup component add rustfmt clippy
  rustup target add thumbv7em-none-eabihf wasm32-unknown-unknown >/dev/null 2>&1 ||
    rustup target add thumbv7em-none-eabihf wasm32-unknown-unknown
  # The npm package's WebAssembly rebuilds the standard library (nightly
  # `-Zbuild-std`, bindings/npm/scripts/build.sh), which needs its source.
  rustup component add --toolchain nightly rust-src >/dev/null 2>&1 ||
    rustup component add --toolchain nightly rust-src
}

tools() {
  local wanted found
  wanted=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print }' Cargo.lock)
  found=$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2 || true)
  if [ "$found" != "$wanted" ]; then
    # scripts/tools/wasm-bindgen pins the command's dependencies; it must
    # be the version of the library.
    if ! grep -q "^wasm-bindgen-cli = { version = \"=$wanted\"" scripts/tools/wasm-bindgen/Cargo.toml; then
      echo "scripts/tools/wasm-bindgen/Cargo.toml is not wasm-bindgen-cli $wanted, the library's version in Cargo.lock" >&2
      return 1
    fi
    cargo install --quiet --locked --path scripts/tools/wasm-bindgen --target-dir target/tools
  fi
  # Fuzzing needs the nightly toolchain and cargo-fuzz.
  if [ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz 0.13.2" ]; then
    cargo install --locked cargo-fuzz --version 0.13.2
  fi
}

# `npm ci` again only when the lock is not the one last installed.
npm_packages() {
  local dir=$1
  if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.installed-lock.json"; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    cp "$dir/package-lock.json" "$dir/node_modules/.installed-lock.json"
  fi
}

python_packages() {
  [ -x target/venv/bin/python3 ] || python3 -m venv target/venv
  if ! cmp -s scripts/python-requirements.txt target/venv/installed-requirements.txt; then
    target/venv/bin/python3 -m pip install --quiet --disable-pip-version-check \
      -r scripts/python-requirements.txt
    cp scripts/python-requirements.txt target/venv/installed-requirements.txt
  fi
}

# Debian's Chromium for the browser tests, and its Unicode Character
# Database (15.0.0) for the IDNA table generator's check: only what is
# missing (apt upgrades only what they require).
debian_packages() {
  local missing="" as_root=""
  command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
  [ -f /usr/share/unicode/DerivedAge.txt ] || missing="$missing unicode-data"
  [ -n "$missing" ] || return 0
  [ "$(id -u)" -eq 0 ] || as_root="sudo"
  echo "    installing$missing (log: target/apt.log)"
  if ! { $as_root apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq $missing; } \
    >target/apt.log 2>&1; then
    tail -n 30 target/apt.log
    return 1
  fi
}

phase "Rust components and targets" rust
phase "wasm-bindgen CLI and cargo-fuzz" tools
phase "npm packages" npm_packages bindings/npm
phase "Python packages (target/venv)" python_packages
phase "Debian packages" debian_packages
