"""Tables drawn without column rules, read from where their figures stand.

A PDF table printed as a 三线表 (rules above and below the header and at the bottom)
or with row rules only has no lines between its columns, and a blank cell prints
nothing: the text layer gives ``4.保护第三方合法权益 12 1 1 1 15`` for seven cells, and
which columns the numbers stand in is lost. Their positions on the page are not: the
figures of one column share a centre. This module groups a page's characters into
lines and words by their boxes, finds runs of table rows (lines ending in figures),
clusters the figures' centres into columns, and writes each row as
``label | 12 | 1 |  | 1 | 1 |  | 15`` — an empty cell where a column prints nothing.

It only ever adds cell boundaries that the positions show: a run whose figures do not
fall one per column (two in one column, a figure between columns) is left as text.
"""
from __future__ import annotations

import re
import statistics

#: a figure word: a number (signs, separators, a unit) or a printed blank (— / 无)
_FIGURE = re.compile(r"[-+]?[\d０-９][\d０-９,，.]*(?:件|条|个|项|次|元|万元)?|[—–\-/／无]+")
#: figures of one column whose centres lie further apart than this (points) are two columns
_COLUMN_GAP = 12.0
#: a run needs this many columns to be read as a table
_MIN_COLUMNS = 2


def _lines(chars: list[tuple[str, float, float, float, float]]) -> list[list]:
    """Characters ``(ch, x0, x1, top, bottom)`` (points from the top-left) grouped into
    lines ``[top, bottom, chars]``: a character joins the line whose band holds its
    vertical centre. Only letters and ideographs widen a band: punctuation and digits
    sit higher or lower in some fonts, and a band they widened would take in the next
    line of a tightly set label."""
    lines: list[list] = []  # [top, bottom, chars]
    for c in sorted(chars, key=lambda c: (c[3] + c[4]) / 2):
        middle = (c[3] + c[4]) / 2
        if lines and lines[-1][0] - 1 <= middle <= lines[-1][1] + 1:
            line = lines[-1]
            if c[0].isalpha():
                line[0], line[1] = min(line[0], c[3]), max(line[1], c[4])
            line[2].append(c)
        else:
            lines.append([c[3], c[4], [c]])
    return lines


#: characters a full-width number is written with: their glyphs are narrow in a
#: one-em advance, so their ink stands far apart within one number (``６８３２``)
_WIDE_FIGURE = frozenset("０１２３４５６７８９，．.,")


def _words(line: list) -> list[tuple[str, float, float]]:
    """A line's words ``(text, x0, x1)``: characters further apart than 0.6 of their
    height start a new word, except full-width figures set at most 1.5 heights apart
    centre to centre (one number's digits, each in a one-em box)."""
    chars = sorted(line[2], key=lambda c: c[1])
    height = statistics.median(c[4] - c[3] for c in chars)
    words, current = [], [chars[0]]
    for a, b in zip(chars, chars[1:]):
        wide_pair = a[0] in _WIDE_FIGURE and b[0] in _WIDE_FIGURE and not (a[0].isascii() and b[0].isascii()) \
            and (b[1] + b[2]) / 2 - (a[1] + a[2]) / 2 <= 1.5 * height
        if b[1] - a[2] > 0.6 * height and not wide_pair:
            words.append(current)
            current = [b]
        else:
            current.append(b)
    words.append(current)
    return [("".join(c[0] for c in w), w[0][1], w[-1][2]) for w in words]


def _join(words: list[tuple[str, float, float]]) -> str:
    """A line's words as text: a space between words where a figure or a Latin word
    meets another word, none between Chinese words (as the text layer prints them)."""
    out = ""
    for text, _, _ in words:
        if out and (_FIGURE.fullmatch(text) or out[-1].isascii() or text[0].isascii()
                    or _FIGURE.fullmatch(out.rsplit(" ", 1)[-1])):
            out += " "
        out += text
    return out


