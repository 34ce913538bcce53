"""The archive build: figures equal the extractor's, keys hold, re-runs change nothing."""
from __future__ import annotations

import json

import pytest
import sqlite_utils

from archive.build import ArchiveError, build_archive, last_due_year, upsert_record
from tests.synthetic import records_for, json_extractor, make_record
from store import RawStore
from extract import EXTRACTOR_VERSION, schema


def put(store: RawStore, data: bytes, url: str, fetched_at: str, *, body=None, year=None, portal="demo",
        published=None, ext=".html"):
    """Store ``data`` as the crawler would: object, fetch row, URL state."""
    store.record_fetch(url=url, data=data, ext=ext, fetched_at=fetched_at, portal=portal, role="page",
                       content_type="text/html", body=body, year=year, published=published)
    sha, _ = store.put_bytes(data, ext)
    return sha


def dump(db) -> list:
    """Every schema entry and every row of every table (FTS index tables included), in order."""
    out = list(db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall())
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
                              "ORDER BY name").fetchall():
        out.append(name)
        out.extend(db.execute(f"SELECT * FROM [{name}] ORDER BY 1, 2").fetchall())
    return out


def figures_of(db, report_id) -> dict:
    return {k: v for k, v in db.execute("SELECT key, value FROM figures WHERE report_id = ?", [report_id])}


# --- built from real rendered files and the real extractor ---------------------------------

SPECS = [  # (seed, agency, year, inconsistent)
    (11, "宁波市江北区市场监督管理局", 2022, False),
    (12, "宁波市江北区市场监督管理局", 2023, False),
    (13, "长沙县黄花镇人民政府", 2023, True),
    (14, "成都市武侯区教育局", 2020, False),
]


@pytest.fixture(scope="module")
def real_archive(tmp_path_factory):
    from demo.render import make_spec, render
    from extract.api import extract_bytes

    root = tmp_path_factory.mktemp("real")
    store = RawStore(root / "store")
    files = {}
    for i, (seed, agency, year, inconsistent) in enumerate(SPECS):
        spec = make_spec(seed, agency=agency, year=year, inconsistent=inconsistent)
        data = render(spec, "html-utf8")
        put(store, data, f"http://127.0.0.1:8000/nb/{i}.html", f"{year + 1}-01-2{i}T08:00:00+00:00",
            body=agency, year=year, published=f"{year + 1}-01-2{i}")
        files[i] = (spec, data)
    # a broken file and a page that is no report must not stop the build
    put(store, b"%PDF-1.4 garbage \x00\x01", "http://127.0.0.1:8000/nb/broken.pdf", "2024-01-25T08:00:00+00:00",
        ext=".pdf")
    put(store, "<html><body><p>关于开展防汛演练的通知</p></body></html>".encode(),
        "http://127.0.0.1:8000/news/1.html", "2024-01-25T08:00:00+00:00")
    db = sqlite_utils.Database(root / "archive.db")
    stats = build_archive(db, store, records_for(store, extract_bytes, EXTRACTOR_VERSION))
    return db, store, files, stats


def test_every_figure_equals_the_extractors_output(real_archive):
    from extract.api import extract_bytes

    db, _, files, _ = real_archive
    for i, (spec, data) in files.items():
        record = extract_bytes(data, f"{i}.html")
        report_id = db.execute("SELECT reports.id FROM reports JOIN bodies ON bodies.id = reports.body_id "
                               "WHERE bodies.name = ? AND reports.year = ?", [spec.agency, spec.year]).fetchone()[0]
        archived = figures_of(db, report_id)
        assert record["figures"], f"extractor read no figures from report {i}"
        assert archived == record["figures"]
        # and the extractor got the rendered truth, so the archive holds the printed figures
        assert archived == spec.figures
        # the wide tables say the same
        t3_new_total = db.execute("SELECT total FROM t3 WHERE report_id = ? AND row_key = 'new'", [report_id]).fetchone()[0]
        assert t3_new_total == record["figures"]["t3.new.total"]
        headline = db["headline"].get(report_id)
        assert headline["requests_new"] == record["figures"]["t3.new.total"]
        assert headline["denied"] == sum(v for k, v in record["figures"].items()
                                         if k.startswith("t3.denied_") and k.endswith(".total"))
        t4 = db["t4"].get(report_id)
        assert t4["review_total"] == record["figures"]["t4.review.total"]


