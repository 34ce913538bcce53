"""Scanned tables whose inner rulings are lost: the grid rebuilt from text alignment.

The pages here are drawn with a CJK font like a printed template table: a frame, row
labels (some over two lines, figure set between them), figures centred in columns,
and inner rulings that the scan lost (gone, or left as faint dots)."""
from __future__ import annotations

import os
import random

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extract import ocr, ocr_aligned
from extract.layout import Layout, Row

DPI = 300
_CJK = [p for p in ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc") if os.path.exists(p)]
pytestmark = pytest.mark.skipif(not _CJK, reason="no CJK font")

LABELS = ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开",
          "（二）部分公开（区分处理的，只|计这一情形，不计其他情形）", "1.属于国家秘密",
          "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
          "5.属于三类内部事务信息", "6.属于四类过程性信息"]


def _page(figures: list[list[int]], *, inner: str = "lost", frame_bottom: bool = True, seed: int = 0,
          font: int = 0) -> np.ndarray:
    """An A4 page at 300 dpi: a framed table of ``LABELS`` (``|`` breaks a label over
    two lines) and seven figure columns, a header row above.

    :param inner: ``lost`` (no inner rulings), ``dots`` (faint dotted rulings),
        ``ruled`` (every ruling printed), ``none`` (not even the frame: a bilevel scan
        lost every faint ruling)
    :param frame_bottom: whether the frame's lower part survived (else it stops two
        rows short of the last row)
    """
    rng = random.Random(seed)
    page = Image.new("L", (2480, 3508), 250)
    draw = ImageDraw.Draw(page)
    body = ImageFont.truetype(_CJK[font % len(_CJK)], 40)
    x0, label_w, col_w = 200, 900, 160
    xs = [x0, x0 + label_w] + [x0 + label_w + col_w * (k + 1) for k in range(7)]
    y = 400
    ys = [y]
    draw.text((x0 + 20, y + 40), "（本列数据的勾稽关系）", font=body, fill=15)
    for k, name in enumerate(["自然人", "商业", "科研", "公益", "法律", "其他", "总计"]):
        draw.text((xs[k + 1] + 20, y + 40), name, font=body, fill=15)
    y += 140
    ys.append(y)
    for label, row in zip(LABELS, figures):
        lines = label.split("|")
        height = 80 if len(lines) == 1 else 140
        for n, text in enumerate(lines):
            top = y + (height - 60 * len(lines)) // 2 + 60 * n + 6
            draw.text((x0 + 20, top), text, font=body, fill=15)
        for k, value in enumerate(row):
            text = str(value)
            width = draw.textlength(text, font=body)
            draw.text((xs[k + 1] + (col_w - width) / 2, y + (height - 48) / 2), text, font=body, fill=15)
        y += height
        ys.append(y)
    bottom = ys[-1] if frame_bottom else ys[-3]
    if inner != "none":
        draw.rectangle([xs[0], ys[0], xs[-1], bottom], outline=0, width=4)
    if not frame_bottom:
        draw.line([(xs[0], ys[-1]), (xs[-1], ys[-1])], fill=250, width=4)
    if inner == "dots":
        for yy in ys[1:-1]:
            for xx in range(xs[0], xs[-1], 24):
                if rng.random() < 0.7:
                    draw.rectangle([xx, yy, xx + 3, yy + 1], fill=200)
        for xx in xs[1:-1]:
            for yy in range(ys[0], bottom, 24):
                if rng.random() < 0.7:
                    draw.rectangle([xx, yy, xx + 1, yy + 3], fill=200)
    if inner == "ruled":
        for yy in ys[1:-1]:
            draw.line([(xs[0], yy), (xs[-1], yy)], fill=0, width=3)
        for xx in xs[1:-1]:
            draw.line([(xx, ys[0]), (xx, bottom)], fill=0, width=3)
    noise = np.random.default_rng(seed).normal(0, 3, (3508, 2480))
    return np.clip(np.asarray(page) + noise, 0, 255).astype(np.uint8)


