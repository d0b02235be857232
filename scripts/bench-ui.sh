#!/usr/bin/env bash
# Measures what the live dashboard costs, against the targets of the UI performance issue:
#   - training speed with the dashboard ≥ 90% of headless (same preset and steps),
#   - ≤ 20 KB/s written to a 120×40 terminal while following a live run, ≤ 10 frames/s,
#   - ≤ 1% CPU and no output while idle (a finished run, a paused replay, a watched finished file).
# Usage: scripts/bench-ui.sh [path/to/grokscope]   (default .build/release/grokscope)
# Env: RUNS (interleaved live/headless pairs, default 3), STEPS (default 3000), IDLE_SECONDS (default 10).
# Needs: script (bsdutils), tmux, awk. Prints one line per measurement; ratios only, no absolute claims.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"
RUNS=${RUNS:-3}
STEPS=${STEPS:-3000}
IDLE_SECONDS=${IDLE_SECONDS:-10}
bench_setup bench-ui "${1:-}" -- script tmux awk
unset NO_COLOR
RUN_ARGS=(run --preset paper-add --steps "$STEPS" --lmn-every 0)

now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# Training steps/s on the producer's own clock (eval records: step, time), from a --log stream.
stream_rate() {
    awk -F'[:,]' '/"type":"eval"/ {
        for (i = 1; i < NF; i++) { if ($i == "\"step\"") s = $(i + 1); if ($i == "\"time\"") t = $(i + 1) }
        if (!n++) { s0 = s; t0 = t } s1 = s; t1 = t
    } END { if (t1 > t0) printf "%.3f\n", (s1 - s0) / (t1 - t0); else print "nan" }' "$1"
}
# CPU seconds (user + system) of a process so far.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"; }

# 1. Live (in a 120×40 pty via script) vs headless, interleaved so machine load affects both alike.
: >wall-live; : >wall-headless; : >cpu-live; : >cpu-headless; : >rate-live; : >rate-headless; : >kbps; : >fps
printf -v live_cmd '%q ' "$BIN" "${RUN_ARGS[@]}" --exit-on-finish --log live.ndjson
TIMEFORMAT='%R %U %S'  # bash's `time`: wall, user and system seconds of the command and its children
for ((i = 1; i <= RUNS; i++)); do
    { time "$BIN" "${RUN_ARGS[@]}" --headless --log headless.ndjson >/dev/null; } 2>time-headless
    { time script -q -e --timing=timing -c "stty cols 120 rows 40; $live_cmd" /dev/null </dev/null >screen.bin; } 2>time-live
    for mode in headless live; do
        read -r wall user sys <"time-$mode"
        echo "$wall" >>"wall-$mode"
        echo "$user + $sys" | bc -l >>"cpu-$mode"
        stream_rate "$mode.ndjson" >>"rate-$mode"
    done
    read -r wall _ <time-live
    echo "$(stat -c %s screen.bin) / $wall / 1000" | bc -l >>kbps
    # A frame is one burst of output: reads separated by >= 20 ms (curses writes a frame at once).
    # Frames/s from the first to the last frame: the first burst (terminal setup) and the last
    # (terminal restore, summary) are left out.
    awk '{ t += $1 } $1 >= 0.02 { start[++n] = t - $1 }
         END { if (n > 4) printf "%.2f\n", (n - 3) / (start[n - 1] - start[2]); else print "nan" }' timing >>fps
done
printf 'ui: wall time headless %.2f s, live %.2f s (median of %d)\n' "$(median <wall-headless)" "$(median <wall-live)" "$RUNS"
printf 'ui: steps/s live/headless (wall time, whole process) %.2f (target ≥ 0.90)\n' \
    "$(echo "$(median <wall-headless) / $(median <wall-live)" | bc -l)"
printf 'ui: steps/s live/headless (stream clock, training only) %.2f (target ≥ 0.90)\n' \
    "$(echo "$(median <rate-live) / $(median <rate-headless)" | bc -l)"
printf 'ui: CPU seconds live/headless (live includes the pty relay) %.2f (for information)\n' \
    "$(echo "$(median <cpu-live) / $(median <cpu-headless)" | bc -l)"
printf 'ui: terminal output while following a live run at 120x40 %.1f KB/s (target ≤ 20)\n' "$(median <kbps)"
printf 'ui: frames/s while following a live run %.1f (target ≤ 10)\n' "$(median <fps)"

# 2. Idle: the dashboard stays up in a detached 120×40 tmux pane; CPU and bytes over IDLE_SECONDS.
# $1 label, $2 shell command for the pane, $3 readiness check (shell), $4 keys to send once ready.
measure_idle() {
    local label=$1 command=$2 ready=$3 keys=$4
    tmux -L "$SOCKET" kill-server 2>/dev/null || true
    rm -f idle.bin
    tmux -L "$SOCKET" -f /dev/null new-session -d -x 120 -y 40 "exec $command"
    local pid
    pid=$(tmux -L "$SOCKET" list-panes -F '#{pane_pid}')
    for ((w = 0; w < 600; w++)); do
        eval "$ready" && break
        sleep 0.1
    done
    eval "$ready" || { echo "ui: idle $label: never became ready" >&2; return 1; }
    [[ -n $keys ]] && tmux -L "$SOCKET" send-keys "$keys"
    sleep 1.5  # the last frames (final record, status line) settle
    tmux -L "$SOCKET" pipe-pane -o 'cat >> idle.bin'
    local c0 c1 t0 t1
    c0=$(cpu_seconds "$pid"); t0=$(now)
    sleep "$IDLE_SECONDS"
    c1=$(cpu_seconds "$pid"); t1=$(now)
    tmux -L "$SOCKET" pipe-pane
    local bytes=0
    [[ -f idle.bin ]] && bytes=$(stat -c %s idle.bin)
    printf 'ui: idle CPU (%s) %.2f%% (target ≤ 1%%), output %.0f B/s (target 0: redraw only on change)\n' \
        "$label" "$(echo "100 * ($c1 - $c0) / ($t1 - $t0)" | bc -l)" "$(echo "$bytes / ($t1 - $t0)" | bc -l)"
    tmux -L "$SOCKET" send-keys q
    sleep 0.3
    tmux -L "$SOCKET" kill-server 2>/dev/null || true
}
printf -v idle_cmd '%q ' "$BIN" "${RUN_ARGS[@]}" --log idle.ndjson
rm -f idle.ndjson
measure_idle "finished live run" "$idle_cmd" "grep -q '\"type\":\"end\"' idle.ndjson 2>/dev/null" ""
printf -v watch_cmd '%q ' "$BIN" watch idle.ndjson
measure_idle "watching a finished file" "$watch_cmd" "true" ""
printf -v replay_cmd '%q ' "$BIN" replay idle.ndjson --speed 1
measure_idle "paused replay" "$replay_cmd" "true" " "
