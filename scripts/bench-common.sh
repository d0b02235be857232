# Sourced by the bench scripts: resolves the binary, checks the tools, and makes a temp work folder and a
# private tmux socket that are removed on exit (the caller's shell then runs inside the work folder).
# bench_setup NAME [BINARY] -- TOOL...
bench_setup() {
    local name=$1 binary=${2:-.build/release/grokscope}
    shift 2
    [[ ${1:-} == -- ]] && shift
    BIN=$(realpath -m "$binary")
    [[ -x $BIN ]] || {
        echo "$name: no executable at $BIN (build it: swift build -c release --product grokscope)" >&2
        exit 2
    }
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "$name: '$tool' is missing (run the Makefile's setup)" >&2; exit 2; }
    done
    WORK=$(mktemp -d)
    SOCKET="$name-$$"
    trap 'tmux -L "$SOCKET" kill-server 2>/dev/null || true; rm -rf "$WORK"' EXIT
    cd "$WORK"
    export TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8
}
