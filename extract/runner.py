"""The one isolated runner every extraction path uses (``ogi extract``, ``ogi archive``,
``ogi nightly``, ``ogi worker``).

Documents are read in a pool of worker processes (:mod:`pebble`) that are reused from
one document to the next, so isolation costs a pipe round trip, not a process start.
Each worker:

* has an address-space limit: what it inherited at fork plus
  :data:`extract.limits.MEMORY_LIMIT_BYTES` (1 GB by default) for the document
  (``RLIMIT_AS``, inherited by the LibreOffice and Tesseract processes it starts);
* runs in its own session, so a Ctrl-C in the terminal reaches only the parent, and
  dies with the parent (``PR_SET_PDEATHSIG``) if the parent is killed;
* is stopped when a document passes its time limit, after killing the LibreOffice
  process groups it started (:func:`extract.doc.kill_conversions`); the pool then starts
  a fresh worker.

A document never raises: a crash, a timeout, a dead worker, an unreadable or damaged
file all come back as a record whose ``error`` says so (see :func:`failure_record`). A
store object whose bytes no longer hash to its name is refused (never extracted under
a hash it does not have). Identical bytes given twice in one run are extracted once.

Example::

    from extract.runner import Job, Runner
    with Runner(workers=2, timeout=60) as runner:
        for job, record in runner.run([Job(None, "report.pdf", "report.pdf")]):
            print(record["figures"])
"""
from __future__ import annotations

import ctypes
import importlib
import json
import logging
import os
import resource
import signal
import stat
import sys
from collections import deque
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from extract import limits

log = logging.getLogger("extract.runner")

#: the extraction function used unless another is named (``module:function``)
DEFAULT_EXTRACTOR = "extract.api:extract_bytes"


@dataclass(frozen=True)
class Job:
    """One document to extract.

    :param sha256: the hex sha256 its bytes must have (a raw-store object), or ``None``
        for a file named by the user (then it is computed).
    :param path: the file; relative paths are relative to the runner's ``root``.
    :param source: the URL or name passed to the extractor and copied to the record.
    :param options: keyword arguments for the extraction function, as pairs
        (``(("ocr", False),)``).
    :param converted: a DOCX conversion of a DOC/WPS file made beforehand, if any.
    """

    sha256: str | None
    path: str
    source: str
    options: tuple = ()
    converted: str | None = None

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | bytes) -> "Job":
        data = json.loads(text)
        data["options"] = tuple(tuple(pair) for pair in data.get("options") or ())
        return cls(**data)


def load_extractor(spec: str) -> Callable[..., dict]:
    """Import ``module:function`` (e.g. ``extract.api:extract_bytes``).

    :raises ImportError, AttributeError: no such module or function.
    """
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def failure_record(job: Job, reason: str, retry: bool = False) -> dict:
    """The record of a document that could not be extracted.

    :param job: the document.
    :param reason: why, in one sentence.
    :param retry: the failure says nothing about the document (its file could not be
        read here), so the record is not kept and a later run tries again.
    """
    from extract.api import empty_record

    record = empty_record(job.source)
    record.update(sha256=job.sha256, is_report=None, error=reason, retry=retry)
    return record


def read_job(job: Job, root: str | os.PathLike | None = None, max_bytes: int | None = None) -> bytes:
    """The bytes of a job's file, refused before reading when they cannot be a report.

    :raises OSError: missing or unreadable (``FileNotFoundError``, …).
    :raises ValueError: not a regular file (a FIFO, ``/dev/zero``), over ``max_bytes``,
        or bytes that do not hash to ``job.sha256``.
    """
    import hashlib

    max_bytes = limits.MAX_FILE_BYTES if max_bytes is None else max_bytes
    path = Path(root, job.path) if root is not None else Path(job.path)
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise ValueError("not a regular file (a device, FIFO or directory): nothing to extract")
    if info.st_size > max_bytes:
        raise ValueError(f"file is {info.st_size / 1048576:.1f} MB; the limit is {max_bytes / 1048576:.0f} MB")
    with open(path, "rb") as f:
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:  # grew while being read
        raise ValueError(f"file is over the {max_bytes / 1048576:.0f} MB limit")
    if job.sha256:
        digest = hashlib.sha256(data).hexdigest()
        if digest != job.sha256:
            raise ValueError(f"stored object is damaged: its {len(data)} bytes hash to {digest[:12]}…, "
                             f"not {job.sha256[:12]}…")
    return data


