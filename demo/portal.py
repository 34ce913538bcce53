"""The demo portal: four government portals in four CMS styles, served on 127.0.0.1.

Each portal listens on its own port so that the crawler's per-portal allowed domains
(``127.0.0.1:PORT``) keep them apart. Everything supports ETag / Last-Modified and
answers 304 to conditional requests. :meth:`DemoPortal.change_report` re-renders one
report at the same URL and :meth:`DemoPortal.remove_report` takes one off its portal,
for incremental-crawl tests.

Example::

    from demo.portal import start_demo_portal
    server, base_url = start_demo_portal()
    print(server.base_urls, [p.name for p in server.profiles()])
    server.shutdown()

or ``python -m demo.portal --port 8400`` (portals on 8400-8403).
"""
from __future__ import annotations

import argparse
import calendar
import email.utils
import hashlib
import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from demo import portal_content as content
from demo.portal_content import PORTAL_INFO, PORTAL_NAMES, DemoReport, ListItem

_FIXED_DATE = email.utils.formatdate(1737360000, usegmt=True)  # 2025-01-20
_TYPES = {"pdf": "application/pdf", "doc": "application/msword", "wps": "application/kswps",
          "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "xls": "application/vnd.ms-excel"}
_TRS_COLUMN = "/zwgk/xxgknb/"
_HANWEB_COLUMN = "/col/col4721/index.html"
_HANWEB_PROXY = "/module/web/jpage/dataproxy.jsp?page=1&webid=1&path=/&columnid=4721&unitid=12005&webname=demo&permissiontype=0"
_GENERIC_PER_PAGE = 4
_TRS_PER_PAGE = 5
_HANWEB_PER_PAGE = 5
_GKMLPT_PER_PAGE = 5


class Resource:
    """A response: status, headers and body (``stream`` for the oversized file)."""

    def __init__(self, body: bytes = b"", content_type: str = "text/html; charset=utf-8", status: int = 200,
                 last_modified: str = _FIXED_DATE, headers: dict | None = None, delay: float = 0.0,
                 stream_size: int = 0):
        self.body, self.content_type, self.status = body, content_type, status
        self.last_modified, self.headers, self.delay = last_modified, dict(headers or {}), delay
        self.stream_size = stream_size

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:20] + '"'


