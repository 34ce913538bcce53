"""The shared base of the CMS adapters: read a list page into entries and find its other pages.

An adapter works on a Scrapy ``TextResponse`` (or any object with ``url``, ``text``,
``css`` and ``urljoin``) and does no I/O, so it can be tested on saved pages. Each CMS
module subclasses :class:`ListAdapter` and changes only what differs on that CMS.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode, urljoin

from crawler.recognition import date_from_url, find_date, is_annual_report, parse_title

_SKIP_HREF = re.compile(r"^(?:javascript:|mailto:|tel:|#)", re.I)
_ROW_TAGS = ("li", "tr", "dl", "p")


@dataclass(frozen=True)
class PageRequest:
    """Another list page of the column: its URL and, for a POST, the form to send."""

    url: str
    method: str = "GET"
    formdata: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict:
        return {"url": self.url, "method": self.method, "formdata": dict(self.formdata)}


def with_form(request, page: PageRequest):
    """``request`` (a Scrapy request for ``page.url``) as ``page`` asks: a form POST, or unchanged.

    :param request: a ``scrapy.Request`` for the page's URL
    :param page: what the adapter asked for
    """
    if page.method != "POST":
        return request
    return request.replace(method="POST", body=urlencode(page.formdata),
                           headers={"Content-Type": "application/x-www-form-urlencoded"})


@dataclass
class ListEntry:
    """One link on a list page: absolute URL, title as shown, and the listed date if any."""

    url: str
    title: str
    published: str | None = None

    @property
    def is_report(self) -> bool:
        return is_annual_report(self.title)

    def as_dict(self) -> dict:
        info = parse_title(self.title)
        return {"url": self.url, "title": info.title, "year": info.year, "body": info.body,
                "published": self.published}


def _text(selector) -> str:
    return " ".join(t.strip() for t in selector.xpath(".//text()").getall() if t.strip())


class ListAdapter:
    """Base adapter: every titled link of the page is an entry; no pagination.

    :param selectors: optional CSS selectors from the portal profile: ``item`` (one list
        row), ``link`` (the report link inside a row, default ``a``)
    """

    #: the CMS kind a profile names (``cms = "trs"``)
    name = "base"

    def __init__(self, selectors: dict | None = None):
        self.selectors = dict(selectors or {})

    @classmethod
    def detect(cls, response) -> bool:
        """True when the page looks like this CMS."""
        return False

    def entries(self, response) -> list[ListEntry]:
        """Every entry on the list page, in page order, without duplicates."""
        seen: set[str] = set()
        out: list[ListEntry] = []
        for row, anchor in self._anchors(response):
            entry = self.parse_entry(response, row, anchor)
            if entry and entry.url not in seen:
                seen.add(entry.url)
                out.append(entry)
        return out

    def report_entries(self, response) -> list[ListEntry]:
        """The entries whose title is an annual report."""
        return [e for e in self.entries(response) if e.is_report]

    def next_pages(self, response) -> list[str]:
        """Absolute URLs of the column's other list pages reachable from this one."""
        return []

    def next_requests(self, response) -> list[PageRequest]:
        """The column's other list pages as requests (a CMS whose pages answer only POST
        overrides this); by default a GET of each of :meth:`next_pages`."""
        return [PageRequest(url) for url in self.next_pages(response)]

    # --- the hook -------------------------------------------------------------------

    def parse_entry(self, response, row, anchor) -> ListEntry | None:
        """Turn one link (and its list row) into an entry, or None to skip it.

        This is the one method a portal-specific adapter overrides.
        """
        href = (anchor.attrib.get("href") or "").strip()
        if not href or _SKIP_HREF.match(href):
            return None
        title = (anchor.attrib.get("title") or "").strip() or _text(anchor)
        if not title:
            return None
        url = response.urljoin(href)
        published = find_date(_text(row)) if row is not None else None
        return ListEntry(url=url, title=title, published=published or date_from_url(url))

    # --- helpers --------------------------------------------------------------------

    def _anchors(self, response):
        item_css = self.selectors.get("item")
        link_css = self.selectors.get("link", "a")
        if item_css:
            for row in response.css(item_css):
                for anchor in row.css(link_css)[:1]:
                    yield row, anchor
            return
        for anchor in response.css("a[href]"):
            yield _row_of(anchor), anchor


def _row_of(anchor):
    """The list row around a link (``li``, ``tr``, ``dl``), or the link's parent."""
    for depth in range(1, 5):
        ancestors = anchor.xpath("ancestor::*[%d]" % depth)
        if not ancestors:
            break
        node = ancestors[0]
        if node.root.tag in _ROW_TAGS:
            return node
    parent = anchor.xpath("..")
    return parent[0] if parent else None


def numbered_pages(base_url: str, stem: str, ext: str, count: int, limit: int) -> list[str]:
    """TRS-style page URLs ``stem_1.ext`` … ``stem_{count-1}.ext`` next to ``base_url``."""
    return [urljoin(base_url, f"{stem}_{i}.{ext}") for i in range(1, min(count, limit))]
