#!/usr/bin/env bash
# Uploads the same file to the same local moto S3 with kinetics' uploader and with `aws s3 cp`, in alternation,
# and prints the medians and their ratio; then times process start → first signed request on the wire for
# kinetics-bench and for the AWS CLI.
#   RUNS=5 SIZE_MB=256 Benchmarks/upload-vs-aws-cli.sh
# Both uploaders use 8 MiB parts and 10 parts in flight (the AWS CLI's defaults).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
SIZE_MB=${SIZE_MB:-256}
command -v aws >/dev/null || { echo "the AWS CLI is needed: pip install awscli" >&2; exit 1; }

log=$(mktemp)
swift build -c release --product kinetics-bench >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
rm -f "$log"
bench=.build/release/kinetics-bench

work=$(mktemp -d)
cleanup() { exec 3>&- 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# The embedded local AWS, kept alive while fd 3 is open.
mkfifo "$work/ctl"
"$bench" local-aws <"$work/ctl" >"$work/local.out" &
exec 3>"$work/ctl"
for _ in $(seq 1 600); do grep -q endpoint= "$work/local.out" 2>/dev/null && break; sleep 0.1; done
endpoint=$(sed -n 's/.*endpoint=\([^ ]*\).*/\1/p' "$work/local.out")
[ -n "$endpoint" ] || { echo "moto did not start" >&2; exit 1; }
echo "moto: $(cat "$work/local.out")"

export AWS_ACCESS_KEY_ID=AKIAKINETICSBENCH000 AWS_SECRET_ACCESS_KEY=bench-secret AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE="$work/none" AWS_SHARED_CREDENTIALS_FILE="$work/none"
bucket=kinetics-bench
aws --endpoint-url "$endpoint" s3 mb "s3://$bucket" >/dev/null
head -c $((SIZE_MB << 20)) /dev/urandom >"$work/file.bin"

now() { date +%s%N; }
ours=() theirs=()
for i in $(seq 1 "$RUNS"); do
    t0=$(now); "$bench" upload --endpoint-url "$endpoint" --bucket "$bucket" --key "ours-$i" --part-size 8 --concurrency 10 "$work/file.bin" >/dev/null; t1=$(now)
    ours+=($(( (t1 - t0) / 1000000 )))
    t0=$(now); aws --endpoint-url "$endpoint" s3 cp "$work/file.bin" "s3://$bucket/aws-$i" --quiet; t1=$(now)
    theirs+=($(( (t1 - t0) / 1000000 )))
    aws --endpoint-url "$endpoint" s3 rm "s3://$bucket/ours-$i" --quiet
    aws --endpoint-url "$endpoint" s3 rm "s3://$bucket/aws-$i" --quiet
    echo "run $i: kinetics ${ours[-1]} ms, aws s3 cp ${theirs[-1]} ms"
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mo=$(median "${ours[@]}"); mt=$(median "${theirs[@]}")
awk -v o="$mo" -v t="$mt" -v s="$SIZE_MB" 'BEGIN {
    printf "upload %d MiB (median of runs): kinetics %.0f ms (%.1f MiB/s), aws s3 cp %.0f ms (%.1f MiB/s), aws/kinetics time ratio %.2f\n",
        s, o, s / (o / 1000), t, s / (t / 1000), t / o }'

# Process start → first signed request on the wire, measured by a listener that notes the arrival time.
first_request() {
    local out="$work/listener.out"
    python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
print(s.getsockname()[1], flush=True)
c, _ = s.accept(); data = c.recv(65536); t = time.time_ns()
signed = b"AWS4-HMAC-SHA256" in data
c.sendall(b"HTTP/1.1 400 Bad\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"); c.close()
print(t if signed else 0, flush=True)
' >"$out" &
    local listener=$!
    for _ in $(seq 1 100); do [ -s "$out" ] && break; sleep 0.02; done
    local port; port=$(head -1 "$out")
    local t0; t0=$(now)
    "$@" "http://127.0.0.1:$port" >/dev/null 2>&1 || true
    wait "$listener"
    local arrival; arrival=$(sed -n 2p "$out")
    echo $(( (arrival - t0) / 1000000 ))
}
ours_first=() aws_first=()
for _ in $(seq 1 "$RUNS"); do
    ours_first+=($(first_request "$bench" first-request --endpoint-url))
    aws_first+=($(first_request aws sts get-caller-identity --cli-connect-timeout 2 --cli-read-timeout 2 --endpoint-url))
done
echo "first signed request on the wire after process start (median): kinetics-bench $(median "${ours_first[@]}") ms, aws sts get-caller-identity $(median "${aws_first[@]}") ms"
