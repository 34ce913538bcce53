"""The nightly job under faults: kill -9 mid-extraction and mid-archiving, a second run.

Every scenario starts from a copy of the shared baseline's raw store (see
``test_nightly.py``) and runs ``ogi nightly --no-crawl`` as a real process, so the
input is identical and the resulting archive can be compared with a clean run's.
"""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.servers import processes_with

from tests.test_nightly import baseline

ROOT = Path(__file__).resolve().parent.parent
SLOW_EXTRACT = "tests.test_nightly_faults:slow_extract"


def slow_extract(data: bytes, source: str, **options) -> dict:
    """The real extractor, a little slower, so that a run can be caught mid-extraction."""
    from extract.api import extract_bytes

    time.sleep(0.3)
    return extract_bytes(data, source, **options)


def write_config(data_dir: Path, function: str = "extract.api:extract_bytes", workers: int = 2) -> Path:
    path = data_dir / "ogi.toml"
    path.write_text(
        f'[paths]\ndata_dir = "{data_dir}"\n'
        '[crawl]\nportals = ["no-shipped-portal"]\npolite = false\n'
        f'[extract]\nocr = false\nworkers = {workers}\nfunction = "{function}"\n'
        '[nightly]\nmax_failed_ratio = 0.5\n', encoding="utf-8")
    return path


