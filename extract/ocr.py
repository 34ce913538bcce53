"""OCR of scanned pages and pictures into a :class:`~extract.layout.Layout`.

Only pages without a usable text layer go through OCR (the PDF reader lists them in
``Layout.pages_needing_ocr``).
For each page image:

1. the page is deskewed and its ruled tables are found from their rulings
   (:mod:`extract.ocr_table`), merged cells included; a table whose inner rulings the
   scan lost gets its grid from how its text lines up (:mod:`extract.ocr_aligned`);
2. every non-blank cell is read on its own (crops stacked into one engine call,
   :mod:`extract.ocr_engines`); cells that read as numbers get two more digit-only
   readings (different model, different preprocessing), and the readings vote;
3. text outside the tables (title, headings, narrative) is read as a block;
4. table rows become Layout lines (cells joined by ``" | "``, blank cells ``""``),
   interleaved with text lines top to bottom, so the same mapper reads them as
   born-digital tables.

Every figure is held against its glyphs (:func:`check_glyphs`): a number with more
or fewer digits than the cell's glyphs hold, a minus where none is printed (or none
where one is), a decimal point where none is printed, is never kept; nor is one read
below :data:`UNREAD_BELOW`. Such a cell is unread, with a warning naming what the
engines read.

Table rows are :class:`extract.layout.Row` lines whose cells carry page, table, grid
row and column, box (PDF points) and confidence. Every cell's reading, confidence and
alternative readings also land in ``Layout.ocr_cells``; the per-line minimum in
``Layout.confidence``; doubtful cells become warnings. When a cell's readings disagree and the template's arithmetic
(row and column sums of table 3, group sums of table 4) holds with exactly one of
the engine's own alternatives, that alternative is chosen and the choice is recorded
as a warning. No value is ever made up: a cell the engines could not read keeps its
column as :data:`extract.layout.UNREAD_CELL` (no value, never a blank 0) and is reported.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import cv2
import numpy as np

from extract import ocr_aligned, schema
from extract.layout import LOW_CONFIDENCE, UNREAD_CELL, Layout
from extract.layout import Cell as LayoutCell
from extract.numbers import BLANK_MARKS as PRINTED_BLANK_MARKS
from extract.numbers import numbers_in_cell
from extract.ocr_engines import OcrEngineError, Reading, TextLine, default_second_engine, make_engine
from extract.ocr_table import (Cell, Glyphs, TableGrid, cell_crop, deskew, find_tables, glyph_shape, ink_mask,
                               looks_like_dash, looks_like_digits, reading_fits_glyphs)
from extract.schema import extraction_warning as warn

#: resolution pages are rendered at and pictures are normalised to
DEFAULT_DPI = 300
#: at most this many figure cells per page are re-read one by one
MAX_SINGLE_CELL_READS = 24
#: paper (inch) put around a picture before its tables are looked for
PICTURE_MARGIN_INCH = 0.05
#: text lines read with less confidence than this are dropped (noise, photos)
MIN_TEXT_CONFIDENCE = 0.55

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1", "i": "1",
                             "，": "", ",": "", "。": ".", "．": ".", "S": "5", "s": "5", "B": "8",
                             "Z": "2", "z": "2", "g": "9", "q": "9", "—": "-", "－": "-", "一": "-",
                             "]": "1", "[": "1", "!": "1"})


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
    #: a number the engines read that the cell's glyphs do not allow (left unread)
    rejected: str | None = None
    #: what the cell's glyphs allow (figure cells), see :func:`extract.ocr_table.glyph_shape`
    glyphs: Glyphs | None = None


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
    #: resolution of the page image the boxes are measured in
    dpi: float = DEFAULT_DPI
    skew: float = 0.0
    tables: list[TableReading] = field(default_factory=list)
    text_lines: list[TextLine] = field(default_factory=list)
    #: :class:`extract.schema.ExtractionWarning` about this page
    warnings: list[dict] = field(default_factory=list)


def normalise_number(text: str) -> str | None:
    """The number a reading stands for (look-alike letters mapped), or None."""
    cleaned = text.replace(" ", "").translate(_LOOKALIKES)
    if cleaned in ("-", "--"):
        return None
    return cleaned if _NUMBER.match(cleaned) else None


class PageReader:
    """Reads page images; holds the engines so that they start once.

    :param engine: engine for the cells (``tesseract`` or ``rapidocr``); running
        text outside tables is always read by Tesseract
    :param second_engine: another engine whose digit reading of each figure cell
        joins the vote
    """

    def __init__(self, engine: str = "tesseract", second_engine: str | None = None):
        self.tesseract = make_engine("tesseract")
        self.engine_name = engine
        self.cell_engine = self.tesseract if engine == "tesseract" else make_engine(engine)
        self.second = None
        if second_engine and second_engine != engine:
            self.second = self.tesseract if second_engine == "tesseract" else make_engine(second_engine)

    # -- cells -------------------------------------------------------------------

    def read_tables(self, gray: np.ndarray, dpi: float, grids: list[TableGrid], rulings: np.ndarray,
                    ink: np.ndarray | None = None) -> list[TableReading]:
        """Read every cell of the given tables (``ink``: the page's :func:`ink_mask`, if
        already made)."""
        return self.read_tables_of_pages([(gray, grids, rulings, ink)], dpi)[0]

    def read_tables_of_pages(self, pages: list[tuple], dpi: float) -> list[list[TableReading]]:
        """:meth:`read_tables` for several pages at once, ``(gray, grids, rulings, ink)``
        each, all at ``dpi``: the cells of every page go through each engine pass together
        (one engine start per pass for the document, not per page).

        :returns: each page's tables, in ``pages``' order
        """
        tables_of: list[list[TableReading]] = []
        inked: list[CellReading] = []
        crops = []
        digit_shaped: list[bool] = []
        grid_of: dict[int, TableGrid] = {}
        for gray, grids, rulings, ink in pages:
            ink = ink_mask(gray) if ink is None else ink
            crop_of: dict[tuple, np.ndarray | None] = {}
            digits_of: dict[tuple, bool] = {}

            def crop_at(box: tuple, gray=gray, ink=ink, rulings=rulings, crop_of=crop_of) -> np.ndarray | None:
                if box not in crop_of:
                    crop = cell_crop(gray, ink, box, dpi)
                    if crop is not None and not looks_like_digits(crop, dpi) and not looks_like_dash(crop, dpi):
                        # pieces of a dashed ruling along the cell's sides may be what keeps
                        # its marks from the shape of a number or a dash: without them, if
                        # that is what they have (a cell of text keeps every stroke, and a
                        # cell whose every mark was on the rulings is not made blank)
                        clean = cell_crop(gray, ink, box, dpi, rulings=rulings)
                        if clean is not None and (looks_like_digits(clean, dpi) or looks_like_dash(clean, dpi)):
                            crop = clean
                    crop_of[box] = crop
                return crop_of[box]

            def digit_like(box: tuple, crop: np.ndarray, digits_of=digits_of) -> bool:
                if box not in digits_of:
                    digits_of[box] = looks_like_digits(crop, dpi)
                return digits_of[box]

            tables = []
            for grid in grids:
                grid = split_merged_labels(without_empty_edge_columns(grid, crop_at), crop_at, dpi, digit_like)
                readings = [CellReading(cell) for cell in grid.cells]
                tables.append(TableReading(grid, readings))
                grid_of.update((id(reading), grid) for reading in readings)
                for reading in readings:
                    crop = crop_at(reading.cell.box)
                    if crop is not None:
                        inked.append(reading)
                        crops.append(crop)
                        digit_shaped.append(digit_like(reading.cell.box, crop))
            tables_of.append(tables)
        numeric = _figure_cells(inked, digit_shaped, crops, dpi)
        numeric = [n and reading.cell.row not in grid_of[id(reading)].text_rows for n, reading in zip(numeric, inked)]
        text_idx = [k for k in range(len(inked)) if not numeric[k]]
        figure_idx = [k for k in range(len(inked)) if numeric[k]]
        for k, found in zip(text_idx, self.cell_engine.read_crops([crops[k] for k in text_idx])):
            inked[k].text, inked[k].confidence = found.text, found.confidence
        self._second_look_at_marks([inked[k] for k in text_idx], [crops[k] for k in text_idx], dpi)
        unread_numbers_below_floor([inked[k] for k in text_idx])
        digit_crops = [crops[k] for k in figure_idx]
        passes: list[list[Reading]] = [
            self.cell_engine.read_crops(digit_crops, digits=True),
            self.cell_engine.read_crops([_binarise_scaled(c) for c in digit_crops], digits=True),
        ]
        second: dict[int, Reading] = {}
        if self.second is not None:
            # the second engine votes where Tesseract's two passes are not sure together
            # (they disagree, or one is under SECOND_OPINION_BELOW): two thirds of the
            # wrong cells went, at a fraction of its cost on every cell
            unsure = needs_second_opinion(passes)
            second = dict(zip(unsure, self.second.read_crops([digit_crops[j] for j in unsure], digits=True)))
        readings = [[p[j] for p in passes] + ([second[j]] if j in second else []) for j in range(len(figure_idx))]
        # where the readings disagree (or one read nothing), a third opinion from
        # another model
        doubtful = [j for j, found in enumerate(readings) if len({normalise_number(r.text) for r in found}) > 1]
        extra = self.tesseract.read_crops([digit_crops[j] for j in doubtful], digits=True,
                                          lang=self.tesseract.text_lang)
        for j, reading in zip(doubtful, extra):
            readings[j].append(reading)
        unread = []
        for j, k in enumerate(figure_idx):
            if not _vote(inked[k], readings[j]):
                unread.append(k)
        # a lone narrow glyph (a serif "1") can escape line finding in the stack:
        # read such cells one by one as a single word
        # (each on its own, all in one engine start)
        tried = unread[:MAX_SINGLE_CELL_READS]
        singles = self.tesseract.read_each([crops[k] for k in tried], digits=True, psm=8)
        unread = [k for k, single in zip(tried, singles)
                  if not _vote(inked[k], [single] + [Reading("", 0.0)] * len(passes))] + unread[MAX_SINGLE_CELL_READS:]
        # marks in a figure cell that are not digits ("—", "无", "/"): read them as text;
        # anything else there (``十`` for a faint ``+1``) is a figure no engine could
        # read: the cell stays in its column, unread, never dropped to let the next
        # figure slide into its place
        # (one or two digits read unsure are read as text in the same batch: one engine call)
        unsure = [k for k in figure_idx if k not in unread and unsure_digits(inked[k])]
        as_text = self.cell_engine.read_crops([crops[k] for k in unread + unsure])
        digits_read_as_text([inked[k] for k in unsure], as_text[len(unread):])
        for k, found in zip(unread, as_text[:len(unread)]):
            if normalise_number(found.text) is not None:
                _vote(inked[k], [found] + [Reading("", 0.0)] * len(passes))  # a number after all
                continue
            inked[k].numeric = False
            if "".join(found.text.split()) in BLANK_MARKS:
                inked[k].text = found.text
                inked[k].confidence = _confirmed_mark(found.text, found.confidence, crops[k], dpi)
            else:
                inked[k].alternatives = [(found.text, found.confidence)] + inked[k].alternatives
                inked[k].text, inked[k].confidence, inked[k].chosen_by = "", 0.0, "unreadable"
        for reading, crop in zip(inked, crops):
            if not reading.text.strip() and looks_like_dash(crop, dpi):
                # one short horizontal stroke no engine names: a dash, 0 in a printed table
                reading.numeric, reading.text, reading.confidence = False, "—", 0.9
            elif not reading.text.strip() and _lone_slash(crop, dpi):
                # one slanted stroke no engine names: a slash, 0 in a printed table
                reading.numeric, reading.text, reading.confidence, reading.chosen_by = False, "/", 0.9, "glyphs"
            elif reading.numeric and reading.text:
                check_glyphs(reading, crop, dpi)
                if not reading.text and reading.glyphs is not None and reading.glyphs.square:
                    # one glyph as wide as tall, read as a digit: the mark it is (无) read as text
                    (mark,) = self.cell_engine.read_crops([crop])
                    if mark.text.strip() in BLANK_MARKS:
                        reading.numeric, reading.text = False, mark.text.strip()
                        reading.confidence = _confirmed_mark(mark.text, mark.confidence, crop, dpi, reading.glyphs)
                        reading.chosen_by = "glyphs"
                if reading.text and reading.confidence < UNREAD_BELOW:
                    reading.alternatives = [(reading.text, reading.confidence)] + reading.alternatives
                    reading.rejected, reading.text, reading.confidence = reading.text, "", 0.0
                    reading.chosen_by = "confidence"
        return tables_of

    def _second_look_at_marks(self, cells: list[CellReading], crops: list[np.ndarray], dpi: float) -> None:
        """Text cells holding one square glyph read as ``无`` at low confidence, or with a
        speck beside it (``无.``), or one broad glyph (square, or squeezed by the scan:
        :data:`extract.ocr_table.BROAD_GLYPH`) read as some other character (``二``,
        ``元``, ``天`` where ``无`` is printed for 0, its strokes squashed): the first are
        that mark; the others are read again by the
        second engine, and where it reads ``无`` with at least
        :data:`SECOND_MARK_CONFIDENCE`, they are too. Either at
        :data:`CONFIRMED_MARK_CONFIDENCE`. Left as words, the row they stand in was lost."""
        wanted = []
        for k, (cell, crop) in enumerate(zip(cells, crops)):
            if "".join(cell.text.split()) == _WU and cell.confidence < CONFIRMED_MARK_CONFIDENCE:
                # 无 read as text at low confidence: confirmed by its one square glyph
                confirmed = _confirmed_mark(cell.text, cell.confidence, crop, dpi)
                if confirmed > cell.confidence:
                    cell.text, cell.confidence, cell.chosen_by = _WU, confirmed, "glyphs"
                continue
            if "".join(cell.text.split()) in BLANK_MARKS or len(_CJK.findall(cell.text)) > 1 \
                    or len(cell.text.strip()) > 3 or max(crop.shape) - 20 > dpi * 0.3:
                continue  # (labels: more than one glyph; cell_crop pads by ten pixels)
            glyphs = glyph_shape(crop, dpi)
            if glyphs is None or not glyphs.broad or glyphs.digits[0] > 1:
                continue
            if cell.text.strip(_SPECKS) == _WU and glyphs.square:
                # (``无.``: one square glyph, and a speck read as a point)
                cell.alternatives = [(cell.text, cell.confidence)] + cell.alternatives
                cell.text, cell.confidence, cell.chosen_by = _WU, CONFIRMED_MARK_CONFIDENCE, "glyphs"
            elif self.second is not None:
                wanted.append(k)
        if not wanted:
            return
        for k, found in zip(wanted, self.second.read_crops([crops[k] for k in wanted])):
            if found.text.strip() == _WU and found.confidence >= SECOND_MARK_CONFIDENCE:
                cell = cells[k]
                cell.alternatives = [(cell.text, cell.confidence)] + cell.alternatives
                cell.text, cell.confidence, cell.chosen_by = _WU, CONFIRMED_MARK_CONFIDENCE, "second engine"

    # -- pages -------------------------------------------------------------------

    def read_page(self, gray: np.ndarray, dpi: float, page: int | None = None, picture: bool = False) -> PageReading:
        """OCR one greyscale page image.

        :param gray: the page, 0 = ink, 255 = paper
        :param dpi: its resolution
        :param page: 1-based page number for messages
        :param picture: a picture cropped to its content (no sheet edges to ignore)
        """
        return self.read_pages([(gray, page, picture)], dpi)[0]

    def read_pages(self, pages: list[tuple[np.ndarray, int | None, bool]], dpi: float) -> list[PageReading]:
        """OCR several greyscale page images ``(gray, page number or None, picture)``, all
        at ``dpi`` (see :meth:`read_page`): each is deskewed and its tables found on its
        own, then the cells of them all go through each engine pass together, and their
        running text through one engine start (an engine start costs about half a
        second, a page's cells a few of them).

        :returns: one :class:`PageReading` per page, in order
        """
        prepared = [self._prepare(gray, dpi, page, picture) for gray, page, picture in pages]
        todo = [p for p in prepared if p is not None and p[1] is not None]
        tables = self.read_tables_of_pages([(gray, grids, rulings, ink) for _, gray, grids, rulings, ink, _ in todo],
                                           dpi)
        rests = []
        for (result, gray, grids, rulings, ink, aligned), found in zip(todo, tables):
            result.tables = found
            where = f"page {result.page}" if result.page is not None else "image"
            for k in aligned:
                result.tables[k] = _join_label_lines(result.tables[k])
                result.warnings.append(warn("ocr_grid_aligned", f"OCR {where}: the rulings inside table {k + 1} are "
                                            "lost; its grid was rebuilt from how its figures line up"))
            rest = gray.copy()
            # tables erased in the paper's own shade: white blocks on tinted paper make the
            # engine's threshold take the paper for ink, and the text around them is lost
            paper = int(np.percentile(gray[::4, ::4], 75)) if grids else 255  # (every 16th pixel tells the shade)
            for grid in grids:
                x0, y0, x1, y1 = grid.box
                rest[max(0, y0 - 6):y1 + 6, max(0, x0 - 6):x1 + 6] = paper
            rests.append(rest if has_text_marks(rest, dpi) else None)
        marked = [k for k, rest in enumerate(rests) if rest is not None]
        blocks = dict(zip(marked, self.tesseract.read_blocks([rests[k] for k in marked])))
        for k, (result, gray, grids, rulings, ink, aligned) in enumerate(todo):
            self._finish(result, grids, blocks.get(k, []))
        return [p[0] for p in prepared]

    def _prepare(self, gray: np.ndarray, dpi: float, page: int | None, picture: bool) -> tuple | None:
        """A page deskewed and its tables found: ``(result, gray, grids, rulings, ink,
        rebuilt grids' indexes)``; ``gray`` is None for an image that is no page (the
        result says so)."""
        where = f"page {page}" if page is not None else "image"
        result = PageReading(page, dpi)
        if not looks_like_paper(gray):
            result.warnings.append(warn("ocr_not_a_page", f"OCR {where}: does not look like a printed page (no even "
                                        "paper background: a photo or drawing?); nothing taken from it"))
            return result, None, [], None, None, set()
        if picture:
            # a picture cropped to its table: the outer rulings at its very edge are lost to
            # the ruling threshold (its neighbourhood runs past the border), and with the
            # right one the 总计 column; a margin of paper gives them their neighbourhood
            margin = max(4, int(dpi * PICTURE_MARGIN_INCH))
            paper = int(np.percentile(gray[::4, ::4], 90))
            gray = cv2.copyMakeBorder(gray, margin, margin, margin, margin, cv2.BORDER_CONSTANT, value=paper)
        gray, result.skew = deskew(gray)
        frames: list[tuple[int, int, int, int]] = []
        grids, rulings = find_tables(gray, dpi, sheet_edges=not picture, frames=frames)
        ink = ink_mask(gray) if grids or frames else None
        if not grids and not frames and not picture:
            # no ruling at all (a bilevel scan that lost its faint rulings): tables where
            # lines of figures share their columns, their grid from that alignment
            ink = ink_mask(gray)
            frames = ocr_aligned.unruled_blocks(cv2.bitwise_and(ink, cv2.bitwise_not(rulings)), dpi)
            ink = ink if frames else None
        # (pictures pasted into DOCX files are clean renderings: on two sets of them the
        # alignment changed no cell and cost 8 % more CPU, past 5 s a page)
        grids, aligned = (grids, set()) if picture else _aligned_grids(gray, dpi, grids, frames, rulings, ink)
        return result, gray, grids, rulings, ink, aligned

    def _finish(self, result: PageReading, grids: list[TableGrid], lines: list[TextLine]) -> None:
        """A page's running text (``lines``, read with its tables erased) kept where it
        reads as text, and the warnings about what was read."""
        where = f"page {result.page}" if result.page is not None else "image"
        kept = [line for line in lines if plausible_text(line)]
        if kept and not grids and not looks_like_a_document(kept):
            kept = []  # a photo or drawing: what the engine "read" is noise
        dropped = len(lines) - len(kept)
        result.text_lines = kept
        if dropped:
            result.warnings.append(warn("ocr_lines_dropped", f"OCR {where}: dropped {dropped} of {len(lines)} text "
                                        "line(s) that did not read as text (low confidence, or letters and symbols "
                                        "where Chinese text is expected)"))
        if not grids and not kept:
            result.warnings.append(warn("ocr_nothing_read", f"OCR {where}: no readable text or table found (blank "
                                        "page, or not a document page); nothing taken from it"))
        for table in result.tables:
            inked = [c for c in table.cells if c.text or c.confidence == 0.0]
            unread = [c for c in table.cells if c.confidence == 0.0 and not c.text]
            if inked and len(unread) > 0.5 * len(inked):
                result.warnings.append(warn("ocr_table_unread", f"OCR {where}: a ruled table was found but "
                                            f"{len(unread)} of its {len(inked)} marked cells could not be read; it "
                                            "may not be a table of the report"))


def _aligned_grids(gray: np.ndarray, dpi: float, grids: list[TableGrid], frames: list[tuple[int, int, int, int]],
                   rulings: np.ndarray, page_ink: np.ndarray | None = None) -> tuple[list[TableGrid], set[int]]:
    """The page's grids, with those that lost their inner rulings rebuilt from the
    alignment of their text (:func:`extract.ocr_aligned.aligned_grid`): a found grid
    where at least :data:`extract.ocr_aligned.CROWDED_SHARE` of the digit-shaped tokens
    share a cell with another, and a frame (rulings around a region, no grid inside)
    whose figures line up in columns. A rebuilt grid is kept only if it gives each
    figure a cell of its own, leaves no more numbers beside the labels than in its figure
    columns (:func:`extract.ocr_aligned.figures_in_labels`) and, in place of a found grid,
    merges none of its ruled columns (:func:`extract.ocr_aligned.merges_columns`).

    :returns: the grids top to bottom, and the indexes of the rebuilt ones
    """
    candidates = [(grid, True) for grid in grids] + [(TableGrid(box, [box[1], box[3]], [box[0], box[2]]), False)
                                                      for box in frames]
    candidates.sort(key=lambda item: item[0].box[1])
    out: list[TableGrid] = []
    rebuilt_at: set[int] = set()
    if not candidates:
        return out, rebuilt_at
    grown = cv2.dilate(rulings, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)))
    ink = cv2.bitwise_and(ink_mask(gray) if page_ink is None else page_ink, cv2.bitwise_not(grown))
    for k, (grid, found) in enumerate(candidates):
        tokens = ocr_aligned.text_tokens(ink, grid.box, dpi)
        rebuilt = None
        crowded = ocr_aligned.crowded_share(grid, tokens) if found else 1.0
        # (table 4's one row of fifteen evenly spaced figures is evidence enough where any
        # two of them share a cell)
        if crowded >= ocr_aligned.CROWDED_SHARE or crowded > 0 and len(ocr_aligned.even_row(
                [t for t in tokens if t.figure], dpi)) >= ocr_aligned.T4_LEAVES:
            bottom = candidates[k + 1][0].box[1] if k + 1 < len(candidates) else gray.shape[0]
            rebuilt = ocr_aligned.aligned_grid(ink, grid.box, dpi, tokens, bottom)
            if rebuilt is not None and (ocr_aligned.crowded_share(rebuilt, tokens) >= 0.05
                                        or ocr_aligned.figures_in_labels(rebuilt, tokens)
                                        or found and ocr_aligned.merges_columns(rebuilt, grid, dpi)):
                rebuilt = None
        if rebuilt is not None:
            rebuilt_at.add(len(out))
            out.append(rebuilt)
        elif found:
            out.append(grid)
    return out, rebuilt_at


def unsure_digits(cell: CellReading) -> bool:
    """Whether a figure cell's digit passes read one or two digits under
    :data:`extract.layout.LOW_CONFIDENCE` (see :func:`digits_read_as_text`)."""
    return cell.numeric and cell.text.isdigit() and len(cell.text) <= 2 and cell.confidence < LOW_CONFIDENCE


def digits_read_as_text(cells: list[CellReading], found: list[Reading]) -> None:
    """Figure cells whose digits were read unsure (:func:`unsure_digits`), with their
    reading as text: a blank mark read so (无 blurred at a picture's low resolution reads
    ``5`` or ``7`` to the digit passes, at 0.4) is that mark, where the text pass is as
    sure; read as Chinese characters, the cell holds no figure it can name and is left
    unread. A digit read as a digit again stays."""
    for cell, reading in zip(cells, found):
        text = "".join(reading.text.split())
        if text in BLANK_MARKS and reading.confidence >= cell.confidence:
            cell.alternatives = [(cell.text, cell.confidence)] + cell.alternatives
            cell.numeric, cell.text, cell.confidence, cell.chosen_by = False, text, reading.confidence, "text pass"
        elif _CJK.search(text) and not text.isdigit():
            cell.alternatives = [(cell.text, cell.confidence), (text, reading.confidence)] + cell.alternatives
            cell.rejected, cell.text, cell.confidence, cell.chosen_by = cell.text, "", 0.0, "text pass"


def unread_numbers_below_floor(cells: list[CellReading]) -> None:
    """Cells read as text (not taken for figure cells) whose reading is a number under
    :data:`UNREAD_BELOW` are left unread, as a figure cell's would be: a token below the
    confidence floor becomes no figure by another path (``4`` read at 0.12 where 44 is
    printed, ``5`` at 0.18 where 53 is: both were published)."""
    for cell in cells:
        if cell.text and cell.confidence < UNREAD_BELOW and normalise_number(cell.text) is not None:
            cell.alternatives = [(cell.text, cell.confidence)] + cell.alternatives
            cell.rejected, cell.text, cell.confidence, cell.chosen_by = cell.text, "", 0.0, "confidence"


def without_empty_edge_columns(grid: TableGrid, crop_at) -> TableGrid:
    """``grid`` without a last column in which no row holds ink: a line beside
    the table (the edge of a sheet scanned askew, a frame around the page) taken for its
    border makes such a column, and every row then counts one cell more than the
    template gives it (table 2's rows, checked by their figure counts, were refused).
    A column of the table always prints something in some row: its heading. Only one
    column, and only where the column beside it prints something (a page of
    table 3 whose rows print every figure blank keeps all its columns). Rows merged
    across the whole width (a heading above the table taken into its grid) lose the
    column too. (The first column stays: table 4 prints no labels, its label column may
    be empty in every row.)

    :param crop_at: a cell box → its crop (:func:`extract.ocr_table.cell_crop`), or None
        for a cell without ink
    """
    def empty(col: int) -> bool:
        own = [cell for cell in grid.cells if cell.col <= col < cell.col + cell.col_span]
        across = [cell for cell in own if cell.col_span == grid.n_cols]
        alone = [cell for cell in own if cell.col == col and cell.col_span == 1 and cell.row_span == 1]
        return len(alone) >= 2 and len(alone) + sum(cell.row_span for cell in across) == grid.n_rows \
            and len(alone) + len(across) == len(own) and all(crop_at(cell.box) is None for cell in alone)

    last = grid.n_cols - 1
    # (its neighbour prints something: a table whose figure cells are all blank, a page
    # of table 3 of blank rows, keeps every column)
    if grid.n_cols <= 2 or not empty(last) or empty(last - 1):
        return grid
    col_lines = grid.col_lines[:-1]
    cells = []
    for cell in grid.cells:
        if cell.col_span == grid.n_cols:
            # (a row across the whole width: the heading above the table, or a caption)
            _, y0, _, y1 = cell.box
            cells.append(Cell(cell.row, 0, cell.row_span, cell.col_span - 1, (col_lines[0], y0, col_lines[-1], y1)))
        elif cell.col != last:
            cells.append(cell)
    _, y0, _, y1 = grid.box
    return TableGrid((col_lines[0], y0, col_lines[-1], y1), grid.row_lines, col_lines, cells, grid.text_rows)


def split_merged_labels(grid: TableGrid, crop_at, dpi: float, digit_like=None) -> TableGrid:
    """``grid`` with each label cell beside the figure columns that spans several rows,
    each holding figures of its own, cut into one cell per row.

    The template gives every row of figures its own label in the column next to them;
    a label cell there over several such rows is a ruling the scan lost in the label
    column alone (``5.属于三类内部事务信息`` and ``6.属于四类过程性信息`` read as one
    cell, their rows' figures then given no label). Labels merged further left
    (``（三）不予公开`` over its eight rows) stay merged.

    :param crop_at: a cell box → its crop (:func:`extract.ocr_table.cell_crop`), or None
        for a blank cell
    :param digit_like: ``(box, crop)`` → :func:`extract.ocr_table.looks_like_digits`
        (cached by the caller); None to compute it
    """
    if digit_like is None:
        def digit_like(box, crop):
            return looks_like_digits(crop, dpi)
    if not any(cell.row_span > 1 for cell in grid.cells):
        return grid
    inked: dict[int, list[bool]] = {}
    digits_at: set[tuple[int, int]] = set()
    for cell in grid.cells:
        if cell.row_span == 1 and cell.col_span == 1:
            crop = crop_at(cell.box)
            if crop is not None:
                digit = digit_like(cell.box, crop)
                inked.setdefault(cell.col, []).append(digit)
                if digit:
                    digits_at.add((cell.row, cell.col))
    figure_cols = sorted(c for c, votes in inked.items() if len(votes) >= 3 and sum(votes) >= 0.5 * len(votes))
    if not figure_cols:
        return grid
    first = figure_cols[0]
    cells, split = [], False
    for cell in grid.cells:
        rows = range(cell.row, cell.row + cell.row_span)
        if cell.row_span > 1 and cell.col + cell.col_span == first \
                and all(any((r, c) in digits_at for c in figure_cols) for r in rows):
            x0, _, x1, _ = cell.box
            cells += [Cell(r, cell.col, 1, cell.col_span, (x0, grid.row_lines[r], x1, grid.row_lines[r + 1]))
                      for r in rows]
            split = True
        else:
            cells.append(cell)
    if not split:
        return grid
    cells.sort(key=lambda c: (c.row, c.col))
    return TableGrid(grid.box, grid.row_lines, grid.col_lines, cells, grid.text_rows)


def _join_label_lines(table: TableReading) -> TableReading:
    """An aligned table with its row labels that ran over several lines joined
    (:func:`extract.ocr_aligned.join_label_lines`)."""
    grid = table.grid
    starts, cells = ocr_aligned.join_label_lines(table.cells, grid.n_rows)
    row_lines = [grid.row_lines[r] for r in starts] + [grid.row_lines[-1]]
    joined = TableGrid(grid.box, row_lines, grid.col_lines, [c.cell for c in cells])
    return TableReading(joined, cells)


def looks_like_paper(gray: np.ndarray) -> bool:
    """Whether an image is a printed page: most pixels sit at one light paper level.

    A photo spreads over the whole grey scale; a scan, even a noisy JPEG one, is
    mostly paper within a few grey levels of its commonest light value.
    """
    hist = np.bincount(gray.ravel(), minlength=256).astype(float)
    paper = int(np.argmax(hist[100:])) + 100
    near = hist[max(0, paper - 30):paper + 31].sum() / hist.sum()
    return near >= 0.6


def has_text_marks(gray: np.ndarray, dpi: float, minimum: int = 8) -> bool:
    """Whether a page region holds marks the size of glyphs (not just specks)."""
    mask = ink_mask(gray)
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if n <= 1:
        return False
    heights = stats[1:, 3]
    return int(((heights >= dpi * 0.03) & (heights <= dpi * 0.6)).sum()) >= minimum


_LATIN = re.compile(r"[A-Za-z]")


def plausible_text(line: TextLine) -> bool:
    """Whether an OCR'd line of running text is worth keeping.

    Report text is Chinese with figures; a line read with low confidence, or made
    mostly of Latin letters and symbols, is noise (a stamp, a photo, speckle).
    """
    text = line.text.replace(" ", "")
    if not text or line.confidence < MIN_TEXT_CONFIDENCE:
        return False
    latin = len(_LATIN.findall(text))
    cjk = len(_CJK.findall(text))
    return latin <= 0.25 * len(text) and (cjk >= 2 or len(text) <= 4 and line.confidence >= 0.8)


def looks_like_a_document(lines: list[TextLine]) -> bool:
    """Whether the text lines of a page without tables read like a report page."""
    text = "".join(line.text for line in lines).replace(" ", "")
    cjk = len(_CJK.findall(text))
    confidence = sum(line.confidence * len(line.text) for line in lines) / max(1, sum(len(l.text) for l in lines))
    return cjk >= 0.5 * len(text) and confidence >= 0.7


def _binarise_scaled(crop: np.ndarray, factor: float = 1.25) -> np.ndarray:
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
        narrow = crops[k].shape[1] <= dpi * 0.6
        out.append(reading.cell.col_span == 1 and bool(column) and sum(column) / len(column) >= 0.5
                   and one_line and narrow)
    return out


def needs_second_opinion(passes: list[list[Reading]]) -> list[int]:
    """The figure cells (indexes into each pass) whose readings are not sure together:
    the passes read different numbers (or one read none), or one read under
    :data:`SECOND_OPINION_BELOW`."""
    return [j for j in range(len(passes[0]))
            if len({normalise_number(p[j].text) for p in passes}) > 1
            or min(p[j].confidence for p in passes) < SECOND_OPINION_BELOW]


def _vote(reading: CellReading, found: list[Reading]) -> bool:
    """Combine several readings of a figure cell.

    The best-supported number wins. When every pass read that same number, the
    confidences combine as independent evidence (1 - prod(1 - c)); otherwise the
    confidence is the mean engine confidence of the agreeing readings scaled by the
    share of number readings that agree, and a pass that read nothing costs a
    little (it neither agrees nor contradicts). Other numbers read become the
    alternatives.

    :returns: False when no reading was a number
    """
    reading.numeric = True
    support: dict[str, list[float]] = {}
    abstained = 0
    for item in found:
        number = normalise_number(item.text)
        if number is None:
            abstained += 1
            continue
        support.setdefault(number, []).append(max(item.confidence, 0.05))
    if not support:
        reading.text, reading.confidence, reading.alternatives = "", 0.0, []
        return False
    ranked = sorted(support.items(), key=lambda kv: (-sum(kv[1]), -len(kv[1])))
    best, confs = ranked[0]
    voters = sum(len(c) for c in support.values())
    if len(confs) == voters and voters >= 2 and not abstained:
        # unanimous: independent readings that agree support each other
        confidence = 1.0 - float(np.prod([1.0 - c for c in confs]))
    else:
        confidence = (sum(confs) / len(confs)) * (len(confs) / voters) * (0.9 if abstained else 1.0)
    reading.text = best
    reading.confidence = round(min(1.0, confidence), 3)
    reading.alternatives = [(text, round(sum(c) / len(found), 3)) for text, c in ranked[1:]]
    return True


#: the confidence given to a reading chosen because it is the only one the glyphs allow
GLYPH_CHOICE_CONFIDENCE = 0.5
#: an engine reading with less support than this is not taken for the glyph choice
MIN_CHOICE_SUPPORT = 0.25
#: a figure read with less confidence than this is left unread (its readings kept as
#: alternatives): on the independent scans, cells read this low were wrong three
#: times as often as right
UNREAD_BELOW = 0.3
#: engines' agreement above which a whole number read where the glyphs show a mark on the
#: baseline between digits stands (the mark a speck, or a point no engine read)
SPECK_POINT_SURE = 0.9
#: ``chosen_by`` of such a cell: a count takes the number; an amount (a figure that may
#: have decimals, :data:`extract.schema.DECIMAL_KEYS`) takes the point where the glyphs
#: put it, warned about, or is left out (:func:`extract.api._amounts_beside_a_speck`)
SPECK_OR_POINT = "speck or point"


#: a figure cell whose two Tesseract passes agree, each at this confidence or more, is
#: not read by the second engine
SECOND_OPINION_BELOW = 0.95

#: marks a figure cell prints for 0 (the template: blank, —, / and 无 are 0), as an
#: engine reads them: :data:`extract.numbers.BLANK_MARKS` but the empty reading (an
#: inked cell read as nothing is unread, never blank)
BLANK_MARKS = PRINTED_BLANK_MARKS - {""}


#: confidence of a 无 the text engine read in a figure cell whose ink is one glyph as wide
#: as it is tall: two readings agree (no digit is that shape). On scan seeds 9-12 every
#: such cell was right, read by the engine at 0.3-0.7.
CONFIRMED_MARK_CONFIDENCE = 0.9
#: how sure the second engine must be that one square glyph Tesseract read as another
#: character is 无 (:meth:`PageReader._second_look_at_marks`)
SECOND_MARK_CONFIDENCE = 0.95
#: marks a speck beside a glyph reads as
_SPECKS = " .,，。·:;：；'\"`、"

#: the template's character printed for 0, as the text engine reads it
_WU = "无"


def _confirmed_mark(text: str, confidence: float, crop: np.ndarray | None, dpi: float,
                    glyphs: Glyphs | None = None) -> float:
    """The confidence of a blank mark read in a figure cell: raised to
    :data:`CONFIRMED_MARK_CONFIDENCE` for a 无 whose cell holds one square glyph
    (:attr:`extract.ocr_table.Glyphs.square`), else as read."""
    if "".join(text.split()) != _WU or crop is None or confidence < UNREAD_BELOW:
        return confidence
    glyphs = glyphs if glyphs is not None else glyph_shape(crop, dpi)
    return max(confidence, CONFIRMED_MARK_CONFIDENCE) if glyphs is not None and glyphs.square else confidence


def _lone_slash(crop: np.ndarray | None, dpi: float) -> bool:
    """Whether a cell's crop holds one slanted stroke and nothing else (a slash, printed
    for 0), by its glyphs (:func:`extract.ocr_table.glyph_shape`)."""
    if crop is None:
        return False
    glyphs = glyph_shape(crop, dpi)
    return glyphs is not None and glyphs.slash


def check_glyphs(reading: CellReading, crop: np.ndarray, dpi: float) -> None:
    """Hold a figure cell's number against its glyphs (:func:`extract.ocr_table.glyph_shape`).

    A number the glyphs do not allow (too many or too few digits, a minus where no
    minus is printed or none where one is, a decimal point where none is printed) is
    never kept: when exactly one of the engines' other readings fits, that one is
    taken at :data:`GLYPH_CHOICE_CONFIDENCE` (so it is warned about); otherwise the
    cell is left unread, its engines' reading kept in ``rejected``.
    """
    glyphs = reading.glyphs = glyph_shape(crop, dpi)
    if glyphs is not None and glyphs.slash:
        # a lone slash, which the digit passes read as 7 or 1: printed for 0 (a text mark)
        reading.alternatives = [(reading.text, reading.confidence)] + reading.alternatives
        reading.numeric, reading.text, reading.confidence, reading.chosen_by = False, "/", 0.9, "glyphs"
        return
    if reading_fits_glyphs(reading.text, glyphs):
        if "." in reading.text and glyphs.faint_point and reading.confidence > GLYPH_CHOICE_CONFIDENCE:
            # the decimal point stands on ink no bigger than a speck: kept, and said
            reading.alternatives = [(reading.text.replace(".", ""), reading.confidence)] + reading.alternatives
            reading.confidence, reading.chosen_by = GLYPH_CHOICE_CONFIDENCE, "glyphs"
        return
    if glyphs is not None and "." in reading.text and reading_fits_glyphs(reading.text.replace(".", ""), glyphs) \
            and -len(reading.text.split(".", 1)[1]) in glyphs.points:
        reading.text = reading.text.replace(".", "")  # the point read is a printed comma: 1,234
        return
    if glyphs is not None and glyphs.points and reading.text.isdigit() and reading.confidence >= SPECK_POINT_SURE \
            and reading_fits_glyphs(reading.text, replace(glyphs, points=[])):
        # a whole number read surely, every glyph a digit it reads, and a mark on the
        # baseline between two of them: a speck, or a decimal point no engine saw. A
        # count has no point, so the number stands there; an amount takes the point
        # where the glyphs put it (see :data:`SPECK_OR_POINT`)
        pointed = _with_printed_point(reading.text, glyphs)
        if pointed is not None:
            reading.alternatives = [(pointed, GLYPH_CHOICE_CONFIDENCE)] + reading.alternatives
        reading.chosen_by = SPECK_OR_POINT
        return
    fitting = [(t, s) for t, s in reading.alternatives if s >= MIN_CHOICE_SUPPORT
               and normalise_number(t) is not None and reading_fits_glyphs(normalise_number(t), glyphs)]
    old = reading.text
    if len(fitting) == 1:
        text, support = fitting[0]
        reading.alternatives = [(t, s) for t, s in reading.alternatives if t != text] + [(old, reading.confidence)]
        reading.text = normalise_number(text)
        reading.confidence = round(min(support, GLYPH_CHOICE_CONFIDENCE), 3)
        reading.chosen_by = "glyphs"
        return
    pointed = _with_printed_point(old, glyphs)
    if pointed is not None:
        # a point printed between the digits that no engine read (``232`` where ``2.32``
        # is printed): put where the glyphs have it
        reading.alternatives = [(old, reading.confidence)] + reading.alternatives
        reading.text, reading.confidence, reading.chosen_by = pointed, GLYPH_CHOICE_CONFIDENCE, "glyphs"
        return
    reading.alternatives = [(old, reading.confidence)] + reading.alternatives
    reading.text, reading.confidence, reading.rejected = "", 0.0, old


def _with_printed_point(text: str, glyphs) -> str | None:
    """``text`` (digits, no point) with a decimal point where the glyphs show exactly one
    on the baseline, when the number so written fits them; else ``None``."""
    if glyphs is None or not text.isdigit() or len(glyphs.points) != 1 or glyphs.points[0] < 0 \
            or glyphs.digits != (len(text), len(text)):
        return None  # (each digit a glyph of its own, or where the point stands is not sure)
    after = glyphs.points[0]
    if not 0 < after < len(text):
        return None
    pointed = text[:-after] + "." + text[-after:]
    return pointed if reading_fits_glyphs(pointed, glyphs) else None


# -- the template's arithmetic, to choose between the engines' own readings ----------

@dataclass
class _Constraint:
    """A rule instance: the signed sum of the terms' values must be zero."""

    rule: str
    terms: list[tuple[int, CellReading | None]]

    def cells(self) -> list[CellReading]:
        return [r for _, r in self.terms if r is not None]


def _value(reading: CellReading | None) -> float | None:
    """A cell's value for the arithmetic: blank is 0, a non-number is unknown."""
    if reading is None:
        return 0.0
    if not reading.text:
        # a blank cell is 0; an unread one is unknown
        return None if reading.numeric or reading.confidence == 0.0 else 0.0
    number = normalise_number(reading.text)
    return float(number) if number is not None else None


def _holds(constraint: _Constraint, override: tuple[CellReading, str] | None = None) -> bool | None:
    total = 0.0
    for sign, reading in constraint.terms:
        value = float(override[1]) if override and reading is override[0] else _value(reading)
        if value is None:
            return None
        total += sign * value
    return abs(total) < 1e-6


def _figure_rows(table: TableReading, width: int) -> list[list[CellReading | None]]:
    """Rows whose last ``width`` grid columns hold figures or blanks (header rows excluded)."""
    if table.grid.n_cols < width:
        return []
    by_slot = {(c.cell.row, c.cell.col): c for c in table.cells}
    rows = []
    first = table.grid.n_cols - width
    for r in range(table.grid.n_rows):
        cells = [by_slot.get((r, c)) for c in range(first, table.grid.n_cols)]
        if any(c is None or c.cell.col_span != 1 or c.cell.row_span != 1 for c in cells):
            continue
        if all(c.numeric or not c.text for c in cells):
            rows.append(cells)
    return rows


def _sum_rule(rule: str, addends: list, total) -> _Constraint:
    return _Constraint(rule, [(1, a) for a in addends] + [(-1, total)])


def _constraints(table: TableReading) -> list[_Constraint]:
    """Instances of the template's hard rules that this table's shape allows."""
    out = []
    t3_rows = _figure_rows(table, len(schema.T3_COLUMN_KEYS))
    if len(t3_rows) >= 3:
        for cells in t3_rows:
            out.append(_sum_rule(schema.RULES_BY_ID["t3.row_sum"].id, cells[:-1], cells[-1]))
        order = next((o for o in (schema.T3_ROW_ORDER["2021"], schema.T3_ROW_ORDER["2019"])
                      if len(o) == len(t3_rows)), None)
        if order is not None:
            row = dict(zip(order, t3_rows))
            results = [k for k in order if k in schema.T3_RESULT_ROWS]
            for c in range(len(schema.T3_COLUMN_KEYS)):
                out.append(_sum_rule(schema.RULES_BY_ID["t3.results_sum"].id,
                                     [row[k][c] for k in results], row["results_total"][c]))
                out.append(_Constraint(schema.RULES_BY_ID["t3.balance"].id, [
                    (1, row["new"][c]), (1, row["carried_over"][c]),
                    (-1, row["results_total"][c]), (-1, row["carried_forward"][c])]))
    n_t4 = len(schema.T4_KEYS)
    group = len(schema.T4_COLUMNS)
    for cells in _figure_rows(table, n_t4):
        for g in range(0, n_t4, group):
            out.append(_sum_rule(schema.RULES_BY_ID["t4.group_sum"].id, cells[g:g + group - 1], cells[g + group - 1]))
    return out


def choose_by_arithmetic(table: TableReading) -> list[tuple[CellReading, str, str, list[str]]]:
    """Where a rule fails and exactly one of the engines' own alternative readings
    of one of its cells makes it hold (without breaking a rule that held), take
    that reading.

    Values never come from the arithmetic itself: only readings an engine produced
    are considered, and when two readings would each fix the rule nothing is chosen.

    :returns: (cell, old text, new text, rules now satisfied) per choice made
    """
    constraints = _constraints(table)
    by_cell: dict[int, list[_Constraint]] = {}
    for constraint in constraints:
        for cell in constraint.cells():
            by_cell.setdefault(id(cell), []).append(constraint)
    choices = []
    for _ in range(3):
        changed = False
        for constraint in constraints:
            if _holds(constraint) is not False:
                continue
            options = []
            for cell in constraint.cells():
                if not cell.numeric:
                    continue
                for alt, _support in cell.alternatives:
                    if normalise_number(alt) is None:
                        continue
                    if cell.glyphs is not None and not reading_fits_glyphs(normalise_number(alt), cell.glyphs):
                        continue  # never a reading the glyphs do not allow
                    mine = by_cell[id(cell)]
                    if not _holds(constraint, (cell, alt)):
                        continue
                    if any(_holds(c) and not _holds(c, (cell, alt)) for c in mine):
                        continue
                    options.append((cell, alt, sorted({c.rule for c in mine if _holds(c, (cell, alt))})))
            if len(options) != 1:
                continue
            cell, alt, rules = options[0]
            old = cell.text
            cell.alternatives = [(t, s) for t, s in cell.alternatives if t != alt] + [(old, cell.confidence)]
            cell.text = alt
            cell.chosen_by = ", ".join(rules)
            choices.append((cell, old, alt, rules))
            changed = True
        if not changed:
            break
    # a rule that still fails and holds with one cell read at low confidence as 0 (ink
    # beside a blank cell, a remnant of a ruling, read as ``1``): that cell is left
    # unread, never a figure that breaks the table's sums on the strength of a misread
    for constraint in constraints:
        if _holds(constraint) is not False:
            continue
        weak = [c for c in constraint.cells() if c.numeric and c.text and c.confidence < LOW_CONFIDENCE]
        if len(weak) != 1 or normalise_number(weak[0].text) in (None, "0"):
            continue
        cell = weak[0]
        if not _holds(constraint, (cell, "0")) or any(_holds(c) and not _holds(c, (cell, "0"))
                                                     for c in by_cell[id(cell)]):
            continue
        old = cell.text
        cell.alternatives = [(old, cell.confidence)] + cell.alternatives
        cell.rejected, cell.text, cell.confidence, cell.chosen_by = old, "", 0.0, "arithmetic"
        choices.append((cell, old, "", [constraint.rule]))
    return choices


# -- pages and pictures into a Layout -------------------------------------------------

_READERS: dict[tuple, PageReader] = {}


#: ``second_engine`` left to the default (:func:`extract.ocr_engines.default_second_engine`)
DEFAULT = "default"


def get_reader(engine: str = "tesseract", second_engine: str | None = DEFAULT) -> PageReader:
    """A shared :class:`PageReader` (engines start once per process).

    :param second_engine: an engine voting on figures, None for none, or
        :data:`DEFAULT` (RapidOCR where installed)
    """
    key = (engine, second_engine)
    if key not in _READERS:
        second = default_second_engine() if second_engine == DEFAULT else second_engine
        try:
            _READERS[key] = PageReader(engine, second)
        except OcrEngineError:
            if second_engine != DEFAULT or second is None:
                raise
            # the default second engine is installed but cannot start: Tesseract alone
            _READERS[key] = PageReader(engine, None)
    return _READERS[key]


def cell_breaks_rule(cell: CellReading, pages: list[PageReading]) -> bool:
    """Whether a cell's reading makes one of its table's arithmetic rules fail.

    :param cell: a cell reading from one of ``pages``.
    :param pages: the page readings the cell belongs to.
    """
    for page in pages:
        for table in page.tables:
            if cell in table.cells:
                return any(c for c in _constraints(table) if cell in c.cells() and _holds(c) is False)
    return False


#: A stray mark OCR reads before Chinese text ("\政府信息公开行政复议…" where "四、" was
#: misread); it would hide a section heading. Radicals count as Chinese: they are
#: mapped to ordinary characters only later.
_STRAY_LEAD_MARK = re.compile(r"^[\\/|_~`'^]+\s*(?=[\u4e00-\u9fff\u2e80-\u2fdf\uf900-\ufaff])")


#: digits stuck to Chinese text in a text cell ("娄诉讼1"): OCR noise in a label, not a
#: figure; an item number at the start ("1.属于国家秘密") and an amount with its unit
#: ("251000元") stay
_STRAY_DIGITS = re.compile(r"(?<=[\u4e00-\u9fff])\d+(?![\d.,]*\s*(?:万元|元|件|个|项))"
                           r"|(?<![\d.])\d+(?=[\u4e00-\u9fff])(?!\d*\s*(?:万元|元|件|个|项))")


def clean_text_cell(text: str) -> str:
    """A text (label) cell's reading without digits stuck to its Chinese text.

    >>> clean_text_cell("娄诉讼1")
    '娄诉讼'
    >>> clean_text_cell("1.属于国家秘密"), clean_text_cell("251000元")
    ('1.属于国家秘密', '251000元')
    """
    if not _CJK.search(text):
        return text
    return _STRAY_DIGITS.sub("", text)


def _layout_cell(cell: CellReading, result: PageReading, table: int) -> LayoutCell:
    """A table cell as the layout carries it: text (:data:`UNREAD_CELL` for inked marks
    no engine could read, ``""`` for a blank cell), place, box in PDF points (1/72 inch)
    of the deskewed page image, and reading confidence (``None`` for a blank cell)."""
    blank = not (cell.text or cell.numeric or cell.confidence == 0.0)
    text = cell.text if cell.text or blank else UNREAD_CELL
    if not cell.numeric and text != UNREAD_CELL:
        # a bar read in a text cell (a ruling's remnant) would read as a cell boundary
        text = " ".join(clean_text_cell(text).replace("|", " ").split())
    scale = 72.0 / result.dpi
    box = tuple(round(v * scale, 2) for v in cell.cell.box)
    return LayoutCell(text, page=result.page, table=table, row=cell.cell.row, col=cell.cell.col, box=box,
                      confidence=None if blank else round(float(cell.confidence), 3))


#: codes of the warnings about one OCR'd cell (their detail names it with :func:`cell_place`)
CELL_WARNING_CODES = ("ocr_cell_unsure", "ocr_cell_glyphs", "ocr_cell_unread", "ocr_low_confidence",
                      "ocr_arithmetic_choice")


def cell_place(row: int, col: int, where: str, table: int) -> str:
    """How a warning's detail names an OCR'd cell: ``cell row 2 col 5 (page 3, table 1)``.

    :param row: 1-based row of the table's grid.
    :param col: 1-based column.
    :param where: ``page N`` or ``image``.
    :param table: 1-based table on that page.
    """
    return f"cell row {row} col {col} ({where}, table {table})"


def _text_among_figures(cells: list[CellReading]) -> None:
    """Make unread the cells of a table row that stand right of a figure and were read as
    words that are neither a number nor a blank mark (``十1`` where a faint ``+1`` is
    printed, ``l``): a figure column's cell that no engine read as a number. Left as
    words, the mapper would skip the cell and the next figure would take its column."""
    seen_figure = False
    for cell in cells:
        if cell.numeric and cell.text:
            seen_figure = True
        elif seen_figure and cell.text.strip() \
                and "".join(cell.text.split()) not in BLANK_MARKS and not numbers_in_cell(cell.text):
            cell.alternatives = [(cell.text, cell.confidence)] + cell.alternatives
            cell.numeric, cell.text, cell.confidence, cell.chosen_by = False, "", 0.0, "not a figure"


def append_page(layout: Layout, result: PageReading) -> None:
    """Append one page's text lines and table rows to ``layout``, top to bottom.

    Table rows are :class:`extract.layout.Row` lines whose cells carry their page,
    table number (counted in ``layout``), grid row and column, box and confidence.
    """
    where = f"page {result.page}" if result.page is not None else "image"
    items: list[tuple[int, int, object]] = [(line.box[1], 0, line) for line in result.text_lines]
    for t, table in enumerate(result.tables):
        for r, cells in enumerate(table.rows()):
            if cells:
                items.append((table.grid.row_lines[r], 1, (t, r, cells)))
    items.sort(key=lambda item: (item[0], item[1]))
    numbers: dict[int, int] = {}  # table on the page → table number in the layout
    for _, kind, item in items:
        index = len(layout.lines)
        if kind == 0:
            layout.lines.append(_STRAY_LEAD_MARK.sub("", item.text, count=1))
            layout.confidence[index] = round(item.confidence, 3)
            continue
        t, r, cells = item
        if t not in numbers:
            numbers[t] = layout.new_table()
        _text_among_figures(cells)
        # an inked cell no engine could read keeps its column as an unread cell, never a blank (0)
        row = [_layout_cell(c, result, numbers[t]) for c in cells]
        if len(row) == 1 and not cells[0].numeric and row[0].text != cells[0].text.strip() \
                and _STRAY_DIGITS.search(cells[0].text):
            # digits stuck to the label of a row that has no other cell (``行政许可124`` over
            # the whole row): the grid lost the line between the label and its figures, so
            # the digits are the row's figures, read out of their cells. The row keeps an
            # unread cell: its figures are left out, never read as a row printed blank (0)
            row.append(row[0]._replace(text=UNREAD_CELL, confidence=0.0))
        layout.add_row(row)
        inked = [c.confidence for c in cells if c.text or c.numeric]
        layout.confidence[index] = round(min(inked), 3) if inked else 1.0
        for k, cell in enumerate(cells):
            if not (cell.text or cell.numeric or cell.confidence == 0.0):
                continue  # blank cell
            layout.ocr_cells.append({
                "line_index": index, "cell_index": k, "text": cell.text,
                "confidence": round(float(cell.confidence), 3),
                "alternatives": [[a, round(float(s), 3)] for a, s in cell.alternatives],
                "page": result.page, "table": t + 1, "row": r + 1, "col": cell.cell.col + 1,
                "figure": cell.numeric, "chosen_by": cell.chosen_by,
            })
            place = cell_place(r + 1, cell.cell.col + 1, where, t + 1)
            if cell.rejected and cell.chosen_by == "confidence":
                layout.warnings.append(warn("ocr_cell_unsure", f"OCR read '{cell.rejected}' in {place} with too "
                                            f"little confidence (under {UNREAD_BELOW}); left unread (no value)"))
            elif cell.rejected:
                layout.warnings.append(warn("ocr_cell_glyphs", f"OCR read '{cell.rejected}' in {place} but its "
                                            "glyphs do not allow it (digits, sign or point); left unread (no value)"))
            elif not cell.text:
                layout.warnings.append(warn("ocr_cell_unread",
                                            f"OCR could not read the marks in {place}; left unread (no value)"))
            elif cell.numeric and cell.confidence < LOW_CONFIDENCE:
                others = ", ".join(f"'{a}'" for a, _ in cell.alternatives)
                layout.warnings.append(warn("ocr_low_confidence", f"low OCR confidence for {place}: read "
                                            f"'{cell.text}' ({cell.confidence:.2f})"
                                            + (f"; other readings {others}" if others else "")))
    layout.warnings.extend(result.warnings)


def read_image(gray: np.ndarray, dpi: float, page: int | None = None, *, engine: str = "tesseract",
               second_engine: str | None = DEFAULT, picture: bool = False) -> PageReading:
    """OCR a greyscale page image into a :class:`PageReading` (tables and text lines).

    The template's arithmetic is then used to choose between readings the engines
    disagreed on (recorded in the result's warnings).
    """
    return read_images([(gray, page, picture)], dpi, engine=engine, second_engine=second_engine)[0]


def read_images(pages: list[tuple[np.ndarray, int | None, bool]], dpi: float, *, engine: str = "tesseract",
                second_engine: str | None = DEFAULT) -> list[PageReading]:
    """:func:`read_image` of several greyscale images ``(gray, page number or None,
    picture)`` at ``dpi``, their cells and text read in one engine start per pass
    (:meth:`PageReader.read_pages`).

    :returns: one :class:`PageReading` per image, in order
    """
    results = get_reader(engine, second_engine).read_pages(pages, dpi)
    for result in results:
        where = f"page {result.page}" if result.page is not None else "image"
        for t, table in enumerate(result.tables):
            for cell, old, new, rules in choose_by_arithmetic(table):
                place = cell_place(cell.cell.row + 1, cell.cell.col + 1, where, t + 1)
                if not new:
                    result.warnings.append(warn(
                        "ocr_cell_unread", f"OCR read '{old}' in {place} at low confidence, and "
                        f"{', '.join(rules)} fails with it and holds were the cell blank; left unread (no value)"))
                    continue
                result.warnings.append(warn(
                    "ocr_arithmetic_choice",
                    f"OCR chose for {place} the engine's alternative reading '{new}' over '{old}': it "
                    f"satisfies {', '.join(rules)}"))
    return results


#: pages read together (their cells in one engine start per pass): a page rendered at
#: 300 dpi takes about 9 MB, and an engine start about half a second
OCR_BATCH_PAGES = 8


def render_pdf_pages(data: bytes, pages: list[int] | None = None, dpi: int = DEFAULT_DPI):
    """Yield ``(page number, greyscale image or None, error)`` for the given 1-based pages."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except Exception as exc:  # noqa: BLE001 - pdfium raises its own error types
        raise OcrInputError(f"not a readable PDF: {exc}") from exc
    try:
        numbers = pages if pages is not None else list(range(1, len(document) + 1))
        for number in numbers:
            if not 1 <= number <= len(document):
                yield number, None, f"no page {number} (the PDF has {len(document)})"
                continue
            try:
                bitmap = document[number - 1].render(scale=dpi / 72, grayscale=True)
                image = bitmap.to_numpy().copy()
            except Exception as exc:  # noqa: BLE001
                yield number, None, f"page {number} could not be rendered: {exc}"
                continue
            yield number, image.reshape(image.shape[0], image.shape[1]), None
    finally:
        document.close()


class OcrInputError(ValueError):
    """The input is not something OCR can read (not a PDF, not an image)."""


def ocr_pdf_pages(data: bytes, pages: list[int] | None = None, *, dpi: int = DEFAULT_DPI,
                  engine: str = "tesseract", second_engine: str | None = DEFAULT) -> Layout:
    """OCR pages of a PDF (scans, or single pages without a text layer).

    Pages are rendered at ``dpi`` whatever the resolution of the scan inside, so a
    150-dpi scan is read at 300 dpi (upsampling helps the engines).

    :param data: the PDF file
    :param pages: 1-based page numbers to read (all pages when None), e.g. the PDF
        reader's ``Layout.pages_needing_ocr``
    :param dpi: rendering resolution
    :param engine: engine for text and labels
    :param second_engine: an extra engine voting on figures: :data:`DEFAULT` is RapidOCR
        where installed (:func:`extract.ocr_engines.default_second_engine`), None none
    :returns: a Layout of the pages in order; per-cell readings in ``ocr_cells``
    """
    layout = Layout()
    batch: list[tuple[np.ndarray, int, bool]] = []

    def read_batch() -> None:
        for result in read_images(batch, dpi, engine=engine, second_engine=second_engine):
            append_page(layout, result)
        batch.clear()

    try:
        for number, image, error in render_pdf_pages(data, pages, dpi):
            if error:
                read_batch()  # (pages stay in order)
                layout.warnings.append(warn("ocr_page_failed", f"OCR: {error}"))
                continue
            batch.append((image, number, False))
            if len(batch) >= OCR_BATCH_PAGES:
                read_batch()
        read_batch()
    except (OcrInputError, OcrEngineError) as exc:
        layout.warnings.append(warn("ocr_failed", f"OCR: {exc}"))
    return layout


def estimate_dpi(gray: np.ndarray) -> float | None:
    """Estimate the resolution of a picture of printed text from its glyph heights.

    Body text in these reports is set at 10.5-12 pt; the tallest connected pieces
    of a line of Chinese characters are about 0.11 inch high.
    """
    mask = ink_mask(gray)
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    heights = np.array([stats[i, 3] for i in range(1, n)
                        if 4 <= stats[i, 3] <= gray.shape[0] / 8 and stats[i, 2] <= gray.shape[1] / 8])
    if len(heights) < 10:
        return None
    return float(np.percentile(heights, 90)) / GLYPH_HEIGHT_INCH


#: largest picture (pixels) OCR works on after scaling
MAX_PIXELS = 3508 * 4961

#: 90th percentile of glyph-piece heights in inches (measured on template renders)
GLYPH_HEIGHT_INCH = 0.11


def ocr_image(data: bytes, *, dpi: float | None = None, engine: str = "tesseract",
              second_engine: str | None = None) -> Layout:
    """OCR a picture (PNG, JPEG, …), such as a table pasted into a DOCX as an image.

    The picture is scaled to :data:`DEFAULT_DPI` first; its resolution is taken from
    ``dpi`` or estimated from the height of its glyphs (picture metadata is rarely
    right).

    :param data: the image file's bytes
    :param dpi: the picture's resolution, if known
    :param second_engine: an engine voting on figures; none by default: a picture
        pasted into a document is a clean rendering, where RapidOCR's vote gained 0.08
        points of cells for 48 % more CPU time (DOCX pictures seed 3)
    :returns: a Layout of the picture's text lines and table rows, with
        ``ocr_cells``; an unreadable input gives an empty Layout with a warning
    """
    return ocr_images([data], dpi=dpi, engine=engine, second_engine=second_engine)[0]


def ocr_images(pictures: list[bytes], *, dpi: float | None = None, engine: str = "tesseract",
               second_engine: str | None = None) -> list[Layout]:
    """:func:`ocr_image` of several pictures (a document's), their cells and text read
    in one engine start per pass (:func:`read_images`).

    :returns: one Layout per picture, in order
    """
    layouts = [Layout() for _ in pictures]
    batch: list[tuple[np.ndarray, None, bool]] = []
    read: list[Layout] = []
    for data, layout in zip(pictures, layouts):
        gray = _picture_at_default_dpi(data, dpi, layout)
        if gray is not None:
            batch.append((gray, None, True))
            read.append(layout)
    for start in range(0, len(batch), OCR_BATCH_PAGES):
        try:
            results = read_images(batch[start:start + OCR_BATCH_PAGES], DEFAULT_DPI, engine=engine,
                                  second_engine=second_engine)
        except OcrEngineError as exc:
            for layout in read[start:start + OCR_BATCH_PAGES]:
                layout.warnings.append(warn("ocr_failed", f"OCR: {exc}"))
            continue
        for layout, result in zip(read[start:start + OCR_BATCH_PAGES], results):
            append_page(layout, result)
    return layouts


def _picture_at_default_dpi(data: bytes, dpi: float | None, layout: Layout) -> np.ndarray | None:
    """A picture's greyscale image scaled to :data:`DEFAULT_DPI` (its resolution ``dpi``,
    or estimated from its glyphs), or None with a warning in ``layout``."""
    buffer = np.frombuffer(data, dtype=np.uint8)
    gray = cv2.imdecode(buffer, cv2.IMREAD_GRAYSCALE) if buffer.size else None
    if gray is None:
        layout.warnings.append(warn("ocr_not_an_image", "OCR: not a readable image; nothing taken from it"))
        return None
    source_dpi = dpi or estimate_dpi(gray)
    if source_dpi is None:
        layout.warnings.append(warn("ocr_nothing_read", "OCR image: no text-like marks found (blank picture, or "
                                    "not a document); nothing taken from it"))
        return None
    factor = DEFAULT_DPI / source_dpi
    if not 0.85 <= factor <= 1.15:
        # never blow a picture up beyond what a 300-dpi A3 page would hold
        factor = min(factor, 3.0, (MAX_PIXELS / gray.size) ** 0.5)
        gray = cv2.resize(gray, None, fx=factor, fy=factor,
                          interpolation=cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA)
    return gray


