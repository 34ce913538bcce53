"""JSON list APIs, such as Guangdong's gkmlpt: ``/gkmlpt/api/all/{column}?page=N``.

A page answers ``{"articles": [{"title", "url", "publish_time"}, …], "total": N}``;
``publish_time`` is a date string or a Unix time (read as Beijing time). From an HTML page that names a
``/gkmlpt/api/…`` URL, the adapter goes to that API; from a gkmlpt shell page
(``/gkmlpt/index#N`` with ``window._CONFIG = {SID: '…', …}``) it asks
``/gkmlpt/api/all/N?page=1&sid=SID`` for the column N the URL's fragment names.
"""
from __future__ import annotations

import json
import math
import re
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from crawler.cms.base import ListAdapter, ListEntry
from crawler.recognition import find_date

_API_IN_PAGE = re.compile(r"['\"]([^'\"\s]*/gkmlpt/api/all/\d+[^'\"\s]*)['\"]")
_ARTICLE_KEYS = ("articles", "data", "list", "items")
_CONFIG = re.compile(r"window\._CONFIG\s*=\s*\{(.*?)\}\s*;?", re.S)
_SID = re.compile(r"""\bSID['"]?\s*:\s*['"]?(\d+)""")

#: Unix times in Chinese portals' APIs are read as Beijing time
BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")
#: never generate more API pages than this
MAX_PAGES = 500


def _load(response) -> dict | None:
    text = response.text.lstrip()
    if not text.startswith("{"):
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _articles(data: dict) -> list[dict]:
    for key in _ARTICLE_KEYS:
        value = data.get(key)
        if isinstance(value, list):
            return [a for a in value if isinstance(a, dict)]
        if isinstance(value, dict):
            return _articles(value)
    return []


def _date(value) -> str | None:
    if isinstance(value, (int, float)) and value > 0:
        seconds = value / 1000 if value > 1e11 else value
        return datetime.fromtimestamp(seconds, BEIJING).strftime("%Y-%m-%d")
    return find_date(str(value)) if value else None


def with_page(url: str, page: int) -> str:
    """``url`` with its ``page`` query parameter set to ``page``."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "page"] + [("page", str(page))]
    return urlunsplit(parts._replace(query=urlencode(query)))


class JsonApiAdapter(ListAdapter):
    """gkmlpt-style JSON list APIs (and the HTML pages that point at them)."""

    name = "jsonapi"

    @classmethod
    def detect(cls, response) -> bool:
        data = _load(response)
        return (bool(data and _articles(data)) or bool(_API_IN_PAGE.search(response.text))
                or bool(_CONFIG.search(response.text)))

    def entries(self, response) -> list[ListEntry]:
        data = _load(response)
        if data is None:
            return []
        out = []
        for article in _articles(data):
            url = article.get("url") or article.get("link") or article.get("href")
            title = article.get("title") or article.get("doctitle")
            if url and title:
                published = _date(article.get("publish_time") or article.get("first_publish_time")
                                  or article.get("date"))
                out.append(ListEntry(response.urljoin(url), str(title), published))
        return out

    def next_pages(self, response) -> list[str]:
        data = _load(response)
        if data is None:
            match = _API_IN_PAGE.search(response.text)
            if match:
                return [with_page(response.urljoin(match.group(1)), 1)]
            return [url for url in [config_api_url(response)] if url]
        page = dict(parse_qsl(urlsplit(response.url).query)).get("page", "1")
        if page != "1":
            return []  # later pages are generated from the first
        per_page = len(_articles(data)) or 1
        total = int(data.get("total") or data.get("count") or 0)
        pages = min(math.ceil(total / per_page), MAX_PAGES)
        return [with_page(response.url, p) for p in range(2, pages + 1)]


def config_api_url(response) -> str | None:
    """The API URL of a gkmlpt shell page's column: ``/gkmlpt/api/all/N?page=1&sid=SID``.

    N is the URL fragment (``/gkmlpt/index#2811``), SID from ``window._CONFIG``; None when
    either is missing (the whole-site listing is never guessed).
    """
    config = _CONFIG.search(response.text)
    sid = _SID.search(config.group(1)) if config else None
    # Scrapy drops the fragment from a response's URL; the request keeps it
    request = getattr(response, "request", None)
    asked = getattr(request, "url", None) or response.url
    fragment = urlsplit(response.url).fragment or urlsplit(asked).fragment
    if not sid or not fragment.isdigit():
        return None
    base = response.url.split("/gkmlpt/")[0] if "/gkmlpt/" in response.url else response.urljoin("/").rstrip("/")
    return f"{base}/gkmlpt/api/all/{fragment}?page=1&sid={sid.group(1)}"
