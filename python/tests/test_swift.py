"""Cross-language truth: the real grokscope binary against this package.

The binary is ``$GROKSCOPE_BIN`` or ``.build/release/grokscope`` of this checkout (``make build``);
without it these tests skip and say so.
"""

import csv
import json
import math
import os
import subprocess
from pathlib import Path

import numpy as np
import pytest

import grokscope
from grokscope.checkpoint import EngineCheckpoint
from grokscope.probes import describe

ROOT = Path(__file__).resolve().parents[2]


def binary() -> str:
    path = os.environ.get("GROKSCOPE_BIN") or str(ROOT / ".build" / "release" / "grokscope")
    if not os.access(path, os.X_OK):
        pytest.skip(f"grokscope binary not found at {path}: run `make build` or set GROKSCOPE_BIN")
    return path


def grokscope_cli(*args: str, cwd: Path) -> str:
    done = subprocess.run([binary(), *args], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"grokscope {' '.join(args)} failed ({done.returncode}): {done.stderr}"
    return done.stdout


def train(tmp_path: Path, layer: int, probes: int = 48, steps: int = 60, extra: tuple = ()) -> dict:
    """A short engine run with LMN at its last step, a checkpoint of that step and the dumped ``L``."""
    grokscope_cli(
        "train", "--preset", "paper-add", "--steps", str(steps), "--eval-every", str(steps), "--lmn-every",
        str(steps), "--lmn-probes", str(probes), "--lmn-from", str(layer), "--headless", "--log", "run.ndjson",
        "--checkpoint", "run.safetensors", "--dump-lmn-matrix", "matrices", *extra, cwd=tmp_path,
    )
    records = [json.loads(line) for line in open(tmp_path / "run.ndjson")]
    last = [r for r in records if r.get("type") == "eval" and r["step"] == steps][0]
    return {
        "header": records[0], "lmn": last["lmn"], "steps": steps, "probes": probes,
        "checkpoint": EngineCheckpoint(str(tmp_path / "run.safetensors")),
        "matrix": np.loadtxt(tmp_path / "matrices" / f"lmn-step-{steps}.csv", delimiter=","),
    }


@pytest.mark.parametrize("layer", [0, 1])
def test_python_lmn_equals_the_engines_lmn_on_its_checkpoint(tmp_path, layer):
    swift = train(tmp_path, layer)
    checkpoint = swift["checkpoint"]
    assert checkpoint.step == swift["steps"]
    indices = checkpoint.probe_indices(swift["probes"])
    total = len(checkpoint.inputs())
    assert swift["header"]["probe_size"] == swift["probes"]
    assert swift["header"]["settings"]["lmn_probes"] == describe(swift["probes"], total, int(checkpoint.config["seed"]), f"layer {layer}")

    # The spectral stage alone, on the engine's own L: eigenvalues and entropy agree to rounding.
    assert grokscope.from_connectivity(swift["matrix"]).value == pytest.approx(swift["lmn"], rel=1e-12)

    hidden = checkpoint.hidden(layer, checkpoint.inputs()[indices])
    result = grokscope.lmn_result(checkpoint.tail(layer), hidden)
    if layer == 0:
        # The embeddings are float32 values widened exactly, and the tail runs in float64 on both
        # sides: the whole pipeline must agree (measured: ~2e-16 relative).
        np.testing.assert_allclose(result.connectivity, swift["matrix"], rtol=0, atol=1e-12)
        assert result.value == pytest.approx(swift["lmn"], rel=1e-9)
    else:
        # The first hidden layer's outputs are computed by the engine in float32 with its own GEMM and
        # exp kernels; our float32 reproduction differs by about one float32 ulp (2^-24 ≈ 6e-8
        # relative) in some entries, which moves LMN by ~1e-7 relative (measured: 9e-8).
        np.testing.assert_allclose(result.connectivity, swift["matrix"], rtol=0, atol=1e-5)
        assert result.value == pytest.approx(swift["lmn"], rel=1e-6)
    # Negative control: another probe set gives a measurably different LMN.
    other = grokscope.lmn(checkpoint.tail(layer), checkpoint.hidden(layer, checkpoint.inputs()[::20][:48]))
    assert abs(other - swift["lmn"]) > 1e-6 * swift["lmn"]


@pytest.mark.parametrize("layer", [0, 1])
def test_a_float64_run_agrees_to_1e_9_from_any_layer(tmp_path, layer):
    # `--precision f64` trains in float64 and the probe measures the float64 model (its hidden
    # outputs included); `--lmn-exact` makes the engine compute L by the definition in Double instead
    # of the fast path, whose paper-net residual product is float32 (≈ 1e-8). Nothing float32 is left.
    swift = train(tmp_path, layer, extra=("--precision", "f64", "--lmn-exact"))
    checkpoint = swift["checkpoint"]
    assert checkpoint.precision == "f64"
    hidden = checkpoint.hidden(layer, checkpoint.inputs()[checkpoint.probe_indices(swift["probes"])])
    result = grokscope.lmn_result(checkpoint.tail(layer), hidden)
    np.testing.assert_allclose(result.connectivity, swift["matrix"], rtol=0, atol=1e-12)
    assert result.value == pytest.approx(swift["lmn"], rel=1e-9)
    # Negative control: the same inputs rounded to float32 (what an f32 run has) are measurably off.
    rounded = grokscope.lmn(checkpoint.tail(layer), hidden.astype(np.float32).astype(np.float64))
    assert abs(rounded - swift["lmn"]) > 1e-9 * swift["lmn"]


def test_the_python_writers_stream_reads_back_through_grokscope_report(tmp_path):
    rng = np.random.default_rng(7)
    written = []
    with grokscope.Run(tmp_path / "py.ndjson", name="python run ✓", task="add mod 31", total_steps=300,
                       probe_size=64, seed=5) as run:
        for step in range(0, 301, 50):
            metrics = {"train_loss": float(rng.random() * 3), "test_loss": float(rng.random() * 5),
                       "train_acc": float(rng.random()), "test_acc": float(rng.random()),
                       "l2": float(30 + rng.random()), "l2/layers.0": float(rng.random())}
            if step % 100 == 0:
                metrics["lmn"] = float(1 + rng.random() * 4)
            if step == 150:
                metrics["test_loss"] = math.inf
            run.eval(step, metrics, time=step / 100)
            written.append((step, metrics))
        run.event(100, "memorization", kind="phase")
    summary = json.loads(grokscope_cli("report", "py.ndjson", "--json", "--csv", "py.csv", cwd=tmp_path))
    assert summary["name"] == "python run ✓" and summary["task"] == "add mod 31"
    assert summary["probe_size"] == 64 and summary["end"] == "completed"
    assert summary["evaluations"] == len(written) and summary["last_step"] == 300
    assert summary["final"]["lmn"] == written[-1][1]["lmn"]

    with open(tmp_path / "py.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [int(row["step"]) for row in rows] == [step for step, _ in written]
    for row, (step, metrics) in zip(rows, written):
        assert float(row["time"]) == step / 100
        for name, value in metrics.items():
            assert float(row[name]) == value, f"{name} at step {step}: {row[name]} != {value!r}"
        assert row["lmn"] == "" or "lmn" in metrics


def test_a_failed_end_and_hostile_names_are_read_by_the_engine(tmp_path):
    with pytest.raises(RuntimeError):
        with grokscope.Run(tmp_path / "bad.ndjson", name="evil\x1b]0;owned\x07\u202ename") as run:
            run.eval(10, train_loss=1.0)
            raise RuntimeError("out of memory")
    out = grokscope_cli("report", "bad.ndjson", "--json", cwd=tmp_path)
    summary = json.loads(out)
    assert summary["end"] == "failed" and summary["last_step"] == 10
    assert "\x1b" not in out and "\x07" not in out  # the engine shows untrusted names sanitized


@pytest.mark.parametrize("rule", ["strict", "loose"])
def test_report_finds_the_phases_of_the_real_pytorch_tensorboard_run(tmp_path, rule):
    # Tests/TensorBoardTests/Fixtures/pytorch-grokking: the logdir of a real PyTorch run of
    # examples/pytorch_grokking.py; its .json holds the boundaries derived from the run's accuracies.
    fixtures = ROOT / "Tests" / "TensorBoardTests" / "Fixtures"
    expected = json.loads((fixtures / "pytorch-grokking.json").read_text())
    summary = json.loads(grokscope_cli("report", str(fixtures / "pytorch-grokking"), "--json", "--phase-rule", rule,
                                       cwd=tmp_path))
    assert summary["evaluations"] == expected["evaluations"] and summary["last_step"] == expected["last_step"]
    assert (summary["t_mem"], summary["t_gen"]) == (expected[rule]["t_mem"], expected[rule]["t_gen"])
    assert summary["verdict"] == "generalized"
    assert expected["strict"]["t_gen"] != expected["loose"]["t_gen"]  # the rules separate: the check can fail
