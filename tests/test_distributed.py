"""Distributed crawling: scrapy-redis overlay, two crawler processes sharing one Redis."""
import collections
import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from crawler.distributed import clear_job, overlay, redis_settings
from tests.servers import LocalRedis

ROOT = Path(__file__).resolve().parent.parent


def test_overlay_is_off_without_redis_url():
    settings = {"SCHEDULER": "scrapy.core.scheduler.Scheduler"}
    assert overlay(settings, environ={}) is False
    assert settings == {"SCHEDULER": "scrapy.core.scheduler.Scheduler"}


def test_overlay_switches_scheduler_and_dupefilter():
    from scrapy.settings import Settings

    settings = Settings({"SCHEDULER": "scrapy.core.scheduler.Scheduler", "DOWNLOAD_DELAY": 1.0})
    env = {"OGI_REDIS_URL": "redis://127.0.0.1:6390/0", "OGI_CRAWL_JOB": "night-1"}
    assert overlay(settings, environ=env) is True
    assert settings["SCHEDULER"] == "crawler.distributed.PortalScheduler"
    assert settings["DUPEFILTER_CLASS"] == "crawler.distributed.PortalDupeFilter"
    assert settings.getbool("SCHEDULER_PERSIST") is True
    assert settings["REDIS_URL"] == "redis://127.0.0.1:6390/0"
    assert settings["SCHEDULER_QUEUE_KEY"] % {"spider": "reports", "portal": "beijing"} == \
        "night-1:reports:beijing:requests"
    assert settings["DOWNLOAD_DELAY"] == 1.0  # politeness untouched


# --- two real Scrapy processes on a real redis-server ----------------------------------------

class CountingSite(ThreadingHTTPServer):
    """An index page linking to N report pages; counts every GET by path."""

    def __init__(self, reports: int, delay: float):
        self.reports = reports
        self.delay = delay
        self.hits = collections.Counter()
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        site = self.server
        with site.lock:
            site.hits[self.path] += 1
        if self.path == "/index.html":
            links = "".join(f'<a href="/report/{i}.html">r{i}</a>' for i in range(site.reports))
            body = f"<html><body>{links}</body></html>"
        elif self.path.startswith("/report/"):
            time.sleep(site.delay)
            body = f"<html><body>report {self.path}</body></html>"
        else:
            self.send_error(404)
            return
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


TOY_CRAWLER = """
import os, sys, scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from crawler.distributed import overlay

class Toy(scrapy.Spider):
    name = "toy"
    start_urls = [sys.argv[1]]
    def parse(self, response):
        if response.url.endswith("/index.html"):
            yield from response.follow_all(css="a", callback=self.parse)
        else:
            yield {"url": response.url, "pid": os.getpid()}

settings = Settings({"LOG_LEVEL": "WARNING", "ROBOTSTXT_OBEY": False, "CONCURRENT_REQUESTS": 4,
                     "TELNETCONSOLE_ENABLED": False, "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
                     "FEEDS": {sys.argv[2]: {"format": "jsonlines"}}})
assert overlay(settings)
process = CrawlerProcess(settings)
process.crawl(Toy)
process.start()
"""


@pytest.mark.slow
def test_two_processes_fetch_every_page_once(tmp_path):
    site = CountingSite(reports=40, delay=0.05)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{site.server_address[1]}"
    try:
        with LocalRedis(tmp_path / "redis") as redis_server:
            env = {**os.environ, "OGI_REDIS_URL": redis_server.url, "OGI_CRAWL_JOB": "toyjob",
                   "PYTHONPATH": str(ROOT)}
            script = tmp_path / "toy_crawler.py"
            script.write_text(TOY_CRAWLER)
            procs = [subprocess.Popen([sys.executable, str(script), f"{base}/index.html",
                                       str(tmp_path / f"items{i}.jl")], env=env, cwd=tmp_path)
                     for i in range(2)]
            for proc in procs:
                assert proc.wait(timeout=120) == 0
            assert clear_job(redis_server.url, "toyjob") >= 1
    finally:
        site.shutdown()
    reports = {p: n for p, n in site.hits.items() if p.startswith("/report/")}
    assert sorted(reports) == sorted(f"/report/{i}.html" for i in range(40))
    assert set(reports.values()) == {1}, f"fetched more than once: {[p for p, n in reports.items() if n > 1]}"
    items = [line for i in range(2) for line in (tmp_path / f"items{i}.jl").read_text().splitlines()]
    assert len(items) == 40


# --- the real crawler, two processes per portal, against the demo portal --------------------

