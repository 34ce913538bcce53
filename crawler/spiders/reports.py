"""The ``reports`` spider: walk a portal's annual-report column and fetch every report.

``scrapy crawl reports -a portal=NAME`` crawls a profile from ``crawler/portals``;
``-a url=URL`` crawls a portal that has no profile (CMS detected, column discovered);
``-a profile=JSON`` takes a whole profile (used for portals whose address is only known
at run time, such as the demo portal).

Flow: start page → (discovery, when the page lists no reports) → list pages of the
column (the CMS adapter reads entries and pagination) → report pages and attachments.
Report pages and attachments are requested conditionally; on a 304 the stored copy of a
page is read back to find its attachments.
"""
from __future__ import annotations

import scrapy
from scrapy.http import HtmlResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import DNSLookupError, TCPTimedOutError, TimeoutError as TwistedTimeout

from crawler.cms import adapter_for
from crawler.detail import attachment_links, is_attachment_url, page_published, page_title
from crawler.discovery import column_links, section_links
from crawler.encoding import as_text_response
from crawler.items import ReportFile
from crawler.middlewares.antibot import AntiBotChallenge
from crawler.middlewares.conditional import open_store
from crawler.middlewares.offsite import OffsiteRequest
from crawler.profiles import PortalProfile, get_profile, profile_for_url
from crawler.recognition import parse_title
from crawler.store import utcnow


def failure_reason(failure) -> tuple[int | None, str]:
    """``(HTTP status or None, reason)`` for a failed request."""
    exc = failure.value
    response = getattr(exc, "response", None)
    status = getattr(response, "status", None) or getattr(exc, "status", None)
    if isinstance(exc, HttpError):
        return status, f"HTTP {status}"
    if isinstance(exc, (AntiBotChallenge, OffsiteRequest)):
        return status, str(exc)
    if isinstance(exc, scrapy.exceptions.IgnoreRequest):
        text = str(exc) or "request ignored"
        if "robots.txt" in text:
            text = "forbidden by robots.txt"
        return status, text
    if isinstance(exc, (TwistedTimeout, TCPTimedOutError)) or "Timeout" in type(exc).__name__:
        return None, f"timeout (after retries): {exc}"
    if isinstance(exc, DNSLookupError):
        return None, "DNS lookup failed"
    text = f"{type(exc).__name__}: {exc}".strip()
    if "maxsize" in text.lower() or "max size" in text.lower() or "Cancelled" in type(exc).__name__:
        text = f"larger than OGI_MAX_FILE_BYTES or cancelled ({text})"
    return status, text


