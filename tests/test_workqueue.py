"""Extraction on the runner's process pool and through the Redis work queue (real redis-server)."""
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.servers import LocalRedis
from store import RawStore
from extract.runner import Job, Runner, run_job
from ogi.workqueue import NoWorkers, QueueKeys, RedisQueueRunner, redis_client, run_worker

HERE = "tests.test_workqueue"


# --- stand-in extractors, importable by spawned processes ------------------------

def fake_extract(data: bytes, source: str) -> dict:
    """Counts lines; a document saying CRASH raises, HANG loops, DIE kills its process."""
    text = data.decode()
    if "CRASH" in text:
        raise ValueError("unparseable table")
    if "HANG" in text:
        while True:
            pass
    if "DIE" in text:
        os._exit(1)
    return {"source": source, "lines": len(text.splitlines()), "pid": os.getpid(), "error": None}


def busy_extract(data: bytes, source: str) -> dict:
    """Burns CPU for a fixed time, to show that documents run in parallel."""
    started = time.time()
    deadline = time.process_time() + 0.4
    while time.process_time() < deadline:
        pass
    return {"source": source, "pid": os.getpid(), "span": [started, time.time()], "error": None}


def make_store(root, texts):
    store = RawStore(root)
    jobs = []
    for i, text in enumerate(texts):
        digest, rel = store.put_bytes(text.encode(), "txt")
        jobs.append(Job(digest, rel, f"http://127.0.0.1/doc{i}.txt"))
    store.close()
    return jobs


def test_run_job_turns_every_problem_into_an_error_record(tmp_path):
    good, crash = make_store(tmp_path, ["a\nb\nc", "CRASH"])
    record = run_job(good, str(tmp_path), f"{HERE}:fake_extract")
    assert record["lines"] == 3 and record["error"] is None and record["sha256"] == good.sha256
    assert "unparseable table" in run_job(crash, str(tmp_path), f"{HERE}:fake_extract")["error"]
    missing = Job("0" * 64, "objects/00/missing.pdf", "x")
    assert run_job(missing, str(tmp_path))["error"] == "cannot read file: no such file (objects/00/missing.pdf)"
    assert run_job(missing, str(tmp_path))["retry"] is True
    (tmp_path / good.path).write_bytes(b"tampered")
    assert run_job(good, str(tmp_path), f"{HERE}:fake_extract")["error"].startswith("stored object is damaged")


def test_process_pool_survives_crashes_timeouts_and_dead_workers(tmp_path):
    texts = [f"doc {i}\n" * (i + 1) for i in range(8)] + ["CRASH", "HANG", "DIE"]
    jobs = make_store(tmp_path, texts)
    with Runner(2, timeout=2, function=f"{HERE}:fake_extract", root=tmp_path) as runner:
        results = {job.sha256: record for job, record in runner.run(jobs, ordered=False)}
    assert set(results) == {j.sha256 for j in jobs}
    by_text = {t: results[j.sha256] for t, j in zip(texts, jobs)}
    for i in range(8):
        assert by_text[f"doc {i}\n" * (i + 1)]["lines"] == i + 1
    assert "ValueError: unparseable table" in by_text["CRASH"]["error"]
    assert by_text["HANG"]["error"] == "extraction timed out after 2 s; process killed"
    assert by_text["DIE"]["error"] == "extraction process died (exit status 1)"
    assert {by_text[t]["pid"] for t in texts[:8]} != {os.getpid()}


@pytest.mark.slow
def test_process_pool_uses_both_cores(tmp_path):
    jobs = make_store(tmp_path, [f"d{i}" for i in range(8)])
    with Runner(2, function=f"{HERE}:busy_extract", root=tmp_path) as runner:
        records = [r for _, r in runner.run(jobs)]
    assert len({r["pid"] for r in records}) == 2
    # documents ran at the same time in different processes
    overlapping = [(a, b) for a in records for b in records
                   if a["pid"] < b["pid"] and a["span"][0] < b["span"][1] and b["span"][0] < a["span"][1]]
    assert overlapping


@pytest.fixture
def redis_url(tmp_path):
    with LocalRedis(tmp_path / "redis") as server:
        yield server.url


def start_worker(url, store, **kw):
    stop = threading.Event()
    done = {}
    thread = threading.Thread(target=lambda: done.setdefault("n", run_worker(
        url, store, extractor=f"{HERE}:fake_extract", stop=stop, **kw)))
    thread.start()
    return thread, stop, done


