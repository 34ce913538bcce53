"""Grid finding and glyph checks on scans: broken, faint and thick rulings, specks, a
table cut at the page edge, digits set against a ruling, and numbers the glyphs of a
cell do not allow.

The pictures are drawn here (PIL), with the degradations of real scans, so the tests
run in a second or two without LibreOffice or an OCR engine.
"""
from __future__ import annotations

import random
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extract import ocr
from extract.layout import UNREAD_CELL, Layout, Row
from extract.mapping import map_layout
from extract.ocr_engines import Reading
from extract.ocr_table import (Cell, TableGrid, cell_crop, deskew, find_tables, glyph_shape, ink_mask, looks_like_dash,
                               reading_fits_glyphs)

DPI = 200
_FONT_DIRS = [Path("/usr/share/fonts/truetype/liberation"), Path("/usr/share/fonts/truetype/liberation2"),
              Path("/usr/share/fonts/truetype/dejavu")]
_FONTS = [p / name for p in _FONT_DIRS for name in ("LiberationSans-Regular.ttf", "LiberationSerif-Regular.ttf",
                                                   "DejaVuSans.ttf") if (p / name).exists()]

pytestmark = pytest.mark.skipif(not _FONTS, reason="no Liberation or DejaVu fonts")


def _font(size_pt: float, k: int = 0) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(_FONTS[k % len(_FONTS)]), int(size_pt * DPI / 72))


