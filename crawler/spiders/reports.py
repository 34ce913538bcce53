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

import html
import re
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy import signals
from scrapy.http import HtmlResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import DNSLookupError, TCPTimedOutError, TimeoutError as TwistedTimeout

from crawler.cms import adapter_for, with_form
from crawler.detail import attachment_links, is_attachment_url, page_published, page_title
from crawler.discovery import is_column_page, next_columns
from crawler.encoding import as_text_response
from crawler.items import SITE_META, ReportFile, page_site, site_fields
from crawler.middlewares.antibot import AntiBotChallenge
from crawler.middlewares.conditional import open_store
from crawler.middlewares.limits import (COLUMN_DEFAULTS, DEFAULTS, CrawlLimitReached, RedirectCycle, UrlTooLong,
                                        grows, redirect_cycle, too_long, url_shape)
from crawler.middlewares.offsite import OffsiteRequest, offsite_reason, url_problem
from crawler.profiles import PortalProfile, get_profile, profile_for_url
from crawler.recognition import parse_title
from store import utcnow


def failure_reason(failure) -> tuple[int | None, str]:
    """``(HTTP status or None, reason)`` for a failed request."""
    exc = failure.value
    response = getattr(exc, "response", None)
    status = getattr(response, "status", None) or getattr(exc, "status", None)
    if isinstance(exc, HttpError):
        return status, f"HTTP {status}"
    if isinstance(exc, (AntiBotChallenge, OffsiteRequest, UrlTooLong, CrawlLimitReached, RedirectCycle)):
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
    if "Cancelled" in type(exc).__name__ and failure.request.meta.get("ogi_role") in LIST_ROLES:
        limit = failure.request.meta.get("download_maxsize") or 0
        return status, (f"list page larger than OGI_MAX_LIST_PAGE_BYTES ({limit:,} bytes); not read "
                        f"({text})")
    if "maxsize" in text.lower() or "max size" in text.lower() or "Cancelled" in type(exc).__name__:
        text = f"larger than OGI_MAX_FILE_BYTES or cancelled ({text})"
    return status, text


#: roles of list pages (start pages, pager pages, pages found by discovery)
LIST_ROLES = ("start", "list")
#: at most this many unusable links of a portal are recorded one by one (then only counted)
MAX_RECORDED_LINKS = 2000
_HREF = re.compile(r"""(\bhref\s*=\s*)(?:(["'])(.*?)\2|([^\s"'<>]+))""", re.I | re.S)
_QUOTED_URL = re.compile(r"""(["'])((?:[A-Za-z][\w+.-]*:)?//[^"'\s<>]{0,4096})\1""")


def _parse_error(base: str, value: str) -> str | None:
    """Why ``urllib`` cannot parse ``value`` joined to ``base``, or None when it can."""
    try:
        parts = urlsplit(urljoin(base, html.unescape(value.strip())))
        parts.port  # noqa: B018 - raises ValueError on a bad port
        parts.hostname  # noqa: B018
    except ValueError as exc:
        return str(exc) or type(exc).__name__
    return None


def without_broken_links(page) -> tuple[object, list[tuple[str, str]]]:
    """``page`` with every link that no URL parser can read blanked, and those links.

    An ``href`` becomes ``#`` (skipped by every list reader); a quoted URL elsewhere (a
    JSON list's ``"url"``) becomes an empty string.

    A malformed IPv6 host (``http://[::1/x.pdf``) or a port out of range makes
    :func:`urllib.parse.urlsplit` raise; one such link must not lose the rest of the page.

    :param page: an HtmlResponse (HTML list or report page, or a JSON list)
    :return: ``(page, [(href, parser error), …])``; the page itself when nothing was broken
    """
    text = page.text
    base = page.url
    broken: list[tuple[str, str]] = []

    def fix_href(match):
        value = match.group(3) if match.group(3) is not None else match.group(4)
        error = _parse_error(base, value)
        if error:
            broken.append((value, error))
            return f'{match.group(1)}"#"'
        return match.group(0)

    def fix_quoted(match):
        error = _parse_error(base, match.group(2))
        if error:
            broken.append((match.group(2), error))
            return match.group(1) * 2  # an empty string: no URL at all
        return match.group(0)

    cleaned = _QUOTED_URL.sub(fix_quoted, _HREF.sub(fix_href, text))
    if not broken:
        return page, []
    encoding = page.encoding
    body = cleaned.encode(encoding, "xmlcharrefreplace")
    return HtmlResponse(url=page.url, status=page.status, headers=page.headers, body=body, encoding=encoding,
                        request=page.request), broken


