"""The nightly job end to end: demo portal → crawl → extract → archive → publish → Datasette.

One baseline run (shared by this module and ``test_nightly_faults.py``) crawls the
demo portals plus a dead portal and a portal serving a corrupt PDF, all on 127.0.0.1.
OCR is switched off to keep the suite fast, so the demo's scanned reports fail with
that reason.
"""
from __future__ import annotations

import asyncio
import json
import shutil
import sqlite3
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.servers import free_port
from crawler.profiles import PortalProfile
from ogi.config import load_config
from ogi.nightly import ARCHIVE_NAME, run_nightly

CORRUPT_TITLE = "示范损坏局2024年政府信息公开工作年度报告"
CORRUPT_BYTES = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage \x00\x01\x02 truncated"


class CorruptPortal(ThreadingHTTPServer):
    """A one-report portal whose report is a broken PDF."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _CorruptHandler)
        self.base = f"http://127.0.0.1:{self.server_address[1]}"
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def profile(self) -> PortalProfile:
        return PortalProfile(name="test-corrupt", start_urls=[self.base + "/xxgk/ndbg/list_1.html"],
                             allowed_domains=[self.base.split("//")[1]], body="示范损坏局", cms="generic",
                             verified=True)


class _CorruptHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        from demo.portal_content import ListItem, generic_list_page

        if self.path == "/xxgk/ndbg/list_1.html":
            body = generic_list_page([ListItem(CORRUPT_TITLE, "/files/P020250120_report.pdf", "2025-01-20")],
                                     1, 1, "示范损坏局").encode("utf-8")
            ctype = "text/html; charset=utf-8"
        elif self.path == "/files/P020250120_report.pdf":
            body, ctype = CORRUPT_BYTES, "application/pdf"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def dead_profile() -> PortalProfile:
    """A portal nobody listens on."""
    port = free_port()
    return PortalProfile(name="test-dead", start_urls=[f"http://127.0.0.1:{port}/xxgk/index.html"],
                         allowed_domains=[f"127.0.0.1:{port}"], cms="generic", verified=True)


def nightly_config(data_dir: Path, **extract):
    """Configuration for tests: only the portals given, no OCR, two workers."""
    return load_config(overrides={
        "paths": {"data_dir": str(data_dir)},
        # never the shipped (real) portal profiles
        "crawl": {"portals": ["no-shipped-portal"], "polite": False},
        "extract": {"ocr": False, "workers": 2, **extract},
        "nightly": {"max_failed_ratio": 0.5},
    }, environ={})


class Baseline:
    """The shared clean run: its data directory, config, summary and demo portal."""

    def __init__(self, root: Path):
        from demo.portal import start_demo_portal

        self.root = root
        self.server, _ = start_demo_portal()
        self.corrupt = CorruptPortal()
        self.dead = dead_profile()
        self.profiles = self.server.profiles() + [self.corrupt.profile(), self.dead]
        self.config = nightly_config(root / "data")
        self.summary = run_nightly(self.config, extra_profiles=self.profiles)
        self.published = self.config.path("publish_dir") / ARCHIVE_NAME

    def copy_state(self, target: Path, records: bool = True) -> Path:
        """A data directory with this run's store (and records), nothing published."""
        shutil.copytree(self.config.path("store"), target / "store")
        (target / "work").mkdir(parents=True)
        if not records:
            for extra in ("", "-wal", "-shm"):
                (target / "store" / f"records.db{extra}").unlink(missing_ok=True)
        return target


_BASELINE: dict = {}


def baseline(tmp_path_factory) -> Baseline:
    """The clean run, made once per test session."""
    if "run" not in _BASELINE:
        _BASELINE["run"] = Baseline(tmp_path_factory.mktemp("nightly-baseline"))
    return _BASELINE["run"]


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    return baseline(tmp_path_factory)


