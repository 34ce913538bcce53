"""Extraction across machines: a Redis work queue consumed by ``ogi worker`` processes.

On one machine, the extraction stage runs :class:`extract.runner.Runner` directly. With
a Redis URL configured, :class:`RedisQueueRunner` pushes :class:`extract.runner.Job` s
onto a Redis list that ``ogi worker`` processes (:func:`run_worker`, on any machine that
sees the raw store or gets the bytes through Redis) consume with the same runner (same
time limit, memory cap and LibreOffice clean-up); their records come back on a results
list. The caller stays the single writer of the records.

Redis keys, under ``ogi:extract:<queue>:``: ``todo`` (list of jobs), ``processing:<worker>``
(list: jobs a worker has taken), ``alive:<worker>`` (heartbeat with a TTL),
``results`` (list of finished records), ``blob:<sha256>`` (bytes, when shipped).
A job taken by a worker whose heartbeat expired goes back on ``todo``.
"""
from __future__ import annotations

import json
import logging
import os
import socket
import tempfile
import threading
import time
import uuid
from dataclasses import asdict
from pathlib import Path
from typing import Iterable, Iterator

from extract.runner import DEFAULT_EXTRACTOR, Job, Runner

log = logging.getLogger("ogi.workqueue")


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
    :param timeout: seconds per document (``0``: the runner's default, :data:`extract.limits.FILE_TIMEOUT`).
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
    runner = Runner(1, timeout=timeout or None, function=extractor, root=store_root)
    try:
        with tempfile.TemporaryDirectory(prefix="ogi-worker-") as scratch:
            while not stop.is_set() and (max_jobs is None or done < max_jobs):
                raw = r.blmove(keys.todo, processing, 1, "LEFT", "RIGHT")
                if raw is None:
                    if max_idle is not None and time.monotonic() - idle_since > max_idle:
                        break
                    continue
                job = Job.from_json(raw)
                local = job
                if not (Path(store_root) / job.path).exists():
                    data = r.get(keys.blob(job.sha256))
                    if data is not None:  # shipped bytes: extracted from a scratch copy
                        copy = Path(scratch, job.sha256)
                        copy.write_bytes(data)
                        local = Job(job.sha256, str(copy), job.source, job.options)
                (_, record), = list(runner.run([local]))
                r.rpush(keys.results, json.dumps({"job": asdict(job), "record": record},
                                                  ensure_ascii=False, default=str))
                r.lrem(processing, 1, raw)
                done += 1
                idle_since = time.monotonic()
                Path(scratch, job.sha256 or "-").unlink(missing_ok=True)
    finally:
        runner.close()
        beating.set()
        r.delete(keys.alive(worker))
        # anything still held goes back for another worker
        while r.lmove(processing, keys.todo, "RIGHT", "LEFT"):
            pass
        r.srem(keys.workers, worker)
    return done
