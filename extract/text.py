"""Plain text → :class:`~extract.layout.Layout`.

For text that was already pulled out of a report (crawler page text, web-archive
excerpts, the seeds): UTF-8 or GB18030, one line per line. Tables in such text come in
every shape (tab- or ``|``-separated rows, one cell per line, or flattened with no
separators); the generation mappers deal with all of them.

A provenance header in front of the text (``SOURCE: …`` / ``NOTE: …`` lines ended by a
``----`` line, as the sample collection writes them) is not part of the report: the
``SOURCE`` line is kept (it carries the original URL), the collector's notes are not.
A ``[excerpt truncated …]`` marker becomes a layout warning.

Lines with ``|`` or tab separators become :class:`~extract.layout.Row` lines kept as
printed, with their cells split: a table is a block of lines between empty lines that
holds such a line, a cell's ``row`` is its line's place in the block and its ``col`` its
place in the line (text has no grid to resolve merged cells against).
"""
from __future__ import annotations

import functools
import math
import re

from extract.layout import Cell, Layout, Row
from extract.schema import extraction_warning as warn

_TRUNCATION_MARK = re.compile(r"^\[excerpt truncated[^\]]*\]\s*$")
#: the separators of a table row printed as text: ``|`` or a tab
_SEPARATOR = re.compile(r"\||\t")


class TextRow(Row):
    """A table row printed as text (``|`` or tab separated), kept as printed: the mappers
    read its separators. Its cells are split from the line when first asked for."""

    #: 1-based table number and 0-based row of the line in its block
    table: int
    row: int

    def __new__(cls, line: str, table: int, row: int) -> "TextRow":
        obj = str.__new__(cls, line)
        obj.table, obj.row = table, row
        return obj

    @functools.cached_property
    def cells(self) -> tuple[Cell, ...]:  # type: ignore[override]
        return tuple(Cell(c.strip(), None, self.table, self.row, i) for i, c in enumerate(_SEPARATOR.split(self)))

    def __reduce__(self):
        return TextRow, (str(self), self.table, self.row)


