"""The LMN probe set exactly as grokscope draws it (``Metrics.ProbeSet``): ``count`` distinct indices
out of ``0..total-1`` (train and test inputs together, in the task's own order), chosen by Floyd's
algorithm driven by SplitMix64 seeded with ``seed`` and Lemire's unbiased bounded draw, then sorted.
Same seed, same indices as the Swift engine, so LMN values of both are comparable.
"""

from __future__ import annotations

from typing import List

_MASK = (1 << 64) - 1


class _SplitMix64:
    def __init__(self, seed: int) -> None:
        self.state = seed & _MASK

    def next(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & _MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return z ^ (z >> 31)

    def below(self, bound: int) -> int:
        """Uniform in ``0..bound-1`` by multiply-and-reject (Lemire 2019)."""
        product = self.next() * bound
        if product & _MASK < bound:
            threshold = ((1 << 64) - bound) % bound
            while product & _MASK < threshold:
                product = self.next() * bound
        return product >> 64


def probe_indices(count: int, total: int, seed: int) -> List[int]:
    """The ascending probe indices; ``count >= total`` takes every input."""
    total = max(int(total), 0)
    wanted = max(int(count), 0)
    if wanted >= total:
        return list(range(total))
    generator = _SplitMix64(int(seed))
    chosen: set = set()
    for upper in range(total - wanted, total):
        candidate = generator.below(upper + 1)
        chosen.add(upper if candidate in chosen else candidate)
    return sorted(chosen)


def describe(count: int, total: int, seed: int, start: str) -> str:
    """The header text of a probe set, in the Swift runner's words (``settings.lmn_probes``)."""
    return f"{min(count, total)} of {total} inputs (train and test), seed {seed}, from {start}"