def test_provenance_of_figures(real_archive):
    db, store, _, _ = real_archive
    rows = db.execute("SELECT figures.extractor_version, documents.sha256, documents.url, documents.fetched_at, "
                      "documents.raw_path FROM figures JOIN documents ON documents.id = figures.document_id "
                      "GROUP BY documents.id").fetchall()
    assert len(rows) == len(SPECS)
    import extract
    for version, sha, url, fetched_at, raw_path in rows:
        assert version == extract.EXTRACTOR_VERSION
        assert url.startswith("http://127.0.0.1:8000/nb/") and fetched_at
        assert (store.root / raw_path).is_file() and sha in raw_path


def test_foreign_keys_hold(real_archive):
    db = real_archive[0]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("SELECT count(*) FROM figures").fetchone()[0] > 100


def test_schema_declares_keys_types_and_clustering(tmp_path):
    """The tables sqlite-utils creates keep the declared keys, types, defaults and WITHOUT ROWID."""
    from sqlite_utils.utils import sqlite3  # the module sqlite-utils connects with

    from archive.build import open_archive

    db = open_archive(tmp_path / "a.db")
    sql = {name: s for name, s in db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")}
    for name in ("figures", "t3", "document_fetches"):
        assert sql[name].rstrip().endswith("WITHOUT ROWID"), name
    assert "WITHOUT ROWID" not in sql["documents"]
    fks = {(t, fk.column, fk.other_table, fk.other_column) for t in ("documents", "reports", "figures", "bodies")
           for fk in db[t].foreign_keys}
    assert {("documents", "report_id", "reports", "id"), ("reports", "current_document_id", "documents", "id"),
            ("reports", "body_id", "bodies", "id"), ("figures", "key", "figure_keys", "key"),
            ("figures", "document_id", "documents", "id"), ("bodies", "division_code", "divisions", "code")} <= fks
    assert db["figures"].pks == ["report_id", "key"] and db["coverage"].pks == ["body_id", "year"]
    columns = {c.name: c for c in db["documents"].columns}
    assert (columns["superseded"].notnull, columns["superseded"].default_value) == (1, "0")
    findings = {c.name: c for c in db["findings"].columns}
    assert (findings["status"].notnull, findings["status"].default_value) == (1, "'breach'")
    assert [c.type for c in db["figures"].columns if c.name == "value"] == ["NUMERIC"]
    # NUMERIC keeps an integral value an integer, as it was printed
    db.execute("INSERT INTO rules (id) VALUES ('r')")
    db.execute("INSERT INTO year_totals (year, granted) VALUES (2023, 3.0)")
    assert db.execute("SELECT typeof(granted) FROM year_totals").fetchone()[0] == "integer"
    # the unique keys besides the primary keys
    db.execute("INSERT INTO bodies (name) VALUES ('某县人民政府')")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO bodies (name) VALUES ('某县人民政府')")
    db.execute("INSERT INTO reports (body_id, year) VALUES (1, 2023)")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO reports (body_id, year) VALUES (1, 2023)")
    # opening it again changes nothing
    before = db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    db.conn.commit()
    assert open_archive(tmp_path / "a.db").execute(
        "SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall() == before


def test_bad_files_are_recorded_and_the_rest_goes_on(real_archive):
    db, _, _, stats = real_archive
    assert db.execute("SELECT count(*) FROM reports").fetchone()[0] == len(SPECS)
    broken = db.execute("SELECT error, report_id FROM documents WHERE url LIKE '%broken.pdf'").fetchone()
    assert broken[0] and broken[1] is None
    news = db.execute("SELECT report_id, warnings FROM documents WHERE url LIKE '%news/1.html'").fetchone()
    assert news[0] is None
    assert "not_a_report" in {w["code"] for w in json.loads(news[1])}  # the record's warnings, with their codes
    assert db.execute("SELECT documents FROM warning_counts WHERE code = 'not_a_report'").fetchone()[0] >= 1
    assert any("broken.pdf" in e["url"] for e in stats.errors)


def test_findings_of_an_inconsistent_report(real_archive):
    db, _, files, _ = real_archive
    spec = files[2][0]
    rules = {r for (r,) in db.execute("SELECT rule FROM findings JOIN reports ON reports.id = findings.report_id "
                                      "WHERE reports.year = 2023 AND reports.body_id = (SELECT id FROM bodies "
                                      "WHERE name = '长沙县黄花镇人民政府')")}
    assert set(spec.broken_rules) <= rules


def test_year_chain_between_consecutive_reports(real_archive):
    db = real_archive[0]
    rows = db.execute("SELECT year, column_key, carried_over, prev_carried_forward FROM year_chain").fetchall()
    spec22, spec23 = real_archive[2][0][0], real_archive[2][1][0]
    expected = sorted((2023, c, spec23.figures[f"t3.carried_over.{c}"], spec22.figures[f"t3.carried_forward.{c}"])
                      for c in schema.T3_COLUMN_KEYS
                      if spec23.figures[f"t3.carried_over.{c}"] != spec22.figures[f"t3.carried_forward.{c}"])
    assert expected and sorted(rows) == expected
    # the archive states the rule as extract.checks does, and lists each breach as a finding
    from extract.checks import check_year_chain

    details = [d for (d,) in db.execute("SELECT detail FROM year_chain ORDER BY column_key")]
    assert sorted(details) == sorted(f["detail"] for f in check_year_chain(spec22.figures, spec23.figures, 2023))
    assert sorted(d for (d,) in db.execute("SELECT detail FROM findings WHERE rule = 'year.chain'")) == sorted(details)


def test_rerun_on_the_same_input_changes_nothing(real_archive):
    from extract.api import extract_bytes

    db, store, _, _ = real_archive
    before = dump(db)
    stats = build_archive(db, store, records_for(store, extract_bytes, EXTRACTOR_VERSION))
    assert stats.extracted == 0 and stats.reextracted == 0
    assert dump(db) == before


def test_coverage_and_bodies(real_archive):
    db = real_archive[0]
    body = db.execute("SELECT * FROM bodies WHERE name = '宁波市江北区市场监督管理局'").fetchone()
    body = dict(zip([c[0] for c in db.execute("SELECT * FROM bodies LIMIT 0").description], body))
    assert body["level"] == "department" and body["province"] == "浙江省" and body["division_code"] == "330205"
    rows = {(r["year"]): r for r in db.query(
        "SELECT coverage.* FROM coverage JOIN bodies ON bodies.id = coverage.body_id WHERE bodies.name = ?",
        ["宁波市江北区市场监督管理局"])}
    # a department no source lists: its reports are covered, its absence in 2020 and 2021 is not "missing"
    assert sorted(rows) == [2022, 2023] and rows[2022]["found"] == 1
    assert rows[2022]["due"] == "2023-01-31" and rows[2022]["late"] == 0
    assert rows[2022]["source"] == "report found" and rows[2022]["watched"] == 1  # found on the crawled portal
    # the district's people's government must publish (Art. 49): missing each year, naming the source
    government = {r["year"]: r for r in db.query(
        "SELECT coverage.*, bodies.level, bodies.division_code FROM coverage JOIN bodies ON bodies.id = "
        "coverage.body_id WHERE bodies.name = '宁波市江北区人民政府'")}
    assert sorted(government) == [2020, 2021, 2022]  # 2023's is due by 31 March 2024, after the last fetch
    assert all(r["found"] == 0 and r["level"] == "county" and r["division_code"] == "330205"
               and r["source"].startswith("GB/T 2260 division table") for r in government.values())
    # no crawled portal serves that government: absent from the archive, not news ("late or missing")
    assert all(r["watched"] == 0 for r in government.values())
    from archive.queries import QUERIES
    late_or_missing = {r[0] for r in db.execute(QUERIES["late_or_missing"]["sql"])}
    assert "宁波市江北区人民政府" not in late_or_missing
    # every current province, city and county government is expected, once
    expected = db.execute("SELECT count(DISTINCT body_id) FROM coverage WHERE source LIKE 'GB/T 2260%'").fetchone()[0]
    assert expected == 3213


# --- versions, changes and errors, with records stored as JSON ------------------------------

def _json_store(tmp_path, n=3):
    store = RawStore(tmp_path / "store")
    for i in range(n):
        record = make_record(100 + i, "杭州市余杭区卫生健康局", 2021 + i)
        put(store, json.dumps(record, ensure_ascii=False).encode(), f"http://127.0.0.1/r/{i}.json",
            f"{2022 + i}-01-10T00:00:00+00:00", body="杭州市余杭区卫生健康局", year=2021 + i, ext=".json")
    return store


def test_new_extractor_version_reextracts(tmp_path):
    store = _json_store(tmp_path)
    db = sqlite_utils.Database(tmp_path / "a.db")
    build_archive(db, store, records_for(store, json_extractor, "0.1.0"))
    old = figures_of(db, 1)

    def better(data, source):
        record = json_extractor(data, source)
        record["figures"]["t3.new.total"] += 1000
        record["extractor_version"] = "0.2.0"
        return record

    stats = build_archive(db, store, records_for(store, better, "0.2.0"))
    assert stats.reextracted == 3 and stats.extracted == 0
    new = figures_of(db, 1)
    assert new["t3.new.total"] == old["t3.new.total"] + 1000
    assert {v for (v,) in db.execute("SELECT DISTINCT extractor_version FROM figures")} == {"0.2.0"}
    assert db["headline"].get(1)["requests_new"] == new["t3.new.total"]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_changed_document_at_the_same_url_keeps_both_versions(tmp_path):
    store = _json_store(tmp_path, n=1)
    db = sqlite_utils.Database(tmp_path / "a.db")
    build_archive(db, store, records_for(store, json_extractor, "0.1.0"))
    record = make_record(100, "杭州市余杭区卫生健康局", 2021)
    record["figures"]["t3.new.natural"] += 5
    record["sections"]["1"] = "修订后的报告：低保信息"
    put(store, json.dumps(record, ensure_ascii=False).encode(), "http://127.0.0.1/r/0.json",
        "2022-03-01T00:00:00+00:00", body="杭州市余杭区卫生健康局", year=2021, ext=".json")
    build_archive(db, store, records_for(store, json_extractor, "0.1.0"))
    docs = db.execute("SELECT id, superseded FROM documents WHERE url = 'http://127.0.0.1/r/0.json' "
                      "ORDER BY fetched_at").fetchall()
    assert len(docs) == 2 and docs[0][1] == 1 and docs[1][1] == 0
    report = db["reports"].get(1)
    assert report["current_document_id"] == docs[1][0]
    assert figures_of(db, 1)["t3.new.natural"] == record["figures"]["t3.new.natural"]
    assert db.execute("SELECT changed FROM coverage WHERE report_id = 1").fetchone()[0] == 1
    from archive.fts import search
    assert [r["report_id"] for r in search(db, "修订")] == [1]
    assert db.execute("SELECT count(*) FROM sections WHERE report_id = 1").fetchone()[0] == len(record["sections"])
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_extractor_crash_is_recorded_and_build_goes_on(tmp_path):
    store = _json_store(tmp_path)

    def flaky(data, source):
        record = json_extractor(data, source)
        if record["year"] == 2022:
            raise ValueError("cannot parse")
        return record

    db = sqlite_utils.Database(tmp_path / "a.db")
    stats = build_archive(db, store, records_for(store, flaky, "0.1.0"))
    assert len(stats.errors) == 1 and "cannot parse" in stats.errors[0]["error"]
    assert sorted(y for (y,) in db.execute("SELECT year FROM reports")) == [2021, 2023]
    assert db.execute("SELECT count(*) FROM documents WHERE error LIKE '%cannot parse%'").fetchone()[0] == 1


def test_unknown_figure_keys_are_not_archived(tmp_path):
    store = _json_store(tmp_path, n=1)
    db = sqlite_utils.Database(tmp_path / "a.db")
    build_archive(db, store, records_for(store, lambda d, s: {**json_extractor(d, s),
                                                           "figures": {"t3.new.total": 4, "t9.bogus.x": 1}}))
    assert figures_of(db, 1) == {"t3.new.total": 4}


def test_upsert_record_is_idempotent(tmp_path):
    store = _json_store(tmp_path, n=1)
    db = sqlite_utils.Database(tmp_path / "a.db")
    build_archive(db, store, records_for(store, json_extractor, "0.1.0"))
    stored = next(store.files())
    before = dump(db)
    upsert_record(db, stored, json_extractor(stored.read_bytes()), extractor_version="0.1.0")
    assert dump(db) == before


def test_not_a_store(tmp_path):
    with pytest.raises(ArchiveError):
        build_archive(sqlite_utils.Database(memory=True), tmp_path / "nothing")


@pytest.mark.parametrize("as_of,year", [("2025-01-31", 2023), ("2025-02-01", 2024), ("2024-12-31T23:00:00", 2023)])
def test_last_due_year(as_of, year):
    assert last_due_year(as_of) == year


def test_coverage_of_profile_bodies_late_and_removed(tmp_path):
    from archive.build import record_nightly

    store = RawStore(tmp_path / "store")
    body = "杭州市余杭区卫生健康局"
    for year, fetched, published in ((2022, "2023-01-10T00:00:00+00:00", "2023-01-09"),
                                     (2023, "2024-03-05T00:00:00+00:00", "2024-03-04")):
        record = make_record(200 + year, body, year)
        put(store, json.dumps(record, ensure_ascii=False).encode(), f"http://127.0.0.1/r/{year}.json", fetched,
            body=body, year=year, published=published, ext=".json")
    assert store.mark_removed("demo", "2024-03-05T00:00:00+00:00", "2024-06-01T00:00:00+00:00") == [
        "http://127.0.0.1/r/2022.json"]
    store.start_run("run-1", "demo", "2024-03-05T00:00:00+00:00")
    store.record_failure("http://127.0.0.1/gone.html", "not found", portal="demo", run_id="run-1", status=404)
    store.finish_run("run-1", {"pages": 3})
    profiles = [{"name": "demo", "body": "昆明市五华区人民政府", "region": "云南省昆明市"},
                {"name": "never-crawled", "body": "某市人民政府", "region": ""}]
    db = sqlite_utils.Database(tmp_path / "a.db")
    build_archive(db, store, records_for(store, json_extractor, "0.1.0"), portals=profiles)
    rows = {(r["body"], r["year"]): r for r in db.query(
        "SELECT bodies.name AS body, coverage.* FROM coverage JOIN bodies ON bodies.id = coverage.body_id")}
    assert rows[(body, 2022)]["found"] == 1 and rows[(body, 2022)]["late"] == 0
    assert rows[(body, 2022)]["removed_at"] == "2024-06-01T00:00:00+00:00"
    assert rows[(body, 2023)]["late"] == 1 and rows[(body, 2023)]["published"] == "2024-03-04"
    # a body its portal's profile names, with nothing found: one row per year, not found
    assert rows[("昆明市五华区人民政府", 2022)]["found"] == 0
    # a county government's 2023 report is due 31 March 2024 (Art. 49): not yet missing on 5 March
    assert ("昆明市五华区人民政府", 2023) not in rows
    assert rows[("昆明市五华区人民政府", 2022)]["due"] == "2023-03-31"
    assert rows[("昆明市五华区人民政府", 2022)]["due_rule"] == "art49_government"
    # a department's is due 31 January: published 4 March, 33 days late
    assert (rows[(body, 2023)]["due"], rows[(body, 2023)]["days_late"]) == ("2024-01-31", 33)
    assert not any(b == "某市人民政府" for b, _ in rows)
    assert db["bodies"].get(db.execute("SELECT id FROM bodies WHERE name = '昆明市五华区人民政府'").fetchone()[0])[
        "division_code"] == "530102"
    run = db["crawl_runs"].get("run-1")
    assert run["failures"] == 1 and json.loads(run["stats"]) == {"pages": 3}
    record_nightly(db, "run-1", "ok", {"reports_new": 2}, "2024-03-05T02:00:00+00:00")
    build_archive(db, store, records_for(store, json_extractor, "0.1.0"), portals=profiles)
    run = db["crawl_runs"].get("run-1")
    assert run["nightly_status"] == "ok" and json.loads(run["nightly_summary"]) == {"reports_new": 2}
    assert db.execute("SELECT count(*) FROM crawl_failures").fetchone()[0] == 1
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_reextraction_that_drops_a_report_clears_its_content(tmp_path):
    store = _json_store(tmp_path, n=2)
    db = sqlite_utils.Database(tmp_path / "a.db")
    build_archive(db, store, records_for(store, json_extractor, "0.1.0"))
    assert figures_of(db, 1) and db.execute("SELECT count(*) FROM sections WHERE report_id = 1").fetchone()[0]

    def stricter(data, source):
        record = json_extractor(data, source)
        if record["year"] == 2021:
            record.update(is_report=False, figures={}, sections={}, error="not an annual report (test)")
        return record

    build_archive(db, store, records_for(store, stricter, "0.2.0"))
    assert figures_of(db, 1) == {}
    assert db.execute("SELECT count(*) FROM sections WHERE report_id = 1").fetchone()[0] == 0
    assert db["reports"].get(1)["current_document_id"] is None
    assert figures_of(db, 2)  # the other report is untouched
    from archive.fts import search
    assert {r["year"] for r in search(db, "低保")} <= {2022}
    assert db.execute("SELECT found FROM coverage WHERE year = 2021").fetchone()[0] == 0
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_the_record_decides_body_year_title_and_published_the_portal_only_falls_back(tmp_path):
    """A province's profile names one body; each report names its own: the report's words win,
    the profile's body and the list-page title are kept in their own columns."""
    store = RawStore(tmp_path / "store")
    bodies = ["洪泽区农业农村局", "洪泽区人民政府办公室"]
    for i, body in enumerate(bodies):
        record = make_record(200 + i, body, 2022)
        record["title"] = f"{body}2022年政府信息公开工作年度报告"
        record["published"] = "2023-01-20"
        record["printed_as"] = {k: "number" for k in record["figures"]}
        record["printed_as"]["t3.new.total"] = "dash"
        put(store, json.dumps(record, ensure_ascii=False).encode(), f"http://127.0.0.1/r/{i}.json",
            "2023-02-01T00:00:00+00:00", body="江苏省人民政府", year=2021, published="2023-02-01", ext=".json")
    db = sqlite_utils.Database(tmp_path / "a.db")
    build_archive(db, store, records_for(store, json_extractor, "0.1.0"))
    rows = db.execute("SELECT b.name, r.year, r.title, r.published FROM reports r JOIN bodies b ON b.id = r.body_id "
                      "ORDER BY r.id").fetchall()
    assert rows == [(b, 2022, f"{b}2022年政府信息公开工作年度报告", "2023-01-20") for b in bodies]
    assert {r for (r,) in db.execute("SELECT DISTINCT profile_body FROM documents")} == {"江苏省人民政府"}
    assert db.execute("SELECT printed_as FROM figures WHERE key = 't3.new.total' AND report_id = 1").fetchone() == ("dash",)
    assert db.execute("SELECT count(*) FROM figures WHERE printed_as = 'number'").fetchone()[0] > 100


def test_uncertain_findings_are_stored_apart_and_not_counted_as_breaches(tmp_path):
    store = RawStore(tmp_path / "store")
    record = make_record(300, "示范县人民政府", 2022, inconsistent=True)
    assert record["findings"]
    for finding in record["findings"]:
        finding["status"] = "uncertain"
    put(store, json.dumps(record, ensure_ascii=False).encode(), "http://127.0.0.1/r/u.json",
        "2023-02-01T00:00:00+00:00", ext=".json")
    db = sqlite_utils.Database(tmp_path / "a.db")
    build_archive(db, store, records_for(store, json_extractor, "0.1.0"))
    statuses = {s for (s,) in db.execute("SELECT status FROM findings")}
    assert statuses == {"uncertain"}
    assert db["headline"].get(1)["findings"] == 0


def test_warnings_are_counted_per_code(tmp_path):
    """documents.warnings keeps the record's {code, detail} list; warning_counts counts, per
    declared code, the current documents carrying it and its occurrences."""
    store = RawStore(tmp_path / "store")
    missing = [schema.extraction_warning("table_missing", "table 2 missing"),
               schema.extraction_warning("table_missing", "table 4 missing")]
    year = [schema.extraction_warning("figure_like_year", "figure t3.new.total looks like a year (2021)")]
    for i, warnings in enumerate([missing, missing[1:] + year, [], ["a warning from before codes"]]):
        record = make_record(400 + i, f"示范{i}县人民政府", 2022)
        record["warnings"] = warnings
        put(store, json.dumps(record, ensure_ascii=False).encode(), f"http://127.0.0.1/w/{i}.json",
            "2023-02-01T00:00:00+00:00", ext=".json")
    db = sqlite_utils.Database(tmp_path / "a.db")
    build_archive(db, store, records_for(store, json_extractor, "0.1.0"))
    stored = json.loads(db.execute("SELECT warnings FROM documents WHERE url = 'http://127.0.0.1/w/1.json'").fetchone()[0])
    assert stored == missing[1:] + year
    counts = {row["code"]: (row["documents"], row["occurrences"]) for row in db["warning_counts"].rows}
    assert set(counts) == set(schema.WARNING_CODES_BY_CODE)
    assert counts["table_missing"] == (2, 3) and counts["figure_like_year"] == (1, 1)
    assert sum(n for n, _ in counts.values()) == 3  # the pre-code list of strings is not counted
    assert {r["code"]: r["description_zh"] for r in db["warning_codes"].rows} == {
        w.code: w.description_zh for w in schema.WARNING_CODES}
    # a newer file at the same URL supersedes the old one: only the current file counts
    record = make_record(400, "示范0县人民政府", 2022)
    record["warnings"] = year
    put(store, json.dumps(record, ensure_ascii=False).encode(), "http://127.0.0.1/w/0.json",
        "2023-03-01T00:00:00+00:00", ext=".json")
    build_archive(db, store, records_for(store, json_extractor, "0.1.0"))
    counts = {row["code"]: (row["documents"], row["occurrences"]) for row in db["warning_counts"].rows}
    assert counts["table_missing"] == (1, 1) and counts["figure_like_year"] == (2, 2)


def test_figures_rows_say_where_each_figure_was_printed(tmp_path):
    """The record's cells (page, table, row, column, box, confidence) reach the figures rows."""
    from demo.render import make_spec, render
    from extract.api import extract_bytes

    store = RawStore(tmp_path / "store")
    spec = make_spec(21, agency="宁波市江北区民政局", year=2023)
    put(store, render(spec, "pdf"), "http://127.0.0.1/r.pdf", "2024-01-20T08:00:00+00:00", ext=".pdf")
    records = records_for(store, extract_bytes, EXTRACTOR_VERSION)
    record = next(iter(records))
    db = sqlite_utils.Database(tmp_path / "a.db")
    build_archive(db, store, records)
    rows = {r["key"]: r for r in db.query("SELECT * FROM figures")}
    assert set(rows) == set(record["figures"])
    placed = [k for k, c in record["cells"].items() if c.get("box")]
    assert len(placed) >= 0.9 * len(rows)
    for key in placed:
        cell, row = record["cells"][key], rows[key]
        assert (row["page"], row["table_no"], row["row_no"], row["col_no"]) == (
            cell["page"], cell["table"], cell["row"], cell["col"])
        box = json.loads(row["box"])
        assert len(box) == 4 and box[0] < box[2] and box[1] < box[3]
        assert all(abs(a - b) <= 0.006 for a, b in zip(box, cell["box"]))


def test_sites_table_files_the_registry_with_the_codes_pages_stated(tmp_path):
    from archive.build import refresh_sites
    from crawler.registry import read_sites

    store = RawStore(tmp_path / "store")
    sites = read_sites()
    good, other = sorted(name for name, site in sites.items()
                         if site.site_code and site.division_code and not site.site_code.startswith("bm"))[:2]
    store.record_fetch(url="http://127.0.0.1/a.html", data=b"a", ext=".html", fetched_at="2025-01-01T00:00:00+00:00",
                       portal=good, role="page", site_code=sites[good].site_code)
    store.record_fetch(url="http://127.0.0.1/b.html", data=b"b", ext=".html", fetched_at="2025-01-01T00:00:00+00:00",
                       portal=other, role="page", site_code="bm00000001")  # a ministry's code on a local site
    db = sqlite_utils.Database(tmp_path / "a.db")
    from archive.build import ensure_schema
    ensure_schema(db)
    assert refresh_sites(db, store, sites) == len(sites)
    rows = {r["portal"]: r for r in db["sites"].rows}
    assert json.loads(rows[good]["seen_site_codes"]) == [sites[good].site_code] and rows[good]["identity_check"] == "ok"
    assert rows[other]["identity_check"] == f"code_differs: the page says bm00000001, the registry {sites[other].site_code}"
    assert all(rows[n]["identity_check"] is None for n in rows if n not in (good, other))


def test_who_has_not_published_is_one_query_per_province_and_level(real_archive):
    from archive.queries import QUERIES

    db = real_archive[0]
    sql = QUERIES["not_published"]["sql"]
    rows = db.execute(sql, {"province": "浙江省", "level": "county", "year": "2021"}).fetchall()
    names = {r[2] for r in rows}
    assert "宁波市江北区人民政府" in names and len(names) == 90  # Zhejiang's county-level divisions
    assert all(r[0] == "浙江省" and r[1] == "county" and r[4] == 2021 for r in rows)
    # 长沙县黄花镇人民政府 reported 2023 and no source lists it: never "not published"
    everyone = {r[2] for r in db.execute(sql, {"province": "", "level": "", "year": ""})}
    assert "长沙县黄花镇人民政府" not in everyone and "长沙市长沙县人民政府" in everyone


def test_source_health_per_run_with_a_status_page_and_a_feed_of_changes(tmp_path):
    from archive.queries import QUERIES

    store = RawStore(tmp_path / "store")
    for n, listed in enumerate((4, 4, 0)):  # a column that goes quiet on the third night
        run = f"run-{n}"
        store.start_run(run, "demo", f"2025-0{n + 1}-01T00:00:00+00:00")
        store.finish_run(run, {"reports_listed": listed, "list_pages": 1, "new": listed if n == 0 else 0,
                               "responses": 5})
    db = sqlite_utils.Database(tmp_path / "a.db")
    build_archive(db, store, records_for(store, json_extractor))
    states = [(r["run_id"], r["state"], r["changed"]) for r in db.query(
        "SELECT * FROM source_health ORDER BY at")]
    assert states == [("run-0", "healthy", 0), ("run-1", "healthy", 0), ("run-2", "quiet", 1)]
    status = db.execute(QUERIES["source_status"]["sql"]).fetchall()
    assert [(r[0], r[1]) for r in status] == [("demo", "quiet")]
    feed = db.execute(QUERIES["source_changes"]["sql"]).fetchall()
    assert len(feed) == 1 and feed[0][1] == "demo: healthy → quiet" and feed[0][3] == "/archive/source_health?portal=demo"
