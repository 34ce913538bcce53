"""Table structure of a page image, found from its ruling lines.

The page is deskewed (up to a few degrees) from its long straight lines, then
horizontal and vertical rulings are isolated with morphological opening. Their
positions give a grid of candidate row and column lines; a cell boundary exists
between two grid slots when a ruling actually runs there, so slots without a ruling
between them are merged into one cell (merged header and label cells).

Everything works on greyscale ``numpy`` arrays (0 = black ink, 255 = paper).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import cv2
import numpy as np

#: Rotation beyond this (degrees) is not corrected: such a page is not a slightly
#: skewed scan, and rotating text further would only hurt.
MAX_SKEW_DEGREES = 3.0


@dataclass
class Cell:
    """One cell of a table grid (possibly spanning several grid slots)."""

    row: int
    col: int
    row_span: int
    col_span: int
    #: pixel box (x0, y0, x1, y1) inside the deskewed page image, rulings excluded
    box: tuple[int, int, int, int]


@dataclass
class TableGrid:
    """A ruled table: grid line positions and the cells they form."""

    #: pixel box (x0, y0, x1, y1) of the whole table
    box: tuple[int, int, int, int]
    row_lines: list[int]
    col_lines: list[int]
    cells: list[Cell] = field(default_factory=list)
    #: rows known to hold no figure (a grid rebuilt from text alignment knows which
    #: lines hold its figures): their cells are read as text
    text_rows: frozenset[int] = frozenset()

    @property
    def n_rows(self) -> int:
        return len(self.row_lines) - 1

    @property
    def n_cols(self) -> int:
        return len(self.col_lines) - 1

    def cell_at(self, row: int, col: int) -> Cell | None:
        for cell in self.cells:
            if cell.row <= row < cell.row + cell.row_span and cell.col <= col < cell.col + cell.col_span:
                return cell
        return None


def ink_mask(gray: np.ndarray, block: int | None = None, offset: int = 15) -> np.ndarray:
    """Binary mask (255 = ink) robust to uneven paper and JPEG noise.

    :param block: side of the neighbourhood for the local threshold (odd)
    :param offset: how much darker than its neighbourhood a pixel must be
    """
    block = block or max(15, (min(gray.shape) // 60) | 1)
    adaptive = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, offset)
    _, otsu = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return cv2.bitwise_and(adaptive, otsu)


def ruling_ink(gray: np.ndarray, dpi: float, offset: int = 8) -> np.ndarray:
    """Binary mask (255 = ink) in which faint rulings survive: a pixel is ink when it is
    darker than its neighbourhood (about half an inch) by ``offset`` grey levels, after
    a slight blur has softened scanner noise.

    Unlike :func:`ink_mask` there is no global threshold, which would drop rulings
    printed light grey next to black text.
    """
    smooth = cv2.GaussianBlur(gray, (3, 3), 0.8)  # a median filter would erase one-pixel rulings
    block = max(15, int(dpi * 0.5) | 1)
    return cv2.adaptiveThreshold(smooth, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, offset)


def estimate_skew(gray: np.ndarray) -> float:
    """Skew angle in degrees (positive = content rotated counter-clockwise), 0 if unknown.

    Fits a straight line through each long horizontal stroke (table rulings,
    underlines) of a reduced image and takes the length-weighted median angle.
    """
    scale = min(1.0, 1400 / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    # faint grey rulings count as much as black ones
    mask = cv2.bitwise_or(ink_mask(small), ruling_ink(small, 300 * scale))
    width = small.shape[1]
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(15, width // 40), 1))
    strokes = cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(strokes, connectivity=8)
    angles, weights = [], []
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if w < width // 5 or h > w * 0.1:
            continue
        ys, xs = np.nonzero(labels[y:y + h, x:x + w] == i)
        slope = np.polyfit(xs.astype(float), ys.astype(float), 1)[0]
        angle = float(np.degrees(np.arctan(-slope)))
        if abs(angle) <= MAX_SKEW_DEGREES:
            angles.append(angle)
            weights.append(float(w))
    if not angles:
        return 0.0
    order = np.argsort(angles)
    cumulative = np.cumsum(np.array(weights)[order])
    median = float(np.array(angles)[order][np.searchsorted(cumulative, cumulative[-1] / 2)])
    return median if abs(median) >= 0.05 else 0.0


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    """Rotate by ``angle`` degrees counter-clockwise about the centre, paper-white fill."""
    if not angle:
        return gray
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def deskew(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """Return the deskewed image and the angle that was corrected."""
    angle = estimate_skew(gray)
    return rotate(gray, -angle), angle


def solid_ink(mask: np.ndarray, dpi: float) -> np.ndarray:
    """Regions of solid ink thicker than any stroke (the scanner lid beyond the paper,
    a dark page edge, punch holes): 255 where such a region lies, slightly grown.

    Rulings (at most about 0.8 mm thick) and glyph strokes are thinner than the
    square opened away here, so they are never part of it.
    """
    side = max(5, int(dpi * 0.06))
    solid = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (side, side)))
    if not solid.any():
        return solid
    return cv2.dilate(solid, cv2.getStructuringElement(cv2.MORPH_RECT, (side, side)))


def stroke_pieces(mask: np.ndarray, dpi: float, solid: np.ndarray | None = None) -> np.ndarray:
    """The ink that can belong to a ruling: solid regions removed, and of the rest only
    connected pieces that are long or thin (a stretch of a broken line, a whole grid);
    compact pieces (glyphs, specks) are dropped.

    :param solid: :func:`solid_ink` of ``mask`` when the caller has it already
    """
    mask = cv2.bitwise_and(mask, cv2.bitwise_not(solid_ink(mask, dpi) if solid is None else solid))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if n <= 1:
        return mask
    w = stats[1:, 2].astype(float)
    h = stats[1:, 3].astype(float)
    longer, shorter = np.maximum(w, h), np.minimum(w, h)
    keep = np.zeros(n, dtype=bool)
    keep[1:] = (longer >= dpi * 0.35) | ((longer >= dpi * 0.04) & (longer >= 3.5 * shorter))
    return np.where(keep[labels], 255, 0).astype(np.uint8)


def ruling_masks(mask: np.ndarray, dpi: float, h_inch: float = 0.30, v_inch: float = 0.11,
                 h_gap_inch: float = 0.5, v_gap_inch: float = 0.25,
                 sheet_edges: bool = True,
                 pieces: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical ruling masks from an ink mask.

    Straight pieces are found first (at least 0.05 inch along the line), gaps along
    the line are bridged (a broken or faint ruling loses stretches of up to a few
    millimetres on a scan), then only lines of the minimum length are kept.

    :param dpi: resolution of the image
    :param h_inch: minimum length of a horizontal ruling
    :param v_inch: minimum length of a vertical ruling
    :param h_gap_inch: longest gap bridged along a horizontal ruling
    :param v_gap_inch: longest gap bridged along a vertical ruling (short: digits
        "1" stacked in a column must not join into a line)
    :param sheet_edges: the image is a scanned page whose sheet edges may show
        (:func:`_without_sheet_edges`); not for a picture cropped to its table
    :param pieces: :func:`ruling_pieces` of ``mask`` when the caller has them already
        (they do not depend on the lengths and gaps asked for here)
    """
    pieces, horizontal_pieces = ruling_pieces(mask, dpi) if pieces is None else pieces
    piece = max(5, int(dpi * 0.05))

    # a line a little off the axis (residual skew, an off-square scan) steps by a pixel
    # now and then: thicken across the line first so that its pieces stay joined
    wobble = max(3, int(dpi * 0.01) | 1)

    def lines(kernel_piece, kernel_gap, kernel_long):
        across = (1, wobble) if kernel_piece[0] > 1 else (wobble, 1)
        found = cv2.dilate(horizontal_pieces if kernel_piece[0] > 1 else pieces,
                           cv2.getStructuringElement(cv2.MORPH_RECT, across))
        found = cv2.morphologyEx(found, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel_piece))
        found = cv2.morphologyEx(found, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, kernel_gap))
        return cv2.morphologyEx(found, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel_long))

    h_len, v_len = max(10, int(dpi * h_inch)), max(8, int(dpi * v_inch))
    h_gap, v_gap = max(3, int(dpi * h_gap_inch)), max(3, int(dpi * v_gap_inch))
    horizontal = lines((piece, 1), (h_gap, 1), (h_len, 1))
    vertical = lines((1, piece), (1, v_gap), (1, v_len))
    if sheet_edges:
        horizontal, vertical = _without_sheet_edges(horizontal, False), _without_sheet_edges(vertical, True)
    return horizontal, vertical