def _warc_records(path: Path) -> dict:
    """WARC-Record-ID → sha256 of the HTTP payload, for every response record of a file."""
    import hashlib

    from warcio.archiveiterator import ArchiveIterator

    out = {}
    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                body = record.content_stream().read()
                out[record.rec_headers.get_header("WARC-Record-ID")] = hashlib.sha256(body).hexdigest()
    return out


@pytest.mark.slow
def test_two_crawlers_share_the_demo_crawl(tmp_path):
    """Two crawls of the demo portals on one Redis: every report fetched once, store and WARC sound."""
    import hashlib
    import sqlite3
    from urllib.parse import urlsplit

    from crawler.run import crawl
    from demo.portal import start_demo_portal

    server, _ = start_demo_portal()
    store = tmp_path / "store"
    results, errors = {}, []
    try:
        with LocalRedis(tmp_path / "redis") as redis_server:
            settings = redis_settings(redis_server.url, job="test-demo")

            def one_crawler(n):
                try:
                    results[n] = crawl(server.profiles(), store, polite=False, settings=settings,
                                       log_level="WARNING", run_id=f"crawler{n}", processes=1)
                except Exception as exc:  # reported below
                    errors.append(exc)

            crawlers = [threading.Thread(target=one_crawler, args=(n,)) for n in range(2)]
            for thread in crawlers:
                thread.start()
            for thread in crawlers:
                thread.join(240)
            assert not errors, errors
            import redis

            keys = {k.decode() for k in redis.Redis.from_url(redis_server.url).keys("test-demo:*")}
            assert keys == {f"test-demo:reports:{p.name}:dupefilter" for p in server.profiles()}
    finally:
        server.shutdown()
    manifest = server.manifest()

    # every report fetched with success exactly once, by one of the two crawlers
    ok_hits = collections.Counter((portal, path) for portal, path, status in server.log if status == 200)
    for report in manifest["reports"]:
        for url in filter(None, (report["url"], report["page_url"])):
            parts = urlsplit(url)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            assert ok_hits[(report["portal"], path)] == 1, (url, ok_hits[(report["portal"], path)])

    db = sqlite3.connect(store / "store.db")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    fetches = db.execute("SELECT url, sha256, path, warc_file, warc_record_id FROM fetches").fetchall()
    urls = [row[0] for row in fetches]
    assert len(urls) == len(set(urls)), "a URL was stored twice"
    assert {r["url"] for r in manifest["reports"]} <= set(urls)
    warc_files = {row[3] for row in fetches}
    assert len(warc_files) >= 2, "one WARC file per crawler process"
    records = {}
    for warc_file in warc_files:
        records.update(_warc_records(store / warc_file))
    for url, sha256, path, warc_file, record_id in fetches:
        assert hashlib.sha256((store / path).read_bytes()).hexdigest() == sha256, url
        assert records.get(record_id) == sha256, f"WARC record of {url} missing or different"
    # each of the two crawler processes crawled every portal, and between them they
    # stored each file once
    runs = db.execute("SELECT portal, stats FROM runs").fetchall()
    assert sorted(portal for portal, _ in runs) == sorted(p.name for p in server.profiles() for _ in range(2))
    assert sum(json.loads(stats)["new"] for _, stats in runs) == len(fetches)


def test_crawler_settings_switch_to_redis_from_the_environment():
    """`ogi crawl` on another machine joins the shared queue through OGI_REDIS_URL alone."""
    code = ("from scrapy.utils.project import get_project_settings as g; s = g(); "
            "print(s['SCHEDULER'], s['DUPEFILTER_CLASS'], s['SCHEDULER_QUEUE_KEY'])")
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "crawler.settings", "PYTHONPATH": str(ROOT)}
    env.pop("OGI_REDIS_URL", None)
    local = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert "scrapy_redis" not in local.stdout and "Portal" not in local.stdout
    env.update(OGI_REDIS_URL="redis://127.0.0.1:6399/0", OGI_CRAWL_JOB="night")
    shared = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert shared.stdout.split() == ["crawler.distributed.PortalScheduler", "crawler.distributed.PortalDupeFilter",
                                     "night:%(spider)s:%(portal)s:requests"]


def test_several_writers_can_open_a_fresh_store_at_once(tmp_path):
    """Crawler processes started together on an empty store all get it (WAL switch race)."""
    from store import RawStore

    errors = []
    for attempt in range(20):
        root = tmp_path / f"store{attempt}"

        def open_store():
            try:
                RawStore(root).close()
            except Exception as exc:  # collected and reported below
                errors.append(exc)

        openers = [threading.Thread(target=open_store) for _ in range(3)]
        for thread in openers:
            thread.start()
        for thread in openers:
            thread.join()
    assert errors == []
