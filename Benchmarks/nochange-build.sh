#!/usr/bin/env bash
# The "nothing changed" run of `kinetics-tui build` on a copy of examples/shop, end to end as a process (start,
# plan, exit), next to the first run that builds everything; release build.
# Usage: Benchmarks/nochange-build.sh [RUNS] [BUILDER]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
builder=${2:-cargo}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

swift build -c release --product kinetics-tui >/dev/null
tool=$(swift build -c release --show-bin-path)/kinetics-tui
json="$PWD/Tests/KineticsCoreTests/Fixtures/Build/shop.project.json"
cp -R examples/shop "$work/shop"
rm -rf "$work/shop/target"
cd "$work/shop"

now() { date +%s.%N; }
t0=$(now); "$tool" build --builder "$builder" --plain --project-json "$json" >"$work/first.log"; t1=$(now)
printf 'first run (%s, cold target/): %.2fs — %s\n' "$builder" "$(awk "BEGIN {print $t1 - $t0}")" "$(tail -1 "$work/first.log")"
times=()
for i in $(seq "$runs"); do
    t0=$(now); "$tool" build --builder "$builder" --plain --project-json "$json" >"$work/run.log"; t1=$(now)
    times+=("$(awk "BEGIN {print $t1 - $t0}")")
done
grep -q "nothing to build" "$work/run.log"
median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
printf 'no-change run, whole process: median %.3fs over %s runs (%s)\n' "$median" "$runs" "$(tail -1 "$work/run.log")"
