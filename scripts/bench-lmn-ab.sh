#!/usr/bin/env bash
# The LMN fast path of two grokscope binaries side by side (docs/performance.md): rounds alternate
# OLD, NEW (best kernels) and NEW with the AVX2 kernels forced (what AVX2-only CPUs run), all on one
# thread; prints the median wall and CPU ms per variant and N.
# Usage: scripts/bench-lmn-ab.sh OLD NEW [ROUNDS]. OLD may predate --lmn-threads (its 1-thread
# lines are taken from the 1- and 2-thread report).
set -euo pipefail
old=${1:?usage: scripts/bench-lmn-ab.sh OLD NEW [ROUNDS]}
new=${2:?usage: scripts/bench-lmn-ab.sh OLD NEW [ROUNDS]}
rounds=${3:-5}
export OPENBLAS_NUM_THREADS=1
for _ in $(seq "$rounds"); do
  "$old" bench --only lmn --skip-naive | grep ", 1 thread " | sed 's/^/old /'
  "$new" bench --only lmn --skip-naive --lmn-threads 1 | grep ", 1 thread " | sed 's/^/new /'
  "$new" bench --only lmn --skip-naive --lmn-threads 1 --lmn-kernel avx2 | grep ", 1 thread " | sed 's/^/new-avx2 /'
done | awk '
  { n = $3; sub(/N=/, "", n); sub(/,/, "", n); key = $1 " N=" n
    wall[key] = wall[key] " " $6; cpu[key] = cpu[key] " " $9; keys[key] = 1 }
  function median(list,   a, k, i, j, t) {
    k = split(list, a, " ")
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
  }
  END { for (key in keys) printf "%-22s median %7.1f ms wall, %7.1f ms CPU\n", key, median(wall[key]), median(cpu[key]) }
' | sort -t= -k2n -k1
