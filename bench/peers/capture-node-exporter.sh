#!/usr/bin/env bash
# Records real data for the storage benchmarks: Debian's prometheus-node-exporter scraped every second by
# Prometheus 2.42 for DURATION seconds (default 3600), then dumped by promtool as "labels value timestamp" lines.
# Both stores are later fed exactly these samples. Usage: capture-node-exporter.sh OUT_DIR [DURATION_SECONDS]
set -euo pipefail
out=$(realpath -m "$1"); duration=${2:-3600}
mkdir -p "$out"
"$(dirname "$0")/../../scripts/install-deps.sh"

exporter_port=19100; prom_port=19090
cat > "$out/prometheus.yml" <<YAML
global: { scrape_interval: 1s, scrape_timeout: 1s }
scrape_configs:
  - job_name: node
    static_configs: [ { targets: ["127.0.0.1:$exporter_port"] } ]
YAML

prometheus-node-exporter --web.listen-address="127.0.0.1:$exporter_port" >"$out/exporter.log" 2>&1 &
exporter=$!
prometheus --config.file="$out/prometheus.yml" --storage.tsdb.path="$out/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" >"$out/prometheus.log" 2>&1 &
prom=$!
trap 'kill $exporter $prom 2>/dev/null || true' EXIT

sleep "$duration"
kill -TERM $prom; wait $prom || true
kill $exporter || true
# A clean shutdown leaves the samples in the head and its WAL; promtool reads both.
promtool tsdb dump "$out/tsdb" >"$out/node-exporter.dump"
wc -l "$out/node-exporter.dump" >"$out/done"
