"""`ogi crawl` and `ogi portals`, and the Scrapy project commands."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from store import RawStore
from demo.portal import start_demo_portal
from ogi.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def test_portals_lists_profiles():
    result = CliRunner().invoke(cli, ["portals"])
    assert result.exit_code == 0, result.output
    assert "gov-cn" in result.output and "unverified" in result.output and "https://www.beijing.gov.cn/" in result.output


def test_crawl_unknown_portal_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["crawl", "--portal", "atlantis", "--store", str(tmp_path)])
    assert result.exit_code == 1
    assert "no portal profile named 'atlantis'" in result.output


def test_crawl_url_discovers_the_column_from_the_home_page(tmp_path):
    server, base_url = start_demo_portal()
    try:
        result = CliRunner().invoke(cli, ["crawl", "--url", base_url, "--store", str(tmp_path), "--impolite"])
        expected = {r["url"] for r in server.manifest()["reports"] if r["portal"] == "demo-trs"}
    finally:
        server.shutdown()
    assert result.exit_code == 0, result.output
    store = RawStore(tmp_path)
    assert expected <= {row["url"] for row in store.urls()}
    assert '"reports_listed": 11' in result.output


def test_scrapy_project_commands_work():
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    listed = subprocess.run([sys.executable, "-m", "scrapy", "list"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert listed.stdout.split() == ["reports"], listed.stderr


def test_scrapy_crawl_reports_with_a_profile(tmp_path):
    server, _ = start_demo_portal()
    try:
        profile = next(p for p in server.profiles() if p.name == "demo-gkmlpt")
        expected = {r["url"] for r in server.manifest()["reports"] if r["portal"] == "demo-gkmlpt"}
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        done = subprocess.run(
            [sys.executable, "-m", "scrapy", "crawl", "reports", "-a", f"profile={profile.to_json()}",
             "-s", f"OGI_STORE={tmp_path}", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    finally:
        server.shutdown()
    assert done.returncode == 0, done.stderr[-2000:]
    store = RawStore(tmp_path)
    assert expected <= {row["url"] for row in store.urls()}
    assert [run["stats"]["finish_reason"] for run in store.runs()] == ["finished"]
