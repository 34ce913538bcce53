"""Tables whose inner rulings a scan lost: a grid from how the text lines up.

A scan can keep a table's frame and lose the faint or dotted rulings inside it; the
ruled-grid finder (:mod:`extract.ocr_table`) then sees a few large cells, each holding
a row's worth of figures run together. The template's figures still stand in columns
(each column's figures share one centre line) and in rows (a row's figures share one
base line). :func:`aligned_grid` rebuilds the grid from that alignment:

- *tokens*: ink runs on one line, separated by more than a narrow gap;
- *figure columns*: x-centres of digit-shaped tokens that several rows share;
- *rows*: the blank gaps between lines of text, with one more cut between two rows of
  figures that no gap separates (a label on two lines beside one figure);
- cells: every row crossed with the label column and the figure columns.

The grid only says where a cell is. Its cells are read, voted on and checked like
those of a ruled grid; a figure column the alignment cannot tell is left out, never
guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import cv2
import numpy as np

from .ocr_table import Cell, TableGrid

#: widest gap (inch) inside one token: between the digits of ``1,248``, never between
#: two columns of a printed table
TOKEN_GAP_INCH = 0.06
#: tallest ink run (inch) a token of one text line can be
LINE_HEIGHT_INCH = 0.22
#: how far (inch) apart the centres of two figures of one column may stand
COLUMN_TOLERANCE_INCH = 0.12
#: fewest rows of figures an alignment needs before it is taken for a table
MIN_FIGURE_ROWS = 3
#: widest run of ink (inch) a figure can be (``12,345,678`` at 10.5 pt)
MAX_FIGURE_WIDTH_INCH = 0.9


@dataclass
class Token:
    """One run of ink on a text line: box ``(x0, y0, x1, y1)`` in page pixels."""

    box: tuple[int, int, int, int]
    digits: bool = False
    #: a dash printed for 0 (``—``): flat, a figure's width
    mark: bool = False

    @property
    def figure(self) -> bool:
        """A figure or a dash standing in a figure's place."""
        return self.digits or self.mark

    @property
    def cx(self) -> float:
        return (self.box[0] + self.box[2]) / 2

    @property
    def cy(self) -> float:
        return (self.box[1] + self.box[3]) / 2


def text_tokens(ink: np.ndarray, box: tuple[int, int, int, int], dpi: float) -> list[Token]:
    """The ink runs inside ``box`` (page pixels), rulings and specks left out.

    :param ink: the deskewed page's ink mask with the rulings erased (255 = ink)
    """
    x0, y0, x1, y1 = box
    sub = ink[y0:y1, x0:x1]
    if sub.size == 0:
        return []
    n, labels, stats, centroids = cv2.connectedComponentsWithStats(sub, connectivity=8)
    min_area = max(2, int((dpi * 0.011) ** 2))
    thin = dpi * 0.025
    w, h, area = stats[:, 2], stats[:, 3], stats[:, 4]
    speck = (area < min_area) | (np.maximum(w, h) < dpi * 0.02)
    ruling = (h > dpi * LINE_HEIGHT_INCH) | ((h <= thin) & (w > dpi * 0.3)) | ((w <= thin) & (h > dpi * 0.2))
    # thin strokes against the box's sides: pieces of its frame's rulings (a dotted right
    # ruling left a column of "1"s the grid was rebuilt on)
    x, y = stats[:, 0], stats[:, 1]
    ruling |= ((w <= thin) & ((x == 0) | (x + w >= sub.shape[1]))) | ((h <= thin) & ((y == 0) | (y + h >= sub.shape[0])))
    keep = ~(speck | ruling)
    keep[0] = False  # the background
    glyphs = keep[labels].astype(np.uint8) * 255
    gap = max(3, int(dpi * TOKEN_GAP_INCH))
    joined = cv2.dilate(glyphs, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, max(1, int(dpi * 0.02)))))
    m, run_of, runs, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    members: dict[int, list[int]] = {}
    for i in np.nonzero(keep)[0]:
        cx, cy = centroids[i]
        j = int(run_of[min(int(cy), sub.shape[0] - 1), min(int(cx), sub.shape[1] - 1)])
        if j == 0:  # (a centroid off the grown ink: any pixel of the glyph's box)
            x, y, w, h, _ = stats[i]
            inside = run_of[y:y + h, x:x + w][labels[y:y + h, x:x + w] == i]
            j = int(inside[0]) if inside.size else 0
        members.setdefault(j, []).append(int(i))
    tokens = []
    for j in range(1, m):
        x, y, w, h, _ = runs[j]
        # the dilation grew each run by half the kernel on every side: take it back from
        # the ink itself
        piece = glyphs[y:y + h, x:x + w]
        ys, xs = np.nonzero(piece)
        if not len(xs):
            continue
        bx0, by0, bx1, by1 = x + xs.min(), y + ys.min(), x + xs.max() + 1, y + ys.max() + 1
        if by1 - by0 > dpi * LINE_HEIGHT_INCH:
            continue  # lines of text run together (a vertical label): not one token
        page_box = (int(x0 + bx0), int(y0 + by0), int(x0 + bx1), int(y0 + by1))
        shaped = dpi * 0.05 <= by1 - by0 and bx1 - bx0 <= dpi * MAX_FIGURE_WIDTH_INCH
        dash = by1 - by0 <= dpi * 0.03 and dpi * 0.04 <= bx1 - bx0 <= dpi * 0.3 and bx1 - bx0 >= 3 * (by1 - by0) \
            and len(members.get(j, [])) == 1
        tokens.append(Token(page_box, shaped and _digit_shaped([stats[i] for i in members.get(j, [])], dpi), dash))
    # a flat stroke with text after it on its line is a character of a label (一 of
    # ``一、本年新收…``), never a dash printed for 0: a row's figures end it
    for k, token in enumerate(tokens):
        if token.mark and any(not other.figure and other.box[0] > token.box[2]
                              and other.box[1] < token.cy < other.box[3] for other in tokens):
            tokens[k] = replace(token, mark=False)
    return tokens