def run_job(job: Job, root: str | None = None, function: str = DEFAULT_EXTRACTOR) -> dict:
    """Extract one job in this process; never raises for a bad document.

    :param job: the document.
    :param root: directory relative paths are resolved against.
    :param function: ``module:function`` taking ``(bytes, source, **options)`` and
        returning a record.
    """
    try:
        data = read_job(job, root)
    except FileNotFoundError:
        return failure_record(job, f"cannot read file: no such file ({job.path})", retry=True)
    except ValueError as exc:
        return failure_record(job, str(exc))
    except OSError as exc:
        return failure_record(job, f"cannot read file: {exc.strerror or exc} ({job.path})", retry=True)
    options = dict(job.options)
    if job.converted:
        try:
            options["converted_docx"] = Path(job.converted).read_bytes()
        except OSError:
            pass
    try:
        record = load_extractor(function)(data, job.source, **options)
    except MemoryError:
        return failure_record(job, f"out of memory (limit {limits.MEMORY_LIMIT_BYTES // 1048576} MB)")
    except Exception as exc:  # noqa: BLE001 - a bad document must not stop the run
        return failure_record(job, f"extractor crashed: {type(exc).__name__}: {exc}")
    if not isinstance(record, dict):
        return failure_record(job, f"extractor returned {type(record).__name__}, not a record")
    record = dict(record)
    if job.sha256:
        record["sha256"] = job.sha256
    record.setdefault("source", job.source)
    record.setdefault("error", None)
    return record


# --- the worker side ---------------------------------------------------------------

_PR_SET_PDEATHSIG = 1


def _on_term(signum, frame):  # pragma: no cover - runs in a worker being stopped
    try:
        # a worker that never imported the converter started no LibreOffice: it exits at
        # once (importing it here would hold up every run's end by that import)
        doc = sys.modules.get("extract.doc")
        if doc is not None:
            doc.kill_conversions()
    finally:
        os._exit(128 + signum)