def datasette_query(db_path: Path, sql: str, params: dict | None = None) -> list[dict]:
    """Rows of a SQL query run through Datasette's JSON API over the published file."""
    from archive.serve import make_datasette

    datasette = make_datasette(db_path)
    query = {"sql": sql, "_shape": "objects", **(params or {})}

    async def fetch():
        response = await datasette.client.get(f"/{db_path.stem}.json", params=query)
        assert response.status_code == 200, response.text
        return response.json()["rows"]

    return asyncio.run(fetch())


FIGURES_SQL = """select b.name as body, r.year, json_group_object(f.key, f.value) as figures
  from figures f join reports r on r.id = f.report_id join bodies b on b.id = r.body_id"""


@pytest.mark.slow
def test_datasette_returns_the_demo_reports_figures(clean):
    from demo.render import make_spec

    rows = datasette_query(clean.published, FIGURES_SQL + " group by r.id")
    served = {(row["body"], row["year"]): json.loads(row["figures"]) for row in rows}
    reports = [r for r in clean.server.reports if not r.removed]
    complete = wrong = 0
    for report in reports:
        truth = make_spec(report.seed, report.agency, report.year).figures
        got = served.get((report.agency, report.year), {})
        if got == truth:
            complete += 1
        if report.kind in ("html-utf8", "html-gbk", "docx"):
            wrong += sum(1 for key, value in got.items() if truth.get(key) != value)
    assert wrong == 0, "HTML and DOCX reports must be served with exactly their printed figures"
    assert complete >= 20, f"only {complete} of {len(reports)} demo reports served with all their figures"


@pytest.mark.slow
def test_summary_lists_reports_and_failures(clean):
    summary = clean.summary
    manifest = clean.server.manifest()
    assert summary.ok, summary.render()
    assert sorted(summary.portals) == sorted(p.name for p in clean.profiles)
    # the dead portal is reported, the others are not
    assert [p["portal"] for p in summary.failed_portals] == ["test-dead"]
    assert summary.failed_portals[0]["reason"]
    # every demo report that yields figures is new; no report twice
    new_titles = [r["title"] for r in summary.new_reports]
    assert len(new_titles) == len(set((r["body"], r["year"]) for r in summary.new_reports))
    assert len(summary.new_reports) >= len(manifest["reports"]) - 4
    assert summary.changed_reports == []
    # the corrupt PDF is a failed document with the extractor's reason
    corrupt = [d for d in summary.failed_documents if d["url"].endswith("P020250120_report.pdf")]
    assert len(corrupt) == 1 and "pdf" in corrupt[0]["reason"].lower()
    # scans cannot be read with OCR off, and say so
    assert any("OCR" in d["reason"] for d in summary.failed_documents)
    # the demo's deliberate fetch failures (404, robots.txt, anti-bot) are listed
    failed_urls = {f["url"] for f in summary.crawl_failures}
    for failure in manifest["failures"]:
        assert failure["url"] in failed_urls, failure
    text = summary.render()
    assert "failed portals: 1" in text and "test-dead" in text and "P020250120_report.pdf" in text


@pytest.mark.slow
def test_summary_is_stored_as_a_crawl_run_row(clean):
    rows = datasette_query(clean.published,
                           "select * from crawl_runs where id = :run_id", {"run_id": clean.summary.run_id})
    assert len(rows) == 1
    row = rows[0]
    assert row["nightly_status"] == "ok" and row["published_at"]
    stored = json.loads(row["nightly_summary"])
    assert stored["run_id"] == clean.summary.run_id
    assert len(stored["new_reports"]) == len(clean.summary.new_reports)
    assert stored["failed_documents"] == clean.summary.failed_documents
    assert json.loads(row["stats"])["failed_portals"] == 1


@pytest.mark.slow
def test_records_are_committed_once_per_document(clean):
    records = sqlite3.connect(clean.config.path("store") / "records.db")
    try:
        count = records.execute("SELECT count(*), count(DISTINCT sha256) FROM records").fetchone()
    finally:
        records.close()
    store = sqlite3.connect(clean.config.path("store") / "store.db")
    distinct = store.execute("SELECT count(DISTINCT sha256) FROM fetches").fetchone()[0]
    store.close()
    assert count[0] == count[1] == distinct


