"""Extraction work spread over processes: a local process pool, or machines via Redis.

A :class:`Job` names one stored file by its path in the raw store and its sha256.
Both runners take jobs and yield ``(job, record)`` pairs as documents finish; the
caller is the single writer that stores the records. A job never raises: a document
that fails (bad bytes, a crash, a timeout, a dead worker) comes back as a record with
``error`` set.

* :class:`ProcessPoolRunner` runs jobs on this machine's cores.
* :class:`RedisQueueRunner` pushes jobs onto a Redis list that ``ogi worker``
  processes (:func:`run_worker`, on any machine that sees the raw store or gets the
  bytes through Redis) consume; their records come back on a results list.

Redis keys, under ``ogi:extract:<queue>:``: ``todo`` (list of jobs), ``processing:<worker>``
(list: jobs a worker has taken), ``alive:<worker>`` (heartbeat with a TTL),
``results`` (list of finished records), ``blob:<sha256>`` (bytes, when shipped).
A job taken by a worker whose heartbeat expired goes back on ``todo``.
"""
from __future__ import annotations

import hashlib
import importlib
import json
import logging
import multiprocessing
import os
import signal
import socket
import threading
import time
import uuid
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

log = logging.getLogger("ogi.workqueue")

#: the extraction function used unless another is named (``module:function``)
DEFAULT_EXTRACTOR = "extract.api:extract_bytes"


@dataclass(frozen=True)
class Job:
    """One document to extract.

    :param sha256: the sha256 of the file's bytes.
    :param path: the file's path relative to the raw store root (``objects/ab/….pdf``).
    :param source: the URL (or name) passed to the extractor as the document's source.
    """

    sha256: str
    path: str
    source: str
    #: keyword arguments for the extraction function (``{"ocr": False}``)
    options: tuple = ()

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | bytes) -> "Job":
        data = json.loads(text)
        data["options"] = tuple(tuple(pair) for pair in data.get("options") or ())
        return cls(**data)


class JobTimeout(Exception):
    """The extraction of one document took longer than allowed."""


def load_extractor(spec: str) -> Callable[[bytes, str], dict]:
    """Import ``module:function``.

    :param spec: e.g. ``extract.api:extract_bytes``.
    """
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def failure_record(job: Job, reason: str, retry: bool = False) -> dict:
    """The record of a document that could not be extracted.

    :param job: the document.
    :param reason: why, for the summary.
    :param retry: the failure says nothing about the document (its file could not be
        read here), so the record should not be kept and a later run should try again.
    """
    return {"source": job.source, "sha256": job.sha256, "is_report": None, "figures": {},
            "findings": [], "warnings": [], "error": reason, "retry": retry}


def _on_alarm(signum, frame):
    raise JobTimeout()


def extract_job(job: Job, store_root: str, extractor: str = DEFAULT_EXTRACTOR,
                timeout: int = 0, data: bytes | None = None) -> dict:
    """Extract one document; never raises for a bad document.

    :param job: the document.
    :param store_root: the raw store directory the job's path is relative to.
    :param extractor: ``module:function`` taking ``(bytes, source)``, returning a record.
    :param timeout: seconds before giving up (``0``: no limit); uses SIGALRM, so only in
        a process's main thread.
    :param data: the bytes, when they came some other way than the store.
    """
    try:
        if data is None:
            data = (Path(store_root) / job.path).read_bytes()
    except OSError as exc:
        return failure_record(job, f"cannot read {job.path}: {exc.strerror or exc}", retry=True)
    digest = hashlib.sha256(data).hexdigest()
    if digest != job.sha256:
        return failure_record(job, f"stored bytes of {job.path} have sha256 {digest[:12]}…, expected {job.sha256[:12]}…")
    function = load_extractor(extractor)
    use_alarm = timeout > 0 and threading.current_thread() is threading.main_thread()
    if use_alarm:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        signal.alarm(timeout)
    try:
        record = function(data, job.source, **dict(job.options))
    except JobTimeout:
        return failure_record(job, f"extraction timed out after {timeout}s")
    except Exception as exc:  # a bad document must not stop the run
        return failure_record(job, f"extractor crashed: {type(exc).__name__}: {exc}")
    finally:
        if use_alarm:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
    if not isinstance(record, dict):
        return failure_record(job, f"extractor returned {type(record).__name__}, not a record")
    record = dict(record)
    record["sha256"] = job.sha256
    record.setdefault("source", job.source)
    record.setdefault("error", None)
    return record


