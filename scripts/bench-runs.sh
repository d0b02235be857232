#!/usr/bin/env bash
# Measures the runs table (`grokscope watch DIR`, docs/runs-table.md) on a generated folder of
# N finished runs × M evaluations each: time to the first frame with rows, time until every run is
# read (header says "N done"), resident memory, CPU per table redraw at 200×60 (median over sorts),
# and idle CPU afterwards. The folder lives in a temp dir and is deleted on exit.
# Usage: scripts/bench-runs.sh [path/to/grokscope]   (default .build/release/grokscope)
# Env: RUNS_N (default 1000), EVALS (default 2000), REPEAT (default 3), IDLE_SECONDS (default 10).
# Needs: tmux, python3, awk. Prints one line per measurement (medians of REPEAT launches).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"
N=${RUNS_N:-1000}
M=${EVALS:-2000}
REPEAT=${REPEAT:-3}
IDLE_SECONDS=${IDLE_SECONDS:-10}
bench_setup bench-runs "${1:-}" -- tmux python3 awk

# Each run memorizes at 10 % of its steps and (for 2 runs in 3) generalizes later, so rows have
# phases, delays and traces; every run ends "completed".
python3 - "$WORK/runs" "$N" "$M" <<'PY'
import json, os, sys
out, n, m = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(out)
for r in range(n):
    gen = None if r % 3 == 0 else int(m * (0.3 + 0.5 * (r % 7) / 7))
    lines = [json.dumps({"type": "header", "format": "grokscope/1", "run_id": f"run{r:04d}", "name": f"run{r:04d}",
                         "task": "add mod 31", "total_steps": m * 10, "start_time": 0.0, "producer": "bench-runs"},
                        separators=(",", ":"))]
    for i in range(m):
        train = 1.0 if i >= m // 10 else 0.5
        test = 1.0 if gen is not None and i >= gen else 0.1
        lines.append('{"type":"eval","step":%d,"time":%.2f,"train_loss":%.6f,"test_loss":%.6f,"train_acc":%.4f,'
                     '"test_acc":%.4f,"l2":%.5f,"lmn":%.6f}' % (i * 10, i * 0.01, 1 - train + 1e-3 * (i % 5),
                     2 - test, train, test, 30 - i / m, 10 - 5 * i / m + 1e-3 * (r % 11)))
    lines.append(json.dumps({"type": "end", "step": (m - 1) * 10, "status": "completed"}, separators=(",", ":")))
    with open(os.path.join(out, f"run{r:04d}.ndjson"), "w") as f:
        f.write("\n".join(lines) + "\n")
PY
echo "bench-runs: $N runs x $M evaluations, $(du -sm "$WORK/runs" | cut -f1) MB"

now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
screen() { tmux -L "$SOCKET" capture-pane -p -t bench; }
wait_for() {  # $1 grep pattern, $2 deadline seconds
    local deadline=$(($(date +%s) + $2))
    until screen 2>/dev/null | grep -q -- "$1"; do
        tmux -L "$SOCKET" has-session -t bench 2>/dev/null || { echo "bench-runs: grokscope exited early" >&2; exit 1; }
        (($(date +%s) < deadline)) || { echo "bench-runs: timed out waiting for '$1'" >&2; screen >&2; exit 1; }
        sleep 0.02
    done
}

: >first; : >all; : >rss; : >idle; : >redraw
for ((i = 1; i <= REPEAT; i++)); do
    sync; tmux -L "$SOCKET" kill-server 2>/dev/null || true
    start=$(now)
    tmux -L "$SOCKET" new-session -d -s bench -x 200 -y 60 "exec $(printf %q "$BIN") watch $(printf %q "$WORK/runs")"
    pid=$(tmux -L "$SOCKET" display -p -t bench '#{pane_pid}')
    wait_for "run0000" 120
    echo "$(now) - $start" | bc -l >>first
    wait_for " $N done" 600
    echo "$(now) - $start" | bc -l >>all
    sleep 1  # let the last frame settle before idling
    awk '/VmRSS/ { print $2 / 1024 }' "/proc/$pid/status" >>rss
    t0=$(ticks "$pid"); sleep "$IDLE_SECONDS"; t1=$(ticks "$pid")
    echo "($t1 - $t0) / $hz / $IDLE_SECONDS * 100" | bc -l >>idle
    # Redraw cost: CPU for 20 sort changes (each recomputes and sorts all rows and draws 200×60).
    t0=$(ticks "$pid")
    for ((k = 0; k < 20; k++)); do tmux -L "$SOCKET" send-keys -t bench r; sleep 0.15; done
    t1=$(ticks "$pid")
    echo "($t1 - $t0) / $hz / 20 * 1000" | bc -l >>redraw
    tmux -L "$SOCKET" send-keys -t bench q
done
printf 'runs: first frame with rows %.2f s, all %d runs read %.2f s (200x60, median of %d)\n' \
    "$(median <first)" "$N" "$(median <all)" "$REPEAT"
printf 'runs: resident memory after reading %.0f MB\n' "$(median <rss)"
printf 'runs: idle CPU %.2f %% of a core over %d s (ticks of 1/%d s)\n' "$(median <idle)" "$IDLE_SECONDS" "$hz"
printf 'runs: CPU per redraw after a sort key at 200x60 %.1f ms\n' "$(median <redraw)"