@pytest.mark.slow
def test_rerun_after_a_report_changed(clean, tmp_path):
    """A second night: only the changed report is new work, and it is listed as changed."""
    data = clean.copy_state(tmp_path / "data")
    state = clean.config.path("work_dir") / "nightly.db"
    shutil.copy(state, data / "work" / "nightly.db")
    shutil.copy(clean.config.path("work_dir") / ARCHIVE_NAME, data / "work" / ARCHIVE_NAME)
    target = next(r for r in clean.server.reports if r.kind == "html-utf8" and r.seed == 201)
    url = clean.server.base_urls[target.portal] + target.report_path
    clean.server.change_report(url)
    config = nightly_config(data)
    # only the portal that changed, to keep the test quick
    summary = run_nightly(config, extra_profiles=[p for p in clean.server.profiles() if p.name == target.portal])
    assert summary.ok, summary.render()
    assert summary.new_reports == []
    assert [(r["body"], r["year"]) for r in summary.changed_reports] == [(target.agency, target.year)]
    assert summary.documents_extracted == 1
    from demo.render import make_spec

    truth = make_spec(target.seed + 1000, target.agency, target.year).figures
    rows = datasette_query(config.path("publish_dir") / ARCHIVE_NAME,
                           FIGURES_SQL + " where b.name = :body and r.year = :year group by r.id",
                           {"body": target.agency, "year": target.year})
    assert len(rows) == 1 and json.loads(rows[0]["figures"]) == truth


def test_demo_config_keeps_the_demo_apart(tmp_path):
    from ogi.nightly import demo_config

    config = load_config(environ={"OGI_DATA_DIR": str(tmp_path), "OGI_PATHS_PUBLISH_DIR": "/var/www/ogi"})
    demo = demo_config(config)
    assert demo.path("store") == tmp_path / "demo" / "store"
    assert demo.path("log_file") == tmp_path / "demo" / "logs" / "ogi.jsonl"
    assert demo.path("publish_dir") == tmp_path / "demo" / "ogi"  # never the real site
    assert demo["crawl"]["polite"] is False and config["crawl"]["polite"] is True


@pytest.mark.slow
def test_extraction_through_redis_workers(clean, tmp_path):
    """extract.redis_url: `ogi worker`s extract, the nightly process alone writes records and archive."""
    from tests.servers import LocalRedis
    from ogi.workqueue import run_worker

    data = clean.copy_state(tmp_path / "data")
    records = sqlite3.connect(data / "store" / "records.db")
    forgotten = records.execute("DELETE FROM records WHERE json_extract(record, '$.kind') = 'html'").rowcount
    records.commit()
    records.close()
    assert forgotten >= 10
    with LocalRedis(tmp_path / "redis") as server:
        stop = threading.Event()
        done: list[int] = []
        workers = [threading.Thread(target=lambda: done.append(run_worker(server.url, data / "store", stop=stop)))
                   for _ in range(2)]
        for worker in workers:
            worker.start()
        try:
            config = load_config(overrides={"paths": {"data_dir": str(data)},
                                            "crawl": {"portals": ["no-shipped-portal"]},
                                            "extract": {"ocr": False, "redis_url": server.url},
                                            "nightly": {"max_failed_ratio": 0.5}}, environ={})
            summary = run_nightly(config, crawl=False)
        finally:
            stop.set()
            for worker in workers:
                worker.join(30)
    assert summary.ok, summary.render()
    assert summary.documents_extracted == forgotten == sum(done)
    published = sqlite3.connect(config.path("publish_dir") / ARCHIVE_NAME)
    baseline_db = sqlite3.connect(clean.published)
    query = "SELECT count(*), sum(value) FROM figures"
    assert published.execute(query).fetchone() == baseline_db.execute(query).fetchone()