class ProcessPoolRunner:
    """Extract jobs on this machine with a pool of ``workers`` processes.

    Worker processes are started with ``spawn``: they inherit no file descriptors (not
    the run lock) and no state of the parent. A worker that dies (segfault, OOM kill)
    breaks the pool; the pool is rebuilt and the documents it held are run again one at
    a time, so only the document that kills a worker on its own is reported as failed.

    :param store_root: the raw store directory.
    :param workers: number of processes.
    :param extractor: ``module:function`` of the extraction function.
    :param timeout: seconds per document (``0``: no limit).
    """

    def __init__(self, store_root: str | os.PathLike, workers: int,
                 extractor: str = DEFAULT_EXTRACTOR, timeout: int = 0):
        self.store_root = str(store_root)
        self.workers = max(1, workers)
        self.extractor = extractor
        self.timeout = timeout

    def _pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.workers,
                                   mp_context=multiprocessing.get_context("spawn"))

    def run(self, jobs: Iterable[Job]) -> Iterator[tuple[Job, dict]]:
        """Yield ``(job, record)`` for every job, in completion order.

        :param jobs: the documents.
        """
        queue = list(jobs)
        queue.reverse()
        # jobs that were in a pool when it broke; each is then run alone, so a job
        # that breaks a pool on its own is the culprit and the others are cleared
        suspects: list[Job] = []
        window = self.workers * 2
        pool = self._pool()
        running: dict = {}
        alone: Job | None = None
        def submit(job: Job) -> bool:
            try:
                running[pool.submit(extract_job, job, self.store_root, self.extractor, self.timeout)] = job
                return True
            except BrokenProcessPool:  # broke since the last wait: run it again later
                suspects.append(job)
                return False

        try:
            while queue or suspects or running:
                if suspects:
                    if not running:
                        alone = suspects.pop()
                        if not submit(alone):
                            pool.shutdown(wait=False, cancel_futures=True)
                            pool = self._pool()
                            continue
                else:
                    while queue and len(running) < window:
                        if not submit(queue.pop()):
                            break
                if not running:
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = self._pool()
                    continue
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                broken = False
                for future in done:
                    job = running.pop(future)
                    try:
                        record = future.result()
                    except BrokenProcessPool:
                        broken = True
                        if job is alone:
                            yield job, failure_record(job, "extraction worker process died")
                        else:
                            suspects.append(job)
                        continue
                    yield job, record
                if broken:
                    log.warning("an extraction worker died; restarting the pool")
                    suspects.extend(running.values())
                    running.clear()
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = self._pool()
                alone = None if not running else alone
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


# --- Redis ---------------------------------------------------------------------

def redis_client(url: str):
    """A Redis connection for ``url`` (``redis://host:port/db``).

    :param url: the Redis URL.
    """
    import redis

    return redis.Redis.from_url(url, socket_connect_timeout=10)


class QueueKeys:
    """Names of the Redis keys of one queue.

    :param queue: the queue's name; several independent queues may share a Redis.
    """

    def __init__(self, queue: str = "default"):
        prefix = f"ogi:extract:{queue}:"
        self.todo = prefix + "todo"
        self.results = prefix + "results"
        self.workers = prefix + "workers"
        self._prefix = prefix

    def processing(self, worker: str) -> str:
        return f"{self._prefix}processing:{worker}"

    def alive(self, worker: str) -> str:
        return f"{self._prefix}alive:{worker}"

    def blob(self, sha256: str) -> str:
        return f"{self._prefix}blob:{sha256}"


class NoWorkers(RuntimeError):
    """Jobs wait in Redis but no worker has taken any for too long."""


