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


def _align_spaced_tables(lines: list[str]) -> list[str]:
    """``lines`` with each block (lines between empty lines) that lays a table out in
    display columns, with no ``|`` or tab rows, rewritten as ``label | 3 |  | 5`` rows."""
    if " " * 6 not in "\n".join(lines):
        return lines  # no long run of spaces: no table laid out in columns
    out: list[str] = []
    block: list[str] = []

    def flush():
        aligned = None
        joined = "\n".join(block)
        # columns laid out with spaces leave long runs of them; figures that only follow
        # their labels (``…数量   ３   ２``) do not
        if " " * 6 in joined and "|" not in joined and "\t" not in joined and _column_aligned(block):
            aligned = _aligned_block(block)
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
