"""The intermediate form every input kind produces and every generation mapper reads.

An input-kind module (``html.py``, ``pdf.py``, ``docx.py``, ``doc.py``, ``text.py``,
``ocr.py``) turns bytes into a :class:`Layout`: the document as a sequence of lines in
reading order (``Layout.lines``, a ``list[str]``).

Text that came without structure (PDF text layers, plain text, paragraphs) is a plain
``str`` line, passed on as it was read.

A table row that the input kind could see as a row is a :class:`Row`: a ``str`` whose
text is its cells joined by :data:`CELL_SEP` (so ``"行政许可 |  | 3"`` keeps the blank),
and which keeps the cells themselves in ``Row.cells``, each a :class:`Cell` with its
text, 1-based page, 1-based table number in the document, 0-based row and column in
that table's grid and, when the reader knows it, its box on the page in PDF points
``(x0, top, x1, bottom)`` measured from the page's top-left corner (pdfplumber's
convention), and a reading confidence in [0, 1] (OCR). A blank cell has text ``""``;
a cell whose marks could not be read (OCR) has text :data:`UNREAD_CELL`.
Horizontally merged cells appear once (``col`` is their first grid column; the box
covers the whole merged cell); vertically merged label cells appear on the first row
they span. (Rows read from plain text keep the line as printed, ``|`` or tab
separated, and split their cells when asked: :class:`extract.text.TextRow`.)

Building a layout::

    layout = Layout()
    layout.lines.append("一、总体情况")                       # a text line
    layout.add_row(["规章", "", "3"])                         # cells as strings: no position
    layout.add_row([Cell("予以公开", page=2, table=3, row=4, col=0, box=(72.0, 300.5, 180.0, 318.0)),
                    Cell("12", page=2, table=3, row=4, col=1, box=(180.0, 300.5, 230.0, 318.0),
                         confidence=0.97)])

Putting layouts together (OCR'd pages or pictures into a document):
``layout.lines[i:i] = layout.adopt(part)`` numbers ``part``'s tables after the layout's
own, and ``layout.renumber_tables()`` afterwards numbers them in reading order again.

Reading it: ``layout.lines`` as before (every :class:`Row` is also its joined text),
``layout.cells_of(i)`` for line ``i``'s cells (``None`` for a text line), and
:meth:`Layout.map_text` to rewrite the text of every line and cell alike (character
folding) without losing the cells. Slicing, ``extend`` and concatenation of
``layout.lines`` keep the :class:`Row` objects and so their cells; building a new
string from a row (``line.strip()``, ``normalize(line)``) gives a plain ``str``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, NamedTuple

CELL_SEP = " | "
#: a table cell holding marks that could not be read (OCR): no value, never a 0
UNREAD_CELL = "\ufffd"

#: an OCR reading with less confidence than this gives its figure a warning, and a
#: finding resting on it is *uncertain*. Calibrated on four independent scan sets
#: (seeds 9–12: 21,000 right cells, 9 wrong): every wrong cell an engine read stood under
#: 0.47 or over 0.94, while 0.80 warned about 3.6 % of the right cells (0.60: 1.5 %)
LOW_CONFIDENCE = 0.60

#: a box on the page in PDF points: ``(x0, top, x1, bottom)`` from the page's top-left corner
Box = tuple[float, float, float, float]


class Cell(NamedTuple):
    """One table cell as the reader saw it (immutable; ``cell._replace(text=…)`` for a changed copy).

    :param text: the cell's text, stripped ("" for a blank cell).
    :param page: 1-based page number (``None`` where the input has no pages: HTML, text).
    :param table: 1-based number of the table among the document's tables, in reading
        order (every table the reader saw counts, not only the template's).
    :param row: 0-based row in that table's grid.
    :param col: 0-based column in that table's grid (a merged cell's first column).
    :param box: ``(x0, top, x1, bottom)`` in PDF points from the page's top-left corner,
        or ``None`` when the reader could not place the cell (HTML, DOCX, text).
    :param confidence: reading confidence in [0, 1] (OCR), ``None`` when read from text.
    """

    text: str
    page: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    box: Box | None = None
    confidence: float | None = None


class Row(str):
    """A table row: the ``str`` of its cells joined by :data:`CELL_SEP`, with the cells in
    ``cells`` (a tuple of :class:`Cell`, in printed order)."""

    cells: tuple[Cell, ...]

    def __new__(cls, cells: Iterable[Cell], text: str | None = None) -> "Row":
        cells = tuple(cells)
        obj = super().__new__(cls, CELL_SEP.join([cell.text for cell in cells]) if text is None else text)
        obj.cells = cells
        return obj

    def __reduce__(self):
        return Row, (self.cells, str(self))


def as_cells(cells: Iterable[Cell | str], *, page: int | None = None, table: int | None = None,
             row: int | None = None) -> list[Cell]:
    """Cells from :class:`Cell` objects or plain strings (stripped; a string's column is its index)."""
    out = []
    for index, cell in enumerate(cells):
        if type(cell) is Cell:
            text = cell.text
            out.append(cell if text == text.strip() else cell._replace(text=text.strip()))
        else:
            out.append(Cell(cell.strip(), page, table, row, index))
    return out


@dataclass
class Layout:
    """A document reduced to lines (text lines and :class:`Row` table rows), plus what
    the input kind noticed on the way."""

    #: the document's lines in reading order: ``str`` text lines and :class:`Row` table rows
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
    #: what went wrong or was guessed while reading: :class:`extract.schema.ExtractionWarning`
    #: (``{"code", "detail"}``), made with :func:`extract.schema.extraction_warning`
    warnings: list[dict] = field(default_factory=list)
    #: per-line confidence in [0, 1] for OCR'd lines (line index → confidence)
    confidence: dict[int, float] = field(default_factory=dict)
    #: per-cell OCR readings of table rows, so figures can be tied to confidences:
    #: dicts with ``line_index``, ``cell_index``, ``text``, ``confidence`` (0-1) and
    #: ``alternatives`` (other readings, best first, as ``[text, support]`` pairs)
    ocr_cells: list[dict] = field(default_factory=list)
    #: number of pages of a paged input (PDF), ``None`` otherwise
    pages: int | None = None
    #: 1-based page number → index in ``lines`` where that page's OCR'd lines belong
    #: (pages listed in ``pages_needing_ocr``)
    ocr_insert_at: dict[int, int] = field(default_factory=dict)
    #: tables seen so far (the next table's number is ``tables + 1``)
    tables: int = 0

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def add_row(self, cells: Iterable[Cell | str], *, page: int | None = None, table: int | None = None,
                row: int | None = None) -> Row:
        """Append a table row as one line and return it.

        :param cells: :class:`Cell` objects, or strings (then ``page``, ``table`` and
            ``row`` are given to every cell and each string's index is its column).
        """
        line = Row(as_cells(cells, page=page, table=table, row=row))
        self.lines.append(line)
        return line

    def new_table(self) -> int:
        """Count one more table and return its 1-based number."""
        self.tables += 1
        return self.tables

    def adopt(self, part: "Layout") -> list[str]:
        """``part``'s lines with its tables numbered after this layout's (``tables`` grows by
        ``part.tables``), to be put into ``lines`` (OCR'd pages and pictures spliced in);
        :meth:`renumber_tables` then restores reading order."""
        offset = self.tables
        self.tables += part.tables
        if not offset:
            return list(part.lines)
        return [Row(tuple(c._replace(table=c.table + offset) if c.table is not None else c for c in line.cells),
                    str(line)) if isinstance(line, Row) else line for line in part.lines]

    def renumber_tables(self) -> None:
        """Number the tables 1, 2, … in the order they first appear in ``lines`` (after
        lines from several sources were spliced together with :meth:`adopt`)."""
        order: dict[int, int] = {}
        for _, row in self.rows():
            for cell in row.cells:
                if cell.table is not None and cell.table not in order:
                    order[cell.table] = len(order) + 1
        if all(old == new for old, new in order.items()):
            return
        self.lines = [Row(tuple(c._replace(table=order[c.table]) if c.table is not None else c for c in line.cells),
                          str(line)) if isinstance(line, Row) else line for line in self.lines]

    def cells_of(self, index: int) -> tuple[Cell, ...] | None:
        """The cells of line ``index``, or ``None`` when it is a text line."""
        line = self.lines[index]
        return line.cells if isinstance(line, Row) else None

    def rows(self) -> Iterator[tuple[int, Row]]:
        """``(line index, row)`` for every table row, in order."""
        return ((i, line) for i, line in enumerate(self.lines) if isinstance(line, Row))

    def map_text(self, fn: Callable[[str], str]) -> None:
        """Apply ``fn``, a character folding, to every line's text and, for rows, to every
        cell's text, keeping the cells. A row whose text ``fn`` leaves as it is keeps its
        cells as they are."""
        mapped = []
        for line in self.lines:
            folded = fn(line)
            if folded == line:
                mapped.append(line)
            elif isinstance(line, Row):
                mapped.append(Row(tuple(c._replace(text=fn(c.text)) for c in line.cells), folded))
            else:
                mapped.append(folded)
        self.lines = mapped
