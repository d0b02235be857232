"""The stream writer against docs/snapshot-format.md."""

import json
import math
import os

import pytest

import grokscope
from grokscope import stream


def strict_json(line: str) -> dict:
    """Parses one line as real JSON: NaN/Infinity tokens are refused."""
    def refuse(token: str) -> None:
        raise ValueError(f"non-JSON token {token}")

    return json.loads(line, parse_constant=refuse)


def records(path) -> list:
    text = open(path, encoding="utf-8").read()
    assert text.endswith("\n")
    return [strict_json(line) for line in text.splitlines()]


def test_header_eval_event_end_in_the_documented_shape(tmp_path):
    path = tmp_path / "run.ndjson"
    with grokscope.Run(
        path, name="add mod 97", task="add mod 97", total_steps=1000, settings={"lr": 1e-3, "full_batch": True},
        probe_size=128, probe_set="128 of 9409 inputs", seed=3, run_id="r1", start_time=1795925400.0,
    ) as run:
        run.eval(0, train_loss=3.5, test_acc=0.0, lmn=2.8)
        run.event(10, "memorization", kind="phase")
        run.eval(10, {"l2/embedding": 3.25, "lr": 0.001}, time=1.5)
    header, first, event, second, end = records(path)
    assert header == {
        "type": "header", "format": "grokscope/1", "format_minor": 1, "run_id": "r1", "name": "add mod 97",
        "task": "add mod 97", "seed": 3, "probe_size": 128, "total_steps": 1000, "start_time": 1795925400.0,
        "producer": "grokscope-python",
        "settings": {"full_batch": "true", "lmn_probes": "128 of 9409 inputs", "lr": "0.001"},
    }
    assert first["type"] == "eval" and first["step"] == 0 and first["time"] >= 0
    assert list(first)[3:] == ["train_loss", "test_acc", "lmn"]  # well-known metrics in the Swift order
    assert event == {"type": "event", "step": 10, "kind": "phase", "message": "memorization"}
    assert second == {"type": "eval", "step": 10, "time": 1.5, "lr": 0.001, "l2/embedding": 3.25}
    assert end == {"type": "end", "step": 10, "status": "completed", "message": ""}


def test_non_finite_metrics_become_null_with_a_nonfinite_entry(tmp_path):
    path = tmp_path / "run.ndjson"
    with grokscope.Run(path) as run:
        run.eval(5, train_loss=float("nan"), test_loss=math.inf, l2=-math.inf, test_acc=0.5)
    line = open(path).read().splitlines()[1]
    assert "NaN" not in line and "Infinity" not in line
    record = strict_json(line)
    assert record["train_loss"] is None and record["test_loss"] is None and record["l2"] is None
    assert record["nonfinite"] == {"train_loss": "nan", "test_loss": "inf", "l2": "-inf"}
    assert record["test_acc"] == 0.5


def test_finite_values_round_trip_exactly(tmp_path):
    path = tmp_path / "run.ndjson"
    values = [0.1, 1e-300, 5e-324, 1.7976931348623157e308, -0.0, 3.4370211099962047, 1e16, 2]
    with grokscope.Run(path) as run:
        run.eval(1, {f"m{i}": v for i, v in enumerate(values)})
    record = records(path)[1]
    assert [record[f"m{i}"] for i in range(len(values))] == [float(v) for v in values]


@pytest.mark.parametrize(
    "name", ["type", "step", "time", "nonfinite", "", "bad\x1bname", "tab\tname", "bidi\u202ename", "x" * 201]
)
def test_reserved_empty_and_unsafe_metric_names_are_refused(tmp_path, name):
    with grokscope.Run(tmp_path / "r.ndjson") as run:
        with pytest.raises(ValueError):
            run.eval(1, {name: 1.0})
        run.eval(1, {"l2/layers.0": 1.0, "métrique ✓": 2.0})  # the positive case: ordinary names pass


@pytest.mark.parametrize("step", [1.5, float("nan"), float("inf"), "3", True, None])
def test_steps_must_be_integers(tmp_path, step):
    with grokscope.Run(tmp_path / "r.ndjson") as run:
        with pytest.raises(TypeError):
            run.eval(step, train_loss=1.0)
        run.eval(2.0, train_loss=1.0)  # an integral float is an integer


def test_metric_values_must_be_numbers(tmp_path):
    with grokscope.Run(tmp_path / "r.ndjson") as run:
        with pytest.raises(TypeError):
            run.eval(1, train_loss="0.5")
        with pytest.raises(TypeError):
            run.eval(1, train_loss=True)
        with pytest.raises(ValueError):
            run.eval(1, time=float("nan"), train_loss=1.0)


