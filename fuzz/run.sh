#!/usr/bin/env bash
# Fuzzes one target, seeded with the bundled examples.
#   fuzz/run.sh validate_payviox -runs=1000000      (any libFuzzer options)
# Needs nightly and cargo-fuzz (scripts/setup.sh installs it).
set -euo pipefail
cd "$(dirname "$0")"
target=$1
shift
corpus=corpus/$target
mkdir -p "$corpus"
case $target in
  validate_*) cp ../examples/"${target#validate_}"/*.json "$corpus"/ ;;
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
