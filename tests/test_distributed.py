"""Distributed crawling: scrapy-redis overlay, two crawler processes sharing one Redis."""
import collections
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from crawler.distributed import LocalRedis, clear_job, overlay, redis_settings

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
    assert settings["SCHEDULER"] == "scrapy_redis.scheduler.Scheduler"
    assert settings["DUPEFILTER_CLASS"] == "scrapy_redis.dupefilter.RFPDupeFilter"
    assert settings.getbool("SCHEDULER_PERSIST") is True
    assert settings["REDIS_URL"] == "redis://127.0.0.1:6390/0"
    assert settings["SCHEDULER_QUEUE_KEY"] % {"spider": "reports"} == "night-1:reports:requests"
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
