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
