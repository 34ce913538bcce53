"""Scale-out benchmark: extraction and crawl throughput with 1 and 2 processes.

Run by hand on an otherwise idle machine (numbers printed; nothing is asserted):

    python bench/bench_scale.py                 # everything
    python bench/bench_scale.py --no-crawl      # extraction only
    python bench/bench_scale.py --rounds 4 --ocr

Extraction: the demo portal's 32 report files (HTML, PDF, DOCX, DOC, WPS, scanned PDF)
plus one real 240 KB WPS-exported PDF, repeated ``--rounds`` times, through
:class:`ogi.workqueue.ProcessPoolRunner` with 1 and 2 worker processes (pool start-up
included); then only the kinds read in Python (HTML, PDF, DOCX), five times as many
rounds; then each kind's CPU time per document, measured in this process.

Crawl, into a fresh raw store each time:

* the four demo portals on 127.0.0.1 (no delays; their traps — a slow page, a page that
  fails once, an oversized file — dominate), by one crawler process, by two processes
  splitting the portals, and by two processes sharing one scrapy-redis queue;
* one large synthetic portal (``--reports`` report files of 60 KB on paged lists, each
  response delayed ``--latency`` ms like a distant server), where each crawler process
  keeps at most 4 requests in flight: one process against two processes sharing its
  scrapy-redis queue (a throwaway redis-server).
"""
from __future__ import annotations

import argparse
import collections
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REAL_PDF = Path("/work/shared/real-samples/huaian_hongze_district_gov_2024_report.pdf")


def demo_documents() -> list[tuple[str, bytes]]:
    """``(kind, bytes)`` of every demo report file, plus the real PDF when present."""
    from demo.portal_content import build_reports, render_files

    reports = build_reports()
    files = render_files(reports)
    docs = [(r.kind, files[(r.seed, r.revision)]) for r in reports]
    for candidate in (REAL_PDF, ROOT.parent / "shared" / "real-samples" / REAL_PDF.name):
        if candidate.is_file():
            docs.append(("real-pdf", candidate.read_bytes()))
            break
    return docs


def busy_extract(data: bytes, source: str, **options) -> dict:
    """A stand-in extractor that burns 50 ms of CPU: shows what the pool itself scales to."""
    deadline = time.process_time() + 0.05
    while time.process_time() < deadline:
        pass
    return {"source": source, "error": None}


def make_store(root: Path, docs) -> list:
    from store import RawStore
    from ogi.workqueue import Job

    store = RawStore(root)
    jobs = []
    for i, (kind, data) in enumerate(docs):
        digest, rel = store.put_bytes(data, kind)
        jobs.append(Job(digest, rel, f"http://127.0.0.1/{i}.{kind}"))
    store.close()
    return jobs


def bench_extraction(rounds: int, ocr: bool, kinds: tuple | None = None, label: str = "",
                     extractor: str = "extract.api:extract_bytes") -> dict:
    from ogi.workqueue import ProcessPoolRunner

    docs = [d for d in demo_documents() if kinds is None or d[0] in kinds]
    options = () if ocr else (("ocr", False),)
    with tempfile.TemporaryDirectory() as tmp:
        base = make_store(Path(tmp), docs)
        jobs = [type(j)(j.sha256, j.path, j.source, options) for j in base] * rounds
        results = {}
        for workers in (1, 2, 1, 2):  # alternate, keep the better of two runs each
            started = time.perf_counter()
            count = sum(1 for _ in ProcessPoolRunner(tmp, workers, extractor).run(jobs))
            elapsed = time.perf_counter() - started
            assert count == len(jobs)
            results[workers] = min(results.get(workers, elapsed), elapsed)
    print(f"\nExtraction{label}: {len(jobs)} documents ({len(docs)} distinct x {rounds}), "
          f"OCR {'on' if ocr else 'off'}")
    for workers, elapsed in sorted(results.items()):
        print(f"  {workers} process(es): {elapsed:7.1f} s   {len(jobs) / elapsed:6.2f} docs/s")
    print(f"  speed-up 2 vs 1: {results[1] / results[2]:.2f}x")
    return {"documents": len(jobs), "seconds": results}


