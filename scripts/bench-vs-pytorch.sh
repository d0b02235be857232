#!/usr/bin/env bash
# Training speed against PyTorch CPU on the same model and optimizer (scripts/bench-pytorch.py),
# measured side by side: rounds alternate grokscope and PyTorch so both see the same machine load.
# Reports the ratio of medians per wall second and per CPU second (the latter is the fairer one on
# a shared machine). Usage: scripts/bench-vs-pytorch.sh BIN [ROUNDS]. Skips when torch is missing.
set -euo pipefail
bin=${1:?usage: scripts/bench-vs-pytorch.sh BIN [ROUNDS]}
rounds=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
if ! python3 -c 'import torch' 2>/dev/null; then
  echo "train vs PyTorch                  skipped: torch is not importable (pip install torch)"
  exit 0
fi
# The thread count grokscope trains with by default on this CPU; PyTorch gets the same.
threads=$("$bin" bench --only kernel | sed -n 's/.*default \([0-9]*\) training thread.*/\1/p')
threads=${threads:-1}
ours_wall=() ours_cpu=() theirs_wall=() theirs_cpu=()
for _ in $(seq "$rounds"); do
  read -r wall cpu < <("$bin" bench --only train-rate --threads "$threads")
  ours_wall+=("$wall") ours_cpu+=("$cpu")
  read -r wall cpu < <(python3 "$here/bench-pytorch.py" --threads "$threads" --repetitions 1 --quiet)
  theirs_wall+=("$wall") theirs_cpu+=("$cpu")
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
report() {  # label ours theirs
  printf '%-34s%s\n' "$1" "grokscope $2 vs PyTorch $3 steps/s: $(awk -v a="$2" -v b="$3" 'BEGIN {printf "%.2f", a / b}')×"
}
report "train vs PyTorch, wall" "$(median "${ours_wall[@]}")" "$(median "${theirs_wall[@]}")"
report "train vs PyTorch, CPU time" "$(median "${ours_cpu[@]}")" "$(median "${theirs_cpu[@]}")"
echo "(paper-add, $threads thread(s) each, medians of $rounds alternating rounds; target ≥ 2.5×)"
