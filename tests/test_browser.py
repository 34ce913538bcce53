"""A real browser (headless Chromium) on the served archive: search, a canned query, a chart."""
from __future__ import annotations

import shutil
import subprocess
import urllib.parse
from pathlib import Path

import pytest
import sqlite_utils

from archive.build import build_archive
from archive.serve import start_server
from tests.synthetic import json_extractor, make_store, records_for

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser")
    store = make_store(root / "store", 25, inconsistent_share=0.3)
    build_archive(sqlite_utils.Database(root / "archive.db"), store, records_for(store, json_extractor, "0.1.0"))
    process, base = start_server(root / "archive.db")
    yield base
    process.terminate()
    process.wait(timeout=10)


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
