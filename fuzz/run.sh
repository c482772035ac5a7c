#!/usr/bin/env bash
# Fuzzes one target, seeded with the bundled examples.
#   fuzz/run.sh validate -runs=1000000      (any libFuzzer options)
# Needs nightly and cargo-fuzz (scripts/setup.sh installs it).
set -euo pipefail
cd "$(dirname "$0")"
target=$1
shift
corpus=corpus/$target
mkdir -p "$corpus"
case $target in
  validate)
    # Each bundled body after each of the first eight bytes, so that every
    # dialect (the first byte picks it) starts from its own examples.
    for f in ../examples/*/*.json; do
      for i in 0 1 2 3 4 5 6 7; do
        printf "\\$(printf '%03o' "$i")" | cat - "$f" > "$corpus/$(basename "$f" .json)-$i"
      done
    done
    ;;
  convert)
    # A first byte per pair of dialects, then a bundled body.
    i=0
    for f in ../examples/*/*.json; do
      printf "\\$(printf '%03o' $((i % 256)))" | cat - "$f" > "$corpus/seed-$i"
      i=$((i + 37))
    done
    ;;
esac
# The code is safe Rust (unsafe is forbidden): coverage guides the search,
# and an address sanitizer would only slow it down.
exec cargo +nightly fuzz run --sanitizer none "$target" "$corpus" -- -dict=json.dict "$@"
