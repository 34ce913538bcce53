"""Filing in batches: a batch files what its files filed one at a time did."""
from __future__ import annotations

import hashlib
import json

import sqlite_utils

from archive.build import build_archive
from archive.filing import insert_rows
from store import RawStore
from tests.synthetic import json_extractor, make_store, records_for

BODY = "杭州市余杭区卫生健康局"


def put(store: RawStore, data: bytes, url: str, fetched_at: str, body=None, year=None):
    store.record_fetch(url=url, data=data, ext=".json", fetched_at=fetched_at, portal="synthetic", role="page",
                       content_type="application/json", body=body, year=year, published=None)
    store.put_bytes(data, ".json")


def rows(db) -> dict:
    """Every row of every table but the full-text index's own, sorted (rowids of keyed tables left out)."""
    out = {}
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                              "AND name NOT LIKE 'sections_fts%' ORDER BY name"):
        out[name] = sorted(map(repr, db.execute(f"SELECT * FROM [{name}]")))
    out["search"] = sorted(db.execute("SELECT rowid FROM sections_fts WHERE sections_fts MATCH '\"申请\"'"))
    return out


def changing_store(root):
    """Twelve reports, then a changed file at one URL, a second file of a report, the same bytes at another URL."""
    store = make_store(root, 12, inconsistent_share=0.5)
    files = list(store.files())
    for n, stored in enumerate(files[:3]):
        record = json.loads(store.read(stored.sha256))
        record["figures"] = {k: v + 1 if isinstance(v, int) else v for k, v in record["figures"].items()}
        record["findings"] = record["findings"] + [{"rule": "x.local", "detail": f"changed {n}"}]
        put(store, json.dumps(record, ensure_ascii=False).encode(), stored.url, "2025-04-01T00:00:00+00:00",
            stored.body, stored.year)
    for stored in files[3:5]:
        record = json.loads(store.read(stored.sha256))
        record["figures"] = dict(list(record["figures"].items())[:20])
        put(store, json.dumps(record, ensure_ascii=False).encode(), stored.url + "?copy",
            "2025-03-15T00:00:00+00:00", stored.body, stored.year)
    put(store, store.read(files[6].sha256), files[6].url + "?again", "2025-03-20T00:00:00+00:00",
        files[6].body, files[6].year)
    return store


def refiled(data, source):
    """A newer extractor: some files no longer reports, one failing, one a report of another year,
    fewer figures, findings in another order, figures with the place they were printed."""
    record = json_extractor(data, source)
    h = int(hashlib.sha256(data).hexdigest(), 16)
    if h % 5 == 0:
        record.update(is_report=False, figures={}, sections={})
    elif h % 7 == 0:
        raise ValueError("cannot parse")
    elif h % 3 == 0:
        record["year"] += 20
    elif h % 2 == 0:
        record["figures"] = dict(list(record["figures"].items())[::2])
        record["cells"] = {k: {"page": 1, "table": 3, "row": 2, "col": 1, "box": [1, 2.5, 3, 4]}
                           for k in list(record["figures"])[:10]}
    record["findings"] = list(reversed(record["findings"])) + [{"rule": "y.local", "detail": "m"}]
    record["extractor_version"] = "0.2.0"
    return record


def test_a_batch_files_what_one_file_at_a_time_files(tmp_path):
    store = changing_store(tmp_path / "store")
    one_by_one = sqlite_utils.Database(tmp_path / "one.db")
    batched = sqlite_utils.Database(tmp_path / "batched.db")
    stats = {}
    for version, extractor in (("0.1.0", json_extractor), ("0.2.0", refiled), ("0.3.0", json_extractor)):
        records = records_for(store, extractor, version)
        stats[version] = build_archive(one_by_one, store, records, batch=1, portals=[]).as_dict()
        in_batches = build_archive(batched, store, records, batch=500, portals=[]).as_dict()
        assert stats[version] | {"seconds": 0} == in_batches | {"seconds": 0}
        assert rows(one_by_one) == rows(batched), version
        if version == "0.1.0":
            assert one_by_one.execute("SELECT count(*) FROM documents WHERE superseded = 1").fetchone()[0] == 3
            assert one_by_one.execute("SELECT count(*) FROM findings WHERE rule = 'x.local'").fetchone()[0] == 3
            assert stats[version]["reports"] == 12
    # the newer extractor failed some files, dropped some reports and moved some to another year
    assert stats["0.2.0"]["errors"] and stats["0.2.0"]["reports"] > 12
    assert stats["0.3.0"]["reports"] > 12 and stats["0.3.0"]["errors"] == []


def test_a_value_sqlite_cannot_store_fails_its_file_with_the_drivers_error(tmp_path):
    store = make_store(tmp_path / "store", 4)

    def listed(data, source):
        record = json_extractor(data, source)
        if record["year"] == 2021:
            record["figures"]["t3.new.total"] = [1, 2]
        return record

    db = sqlite_utils.Database(tmp_path / "a.db")
    stats = build_archive(db, store, records_for(store, listed), portals=[])
    assert len(stats.errors) == 1 and "binding parameter" in stats.errors[0]["error"]
    assert sorted(y for (y,) in db.execute("SELECT year FROM reports")) == [2020, 2021, 2022, 2023]
    assert db.execute("SELECT count(*) FROM figures WHERE key = 't3.new.total'").fetchone()[0] <= 3
    assert db.execute("SELECT count(DISTINCT report_id) FROM headline").fetchone()[0] == 3