_ANCHOR = re.compile(r"<a\b[^>]{0,2048}?\bhref\s*=[^>]{0,4096}>.{0,2048}?</a\s*>", re.I | re.S)
_FILE_HINT = re.compile(r"\.(?:pdf|docx?|wps|xlsx?|et|ofd|rtf)\b|download|downfile|getfile|attach|fileid=|filename=|"
                        r"附件|下载", re.I)
#: at most this many attachment-like links are read from one large page
MAX_LARGE_PAGE_LINKS = 1000
#: the head of a large page that its title and date are read from
LARGE_PAGE_HEAD = 256 * 1024


def large_page_views(page, limit: int):
    """``(head, links)`` views of a page larger than ``limit`` bytes, or ``(page, page)``.

    A parsed HTML tree costs about 25 times the page's size in memory (a 50 MB page of
    links: 1.2 GB), so a large report page is never parsed whole: its title and date are
    read from its first 256 KB, its attachments from its attachment-like ``<a>`` elements
    (at most :data:`MAX_LARGE_PAGE_LINKS`). The page itself is stored as it came.

    :param page: a decoded HtmlResponse
    :param limit: pages up to this many bytes are returned as they are (0: no limit)
    """
    if not limit or len(page.body) <= limit:
        return page, page
    encoding = page.encoding
    head = HtmlResponse(url=page.url, body=page.body[:LARGE_PAGE_HEAD], encoding=encoding, request=page.request)
    anchors = []
    for match in _ANCHOR.finditer(page.text):
        if _FILE_HINT.search(match.group(0)):
            anchors.append(match.group(0))
            if len(anchors) >= MAX_LARGE_PAGE_LINKS:
                break
    body = ("<html><body>" + "\n".join(anchors) + "</body></html>").encode(encoding, "xmlcharrefreplace")
    return head, HtmlResponse(url=page.url, body=body, encoding=encoding, request=page.request)