def _digit_shaped(glyphs: list, dpi: float) -> bool:
    """Whether a token's glyph pieces (``(x, y, w, h, area)``) have the shape of a number,
    as :func:`extract.ocr_table.looks_like_digits` judges a cell's: one line of narrow
    glyphs of one height, at most two smaller marks (a point, a comma, a minus)."""
    if not glyphs:
        return False
    height = max(g[3] for g in glyphs)
    if height > dpi * 0.2:
        return False
    tall = [g for g in glyphs if g[3] >= 0.6 * height]
    small = [g for g in glyphs if g[3] < 0.6 * height]
    return bool(tall) and len(small) <= 2 and all(g[2] <= 0.85 * g[3] for g in tall)


def _clusters(values: list[float], tolerance: float) -> list[list[int]]:
    """Indexes of ``values`` grouped where consecutive sorted values lie within
    ``tolerance``."""
    order = sorted(range(len(values)), key=lambda k: values[k])
    groups: list[list[int]] = []
    for k in order:
        if groups and values[k] - values[groups[-1][-1]] <= tolerance:
            groups[-1].append(k)
        else:
            groups.append([k])
    return groups


def figure_columns(tokens: list[Token], dpi: float) -> list[float]:
    """Centres (x, page pixels) of the columns that digit-shaped tokens (and dashes
    printed for 0) share, left to right; a column needs figures on at least
    :data:`MIN_FIGURE_ROWS` lines and a third as many as the fullest column."""
    digits = [t for t in tokens if t.figure]
    groups = _clusters([t.cx for t in digits], dpi * COLUMN_TOLERANCE_INCH)
    if not groups:
        return []
    fullest = max(len(g) for g in groups)
    kept = [g for g in groups if len(g) >= max(MIN_FIGURE_ROWS, fullest / 3)]
    if kept:
        return [float(np.median([digits[k].cx for k in g])) for g in kept]
    return even_row(digits, dpi)


#: fewest figures one line must hold, evenly spaced, to give a table's columns alone
#: (table 4 prints its fifteen figures on one row)
MIN_EVEN_ROW = 10
#: table 4's leaf columns (5 for 行政复议, 5 each for the two kinds of 行政诉讼)
T4_LEAVES = 15


