"""grokscope engine checkpoints (safetensors, ``grokscope-checkpoint/1``) in numpy: the LMN of a run of
the Swift engine, recomputed in Python from the saved weights.

Layout (``Sources/Engine/Checkpoint.swift``): F32 tensors (F64 for a ``--precision f64`` run) ``embedding.weight`` [vocabulary, emb],
``layers.<k>.weight`` [out, in], ``layers.<k>.bias`` [out] (plus AdamW moments), and string metadata
``format``, ``step``, ``config`` (the training configuration as JSON), ``task``.
"""

from __future__ import annotations

import json
import struct
from typing import Any, Dict, List, Tuple

import numpy as np

from .probes import probe_indices
from .tails import ACTIVATIONS, Tail

_DTYPES = {"F32": "<f4", "F64": "<f8", "F16": "<f2", "I64": "<i8", "I32": "<i4"}


def read_safetensors(path: str) -> Tuple[Dict[str, np.ndarray], Dict[str, str]]:
    """``(tensors, metadata)`` of a safetensors file: an 8-byte little-endian header length, a JSON
    header ``{name: {dtype, shape, data_offsets}}`` (+ ``__metadata__``), then the raw tensor bytes."""
    with open(path, "rb") as handle:
        data = handle.read()
    if len(data) < 8:
        raise ValueError(f"{path}: {len(data)} bytes, shorter than the 8-byte header length")
    (length,) = struct.unpack("<Q", data[:8])
    if length > len(data) - 8:
        raise ValueError(f"{path}: the header claims {length} bytes but only {len(data) - 8} follow")
    header = json.loads(data[8 : 8 + length])
    body = memoryview(data)[8 + length :]
    metadata = header.pop("__metadata__", {}) or {}
    tensors = {}
    for name, entry in header.items():
        if entry["dtype"] not in _DTYPES:
            raise ValueError(f"{path}: tensor {name!r} has dtype {entry['dtype']}, not one of {', '.join(_DTYPES)}")
        begin, end = entry["data_offsets"]
        dtype = np.dtype(_DTYPES[entry["dtype"]])
        shape = tuple(entry["shape"])
        if not 0 <= begin <= end <= len(body) or end - begin != dtype.itemsize * int(np.prod(shape)):
            raise ValueError(f"{path}: tensor {name!r} has bad data_offsets {begin}…{end} for shape {shape}")
        tensors[name] = np.frombuffer(body[begin:end], dtype=dtype).reshape(shape)
    return tensors, metadata


class EngineCheckpoint:
    """A checkpoint of the Swift engine: its configuration, weights, task inputs and LMN pieces."""

    def __init__(self, path: str) -> None:
        self.tensors, self.metadata = read_safetensors(path)
        if self.metadata.get("format") != "grokscope-checkpoint/1":
            raise ValueError(f"{path}: not a grokscope checkpoint (format {self.metadata.get('format')!r})")
        self.config: Dict[str, Any] = json.loads(self.metadata["config"])
        self.step = int(self.metadata["step"])
        self.activation: str = self.config["activation"]
        self.layer_count = len(self.config["hiddenWidths"]) + 1
        #: "f32" or "f64" (the config's ``precision``; checkpoints from before the field are f32).
        self.precision: str = self.config.get("precision", "f32")

    def inputs(self) -> np.ndarray:
        """Every task input ``(a, b)`` in the engine's canonical order (a major, b minor), ``n × 2``."""
        kind, p = self.config["task"]["kind"], int(self.config["task"]["modulus"])
        size = {"xor": 32, "s4": 24}.get(kind, p)
        pairs = [(a, b) for a in range(size) for b in range(size) if not (kind == "divide" and b == 0)]
        return np.array(pairs, dtype=np.int64)

    def probe_indices(self, count: int) -> List[int]:
        """The run's probe set: ``count`` of all inputs, seeded with the run's seed (as the engine draws it)."""
        return probe_indices(count, len(self.inputs()), int(self.config["seed"]))

    def hidden(self, layer: int, rows: np.ndarray) -> np.ndarray:
        """The input of ``layers[layer]`` for the given inputs, float64: layer 0 = the concatenated
        embeddings (exact); layer k ≥ 1 = the output of hidden layer k−1, computed in the run's
        precision like the engine: float64 for an f64 run (agrees to rounding), float32 for an f32 run
        (rounding may differ from the engine's kernels by a float32 ulp or so)."""
        table = self.tensors["embedding.weight"]
        x = np.concatenate([table[rows[:, 0]], table[rows[:, 1]]], axis=1)
        for k in range(layer):
            weight, bias = self.tensors[f"layers.{k}.weight"], self.tensors[f"layers.{k}.bias"]
            z = x.astype(np.float64) @ weight.T.astype(np.float64) + bias
            x = ACTIVATIONS[self.activation](z) if x.dtype == np.float64 else _activate32(self.activation, z.astype(np.float32))
        return x.astype(np.float64)

    def tail(self, layer: int) -> Tail:
        """The network from ``layers[layer]`` to the logits, widened exactly to float64."""
        last = self.layer_count - 1
        return Tail.mlp(
            [
                (self.tensors[f"layers.{k}.weight"].astype(np.float64), self.tensors[f"layers.{k}.bias"].astype(np.float64))
                for k in range(layer, last + 1)
            ],
            self.activation,
        )


def _activate32(name: str, z: np.ndarray) -> np.ndarray:
    """σ of float32 pre-activations, evaluated in float64 and rounded once to float32."""
    return ACTIVATIONS[name](z.astype(np.float64)).astype(np.float32)
