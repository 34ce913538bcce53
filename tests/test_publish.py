"""Atomic publishing: readers see the old file or the new one, never a partial one."""
import os
import sqlite3
import subprocess
import sys
import threading

import pytest

from ogi.publish import PublishError, publish_bytes, publish_copy, publish_file, remove_stale_builds


def make_db(path, rows):
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE t (n INTEGER)")
    db.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(rows)])
    db.commit()
    db.close()


def count(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute("SELECT count(*) FROM t").fetchone()[0]
    finally:
        db.close()


def test_publish_replaces_and_leaves_no_temp(tmp_path):
    target = tmp_path / "site" / "archive.db"
    publish_file(target, lambda tmp: make_db(tmp, 3))
    assert count(target) == 3
    inode = target.stat().st_ino
    publish_file(target, lambda tmp: make_db(tmp, 5))
    assert count(target) == 5
    assert target.stat().st_ino != inode
    assert sorted(p.name for p in target.parent.iterdir()) == ["archive.db"]


def test_failed_build_keeps_old_file(tmp_path):
    target = tmp_path / "archive.db"
    publish_file(target, lambda tmp: make_db(tmp, 2))

    def broken(tmp):
        make_db(tmp, 7)
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        publish_file(target, broken)
    assert count(target) == 2
    with pytest.raises(PublishError, match="not a usable SQLite"):
        publish_file(target, lambda tmp: tmp.write_bytes(b"garbage" * 100))
    assert count(target) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive.db"]


def test_open_reader_keeps_consistent_view(tmp_path):
    target = tmp_path / "archive.db"
    publish_file(target, lambda tmp: make_db(tmp, 4))
    reader = sqlite3.connect(f"file:{target}?immutable=1", uri=True)
    publish_file(target, lambda tmp: make_db(tmp, 9))
    assert reader.execute("SELECT count(*) FROM t").fetchone()[0] == 4
    reader.close()
    assert count(target) == 9


def test_concurrent_readers_never_see_partial_file(tmp_path):
    target = tmp_path / "archive.db"
    publish_file(target, lambda tmp: make_db(tmp, 1000))
    seen, errors, stop = set(), [], threading.Event()

    def read():
        while not stop.is_set():
            try:
                seen.add(count(target))
            except Exception as exc:  # noqa: BLE001 - any error is a failure
                errors.append(exc)

    thread = threading.Thread(target=read)
    thread.start()
    for n in (2000, 3000, 4000, 5000):
        publish_file(target, lambda tmp, n=n: make_db(tmp, n))
    stop.set()
    thread.join()
    assert errors == []
    assert seen <= {1000, 2000, 3000, 4000, 5000}


KILLED_BUILD = """
import os, sys, sqlite3
from ogi.publish import publish_file
def build(tmp):
    db = sqlite3.connect(tmp); db.execute("CREATE TABLE t (n)"); db.commit()
    os.kill(os.getpid(), 9)
publish_file(sys.argv[1], build)
"""


def test_kill_9_mid_build_leaves_old_file_and_stale_temp_is_removed(tmp_path):
    target = tmp_path / "archive.db"
    publish_file(target, lambda tmp: make_db(tmp, 6))
    result = subprocess.run([sys.executable, "-c", KILLED_BUILD, str(target)])
    assert result.returncode == -9
    assert count(target) == 6
    leftovers = [p for p in tmp_path.iterdir() if p.name != "archive.db"]
    assert leftovers, "the killed build should have left its temporary file"
    assert remove_stale_builds(target)
    assert [p.name for p in tmp_path.iterdir()] == ["archive.db"]


def test_publish_copy_of_wal_database_and_bytes(tmp_path):
    source = tmp_path / "work.db"
    db = sqlite3.connect(source)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE t (n INTEGER)")
    db.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(11)])
    db.commit()  # left open: the snapshot must still be complete
    target = tmp_path / "site" / "archive.db"
    publish_copy(source, target)
    db.close()
    assert count(target) == 11
    assert sqlite3.connect(target).execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    publish_bytes(tmp_path / "site" / "metadata.json", b"{}")
    assert (tmp_path / "site" / "metadata.json").read_bytes() == b"{}"
