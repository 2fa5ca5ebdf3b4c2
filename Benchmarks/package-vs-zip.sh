#!/usr/bin/env bash
# Packaging throughput: kinetics-tui's deterministic zip (deflate level 6 + CRC-32 + SHA-256 of the zip) against
# `zip -X -q -6` on the same 100 MB bootstrap-like file, alternating, several runs; prints medians and the ratio.
# Usage: Benchmarks/package-vs-zip.sh [RUNS]   (builds kinetics-bench in release mode first)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

swift build -c release --product kinetics-bench >/dev/null
bench=$(swift build -c release --show-bin-path)/kinetics-bench

# 80 MB of real ELF code (the toolchain's binaries, repeated as needed) and 20 MB of random bytes, like a large
# Rust binary with embedded data.
input="$work/bootstrap"
elves=$(find /usr/bin /opt/swift/usr/bin /root/.cargo/bin -maxdepth 1 -type f -size +1M 2>/dev/null | sort | head -40)
while [ "$(stat -c %s "$input" 2>/dev/null || echo 0)" -lt 83886080 ]; do
    for f in $elves; do head -c 4194304 "$f" >>"$input"; done
done
truncate -s 83886080 "$input"
head -c 20971520 /dev/urandom >>"$input"
chmod 755 "$input"
printf 'input: %s bytes (80 MB ELF code + 20 MB random), %s runs each, %s cores\n' "$(stat -c %s "$input")" "$runs" "$(nproc)"

# bash's `time` gives wall and CPU (user + sys) seconds; on a shared machine CPU time is the steadier figure.
TIMEFORMAT='%R %U %S'
measure() { { time "$@" >/dev/null; } 2>&1 | awk '{printf "%s %.3f\n", $1, $2 + $3}'; }
ours=(); theirs=(); ours_cpu=(); theirs_cpu=()
for i in $(seq "$runs"); do
    read -r wall cpu < <(measure "$bench" package "$input" --output "$work/ours.zip" --level 6)
    ours+=("$wall"); ours_cpu+=("$cpu")
    rm -f "$work/zip.zip"
    read -r wall cpu < <(cd "$work" && measure zip -X -q -6 zip.zip bootstrap)
    theirs+=("$wall"); theirs_cpu+=("$cpu")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m_ours=$(median "${ours[@]}"); m_zip=$(median "${theirs[@]}")
c_ours=$(median "${ours_cpu[@]}"); c_zip=$(median "${theirs_cpu[@]}")
printf 'load average after: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'kinetics-bench package: wall median %.3fs (runs: %s), CPU median %.3fs, zip %s bytes\n' "$m_ours" "${ours[*]}" "$c_ours" "$(stat -c %s "$work/ours.zip")"
printf 'zip -X -q -6:           wall median %.3fs (runs: %s), CPU median %.3fs, zip %s bytes\n' "$m_zip" "${theirs[*]}" "$c_zip" "$(stat -c %s "$work/zip.zip")"
printf 'ratio zip/ours: wall %.2fx, CPU %.2fx\n' "$(awk "BEGIN {print $m_zip / $m_ours}")" "$(awk "BEGIN {print $c_zip / $c_ours}")"
unzip -tq "$work/ours.zip" >/dev/null && echo "ours.zip: unzip -t OK"
