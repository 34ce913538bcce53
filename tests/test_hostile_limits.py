"""Every crawl ends: pagination traps, request/byte/time limits and huge list pages.

The limits are set small in each test so that every trap is reached in seconds; each
limit reached must be a failure row of the run, and the rest of the portal's work done.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from crawler.middlewares.limits import grows, url_shape, url_tokens
from crawler.run import crawl
from store import RawStore
from tests.test_hostile_crawl import PDF, TITLE, HostileServer, page, profile

ROOT = Path(__file__).resolve().parent.parent
SMALL = {"OGI_MAX_LIST_PAGES": 20, "OGI_MAX_LIST_DEPTH": 8, "OGI_MAX_URL_GROWTH": 3}


def notices(tag) -> list[tuple[str, str]]:
    """Five dated non-report entries: enough for a generic start page to count as a list."""
    return [(f"/n/{tag}-{k}.html", f"关于开展第{k}批工作的通知") for k in range(5)]


def _robots(path):
    if path == "/robots.txt":
        return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\n"
    return None


def next_forever(path):
    """下一页 always links one page further (``/list?p=N`` → ``/list?p=N+1``)."""
    if path.startswith("/list"):
        n = int(dict(parse_qsl(urlsplit(path).query)).get("p", "1"))
        return 200, {}, page(notices(n), f'<a href="/list?p={n + 1}">下一页</a>')
    return _robots(path)


def trs_stem_grows(path):
    """A TRS pager whose page stem grows: ``index.html`` → ``index_1.html`` → ``index_1_1.html`` …"""
    match = re.fullmatch(r"/c/([\w]+)\.html", path)
    if match:
        stem = match.group(1)
        script = f'<script>createPageHTML(3, 0, "{stem}", "html");</script>'
        return 200, {}, page(notices(stem), script)
    return _robots(path)


def query_grows(path):
    """下一页 appends to the query: ``?page=1`` → ``?page=1&page=2`` …"""
    if path.startswith("/q"):
        query = urlsplit(path).query
        n = len(parse_qsl(query)) + 1
        return 200, {}, page(notices(n), f'<a href="/q?{query}&page={n}">下一页</a>')
    return _robots(path)


def deeper_forever(path):
    """Each page's 下一页 leads to a page of another shape (``/a/p.html`` → ``/aa/p.html`` …)."""
    match = re.fullmatch(r"/(a+)/p\.html", path)
    if match:
        return 200, {}, page(notices(len(match.group(1))), f'<a href="/{match.group(1)}a/p.html">下一页</a>')
    return _robots(path)


def column_with_report(path):
    """A real column: two list pages and one report behind the traps, to show work goes on."""
    if path == "/ok/index.html":
        return 200, {}, page([("/ok/r1.html", TITLE.format(year=2023))], '<a href="/ok/index_2.html">下一页</a>')
    if path == "/ok/index_2.html":
        return 200, {}, page([("/ok/r2.html", TITLE.format(year=2022))])
    if path in ("/ok/r1.html", "/ok/r2.html"):
        return 200, {}, page([("/ok/f.pdf", "附件.pdf")])
    if path == "/ok/f.pdf":
        return 200, {"Content-Type": "application/pdf"}, PDF
    return _robots(path)


@pytest.fixture(scope="module")
def trap_run(tmp_path_factory):
    servers = {name: HostileServer("127.0.0.1", route) for name, route in [
        ("trap-next", next_forever), ("trap-stem", trs_stem_grows), ("trap-query", query_grows),
        ("trap-depth", deeper_forever), ("real-column", column_with_report)]}
    starts = {"trap-next": "/list?p=1", "trap-stem": "/c/index.html", "trap-query": "/q?page=1",
              "trap-depth": "/a/p.html", "real-column": "/ok/index.html"}
    profiles = [profile(name, server, starts[name], cms="trs" if name == "trap-stem" else "generic")
                for name, server in servers.items()]
    store_dir = tmp_path_factory.mktemp("store")
    try:
        stats = crawl(profiles, store_dir, polite=False, settings=SMALL, timeout=180)
    finally:
        for server in servers.values():
            server.shutdown()
    store = RawStore(store_dir)
    return {"stats": stats, "store": store, "servers": servers,
            "failures": {name: [f for f in store.failures() if f["portal"] == name] for name in servers}}


def _list_hits(server, prefix):
    return [h for h in server.hits if h.startswith(prefix)]


def test_next_page_forever_stops_at_the_list_page_limit(trap_run):
    hits = _list_hits(trap_run["servers"]["trap-next"], "/list")
    assert len(hits) == SMALL["OGI_MAX_LIST_PAGES"]
    [failure] = [f for f in trap_run["failures"]["trap-next"] if "crawl limit" in f["reason"]]
    assert "OGI_MAX_LIST_PAGES = 20" in failure["reason"] and failure["url"].endswith(f"/list?p={len(hits) + 1}")


