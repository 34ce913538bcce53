"""Conditional requests: ask with If-None-Match / If-Modified-Since for files the store holds.

Requests marked ``meta["ogi_conditional"]`` get the validators the store recorded for
their URL, and a 304 answer is passed to the spider (which then reads the stored copy).
When the store holds no object for the URL, the request goes out unconditionally.
"""
from __future__ import annotations

from store import RawStore


def open_store(crawler) -> RawStore:
    """The crawler's raw store (one per crawler, opened on first use)."""
    store = getattr(crawler, "ogi_store", None)
    if store is None:
        store = RawStore(crawler.settings.get("OGI_STORE"))
        crawler.ogi_store = store
    return store


class ConditionalRequestMiddleware:
    """Add ETag / Last-Modified validators from the raw store."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        if not request.meta.get("ogi_conditional") or b"If-None-Match" in request.headers:
            return None
        state = open_store(self.crawler).current(request.url)
        if not state or not state.get("object_present"):
            return None
        if state.get("etag"):
            request.headers[b"If-None-Match"] = state["etag"]
        if state.get("last_modified"):
            request.headers[b"If-Modified-Since"] = state["last_modified"]
        if state.get("etag") or state.get("last_modified"):
            allowed = set(request.meta.get("handle_httpstatus_list", [])) | {304}
            request.meta["handle_httpstatus_list"] = sorted(allowed)
            self.crawler.stats.inc_value("ogi/conditional_requests")
        return None
