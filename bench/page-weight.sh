#!/usr/bin/env bash
# Page weight and first render (BENCHMARKS.md, "Page weight"; ADR 0270):
#
#   bench/page-weight.sh [--runs 3]
#
# Runs PageWeightTest (a real node on loopback, Debian's headless Chromium with its cache off) and
# prints its table, server/target/page-weight.txt: per page the bytes transferred with everything it
# loads (Resource Timing transferSize), the document alone, the number of subresources, and first
# contentful paint in milliseconds. The test asserts the 100 KB limit; first paint is only measured
# here. With --runs N the test runs N times and every table is printed (the first run of a fresh JVM
# is the slowest). Needs chromium and chromium-driver (as .ci/run installs them).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=1
while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    *) echo "usage: bench/page-weight.sh [--runs N]" >&2; exit 2 ;;
  esac
done

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) CPUs, $(chromium --version 2>/dev/null || echo chromium)"
for ((i = 1; i <= runs; i++)); do
  log=server/target/page-weight-run.log
  mkdir -p server/target
  if ! ./mvnw -o -q -pl server -am test -Dtest=PageWeightTest \
    -Dsurefire.failIfNoSpecifiedTests=false > "$log" 2>&1; then
    tail -40 "$log" >&2
    exit 1
  fi
  echo "## run $i"
  cat server/target/page-weight.txt
done
