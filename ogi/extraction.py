"""The extraction stage: every raw-store object without a record gets one.

Reads the raw store through its API (:class:`store.RawStore`), runs the documents on
the one runner (:class:`extract.runner.Runner`, or ``ogi worker`` processes through
Redis with the same runner), and commits each record to the record store
(:class:`store.RecordStore`) as it arrives, so an interrupted stage resumes where it
stopped. Each distinct file is extracted once, however many URLs serve it.
``ogi nightly`` and ``ogi archive`` both call :func:`run_extraction`.
"""
from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator

from extract.runner import DEFAULT_EXTRACTOR, Job, Runner
from ogi import progress
from store import RawStore, RecordStore

log = logging.getLogger("ogi.extraction")


@dataclass
class StageStats:
    """What one extraction stage did."""

    #: distinct objects that got a new record
    extracted: int = 0
    #: distinct objects that already had a record of this version and settings
    reused: int = 0
    #: objects not recorded because their file could not be read here (tried again next time):
    #: ``{"sha256", "url", "reason"}``
    not_read: list = field(default_factory=list)


class NotAStore(Exception):
    """The directory holds no raw store (no ``store.db``)."""


@contextmanager
def open_stores(store_dir: str | os.PathLike, ocr: bool = True) -> Iterator[tuple[RawStore, RecordStore]]:
    """The raw store at ``store_dir`` and its records for the installed extractor and ``ocr``,
    closed afterwards.

    :raises NotAStore: ``store_dir`` has no ``store.db`` (nothing is created there).
    """
    from extract import EXTRACTOR_VERSION
    from extract.api import output_settings

    if not RawStore.exists(store_dir):
        raise NotAStore(f"not a raw store (no store.db): {store_dir}")
    store = RawStore(store_dir)
    try:
        records = RecordStore.beside(store_dir, EXTRACTOR_VERSION, output_settings(ocr))
    except BaseException:
        store.close()
        raise
    try:
        yield store, records
    finally:
        records.close()
        store.close()


def plan(store: RawStore, records: RecordStore, options: tuple = ()) -> tuple[list[Job], int]:
    """Jobs for every stored object without a record; and how many have one.

    :param store: the raw store.
    :param records: the record store (its version and settings decide what counts).
    :param options: keyword arguments for the extraction function, as pairs.
    """
    known = records.known()
    jobs, reused = [], 0
    for sha256, path, url in store.documents():
        if sha256 in known:
            reused += 1
        else:
            jobs.append(Job(sha256, str(path.relative_to(store.root)), url, options))
    return jobs, reused


def run_extraction(store: RawStore, records: RecordStore, *, ocr: bool = True, workers: int = 1,
                   timeout: float | None = None, memory_limit: int | None = None,
                   function: str = DEFAULT_EXTRACTOR, redis_url: str = "") -> StageStats:
    """Give every stored object a record; return what was done.

    :param store: the raw store (read only).
    :param records: where records are committed, one by one (this process is the only writer).
    :param ocr: read scans with OCR (must match ``records.settings``).
    :param workers: worker processes on this machine.
    :param timeout: seconds one document may take.
    :param memory_limit: address-space bytes per worker.
    :param function: the extraction function, ``module:function``.
    :param redis_url: when set, documents go to ``ogi worker`` processes through Redis.
    :raises ogi.workqueue.NoWorkers: Redis mode and no worker took the jobs.
    """
    options = () if ocr else (("ocr", False),)
    jobs, reused = plan(store, records, options)
    stats = StageStats(reused=reused)
    if not jobs:
        return stats
    log.info("%d documents to extract, %d already have a record", len(jobs), reused)
    if redis_url:
        from ogi.workqueue import RedisQueueRunner

        results = RedisQueueRunner(redis_url, store.root).run(jobs)
        runner = None
    else:
        runner = Runner(workers, timeout=timeout, memory_limit=memory_limit, function=function, root=store.root)
        results = runner.run(jobs, ordered=False)
    try:
        with progress.step("extracting", len(jobs)) as bar:
            for job, record in results:
                if record.pop("retry", False):
                    log.warning("not extracted, will retry next run: %s: %s", job.source, record["error"],
                                extra={"sha256": job.sha256, "url": job.source})
                    stats.not_read.append({"sha256": job.sha256, "url": job.source, "reason": record["error"]})
                else:
                    records.put(record)
                    stats.extracted += 1
                bar.advance()
    finally:
        if runner is not None:
            runner.close(cancel=True)
    return stats