def ruling_pieces(mask: np.ndarray, dpi: float, solid: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The pieces :func:`ruling_masks` builds its lines from: ``(pieces, horizontal)``,
    :func:`stroke_pieces` of ``mask`` and the same without the dashes printed for 0
    (:func:`_without_dash_marks`), both uint8 masks of ``mask``'s shape."""
    pieces = stroke_pieces(mask, dpi, solid)
    return pieces, _without_dash_marks(pieces, dpi)


#: longest dash (inch) printed for 0 in a cell
DASH_MARK_INCH = 0.25


def _without_dash_marks(pieces: np.ndarray, dpi: float) -> np.ndarray:
    """``pieces`` without the dashes printed for 0 in a row of cells (``— — — —``): short
    flat strokes with no other flat ink on their line within one and a half times their
    length on either side (a column's ruling crossing the line does not count), three or
    more on one line. Bridged along the row they would make a ruling of their own,
    cutting the row in two and erasing its marks. The dashes of a dashed ruling stand
    closer together than their length."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(pieces, connectivity=8)
    out = pieces
    longest, thickest = dpi * DASH_MARK_INCH, max(3, dpi * 0.04)
    flat = np.zeros(n, dtype=bool)
    flat[1:] = stats[1:, 3] <= 2 * thickest  # (a column's ruling crossing the line is no neighbour)
    alone = []
    for i in range(1, n):
        x, y, w, h, _ = (int(v) for v in stats[i])
        if not (w <= longest and h <= thickest and w >= 3 * h):
            continue
        reach = int(1.5 * w)
        band = labels[max(0, y - 2):y + h + 2]
        if flat[band[:, max(0, x - reach):max(0, x - 1)]].any() or flat[band[:, x + w + 1:x + w + reach]].any():
            continue
        alone.append((y + h / 2, x, y, w, h))
    # a row prints its zeros in several cells: three such strokes or more on one line (a
    # ruling broken into scattered pieces leaves one here and there)
    alone.sort()
    for k, (middle, x, y, w, h) in enumerate(alone):
        if sum(1 for other in alone if abs(other[0] - middle) <= 3) < 3:
            continue
        if out is pieces:
            out = pieces.copy()
        out[y:y + h, x:x + w] = 0
    return out


#: rulings no farther than this from the image border (inch) are no table's (the edges
#: of a sheet scanned a little off its place, a thin band of the scanner's lid)
SHEET_EDGE_FRAME = 0.1
#: pieces whose middles lie this close (share of the image's size) are pieces of one
#: sheet edge, when they cover this share of the stretch they span
SHEET_EDGE_ALONG = 0.01
SHEET_EDGE_COVERAGE = 0.5
#: a line this close to the image border (share of the image's size) may be the edge
#: of the scanned sheet against the scanner lid
SHEET_EDGE_MARGIN = 0.06


def _without_sheet_edges(lines: np.ndarray, vertical: bool) -> np.ndarray:
    """Remove the edges of the scanned sheet from a ruling mask: lines near the image
    border running along most of it (longer than half the page for vertical lines,
    than 85 % of its width for horizontal ones; the template's tables sit inside
    margins, so none is that wide, and a table cut by the page edge keeps its rulings).
    An edge broken into pieces (its shadow printed unevenly) is one line: the pieces
    near the border that lie along one line count together.
    """
    height, width = lines.shape
    # a line whose middle is within the margin has ink there: with none, nothing to do
    size = width if vertical else height
    reach = int(np.ceil(SHEET_EDGE_MARGIN * size)) + 1
    strips = (lines[:, :reach], lines[:, -reach:]) if vertical else (lines[:reach], lines[-reach:])
    if not any(strip.any() for strip in strips):
        return lines
    n, labels, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    span = height * 0.5 if vertical else width * 0.85
    near = []  # (centre, (start, stop, label)) of the pieces whose middle is within the margin
    for i in range(1, n):
        x, y, w, h, _ = (int(v) for v in stats[i])
        centre, start, stop = (x + w / 2, y, y + h) if vertical else (y + h / 2, x, x + w)
        if min(centre, size - centre) < SHEET_EDGE_MARGIN * size:
            near.append((centre, (start, stop, i)))
    edges = []
    for group in _groups(near, max(3.0, size * SHEET_EDGE_ALONG)):
        pieces = [piece for _, piece in group]
        extent = max(stop for _, stop, _ in pieces) - min(start for start, _, _ in pieces)
        if extent > span and sum(stop - start for start, stop, _ in pieces) >= SHEET_EDGE_COVERAGE * extent:
            edges.extend(i for _, _, i in pieces)
    if not edges:
        return lines
    out = lines.copy()
    out[np.isin(labels, edges)] = 0
    return out


def _cluster(positions: list[tuple[float, float]], tolerance: float, bounded: bool = False) -> list[tuple[int, float]]:
    """Cluster (position, weight) pairs; returns (weighted centre, total weight).

    With ``bounded`` a cluster spans at most twice ``tolerance`` from its first
    position, so that marks between two rulings (strokes of a line of text squeezed
    between them) never chain them into one.
    """
    return [(_centre(members), sum(w for _, w in members)) for members in _groups(positions, tolerance, bounded)]


def _groups(positions: list[tuple[float, float]], tolerance: float,
            bounded: bool = False) -> list[list[tuple[float, float]]]:
    """(position, weight) pairs in order, in groups whose neighbours lie within
    ``tolerance`` (see :func:`_cluster` for ``bounded``)."""
    groups: list[list[tuple[float, float]]] = []
    for pos, weight in sorted(positions):
        if groups and pos - groups[-1][-1][0] <= tolerance and (not bounded or pos - groups[-1][0][0] <= 2 * tolerance):
            groups[-1].append((pos, weight))
        else:
            groups.append([(pos, weight)])
    return groups


def _centre(members: list[tuple[float, float]]) -> int:
    """The weighted centre of (position, weight) pairs."""
    return int(round(sum(p * w for p, w in members) / sum(w for _, w in members)))


#: a run of neighbouring columns carrying ruling ink wider than this many tolerances is
#: no one line
WIDE_RUN = 6
#: in such a run, a ruling carries this many times the median column's ink or more
RULING_PEAK = 4.0


def _column_lines(cols: list[tuple[int, float]], tol: int) -> list[int]:
    """Candidate column lines from ``(x, ruling pixels in that column)``: clusters of
    neighbouring columns, each a line at its weighted centre. A run wider than
    :data:`WIDE_RUN` tolerances is glyph strokes bridged into short vertical pieces and
    chained from column to column (a small picture scaled up two and a half times, its
    text's strokes as thick as its faint rulings): where its heaviest column carries
    :data:`RULING_PEAK` times the median one's ink or more, the lines in it are its
    peaks, the columns carrying at least half as much as its heaviest, each group of
    them a line.
    Taken as one line at the run's centre, every faint ruling in it was lost (a table
    of eight columns read as two)."""
    out = []
    for members in _groups(cols, tol):
        peak = max(w for _, w in members)
        if members[-1][0] - members[0][0] <= WIDE_RUN * tol \
                or peak < RULING_PEAK * float(np.median([w for _, w in members])):
            out.append(_centre(members))  # one line (no ruling stands out of a wide run's strokes)
        else:
            out += [p for p, _ in _cluster([(p, w) for p, w in members if w >= 0.5 * peak], tol, bounded=True)]
    return out


def _coverage(mask: np.ndarray, axis_pos: int, start: int, stop: int, half: int, vertical: bool) -> float:
    """Share of [start, stop) along a line at axis_pos (±half) that carries ruling ink."""
    if stop <= start:
        return 0.0
    if vertical:
        band = mask[start:stop, max(0, axis_pos - half):axis_pos + half + 1]
        return float((band.max(axis=1) > 0).mean()) if band.size else 0.0
    band = mask[max(0, axis_pos - half):axis_pos + half + 1, start:stop]
    return float((band.max(axis=0) > 0).mean()) if band.size else 0.0


#: share of a slot's side a (possibly broken) ruling must cover to count as a boundary
MIN_BOUNDARY_COVERAGE = 0.8


def _boundary(mask: np.ndarray, axis_pos: int, start: int, stop: int, band: int, reach: int,
              vertical: bool, coverage: float = MIN_BOUNDARY_COVERAGE, both_ends: bool = True) -> bool:
    """Whether a ruling runs along a grid line between two crossing lines at ``start``
    and ``stop``: ruling ink covers at least :data:`MIN_BOUNDARY_COVERAGE` of the
    stretch (``coverage``) and reaches both crossing lines (within ``reach`` pixels; one
    of them when not ``both_ends``).

    A glyph in a cell (a digit 1, a 一, a stroke of a character set close to the top
    ruling) never reaches both rulings around it, however much of a small cell it
    covers.
    """
    if stop - start <= 2 * reach:
        return False
    if _coverage(mask, axis_pos, start + reach, stop - reach, band, vertical) < coverage:
        return False
    ends = (_coverage(mask, axis_pos, start, start + 2 * reach, band, vertical) > 0.5,
            _coverage(mask, axis_pos, stop - 2 * reach, stop, band, vertical) > 0.5)
    return all(ends) if both_ends else any(ends)


def _runs_through(mask: np.ndarray, axis_pos: int, start: int, stop: int, band: int, reach: int,
                  vertical: bool) -> bool:
    """Whether a ruling along a grid line goes on past one of the crossing lines at
    ``start`` and ``stop`` (into the next slot); a stroke of a glyph set against a
    ruling stops at it."""
    return (_coverage(mask, axis_pos, start - 3 * reach, start - reach, band, vertical) > 0.5
            or _coverage(mask, axis_pos, stop + reach, stop + 3 * reach, band, vertical) > 0.5)


def find_tables(gray: np.ndarray, dpi: float, sheet_edges: bool = True,
                frames: list[tuple[int, int, int, int]] | None = None) -> tuple[list[TableGrid], np.ndarray]:
    """Find ruled tables in a deskewed page image.

    Rulings may be broken, faint, thick or thin, and a table may be cut by the page
    edge: lines are found from their straight pieces with gaps bridged
    (:func:`ruling_masks`), the dark margin beyond a scanned sheet is ignored
    (:func:`solid_ink`), and a cell boundary is wherever a ruling covers part of a
    slot's side and reaches a crossing line (:func:`_boundary`).

    :param gray: greyscale page (deskewed)
    :param dpi: its resolution
    :param sheet_edges: whether the image is a whole scanned page (see :func:`ruling_masks`)
    :param frames: if given, receives the boxes ``(x0, y0, x1, y1)`` of rulings that
        enclose a region but form no grid of two columns or more (a table's frame whose
        inner rulings the scan lost, see :mod:`extract.ocr_aligned`)
    :returns: the tables, top to bottom, and the ruling mask (to erase rulings from cells)
    """
    mask = ruling_ink(gray, dpi)
    solid = solid_ink(mask, dpi)  # shading: no ruling can be told inside it
    pieces = ruling_pieces(mask, dpi, solid)
    horizontal, vertical = ruling_masks(mask, dpi, sheet_edges=sheet_edges, pieces=pieces)
    # shorter pieces, to tell where a ruling runs along a grid line: unbridged, so
    # that digits stacked in a column never pass for a ruling
    short_h, short_v = ruling_masks(mask, dpi, 0.12, 0.05, h_gap_inch=0.04, v_gap_inch=0.02,
                                    sheet_edges=sheet_edges, pieces=pieces)
    rulings = cv2.bitwise_or(horizontal, vertical)
    grow = max(5, int(dpi * 0.04))
    joined = cv2.dilate(rulings, cv2.getStructuringElement(cv2.MORPH_RECT, (grow, grow)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    inside = range(1, n)
    if sheet_edges:
        # rulings all within a frame along the image border: the sheet's edges and the
        # scanner lid's shadow, however broken (a table cut by the page edge has rulings
        # inside too)
        frame = max(3, int(dpi * SHEET_EDGE_FRAME))
        height, width = joined.shape
        inside = [i for i in inside if _reaches_inside(labels, i, stats[i], frame, width, height)]
    boxes = [(int(x), int(y), int(x + w), int(y + h)) for x, y, w, h, _ in stats[inside]]
    tables = []
    boxes = [part for box in _merge_boxes(boxes, int(dpi * 0.08))
             for part in _stacked_tables(box, horizontal, vertical, mask, dpi)]
    marks = None
    for x0, y0, x1, y1 in boxes:
        if x1 - x0 < dpi * 1.0 or y1 - y0 < dpi * 0.3:
            continue
        marks = _marks(mask, short_h, short_v, dpi) if marks is None else marks
        grid = _grid(horizontal, vertical, short_h, short_v, (x0, y0, x1, y1), dpi, mask, solid, marks)
        if grid is not None:
            tables.append(grid)
        elif frames is not None and y1 - y0 >= dpi * 0.6:
            frames.append((x0, y0, x1, y1))
    tables.sort(key=lambda t: t.box[1])
    return tables, rulings


def _reaches_inside(labels: np.ndarray, i: int, stat: np.ndarray, frame: int, width: int, height: int) -> bool:
    """Whether component ``i`` of ``labels`` (its ``stats`` row) has ink farther than
    ``frame`` pixels from every border of a ``width`` × ``height`` image."""
    x, y, w, h = (int(v) for v in stat[:4])
    x0, y0, x1, y1 = max(x, frame), max(y, frame), min(x + w, width - frame), min(y + h, height - frame)
    if x0 >= x1 or y0 >= y1:
        return False
    if x > frame and y > frame and x + w < width - frame and y + h < height - frame:
        return True  # (its box lies inside)
    return bool((labels[y0:y1, x0:x1] == i).any())


#: shortest gap (inch) between two tables stacked one under the other (a heading line)
STACKED_GAP_INCH = 0.15
#: share of a band's height its right-hand border must cover for the band to be a row of
#: a table (a broken or dashed border covers more; a heading line nothing at all)
BORDER_COVERAGE = 0.2
#: share of a table's width, at its right, that a heading line between two tables
#: leaves blank (where a table's row has column lines and figures)
BLANK_RIGHT = 0.15


def _stacked_tables(box: tuple[int, int, int, int], horizontal: np.ndarray, vertical: np.ndarray,
                    ink: np.ndarray, dpi: float) -> list[tuple[int, int, int, int]]:
    """Split a box holding two tables printed one under the other with only a heading
    line between them (``三、…`` table 3 ``四、…`` table 4: the strokes of the heading's
    glyphs, bridged to the tables' rulings, join the two into one box).

    A band between two full-width horizontal rulings is the gap between two tables
    when it is at least :data:`STACKED_GAP_INCH` tall, has no right-hand border (the
    ruling over it ends where no vertical ruling goes down), holds no ink at all in the
    right :data:`BLANK_RIGHT` of the table (a row of a table, however broken its
    rulings, mostly has pieces of column lines or figures there), no column line runs
    through it into the bands above and below, and bordered rows lie above and below
    it. A table printed without outer borders is never cut.

    :returns: the boxes, top to bottom (the box itself when nothing is cut)
    """
    x0, y0, x1, y1 = box
    width = x1 - x0
    tol = max(3, int(dpi * 0.03))
    reach = max(2, int(dpi * 0.02))
    profile = (horizontal[y0:y1, x0:x1] > 0).sum(axis=1)
    lines = [p for p, _ in _cluster([(y0 + p, float(c)) for p, c in enumerate(profile) if c >= width * 0.5],
                                    tol, bounded=True)]
    if len(lines) < 4:
        return [box]
    bands = []
    for top, bottom in zip(lines, lines[1:]):
        # the border is where the ruling over the band ends on the right
        ends = np.flatnonzero((horizontal[max(0, top - tol):top + tol + 1, x0:x1] > 0).any(axis=0))
        right = x0 + int(ends.max()) if ends.size else x1
        side = vertical[top + reach:bottom - reach, max(x0, right - int(dpi * 0.08)):right + tol + 1] > 0
        bordered = side.size > 0 and float(side.mean(axis=0).max()) >= BORDER_COVERAGE
        blank = ink[top + reach:bottom - reach, right - int(BLANK_RIGHT * (right - x0)):right - reach] > 0
        bands.append((top, bottom, bordered, blank.size > 0 and int(blank.sum(axis=0).max()) < dpi * 0.03))

    def crossing(top: int, bottom: int, share: float) -> list[int]:
        """x of the vertical lines down ``share`` of a band, the left border aside (none
        in a band too thin to hold anything but its rulings)."""
        if bottom - top <= 2 * reach:
            return []
        found = (vertical[top + reach:bottom - reach, x0:x1] > 0).mean(axis=0)
        return [x0 + x for x, _ in _cluster([(x, float(c)) for x, c in enumerate(found) if c >= share], tol)
                if x > 2 * tol]

    def column_line_through(i: int) -> bool:
        """A column line runs down band ``i`` and on into the bands above and below (a
        heading's glyph stroke lines up with a column line of both tables only by chance)."""
        above = crossing(bands[i - 1][0], bands[i - 1][1], 0.5)
        below = crossing(bands[i + 1][0], bands[i + 1][1], 0.5)
        return any(any(abs(x - a) <= tol for a in above) and any(abs(x - b) <= tol for b in below)
                   for x in crossing(bands[i][0], bands[i][1], 0.8))

    parts, start = [], y0
    for i, (top, bottom, bordered, blank) in enumerate(bands):
        if bordered or not blank or bottom - top < dpi * STACKED_GAP_INCH:
            continue
        if any(b[2] for b in bands[:i]) and any(b[2] for b in bands[i + 1:]) and not column_line_through(i):
            parts.append((x0, start, x1, top + reach))
            start = bottom - reach
    if not parts:
        return [box]
    return parts + [(x0, start, x1, y1)]


def _merge_boxes(boxes: list[tuple[int, int, int, int]], gap: int) -> list[tuple[int, int, int, int]]:
    """Join boxes that overlap or lie within ``gap`` pixels of each other (the pieces of
    one table whose rulings are broken where they cross), until none do."""
    boxes = list(boxes)
    merged = True
    while merged:
        merged = False
        out: list[list[int]] = []
        for box in sorted(boxes):
            for other in out:
                if box[0] <= other[2] + gap and other[0] <= box[2] + gap and box[1] <= other[3] + gap \
                        and other[1] <= box[3] + gap:
                    other[0], other[1] = min(other[0], box[0]), min(other[1], box[1])
                    other[2], other[3] = max(other[2], box[2]), max(other[3], box[3])
                    merged = True
                    break
            else:
                out.append(list(box))
        boxes = [tuple(b) for b in out]
    return boxes


def _spaced(lines: list[int], support: list[int], min_gap: int) -> list[int]:
    """Grid lines that bound at least one slot (the outer two always kept), no two
    closer than ``min_gap``: of two such, the one bounding more slots stays."""
    kept: list[tuple[int, int]] = []
    last = len(lines) - 1
    for k, (pos, count) in enumerate(zip(lines, support)):
        outer = k in (0, last)
        if not count and not outer:
            continue
        if kept and pos - kept[-1][0] < min_gap:
            if outer or count > kept[-1][1] and kept[-1][1] != -1:
                kept[-1] = (pos, -1 if outer else count)
            continue
        kept.append((pos, -1 if outer else count))
    return [pos for pos, _ in kept]


#: tables with at least this many rows are repaired from their own shape
REPAIR_MIN_ROWS = 8
#: columns at the left that hold the template's row labels (a label may span rows or
#: columns); only the columns right of them are repaired
LABEL_COLUMNS = 2
#: share of a table's rows in which a column line must bound the cells for it to be
#: one of the table's value columns (the template's figure rows never merge them)
REPAIR_MIN_SUPPORT = 0.75
#: a column line bounding the cells of at least this share of the rows (and fewer than
#: :data:`REPAIR_MIN_SUPPORT`) is restored only where every cell it makes holds marks
REPAIR_MARKED_SUPPORT = 0.5


def _repair_columns(splits: list[list[bool]], ink: np.ndarray, row_lines: list[int], col_lines: list[int],
                    band: int, reach: int) -> None:
    """Restore column boundaries that a scan lost entirely (``splits[r][c - 1]`` tells
    whether column line ``c`` bounds the cells of row ``r``; changed in place).

    The template's tables keep their columns in every figure row; only headings span
    several. So in a table of at least :data:`REPAIR_MIN_ROWS` rows, a column line that
    bounds the cells in at least :data:`REPAIR_MIN_SUPPORT` of the rows is a boundary in
    every row where nothing printed crosses it (:func:`_crossed`: text spanning the
    line, as a heading over several columns, keeps the cells merged). Values are never made up: a restored
    boundary only keeps each printed mark in the column it stands in.
    """
    n_rows = len(splits)
    if n_rows < REPAIR_MIN_ROWS:
        return
    support = {c: sum(row[c - 1] for row in splits) / n_rows for c in range(LABEL_COLUMNS + 1, len(col_lines) - 1)}
    repairable = {c for c, share in support.items() if REPAIR_MIN_SUPPORT <= share < 1}
    # a line the scan broke in more rows (a dashed ruling: a quarter or more of a table
    # continued from the page before, its header on that page) is restored only where
    # each cell it makes holds marks of its own: a row of wider cells (table 2's rows of
    # two figures among rows of three) would leave one empty
    weak = {c for c, share in support.items() if REPAIR_MARKED_SUPPORT <= share < REPAIR_MIN_SUPPORT}
    for r in range(n_rows):
        ya, yb = row_lines[r], row_lines[r + 1]
        for run in _merged_runs(splits[r]):
            if not all(c in repairable | weak and not _crossed(ink, col_lines[c], ya + reach, yb - reach, band)
                       for c in run):
                continue
            if any(c in weak for c in run):
                edges = [col_lines[run[0] - 1]] + [col_lines[c] for c in run] + [col_lines[run[-1] + 1]]
                if not all(ink[ya + reach:yb - reach, a + band:b - band].any() for a, b in zip(edges, edges[1:])):
                    continue
            for c in run:
                splits[r][c - 1] = True


def _crossed(marks: np.ndarray, x: int, top: int, bottom: int, band: int) -> bool:
    """Whether printed text runs across the column line at ``x`` between ``top`` and
    ``bottom``: a connected piece of ``marks`` reaching past the line's band on both
    sides, or glyphs standing close to the line on both sides (text spanning merged
    columns, with a gap between two characters at the line). The rest of a faint
    ruling the ruling masks missed (no wider than a ruling) does not count, nor does a
    figure set against one side of the line."""
    if bottom <= top:
        return False
    near = 2 * band
    left = max(0, x - 4 * band)
    piece = np.ascontiguousarray(marks[top:bottom, left:x + 4 * band + 1])
    if not piece.any():
        return False
    n, _, stats, _ = cv2.connectedComponentsWithStats(piece, connectivity=8)
    line = x - left
    glyphs = [(stats[i, 0], stats[i, 0] + stats[i, 2]) for i in range(1, n) if stats[i, 2] > band]
    if any(a < line - band and b > line + band + 1 for a, b in glyphs):
        return True
    return any(a < line - band and line - near <= b <= line + band for a, b in glyphs) and \
        any(b > line + band + 1 and line - band <= a <= line + near for a, b in glyphs)


#: a column this many times as wide as the table's usual value column (within the
#: tolerance below) is two value columns whose line the scan lost
DOUBLE_COLUMN = 2.0
DOUBLE_COLUMN_TOLERANCE = 0.25


#: table 4 prints fifteen leaf columns of one width
T4_LEAF_COLUMNS = 15
#: how far (in leaf widths) a column's width may be from a whole number of leaves
LATTICE_TOLERANCE = 0.15


def _lost_column_lines(col_lines: list[int], row_lines: list[int], marks: np.ndarray, band: int) -> dict[int, list[bool]]:
    """Column lines a scan lost along the whole table, found from the table's shape.

    The template's value columns have one width (the 7 of table 3, the 15 of table 4).
    A column at the right of the table about twice that width, through which a clear
    vertical gap near its middle runs in most rows that print on both sides of it, is
    two value columns: a line is restored in the gap. A table whose every column is a
    whole number of fifteenths of its width, two of them at least one fifteenth, is
    table 4 with lines lost (:func:`_t4_lattice`): a column k fifteenths wide gets its
    k - 1 lines back, each in a clear gap. Nothing is made up: each mark stays in the
    column it stands in, and a row where a mark crosses the gap keeps its merged cell.

    :returns: x of each restored line → for each grid row, whether the line bounds its cells
    """
    widths = [b - a for a, b in zip(col_lines, col_lines[1:])]
    n_rows = len(row_lines) - 1
    if n_rows < 1 or len(widths) < 5:
        return {}
    leaf = _t4_lattice(widths)
    if leaf is not None:
        out: dict[int, list[bool]] = {}
        for c, width in enumerate(widths):
            parts = round(width / leaf)
            extents = _mark_extents(col_lines[c], col_lines[c + 1], row_lines, marks, band)
            for j in range(1, parts):
                x = col_lines[c] + round(j * width / parts)
                found = _clear_gap(x, max(2, int(0.2 * leaf)), extents, n_rows, band)
                if found is not None:
                    out[found[0]] = found[1]
        return out
    # the value columns: from the right, while no wider than a doubled column
    usual = float(np.median(widths[-5:]))
    if usual <= 0:
        return {}
    value_cols = []
    for c in range(len(widths) - 1, -1, -1):
        if widths[c] > (DOUBLE_COLUMN + DOUBLE_COLUMN_TOLERANCE) * usual:
            break
        value_cols.append(c)
    singles = [widths[c] for c in value_cols if abs(widths[c] - usual) <= DOUBLE_COLUMN_TOLERANCE * usual]
    if len(singles) < 4:
        return {}
    usual = float(np.median(singles))
    out = {}
    for c in value_cols:
        if abs(widths[c] - DOUBLE_COLUMN * usual) > DOUBLE_COLUMN_TOLERANCE * usual:
            continue
        xa, xb = col_lines[c], col_lines[c + 1]
        extents = _mark_extents(xa, xb, row_lines, marks, band)
        found = _clear_gap((xa + xb) // 2, max(2, int(0.2 * (xb - xa))), extents, n_rows, band)
        if found is not None:
            out[found[0]] = found[1]
    return out


def _t4_lattice(widths: list[int]) -> float | None:
    """The leaf width when every column is a whole number of fifteenths of the table's
    width (table 4 with column lines lost: 6 to 14 columns, at least two of them one
    leaf wide), else None."""
    if not 6 <= len(widths) < T4_LEAF_COLUMNS:
        return None
    leaf = sum(widths) / T4_LEAF_COLUMNS
    counts = [width / leaf for width in widths]
    if any(round(k) < 1 or abs(k - round(k)) > LATTICE_TOLERANCE for k in counts):
        return None
    if sum(round(k) == 1 for k in counts) < 2:
        return None
    return leaf


def _mark_extents(xa: int, xb: int, row_lines: list[int], marks: np.ndarray,
                  band: int) -> list[list[tuple[int, int]]]:
    """Per grid row, the x extents of the marks between the column lines at ``xa`` and ``xb``."""
    extents = []
    for r in range(len(row_lines) - 1):
        piece = np.ascontiguousarray(marks[row_lines[r] + band:row_lines[r + 1] - band, xa + band:xb - band])
        found = []
        if piece.size and piece.any():
            n, _, stats, _ = cv2.connectedComponentsWithStats(piece, connectivity=8)
            found = [(xa + band + stats[i, 0], xa + band + stats[i, 0] + stats[i, 2]) for i in range(1, n)]
        extents.append(found)
    return extents


def _clear_gap(mid: int, reach: int, extents: list[list[tuple[int, int]]], n_rows: int,
               band: int) -> tuple[int, list[bool]] | None:
    """A lost column line near ``mid``: the x nearest it within ``reach`` through which a
    clear gap runs in most rows that print on both sides of it, and for each row whether
    the line bounds its cells (not where a mark crosses it); None without such a gap."""
    gap = 2 * band  # cell padding on both sides of a lost line, wider than a gap between digits
    for x in sorted(range(mid - reach, mid + reach + 1), key=lambda v: abs(v - mid)):
        # the gap must run clear through the rows that print on both sides of it
        both = [found for found in extents
                if any(b <= x - gap for a, b in found) and any(a >= x + gap for a, b in found)]
        # (specks and the rest of the lost ruling, no wider than a ruling, do not count;
        # a heading's glyphs joined to that rest may, so half of the rows will do)
        clear = [found for found in both
                 if not any(a < x + gap and b > x - gap and b - a > band for a, b in found)]
        if len(clear) < max(2, n_rows // 3) or 2 * len(clear) < len(both):
            continue
        return x, [not any(a < x - band and b > x + band for a, b in found) for found in extents]
    return None


def _marks(ink: np.ndarray, short_h: np.ndarray, short_v: np.ndarray, dpi: float) -> np.ndarray:
    """The ink of marks other than the rulings' own pieces (however short: any lone thin
    stroke), a uint8 mask of ``ink``'s shape."""
    rulings = cv2.bitwise_or(cv2.bitwise_or(short_v, short_h), _thin_pieces(ink, dpi))
    return cv2.bitwise_and(ink, cv2.bitwise_not(cv2.dilate(rulings, np.ones((5, 5), np.uint8))))


def _thin_pieces(ink: np.ndarray, dpi: float) -> np.ndarray:
    """Connected pieces of ink that are thin straight strokes on their own (fragments
    of a broken ruling); strokes joined into a glyph are not among them."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n <= 1:
        return np.zeros_like(ink)
    w, h = stats[:, 2], stats[:, 3]
    thin = dpi * 0.025
    keep = ((w <= thin) & (h >= 2 * w)) | ((h <= thin) & (w >= 2 * h))
    keep[0] = False
    return np.where(keep[labels], 255, 0).astype(np.uint8)


def _merged_runs(splits: list[bool]) -> list[list[int]]:
    """Runs of consecutive inner lines (1-based) missing in ``splits``: each run is one
    merged cell; it is restored whole or not at all (a heading spanning several columns
    crosses one of its lines)."""
    runs: list[list[int]] = []
    for k, split in enumerate(splits, start=1):
        if split:
            continue
        if runs and runs[-1][-1] == k - 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    return runs


def _repair_rows(splits: list[list[bool]], marks: np.ndarray, row_lines: list[int], col_lines: list[int],
                 band: int, reach: int) -> None:
    """The same as :func:`_repair_columns` for row lines (``splits[c][r - 1]``: whether
    row line ``r`` bounds the cells of column ``c``), in the columns right of the
    :data:`LABEL_COLUMNS` label columns, where the template never merges rows."""
    n_cols = len(splits)
    if len(row_lines) - 1 < REPAIR_MIN_ROWS or n_cols <= LABEL_COLUMNS:
        return
    repairable = {r for r in range(1, len(row_lines) - 1)
                  if REPAIR_MIN_SUPPORT <= sum(column[r - 1] for column in splits) / n_cols < 1}
    for c in range(LABEL_COLUMNS, n_cols):
        xa, xb = col_lines[c], col_lines[c + 1]
        for run in _merged_runs(splits[c]):
            if all(r in repairable and _coverage(marks, row_lines[r], xa + reach, xb - reach, band, False) < 0.25
                   for r in run):
                for r in run:
                    splits[c][r - 1] = True


#: share of a table's extent along a grid line that its ink (thin band, dashes and dots
#: of a broken ruling included) must cover for the line to be a broken ruling
DASHED_LINE_COVERAGE = 0.45
#: share of a slot's side the ink of such a line must cover to bound the slot there
DASHED_SLOT_COVERAGE = 0.3


#: a dashed line found only part of the way along a table: ink beside it, in each slot,
#: at most this share of the ink on it (text, a label's glyphs or item numbers stacked in
#: a column, leaves more beside it: 0.3 and up)
PART_LINE_BESIDE = 0.25


def _line_profile(ink: np.ndarray, solid: np.ndarray | None, pos: int, start: int, stop: int, band: int,
                  vertical: bool) -> tuple[float, float, float]:
    """How a grid line's ink lies along [start, stop): ``(on, beside, open)``.

    ``on`` is the share of the stretch with ink in a thin band on the line (half of
    ``band`` either side), ``beside`` the larger share with ink in a band of the same
    width on either side, two to three ``band`` away (a ruling leaves it blank: the
    cell's padding; the strokes of a glyph do not), both counted only where no solid
    ink (shading, :func:`solid_ink`) lies; ``open`` is the share of the stretch without
    solid ink.
    """
    if stop <= start:
        return 0.0, 0.0, 0.0
    thin = max(1, band // 2)
    far = 3 * band

    def along(mask, lo, hi):
        a, b = max(0, pos + lo), max(0, pos + hi + 1)
        strip = mask[start:stop, a:b] if vertical else mask[a:b, start:stop].T
        return strip.max(axis=1) > 0 if strip.size else np.zeros(max(0, stop - start), dtype=bool)

    clear = ~along(solid, -far, far) if solid is not None else np.ones(stop - start, dtype=bool)
    n = int(clear.sum())
    if not n:
        return 0.0, 0.0, 0.0
    on = float((along(ink, -thin, thin) & clear).sum()) / n
    beside = max(float((along(ink, -far, -2 * band) & clear).sum()),
                 float((along(ink, 2 * band, far) & clear).sum())) / n
    return on, beside, n / (stop - start)


def _dashed_lines(ink: np.ndarray | None, solid: np.ndarray | None, lines: list[int], crossings: list[int],
                  band: int, vertical: bool) -> set[int]:
    """Grid lines that are rulings printed broken, dashed or faint: along the whole table
    (from its first crossing line to its last, shaded stretches left out), or from a
    crossing line to the table's foot across two slots or more, with dashes in every slot
    and ink beside it in none more than :data:`PART_LINE_BESIDE` of that on it (a column
    line under a heading merged over its columns), ink in a thin band on the line covers at least
    :data:`DASHED_LINE_COVERAGE` of the length, and ink beside the line
    (:func:`_line_profile`) less than half as much.

    No line of text draws that much ink so narrowly along a whole table: glyphs leave
    the blank cells, and the padding of every cell, clear.

    :param ink: the ruling ink mask (255 = ink), or None
    :param solid: its solid regions (:func:`solid_ink`), or None
    :param lines: positions (pixels) of candidate lines, x for vertical ones, y for horizontal
    :param crossings: positions of the lines across them
    :returns: the positions of those lines
    """
    if ink is None or len(crossings) < 2:
        return set()
    out = set()
    # (a line that starts or ends part of the way along: a column line under a heading
    # merged over its columns, in the rows below it)
    stretches = [(crossings[0], crossings[-1])] + [(a, crossings[-1]) for a in crossings[1:-2]]
    def dashed(pos, start, stop, coverage, beside_share=0.5):
        on, beside, open_ = _line_profile(ink, solid, pos, start, stop, band, vertical)
        return open_ >= 0.5 and on >= coverage and beside <= beside_share * on

    for pos in lines:
        for start, stop in stretches:
            if dashed(pos, start, stop, DASHED_LINE_COVERAGE) and (
                    (start, stop) == (crossings[0], crossings[-1])
                    or all(dashed(pos, a, b, DASHED_SLOT_COVERAGE, PART_LINE_BESIDE)
                           for a, b in zip(crossings, crossings[1:]) if start <= a and b <= stop)):
                # (part of the way: its dashes in every slot along it, not a line showing
                # through the paper from the other side, which keeps to no row of this table)
                out.add(pos)
                break
    return out


def _dashed_boundary(ink: np.ndarray, solid: np.ndarray | None, marks: np.ndarray, pos: int, start: int,
                     stop: int, band: int, reach: int, vertical: bool) -> bool:
    """Whether a broken ruling (:func:`_dashed_lines`) bounds the slot between the crossing
    lines at ``start`` and ``stop``: its ink covers at least :data:`DASHED_SLOT_COVERAGE`
    of the slot's side (shading left out, most of the side unshaded), ink beside the line
    less than half as much, and no text runs across it (a heading or label merged over
    the slot)."""
    if stop - start <= 2 * reach:
        return False
    on, beside, open_ = _line_profile(ink, solid, pos, start + reach, stop - reach, band, vertical)
    if open_ < 0.5 or on < DASHED_SLOT_COVERAGE or beside > 0.5 * on:
        return False
    return not _text_across(marks, pos, start + reach, stop - reach, band, vertical)


def _text_across(marks: np.ndarray, pos: int, start: int, stop: int, band: int, vertical: bool) -> bool:
    """:func:`_crossed` for a vertical (column) or horizontal (row) line."""
    if vertical:
        return _crossed(marks, pos, start, stop, band)
    # the strip around the row line, turned so that the line runs down it
    top = max(0, pos - 4 * band)
    strip = np.ascontiguousarray(marks[top:pos + 4 * band + 1, start:stop].T)
    return _crossed(strip, pos - top, 0, stop - start, band)


def _grid(horizontal: np.ndarray, vertical: np.ndarray, short_h: np.ndarray, short_v: np.ndarray,
          box: tuple[int, int, int, int], dpi: float, ink: np.ndarray | None = None,
          solid: np.ndarray | None = None, marks: np.ndarray | None = None) -> TableGrid | None:
    """The grid of the table in ``box``, or ``None``. ``marks``: :func:`_marks` of the
    page when the caller has it (it is the same for every table of a page)."""
    x0, y0, x1, y1 = box
    tol = max(3, int(dpi * 0.03))
    # a ruling may sit a few pixels off its cluster centre (blur, residual skew)
    band = max(3, int(dpi * 0.02))
    reach = max(3, int(dpi * 0.025))
    h_sub = horizontal[y0:y1, x0:x1]
    v_sub = vertical[y0:y1, x0:x1]
    rows = [(y0 + p, float(c)) for p, c in enumerate((h_sub > 0).sum(axis=1)) if c >= dpi * 0.25]
    cols = [(x0 + p, float(c)) for p, c in enumerate((v_sub > 0).sum(axis=0)) if c >= dpi * 0.1]
    row_lines = [p for p, _ in _cluster(rows, tol, bounded=True)]
    col_lines = _column_lines(cols, tol)
    if len(row_lines) < 2 or len(col_lines) < 2:
        return None

    # A ruling seen clearly somewhere (most of one slot's side, reaching a crossing
    # line) is a grid line; along such a line a broken stretch counts as a boundary
    # wherever the bridged ruling covers most of the side. Elsewhere only the strict
    # test holds (digits stacked in a column may bridge into a line, but they never
    # reach a crossing ruling).
    def strict(mask, pos, a, b, vertical, coverage=MIN_BOUNDARY_COVERAGE):
        return _boundary(mask, pos, a, b, band, reach, vertical, coverage) \
            and _runs_through(mask, pos, a, b, band, reach, vertical)

    def clear_lines(lines, crossings, mask, vertical):
        # clear in one slot, or along most of the table (no glyph draws such a line,
        # digits stacked in a column included: they leave most of each row blank)
        return {pos for pos in lines
                if _coverage(mask, pos, crossings[0], crossings[-1], band, vertical) >= 0.5
                or any(strict(mask, pos, a, b, vertical) for a, b in zip(crossings, crossings[1:]))}

    def boundary(pos, a, b, vertical):
        short, bridged = (short_v, vertical_mask) if vertical else (short_h, horizontal_mask)
        if strict(short, pos, a, b, vertical):
            return True
        if pos in (dashed_v if vertical else dashed_h) and _dashed_boundary(
                ink, solid, marks, pos, a, b, band, reach, vertical):
            return True
        if pos not in (clear_v if vertical else clear_h):
            return False
        if _coverage(bridged, pos, a + reach, b - reach, band, vertical) >= 0.5 \
                and _coverage(short, pos, a + reach, b - reach, band, vertical) >= 0.15:
            return True  # (pieces of the line in the slot itself: bridging alone runs into merged cells)
        # a broken stretch of a known line: a third of the side, from one of its ends
        return _boundary(short, pos, a, b, band, reach, vertical, 0.3, both_ends=False)

    vertical_mask, horizontal_mask = vertical, horizontal
    if marks is None and ink is not None:
        marks = _marks(ink, short_h, short_v, dpi)
    dashed_v = _dashed_lines(ink, solid, col_lines, row_lines, band, True)
    dashed_h = _dashed_lines(ink, solid, row_lines, col_lines, band, False)
    clear_v = clear_lines(col_lines, row_lines, short_v, True)
    clear_h = clear_lines(row_lines, col_lines, short_h, False)

    def v_boundary(x, ya, yb):
        return boundary(x, ya, yb, True)

    def h_boundary(y, xa, xb):
        return boundary(y, xa, xb, False)

    # keep only lines that act as a boundary somewhere (drop stray strokes)
    # (judged in slots wide enough that no single stroke of a glyph fills them); of
    # two lines closer than any column or row of the template, the one that bounds
    # fewer slots is a glyph's stroke
    col_lines = _spaced(col_lines, [sum(v_boundary(x, a, b) for a, b in zip(row_lines, row_lines[1:])
                                        if b - a >= dpi * 0.1) for x in col_lines], int(dpi * 0.15))
    row_lines = _spaced(row_lines, [sum(h_boundary(y, a, b) for a, b in zip(col_lines, col_lines[1:])
                                        if b - a >= dpi * 0.2) for y in row_lines], int(dpi * 0.06))
    n_rows, n_cols = len(row_lines) - 1, len(col_lines) - 1
    if n_rows < 1 or n_cols < 2:
        return None
    # union-find over grid slots; merge across missing rulings
    parent = list(range(n_rows * n_cols))

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def union(a, b):
        parent[find(a)] = find(b)

    restored: dict[int, list[bool]] = {}
    if ink is not None:
        restored = _lost_column_lines(col_lines, row_lines, marks, band)
        if restored:
            col_lines = sorted(col_lines + list(restored))
            n_cols = len(col_lines) - 1
            parent = list(range(n_rows * n_cols))
    splits = [[restored[col_lines[c]][r] if col_lines[c] in restored
               else v_boundary(col_lines[c], row_lines[r], row_lines[r + 1]) for c in range(1, n_cols)]
              for r in range(n_rows)]
    if ink is not None:
        _repair_columns(splits, marks, row_lines, col_lines, band, reach)
    for r in range(n_rows):
        for c in range(1, n_cols):
            if not splits[r][c - 1]:
                union(r * n_cols + c - 1, r * n_cols + c)
    row_splits = [[h_boundary(row_lines[r], col_lines[c], col_lines[c + 1]) for r in range(1, n_rows)]
                  for c in range(n_cols)]
    if ink is not None:
        _repair_rows(row_splits, marks, row_lines, col_lines, band, reach)
    for c in range(n_cols):
        for r in range(1, n_rows):
            if not row_splits[c][r - 1]:
                union((r - 1) * n_cols + c, r * n_cols + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            groups.setdefault(find(r * n_cols + c), []).append((r, c))
    cells = []
    for slots in groups.values():
        r0 = min(r for r, _ in slots)
        r1 = max(r for r, _ in slots)
        c0 = min(c for _, c in slots)
        c1 = max(c for _, c in slots)
        cells.append(Cell(r0, c0, r1 - r0 + 1, c1 - c0 + 1,
                          (col_lines[c0], row_lines[r0], col_lines[c1 + 1], row_lines[r1 + 1])))
    cells.sort(key=lambda c: (c.row, c.col))
    return TableGrid((col_lines[0], row_lines[0], col_lines[-1], row_lines[-1]), row_lines, col_lines, cells)


#: how far (inch) inside a cell's inset box the page's rulings are erased before its
#: marks are looked at: a dashed or wavering ruling strays this far from its grid line
RULING_BAND_INCH = 0.04


def cell_crop(gray: np.ndarray, ink: np.ndarray, box: tuple[int, int, int, int], dpi: float,
              pad: int = 10, rulings: np.ndarray | None = None) -> np.ndarray | None:
    """The text of one cell on clean white paper, or None for a blank cell.

    Only the cell's interior is looked at; specks and remnants of the rulings
    (thin strokes running along the cell's edge) are left out.

    :param gray: the deskewed page
    :param ink: its ink mask (:func:`ink_mask`)
    :param box: the cell's box including its rulings
    :param rulings: the page's ruling mask (:func:`find_tables`), if known: its ink within
        :data:`RULING_BAND_INCH` of the cell's sides is no mark of the cell (the dashes of
        a dashed ruling, joined to a piece of the crossing one, pass for a glyph)
    """
    x0, y0, x1, y1 = box
    inset = max(3, int(dpi * 0.02))
    sub = ink[y0 + inset:y1 - inset, x0 + inset:x1 - inset]
    if sub.size == 0:
        return None
    if rulings is not None:
        lines = rulings[y0 + inset:y1 - inset, x0 + inset:x1 - inset]
        if lines.any():
            band = max(2, int(dpi * RULING_BAND_INCH))
            edge = np.ones(sub.shape, dtype=bool)
            edge[band:-band, band:-band] = False
            grown = cv2.dilate(lines, np.ones((3, 3), np.uint8)) > 0
            sub = np.where(edge & grown, 0, sub).astype(np.uint8)
    sub_h, sub_w = sub.shape
    n, labels, stats, _ = cv2.connectedComponentsWithStats(sub, connectivity=8)
    min_area = max(2, int((dpi * 0.011) ** 2))
    thin = dpi * 0.022
    keep, bars = [], []
    for i in range(1, n):
        x, y, w, h, area = stats[i]
        if area < min_area:
            continue
        if (h <= thin and w >= 0.5 * sub_w) or (w <= thin and h >= 0.75 * sub_h and h > dpi * 0.16):
            continue  # a ruling's remnant
        if w <= thin and h >= 2 * w and (x == 0 or x + w >= sub_w):
            continue  # a piece of a broken ruling along the cell's side (never a 1)
        if w <= 2.5 * thin and area >= 0.7 * w * h and ((x == 0 or x + w >= sub_w) and h >= 0.6 * sub_h
                                                      or y == 0 and y + h >= sub_h):
            # a thick frame's ruling inside the cell's box: solid ink along its side, or
            # from its top to its bottom (no glyph spans the cell's whole height)
            bars.append(i)
            continue
        keep.append(i)
    if not keep:
        # a bar alone is kept: a tall 1 in a tight cell is never dropped to leave it blank
        keep = bars
    if not keep:
        return None
    keep += _baseline_points(stats, keep, min_area)
    xs0 = min(stats[i, 0] for i in keep)
    ys0 = min(stats[i, 1] for i in keep)
    xs1 = max(stats[i, 0] + stats[i, 2] for i in keep)
    ys1 = max(stats[i, 1] + stats[i, 3] for i in keep)
    if max(xs1 - xs0, ys1 - ys0) < dpi * 0.03:
        return None  # a lone speck is not text
    kept = np.isin(labels[ys0:ys1, xs0:xs1], keep).astype(np.uint8)
    # glyphs set against a ruling run into the margin left out above: take back their
    # ink there, up to the ruling (the first line of ink across most of the cell)
    top, bottom = y0 + inset + ys0, y0 + inset + ys1
    left, right = x0 + inset + xs0, x0 + inset + xs1
    cell_ink = ink[y0:y1, x0:x1] > 0
    if ys0 == 0:
        extra = _margin_rows(cell_ink, range(inset - 1, -1, -1), left - x0, right - x0)
        if extra:
            kept = np.vstack([(ink[top - extra:top, left:right] > 0).astype(np.uint8), kept])
            top -= extra
    if ys1 == sub_h:
        extra = _margin_rows(cell_ink, range(y1 - y0 - inset, y1 - y0), left - x0, right - x0)
        if extra:
            kept = np.vstack([kept, (ink[bottom:bottom + extra, left:right] > 0).astype(np.uint8)])
            bottom += extra
    kept = cv2.dilate(kept, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5)))
    region = gray[top:bottom, left:right]
    crop = np.where(kept > 0, region, 255).astype(np.uint8)
    return cv2.copyMakeBorder(crop, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)


def _baseline_points(stats: np.ndarray, keep: list[int], min_area: int) -> list[int]:
    """Pieces of ink smaller than a speck (``min_area``) that stand on the baseline of
    the kept glyphs, in a gap between two of them: a decimal point a blurred scan left
    small (``2.32``), which dropped with the specks would make the number 232. Only a
    gap between glyphs, low on the line and small against the glyphs' height, counts."""
    boxes = [tuple(int(v) for v in stats[i][:4]) for i in keep]
    top = min(y for _, y, _, _ in boxes)
    base = max(y + h for _, y, _, h in boxes)
    height = base - top
    found = []
    for i in range(1, len(stats)):
        x, y, w, h, area = (int(v) for v in stats[i])
        if i in keep or area < 2 or area >= min_area or max(w, h) > 0.3 * height:
            continue
        if y + h / 2 < base - 0.3 * height or y > base + 0.1 * height:
            continue
        left = [b for b in boxes if b[0] + b[2] <= x + 1]
        right = [b for b in boxes if b[0] >= x + w - 1]
        if left and right:
            found.append(i)
    return found


def _margin_rows(cell_ink: np.ndarray, rows: range, left: int, right: int) -> int:
    """How many of ``rows`` (walking away from the cell's interior) hold glyph ink
    between ``left`` and ``right`` before the ruling: a row with ink across most of the
    cell's width, or one with no ink under the glyphs, ends the walk."""
    count = 0
    for r in rows:
        line = cell_ink[r]
        if line.mean() >= 0.6 or not line[left:right].any():
            break
        count += 1
    return count


def looks_like_dash(crop: np.ndarray, dpi: float, pad: int = 10) -> bool:
    """Whether a cell's marks (a :func:`cell_crop`) are one short horizontal stroke: a
    dash (``—``, ``-``), which the template reads as 0 in a printed table.

    The ink is one component at least three times as wide as it is high, no higher than
    about 1 mm (a 1 or a 7 is taller)."""
    ink = (crop[pad:crop.shape[0] - pad, pad:crop.shape[1] - pad] < 160).astype(np.uint8)
    if ink.size == 0 or not ink.any():
        return False
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    big = [stats[i] for i in range(1, n) if stats[i][4] >= max(2, (dpi * 0.008) ** 2)]
    if len(big) != 1:
        return False
    _, _, w, h, _ = big[0]
    return w >= 3 * h and h <= dpi * 0.04 and w >= dpi * 0.04


def looks_like_digits(gray_crop: np.ndarray, dpi: float) -> bool:
    """Whether a cell's ink has the shape of a number: one line of narrow glyphs.

    Chinese characters are about as wide as tall and break into several pieces of
    varied size; digits are single narrow strokes of one height (plus a point or
    minus sign).
    """
    mask = ink_mask(gray_crop)
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    comps = [stats[i] for i in range(1, n) if stats[i, 4] >= max(2, int((dpi * 0.011) ** 2))]
    if not comps:
        return False
    height = max(c[3] for c in comps)
    if height > dpi * 0.2:  # taller than one line of body text
        return False
    tall = [c for c in comps if c[3] >= 0.6 * height]
    small = [c for c in comps if c[3] < 0.6 * height]
    if not tall or len(small) > 2:
        return False
    return all(c[2] <= 0.85 * c[3] for c in tall)


@dataclass
class Glyphs:
    """What the ink of a figure cell allows a reading to be (:func:`glyph_shape`).

    :param digits: how many digits the glyphs can hold, ``(least, most)``: each glyph of
        digit height holds at least one digit and, when digits touch, as many as its
        width allows
    :param sign: a short horizontal stroke stands before the first digit (a minus sign)
    :param points: per mark the size of a full stop on the baseline between digits,
        the number of digit glyphs after it; negative for a comma (reaching below the
        baseline: a thousands separator, never a decimal point)
    """

    digits: tuple[int, int]
    sign: bool
    points: list[int]
    #: the cell holds one slanted stroke and nothing else: a slash, printed for 0
    slash: bool = False
    #: the cell holds one glyph about as wide as it is tall: no single digit is (a
    #: character such as 无, printed for 0, or digits run together)
    square: bool = False
    #: the cell holds one glyph at least :data:`BROAD_GLYPH` times as wide as it is tall:
    #: a character squeezed by the scan (无 at 150 dpi) as well as a square one
    broad: bool = False
    #: a point is no bigger than the specks a scan leaves (a decimal point blurred
    #: small, or a speck where none is printed)
    faint_point: bool = False


#: grey level below which a figure cell's pixel is ink for its glyphs' shape (black print)
GLYPH_INK = 160


def _ink_levels(inner: np.ndarray) -> tuple[float, float]:
    """The grey levels below which a cell's pixels are ink, and lighter ink that joins
    pieces of one glyph (:data:`GLYPH_INK`, :data:`LIGHT_INK`). Print in light grey (a
    colour scan of grey text: its darkest strokes lighter than 100) is ink up to three
    fifths of the way from its darkest pixels to the paper: at the fixed levels its
    strokes fall apart into pieces, or vanish, and the glyphs allow no number at all."""
    if inner.size == 0:
        return GLYPH_INK, LIGHT_INK
    darkest = float(np.percentile(inner, 1))
    if darkest <= 100:
        return GLYPH_INK, LIGHT_INK
    paper = float(np.percentile(inner, 90))
    level = max(GLYPH_INK, darkest + 0.6 * (paper - darkest))
    return level, min(250.0, max(LIGHT_INK, level + (LIGHT_INK - GLYPH_INK)))


def glyph_shape(crop: np.ndarray, dpi: float, pad: int = 10) -> Glyphs | None:
    """The glyphs in a figure cell's crop (:func:`cell_crop`): digit-height glyphs (pieces
    overlapping left to right joined), a leading minus stroke and baseline points.

    Print in light grey is judged at its own levels (:func:`_ink_levels`); a minus sign
    is looked for at the levels of black print too (a blurred one grows at the lighter
    levels until it is no flat stroke).

    :returns: ``None`` when the cell holds no glyph of digit height
    """
    inner = crop[pad:crop.shape[0] - pad, pad:crop.shape[1] - pad]
    if inner.size == 0:
        return None
    levels = _ink_levels(inner)
    black = _glyph_shape(inner, dpi, GLYPH_INK, LIGHT_INK)
    if levels == (GLYPH_INK, LIGHT_INK):
        return black
    grey = _glyph_shape(inner, dpi, *levels)
    if grey is None:
        return black
    if black is not None and black.slash:
        return black  # (one slanted stroke at black print's levels: a slash, printed for 0)
    return replace(grey, sign=grey.sign or (black is not None and black.sign))


def _glyph_shape(inner: np.ndarray, dpi: float, dark_at: float, light_at: float) -> Glyphs | None:
    """:func:`glyph_shape` of a crop without its border, ink below ``dark_at`` and
    lighter ink below ``light_at``."""
    ink = (inner < dark_at).astype(np.uint8)
    if ink.size == 0 or not ink.any():
        return None
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    kept = [i for i in range(1, n) if stats[i][4] >= max(2, (dpi * 0.006) ** 2)]
    comps = [tuple(int(v) for v in stats[i]) for i in kept]
    if not comps:
        return None
    height = max(c[3] for c in comps)
    if height < dpi * 0.03:
        return None
    # lighter ink joining dark pieces: a 0 whose faint top and bottom arcs leave only
    # its two sides dark is one glyph (two pieces, no horizontal overlap)
    n_light, light, light_stats, _ = cv2.connectedComponentsWithStats((inner < light_at).astype(np.uint8),
                                                                       connectivity=8)
    shade = {}
    for i in kept:
        ys, xs = np.nonzero(labels == i)
        shade[tuple(int(v) for v in stats[i])] = int(light[ys[0], xs[0]])
    # join pieces of one glyph (a digit broken by ink drop-outs) by horizontal overlap,
    # or by lighter ink where the joined glyph is no wider than one digit
    tall_pieces = sorted(c for c in comps if c[3] >= 0.4 * height)
    groups: list[list[int]] = []
    last_shade = None
    for piece in tall_pieces:
        x, y, w, h, _ = piece
        joined = bool(groups) and (x < groups[-1][2] - 1 or (
            shade[piece] == last_shade and max(groups[-1][2], x + w) - groups[-1][0] <= ONE_GLYPH_WIDTH * height))
        if joined:
            g = groups[-1]
            g[1], g[2], g[3] = min(g[1], y), max(g[2], x + w), max(g[3], y + h)
        else:
            groups.append([x, y, x + w, y + h])
        last_shade = shade[piece]
    if len(groups) == 2 and len(tall_pieces) == 2 and _facing_brackets(labels, stats, kept, tall_pieces, height):
        # a serif 0 whose thin arcs blurred away: its two sides, ( and ), are one glyph
        (a, b) = groups
        groups = [[a[0], min(a[1], b[1]), b[2], max(a[3], b[3])]]
    if not groups:
        return None
    _with_bars(groups, comps, height)
    # digits share their top and their baseline; a plus sign (printed before a
    # positive change) is shorter and floats between them
    tallest = max(groups, key=lambda g: g[3] - g[1])
    slack = 0.12 * (tallest[3] - tallest[1])
    digit_groups = [g for g in groups if g[1] <= tallest[1] + slack and g[3] >= tallest[3] - slack]
    top = float(np.median([g[1] for g in digit_groups]))
    base = float(np.median([g[3] for g in digit_groups]))
    glyph_h = max(1.0, base - top)
    least = len(digit_groups)
    most = sum(max(1, int((g[2] - g[0]) / (0.42 * glyph_h))) for g in digit_groups)
    first_x = digit_groups[0][0]
    sign = False
    points = []
    faint_point = False
    for x, y, w, h, area in comps:
        if h >= 0.4 * height:
            continue
        centre_y = y + h / 2
        # a minus: flat, at mid-height, left of the digits. Blurred and faint (a picture
        # scanned at 120 dpi and scaled up), its dark core is short: a fifth of a digit's
        # height wide and 1.2 times its own height do (a speck is as tall as it is wide)
        if x + w <= first_x + 1 and w >= 1.2 * h and w >= 0.2 * glyph_h and h <= 0.3 * glyph_h \
                and top + 0.2 * glyph_h <= centre_y <= base - 0.2 * glyph_h:
            sign = True
        elif first_x < x and w <= 0.45 * glyph_h and h <= 0.45 * glyph_h and centre_y >= base - 0.3 * glyph_h:
            after = sum(1 for g in digit_groups if g[0] > x)
            if 0 < after < len(digit_groups) + 1 and any(g[2] <= x + 1 for g in digit_groups):
                # a comma reaches below the baseline: a thousands separator only
                points.append(-after if y + h > base + 0.12 * glyph_h else after)
                faint_point = faint_point or area < (dpi * 0.011) ** 2
    if not sign:
        sign = _faint_minus(inner, (n_light, light, light_stats), first_x, top, base)
    # (a speck beside the stroke, under two fifths of its height, is no second glyph)
    slash = len(digit_groups) == 1 and len(tall_pieces) == 1 and not sign and _slanted_stroke(ink, digit_groups[0]) \
        and not _bar_beside(comps, digit_groups[0], glyph_h)
    square = len(digit_groups) == 1 and digit_groups[0][2] - digit_groups[0][0] >= SQUARE_GLYPH * glyph_h
    broad = len(digit_groups) == 1 and digit_groups[0][2] - digit_groups[0][0] >= BROAD_GLYPH * glyph_h
    return Glyphs((least, most), sign, points, slash, square, broad, faint_point)


def _with_bars(groups: list[list[int]], comps: list[tuple[int, ...]], height: int) -> None:
    """Grow each glyph (``[x0, y0, x1, y1]``, in place) by the flat pieces above or below
    it across its columns: the base of a 2 or the top bar of a 5 or a 7 whose joining
    stroke printed lighter than the rest, left apart from it. Cut off, the digit stands
    short of the others' top or baseline and counts as no digit (``23`` allowed one
    digit). A glyph grows no further than the tallest reaches, and only by a bar at
    least three tenths of a digit wide, close by (specks are no bars)."""
    top = min(g[1] for g in groups) - 0.1 * height
    bottom = max(g[3] for g in groups) + 0.1 * height
    for x, y, w, h, _ in comps:
        if h >= 0.4 * height or w < 0.3 * height or w < 1.5 * h:
            continue
        for g in groups:
            overlap = min(g[2], x + w) - max(g[0], x)
            if overlap < 0.5 * min(w, g[2] - g[0]):
                continue
            if 0 <= g[1] - (y + h) <= 0.25 * height and y >= top:
                g[1] = y
            elif 0 <= y - g[3] <= 0.25 * height and y + h <= bottom:
                g[3] = y + h
            else:
                continue
            g[0], g[2] = min(g[0], x), max(g[2], x + w)
            break


def _facing_brackets(labels: np.ndarray, stats: np.ndarray, kept: list[int], pieces: list[tuple], height: int) -> bool:
    """Whether two tall pieces are the sides of one 0 whose thin top and bottom arcs a
    blurred scan lost: narrow strokes of one height, close together, no wider joined
    than one glyph, the left one bowed left and the right one bowed right (their middle
    further out than their ends: never the straight stem of a 1)."""
    (xa, ya, wa, ha, _), (xb, yb, wb, hb, _) = pieces
    if max(wa, wb) > 0.4 * height or abs(ha - hb) > 0.15 * height or abs(ya - yb) > 0.12 * height:
        return False
    if xb + wb - xa > ONE_GLYPH_WIDTH * height or xb - (xa + wa) > 0.45 * height:
        return False
    bows = []
    for piece in pieces:
        index = next(i for i in kept if tuple(int(v) for v in stats[i]) == piece)
        x, y, w, h, _ = piece
        ys, xs = np.nonzero(labels[y:y + h, x:x + w] == index)

        def centre(lo: float, hi: float) -> float | None:
            rows = (ys >= lo * h) & (ys < hi * h)
            return float(xs[rows].mean()) if rows.any() else None

        top, middle, bottom = centre(0, 0.2), centre(0.4, 0.6), centre(0.8, 1.0)
        if None in (top, middle, bottom):
            return False
        bows.append((min(top, bottom) - middle, middle - max(top, bottom)))
    # (each bowed, however little at 150-200 dpi, and the two together clearly)
    return bows[0][0] >= 0.25 and bows[1][1] >= 0.25 and bows[0][0] + bows[1][1] >= max(1.0, 0.2 * max(wa, wb))


def _faint_minus(inner: np.ndarray, light: tuple, first_x: int, top: float, base: float) -> bool:
    """Whether a minus stands before the digits in ink too faint or too blurred for its
    dark core to look flat (a picture scanned at 110–150 dpi and scaled up: the core is a
    few pixels). Measured in the lighter ink (:data:`LIGHT_INK`): a piece wholly left of
    the first digit, at mid-height, at least as wide as tall, a fifth of a digit's height
    wide and under a third of it tall, with dark ink in it (a grey smudge is none).

    :param inner: the cell's crop without its white border; ``light`` its pieces in the
        lighter ink, ``(count, labels, stats)`` of ``cv2.connectedComponentsWithStats``;
        ``first_x`` the first digit's left edge, ``top`` and ``base`` the digits' top
        and baseline in it.
    """
    glyph_h = max(1.0, base - top)
    n, labels, stats = light
    for i in range(1, n):
        x, y, w, h, _ = (int(v) for v in stats[i])
        centre_y = y + h / 2
        if x + w <= first_x and w >= h and w >= 0.2 * glyph_h and h <= 0.3 * glyph_h \
                and top + 0.2 * glyph_h <= centre_y <= base - 0.2 * glyph_h \
                and (inner[labels == i] < 160).any():
            return True
    return False


#: grey level under which ink joins the dark pieces of one glyph (:func:`glyph_shape`)
LIGHT_INK = 200
#: pieces joined by lighter ink make one glyph only up to this width for their height
#: (a 0 is about 0.7 of its height wide; two digits side by side well over 1)
ONE_GLYPH_WIDTH = 0.85


#: a glyph at least this wide for its height is no single digit (digits are half an em
#: wide and about 0.7 em tall; a Chinese character such as 无 fills its em square)
SQUARE_GLYPH = 0.92
#: a glyph at least this wide for its height may be a character the scan squeezed (a
#: serif 无 at 150 dpi is 0.88 of its height wide); only a second reading tells
BROAD_GLYPH = 0.8


#: a slash's rows are inked over at most this share of its width (a steep, thick stroke
#: at 150 dpi fills two thirds; a 7's bar and a 4's crossbar fill nearly all of it) ...
SLASH_ROW_SPAN = 0.7
#: ... or, a stroke of even thickness, no row wider than this many times its median
#: row (a blurred light slash at 150 dpi fills up to four fifths of its width in every
#: row; a 7's bar and a 4's crossbar are three times as wide as their stem)
SLASH_EVEN_ROW = 1.5


def _slanted_stroke(ink: np.ndarray, group: list[int]) -> bool:
    """Whether a glyph is one stroke leaning right (``/``): every row of it is inked
    over at most :data:`SLASH_ROW_SPAN` of its width, or over no more than
    :data:`SLASH_EVEN_ROW` times its median row and a pixel (a 7 has its bar, a 4 its
    crossbar), and its ink moves right from bottom to top by more than a third of its
    width (a 1 stands upright, its flag pointing left)."""
    x0, y0, x1, y1 = group
    glyph = ink[y0:y1, x0:x1] > 0
    width = x1 - x0
    if width < 3 or glyph.shape[0] < 6:
        return False
    rows = [np.nonzero(r)[0] for r in glyph]
    rows = [r for r in rows if r.size]
    spans = [int(r[-1] - r[0] + 1) for r in rows]
    even = SLASH_EVEN_ROW * float(np.median(spans)) + 1
    if any(span > SLASH_ROW_SPAN * width and span > even for span in spans):
        return False
    k = max(1, len(rows) // 5)
    top = float(np.mean([r.mean() for r in rows[:k]]))
    bottom = float(np.mean([r.mean() for r in rows[-k:]]))
    return top - bottom > width / 3


def _bar_beside(comps: list[tuple[int, ...]], group: list[int], glyph_h: float) -> bool:
    """Whether a flat piece of ink at least two fifths of a digit's height wide lies
    across a slanted stroke's columns, at its top or its foot: the bar of a 2 or a 7
    whose joining stroke printed lighter than the rest. A slash is one stroke alone."""
    x0, y0, x1, y1 = group
    for x, y, w, h, _ in comps:
        if h >= 0.4 * glyph_h or w < 0.4 * glyph_h or w < 1.5 * h:
            continue
        overlap = min(x1, x + w) - max(x0, x)
        if overlap >= 0.5 * w and y <= y1 + 0.3 * glyph_h and y + h >= y0 - 0.3 * glyph_h \
                and w <= 1.5 * (x1 - x0) + 2:
            return True
    return False


def reading_fits_glyphs(text: str, glyphs: Glyphs | None) -> bool:
    """Whether a number read from a cell is one its glyphs allow: as many digits as
    the digit-height glyphs can hold, a minus only where a minus stroke is printed
    (and one where it is), a decimal point only where a point is printed, and a point
    printed between digits read either as the decimal point or as a thousands
    separator (three digits after it).

    :param text: a normalised number (``-12``, ``3.5``)
    """
    if glyphs is None:
        return False
    digits = sum(ch.isdigit() for ch in text)
    least, most = glyphs.digits
    if not least <= digits <= most or (glyphs.square and digits == 1):
        return False
    if text.startswith("-") != glyphs.sign:
        return False
    if "." in text:
        decimals = len(text.split(".", 1)[1])
        return any(max(1, decimals - 1) <= after <= decimals + 1 for after in glyphs.points)
    return all(abs(after) % 3 == 0 for after in glyphs.points)