def test_growing_trs_stem_is_a_trap(trap_run):
    hits = _list_hits(trap_run["servers"]["trap-stem"], "/c/")
    longest = max(hits, key=len)
    assert longest == "/c/index_1_1_1.html" or longest.count("_") == SMALL["OGI_MAX_URL_GROWTH"]
    assert all(h.count("_") <= SMALL["OGI_MAX_URL_GROWTH"] for h in hits)
    assert len(hits) <= 1 + 2 + 4 + 8
    reasons = [f["reason"] for f in trap_run["failures"]["trap-stem"]]
    assert any("pagination trap: the list page URL grows without end" in r and "OGI_MAX_URL_GROWTH = 3" in r
               for r in reasons), reasons


def test_growing_query_is_a_trap(trap_run):
    hits = _list_hits(trap_run["servers"]["trap-query"], "/q")
    assert len(hits) == 1 + SMALL["OGI_MAX_URL_GROWTH"]
    assert max(len(parse_qsl(urlsplit(h).query)) for h in hits) == 1 + SMALL["OGI_MAX_URL_GROWTH"]
    assert any("grows without end" in f["reason"] for f in trap_run["failures"]["trap-query"])


def test_list_pages_of_ever_new_shape_stop_at_the_depth_limit(trap_run):
    hits = _list_hits(trap_run["servers"]["trap-depth"], "/a")
    assert len(hits) == 1 + SMALL["OGI_MAX_LIST_DEPTH"]
    assert any("list-page depth limit reached (OGI_MAX_LIST_DEPTH = 8)" in f["reason"]
               for f in trap_run["failures"]["trap-depth"])


def test_a_real_column_is_not_cut_and_traps_end_as_failures(trap_run):
    stats = trap_run["stats"]["portals"]
    assert stats["real-column"]["finish_reason"] == "finished"
    assert stats["real-column"]["new"] == 3 and not trap_run["failures"]["real-column"]
    for name in ("trap-next", "trap-stem", "trap-query", "trap-depth"):
        assert stats[name]["finish_reason"] == "finished"
        assert any(f["reason"].startswith("crawl limit reached") for f in trap_run["failures"][name]), name
        assert all(f["run_id"] == stats[name]["run_id"] for f in trap_run["failures"][name])


def many_reports(path):
    """A column listing 200 report pages, each with a 400 KB attachment."""
    if path == "/m/index.html":
        return 200, {}, page([(f"/m/r{i}.html", TITLE.format(year=2000 + i % 24) + f"（{i}）") for i in range(200)])
    match = re.fullmatch(r"/m/r(\d+)\.html", path)
    if match:
        return 200, {}, page([(f"/m/f{match.group(1)}.pdf", "附件.pdf")])
    if re.fullmatch(r"/m/f\d+\.pdf", path):
        return 200, {"Content-Type": "application/pdf"}, PDF + b"1" * 400_000
    return _robots(path)


@pytest.fixture(scope="module")
def budget_run(tmp_path_factory):
    by_requests = HostileServer("127.0.0.1", many_reports)
    by_bytes = HostileServer("127.0.0.1", many_reports)
    store_dir = tmp_path_factory.mktemp("store")
    try:
        crawl([profile("by-requests", by_requests, "/m/index.html")], store_dir, polite=False, timeout=180,
              settings={"OGI_MAX_REQUESTS": 30})
        crawl([profile("by-bytes", by_bytes, "/m/index.html")], store_dir, polite=False, timeout=180,
              settings={"OGI_MAX_BYTES": 2_000_000})
    finally:
        by_requests.shutdown()
        by_bytes.shutdown()
    store = RawStore(store_dir)
    return {"store": store, "runs": {r["portal"]: r for r in store.runs()},
            "hits": {"by-requests": len(by_requests.hits), "by-bytes": len(by_bytes.hits)},
            "failures": {name: [f for f in store.failures() if f["portal"] == name]
                         for name in ("by-requests", "by-bytes")}}


def test_requests_limit_ends_the_portal_with_a_failure_row(budget_run):
    run = budget_run["runs"]["by-requests"]
    assert run["finished_at"] and run["stats"]["finish_reason"] == "ogi_limit_requests"
    assert budget_run["hits"]["by-requests"] <= 30
    limit_rows = [f for f in budget_run["failures"]["by-requests"] if f["reason"].startswith("crawl limit")]
    assert len(limit_rows) == 1 and "30 requests per portal and run (OGI_MAX_REQUESTS)" in limit_rows[0]["reason"]
    assert limit_rows[0]["run_id"] == run["id"]
    assert run["stats"]["removed"] == []  # a cut-short run marks nothing removed


def test_bytes_limit_ends_the_portal_with_a_failure_row(budget_run):
    run = budget_run["runs"]["by-bytes"]
    assert run["stats"]["finish_reason"] == "ogi_limit_bytes"
    limit_rows = [f for f in budget_run["failures"]["by-bytes"] if f["reason"].startswith("crawl limit")]
    assert len(limit_rows) == 1 and "(OGI_MAX_BYTES)" in limit_rows[0]["reason"]
    # stopped soon after 2 MB: at most a few 400 KB files in flight beyond the limit
    assert 2_000_000 < run["stats"]["bytes"] < 2_000_000 + 16 * 410_000
    assert budget_run["hits"]["by-bytes"] < 60


