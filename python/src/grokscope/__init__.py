"""grokscope: stream a training run to the grokscope monitor, and measure the paper's LMN.

- ``Run`` writes the NDJSON stream (docs/snapshot-format.md) that ``grokscope watch`` shows live.
- ``lmn(tail, probes)`` is the Linear Mapping Number of arXiv 2310.05918, as grokscope computes it.
- ``grokscope.torch`` (needs PyTorch) picks the starting layer of a model and logs in one call.
"""

from .lmn import LMNError, LMNResult, from_connectivity, lmn, lmn_result, naive
from .probes import probe_indices
from .stream import Run
from .tails import Layer, Tail

__all__ = [
    "Run", "lmn", "lmn_result", "naive", "from_connectivity", "LMNResult", "LMNError", "Tail", "Layer",
    "probe_indices",
]
__version__ = "0.1.0"
