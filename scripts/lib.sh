# Shared by the scripts: quiet builds that still show every error and warning of our own code.
quiet_build() {
    local log
    log=$(mktemp)
    if ! swift build "$@" >"$log" 2>&1; then
        grep -vE '^\[[0-9]+/[0-9]+\]' "$log" >&2
        rm -f "$log"
        return 1
    fi
    grep -E '(error|warning): ' "$log" | grep -v '/.build' | grep -v 'unhandled; explicitly declare' >&2 || true
    rm -f "$log"
}
