#!/usr/bin/env bash
# Runs every test of the solution and ends with the line "N passed, N failed".
# Installs what the tests need beyond the .NET SDK (Debian's prometheus, the npm packages of tests/js) first.
set -uo pipefail
cd "$(dirname "$0")"

if ! ./scripts/install-deps.sh; then
  echo "installing test dependencies failed"
  echo "0 passed, 1 failed"
  exit 1
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

dotnet build Dashboard.sln -c Release -nologo -v quiet -clp:ErrorsOnly
build=$?
if [ $build -ne 0 ]; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit $build
fi

dotnet test Dashboard.sln -c Release --no-build -nologo --logger "trx" --results-directory "$results" "$@"
status=$?

# Count from the TRX files rather than the console, so a crashed test host still shows in the totals.
passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  count() { local v; v=$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"); echo "${v:-0}"; }
  passed=$((passed + $(count passed)))
  failed=$((failed + $(count failed) + $(count error) + $(count timeout) + $(count aborted)))
done
if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then
  failed=1
fi
echo "${passed:-0} passed, ${failed:-0} failed"
exit $status
