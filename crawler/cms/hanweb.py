"""Hanweb (大汉) lists: records in ``<script type="text/xml">`` as ``<record><![CDATA[…]]></record>``.

The page holds the first group of records and a ``<nextgroup>`` link to
``/module/web/jpage/dataproxy.jsp``; further records come from that endpoint with
``startrecord``/``endrecord``/``perpage`` parameters, in the same XML form.
"""
from __future__ import annotations

import re
from urllib.parse import urlencode

from parsel import Selector

from crawler.cms.base import ListAdapter

_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S)
_TOTAL = re.compile(r"<totalrecord>\s*(\d+)\s*</totalrecord>")
_NEXTGROUP = re.compile(r"<nextgroup>\s*<!\[CDATA\[.*?href=['\"]([^'\"]*dataproxy\.jsp[^'\"]*)['\"]", re.S)
_PROXY = re.compile(r"['\"]([^'\"\s]*dataproxy\.jsp[^'\"\s]*)['\"]")
_PERPAGE = re.compile(r"perpage['\"]?\s*[:=]\s*['\"]?(\d+)")

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
        return "dataproxy.jsp" in text or bool(_RECORD.search(text) and "datastore" in text)

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
