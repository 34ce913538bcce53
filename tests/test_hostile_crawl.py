"""Hostile portals: the crawler stays in the portal's origins and loses nothing in silence.

A portal on 127.0.0.1 links, redirects and lists its way towards a second server on
127.0.0.2 and towards local files; the second server counts every request it gets.
Its report page puts unusable links (a pasted Windows path, ``tel:``, a malformed IPv6
host, an over-long URL, file:/data:/ftp:) before the real attachment.
"""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from crawler.middlewares.offsite import is_allowed, offsite_reason
from crawler.profiles import PortalProfile
from crawler.run import crawl
from store import RawStore

TITLE = "示范市统计局{year}年政府信息公开工作年度报告"


class HostileServer:
    """A threaded HTTP server on ``host``; ``route(path) -> (status, headers, body)`` or None (404).

    Every request is counted in :attr:`hits` (path and query as sent).
    """

    def __init__(self, host: str = "127.0.0.1", route=None):
        self.hits: list[str] = []
        self.route = route or (lambda path: None)
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                owner.hits.append(self.path)
                answer = owner.route(self.path)
                if answer is None:
                    answer = (404, {}, b"<html><body>404</body></html>")
                status, headers, body = answer
                delay = headers.pop("X-Delay", None) if isinstance(headers, dict) else None
                if delay:
                    time.sleep(float(delay))
                self.send_response(status)
                headers = {"Content-Type": "text/html; charset=utf-8", **headers}
                stream = headers.pop("X-Stream-Bytes", None)
                chunk = headers.pop("X-Stream-Chunk", "<li>" + "x" * 1020 + "</li>\n").encode("utf-8")
                tail = headers.pop("X-Stream-Tail", "").encode("utf-8")
                for key, value in headers.items():
                    self.send_header(key, value)
                if stream:
                    self.send_header("Connection", "close")
                    self.end_headers()
                    try:
                        for _ in range(int(stream) // len(chunk)):
                            self.wfile.write(chunk)
                        self.wfile.write(tail)
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                    self.close_connection = True
                    return
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass

        self.server = Server((host, 0), Handler)
        self.host = host
        self.port = self.server.server_address[1]
        self.base = f"http://{host}:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def shutdown(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def page(links: list[tuple[str, str]], extra: str = "") -> bytes:
    """An HTML list or report page with these ``(href, text)`` links, in order."""
    items = "\n".join(f'<li><a href="{href}">{text}</a> <span>2024-01-20</span></li>' for href, text in links)
    return f"<html><head><title>列表</title></head><body><ul>\n{items}\n</ul>{extra}</body></html>".encode("utf-8")


def profile(name: str, server: HostileServer, start: str, cms: str = "generic") -> PortalProfile:
    return PortalProfile(name=name, body="示范市统计局", region="示范市", start_urls=[server.url(start)],
                         allowed_domains=[f"{server.host}:{server.port}"], cms=cms, verified=True)


PDF = b"%PDF-1.4\n% the real attachment\n" + b"0" * 200 + b"\n%%EOF\n"
SECRET = b"OFF-SITE SECRET 7f3a"


@pytest.fixture(scope="module")
def secret_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("local") / "secret.txt"
    path.write_bytes(SECRET)
    return path


@pytest.fixture(scope="module")
def offsite_run(tmp_path_factory, secret_file):
    other = HostileServer("127.0.0.2", lambda path: (200, {"Content-Type": "application/pdf"}, SECRET))
    local = f"file://{secret_file}"
    far = other.base
    long_url = "/files/long.pdf?" + "a" * 2100

    def route(path):
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\n"
        if path == "/col/index.html":
            return 200, {}, page([
                ("http://[::1/list-broken.html", TITLE.format(year=2018)),  # malformed host on the list
                ("/r/a.html", TITLE.format(year=2023)),
                (f"{far}/x.pdf?x=/robots.txt", TITLE.format(year=2022)),
                ("/redirect-off", TITLE.format(year=2021)),
                ("/cycle-a", TITLE.format(year=2020)),
                (f"{local}?filename=/robots.txt", TITLE.format(year=2019)),
                (f"//127.0.0.2:{other.port}/protocol-relative.html", TITLE.format(year=2017)),
                ("/meta-off", TITLE.format(year=2016)),
                ("/r/based.html", TITLE.format(year=2015)),
            ])
        if path == "/meta-off":  # a meta refresh to another host
            return 200, {}, (f'<html><head><meta http-equiv="refresh" content="0;url={far}/meta.html"></head>'
                             "<body></body></html>").encode()
        if path == "/r/based.html":  # a <base> that sends every relative link to another host
            return 200, {}, page([("based.pdf", "附件：年度报告.pdf")]).replace(
                b"<head>", f'<head><base href="{far}/">'.encode())
        if path == "/r/a.html":
            return 200, {}, page([
                ("C:\\Users\\admin\\Desktop\\2023年报.pdf", "附件1：2023年报.pdf"),
                ("tel:010-12345678?filename=report.pdf", "电话 下载"),
                ("javascript:download('2023.pdf')", "下载"),
                ("http://[::1/x.pdf", "附件2.pdf"),
                ("http://127.0.0.1:99999/x.pdf", "附件3.pdf"),
                (f"{far}/b.pdf?x=/robots.txt", "附件4.pdf"),
                (f"{local}?filename=/robots.txt", "附件5 下载"),
                ("data:application/pdf,report.pdf", "附件6.pdf"),
                (f"ftp://127.0.0.2:{other.port}/c.pdf", "附件7.pdf"),
                (long_url, "附件8.pdf"),
                ("/files/real.pdf", "附件：2023年度报告.pdf"),
            ])
        if path == "/files/real.pdf":
            return 200, {"Content-Type": "application/pdf"}, PDF
        if path == "/redirect-off":
            return 302, {"Location": f"{far}/stolen.html"}, b""
        if path == "/cycle-a":
            return 302, {"Location": "/cycle-b"}, b""
        if path == "/cycle-b":
            return 302, {"Location": "/cycle-a"}, b""
        return None

    portal = HostileServer("127.0.0.1", route)
    # a start page in a redirect cycle: Scrapy sends start pages again (dont_filter), so only
    # the cycle check stops it before the redirect limit
    cycling = HostileServer("127.0.0.1", lambda path: {"/s-a": (302, {"Location": "/s-b"}, b""),
                                                       "/s-b": (302, {"Location": "/s-a"}, b"")}.get(path))
    store_dir = tmp_path_factory.mktemp("store")
    try:
        stats = crawl([profile("hostile-offsite", portal, "/col/index.html"),
                       profile("hostile-start-cycle", cycling, "/s-a")], store_dir, polite=False, timeout=120)
    finally:
        portal.shutdown()
        other.shutdown()
        cycling.shutdown()
    return {"stats": stats, "store": RawStore(store_dir), "portal": portal, "other": other,
            "long_url": portal.url(long_url), "cycling": cycling}


def test_no_request_reaches_another_host(offsite_run):
    assert offsite_run["other"].hits == []
    assert offsite_run["portal"].hits.count("/files/real.pdf") == 1


def test_nothing_off_site_or_local_is_stored(offsite_run):
    store = offsite_run["store"]
    portal = offsite_run["portal"]
    urls = [row["url"] for row in store.urls() if row["portal"] == "hostile-offsite"]
    assert urls and all(url.startswith(portal.base + "/") for url in urls)
    for stored in store.files():
        assert SECRET not in stored.read_bytes()
    assert {row["url"] for row in store.urls()} == {portal.url("/r/a.html"), portal.url("/files/real.pdf"),
                                                   portal.url("/r/based.html")}


def test_the_real_attachment_after_unusable_links_is_fetched(offsite_run):
    store = offsite_run["store"]
    portal = offsite_run["portal"]
    real = [f for f in store.files() if f.url == portal.url("/files/real.pdf")]
    assert len(real) == 1 and real[0].read_bytes() == PDF and real[0].page_url == portal.url("/r/a.html")
    assert offsite_run["stats"]["portals"]["hostile-offsite"]["finish_reason"] == "finished"


@pytest.mark.parametrize("url_part, reason_part", [
    ("C:\\Users\\admin", "local file path"),
    ("tel:010-12345678", "scheme 'tel' is never requested"),
    ("http://[::1/x.pdf", "malformed link: Invalid IPv6 URL"),
    ("http://[::1/list-broken.html", "malformed link: Invalid IPv6 URL"),
    ("127.0.0.1:99999", "Port out of range"),
    ("/b.pdf?x=/robots.txt", "off-site address 127.0.0.2"),
    ("/x.pdf?x=/robots.txt", "off-site address 127.0.0.2"),
    ("/protocol-relative.html", "off-site address 127.0.0.2"),
    ("secret.txt?filename=/robots.txt", "scheme 'file' is never requested"),
    ("data:application/pdf", "scheme 'data' is never requested"),
    ("ftp://127.0.0.2", "scheme 'ftp' is never requested"),
    ("/files/long.pdf?aaaa", "longer than OGI_MAX_URL_LENGTH (2,083)"),
    ("/redirect-off", "redirect to http://127.0.0.2"),
    ("/cycle-a", "redirect cycle"),
    ("/meta-off", "redirect to http://127.0.0.2"),
    ("/based.pdf", "off-site address 127.0.0.2"),
])
def test_every_dropped_link_is_a_failure_row(offsite_run, url_part, reason_part):
    failures = offsite_run["store"].failures()
    matching = [f for f in failures if url_part in f["url"]]
    assert matching, f"no failure row for {url_part}: {[(f['url'][:80], f['reason'][:80]) for f in failures]}"
    assert any(reason_part in f["reason"] for f in matching), [f["reason"] for f in matching]
    assert all(f["run_id"] for f in matching)


def test_redirect_off_site_and_cycle_reasons_name_the_chain(offsite_run):
    failures = {f["url"]: f["reason"] for f in offsite_run["store"].failures()}
    portal = offsite_run["portal"]
    off = failures[portal.url("/redirect-off")]
    assert off.startswith(f"redirect to {offsite_run['other'].url('/stolen.html')} not followed: "
                          "off-site address 127.0.0.2")
    for server, a, b in ((portal, "/cycle-a", "/cycle-b"), (offsite_run["cycling"], "/s-a", "/s-b")):
        assert failures[server.url(a)] == f"redirect cycle: {server.url(a)} → {server.url(b)} → {server.url(a)}"
    assert offsite_run["cycling"].hits == ["/robots.txt", "/s-a", "/s-b"]


@pytest.mark.parametrize("url", [
    "http://127.0.0.2:8400/x.pdf?x=/robots.txt",
    "http://127.0.0.2:8400/robots.txt",
    "file:///etc/passwd?filename=/robots.txt",
    "file:///robots.txt",
    "ftp://127.0.0.1:8400/robots.txt",
    "data:text/plain,/robots.txt",
    "http://127.0.0.1:8401/robots.txt",
    "http://127.0.0.1:8400@127.0.0.2:8400/robots.txt",
    "http://127.0.0.1%3A8400@127.0.0.2/a.pdf",
    "http://127.0.0.1.evil.example:8400/a.pdf",
    "http://[::1/robots.txt",
])
def test_robots_txt_and_scheme_tricks_are_off_site(url):
    allowed = ["127.0.0.1:8400"]
    assert not is_allowed(url, allowed), url
    assert offsite_reason(url, allowed)


def test_allowed_origins_still_pass():
    assert is_allowed("http://127.0.0.1:8400/robots.txt", ["127.0.0.1:8400"])
    assert is_allowed("https://www.beijing.gov.cn/robots.txt", ["beijing.gov.cn"])
    assert is_allowed("http://zfxxgk.beijing.gov.cn:8080/a.pdf?x=1", ["beijing.gov.cn"])
    assert is_allowed("http://xn--1lq90i.xn--mxtq1m.cn/a", ["北京.政府.cn"])
    assert urlsplit("http://127.0.0.1:8400/").port == 8400


def test_demo_portal_keeps_its_urls_across_runs(tmp_path):
    """A second run of the demo (a new process, a new server) finds its reports where they were:
    nothing is marked removed because a port moved."""
    from demo.portal import start_demo_portal

    runs = []
    for _ in range(2):
        server, _ = start_demo_portal(port=0)
        try:
            generic = [p for p in server.profiles() if p.name == "demo-generic"]
            urls = {r["url"] for r in server.manifest()["reports"] if r["portal"] == "demo-generic"}
            stats = crawl(generic, tmp_path, polite=False, timeout=180)["portals"]["demo-generic"]
        finally:
            server.shutdown()
        runs.append((server.base_urls, urls, stats))
    (first_bases, first_urls, first), (second_bases, second_urls, second) = runs
    assert first_bases == second_bases and first_urls == second_urls
    assert first["new"] > 0 and second["new"] == 0 and second["removed"] == []
    assert all(row["removed_at"] is None for row in RawStore(tmp_path).urls())


def test_broken_links_are_blanked_in_html_and_json_lists_and_the_rest_is_read():
    from scrapy.http import HtmlResponse

    from crawler.cms import adapter_for
    from crawler.spiders.reports import without_broken_links

    html = page([("http://[::1/a.html", TITLE.format(year=2022)), ("/r/ok.html", TITLE.format(year=2023)),
                 ("http://127.0.0.1:70000/b.html", TITLE.format(year=2021))])
    listing = HtmlResponse("http://127.0.0.1:8400/col/index.html", body=html, encoding="utf-8")
    with pytest.raises(ValueError):
        adapter_for("generic", listing).entries(listing)
    cleaned, broken = without_broken_links(listing)
    assert [href for href, _ in broken] == ["http://[::1/a.html", "http://127.0.0.1:70000/b.html"]
    assert [e.url for e in adapter_for("generic", cleaned).entries(cleaned)] == ["http://127.0.0.1:8400/r/ok.html"]
    data = ('{"articles": [{"title": "%s", "url": "http://[::1/x.html"}, {"title": "%s", "url": '
            '"http://127.0.0.1:8400/r/2023.html"}], "total": 2}' % (TITLE.format(year=2022), TITLE.format(year=2023)))
    api = HtmlResponse("http://127.0.0.1:8400/gkmlpt/api/all/2?page=1", body=data.encode(), encoding="utf-8")
    cleaned, broken = without_broken_links(api)
    assert [href for href, _ in broken] == ["http://[::1/x.html"]
    assert [e.url for e in adapter_for("jsonapi", cleaned).entries(cleaned)] == ["http://127.0.0.1:8400/r/2023.html"]


def test_allowed_entries_written_as_urls_are_read_as_origins():
    assert is_allowed("http://127.0.0.1:8400/a", ["http://127.0.0.1:8400/"])
    assert not is_allowed("http://127.0.0.1:8401/a", ["http://127.0.0.1:8400/"])
