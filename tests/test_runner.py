"""The one extraction runner: reused workers, caps, deaths, odd files, identical bytes once."""
from __future__ import annotations

import hashlib
import os
import stat
import time
import uuid

import pytest

from tests.servers import processes_with

from extract.runner import Job, Runner

HERE = "tests.test_runner"


def whoami(data, source):
    return {"pid": os.getpid(), "text": data.decode(), "sha256": hashlib.sha256(data).hexdigest(), "error": None}


def counted(data, source):
    with open(os.path.join(os.environ["OGI_TEST_TMP"], "calls"), "a") as f:
        f.write(source + "\n")
    return whoami(data, source)


def abort_on_bang(data, source):
    if data == b"!":
        os.abort()
    return whoami(data, source)


def slow_soffice(data, source):
    """Start a LibreOffice conversion that never ends (the fake soffice sleeps)."""
    from pathlib import Path

    from extract.doc import convert_with_libreoffice

    src = Path(os.environ["OGI_TEST_TMP"], "x.doc")
    src.write_bytes(b"x")
    convert_with_libreoffice([src], "docx", Path(os.environ["OGI_TEST_TMP"], "out"), timeout=600)
    return {"error": None}


def _files(tmp_path, contents):
    jobs = []
    for n, data in enumerate(contents):
        path = tmp_path / f"f{n}.txt"
        path.write_bytes(data)
        jobs.append(Job(None, str(path), f"http://127.0.0.1/f{n}.txt"))
    return jobs


def test_workers_are_reused_and_results_come_in_input_order(tmp_path):
    jobs = _files(tmp_path, [f"doc {n}".encode() for n in range(12)])
    with Runner(workers=1, function=f"{HERE}:whoami") as runner:
        records = [r for _, r in runner.run(jobs)]
    assert [r["text"] for r in records] == [f"doc {n}" for n in range(12)]
    assert len({r["pid"] for r in records}) == 1  # one worker did all twelve
    assert records[0]["pid"] != os.getpid()


def test_a_worker_that_dies_fails_only_its_document(tmp_path):
    jobs = _files(tmp_path, [b"a", b"!", b"b"])
    with Runner(workers=1, function=f"{HERE}:abort_on_bang") as runner:
        records = [r for _, r in runner.run(jobs)]
    assert records[0]["text"] == "a" and records[2]["text"] == "b"
    assert records[1]["error"] == "extraction process died with signal SIGABRT (crash or memory limit)"


def test_a_worker_death_takes_down_no_other_document(tmp_path):
    """Documents in flight beside the one that killed its worker (done, or not started)
    get one more try in a fresh worker: only the culprit fails, after dying twice."""
    contents = [b"a", b"c", b"!", b"d", b"e", b"!", b"f", b"g"]
    jobs = _files(tmp_path, contents)
    with Runner(workers=2, function=f"{HERE}:abort_on_bang") as runner:
        records = [r for _, r in runner.run(jobs)]
    for content, record in zip(contents, records):
        if content == b"!":
            assert record["error"].startswith("extraction process died with signal SIGABRT")
        else:
            assert record.get("text") == content.decode(), record


@pytest.mark.parametrize("kind", ["fifo", "device", "directory"])
def test_files_that_are_not_regular_are_refused_at_once(tmp_path, kind):
    path = tmp_path / "odd"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "directory":
        path.mkdir()
    else:
        path = "/dev/zero"
    started = time.monotonic()
    with Runner(timeout=30) as runner:
        (_, record), = list(runner.run([Job(None, str(path), str(path))]))
    assert record["error"] == "not a regular file (a device, FIFO or directory): nothing to extract"
    assert time.monotonic() - started < 10


def test_a_damaged_object_is_never_extracted_under_its_name(tmp_path):
    data = b"<html><body>report</body></html>"
    digest = hashlib.sha256(data).hexdigest()
    (tmp_path / "obj").write_bytes(data[:10])  # truncated
    with Runner(function=f"{HERE}:whoami", root=tmp_path) as runner:
        (_, record), = list(runner.run([Job(digest, "obj", "http://127.0.0.1/r.html")]))
    assert record["error"].startswith("stored object is damaged: its 10 bytes hash to")
    assert record["sha256"] == digest and "pid" not in record