def even_row(digits: list[Token], dpi: float) -> list[float]:
    """Centres of the figures on the one line that holds at least
    :data:`MIN_EVEN_ROW` of them, evenly spaced (each gap within a fifth of the
    median), or ``[]``."""
    if not digits:
        return []
    heights = sorted(t.box[3] - t.box[1] for t in digits if t.digits) or [int(dpi * 0.1)]
    line = heights[len(heights) // 2]  # (a dash's height is no line's)
    for group in _clusters([t.cy for t in digits], 0.45 * line):
        if len(group) < MIN_EVEN_ROW:
            continue
        xs = sorted(digits[k].cx for k in group)
        gaps = np.diff(xs)
        median = float(np.median(gaps))
        if median >= dpi * 0.15 and all(abs(g - median) <= 0.2 * median for g in gaps):
            return xs
    return []


#: a block of rows of figures on a page without a ruled table needs this many rows
MIN_BLOCK_ROWS = 3
#: rows of figures further apart than this (inch) are no rows of one table
BLOCK_ROW_GAP_INCH = 1.0


def unruled_blocks(ink: np.ndarray, dpi: float) -> list[tuple[int, int, int, int]]:
    """Boxes (page pixels) of the tables on a page where no ruling was found (a bilevel
    scan whose faint rulings thresholded away): runs of lines of figures that share their
    columns, a block of its own where a line's figures stand in other columns (table 2's
    sub-tables of three columns, then two) or after a gap of over
    :data:`BLOCK_ROW_GAP_INCH`. Each box spans the text's width (the rows' labels stand
    left of the figures) and is given to :func:`aligned_grid` as a frame would be.

    :param ink: the deskewed page's ink mask (255 = ink)
    """
    height, width = ink.shape
    margin = int(dpi * 0.3)
    if height <= 2 * margin or width <= 2 * margin:
        return []
    page = (margin, margin, width - margin, height - margin)
    tokens = text_tokens(ink, page, dpi)
    # (digits only: the flat remnants of a dotted ruling would pass for dashes printed for 0)
    figures = [t for t in tokens if t.digits]
    if len(figures) < 2 * MIN_BLOCK_ROWS:
        return []
    heights = sorted(t.box[3] - t.box[1] for t in figures if t.digits) or [int(dpi * 0.1)]
    line = heights[len(heights) // 2]
    rows = sorted(([figures[k] for k in group] for group in _clusters([t.cy for t in figures], 0.45 * line)),
                  key=lambda row: min(t.cy for t in row))
    tolerance = dpi * COLUMN_TOLERANCE_INCH
    blocks: list[tuple[list[float], list[list[Token]]]] = []
    for row in rows:
        xs = sorted(t.cx for t in row)
        # the row joins the latest block near it whose columns it shares (a line of item
        # numbers, ``（五）``, between two rows of a table makes a block of its own)
        for columns, members in reversed(blocks[-3:]):
            matched = sum(1 for x in xs if any(abs(x - c) <= tolerance for c in columns))
            near = min(t.box[1] for t in row) - max(t.box[3] for t in members[-1]) <= dpi * BLOCK_ROW_GAP_INCH
            if near and 2 * matched >= len(xs) and (matched >= 2 or len(columns) == 1):
                columns += [x for x in xs if not any(abs(x - c) <= tolerance for c in columns)]
                columns.sort()
                members.append(row)
                break
        else:
            blocks.append((xs, [row]))
    boxes: list[tuple[int, int, int, int]] = []
    left = min(t.box[0] for t in tokens)
    right = max(t.box[2] for t in tokens)
    # the blocks of most rows first; a block overlapping one kept is none (its rows are
    # another block's item numbers or wrapped figures)
    for columns, members in sorted(blocks, key=lambda block: -len(block[1])):
        if len(members) < MIN_BLOCK_ROWS or len(columns) < 2:
            continue
        top = max(0, min(t.box[1] for t in members[0]) - int(dpi * 0.08))
        bottom = min(height, max(t.box[3] for t in members[-1]) + int(dpi * 0.08))
        if any(top < b[3] and b[1] < bottom for b in boxes):
            continue
        boxes.append((max(0, left - int(dpi * 0.04)), top, min(width, right + int(dpi * 0.04)), bottom))
    return sorted(boxes, key=lambda box: box[1])


def _blank_rows(ink: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    x0, y0, x1, y1 = box
    return ~(ink[y0:y1, x0:x1] > 0).any(axis=1)


def shared_columns(figure_rows: list[list[Token]], centres: list[float], half: float) -> bool:
    """Whether the rows of figures share one set of columns: at least half of them hold
    a figure in at least half of the columns. Table 2's sub-tables each have their own
    (three columns, then one, then two, at other places): their union is no grid, and
    its rows read as table 3's rows of seven."""
    def used(row):
        return sum(1 for c in centres if any(abs(t.cx - c) <= half for t in row))

    return sum(1 for row in figure_rows if 2 * used(row) >= len(centres)) * 2 >= len(figure_rows)


def _extend_down(ink: np.ndarray, box: tuple[int, int, int, int], dpi: float,
                 centres: list[float], tokens: list[Token], bottom: int) -> tuple[tuple[int, int, int, int], list[Token]]:
    """``box`` grown down over the lines below it whose figures stand in its columns
    (a frame whose lower part the scan lost), never past ``bottom``; and the tokens of
    the grown box."""
    x0, y0, x1, y1 = box
    half = dpi * COLUMN_TOLERANCE_INCH
    step = int(dpi * 0.5)
    while y1 < bottom:
        below = text_tokens(ink, (x0, y1, x1, min(bottom, y1 + step)), dpi)
        lines = _clusters([t.cy for t in below], dpi * 0.05)
        grown = y1
        for group in lines:
            line = [below[k] for k in group]
            if line and min(t.box[1] for t in line) > grown + dpi * 0.25:
                break  # a gap wider than between two rows of a table
            aligned = [t for t in line if t.figure and any(abs(t.cx - c) <= half for c in centres)]
            if len(aligned) < max(1, len(centres) // 2) or max(t.box[3] for t in line) >= min(bottom, y1 + step):
                break
            grown = max(t.box[3] for t in line)
        if grown == y1:
            break
        y1 = min(bottom, grown + int(dpi * 0.04))
    if y1 == box[3]:
        return box, tokens
    grown_box = (x0, y0, x1, y1)
    return grown_box, text_tokens(ink, grown_box, dpi)


def aligned_grid(ink: np.ndarray, box: tuple[int, int, int, int], dpi: float,
                 tokens: list[Token] | None = None, bottom: int | None = None) -> TableGrid | None:
    """A grid for the table in ``box`` from how its text lines up, or None when its
    figures stand in no clear columns and rows.

    :param ink: the deskewed page's ink mask with the rulings erased (255 = ink)
    :param box: the table's box ``(x0, y0, x1, y1)`` in page pixels
    :param bottom: how far down (page pixels) the table may grow over lines whose
        figures stand in its columns (a frame whose lower part the scan lost); None: not
    :returns: a grid of one label column and one column per figure column; a row per
        line of text (or per row of figures where lines run together)
    """
    tokens = text_tokens(ink, box, dpi) if tokens is None else tokens
    centres = figure_columns(tokens, dpi)
    if not centres:
        return None
    if bottom is not None:
        box, tokens = _extend_down(ink, box, dpi, centres, tokens, bottom)
    x0, y0, x1, y1 = box
    half = dpi * COLUMN_TOLERANCE_INCH
    in_column = [t for t in tokens if t.figure and any(abs(t.cx - c) <= half for c in centres)]
    # rows of figures: tokens in the columns whose centres share a line (a dash's height
    # is no line's)
    heights = sorted(t.box[3] - t.box[1] for t in in_column if t.digits) or [int(dpi * 0.1)]
    line = heights[len(heights) // 2]
    figure_rows = [[in_column[k] for k in g] for g in _clusters([t.cy for t in in_column], 0.45 * line)]
    if len(figure_rows) < MIN_FIGURE_ROWS and max(len(row) for row in figure_rows) < MIN_EVEN_ROW:
        return None
    if not shared_columns(figure_rows, centres, half):
        return None
    # label column: up to the figures' left edge, past every label beside a figure
    first_left = min(t.box[0] for t in in_column if abs(t.cx - centres[0]) <= half)
    labels_right = [t.box[2] for t in tokens if t.box[2] <= first_left and t.cx < centres[0] - half
                    and any(t.box[1] < row[0].box[3] and t.box[3] > row[0].box[1] for row in figure_rows)]
    label_edge = (max(labels_right) + first_left) // 2 if labels_right else first_left - int(dpi * 0.05)
    # the outer lines just beyond the text: the frame's rulings stay out of every cell
    margin = int(dpi * 0.04)
    left = max(x0, min(min(t.box[0] for t in tokens), int(label_edge)) - margin)  # (table 4: no label)
    right = min(x1, max(t.box[2] for t in tokens) + margin)
    top = max(y0, min(t.box[1] for t in tokens) - margin)
    bottom_line = min(y1, max(t.box[3] for t in tokens) + margin)
    col_lines = [left, int(label_edge)]
    col_lines += [int((a + b) / 2) for a, b in zip(centres, centres[1:])]
    col_lines.append(right)
    if col_lines[1] <= col_lines[0] or any(b - a < dpi * 0.1 for a, b in zip(col_lines[1:], col_lines[2:])):
        return None
    # rows: blank gaps between lines of text ...
    blank = _blank_rows(ink, box)
    cuts = []
    y = 0
    while y < len(blank):
        if blank[y]:
            start = y
            while y < len(blank) and blank[y]:
                y += 1
            if start > 0 and y < len(blank):
                cuts.append(y0 + (start + y) // 2)
        else:
            y += 1
    row_lines = [top] + [cut for cut in cuts if top < cut < bottom_line] + [bottom_line]
    # ... and a cut between two rows of figures that no gap separates
    spans = [(min(t.box[1] for t in row), max(t.box[3] for t in row)) for row in figure_rows]
    spans.sort()
    for (a_top, a_bottom), (b_top, b_bottom) in zip(spans, spans[1:]):
        if any(a_bottom <= cut <= b_top for cut in row_lines):
            continue
        profile = (ink[a_bottom:max(a_bottom + 1, b_top), x0:x1] > 0).sum(axis=1)
        row_lines.append(int(a_bottom + int(np.argmin(profile))))
    row_lines = sorted(set(row_lines))
    # a row of figures cut through (a figure taller than its line's gap): drop the cut
    row_lines = [y for y in row_lines
                 if y in (top, bottom_line) or not any(t.box[1] < y - 1 and t.box[3] > y + 1 for t in in_column)]
    figure_slots = {r for r in range(len(row_lines) - 1) for row in figure_rows
                    if row_lines[r] <= row[0].cy < row_lines[r + 1]}
    grid = TableGrid(box, row_lines, col_lines,
                     text_rows=frozenset(set(range(len(row_lines) - 1)) - figure_slots))
    for r in range(len(row_lines) - 1):
        for c in range(len(col_lines) - 1):
            grid.cells.append(Cell(r, c, 1, 1, (col_lines[c], row_lines[r], col_lines[c + 1], row_lines[r + 1])))
    return grid


#: share of a found grid's digit-shaped tokens that share a cell with another before the
#: grid is taken to have lost its inner rulings
CROWDED_SHARE = 0.3


def _cells_of_figures(grid: TableGrid, tokens: list[Token]) -> list[int]:
    """For each digit-shaped token (or dash) inside one of ``grid``'s cells, that cell's
    index, in the tokens' order."""
    placed = []
    for token in tokens:
        if not token.figure:
            continue
        for k, cell in enumerate(grid.cells):
            x0, y0, x1, y1 = cell.box
            if x0 <= token.cx < x1 and y0 <= token.cy < y1:
                placed.append(k)
                break
    return placed


def crowded_share(grid: TableGrid, tokens: list[Token]) -> float:
    """Share of the digit-shaped tokens in ``grid`` that stand in one cell with another
    (side by side or one above the other): figures run together where rulings were
    lost. 0.0 when the grid holds no digit-shaped token."""
    placed = _cells_of_figures(grid, tokens)
    if not placed:
        return 0.0
    return sum(1 for k in placed if placed.count(k) > 1) / len(placed)


def figures_in_labels(grid: TableGrid, tokens: list[Token]) -> bool:
    """Whether a rebuilt grid leaves more numbers (digit-shaped tokens) in its label
    column than it places in its figure columns: columns found from dashes and the
    remnants of a dotted ruling, the table's own figures left beside the labels, where
    each row's value cell would read blank (0) beside a label holding its number."""
    label_right = grid.col_lines[1]
    rows = list(zip(grid.row_lines, grid.row_lines[1:]))
    inside = [t for t in tokens if t.digits and grid.col_lines[0] <= t.cx < grid.col_lines[-1]
              and any(a <= t.cy < b for a, b in rows)]
    in_labels = sum(1 for t in inside if t.cx < label_right)
    return in_labels > len(inside) - in_labels


def merges_columns(rebuilt: TableGrid, found: TableGrid, dpi: float) -> bool:
    """Whether a grid rebuilt from alignment has fewer column lines right of its label
    column than the ruled grid ``found`` in the same box: it would merge columns whose
    rulings the scan kept (a table whose cells are all blank has no figures to line up;
    a few specks and ruling remnants make one "figure column" of it). A table that lost
    its inner rulings has none there to lose."""
    label_edge, right = rebuilt.col_lines[1], rebuilt.col_lines[-1]
    tolerance = dpi * COLUMN_TOLERANCE_INCH

    def inner(lines: list[int]) -> int:
        return sum(1 for x in lines if label_edge + tolerance < x < right - tolerance)

    return inner(found.col_lines) > inner(rebuilt.col_lines)


#: an item number opening a row label: ``1.``, ``（三）``, ``二、``
ITEM_NUMBER = re.compile(r"\d{1,2}\s*[.．、]|[（(][一二三四五六七八九十][）)]|[一二三四五六七八九十]、")


def join_label_lines(cells: list, n_rows: int) -> tuple[list[int], list]:
    """Rows of an aligned grid joined where a row label ran over several lines.

    ``cells`` are the grid's cell readings (objects with ``cell``, ``text`` and
    ``numeric``, as :class:`extract.ocr.CellReading`); a row is a *figure row* when one
    of its figure-column cells holds a figure (read or not), a *label line* when only
    its label cell has text. A label line that names an item (``1.``, ``（三）``) opens
    a row that the next figure row without an item number completes; one without an
    item number continues the row above. Rows with nothing but marks in figure columns
    and no label (a dotted ruling's remnant read as ``—``) are dropped. Returns the
    kept grid rows' first grid row of each joined row, and the cells renumbered
    (labels joined top to bottom)."""
    by_row: list[list] = [[] for _ in range(n_rows)]
    for reading in cells:
        by_row[reading.cell.row].append(reading)

    def label(row):
        return " ".join(c.text.strip() for c in row if c.cell.col == 0 and c.text.strip())

    def figure_row(row):
        return any(c.cell.col > 0 and c.numeric for c in row)

    def only_label(row):
        return bool(label(row)) and not any(c.cell.col > 0 and (c.text.strip() or c.numeric) for c in row)

    groups: list[list[int]] = []
    open_item = False  # the last group is an item's label still waiting for its figures
    for r, row in enumerate(by_row):
        if figure_row(row):
            if open_item and not ITEM_NUMBER.search(label(row)):
                groups[-1].append(r)
            else:
                groups.append([r])
            open_item = False
        elif only_label(row):
            if ITEM_NUMBER.search(label(row)) or not groups:
                groups.append([r])
                open_item = bool(ITEM_NUMBER.search(label(row)))
            else:
                groups[-1].append(r)
        elif any(c.text.strip() for c in row):
            if not label(row) and any(figure_row(by_row[g]) for group in groups for g in group):
                continue  # marks alone among the rows of figures: a dotted ruling's remnant
            groups.append([r])
            open_item = False
    starts, out = [], []
    for new, group in enumerate(groups):
        starts.append(group[0])
        figures = next((g for g in group if figure_row(by_row[g])), group[0])
        texts = [label(by_row[g]) for g in group if label(by_row[g])]
        for reading in by_row[figures]:
            cell = replace(reading.cell, row=new)
            if reading.cell.col == 0:
                top = min(by_row[g][0].cell.box[1] for g in group)
                bottom = max(by_row[g][0].cell.box[3] for g in group)
                cell = replace(cell, box=(cell.box[0], top, cell.box[2], bottom))
                confidences = [c.confidence for g in group for c in by_row[g] if c.cell.col == 0 and c.text.strip()]
                reading = replace(reading, cell=cell, text=" ".join(texts),
                                  confidence=min(confidences) if confidences else reading.confidence)
            else:
                reading = replace(reading, cell=cell)
            out.append(reading)
    return starts, out

