"""``Run``: writes a training run as a grokscope stream (docs/snapshot-format.md, ``grokscope/1``).

Each record is encoded completely and handed to the kernel with one ``os.write`` (retried only for
the rest of a short write), so a reader following the file or pipe never sees half a line from us.
"""

from __future__ import annotations

import math
import numbers
import os
import sys
import threading
import time
from typing import IO, Any, Mapping, Optional, Union

from . import _jsontext as J

FORMAT = "grokscope/1"
#: Minor 1 added the end status ``failed``.
FORMAT_MINOR = 1
STATUSES = ("completed", "interrupted", "diverged", "failed")
RESERVED = frozenset({"type", "step", "time", "nonfinite"})
#: Well-known metrics first, in the Swift encoder's order; others follow sorted by name.
METRIC_ORDER = ("train_loss", "test_loss", "train_acc", "test_acc", "l2", "lmn", "lr")
MAX_NAME_LENGTH = 200

Target = Union[str, "os.PathLike[str]", int, IO[Any], None]


def check_metric_name(name: object) -> str:
    """Returns ``name`` if it can be a series name; raises ``ValueError``/``TypeError`` otherwise."""
    if not isinstance(name, str):
        raise TypeError(f"metric name must be a string, got {name!r}")
    if not name or len(name) > MAX_NAME_LENGTH:
        raise ValueError(f"metric name must have 1…{MAX_NAME_LENGTH} characters, got {len(name)}")
    if name in RESERVED:
        raise ValueError(f"metric name {name!r} is reserved ({', '.join(sorted(RESERVED))}); rename the metric")
    if J.UNSAFE_NAME.search(name):
        raise ValueError(f"metric name {name!r} contains control or bidirectional characters; use plain text")
    return name


def metric_value(name: str, value: Any) -> float:
    """A metric as a float: Python/numpy numbers and 0-d arrays or tensors (``.item()``)."""
    if hasattr(value, "item") and not isinstance(value, numbers.Number):
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"metric {name!r} must be a real number, got {value!r} ({type(value).__name__})")
    return float(value)


