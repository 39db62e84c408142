#!/usr/bin/env bash
# Installs what tests and benchmarks need beyond the .NET SDK: Debian's prometheus 2.42 (and promtool),
# prometheus-node-exporter, nghttp2-client (h2load, for the HTTP/2 query benchmark P6), chromium (driven by Playwright
# in the browser sign-in tests; Playwright's own browser download is not used) and the npm packages of
# tests/js. Idempotent: each part is skipped when present.
set -euo pipefail
cd "$(dirname "$0")/.."

debian=(prometheus prometheus-node-exporter nghttp2-client chromium)
missing=()
for package in "${debian[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  # --no-install-recommends and policy-rc.d-free: the services are started by the tests themselves, on loopback.
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ -f tests/js/package.json ] && [ ! -d tests/js/node_modules ]; then
  (cd tests/js && npm ci --no-audit --no-fund --silent)
fi
