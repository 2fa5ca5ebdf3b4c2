#!/usr/bin/env bash
# `kinetics-tui deploy` of a copy of examples/shop against a moto_server started here: the first deploy (cold build,
# bootstrap bucket, uploads, change set, execution), then redeploys with nothing changed — wall time of the whole
# process and the number of AWS calls each made (moto's request log). Release build.
# Usage: Benchmarks/redeploy.sh [RUNS] [BUILDER]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
builder=${2:-cargo}
work=$(mktemp -d)
swift build -c release --product kinetics-tui >/dev/null
tool=$(swift build -c release --show-bin-path)/kinetics-tui
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
moto_server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto=$!
trap 'kill $moto 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -s "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done

export AWS_ACCESS_KEY_ID=AKIAKINETICSBENCH000 AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1 \
    AWS_ENDPOINT_URL="http://127.0.0.1:$port" KINETICS_TUI_CACHE="$work/cache/cache.sqlite" \
    AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
cp -R examples/shop "$work/shop"
rm -rf "$work/shop/target"

now() { date +%s.%N; }
calls() { grep -c '" [0-9][0-9][0-9] ' "$work/moto.log" || true; }
c0=$(calls); t0=$(now)
"$tool" deploy --project "$work/shop" --yes --json --builder "$builder" >"$work/first.log"
t1=$(now); c1=$(calls)
grep -q '"event":"finished".*"status":"succeeded"' "$work/first.log"
printf 'first deploy (cold build, bucket, 5 uploads, change set): %.2fs, %d AWS calls\n' "$(awk "BEGIN {print $t1 - $t0}")" $((c1 - c0))

times=()
for _ in $(seq "$runs"); do
    c0=$(calls); t0=$(now)
    "$tool" deploy --project "$work/shop" --yes --json --builder "$builder" >"$work/run.log"
    t1=$(now); c1=$(calls)
    times+=("$(awk "BEGIN {print $t1 - $t0}")")
    n=$((c1 - c0))
done
grep -q '"event":"finished".*"status":"skipped"' "$work/run.log"
if grep -q '"event":"changeSetCreating"\|"event":"executing"' "$work/run.log"; then echo "a no-change redeploy wrote to CloudFormation" >&2; exit 1; fi
median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
printf 'no-change redeploy, whole process: median %.3fs over %s runs, %d AWS call(s), no CloudFormation write\n' "$median" "$runs" "$n"
