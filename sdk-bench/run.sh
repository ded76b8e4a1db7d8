#!/usr/bin/env bash
# Runs the whole JMH suite once and writes, under sdk-bench/target/jmh/:
#   results.json  JMH's own result file (-rf json, with -prof gc allocation figures)
#   results.md    the ratio table (Summary) plus the machine and its load average during the run
#   jmh.log       JMH's console output
# Extra arguments go to JMH, e.g. a quick development run:
#   sdk-bench/run.sh -f 1 -wi 1 -i 2 -w 1s -r 1s 'RelayBenchmark'
# Set SKIP_BUILD=1 to reuse an existing sdk-bench/target/benchmarks.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -DskipTests package -pl sdk-bench -am
fi
out=sdk-bench/target/jmh
mkdir -p "$out"
jar=sdk-bench/target/benchmarks.jar

# Sample the 1-minute load average every 10 s while JMH runs.
: > "$out/load.txt"
( while true; do cut -d' ' -f1 /proc/loadavg >> "$out/load.txt"; sleep 10; done ) &
sampler=$!
trap 'kill "$sampler" 2>/dev/null || true' EXIT

started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
java -jar "$jar" -prof gc -rf json -rff "$out/results.json" "$@" 2>&1 | tee "$out/jmh.log"
finished=$(date -u +%Y-%m-%dT%H:%M:%SZ)
kill "$sampler" 2>/dev/null || true

{
  echo "# TQC benchmark summary"
  echo
  echo "Run from $started to $finished. Command: \`sdk-bench/run.sh $*\`"
  echo
  java -cp "$jar" io.tqc.bench.Summary "$out/results.json"
  echo
  echo "## Machine"
  echo
  echo '```'
  lscpu | grep -E '^(Model name|CPU\(s\)|Thread|Core|Socket|CPU max MHz|L3)' || true
  java -version 2>&1
  awk '{ s += $1; if (min == "" || $1 < min) min = $1; if ($1 > max) max = $1 }
       END { if (NR) printf "load average (1 min) during the run: mean %.2f, min %.2f, max %.2f over %d samples\n", s / NR, min, max, NR }' \
    "$out/load.txt"
  echo '```'
} > "$out/results.md"
echo "wrote $out/results.json and $out/results.md"
