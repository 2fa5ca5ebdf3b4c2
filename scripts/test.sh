#!/usr/bin/env bash
# Sets everything up and runs the whole test suite: unit tests, and integration tests against a real
# moto_server, real cargo builds, real SQLite files and the real binary under tmux.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/lib.sh
quiet_build --build-tests
# The release build scripts/run.sh opens (optimisation has crashed the compiler where debug did not).
quiet_build -c release --product kinetics-tui
exec swift test --skip-build "$@"
