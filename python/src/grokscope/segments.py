"""The fast path of ``lmn`` for a ``grokscope.Tail``: the tail's outputs at the 19 interior points of
many segments at once, shifted by the segment's start (``y(λ_t) − y(0)``), with preallocated buffers.

- The first affine layer commutes with the interpolation: the pre-activations along a segment are
  ``z_i + λ_t (z_j − z_i)``, one broadcast product and one sum from the probes' own pre-activations.
- SiLU along a segment needs no ``exp`` per point: ``e^(−z_t) = e^(−z_{t−1})·e^(−δ)``, ``δ = (z_j − z_i)/20``
  (one multiply per point, as the Swift fast path does). It is used only when every ``|z| ≤ 300`` (no
  factor over- or underflows); otherwise (saturated units) each point gets its own ``exp``. It errs by
  ≲ 1e-13 relative in ``e^(−z)`` (18 rounded products, and ``δ``'s rounding times ≤ 600), far below the
  1e-9 agreement with the definition that the tests check.
- An affine last layer's product is padded to a multiple of 8 outputs (OpenBLAS: 100 → 32 measured
  1.7–2.2× faster than 100 → 31) and its bias is dropped (it cancels in ``y − y(0)``).
- Every step writes into buffers allocated once (``out=``): a block of 80 pairs (1520 rows) stays in
  the L2 cache and numpy allocates almost nothing per block.
Measured against the previous path (enter after the first affine layer, call the rest per block):
python/README.md "LMN".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from .tails import Tail

INTERIOR = 19
_INTERIOR_LAMBDAS = (np.arange(1, INTERIOR + 1, dtype=np.float64) / 20.0)[:, None, None]
#: The exp recurrence is used when all pre-activations are within ±this (e^300 ≈ 2e130: no overflow).
RECURRENCE_LIMIT = 300.0


class Segments:
    """``interior(i, j)``: ``y(λ_t) − y(0)`` for t = 1…19 of the segments ``(i[p], j[p])``, λ-major
    ``(19, pairs, padded)`` (columns from K on are 0), a view into a reused buffer: read it before the
    next call. ``ends``: the probes' outputs ``y`` (N × K)."""

    def __init__(self, tail: "Tail", h: np.ndarray, max_pairs: int) -> None:
        self.first, self.later = tail.layers[0], tail.layers[1:]
        self.z = self.first.affine(h)
        self.ends = self._rest(self.first.activate(self.z.copy(), in_place=True))
        self.silu_recurrence = (
            self.first.activation == "silu" and float(np.max(np.abs(self.z), initial=0.0)) <= RECURRENCE_LIMIT
        )
        width = self.z.shape[1]
        self._points = np.empty((INTERIOR, max_pairs, width))
        self._scratch = np.empty((INTERIOR, max_pairs, width))
        self._step = np.empty((max_pairs, width))
        self._ratio = np.empty((max_pairs, width))
        # An affine last layer: outputs padded to a multiple of 8 columns with zero weights (faster
        # product); the padding columns stay 0 in y − y(0), and `lmn` drops them after the moments.
        outputs = self.ends.shape[1]
        self.padded = outputs
        self._affine_last = bool(self.later) and self.later[-1].activation is None
        if self._affine_last:
            last = self.later[-1]
            self.padded = -(-outputs // 8) * 8
            self._weights = np.zeros((last.weight.shape[1], self.padded))
            self._weights[:, :outputs] = last.transposed
            self._origin_shift = np.zeros(self.padded)
            self._origin_shift[:outputs] = last.bias
        self._outputs = np.empty((INTERIOR * max_pairs, self.padded))
        self._origin = np.zeros((max_pairs, self.padded))

    def _rest(self, x: np.ndarray, out: Optional[np.ndarray] = None) -> np.ndarray:
        """The layers after the first activation; an affine last layer writes into ``out`` without
        its bias (the caller subtracts ``y(0) − b`` instead: the bias cancels in ``y − y(0)``)."""
        if not self.later:
            return x
        for layer in self.later[:-1]:
            x = layer(x)
        last = self.later[-1]
        if out is None or last.activation is not None:
            return last(x)
        return np.matmul(x, self._weights, out=out)

    def interior(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        pairs = i.size
        points, scratch = self._points[:, :pairs], self._scratch[:, :pairs]
        step, ratio = self._step[:pairs], self._ratio[:pairs]
        start = self.z[i]
        np.subtract(self.z[j], start, out=step)  # z_j − z_i
        # z_i + λ_t (z_j − z_i), the definition's own formula: one broadcast product and one sum.
        np.multiply(_INTERIOR_LAMBDAS, step, out=points)
        points += start
        if self.silu_recurrence:
            np.multiply(step, -1.0 / 20.0, out=ratio)
            np.exp(ratio, out=ratio)  # e^(−δ), δ = (z_j − z_i)/20
        self._activate(points, scratch, ratio)
        x = points.reshape(INTERIOR * pairs, -1)
        if not self._affine_last:
            y, origin = self._rest(x), self.ends[i]
        else:
            y = self._rest(x, out=self._outputs[: INTERIOR * pairs])
            origin = self._origin[:pairs]
            np.take(self.ends, i, axis=0, out=origin[:, : self.ends.shape[1]])
            origin -= self._origin_shift  # y(0) − b, zero in the padding
        u = y.reshape(INTERIOR, pairs, -1)
        u -= origin[None]
        return u

    def _activate(self, points: np.ndarray, scratch: np.ndarray, ratio: np.ndarray) -> None:
        """σ of the points in place (``scratch``: free space of the same shape; ``ratio``: e^(−δ))."""
        if not self.silu_recurrence:
            self.first.activate(points, in_place=True)
            return
        # e^(−z_t) = e^(−z_1)·(e^(−δ))^(t−1), then z / (1 + e^(−z)) (Swift's `Activation.apply`).
        np.negative(points[0], out=scratch[0])
        np.exp(scratch[0], out=scratch[0])
        for t in range(1, INTERIOR):  # contiguous slices: faster than a broadcast doubling scheme
            np.multiply(scratch[t - 1], ratio, out=scratch[t])
        scratch += 1.0
        np.divide(points, scratch, out=points)

