"""Grid finding on scans whose rulings are printed dashed or broken into short pieces
(a worn toner drum, a faint print thresholded by a bilevel scanner): about half of
every ruling is gone in gaps of up to 0.2 inch, what is left a row of dashes and dots.

The pictures are drawn here (PIL), so the tests need neither LibreOffice nor an OCR
engine; each finds the grid of a whole page.
"""
from __future__ import annotations

import os
import random
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from extract.ocr_table import TableGrid, deskew, find_tables
from tests.test_ocr_grid import _FONTS, _font

pytestmark = pytest.mark.skipif(not _FONTS, reason="no Liberation or DejaVu fonts")

PAPER = 245


def _dashed(draw: ImageDraw.ImageDraw, rng: random.Random, start: tuple[int, int], stop: tuple[int, int],
            dpi: int, width: int, shade: int, kept: float) -> None:
    """A ruling from ``start`` to ``stop`` (pixels, horizontal or vertical) printed as
    dashes of 0.03–0.12 inch and dots, about ``kept`` of its length inked."""
    (xa, ya), (xb, yb) = start, stop
    length = max(xb - xa, yb - ya)
    at = 0
    while at < length:
        run = int(dpi * rng.uniform(0.03, 0.12))
        gap = int(run * (1 - kept) / kept * rng.uniform(0.5, 1.5))
        for a, b in [(at, min(length, at + run))] + \
                ([(at + run + gap // 2, at + run + gap // 2 + max(1, width))] if rng.random() < 0.4 else []):
            if xb > xa:
                draw.rectangle([xa + a, ya - width // 2, xa + b, ya + (width - 1) // 2], fill=shade)
            else:
                draw.rectangle([xa - width // 2, ya + a, xa + (width - 1) // 2, ya + b], fill=shade)
        at += run + gap


def _page(values: list[list[str]], *, dpi: int = 200, seed: int = 1, width: int = 2, shade: int = 0,
          kept: float = 0.5, heading: str | None = None, shaded_heading: bool = False,
          noise: float = 3.0, heading_rows: int = 1) -> tuple[np.ndarray, int, int, list[int], list[int]]:
    """An A4 page with one table of ``values`` (two label columns, then figures), every
    ruling printed dashed (:func:`_dashed`).

    :param width: ruling width (pixels); ``shade`` its grey level (0 black, 180 faint)
    :param heading: a row above the figures whose figure columns are one merged cell
        holding this text (no column lines run through it)
    :param shaded_heading: that row is printed on a grey background
    :param heading_rows: how many such rows (the heading's text in the first)
    :returns: the page, its table's rows and columns, and the x and y of its rulings
    """
    rng = random.Random(seed)
    scale = dpi / 200
    page = Image.new("L", (int(8.27 * dpi), int(11.69 * dpi)), PAPER)
    draw = ImageDraw.Draw(page)
    rows = ([None] * heading_rows if heading else []) + values
    n_rows, n_cols = len(rows), len(values[0])
    widths = [int(dpi * 0.9), int(dpi * 1.3)] + [int(dpi * 0.62)] * (n_cols - 2)
    heights = [int(dpi * rng.uniform(0.24, 0.34)) for _ in range(n_rows)]
    xs = [int(1.0 * dpi) + sum(widths[:k]) for k in range(n_cols + 1)]
    ys = [int(1.5 * dpi) + sum(heights[:k]) for k in range(n_rows + 1)]
    font = _font(10.5 * scale)
    merged = 0 if not heading else heading_rows
    if heading and shaded_heading:
        draw.rectangle([xs[2], ys[0], xs[-1], ys[1]], fill=200)
    for r, row in enumerate(rows):
        texts = ([(xs[2] + int(0.3 * dpi), heading)] if r == 0 else []) if row is None else \
            [(xs[c] + int(0.08 * dpi), text) for c, text in enumerate(row)]
        for x, text in texts:
            draw.text((x, ys[r] + (heights[r] - font.size) // 2), text, font=font, fill=20)
    for y in ys:
        _dashed(draw, rng, (xs[0], y), (xs[-1], y), dpi, width, shade, kept)
    for k, x in enumerate(xs):
        top = ys[merged] if 2 < k < n_cols else ys[0]
        _dashed(draw, rng, (x, top), (x, ys[-1]), dpi, width, shade, kept)
    image = np.asarray(page).astype(float) + np.random.default_rng(seed).normal(0, noise, (page.height, page.width))
    return np.clip(image, 0, 255).astype(np.uint8), n_rows, n_cols, xs, ys


def _values(seed: int, n_rows: int = 12, n_cols: int = 9) -> list[list[str]]:
    """Rows shaped like table 3's: two label cells, then figures (blank cells among them)."""
    rng = random.Random(seed)
    return [[f"第{r}行", f"{r}.项目"] + [rng.choice(["", "", "0", "1", "3", "12", "45", "296"])
                                       for _ in range(n_cols - 2)] for r in range(n_rows)]


def _grids(image: np.ndarray, dpi: int) -> list[TableGrid]:
    gray, _ = deskew(image)
    return find_tables(gray, dpi)[0]


def _figure_cells_alone(grid: TableGrid, rows: range, n_cols: int) -> bool:
    """Whether every figure slot of ``rows`` is a cell of its own."""
    return all(grid.cell_at(r, c) is not None and grid.cell_at(r, c).row == r and grid.cell_at(r, c).col == c
               and grid.cell_at(r, c).row_span == 1 and grid.cell_at(r, c).col_span == 1
               for r in rows for c in range(2, n_cols))


@pytest.mark.parametrize("dpi, kind", [
    (200, dict()),                        # black dashes and dots
    (300, dict()),                        # the same at 300 dpi
    pytest.param(200, dict(width=5), marks=pytest.mark.xfail(
        reason="dashes as short as they are thick are dropped as specks: the table falls apart")),
    pytest.param(300, dict(width=1, shade=150), marks=pytest.mark.xfail(
        reason="one-pixel grey dashes at 300 dpi: some figure boundaries are still lost")),
    (200, dict(kept=0.4)),                # less than half of each ruling left
])
def test_dashed_rulings_give_every_figure_its_own_cell(dpi, kind):
    for seed in (1, 2):
        image, n_rows, n_cols, xs, ys = _page(_values(seed), dpi=dpi, seed=seed, **kind)
        grids = _grids(image, dpi)
        assert [(g.n_rows, g.n_cols) for g in grids] == [(n_rows, n_cols)], (kind, seed)
        grid = grids[0]
        # the grid lines where the rulings are printed
        tol = max(4, dpi // 40)
        assert all(abs(a - b) <= tol for a, b in zip(grid.col_lines, xs)), (grid.col_lines, xs)
        assert _figure_cells_alone(grid, range(n_rows), n_cols), (kind, seed)
        # each cell's box lies between its rulings
        cell = grid.cell_at(3, 4)
        assert abs(cell.box[0] - xs[4]) <= tol and abs(cell.box[3] - ys[4]) <= tol


@pytest.mark.parametrize("shaded", [False, pytest.param(True, marks=pytest.mark.xfail(
    reason="the edges of a shaded heading make grid lines of their own"))])
def test_a_heading_merged_over_the_figure_columns_stays_one_cell(shaded):
    # the heading's text runs where the column lines would be: no line is made up through it
    for seed in (3, 4):
        image, n_rows, n_cols, xs, ys = _page(_values(seed, n_rows=10), seed=seed,
                                              heading="Applicants 123 total 4567 other 890 group",
                                              shaded_heading=shaded)
        grids = _grids(image, 200)
        assert [(g.n_rows, g.n_cols) for g in grids] == [(n_rows, n_cols)], (shaded, seed)
        grid = grids[0]
        heading = grid.cell_at(0, 2)
        assert (heading.col, heading.col + heading.col_span) == (2, n_cols), (shaded, seed)
        assert _figure_cells_alone(grid, range(1, n_rows), n_cols), (shaded, seed)


@pytest.mark.parametrize("dpi", [200, 300])
@pytest.mark.parametrize("heading_rows", [2, 3])
def test_dashed_column_lines_under_headings_merged_over_them_still_part_the_figures(dpi, heading_rows):
    """Table 4 with dashed rulings: its leaf column lines run only through its last rows
    (the leaves' headings and the figures), under headings merged over them. Along the
    whole table height their dashes cover too little to pass for rulings, and the row of
    fifteen figures fell into five cells (14 of 15 figures lost)."""
    values = [["结果维持", "结果纠正"] + ["总计"] * 7, ["0", "0", "2", "0", "0", "1", "3", "0", "0"]]
    for seed in (8, 9):
        image, n_rows, n_cols, xs, ys = _page(values, dpi=dpi, seed=seed, heading="Administrative review",
                                              heading_rows=heading_rows, kept=0.65)
        grids = _grids(image, dpi)
        assert [(g.n_rows, g.n_cols) for g in grids] == [(n_rows, n_cols)], (heading_rows, seed)
        assert _figure_cells_alone(grids[0], range(heading_rows, n_rows), n_cols), (heading_rows, seed)


def test_digits_one_stacked_beside_dashed_rulings_never_make_a_column_line():
    values = [[f"第{r}行", "项目"] + ["1", "11", "1", "111"] for r in range(10)]
    for seed in (5, 6):
        image, n_rows, n_cols, xs, ys = _page(values, seed=seed)
        grids = _grids(image, 200)
        assert [(g.n_rows, g.n_cols) for g in grids] == [(n_rows, n_cols)], seed


def test_solid_rulings_are_found_as_before():
    # the same table with whole rulings: the dashed path changes nothing
    for dpi in (200, 300):
        image, n_rows, n_cols, xs, ys = _page(_values(7), dpi=dpi, seed=7, kept=1.0)
        grids = _grids(image, dpi)
        assert [(g.n_rows, g.n_cols) for g in grids] == [(n_rows, n_cols)]
        assert _figure_cells_alone(grids[0], range(n_rows), n_cols)


@pytest.mark.parametrize("speck", [(30, 14), (8, 36), (28, 44)])
def test_a_slash_beside_a_speck_is_still_a_slash_and_a_one_is_not(speck):
    """A 150-dpi JPEG scan leaves specks beside a zero printed ``/``; the engines then
    read it as 1. A speck (a fraction of the stroke's height) is no second glyph."""
    import cv2

    from extract.ocr_table import glyph_shape

    for kind, slash in (("slash", True), ("one", False), ("seven", False)):
        image = _stroke_cell(kind, 5)
        cv2.circle(image, speck, 2, 30, -1)
        assert glyph_shape(image, 300).slash is slash, kind


@pytest.mark.parametrize("name", ["slash_speck_150dpi_0.png", "slash_speck_150dpi_2.png"])
def test_a_scanned_slash_with_a_speck_beside_it_read_as_one_is_a_slash(name):
    """Cells of an independent 150-dpi JPEG scan (zeros printed ``/``) that both
    engines read as 1: the speck beside the stroke is no second glyph, so the glyphs
    say slash and the reading gives way to it (0)."""
    import cv2

    from extract import ocr
    from extract.ocr_table import cell_crop, glyph_shape, ink_mask

    gray = cv2.imread(str(Path(__file__).parent / "examples" / "scans" / "cells" / name), cv2.IMREAD_GRAYSCALE)
    height, width = gray.shape
    crop = cell_crop(gray, ink_mask(gray), (12, 12, width - 12, height - 12), 300)
    assert glyph_shape(crop, 300).slash
    reading = ocr.CellReading(None, text="1", confidence=0.73, numeric=True)
    ocr.check_glyphs(reading, crop, 300)
    assert (reading.text, reading.numeric) == ("/", False)


# --- a character printed for 0 (无) is no digit ---------------------------------------------

def _cell_image(text: str, font_path: str, size: int = 42) -> np.ndarray:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(font_path, size)
    image = Image.new("L", (size * 3, size * 2), 255)
    ImageDraw.Draw(image).text((size, size // 3), text, font=font, fill=20)
    return np.array(image)


_CJK_FONTS = [p for p in ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
                          "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                          "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc") if os.path.exists(p)]


@pytest.mark.skipif(not _CJK_FONTS, reason="no CJK font")
@pytest.mark.parametrize("dpi", [150, 300])
def test_a_square_glyph_such_as_wu_never_reads_as_one_digit(dpi):
    """无, printed for 0, fills its em square; the digit passes read it as 7. No single
    digit is that wide, so the reading does not fit the glyphs; digits keep fitting."""
    from extract.ocr_table import glyph_shape, reading_fits_glyphs

    wu = glyph_shape(_cell_image("无", _CJK_FONTS[0]), dpi)
    assert wu is not None and wu.square and not reading_fits_glyphs("7", wu)
    for digits in ("7", "0", "4", "8"):
        glyphs = glyph_shape(_cell_image(digits, _CJK_FONTS[0]), dpi)
        assert not glyphs.square and reading_fits_glyphs(digits, glyphs), digits
    two = glyph_shape(_cell_image("10", _CJK_FONTS[0]), dpi)
    assert reading_fits_glyphs("10", two)


@pytest.mark.skipif(not _CJK_FONTS, reason="no CJK font")
@pytest.mark.parametrize("dpi", [150, 300])
def test_wu_read_by_the_text_engine_over_one_square_glyph_is_confirmed(dpi):
    """The text engine reads 无 at 0.3-0.7; a cell whose ink is one square glyph (no digit
    is) confirms it. Digits, other marks and a reading under the floor keep their
    confidence."""
    from extract.ocr import CONFIRMED_MARK_CONFIDENCE, UNREAD_BELOW, _confirmed_mark

    for font in _CJK_FONTS:
        wu = _cell_image("无", font)
        assert _confirmed_mark("无", 0.52, wu, dpi) == CONFIRMED_MARK_CONFIDENCE
        assert _confirmed_mark(" 无 ", 0.41, wu, dpi) == CONFIRMED_MARK_CONFIDENCE
        assert _confirmed_mark("无", UNREAD_BELOW / 2, wu, dpi) == UNREAD_BELOW / 2
        for digits in ("0", "10", "88"):  # 无 read over digits: not confirmed
            assert _confirmed_mark("无", 0.52, _cell_image(digits, font), dpi) == 0.52, digits
        assert _confirmed_mark("—", 0.52, _cell_image("—", font), dpi) == 0.52


def _stroke_cell(kind: str, thickness: int) -> np.ndarray:
    """A 300-dpi-sized cell (as a 150-dpi scan is read) holding one glyph drawn with lines."""
    import cv2

    image = np.full((51, 41), 255, np.uint8)
    if kind == "slash":  # a steep stroke leaning right, thick as a blurred 150-dpi scan prints it
        cv2.line(image, (18, 40), (24, 10), 20, thickness)
    elif kind == "seven":
        cv2.line(image, (11, 10), (29, 10), 20, thickness)
        cv2.line(image, (29, 10), (17, 40), 20, thickness)
    elif kind == "one":
        cv2.line(image, (20, 10), (20, 40), 20, thickness)
        cv2.line(image, (20, 10), (16, 14), 20, max(1, thickness - 1))
    return image


@pytest.mark.parametrize("thickness", [4, 5, 6])
def test_a_steep_thick_slash_is_a_slash_and_a_seven_or_a_one_is_not(thickness):
    """Zeros printed ``/`` at 150 dpi: a steep stroke whose blur fills two thirds of its
    width in every row. A 7 keeps its bar and a 1 stands upright, so neither is a slash."""
    from extract.ocr_table import glyph_shape

    assert glyph_shape(_stroke_cell("slash", thickness), 300).slash
    assert not glyph_shape(_stroke_cell("seven", thickness), 300).slash
    assert not glyph_shape(_stroke_cell("one", thickness), 300).slash


def _stroke_with_bar(bar: str, thickness: int, gap: int) -> np.ndarray:
    """A slanted stroke and a flat bar ``gap`` pixels from its foot (a 2) or its top (a
    7): the curve or corner joining them printed light, so the two pieces stand apart."""
    import cv2

    image = np.full((64, 41), 255, np.uint8)
    cv2.line(image, (18, 44), (26, 20), 20, thickness)
    if bar == "foot":
        cv2.line(image, (12, 44 + gap + thickness), (30, 44 + gap + thickness), 20, thickness)
    else:
        cv2.line(image, (12, 20 - gap - thickness), (26, 20 - gap - thickness), 20, thickness)
    return image


@pytest.mark.parametrize("bar", ["foot", "top"])
@pytest.mark.parametrize("thickness, gap", [(3, 3), (4, 3), (5, 4)])
def test_a_slanted_stroke_with_a_bar_at_its_foot_or_top_is_a_digit_not_a_slash(bar, thickness, gap):
    """A 2 whose curve printed light leaves its diagonal and its base apart (at 150 dpi,
    ``2`` read at 0.999 was published as ``/``, 0). A slash is one stroke alone; a flat
    bar across its columns makes it a 2 or a 7."""
    from extract.ocr_table import glyph_shape

    glyphs = glyph_shape(_stroke_with_bar(bar, thickness, gap), 300)
    assert glyphs is not None and not glyphs.slash
    assert glyph_shape(_stroke_cell("slash", thickness), 300).slash


def test_a_scanned_two_whose_curve_printed_light_is_not_a_slash():
    import cv2

    from extract import ocr
    from extract.ocr_table import Cell

    crop = cv2.imread(str(Path(__file__).parent / "examples" / "crops" / "two_light_curve_150dpi.png"),
                      cv2.IMREAD_GRAYSCALE)
    reading = ocr.CellReading(Cell(3, 6, 1, 1, (0, 0, 35, 43)), "2", 0.999, numeric=True)
    ocr.check_glyphs(reading, crop, 300)
    assert (reading.text, reading.numeric) == ("2", True)


@pytest.mark.skipif(not _CJK_FONTS, reason="no CJK font")
def test_a_square_glyph_tesseract_reads_as_another_character_is_wu_where_the_second_engine_is_sure():
    """无 printed for 0, its strokes squashed by the scan, reads ``二`` or ``元`` at low
    confidence, or ``无.`` with a speck; RapidOCR reads 无 at 0.999. Only one square glyph
    is taken for 无, and only at the second engine's high confidence."""
    from extract import ocr
    from extract.ocr_engines import Reading
    from extract.ocr_table import Cell

    class Second:
        def __init__(self, text, confidence):
            self.reading = Reading(text, confidence)
            self.seen = 0

        def read_crops(self, crops, digits=False):
            self.seen += len(crops)
            return [self.reading] * len(crops)

    def looked_at(text, confidence, crop, second):
        reader = ocr.PageReader.__new__(ocr.PageReader)
        reader.second = second
        cell = ocr.CellReading(Cell(0, 3, 1, 1, (0, 0, 1, 1)), text, confidence)
        reader._second_look_at_marks([cell], [crop], 300)
        return cell.text, cell.confidence

    def trimmed(image):  # as cell_crop gives it: the ink and ten pixels of paper around
        ys, xs = np.nonzero(image < 160)
        return np.pad(image[ys.min():ys.max() + 1, xs.min():xs.max() + 1], 10, constant_values=255)

    wu = trimmed(_cell_image("无", _CJK_FONTS[0]))
    for misread in ("二", "元", "无.", ".无"):
        assert looked_at(misread, 0.23, wu, Second("无", 0.9996)) == ("无", ocr.CONFIRMED_MARK_CONFIDENCE)
    assert looked_at("二", 0.23, wu, Second("无", 0.9)) == ("二", 0.23)  # the second engine not sure
    assert looked_at("二", 0.23, wu, Second("元", 0.99)) == ("二", 0.23)
    assert looked_at("二", 0.23, wu, None) == ("二", 0.23)  # no second engine
    for specked in ("无.", "无，", ".无", "无:"):  # a speck read beside the one square glyph
        assert looked_at(specked, 0.6, wu, None) == ("无", ocr.CONFIRMED_MARK_CONFIDENCE)
    # a serif 无 the scan squeezed to 0.86 of its height, read as 天: asked too (it is one
    # broad glyph, though no longer square), and taken where the second engine is sure
    import cv2

    squeezed = trimmed(cv2.resize(_cell_image("无", _CJK_FONTS[0]), None, fx=0.86, fy=1.0,
                                  interpolation=cv2.INTER_AREA))
    assert looked_at("天", 0.7, squeezed, Second("无", 0.9999)) == ("无", ocr.CONFIRMED_MARK_CONFIDENCE)
    assert looked_at("天", 0.7, squeezed, Second("天", 0.99)) == ("天", 0.7)
    digits = trimmed(cv2.resize(_cell_image("7", _CJK_FONTS[0]), None, fx=1.0, fy=1.0))
    second = Second("无", 0.9999)
    assert looked_at("天", 0.7, digits, second) == ("天", 0.7) and second.seen == 0  # a narrow glyph: never asked
    for text in ("12", "其他"):  # not one square glyph: never asked
        second = Second("无", 0.9996)
        from PIL import Image, ImageDraw, ImageFont

        image = Image.new("L", (300, 84), 255)
        ImageDraw.Draw(image).text((20, 14), text, font=ImageFont.truetype(_CJK_FONTS[0], 42), fill=20)
        assert looked_at(text, 0.5, trimmed(np.array(image)), second) == (text, 0.5)
        assert second.seen == 0
    second = Second("无", 0.9996)
    # read as the mark already, at low confidence: its one square glyph confirms it (a right
    # cell was warned about), without the second engine; a 无 read over digits is not
    assert looked_at("无", 0.45, wu, second) == ("无", ocr.CONFIRMED_MARK_CONFIDENCE) and second.seen == 0
    assert looked_at("无", 0.95, wu, second) == ("无", 0.95)
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (300, 84), 255)
    ImageDraw.Draw(image).text((20, 14), "10", font=ImageFont.truetype(_CJK_FONTS[0], 42), fill=20)
    assert looked_at("无", 0.45, trimmed(np.array(image)), second) == ("无", 0.45)


def _split_zero(kind: str) -> np.ndarray:
    """A 300-dpi-sized cell (a blurred 200-dpi scan scaled up) holding a serif 0 whose
    thin top and bottom arcs are lost, leaving its two bowed sides; or look-alikes."""
    import cv2

    image = np.full((44, 37), 255, np.uint8)
    if kind == "zero":  # ( and ): the sides of an ellipse, the arcs between them gone
        cv2.ellipse(image, (18, 22), (6, 11), 0, 135, 225, 30, 3)
        cv2.ellipse(image, (18, 22), (6, 11), 0, -45, 45, 30, 3)
    elif kind == "eleven":  # two straight stems, each with its flag and foot
        for x in (12, 24):
            cv2.line(image, (x, 11), (x, 33), 30, 3)
            cv2.line(image, (x, 11), (x - 4, 15), 30, 2)
            cv2.line(image, (x - 3, 33), (x + 3, 33), 30, 2)
    elif kind == "brackets_apart":  # two bowed strokes too far apart for one glyph
        image = np.full((44, 60), 255, np.uint8)
        cv2.ellipse(image, (22, 22), (7, 11), 0, 90, 270, 30, 3)
        cv2.ellipse(image, (38, 22), (7, 11), 0, -90, 90, 30, 3)
    return image


@pytest.mark.parametrize("kind, digits", [("zero", (1, 1)), ("eleven", (2, 2)), ("brackets_apart", (2, 2))])
def test_a_zero_whose_thin_arcs_blurred_away_is_one_glyph(kind, digits):
    """At 150-200 dpi a serif 0's hairline arcs fall below the ink threshold and leave
    ``(`` and ``)``: two glyphs, so the engines' unanimous 0 was refused and the cell
    left unread. Two sides bowed towards each other, one glyph wide, are one 0; two
    straight stems (11), or bows too far apart, stay two glyphs."""
    from extract.ocr_table import glyph_shape

    import cv2

    crop = cv2.copyMakeBorder(_split_zero(kind), 10, 10, 10, 10, cv2.BORDER_CONSTANT, value=255)  # as cell_crop pads
    assert glyph_shape(crop, 300).digits == digits


def _edge_grid(extra_left: bool) -> tuple[TableGrid, set]:
    """Table 2's first sub-table (a heading row across the width, then rows of a label
    and three figures) with an empty column beside it (a sheet edge taken for its
    border) on the right, or on the left; returns the grid and the boxes with ink."""
    from extract.ocr_table import Cell

    xs = [0, 60, 200, 300, 400, 500] if extra_left else [0, 140, 240, 340, 440, 500]
    first = 1 if extra_left else 0
    ys = [0, 30, 60, 90, 120]
    cells, inked = [], set()
    cells.append(Cell(0, 0, 1, 5, (xs[0], ys[0], xs[-1], ys[1])))
    inked.add(cells[-1].box)
    for r in range(1, 4):
        for c in range(5):
            cells.append(Cell(r, c, 1, 1, (xs[c], ys[r], xs[c + 1], ys[r + 1])))
            if first <= c < first + 4:
                inked.add(cells[-1].box)
    return TableGrid((xs[0], ys[0], xs[-1], ys[-1]), ys[:-1], xs, cells), inked


@pytest.mark.parametrize("extra_left", [False])
def test_an_empty_column_beside_a_table_is_dropped_and_a_heading_across_it_narrowed(extra_left):
    """A page scanned askew: the sheet's edge beside table 2 became its border, and every
    row had an empty fifth cell; its rows, checked by their figure counts, were refused
    (ten figures lost). No row prints anything in that column: it is no column."""
    from extract.ocr import without_empty_edge_columns

    grid, inked = _edge_grid(extra_left)
    grid = TableGrid(grid.box, [0, 30, 60, 90, 120], grid.col_lines, grid.cells)
    kept = without_empty_edge_columns(grid, lambda box: np.zeros((3, 3)) if box in inked else None)
    assert kept.n_cols == 4
    assert all(cell.col + cell.col_span <= 4 for cell in kept.cells)
    assert kept.cell_at(0, 0).col_span == 4
    assert [cell.box for cell in kept.cells if cell.row == 1] == sorted(
        (box for box in inked if box[1] == 30), key=lambda box: box[0])
    # an empty first column stays (table 4's label column prints nothing)
    left, left_inked = _edge_grid(True)
    left = TableGrid(left.box, [0, 30, 60, 90, 120], left.col_lines, left.cells)
    assert without_empty_edge_columns(left, lambda b: np.zeros((3, 3)) if b in left_inked else None).n_cols == 5
    # one mark anywhere in the column (its heading, a figure) keeps it
    for row in (0, 1, 2):
        box = next(cell.box for cell in grid.cells if cell.row == row + 1 and cell.col == (0 if extra_left else 4))
        assert without_empty_edge_columns(grid, lambda b: np.zeros((3, 3)) if b in inked | {box} else None).n_cols == 5


def test_a_table_whose_figure_columns_are_all_blank_keeps_every_column():
    """A page of table 3 continued, every figure printed blank (0): its seven empty
    columns are the table's (they were dropped one by one, and 84 zeros lost)."""
    from extract.ocr import without_empty_edge_columns
    from extract.ocr_table import Cell

    xs = [0, 200] + [200 + 60 * k for k in range(1, 8)]
    ys = [0, 30, 60, 90, 120]
    cells = [Cell(r, c, 1, 1, (xs[c], ys[r], xs[c + 1], ys[r + 1])) for r in range(4) for c in range(8)]
    labels = {cell.box for cell in cells if cell.col == 0}
    grid = TableGrid((0, 0, xs[-1], ys[-1]), ys, xs, cells)
    kept = without_empty_edge_columns(grid, lambda box: np.zeros((3, 3)) if box in labels else None)
    assert kept.n_cols == 8 and kept.cells == grid.cells


def _crop(name: str) -> np.ndarray:
    import cv2

    return cv2.imread(str(Path(__file__).parent / "examples" / "crops" / name), cv2.IMREAD_GRAYSCALE)


@pytest.mark.parametrize("name, digits", [("one_three_five_speck_150dpi.png", 3), ("two_three_speck_150dpi.png", 2)])
def test_a_digit_whose_bar_printed_apart_still_counts_and_a_speck_between_digits_does_not_reject_a_count(name, digits):
    """150-dpi cells printing 135 and 23: the top bar of the 5 and the base of the 2 stand
    apart from the rest of their digit (the stroke joining them printed light), and a
    speck sits on the baseline between two digits. The digits counted one short and the
    speck passed for a decimal point, so the engines' sure 135 and 23 were rejected."""
    from extract import ocr
    from extract.ocr_table import Cell, glyph_shape

    glyphs = glyph_shape(_crop(name), 300)
    assert glyphs.digits == (digits, digits)
    assert glyphs.points  # the speck, where a point could be
    text = "135" if digits == 3 else "23"
    sure = ocr.CellReading(Cell(3, 3, 1, 1, (0, 0, 60, 40)), text, 0.999, numeric=True)
    ocr.check_glyphs(sure, _crop(name), 300)
    assert (sure.text, sure.chosen_by) == (text, ocr.SPECK_OR_POINT)
    unsure = ocr.CellReading(Cell(3, 3, 1, 1, (0, 0, 60, 40)), text, 0.7, numeric=True)
    ocr.check_glyphs(unsure, _crop(name), 300)
    # read less surely: not the whole number (the point put where the glyphs have it, at
    # a warned confidence: a count then leaves the fraction out)
    assert unsure.text != text and unsure.chosen_by != ocr.SPECK_OR_POINT
    wrong_count = ocr.CellReading(Cell(3, 3, 1, 1, (0, 0, 60, 40)), text + "1", 0.999, numeric=True)
    ocr.check_glyphs(wrong_count, _crop(name), 300)
    assert wrong_count.text == ""  # more digits than the glyphs: never kept


@pytest.mark.parametrize("alternatives, amount", [([["1.35", 0.5]], 1.35), ([], None)])
def test_an_amount_read_beside_a_speck_or_point_takes_the_point_and_a_count_keeps_its_number(alternatives, amount):
    """A whole number read surely beside a mark between its digits: a count keeps it (no
    count has a point); an amount takes the point where the glyphs show it, warned about,
    or is left out where they place none."""
    from extract import api, ocr
    from extract.layout import Cell as LayoutCell
    from extract.layout import Layout

    layout = Layout()
    table = layout.new_table()
    layout.add_row([LayoutCell("行政事业性收费", 2, table, 14, 0, confidence=0.9),
                    LayoutCell("135", 2, table, 14, 1, confidence=0.999)])
    other = layout.new_table()
    layout.add_row([LayoutCell("一、本年新收政府信息公开申请数量", 3, other, 3, 0, confidence=0.9),
                    LayoutCell("23", 3, other, 3, 1, confidence=0.999)])
    layout.ocr_cells += [
        {"line_index": 0, "cell_index": 1, "text": "135", "alternatives": alternatives,
         "chosen_by": ocr.SPECK_OR_POINT},
        {"line_index": 1, "cell_index": 1, "text": "23", "alternatives": [["2.3", 0.5]],
         "chosen_by": ocr.SPECK_OR_POINT},
    ]
    record = {"figures": {"t2.fees.amount": 135, "t3.new.natural": 23},
              "printed_as": {"t2.fees.amount": "number", "t3.new.natural": "number"},
              "cells": {"t2.fees.amount": {"page": 2, "table": table, "row": 14, "col": 1, "confidence": 0.999},
                        "t3.new.natural": {"page": 3, "table": other, "row": 3, "col": 1, "confidence": 0.999}},
              "figure_confidence": {"t2.fees.amount": 0.999, "t3.new.natural": 0.999}, "warnings": []}
    assert api._amounts_beside_a_speck(record, layout)
    assert record["figures"].get("t2.fees.amount") == amount and record["figures"]["t3.new.natural"] == 23
    assert [w["code"] for w in record["warnings"]] == ["figure_point_unsure"]
    if amount is not None:
        assert record["figure_confidence"]["t2.fees.amount"] < ocr.LOW_CONFIDENCE


def test_a_number_read_as_text_below_the_confidence_floor_is_an_unread_cell():
    """Cells not taken for figure cells are read by the text pass; a number read there
    under the floor (``4`` at 0.12 where 44 is printed) was published. It is an unread
    cell in its place, with its reading kept as rejected, as a figure cell's would be;
    labels and numbers read surely stay."""
    from extract import ocr
    from extract.layout import UNREAD_CELL, Layout
    from extract.ocr_table import Cell

    xs = [0, 200, 300, 400]
    grid = TableGrid((0, 0, 400, 50), [0, 50], xs, [Cell(0, c, 1, 1, (xs[c], 0, xs[c + 1], 50)) for c in range(3)])
    cells = [ocr.CellReading(grid.cells[0], "行政规范性文件", 0.12),
             ocr.CellReading(grid.cells[1], "12", 0.98),
             ocr.CellReading(grid.cells[2], "4", 0.12)]
    ocr.unread_numbers_below_floor(cells)
    assert [(c.text, c.rejected) for c in cells] == [("行政规范性文件", None), ("12", None), ("", "4")]
    layout = Layout()
    ocr.append_page(layout, ocr.PageReading(1, dpi=200, tables=[ocr.TableReading(grid, cells)]))
    assert str(layout.lines[0]) == f"行政规范性文件 | 12 | {UNREAD_CELL}"
    assert any(w["code"] == "ocr_cell_unsure" for w in layout.warnings)


def test_column_lines_in_a_run_chained_by_glyph_strokes_are_its_peaks():
    from extract.ocr_table import _column_lines

    # a lone ruling: one line at its centre, as before
    assert _column_lines([(100, 900.0), (101, 1200.0), (102, 900.0)], 9) == [101]
    # strokes of text chained from column to column, two faint rulings standing out
    noise = [(x, 40.0 + (x % 7) * 20) for x in range(200, 420)]
    peaks = {260: 2500.0, 261: 3000.0, 262: 2400.0, 380: 2800.0, 381: 2900.0}
    cols = [(x, peaks.get(x, w)) for x, w in noise]
    assert _column_lines(cols, 9) == [261, 381]


def test_a_small_picture_whose_faint_column_rulings_chain_with_its_text_keeps_its_columns():
    """Table 3 pasted as a picture of about 120 dpi, its column rulings faint grey and
    as thick, scaled up, as its glyphs' strokes: the strokes bridged into short pieces
    chained every column into a few runs, each taken as one line at its centre, and the
    table read as two columns (one cell of 200 read). Its seven figure columns are
    found."""
    import cv2

    from extract import ocr

    gray = cv2.imread(str(Path(__file__).parent / "examples" / "scans" / "picture_t3_faint_columns_120dpi.jpg"),
                      cv2.IMREAD_GRAYSCALE)
    factor = ocr.DEFAULT_DPI / ocr.estimate_dpi(gray)
    gray = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    grids, _ = find_tables(gray, ocr.DEFAULT_DPI, sheet_edges=False)
    assert len(grids) == 1
    widths = np.diff(grids[0].col_lines[-8:])
    assert grids[0].n_cols >= 8 and widths.min() > 0.8 * widths.max()  # seven figure columns of one width


def test_one_or_two_digits_read_unsure_are_read_again_as_text():
    """无 blurred in a small picture reads ``5`` or ``7`` to the digit passes at 0.4: read
    as text it is 无 (0) where the text pass is as sure, else Chinese characters (the
    cell left unread); a digit the text pass also reads as a digit stays."""
    from extract import ocr
    from extract.ocr_engines import Reading
    from extract.ocr_table import Cell

    cells = [ocr.CellReading(Cell(0, c, 1, 1, (0, 0, 1, 1)), text, conf, numeric=True)
             for c, (text, conf) in enumerate([("5", 0.45), ("7", 0.42), ("3", 0.41), ("12", 0.99), ("8", 0.3)])]
    assert [ocr.unsure_digits(c) for c in cells] == [True, True, True, False, True]
    unsure = [c for c in cells if ocr.unsure_digits(c)]
    ocr.digits_read_as_text(unsure, [Reading("无", 0.8), Reading("儿", 0.2), Reading("3", 0.9), Reading("无", 0.1)])
    # (无 read less surely than the digit: still no digit it names)
    assert [(c.text, c.numeric) for c in cells] == [("无", False), ("", True), ("3", True), ("12", True), ("", True)]
    assert (cells[1].rejected, cells[4].rejected) == ("7", "8")

#: digits drawn as strokes ``(start, end, width)`` in a 29 × 43 cell
_LIGHT_STROKES = {
    "seven": [((8, 10), (20, 10), 2), ((20, 10), (12, 32), 2)],
    "four": [((16, 10), (8, 25), 2), ((8, 25), (21, 25), 2), ((16, 10), (16, 32), 2)],
    "one": [((14, 10), (14, 32), 2), ((14, 10), (10, 14), 1)],
    "one_serif": [((14, 10), (14, 32), 2), ((14, 10), (10, 14), 1), ((10, 32), (18, 32), 2)],
}


def _light_blurred(kind: str) -> np.ndarray:
    """A 150-dpi cell in light grey print, slightly blurred: one glyph."""
    import cv2

    image = np.full((43, 29), 255, np.uint8)
    ink = 120
    if kind == "slash":  # a stroke leaning right, its middle rows inked over 7 of its 9 pixels
        for y in range(10, 33):
            up = (32 - y) / 22
            centre, half = 11 + 5 * up, 1.5 + 2 * (1 - abs(2 * up - 1))
            image[y, round(centre - half):round(centre + half) + 1] = ink
    for start, end, width in _LIGHT_STROKES.get(kind, ()):
        cv2.line(image, start, end, ink, width)
    return cv2.GaussianBlur(image, (0, 0), 0.6)


@pytest.mark.parametrize("name", ["slash_light_steep_150dpi_a.png", "slash_light_steep_150dpi_b.png"])
def test_a_light_blurred_steep_slash_read_as_one_is_a_slash(name):
    """Zeros printed ``/`` in light grey at 150 dpi: the blur fills up to four fifths of
    the stroke's width in every row, evenly. Read ``1`` at 0.38–0.69, five such cells of
    one scan were published as 1 where 0 is printed."""
    import cv2

    from extract import ocr
    from extract.ocr_table import Cell, glyph_shape

    crop = cv2.imread(str(Path(__file__).parent / "examples" / "crops" / name), cv2.IMREAD_GRAYSCALE)
    assert glyph_shape(crop, 150).slash
    reading = ocr.CellReading(Cell(3, 6, 1, 1, (0, 0, 29, 43)), "1", 0.45, numeric=True)
    ocr.check_glyphs(reading, crop, 150)
    assert (reading.text, reading.numeric) == ("/", False)


def test_an_even_light_slash_is_a_slash_and_a_seven_four_or_one_is_not():
    from extract.ocr_table import glyph_shape

    assert glyph_shape(_light_blurred("slash"), 150).slash
    for kind in ("seven", "four", "one", "one_serif"):
        glyphs = glyph_shape(_light_blurred(kind), 150)
        assert glyphs is not None and not glyphs.slash, kind


def test_a_column_line_broken_in_many_rows_is_restored_only_where_each_cell_holds_marks():
    """A dashed ruling the grid finder misses in four of ten rows (a table continued from
    the page before, its dashes short there): each merged cell held two figures, read
    as one number and left unread. The line is restored in a row where the cells it
    makes each hold marks of their own, never where one would be empty (a row of wider
    cells, two figures where others print three)."""
    from extract.ocr_table import _repair_columns

    col_lines = [0, 100, 200, 300, 400, 500, 600, 700]  # labels: two columns, then five value columns
    row_lines = [k * 50 for k in range(11)]
    marks = np.zeros((520, 720), np.uint8)
    for r in range(10):
        for c in range(2, 7):
            if not (r == 8 and c == 5):  # row 8: nothing in the cell right of line 5
                marks[r * 50 + 18:r * 50 + 32, col_lines[c] + 40:col_lines[c] + 55] = 255
    splits = [[True] * 6 for _ in range(10)]
    for r in (1, 4, 7, 8):
        splits[r][4] = False  # line 5 missing in four rows: support 0.6
    _repair_columns(splits, marks, row_lines, col_lines, band=4, reach=6)
    assert [row[4] for row in splits] == [True] * 8 + [False, True]
