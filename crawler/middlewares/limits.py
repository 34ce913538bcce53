"""Every crawl ends: per-portal limits on requests, bytes, time and URL length.

Each portal's crawl (one spider) stops when it has sent ``OGI_MAX_REQUESTS`` requests
(default 5,000), received ``OGI_MAX_BYTES`` bytes (default 2 GiB) or run
``OGI_MAX_SECONDS`` seconds (default 3,600). A real column never comes near these;
a pagination trap reaches them fast. The reason is recorded as a failure row of the
run (``failures.reason`` starts with ``crawl limit reached``) and the run finishes with
``finish_reason`` ``ogi_limit_requests`` / ``ogi_limit_bytes`` / ``ogi_limit_seconds``,
so nothing is marked removed after a cut-short run.

A URL longer than ``OGI_MAX_URL_LENGTH`` characters (default 2,083, the longest URL
Internet Explorer sent and many servers accept) is never sent; it is dropped with a
failure row instead of vanishing (redirect targets included). A redirect back into its
own chain is dropped with a failure row too.

Limits per column (list pages, list-page depth, growing page URLs) are applied by the
spider, which knows the column a list page belongs to (:mod:`crawler.spiders.reports`).
"""
from __future__ import annotations

import logging
import re
from urllib.parse import parse_qsl, urlsplit

from scrapy import signals
from scrapy.exceptions import IgnoreRequest

from crawler.middlewares.conditional import open_store

log = logging.getLogger(__name__)

#: defaults of the settings read here
DEFAULTS = {"OGI_MAX_REQUESTS": 5000, "OGI_MAX_BYTES": 2 * 1024 ** 3, "OGI_MAX_SECONDS": 3600,
            "OGI_MAX_URL_LENGTH": 2083}


class CrawlLimitReached(IgnoreRequest):
    """The portal's crawl reached one of its limits; no further request is sent."""


class UrlTooLong(IgnoreRequest):
    """A URL longer than ``OGI_MAX_URL_LENGTH``; never sent."""


class RedirectCycle(IgnoreRequest):
    """A redirect back to a URL already in its own redirect chain; not followed."""


def redirect_cycle(url: str, chain: list[str]) -> str | None:
    """The failure reason when ``url`` is already in its redirect ``chain``, or None.

    :param url: the redirect target
    :param chain: the URLs redirected from so far (``Request.meta["redirect_urls"]``)
    """
    if url in chain:
        return "redirect cycle: " + " → ".join(chain[chain.index(url):] + [url])
    return None


def too_long(url: str, limit: int) -> str | None:
    """The failure reason for a URL longer than ``limit`` characters, or None.

    :param url: the URL
    :param limit: the longest URL allowed, in characters (0: no limit)
    """
    if limit and len(url) > limit:
        return f"URL of {len(url):,} characters is longer than OGI_MAX_URL_LENGTH ({limit:,}); not requested"
    return None


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


