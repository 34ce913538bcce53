"""Publishing: a database file is built aside and swapped in with one ``os.replace``.

The site serves the published file immutable, so it must never see a file that is
still being written. :func:`publish_file` builds into a temporary file in the same
directory (same filesystem, so the rename is atomic), fsyncs it, and renames it over
the published name. A reader that opened the old file keeps reading the old inode; a
new reader gets the whole new file. A build killed half way leaves only a
``.*.building`` file, which the next publish removes.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Callable

BUILDING_SUFFIX = ".building"


class PublishError(RuntimeError):
    """The fresh file could not be built or failed its check; nothing was replaced."""


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def building_path(target: str | os.PathLike) -> Path:
    """The temporary name a fresh build of ``target`` is written under by this process.

    :param target: the published file.
    """
    target = Path(target)
    return target.with_name(f".{target.name}.{os.getpid()}{BUILDING_SUFFIX}")


def remove_stale_builds(target: str | os.PathLike) -> list[Path]:
    """Delete temporary files left by killed builds of ``target``; return what was removed.

    :param target: the published file.
    """
    target = Path(target)
    removed = []
    if target.parent.is_dir():
        for stale in target.parent.glob(f".{target.name}.*{BUILDING_SUFFIX}*"):
            stale.unlink(missing_ok=True)
            removed.append(stale)
    return removed


def check_sqlite(path: str | os.PathLike) -> None:
    """Raise :class:`PublishError` unless ``path`` is a sound SQLite database.

    :param path: the database file.
    """
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = db.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        raise PublishError(f"{path} is not a usable SQLite database: {exc}") from None
    if result != "ok":
        raise PublishError(f"{path} failed its integrity check: {result}")


def publish_file(
    target: str | os.PathLike,
    build: Callable[[Path], None],
    check: Callable[[Path], None] | None = check_sqlite,
) -> Path:
    """Build a fresh file with ``build(tmp_path)`` and atomically make it ``target``.

    :param target: the published file name.
    :param build: writes the complete new file at the path it is given (the path does
        not exist yet).
    :param check: validates the built file before the swap (default: SQLite
        ``quick_check``); ``None`` skips it.
    :raises PublishError: the build or the check failed; ``target`` is untouched.
    :return: ``target``.
    """
    target = Path(target).absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_builds(target)
    tmp = building_path(target)
    try:
        build(tmp)
        if not tmp.exists():
            raise PublishError(f"the build wrote nothing at {tmp}")
        if check is not None:
            check(tmp)
        # journals of a database built in WAL mode would not follow the rename
        for extra in ("-wal", "-shm", "-journal"):
            side = Path(f"{tmp}{extra}")
            if side.exists() and side.stat().st_size:
                raise PublishError(f"{tmp} was left with an open {extra} journal; close it first")
            side.unlink(missing_ok=True)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        for extra in ("-wal", "-shm", "-journal"):
            Path(f"{tmp}{extra}").unlink(missing_ok=True)
        raise
    return target


def publish_copy(source: str | os.PathLike, target: str | os.PathLike) -> Path:
    """Publish a consistent snapshot of the SQLite database ``source`` as ``target``.

    Uses SQLite's backup API, so ``source`` may be in use by a writer meanwhile.

    :param source: a SQLite database.
    :param target: the published file name.
    """
    def build(tmp: Path) -> None:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
            src.close()

    return publish_file(target, build)


def publish_bytes(target: str | os.PathLike, data: bytes) -> Path:
    """Atomically replace a small non-database file (``metadata.json``).

    :param target: the published file name.
    :param data: its new content.
    """
    return publish_file(target, lambda tmp: tmp.write_bytes(data), check=None)
