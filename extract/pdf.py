"""PDF → :class:`~extract.layout.Layout`.

Fast path: pypdfium2 reads every page's text layer (about 1 ms a page). Only pages
that look like they hold one of the template's tables (ruling lines drawn as path
objects, or table vocabulary in the text) are opened with pdfplumber, whose
``find_tables()`` recovers cells from the ruling lines (blank cells stay blank, merged
cells come back as ``None`` and are dropped, as :mod:`extract.layout` asks). On those
pages the text above, between and below the tables comes from pypdfium2 by region.
A page with (almost) no text but with images is reported in
``Layout.pages_needing_ocr``.

Kangxi radicals and CJK compatibility ideographs that some PDF producers emit
(⼀ for 一) are mapped back with NFKC, character by character, in
:func:`extract.api.normalize_text`.
"""
from __future__ import annotations

import io
import re

import pypdfium2 as pdfium

from extract.layout import Layout

#: text that marks a page as holding one of the template's tables
_TABLE_WORDS = re.compile(r"信息内容|本年制发件数|本年新制作数量|申请人情况|自然人|予以公开|不予公开|无法提供|"
                          r"不予处理|结转下年度|行政复议|结果维持|尚未审结|处理决定数量|收费金额")
#: path objects on a page above which it is treated as ruled (page frames draw a few)
_RULED_PATHS = 40
#: characters below which a page counts as having no text layer
_MIN_TEXT_CHARS = 20
_CJK_SPACE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])[ \t]+(?=[\u3000-\u9fff\uff00-\uffef])")
_NUMBER = re.compile(r"^[-−–+]?\d[\d,，]*(\.\d+)?[^\d]{0,3}$")


class PdfError(Exception):
    """The bytes cannot be read as a PDF (damaged, encrypted)."""


def _page_lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]


def _cell(text: str | None) -> str:
    text = (text or "").replace("\n", "")
    return _CJK_SPACE.sub("", text).strip()


def _table_rows(rows: list[list[str | None]], layout: Layout) -> None:
    for row in rows:
        cells = [_cell(c) for c in row if c is not None]
        if not cells:
            continue
        if len(cells) == 1:
            # a frame or a spanning caption: plain text lines
            layout.lines.extend(_page_lines(row[[c is not None for c in row].index(True)] or ""))
            continue
        # a vertical merge cut by a page break comes back as leading blank cells
        first = next((i for i, c in enumerate(cells) if c), 0)
        if first and not _NUMBER.match(cells[first]):
            del cells[:first]
        if not any(cells):
            continue
        layout.add_row(cells)


def read_pdf(data: bytes, *, tables: bool = True) -> Layout:
    """Read PDF bytes into a Layout.

    :param data: the file's bytes.
    :param tables: read ruled tables with pdfplumber (``False``: text layer only).
    :raises PdfError: the PDF is damaged beyond repair or needs a password.
    """
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise PdfError("encrypted PDF: a password is needed to open it") from exc
        raise PdfError(f"damaged PDF: {message}") from exc
    layout = Layout()
    try:
        n_pages = len(document)
        if n_pages == 0:
            raise PdfError("damaged PDF: no pages")
        title = (document.get_metadata_value("Title") or "").strip()
        layout.title_hint = title or None
        table_pages: dict[int, tuple[str, float]] = {}
        page_texts: list[str] = []
        for index in range(n_pages):
            page = document[index]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            page_texts.append(text)
            if len(re.sub(r"\s", "", text)) < _MIN_TEXT_CHARS:
                images = sum(1 for _ in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE], max_depth=2))
                if images:
                    layout.pages_needing_ocr.append(index + 1)
                    continue
            if tables:
                paths = sum(1 for _ in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_PATH], max_depth=2))
                if paths >= _RULED_PATHS or (paths >= 4 and _TABLE_WORDS.search(text)):
                    table_pages[index] = (text, page.get_height())
        plumber_pages = _plumber_tables(data, sorted(table_pages)) if table_pages else {}
        for index in range(n_pages):
            if index + 1 in layout.pages_needing_ocr:
                continue
            found = plumber_pages.get(index)
            if not found:
                layout.lines.extend(_page_lines(page_texts[index]))
                continue
            page = document[index]
            textpage = page.get_textpage()
            width, height = page.get_width(), page.get_height()
            cursor = 0.0  # distance from the top already consumed
            for top, bottom, rows in found:
                if top - cursor > 2:
                    layout.lines.extend(_page_lines(
                        textpage.get_text_bounded(0, height - top, width, height - cursor)))
                _table_rows(rows, layout)
                cursor = max(cursor, bottom)
            if height - cursor > 2:
                layout.lines.extend(_page_lines(textpage.get_text_bounded(0, 0, width, height - cursor)))
    finally:
        document.close()
    layout.pages = n_pages  # type: ignore[attr-defined]
    if layout.pages_needing_ocr:
        for number in layout.pages_needing_ocr:
            layout.warnings.append(f"page {number} has no text layer; needs OCR")
    return layout


def _plumber_tables(data: bytes, indexes: list[int]) -> dict[int, list[tuple[float, float, list]]]:
    """``{page index: [(top, bottom, rows), …]}`` for the ruled tables pdfplumber finds."""
    import pdfplumber

    out: dict[int, list] = {}
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for index in indexes:
                page = pdf.pages[index]
                found = []
                for table in page.find_tables():
                    x0, top, x1, bottom = table.bbox
                    found.append((top, bottom, table.extract()))
                found.sort(key=lambda t: t[0])
                out[index] = found
    except Exception:  # noqa: BLE001 - pdfplumber fails on some repaired files; text layer remains
        return {}
    return out