class DemoPortal:
    """The running demo portals. Use :func:`start_demo_portal` to create one.

    :param port: first port (portals take ``port`` … ``port+3``); 0 takes the demo's
        stable ports (see :func:`start_demo_portal`).
    """

    def __init__(self, port: int = 0):
        self.lock = threading.Lock()
        self.reports = content.build_reports()
        self.decoys = content.build_decoys()
        self.files = content.render_files(self.reports)
        self.hits: Counter = Counter()
        self.log: list[tuple[str, str, int]] = []
        self.servers: dict[str, ThreadingHTTPServer] = {}
        self.base_urls: dict[str, str] = {}
        for name, server in zip(PORTAL_NAMES, _bind(port, [_handler(self, name) for name in PORTAL_NAMES])):
            self.servers[name] = server
            self.base_urls[name] = f"http://127.0.0.1:{server.server_address[1]}"
        self.threads = [threading.Thread(target=s.serve_forever, name=f"demo-{n}", daemon=True)
                        for n, s in self.servers.items()]
        for thread in self.threads:
            thread.start()

    def shutdown(self) -> None:
        for server in self.servers.values():
            server.shutdown()
            server.server_close()

    # --- what tests and the nightly job use -----------------------------------------

    def profiles(self):
        """Portal profiles for these running portals (their ports are only known now)."""
        from crawler.profiles import PortalProfile

        starts = {"demo-trs": _TRS_COLUMN + "index.html", "demo-hanweb": _HANWEB_COLUMN,
                  "demo-generic": "/xxgk/ndbg/list_1.html", "demo-gkmlpt": "/gkmlpt/index"}
        cms = {"demo-trs": "trs", "demo-hanweb": "hanweb", "demo-generic": "generic", "demo-gkmlpt": "jsonapi"}
        out = []
        for name in PORTAL_NAMES:
            base = self.base_urls[name]
            body, region, _ = PORTAL_INFO[name]
            out.append(PortalProfile(name=name, body=body, region=region, start_urls=[base + starts[name]],
                                     allowed_domains=[base.split("//", 1)[1]], cms=cms[name], verified=True,
                                     notes="embedded demo portal"))
        return out

    def manifest(self) -> dict:
        """What a crawler should find: ``reports``, ``non_reports`` (URLs) and ``failures``."""
        reports, non_reports, failures = [], [], []
        for r in self.reports:
            if r.removed:
                continue
            base = self.base_urls[r.portal]
            listed_as_file = r.seed == 407
            reports.append({"portal": r.portal, "url": base + r.report_path,
                            "page_url": None if listed_as_file else base + r.page_path,
                            "body": r.agency, "year": r.year, "kind": r.kind, "title": r.title,
                            "published": r.published})
            if r.oversize_path:
                failures.append({"portal": r.portal, "url": base + r.oversize_path, "reason": "OGI_MAX_FILE_BYTES"})
        for d in self.decoys:
            url = self._decoy_url(d)
            if d.behaviour == "notice":
                non_reports.append(url)
                if d.attachment:
                    non_reports.append(self.base_urls[d.portal] + d.attachment)
            else:
                failures.append({"portal": d.portal, "url": url, "reason": d.reason})
        return {"reports": reports, "non_reports": non_reports, "failures": failures}

    def report_by_url(self, url: str) -> DemoReport:
        for r in self.reports:
            base = self.base_urls[r.portal]
            if url in (base + r.page_path, base + (r.file_path or r.page_path)):
                return r
        raise KeyError(url)

    def change_report(self, url: str) -> DemoReport:
        """Re-render the report at ``url`` with other figures; same URL, new bytes and validators."""
        report = self.report_by_url(url)
        with self.lock:
            report.revision += 1
            self.files.update(content.render_files([report]))
        return report

    def remove_report(self, url: str) -> DemoReport:
        """Take the report at ``url`` off its portal: off the lists, and its URLs answer 404."""
        report = self.report_by_url(url)
        with self.lock:
            report.removed = True
        return report

    # --- routing --------------------------------------------------------------------

    def _decoy_url(self, decoy) -> str:
        if decoy.path.startswith("@"):
            other, path = decoy.path[1:].split("/", 1)
            return self.base_urls[other] + "/" + path
        return self.base_urls[decoy.portal] + decoy.path

    def _live(self, portal: str) -> list[DemoReport]:
        return [r for r in self.reports if r.portal == portal and not r.removed]

    def _list_items(self, portal: str) -> list[ListItem]:
        items = []
        for r in self._live(portal):
            href = r.redirect_from or (r.file_path if r.seed == 407 else r.page_path)
            items.append(ListItem(r.list_title or r.title, href, r.published))
        for d in self.decoys:
            if d.portal == portal:
                items.append(ListItem(d.title, self._decoy_url(d) if d.behaviour == "offsite" else d.path,
                                      d.published))
        return sorted(items, key=lambda i: i.published, reverse=True)

    def resolve(self, portal: str, target: str) -> Resource | None:
        """The resource at ``target`` (path and query) of ``portal``, or None for 404."""
        parts = urlsplit(target)
        path = parts.path
        gbk = portal == "demo-trs"
        encode = (lambda text: text.encode("gbk", "xmlcharrefreplace")) if gbk else (lambda text: text.encode("utf-8"))
        page_type = "text/html" if gbk else "text/html; charset=utf-8"
        if path == "/robots.txt":
            return Resource(content.ROBOTS[portal].encode(), "text/plain")
        if path == "/":
            return Resource(content.home_page(portal).encode("utf-8"))
        with self.lock:
            for r in self._live(portal):
                if target == r.redirect_from:
                    return Resource(b"", status=301, headers={"Location": r.page_path})
                if target == r.page_path and r.seed != 407:
                    if r.is_html:
                        body = self.files[(r.seed, r.revision)]
                    else:
                        body = encode(content.article_page(r, None if gbk else "utf-8"))
                    res = Resource(body, page_type, last_modified=_revision_date(r))
                    if r.trap == "slow":
                        res.delay = 1.0
                    if r.trap == "fail-once" and self.hits[(portal, "fail-once", path)] == 0:
                        self.hits[(portal, "fail-once", path)] += 1
                        return Resource(b"<html><body>Internal Server Error</body></html>", status=500)
                    return res
                if r.file_path and target == r.file_path:
                    ext = r.file_path.rsplit(".", 1)[-1]
                    headers = {}
                    if "?" in r.file_path:
                        headers["Content-Disposition"] = f'attachment; filename="{r.seed}.{ext}"'
                    return Resource(self.files[(r.seed, r.revision)], _TYPES.get(ext, "application/octet-stream"),
                                    last_modified=_revision_date(r), headers=headers)
                if r.oversize_path and target == r.oversize_path:
                    return Resource(b"", _TYPES["xls"], stream_size=content.OVERSIZE_BYTES)
        for d in self.decoys:
            if d.portal != portal or d.path.startswith("@"):
                continue
            if target == d.path:
                if d.behaviour == "404":
                    return None
                if d.behaviour == "412":
                    return Resource(content.CHALLENGE_PAGE.encode(), status=412)
                if d.behaviour == "challenge":
                    return Resource(content.CHALLENGE_PAGE.encode())
                return Resource(encode(content.notice_page(d, None if gbk else "utf-8")), page_type)
            if d.attachment and target == d.attachment:
                return Resource(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048, _TYPES["xls"])
        return self._list_resource(portal, parts, encode, page_type)

    def _list_resource(self, portal, parts, encode, page_type) -> Resource | None:
        path, query = parts.path, parse_qs(parts.query)
        body = PORTAL_INFO[portal][0]
        items = self._list_items(portal)
        if portal == "demo-trs":
            if path == "/zwgk/":
                return Resource(content.section_page(portal, _TRS_COLUMN).encode("utf-8"))
            pages = max(1, -(-len(items) // _TRS_PER_PAGE))
            names = {_TRS_COLUMN: 0, _TRS_COLUMN + "index.html": 0}
            names.update({f"{_TRS_COLUMN}index_{n}.html": n for n in range(1, pages)})
            if path in names:
                n = names[path]
                chunk = items[n * _TRS_PER_PAGE:(n + 1) * _TRS_PER_PAGE]
                rel = [ListItem(i.title, "." + i.href[len(_TRS_COLUMN) - 1:] if i.href.startswith(_TRS_COLUMN) else i.href,
                                i.published) for i in chunk]
                return Resource(encode(content.trs_list_page(rel, n, pages, body)), page_type)
        elif portal == "demo-hanweb":
            if path == "/col/col4700/index.html":
                return Resource(content.section_page(portal, _HANWEB_COLUMN).encode("utf-8"))
            if path == _HANWEB_COLUMN:
                text = content.hanweb_list_page(items[:_HANWEB_PER_PAGE], len(items), _HANWEB_PER_PAGE,
                                                _HANWEB_PROXY, body)
                return Resource(text.encode("utf-8"))
            if path == "/module/web/jpage/dataproxy.jsp":
                start = int(query.get("startrecord", ["1"])[0])
                end = int(query.get("endrecord", [str(len(items))])[0])
                xml = content.hanweb_datastore(items[start - 1:end], len(items), _HANWEB_PROXY)
                return Resource(xml.encode("utf-8"), "text/xml; charset=utf-8")
        elif portal == "demo-generic":
            if path == "/xxgk/":
                return Resource(content.section_page(portal, "/xxgk/ndbg/list_1.html").encode("utf-8"))
            pages = max(1, -(-len(items) // _GENERIC_PER_PAGE))
            for n in range(1, pages + 1):
                if path == f"/xxgk/ndbg/list_{n}.html":
                    chunk = items[(n - 1) * _GENERIC_PER_PAGE:n * _GENERIC_PER_PAGE]
                    return Resource(content.generic_list_page(chunk, n, pages, body).encode("utf-8"))
        elif portal == "demo-gkmlpt":
            if path == "/gkmlpt/index":
                return Resource(content.gkmlpt_index_page(body).encode("utf-8"))
            if path == "/gkmlpt/api/all/2":
                page = int(query.get("page", ["1"])[0])
                chunk = items[(page - 1) * _GKMLPT_PER_PAGE:page * _GKMLPT_PER_PAGE]
                base = self.base_urls[portal]
                articles = [{"id": n, "title": i.title, "url": i.href if i.href.startswith("http") else base + i.href,
                             "publish_time": calendar.timegm(time.strptime(i.published, "%Y-%m-%d")) - 8 * 3600}
                            for n, i in enumerate(chunk, start=(page - 1) * _GKMLPT_PER_PAGE + 1)]
                data = {"articles": articles, "total": len(items), "page": page, "sid": 757001}
                return Resource(json.dumps(data, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")
        return None


#: the demo's stable ports: the first free block of four from here (8400-8403, 8404-8407, …)
STABLE_PORT = 8400
#: how many blocks of four are tried before any free ports are taken
STABLE_BLOCKS = 24


def _bind(port: int, handlers: list) -> list:
    """One listening server per handler on consecutive ports from ``port``.

    With ``port`` 0, the first block of free consecutive ports from :data:`STABLE_PORT`
    is taken, so the demo's URLs are the same from one run to the next (a store crawled
    yesterday still knows its reports; nothing is marked removed because a port moved);
    when none of :data:`STABLE_BLOCKS` blocks is free, any free ports.
    """
    if port:
        return [_server(port + i, handler) for i, handler in enumerate(handlers)]
    for block in range(STABLE_BLOCKS):
        first = STABLE_PORT + block * len(handlers)
        servers = []
        try:
            for i, handler in enumerate(handlers):
                servers.append(_server(first + i, handler))
            return servers
        except OSError:
            for server in servers:
                server.server_close()
    return [_server(0, handler) for handler in handlers]


def _server(port: int, handler) -> ThreadingHTTPServer:
    server = _QuietServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    return server


class _QuietServer(ThreadingHTTPServer):
    """A threaded server that does not print a traceback when a client hangs up early."""

    def handle_error(self, request, client_address):
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


def _revision_date(report: DemoReport) -> str:
    return _FIXED_DATE if report.revision == 0 else email.utils.formatdate(1737360000 + 86400 * report.revision,
                                                                             usegmt=True)


def _handler(portal: DemoPortal, name: str):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out as separate writes
        server_version = "DemoGov/1.0"

        def log_message(self, format, *args):  # keep test output clean
            pass

        def do_HEAD(self):
            self._serve(head=True)

        def do_GET(self):
            self._serve()

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            form = self.rfile.read(length).decode("utf-8", "replace") if length else ""
            if form:
                self.path += ("&" if "?" in self.path else "?") + form
            self._serve()

        def _serve(self, head: bool = False):
            resource = portal.resolve(name, self.path)
            if resource is None:
                resource = Resource("<html><body><h1>404 页面不存在</h1></body></html>".encode("utf-8"), status=404)
            if resource.delay:
                time.sleep(resource.delay)
            status = resource.status
            if status == 200 and not resource.stream_size:
                inm = self.headers.get("If-None-Match")
                ims = self.headers.get("If-Modified-Since")
                if (inm and inm == resource.etag) or (not inm and ims and ims == resource.last_modified):
                    status = 304
            with portal.lock:
                portal.log.append((name, self.path, status))
            self.send_response(status)
            if status == 304:
                self.send_header("ETag", resource.etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_header("Content-Type", resource.content_type)
            for key, value in resource.headers.items():
                self.send_header(key, value)
            if status == 200:
                self.send_header("ETag", resource.etag)
                self.send_header("Last-Modified", resource.last_modified)
            size = resource.stream_size or len(resource.body)
            self.send_header("Content-Length", str(size))
            self.end_headers()
            if head:
                return
            try:
                if resource.stream_size:
                    chunk = b"\0" * 65536
                    for _ in range(resource.stream_size // len(chunk)):
                        self.wfile.write(chunk)
                else:
                    self.wfile.write(resource.body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

    return Handler


def start_demo_portal(port: int = 0) -> tuple[DemoPortal, str]:
    """Start the demo portals in background threads on 127.0.0.1.

    :param port: first port (the four portals take ``port`` … ``port+3``); 0 takes the first
        free block of four from 8400 (8400-8403, else 8404-8407, …), so a second run of the
        demo finds its reports at the same URLs; any free ports only when 24 blocks are taken.
    :return: ``(server, base_url)``: the running :class:`DemoPortal` and the URL of its first
        portal's home page; ``server.base_urls`` has them all and ``server.profiles()`` the
        crawl profiles.
    """
    server = DemoPortal(port)
    return server, server.base_urls[PORTAL_NAMES[0]] + "/"


def demo_profiles(server: DemoPortal):
    """Portal profiles for a running demo portal (for the crawler and the nightly job)."""
    return server.profiles()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Serve the demo government portals on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=8400, help="first port (default 8400; 0 = any)")
    args = parser.parse_args(argv)
    server, _ = start_demo_portal(args.port)
    for profile in server.profiles():
        print(f"{profile.name:14} {profile.cms:8} {profile.start_urls[0]}")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()