def test_json_log_lines_and_plain_progress(tmp_path, caplog):
    import logging

    from ogi import progress

    log_file = tmp_path / "logs" / "ogi.jsonl"
    progress.setup_logging(log_file)
    with progress.step("extracting", 3, interactive=False, every=0) as bar:
        for _ in range(3):
            bar.advance()
    logging.getLogger("ogi.test").info("hello %s", "world", extra={"url": "http://127.0.0.1/x"})
    entries = [json.loads(line) for line in log_file.read_text(encoding="utf-8").splitlines()]
    assert [e["message"] for e in entries[:2]] == ["extracting: 1/3", "extracting: 2/3"]
    assert entries[2]["message"].startswith("extracting: 3/3 done in") and entries[2]["done"] == 3
    assert entries[-1]["message"] == "hello world" and entries[-1]["url"] == "http://127.0.0.1/x"
    assert entries[-1]["level"] == "info" and entries[-1]["logger"] == "ogi.test" and "time" in entries[-1]
    progress.setup_logging(None)


def test_a_dead_portal_is_a_source_health_alarm(clean):
    """The dead test portal is in the summary's source health, changed, and not healthy."""
    dead = [h for h in clean.summary.source_health if h["portal"] == "test-dead"]
    assert len(dead) == 1 and dead[0]["changed"] and dead[0]["state"] == "failing"
    assert "Connection was refused" in dead[0]["reason"]
    assert clean.summary.alarms == dead
    assert "source health changes: 1" in clean.summary.render()
    healthy = [h for h in clean.summary.source_health if h["portal"] != "test-dead"]
    assert healthy and all(h["state"] == "healthy" for h in healthy)


@pytest.mark.slow
def test_the_nightly_publishes_the_originals_beside_the_archive(clean):
    """Every document of the published archive has its original beside it, byte for byte."""
    import hashlib

    published = clean.config.path("publish_dir") / ARCHIVE_NAME
    originals = published.parent / "archive-originals"
    db = sqlite3.connect(published)
    rows = db.execute("SELECT sha256, raw_path FROM documents").fetchall()
    db.close()
    assert len(rows) >= 30
    for sha256, raw_path in rows:
        assert hashlib.sha256((originals / raw_path).read_bytes()).hexdigest() == sha256


def test_a_start_url_gone_while_the_home_page_answers_is_moved(tmp_path):
    """A column's start URL answers 404, the site's home page answers: state "moved"."""
    import http.server

    from crawler.profiles import PortalProfile
    from ogi.nightly import Summary, source_health
    from store import RawStore

    class Home(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200 if self.path == "/" else 404)
            self.end_headers()
            self.wfile.write(b"<html>home</html>")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Home)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        start = f"http://127.0.0.1:{server.server_port}/xxgk/ndbg/"
        store = RawStore(tmp_path / "store")
        for n, failing in enumerate((False, True)):
            run = f"run-{n}-gone"
            store.start_run(run, "gone", f"2025-0{n + 1}-01T00:00:00+00:00")
            if failing:
                store.record_failure(start, "HTTP 404", portal="gone", run_id=run, status=404)
            store.finish_run(run, {"reports_listed": 0 if failing else 3, "list_pages": 0 if failing else 1,
                                   "responses": 1})
        summary = Summary(run_id="night", started_at="2025-02-01T00:00:00+00:00", crawl_run_ids=["run-1-gone"])
        profile = PortalProfile(name="gone", start_urls=[start], allowed_domains=["127.0.0.1"])
        source_health(store, ["gone"], summary, [profile], "test-agent")
    finally:
        server.shutdown()
    (health,) = summary.source_health
    assert health["state"] == "moved" and health["changed"] and health["previous_state"] == "healthy"
    assert "answers HTTP 404 while the home page answers" in health["reason"]
    assert summary.alarms == [health]
