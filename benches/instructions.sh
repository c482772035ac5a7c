#!/usr/bin/env bash
# Instructions per validation, counted by callgrind: the run of N + 1
# validations less the run of one, over N. Steadier than time where the
# machine is shared. Needs valgrind.
#
# Usage: bash benches/instructions.sh [CASE...]
#   (default: payviox/premium-subscription payviox/100-items)
set -eu
cd "$(dirname "$0")/.."
CARGO_PROFILE_RELEASE_DEBUG=true cargo build --release --quiet -p checkout-rules-benches --example profile
bin=target/release/examples/profile
n=1000
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$1" "$2" "$3" 2>&1 \
    | sed -n 's/.*I *refs: *//p' | tr -d ,
}
printf '%-32s %10s %10s %10s %8s\n' case floor validate Validator '÷ floor'
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(payviox/premium-subscription payviox/100-items)
for case in "${cases[@]}"; do
  for how in floor validate validator; do
    one=$(count "$case" 1 "$how")
    many=$(count "$case" $((n + 1)) "$how")
    eval "$how=$(( (many - one) / n ))"
  done
  awk -v c="$case" -v f="$floor" -v v="$validate" -v r="$validator" \
    'BEGIN { printf "%-32s %10d %10d %10d %7.2fx\n", c, f, v, r, v / f }'
done