def _figures(seed: int) -> list[list[int]]:
    rng = random.Random(seed)
    rows = []
    for _ in LABELS:
        row = [rng.choice([0, 0, 1, 3, 12, 45, 296]) for _ in range(6)]
        rows.append(row + [sum(row)])
    return rows


def _table_rows(gray: np.ndarray) -> list[list[str]]:
    """The OCR'd table's rows as the mapper sees them (label first)."""
    result = ocr.get_reader(second_engine=None).read_page(gray, DPI, 1)
    layout = Layout()
    ocr.append_page(layout, result)
    return [[c.text for c in line.cells] for line in layout.lines if isinstance(line, Row)], result


@pytest.mark.parametrize("kind", [
    dict(inner="lost"),
    dict(inner="dots", seed=1),
    dict(inner="lost", frame_bottom=False, seed=2, font=1),
    dict(inner="none", seed=3),
    dict(inner="none", seed=4, font=1),
])
def test_a_table_that_lost_its_inner_rulings_keeps_every_figure_in_its_column(kind):
    figures = _figures(kind.get("seed", 0))
    rows, result = _table_rows(_page(figures, **kind))
    assert any(w["code"] == "ocr_grid_aligned" for w in result.warnings)
    body = [row for row in rows if any(ch.isdigit() for ch in "".join(row[1:]))]
    assert len(body) == len(LABELS)
    for row, printed, label in zip(body, figures, LABELS):
        assert row[-7:] == [str(v) for v in printed], label
        # a label printed over two lines is one row's label, never a row of its own
        for line in label.split("|"):
            assert sum(ch in _cjk(row[0]) for ch in _cjk(line)[-3:]) >= 2, (line, row[0])


def _cjk(text: str) -> str:
    return "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")


def test_a_frame_with_figures_in_columns_is_a_table_and_a_grid_with_a_cell_per_figure_is_kept():
    figures = _figures(3)
    gray, _ = ocr.deskew(_page(figures, inner="lost"))
    frames: list = []
    grids, rulings = ocr.find_tables(gray, DPI, frames=frames)
    assert grids == [] and len(frames) == 1  # the frame alone is no grid
    ink = ocr.ink_mask(gray)
    tokens = ocr_aligned.text_tokens(ink, frames[0], DPI)
    rebuilt = ocr_aligned.aligned_grid(ink, frames[0], DPI, tokens)
    assert rebuilt.n_cols == 8 and ocr_aligned.crowded_share(rebuilt, tokens) == 0.0
    # a grid whose cells hold one figure each is not rebuilt
    assert ocr._aligned_grids(gray, DPI, [rebuilt], [], rulings) == ([rebuilt], set())


def test_fifteen_figures_on_one_line_give_table_4_its_columns():
    """Table 4 prints one row of fifteen figures: evenly spaced on one line, they are
    the columns; fewer, or unevenly spaced, are not."""
    tokens = [ocr_aligned.Token((100 + 120 * k, 500, 130 + 120 * k, 540), True) for k in range(15)]
    assert len(ocr_aligned.figure_columns(tokens, DPI)) == 15
    assert ocr_aligned.figure_columns(tokens[:8], DPI) == []
    uneven = tokens[:7] + [ocr_aligned.Token((t.box[0] + 50, 500, t.box[2] + 50, 540), True) for t in tokens[7:]]
    assert ocr_aligned.figure_columns(uneven, DPI) == []