class TextError(Exception):
    """The bytes are not readable text."""


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), falling back to GB18030.

    :param data: the file's bytes.
    :raises TextError: for binary data.
    """
    if b"\x00" in data[:4096]:
        raise TextError("binary data (NUL bytes), not text")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TextError("text is neither UTF-8 nor GB18030")


#: a figure set apart by a long run of spaces (a column of a table set out in text)
_SPACED_FIGURE = re.compile(r" {3,}(?P<figure>[-+]?[\d０-９][\d０-９,，.]*|[—/／无])(?= |$)")
#: points per display column and per line given to :func:`extract.pdf_aligned.aligned_lines`
#: (a wide character takes two columns)
_COLUMN_PT, _LINE_PT, _GLYPH_PT = 2.0, 7.0, 3.0


#: wide (two-column) characters: CJK, Hangul, full-width forms
_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
                   "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


def _width(text: str) -> int:
    """Display columns ``text`` takes (a wide character two)."""
    return len(text) + len(_WIDE.findall(text))


def _column_aligned(block: list[str]) -> bool:
    """Whether a block's rows set their figures in fixed display columns (a table laid
    out with spaces, ``pdftotext -layout``), not just after their labels: three or more
    rows with labels of different widths, and their figures ending in no more columns
    than the widest row has figures (give or take one); or one or two rows under a
    header line of three or more words set apart (:func:`_header_above`)."""
    ends: list[int] = []
    labels: set[int] = set()
    most = 0
    rows = 0
    for line in block:
        if "   " not in line:
            continue
        found = list(_SPACED_FIGURE.finditer(line))
        if not found:
            continue
        rows += 1
        most = max(most, len(found))
        labels.add(_width(line[:found[0].start()].rstrip()))
        column, at = 0, 0
        for m in found:
            column += _width(line[at:m.end()])
            at = m.end()
            ends.append(column)
    if rows < 3 or len(labels) < 2:
        return 0 < rows < 3 and _header_above(block)
    columns: list[int] = []  # each column's first end; a column spans at most 2 display columns
    for end in sorted(ends):
        if not columns or end - columns[-1] > 2:
            columns.append(end)
    return len(columns) <= most + 1


def _header_above(block: list[str]) -> bool:
    """Whether a block's first row of figures has a header line above it of three or more
    words set apart by runs of spaces (table 4 set out in columns: one row of figures,
    ``11`` under 结果维持 and under 总计; table 2's 规章 and 行政规范性文件 under 本年制发件数
    …). A single row is then placed only when every figure stands under a header word
    of its own (see :func:`extract.pdf_aligned.aligned_lines`)."""
    for line in block:
        if _SPACED_FIGURE.search(line):
            return False
        if len(re.findall(r"(?:^|\s{2,})\S", line.strip())) >= 3:
            return True
    return False


def _aligned_block(lines: list[str]) -> list[str] | None:
    """A block of lines laid out in display columns, read as a table without rules: each
    character placed at its column, so that figures fall under the header words above
    them and a blank cell that prints nothing is an empty cell
    (:func:`extract.pdf_aligned.aligned_lines`). ``None`` when it holds no such table."""
    from extract.pdf_aligned import aligned_lines

    chars = []
    for n, line in enumerate(lines):
        column = 0
        for ch in line:
            width = _width(ch)
            if not ch.isspace():
                top = n * _LINE_PT
                chars.append((ch, column * _COLUMN_PT, (column + width) * _COLUMN_PT - 0.2, top, top + _GLYPH_PT))
            column += width
    return aligned_lines(chars)


#: a run of two or more spaces between a line's words (a cell separator in a text export)
_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")
#: a cell printing a figure or a blank mark (not label or header text)
_FIGURE_CELL = re.compile(r"[-+]?[\d０-９][\d０-９,，.]*(?:件|条|个|项|次|元|万元)?|[—–\-/／无]+")
#: a block whose cells are joined by a fixed separator proves it by this many gaps
_MIN_GAPS = 12


def _gap_lattice(block: list[str]) -> tuple[int, int] | None:
    """``(separator, step)`` when a block's cells are joined by one fixed run of spaces and
    a blank cell prints a fixed run of its own (``规章   5        3``: ``5``, a blank cell,
    ``3``), so that every run of spaces between two words is the separator plus a whole
    number of steps (separator and blank), and each run of spaces opening a line a whole
    number of steps (blank cells before its first word). ``None`` unless some run is
    wider than the separator (a blank cell shown) and every run fits."""
    gaps: list[int] = []
    leads: list[int] = []
    per_line: list[list[int]] = []
    for line in block:
        if not line.strip():
            continue
        found = [len(m.group()) for m in _GAP.finditer(line.rstrip())]
        gaps += found
        per_line.append(found)
        lead = len(line) - len(line.lstrip(" "))
        if lead and found:
            leads.append(lead)
    if len(gaps) < _MIN_GAPS:
        return None
    separator = min(gaps)
    wider = [g for g in gaps if g > separator]
    if len(wider) < 2:
        return None  # no blank cell shown: nothing to add to reading the words in order
    if gaps.count(separator) < max(gaps.count(g) for g in wider):
        return None  # the commonest run is no separator: runs of two widths (tables set apart differently)
    # the narrowest wider run may hold several blank cells (a table whose rows all
    # print figures two or more cells apart): the step is what every wider run shares
    step = functools.reduce(math.gcd, (g - separator for g in wider))
    # a blank cell prints something (its own spaces), so a step is wider than the
    # separator: a run of twice the separator could be a second separator as well
    if step <= separator or any((g - separator) % step for g in gaps) or any(lead % step for lead in leads):
        return None
    if any(len(found) >= 3 and min(found) > separator and len(set(found)) == 1 for found in per_line):
        return None  # a row set apart by wider runs throughout: another separator
    return separator, step


def _gapped_rows(block: list[str]) -> list[str] | None:
    """A block whose cells are joined by a fixed run of spaces, a blank cell printing a
    run of its own (:func:`_gap_lattice`), rewritten as ``label | 3 |  | 5`` rows: each
    wider run of spaces holds as many blank cells as steps it adds to the separator.

    Such an export drops the spaces a row's trailing blank cells print (the line's end is
    trimmed): a row of figures with fewer cells after its label than the widest row among
    the run of rows it stands in (or than a header line right above names columns) is
    padded with blank cells at its end. A blank cell within the row shows as a wider run
    of spaces, so the cells it prints are the first ones. Lines printing no figure
    (headers, a row's label alone) are kept as printed."""
    lattice = _gap_lattice(block)
    if lattice is None:
        return None
    separator, step = lattice
    split: list[list[str] | None] = []
    for line in block:
        stripped = line.rstrip()
        if not _GAP.search(stripped):
            split.append(None)
            continue
        lead = len(stripped) - len(stripped.lstrip(" "))
        cells = [""] * (lead // step)
        at = lead
        for m in _GAP.finditer(stripped):
            cells.append(stripped[at:m.start()])
            cells += [""] * ((len(m.group()) - separator) // step)
            at = m.end()
        cells.append(stripped[at:])
        split.append(cells)

    def after_label(cells: list[str]) -> int:
        text = [k for k, c in enumerate(cells) if c and not _FIGURE_CELL.fullmatch(c)]
        return len(cells) - (text[-1] + 1 if text else 0)

    def is_row(cells: list[str]) -> bool:
        return any(c and _FIGURE_CELL.fullmatch(c) for c in cells)

    out: list[str] = []
    k = 0
    while k < len(block):
        if split[k] is None:
            out.append(block[k])
            k += 1
            continue
        end = k
        while end < len(block) and split[end] is not None:
            end += 1
        run = split[k:end]
        width = max((after_label(c) for c in run if is_row(c)), default=0)
        first_row = next((n for n, c in enumerate(run) if is_row(c)), None)
        if first_row:
            head = run[first_row - 1]
            width = max(width, len(head) - 1)
        for line, cells in zip(block[k:end], run):
            if not is_row(cells):
                out.append(line)  # a header or text line: kept as printed
                continue
            if after_label(cells) < width:
                cells = cells + [""] * (width - after_label(cells))
            out.append(" | ".join(cells))
        k = end
    return out


def _align_spaced_tables(lines: list[str]) -> list[str]:
    """``lines`` with each block (lines between empty lines) that lays a table out in
    display columns, with no ``|`` or tab rows, rewritten as ``label | 3 |  | 5`` rows."""
    if " " * 4 not in "\n".join(lines):
        return lines  # no long run of spaces: no table laid out in columns, no blank cell shown
    out: list[str] = []
    block: list[str] = []

    def flush():
        aligned = None
        joined = "\n".join(block)
        # columns laid out with spaces leave long runs of them; figures that only follow
        # their labels (``…数量   ３   ２``) do not
        if " " * 6 in joined and "|" not in joined and "\t" not in joined and _column_aligned(block):
            aligned = _aligned_block(block)
        if aligned is None and "|" not in joined and "\t" not in joined:
            # cells joined by a fixed run of spaces, a blank cell a wider run
            aligned = _gapped_rows(block)
        out.extend(aligned if aligned is not None else block)
        block.clear()

    for line in lines:
        if line.strip():
            block.append(line)
        else:
            flush()
            out.append(line)
    flush()
    return out


def read_text(data: bytes) -> Layout:
    """Turn plain-text bytes into a :class:`Layout`.

    :param data: the file's bytes.
    :raises TextError: when the bytes are not text or hold no text at all.
    """
    text = decode_text(data)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    layout = Layout()
    head = [i for i, line in enumerate(lines[:8]) if line.strip() == "----"]
    if head and lines[0].startswith("SOURCE:"):
        kept = [line for line in lines[: head[0]] if line.startswith("SOURCE:")]
        lines = kept + lines[head[0] + 1:]
    lines = _align_spaced_tables(lines)
    block, table = 0, None  # lines since the last empty line; the block's table number
    for line in lines:
        if _TRUNCATION_MARK.match(line.strip()):
            layout.warnings.append(warn("text_truncated", "text truncated: " + line.strip().strip("[]")))
            continue
        line = line.rstrip("\r")  # trailing tabs are blank cells
        if not line.strip():
            block, table = 0, None
            layout.lines.append(line)
            continue
        if "|" in line or "\t" in line:
            if table is None:
                table = layout.new_table()
            layout.lines.append(TextRow(line, table, block))
        else:
            layout.lines.append(line)
        block += 1
    if not any(line.strip() for line in layout.lines):
        raise TextError("no text")
    return layout