def per_kind_costs(ocr: bool) -> None:
    from extract.api import extract_bytes

    by_kind: dict = collections.defaultdict(list)
    for kind, data in demo_documents():
        started = time.process_time()
        wall = time.perf_counter()
        extract_bytes(data, f"x.{kind}", ocr=ocr)
        # LibreOffice and Tesseract run as child processes: count wall time for those
        by_kind[kind].append((time.process_time() - started, time.perf_counter() - wall, len(data)))
    print(f"\nPer document, in this process (OCR {'on' if ocr else 'off'}):")
    print(f"  {'kind':10} {'n':>3} {'bytes':>9} {'cpu s':>7} {'wall s':>7}")
    for kind, rows in sorted(by_kind.items()):
        print(f"  {kind:10} {len(rows):3d} {statistics.mean(r[2] for r in rows):9.0f} "
              f"{statistics.mean(r[0] for r in rows):7.2f} {statistics.mean(r[1] for r in rows):7.2f}")


def _crawl_once(label: str, run) -> tuple[float, int, int]:
    import sqlite3

    from demo.portal import start_demo_portal

    server, _ = start_demo_portal()
    store = Path(tempfile.mkdtemp(prefix="ogi-bench-store-"))
    try:
        started = time.perf_counter()
        run(server, store)
        elapsed = time.perf_counter() - started
        responses = len(server.log)
        db = sqlite3.connect(store / "store.db")
        stored = db.execute("SELECT count(*), coalesce(sum(size), 0) FROM fetches").fetchone()
        db.close()
    finally:
        server.shutdown()
        shutil.rmtree(store, ignore_errors=True)
    print(f"  {label:44} {elapsed:6.1f} s  {responses:4d} responses  {responses / elapsed:6.1f}/s  "
          f"{stored[0]:3d} files stored  {stored[1] / 1e6 / elapsed:5.2f} MB/s")
    return elapsed, responses, stored[0]


