#!/usr/bin/env bash
# Throughput and memory of `checkout-rules validate --ndjson` on Payviox
# requests: one core against every core, in the same run.
#
# Usage: bash benches/ndjson.sh [MEGABYTES]   (default 200; the memory check
# always reads 1000 MB). Needs python3, taskset and GNU time.
# Some requests are invalid on purpose, so the command exits 1: no pipefail.
set -eu
cd "$(dirname "$0")/.."
size=${1:-200}
data=target/bench-data
mkdir -p "$data"
cargo build --release --quiet -p checkout-rules-cli
bin=target/release/checkout-rules
for mb in "$size" 1000; do
  [ -s "$data/payviox-$mb.ndjson" ] || python3 benches/payviox_ndjson.py "$mb" > "$data/payviox-$mb.ndjson"
done
cores=$(nproc)

# Median wall time of five runs of `validate --ndjson --jobs $1` on CPUs $2.
median_seconds() {
  for _ in 1 2 3 4 5; do
    /usr/bin/time -q -f %e taskset -c "$2" "$bin" validate --dialect payviox --ndjson \
      --format json --jobs "$1" "$data/payviox-$size.ndjson" 2>&1 >/dev/null | tail -1
  done | sort -n | sed -n 3p
}

one=$(median_seconds 1 0)
all=$(median_seconds "$cores" "0-$((cores - 1))")
rss=$(/usr/bin/time -q -f %M "$bin" validate --dialect payviox --ndjson --format json \
  "$data/payviox-1000.ndjson" 2>&1 >/dev/null | tail -1)
rss_small=$(/usr/bin/time -q -f %M "$bin" validate --dialect payviox --ndjson --format json \
  "$data/payviox-$size.ndjson" 2>&1 >/dev/null | tail -1)
awk -v mb="$size" -v one="$one" -v all="$all" -v n="$cores" -v rss="$rss" -v small="$rss_small" 'BEGIN {
  printf "%d MB of Payviox requests, median of 5 runs\n", mb
  printf "1 core:   %.2f s = %.0f MB/s\n", one, mb / one
  printf "%d cores:  %.2f s = %.0f MB/s (%.2fx one core)\n", n, all, mb / all, one / all
  printf "max RSS:  %d KB on %d MB, %d KB on 1000 MB (%.2fx)\n", small, mb, rss, rss / small
}'
