"""`ogi serve`: Datasette on 127.0.0.1, immutable, with the archive's metadata and search."""
from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest
import sqlite_utils
from click.testing import CliRunner

from archive.build import build_archive
from tests.servers import start_server
from tests.synthetic import records_for, json_extractor, make_store
from ogi.cli import cli


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("serve")
    store = make_store(root / "store", 15)
    build_archive(sqlite_utils.Database(root / "archive.db"), store, records_for(store, json_extractor, "0.1.0"))
    process, base = start_server(root / "archive.db")
    yield base
    process.terminate()
    process.wait(timeout=10)


def fetch(url, data=None):
    try:
        with urllib.request.urlopen(url, data=data, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", errors="replace")


def test_serves_on_localhost_read_only(server):
    assert server.startswith("http://127.0.0.1:")
    status, body = fetch(server + "/-/databases.json")
    assert status == 200
    assert [d["is_mutable"] for d in json.loads(body) if d["name"] == "archive"] == [False]
    status, _ = fetch(server + "/archive/-/query", data=urllib.parse.urlencode({"sql": "delete from bodies"}).encode())
    assert status in (400, 403, 404, 405)
    status, body = fetch(server + "/archive/bodies.json?_shape=array")
    assert status == 200 and len(json.loads(body)) >= 3


def test_metadata_and_search(server):
    status, home = fetch(server + "/")
    assert status == 200 and "政府信息公开工作年度报告" in home
    q = urllib.parse.quote("低保")
    status, body = fetch(server + f"/archive/search.json?_shape=array&q={q}")
    assert status == 200
    rows = json.loads(body)
    assert rows and all("【低保】" in r["snippet"] for r in rows)


def test_serve_without_archive_fails_clearly(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no archive" in result.output
