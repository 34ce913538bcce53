"""`ogi crawl` on URLs that give nothing, and Ctrl-C in the middle of a crawl."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from ogi.cli import cli
from store import RawStore
from tests.test_hostile_crawl import PDF, TITLE, HostileServer, page

ROOT = Path(__file__).resolve().parent.parent


def dead_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again: nothing listens there


def test_dead_url_exits_non_zero_with_the_reason(tmp_path):
    url = f"http://127.0.0.1:{dead_port()}/"
    result = CliRunner().invoke(cli, ["crawl", "--url", url, "--store", str(tmp_path), "--impolite"])
    assert result.exit_code == 1, result.output
    assert "nothing could be fetched from 127.0.0.1_" in result.output
    assert "Connection was refused" in result.output and url in result.output


@pytest.mark.parametrize("body", [
    page([("/about.html", "机构简介"), ("/news/1.html", "关于开展春季植树活动的通知")]),  # a home page with no column
    b"<html><body>Welcome to nginx!</body></html>",  # not a portal at all
])
def test_non_portal_url_exits_non_zero_with_the_reason(tmp_path, body):
    server = HostileServer("127.0.0.1", lambda path: (200, {}, body) if path in ("/", "/about.html") else None)
    try:
        result = CliRunner().invoke(cli, ["crawl", "--url", server.url("/"), "--store", str(tmp_path), "--impolite"])
    finally:
        server.shutdown()
    assert result.exit_code == 1, result.output
    assert "no annual-report column found" in result.output


def test_a_portal_with_reports_exits_zero(tmp_path):
    def route(path):
        if path == "/":
            return 200, {}, page([("/r.html", TITLE.format(year=2023))])
        if path == "/r.html":
            return 200, {}, page([("/f.pdf", "附件.pdf")])
        if path == "/f.pdf":
            return 200, {"Content-Type": "application/pdf"}, PDF
        return None

    server = HostileServer("127.0.0.1", route)
    try:
        result = CliRunner().invoke(cli, ["crawl", "--url", server.url("/"), "--store", str(tmp_path), "--impolite"])
    finally:
        server.shutdown()
    assert result.exit_code == 0, result.output
    assert "nothing could be fetched" not in result.output


def slow_column(path):
    """A column of 40 reports whose pages each take a second: a crawl long enough to interrupt."""
    if path == "/":
        return 200, {}, page([(f"/r{i}.html", TITLE.format(year=2000 + i % 24) + f"（{i}）") for i in range(40)])
    if path.startswith("/r"):
        return 200, {"X-Delay": "1"}, page([])
    return None


@pytest.mark.parametrize("whole_group", [True, False], ids=["ctrl-c-in-terminal", "sigint-to-ogi-only"])
def test_ctrl_c_closes_the_run_and_says_what_was_kept(tmp_path, whole_group):
    server = HostileServer("127.0.0.1", slow_column)
    try:
        proc = subprocess.Popen(
            [sys.executable, "-c", "from ogi.cli import cli; cli()", "crawl", "--url", server.url("/"),
             "--store", str(tmp_path), "--impolite"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
        deadline = time.monotonic() + 60
        while sum(1 for h in server.hits if h.startswith("/r")) < 3 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert proc.poll() is None, proc.communicate()
        if whole_group:
            os.killpg(proc.pid, signal.SIGINT)
        else:
            os.kill(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=90)
    finally:
        server.shutdown()
    assert proc.returncode == 130, (out, err)
    assert "kept" in err and "Run the same command again to resume" in err, err
    [run] = RawStore(tmp_path).runs()
    assert run["finished_at"], run
    assert run["stats"]["finish_reason"] in ("shutdown", "interrupted")
    assert run["stats"]["new"] >= 1 and f"{run['stats']['new']} new" in err
    assert run["stats"]["removed"] == []
    assert "Traceback" not in err
