#!/usr/bin/env bash
# Runs Mailvault's benchmarks and writes their results section (see BENCHMARKS.md):
#   bench/run.sh [--quick] [--out FILE]
# Builds bench/target/benchmarks.jar first when it is missing or older than a source or pom.
# Vault files go under $MAILVAULT_BENCH_DIR (default bench/target/bench-data, a real disk) and are
# deleted after each benchmark. A full run takes about five minutes on two cores.
set -euo pipefail

cd "$(dirname "$0")/.."
jar=bench/target/benchmarks.jar

if [[ ! -f $jar ]] \
    || [[ -n $(find pom.xml core store directory bench -newer "$jar" \
               \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) \
               -print -quit) ]]; then
  echo "Building $jar ..." >&2
  ./mvnw -q -B -DskipTests -pl bench -am package
fi

export MAILVAULT_BENCH_DIR=${MAILVAULT_BENCH_DIR:-$PWD/bench/target/bench-data}
mkdir -p "$MAILVAULT_BENCH_DIR"

args=(--out bench/target/results.md)
corpus=${MAILVAULT_CORPUS:-core/src/test/resources/mime-corpus}
if [[ -d $corpus ]]; then
  args+=(--corpus "$corpus")
fi
exec java -cp "$jar" dev.mailvault.bench.BenchmarkReport "${args[@]}" "$@"
