"""Hanweb (大汉) lists: records in ``<script type="text/xml">`` as ``<record><![CDATA[…]]></record>``.

The page holds the first group of records and a ``<nextgroup>`` link to
``/module/web/jpage/dataproxy.jsp``; further records come from that endpoint with
``startrecord``/``endrecord``/``perpage`` parameters, in the same XML form. The endpoint
is POSTed to (as Hanweb's ``jpage.js`` does): the range in the query string, the column
(``col``, ``appid``, ``webid``, ``path``, ``columnid``, ``unitid``, ``webname``,
``permissiontype``) as the form. Hanweb columns live at ``/col/colN/index.html`` and
articles at ``/art/YYYY/M/D/art_N_N.html``.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from parsel import Selector

from crawler.cms.base import ListAdapter, PageRequest

_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S)
_TOTAL = re.compile(r"<totalrecord>\s*(\d+)\s*</totalrecord>")
_NEXTGROUP = re.compile(r"<nextgroup>\s*<!\[CDATA\[.*?href=['\"]([^'\"]*dataproxy\.jsp[^'\"]*)['\"]", re.S)
_PROXY = re.compile(r"['\"]([^'\"\s]*dataproxy\.jsp[^'\"\s]*)['\"]")
_PERPAGE = re.compile(r"perpage['\"]?\s*[:=]\s*['\"]?(\d+)")
_COLUMN_URL = re.compile(r"/col/col\d+/")
_ARTICLE_LINK = re.compile(r"""href\s*=\s*["'][^"']*/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html""")
#: the form fields jpage.js sends with every record request, where the page does not give them
FORM_DEFAULTS = (("col", "1"), ("appid", "1"))
_RANGE_KEYS = {"startrecord", "endrecord", "perpage"}

#: never generate more record requests than this
MAX_GROUPS = 200


class _Fragment:
    """A record's HTML fragment, answering ``css`` and ``urljoin`` like the list page."""

    def __init__(self, html: str, url: str, urljoin):
        self.selector = Selector(text=html)
        self.url = url
        self.urljoin = urljoin

    def css(self, query):
        return self.selector.css(query)


class HanwebAdapter(ListAdapter):
    """Hanweb list pages and their dataproxy.jsp record responses."""

    name = "hanweb"

    @classmethod
    def detect(cls, response) -> bool:
        text = response.text
        return ("dataproxy.jsp" in text or bool(_RECORD.search(text) and "datastore" in text)
                or (bool(_COLUMN_URL.search(response.url)) and len(_ARTICLE_LINK.findall(text)) >= 2))

    def _anchors(self, response):
        records = _RECORD.findall(response.text)
        if not records:
            yield from super()._anchors(response)
            return
        for html in records:
            fragment = _Fragment(html, response.url, response.urljoin)
            yield from super()._anchors(fragment)

    def next_pages(self, response) -> list[str]:
        text = response.text
        if "startrecord=" in response.url:
            return []  # record responses are generated from the first page
        total = _TOTAL.search(text)
        match = _NEXTGROUP.search(text) or _PROXY.search(text)
        if not total or not match:
            return []
        total_records = int(total.group(1))
        inline = len(_RECORD.findall(text))
        perpage_match = _PERPAGE.search(text)
        perpage = int(perpage_match.group(1)) if perpage_match else 15
        group = max(inline, perpage * 3)
        proxy = response.urljoin(match.group(1).replace("&amp;", "&"))
        sep = "&" if "?" in proxy else "?"
        out = []
        for start in range(inline + 1, total_records + 1, group)[:MAX_GROUPS]:
            end = min(start + group - 1, total_records)
            out.append(proxy + sep + urlencode({"startrecord": start, "endrecord": end, "perpage": perpage}))
        return out

    def next_requests(self, response) -> list[PageRequest]:
        """The record ranges as POSTs: range in the query, column in the form."""
        out = []
        for url in self.next_pages(response):
            parts = urlsplit(url)
            query = parse_qsl(parts.query, keep_blank_values=True)
            ranges = [(k, v) for k, v in query if k in _RANGE_KEYS]
            form = [(k, v) for k, v in query if k not in _RANGE_KEYS and k != "page"]
            names = {k for k, _ in form}
            form = [pair for pair in FORM_DEFAULTS if pair[0] not in names] + form
            out.append(PageRequest(urlunsplit(parts._replace(query=urlencode(ranges))), "POST", tuple(form)))
        return out