class CrawlLimitsMiddleware:
    """Count requests and bytes per portal and run, watch the clock, close the spider at a limit."""

    def __init__(self, crawler):
        self.crawler = crawler
        settings = crawler.settings
        self.max_requests = settings.getint("OGI_MAX_REQUESTS", DEFAULTS["OGI_MAX_REQUESTS"])
        self.max_bytes = settings.getint("OGI_MAX_BYTES", DEFAULTS["OGI_MAX_BYTES"])
        self.max_seconds = settings.getfloat("OGI_MAX_SECONDS", DEFAULTS["OGI_MAX_SECONDS"])
        self.max_url = settings.getint("OGI_MAX_URL_LENGTH", DEFAULTS["OGI_MAX_URL_LENGTH"])
        self.requests = 0
        self.bytes = 0
        self.reached: str | None = None
        self.timer = None

    @classmethod
    def from_crawler(cls, crawler):
        middleware = cls(crawler)
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    # --- the clock ---------------------------------------------------------------------

    def spider_opened(self, spider):
        if self.max_seconds > 0:
            try:
                from scrapy.utils.asyncio import call_later
            except ImportError:  # Scrapy < 2.14
                from twisted.internet import reactor

                call_later = reactor.callLater
            self.timer = call_later(self.max_seconds, self._time_up)

    def spider_closed(self, spider, reason=None):
        if self.timer is not None:
            try:
                self.timer.cancel()
            except Exception:  # noqa: BLE001 - already fired
                pass
            self.timer = None

    def _time_up(self):
        self.timer = None
        spider = self.crawler.spider
        start = (getattr(spider, "start_urls", None) or [""])[0]
        self._reach("seconds", start, f"{self.max_seconds:g} seconds per portal (OGI_MAX_SECONDS)")

    # --- requests and bytes ----------------------------------------------------------------

    def process_request(self, request, spider=None):
        reason = too_long(request.url, self.max_url)
        if reason:
            self.crawler.stats.inc_value("ogi/url_too_long")
            raise UrlTooLong(reason)
        reason = redirect_cycle(request.url, request.meta.get("redirect_urls") or [])
        if reason:  # a request Scrapy must send again (dont_filter) would loop until the redirect limit
            raise RedirectCycle(reason)
        if self.reached:
            raise CrawlLimitReached(f"not requested: {self.reached}")
        self.requests += 1
        if self.max_requests and self.requests > self.max_requests:
            self._reach("requests", request.url, f"{self.max_requests:,} requests per portal and run (OGI_MAX_REQUESTS)")
            raise CrawlLimitReached(f"not requested: {self.reached}")
        return None

    def process_response(self, request, response, spider=None):
        self.bytes += len(response.body)
        if self.max_bytes and self.bytes > self.max_bytes and not self.reached:
            self._reach("bytes", request.url, f"{_size(self.max_bytes)} per portal and run (OGI_MAX_BYTES)")
        return response

    # --- stopping ----------------------------------------------------------------------

    def _reach(self, kind: str, url: str, what: str) -> None:
        """Record the limit once as a failure row and close the spider with ``ogi_limit_<kind>``."""
        if self.reached:
            return
        self.reached = f"crawl limit reached: {what}"
        spider = self.crawler.spider
        stats = self.crawler.stats
        stats.set_value("ogi/limit", kind)
        stats.inc_value("ogi/failed")
        stats.inc_value("ogi/failed/crawl limit reached")
        log.warning("%s: %s; the crawl of this portal stops", getattr(spider, "portal_name", "?"), self.reached)
        open_store(self.crawler).record_failure(
            url or "", f"{self.reached}; the crawl of this portal stopped here",
            portal=getattr(spider, "portal_name", None), run_id=getattr(spider, "ogi_run_id", None))
        engine = self.crawler.engine
        if hasattr(engine, "close_spider_async"):
            from scrapy.utils.defer import deferred_from_coro

            deferred_from_coro(engine.close_spider_async(reason=f"ogi_limit_{kind}"))
        else:  # Scrapy < 2.14
            engine.close_spider(spider, f"ogi_limit_{kind}")


# --- per column: list pages, depth, growing page URLs (applied by the spider) ---------------

#: defaults of the per-column settings the spider reads
COLUMN_DEFAULTS = {"OGI_MAX_LIST_PAGES": 300, "OGI_MAX_LIST_DEPTH": 8, "OGI_MAX_URL_GROWTH": 3,
                   "OGI_MAX_LIST_PAGE_BYTES": 5 * 1024 * 1024}

_TOKEN_SPLIT = re.compile(r"[_\-.,;~]+")
_DIGITS = re.compile(r"\d+")


def url_tokens(url: str) -> list[str]:
    """A page URL as a list of tokens: path segments, the last one's stem split at ``_ - .``,
    then the query's ``name=value`` pairs in order.

    ``/zwgk/index_1_1.html?page=2`` → ``["zwgk", "index", "1", "1", "page=2"]``.

    :param url: an absolute or relative URL
    """
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    tokens = segments[:-1]
    if segments:
        last = segments[-1]
        stem = last.rsplit(".", 1)[0] if "." in last else last
        tokens += [t for t in _TOKEN_SPLIT.split(stem) if t]
    tokens += [f"{name}={value}" for name, value in parse_qsl(parts.query, keep_blank_values=True)]
    return tokens


def grows(parent: str, child: str) -> bool:
    """True when ``child`` is ``parent`` made longer: the parent's tokens are a proper prefix
    of the child's (``index_1.html`` → ``index_1_1.html``; ``?page=1`` → ``?page=1&page=2``;
    ``/a/b/`` → ``/a/b/b/``). ``list_1.html`` → ``list_11.html`` does not grow.

    :param parent: the list page's URL
    :param child: a list page it links to
    """
    if urlsplit(parent).netloc != urlsplit(child).netloc:
        return False
    a, b = url_tokens(parent), url_tokens(child)
    return len(b) > len(a) and b[:len(a)] == a


def url_shape(url: str) -> str:
    """A URL with its numbers blanked: pages of one pager share a shape
    (``list_2.html`` and ``list_3.html``; ``?page=2`` and ``?page=7``).

    :param url: an absolute URL
    """
    parts = urlsplit(url)
    return _DIGITS.sub("#", parts.netloc + parts.path + ("?" + parts.query if parts.query else ""))