class ReportsSpider(scrapy.Spider):
    """Harvest 政府信息公开工作年度报告 from one portal."""

    name = "reports"

    def __init__(self, portal: str | None = None, url: str | None = None, profile: str | None = None,
                 *args, **kwargs):
        super().__init__(*args, **kwargs)
        if profile:
            self.profile = PortalProfile.from_json(profile)
        elif portal:
            self.profile = get_profile(portal)
        elif url:
            self.profile = profile_for_url(url)
        else:
            raise ValueError("give -a portal=NAME, -a url=URL or -a profile=JSON")
        self.portal_name = self.profile.name
        self.allowed_domains = list(self.profile.allowed_domains)
        self.start_urls = list(self.profile.start_urls)

    async def start(self):
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse_list, errback=self.on_error, dont_filter=True,
                                 meta={"ogi_role": "start", "ogi_depth": 0})

    # --- list pages ---------------------------------------------------------------

    def parse_list(self, response):
        page = as_text_response(response)
        adapter = adapter_for(self.profile.cms, page, self.profile.selectors)
        self.crawler.stats.inc_value("ogi/list_pages")
        entries = adapter.entries(page)
        reports = [entry for entry in entries if entry.is_report]
        for entry in reports:
            self.crawler.stats.inc_value("ogi/reports_listed")
            info = parse_title(entry.title)
            meta = {"ogi_conditional": True, "ogi_list_url": response.url, "ogi_title": info.title,
                    "download_maxsize": self.settings.getint("OGI_MAX_FILE_BYTES"),
                    "ogi_year": info.year, "ogi_body": info.body or self.profile.body or None,
                    "ogi_published": entry.published}
            if is_attachment_url(entry.url):  # listed as the file itself: no report page
                yield scrapy.Request(entry.url, callback=self.parse_attachment, errback=self.on_error, meta=meta)
            else:
                yield scrapy.Request(entry.url, callback=self.parse_report_page, errback=self.on_error, meta=meta)
        is_start = response.meta.get("ogi_role") == "start"
        # A start page without reports may be a home page (discovery follows below); its
        # numbered links are taken for a pager only with a CMS pager or many dated items.
        looks_like_list = (bool(reports) or not is_start or adapter.name != "generic"
                           or sum(1 for entry in entries if entry.published) >= 5)
        next_pages = [url for url in adapter.next_pages(page) if url != response.url and url not in self.start_urls]
        for url in next_pages if looks_like_list else []:
            yield scrapy.Request(url, callback=self.parse_list, errback=self.on_error,
                                 meta={"ogi_role": "list", "ogi_depth": response.meta.get("ogi_depth", 0)})
        depth = response.meta.get("ogi_depth", 0)
        if not reports and is_start and depth < self.settings.getint("OGI_DISCOVERY_DEPTH", 2):
            links = column_links(page)[:3] or section_links(page)[:3]
            self.logger.info("discovery on %s: %s", response.url, links)
            for url in links:
                yield scrapy.Request(url, callback=self.parse_list, errback=self.on_error,
                                     meta={"ogi_role": "start", "ogi_depth": depth + 1})

    # --- report pages and attachments -----------------------------------------------

    def parse_report_page(self, response):
        if response.status == 304:
            stored = open_store(self.crawler).current_bytes(response.url)
            if stored is None:  # the store lost the object: fetch it again in full
                meta = dict(response.meta, ogi_conditional=False)
                yield response.request.replace(headers={}, meta=meta, dont_filter=True)
                return
            yield self._item(response, "page", not_modified=True)
            page = HtmlResponse(url=response.url, body=stored, request=response.request)
            page = as_text_response(page)
        else:
            content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
            if content_type and "html" not in content_type and "text" not in content_type:
                yield self._item(response, "attachment")  # the list linked the file itself
                return
            page = as_text_response(response)
            item = self._item(response, "page")
            item.title = item.title or page_title(page)
            item.published = item.published or page_published(page)
            yield item
        for url, _text in attachment_links(page):
            meta = {key: value for key, value in response.meta.items() if key.startswith("ogi_")
                    and key not in ("ogi_warc",)}
            meta.update(ogi_conditional=True, ogi_page_url=response.url,
                        download_maxsize=self.settings.getint("OGI_MAX_FILE_BYTES"))
            yield scrapy.Request(url, callback=self.parse_attachment, errback=self.on_error, meta=meta)

    def parse_attachment(self, response):
        yield self._item(response, "attachment", not_modified=response.status == 304,
                         page_url=response.meta.get("ogi_page_url"))

    def _item(self, response, role: str, not_modified: bool = False, page_url: str | None = None) -> ReportFile:
        meta = response.meta
        headers = response.headers
        warc_file, warc_id = meta.get("ogi_warc", (None, None))
        return ReportFile(
            url=response.url, portal=self.portal_name, role=role,
            content=b"" if not_modified else response.body,
            content_type=headers.get(b"Content-Type", b"").decode("latin-1") or None,
            status=response.status, not_modified=not_modified, page_url=page_url,
            list_url=meta.get("ogi_list_url"), title=meta.get("ogi_title"), body=meta.get("ogi_body"),
            year=meta.get("ogi_year"), published=meta.get("ogi_published"), fetched_at=utcnow(),
            etag=(headers.get(b"ETag") or b"").decode("latin-1") or None,
            last_modified=(headers.get(b"Last-Modified") or b"").decode("latin-1") or None,
            warc_file=warc_file, warc_record_id=warc_id,
            extra={"content_disposition": (headers.get(b"Content-Disposition") or b"").decode("utf-8", "replace")},
        )

    # --- failures -----------------------------------------------------------------

    def on_error(self, failure):
        """Record every failed request with its URL and reason; the crawl goes on."""
        request = failure.request
        status, reason = failure_reason(failure)
        self.crawler.stats.inc_value("ogi/failed")
        self.crawler.stats.inc_value(f"ogi/failed/{reason.split(':')[0].split(' (')[0]}")
        open_store(self.crawler).record_failure(
            request.url, reason, portal=self.portal_name, run_id=getattr(self, "ogi_run_id", None), status=status
        )
        self.logger.warning("failed %s: %s", request.url, reason)
