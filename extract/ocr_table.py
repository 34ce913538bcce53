"""Table structure of a page image, found from its ruling lines.

The page is deskewed (up to a few degrees) from its long straight lines, then
horizontal and vertical rulings are isolated with morphological opening. Their
positions give a grid of candidate row and column lines; a cell boundary exists
between two grid slots when a ruling actually runs there, so slots without a ruling
between them are merged into one cell (merged header and label cells).

Everything works on greyscale ``numpy`` arrays (0 = black ink, 255 = paper).
"""
from __future__ import annotations

from dataclasses import dataclass, field

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


def estimate_skew(gray: np.ndarray) -> float:
    """Skew angle in degrees (positive = content rotated counter-clockwise), 0 if unknown.

    Fits a straight line through each long horizontal stroke (table rulings,
    underlines) of a reduced image and takes the length-weighted median angle.
    """
    scale = min(1.0, 1400 / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    mask = ink_mask(small)
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


def ruling_masks(mask: np.ndarray, dpi: float, h_inch: float = 0.30, v_inch: float = 0.11) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical ruling masks from an ink mask.

    :param dpi: resolution of the image
    :param h_inch: minimum length of a horizontal ruling piece
    :param v_inch: minimum length of a vertical ruling piece
    """
    h_len = max(10, int(dpi * h_inch))
    v_len = max(8, int(dpi * v_inch))
    horizontal = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (h_len, 1)))
    vertical = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, v_len)))
    # bridge small breaks (noise, JPEG) along each line's direction
    gap = max(3, int(dpi * 0.02))
    horizontal = cv2.morphologyEx(horizontal, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1)))
    vertical = cv2.morphologyEx(vertical, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, gap)))
    return horizontal, vertical


def _cluster(positions: list[tuple[float, float]], tolerance: float) -> list[tuple[int, float]]:
    """Cluster (position, weight) pairs; returns (weighted centre, total weight)."""
    clusters: list[list[tuple[float, float]]] = []
    for pos, weight in sorted(positions):
        if clusters and pos - clusters[-1][-1][0] <= tolerance:
            clusters[-1].append((pos, weight))
        else:
            clusters.append([(pos, weight)])
    out = []
    for members in clusters:
        total = sum(w for _, w in members)
        out.append((int(round(sum(p * w for p, w in members) / total)), total))
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


def find_tables(gray: np.ndarray, dpi: float) -> tuple[list[TableGrid], np.ndarray]:
    """Find ruled tables in a deskewed page image.

    :param gray: greyscale page (deskewed)
    :param dpi: its resolution
    :returns: the tables, top to bottom, and the ruling mask (to erase rulings from cells)
    """
    mask = ink_mask(gray, block=int(dpi * 0.5) | 1, offset=10)
    horizontal, vertical = ruling_masks(mask, dpi)
    # shorter pieces, to tell where a ruling runs along a grid line (a long ruling
    # wobbling by a pixel after skew correction breaks into such pieces)
    short_h, short_v = ruling_masks(mask, dpi, 0.12, 0.08)
    rulings = cv2.bitwise_or(horizontal, vertical)
    joined = cv2.dilate(rulings, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)))
    n, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    tables = []
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if w < dpi * 1.0 or h < dpi * 0.3:
            continue
        grid = _grid(horizontal, vertical, short_h, short_v, (x, y, x + w, y + h), dpi)
        if grid is not None:
            tables.append(grid)
    tables.sort(key=lambda t: t.box[1])
    return tables, rulings


def _grid(horizontal: np.ndarray, vertical: np.ndarray, short_h: np.ndarray, short_v: np.ndarray,
          box: tuple[int, int, int, int], dpi: float) -> TableGrid | None:
    x0, y0, x1, y1 = box
    tol = max(3, int(dpi * 0.03))
    half = max(2, int(dpi * 0.012))
    # a ruling may sit a few pixels off its cluster centre (blur, residual skew)
    band = max(3, int(dpi * 0.02))
    h_sub = horizontal[y0:y1, x0:x1]
    v_sub = vertical[y0:y1, x0:x1]
    rows = [(y0 + p, float(c)) for p, c in enumerate((h_sub > 0).sum(axis=1)) if c >= dpi * 0.25]
    cols = [(x0 + p, float(c)) for p, c in enumerate((v_sub > 0).sum(axis=0)) if c >= dpi * 0.1]
    row_lines = [p for p, _ in _cluster(rows, tol)]
    col_lines = [p for p, _ in _cluster(cols, tol)]
    if len(row_lines) < 2 or len(col_lines) < 2:
        return None
    # keep only lines that act as a boundary somewhere (drop stray strokes)
    col_lines = [x for k, x in enumerate(col_lines)
                 if k in (0, len(col_lines) - 1) or any(
                     _coverage(short_v, x, a + half * 2, b - half * 2, band, True) > 0.8
                     for a, b in zip(row_lines, row_lines[1:]))]
    row_lines = [y for k, y in enumerate(row_lines)
                 if k in (0, len(row_lines) - 1) or any(
                     _coverage(short_h, y, a + half * 2, b - half * 2, band, False) > 0.8
                     for a, b in zip(col_lines, col_lines[1:]))]
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

    for r in range(n_rows):
        ya, yb = row_lines[r], row_lines[r + 1]
        for c in range(1, n_cols):
            if _coverage(short_v, col_lines[c], ya + half * 2, yb - half * 2, band, True) < 0.8:
                union(r * n_cols + c - 1, r * n_cols + c)
    for c in range(n_cols):
        xa, xb = col_lines[c], col_lines[c + 1]
        for r in range(1, n_rows):
            if _coverage(short_h, row_lines[r], xa + half * 2, xb - half * 2, band, False) < 0.8:
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


def cell_crop(gray: np.ndarray, ink: np.ndarray, box: tuple[int, int, int, int], dpi: float,
              pad: int = 10) -> np.ndarray | None:
    """The text of one cell on clean white paper, or None for a blank cell.

    Only the cell's interior is looked at; specks and remnants of the rulings
    (thin strokes running along the cell's edge) are left out.

    :param gray: the deskewed page
    :param ink: its ink mask (:func:`ink_mask`)
    :param box: the cell's box including its rulings
    """
    x0, y0, x1, y1 = box
    inset = max(3, int(dpi * 0.02))
    sub = ink[y0 + inset:y1 - inset, x0 + inset:x1 - inset]
    if sub.size == 0:
        return None
    sub_h, sub_w = sub.shape
    n, labels, stats, _ = cv2.connectedComponentsWithStats(sub, connectivity=8)
    min_area = max(2, int((dpi * 0.011) ** 2))
    thin = dpi * 0.022
    keep = []
    for i in range(1, n):
        x, y, w, h, area = stats[i]
        if area < min_area:
            continue
        if (h <= thin and w >= 0.5 * sub_w) or (w <= thin and h >= 0.75 * sub_h and h > dpi * 0.16):
            continue  # a ruling's remnant
        keep.append(i)
    if not keep:
        return None
    xs0 = min(stats[i, 0] for i in keep)
    ys0 = min(stats[i, 1] for i in keep)
    xs1 = max(stats[i, 0] + stats[i, 2] for i in keep)
    ys1 = max(stats[i, 1] + stats[i, 3] for i in keep)
    if max(xs1 - xs0, ys1 - ys0) < dpi * 0.03:
        return None  # a lone speck is not text
    kept = np.isin(labels[ys0:ys1, xs0:xs1], keep).astype(np.uint8)
    kept = cv2.dilate(kept, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5)))
    region = gray[y0 + inset + ys0:y0 + inset + ys1, x0 + inset + xs0:x0 + inset + xs1]
    crop = np.where(kept > 0, region, 255).astype(np.uint8)
    return cv2.copyMakeBorder(crop, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)


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


def remove_specks(gray_crop: np.ndarray, dpi: float) -> np.ndarray:
    """Whiten isolated specks smaller than a printed full stop (scanner noise)."""
    mask = ink_mask(gray_crop)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    min_area = max(2, int((dpi * 0.011) ** 2))
    small = [i for i in range(1, n) if stats[i, 4] < min_area]
    if not small:
        return gray_crop
    out = gray_crop.copy()
    out[np.isin(labels, small)] = 255
    return out


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