class Run:
    """A grokscope stream writer; use it as a context manager so the run always gets its ``end``.

    ``out`` is a path (created or truncated; ``append=True`` appends), ``"-"`` or ``None`` for standard
    output, an open binary/text file object, or a file descriptor. Example::

        with grokscope.Run("run.ndjson", name="add mod 97", task="add mod 97", total_steps=10_000) as run:
            for step in range(10_000):
                ...
                run.eval(step, train_loss=loss, test_acc=acc)

    Leaving the block normally (or by ``sys.exit(0)``) writes ``end`` with status ``completed``; an
    exception writes ``failed`` (then propagates), ``KeyboardInterrupt`` writes ``interrupted``.
    """

    def __init__(
        self,
        out: Target = None,
        *,
        name: str = "",
        task: str = "",
        total_steps: Optional[int] = None,
        settings: Optional[Mapping[str, Any]] = None,
        probe_size: Optional[int] = None,
        probe_set: Optional[str] = None,
        seed: Optional[int] = None,
        run_id: Optional[str] = None,
        producer: str = "grokscope-python",
        start_time: Optional[float] = None,
        append: bool = False,
    ) -> None:
        self._lock = threading.Lock()
        self._fd, self._owned = _open(out, append)
        self._start = time.monotonic()
        self._last_step = 0
        self.ended = False
        wall = time.time() if start_time is None else float(start_time)
        fields = [
            '"type":"header"', f'"format":{J.string(FORMAT)}', f'"format_minor":{FORMAT_MINOR}',
            f'"run_id":{J.string(run_id if run_id is not None else _default_run_id(name, wall))}',
            f'"name":{J.string(str(name))}', f'"task":{J.string(str(task))}',
        ]
        if seed is not None:
            if int(seed) < 0 or int(seed) >= 2**64:
                raise ValueError(f"seed must lie in 0 … 2**64-1, got {seed}")
            fields.append(f'"seed":{J.integer(seed, "seed")}')
        if probe_size is not None:
            fields.append(f'"probe_size":{J.integer(probe_size, "probe_size")}')
        if total_steps is not None:
            fields.append(f'"total_steps":{J.integer(total_steps, "total_steps")}')
        fields += [f'"start_time":{J.number(wall)}', f'"producer":{J.string(producer)}']
        shown = {str(k): _setting_text(v) for k, v in (settings or {}).items()}
        if probe_set is not None:
            shown["lmn_probes"] = probe_set
        fields.append('"settings":{' + ",".join(f"{J.string(k)}:{J.string(v)}" for k, v in sorted(shown.items())) + "}")
        self._emit("{" + ",".join(fields) + "}")

    # MARK: records

    def eval(
        self, step: int, metrics: Optional[Mapping[str, Any]] = None, /, *, time: Optional[float] = None, **more: Any
    ) -> None:
        """One evaluation: ``run.eval(100, train_loss=0.5, test_acc=0.2)`` or with a mapping for names
        that are not identifiers (``{"l2/embedding": 3.1}``). NaN and ±inf are written as the format
        says (``null`` plus a ``nonfinite`` entry); ``time`` defaults to seconds since the run started."""
        values = {**(metrics or {}), **more}
        step_text = J.integer(step, "step")
        elapsed = (_monotonic() - self._start) if time is None else float(time)
        if not math.isfinite(elapsed):
            raise ValueError(f"time must be finite, got {elapsed}")
        checked = {check_metric_name(k): metric_value(k, v) for k, v in values.items()}
        ordered = [k for k in METRIC_ORDER if k in checked] + sorted(k for k in checked if k not in METRIC_ORDER)
        parts = [f'"type":"eval","step":{step_text}', f'"time":{J.number(elapsed)}']
        parts += [f"{J.string(k)}:{J.number(checked[k])}" for k in ordered]
        flags = [f"{J.string(k)}:{J.string(J.nonfinite_name(checked[k]))}" for k in ordered if not math.isfinite(checked[k])]
        if flags:
            parts.append('"nonfinite":{' + ",".join(flags) + "}")
        self._emit("{" + ",".join(parts) + "}")
        self._last_step = int(step_text)

    def event(self, step: int, message: str, kind: str = "note") -> None:
        """Something that happened at ``step``: ``kind`` is ``"phase"``, ``"checkpoint"`` or ``"note"``."""
        self._emit(
            f'{{"type":"event","step":{J.integer(step, "step")},"kind":{J.string(str(kind))},'
            f'"message":{J.string(str(message))}}}'
        )

    def end(self, status: str = "completed", message: str = "", step: Optional[int] = None) -> None:
        """The last record; ``step`` defaults to the last evaluated step. Closes a file ``Run`` opened."""
        if status not in STATUSES:
            raise ValueError(f"end status must be one of {', '.join(STATUSES)}; got {status!r}")
        last = self._last_step if step is None else step
        self._emit(
            f'{{"type":"end","step":{J.integer(last, "step")},"status":{J.string(status)},'
            f'"message":{J.string(str(message))}}}'
        )
        self.ended = True
        self.close()

    def close(self) -> None:
        """Closes the file if ``Run`` opened it (no ``end`` record: use ``end`` for that)."""
        with self._lock:
            if self._owned and self._fd >= 0:
                os.close(self._fd)
                self._fd = -1

    def __enter__(self) -> "Run":
        return self

    def __exit__(self, kind: Any, error: Any, trace: Any) -> None:
        if self.ended:
            return
        if kind is None or (issubclass(kind, SystemExit) and error.code in (None, 0)):
            self.end("completed")
        elif issubclass(kind, KeyboardInterrupt):
            self.end("interrupted", "KeyboardInterrupt")
        else:
            self.end("failed", f"{kind.__name__}: {error}")

    # MARK: output

    def _emit(self, record: str) -> None:
        data = (record + "\n").encode("utf-8")
        with self._lock:
            if self.ended or self._fd < 0:
                raise RuntimeError("grokscope.Run: the stream has ended or is closed; start a new Run")
            view = memoryview(data)
            while view:  # one write(2) for the line; a short write (a signal, a full pipe) sends the rest
                view = view[os.write(self._fd, view) :]


def _monotonic() -> float:
    return time.monotonic()


def _open(out: Target, append: bool) -> "tuple[int, bool]":
    if out is None or out == "-":
        sys.stdout.flush()  # whatever print() buffered goes first
        return sys.stdout.fileno(), False
    if isinstance(out, int):
        return out, False
    if not isinstance(out, (str, os.PathLike)):  # an open file object
        out.flush()
        return out.fileno(), False
    flags = os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC | (os.O_APPEND if append else os.O_TRUNC)
    return os.open(os.fspath(out), flags, 0o644), True


def _setting_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _default_run_id(name: str, wall: float) -> str:
    stamp = time.strftime("%Y-%m-%dT%H-%M-%S", time.gmtime(wall))
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in name)[:40]
    return f"{stamp}-{safe}" if safe else stamp