def _joined(rows: list[list[tuple[str, bool]]]) -> list[tuple[str, list[str]]]:
    cells = [ocr.CellReading(ocr.Cell(r, c, 1, 1, (c * 100, r * 50, c * 100 + 100, r * 50 + 50)), text, 0.9, numeric)
             for r, row in enumerate(rows) for c, (text, numeric) in enumerate(row)]
    _, out = ocr_aligned.join_label_lines(cells, len(rows))
    joined: dict[int, tuple[str, list[str]]] = {}
    for reading in out:
        label, figures = joined.setdefault(reading.cell.row, ("", []))
        if reading.cell.col == 0:
            joined[reading.cell.row] = (reading.text, figures)
        else:
            figures.append(reading.text)
    return [joined[k] for k in sorted(joined)]


def test_label_lines_join_the_row_their_item_opens_or_continues():
    blank = ("", False)
    rows = [
        [("1.申请人无正当理由逾期", False), blank, blank],       # opens item 1, figures below
        [("不补正、行政机关不再处理", False), ("0", True), ("3", True)],
        [("其政府信息公开申请", False), blank, blank],            # continues item 1
        [("", False), ("—", False), blank],                     # a dotted ruling's remnant
        [("2.重复申请", False), ("1", True), ("4", True)],
        [("3.其他", False), blank, blank],                     # a row printed blank
        [("4.要求提供", False), ("2", True), ("2", True)],
    ]
    assert _joined(rows) == [
        ("1.申请人无正当理由逾期 不补正、行政机关不再处理 其政府信息公开申请", ["0", "3"]),
        ("2.重复申请", ["1", "4"]),
        ("3.其他", ["", ""]),
        ("4.要求提供", ["2", "2"]),
    ]


def _t4_page(figures: list[int], kept_lines: tuple[int, ...] = ()) -> np.ndarray:
    """Table 4 in a frame: group headings, fifteen leaf headings over two lines, one row
    of fifteen figures and no row label. Leaves alternate 136 and 146 pixels wide (no
    lattice of fifteenths); of the inner rulings only ``kept_lines`` (leaf boundaries
    1-14) survived, with the row lines."""
    page = Image.new("L", (2480, 3508), 250)
    draw = ImageDraw.Draw(page)
    small = ImageFont.truetype(_CJK[0], 30)
    body = ImageFont.truetype(_CJK[0], 40)
    x0 = 180
    xs = [x0 + sum(136 if j % 2 else 146 for j in range(k)) for k in range(16)]
    draw.text((x0 + 250, 420), "行政复议", font=body, fill=15)
    draw.text((x0 + 1300, 420), "行政诉讼", font=body, fill=15)
    for k in range(15):
        leaf = xs[k + 1] - xs[k]
        for n, text in enumerate(("结果", "维持") if k % 5 != 4 else ("尚未", "审结")):
            draw.text((xs[k] + 38, 500 + 40 * n), text, font=small, fill=15)
        text = str(figures[k])
        width = draw.textlength(text, font=body)
        draw.text((xs[k] + (leaf - width) / 2, 640), text, font=body, fill=15)
    draw.rectangle([x0, 400, xs[-1], 720], outline=0, width=4)
    if kept_lines:
        for y in (480, 620):
            draw.line([(x0, y), (xs[-1], y)], fill=0, width=3)
        for k in kept_lines:
            draw.line([(xs[k], 480), (xs[k], 720)], fill=0, width=3)
    noise = np.random.default_rng(5).normal(0, 3, (3508, 2480))
    return np.clip(np.asarray(page) + noise, 0, 255).astype(np.uint8)


def test_table_4_whose_grid_runs_two_figures_together_is_rebuilt_from_its_even_row():
    """One column line lost in the figure row only, where no repair brings it back: two
    of the fifteen figures share a cell (two in fifteen, under the share that condemns a
    whole grid). Fifteen figures evenly spaced on one line are evidence enough."""
    figures = [1, 0, 0, 0, 1, 2, 0, 1, 0, 3, 0, 0, 0, 0, 0]
    gray, _ = ocr.deskew(_t4_page(figures, tuple(range(1, 15))))
    (grid,), rulings = ocr.find_tables(gray, DPI)
    assert grid.n_cols == 15
    last = grid.n_rows - 1
    merged = [c for c in grid.cells if not (c.row == last and c.col in (6, 7))]
    a, b = grid.cell_at(last, 6), grid.cell_at(last, 7)
    merged.append(ocr.Cell(last, 6, 1, 2, (a.box[0], a.box[1], b.box[2], b.box[3])))
    broken = ocr.TableGrid(grid.box, grid.row_lines, grid.col_lines, sorted(merged, key=lambda c: (c.row, c.col)))
    grids, rebuilt = ocr._aligned_grids(gray, DPI, [broken], [], rulings)
    assert rebuilt == {0} and grids[0].n_cols == 16  # an empty label column, then the fifteen


