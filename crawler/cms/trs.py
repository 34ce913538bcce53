"""TRS WCM lists: static ``index.html``, ``index_1.html``, … paged by a ``createPageHTML`` script.

Pager forms: ``createPageHTML(6, 0, "index", "html")``, the newer
``createPageHTML('page_div', 12, 1, 'index', 'shtml', 180)``, and inline scripts with
``var countPage = 2`` / ``var currentPage = 0`` (as on Ordos' portals).
"""
from __future__ import annotations

import re

from crawler.cms.base import ListAdapter, numbered_pages

_CREATE_PAGE = re.compile(
    r"createPageHTML\(\s*(?:['\"][^'\"]*['\"]\s*,\s*)?"  # newer pagers pass the pager's element id first
    r"['\"]?(\d+)['\"]?\s*,\s*['\"]?(\d+)['\"]?\s*,\s*['\"]([\w-]+)['\"]\s*,\s*['\"](\w+)['\"]"
)
_COUNT_PAGE = re.compile(r"var\s+countPage\s*=\s*(\d+)")
_PAGE_EXT = re.compile(r"index\"?\s*\+?\s*\"?_\"?.*?\"\.?\"?\s*\+?\s*\"(s?html?)\"|index_\d+\.(s?html?)")

#: never generate more list pages than this from one pager
MAX_PAGES = 500


class TrsAdapter(ListAdapter):
    """TRS WCM list pages."""

    name = "trs"

    @classmethod
    def detect(cls, response) -> bool:
        text = response.text
        return bool(_CREATE_PAGE.search(text) or _COUNT_PAGE.search(text)) or "TRS_Editor" in text

    def next_pages(self, response) -> list[str]:
        text = response.text
        match = _CREATE_PAGE.search(text)
        if match:
            count, stem, ext = int(match.group(1)), match.group(3), match.group(4)
            return numbered_pages(response.url, stem, ext, count, MAX_PAGES)
        match = _COUNT_PAGE.search(text)
        if match:
            ext_match = _PAGE_EXT.search(text)
            ext = next((g for g in ext_match.groups() if g), "html") if ext_match else "html"
            return numbered_pages(response.url, "index", ext, int(match.group(1)), MAX_PAGES)
        return []
