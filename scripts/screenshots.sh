#!/usr/bin/env bash
# Renders real captures of the console to PNG in screenshots/: the real binary in a 120x34 tmux window deploys a
# fresh copy of examples/shop to the shared local AWS (kinetics-tui local start), then a second environment
# whose artifact bucket is removed before its change set runs, then shows the project and the history.
# Captures are `tmux capture-pane -e` (ANSI), rendered by scripts/ansi2png.py (Pillow, DejaVu Sans Mono).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
python3 -c 'import PIL' 2>/dev/null || python3 -m pip install -q --disable-pip-version-check pillow
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ] || { echo "screenshots: apt-get install fonts-dejavu-core" >&2; exit 1; }
command -v tmux >/dev/null || { echo "screenshots: apt-get install tmux" >&2; exit 1; }

quiet_build --product kinetics-tui
bin="$(swift build --show-bin-path)/kinetics-tui"
work=$(mktemp -d /tmp/kt-screenshots.XXXXXX)
socket=""
export KINETICS_TUI_CACHE="$work/cache.sqlite" AWS_REGION=us-east-1
forget() { # forget SOCKET: end its tmux server and remove the socket file it leaves
    tmux -L "$1" kill-server 2>/dev/null || true
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$1"
}
cleanup() {
    [ -z "$socket" ] || forget "$socket"
    "$bin" local stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

# A copy without build output, so the deploy really builds.
mkdir -p "$work/shop"
tar -C examples/shop --exclude=./target -cf - . | tar -C "$work/shop" -xf -
"$bin" local start >/dev/null
endpoint=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["endpointURL"])' "$work/local-aws.json")

mkdir -p screenshots
say() { printf 'screenshots: %s\n' "$*" >&2; }

start() { # start ENV; each run gets its own tmux server
    [ -z "$socket" ] || forget "$socket"
    socket="kt-screenshots-$$-$1-$SECONDS"
    tmux -L "$socket" -f /dev/null new-session -d -s kt -x 120 -y 34 \
        "TERM=tmux-256color LANG=C.UTF-8 KINETICS_TUI_CACHE='$KINETICS_TUI_CACHE' AWS_REGION=us-east-1 '$bin' --local --project '$work/shop' --env $1; sleep 600"
}
screen() { tmux -L "$socket" capture-pane -p -t kt; }
keys() { tmux -L "$socket" send-keys -t kt "$@"; }
wait_for() { # wait_for SECONDS EXTENDED-REGEX
    local deadline=$((SECONDS + $1))
    until screen | grep -qE -- "$2"; do
        if [ $SECONDS -ge $deadline ]; then
            say "timed out waiting for /$2/; the screen was:"
            screen >&2
            exit 1
        fi
        sleep 0.2
    done
}
shot() { # shot NAME
    tmux -L "$socket" capture-pane -e -p -t kt >"$work/$1.ansi"
    python3 scripts/ansi2png.py "$work/$1.ansi" "screenshots/$1.png" --cols 120 --rows 34 --title "kinetics-tui — examples/shop"
    say "screenshots/$1.png"
}

say "deploying a fresh copy of examples/shop (a real cargo build) to the local AWS"
start dev
wait_for 60 'arn:aws:sts'
keys d
wait_for 900 'building +[^ ]+ +(3[5-9]|[4-8][0-9])%'
shot deploy-building
wait_for 900 'Execute on shop-dev\?'
shot deploy-change-set
keys y
wait_for 180 'Deployed ·'
shot deploy-succeeded
keys q
sleep 1

say "a staging deploy whose artifact bucket disappears before its change set runs"
start staging
wait_for 60 'arn:aws:sts'
keys d
wait_for 300 'Execute on shop-staging\?'
bucket=$(AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws --endpoint-url "$endpoint" s3api list-buckets \
    --query 'Buckets[].Name' --output text | tr '\t' '\n' | grep artifactbucket | head -1)
AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws --endpoint-url "$endpoint" s3 rb "s3://$bucket" --force >/dev/null
keys y
wait_for 180 'Deploy failed'
shot deploy-failed
keys q
sleep 1

say "the project and its history"
start dev
wait_for 60 'Deployed  [0-9a-f]'
keys j
sleep 0.5
shot project
keys 3
wait_for 30 'Sessions 2'
shot history
keys Enter
wait_for 30 'could not execute'
shot session
keys q
say "done"
