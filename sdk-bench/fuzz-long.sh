#!/usr/bin/env bash
# Fuzzes every Jazzer @FuzzTest of the repository in turn, FUZZ_DURATION each (default 10m), with
# the fuzz-long Maven profile. Usage: sdk-bench/fuzz-long.sh [name-filter]
# A finding fails that run and leaves its input under the test's src/test/resources/...Inputs/.
set -uo pipefail
cd "$(dirname "$0")/.."
duration=${FUZZ_DURATION:-10m}
filter=${1:-}
failed=0
while IFS=: read -r file _ ; do
  module=${file%%/src/*}
  class=$(basename "$file" .java)
  for method in $(awk '/@FuzzTest/ { getline; if (match($0, /void [A-Za-z0-9_]+\(/)) print substr($0, RSTART + 5, RLENGTH - 6) }' "$file"); do
    target="$class#$method"
    [[ -n "$filter" && "$target" != *"$filter"* ]] && continue
    echo "== fuzzing $module $target for $duration"
    if ! mvn -B -q -Pfuzz-long -pl "$module" -am test -Dtqc.fuzz.duration="$duration" \
        -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false; then
      echo "!! $target found a problem (see the surefire report and the new input file)"
      failed=1
    fi
  done
done < <(grep -rl "@FuzzTest" --include='*.java' sdk-*/src/test/java | sed 's/$/:/')
exit $failed
