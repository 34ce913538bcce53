"""The site as a reader meets it: report and body pages, originals, search, feeds, exports, stock tools."""
from __future__ import annotations

import asyncio
import io
import json
import re
import sqlite3

import pytest
import sqlite_utils

from archive.build import build_archive
from archive.serve import make_datasette, publish_originals
from extract import schema
from tests.synthetic import json_extractor, make_record, make_store, records_for

BODY = "淮安市洪泽区农业农村局"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    store = make_store(root / "store", 70, inconsistent_share=0.2)
    records = {}
    for year in (2022, 2023):
        record = make_record(40 + year, BODY, year)
        record["sections"] = {"1": f"{year}年，本机关做好低保信息公开。", "5": "存在的主要问题：征收拆迁信息更新不及时。"}
        records[year] = record
    # 2023: a blank printed total over non-zero parts, and a finding on its cells
    parts = [records[2023]["figures"][f"t3.granted.{c.key}"] for c in schema.T3_COLUMNS[:-1]]
    records[2023]["figures"]["t3.granted.natural"] = parts[0] = parts[0] + 5
    records[2023]["figures"]["t3.granted.total"] = 0
    records[2023]["printed_as"] = {"t3.granted.total": "blank"}
    records[2023]["findings"] = [{"rule": "t3.row_sum", "detail": f"t3.granted: {sum(parts)} ≠ 0",
                                  "keys": [f"t3.granted.{c.key}" for c in schema.T3_COLUMNS]}]
    # 2022: a finding resting on a low-confidence OCR reading
    records[2022]["findings"] = [{"rule": "t3.balance", "detail": "uncertain reading", "keys": ["t3.new.total"],
                                  "status": "uncertain"}]
    # where two 2022 cells were printed (a scan): one read with low confidence
    records[2022]["cells"] = {
        "t3.new.total": {"page": 3, "table": 2, "row": 4, "col": 8, "box": [400.5, 210.25, 430.0, 222.0],
                         "printed_as": "number", "confidence": 0.41},
        "t3.new.natural": {"page": 3, "table": 2, "row": 4, "col": 1, "box": [150.0, 210.25, 180.0, 222.0],
                           "printed_as": "number", "confidence": 0.97}}
    urls = {}
    for year, record in records.items():
        data = json.dumps(record, ensure_ascii=False).encode()
        url = f"http://127.0.0.1/hongze/{year}年报告.json"
        store.record_fetch(url=url, data=data, ext=".json", fetched_at=f"{year + 1}-02-10T00:00:00+00:00",
                           portal="synthetic", role="page", body=BODY, year=year, published=f"{year + 1}-02-03")
        urls[year] = url
    # the portal stopped listing the 2022 report
    assert store.mark_removed("synthetic", "2024-01-01T00:00:00+00:00", "2025-04-01T00:00:00+00:00") == [urls[2022]]
    db_path = root / "archive.db"
    build_archive(sqlite_utils.Database(db_path), store, records_for(store, json_extractor, "0.1.0"))
    publish_originals(db_path, store.root)
    db = sqlite_utils.Database(db_path)
    report_id, previous_id = (db.execute("SELECT r.id FROM reports r JOIN bodies b ON b.id = r.body_id "
                                         "WHERE b.name = ? AND r.year = ?", [BODY, year]).fetchone()[0]
                              for year in (2023, 2022))
    return {"ds": make_datasette(db_path, root / "meta"), "db": db, "path": db_path, "report_id": report_id,
            "previous_id": previous_id,
            "records": records, "parts": parts, "store": store}


def get(ds, path):
    return asyncio.run(ds.client.get(path))


def cell(html: str, key: str) -> str:
    match = re.search(rf'<td data-key="{re.escape(key)}"[^>]*>(.*?)</td>', html, re.S)
    assert match, key
    return match.group(0)


def test_report_page_shows_the_tables_in_template_order(site):
    html = get(site["ds"], f"/report/{site['report_id']}").text
    figures = site["records"][2023]["figures"]
    for key in ("t3.new.total", "t3.new.natural", "t3.carried_forward.total", "t4.review.total",
                "t2.licensing.decisions"):
        assert f'<span class="ogi-value">{figures[key]}</span>' in cell(html, key), key
    labels = [schema.T3_ROWS[r].label for r in schema.T3_ROW_ORDER["2021"]]
    positions = [html.index(label) for label in labels]
    assert positions == sorted(positions)
    # printed blank, last year's value beside it, units in the headings
    assert "空白" in cell(html, "t3.granted.total")
    assert f"上年 {site['records'][2022]['figures']['t3.new.total']}" in cell(html, "t3.new.total")
    assert "单位 / unit: 件 / requests" in html