def _init_worker(memory_limit: int) -> None:
    """Set up one worker process: its own session, death with the parent, its caps."""
    import faulthandler

    faulthandler.disable()  # a crash is reported by the parent, not as a stack dump
    try:
        os.setsid()
    except OSError:
        pass
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    signal.signal(signal.SIGTERM, _on_term)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    limits.MEMORY_LIMIT_BYTES = memory_limit  # what this worker's errors report
    if memory_limit:
        # the budget is for the document: on top of what the worker inherited from its
        # parent at fork (shared, copy-on-write), which may already be large (a crawler)
        limit = _address_space() + memory_limit
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _address_space() -> int:
    """This process's virtual size in bytes (0 if unknown)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


# --- the parent side ------------------------------------------------------------------

class Runner:
    """A pool of reused, capped worker processes extracting :class:`Job` s.

    :param workers: worker processes (at least 1).
    :param timeout: wall-clock seconds one document may take (LibreOffice and OCR
        included); 0 for none; default :data:`extract.limits.FILE_TIMEOUT`.
    :param memory_limit: address-space bytes one document may add to a worker (0 for
        none); default :data:`extract.limits.MEMORY_LIMIT_BYTES`.
    :param function: the extraction function, ``module:function``.
    :param root: directory relative job paths are resolved against (the raw store).
    """

    def __init__(self, workers: int = 1, *, timeout: float | None = None, memory_limit: int | None = None,
                 function: str = DEFAULT_EXTRACTOR, root: str | os.PathLike | None = None):
        self.workers = max(1, int(workers))
        self.timeout = (limits.FILE_TIMEOUT if timeout is None else timeout) or None
        self.memory_limit = limits.MEMORY_LIMIT_BYTES if memory_limit is None else memory_limit
        self.function = function
        self.root = os.fspath(root) if root is not None else None
        self._pool = None

    def __enter__(self) -> "Runner":
        return self

    def __exit__(self, *exc) -> None:
        self.close(cancel=exc[0] is not None)

    def _ensure_pool(self):
        if self._pool is None:
            import multiprocessing

            from pebble import ProcessPool
            from pebble.common.types import CONSTS

            # pebble's manager threads poll at this interval; its 0.1 s default adds
            # about 0.2 s to every start and stop, a fifth of a 50-file run
            CONSTS.sleep_unit = min(CONSTS.sleep_unit, 0.01)

            self._pool = ProcessPool(max_workers=self.workers, initializer=_init_worker,
                                     initargs=(self.memory_limit,), context=multiprocessing.get_context("fork"))
        return self._pool

    def close(self, cancel: bool = False, wait: bool = True) -> None:
        """Stop the workers (at once with ``cancel``, else after their current document).

        :param wait: wait until they have exited; ``False`` when no document is in
            hand (they exit on their own, and with this process at the latest)."""
        if self._pool is not None:
            pool, self._pool = self._pool, None
            if cancel:
                import threading

                pool.stop()
                # an interrupted pool may never report back; its workers end with this process anyway
                joiner = threading.Thread(target=pool.join, daemon=True)
                joiner.start()
                joiner.join(10)
                if joiner.is_alive():
                    log.warning("extraction workers did not stop within 10 s; they end with this process")
            else:
                pool.close()
                if wait:
                    pool.join()

    def call(self, fn: Callable, *args, timeout: float | None = None):
        """Run ``fn(*args)`` in a worker under the caps and return its result.

        :raises TimeoutError: it took longer than ``timeout`` (default: the runner's).
        :raises RuntimeError: the worker died.
        :raises Exception: whatever ``fn`` raised.
        """
        from pebble import ProcessExpired

        future = self._ensure_pool().schedule(fn, args, timeout=timeout or self.timeout)
        try:
            return future.result()
        except FutureTimeout:
            raise TimeoutError(f"took longer than {timeout or self.timeout:g} s; worker stopped") from None
        except ProcessExpired as exc:
            raise RuntimeError(_death(exc)) from None

    def _outcome(self, job: Job, future, retried: bool = False) -> dict:
        from pebble import ProcessExpired

        try:
            return future.result()
        except FutureTimeout:
            return failure_record(job, f"extraction timed out after {self.timeout:g} s; process killed")
        except ProcessExpired as exc:
            if not retried:
                # a worker's death can take down the results of documents it had done or
                # had not started (on a loaded machine the pool may see the death first):
                # each gets one more try in a fresh worker, and the one that killed it dies again
                again = self._ensure_pool().schedule(run_job, (job, self.root, self.function), timeout=self.timeout)
                return self._outcome(job, again, retried=True)
            return failure_record(job, _death(exc))
        except MemoryError:
            return failure_record(job, f"out of memory (limit {self.memory_limit // 1048576} MB)")
        except Exception as exc:  # noqa: BLE001 - e.g. an unpicklable record
            return failure_record(job, f"extraction failed: {type(exc).__name__}: {exc}")

    def run(self, jobs: Iterable[Job], ordered: bool = True) -> Iterator[tuple[Job, dict]]:
        """Yield ``(job, record)`` for every job.

        :param jobs: the documents; jobs with the same ``sha256`` are extracted once.
        :param ordered: yield in input order (else in completion order).
        """
        import concurrent.futures as cf

        pool = self._ensure_pool()
        pending = iter(jobs)
        window = self.workers * 4
        running: deque = deque()  # (job, future); identical bytes share one future
        in_flight: dict[str, object] = {}  # sha256 → its future while it is in the window
        refs: dict[int, int] = {}
        cache: dict[int, dict] = {}
        exhausted = False
        try:
            while True:
                while not exhausted and len(running) < window:
                    try:
                        job = next(pending)
                    except StopIteration:
                        exhausted = True
                        break
                    future = in_flight.get(job.sha256) if job.sha256 else None
                    if future is None:
                        future = pool.schedule(run_job, (job, self.root, self.function), timeout=self.timeout)
                        if job.sha256:
                            in_flight[job.sha256] = future
                    refs[id(future)] = refs.get(id(future), 0) + 1
                    running.append((job, future))
                if not running:
                    return
                if ordered:
                    ready = [running.popleft()]
                else:
                    cf.wait({f for _, f in running}, return_when=cf.FIRST_COMPLETED)
                    ready = [item for item in running if item[1].done()]
                    for item in ready:
                        running.remove(item)
                for job, future in ready:
                    key = id(future)
                    record = cache.pop(key, None) or self._outcome(job, future)
                    refs[key] -= 1
                    if refs[key]:
                        cache[key] = record
                    else:
                        del refs[key]
                        if job.sha256 and in_flight.get(job.sha256) is future:
                            del in_flight[job.sha256]
                    yield job, _copy_for(job, record)
        finally:
            for _, future in running:
                future.cancel()


def _copy_for(job: Job, record: dict) -> dict:
    if record.get("source") == job.source:
        return record
    return {**record, "source": job.source}


def _death(exc) -> str:
    code = getattr(exc, "exitcode", None)
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = str(-code)
        return f"extraction process died with signal {name} (crash or memory limit)"
    return f"extraction process died (exit status {code})"
