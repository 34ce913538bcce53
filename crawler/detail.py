"""Report pages: their title and date, and the attachment links (附件, 点击下载, download handlers)."""
from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

from crawler.recognition import find_date

#: file types a report comes in
ATTACHMENT_EXTENSIONS = {".pdf", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".et", ".ofd", ".rtf"}
_HANDLER = re.compile(r"download|downfile|downloadfile|getfile|attach|fileid=|filename=", re.I)
_LINK_TEXT = re.compile(r"附件|点击下载|下载|\.(?:pdf|docx?|wps|xlsx?|ofd)\s*$", re.I)
_PUBLISHED = re.compile(r"(?:发布|公开|成文|印发)(?:日期|时间)\s*[:：]?\s*([0-9０-９年月日./\-\s]{8,20})")
_NOT_ATTACHMENTS = {".jpg", ".jpeg", ".png", ".gif", ".html", ".htm", ".shtml", ".js", ".css"}
_SITE_SUFFIX = re.compile(r"\s*[_|\-—－]\s*[^_|\-—－]*(?:网|政府|门户|委员会|局|办公室|公开)[^_|\-—－]*$")


def is_attachment_url(url: str) -> bool:
    """True for URLs of report files (by extension, or a download handler with a query string).

    :param url: an absolute URL
    """
    parts = urlsplit(url)
    if os.path.splitext(parts.path)[1].lower() in ATTACHMENT_EXTENSIONS:
        return True
    return bool(parts.query and _HANDLER.search(parts.path + "?" + parts.query))


def attachment_links(response) -> list[tuple[str, str]]:
    """``(url, link text)`` of every attachment on a report page, in page order.

    :param response: the report page
    """
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for anchor in response.xpath("//a[@href]"):
        href = anchor.attrib["href"].strip()
        if not href or href.lower().startswith(("javascript:", "mailto:", "#")):
            continue
        url = response.urljoin(href)
        parts = urlsplit(url)
        if os.path.splitext(parts.path)[1].lower() in _NOT_ATTACHMENTS or url in seen:
            continue
        if is_attachment_url(url):
            text = anchor.xpath("normalize-space(string())").get("")
        elif parts.query:
            text = anchor.xpath("normalize-space(string())").get("")
            if not _LINK_TEXT.search(text):
                continue
        else:
            continue
        seen.add(url)
        out.append((url, text))
    return out


def page_title(response) -> str | None:
    """The article title of a report page (meta ArticleTitle, UCAP's ``<UCAPTITLE>``, h1, or
    the page title without the site)."""
    for query in ('meta[name="ArticleTitle"]::attr(content)', "ucaptitle ::text", "h1 ::text", ".title ::text",
                  "#title ::text"):
        text = "".join(response.css(query).getall()).strip()
        if text:
            return text
    title = "".join(response.css("title ::text").getall()).strip()
    return _SITE_SUFFIX.sub("", title) or None


def page_published(response) -> str | None:
    """The publication date a report page states (meta PubDate, 发布日期：…)."""
    meta = response.css('meta[name="PubDate"]::attr(content)').get()
    if meta and find_date(meta):
        return find_date(meta)
    text = " ".join(response.css("body ::text").getall())
    match = _PUBLISHED.search(text)
    return find_date(match.group(1)) if match else None