def test_report_page_highlights_findings_with_the_rule_in_words(site):
    html = get(site["ds"], f"/report/{site['report_id']}").text
    for c in schema.T3_COLUMNS:
        td = cell(html, f"t3.granted.{c.key}")
        assert "ogi-cell-breach" in td and "各类申请人之和等于总计" in td
    assert "ogi-cell-breach" not in cell(html, "t3.new.total")
    assert "各类申请人之和等于总计" in html and "t3.row_sum" in html


def test_report_page_facts_and_original(site):
    ds, report_id = site["ds"], site["report_id"]
    html = get(ds, f"/report/{report_id}").text
    url = "http://127.0.0.1/hongze/2023年报告.json"
    assert url in html and "2024-02-10T00:00:00+00:00" in html and "2024-02-03" in html
    # a department: due 31 January, published 3 February → 3 days late, rule named
    assert "2024-01-31" in html and "逾期 3 天" in html and "art49_department" in html
    sha = site["db"].execute("SELECT d.sha256 FROM reports r JOIN documents d ON d.id = r.current_document_id "
                             "WHERE r.id = ?", [report_id]).fetchone()[0]
    assert f'href="/original/{sha}"' in html and f'href="/body/' in html
    response = get(ds, f"/original/{sha}")
    assert response.status_code == 200
    assert response.content == site["store"].read(sha)
    assert "2023%E5%B9%B4%E6%8A%A5%E5%91%8A.json" in response.headers["content-disposition"]
    assert response.headers["content-security-policy"] == "sandbox"
    assert get(ds, "/original/" + "0" * 64).status_code == 404
    assert get(ds, "/report/999999").status_code == 404


def test_body_page_puts_years_side_by_side(site):
    body_id = site["db"].execute("SELECT id FROM bodies WHERE name = ?", [BODY]).fetchone()[0]
    html = get(site["ds"], f"/body/{body_id}").text
    assert BODY in html and "2022" in html and "2023" in html
    r22, r23 = (site["records"][y]["figures"]["t3.new.total"] for y in (2022, 2023))
    row = re.search(r"一、本年新收政府信息公开申请数量 · 总计</th>(.*?)</tr>", html, re.S).group(1)
    assert re.findall(r"<td>(\d+)</td>", row) == [str(r22), str(r23)]


def test_search_finds_words_in_different_sections_of_one_report(site):
    ds = site["ds"]
    html = get(ds, "/search?q=低保+拆迁").text
    assert re.search(r"<strong>2</strong> 份报告", html)  # only the two reports holding both words
    assert html.count('class="ogi-result" href="/report/') == 2 and f'href="/report/{site["report_id"]}"' in html
    assert "【低保】" in html and "【拆迁】" in html
    rows = get(ds, "/archive/search.json?_shape=array&q=低保+拆迁").json()
    assert {r["report_id"] for r in rows} == {site["report_id"], site["previous_id"]}
    assert all(r["results"] == 2 for r in rows)


def test_search_pages_beyond_the_first(site):
    ds = site["ds"]
    first = get(ds, "/search?q=政府").text
    count = int(re.search(r"<strong>(\d+)</strong> 份报告", first).group(1))
    assert count == site["db"].execute("SELECT count(DISTINCT report_id) FROM sections WHERE text LIKE '%政府%'"
                                       ).fetchone()[0] > 50
    assert "page=2" in first and "第 1 / 2 页" in first
    second = get(ds, "/search?q=政府&page=2").text
    assert second.count('class="ogi-result"') == count - 50
    assert '<ol class="ogi-results" start="51">' in second


