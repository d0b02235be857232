"""The Linear Mapping Number of arXiv 2310.05918 §2, exactly as grokscope computes it (docs/lmn.md of
the project; the Swift code is ``Sources/Metrics``), in float64.

For probes ``h_1 … h_N`` (starting-layer activations) and a tail ``T`` (the rest of the network, to
the logits): for each pair ``i < j`` and ``λ = 0, 0.05, …, 1`` take ``y(λ) = T(h_i + λ(h_j − h_i))``;
``r²_k`` is the squared Pearson correlation of output ``k`` with ``λ`` (population moments; a constant
curve is linear, ``r² = 1``); ``L_ij`` is the mean of ``r²_k`` over the ``K`` outputs, ``L_ii = 1``;
with the eigenvalues ``μ`` of ``L``: ``q = |μ| / Σ|μ|``, ``S = −Σ q log₂ q``, ``LMN = 2^S``.

The fast path evaluates only the 19 interior points of every segment (the ends are the probes' own
outputs), for many pairs per call of ``T``, and reduces each block to per-output moments at once; a
``grokscope.Tail`` goes through ``grokscope.segments`` (see there).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional, Tuple

import numpy as np

from .tails import interior_points

POINTS = 21
LAMBDAS = np.arange(POINTS, dtype=np.float64) / 20.0
#: Population variance of the λ grid.
LAMBDA_VARIANCE = float(np.mean((LAMBDAS - 0.5) ** 2))
#: A curve whose spread is below this fraction of its root-mean-square is numerically constant.
CONSTANT_CURVE_TOLERANCE = 1e-10
#: Rows per call of the tail in the fast path (19 rows per pair): N = 128 takes 5 calls.
#: Rows 1 and λ − ½ at the 19 interior points: one product gives Σu and Σ(λ − ½)u of a block.
_WEIGHTS = np.stack([np.ones(POINTS - 2), LAMBDAS[1:-1] - 0.5])
DEFAULT_BLOCK_ROWS = 32768  # tails may prefer another: `preferred_block_rows`


class LMNError(ValueError):
    """LMN cannot be computed (non-finite values, bad shapes); the message says what and why."""


@dataclass(frozen=True)
class LMNResult:
    """One LMN evaluation: the number, its entropy in bits, the spectrum (ascending) and ``L``."""

    value: float
    entropy: float
    eigenvalues: np.ndarray
    connectivity: np.ndarray

    @property
    def probe_count(self) -> int:
        return int(self.connectivity.shape[0])


def squared_correlation(mean: np.ndarray, q: np.ndarray, p: np.ndarray) -> np.ndarray:
    """``r²`` from per-curve moments multiplied through by 21: ``q = Σ(y − ȳ)²``, ``p = Σ(λ − ½)(y − ȳ)``,
    ``mean = ȳ``. Constant curves give 1, rounding is clamped to [0, 1], overflow gives NaN."""
    q = np.maximum(q, 0.0)  # rounding of the shifted form
    tolerance = CONSTANT_CURVE_TOLERANCE * CONSTANT_CURVE_TOLERANCE
    constant = q <= tolerance * (POINTS * mean * mean + q)
    with np.errstate(divide="ignore", invalid="ignore"):
        r2 = p * p / (q * (POINTS * LAMBDA_VARIANCE))
    r2 = np.where(constant | (r2 > 1), 1.0, r2)
    if np.isfinite(mean.sum() + q.sum() + p.sum()):  # all finite (the common case: 3 sums, no masks)
        return r2
    finite = np.isfinite(mean) & np.isfinite(q) & np.isfinite(p)
    return np.where(finite, r2, np.nan)


def spectral_lmn(eigenvalues: np.ndarray) -> Tuple[float, float]:
    """``(S, 2^S)`` of a spectrum: ``q = |μ| / Σ|μ|``, ``S = −Σ q log₂ q`` (``q = 0`` adds nothing)."""
    magnitudes = np.abs(np.asarray(eigenvalues, dtype=np.float64))
    total = magnitudes.sum()
    if not (total > 0 and np.isfinite(total)):
        return float("nan"), float("nan")
    q = magnitudes / total
    q = q[q > 0]
    entropy = float(-(q * np.log2(q)).sum())
    return entropy, float(np.exp2(entropy))


def from_connectivity(connectivity: np.ndarray) -> LMNResult:
    """LMN of a given symmetric ``L`` (LAPACK ``syevd`` through ``numpy.linalg.eigvalsh``)."""
    matrix = np.asarray(connectivity, dtype=np.float64)
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1] or matrix.shape[0] < 1:
        raise LMNError(f"LMN: the connectivity matrix must be square N×N with N ≥ 1, got shape {matrix.shape}")
    if not np.all(np.isfinite(matrix)):
        raise LMNError("LMN: the connectivity matrix has NaN or infinite entries (the network overflowed?)")
    eigenvalues = np.linalg.eigvalsh(matrix)
    entropy, value = spectral_lmn(eigenvalues)
    return LMNResult(value, entropy, eigenvalues, matrix)


def _as_probes(probes: Any) -> np.ndarray:
    h = np.asarray(probes, dtype=np.float64)
    if h.ndim != 2 or h.shape[0] < 1 or h.shape[1] < 1:
        raise LMNError(f"LMN: probes must be an N×H array with N ≥ 1, got shape {h.shape}")
    if not np.all(np.isfinite(h)):
        raise LMNError("LMN: the probe activations contain NaN or infinity (training diverged?); skip LMN here")
    return np.ascontiguousarray(h)


def _outputs(tail: Callable[[np.ndarray], Any], x: np.ndarray, rows: int) -> np.ndarray:
    y = np.asarray(tail(x), dtype=np.float64)
    if y.ndim != 2 or y.shape[0] != rows:
        raise LMNError(f"LMN: the tail must map {rows} rows to a {rows}×K array, it returned shape {y.shape}")
    return y


def connectivity(
    tail: Callable[[np.ndarray], Any], probes: Any, *, block_rows: Optional[int] = None
) -> np.ndarray:
    """The linear connectivity matrix ``L`` (N×N), fast path.

    ``tail`` maps a (rows × H) float64 array of starting-layer activations to (rows × K) logits. A
    ``grokscope.Tail`` takes ``grokscope.segments`` (its ``segments`` method: SiLU by an exp recurrence
    along each segment, preallocated buffers). A tail with ``first_is_affine`` true
    (``grokscope.torch.TorchTail`` starting with ``nn.Linear``) is entered after that layer through
    ``enter_after_first_affine(h) -> (Z, rest)``: interpolation commutes with affine maps, so the
    probes' pre-activations are interpolated instead (one matrix product less); ``rest`` may
    overwrite the array it is given. Any other callable gets the interpolated inputs.

    ``block_rows``: rows per call of the tail (19 per pair, λ-major within a block); default the tail's
    ``preferred_block_rows`` (1520 for ``grokscope.Tail``: cache-sized), else 32768 (N = 128 → 5 calls).
    Per pair only three moments per output are kept; ``r²`` and ``L`` come at the end, for all pairs."""
    h = _as_probes(probes)
    n = h.shape[0]
    first, second = np.triu_indices(n, 1)
    if block_rows is None:
        block_rows = int(getattr(tail, "preferred_block_rows", DEFAULT_BLOCK_ROWS))
    per_block = max(1, int(block_rows) // (POINTS - 2))
    with np.errstate(all="ignore"):  # non-finite outputs surface as NaN in L, then as an LMNError
        if hasattr(tail, "segments"):  # grokscope.Tail: grokscope.segments, buffers reused per block
            segments = tail.segments(h, min(per_block, max(first.size, 1)))  # type: ignore[attr-defined]
            ends = segments.ends
            moments = _Moments(first.size, ends.shape[1])
            for start in range(0, first.size, per_block):
                stop = min(start + per_block, first.size)
                moments.add(start, stop, segments.interior(first[start:stop], second[start:stop]))
        else:
            function: Callable[[np.ndarray], Any] = tail
            if getattr(tail, "first_is_affine", False):  # grokscope.torch.TorchTail
                h, function = tail.enter_after_first_affine(h)  # type: ignore[attr-defined]
            ends = _outputs(function, h.copy(), n)
            moments = _Moments(first.size, ends.shape[1])
            for start in range(0, first.size, per_block):
                stop = min(start + per_block, first.size)
                i = first[start:stop]
                y = _outputs(function, interior_points(h, i, second[start:stop]), i.size * (POINTS - 2))
                y = y.reshape(POINTS - 2, i.size, -1)  # λ-major: y[t − 1, p, k]
                y -= ends[i][None, :, :]
                moments.add(start, stop, y)
        values = moments.connectivity(ends, first, second)
    result = np.eye(n)
    result[first, second] = values
    result[second, first] = values
    return result


class _Moments:
    """Per pair and output, the moments of ``u = y(λ_t) − y(0)`` over the 19 interior points (shifted
    by the λ = 0 value, u₀ = 0, as the Swift fast path does), filled block by block; ``r²`` and ``L_ij``
    are then computed for all pairs at once (no per-block overhead)."""

    def __init__(self, pairs: int, outputs: int) -> None:
        self.outputs = outputs
        self.total = np.empty((pairs, outputs))  # Σ u
        self.products = np.empty((pairs, outputs))  # Σ (λ − ½) u
        self.squares = np.empty((pairs, outputs))  # Σ u²

    def add(self, start: int, stop: int, u: np.ndarray) -> None:
        """Pairs ``start..<stop`` from ``u[t − 1, p, k]`` (λ-major; columns beyond ``K`` ignored)."""
        k, pairs = self.outputs, stop - start
        sums = np.matmul(_WEIGHTS, u.reshape(POINTS - 2, -1)).reshape(2, pairs, -1)  # Σu, Σ(λ − ½)u
        self.total[start:stop] = sums[0, :, :k]
        self.products[start:stop] = sums[1, :, :k]
        self.squares[start:stop] = np.einsum("tpk,tpk->pk", u, u)[:, :k]

    def connectivity(self, ends: np.ndarray, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        """``L_ij`` of every pair: the λ = 1 point (``y_j − y_i``) added, then the mean ``r²``."""
        y0 = ends[first]
        last = ends[second] - y0
        total = self.total + last
        squares = self.squares + last * last
        products = self.products + 0.5 * last
        q = squares - total * (total / POINTS)
        return squared_correlation(y0 + total / POINTS, q, products).mean(axis=1)


def lmn_result(
    tail: Callable[[np.ndarray], Any], probes: Any, *, block_rows: Optional[int] = None
) -> LMNResult:
    """LMN with its entropy, spectrum and ``L`` (see ``lmn``)."""
    return from_connectivity(connectivity(tail, probes, block_rows=block_rows))


def lmn(tail: Callable[[np.ndarray], Any], probes: Any, *, block_rows: Optional[int] = None) -> float:
    """The Linear Mapping Number of ``tail`` on the N probe activations ``probes`` (N × H), in [1, N].

    LMN depends on N: compare values only at equal probe sizes (and the same starting layer)."""
    return lmn_result(tail, probes, block_rows=block_rows).value


def naive(tail: Callable[[np.ndarray], Any], probes: Any) -> LMNResult:
    """The definition literally, one pair at a time over all 21 points, with two-pass moments and a
    general eigenvalue solver (``numpy.linalg.eigvals``, not the symmetric one): the tests' reference.
    Slow (one call of ``tail`` per pair)."""
    h = _as_probes(probes)
    n = h.shape[0]
    matrix = np.eye(n)
    for i in range(n):
        for j in range(i + 1, n):
            points = h[i][None, :] + LAMBDAS[:, None] * (h[j] - h[i])[None, :]
            curves = _outputs(tail, points, POINTS)  # 21 × K
            mean = curves.mean(axis=0)
            deviation = curves - mean
            q = (deviation * deviation).sum(axis=0)
            p = ((LAMBDAS - 0.5)[:, None] * deviation).sum(axis=0)
            matrix[i, j] = matrix[j, i] = squared_correlation(mean, q, p).mean()
    if not np.all(np.isfinite(matrix)):
        raise LMNError("LMN: the connectivity matrix has NaN or infinite entries (the network overflowed?)")
    eigenvalues = np.sort(np.linalg.eigvals(matrix).real)
    entropy, value = spectral_lmn(eigenvalues)
    return LMNResult(value, entropy, eigenvalues, matrix)

