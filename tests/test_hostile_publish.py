"""Never publish less than was published without saying why.

Archives are built with the archive's own tables; the published one has three reports
of 200 figures each. Each test builds a fresh archive that lost some of them, for one
reason or for none, and publishes it over the published one.
"""
from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils

from archive.tables import create_tables
from extract import schema
from ogi.publish import LossGuard, PublishRefused, compare_archives, newer_version, publish_file

KEYS = [s.key for s in schema.figure_specs()][:200]
REPORTS = [("示范市统计局", 2023), ("示范市教育局", 2023), ("示范区财政局", 2022)]


def url(body: str, year: int) -> str:
    return f"http://127.0.0.1:8400/{abs(hash((body, year))) % 10_000}/{year}.pdf"


def build(path, reports=REPORTS, figures=200, version="0.2.0", changes=None):
    """An archive with ``reports``; ``changes[(body, year)]`` overrides ``figures``, ``version``,
    ``sha256``, ``superseded_by`` (a newer file at the same URL) or ``removed``."""
    changes = changes or {}
    db = sqlite_utils.Database(path)
    create_tables(db)
    conn = db.conn
    for body, year in reports:
        change = changes.get((body, year), {})
        body_id = conn.execute("INSERT OR IGNORE INTO bodies (name) VALUES (?)", (body,)).lastrowid or \
            conn.execute("SELECT id FROM bodies WHERE name = ?", (body,)).fetchone()[0]
        sha = change.get("sha256", f"{abs(hash((body, year))):064x}"[:64])
        ver = change.get("version", version)
        doc = conn.execute("INSERT INTO documents (sha256, url, fetched_at, superseded, extractor_version) "
                           "VALUES (?, ?, '2025-01-20', ?, ?)",
                           (sha, url(body, year), int("superseded_by" in change), ver)).lastrowid
        if "superseded_by" in change:
            doc = conn.execute("INSERT INTO documents (sha256, url, fetched_at, superseded, extractor_version) "
                               "VALUES (?, ?, '2025-02-20', 0, ?)",
                               (change["superseded_by"], url(body, year), ver)).lastrowid
        report = conn.execute("INSERT INTO reports (body_id, year, url, current_document_id) VALUES (?, ?, ?, ?)",
                              (body_id, year, url(body, year), doc)).lastrowid
        conn.execute("UPDATE documents SET report_id = ? WHERE url = ?", (report, url(body, year)))
        conn.executemany("INSERT INTO figures (report_id, key, value, document_id, extractor_version) "
                         "VALUES (?, ?, ?, ?, ?)",
                         [(report, key, i, doc, ver) for i, key in enumerate(KEYS[:change.get("figures", figures)])])
        conn.execute("INSERT INTO coverage (body_id, year, found, report_id, removed_at) VALUES (?, ?, 1, ?, ?)",
                     (body_id, year, report, change.get("removed")))
    conn.commit()
    db.close()


@pytest.fixture
def published(tmp_path):
    target = tmp_path / "site" / "archive.db"
    publish_file(target, lambda tmp: build(tmp))
    return target


def report_count(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM reports").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("lost", [
    dict(reports=REPORTS[:2]),  # the work directory was lost: one report fewer
    dict(changes={REPORTS[1]: {"figures": 0}}),  # a report's figures gone, same file, same extractor
    dict(changes={REPORTS[2]: {"figures": 137}}),  # a truncated object read as fewer figures
    dict(changes={REPORTS[0]: {"version": "0.1.0", "figures": 150}}),  # an older extractor is no excuse
])
def test_unexplained_loss_keeps_the_published_archive(published, lost):
    inode = published.stat().st_ino
    with pytest.raises(PublishRefused) as refused:
        publish_file(published, lambda tmp: build(tmp, **lost))
    assert published.stat().st_ino == inode and report_count(published) == 3
    message = str(refused.value)
    assert message.startswith("the new archive was not published, the published one stays")
    comparison = refused.value.comparison
    assert comparison.lost_figures == comparison.unexplained_figures > 0
    assert "not explained" in message and str(comparison.unexplained_figures) + " figures" in message
    assert sorted(p.name for p in published.parent.iterdir()) == ["archive.db"]