def test_feeds_and_xlsx_export(site):
    ds = site["ds"]
    for name in ("new_reports", "new_findings"):
        response = get(ds, f"/archive/{name}.atom")
        assert response.status_code == 200 and "<entry>" in response.text, name
    feed = get(ds, "/archive/new_findings.atom").text
    assert 0 < feed.count("<entry>") <= 100 and '<link href="/report/' in feed
    removed = get(ds, "/archive/removed_reports.atom").text
    assert removed.count("<entry>") == 1 and BODY in removed and "2025-04-01" in removed
    home = get(ds, "/archive").text
    assert "/archive/new_reports.atom" in home and 'href="/search"' in home
    import openpyxl

    response = get(ds, "/archive/requests_per_year.xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert header[0].endswith("year") and "报告年度" in header[0]
    assert any("本年新收申请" in h and "件" in h for h in header)


def test_the_file_works_with_stock_tools(site):
    from click.testing import CliRunner
    from sqlite_utils.cli import cli

    result = CliRunner().invoke(cli, ["tables", str(site["path"]), "--counts"])
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(site["path"])  # the standard library's sqlite3, no functions registered
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")]
    for name in names:
        conn.execute(f"SELECT count(*) FROM [{name}]").fetchone()
    help_rows = conn.execute("SELECT step, example_sql FROM search_help ORDER BY step").fetchall()
    assert conn.execute("SELECT count(*) FROM sections_fts WHERE sections_fts MATCH '行政复议'").fetchone()[0] == 0
    first = conn.execute(help_rows[0][1].replace("行政 政复 复议", "低保")).fetchall()
    assert first, "the documented bigram search finds the word"
    for _, sql in help_rows:
        if sql:
            conn.execute(sql).fetchall()
    labels = conn.execute("SELECT label_zh, label_en, unit FROM column_descriptions WHERE [table] = 't3' "
                          "AND [column] = 'natural'").fetchone()
    assert labels == ("自然人", "natural persons", "件 requests")
    assert conn.execute("SELECT count(*) FROM column_descriptions WHERE [table] = 'headline'").fetchone()[0] > 10


def test_tables_come_in_template_order(site):
    rows = get(site["ds"], f"/archive/t3.json?_shape=array&report_id={site['report_id']}").json()
    assert [r["row_key"] for r in rows][:3] == ["new", "carried_over", "granted"]
    assert rows[-1]["row_key"] == "carried_forward"


def test_report_removed_from_its_portal_points_to_the_archived_copy(site):
    html = get(site["ds"], f"/report/{site['previous_id']}").text
    assert "removed from the portal on 2025-04-01" in html and "archived copy here" in html
    # its uncertain finding is shown as such, its cell marked apart from breaches
    td = cell(html, "t3.new.total")
    assert "ogi-cell-uncertain" in td and "ogi-cell-breach" not in td
    assert "不确定 / uncertain" in html and "Findings (0 + 1 不确定 / uncertain)" in html


def test_an_empty_feed_still_answers(tmp_path):
    from archive.build import open_archive

    path = tmp_path / "empty.db"
    open_archive(path).conn.close()
    ds = make_datasette(path, tmp_path / "meta")
    response = get(ds, "/empty/removed_reports.atom")
    assert response.status_code == 200 and "no report removed" in response.text


def test_tables_link_to_the_pages(site):
    ds = site["ds"]
    reports = get(ds, f"/archive/reports?id={site['report_id']}").text
    assert f'<a href="/report/{site["report_id"]}">' in reports
    body_id = site["db"].execute("SELECT id FROM bodies WHERE name = ?", [BODY]).fetchone()[0]
    assert f'<a href="/body/{body_id}">{BODY}</a>' in get(ds, f"/archive/bodies?id={body_id}").text
    findings = get(ds, "/archive/inconsistent_reports").text
    assert re.search(r'<a href="/report/\d+">\d+</a>', findings)
    late = get(ds, "/archive/late_or_missing").text
    assert f'<a href="/report/{site["previous_id"]}">' in late  # the removed report, its archived copy one click on
    search = get(ds, "/archive/search?q=低保").text
    assert '<a href="/search?q=%E4%BD%8E%E4%BF%9D">全部结果 / all results</a>' in search


def test_search_reads_the_report_from_the_index_rowid(site):
    # the search pages take a hit's report as rowid / 10 (sections.id = report_id × 10 + number)
    db = site["db"]
    assert db.execute("SELECT count(*) FROM sections WHERE id != report_id * 10 + number").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM sections").fetchone()[0] > 100


def test_year_chain_marks_both_years(site):
    db = site["db"]
    report_id, prev_id, cells = db.execute("SELECT report_id, related_report_id, cells FROM findings "
                                           "WHERE rule = 'year.chain' ORDER BY id LIMIT 1").fetchone()
    key = json.loads(cells)[0]
    assert "ogi-cell-breach" in cell(get(site["ds"], f"/report/{report_id}").text, key)
    earlier = get(site["ds"], f"/report/{prev_id}").text
    assert "ogi-cell-breach" in cell(earlier, key.replace("carried_over", "carried_forward"))
    assert f'href="/report/{report_id}">下一年报告' in earlier


def test_report_page_shows_where_a_figure_was_printed_and_a_low_confidence_reading(site):
    page = get(site["ds"], f"/report/{site['previous_id']}").text
    total = re.search(r'<td data-key="t3.new.total"[^>]*>', page).group(0)
    assert 'data-where="第 3 页 / page 3 · 位置 / box (pt) [400.5, 210.25, 430.0, 222.0]"' in total
    assert "ogi-lowconf" in total
    assert "low-confidence OCR reading (0.41)" in page
    natural = re.search(r'<td data-key="t3.new.natural"[^>]*>', page).group(0)
    assert "page 3" in natural and "ogi-lowconf" not in natural
    granted = re.search(r'<td data-key="t3.granted.total"[^>]*>', page).group(0)
    assert "data-where" not in granted  # no place recorded: nothing invented


def test_every_feed_names_its_author(site):
    from archive.queries import FEEDS

    for name in FEEDS:
        feed = get(site["ds"], f"/archive/{name}.atom")
        assert feed.status_code == 200, name
        entries = feed.text.count("<entry>")
        authors = re.findall(r"<author>\s*<name>政府信息公开年报存档 / OGI annual-report archive</name>\s*</author>",
                             feed.text)
        assert entries and len(authors) == entries, name
