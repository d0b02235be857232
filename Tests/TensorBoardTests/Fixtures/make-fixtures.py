#!/usr/bin/env python3
"""Writes the TensorBoard fixtures with the real writers; run from this folder.

pip install torch tensorboard tensorboardX, then `python3 make-fixtures.py`. Each run is a small grokking-
shaped curve (train accuracy reaches 1 early, test accuracy late) so the phase detector has work to do.
Corrupted variants are derived from the clean files byte by byte at the end.
"""
import glob
import math
import os
import shutil

import numpy as np


def curves(step: int) -> dict[str, float]:
    train_acc = min(1.0, step / 40.0)
    test_acc = 1.0 / (1.0 + math.exp(-(step - 300) / 15.0))
    return {
        "train_loss": 3.4 * math.exp(-step / 20.0) + 1e-4,
        "test_loss": 3.4 + 4.0 * (1 - test_acc) - 3.3 * test_acc,
        "train_acc": train_acc,
        "test_acc": test_acc,
        "lmn": 3.0 + 5.0 * math.exp(-((step - 60) / 40.0) ** 2) + 2.0 * (1 - test_acc),
        "l2": 40.0 - step / 50.0,
    }


STEPS = range(0, 500, 10)


def single(path: str) -> str:
    (only,) = glob.glob(os.path.join(path, "events.out.tfevents.*"))
    return only


def torch_simple(path: str) -> None:
    from torch.utils.tensorboard import SummaryWriter

    w = SummaryWriter(path)
    for step in STEPS:
        c = curves(step)
        w.add_scalar("Loss/train", c["train_loss"], step)
        w.add_scalar("Loss/test", c["test_loss"], step)
        w.add_scalar("Accuracy/train", c["train_acc"], step)
        w.add_scalar("Accuracy/test", c["test_acc"], step)
        w.add_scalar("grad_norm", 0.5 + step / 1000.0, step)
    w.close()


def torch_new_style(path: str) -> None:
    """add_scalar(new_style=True): scalars as TensorProto float_val, the format TF2/Keras-era readers use."""
    from torch.utils.tensorboard import SummaryWriter

    w = SummaryWriter(path)
    for step in STEPS:
        c = curves(step)
        w.add_scalar("train/loss", c["train_loss"], step, new_style=True)
        w.add_scalar("val/loss", c["test_loss"], step, new_style=True)
        w.add_scalar("train/acc", c["train_acc"], step, new_style=True)
        w.add_scalar("val/acc", c["test_acc"], step, new_style=True)
        w.add_scalar("lmn", c["lmn"], step, new_style=True)
    w.close()


def tbx_runs(path: str) -> None:
    """A logdir with two runs as subfolders, written by tensorboardX."""
    from tensorboardX import SummaryWriter

    for seed in (0, 1):
        w = SummaryWriter(os.path.join(path, f"seed{seed}"))
        for step in STEPS:
            c = curves(step + 40 * seed)
            for key in ("train_loss", "test_loss", "train_acc", "test_acc", "l2"):
                w.add_scalar(key, c[key], step)
        w.close()


def double_tensor(path: str) -> None:
    """Scalars as float64 tensor_content bytes (what tf.summary.scalar writes for float64 values)."""
    from tensorboard.compat.proto import event_pb2, summary_pb2, tensor_pb2, types_pb2
    from tensorboard.summary.writer.event_file_writer import EventFileWriter

    w = EventFileWriter(path)
    for step in STEPS:
        c = curves(step)
        values = []
        for tag in ("epoch_loss", "epoch_val_loss", "epoch_accuracy", "epoch_val_accuracy"):
            key = {"epoch_loss": "train_loss", "epoch_val_loss": "test_loss",
                   "epoch_accuracy": "train_acc", "epoch_val_accuracy": "test_acc"}[tag]
            tensor = tensor_pb2.TensorProto(dtype=types_pb2.DT_DOUBLE,
                                            tensor_content=np.float64(c[key]).tobytes())
            meta = summary_pb2.SummaryMetadata(plugin_data=summary_pb2.SummaryMetadata.PluginData(plugin_name="scalars"))
            values.append(summary_pb2.Summary.Value(tag=tag, tensor=tensor, metadata=meta))
        w.add_event(event_pb2.Event(step=step, wall_time=1.7e9 + step, summary=summary_pb2.Summary(value=values)))
    w.close()


def main() -> None:
    for name in ("torch-simple", "torch-new-style", "tbx-runs", "double-tensor"):
        shutil.rmtree(name, ignore_errors=True)
    torch_simple("torch-simple")
    torch_new_style("torch-new-style")
    tbx_runs("tbx-runs")
    double_tensor("double-tensor")
    clean = open(single("torch-simple"), "rb").read()
    # A torn last record (the writer is mid-write): drop the last 7 bytes.
    open("torn.tfevents", "wb").write(clean[:-7])
    # A flipped byte inside a record's payload (data CRC fails), about halfway through.
    bad = bytearray(clean)
    bad[len(bad) // 2] ^= 0xFF
    open("bad-data-crc.tfevents", "wb").write(bytes(bad))
    # A flipped byte in a length field: the length CRC fails and the reader must resynchronize.
    lengths = bytearray(clean)
    offset = 0
    for _ in range(20):  # the 21st record's length
        length = int.from_bytes(clean[offset:offset + 8], "little")
        offset += 8 + 4 + length + 4
    lengths[offset + 1] ^= 0x40
    open("bad-length-crc.tfevents", "wb").write(bytes(lengths))


if __name__ == "__main__":
    main()
