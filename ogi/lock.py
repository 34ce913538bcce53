"""A lock file so that two nightly runs never overlap.

The lock is an ``fcntl.flock`` on a file: the kernel drops it when the holder exits,
however it exits (kill -9 included), so a crashed run never leaves a stale lock.
The holder writes its pid and start time into the file for the error message.
"""
from __future__ import annotations

import fcntl
import os
from datetime import datetime, timezone
from pathlib import Path


class LockHeld(RuntimeError):
    """Another process holds the lock."""


class RunLock:
    """An exclusive, non-blocking lock on ``path``; use as a context manager.

    :param path: the lock file; its directory is created if missing.
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock at once or raise.

        :raises LockHeld: another process holds it; the message names its pid.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "unknown process"
            os.close(fd)
            raise LockHeld(
                f"another ogi run holds the lock {self.path} ({holder}); "
                "not starting a second one"
            ) from None
        started = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {started}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        """Drop the lock (the file stays; its presence means nothing)."""
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> "RunLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
