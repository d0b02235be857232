"""JSON text for the grokscope stream, written by hand like the Swift ``RecordEncoder``.

Why not ``json.dumps``: it writes ``NaN``/``Infinity`` (not JSON), and it leaves DEL, C1 controls,
U+2028/U+2029 and bidirectional controls raw, so ``cat`` of a stream could move a terminal or reorder
text on screen. See docs/snapshot-format.md ("Strings", "Non-finite values").
"""

from __future__ import annotations

import math
import numbers
import re
from typing import Any

# Escaped as \\uXXXX (lossless): C0, DEL, C1, line/paragraph separators and the bidirectional
# formatting characters (LRM/RLM/ALM, LRE…RLO, LRI…PDI) that can reorder what a terminal shows.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\"\\\\]")
_SHORT = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}

#: Characters a metric name may not contain (they would be unsafe or ambiguous as a series label).
UNSAFE_NAME = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def string(text: str) -> str:
    """A quoted JSON string with every terminal-unsafe character escaped."""
    return '"' + _UNSAFE.sub(lambda m: _SHORT.get(m.group(0), "\\u%04x" % ord(m.group(0))), text) + '"'


def integer(value: Any, what: str) -> str:
    """An integer field (``step``, ``seed``…); bools and fractional numbers are refused."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        if isinstance(value, numbers.Real) and not isinstance(value, bool) and float(value).is_integer():
            value = int(float(value))
        else:
            raise TypeError(f"{what} must be an integer, got {value!r} ({type(value).__name__})")
    return str(int(value))


def number(value: float) -> str:
    """A finite float in the shortest round-trip form (``repr``); non-finite values become ``null``."""
    return repr(float(value)) if math.isfinite(value) else "null"


def nonfinite_name(value: float) -> str:
    """The ``nonfinite`` flag of a non-finite value: ``"nan"``, ``"inf"`` or ``"-inf"``."""
    return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
