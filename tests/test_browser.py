"""A real browser (headless Chromium) on the served archive: report pages, search, a canned query,
a chart, a feed, a table page; screenshots land in tests/artifacts."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import sqlite_utils

from archive.build import build_archive
from archive.serve import publish_originals
from tests.servers import start_server
from tests.synthetic import records_for, json_extractor, make_store

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser")
    store = make_store(root / "store", 25, inconsistent_share=0.3)
    build_archive(sqlite_utils.Database(root / "archive.db"), store, records_for(store, json_extractor, "0.1.0"))
    publish_originals(root / "archive.db", store.root)  # archive-originals/ beside the .db
    return {"root": root, "store": store, "db": sqlite_utils.Database(root / "archive.db")}


@pytest.fixture(scope="module")
def server(built):
    process, base = start_server(built["root"] / "archive.db")
    yield base
    process.terminate()
    process.wait(timeout=10)


def screenshot(url: str, profile: Path, name: str, height: int = 1600) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / name
    shot.unlink(missing_ok=True)
    chromium(url, profile, f"--screenshot={shot}", f"--window-size=1280,{height}")
    assert shot.exists() and shot.stat().st_size > 10_000
    return shot


def chromium(url: str, profile: Path, *extra: str) -> str:
    args = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--virtual-time-budget=8000", *extra, url]
    done = subprocess.run(args, capture_output=True, timeout=120)
    return done.stdout.decode("utf-8", errors="replace")


def test_search_in_a_browser(server, tmp_path):
    url = f"{server}/archive/search?q={urllib.parse.quote('低保')}"
    dom = chromium(url, tmp_path / "profile", "--dump-dom")
    assert 'name="q"' in dom and 'value="低保"' in dom  # the search form, filled in
    assert dom.count("【低保】") >= 3                      # hits with snippets
    assert "街道办事处" in dom or "人民政府" in dom or "局" in dom
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "search.png"
    shot.unlink(missing_ok=True)
    chromium(url, tmp_path / "profile2", f"--screenshot={shot}", "--window-size=1280,1600")
    assert shot.exists() and shot.stat().st_size > 10_000


def test_canned_query_and_chart_in_a_browser(server, tmp_path):
    url = f"{server}/archive/requests_per_year#g.mark=line&g.x_column=year&g.x_type=ordinal&g.y_column=requests&g.y_type=quantitative"
    dom = chromium(url, tmp_path / "profile", "--dump-dom")
    assert "全国每年依申请公开申请数" in dom
    for year in ("2020", "2021", "2022", "2023", "2024"):
        assert f">{year}<" in dom
    assert "<svg" in dom or "<canvas" in dom  # datasette-vega drew the trend
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "requests_per_year.png"
    shot.unlink(missing_ok=True)
    chromium(url, tmp_path / "profile2", f"--screenshot={shot}", "--window-size=1280,1400")
    assert shot.exists()


def test_download_link_in_a_browser(server, tmp_path):
    dom = chromium(f"{server}/archive", tmp_path / "profile", "--dump-dom")
    assert 'href="/archive.db"' in dom and "下载整个 SQLite 数据库" in dom


def test_report_page_in_a_browser(server, built, tmp_path):
    db, store = built["db"], built["store"]
    # a report with a year-chain breach: its cells are named, so they are highlighted
    report_id, cells = db.execute("SELECT report_id, cells FROM findings WHERE rule = 'year.chain' "
                                  "ORDER BY report_id LIMIT 1").fetchone()
    sha = db.execute("SELECT d.sha256 FROM reports r JOIN documents d ON d.id = r.current_document_id "
                     "WHERE r.id = ?", [report_id]).fetchone()[0]
    record = json.loads(store.read(sha))
    dom = chromium(f"{server}/report/{report_id}", tmp_path / "profile", "--dump-dom")
    assert record["agency"] in dom and f"{record['year']}" in dom
    for key in ("t3.new.total", "t3.results_total.natural", "t4.review.total"):
        td = re.search(rf'<td data-key="{re.escape(key)}"[^>]*>(.*?)</td>', dom, re.S).group(1)
        assert f'<span class="ogi-value">{record["figures"][key]}</span>' in td, key
    for key in json.loads(cells):
        td = re.search(rf'<td data-key="{re.escape(key)}"([^>]*)>', dom).group(1)
        assert "ogi-cell-breach" in td and "本年上年结转数等于上年报告的结转下年度数" in td
    href = re.search(r'<a class="ogi-original" href="([^"]+)">', dom).group(1)
    with urllib.request.urlopen(server + href, timeout=10) as response:
        assert response.read() == store.read(sha)
        assert response.headers["content-type"].startswith("application/json")
    screenshot(f"{server}/report/{report_id}", tmp_path / "profile2", "report.png", 2600)


def test_search_page_in_a_browser(server, tmp_path):
    url = f"{server}/search?q={urllib.parse.quote('低保 申请')}"
    dom = chromium(url, tmp_path / "profile", "--dump-dom")
    count = int(re.search(r"<strong>(\d+)</strong> 份报告", dom).group(1))
    assert count == dom.count('class="ogi-result" href="/report/') > 0
    assert "【低保】" in dom and "【申请】" in dom
    screenshot(url, tmp_path / "profile2", "search_reports.png", 1400)


def test_table_page_and_feed_in_a_browser(server, tmp_path):
    dom = chromium(f"{server}/archive/headline", tmp_path / "profile", "--dump-dom")
    assert re.search(r'<details class="ogi-columns"><summary>列说明 / column descriptions \(\d+\)</summary>'
                     r'<dl class="column-descriptions">', dom)  # folded away, before the data
    assert '<span class="ogi-label">予以公开（件）</span>' in dom  # headers in Chinese with units
    screenshot(f"{server}/archive/headline", tmp_path / "profile2", "headline.png", 1200)
    feed = chromium(f"{server}/archive/new_reports.atom", tmp_path / "profile3", "--dump-dom")
    assert feed.count("年度报告") >= 10 and "/report/" in feed