def test_a_row_sqlite_refuses_in_a_batch_is_filed_file_by_file(tmp_path):
    """Section 12 of report 1 and section 2 of report 2 share sections.id 22."""
    store = make_store(tmp_path / "store", 2)

    def numbered(data, source):
        record = json_extractor(data, source)
        record["sections"] = {"12": "第十二部分"} if record["year"] == 2020 else {"2": "第二部分"}
        return record

    db = sqlite_utils.Database(tmp_path / "a.db")
    stats = build_archive(db, store, records_for(store, numbered), portals=[])
    assert [e["error"] for e in stats.errors] == ["IntegrityError: UNIQUE constraint failed: sections.id"]
    assert db.execute("SELECT id, report_id, text FROM sections").fetchall() == [(22, 1, "第十二部分")]
    assert db.execute("SELECT count(*) FROM figures WHERE report_id = 1").fetchone()[0] > 100
    refused = db.execute("SELECT error, report_id FROM documents WHERE id = 2").fetchone()
    assert refused == (stats.errors[0]["error"], None)
    again = build_archive(db, store, records_for(store, numbered), portals=[])
    assert again.unchanged == 2 and again.errors == []


def test_a_build_with_nothing_new_rewrites_no_coverage_or_year_chain_row(tmp_path):
    store = make_store(tmp_path / "store", 10, inconsistent_share=0.5)
    db = sqlite_utils.Database(tmp_path / "a.db")
    build_archive(db, store, records_for(store), portals=[])
    assert db["year_chain"].count > 0 and db["coverage"].count > 0
    before = rows(db)
    db.execute("CREATE TABLE writes (n INTEGER)")
    for table in ("coverage", "year_chain"):
        for event in ("INSERT", "UPDATE", "DELETE"):
            db.execute(f"CREATE TRIGGER {table}_{event.lower()} AFTER {event} ON {table} "
                       f"BEGIN INSERT INTO writes VALUES (1); END")
    build_archive(db, store, records_for(store), portals=[])
    assert db["writes"].count == 0
    db["writes"].drop()
    assert rows(db) == before


def test_insert_rows_leaves_out_empty_columns_but_never_one_with_a_default(tmp_path):
    db = sqlite_utils.Database(memory=True)
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INTEGER DEFAULT 5, c REAL)")
    insert_rows(db, "t", ["id", "a", "b", "c"], [(1, "x", None, None), (2, None, 3, 1.5), (3, "y", 4)])
    assert db.execute("SELECT * FROM t ORDER BY id").fetchall() == [(1, "x", None, None), (2, None, 3, 1.5),
                                                                    (3, "y", 4, None)]


def test_the_current_document_is_the_latest_at_its_url_then_the_one_with_most_figures(tmp_path):
    store = make_store(tmp_path / "store", 1)
    first = next(store.files())
    record = json.loads(store.read(first.sha256))
    fewer = dict(record, figures=dict(list(record["figures"].items())[:20]))
    put(store, json.dumps(fewer, ensure_ascii=False).encode(), first.url, "2025-04-01T00:00:00+00:00",
        first.body, first.year)
    db = sqlite_utils.Database(tmp_path / "a.db")
    build_archive(db, store, records_for(store), portals=[])
    current = db.execute("SELECT d.figure_count, d.superseded FROM reports r "
                         "JOIN documents d ON d.id = r.current_document_id").fetchall()
    assert current == [(20, 0)]  # the later version at the URL, though it has fewer figures
    more = dict(record, figures=dict(list(record["figures"].items())[:50]))
    put(store, json.dumps(more, ensure_ascii=False).encode(), first.url + "?copy", "2025-02-01T00:00:00+00:00",
        first.body, first.year)
    failed = dict(record, title="failed")
    put(store, json.dumps(failed, ensure_ascii=False).encode(), first.url + "?failed", "2025-05-01T00:00:00+00:00",
        first.body, first.year)

    def failing(data, source):
        out = json_extractor(data, source)
        if out["title"] == "failed":
            raise ValueError("cannot parse")
        return out

    build_archive(db, store, records_for(store, failing), portals=[])
    current = db.execute("SELECT d.figure_count, d.url FROM reports r "
                         "JOIN documents d ON d.id = r.current_document_id").fetchall()
    assert current == [(50, first.url + "?copy")]  # two latest versions: the one with more figures


def test_findings_ids_follow_the_deletions_of_a_batch_as_one_file_at_a_time(tmp_path):
    """Report 2 holds the largest finding id and is filed again first: its new findings take
    the ids SQLite gives after its old ones are deleted."""
    from archive.build import upsert_record
    from archive.filing import Filing

    store = make_store(tmp_path / "store", 2, years=(2020,), inconsistent_share=1.0)
    one, two = list(store.files())
    records = records_for(store)
    newer = {}
    for stored in (two, one):
        record = dict(records.get(stored.sha256), extractor_version="0.2.0")
        record["findings"] = record["findings"] + [{"rule": "y.local", "detail": "newer"}]
        newer[stored.sha256] = record
    dbs = {}
    for way in ("one by one", "batch"):
        db = dbs[way] = sqlite_utils.Database(tmp_path / f"{way}.db")
        build_archive(db, store, records, portals=[])
        assert db.execute("SELECT report_id FROM findings ORDER BY id DESC LIMIT 1").fetchone() == (2,)
        if way == "batch":
            filing = Filing(db, records)
            filing.prepare((s, newer[s.sha256]) for s in (two, one))
            for stored in (two, one):
                filing.file(stored, newer[stored.sha256], extractor_version="0.2.0")
            filing.flush()
        else:
            for stored in (two, one):
                upsert_record(db, stored, newer[stored.sha256], records=records, extractor_version="0.2.0")
    assert rows(dbs["one by one"]) == rows(dbs["batch"])
    assert dbs["batch"].execute("SELECT id, report_id FROM findings ORDER BY id").fetchall() == [
        (2, 2), (3, 2), (4, 1), (5, 1)]