def test_table_4_without_inner_rulings_keeps_its_fifteen_figures_in_their_columns():
    figures = [1, 0, 0, 0, 1, 2, 0, 1, 0, 3, 0, 0, 0, 0, 0]
    rows, result = _table_rows(_t4_page(figures))
    assert any(w["code"] == "ocr_grid_aligned" for w in result.warnings)
    body = [row for row in rows if any(ch.isdigit() for ch in "".join(row))]
    assert body == [[""] + [str(v) for v in figures]]  # an empty label cell, then the fifteen


@pytest.mark.parametrize("paper", [250, 228, 212])
def test_a_heading_between_tables_on_tinted_paper_is_read(paper):
    """The tables are erased before the running text is read; erased to white on grey
    paper, they made the engine take the paper for ink and lose every line around."""
    page = Image.new("L", (2480, 3508), paper)
    draw = ImageDraw.Draw(page)
    body = ImageFont.truetype(_CJK[0], 40)
    heading = ImageFont.truetype(_CJK[0], 52)
    for top in (300, 1900):
        ys = [top + 90 * k for k in range(13)]
        xs = [300, 1100] + [1100 + 150 * k for k in range(1, 8)]
        for y in ys:
            draw.line([(xs[0], y), (xs[-1], y)], fill=20, width=3)
        for x in xs:
            draw.line([(x, ys[0]), (x, ys[-1])], fill=20, width=3)
        for r in range(12):
            draw.text((xs[0] + 20, ys[r] + 20), f"{r + 1}.属于国家秘密", font=body, fill=15)
            for c in range(7):
                draw.text((xs[c + 1] + 55, ys[r] + 20), str((r + c) % 4), font=body, fill=15)
    draw.text((300, 1460), "四、政府信息公开行政复议、行政诉讼情况", font=heading, fill=10)
    noise = np.random.default_rng(paper).normal(0, 3, (3508, 2480))
    image = np.clip(np.asarray(page) + noise, 0, 255).astype(np.uint8)
    result = ocr.get_reader(second_engine=None).read_page(image, DPI, 1)
    assert len(result.tables) == 2
    assert any("行政复议" in line.text and "诉讼" in line.text for line in result.text_lines)