class RedisQueueRunner:
    """Extract jobs through a Redis work queue consumed by ``ogi worker`` processes.

    This side only pushes jobs and collects results, so the caller stays the single
    writer of the records.

    :param redis_url: the Redis URL.
    :param store_root: the raw store directory (read only when shipping bytes).
    :param queue: the queue name shared with the workers.
    :param ship_bytes: also put each file's bytes in Redis, for workers that do not
        see the raw store.
    :param idle_timeout: seconds without any result and without a live worker after
        which :class:`NoWorkers` is raised.
    """

    def __init__(self, redis_url: str, store_root: str | os.PathLike, queue: str = "default",
                 ship_bytes: bool = False, idle_timeout: float = 120.0):
        self.redis = redis_client(redis_url)
        self.store_root = Path(store_root)
        self.keys = QueueKeys(queue)
        self.ship_bytes = ship_bytes
        self.idle_timeout = idle_timeout

    def requeue_orphans(self) -> int:
        """Put back on ``todo`` the jobs held by workers whose heartbeat has expired."""
        moved = 0
        for raw in self.redis.smembers(self.keys.workers):
            worker = raw.decode()
            if self.redis.exists(self.keys.alive(worker)):
                continue
            while self.redis.lmove(self.keys.processing(worker), self.keys.todo, "RIGHT", "LEFT"):
                moved += 1
            self.redis.srem(self.keys.workers, worker)
        if moved:
            log.warning("requeued %d jobs from workers that stopped", moved)
        return moved

    def _live_workers(self) -> int:
        return sum(1 for w in self.redis.smembers(self.keys.workers) if self.redis.exists(self.keys.alive(w.decode())))

    def run(self, jobs: Iterable[Job]) -> Iterator[tuple[Job, dict]]:
        """Push every job, then yield ``(job, record)`` as workers finish them.

        :param jobs: the documents.
        :raises NoWorkers: nothing came back for ``idle_timeout`` seconds and no worker
            is alive.
        """
        outstanding: dict[str, Job] = {}
        for job in jobs:
            outstanding.setdefault(job.sha256, job)
        if not outstanding:
            return
        pipe = self.redis.pipeline()
        for job in outstanding.values():
            if self.ship_bytes:
                pipe.set(self.keys.blob(job.sha256), (self.store_root / job.path).read_bytes(), ex=86400)
            pipe.rpush(self.keys.todo, job.to_json())
        pipe.execute()
        last_progress = time.monotonic()
        try:
            while outstanding:
                item = self.redis.blpop([self.keys.results], timeout=2)
                if item is None:
                    self.requeue_orphans()
                    if time.monotonic() - last_progress > self.idle_timeout and not self._live_workers():
                        raise NoWorkers(
                            f"{len(outstanding)} documents wait in Redis queue {self.keys.todo} "
                            f"but no `ogi worker` has been alive for {self.idle_timeout:.0f}s")
                    continue
                result = json.loads(item[1])
                job = Job.from_json(json.dumps(result["job"]))
                if job.sha256 not in outstanding:
                    continue  # a duplicate after a requeue
                del outstanding[job.sha256]
                last_progress = time.monotonic()
                if self.ship_bytes:
                    self.redis.delete(self.keys.blob(job.sha256))
                yield job, result["record"]
        finally:
            if outstanding:
                # leave nothing behind for a later run to trip over
                self.redis.delete(self.keys.todo)


def run_worker(redis_url: str, store_root: str | os.PathLike, queue: str = "default",
               extractor: str = DEFAULT_EXTRACTOR, timeout: int = 0, max_idle: float | None = None,
               max_jobs: int | None = None, heartbeat: int = 15,
               stop: threading.Event | None = None) -> int:
    """Consume extraction jobs from Redis until stopped; return how many were done.

    :param redis_url: the Redis URL.
    :param store_root: where this machine sees the raw store.
    :param queue: the queue name.
    :param extractor: ``module:function`` of the extraction function.
    :param timeout: seconds per document (``0``: no limit).
    :param max_idle: return after this many seconds with an empty queue (``None``: never).
    :param max_jobs: return after this many jobs (``None``: no limit).
    :param heartbeat: seconds of the heartbeat TTL; a worker silent for longer is taken
        for dead and its job is requeued.
    :param stop: set it to make the worker return after its current job.
    """
    r = redis_client(redis_url)
    keys = QueueKeys(queue)
    worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
    processing = keys.processing(worker)
    stop = stop or threading.Event()
    beating = threading.Event()

    def beat() -> None:
        while not beating.wait(max(1, heartbeat // 3)):
            r.set(keys.alive(worker), "1", ex=heartbeat)

    r.set(keys.alive(worker), "1", ex=heartbeat)
    r.sadd(keys.workers, worker)
    thread = threading.Thread(target=beat, daemon=True)
    thread.start()
    done = 0
    idle_since = time.monotonic()
    log.info("worker %s consuming %s", worker, keys.todo)
    try:
        while not stop.is_set() and (max_jobs is None or done < max_jobs):
            raw = r.blmove(keys.todo, processing, 1, "LEFT", "RIGHT")
            if raw is None:
                if max_idle is not None and time.monotonic() - idle_since > max_idle:
                    break
                continue
            job = Job.from_json(raw)
            data = None
            if not (Path(store_root) / job.path).exists():
                data = r.get(keys.blob(job.sha256))
            record = extract_job(job, str(store_root), extractor, timeout, data)
            r.rpush(keys.results, json.dumps({"job": asdict(job), "record": record},
                                              ensure_ascii=False, default=str))
            r.lrem(processing, 1, raw)
            done += 1
            idle_since = time.monotonic()
    finally:
        beating.set()
        r.delete(keys.alive(worker))
        # anything still held goes back for another worker
        while r.lmove(processing, keys.todo, "RIGHT", "LEFT"):
            pass
        r.srem(keys.workers, worker)
    return done
