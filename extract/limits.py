"""Resource limits for extraction: size caps, zip-bomb checks, per-file process isolation.

Every file of :func:`extract.api.extract_files` runs in its own forked child process
(its own session, so LibreOffice grandchildren die with it) with an address-space limit
(:data:`MEMORY_LIMIT_BYTES`, 1 GB) and a wall-clock timeout. A crash, hang or
memory blow-up in one file becomes that file's ``error``; the other files go on.

Limits can be changed with environment variables: ``OGI_MAX_FILE_MB``,
``OGI_MEMORY_LIMIT_MB``, ``OGI_FILE_TIMEOUT``.
"""
from __future__ import annotations

import os
import pickle
import resource
import signal
import time
import zipfile
from collections import deque
from typing import Callable, Iterable, Iterator

#: largest input file accepted (real reports are well under 20 MB)
MAX_FILE_BYTES = int(float(os.environ.get("OGI_MAX_FILE_MB", "64")) * 1024 * 1024)
#: largest total uncompressed size of a DOCX/zip
MAX_UNZIPPED_BYTES = 256 * 1024 * 1024
#: largest compression ratio of one zip member bigger than 1 MB uncompressed
MAX_ZIP_RATIO = 200
MAX_ZIP_MEMBERS = 5000
#: address-space limit of each extraction child process
MEMORY_LIMIT_BYTES = int(float(os.environ.get("OGI_MEMORY_LIMIT_MB", "1024")) * 1024 * 1024)
#: seconds one file may take, LibreOffice and OCR included
FILE_TIMEOUT = float(os.environ.get("OGI_FILE_TIMEOUT", "180"))


class LimitExceeded(Exception):
    """An input is larger or more expensive than the extractor accepts."""


def check_size(size: int) -> None:
    """:raises LimitExceeded: ``size`` is over :data:`MAX_FILE_BYTES`."""
    if size > MAX_FILE_BYTES:
        raise LimitExceeded(f"file is {size / 1048576:.1f} MB; the limit is {MAX_FILE_BYTES / 1048576:.0f} MB")


def check_zip(archive: zipfile.ZipFile) -> None:
    """Refuse zip bombs by the sizes the archive declares (before inflating anything).

    :raises LimitExceeded: too many members, too large in total, or a member compressed
        more than :data:`MAX_ZIP_RATIO` times.
    """
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_MEMBERS:
        raise LimitExceeded(f"zip has {len(infos)} members (limit {MAX_ZIP_MEMBERS}): likely a zip bomb")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
            raise LimitExceeded(
                f"zip member {info.filename!r} inflates {info.file_size / max(info.compress_size, 1):.0f}-fold "
                f"to {info.file_size / 1048576:.0f} MB: likely a zip bomb")
    if total > MAX_UNZIPPED_BYTES:
        raise LimitExceeded(f"zip inflates to {total / 1048576:.0f} MB (limit "
                            f"{MAX_UNZIPPED_BYTES / 1048576:.0f} MB): likely a zip bomb")


def _limit_child(memory_limit: int) -> None:
    os.setsid()
    if memory_limit:
        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _child(fn: Callable, arg, write_fd: int, memory_limit: int) -> None:
    try:
        _limit_child(memory_limit)
        try:
            payload = pickle.dumps(("ok", fn(arg)))
        except MemoryError:
            payload = pickle.dumps(("error", f"out of memory (limit {memory_limit / 1048576:.0f} MB)"))
        except BaseException as exc:  # noqa: BLE001 - reported to the parent
            payload = pickle.dumps(("error", f"{type(exc).__name__}: {exc}"))
        with os.fdopen(write_fd, "wb") as out:
            out.write(payload)
    finally:
        os._exit(0)


class _Job:
    def __init__(self, fn, arg, memory_limit):
        read_fd, write_fd = os.pipe()
        self.started = time.monotonic()
        self.pid = os.fork()
        if self.pid == 0:  # child
            os.close(read_fd)
            _child(fn, arg, write_fd, memory_limit)
        os.close(write_fd)
        self.read_fd = read_fd
        self.chunks: list[bytes] = []
        self.done = False

    def poll(self) -> bool:
        """Read what the child wrote; True once it closed its end."""
        import select

        while not self.done:
            ready, _, _ = select.select([self.read_fd], [], [], 0)
            if not ready:
                return False
            chunk = os.read(self.read_fd, 1 << 20)
            if not chunk:
                self.done = True
            else:
                self.chunks.append(chunk)
        return True

    def kill(self) -> None:
        for target in (lambda: os.killpg(self.pid, signal.SIGKILL), lambda: os.kill(self.pid, signal.SIGKILL)):
            try:
                target()
            except (ProcessLookupError, PermissionError):
                pass

    def finish(self) -> tuple[str, object]:
        os.close(self.read_fd)
        _, status = os.waitpid(self.pid, 0)
        # the child's own session may have left LibreOffice helpers behind
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        blob = b"".join(self.chunks)
        if blob:
            try:
                return pickle.loads(blob)
            except Exception:  # noqa: BLE001
                pass
        if os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
            return "error", f"extraction process died with signal {name} (crash or memory limit)"
        return "error", f"extraction process exited with status {os.WEXITSTATUS(status)} and no result"


def run_isolated(fn: Callable, args: Iterable, *, workers: int = 1, timeout: float = FILE_TIMEOUT,
                 memory_limit: int = MEMORY_LIMIT_BYTES) -> Iterator[tuple[str, object]]:
    """Run ``fn(arg)`` for each arg in a forked, resource-limited child; yield in input order.

    Each result is ``("ok", value)`` or ``("error", message)``; a child that times out
    is killed with its whole process group.

    :param fn: a picklable-result function, called in the child.
    :param args: the inputs.
    :param workers: children running at once.
    :param timeout: wall-clock seconds per input.
    :param memory_limit: ``RLIMIT_AS`` bytes per child (0 for none).
    """
    import select

    pending = iter(args)
    running: deque[_Job] = deque()
    workers = max(1, workers)
    exhausted = False
    while True:
        while not exhausted and len(running) < workers:
            try:
                arg = next(pending)
            except StopIteration:
                exhausted = True
                break
            running.append(_Job(fn, arg, memory_limit))
        if not running:
            return
        head = running[0]
        # wait for any child output, at most until the head's deadline
        remaining = head.started + timeout - time.monotonic()
        fds = [j.read_fd for j in running if not j.done]
        if fds and remaining > 0:
            select.select(fds, [], [], min(remaining, 1.0))
        for job in running:
            job.poll()
            if not job.done and time.monotonic() - job.started > timeout:
                job.kill()
                job.done = True
                job.timed_out = True
        while running and running[0].done:
            job = running.popleft()
            result = job.finish()
            if getattr(job, "timed_out", False):
                result = ("error", f"extraction timed out after {timeout:g} s; process killed")
            yield result