def test_work_dir_lost_names_the_missing_report(published):
    with pytest.raises(PublishRefused) as refused:
        publish_file(published, lambda tmp: build(tmp, reports=REPORTS[:2]))
    comparison = refused.value.comparison
    assert (comparison.lost_reports, comparison.lost_figures) == (1, 200)
    assert (comparison.unexplained_reports, comparison.unexplained_figures) == (1, 200)
    assert comparison.unexplained[0]["body"] == "示范区财政局" and comparison.unexplained[0]["year"] == 2022
    assert "reports 3 → 2, figures 600 → 400" in str(refused.value)


def test_a_report_removed_from_its_portal_explains_its_loss(published):
    guard = LossGuard(removed_urls=[url(*REPORTS[2])])
    publish_file(published, lambda tmp: build(tmp, reports=REPORTS[:2]), guard=guard)
    assert report_count(published) == 2
    assert guard.comparison.explained["removed"] == {"reports": 1, "figures": 200}
    assert guard.comparison.ok and guard.comparison.unexplained_figures == 0


def test_removal_marked_in_the_fresh_archive_explains_lost_figures(published):
    guard = LossGuard()
    publish_file(published, lambda tmp: build(tmp, changes={REPORTS[0]: {"figures": 10, "removed": "2025-03-01"}}),
                 guard=guard)
    assert guard.comparison.explained["removed"] == {"reports": 0, "figures": 190}


def test_a_superseded_file_explains_lost_figures(published):
    guard = LossGuard()
    publish_file(published, lambda tmp: build(tmp, changes={REPORTS[1]: {"figures": 120, "superseded_by": "f" * 64}}),
                 guard=guard)
    assert guard.comparison.explained["superseded"] == {"reports": 0, "figures": 80}
    assert "superseded by a newer file at the same URL: 0 reports, 80 figures" in guard.comparison.summary()


def test_a_newer_extractor_explains_lost_figures_and_reports(published):
    guard = LossGuard()
    changes = {REPORTS[0]: {"version": "0.10.0", "figures": 175}}
    publish_file(published, lambda tmp: build(tmp, changes=changes), guard=guard)
    assert guard.comparison.explained["re-extracted"] == {"reports": 0, "figures": 25}
    assert guard.comparison.explained["removed"] == guard.comparison.explained["superseded"] == {
        "reports": 0, "figures": 0}


def test_mixed_losses_are_counted_per_reason_and_one_unexplained_refuses(published):
    changes = {REPORTS[0]: {"version": "0.3.0", "figures": 190}, REPORTS[1]: {"figures": 198}}
    with pytest.raises(PublishRefused) as refused:
        publish_file(published, lambda tmp: build(tmp, reports=REPORTS[:2], changes=changes),
                     guard=LossGuard(removed_urls=[url(*REPORTS[2])]))
    comparison = refused.value.comparison
    assert comparison.explained["re-extracted"]["figures"] == 10
    assert comparison.explained["removed"] == {"reports": 1, "figures": 200}
    assert comparison.unexplained_figures == 2 and comparison.unexplained_reports == 0
    assert comparison.lost_figures == 212


def test_more_or_equal_publishes_and_allow_loss_overrides(published):
    publish_file(published, lambda tmp: build(tmp, reports=REPORTS + [("示范镇人民政府", 2023)]))
    assert report_count(published) == 4
    guard = LossGuard(allow_loss=True)
    publish_file(published, lambda tmp: build(tmp, reports=REPORTS[:1]), guard=guard)
    assert report_count(published) == 1 and guard.comparison.unexplained_reports == 3


def test_non_archive_databases_and_damaged_published_files_are_not_compared(tmp_path):
    target = tmp_path / "archive.db"
    target.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)  # a damaged published file
    publish_file(target, lambda tmp: build(tmp))
    assert report_count(target) == 3
    other = tmp_path / "other.db"
    publish_file(other, lambda tmp: sqlite3.connect(tmp).execute("CREATE TABLE t (n)").connection.commit())
    assert compare_archives(other, target) is None


@pytest.mark.parametrize("candidate, than, newer", [
    ("0.2.0", "0.1.0", True), ("0.10.0", "0.9.1", True), ("0.2.0", "0.2.0", False), ("0.1.0", "0.2.0", False),
    (None, "0.1.0", False), ("1.0.0rc1", "0.9", True),
])
def test_extractor_versions_compare_as_versions(candidate, than, newer):
    assert newer_version(candidate, than) is newer
