#!/usr/bin/env bash
# Installs what kinetics-tui needs on a Debian machine, and nothing when it is already there.
# System: ncursesw, libcurl (OpenSSL), OpenSSL, SQLite and libdeflate headers, tmux, zip, cargo.
# Python: moto[server] (the embedded local AWS), cfn-lint (template checks), cargo-lambda + ziglang (Lambda builds).
set -euo pipefail

say() { printf 'setup: %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_packages=(libncurses-dev libcurl4-openssl-dev libssl-dev libsqlite3-dev libdeflate-dev tmux zip unzip ncurses-term)
missing=()
for p in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v cargo >/dev/null 2>&1 || missing+=(cargo)
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi

pip_missing=()
command -v moto_server >/dev/null 2>&1 && python3 -c 'import flask_cors, moto.server' 2>/dev/null || pip_missing+=("moto[server]")
command -v cfn-lint >/dev/null 2>&1 || pip_missing+=(cfn-lint)
command -v cargo-lambda >/dev/null 2>&1 || pip_missing+=(cargo-lambda)
python3 -c 'import ziglang' 2>/dev/null || pip_missing+=(ziglang)
if [ ${#pip_missing[@]} -gt 0 ]; then
    say "installing ${pip_missing[*]} from PyPI"
    python3 -m pip install -q --disable-pip-version-check "${pip_missing[@]}"
    hash -r
fi

command -v swift >/dev/null 2>&1 || { say "Swift 6 is not on PATH; install it from swift.org (expected at /opt/swift/usr/bin)."; exit 1; }
