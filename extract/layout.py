"""The intermediate form every input kind produces and every generation mapper reads.

An input-kind module (``html.py``, ``pdf.py``, ``docx.py``, ``doc.py``, ``text.py``,
``ocr.py``) turns bytes into a :class:`Layout`: the document as a sequence of text
lines in reading order. A table row that the input kind could see as a row is one
line whose cells are joined by :data:`CELL_SEP`, with an empty string for a blank
cell (so ``"行政许可 |  | 3"`` keeps the blank) and :data:`UNREAD_CELL` for a cell whose
marks could not be read (OCR). Horizontally merged cells appear
once; vertically merged label cells appear on the first row they span.
Text that came without structure (PDF text layers, plain text) is passed on as it
was read, one line per line.
"""
from __future__ import annotations

from dataclasses import dataclass, field

CELL_SEP = " | "
#: a table cell holding marks that could not be read (OCR): no value, never a 0
UNREAD_CELL = "\ufffd"


@dataclass
class Layout:
    """A document reduced to lines, plus what the input kind noticed on the way."""

    lines: list[str] = field(default_factory=list)
    #: document title from metadata or markup (``<title>``, PDF Title), if any
    title_hint: str | None = None
    #: the titles the page's markup states, one per line (HTML ``ArticleTitle``, ``<h1>``,
    #: ``<title>`` less the site name); trusted over text lines when they name a report and a year
    markup_title: str | None = None
    #: publication date from the page's markup (``<meta name="PubDate">``), as printed
    markup_date: str | None = None
    #: 1-based page numbers with no usable text layer (to be sent through OCR)
    pages_needing_ocr: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: per-line confidence in [0, 1] for OCR'd lines (line index → confidence)
    confidence: dict[int, float] = field(default_factory=dict)
    #: per-cell OCR readings of table rows, so figures can be tied to confidences:
    #: dicts with ``line_index``, ``cell_index``, ``text``, ``confidence`` (0-1) and
    #: ``alternatives`` (other readings, best first, as ``[text, support]`` pairs)
    ocr_cells: list[dict] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def add_row(self, cells: list[str]) -> None:
        """Append a table row as one line."""
        self.lines.append(CELL_SEP.join(c.strip() for c in cells))