def test_a_label_beside_the_figures_over_several_rows_of_figures_is_cut_per_row(monkeypatch):
    """The scan lost a ruling in the label column alone: ``5.…`` and ``6.…`` read as one
    cell and their rows' figures had no label. Cut per row; an outer label over its
    rows (（三）不予公开) and a label over a row printed blank stay as they are."""
    rows, cols = [0, 40, 80, 120, 160, 200, 240], [0, 100, 300, 350, 400, 450]
    cells = [ocr.Cell(0, 0, 1, 2, (0, 0, 300, 40))] + [ocr.Cell(0, c, 1, 1, (cols[c], 0, cols[c + 1], 40))
                                                        for c in range(2, 5)]
    cells.append(ocr.Cell(1, 0, 5, 1, (0, 40, 100, 240)))  # （三）不予公开 over rows 1-5
    cells.append(ocr.Cell(1, 1, 1, 1, (100, 40, 300, 80)))
    cells.append(ocr.Cell(2, 1, 2, 1, (100, 80, 300, 160)))  # 5. and 6. as one cell
    cells.append(ocr.Cell(4, 1, 2, 1, (100, 160, 300, 240)))  # over a row printed blank
    blank_row = 5
    for r in range(1, 6):
        cells += [ocr.Cell(r, c, 1, 1, (cols[c], rows[r], cols[c + 1], rows[r + 1])) for c in range(2, 5)]
    grid = ocr.TableGrid((0, 0, 450, 240), rows, cols, sorted(cells, key=lambda c: (c.row, c.col)))
    figure = np.zeros((5, 5), np.uint8)

    def crop_at(box):
        x0, y0, x1, y1 = box
        if x0 >= 300 and y0 >= 40 and y0 != rows[blank_row]:
            return figure
        return np.ones((5, 5), np.uint8)  # labels and headings

    monkeypatch.setattr(ocr, "looks_like_digits", lambda crop, dpi: crop is figure)
    split = ocr.split_merged_labels(grid, crop_at, DPI)
    label_cells = sorted((c.row, c.row_span) for c in split.cells if c.col == 1)
    assert label_cells == [(1, 1), (2, 1), (3, 1), (4, 2)]
    assert split.cell_at(3, 1).box == (100, 120, 300, 160)
    assert split.cell_at(2, 0).row_span == 5  # the outer label stays one cell
    assert ocr.split_merged_labels(split, crop_at, DPI) is split  # nothing more to cut


def test_sub_tables_with_columns_of_their_own_are_no_aligned_grid():
    """Table 2's sub-tables place their figures differently (three columns, then one
    centred, then two): the union of their columns is no grid, and a grid built on it
    gave table 2's rows seven cells, as table 3's. Rows sharing one set of columns are."""
    def row(y, xs):
        return [ocr_aligned.Token((x - 15, y, x + 15, y + 40), True) for x in xs]

    ys = {100: (900, 1300, 1700), 160: (900, 1300, 1700), 220: (900, 1300, 1700), 360: (1300,), 440: (1300,),
          500: (1300,), 640: (1100, 1500), 700: (1100, 1500), 780: (1100, 1500)}
    t2 = [t for y, xs in ys.items() for t in row(y, xs)]
    assert ocr_aligned.aligned_grid(np.zeros((1000, 2000), np.uint8), (100, 50, 1900, 900), DPI, t2) is None
    centres = ocr_aligned.figure_columns(t2, DPI)
    assert len(centres) == 5
    rows = [[t for t in t2 if t.box[1] == y] for y in ys]
    assert not ocr_aligned.shared_columns(rows, centres, DPI * ocr_aligned.COLUMN_TOLERANCE_INCH)
    t3 = [t for y in range(100, 900, 80) for t in row(y, range(800, 1900, 150))]
    t3_rows = [[t for t in t3 if t.box[1] == y] for y in range(100, 900, 80)]
    assert ocr_aligned.shared_columns(t3_rows, ocr_aligned.figure_columns(t3, DPI), DPI * 0.12)


def test_columns_printing_only_dashes_for_0_are_columns_of_the_rebuilt_grid():
    """A table that lost its inner rulings and prints its zeros as dashes, whole columns
    of them (no body of that kind applied): the dashes stand in columns as figures do,
    so those columns are found, and a label's ``一`` (flat as a dash) is no figure."""
    figures = [[("—" if v == 0 else str(v)) for v in row] for row in _figures(4)]
    for row in figures:
        row[2] = row[3] = "—"
    rows, result = _table_rows(_page(figures, inner="lost", seed=4))
    assert any(w["code"] == "ocr_grid_aligned" for w in result.warnings)
    body = [row for row in rows if any(ch.isdigit() or ch == "—" for ch in "".join(row[1:]))]
    assert len(body) == len(LABELS)
    for row, printed, label in zip(body, figures, LABELS):
        assert row[-7:] == printed, label


