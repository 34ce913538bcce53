"""Write every response, with its request, to a WARC file (warcio), and tag items with the record.

Every response the crawler receives (list pages, report pages, attachments, 304s,
errors, robots.txt) is written as a WARC ``request`` + ``response`` pair. The record ids
travel in ``Request.meta["ogi_warc"]`` so the item of that response can name them.
"""
from __future__ import annotations

import os
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.utils.response import response_status_message
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from store import utcnow

#: headers that describe the wire form of a body Scrapy has already decoded
_WIRE_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


def _header_list(headers) -> list[tuple[str, str]]:
    out = []
    for name, values in headers.items():
        for value in values:
            out.append((name.decode("latin-1"), value.decode("latin-1")))
    return out


class WarcPipeline:
    """Writes ``STORE/warc/<run>-<pid>.warc.gz`` and fills ``warc_file``/``warc_record_id``."""

    def __init__(self, store_dir: str, run_label: str):
        self.relative = f"warc/{run_label}-{os.getpid()}.warc.gz"
        self.path = Path(store_dir) / self.relative
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.stream = None
        self.writer = None

    @classmethod
    def from_crawler(cls, crawler):
        label = crawler.settings.get("OGI_RUN_ID") or utcnow().replace(":", "").replace("+0000", "Z")
        pipeline = cls(crawler.settings.get("OGI_STORE"), label)
        crawler.signals.connect(pipeline.response_received, signal=signals.response_received)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def _open(self):
        if self.writer is None:
            self.stream = open(self.path, "ab")
            self.writer = WARCWriter(self.stream, gzip=True)

    def response_received(self, response, request, spider=None):
        self._open()
        parts = urlsplit(response.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request_headers = [("Host", parts.netloc)] + _header_list(request.headers)
        http_request = StatusAndHeaders(f"{request.method} {target} HTTP/1.1", request_headers,
                                        is_http_request=True)
        response_headers = [(k, v) for k, v in _header_list(response.headers) if k.lower() not in _WIRE_HEADERS]
        response_headers.append(("Content-Length", str(len(response.body))))
        http_response = StatusAndHeaders(response_status_message(response.status), response_headers,
                                         protocol="HTTP/1.1")
        record = self.writer.create_warc_record(response.url, "response", payload=BytesIO(response.body),
                                                http_headers=http_response)
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        request_record = self.writer.create_warc_record(
            response.url, "request", payload=BytesIO(request.body or b""), http_headers=http_request,
            warc_headers_dict={"WARC-Concurrent-To": record_id},
        )
        self.writer.write_record(record)
        self.writer.write_record(request_record)
        self.stream.flush()
        response.meta["ogi_warc"] = (self.relative, record_id)

    def process_item(self, item, spider=None):
        adapter = ItemAdapter(item)
        if not adapter.get("warc_record_id") and not adapter.get("not_modified"):
            raise ValueError(f"no WARC record for {adapter.get('url')}")
        return item

    def spider_closed(self, spider, reason=None):
        if self.stream is not None:
            self.stream.close()
            self.stream = self.writer = None
