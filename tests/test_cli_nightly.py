"""The `ogi nightly`, `ogi config` and `ogi worker` commands."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.servers import LocalRedis, free_port
from ogi.cli import cli
from ogi.cmd_nightly import COMMANDS

ROOT = Path(__file__).resolve().parent.parent


def ogi_env(data_dir: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OGI_")}
    env.update(OGI_DATA_DIR=str(data_dir), OGI_EXTRACT_OCR="false", OGI_NIGHTLY_MAX_FAILED_RATIO="0.5",
               PYTHONPATH=str(ROOT), **extra)
    return env


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


@pytest.mark.slow
def test_nightly_demo_then_serve(tmp_path):
    """The README's main command, in two steps: a demo run, then serving what it published."""
    from demo.portal_content import build_reports
    from demo.render import make_spec

    data = tmp_path / "ogi"
    result = subprocess.run(["ogi", "nightly", "--demo"], cwd=tmp_path, env=ogi_env(data),
                            capture_output=True, text=True, timeout=400)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ": OK (" in result.stdout
    assert "portals crawled: 4" in result.stdout and "failed portals: 0" in result.stdout
    assert (data / "demo" / "site" / "archive.db").is_file()
    logs = [json.loads(line) for line in (data / "demo" / "logs" / "ogi.jsonl").read_text().splitlines()]
    assert any(entry["message"].startswith("nightly run") and entry.get("summary") for entry in logs)

    port = free_port()
    server = subprocess.Popen(["ogi", "nightly", "--demo", "--no-crawl", "--serve"], cwd=tmp_path,
                              env=ogi_env(data, OGI_SERVE_PORT=str(port)),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        report = next(r for r in build_reports() if r.seed == 202)
        sql = ("select f.key, f.value from figures f join reports r on r.id = f.report_id "
               "join bodies b on b.id = r.body_id where b.name = :body and r.year = :year")
        query = urllib.parse.urlencode({"sql": sql, "body": report.agency, "year": report.year,
                                        "_shape": "objects", "_size": "max"})
        url = f"http://127.0.0.1:{port}/archive.json?{query}"
        deadline = time.monotonic() + 90
        rows = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                rows = get_json(url)["rows"]
                break
            except OSError:
                time.sleep(0.3)
        assert rows is not None, server.stderr.read() if server.poll() is not None else "site never answered"
        assert {row["key"]: row["value"] for row in rows} == make_spec(report.seed, report.agency, report.year).figures
        # nothing was new on the second run, and it says so
        runs = get_json(f"http://127.0.0.1:{port}/archive/crawl_runs.json?_shape=objects"
                        "&nightly_status__notblank=1")["rows"]
        assert len(runs) == 2
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_config_shows_effective_values_and_origins(tmp_path):
    file = tmp_path / "ogi.toml"
    file.write_text('[extract]\nworkers = 3\n[crawl]\ndownload_delay = 2.5\n')
    result = CliRunner().invoke(cli, ["config", "--config", str(file)],
                                env={"OGI_EXTRACT_TIMEOUT": "42", "OGI_CONFIG": None})
    assert result.exit_code == 0, result.output
    assert f"workers = 3  # {file}" in result.output
    assert "timeout = 42.0  # $OGI_EXTRACT_TIMEOUT" in result.output
    assert "download_delay = 2.5" in result.output
    assert "max_failed_documents = 20  # default" in result.output


def test_bad_config_is_a_clear_error(tmp_path):
    file = tmp_path / "ogi.toml"
    file.write_text('[extract]\nworkers = "two"\n')
    for args in (["config", "--config", str(file)], ["nightly", "--config", str(file)]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1
        assert "Error: extract.workers" in result.output and "expected int" in result.output


def test_nightly_refuses_to_start_when_locked(tmp_path):
    from ogi.lock import RunLock

    with RunLock(tmp_path / "ogi.lock"):
        result = CliRunner().invoke(cli, ["nightly", "--data-dir", str(tmp_path), "--no-crawl"],
                                    env={"OGI_CONFIG": None})
    assert result.exit_code == 2
    assert "another ogi run holds the lock" in result.output
    assert not (tmp_path / "site").exists()


def test_worker_consumes_the_queue_and_exits_when_idle(tmp_path):
    from extract.runner import Job
    from ogi.workqueue import QueueKeys, redis_client

    store = tmp_path / "store"
    (store / "objects" / "ab").mkdir(parents=True)
    data = "<html><title>x</title><body>not a report</body></html>".encode()
    import hashlib

    digest = hashlib.sha256(data).hexdigest()
    (store / "objects" / "ab" / "doc.html").write_bytes(data)
    with LocalRedis(tmp_path / "redis") as server:
        client = redis_client(server.url)
        client.rpush(QueueKeys().todo, Job(digest, "objects/ab/doc.html", "http://127.0.0.1/doc.html").to_json())
        result = CliRunner().invoke(cli, ["worker", "--redis", server.url, "--store", str(store),
                                          "--max-idle", "1"], env={"OGI_CONFIG": None})
        assert result.exit_code == 0, result.output
        assert "extracted 1 documents" in result.output
        record = json.loads(client.lpop(QueueKeys().results))["record"]
        assert record["sha256"] == digest and record["error"].startswith("not an annual report")
    result = CliRunner().invoke(cli, ["worker", "--redis", f"redis://127.0.0.1:{free_port()}/0",
                                      "--store", str(store), "--max-idle", "1"], env={"OGI_CONFIG": None})
    assert result.exit_code == 1 and "worker stopped" in result.output


def test_every_command_has_help_with_an_example():
    for command in COMMANDS:
        assert command.help and "Example:" in command.help, command.name
        result = CliRunner().invoke(cli, [command.name, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output
