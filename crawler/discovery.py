"""Find a portal's annual-report column from its home page or its 政府信息公开 page.

Candidates, best first: links whose text names the column (政府信息公开年报, 年度报告,
工作报表-style labels), links whose path carries the column's usual names (``zfxxgknb``,
``xxgknb``, ``gknb``, ``zfxxgkndbg``, ``ndbg``), then the 政府信息公开 section (on the
site's own host or a separate ``xxgk.``/``zwgk.``/``zfxxgk.`` host). A page whose
``<meta name="ColumnName">`` names the column is the column. On the column, year
sub-columns (``2023年``, ``2023年度``, ``2023年度政府信息公开年报`` leading to a list) are
followed; a link titled like a report of one year is a report, not a column.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from crawler.recognition import is_annual_report, normalize_title, read_site_identity

#: link texts of the annual-report column, best first
COLUMN_TEXTS = (
    re.compile(r"^政府信息公开(?:工作)?年(?:度)?报(?:告|表)?$"),
    re.compile(r"^(?:政务)?信息公开(?:工作)?年(?:度)?报(?:告|表)?$"),
    re.compile(r"信息公开.*年(?:度)?报|信息公开(?:工作)?报表|政务公开(?:工作)?年(?:度)?报"),
    re.compile(r"^年度报告$|^年报$|^公开年报$|^(?:年度)?工作报表$|^年度报表$"),
)
#: path segments of annual-report columns (with an optional _NNN id suffix)
COLUMN_PATHS = re.compile(r"/(?:zfxxgknb|xxgknb|gknb|zfxxgkndbg|xxgkndbg|ndbg|zwgknb|gkndbg)(?:_\d+)?(?:/|\.s?html?$|$)",
                          re.I)
#: link texts of the open-government-information section, where the column usually sits
SECTION_TEXTS = (
    re.compile(r"^政府信息公开$|^信息公开$|^政务公开$|^政府信息公开专栏$|^法定主动公开内容$"),
    re.compile(r"^政府信息公开(?:目录|平台)$|^信息公开目录$"),
)
#: hosts of separate 信息公开 sites
SECTION_HOSTS = re.compile(r"^(?:xxgk|zwgk|zfxxgk|gk)\.", re.I)
#: a year sub-column: a year alone, or the column's name with a year, that is not itself a report
YEAR_TEXT = re.compile(r"^(?:19|20)\d{2}(?:年度?)?$")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_YEAR_PREFIX = re.compile(r"(?:19|20)\d{2}\s*(?:年度|年)?")
#: the column texts that must match a whole link text (a year sub-column is the column's name and a year)
_ANCHORED = (0, 1, 3)
#: article URLs (a link to one of these is a report, not a column)
_ARTICLE = re.compile(r"/t(?:19|20)\d{6}_\d+\.|/art_\d+_\d+\.|/content/post_\d+|\.(?:pdf|docx?|wps|xlsx?)$", re.I)
_SKIP = ("javascript:", "mailto:", "tel:", "#")


def _links(response):
    for anchor in response.css("a[href]"):
        href = anchor.attrib["href"].strip()
        if not href or href.lower().startswith(_SKIP):
            continue
        text = normalize_title(anchor.attrib.get("title") or " ".join(anchor.css("::text").getall()))
        yield response.urljoin(href), text


def _unique(ranked, here: str) -> list[str]:
    out: list[str] = []
    for _, url in sorted(ranked, key=lambda pair: pair[0]):
        if url not in out and url != here:
            out.append(url)
    return out


def column_links(response) -> list[str]:
    """Links to the annual-report column on this page, best first: by link text, then by path.

    :param response: a page (Scrapy ``TextResponse`` or anything with ``url``, ``css``, ``urljoin``)
    """
    found: list[tuple[int, str]] = []
    for url, text in _links(response):
        if _YEAR.search(text):
            continue  # a report or a year sub-column, not the column
        rank = next((rank for rank, pattern in enumerate(COLUMN_TEXTS) if pattern.search(text)), None)
        if rank is None and COLUMN_PATHS.search(urlsplit(url).path) and not _ARTICLE.search(url):
            rank = len(COLUMN_TEXTS)
        if rank is not None:
            found.append((rank, url))
    return _unique(found, response.url)


def section_links(response) -> list[str]:
    """Links to the 政府信息公开 section on this page, best first; a separate 信息公开 host
    (``xxgk.…``) linked as the section ranks first.

    :param response: a page
    """
    found: list[tuple[int, str]] = []
    for url, text in _links(response):
        if _YEAR.search(text):
            continue
        for rank, pattern in enumerate(SECTION_TEXTS):
            if pattern.search(text):
                host = urlsplit(url).hostname or ""
                found.append((rank * 2 + (0 if SECTION_HOSTS.match(host) else 1), url))
                break
    return _unique(found, response.url)


def year_subcolumns(response) -> list[str]:
    """Links to year sub-columns of the annual-report column (``2024年``, ``2023年度``, or
    ``2023年度政府信息公开年报`` when it leads to a list rather than a report), newest first.

    :param response: a column page
    """
    found: list[tuple[int, str]] = []
    for url, text in _links(response):
        year = _YEAR.search(text)
        if not year or _ARTICLE.search(url):
            continue
        rest = _YEAR_PREFIX.sub("", text, count=1)
        named_column = any(COLUMN_TEXTS[i].search(rest) for i in _ANCHORED)
        if YEAR_TEXT.match(text) or (named_column and (not is_annual_report(text) or _looks_like_column_url(url))):
            found.append((-int(year.group(0)), url))
    return _unique(found, response.url)


def _looks_like_column_url(url: str) -> bool:
    path = urlsplit(url).path
    return path.endswith("/") or bool(re.search(r"/(?:index|list)(?:_\d+)?\.s?html?$|/col/col\d+/", path))


def is_column_page(response) -> bool:
    """True when the page's ``<meta name="ColumnName">`` names the annual-report column.

    :param response: a page
    """
    name = read_site_identity(response.text).column_name
    if not name:
        return False
    text = normalize_title(_YEAR_PREFIX.sub("", name))
    return any(pattern.search(text) for pattern in COLUMN_TEXTS)


def next_columns(response, *, has_reports: bool, depth: int, max_depth: int) -> list[str]:
    """Where the crawl goes from a start page (or a page found by discovery), best first.

    A page that lists reports, or names itself the column (``ColumnName``), leads only to
    its year sub-columns; any other page below ``max_depth`` leads to the column links,
    else the section links, and year sub-columns. Year sub-columns are followed one level
    past ``max_depth`` (home → section → column → year).

    :param response: the page
    :param has_reports: the page listed annual reports
    :param depth: discovery steps from the start URL to this page
    :param max_depth: ``OGI_DISCOVERY_DEPTH``
    :returns: absolute URLs, at most 3 columns or sections plus the year sub-columns
    """
    years = year_subcolumns(response) if depth <= max_depth else []
    if has_reports or is_column_page(response) or depth >= max_depth:
        return years
    ahead = column_links(response)[:3] or section_links(response)[:3]
    return ahead + [url for url in years if url not in ahead]
