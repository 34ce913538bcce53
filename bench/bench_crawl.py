"""Crawl throughput on loopback: pages per second, politeness off and on, against a plain fetch loop.

A local site on 127.0.0.1 lists N report pages (real-looking report HTML from
demo.render, each made unique) on "下一页"-paged lists. Measured in one run:

* baseline: a bare Scrapy spider following every link with the same concurrency, in its
  own process (no recognition, no store, no WARC): what Scrapy itself costs here;
* for scale, one sequential ``urllib`` loop fetching the same pages;
* ``ogi crawl`` with politeness off (no delay, no AutoThrottle), full pipeline: parse,
  recognise, sha256 store, WARC; first run and an incremental second run (304s);
* ``ogi crawl`` with the default politeness (1 s delay, AutoThrottle, 2 per domain) on a
  small subset, for contrast.

Usage: python bench/bench_crawl.py [--reports 1000] [--polite-reports 20]
"""
from __future__ import annotations

import argparse
import hashlib
import html
import json
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from crawler.profiles import PortalProfile
from crawler.run import crawl
from demo.render import make_spec, render_html

PER_PAGE = 50


def build_site(reports: int) -> dict[str, bytes]:
    """Paths → bytes: list pages ``/ndbg/list_N.html`` and report pages ``/ndbg/post_I.html``."""
    templates = [render_html(make_spec(seed, year=2019 + seed % 6)) for seed in range(12)]
    pages: dict[str, bytes] = {}
    entries = []
    for i in range(reports):
        year = 2019 + i % 6
        title = f"示范单位{i}{year}年政府信息公开工作年度报告"
        pages[f"/ndbg/post_{i}.html"] = templates[i % len(templates)] + f"<!-- {i} -->".encode()
        entries.append(f'<li><a href="post_{i}.html">{html.escape(title)}</a><span>{year + 1}-01-20</span></li>')
    count = max(1, -(-reports // PER_PAGE))
    for n in range(1, count + 1):
        rows = "\n".join(entries[(n - 1) * PER_PAGE:n * PER_PAGE])
        pager = f'<a href="list_{n + 1}.html">下一页</a>' if n < count else ""
        pages[f"/ndbg/list_{n}.html"] = (f'<html><head><meta charset="utf-8"><title>年报</title></head><body>'
                                         f'<ul>{rows}</ul><div class="page">{pager}</div></body></html>').encode()
    pages["/robots.txt"] = b"User-agent: *\nAllow: /\n"
    return pages


def serve(pages: dict[str, bytes]) -> ThreadingHTTPServer:
    etags = {path: '"' + hashlib.sha1(body).hexdigest() + '"' for path, body in pages.items()}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out as separate writes

        def log_message(self, *args):
            pass

        def do_GET(self):
            body = pages.get(self.path)
            if body is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if self.headers.get("If-None-Match") == etags[self.path]:
                self.send_response(304)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("ETag", etags[self.path])
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def baseline(base: str, paths: list[str]) -> float:
    began = time.perf_counter()
    for path in paths:
        with urllib.request.urlopen(base + path) as response:
            response.read()
    return time.perf_counter() - began


def bare_scrapy(start_url: str) -> None:
    """Child process: a bare spider following every link; prints pages and seconds as JSON."""
    import scrapy
    from scrapy.crawler import CrawlerProcess

    from crawler.run import IMPOLITE

    class Bare(scrapy.Spider):
        name = "bare"
        start_urls = [start_url]

        def parse(self, response):
            self.crawler.stats.inc_value("bare/pages")
            for href in response.css("a::attr(href)").getall():
                yield response.follow(href, self.parse)

    process = CrawlerProcess({"LOG_LEVEL": "WARNING", "REMOTE_CONTROL_ENABLED": False,
                              "TELNETCONSOLE_ENABLED": False, "ROBOTSTXT_OBEY": True, **IMPOLITE})
    crawler = process.create_crawler(Bare)
    began = time.perf_counter()
    process.crawl(crawler)
    process.start()
    print(json.dumps({"pages": crawler.stats.get_value("bare/pages"), "seconds": time.perf_counter() - began}))


def timed_bare_scrapy(start_url: str) -> tuple[int, float]:
    began = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, "--bare-scrapy", start_url], capture_output=True, text=True,
                         check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    return result["pages"], time.perf_counter() - began, result["seconds"]


def timed_crawl(profile: PortalProfile, store: str, polite: bool) -> tuple[dict, float]:
    began = time.perf_counter()
    stats = crawl([profile], store, polite=polite, log_level="WARNING")
    return stats["portals"][profile.name], time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--polite-reports", type=int, default=20)
    parser.add_argument("--bare-scrapy", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_scrapy:
        bare_scrapy(args.bare_scrapy)
        return

    pages = build_site(args.reports)
    server = serve(pages)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    paths = [p for p in pages if p != "/robots.txt"]
    profile = PortalProfile(name="bench", start_urls=[base + "/ndbg/list_1.html"],
                            allowed_domains=[base[7:]], cms="generic")
    rows = []
    count, wall, inner = timed_bare_scrapy(base + "/ndbg/list_1.html")
    rows.append(("baseline: bare Scrapy spider, politeness off", count, wall, inner))
    seconds = baseline(base, paths)
    rows.append(("for scale: sequential urllib fetch", len(paths), seconds, None))
    with tempfile.TemporaryDirectory() as store:
        first, wall = timed_crawl(profile, store, polite=False)
        rows.append(("ogi crawl, politeness off, first run", first["responses"], wall, first.get("elapsed_seconds")))
        second, wall2 = timed_crawl(profile, store, polite=False)
        rows.append(("ogi crawl, politeness off, second run (304s)", second["responses"], wall2,
                     second.get("elapsed_seconds")))
    server.shutdown()

    small = build_site(args.polite_reports)
    server = serve(small)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    polite_profile = PortalProfile(name="bench-polite", start_urls=[base + "/ndbg/list_1.html"],
                                   allowed_domains=[base[7:]], cms="generic")
    with tempfile.TemporaryDirectory() as store:
        polite, wall3 = timed_crawl(polite_profile, store, polite=True)
        rows.append(("ogi crawl, politeness on (default settings)", polite["responses"], wall3,
                     polite.get("elapsed_seconds")))
    server.shutdown()

    base_rate = rows[0][1] / rows[0][3]
    print(f"{'run':48} {'pages':>6} {'wall s':>8} {'pages/s':>8} {'crawl s':>8} {'pages/s':>8} {'vs bare':>8}")
    for name, count, wall_seconds, crawl_seconds in rows:
        rate = count / wall_seconds
        crawl_rate = count / crawl_seconds if crawl_seconds else rate
        crawl_text = f"{crawl_seconds:8.2f}" if crawl_seconds else f"{'':8}"
        print(f"{name:48} {count:6d} {wall_seconds:8.2f} {rate:8.1f} {crawl_text} {crawl_rate:8.1f} "
              f"{crawl_rate / base_rate:7.2f}x")
    print("wall s: whole command, process start included; crawl s: from the spider's start to its end")
    print(f"first run bytes {first['bytes']}, second run bytes {second['bytes']} "
          f"({second['bytes'] / first['bytes']:.1%}); new {first['new']}, not modified {second['not_modified']}")


if __name__ == "__main__":
    main()