def slow_forever(path):
    if path.startswith("/s"):
        n = int(dict(parse_qsl(urlsplit(path).query)).get("p", "1"))
        return 200, {"X-Delay": "1"}, page(notices(n), f'<a href="/s?p={n + 1}">下一页</a>')
    return _robots(path)


def test_time_limit_ends_the_portal_with_a_failure_row(tmp_path):
    server = HostileServer("127.0.0.1", slow_forever)
    try:
        stats = crawl([profile("slow", server, "/s?p=1")], tmp_path, polite=False, timeout=120,
                      settings={"OGI_MAX_SECONDS": 3})
    finally:
        server.shutdown()
    portal = stats["portals"]["slow"]
    assert portal["finish_reason"] == "ogi_limit_seconds"
    assert portal["elapsed_seconds"] < 3 + 10
    failures = RawStore(tmp_path).failures()
    assert [f["reason"] for f in failures if f["reason"].startswith("crawl limit")] == [
        "crawl limit reached: 3 seconds per portal (OGI_MAX_SECONDS); the crawl of this portal stopped here"]


MEASURE = """
import json, resource, sys
from crawler.profiles import PortalProfile
from crawler.run import crawl
profiles = [PortalProfile.from_json(p) for p in json.loads(sys.argv[1])]
stats = crawl(profiles, sys.argv[2], polite=False, timeout=300)
print(json.dumps({"maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "stats": stats}))
"""
#: 50 MB of links, the form that costs most once parsed (about 1.2 GB as one lxml tree)
LINKS = '<li><a href="/n/t20240101_1.html">关于开展工作的通知</a><span>2024-01-01</span></li>\n' * 4
FIFTY_MB = 50 * 1024 * 1024


def huge_pages(path):
    """A 50 MB list page, and a list whose report page is 50 MB of links with its attachment at the end,
    both sent without Content-Length (the size is only known by reading)."""
    if path == "/big/index.html":
        return 200, {"X-Stream-Bytes": str(FIFTY_MB), "X-Stream-Chunk": LINKS}, b""
    if path == "/small/index.html":
        return 200, {}, page([("/small/r.html", TITLE.format(year=2023))])
    if path == "/small/r.html":
        return 200, {"X-Stream-Bytes": str(FIFTY_MB), "X-Stream-Chunk": LINKS,
                     "X-Stream-Tail": '<a href="/small/f.pdf">附件：年度报告.pdf</a></body></html>'}, b""
    if path == "/small/f.pdf":
        return 200, {"Content-Type": "application/pdf"}, PDF
    return _robots(path)


def test_50_mb_list_and_report_pages_keep_memory_under_1_gb(tmp_path):
    server = HostileServer("127.0.0.1", huge_pages)
    profiles = [profile("huge-list", server, "/big/index.html"), profile("huge-page", server, "/small/index.html")]
    try:
        done = subprocess.run([sys.executable, "-c", MEASURE, json.dumps([p.to_json() for p in profiles]),
                               str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    finally:
        server.shutdown()
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["maxrss_kb"] < 1024 * 1024, result["maxrss_kb"]
    store = RawStore(tmp_path)
    [failure] = [f for f in store.failures() if f["url"].endswith("/big/index.html")]
    assert failure["reason"].startswith("list page larger than OGI_MAX_LIST_PAGE_BYTES (5,242,880 bytes)")
    stored = {f.url: f for f in store.files()}
    assert stored[server.url("/small/r.html")].size > FIFTY_MB - len(LINKS.encode())  # kept whole
    assert stored[server.url("/small/f.pdf")].read_bytes() == PDF  # its attachment, after 50 MB, is found


@pytest.mark.parametrize("parent, child, grown", [
    ("http://h/c/index.html", "http://h/c/index_1.html", True),
    ("http://h/c/index_1.html", "http://h/c/index_1_1.html", True),
    ("http://h/a?page=1", "http://h/a?page=1&page=2", True),
    ("http://h/a/b/", "http://h/a/b/b/", True),
    ("http://h/l/list_1.html", "http://h/l/list_11.html", False),
    ("http://h/l/list_9.html", "http://h/l/list_10.html", False),
    ("http://h/api/all/2?page=1", "http://h/api/all/2?page=3", False),
    ("http://h/col/index.html", "http://h/module/web/jpage/dataproxy.jsp?startrecord=1", False),
    ("http://h/c/index_1.html", "http://other/c/index_1_1.html", False),
])
def test_growth_is_read_on_url_tokens(parent, child, grown):
    assert grows(parent, child) is grown


def test_pages_of_one_pager_share_a_shape():
    assert url_shape("http://h/l/list_2.html") == url_shape("http://h/l/list_37.html")
    assert url_shape("http://h/q?page=2") == url_shape("http://h/q?page=10")
    assert url_shape("http://h/c/index_1.html") != url_shape("http://h/c/index_1_1.html")
    assert url_tokens("http://h/zwgk/index_1_1.html?page=2") == ["zwgk", "index", "1", "1", "page=2"]
