#!/usr/bin/env bash
# Sets up what is missing, builds kinetics-tui in release mode and opens the console on the example project,
# deploying to the local AWS: the shared one of `kinetics-tui local start` when it runs, else an embedded
# moto_server on a free loopback port that stops with the console. Safe to run again: setup and the build only
# do what is not done yet, and the console's history persists in the cache.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/lib.sh
quiet_build -c release --product kinetics-tui
exec .build/release/kinetics-tui --local --project examples/shop "$@"
