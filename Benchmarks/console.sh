#!/usr/bin/env bash
# The console's speed, with the release build:
#   1. start to first full frame (the project discovered and painted) on examples/shop, next to `sam --version`,
#      both under hyperfine in the same run, in a real terminal (a tmux pane);
#   2. redraw cost of the Deploy screen with 1,000 and with 100,000 events in the table, as callgrind instruction
#      counts of the frames alone (only visible rows are drawn, so both should cost the same);
#   3. CPU time an idle console uses over 30 s.
#   RUNS=30 IDLE_SECONDS=30 Benchmarks/console.sh
# Needs tmux, hyperfine (apt-get install hyperfine), valgrind, and sam (pip install aws-sam-cli).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-30}
IDLE_SECONDS=${IDLE_SECONDS:-30}
for tool in tmux hyperfine valgrind sam; do
    command -v "$tool" >/dev/null || { echo "console.sh: $tool is needed" >&2; exit 1; }
done
. scripts/lib.sh
quiet_build -c release --product kinetics-tui
bin=$PWD/.build/release/kinetics-tui
work=$(mktemp -d /tmp/kt-console-bench.XXXXXX)
socket="kt-console-bench-$$"
forget() { # forget SOCKET: end its tmux server and remove the socket file it leaves
    tmux -L "$1" kill-server 2>/dev/null || true
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$1"
}
cleanup() { forget "$socket"; rm -rf "$work"; }
trap cleanup EXIT

# hyperfine gives commands /dev/null as input, and the console needs its terminal: both commands get /dev/tty back
# through the same `sh -c` (about a millisecond each).
# No AWS to talk to: the identity lookup fails at once (port 9 refuses), as it does not count for the first frame.
aws_env="AWS_REGION=us-east-1 AWS_ENDPOINT_URL=http://127.0.0.1:9 AWS_ACCESS_KEY_ID=AKIAKINETICSBENCH000 AWS_SECRET_ACCESS_KEY=x \
AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null KINETICS_TUI_CACHE=$work/cache.sqlite"

echo "== 1. start to first full frame (examples/shop), and sam --version"
tmux -L "$socket" -f /dev/null new-session -d -s kt -x 120 -y 34 \
    "cd '$PWD' && env TERM=tmux-256color LANG=C.UTF-8 $aws_env hyperfine -N --warmup 3 --runs $RUNS --output=inherit \
       --export-markdown '$work/first-frame.md' \
       -n 'kinetics-tui (first full frame)' \"sh -c 'KT_EXIT_AFTER_FIRST_FRAME=1 exec $bin --project examples/shop </dev/tty'\" \
       -n 'sam --version' \"sh -c 'exec sam --version </dev/tty'\" 2>'$work/hyperfine.err'; echo finished >'$work/done'"
until [ -f "$work/done" ]; do sleep 0.5; done
cat "$work/first-frame.md" 2>/dev/null || tail -5 "$work/hyperfine.err"
echo

echo "== 2. redraw cost of the Deploy screen (160x48, scrolling one row per frame)"
cp "$bin" "$work/kinetics-tui-nodebug"
strip --strip-debug "$work/kinetics-tui-nodebug"
if valgrind --tool=none "$work/kinetics-tui-nodebug" render-bench --events 10 --frames 1 >/dev/null 2>&1; then
    for events in 1000 100000; do
        valgrind --tool=callgrind --callgrind-out-file="$work/cg.$events" --toggle-collect='*RenderBenchCommand*frame*' \
            "$work/kinetics-tui-nodebug" render-bench --events "$events" --frames 100 >/dev/null 2>"$work/cg.$events.log"
        total=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$work/cg.$events")
        echo "$events events: $total instructions for 100 frames = $((total / 100)) per frame (callgrind)"
    done
else
    # valgrind 3.19 (Debian bookworm) dies when Swift's task pool starts a thread (render-bench runs before any);
    # if it cannot run even that, time the frames instead (best of 7).
    echo "(valgrind cannot run this binary here: $(valgrind --version); timing the frames, best of 7 runs)"
    for events in 1000 100000; do
        best=""
        for _ in $(seq 1 7); do
            t=$("$bin" render-bench --events "$events" --frames 300 | sed -n 's/.*: \([0-9.e-]*\) seconds per frame.*/\1/p')
            best=$(python3 -c "import sys; a=[float(x) for x in sys.argv[1:] if x]; print(min(a))" $best $t)
        done
        echo "$events events: $(python3 -c "print(f'{$best*1e6:.0f}')") µs per frame"
    done
fi
echo

echo "== 3. CPU of an idle console over ${IDLE_SECONDS}s"
forget "$socket"
socket="$socket-idle"
tmux -L "$socket" -f /dev/null new-session -d -s kt -x 120 -y 34 \
    "env TERM=tmux-256color LANG=C.UTF-8 $aws_env '$bin' --project '$PWD/examples/shop'"
pid=""
for _ in $(seq 1 100); do
    pid=$(pgrep -f "^$bin --project $PWD/examples/shop" | head -1 || true)
    [ -n "$pid" ] && break
    sleep 0.1
done
sleep 3
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
before=$(ticks "$pid")
sleep "$IDLE_SECONDS"
after=$(ticks "$pid")
hz=$(getconf CLK_TCK)
echo "idle console: $(( (after - before) * 1000 / hz )) ms of CPU in ${IDLE_SECONDS}s (user+system, $((after - before)) ticks)"
tmux -L "$socket" send-keys -t kt q
