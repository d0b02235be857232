#!/usr/bin/env python3
"""Writes `pytorch-grokking/`: the TensorBoard logdir of a REAL PyTorch grokking run, and
`pytorch-grokking.json`: the phase boundaries that run really had, derived here from its own accuracies.

Run from this folder (needs torch and tensorboard; 3.6 minutes on the busy 2-core machine). The
logdir and the JSON are written together from the same run, so they always agree:

    python3 make-pytorch-fixture.py

It trains python/examples/pytorch_grokking.py (grokscope's `demo` recipe in PyTorch, seed 0) with
`--tensorboard`, which logs every evaluation through torch.utils.tensorboard.SummaryWriter, and keeps the
run's NDJSON stream only long enough to read its accuracies (float64; the event file holds them as
float32 `simple_value`s, so the boundaries are computed on the float32-rounded values the reader sees).
A boundary is the first step of the first window of W = 3 consecutive evaluations meeting the rule
(docs/phases.md): `strict` train/test accuracy ≥ 1.0, `loose` train ≥ 0.99 and test ≥ 0.95.
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
LOGDIR = os.path.join(HERE, "pytorch-grokking")
EXPECTED = os.path.join(HERE, "pytorch-grokking.json")
ARGUMENTS = ["--steps", "8000", "--eval-every", "20", "--lmn-every", "100", "--probes", "128", "--seed", "0"]
WINDOW = 3
RULES = {"strict": (1.0, 1.0), "loose": (0.99, 0.95)}


def boundary(steps: list, values: list, threshold: float):
    """First step of the first run of WINDOW consecutive values ≥ threshold (float32 as stored), or None."""
    run = 0
    for index, value in enumerate(values):
        run = run + 1 if float(np.float32(value)) >= threshold else 0
        if run == WINDOW:
            return steps[index - WINDOW + 1]
    return None


def main() -> None:
    shutil.rmtree(LOGDIR, ignore_errors=True)
    with tempfile.TemporaryDirectory() as scratch:
        stream = os.path.join(scratch, "run.ndjson")
        command = [sys.executable, os.path.join(ROOT, "python", "examples", "pytorch_grokking.py"), *ARGUMENTS,
                   "--tensorboard", LOGDIR, "--out", stream]
        environment = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python", "src"))
        subprocess.run(command, check=True, env=environment)
        records = [json.loads(line) for line in open(stream)]
    evaluations = [r for r in records if r.get("type") == "eval"]
    steps = [r["step"] for r in evaluations]
    expected = {
        "what": "phase boundaries of the PyTorch run in pytorch-grokking/, from its own accuracies (make-pytorch-fixture.py)",
        "command": "python3 python/examples/pytorch_grokking.py " + " ".join(ARGUMENTS) + " --tensorboard DIR",
        "torch": __import__("torch").__version__,
        "evaluations": len(evaluations),
        "first_step": steps[0],
        "last_step": steps[-1],
        "lmn_evaluations": sum(1 for r in evaluations if r.get("lmn") is not None),
        "window": WINDOW,
    }
    for name, (train, test) in RULES.items():
        expected[name] = {
            "train_acc": train, "test_acc": test,
            "t_mem": boundary(steps, [r["train_acc"] for r in evaluations], train),
            "t_gen": boundary(steps, [r["test_acc"] for r in evaluations], test),
        }
    expected["final"] = {k: evaluations[-1][k] for k in ("train_acc", "test_acc")}
    with open(EXPECTED, "w") as handle:
        json.dump(expected, handle, indent=2)
        handle.write("\n")
    files = glob.glob(os.path.join(LOGDIR, "events.out.tfevents.*"))
    print(f"{len(files)} event file(s), {sum(os.path.getsize(f) for f in files)} bytes; {json.dumps(expected)}")


if __name__ == "__main__":
    main()