class ReportsSpider(scrapy.Spider):
    """Harvest 政府信息公开工作年度报告 from one portal.

    Limits per column (settings, defaults in :data:`crawler.middlewares.limits.COLUMN_DEFAULTS`):
    ``OGI_MAX_LIST_PAGES`` list pages per column, ``OGI_MAX_LIST_DEPTH`` list pages whose
    URL changes shape on the way from the start page, ``OGI_MAX_URL_GROWTH`` pager links
    that make their page's own URL longer (``index_1_1_1.html``, ``?page=1&page=2``), and
    ``OGI_MAX_LIST_PAGE_BYTES`` per list page. Each limit reached is a failure row.
    Every link that cannot be requested (``C:\\…``, ``tel:``, ``file:``, a malformed host,
    a URL longer than ``OGI_MAX_URL_LENGTH``) is a failure row, and the page's other
    links are still followed.
    """

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
        self._list_urls: dict[str, set[str]] = {}  # column → list URLs scheduled
        self._limited: set[tuple[str, str]] = set()  # (column, limit) already recorded
        self._recorded_links: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._request_dropped, signal=signals.request_dropped)
        return spider

    def _setting(self, name: str) -> int:
        default = COLUMN_DEFAULTS.get(name, DEFAULTS.get(name, 0))
        settings = getattr(self, "settings", None)  # None before the spider is bound to a crawler
        return settings.getint(name, default) if settings is not None else default

    async def start(self):
        for url in self.start_urls:
            request = self._request(url, self.parse_list, self._list_meta("start", 0, url, 0, 0), None,
                                    dont_filter=True)
            if request is not None:
                self._list_urls.setdefault(url, set()).add(url)
                yield request

    # --- requests -----------------------------------------------------------------

    def _list_meta(self, role: str, depth: int, column: str, list_depth: int, growth: int) -> dict:
        return {"ogi_role": role, "ogi_depth": depth, "ogi_column": column, "ogi_list_depth": list_depth,
                "ogi_growth": growth, "download_maxsize": self._setting("OGI_MAX_LIST_PAGE_BYTES")}

    def _request(self, url: str, callback, meta: dict, found_on: str | None, **kwargs):
        """A request for ``url``, or None (with a failure row) when it can never be sent."""
        reason = too_long(url, self._setting("OGI_MAX_URL_LENGTH"))
        if reason is None:
            reason = offsite_reason(url, self.allowed_domains) if self.allowed_domains else url_problem(url)
        if reason is None:
            try:
                return scrapy.Request(url, callback=callback, errback=self.on_error, meta=meta, **kwargs)
            except (ValueError, TypeError) as exc:
                reason = f"unusable link: {exc}"
        self._unusable(url, reason, found_on)
        return None

    def _unusable(self, url: str, reason: str, found_on: str | None) -> None:
        self.crawler.stats.inc_value("ogi/unusable_links")
        if url in self._recorded_links or len(self._recorded_links) >= MAX_RECORDED_LINKS:
            return
        self._recorded_links.add(url)
        where = f" (linked from {found_on})" if found_on else ""
        self._failure(url if len(url) <= 2100 else url[:2100] + "…", f"{reason}{where}")

    def _failure(self, url: str, reason: str, status: int | None = None) -> None:
        self.crawler.stats.inc_value("ogi/failed")
        self.crawler.stats.inc_value(f"ogi/failed/{reason.split(':')[0].split(' (')[0]}")
        open_store(self.crawler).record_failure(
            url, reason, portal=self.portal_name, run_id=getattr(self, "ogi_run_id", None), status=status
        )
        self.logger.warning("failed %s: %s", url[:300], reason)

    def _readable(self, page, read):
        """``read(page)``; a page whose broken links make the reader raise is read without them.

        :return: what ``read`` returns, or None when the page cannot be read at all (failure row)
        """
        try:
            return read(page)
        except ValueError:
            cleaned, broken = without_broken_links(page)
            for href, error in broken:
                self._unusable(href, f"malformed link: {error}", page.url)
        except Exception as exc:  # noqa: BLE001 - a failure row, never a lost page
            self._failure(page.url, f"page could not be read: {type(exc).__name__}: {exc}")
            return None
        try:
            return read(cleaned)
        except Exception as exc:  # noqa: BLE001
            self._failure(page.url, f"page could not be read: {type(exc).__name__}: {exc}")
            return None

    # --- list pages ---------------------------------------------------------------

    def _follow_list(self, url: str, response, role: str, depth: int):
        """A request for another list page of the column, within the column's limits, or None."""
        column = response.meta.get("ogi_column") or response.url
        if role == "start":
            column = url  # a column found by discovery is a column of its own
        seen = self._list_urls.setdefault(column, set())
        if url in seen:
            return None
        list_depth = response.meta.get("ogi_list_depth", 0) + (url_shape(url) != url_shape(response.url))
        growth = response.meta.get("ogi_growth", 0) + grows(response.url, url)
        limits = (("OGI_MAX_URL_GROWTH", growth, "pagination trap: the list page URL grows without end "
                   f"({url[-120:]} from {response.url[-120:]})"),
                  ("OGI_MAX_LIST_DEPTH", list_depth, "list-page depth limit reached"),
                  ("OGI_MAX_LIST_PAGES", len(seen) + 1, f"more list pages in column {column} than the limit"))
        for setting, value, what in limits:
            limit = self._setting(setting)
            if limit and value > limit:
                self.crawler.stats.inc_value(f"ogi/limit/{setting}")
                if (column, setting) not in self._limited:
                    self._limited.add((column, setting))
                    self._failure(url, f"crawl limit reached: {what} ({setting} = {limit}); "
                                       "further list pages of this column not followed")
                return None
        request = self._request(url, self.parse_list, self._list_meta(role, depth, column, list_depth, growth),
                                response.url)
        if request is not None:
            seen.add(url)
        return request

    def parse_list(self, response):
        page = as_text_response(response)
        adapter = adapter_for(self.profile.cms, page, self.profile.selectors)
        self.crawler.stats.inc_value("ogi/list_pages")
        entries = self._readable(page, adapter.entries) or []
        reports = [entry for entry in entries if entry.is_report]
        site = page_site(page.text)
        for entry in reports:
            self.crawler.stats.inc_value("ogi/reports_listed")
            info = parse_title(entry.title)
            meta = {"ogi_conditional": True, "ogi_list_url": response.url, "ogi_title": info.title,
                    "download_maxsize": self.settings.getint("OGI_MAX_FILE_BYTES"),
                    "ogi_year": info.year, "ogi_body": info.body or self.profile.body or None,
                    "ogi_published": entry.published, SITE_META: site}
            try:
                listed_file = is_attachment_url(entry.url)
            except ValueError:
                listed_file = False
            # listed as the file itself: no report page
            callback = self.parse_attachment if listed_file else self.parse_report_page
            request = self._request(entry.url, callback, meta, response.url)
            if request is not None:
                yield request
        is_start = response.meta.get("ogi_role") == "start"
        # A start page without reports may be a home page (discovery follows below); its
        # numbered links are taken for a pager only with a CMS pager or many dated items.
        looks_like_list = (bool(reports) or not is_start or adapter.name != "generic"
                           or sum(1 for entry in entries if entry.published) >= 5 or is_column_page(page))
        depth = response.meta.get("ogi_depth", 0)
        if looks_like_list:
            next_pages = self._readable(page, adapter.next_requests) or []
            for next_page in next_pages:
                url = next_page.url
                if url != response.url and url not in self.start_urls:
                    request = self._follow_list(url, response, "list", depth)
                    if request is not None:
                        yield with_form(request, next_page)
        if is_start:  # discovery when no reports; year sub-columns of a column
            links = self._readable(page, lambda p: next_columns(
                p, has_reports=bool(reports), depth=depth,
                max_depth=self.settings.getint("OGI_DISCOVERY_DEPTH", 2))) or []
            self.logger.info("discovery on %s: %s", response.url, links)
            for url in links:
                request = self._follow_list(url, response, "start", depth + 1)
                if request is not None:
                    yield request

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
            _, links = large_page_views(page, self._setting("OGI_MAX_LIST_PAGE_BYTES"))
        else:
            content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
            if content_type and "html" not in content_type and "text" not in content_type:
                yield self._item(response, "attachment")  # the list linked the file itself
                return
            page = as_text_response(response)
            response.meta[SITE_META] = page_site(page.text, response.meta.get(SITE_META))
            head, links = large_page_views(page, self._setting("OGI_MAX_LIST_PAGE_BYTES"))
            item = self._item(response, "page")
            item.title = item.title or page_title(head)
            item.published = item.published or page_published(head)
            yield item
        if links is not page:
            self.crawler.stats.inc_value("ogi/large_report_pages")
        for url, _text in self._readable(links, attachment_links) or []:
            meta = {key: value for key, value in response.meta.items() if key.startswith("ogi_")
                    and key not in ("ogi_warc",)}
            meta.update(ogi_conditional=True, ogi_page_url=response.url,
                        download_maxsize=self.settings.getint("OGI_MAX_FILE_BYTES"))
            request = self._request(url, self.parse_attachment, meta, response.url)
            if request is not None:
                yield request

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
            warc_file=warc_file, warc_record_id=warc_id, **site_fields(meta),
            extra={"content_disposition": (headers.get(b"Content-Disposition") or b"").decode("utf-8", "replace")},
        )

    # --- failures -----------------------------------------------------------------

    def on_error(self, failure):
        """Record every failed request with its URL and reason; the crawl goes on."""
        request = failure.request
        if isinstance(failure.value, CrawlLimitReached):
            self.crawler.stats.inc_value("ogi/not_requested_after_limit")
            return  # the limit itself is one failure row
        status, reason = failure_reason(failure)
        chain = request.meta.get("redirect_urls") or []
        self._failure(chain[0] if chain else request.url, reason, status)  # the URL the portal links

    def _request_dropped(self, request, spider=None):
        """A redirect that leads back into its own chain is a failure row, not a silent drop."""
        chain = request.meta.get("redirect_urls") or []
        reason = redirect_cycle(request.url, chain)
        if reason:
            self._failure(chain[0], reason)
