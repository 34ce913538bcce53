"""Honest aggregates: blank totals, the reports every sum rests on, year.chain among the findings."""
from __future__ import annotations

import json

import pytest
import sqlite_utils

from archive import fts, queries, tables
from archive.build import build_archive
from extract import schema
from tests.synthetic import json_extractor, make_record, records_for

T3_PARTS = [c.key for c in schema.T3_COLUMNS[:-1]]


def test_blank_total_with_parts_is_the_sum_of_its_parts():
    figures = {f"t3.granted.{c}": v for c, v in zip(T3_PARTS, (258, 12, 0, 0, 0, 0))}
    figures["t3.granted.total"] = 0
    printed = {"t3.granted.total": "blank", "t3.granted.research": "blank"}
    assert tables.honest_value("t3.granted.total", figures, printed) == (270, True)
    values, reconciled = tables.headline_values(figures, printed)
    assert values["granted"] == 270 and reconciled == ["granted"]
    # printed as a dash, a slash or 无: the same kind
    for mark in ("dash", "slash", "无"):
        assert tables.honest_value("t3.granted.total", figures, {"t3.granted.total": mark}) == (270, True)


def test_blank_total_and_blank_parts_is_zero():
    figures = {f"t4.review.{c}": 0 for c in ("upheld", "corrected", "other", "pending", "total")}
    printed = {k: "blank" for k in figures}
    assert tables.honest_value("t4.review.total", figures, printed) == (0, False)
    assert tables.headline_values(figures, printed) == (
        {**{c: None for c in tables.HEADLINE}, "reviews": 0, "reviews_corrected": 0}, [])


def test_blank_total_without_parts_never_enters_a_sum():
    figures = {"t3.granted.total": 0, "t3.partial.total": 5}
    printed = {"t3.granted.total": "blank"}
    assert tables.honest_value("t3.granted.total", figures, printed) == (None, False)
    values, _ = tables.headline_values(figures, printed)
    assert values["granted"] is None and values["partial"] == 5
    # a printed total stands, whatever its parts say
    figures = {"t3.granted.total": 7, **{f"t3.granted.{c}": 0 for c in T3_PARTS}}
    assert tables.honest_value("t3.granted.total", figures, {k: "blank" for k in figures if k != "t3.granted.total"}) \
        == (7, False)


def _store(tmp_path, reports):
    from store import RawStore

    store = RawStore(tmp_path / "store")
    rows = []
    for i, record in enumerate(reports):
        data = json.dumps(record, ensure_ascii=False).encode("utf-8")
        sha, rel = store.put_bytes(data, ".json")
        rows.append((f"http://127.0.0.1/r/{i}.json", sha, rel, len(data), "application/json",
                     "2025-04-01T00:00:00+00:00", "demo", record["agency"], record["year"], "page"))
    store.import_fetches(rows, run={"id": "run-1", "portal": "demo", "started_at": "2025-04-01T00:00:00+00:00",
                                    "finished_at": "2025-04-01T00:00:00+00:00", "stats": {}})
    return store


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("aggregates")
    reports = []
    # 1. a blank granted total over non-zero parts (as 上海市人民政府办公厅 2019 printed it)
    shanghai = make_record(1, "上海市人民政府办公厅", 2019)
    parts = [258, 12, 0, 0, 0, 0]
    shanghai["figures"].update({f"t3.granted.{c}": v for c, v in zip(T3_PARTS, parts)})
    shanghai["figures"]["t3.granted.total"] = 0
    shanghai["printed_as"] = {"t3.granted.total": "blank"}
    reports.append(shanghai)
    # 2. a blank granted total whose parts were not read
    other = make_record(2, "杭州市余杭区卫生健康局", 2019)
    other["figures"]["t3.granted.total"] = 0
    for c in T3_PARTS:
        other["figures"].pop(f"t3.granted.{c}")
    other["printed_as"] = {"t3.granted.total": "blank"}
    reports.append(other)
    # 3–4. two years of one body whose carried-over figure does not chain
    first = make_record(3, "淮安市洪泽区人民政府", 2020)
    second = make_record(4, "淮安市洪泽区人民政府", 2021)
    reports += [first, second]
    # 5. an uncertain finding (OCR) stays out of the list of breaches
    ocr = make_record(5, "宿州市人民政府", 2021)
    ocr["findings"] = [{"rule": "t3.row_sum", "detail": "uncertain", "keys": ["t3.new.total"], "status": "uncertain"}]
    reports.append(ocr)
    store = _store(tmp_path, reports)
    db = sqlite_utils.Database(tmp_path / "archive.db")
    build_archive(db, store, records_for(store, json_extractor, "0.1.0"), portals=[])
    return db, sum(parts), first, second