def test_a_ruled_table_whose_cells_are_all_blank_keeps_its_columns():
    """Table 3 of a body that had no requests, every cell blank and every ruling printed:
    a few specks and remnants of the rulings are its only "figures". Lined up they made
    one figure column, and the grid rebuilt on them merged the seven value columns into
    one (every row was lost); a rebuilt grid never merges columns the rulings keep
    apart."""
    gray = _page([[""] * 7 for _ in LABELS], inner="ruled", seed=5)
    x = 200 + 900 + 160 * 4 + 9  # just right of a column's ruling: a piece of it left over
    # (three in the row of a label on two lines: they crowd its cell)
    for top, dx in ((560, 0), (720, 20), (795, 0), (830, 20), (865, 10), (1100, 0)):
        gray[top:top + 28, x + dx:x + dx + 5] = 20
    rows, result = _table_rows(gray)
    assert not any(w["code"] == "ocr_grid_aligned" for w in result.warnings)
    (table,) = result.tables
    assert table.grid.n_cols == 8


def test_a_page_of_prose_with_numbers_gives_no_table_without_rulings():
    """Running text whose sentences hold numbers (``共收到申请12件``) and a page number:
    its numbers stand in no columns shared by lines of figures, so no table is made of
    it where no ruling was found."""
    page = Image.new("L", (2480, 3508), 250)
    draw = ImageDraw.Draw(page)
    body = ImageFont.truetype(_CJK[0], 44)
    sentences = ["2023年，本机关共收到政府信息公开申请12件，上年结转3件。", "主动公开政府信息1571条，其中政策文件40件。",
                 "全年召开新闻发布会 6 次，回应关切 25 次。", "办理人大代表建议 8 件、政协提案 11 件。"] * 6
    for n, text in enumerate(sentences):
        draw.text((250, 400 + 90 * n), text, font=body, fill=15)
    draw.text((1200, 3300), "- 3 -", font=body, fill=15)
    gray = np.asarray(page).copy()
    from extract.ocr_table import ink_mask

    assert ocr_aligned.unruled_blocks(ink_mask(gray), DPI) == []
    rows, result = _table_rows(gray)
    assert rows == [] and not any(w["code"] == "ocr_grid_aligned" for w in result.warnings)


def test_thin_strokes_against_a_boxs_sides_are_no_figures():
    """A dotted ruling along a frame's side leaves short thin strokes against it, shaped
    like a ``1``: taken for figures they made a figure column of their own, the grid was
    rebuilt on it and two rows' value cells read blank (0) beside labels holding 9,315
    and 718. They are pieces of the rulings, never tokens."""
    ink = np.zeros((400, 1000), np.uint8)
    for top in (40, 140, 240, 340):
        ink[top:top + 30, 995:1000] = 255  # against the right side
        ink[top:top + 30, 0:4] = 255  # against the left side
    ink[140:170, 500:505] = 255  # a 1 inside the box
    ink[140:172, 515:535] = 255  # beside it: 1x
    tokens = ocr_aligned.text_tokens(ink, (0, 0, 1000, 400), DPI)
    assert [t.box[0] for t in tokens] == [500]


def test_a_rebuilt_grid_leaving_the_numbers_beside_its_labels_is_refused():
    from extract.ocr_table import Cell, TableGrid

    grid = TableGrid((0, 0, 300, 300), [0, 100, 200, 300], [0, 200, 300])
    grid.cells = [Cell(r, c, 1, 1, (0, 0, 1, 1)) for r in range(3) for c in range(2)]

    def token(x, y):
        return ocr_aligned.Token((x - 10, y - 15, x + 10, y + 15), True)

    beside_labels = [token(150, 50), token(160, 150), token(250, 250)]
    assert ocr_aligned.figures_in_labels(grid, beside_labels)
    in_columns = [token(250, 50), token(250, 150), token(150, 250)]
    assert not ocr_aligned.figures_in_labels(grid, in_columns)