def bench_crawl() -> None:
    from crawler.distributed import redis_settings
    from tests.servers import LocalRedis
    from crawler.run import crawl

    print("\nCrawl of the 4 demo portals on 127.0.0.1 (no delays):")
    one, _, _ = _crawl_once("1 process", lambda s, store: crawl(s.profiles(), store, polite=False,
                                                                  processes=1, log_level="ERROR"))
    two, _, _ = _crawl_once("2 processes, portals split", lambda s, store: crawl(
        s.profiles(), store, polite=False, processes=2, log_level="ERROR"))

    def shared(server, store):
        with LocalRedis(tempfile.mkdtemp(prefix="ogi-bench-redis-")) as redis_server:
            settings = redis_settings(redis_server.url, job="bench")
            threads = [threading.Thread(target=crawl, args=(server.profiles(), store), kwargs=dict(
                polite=False, processes=1, settings=settings, log_level="ERROR", run_id=f"bench{n}"))
                for n in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()

    redis_two, _, _ = _crawl_once("2 processes, one scrapy-redis queue", shared)
    print(f"  speed-up, portals split: {one / two:.2f}x; shared Redis queue: {one / redis_two:.2f}x")


class SyntheticPortal:
    """A generic-CMS portal with many reports, each response delayed like a distant server."""

    PER_PAGE = 25

    def __init__(self, reports: int, latency: float):
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        from demo.portal_content import ListItem, generic_list_page

        pages = -(-reports // self.PER_PAGE)
        blob = os.urandom(60_000)
        portal = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                time.sleep(latency)
                path = self.path
                if path.startswith("/list_"):
                    page = int(path[len("/list_"):-len(".html")])
                    first = (page - 1) * portal.PER_PAGE
                    items = [ListItem(f"示范第{n}局2024年政府信息公开工作年度报告", f"/files/P{n:05d}.pdf",
                                      "2025-01-20") for n in range(first, min(first + portal.PER_PAGE, reports))]
                    body, ctype = generic_list_page(items, page, pages, "示范大市").encode(), "text/html; charset=utf-8"
                elif path.startswith("/files/P"):
                    body, ctype = b"%PDF-1.4\n" + path.encode() + blob, "application/pdf"
                else:
                    body, ctype = b"not found", "text/plain"
                    self.send_response(404)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def profile(self):
        from crawler.profiles import PortalProfile

        return PortalProfile(name="bench-large", start_urls=[self.base + "/list_1.html"],
                             allowed_domains=[self.base.split("//")[1]], cms="generic", verified=True)


def bench_large_crawl(reports: int, latency_ms: float) -> None:
    import sqlite3

    from crawler.distributed import redis_settings
    from tests.servers import LocalRedis
    from crawler.run import crawl

    portal = SyntheticPortal(reports, latency_ms / 1000)
    limits = {"CONCURRENT_REQUESTS_PER_DOMAIN": 4, "ROBOTSTXT_OBEY": False}
    print(f"\nCrawl of one synthetic portal: {reports} reports, {latency_ms:.0f} ms per response, "
          "4 requests in flight per process:")
    timings = {}
    for processes in (1, 2):
        store = Path(tempfile.mkdtemp(prefix="ogi-bench-store-"))
        with LocalRedis(tempfile.mkdtemp(prefix="ogi-bench-redis-")) as redis_server:
            settings = {**limits, **redis_settings(redis_server.url, job=f"large{processes}")}
            started = time.perf_counter()
            threads = [threading.Thread(target=crawl, args=([portal.profile()], store), kwargs=dict(
                polite=False, processes=1, settings=settings, log_level="ERROR", run_id=f"large{n}"))
                for n in range(processes)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
        db = sqlite3.connect(store / "store.db")
        stored = db.execute("SELECT count(*) FROM fetches").fetchone()[0]
        db.close()
        shutil.rmtree(store, ignore_errors=True)
        timings[processes] = elapsed
        print(f"  {processes} process(es) on one Redis queue: {elapsed:6.1f} s  {stored} files stored  "
              f"{stored / elapsed:6.1f} reports/s")
    portal.server.shutdown()
    print(f"  speed-up 2 vs 1: {timings[1] / timings[2]:.2f}x")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="times each document is extracted (default 3)")
    parser.add_argument("--ocr", action="store_true", help="OCR the scans (about a minute each)")
    parser.add_argument("--no-crawl", action="store_true", help="skip the crawl benchmark")
    parser.add_argument("--no-extract", action="store_true", help="skip the extraction benchmark")
    parser.add_argument("--reports", type=int, default=400, help="reports on the synthetic portal (default 400)")
    parser.add_argument("--latency", type=float, default=50, help="ms per synthetic response (default 50)")
    args = parser.parse_args(argv)
    print(f"cores: {os.cpu_count()}; load average {os.getloadavg()[0]:.1f}; python {sys.version.split()[0]}")
    if not args.no_extract:
        bench_extraction(args.rounds, args.ocr)
        # the same without the LibreOffice conversions, whose profiles are shared by
        # every process of the user on the machine
        bench_extraction(args.rounds * 5, args.ocr, ("html-utf8", "html-gbk", "pdf", "real-pdf", "docx"),
                         " in Python only (HTML, PDF, DOCX)")
        # the pool alone, with a CPU-bound stand-in: how many cores are really free
        bench_extraction(args.rounds * 5, args.ocr, ("html-utf8", "html-gbk", "pdf", "real-pdf", "docx"),
                         " by a 50 ms CPU-bound stand-in", "bench.bench_scale:busy_extract")
        per_kind_costs(args.ocr)
    if not args.no_crawl:
        bench_crawl()
        bench_large_crawl(args.reports, args.latency)


if __name__ == "__main__":
    main()