def test_headline_and_year_totals_are_honest(archive):
    db, parts_sum, _, _ = archive
    rows = {r["body"]: r for r in db.query("SELECT * FROM headline")}
    assert rows["上海市人民政府办公厅"]["granted"] == parts_sum > 0
    assert rows["上海市人民政府办公厅"]["reconciled"] == "granted"
    assert rows["杭州市余杭区卫生健康局"]["granted"] is None
    assert rows["杭州市余杭区卫生健康局"]["partial"] is not None
    total = db["year_totals"].get(2019)
    assert total["reports"] == 2 and total["reconciled_reports"] == 1
    assert total["granted"] == parts_sum and total["granted_reports"] == 1
    assert total["partial_reports"] == 2
    # the figures table keeps what was printed
    assert db.execute("SELECT value, printed_as FROM figures f JOIN reports r ON r.id = f.report_id JOIN bodies b "
                      "ON b.id = r.body_id WHERE b.name = '上海市人民政府办公厅' AND key = 't3.granted.total'"
                      ).fetchone() == (0, "blank")


def test_year_chain_breaches_are_findings_with_cells(archive):
    db, _, first, second = archive
    chain = db.execute("SELECT count(*) FROM year_chain").fetchone()[0]
    expected = sum(first["figures"][f"t3.carried_forward.{c.key}"] != second["figures"][f"t3.carried_over.{c.key}"]
                   for c in schema.T3_COLUMNS)
    assert chain == expected > 0
    findings = db.execute("SELECT cells, related_report_id, status FROM findings WHERE rule = 'year.chain'").fetchall()
    assert len(findings) == chain
    assert all(json.loads(cells)[0].startswith("t3.carried_over.") and related and status == "breach"
               for cells, related, status in findings)
    fts.register_functions(db.conn)
    listed = db.execute(queries.QUERIES["inconsistent_reports"]["sql"]).fetchall()
    bodies = {row[1] for row in listed}
    assert "淮安市洪泽区人民政府" in bodies
    assert "宿州市人民政府" not in bodies  # uncertain only
    assert db.execute("SELECT findings FROM headline WHERE body = '淮安市洪泽区人民政府' AND year = 2021"
                      ).fetchone()[0] >= chain


def test_every_aggregate_states_its_reports(archive):
    db, _, _, _ = archive
    fts.register_functions(db.conn)
    for name in ("requests_per_year", "denied_share", "lawsuits_per_year", "top_bodies"):
        cursor = db.execute(queries.QUERIES[name]["sql"])
        columns = [c[0] for c in cursor.description]
        assert any(c in ("reports", "requests_reports") for c in columns), name
    share = {r[0]: r for r in db.execute(queries.QUERIES["denied_share"]["sql"]).fetchall()}
    assert share[2019][1] == 2  # both 2019 reports give denied, not_held and results_total


def test_an_archive_of_an_older_version_gets_the_new_columns(tmp_path):
    db = sqlite_utils.Database(tmp_path / "old.db")
    db.execute("CREATE TABLE headline (report_id INTEGER PRIMARY KEY, body_id INTEGER NOT NULL, granted NUMERIC)")
    db.execute("CREATE TABLE coverage (body_id INTEGER NOT NULL, year INTEGER NOT NULL, found INTEGER NOT NULL, "
               "due TEXT, late INTEGER, PRIMARY KEY (body_id, year))")
    tables.create_tables(db)
    assert {"reconciled", "findings", "requests_new"} <= set(db["headline"].columns_dict)
    assert {"due_rule", "days_late", "late_basis", "removed_at"} <= set(db["coverage"].columns_dict)
    assert tables.add_missing_columns(db, "headline") == []


def test_shares_rest_on_one_set_of_reports(archive):
    db, _, _, _ = archive
    fts.register_functions(db.conn)
    share = db.execute(queries.QUERIES["denied_share"]["sql"]).fetchall()
    direct = db.execute(
        "SELECT year, count(*), count(reconciled), sum(results_total), sum(denied), sum(not_held) FROM headline "
        "WHERE results_total IS NOT NULL AND denied IS NOT NULL AND not_held IS NOT NULL GROUP BY year ORDER BY year"
    ).fetchall()
    assert [r[:6] for r in share] == direct and direct
    suits = db.execute(queries.QUERIES["lawsuits_per_year"]["sql"]).fetchall()
    assert [(r[0], r[1], r[2]) for r in suits] == db.execute(
        "SELECT year, count(*), sum(suits) FROM headline WHERE suits IS NOT NULL AND suits_corrected IS NOT NULL "
        "AND reviews IS NOT NULL AND reviews_corrected IS NOT NULL GROUP BY year ORDER BY year").fetchall()