def test_redis_queue_with_two_workers(redis_url, tmp_path):
    jobs = make_store(tmp_path, ["line\n" * (i + 1) for i in range(12)] + ["CRASH"])
    workers = [start_worker(redis_url, tmp_path) for _ in range(2)]
    try:
        runner = RedisQueueRunner(redis_url, tmp_path, idle_timeout=10)
        results = list(runner.run(jobs + jobs[:3]))  # duplicates are sent once
    finally:
        for _, stop, _ in workers:
            stop.set()
        for thread, _, _ in workers:
            thread.join(10)
    assert sorted(j.sha256 for j, _ in results) == sorted(j.sha256 for j in jobs)
    records = {j.sha256: r for j, r in results}
    assert [records[j.sha256].get("lines") for j in jobs[:12]] == list(range(1, 13))
    assert "unparseable table" in records[jobs[12].sha256]["error"]
    assert sum(done["n"] for _, _, done in workers) == 13
    r = redis_client(redis_url)
    keys = QueueKeys()
    assert r.llen(keys.todo) == 0 and r.llen(keys.results) == 0
    assert r.scard(keys.workers) == 0


def test_worker_without_store_gets_shipped_bytes(redis_url, tmp_path):
    store = tmp_path / "store"
    jobs = make_store(store, ["one\ntwo", "three"])
    elsewhere = tmp_path / "other-machine"
    elsewhere.mkdir()
    thread, stop, _ = start_worker(redis_url, elsewhere)
    try:
        results = dict((j.sha256, r) for j, r in RedisQueueRunner(redis_url, store, ship_bytes=True).run(jobs))
    finally:
        stop.set()
        thread.join(10)
    assert results[jobs[0].sha256]["lines"] == 2 and results[jobs[1].sha256]["lines"] == 1
    assert not list(redis_client(redis_url).scan_iter("ogi:extract:default:blob:*"))


def stall_extract(data: bytes, source: str) -> dict:
    """Never returns in a process started with OGI_TEST_STALL set."""
    if os.environ.get("OGI_TEST_STALL"):
        time.sleep(3600)
    return fake_extract(data, source)


STALLING_WORKER = """
import sys
from ogi.workqueue import run_worker
run_worker(sys.argv[1], sys.argv[2], extractor="tests.test_workqueue:stall_extract", heartbeat=3)
"""


def test_job_of_a_worker_killed_mid_document_is_requeued(redis_url, tmp_path):
    jobs = make_store(tmp_path, ["a\nb"])
    r = redis_client(redis_url)
    keys = QueueKeys()
    stalled = subprocess.Popen([sys.executable, "-c", STALLING_WORKER, redis_url, str(tmp_path)],
                               env={**os.environ, "OGI_TEST_STALL": "1"}, cwd=Path(__file__).parent.parent)
    runner = RedisQueueRunner(redis_url, tmp_path, idle_timeout=30)
    results = runner.run(jobs)
    killed = threading.Event()

    def kill_when_taken():
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            held = [k for k in r.scan_iter(keys.processing("*")) if r.llen(k)]
            if held:
                stalled.send_signal(signal.SIGKILL)
                stalled.wait()
                killed.set()
                return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_when_taken)
    killer.start()
    thread, stop, done = None, None, None
    try:
        collected = []

        def consume():
            collected.extend(results)

        consumer = threading.Thread(target=consume)
        consumer.start()
        killer.join(35)
        assert killed.is_set(), "the stalling worker never took the job"
        thread, stop, done = start_worker(redis_url, tmp_path)
        consumer.join(60)
    finally:
        if stalled.poll() is None:
            stalled.kill()
            stalled.wait()
        if stop is not None:
            stop.set()
            thread.join(10)
    assert [(j.sha256, rec["lines"]) for j, rec in collected] == [(jobs[0].sha256, 2)]
    assert done["n"] == 1
    assert not [k for k in r.scan_iter(keys.processing("*")) if r.llen(k)]


def test_no_workers_is_a_clear_error(redis_url, tmp_path):
    jobs = make_store(tmp_path, ["x"])
    runner = RedisQueueRunner(redis_url, tmp_path, idle_timeout=0.5)
    with pytest.raises(NoWorkers, match="no `ogi worker` has been alive"):
        list(runner.run(jobs))
    assert redis_client(redis_url).llen(QueueKeys().todo) == 0


def test_worker_result_is_json(redis_url, tmp_path):
    jobs = make_store(tmp_path, ["p\nq"])
    r = redis_client(redis_url)
    r.rpush(QueueKeys("q2").todo, jobs[0].to_json())
    assert run_worker(redis_url, tmp_path, queue="q2", extractor=f"{HERE}:fake_extract", max_jobs=1) == 1
    result = json.loads(r.lpop(QueueKeys("q2").results))
    assert result["job"]["sha256"] == jobs[0].sha256 and result["record"]["lines"] == 2
