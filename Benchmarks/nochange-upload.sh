#!/usr/bin/env bash
# The "nothing changed" run of `kinetics-tui upload --local` on a copy of examples/shop, end to end as a process
# (start, discover, plan, HeadObject of every artifact, exit), next to the first run that builds, creates the
# bootstrap stack and uploads everything; against the shared local AWS of `kinetics-tui local start`; release build.
# Usage: Benchmarks/nochange-upload.sh [RUNS] [BUILDER]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
builder=${2:-cargo}
work=$(mktemp -d)
export KINETICS_TUI_CACHE="$work/state/cache.sqlite"

swift build -c release --product kinetics-tui >/dev/null
tool=$(swift build -c release --show-bin-path)/kinetics-tui
trap '"$tool" local stop >/dev/null; rm -rf "$work"' EXIT
cp -R examples/shop "$work/shop"
rm -rf "$work/shop/target"
"$tool" local start >/dev/null
cd "$work/shop"

now() { date +%s.%N; }
t0=$(now); "$tool" upload --local --builder "$builder" --plain >"$work/first.log"; t1=$(now)
printf 'first run (%s, cold target/, new bootstrap stack): %.2fs — %s\n' "$builder" "$(awk "BEGIN {print $t1 - $t0}")" "$(tail -1 "$work/first.log")"
times=()
for i in $(seq "$runs"); do
    t0=$(now); "$tool" upload --local --builder "$builder" --plain >"$work/run.log"; t1=$(now)
    times+=("$(awk "BEGIN {print $t1 - $t0}")")
done
grep -q "nothing to build or upload" "$work/run.log"
if grep -q "uploaded " "$work/run.log"; then echo "a no-change run uploaded something" >&2; exit 1; fi
sorted=$(printf '%s\n' "${times[@]}" | sort -g)
median=$(echo "$sorted" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
printf 'no-change run, whole process: median %.3fs, min %.3fs, max %.3fs over %s runs (%s)\n' "$median" \
    "$(echo "$sorted" | head -1)" "$(echo "$sorted" | tail -1)" "$runs" "$(tail -1 "$work/run.log")"