def aligned_lines(chars: list[tuple[str, float, float, float, float]]) -> list[str] | None:
    """A page's lines with the rows of its rule-less tables split into cells, or ``None``
    when the page holds no such table (the caller keeps its text layer as it is).

    A row's label wrapped over several lines (the figures on one of them) is gathered
    into the row's first cell: each label line goes to the row whose figures stand
    nearest to it vertically.

    :param chars: the page's non-blank characters ``(ch, x0, x1, top, bottom)`` in points
        from the page's top-left corner.
    """
    if not chars:
        return None
    bands = _lines(chars)
    lines = [_words(line) for line in bands]
    middle = [(b[0] + b[1]) / 2 for b in bands]
    figures = [[w for w in ws if _FIGURE.fullmatch(w[0])] for ws in lines]
    # a row line: its last words are figures, after a label or on their own
    trailing = []
    for ws in lines:
        k = 0
        while k < len(ws) and _FIGURE.fullmatch(ws[len(ws) - 1 - k][0]):
            k += 1
        trailing.append(k)
    out: list[str] = []
    found = False
    i = 0
    while i < len(lines):
        if trailing[i] < 2 and not (trailing[i] == 1 and i + 1 < len(lines) and trailing[i + 1] >= 1):
            out.append(_join(lines[i]))
            i += 1
            continue
        # a run of row lines, with label lines between them (wrapped labels)
        left = min(w[1] for w in lines[i][len(lines[i]) - trailing[i]:])
        height = statistics.median(b[1] - b[0] for b in bands[i:i + 20])
        j = i + 1
        while j < len(lines):
            if trailing[j] >= 1 and trailing[j] == len(figures[j]):
                left = min(left, min(w[1] for w in lines[j][len(lines[j]) - trailing[j]:]))
            elif figures[j] or any(w[2] > left - 2 for w in lines[j]) or middle[j] - middle[j - 1] > 2.5 * height:
                # a header or text reaching into the figures' columns, or a line set
                # apart (the heading after the table), ends the run
                break
            j += 1
        rows = [r for r in range(i, j) if trailing[r] >= 1]
        # the header line just above: its words over the figures name the columns, the
        # ones where no row prints a figure included
        header: list = []
        start = i
        for k in range(i - 1, max(-1, i - 5), -1):
            if figures[k]:
                break
            over = [w for w in lines[k] if (w[1] + w[2]) / 2 >= left - 15]
            if not over and not header and all(w[2] <= left - 2 for w in lines[k]) and start == k + 1 \
                    and middle[i] - middle[k] < 3 * (bands[i][1] - bands[i][0]):
                start = k  # the first row's label wrapped above its figures
                continue
            if len(over) > len(header):
                header = over
        cells, by_header = _columns([lines[r][len(lines[r]) - trailing[r]:] for r in rows], header)
        if cells is None or (len(rows) < 2 and not by_header):
            out.extend(_join(lines[k]) for k in range(i, j))
            i = j
            continue
        found = True
        if start < i:
            del out[len(out) - (i - start):]
        # a label line within a line's pitch of a row's figures is that label wrapped;
        # one further off is a row of its own that prints no figure (never merged: its
        # label before the next row's would take that row's figures)
        labels: dict[int, list[int]] = {r: [] for r in rows}
        for k in range(start, j):
            if k not in labels:
                nearest = min(rows, key=lambda r: abs(middle[r] - middle[k]))
                if abs(middle[nearest] - middle[k]) <= 1.45 * height:
                    labels[nearest].append(k)
        merged = {k for parts in labels.values() for k in parts}
        placed = dict(zip(rows, cells))
        for k in range(start, j):
            if k in placed:
                parts = sorted(labels[k] + [k])
                label = "".join(_join(lines[p] if p != k else lines[p][:len(lines[p]) - trailing[p]]) for p in parts)
                out.append(" | ".join(([label] if label else []) + placed[k]))
            elif k not in merged:
                out.append(_join(lines[k]))
        i = j
    return out if found else None


def _columns(rows: list[list[tuple[str, float, float]]],
             header: list[tuple[str, float, float]] = ()) -> tuple[list[list[str]] | None, bool]:
    """Each row's figures placed in the run's columns (``""`` where a row prints none),
    or ``None`` when the figures do not fall one per column; and whether the header's
    words gave the columns (one word over each column of figures).

    :param header: the words of the header line over the figures; when they outnumber
        the figures' columns and each of those columns lies under a word of its own,
        the words' columns are the table's (a column no row prints a figure in)."""
    centres = sorted((w[1] + w[2]) / 2 for row in rows for w in row)
    bounds: list[list[float]] = []
    for c in centres:
        if bounds and c - bounds[-1][1] <= _COLUMN_GAP:
            bounds[-1][1] = c
        else:
            bounds.append([c, c])
    by_header = False
    if len(header) >= len(bounds):
        heads = [(x0 + x1) / 2 for _, x0, x1 in header]
        under = [[n for n, h in enumerate(heads) if lo - 15 <= h <= hi + 15] for lo, hi in bounds]
        if all(len(u) == 1 for u in under) and len({u[0] for u in under}) == len(bounds):
            by_head = {u[0]: b for u, b in zip(under, bounds)}
            bounds = [by_head.get(n, [h, h]) for n, h in enumerate(heads)]
            by_header = True
    if len(bounds) < _MIN_COLUMNS or max(len(row) for row in rows) > len(bounds):
        return None, False
    placed = []
    for row in rows:
        cells = [""] * len(bounds)
        for text, x0, x1 in row:
            centre = (x0 + x1) / 2
            column = next((n for n, (lo, hi) in enumerate(bounds) if lo - 0.5 <= centre <= hi + 0.5), None)
            if column is None or cells[column]:
                return None, False
            cells[column] = text
        placed.append(cells)
    return placed, by_header
