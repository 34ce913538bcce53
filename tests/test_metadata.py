"""Datasette metadata and canned queries, through Datasette's own test client."""
from __future__ import annotations

import asyncio
import json

import pytest
import sqlite_utils
import yaml

from archive import metadata, queries, tables
from archive.build import build_archive
from archive.serve import make_datasette
from tests.synthetic import records_for, json_extractor, make_record, make_store
from extract import schema


@pytest.fixture(scope="module")
def archive_path(tmp_path_factory):
    root = tmp_path_factory.mktemp("meta")
    store = make_store(root / "store", 40, inconsistent_share=0.3)
    # one report whose text carries HTML, which must be shown as text
    record = make_record(5, "合肥市蜀山区民政局", 2023)
    record["sections"]["1"] = "<script>alert('x')</script><b>低保</b>资金公开"
    data = json.dumps(record, ensure_ascii=False).encode()
    store.record_fetch(url="http://127.0.0.1/x.json", data=data, ext=".json", fetched_at="2025-03-01T00:00:00+00:00",
                       portal="synthetic", role="page", body="合肥市蜀山区民政局", year=2023)
    path = root / "archive.db"
    build_archive(sqlite_utils.Database(path), store, records_for(store, json_extractor, "0.1.0"))
    return path


@pytest.fixture(scope="module")
def ds(archive_path, tmp_path_factory):
    return make_datasette(archive_path, tmp_path_factory.mktemp("ds"))


def get(ds, path):
    return asyncio.run(ds.client.get(path))


def test_metadata_columns_come_from_the_schema(tmp_path):
    meta = yaml.safe_load(metadata.write_metadata(tmp_path / "m.yml").read_text(encoding="utf-8"))
    db_meta = meta["databases"]["archive"]
    for spec in schema.figure_specs():
        table = db_meta["tables"][spec.table]
        if spec.table == "t3":
            assert spec.column in table["columns"]
        else:
            column = tables.wide_column(spec.key)
            assert spec.key in table["columns"][column] and spec.unit in table["columns"][column]
    for key in ("title", "license", "source"):
        assert meta[key] and db_meta[key]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in meta["title"]) and "annual reports" in meta["title"]
    assert db_meta["tables"]["headline"]["facets"] == ["year", "province", "level", "generation"]
    assert set(db_meta["queries"]) == set(queries.QUERIES)


@pytest.mark.parametrize("name", list(queries.QUERIES))
def test_every_canned_query_runs(ds, name):
    params = {"search": "q=低保", "body_over_years": "body=宁波市江北区"}
    response = get(ds, f"/archive/{name}.json?_shape=array&{params.get(name, '')}")
    assert response.status_code == 200, response.text
    rows = response.json()
    assert isinstance(rows, list)
    if name not in ("late_or_missing", "removed_reports"):
        assert rows, f"{name} returned no rows"
    page = get(ds, f"/archive/{name}?{params.get(name, '')}")
    assert page.status_code == 200


def test_requests_per_year_adds_up(ds, archive_path):
    db = sqlite_utils.Database(archive_path)
    rows = get(ds, "/archive/requests_per_year.json?_shape=array").json()
    for row in rows:
        expected = db.execute("SELECT sum(value) FROM figures JOIN reports ON reports.id = figures.report_id "
                              "WHERE key = 't3.new.total' AND reports.year = ?", [row["year"]]).fetchone()[0]
        assert row["requests"] == expected


def test_inconsistent_reports_lists_findings(ds, archive_path):
    db = sqlite_utils.Database(archive_path)
    expected = {r for (r,) in db.execute("SELECT DISTINCT report_id FROM findings")}
    rows = get(ds, "/archive/inconsistent_reports.json?_shape=array").json()
    assert {r["report_id"] for r in rows} == expected and expected


def test_search_page_shows_html_as_text(ds):
    page = get(ds, "/archive/search?q=低保").text
    assert "&lt;script&gt;" in page and "<script>alert" not in page
    assert "合肥市蜀山区民政局" in page


def test_facets_download_link_and_charts(ds):
    page = get(ds, "/archive/headline").text
    for facet in ("year", "province", "level", "generation"):
        assert f'data-column="{facet}"' in page
    home = get(ds, "/archive").text
    assert 'href="/archive.db"' in home and "Download" in home
    assert "g.mark=line" in home and "datasette_vega" in get(ds, "/archive/requests_per_year").text
    assert get(ds, "/archive.db").status_code == 200


def test_site_is_read_only(ds):
    databases = get(ds, "/-/databases.json").json()
    assert [d["is_mutable"] for d in databases if d["name"] == "archive"] == [False]
    response = asyncio.run(ds.client.post("/archive/-/query", data={"sql": "delete from bodies"}))
    assert response.status_code in (400, 403, 404, 405)


def test_datasette_without_a_metadata_directory_leaves_no_directory_behind(archive_path, tmp_path, monkeypatch):
    """The metadata is read into memory: a temporary directory made for it is removed
    (each call used to leave one ``ogi-meta-*`` directory in the system's temp folder)."""
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    ds = make_datasette(archive_path)
    assert list(tmp_path.iterdir()) == []
    assert get(ds, "/-/metadata.json").status_code == 200
