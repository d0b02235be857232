#!/usr/bin/env python3
"""LMN cost in Python at N = 128 on the paper net's tail (100 → SiLU → 100 → 31 from the first hidden
layer), float64, one core. Prints the median of several runs of each path, measured side by side:

    OPENBLAS_NUM_THREADS=1 python3 python/benchmarks/bench_lmn.py [--runs 5] [--naive-runs 1] [--against REV]

- ``fast``: ``grokscope.lmn`` on a ``grokscope.Tail`` (``grokscope.segments``: SiLU by an exp
  recurrence along each segment, preallocated cache-sized buffers);
- ``entered``: the previous fast path, still used for PyTorch tails: enter after the first affine
  layer, interpolate the pre-activations, call the rest of the tail per block (same 1520-row blocks);
- ``callable``: ``grokscope.lmn`` on a plain Python function of the same tail (no shortcut);
- ``naive``: ``grokscope.naive``, the definition one pair at a time (the tests' reference).
``--against REV`` also times ``grokscope.lmn`` of the package as committed at git revision REV (exported
to a temporary folder), alternating with the others: old against new on the same machine minutes.
The target for ``fast`` is ≤ 200 ms (docs: python/README.md). Not a test: the machine may be busy.
"""

import argparse
import importlib
import os
import statistics
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy loads BLAS: one core
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
import grokscope  # noqa: E402


def paper_tail(rng: np.random.Generator) -> grokscope.Tail:
    """PyTorch-style init U(±1/√fan_in), float32 weights widened to float64 as the engine does."""
    def linear(outputs: int, inputs: int):
        bound = 1 / np.sqrt(inputs)
        return (rng.uniform(-bound, bound, (outputs, inputs)).astype(np.float32).astype(np.float64),
                rng.uniform(-bound, bound, outputs).astype(np.float32).astype(np.float64))
    return grokscope.Tail.mlp([linear(100, 100), linear(31, 100)], "silu")


class Entered:
    """The tail without ``segments``: ``lmn`` takes the entered-after-the-first-affine-layer path."""

    first_is_affine = True
    preferred_block_rows = grokscope.Tail.preferred_block_rows

    def __init__(self, tail: grokscope.Tail) -> None:
        self.tail = tail
        self.enter_after_first_affine = tail.enter_after_first_affine

    def __call__(self, x):
        return self.tail(x)


def package_at(revision: str):
    """``grokscope`` as committed at ``revision``, imported under another name from a temporary folder."""
    root = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True,
                          cwd=os.path.dirname(os.path.abspath(__file__))).stdout.strip()
    folder = tempfile.mkdtemp(prefix="grokscope-at-")
    target = os.path.join(folder, "grokscope_at_revision")
    os.makedirs(target)
    names = subprocess.run(["git", "ls-tree", "--name-only", revision, "python/src/grokscope/"], cwd=root,
                           capture_output=True, text=True, check=True).stdout.split()
    for name in names:
        if name.endswith(".py"):
            text = subprocess.run(["git", "show", f"{revision}:{name}"], cwd=root, capture_output=True, text=True,
                                  check=True).stdout
            with open(os.path.join(target, os.path.basename(name)), "w") as handle:
                handle.write(text)
    sys.path.insert(0, folder)
    return importlib.import_module("grokscope_at_revision")


def timed(functions, runs: int) -> "list[tuple[float, float, float]]":
    """Per function: median wall time, median CPU time of this process (less sensitive to a busy
    machine), value. The functions alternate within each round, so they see the same machine."""
    walls = [[] for _ in functions]
    cpus = [[] for _ in functions]
    values = [float("nan")] * len(functions)
    for _ in range(runs):
        for k, function in enumerate(functions):
            start, cpu = time.perf_counter(), time.process_time()
            values[k] = function()
            walls[k].append(time.perf_counter() - start)
            cpus[k].append(time.process_time() - cpu)
    return [(statistics.median(w), statistics.median(c), v) for w, c, v in zip(walls, cpus, values)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--probes", type=int, default=128)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--naive-runs", type=int, default=1)
    parser.add_argument("--against", metavar="REV", help="also time grokscope.lmn as committed at this git revision")
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    tail = paper_tail(rng)
    # First-hidden-layer outputs of a SiLU layer: mostly positive, spread like the paper net's.
    z = rng.standard_normal((args.probes, 100)) * 1.5
    probes = z / (1 + np.exp(-z))

    functions = [lambda: grokscope.lmn(tail, probes), lambda: grokscope.lmn(Entered(tail), probes),
                 lambda: grokscope.lmn(lambda x: tail(x), probes)]
    if args.against:
        old = package_at(args.against)
        old_tail = old.Tail.mlp([(layer.weight, layer.bias) for layer in tail.layers], "silu")
        functions.append(lambda: old.lmn(old_tail, probes))
    results = timed(functions, args.runs)
    (fast, fast_cpu, value), (entered, entered_cpu, entered_value), (plain, plain_cpu, plain_value) = results[:3]
    [(naive, naive_cpu, naive_value)] = timed([lambda: grokscope.naive(tail, probes).value], args.naive_runs)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    pairs = args.probes * (args.probes - 1) // 2
    print(f"LMN N={args.probes} ({pairs} pairs, {pairs * 19} interior rows), float64, load average {load:.1f}")
    print("  path      wall ms   CPU ms   (medians)")
    print(f"  fast     {fast * 1e3:8.1f} {fast_cpu * 1e3:8.1f}   of {args.runs}  LMN {value:.15g}")
    print(f"  entered  {entered * 1e3:8.1f} {entered_cpu * 1e3:8.1f}   of {args.runs}  LMN {entered_value:.15g}")
    print(f"  callable {plain * 1e3:8.1f} {plain_cpu * 1e3:8.1f}   of {args.runs}  LMN {plain_value:.15g}")
    print(f"  naive    {naive * 1e3:8.1f} {naive_cpu * 1e3:8.1f}   of {args.naive_runs}  LMN {naive_value:.15g}")
    if args.against:
        against, against_cpu, against_value = results[3]
        print(f"  {args.against[:8]:8s} {against * 1e3:8.1f} {against_cpu * 1e3:8.1f}   of {args.runs}  LMN "
              f"{against_value:.15g}  (grokscope.lmn at {args.against})")
        print(f"  {args.against[:8]} / fast = {against_cpu / fast_cpu:.2f}x (CPU), {against / fast:.2f}x (wall)")
    print(f"  entered / fast = {entered_cpu / fast_cpu:.2f}x (CPU), {entered / fast:.2f}x (wall)")
    print(f"  naive / fast = {naive_cpu / fast_cpu:.1f}x (CPU);  |fast − naive| / naive = "
          f"{abs(value - naive_value) / naive_value:.1e}")


if __name__ == "__main__":
    main()
