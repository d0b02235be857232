"""Network tails in numpy: the sub-network from a starting layer to the logits, as ``lmn`` needs it.

``Tail`` is a stack of affine layers with activations, ``y = σ(W·x + b)``, the shape of grokscope's
own networks and of most grokking MLPs. ``lmn`` recognises it and enters after the first affine layer
(interpolation commutes with affine maps). Any other callable works too, only without that shortcut.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from .segments import Segments


def _silu(x: np.ndarray, out: Optional[np.ndarray] = None) -> np.ndarray:
    """``x / (1 + e^−x)`` (Swift's ``Activation.apply``), written into ``out`` when given."""
    e = np.negative(x, out=np.empty_like(x))
    with np.errstate(over="ignore"):
        np.exp(e, out=e)
    e += 1.0
    return np.divide(x, e, out=e if out is None else out)


def _relu(x: np.ndarray, out: Optional[np.ndarray] = None) -> np.ndarray:
    return np.maximum(x, 0.0, out=out)


_ERF = np.frompyfunc(math.erf, 1, 1)


def _gelu(x: np.ndarray, out: Optional[np.ndarray] = None) -> np.ndarray:
    """Exact (erf) GELU, PyTorch's default (slow: ``math.erf`` per element)."""
    value = 0.5 * x * (1.0 + np.asarray(_ERF(x / math.sqrt(2.0)), dtype=np.float64))
    if out is None:
        return value
    out[...] = value
    return out


def _tanh(x: np.ndarray, out: Optional[np.ndarray] = None) -> np.ndarray:
    return np.tanh(x, out=out)


#: Activation functions by name; each takes ``(x, out=None)`` and may write into ``out`` (even ``x``).
ACTIVATIONS: Dict[str, Callable[..., np.ndarray]] = {"silu": _silu, "relu": _relu, "gelu": _gelu, "tanh": _tanh}


class Layer:
    """``σ(x·Wᵀ + b)`` with ``W`` outputs × inputs (PyTorch's layout), in float64."""

    def __init__(self, weight: np.ndarray, bias: Optional[np.ndarray] = None, activation: Optional[str] = None):
        self.weight = np.ascontiguousarray(weight, dtype=np.float64)
        if self.weight.ndim != 2:
            raise ValueError(f"Layer: weight must be outputs × inputs, got shape {self.weight.shape}")
        outputs = self.weight.shape[0]
        self.bias = np.zeros(outputs) if bias is None else np.asarray(bias, dtype=np.float64).reshape(outputs)
        if activation is not None and activation not in ACTIVATIONS:
            raise ValueError(f"Layer: activation {activation!r} is unknown; use one of {', '.join(ACTIVATIONS)}")
        self.activation = activation
        self.transposed = np.ascontiguousarray(self.weight.T)  # Wᵀ, contiguous for the product

    def affine(self, x: np.ndarray) -> np.ndarray:
        return x @ self.transposed + self.bias

    def activate(self, z: np.ndarray, in_place: bool = False) -> np.ndarray:
        if self.activation is None:
            return z
        return ACTIVATIONS[self.activation](z, out=z if in_place else None)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self.activate(self.affine(x))


class Tail:
    """A callable stack of ``Layer``s; ``Tail.mlp([(W1, b1), (W2, b2)], "silu")`` puts the activation
    after every layer but the last (the logits)."""

    #: Rows per block in ``lmn``: small enough for the block to stay in cache (measured fastest).
    preferred_block_rows = 1520  # 80 pairs; 760–2280 measured equally fast, 8192 ~1.7× slower

    def __init__(self, layers: Sequence[Layer]):
        if not layers:
            raise ValueError("Tail: needs at least one layer")
        for index in range(1, len(layers)):
            if layers[index].weight.shape[1] != layers[index - 1].weight.shape[0]:
                raise ValueError(
                    f"Tail: layer {index} takes {layers[index].weight.shape[1]} inputs but layer {index - 1} "
                    f"gives {layers[index - 1].weight.shape[0]}"
                )
        self.layers: List[Layer] = list(layers)

    @classmethod
    def mlp(cls, weights: Sequence[Tuple[np.ndarray, np.ndarray]], activation: Optional[str]) -> "Tail":
        last = len(weights) - 1
        return cls([Layer(w, b, None if k == last else activation) for k, (w, b) in enumerate(weights)])

    @property
    def first_is_affine(self) -> bool:
        return True

    def __call__(self, x: np.ndarray) -> np.ndarray:
        for layer in self.layers:
            x = layer(x)
        return x

    def segments(self, h: np.ndarray, max_pairs: int) -> "Segments":
        """The fast path of ``lmn`` (``grokscope.segments``): interior points of many segments at once."""
        from .segments import Segments

        return Segments(self, h, max_pairs)

    def enter_after_first_affine(self, h: np.ndarray) -> Tuple[np.ndarray, Callable[[np.ndarray], np.ndarray]]:
        """``(Z, rest)`` with ``Z = h·W₁ᵀ + b₁`` and ``rest(Z) == self(h)``; ``rest`` overwrites its input."""
        first, later = self.layers[0], self.layers[1:]

        def rest(z: np.ndarray) -> np.ndarray:
            x = first.activate(z, in_place=True)
            for layer in later:
                x = layer(x)
            return x

        return first.affine(h), rest


def interior_points(h: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """``h_i + λ_t (h_j − h_i)`` for t = 1…19, λ-major rows ``(t − 1)·pairs + p``: contiguous slices,
    each one add from the previous (``h_i + t·δ``; rounding grows by ≤ 19 ulp, far below 1e-9)."""
    origin = h[i]
    step = (h[j] - h[i]) / 20.0
    points = np.empty((19, i.size, h.shape[1]))
    np.add(origin, step, out=points[0])
    for t in range(1, 19):
        np.add(points[t - 1], step, out=points[t])
    return points.reshape(19 * i.size, h.shape[1])