def test_unsafe_characters_in_strings_are_escaped_not_written_raw(tmp_path):
    path = tmp_path / "run.ndjson"
    hostile = 'evil\x1b]0;title\x07\x1b[2J\r\n\x7f\x85\u2028\u2029\u202e\u2066"\\ ✓'
    with grokscope.Run(path, name=hostile, task=hostile, settings={hostile: hostile}) as run:
        run.event(1, hostile)
    raw = open(path, "rb").read()
    lines = raw.split(b"\n")
    assert len(lines) == 4 and lines[-1] == b""  # header, event, end: no extra line breaks
    for forbidden in [b"\x1b", b"\x07", b"\r", b"\x7f", "\x85".encode(), "\u2028".encode(), "\u202e".encode(),
                      "\u2066".encode()]:
        assert forbidden not in raw
    header, event, _ = records(path)
    assert header["name"] == hostile and event["message"] == hostile  # lossless
    assert header["settings"] == {hostile: hostile}


def test_each_record_is_one_write_of_one_complete_line(tmp_path, monkeypatch):
    writes = []
    real_write = os.write

    def spy(fd, data):
        writes.append(bytes(data))
        return real_write(fd, data)

    monkeypatch.setattr(stream.os, "write", spy)
    with grokscope.Run(tmp_path / "r.ndjson") as run:
        for step in range(5):
            run.eval(step, train_loss=1.0 / (step + 1))
    assert len(writes) == 7
    assert all(w.endswith(b"\n") and w.count(b"\n") == 1 for w in writes)


def test_a_short_write_sends_the_rest(tmp_path, monkeypatch):
    real_write = os.write
    monkeypatch.setattr(stream.os, "write", lambda fd, data: real_write(fd, bytes(data)[:7]))
    path = tmp_path / "r.ndjson"
    with grokscope.Run(path, name="short writes") as run:
        run.eval(1, train_loss=0.25)
    assert [r["type"] for r in records(path)] == ["header", "eval", "end"]


def test_an_exception_ends_the_run_as_failed_and_propagates(tmp_path):
    path = tmp_path / "r.ndjson"
    with pytest.raises(ZeroDivisionError):
        with grokscope.Run(path) as run:
            run.eval(7, train_loss=1.0)
            1 / 0
    end = records(path)[-1]
    assert end["type"] == "end" and end["status"] == "failed" and end["step"] == 7
    assert "ZeroDivisionError" in end["message"]


def test_keyboard_interrupt_ends_the_run_as_interrupted(tmp_path):
    path = tmp_path / "r.ndjson"
    with pytest.raises(KeyboardInterrupt):
        with grokscope.Run(path) as run:
            run.eval(3, train_loss=1.0)
            raise KeyboardInterrupt
    assert records(path)[-1]["status"] == "interrupted"


@pytest.mark.parametrize("code, status", [(0, "completed"), (None, "completed"), (2, "failed")])
def test_sys_exit_ends_by_its_code(tmp_path, code, status):
    path = tmp_path / "r.ndjson"
    with pytest.raises(SystemExit):
        with grokscope.Run(path):
            raise SystemExit(code)
    assert records(path)[-1]["status"] == status


def test_an_explicit_end_is_not_repeated_and_later_writes_are_refused(tmp_path):
    path = tmp_path / "r.ndjson"
    with grokscope.Run(path) as run:
        run.end("diverged", "loss is NaN", step=12)
        with pytest.raises(RuntimeError):
            run.eval(13, train_loss=1.0)
    assert [r["type"] for r in records(path)] == ["header", "end"]
    assert records(path)[-1]["status"] == "diverged"


def test_unknown_end_status_is_refused(tmp_path):
    run = grokscope.Run(tmp_path / "r.ndjson")
    with pytest.raises(ValueError):
        run.end("exploded")
    run.end("completed")


def test_writes_to_stdout(capfd):
    with grokscope.Run("-", name="piped") as run:
        run.eval(1, train_loss=0.5)
    out = capfd.readouterr().out
    assert [strict_json(line)["type"] for line in out.splitlines()] == ["header", "eval", "end"]


def test_append_keeps_earlier_runs(tmp_path):
    path = tmp_path / "r.ndjson"
    with grokscope.Run(path, name="first"):
        pass
    with grokscope.Run(path, name="second", append=True):
        pass
    assert [r.get("name") for r in records(path) if r["type"] == "header"] == ["first", "second"]
    with grokscope.Run(path, name="third"):
        pass
    assert [r.get("name") for r in records(path) if r["type"] == "header"] == ["third"]


def test_the_swift_corpus_file_is_what_this_writer_writes(tmp_path):
    import fixture_writer

    fixture_writer.write(tmp_path / "python-client.ndjson")
    assert (tmp_path / "python-client.ndjson").read_bytes() == fixture_writer.FIXTURE.read_bytes(), (
        "regenerate it: python3 python/tests/fixture_writer.py"
    )


def test_writes_to_an_open_file_object_and_a_descriptor(tmp_path):
    with open(tmp_path / "a.ndjson", "wb") as handle:
        with grokscope.Run(handle, name="object") as run:
            run.eval(1, train_loss=0.5)
    descriptor = os.open(tmp_path / "b.ndjson", os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        with grokscope.Run(descriptor, name="descriptor"):
            pass
    finally:
        os.close(descriptor)
    assert [r["type"] for r in records(tmp_path / "a.ndjson")] == ["header", "eval", "end"]
    assert records(tmp_path / "b.ndjson")[0]["name"] == "descriptor"