def _table_image(values: list[list[str]], *, seed: int, line: int = 2, shade: int = 0, broken: float = 0.0,
                 specks: int = 0, angle: float = 0.0, cut_rows: int = 0, top_aligned: bool = False,
                 font: int = 0, lost_lines: tuple[int, ...] = (), col_inch: float = 0.75) -> tuple[np.ndarray, int, int]:
    """A page (A4 at 200 dpi) with one ruled table of ``values`` (first column labels).

    :param line: ruling width in pixels; ``shade`` its grey level (0 black, 200 faint)
    :param broken: share of each ruling erased in random gaps of up to 0.2 inch
    :param cut_rows: rows lost below the page's bottom edge (the cut falls on a ruling)
    :param lost_lines: inner column lines (1-based) the scan lost from top to bottom
    :param col_inch: width of the columns after the first
    :returns: the page, and the table's rows and columns as printed on it
    """
    rng = random.Random(seed)
    page = Image.new("L", (1654, 2339), 245)
    draw = ImageDraw.Draw(page)
    n_rows, n_cols = len(values), len(values[0])
    widths = [int(DPI * 0.9)] + [int(DPI * col_inch)] * (n_cols - 1)
    heights = [int(DPI * rng.uniform(0.22, 0.34)) for _ in range(n_rows)]
    x_lines = [200 + sum(widths[:k]) for k in range(n_cols + 1)]
    y_lines = [300 + sum(heights[:k]) for k in range(n_rows + 1)]
    text_font = _font(10.5, font)
    for r, row in enumerate(values):
        for c, text in enumerate(row):
            x = x_lines[c] + 12
            y = y_lines[r] + (4 if top_aligned else (heights[r] - text_font.size) // 2)
            draw.text((x, y), text, font=text_font, fill=20)
    segments = [((x_lines[0], y), (x_lines[-1], y)) for y in y_lines] + \
               [((x, y_lines[0]), (x, y_lines[-1])) for k, x in enumerate(x_lines) if k not in lost_lines]
    for (xa, ya), (xb, yb) in segments:
        draw.line([(xa, ya), (xb, yb)], fill=shade, width=line)
        length = max(xb - xa, yb - ya)
        erased = 0
        while erased < broken * length:
            gap = rng.randint(6, int(DPI * 0.2))
            at = rng.randint(0, max(1, length - gap))
            if xb > xa:
                draw.rectangle([xa + at, ya - line, xa + at + gap, ya + line], fill=245)
            else:
                draw.rectangle([xa - line, ya + at, xa + line, ya + at + gap], fill=245)
            erased += gap
    for _ in range(specks):
        x, y = rng.randint(0, 1653), rng.randint(0, 2338)
        draw.ellipse([x, y, x + 2, y + 2], fill=30)
    image = np.asarray(page)
    if cut_rows:
        image = image[:y_lines[n_rows - cut_rows] + line // 2 + 1]
    if angle:
        h, w = image.shape
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        image = cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=245)
    noise = np.random.default_rng(seed).normal(0, 3, image.shape)
    return np.clip(image + noise, 0, 255).astype(np.uint8), n_rows - cut_rows, n_cols


def _values(seed: int, n_rows: int = 12, n_cols: int = 6) -> list[list[str]]:
    """A table shaped like table 3: two label columns, then figures."""
    rng = random.Random(seed)
    rows = [["信息内容", "项目"] + [f"列{k}" for k in range(2, n_cols)]]
    for r in range(1, n_rows):
        rows.append([f"第{r}行", f"{r}.项"] + [str(rng.choice([0, 1, 1, 3, 12, 45, 296, 1286]))
                                           for _ in range(n_cols - 2)])
    return rows


def _grid(image: np.ndarray) -> list[TableGrid]:
    gray, _ = deskew(image)
    return find_tables(gray, DPI)[0]


@pytest.mark.parametrize("kind", [
    dict(),                                          # clean, thin
    dict(line=5),                                    # thick rulings
    dict(shade=185),                                 # faint grey rulings beside black text
    dict(broken=0.15),                               # broken rulings, gaps up to 0.2 inch
    dict(broken=0.12, shade=150, specks=400),        # broken, grey and speckled
    dict(angle=1.1, broken=0.1),                     # rotated, broken
    dict(cut_rows=3, angle=-0.4),                    # cut at the page's bottom edge
    dict(top_aligned=True),                          # text set against the top ruling
])
def test_grid_of_a_degraded_scan_has_the_printed_rows_and_columns(kind):
    for seed in (1, 2):
        image, n_rows, n_cols = _table_image(_values(seed), seed=seed, **kind)
        grids = _grid(image)
        assert [(g.n_rows, g.n_cols) for g in grids] == [(n_rows, n_cols)], (kind, seed)
        # every figure its own cell, in its own column: no boundary lost between
        # figures, none invented (a heading, or the line between the labels and the
        # first figure, may lose a boundary that nothing on the scan shows)
        grid = grids[0]
        assert all(grid.cell_at(r, c).row_span == 1 and grid.cell_at(r, c).col == c
                   and grid.cell_at(r, c).col + grid.cell_at(r, c).col_span - 1 == c
                   for r in range(1, n_rows) for c in range(3, n_cols)), (kind, seed)


@pytest.mark.parametrize("lost", [(7,), (4, 8)])
def test_a_figure_column_line_lost_from_top_to_bottom_is_restored_in_the_gap(lost):
    # two label columns and seven figure columns of one width, as table 3 prints them
    for seed in (1, 2):
        image, n_rows, n_cols = _table_image(_values(seed, n_cols=9), seed=seed, lost_lines=lost)
        grid = _grid(image)[0]
        assert (grid.n_rows, grid.n_cols) == (n_rows, n_cols), (lost, seed)
        assert all(grid.cell_at(r, c).col == c and grid.cell_at(r, c).col_span == 1
                   for r in range(1, n_rows) for c in range(3, n_cols)), (lost, seed)


def test_a_wide_column_whose_figures_cross_its_middle_is_not_split():
    # one figure column twice as wide as the others, its figures printed across its middle
    values = _values(3, n_cols=9)
    for k, row in enumerate(values[1:]):
        row[6] = "1234567890123"[:11 + k % 3]
    image, n_rows, n_cols = _table_image(values, seed=3, lost_lines=(7,))
    grid = _grid(image)[0]
    assert grid.n_cols == n_cols - 1


def test_digits_one_stacked_in_a_column_never_make_a_column_line():
    values = [["信息内容", "列1", "列2"]] + [[f"第{r}行", "1", "11"] for r in range(1, 9)]
    for seed in (3, 4):
        image, n_rows, n_cols = _table_image(values, seed=seed, broken=0.1, top_aligned=seed == 4)
        grids = _grid(image)
        assert [(g.n_rows, g.n_cols) for g in grids] == [(n_rows, n_cols)]


def test_sheet_edge_and_scanner_lid_are_not_a_table():
    image, n_rows, n_cols = _table_image(_values(5), seed=5)
    framed = cv2.copyMakeBorder(image[40:-40, 30:-30], 0, 0, 60, 0, cv2.BORDER_CONSTANT, value=40)
    framed = cv2.copyMakeBorder(framed, 20, 20, 0, 20, cv2.BORDER_CONSTANT, value=200)  # light lid
    grids = _grid(framed)
    assert [(g.n_rows, g.n_cols) for g in grids] == [(n_rows, n_cols)]


def _crop(text: str, size_pt: float = 10.5, font: int = 0, blur: float = 0.8, dpi: int = 300) -> np.ndarray:
    f = ImageFont.truetype(str(_FONTS[font % len(_FONTS)]), int(size_pt * dpi / 72))
    image = Image.new("L", (900, 200), 255)
    ImageDraw.Draw(image).text((20, 40), text, font=f, fill=0)
    array = cv2.GaussianBlur(np.asarray(image), (0, 0), blur)
    ys, xs = np.nonzero(array < 160)
    array = array[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    return cv2.copyMakeBorder(array, 10, 10, 10, 10, cv2.BORDER_CONSTANT, value=255)


@pytest.mark.parametrize("printed, allowed, refused", [
    ("296", ["296"], ["4", "29", "2960"]),
    ("12", ["12"], ["2", "112", "-12", "1.2"]),
    ("-3", ["-3"], ["3", "-33"]),
    ("1", ["1"], ["-1", "11"]),
    ("15.46", ["15.46"], ["1546", "15", "-15.46"]),
    ("3.5", ["3.5"], ["35"]),
    ("1,234", ["1234"], ["1.234", "234"]),
    ("+3", ["3"], ["43", "-3"]),
])
def test_a_number_the_glyphs_do_not_allow_is_refused(printed, allowed, refused):
    for font in range(len(_FONTS)):
        for size in (8, 10.5, 12):
            glyphs = glyph_shape(_crop(printed, size, font), 300)
            for text in allowed:
                assert reading_fits_glyphs(text, glyphs), (printed, text, font, size)
            for text in refused:
                assert not reading_fits_glyphs(text, glyphs), (printed, text, font, size)


def _cell_reading(text: str, confidence: float, alternatives: list[tuple[str, float]]) -> ocr.CellReading:
    reading = ocr.CellReading(Cell(0, 1, 1, 1, (0, 0, 10, 10)), text=text, confidence=confidence, numeric=True)
    reading.alternatives = alternatives
    return reading


def test_glyph_check_takes_the_only_fitting_reading_or_leaves_the_cell_unread():
    crop = _crop("296")
    # the engines' other reading fits: taken, at a confidence that is warned about
    reading = _cell_reading("4", 0.9, [("296", 0.3)])
    ocr.check_glyphs(reading, crop, 300)
    assert (reading.text, reading.chosen_by) == ("296", "glyphs")
    assert reading.confidence < ocr.LOW_CONFIDENCE
    # nothing fits: unread, never a number
    reading = _cell_reading("4", 0.9, [("29", 0.3)])
    ocr.check_glyphs(reading, crop, 300)
    assert (reading.text, reading.confidence, reading.rejected) == ("", 0.0, "4")
    # a sign read where none is printed is no negative number
    reading = _cell_reading("-1", 0.95, [])
    ocr.check_glyphs(reading, _crop("1"), 300)
    assert reading.text == "" and reading.rejected == "-1"
    # a comma read as a point: the thousands separator is printed, the number is whole
    reading = _cell_reading("1.234", 0.95, [])
    ocr.check_glyphs(reading, _crop("1,234"), 300)
    assert reading.text == "1234"


def test_digits_set_against_the_ruling_keep_their_tops():
    image, _, _ = _table_image([["信息内容", "列1"], ["第1行", "25"], ["第2行", "1286"]], seed=6, top_aligned=True)
    gray, _ = deskew(image)
    grid = find_tables(gray, DPI)[0][0]
    ink = ink_mask(gray)
    for (row, col), printed in {(1, 1): "25", (2, 1): "1286"}.items():
        crop = cell_crop(gray, ink, grid.cell_at(row, col).box, DPI)
        glyphs = glyph_shape(crop, DPI)
        assert glyphs is not None and glyphs.digits[0] == len(printed)
        # the whole height of the digits is in the crop: as tall as the printed digits
        assert crop.shape[0] - 20 >= 0.9 * _font(10.5).getbbox("0")[3] - _font(10.5).getbbox("0")[1]


def test_table_rows_carry_their_cells_with_place_box_and_confidence():
    grid = TableGrid((0, 0, 400, 100), [0, 50, 100], [0, 200, 300, 400],
                     [Cell(0, 0, 1, 1, (0, 0, 200, 50)), Cell(0, 1, 1, 1, (200, 0, 300, 50)),
                      Cell(0, 2, 1, 1, (300, 0, 400, 50))])
    cells = [ocr.CellReading(grid.cells[0], "规章", 0.93),
             ocr.CellReading(grid.cells[1], "12", 0.97, numeric=True),
             ocr.CellReading(grid.cells[2], "", 0.0, numeric=True)]
    result = ocr.PageReading(3, dpi=200, tables=[ocr.TableReading(grid, cells)])
    layout = Layout()
    ocr.append_page(layout, result)
    row = layout.lines[0]
    assert isinstance(row, Row) and str(row) == f"规章 | 12 | {UNREAD_CELL}"
    figure = row.cells[1]
    assert (figure.page, figure.table, figure.row, figure.col) == (3, 1, 0, 1)
    assert figure.box == (72.0, 0.0, 108.0, 18.0)  # pixels at 200 dpi in points
    assert figure.confidence == 0.97 and row.cells[2].confidence == 0.0
    assert [w["detail"] for w in layout.warnings if w["code"] == "ocr_cell_unread"] == [
        "OCR could not read the marks in cell row 1 col 3 (page 3, table 1); left unread (no value)"]


def test_a_figure_read_below_the_floor_is_left_unread_with_its_reading_kept(monkeypatch):
    grid = TableGrid((0, 0, 300, 50), [0, 50], [0, 100, 200, 300],
                     [Cell(0, 0, 1, 1, (0, 0, 100, 50)), Cell(0, 1, 1, 1, (100, 0, 200, 50)),
                      Cell(0, 2, 1, 1, (200, 0, 300, 50))])
    readings = [ocr.CellReading(grid.cells[0], "规章", 0.9)]
    for cell, (text, confidence) in zip(grid.cells[1:], [("7", ocr.UNREAD_BELOW - 0.05), ("4", ocr.UNREAD_BELOW + 0.05)]):
        readings.append(ocr.CellReading(cell, text, confidence, numeric=True))
    result = ocr.PageReading(1, dpi=200, tables=[ocr.TableReading(grid, readings)])
    for reading in readings[1:]:
        if reading.confidence < ocr.UNREAD_BELOW:  # as PageReader.read_tables leaves it
            reading.alternatives = [(reading.text, reading.confidence)]
            reading.rejected, reading.text, reading.confidence, reading.chosen_by = reading.text, "", 0.0, "confidence"
    layout = Layout()
    ocr.append_page(layout, result)
    assert str(layout.lines[0]) == f"规章 | {UNREAD_CELL} | 4"
    assert any(w["code"] == "ocr_cell_unsure" and "read '7' in cell row 1 col 2 (page 1, table 1)" in w["detail"]
               for w in layout.warnings)
    assert any(w["code"] == "ocr_low_confidence" and w["detail"].startswith("low OCR confidence for cell row 1 col 3")
               for w in layout.warnings)


def test_an_unread_cell_is_unknown_to_the_arithmetic_and_a_blank_one_is_zero():
    unread = _cell_reading("", 0.0, [("5", 0.3)])
    blank = ocr.CellReading(Cell(0, 2, 1, 1, (0, 0, 10, 10)))
    assert ocr._value(unread) is None and ocr._value(blank) == 0.0


@pytest.mark.parametrize("read, kept", [
    ("娄诉讼1", "娄诉讼"), ("2日准拉", "日准拉"), ("妃刘凤1过吕", "妃刘凤过吕"),        # OCR noise in labels
    ("1.属于国家秘密", "1.属于国家秘密"), ("8.属于行政查询事项", "8.属于行政查询事项"),  # item numbers
    ("251000元", "251000元"), ("采购总金额(万元) 249.87", "采购总金额(万元) 249.87"),  # amounts
    ("12", "12"),
])
def test_digits_stuck_to_a_labels_text_are_noise_and_never_a_figure(read, kept):
    assert ocr.clean_text_cell(read) == kept


def test_a_lone_slash_is_a_slash_and_a_seven_or_one_is_not():
    for font in range(len(_FONTS)):
        for size in (8, 10.5, 12):
            assert glyph_shape(_crop("/", size, font), 300).slash, (font, size)
            for digits in ("7", "1", "4", "17", "0"):
                assert not glyph_shape(_crop(digits, size, font), 300).slash, (digits, font, size)
    reading = _cell_reading("7", 0.5, [])
    ocr.check_glyphs(reading, _crop("/"), 300)
    assert (reading.text, reading.numeric) == ("/", False)


@pytest.mark.parametrize("words, kept", [("十1", None), ("十", None), ("l", None), ("—", "—"), ("无", "无")])
def test_words_read_in_a_figure_column_right_of_a_figure_are_an_unread_cell(words, kept):
    """``行政处罚 | 100 | 十1 | 4``: a faint ``+1`` read as words. Left as words the mapper
    skipped the cell and 4 took its column (本年增/减 read 4, 处理决定数量 0). It is an
    unread cell in its place; a blank mark stays the mark it is (0)."""
    xs = [0, 200, 300, 400, 500]
    grid = TableGrid((0, 0, 500, 50), [0, 50], xs,
                     [Cell(0, c, 1, 1, (xs[c], 0, xs[c + 1], 50)) for c in range(4)])
    cells = [ocr.CellReading(grid.cells[0], "行政处罚", 0.93),
             ocr.CellReading(grid.cells[1], "100", 0.97, numeric=True),
             ocr.CellReading(grid.cells[2], words, 0.6),
             ocr.CellReading(grid.cells[3], "4", 0.96, numeric=True)]
    layout = Layout()
    ocr.append_page(layout, ocr.PageReading(1, dpi=200, tables=[ocr.TableReading(grid, cells)]))
    assert str(layout.lines[0]) == f"行政处罚 | 100 | {kept or UNREAD_CELL} | 4"
    if kept is None:
        assert any(w["code"] == "ocr_cell_unread" for w in layout.warnings)
        lines = ["某县政府2019年政府信息公开工作年度报告", "二、主动公开政府信息情况", "第二十条第（六）项",
                 "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量", str(layout.lines[0]),
                 "行政强制 | 0 | 0 | 0", "三、收到和处理政府信息公开申请情况"]
        figures = map_layout(Layout(lines=lines))["figures"]
        assert figures.get("t2.penalty.prev_items") == 100 and "t2.penalty.change" not in figures
        assert figures.get("t2.penalty.decisions") == 4


def test_an_unread_cell_between_figures_keeps_its_column_where_two_labels_share_a_cell():
    """Two labels run together in one cell (行政处罚行政强制) read their rows from the
    figures after them by position: an unread cell among them holds its place."""
    lines = ["某县政府2019年政府信息公开工作年度报告", "二、主动公开政府信息情况", "第二十条第（六）项",
             "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量",
             f"行政处罚行政强制 | 100 | {UNREAD_CELL} | 4", " | 0 | 0 | 0", "三、收到和处理政府信息公开申请情况"]
    figures = map_layout(Layout(lines=lines))["figures"]
    assert figures.get("t2.penalty.prev_items") == 100 and "t2.penalty.change" not in figures
    assert figures.get("t2.penalty.decisions") == 4
    assert [figures.get(f"t2.coercion.{c}") for c in ("prev_items", "change", "decisions")] == [0, 0, 0]


_SERIF = [i for i, f in enumerate(_FONTS) if "Serif" in f.name]


@pytest.mark.skipif(not _SERIF, reason="no serif font")
@pytest.mark.parametrize("printed, allowed, refused", [
    ("0", ["0"], ["00", "10"]),
    ("10", ["10"], ["0", "1", "100"]),
    ("01", ["01"], ["0", "1"]),
])
def test_a_serif_digit_whose_thin_strokes_blur_light_is_one_glyph(printed, allowed, refused):
    """A serif 0 blurred at 8 pt keeps only its two sides dark, its thin top and bottom
    lighter grey: the pieces joined by the lighter ink are one glyph (it was counted as
    two, and every 0 of a 200-dpi scan was left unread). Two digits are never joined so."""
    glyphs = glyph_shape(_crop(printed, 8, _SERIF[0], blur=1.8), 300)
    for text in allowed:
        assert reading_fits_glyphs(text, glyphs), (printed, text, glyphs)
    for text in refused:
        assert not reading_fits_glyphs(text, glyphs), (printed, text, glyphs)


def _scaled_up_crop(text: str, font: int, dpi: int, size: float = 10.5) -> np.ndarray:
    """``text`` printed at ``dpi`` (a picture scanned coarse, blurred by JPEG), scaled up
    to 300 dpi as pictures are, and cropped to its ink as :func:`cell_crop` crops."""
    small = _crop(text, size, font, blur=0.9, dpi=dpi)
    ok, encoded = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, 70])
    small = cv2.imdecode(encoded, cv2.IMREAD_GRAYSCALE)
    big = cv2.resize(small, None, fx=300 / dpi, fy=300 / dpi, interpolation=cv2.INTER_CUBIC)
    ys, xs = np.nonzero(big < 200)
    big = big[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    return cv2.copyMakeBorder(big, 10, 10, 10, 10, cv2.BORDER_CONSTANT, value=255)


@pytest.mark.parametrize("dpi", [110, 120, 150])
def test_a_faint_minus_scaled_up_from_a_coarse_picture_is_a_sign(dpi):
    """A change of -3 in a table pasted as a picture scanned at 110–150 dpi: scaled up,
    the minus is a faint blur whose dark core is short. It still counts as a sign, so a
    reading of 3 is refused (it was kept: a wrong number, the sign lost)."""
    for font in range(len(_FONTS)):
        for printed, sign in (("-3", True), ("-12", True), ("3", False), ("12", False)):
            glyphs = glyph_shape(_scaled_up_crop(printed, font, dpi), 300)
            assert glyphs is not None and glyphs.sign is sign, (printed, font, dpi, glyphs)
            assert reading_fits_glyphs(printed.lstrip("-") if sign else "-" + printed, glyphs) is False


def test_a_thick_frames_ruling_inside_a_cells_box_is_no_glyph():
    """A table framed by a thick line (4 pt, a scan at 300 dpi): the grid's column line
    sits at the frame's outer edge, so the first column's cells hold a solid bar from top
    to bottom beside their label. The crop leaves it out (read with it, 行政许可 came out
    as ``| esa``); a bar alone in a cell, which may be a tall 1, is kept."""
    gray = np.full((90, 600), 255, np.uint8)
    cv2.rectangle(gray, (14, 0), (28, 89), 0, -1)  # the frame, inside the cell's box
    image = Image.fromarray(gray)
    ImageDraw.Draw(image).text((70, 20), "Licensing", font=ImageFont.truetype(str(_FONTS[0]), 44), fill=0)
    gray = np.asarray(image).copy()
    crop = cell_crop(gray, ink_mask(gray), (0, 0, 600, 90), 300)
    left, _, right, _ = ImageFont.truetype(str(_FONTS[0]), 44).getbbox("Licensing")
    assert crop is not None and crop.shape[1] - 20 <= right - left + 6  # the label alone, not the bar
    alone = np.full((90, 200), 255, np.uint8)
    cv2.rectangle(alone, (90, 0), (102, 89), 0, -1)
    assert cell_crop(alone, ink_mask(alone), (0, 0, 200, 90), 300) is not None



def _t4_image(lost: tuple[int, ...], figures: list[str], seed: int = 1) -> np.ndarray:
    """Table 4's shape: a heading row over two groups (5 and 10 leaves), a row of leaf
    headings, a row of figures; fifteen leaf columns of one width, the inner column
    lines in ``lost`` (1-14) gone from top to bottom."""
    page = Image.new("L", (1654, 2339), 245)
    draw = ImageDraw.Draw(page)
    leaf = int(DPI * 0.42)
    xs = [150 + k * leaf for k in range(16)]
    ys = [400, 460, 540, 600]
    font = _font(9)
    for y in ys:
        draw.line([(xs[0], y), (xs[-1], y)], fill=0, width=2)
    for k, x in enumerate(xs):
        if k in lost:
            continue
        top = ys[0] if k in (0, 5, 15) else ys[1]  # the group headings span their leaves
        draw.line([(x, top), (x, ys[-1])], fill=0, width=2)
    draw.text((xs[0] + 60, ys[0] + 15), "Review", font=font, fill=20)
    draw.text((xs[5] + 200, ys[0] + 15), "Litigation", font=font, fill=20)
    for k in range(15):
        draw.text((xs[k] + 14, ys[1] + 25), "ab", font=font, fill=20)
        draw.text((xs[k] + 30, ys[2] + 15), figures[k], font=_font(10.5), fill=20)
    noise = np.random.default_rng(seed).normal(0, 3, (2339, 1654))
    return np.clip(np.asarray(page) + noise, 0, 255).astype(np.uint8)


@pytest.mark.parametrize("lost", [(2, 3, 4), (1, 7, 8, 12), (3, 6, 9, 10, 11)])
def test_table_4_that_lost_column_lines_gets_its_fifteen_leaf_columns_back(lost):
    figures = [str(k % 4) for k in range(15)]
    grids = _grid(_t4_image(lost, figures))
    assert [g.n_cols for g in grids] == [15]
    grid = grids[0]
    for k in range(15):  # every figure alone in its leaf's cell
        cell = grid.cell_at(2, k)
        assert cell.col == k and cell.col_span == 1


def test_a_table_whose_columns_are_not_fifteenths_of_its_width_is_not_split():
    values = [["ab"] + ["1"] * 7 for _ in range(4)]
    image, n_rows, n_cols = _table_image(values, seed=3)
    assert [(g.n_rows, g.n_cols) for g in _grid(image)] == [(n_rows, n_cols)]


def _ruled(draw: ImageDraw.ImageDraw, top: int, heights: list[int], widths: list[int], *,
           no_right_border: tuple[int, ...] = ()) -> int:
    """Draw a ruled table from ``top``, a figure in the last column of each row but the
    first; rows in ``no_right_border`` lose their right-hand border (a scan's gap).
    Returns the y of its bottom ruling."""
    x_lines = [200 + sum(widths[:k]) for k in range(len(widths) + 1)]
    y_lines = [top + sum(heights[:k]) for k in range(len(heights) + 1)]
    for y in y_lines:
        draw.line([(x_lines[0], y), (x_lines[-1], y)], fill=0, width=2)
    for k, x in enumerate(x_lines):
        for r in range(len(heights)):
            if k == len(x_lines) - 1 and r in no_right_border:
                continue
            draw.line([(x, y_lines[r]), (x, y_lines[r + 1])], fill=0, width=2)
    for r in range(1, len(heights)):
        draw.text((x_lines[-2] + 20, y_lines[r] + 12), str(r), font=_font(10.5), fill=20)
    return y_lines[-1]


def _heading(draw: ImageDraw.ImageDraw, top: int, n_glyphs: int = 12, size: int = 40) -> None:
    """A bold heading line set flush left whose glyphs each have a stroke standing alone
    (the ``亅`` of 行): thin and tall, it passes for a piece of a ruling and, where it
    lines up with a column line, is bridged to it."""
    for k in range(n_glyphs):
        x = 200 + k * (size + 6)
        draw.rectangle([x, top, x + 4, top + size], fill=0)
        draw.rectangle([x + 12, top + 6, x + size - 4, top + size - 6], outline=0, width=4)


def test_two_tables_with_a_heading_line_between_them_are_two_grids():
    """Table 3 and table 4 printed one under the other with only their heading between:
    the heading's strokes, bridged to both tables' rulings, must not join them."""
    page = Image.new("L", (1654, 2339), 245)
    draw = ImageDraw.Draw(page)
    bottom = _ruled(draw, 300, [int(DPI * 0.3)] * 8, [int(DPI * 1.2)] + [int(DPI * 0.5)] * 7)
    _heading(draw, bottom + 22)
    _ruled(draw, bottom + 22 + 40 + 22, [int(DPI * 0.3)] * 4, [int(DPI * 0.4)] * 15)
    image = np.clip(np.asarray(page) + np.random.default_rng(1).normal(0, 3, (2339, 1654)), 0, 255)
    grids = _grid(image.astype(np.uint8))
    assert [(g.n_rows, g.n_cols) for g in grids] == [(8, 8), (4, 15)]


@pytest.mark.parametrize("lost", [(4,), (3, 4, 5), (1, 6)])
def test_a_table_row_whose_right_border_the_scan_lost_does_not_split_the_table(lost):
    page = Image.new("L", (1654, 2339), 245)
    draw = ImageDraw.Draw(page)
    _ruled(draw, 300, [int(DPI * 0.3)] * 10, [int(DPI * 1.2)] + [int(DPI * 0.5)] * 7, no_right_border=lost)
    grids = _grid(np.asarray(page).copy())
    assert [(g.n_rows, g.n_cols) for g in grids] == [(10, 8)]


def _cell_with_faint_point(number: str, dot: int = 2) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """A ruled cell at 300 dpi printing ``number`` (one point in it) with the point drawn
    as a ``dot``-pixel square on the baseline, as a blurred scan leaves it: smaller than
    the specks the crop drops."""
    font = ImageFont.truetype(str(_FONTS[0]), int(10.5 * 300 / 72))
    page = Image.new("L", (700, 200), 255)
    draw = ImageDraw.Draw(page)
    draw.rectangle((100, 40, 600, 140), outline=0, width=3)
    head, tail = number.split(".")
    x = 300
    draw.text((x, 70), head, font=font, fill=0)
    x_tail = x + font.getlength(head) + font.getlength(".")
    draw.text((x_tail, 70), tail, font=font, fill=0)
    base = 70 + font.getbbox("0")[3]
    left = int(x + font.getlength(head) + (font.getlength(".") - dot) / 2)
    draw.rectangle((left, base - dot, left + dot - 1, base - 1), fill=0)
    return np.asarray(page), (100, 40, 600, 140)


@pytest.mark.parametrize("number", ["2.32", "15.5", "108.46"])
def test_a_decimal_point_smaller_than_a_speck_stays_in_the_crop(number):
    """A decimal point a scan left smaller than a speck, on the baseline between two
    digits, is kept in the cell's crop: the number is never read without it (``232``)."""
    gray, box = _cell_with_faint_point(number)
    crop = cell_crop(gray, ink_mask(gray), box, 300)
    glyphs = glyph_shape(crop, 300)
    assert glyphs.points == [len(number.split(".")[1])] and glyphs.faint_point
    assert not reading_fits_glyphs(number.replace(".", ""), glyphs)


def test_a_point_no_engine_read_is_put_where_the_glyphs_show_it():
    # read less surely: the point where the glyphs show it, warned about
    reading = _cell_reading("232", 0.8, [])
    ocr.check_glyphs(reading, _crop("2.32"), 300)
    assert (reading.text, reading.chosen_by) == ("2.32", "glyphs") and reading.confidence < ocr.LOW_CONFIDENCE
    # read surely: the number stands for a count, its pointed form kept for an amount
    # (see extract.api._amounts_beside_a_speck)
    reading = _cell_reading("232", 0.99, [])
    ocr.check_glyphs(reading, _crop("2.32"), 300)
    assert (reading.text, reading.chosen_by) == ("232", ocr.SPECK_OR_POINT)
    assert reading.alternatives[0] == ("2.32", ocr.GLYPH_CHOICE_CONFIDENCE)


def test_a_point_read_on_ink_no_bigger_than_a_speck_is_warned_about():
    gray, box = _cell_with_faint_point("2.32")
    crop = cell_crop(gray, ink_mask(gray), box, 300)
    reading = _cell_reading("2.32", 0.99, [])
    ocr.check_glyphs(reading, crop, 300)
    assert reading.text == "2.32" and reading.confidence < ocr.LOW_CONFIDENCE


@pytest.mark.parametrize("kind", [dict(col_inch=0.5), dict(col_inch=0.45, broken=0.1),
                                  dict(col_inch=0.55, line=3, shade=120)])
def test_a_row_of_dashes_printed_for_0_is_no_ruling(kind):
    """A row printing 0 as a dash in each cell (``— — — —``) has its dashes on one line,
    half an inch apart in narrow columns: bridged, they would pass for a ruling through the row, cutting it
    in two and erasing the marks. The grid keeps the table's own rows and columns."""
    values = _values(5, n_rows=8, n_cols=7)
    for r in (2, 3, 5):
        values[r][2:] = ["—"] * 5
    image, n_rows, n_cols = _table_image(values, seed=5, **kind)
    gray, _ = deskew(image)
    grids, rulings = find_tables(gray, DPI)
    assert len(grids) == 1 and (grids[0].n_rows, grids[0].n_cols) == (n_rows, n_cols)
    ink = ink_mask(gray)
    for r in (2, 3, 5):
        for c in range(2, n_cols):
            assert looks_like_dash(cell_crop(gray, cv2.bitwise_and(ink, cv2.bitwise_not(rulings)),
                                             grids[0].cell_at(r, c).box, DPI), DPI), (r, c)


@pytest.mark.parametrize("printed", ["387", "147", "17", "7", "598", "1286"])
@pytest.mark.parametrize("grey", [110, 125, 135])
def test_figures_printed_in_light_grey_keep_their_glyphs(printed, grey):
    """A colour scan of grey print: the digits' darkest pixels lighter than 100. Held to
    the levels of black print their strokes fall apart or vanish and the glyphs allow no
    number at all; judged against their own darkest ink and the paper they allow the
    number printed, and only that one."""
    for font in range(len(_FONTS)):
        black = _crop(printed, 10.5, font, blur=1.2).astype(float)
        light = (255 - (255 - black) * (255 - grey) / 255).astype(np.uint8)
        glyphs = glyph_shape(light, 300)
        assert reading_fits_glyphs(printed, glyphs), (printed, grey, font, glyphs)
        assert not reading_fits_glyphs(printed + "1", glyphs) and not reading_fits_glyphs("-" + printed, glyphs)


@pytest.mark.parametrize("name", ["slash_gray_jpeg_150dpi_a.png", "slash_gray_jpeg_150dpi_b.png"])
def test_a_thin_slash_whose_ink_is_light_stays_a_slash(name):
    """Two cells of a 150-dpi grey JPEG scan printing ``/`` for 0 (cropped as the pipeline
    crops them): the thin stroke's darkest pixels are lighter than 100, so the crop is
    judged as grey print, at whose levels the blurred stroke is upright enough to pass for
    a 1. A stroke that is a slash at black print's levels stays one (it was read 1: a
    wrong value)."""
    crop = cv2.imread(str(Path(__file__).parent / "examples" / "crops" / name), cv2.IMREAD_GRAYSCALE)
    glyphs = glyph_shape(crop, 300)
    assert glyphs is not None and glyphs.slash



def test_a_scanner_lid_and_sheet_edge_broken_along_the_border_are_not_part_of_the_table():
    """A scanned page (200 dpi, here at 150) continuing table 3 from its top: a thin band
    of the dark scanner lid along the top border and the right sheet edge, both broken
    into pieces none as long as a sheet edge, joined the table's rulings. They made a
    top row and a right column of its grid, and its 71 cells were read as a table whose
    rulings are lost."""
    page = cv2.imread(str(Path(__file__).parent / "examples" / "scans" / "lid_and_sheet_edge_150dpi.png"),
                      cv2.IMREAD_GRAYSCALE)
    grids, _ = find_tables(page, 150)
    assert len(grids) == 1 and grids[0].n_cols == 10  # three label columns, seven figure columns
    x0, y0, x1, y1 = grids[0].box
    assert y0 > 100 and x1 < page.shape[1] - 100


def test_a_sheet_edge_broken_into_pieces_is_removed_as_one_line():
    """A scanned sheet's top edge, its shadow printed in three pieces none as long as a
    sheet edge, joined the report's first table through the lid's noise along the
    right: the table's grid took in the whole page of text (its title and agency lost).
    Pieces along one line near the border count together; a table's own broken ruling
    near the border, no wider than the table, stays."""
    from extract.ocr_table import _without_sheet_edges

    height, width = 3509, 2482
    lines = np.zeros((height, width), np.uint8)
    for x0, x1 in ((85, 694), (923, 1668), (1841, 2381)):  # the top edge, in pieces
        lines[47 + x0 % 5:73 + x0 % 5, x0:x1] = 255
    lines[3300:3304, 300:900] = 255  # a table's bottom ruling near the foot, broken
    lines[3301:3305, 1000:1900] = 255
    lines[1500:1504, 300:2100] = 255  # a ruling mid-page
    out = _without_sheet_edges(lines, vertical=False)
    assert not out[:200].any()
    assert out[3300:3306].any() and out[1500:1504].any()
    out = _without_sheet_edges(np.ascontiguousarray(lines.T), vertical=True)  # the same along a side
    assert not out[:, :200].any() and out[:, 1500:1504].any()


@pytest.mark.parametrize("seed", [7, 8])
def test_a_picture_cropped_at_its_tables_outer_rulings_keeps_its_last_column(seed):
    """A table pasted into a DOCX as a picture cropped at its outer rulings (a 300-dpi
    picture of table 3): the right border at the picture's very edge was lost, and with
    it the 总计 column; every row one cell short, the table was left out."""
    image, n_rows, n_cols = _table_image(_values(seed), seed=seed, line=7)  # thick black rulings
    image = cv2.GaussianBlur(image, (0, 0), 0.7)
    ys, xs = np.nonzero(image < 128)
    crop = np.ascontiguousarray(image[ys.min() - 1:ys.max() + 2, xs.min() - 1:xs.max() + 2])
    reading = ocr.PageReader().read_page(crop, DPI, picture=True)
    assert [(t.grid.n_rows, t.grid.n_cols) for t in reading.tables] == [(n_rows, n_cols)]


@pytest.mark.parametrize("shift", [(0, 0), (5, -4), (-3, 6)])
def test_a_dash_cell_between_dashed_rulings_is_a_dash(shift):
    """A cell printing 0 as a dash, its rulings dashed and strayed a few pixels inside
    the box the grid gives it (a dash-dot frame, slightly off its grid line): the
    rulings' dashes along its sides, one joined to a piece of the crossing ruling, are
    no marks of the cell, which reads as the one dash it prints (it was left unread)."""
    dx, dy = shift
    gray = np.full((200, 200), 245, np.uint8)
    box = (40, 40, 158, 158)
    lines = np.zeros_like(gray)
    bottom, right = 150 + dy, 151 + dx
    for x in range(36, 170, 30):  # a dashed bottom ruling, inside the box's bottom edge
        lines[bottom:bottom + 4, x:x + 18] = 255
    for y in range(30, 170, 28):  # a dashed right ruling, inside the box's right edge
        lines[y:y + 16, right:right + 4] = 255
    lines[bottom:bottom + 4, right - 20:right + 4] = 255  # the corner: the two joined
    for y in range(36, 160, 30):  # a dashed top ruling's pieces
        lines[44 + dy:48 + dy, y:y + 12] = 255
    gray[lines > 0] = 20
    gray[97:103, 86:114] = 15  # the dash
    rulings = cv2.dilate(lines, np.ones((1, 31), np.uint8)) | cv2.dilate(lines, np.ones((29, 1), np.uint8))
    crop = cell_crop(gray, ink_mask(gray), box, 300, rulings=rulings)
    assert crop is not None and looks_like_dash(crop, 300)