def test_identical_bytes_are_extracted_once(tmp_path, monkeypatch):
    monkeypatch.setenv("OGI_TEST_TMP", str(tmp_path))
    data = b"same bytes"
    digest = hashlib.sha256(data).hexdigest()
    (tmp_path / "obj").write_bytes(data)
    jobs = [Job(digest, "obj", f"http://127.0.0.{n}/a.pdf") for n in range(1, 6)]
    with Runner(workers=2, function=f"{HERE}:counted", root=tmp_path) as runner:
        records = [r for _, r in runner.run(jobs)]
    assert [r["source"] for r in records] == [j.source for j in jobs]
    assert all(r["text"] == "same bytes" and r["sha256"] == digest for r in records)
    assert (tmp_path / "calls").read_text().splitlines() == ["http://127.0.0.1/a.pdf"]


def test_timeout_kills_the_libreoffice_process_group(tmp_path, monkeypatch):
    marker = uuid.uuid4().hex
    fake = tmp_path / "bin"
    fake.mkdir()
    # soffice → a child that outlives its parent unless its whole group is killed
    (fake / "soffice").write_text(f"#!/bin/sh\nsleep 600 {marker} &\nwait\n".replace(f"sleep 600 {marker}",
                                                                                     f"sh -c 'sleep 600; : {marker}'"))
    (fake / "soffice").chmod(0o755 | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("OGI_TEST_TMP", str(tmp_path))
    jobs = _files(tmp_path, [b"x"])
    started = time.monotonic()
    with Runner(timeout=3, function=f"{HERE}:slow_soffice") as runner:
        (_, record), = list(runner.run(jobs))
    assert record["error"] == "extraction timed out after 3 s; process killed"
    assert time.monotonic() - started < 20
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and processes_with(marker):
        time.sleep(0.2)
    assert processes_with(marker) == []


def test_call_runs_under_the_same_caps(tmp_path):
    with Runner(timeout=2) as runner:
        assert runner.call(pow, 2, 10) == 1024
        with pytest.raises(TimeoutError):
            runner.call(time.sleep, 30)
        assert runner.call(pow, 3, 2) == 9  # a fresh worker after the stopped one


def test_a_document_whose_result_the_pool_lost_to_a_death_is_read_again(tmp_path):
    """The pool reports a worker's death for a document that was not the cause (its
    result was still in the pipe): the document is read again in a fresh worker and
    gets its own record, not the death."""
    from concurrent.futures import Future

    from pebble import ProcessExpired

    (job,) = _files(tmp_path, [b"a"])
    lost = Future()
    lost.set_exception(ProcessExpired("Abnormal termination", code=-6, pid=12345))
    with Runner(workers=1, function=f"{HERE}:abort_on_bang") as runner:
        record = runner._outcome(job, lost)
    assert record.get("text") == "a" and not record.get("error")


def sleepy_on_z(data, source):
    if data == b"z":
        time.sleep(60)
    return whoami(data, source)


def test_a_document_that_runs_too_long_among_small_ones(tmp_path):
    """The slow one times out and its worker is replaced; the others before and after it
    give their records, in order."""
    contents = [b"a", b"b", b"z", b"c", b"d"]
    jobs = _files(tmp_path, contents)
    started = time.monotonic()
    with Runner(workers=1, timeout=2, function=f"{HERE}:sleepy_on_z") as runner:
        records = [r for _, r in runner.run(jobs)]
    assert [r.get("text") for r in records] == ["a", "b", None, "c", "d"]
    assert records[2]["error"] == "extraction timed out after 2 s; process killed"
    assert time.monotonic() - started < 15


@pytest.mark.parametrize("ordered", [True, False])
def test_large_and_small_files_mixed_keep_their_records(tmp_path, ordered):
    """Identical bytes among other files, in or out of order, are read once and given to
    each of their jobs, each record with its own source."""
    big = b"B" * (256 * 1024 + 1)
    contents = [b"s0", b"s1", big, b"s2", b"s0", big, b"s3"] + [f"t{n}".encode() for n in range(12)]
    jobs = []
    for n, data in enumerate(contents):
        path = tmp_path / f"f{n}"
        path.write_bytes(data)
        jobs.append(Job(hashlib.sha256(data).hexdigest(), path.name, f"http://127.0.0.1/{n}"))
    with Runner(workers=2, function=f"{HERE}:whoami", root=tmp_path) as runner:
        got = {job.source: record for job, record in runner.run(jobs, ordered=ordered)}
    assert [got[j.source]["text"] for j in jobs] == [c.decode() for c in contents]
    assert all(got[j.source]["source"] == j.source for j in jobs)