def start_nightly(config: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("OGI_CONFIG", None)
    return subprocess.Popen(["ogi", "nightly", "--config", str(config), "--no-crawl"], cwd=config.parent,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run_nightly_process(config: Path) -> subprocess.CompletedProcess:
    proc = start_nightly(config)
    out, err = proc.communicate(timeout=300)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def wait_for(condition, timeout: float = 120, every: float = 0.002):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False


def count_records(data_dir: Path) -> int:
    path = data_dir / "store" / "records.db"
    if not path.exists():
        return 0
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        try:
            return db.execute("SELECT count(*) FROM records").fetchone()[0]
        finally:
            db.close()
    except sqlite3.OperationalError:
        return 0


def forget_html_records(data_dir: Path) -> int:
    """Delete the records of the HTML documents, so that a run has to extract them again."""
    db = sqlite3.connect(data_dir / "store" / "records.db")
    deleted = db.execute("DELETE FROM records WHERE json_extract(record, '$.kind') = 'html'").rowcount
    db.commit()
    db.close()
    return deleted


def archive_dump(path: Path) -> dict:
    """Every row of every table, except the nightly jobs' own crawl_runs rows.

    Full-text indexes (virtual tables and their shadow tables) are left out: their
    internal segments depend on how the inserts were batched; the text they index is
    compared in the tables it comes from.
    """
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                            "AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
        virtual = [name for name, sql in tables if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")]
        names = [name for name, _ in tables
                 if name not in virtual and not any(name.startswith(f"{v}_") for v in virtual)]
        dump = {}
        for name in names:
            where = " WHERE nightly_status IS NULL" if name == "crawl_runs" else ""
            dump[name] = sorted(map(repr, db.execute(f"SELECT * FROM [{name}]{where}")))
        return dump
    finally:
        db.close()


@pytest.fixture(scope="module")
def clean_archive(tmp_path_factory):
    """A clean, uninterrupted ``--no-crawl`` run on a copy of the baseline's store."""
    data = baseline(tmp_path_factory).copy_state(tmp_path_factory.mktemp("clean") / "data")
    forget_html_records(data)
    result = run_nightly_process(write_config(data))
    assert result.returncode == 0, result.stderr
    dump = archive_dump(data / "site" / "archive.db")
    assert len(dump["reports"]) >= 30 and len(dump["figures"]) > 1000
    return dump


def check_rerun_matches(data: Path, clean_archive: dict) -> None:
    result = run_nightly_process(write_config(data))
    assert result.returncode == 0, result.stderr
    assert "OK" in result.stdout
    published = archive_dump(data / "site" / "archive.db")
    assert published == clean_archive
    # the site directory holds the published files only
    assert sorted(p.name for p in (data / "site").iterdir()) == ["archive-originals", "archive.db", "metadata.yml"]


@pytest.mark.slow
def test_kill_9_during_extraction_then_rerun(tmp_path_factory, clean_archive):
    data = baseline(tmp_path_factory).copy_state(tmp_path_factory.mktemp("kill-extract") / "data")
    forgotten = forget_html_records(data)
    assert forgotten >= 10
    before = count_records(data)
    proc = start_nightly(write_config(data, SLOW_EXTRACT, workers=1))
    try:
        assert wait_for(lambda: count_records(data) >= before + 2), proc.stderr.read() if proc.poll() else ""
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    done = count_records(data)
    assert before + 2 <= done < before + forgotten, "the kill did not land mid-extraction"
    assert not (data / "site" / "archive.db").exists()
    check_rerun_matches(data, clean_archive)
    # the rerun extracted only what the killed run had not committed
    runs = sqlite3.connect(data / "work" / "nightly.db").execute(
        "SELECT summary FROM nightly_runs WHERE published_at IS NOT NULL").fetchall()
    assert len(runs) == 1
    assert json.loads(runs[0][0])["documents_extracted"] == before + forgotten - done


@pytest.mark.slow
@pytest.mark.parametrize("marker", ["work/archive.db-journal", "site/.archive.db.*.building"])
def test_kill_9_during_archiving_then_rerun(tmp_path_factory, clean_archive, marker):
    # the marker (a write transaction's journal, the site's file being built) can vanish
    # between the poll that sees it and the kill: each try starts from a fresh copy, and
    # the test needs one kill that lands while the marker exists
    for attempt in range(5):
        data = baseline(tmp_path_factory).copy_state(tmp_path_factory.mktemp("kill-archive") / "data")
        proc = start_nightly(write_config(data))
        try:
            caught = wait_for(lambda: any(data.glob(marker)) or proc.poll() is not None)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        finally:
            if proc.poll() is None:
                proc.kill()
        assert caught, "the run neither reached the marker nor ended"
        if proc.returncode == -signal.SIGKILL and any(data.glob(marker)):
            break
    else:
        pytest.fail(f"in 5 tries the kill never landed while {marker} existed")
    assert not (data / "site" / "archive.db").exists()
    check_rerun_matches(data, clean_archive)


@pytest.mark.slow
def test_second_concurrent_run_exits_at_once(tmp_path_factory):
    data = baseline(tmp_path_factory).copy_state(tmp_path_factory.mktemp("lock") / "data")
    forget_html_records(data)
    config = write_config(data, SLOW_EXTRACT, workers=1)
    first = start_nightly(config)
    try:
        lock = data / "ogi.lock"
        assert wait_for(lambda: lock.exists() and lock.read_text().startswith("pid"), timeout=60)
        started = time.monotonic()
        second = run_nightly_process(config)
        elapsed = time.monotonic() - started
        assert second.returncode == 2
        assert f"another ogi run holds the lock {lock} (pid {first.pid}" in second.stderr
        assert elapsed < 15
        assert first.poll() is None, "the first run must not be disturbed"
    finally:
        first.kill()
        first.wait()


@pytest.mark.slow
def test_kill_9_of_the_main_process_ends_its_workers(tmp_path_factory):
    data = baseline(tmp_path_factory).copy_state(tmp_path_factory.mktemp("kill-workers") / "data")
    forget_html_records(data)
    before = count_records(data)
    config = write_config(data, SLOW_EXTRACT, workers=2)
    proc = start_nightly(config)
    try:
        assert wait_for(lambda: count_records(data) >= before + 1), proc.stderr.read() if proc.poll() else ""
        assert len(processes_with(str(config))) >= 3  # the run and its two workers
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert wait_for(lambda: not processes_with(str(config)), timeout=10), processes_with(str(config))


@pytest.mark.slow
def test_ctrl_c_says_what_was_kept_and_a_rerun_resumes(tmp_path_factory, clean_archive):
    data = baseline(tmp_path_factory).copy_state(tmp_path_factory.mktemp("ctrl-c") / "data")
    forget_html_records(data)
    before = count_records(data)
    proc = start_nightly(write_config(data, SLOW_EXTRACT, workers=1))
    try:
        assert wait_for(lambda: count_records(data) >= before + 2), proc.stderr.read() if proc.poll() else ""
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert "interrupted: the store and" in err and "run `ogi nightly` again to resume" in err
    assert "Traceback" not in err
    row = sqlite3.connect(data / "work" / "nightly.db").execute(
        "SELECT status, finished_at FROM nightly_runs").fetchone()
    assert row[0] == "interrupted" and row[1]
    check_rerun_matches(data, clean_archive)


@pytest.mark.slow
def test_damaged_state_and_records_files_are_set_aside_and_rebuilt(tmp_path_factory, clean_archive):
    data = baseline(tmp_path_factory).copy_state(tmp_path_factory.mktemp("damaged-state") / "data")
    for name in ("store/records.db", "work/nightly.db"):
        (data / name).write_bytes(b"garbage, not SQLite " * 64)
        for extra in ("-wal", "-shm"):
            Path(f"{data / name}{extra}").unlink(missing_ok=True)
    result = run_nightly_process(write_config(data))
    assert result.returncode == 0, result.stderr
    assert "note: the extraction records were damaged and set aside" in result.stdout
    assert "note: the run state was damaged and set aside" in result.stdout
    assert list((data / "store").glob("records.db.damaged-*")) and list((data / "work").glob("nightly.db.damaged-*"))
    assert archive_dump(data / "site" / "archive.db") == clean_archive


@pytest.mark.slow
def test_a_garbage_store_index_ends_in_a_clear_error_and_publishes_nothing(tmp_path_factory):
    data = baseline(tmp_path_factory).copy_state(tmp_path_factory.mktemp("garbage-store") / "data")
    (data / "store" / "store.db").write_bytes(b"\x00garbage header" * 100)
    for extra in ("-wal", "-shm"):
        Path(f"{data / 'store' / 'store.db'}{extra}").unlink(missing_ok=True)
    result = run_nightly_process(write_config(data))
    assert result.returncode == 1
    assert "cannot be opened (file is not a database); nothing was published" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (data / "site" / "archive.db").exists()


@pytest.mark.slow
def test_an_archive_that_lost_reports_without_reason_is_not_published(tmp_path_factory):
    """Two stored reports become unreadable and the work archive is lost: the rebuilt archive
    lacks them, nothing explains it, so the old site stays and the run says why."""
    data = baseline(tmp_path_factory).copy_state(tmp_path_factory.mktemp("refused") / "data")
    config = write_config(data)
    first = run_nightly_process(config)
    assert first.returncode == 0, first.stderr
    published = data / "site" / "archive.db"
    before = archive_dump(published)
    db = sqlite3.connect(published)
    lost = db.execute("SELECT d.sha256 FROM documents d JOIN reports r ON r.current_document_id = d.id "
                      "WHERE d.kind = 'html' ORDER BY d.sha256 LIMIT 2").fetchall()
    db.close()
    store = sqlite3.connect(data / "store" / "store.db")
    records = sqlite3.connect(data / "store" / "records.db")
    for (sha,) in lost:
        for (path,) in store.execute("SELECT DISTINCT path FROM fetches WHERE sha256 = ?", (sha,)):
            (data / "store" / path).unlink()
        records.execute("DELETE FROM records WHERE sha256 = ?", (sha,))
    records.commit()
    store.close()
    records.close()
    for extra in ("", "-wal", "-shm"):
        Path(f"{data / 'work' / 'archive.db'}{extra}").unlink(missing_ok=True)
    second = run_nightly_process(config)
    assert second.returncode == 1
    assert "archive not published: PublishRefused" in second.stderr + second.stdout
    assert "not explained: 2 reports" in second.stderr + second.stdout
    assert archive_dump(published) == before  # the old site stays


@pytest.mark.slow
def test_a_lost_store_index_is_said_and_nothing_is_lost(tmp_path_factory):
    """store.db lost after a published run: the summary says the store was replaced and the
    published archive keeps every report and figure it had (the work archive keeps them)."""
    data = baseline(tmp_path_factory).copy_state(tmp_path_factory.mktemp("store-lost") / "data")
    config = write_config(data)
    first = run_nightly_process(config)
    assert first.returncode == 0, first.stderr
    before = archive_dump(data / "site" / "archive.db")
    for extra in ("", "-wal", "-shm"):
        Path(f"{data / 'store' / 'store.db'}{extra}").unlink(missing_ok=True)
    second = run_nightly_process(config)
    assert second.returncode == 0, second.stderr
    assert "note: the raw store holds fewer fetches (0) than the last published run saw" in second.stdout
    after = archive_dump(data / "site" / "archive.db")
    assert after["reports"] == before["reports"] and after["figures"] == before["figures"]
