"""Writes Tests/SnapshotsTests/Fixtures/valid/python-client.ndjson, the Swift reader's corpus file
from this package: ``python3 python/tests/fixture_writer.py [PATH]``. Deterministic (fixed times)."""

import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
import grokscope  # noqa: E402

FIXTURE = Path(__file__).resolve().parents[2] / "Tests" / "SnapshotsTests" / "Fixtures" / "valid" / "python-client.ndjson"


def write(path: Path) -> None:
    try:
        with grokscope.Run(path, name="python \x1b[31mclient\u202e", task="add mod 97", total_steps=300,
                           settings={"lr": 1e-3, "full_batch": True}, probe_size=128,
                           probe_set="128 of 9409 inputs, from mlp.1", seed=3, run_id="python-client-1",
                           start_time=1795925400.0, producer="grokscope-python 0.1.0") as run:
            run.eval(0, {"train_loss": 4.574710978503383, "test_loss": 4.5747, "train_acc": 0.0103,
                         "test_acc": 0.0, "l2": 35.25, "lmn": 2.8093748905382799, "l2/mlp": 8.5}, time=0.0)
            run.eval(100, {"train_loss": 0.5, "test_loss": math.inf, "train_acc": 0.9, "test_acc": 0.0,
                           "l2": 40.0, "l2/mlp": 9.0}, time=1.25)
            run.event(100, "memorization: train accuracy reached 1.0", kind="phase")
            run.eval(200, {"train_loss": float("nan"), "test_loss": -math.inf, "lmn": 1e-300}, time=2.5)
            raise RuntimeError("CUDA out of memory")
    except RuntimeError:
        pass


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else FIXTURE)
