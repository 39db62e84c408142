#!/usr/bin/env bash
# The storage benchmarks, our store beside Prometheus 2.42 on the same data, in one run:
#   P1        bytes per sample on disk: 4 synthetic kinds, and 1 h of node-exporter scraped at 1 s
#   P2        resident memory per active series: 100 k series × 480 samples (2 h at 15 s)
#   P3        CPU seconds per million samples on the scrape path: 50 k series scraped every 1 s for 60 s
#   recovery  time to serve again after kill -9 with 10 M samples (20 k series × 500) not yet in blocks
# Every step appends "measure kind value unit" lines to RESULTS (default storage-vs-prometheus.results); at the end a
# ratio_<measure> line (ours ÷ prometheus) is added for each measure both sides reported as ours_<measure> and
# prometheus_<measure> of the same kind. Progress and the peers' chatter go to RESULTS.log.
#
# Usage: bench/peers/storage-vs-prometheus.sh [RESULTS]
# Environment: SCALE=full|small (small: minutes, for checking the script), ONLY="p1 p2 p3 recovery" to run a subset,
#   WORK=<dir> for the data (default /tmp/dashboard-bench; each step deletes its own), NODE_DUMP=<promtool dump>.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
results=$(realpath -m "${1:-storage-vs-prometheus.results}")
log="$results.log"
export WORK=${WORK:-/tmp/dashboard-bench}
export NODE_DUMP=${NODE_DUMP:-/work/capture/node/node-exporter.dump}
scale=${SCALE:-full}
only=${ONLY:-p1 p2 p3 recovery}

# The data sets, shared by both sides: each side generates them from these numbers with StorageBenchData.
if [ "$scale" = small ]; then
  export P1_SERIES=100 P1_COUNT=500 P2_SERIES=10000 P2_COUNT=60 P3_SERIES=5000 P3_SECONDS=10 P3_WARMUP=3 \
         REC_SERIES=2000 REC_COUNT=500
else
  export P1_SERIES=1000 P1_COUNT=2880 P2_SERIES=100000 P2_COUNT=480 P3_SERIES=50000 P3_SECONDS=60 P3_WARMUP=15 \
         REC_SERIES=20000 REC_COUNT=500
fi
# P1_JITTER_MS: how far (±) synthetic timestamps land off the interval; 0 is Prometheus's own steady scraping.
export P1_INTERVAL_MS=15000 P1_JITTER_MS=${P1_JITTER_MS:-3} P1_SEED=1 P2_INTERVAL_MS=15000 P2_SEED=2 P3_SEED=3 \
       REC_INTERVAL_MS=15000 REC_SEED=4

: >"$results"
echo "storage-vs-prometheus, scale $scale, $(date -u +%FT%TZ), $(nproc) cores" >"$log"
"$repo/scripts/install-deps.sh" >>"$log" 2>&1
dotnet build "$repo/bench/Dashboard.Bench.Harness" -c Release -nologo -v q -clp:ErrorsOnly >>"$log" 2>&1
harness="$repo/bench/Dashboard.Bench.Harness/bin/Release/net10.0/Dashboard.Bench.Harness"
mkdir -p "$WORK"

# A step that hangs is stopped (SIGTERM, which makes the harness kill its Prometheus; SIGKILL 30 s later) and the run
# goes on with the next step; its lines are simply missing from the results.
step() {
  local limit=$1; shift
  echo "== $* ($(date -u +%H:%M:%S))" >>"$log"
  if ! timeout --kill-after=30 "$limit" "$@" >>"$results" 2>>"$log"; then
    echo "step failed: $*" | tee -a "$log" >&2
  fi
}

# One function per measure, run once per side: SIDE is "peer" (Prometheus, lines prometheus_*) or "ours" (our store,
# lines ours_* named like Prometheus's, so the ratios step pairs them), on the same data sets.
p1() {
  local side=$1
  step 3600 "$harness" "$side-p1" --data synthetic --series "$P1_SERIES" --count "$P1_COUNT" --interval-ms "$P1_INTERVAL_MS" \
    --jitter-ms "$P1_JITTER_MS" --seed "$P1_SEED" --work "$WORK"
  if [ -f "$NODE_DUMP" ]; then
    step 3600 "$harness" "$side-p1" --data node --dump "$NODE_DUMP" --work "$WORK"
  else
    echo "$side P1 node: no dump at $NODE_DUMP (bench/peers/capture-node-exporter.sh makes it); skipped" | tee -a "$log" >&2
  fi
}

p2() {
  step 3600 "$harness" "$1-p2" --series "$P2_SERIES" --count "$P2_COUNT" --interval-ms "$P2_INTERVAL_MS" --seed "$P2_SEED" --work "$WORK"
}

# Our scrape path does not exist yet: ours-p3 measures the collection path (plugin writer → batch → store), collects fed
# back to back; its cpu_seconds_per_million_samples line shares Prometheus's name (so it gets a ratio) and says so in its unit.
p3() {
  step 1800 "$harness" "$1-p3" --series "$P3_SERIES" --seconds "$P3_SECONDS" --warmup-seconds "$P3_WARMUP" --seed "$P3_SEED" --work "$WORK"
}

recovery() {
  step 3600 "$harness" "$1-recovery" --series "$REC_SERIES" --count "$REC_COUNT" --interval-ms "$REC_INTERVAL_MS" --seed "$REC_SEED" \
    --work "$WORK"
}

ratios() {
  awk '
    $1 ~ /^ours_/       { ours[substr($1, 6) " " $2] = $3 }
    $1 ~ /^prometheus_/ { prom[substr($1, 12) " " $2] = $3 }
    END {
      for (key in ours) if ((key in prom) && prom[key] != 0) {
        split(key, part, " ")
        printf "ratio_%s %s %.6g ours/prometheus\n", part[1], part[2], ours[key] / prom[key]
      }
    }' "$results" | sort >>"$results"
}

for measure in $only; do
  "$measure" ours
  "$measure" peer
done
ratios
cat "$results"
