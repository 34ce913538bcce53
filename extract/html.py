"""HTML report pages → :class:`~extract.layout.Layout`.

Decoding: a byte-order mark wins; then the charset declared in a ``<meta>`` tag
(``gb2312``/``gbk`` are read as their superset GB18030), tried strictly; then UTF-8
strictly; then GB18030. Chrome is dropped: ``script``/``style``/``noscript``/forms
and elements whose class or id names a header, footer, navigation bar, breadcrumb or
share bar (unless they hold a table). Tables without nested tables are data tables:
each ``<tr>`` becomes one row line holding the cells that start in that row, so a
``colspan`` cell appears once and a ``rowspan`` cell only on its first row, as
:mod:`extract.layout` asks. Tables that contain tables are page layout and are read as
ordinary blocks.
"""
from __future__ import annotations

import re

import lxml.html
from lxml import etree

from extract.layout import Cell, Layout
from extract.meta import names_report_and_year
from extract.schema import extraction_warning as warn

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.IGNORECASE)
_CHROME = re.compile(r"(^|[\s_-])(header|footer|foot|nav|navbar|menu|breadcrumb|crumb|position|location|dqwz|"
                     r"share|toolbar|sidebar|copyright|related|xgxx|bottom|top-bar|topbar|search)($|[\s_-])",
                     re.IGNORECASE)
_DROP_TAGS = ("script", "style", "noscript", "iframe", "form", "select", "button", "object", "svg", "template")
_BLOCK_TAGS = frozenset("p div h1 h2 h3 h4 h5 h6 li ul ol dl dd dt section article header footer center "
                        "blockquote pre address tbody thead tfoot caption figure figcaption main aside hr "
                        "title body html".split())
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
            "cp936": "gb18030", "utf8": "utf-8", "big5": "big5hkscs"}


class HtmlError(Exception):
    """The bytes cannot be read as an HTML page."""


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode HTML bytes; return ``(text, encoding used)``.

    :param data: the page's bytes.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace"), "utf-16"
    candidates = []
    match = _META_CHARSET.search(data[:4096])
    if match:
        declared = match.group(1).decode("ascii", "ignore").lower()
        candidates.append(_ALIASES.get(declared, declared))
    candidates += ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("gb18030", "replace"), "gb18030"


def _is_chrome(el) -> bool:
    names = " ".join(filter(None, (el.get("class"), el.get("id"))))
    if not names or not _CHROME.search(names):
        return False
    return not el.xpath(".//table")


_SPACES = re.compile(r"[ \t\r\n\u00a0\u3000\u200b\ufeff]+")
_ANY_SPACE = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
_LATIN_WORDS = re.compile(r"[A-Za-z]{2,}\s+[A-Za-z]")


def _clean_text(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _cell_text(td) -> str:
    """A cell's text: block children joined without a separator (labels wrap, numbers don't)."""
    text = "".join(td.itertext())
    # labels such as "本年新收 政府信息" lose their inner spaces; English text keeps them
    return _clean_text(text) if _LATIN_WORDS.search(text) else _ANY_SPACE.sub("", text)


class _Walker:
    def __init__(self, layout: Layout):
        self.layout = layout
        self.buffer: list[str] = []

    def flush(self) -> None:
        line = _clean_text("".join(self.buffer))
        self.buffer = []
        if line:
            self.layout.lines.append(line)

    def walk(self, el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _DROP_TAGS or not isinstance(el.tag, str) or (tag and _is_chrome(el)):
            if el.tail:
                self.buffer.append(el.tail)
            return
        if tag == "table" and not el.xpath(".//table"):
            self.flush()
            self.table(el)
            if el.tail:
                self.buffer.append(el.tail)
            return
        block = tag in _BLOCK_TAGS or tag in ("table", "tr", "td", "th")
        if block:
            self.flush()
        if tag == "br":
            self.flush()
        if el.text:
            self.buffer.append(el.text)
        for child in el:
            self.walk(child)
        if block:
            self.flush()
        if el.tail:
            self.buffer.append(el.tail)

    def table(self, table) -> None:
        number = self.layout.new_table()
        below: dict[int, int] = {}  # grid column → rows still covered by a cell spanning down
        for r, tr in enumerate(table.iter("tr")):
            tds = [td for td in tr if isinstance(td.tag, str) and td.tag in ("td", "th")]
            cells = []
            col = 0
            for td in tds:
                while below.get(col, 0) > 0:
                    col += 1
                span, down = _span(td.get("colspan")), _span(td.get("rowspan"))
                cells.append(Cell(_cell_text(td), None, number, r, col))
                if down > 1:
                    for c in range(col, col + span):
                        below[c] = max(below.get(c, 0), down)
                col += span
            if below:
                below = {c: n - 1 for c, n in below.items() if n > 1}
            if not cells:
                continue
            if len(cells) == 1 and not cells[0].text:
                continue
            self.layout.add_row(cells)


def _span(value: str | None) -> int:
    """A ``colspan``/``rowspan`` attribute as a count (1 when missing or unreadable; at most 1000)."""
    if value is None:
        return 1
    try:
        return min(max(int((value or "1").strip()), 1), 1000)
    except ValueError:
        return 1


_TITLE_SEPARATORS = re.compile(r"\s*(?:[_|｜]|--|——|\s[-—–]\s)\s*")


def _heading_title(root) -> str | None:
    """The first heading (``<h1>``–``<h3>``, or an element whose class names a title)
    outside page chrome whose text names a report and a year."""
    for query in ("//h1 | //h2 | //h3", "//*[contains(@class, 'title') or contains(@id, 'title')]"):
        for el in root.xpath(query):
            if any(_is_chrome(a) for a in el.iterancestors()) or el.xpath(".//table | .//a[@href]"):
                continue
            text = _cell_text(el)
            if len(text) >= 8 and names_report_and_year(text):
                return text
    return None


def _strip_site_name(page_title: str) -> str | None:
    """``<title>`` less the site's name (``报告_示范县人民政府``, ``示范县人民政府 - 报告``):
    the part that names a report and a year."""
    parts = [p for p in _TITLE_SEPARATORS.split(page_title) if p]
    found = [p for p in parts if names_report_and_year(p)]
    return found[0] if len(found) == 1 else None


def read_html(data: bytes) -> Layout:
    """Read an HTML page's bytes into a Layout.

    :param data: the page's bytes (any of the encodings portals use).
    :raises HtmlError: nothing parseable in the bytes.
    """
    text, encoding = decode_html(data)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise HtmlError(f"not a readable HTML page: {exc}") from exc
    layout = Layout()
    title = root.find(".//title")
    page_title = _clean_text(title.text_content()) if title is not None else ""
    if page_title:
        layout.title_hint = page_title
    article_title = None
    for meta in root.iter("meta"):
        name = (meta.get("name") or "").lower()
        content = _clean_text(meta.get("content") or "")
        if name == "articletitle" and content:
            layout.title_hint = article_title = content
        elif name in ("pubdate", "publishdate", "firstpublishedtime", "dc.date") and content and not layout.markup_date:
            layout.markup_date = content
    stated = [t for t in (article_title, _heading_title(root), _strip_site_name(page_title)) if t]
    layout.markup_title = "\n".join(dict.fromkeys(stated)) or None
    body = root.find("body")
    walker = _Walker(layout)
    walker.walk(body if body is not None else root)
    walker.flush()
    if encoding not in ("utf-8", "gb18030", "utf-16"):
        layout.warnings.append(warn("encoding_guessed", f"decoded as {encoding}"))
    return layout
