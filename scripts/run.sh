#!/usr/bin/env bash
# Sets everything up, builds kinetics-tui in release mode and opens it on the example project,
# deploying against an embedded local AWS (a moto_server on a free loopback port).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/lib.sh
quiet_build -c release --product kinetics-tui
exec .build/release/kinetics-tui discover --project examples/shop "$@"
