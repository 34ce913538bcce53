"""TRS WCM lists: static ``index.html``, ``index_1.html``, … paged by a script.

Pager forms: ``createPageHTML(6, 0, "index", "html")``, the newer
``createPageHTML('page_div', 12, 1, 'index', 'shtml', 180)``, inline scripts with
``var countPage = 2`` / ``var currentPage = 0`` (as on Ordos' portals), and pager
configurations giving ``recordCount: '20'``, ``prepage: 10`` and ``maxStaticIndex: 1``:
ceil(recordCount / prepage) pages, of which ``index_1`` … ``index_{maxStaticIndex}`` are
static files (later pages come from a search service and are not requested).
A TRS page is also told by its article links, ``./202009/t20200903_2748784.html``.
"""
from __future__ import annotations

import math
import re
from urllib.parse import urlsplit

from crawler.cms.base import ListAdapter, numbered_pages
from crawler.cms.generic import GenericAdapter

_CREATE_PAGE = re.compile(
    r"createPageHTML\(\s*(?:['\"][^'\"]*['\"]\s*,\s*)?"  # newer pagers pass the pager's element id first
    r"['\"]?(\d+)['\"]?\s*,\s*['\"]?(\d+)['\"]?\s*,\s*['\"]([\w-]+)['\"]\s*,\s*['\"](\w+)['\"]"
)
_COUNT_PAGE = re.compile(r"var\s+countPage\s*=\s*(\d+)")
_PAGE_EXT = re.compile(r"index\"?\s*\+?\s*\"?_\"?.*?\"\.?\"?\s*\+?\s*\"(s?html?)\"|index_\d+\.(s?html?)")
_RECORD_COUNT = re.compile(r"\brecordCount['\"]?\s*[:=]\s*['\"]?(\d+)")
_PER_PAGE = re.compile(r"\b(?:prepage|perPage|pageSize)['\"]?\s*[:=]\s*['\"]?(\d+)", re.I)
_MAX_STATIC = re.compile(r"\bmaxStaticIndex['\"]?\s*[:=]\s*['\"]?(\d+)")
#: TRS article file names: t + publication date + _ + document id
ARTICLE_LINK = re.compile(r"""href\s*=\s*["'][^"']*/t(?:19|20)\d{6}_\d+\.s?html?["']""", re.I)

#: never generate more list pages than this from one pager
MAX_PAGES = 500


class TrsAdapter(ListAdapter):
    """TRS WCM list pages."""

    name = "trs"

    @classmethod
    def detect(cls, response) -> bool:
        text = response.text
        return bool(_CREATE_PAGE.search(text) or _COUNT_PAGE.search(text) or "TRS_Editor" in text
                    or (_MAX_STATIC.search(text) and _RECORD_COUNT.search(text))
                    or len(ARTICLE_LINK.findall(text)) >= 2)

    def next_pages(self, response) -> list[str]:
        text = response.text
        match = _CREATE_PAGE.search(text)
        if match:
            count, stem, ext = int(match.group(1)), match.group(3), match.group(4)
            return numbered_pages(response.url, stem, ext, count, MAX_PAGES)
        match = _COUNT_PAGE.search(text)
        if match:
            return numbered_pages(response.url, "index", _extension(text, response.url), int(match.group(1)),
                                  MAX_PAGES)
        records, per_page, static = (_RECORD_COUNT.search(text), _PER_PAGE.search(text), _MAX_STATIC.search(text))
        if records and per_page and static and int(per_page.group(1)) > 0:
            pages = math.ceil(int(records.group(1)) / int(per_page.group(1)))
            count = min(pages, int(static.group(1)) + 1)
            return numbered_pages(response.url, "index", _extension(text, response.url), count, MAX_PAGES)
        return GenericAdapter.next_pages(self, response)  # no pager script: 下一页 and numbered links


def _extension(text: str, url: str) -> str:
    """The list pages' extension: as the script spells it, else the page's own, else html."""
    match = _PAGE_EXT.search(text)
    if match:
        return next(g for g in match.groups() if g)
    own = re.search(r"\.(s?html?)$", urlsplit(url).path)
    return own.group(1) if own else "html"
