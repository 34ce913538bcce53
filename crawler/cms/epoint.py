"""Epoint (新点) portals: lists built from ``ewb-`` classes, paged by an ``ewb-page`` pager.

Rows are ``li.ewb-list-node`` / ``.ewb-info-item`` / ``.ewb-com-item`` with a link and a
date; the pager (``.ewb-page``) holds numbered links, 下一页, and often only a script
call with the page count (``共 N 页`` beside links to ``2.html``), from which the other
static pages ``2.html`` … ``N.html`` next to the first are generated.
"""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from crawler.cms.base import ListAdapter
from crawler.cms.generic import GenericAdapter

_EWB = re.compile(r"class\s*=\s*[\"'][^\"']*\bewb-[\w-]+", re.I)
_ROWS = "li.ewb-list-node, .ewb-info-item, .ewb-com-item, .ewb-list li"
_TOTAL_PAGES = re.compile(r"共\s*(\d{1,4})\s*页")
_NEXT_OR_NUMBER = re.compile(r"^(?:\d{1,4}|下一?页|后一?页|next|>|»)$", re.I)
_PAGE_NAME = re.compile(r"^(?:\d+|list|index|moreinfo)\.html$")

#: never generate more list pages than this
MAX_PAGES = 500


class EpointAdapter(ListAdapter):
    """Epoint list pages."""

    name = "epoint"

    @classmethod
    def detect(cls, response) -> bool:
        return len(_EWB.findall(response.text)) >= 3

    def _anchors(self, response):
        if self.selectors.get("item") or not response.css(_ROWS):
            yield from super()._anchors(response)
            return
        for row in response.css(_ROWS):
            for anchor in row.css("a[href]")[:1]:
                yield row, anchor

    def next_pages(self, response) -> list[str]:
        pager = response.css("[class*='ewb-page'], .m-pagination, #page")
        if not pager:
            return GenericAdapter.next_pages(self, response)
        out: list[str] = []
        for anchor in pager.css("a[href]"):
            href = anchor.attrib["href"].strip()
            text = " ".join(anchor.css("::text").getall()).strip()
            if href.lower().startswith("javascript:") or href.startswith("#"):
                continue
            if _NEXT_OR_NUMBER.match(text):
                out.append(response.urljoin(href))
        total = _TOTAL_PAGES.search(" ".join(pager.css("::text").getall()))
        name = urlsplit(response.url).path.rsplit("/", 1)[-1] or "index.html"
        if total and _PAGE_NAME.match(name):
            out.extend(urljoin(response.url, f"{n}.html") for n in range(2, min(int(total.group(1)), MAX_PAGES) + 1))
        seen: list[str] = []
        for url in out:
            if url != response.url and url not in seen:
                seen.append(url)
        return seen
