"""OCR of scanned pages and pictures into a :class:`~extract.layout.Layout`.

Only pages without a usable text layer go through OCR (:func:`pages_needing_ocr`).
For each page image:

1. the page is deskewed and its ruled tables are found from their rulings
   (:mod:`extract.ocr_table`), merged cells included;
2. every non-blank cell is read on its own (crops stacked into one engine call,
   :mod:`extract.ocr_engines`); cells that read as numbers get two more digit-only
   readings (different model, different preprocessing), and the readings vote;
3. text outside the tables (title, headings, narrative) is read as a block;
4. table rows become Layout lines (cells joined by ``" | "``, blank cells ``""``),
   interleaved with text lines top to bottom, so the same mapper reads them as
   born-digital tables.

Every cell's reading, confidence and alternative readings land in
``Layout.ocr_cells``; the per-line minimum in ``Layout.confidence``; doubtful cells
become warnings. When a cell's readings disagree and the template's arithmetic
(row and column sums of table 3, group sums of table 4) holds with exactly one of
the engine's own alternatives, that alternative is chosen and the choice is recorded
as a warning. No value is ever made up: a cell the engines could not read stays blank
and is reported.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import cv2
import numpy as np

from extract import schema
from extract.layout import CELL_SEP, Layout
from extract.ocr_engines import OcrEngineError, Reading, TextLine, make_engine
from extract.ocr_table import (Cell, TableGrid, cell_crop, deskew, find_tables, ink_mask, looks_like_digits)

#: resolution pages are rendered at and pictures are normalised to
DEFAULT_DPI = 300
#: a figure read with less confidence than this gets a warning
LOW_CONFIDENCE = 0.80
#: text lines read with less confidence than this are dropped (noise, photos)
MIN_TEXT_CONFIDENCE = 0.45

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1", "i": "1",
                             "，": "", ",": "", "。": ".", "．": ".", "S": "5", "s": "5", "B": "8",
                             "Z": "2", "z": "2", "g": "9", "q": "9", "—": "-", "－": "-", "一": "-"})


@dataclass
class CellReading:
    """A table cell after OCR."""

    cell: Cell
    text: str = ""
    confidence: float = 1.0
    #: whether the cell holds a figure (read with digit passes)
    numeric: bool = False
    #: other readings, best first: (text, support)
    alternatives: list[tuple[str, float]] = field(default_factory=list)
    #: why a reading other than the best-supported one was chosen
    chosen_by: str | None = None


@dataclass
class TableReading:
    grid: TableGrid
    cells: list[CellReading]

    def rows(self) -> list[list[CellReading]]:
        """Cells per grid row, left to right; a vertically merged cell only on its first row."""
        out: list[list[CellReading]] = [[] for _ in range(self.grid.n_rows)]
        for reading in sorted(self.cells, key=lambda c: (c.cell.row, c.cell.col)):
            out[reading.cell.row].append(reading)
        return out


@dataclass
class PageReading:
    """What OCR found on one page image."""

    page: int | None
    skew: float = 0.0
    tables: list[TableReading] = field(default_factory=list)
    text_lines: list[TextLine] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def normalise_number(text: str) -> str | None:
    """The number a reading stands for (look-alike letters mapped), or None."""
    cleaned = text.replace(" ", "").translate(_LOOKALIKES)
    if cleaned in ("-", "--"):
        return None
    return cleaned if _NUMBER.match(cleaned) else None


class PageReader:
    """Reads page images; holds the engines so that they start once.

    :param engine: main engine name (``tesseract`` or ``rapidocr``)
    :param digit_engines: engines for the digit-only readings of figure cells
    """

    def __init__(self, engine: str = "tesseract", second_engine: str | None = None):
        self.tesseract = make_engine("tesseract")
        self.second = make_engine(second_engine) if second_engine else None
        self.engine_name = engine
        self.text_engine = self.tesseract if engine == "tesseract" else make_engine(engine)

    # -- cells -------------------------------------------------------------------

    def read_tables(self, gray: np.ndarray, dpi: float, grids: list[TableGrid], rulings: np.ndarray) -> list[TableReading]:
        """Read every cell of the given tables."""
        ink = ink_mask(gray)
        tables = []
        inked: list[CellReading] = []
        crops = []
        for grid in grids:
            readings = [CellReading(cell) for cell in grid.cells]
            tables.append(TableReading(grid, readings))
            for reading in readings:
                crop = cell_crop(gray, ink, reading.cell.box, dpi)
                if crop is not None:
                    inked.append(reading)
                    crops.append(crop)
        digit_like = [looks_like_digits(c, dpi) for c in crops]
        numeric = _figure_cells(inked, digit_like, crops, dpi)
        text_idx = [k for k in range(len(inked)) if not numeric[k]]
        figure_idx = [k for k in range(len(inked)) if numeric[k]]
        for k, found in zip(text_idx, self.text_engine.read_crops([crops[k] for k in text_idx])):
            inked[k].text, inked[k].confidence = found.text, found.confidence
        digit_crops = [crops[k] for k in figure_idx]
        passes: list[list[Reading]] = [
            self.tesseract.read_crops(digit_crops, digits=True),
            self.tesseract.read_crops([_binarise_scaled(c) for c in digit_crops], digits=True),
        ]
        if self.second is not None:
            passes.append(self.second.read_crops(digit_crops, digits=True))
        unread = []
        for j, k in enumerate(figure_idx):
            if not _vote(inked[k], [p[j] for p in passes]):
                unread.append(k)
        # marks in a figure cell that are not digits ("—", "无", "/"): read them as text
        for k, found in zip(unread, self.text_engine.read_crops([crops[k] for k in unread])):
            inked[k].numeric = False
            inked[k].text, inked[k].confidence = found.text, found.confidence
        return tables

    # -- pages -------------------------------------------------------------------

    def read_page(self, gray: np.ndarray, dpi: float, page: int | None = None) -> PageReading:
        """OCR one greyscale page image.

        :param gray: the page, 0 = ink, 255 = paper
        :param dpi: its resolution
        :param page: 1-based page number for messages
        """
        where = f"page {page}" if page is not None else "image"
        result = PageReading(page)
        gray, result.skew = deskew(gray)
        grids, rulings = find_tables(gray, dpi)
        result.tables = self.read_tables(gray, dpi, grids, rulings)
        rest = gray.copy()
        for grid in grids:
            x0, y0, x1, y1 = grid.box
            rest[max(0, y0 - 6):y1 + 6, max(0, x0 - 6):x1 + 6] = 255
        lines = self.tesseract.read_block(rest) if ink_mask(rest).any() else []
        kept = [line for line in lines if line.confidence >= MIN_TEXT_CONFIDENCE and line.text.strip()]
        dropped = len(lines) - len(kept)
        result.text_lines = kept
        if dropped:
            result.warnings.append(f"OCR {where}: dropped {dropped} text line(s) read with confidence below "
                                   f"{MIN_TEXT_CONFIDENCE:.2f} (noise or not text)")
        if not grids and not kept:
            result.warnings.append(f"OCR {where}: no readable text or table found (blank page, or not a "
                                   "document page); nothing taken from it")
        for table in result.tables:
            inked = [c for c in table.cells if c.text or c.confidence == 0.0]
            unread = [c for c in table.cells if c.confidence == 0.0 and not c.text]
            if inked and len(unread) > 0.5 * len(inked):
                result.warnings.append(f"OCR {where}: a ruled table was found but {len(unread)} of its "
                                       f"{len(inked)} marked cells could not be read; it may not be a table "
                                       "of the report")
        return result


def _binarise_scaled(crop: np.ndarray, factor: float = 1.5) -> np.ndarray:
    big = cv2.resize(crop, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    _, binary = cv2.threshold(big, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return binary


def _figure_cells(inked: list[CellReading], digit_like: list[bool], crops: list[np.ndarray], dpi: float) -> list[bool]:
    """Which inked cells hold figures: digit-shaped ink, or a one-line mark in a
    column whose cells are mostly digit-shaped (digits that touch after a poor scan)."""
    votes: dict[tuple[int, int], list[bool]] = {}
    for k, reading in enumerate(inked):
        if reading.cell.col_span == 1:
            votes.setdefault(reading.cell.col, []).append(digit_like[k])
    out = []
    for k, reading in enumerate(inked):
        if digit_like[k]:
            out.append(True)
            continue
        column = votes.get(reading.cell.col, [])
        one_line = crops[k].shape[0] <= dpi * 0.2
        narrow = crops[k].shape[1] <= dpi * 0.8
        out.append(bool(column) and sum(column) / len(column) >= 0.5 and one_line and narrow)
    return out


def _vote(reading: CellReading, found: list[Reading]) -> bool:
    """Combine several readings of a figure cell: agreement is confidence.

    :returns: False when no reading was a number
    """
    reading.numeric = True
    support: dict[str, float] = {}
    for item in found:
        number = normalise_number(item.text)
        if number is None:
            continue
        support[number] = support.get(number, 0.0) + max(item.confidence, 0.05)
    if not support:
        reading.text, reading.confidence, reading.alternatives = "", 0.0, []
        return False
    ranked = sorted(support.items(), key=lambda kv: -kv[1])
    best, best_support = ranked[0]
    reading.text = best
    reading.confidence = round(min(1.0, best_support / len(found)), 3)
    reading.alternatives = [(text, round(s / len(found), 3)) for text, s in ranked[1:]]
    return True
