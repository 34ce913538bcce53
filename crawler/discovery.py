"""Find a portal's annual-report column from its home page or its 政府信息公开 page, by link text."""
from __future__ import annotations

import re

from crawler.recognition import normalize_title

#: link texts of the annual-report column, best first
COLUMN_TEXTS = (
    re.compile(r"^政府信息公开(?:工作)?年(?:度)?报(?:告)?$"),
    re.compile(r"^(?:政务)?信息公开(?:工作)?年(?:度)?报(?:告)?$"),
    re.compile(r"信息公开.*年(?:度)?报"),
    re.compile(r"^年度报告$|^年报$|^公开年报$"),
)
#: link texts of the open-government-information section, where the column usually sits
SECTION_TEXTS = (
    re.compile(r"^政府信息公开$|^信息公开$|^政务公开$|^政府信息公开专栏$|^法定主动公开内容$"),
    re.compile(r"^政府信息公开(?:目录|平台)$|^信息公开目录$"),
)


def _ranked(response, patterns) -> list[str]:
    found: list[tuple[int, str]] = []
    for anchor in response.css("a[href]"):
        href = anchor.attrib["href"].strip()
        if not href or href.lower().startswith(("javascript:", "mailto:", "#")):
            continue
        text = normalize_title(anchor.attrib.get("title") or " ".join(anchor.css("::text").getall()))
        if re.search(r"(?:19|20)\d{2}", text):
            continue  # a report, not the column
        for rank, pattern in enumerate(patterns):
            if pattern.search(text):
                found.append((rank, response.urljoin(href)))
                break
    out: list[str] = []
    for _, url in sorted(found, key=lambda pair: pair[0]):
        if url not in out and url != response.url:
            out.append(url)
    return out


def column_links(response) -> list[str]:
    """Links to the annual-report column on this page, best first."""
    return _ranked(response, COLUMN_TEXTS)


def section_links(response) -> list[str]:
    """Links to the 政府信息公开 section on this page, best first."""
    return _ranked(response, SECTION_TEXTS)
