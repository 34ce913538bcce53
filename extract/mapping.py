"""Map a :class:`~extract.layout.Layout` onto canonical figures, sections and metadata.

:func:`map_layout` is the one entry point every input kind feeds into. The tables are
read by *anchoring*: each template row (in template order, from :mod:`extract.gen2021`
or :mod:`extract.gen2019`) is looked for by a label regex that tolerates garbling, each
row after the previous one; the text between one row's label and the next row's label
holds that row's figures. That text is then read in the most structured way it allows:

1. numeric cells (``" | "``/tab separated, one per line, or ``"0 0 0"``) in order;
2. a row line with blank cells (empty, ``—``, ``/``, ``无``), blanks read as 0;
3. flattened digits (``规章000``, ``801000081``): every cut into the row's cell count is
   listed; one cut is taken; several are left to the table's own rules (row sums,
   balance) and, when still ambiguous, the row is left out with a warning.

Structured lines (``" | "`` or tab separated rows) are read one row per line; a row
whose label is unreadable takes the next line that carries figures, a label garbled by
one stray character (``国家秘开密``) is found in a second pass, two labels merged in one
cell share the lines after them, and figures printed just before their label are
moved to it. Table 3 printed with numbers before, between or after label fragments
(PDF text layers) is read by order instead: when the region holds exactly one run of
seven numbers per template row, the runs are assigned to the rows in order; with
labels unreadable (OCR) but exactly seven numeric cells per row, cell by cell.

A missing table or row gives no keys and a warning; printed figures are never altered.

Rows of OCR'd tables are then placed by their grid position where their labels agree
(:mod:`extract.grid_rows`, :func:`_place_by_grid`): the grid's reading of a placed row
replaces the label anchoring's, and figures the grid contradicts are dropped.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass, field

from extract import checks, free, gen2021, generations, meta, schema
from extract.layout import UNREAD_CELL, Layout, Row
from extract.numbers import (CHANGE_WORD, NUMBER, SIGNED_WORDS, UNREAD, blank_value, clean, digit_runs, is_blank,
                             valid_number_text,
                             normalize, numbers_in_cell, Printed,
                             printed_as, split_digit_runs)
from extract.schema import extraction_warning as warn
from extract.sections import find_sections, section_texts

_CELL_SPLIT = re.compile(r"[ ]*(?:\||\t)[ ]*")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LOOKAHEAD = 6
_SUB_NUMBER = {str(n): re.compile(rf"{n}\s*[.、]\s*$") for n in range(1, 10)}
_WORDS = re.compile(r"[\s|]+")


@dataclass
class RowSpec:
    key: str           # "t3.new"
    columns: tuple     # column keys in printed order
    pattern: re.Pattern
    sub: str | None = None

    @functools.cached_property
    def keys(self) -> tuple[str, ...]:
        return tuple(f"{self.key}.{c}" for c in self.columns)


@dataclass
class TableResult:
    figures: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)
    #: row key → list of candidate value tuples (flattened digits with several cuts)
    ambiguous: dict = field(default_factory=dict)
    #: row key → the digits text, for warnings
    ambiguous_text: dict = field(default_factory=dict)
    #: rows (``granted``, without the table) whose blank cells were read as 0
    blank_rows: list = field(default_factory=list)
    #: rows whose figures came from printed numbers (not only from blank cells)
    rows_with_numbers: int = 0
    #: figure key → ``(start, end, last)``: the stretch of the text its value was read
    #: from, and whether it is the last figure printed there; ``None``: no cell of its own
    spans: dict = field(default_factory=dict)
    #: figure key → ``(offset, last)``: the figure was read from the row's text up to that
    #: offset from the text's start (``None``: up to its end), as its last figure if ``last``
    narrowed: dict = field(default_factory=dict)
    #: table-3 rows printing fewer cells than columns: row key → the values printed
    #: before the total, in order (``None`` for an empty cell); see :func:`_place_short_rows`
    short_rows: dict = field(default_factory=dict)
    #: the table's rows (pieces of text), for evidence read only when a row needs it
    pieces: list = field(default_factory=list)
    #: every whole row's line ends with a bar (``… | 5 | 8 |``): a bar ending a row's
    #: line closes it, and the empty "cell" after it is none (see :func:`_closing_bars`)
    closing_bars: bool = False
    #: the table prints blank cells as nothing: two or more of its row lines print
    #: figures with empty cells among them (see :func:`_blanks_print_nothing`)
    blanks_print_nothing: bool = False
    #: two or more of its rows show it, enough for another table of the document to go by
    blanks_shown: bool = False
    #: rows print one cell per line, a blank cell as an empty line (:func:`_empty_line_rows`):
    #: a row printing only its label is blank only with as many empty lines as it has cells
    empty_line_cells: bool = False
    #: the table's text was read by OCR (see :func:`_read_table`)
    ocr: bool = False
    #: nothing follows the table's text: the document may stop inside its last row
    text_ends: bool = False
    #: every row printed its label alone, read as blank cells (see :func:`_read_table`)
    all_blank: bool = False
    #: table-3 rows printing two cells, the first above the last (left out): row key →
    #: the first, which :func:`_place_short_rows` may place under 自然人, and the
    #: ``row_incomplete`` warning that left the row out
    slipped_rows: dict = field(default_factory=dict)
    #: table-3 rows read as six figures and a blank total (:func:`_spaced_row_blank_total`),
    #: kept where the table's column sums confirm them (:func:`_confirm_blank_totals`):
    #: ``(row key, the warning saying so)``
    blank_totals: list = field(default_factory=list)

    @functools.cached_property
    def cell_line_gap(self) -> int | None:
        """In a table printed one cell per line, how many empty lines follow every whole
        row's last cell (``None``: not such a table, or its rows disagree); see
        :func:`_cell_line_gap`. Read when a row is one cell short."""
        return _cell_line_gap(self.pieces, len(self.pieces[0][0][0].columns)) if self.pieces else None

    def blank_row(self, row_key: str) -> None:
        """Note that a row's (``t3.granted``) blank cells were read as 0: its table carries
        one ``blank_cells_zero`` warning naming all such rows, where the first was noted."""
        table, row = row_key.split(".", 1)
        self.blank_rows.append(row)
        detail = f"table {table[1:]}: blank cells read as 0 in rows {', '.join(self.blank_rows)}"
        noted = next((w for w in self.warnings if w["code"] == "blank_cells_zero"), None)
        if noted is None:
            self.warnings.append(warn("blank_cells_zero", detail))
        else:
            noted["detail"] = detail

    def printed_blank(self, spec: RowSpec, within: int | None, mark: str = "") -> None:
        """Read every cell of ``spec``'s row as a printed blank (0; ``mark`` the blank
        printed, ``""`` for an empty cell), from the first ``within`` characters of its
        text, and note the row (:meth:`blank_row`)."""
        self.figures.update(dict.fromkeys(spec.keys, blank_value(mark)))
        self.narrow(spec.keys, within)
        self.blank_row(spec.key)

    def narrow(self, keys, within: int | None, last: bool = False) -> None:
        """Say that the figures of ``keys`` were read from the first ``within`` characters
        of their row's text (the label's line, a run of cell lines), or that each is the
        last figure printed there (``last``: a short row's total)."""
        self.narrowed.update(dict.fromkeys(keys, (within, last)))

    def note_span(self, before: int, start: int, end: int) -> None:
        """Record the stretch ``[start, end)`` for the figures added since ``figures`` held
        ``before`` keys, narrowed as :meth:`narrow` said."""
        for key in itertools.islice(self.figures, before, None):
            if key not in self.spans:
                within, last = self.narrowed.get(key, (None, False))
                self.spans[key] = (start, end if within is None else min(end, start + within), last)


# --- anchoring ---------------------------------------------------------------------

def _label_start(text: str, pos: int, sub: str | None, floor: int) -> int:
    """Back up from a keyword over the rest of its label and its sub-number (``2.``)."""
    start = pos
    steps = 0
    while start > floor and steps < 12 and _CJK.match(text[start - 1]):
        start -= 1
        steps += 1
    if sub:
        window_start = max(floor, start - 6)
        match = _SUB_NUMBER[sub].search(text[window_start:start])
        if match:
            start = window_start + match.start()
    return start


def _anchor(text: str, rows: list[RowSpec], start: int, end: int,
            substitute: bool = False) -> list[tuple[int, int, int]]:
    """``(row index, label start, label end)`` for each row found, in order.

    :param substitute: also find the longer labels with one character misread (table 2:
        ``行政事业性收导``), rows after the last one found included.
    """
    anchors = []
    cursor, i = start, 0
    # row → (where it was last searched from, the first match found): a search from a later
    # cursor that is still before that match finds the same match (or again none)
    searched: dict[int, tuple[int, re.Match | None]] = {}

    def first_match(j: int) -> re.Match | None:
        known = searched.get(j)
        if known is not None and known[0] <= cursor and (known[1] is None or known[1].start() >= cursor):
            return known[1]
        match = rows[j].pattern.search(text, cursor, end)
        while match is not None and _in_prose(text, match.start(), match.end()):
            match = rows[j].pattern.search(text, match.end(), end)
        searched[j] = (cursor, match)
        return match

    while i < len(rows):
        best = None
        for window in (min(i + _LOOKAHEAD, len(rows)), len(rows)):
            # rows a few ahead first; then any later row (rows left out of the table,
            # a table continued on a page that starts further down)
            for j in range(i, window):
                match = first_match(j)
                if match and (best is None or match.start() < best[1].start()):
                    best = (j, match)
            if best is not None:
                break
        if best is None:
            break
        j, match = best
        anchors.append((j, _label_start(text, match.start(), rows[j].sub, cursor), match.end()))
        cursor, i = match.end(), j + 1
    return _anchor_garbled(text, rows, anchors, start, end if substitute else None)


#: a row's label named in a sentence: straight after a comma or full stop, or after an
#: enumeration mark that follows a word (``…公开2条、行政处罚1条``, ``…18件,行政许可共…``;
#: a label's own ``三、`` follows a numeral)
_PROSE_BEFORE = re.compile(r"(?:[，,。；;]|(?<=[^\s一二三四五六七八九十\d|(（)）])、)\s*$")


#: a sentence's end after a label, before any figure (``…行政规范性文件。``)
_PROSE_AFTER = re.compile(r"[^\d\n|\t。；;]{0,20}[。；;]")


def _in_prose(text: str, at: int, end: int | None = None) -> bool:
    """Whether the label found at ``at`` (ending at ``end``) stands in a sentence (a
    paragraph before the table counting what it lists, ``本年度未制发…行政规范性文件。``),
    not at a row's start."""
    if at and text[at - 1] not in "\n|\t" and _PROSE_BEFORE.search(text, max(0, at - 3), at):
        return True
    if end is None:
        return False
    after = text[end:end + 21]
    return ("。" in after or "；" in after or ";" in after) and _PROSE_AFTER.match(text, end) is not None


#: keywords at least this long may also be found with one character misread
_SUBSTITUTE_MIN = 5


def _fuzzy(pattern: re.Pattern, substitute: bool = False) -> re.Pattern | None:
    """The anchor's plain CJK keywords with one stray character allowed between any two
    of their characters (OCR: ``国家秘开密``); with ``substitute``, keywords of five or
    more characters also with any one character misread (``事业性收导``)."""
    words = [w for w in pattern.pattern.replace(r"\s*", "").split("|")
             if len(w) >= 3 and re.fullmatch(r"[\u4e00-\u9fff]+", w)]
    if not words:
        return None
    variants = ["[^\n|\t]?".join(w) for w in words]
    if substitute:
        variants += [w[:i] + r"[^\n|\t\s\d]" + w[i + 1:] for w in words if len(w) >= _SUBSTITUTE_MIN
                     for i in range(len(w))]
    return re.compile("|".join(variants))


_FUZZY: dict[tuple[str, bool], re.Pattern | None] = {}


def _anchor_garbled(text: str, rows: list[RowSpec], anchors: list, start: int,
                    end: int | None = None) -> list:
    """Second pass: a row not found between two found rows is looked for with its
    keywords garbled by one stray character, only inside that gap. With ``end`` (table
    2), longer keywords may also have one character misread, and rows after the last
    one found are looked for up to ``end``."""
    if not anchors:
        return anchors
    filled = []
    previous_end, previous_row = start, -1
    for row_index, label_start, label_end in anchors + [(len(rows), None, None)]:
        gap_end = label_start if label_start is not None else (end if end is not None else previous_end)
        for missing in range(previous_row + 1, row_index):
            if label_start is None and end is None:
                break  # rows after the last one found: the table may simply stop
            key = (rows[missing].pattern.pattern, end is not None)
            if key not in _FUZZY:
                _FUZZY[key] = _fuzzy(rows[missing].pattern, end is not None)
            fuzzy = _FUZZY[key]
            match = fuzzy.search(text, previous_end, gap_end) if fuzzy else None
            if match:
                filled.append((missing, _label_start(text, match.start(), rows[missing].sub, previous_end),
                               match.end()))
                previous_end = match.end()
        if label_start is not None:
            filled.append((row_index, label_start, label_end))
            previous_end, previous_row = label_end, row_index
    return filled


# --- reading one row's text ------------------------------------------------------------

_SPACED_CELL = r"(?:[-+]?[\d.,]+|[—/／无-]+|" + CHANGE_WORD + ")"
_SPACED_ROW = re.compile(r"\S(?: {2,}|\u3000+)(?:[-+]?\d|[—/／无-]+(?:\s|$)|" + CHANGE_WORD + ")"
                         r"|^(?: {2,}|\u3000+)" + _SPACED_CELL
                         + r"(?:(?: {2,}|\u3000+)" + _SPACED_CELL + r")*\s*$")
_SPACES = re.compile(r" {2,}|\u3000+")


#: a row's line printing, after its label (or the rest of it), bars alone: its cells blank
_BARS_ONLY = re.compile(r"[^|\d]*\|[\s|]*")
_PADDING_BARS = re.compile(r"(?<=\S)\s+\|{2,}\s*$")
#: a blank last cell printed as two spaces between bars, then bars padding the row
_BLANK_BEFORE_PADDING = re.compile(r"\| {2}\|{2,}\s*$")


def _split_cells(line: str) -> tuple[list[str], bool]:
    """A line's cells and whether it is a row with separators (a fresh list each call)."""
    cells, structured = _split_cells_cached(line)
    return list(cells), structured


@functools.lru_cache(maxsize=1 << 14)
def _split_cells_cached(line: str) -> tuple[tuple[str, ...], bool]:
    cells, structured = _split(line)
    return tuple(cells), structured


def _split(line: str) -> tuple[list[str], bool]:
    if "||" in line:
        # bars run together after a row's last cell pad it to the table's width
        # (``| 4 | 5 | |||||``); blank cells print as ``|  |``
        line = _PADDING_BARS.sub("", line)
    if "|" not in line and "\t" not in line and ("  " in line or "\u3000" in line) and _SPACED_ROW.search(line):
        # a text export aligning cells with runs of spaces (``行政规范性文件   8   —   11``)
        # (a line starting with spaces is the rest of a label line: its first cell is empty)
        return [c.strip() for c in _SPACES.split(line.rstrip())], True
    if "|" in line or "\t" in line:
        cells = [c.strip() for c in _CELL_SPLIT.split(line)]
        if line.startswith("|") and len(cells) > 2:
            # a Markdown-style row ``| a | 1 |``: the outer bars open and close the row
            # (a blank first cell of a layout row prints as `` | 1``, with its space)
            cells = cells[1:-1] if line.rstrip().endswith("|") and not cells[-1] else cells[1:]
        return cells, True
    return [line.strip()], False


def _numeric_cells(segment: str) -> list:
    """The numbers of a text's cells, in order (a fresh list each call)."""
    return list(_numeric_cells_cached(segment))


@functools.lru_cache(maxsize=1 << 12)
def _numeric_cells_cached(segment: str) -> tuple:
    values = []
    for line in segment.split("\n"):
        cells = _split_cells_cached(line)[0]
        # an OCR'd cell no engine could read between two figures keeps its place (one
        # before the first figure may be a piece of the label's cell: no figure)
        numbered = [k for k, c in enumerate(cells) if numbers_in_cell(c)] if UNREAD_CELL in line else []
        for k, cell in enumerate(cells):
            found = numbers_in_cell(cell)
            if found:
                values.extend(found)
            elif cell == UNREAD_CELL and numbered and numbered[0] < k < numbered[-1]:
                values.append(UNREAD)
    return tuple(values)


def _window(cells: list[str], n: int, all_blank: bool = False) -> list | None:
    """Read ``n`` cells of a row line where blank cells print 0 (``all_blank``: a row
    with no number at all is accepted too)."""
    printed = cells
    if len(cells) > n and not cells[-1].strip():
        cells = cells[:-1]  # the closing separator of ``| a | 1 |``
    numeric = [i for i, c in enumerate(cells) if numbers_in_cell(c) or c.strip() == UNREAD_CELL]
    if len(cells) < n or not (numeric or all_blank):
        return None
    filled = [i for i, c in enumerate(cells) if c.strip()]
    if numeric and numeric[0] == 0 and len(filled) < n and len(cells) != n and filled[-1] < len(cells) - 1 \
            and filled[-1] != n - 1:
        # numbers straight after the label, then only empty cells, in a row wider than
        # the table: padding (``| 0 | 0 | |||||``), not blank cells; which columns the
        # numbers stand in is unknown. A row whose figures stand in its first and its
        # n-th cell (``| 1 | | | | | | 1 | |``) spans the table: its empty cells between
        # are blank cells, those after it padding.
        values = [_cell_value(c) for c in cells[:n - 1]]
        if not (n == len(schema.T3_COLUMN_KEYS) and numeric == list(range(n - 1)) and None not in values
                and not _can_be_total(values[:-1], values[-1])):
            return None
        # table 3's row printing six figures from its first cell, the last no sum of the
        # others (so no total): they stand in the six columns before 总计, and the empty
        # cell after them is the blank total (``| 1 | 0 | 0 | 0 | 0 | 0 |  | |``)
        return values + [blank_value("")]
    if not numeric:
        # a row printing no number: its cells are the ones after its label, which may be
        # repeated across the label's span (``L\tL\tL\t\t…``); any n of them read 0
        labels = [i for i, c in enumerate(cells) if c.strip() and not is_blank(c)]
        start = labels[-1] + 1 if labels else 0
        if len(cells) - start < n:
            if len(printed) - start < n:
                return None
            cells = printed  # tab-separated: the last empty cell is a cell, not a closing bar
    else:
        start = 0 if numeric[-1] < n else numeric[-1] - n + 1
        if start + n < len(cells) and cells[-1].strip() and not any(c.strip() for c in cells[:len(cells) - n]):
            # a printed mark in the last cell (``— … 21 … —``) is never dropped: the
            # extra cells are empty ones before the row (an indented line)
            start = len(cells) - n
        if numeric[0] < start:
            return None
    values = []
    for cell in cells[start:start + n]:
        found = numbers_in_cell(cell)
        if found and len(found) == 1:
            values.append(found[0])
        elif is_blank(cell):
            values.append(blank_value(cell))
        elif cell.strip() == UNREAD_CELL:
            values.append(UNREAD)  # keeps its column; left out of the figures
        else:
            return None
    return values


def _blank_cells(segment: str, n: int, ocr: bool = False, one_row: bool = False) -> tuple[list, bool] | None:
    """Values of a row whose blank cells print nothing (``规章 | 0 | 0 | |``), and whether
    they were read off the label's own line.

    A label wrapped over lines may print the row's cells on a later line of it
    (``2.申请人逾期未按收费通`` / ``处理知要求缴纳费用…公 | — | 2 | 0 | …`` / ``开申请``): that
    line's cells after its label text are the row's, when the segment is the text of one
    row (``one_row``: no row whose label was lost among it) and not OCR's.

    A row set apart by single spaces printing blank marks only, fewer than its cells
    (``规章 —``: a table without rules, one cell printed as a dash, the others as
    nothing), is blank in every cell, whichever column the marks stand in (the template:
    blank and ``—`` are 0); not so in text OCR read (``ocr``), which can lose a figure."""
    lines = segment.split("\n")
    first, structured = _split_cells(lines[0])
    if structured:
        values = _window(first[1:], n, all_blank=True)
        if values is not None:
            return values, True
    # a row set apart by single spaces with a blank mark among its cells (``行政强制 —``,
    # ``规章 0 — 3``): every token after the label a cell, the row's text ending there; the
    # cells may follow the label's wrapped rest (``…重新出具`` / ``已获取信息 — — …``)
    at = 0
    while at < min(4, len(lines) - 1) and "|" not in lines[at] \
            and _LABEL_TEXT.fullmatch(lines[at]) and not any(is_blank(t) for t in lines[at].split()):
        at += 1
    if at and one_row and not ocr and "|" in lines[at]:
        cells, wrapped = _split_cells(lines[at])
        if wrapped and cells[0].strip() and _LABEL_TEXT.fullmatch(cells[0]) and not _ITEM_NUMBER.match(cells[0]) \
                and _bare_label("\n".join(lines[at + 1:])):
            values = _window(cells[1:], n, all_blank=True)
            if values is not None and len(cells) - 1 == n:
                return values, False
    tokens = [] if structured or "|" in lines[at] else lines[at].split()
    while len(tokens) > n and not is_blank(tokens[0]) and _LABEL_TEXT.fullmatch(tokens[0]):
        tokens.pop(0)  # the rest of the label (``信访`` matched, ``举报投诉类申请 — — …`` left)
    if len(tokens) == n and (any(is_blank(t) for t in tokens) or at and one_row and not ocr) \
            and _bare_label("\n".join(lines[at + 1:])):
        # (all n figures on the wrapped label's last line, ``（区分处理的，只计这一情`` /
        # ``形，不计其他情形） 447 7 0 0 0 0 454``: the row's, in the text of one row)
        values = [_cell_value(t) for t in tokens]
        if None not in values:
            return values, at == 0
    if not ocr and 1 <= len(tokens) < n and all(is_blank(t) for t in tokens) \
            and _bare_label("\n".join(lines[at + 1:])):
        return [blank_value(tokens[0])] * n, at == 0
    # one cell per line, each ending in "|": a lone "|" is a blank cell
    pipe_lines = [ln for ln in lines[1:] if ln.strip().endswith("|")]
    if len(pipe_lines) >= n and len(pipe_lines) >= len([ln for ln in lines[1:] if ln.strip()]) - 1:
        values = _window([ln.strip().rstrip("|").strip() for ln in pipe_lines], n)
        return (values, False) if values is not None else None
    return None


_HEADER_WORDS = re.compile(r"信息内容|本年|数量|件数|第二十条|金额|项目|申请人|自然人|法人|总计|结果|审结|起诉|复议|诉讼")


def _trailing_cells(cells: list[str]) -> tuple[list[str], bool]:
    """The cells after a line's last text cell, and whether that text looks like a row
    label (not a header)."""
    last_text = max((i for i, c in enumerate(cells) if not numbers_in_cell(c) and not is_blank(c)), default=-1)
    label = cells[last_text] if last_text >= 0 else ""
    return cells[last_text + 1:], bool(label) and not _HEADER_WORDS.search(label)


def _after_label_cells(cells: list[str]) -> list[str]:
    """A row line's cells after its label without the label text printed again at their
    head: a label cell spanning several columns that an export repeats in each
    (``（一）予以公开 | （一）予以公开 | 2 | — …``), or a wrapped label's rest. Only text
    before every figure and blank mark goes; a line whose text stands among its figures
    is returned as it is."""
    lead = 0
    while lead < len(cells) and cells[lead].strip() and not numbers_in_cell(cells[lead]) \
            and not is_blank(cells[lead]) and _CJK.search(cells[lead]):
        lead += 1
    rest = cells[lead:]
    if lead and any(c.strip() and not numbers_in_cell(c) and not is_blank(c) for c in rest):
        return cells
    return rest


#: a line printing one table cell, as one-cell-per-line exports print them: ``3 |``,
#: ``3|``, `` |`` (a blank cell), ``3\t``, ``\t3``, or bare ``3``
_CELL_LINE = re.compile(r"\s*?\t?(?P<cell>[^\t|]*?)\s*(?:\t|\s*\|(?:\s*\|+)?)?\s*")


def _lone_cell(line: str) -> str | None:
    """The cell a line prints when it prints one cell (:data:`_CELL_LINE`), stripped; else ``None``."""
    match = _CELL_LINE.fullmatch(line)
    return match.group("cell").strip() if match else None


def _lone_figure(line: str) -> bool:
    """Whether a line prints one cell holding one figure (a number, with or without a unit,
    or 本年增/减 in words)."""
    cell = _lone_cell(line)
    found = numbers_in_cell(cell) if cell else None
    return found is not None and len(found) == 1


def _lone_mark(line: str) -> bool:
    """Whether a line prints one cell holding a printed blank (``/``, ``—``, ``无``)."""
    cell = _lone_cell(line)
    return bool(cell and cell.strip() and is_blank(cell))


_NEXT_LABEL_HEAD = re.compile(r"[\s\d一二三四五六七八九十（）()、.．]{0,6}")


def _row_cell_lines(segment: str) -> tuple[list[str], int] | None:
    """A one-cell-per-line row's cell lines (after the label's line, up to the empty lines
    before the next label and its group's label, ``（三）不予公开``) and how many empty
    lines follow them; ``None`` when the segment does not end where the next label's line
    starts (its sub-number, or nothing)."""
    lines = segment.split("\n")
    if len(lines) < 3 or not _NEXT_LABEL_HEAD.fullmatch(lines[-1]):
        return None
    body = lines[1:-1]
    while body and re.fullmatch(r"[（(][一二三四五六七八九十][)）][\u4e00-\u9fff]{2,8}\s*", body[-1]):
        body.pop()  # a group's label (（三）不予公开) printed on its own line above the next label
    gap = 0
    while body and not body[-1].strip():
        body.pop()
        gap += 1
    return body, gap


def _cell_line_gap(pieces: list, n: int) -> int | None:
    """How many empty lines follow the last cell of every whole row (``n`` lone figures)
    in a table printed one cell per line: the table's own spacing, so that one more empty
    line after a row's cells is a blank last cell. ``None`` unless two or more whole
    rows agree."""
    gaps = []
    for specs, segment, trailing in pieces:
        if trailing or len(specs) != 1 or len(specs[0].columns) != n:
            continue
        found = _row_cell_lines(segment)
        if found and len(found[0]) == n and all(_lone_figure(line) or _lone_mark(line) for line in found[0]):
            gaps.append(found[1])  # (a blank printed as a mark, ``/``, is a cell of its line too)
    return gaps[0] if len(gaps) >= 2 and len(set(gaps)) == 1 else None


def _closing_bars(pieces: list, n: int) -> bool:
    """Whether the table closes every row line with a bar: two or more whole rows (``n``
    figures on the label's line) and each of their lines ending in ``|``."""
    firsts = [segment.split("\n", 1)[0] for _, segment, _ in pieces]
    if sum(1 for line in firsts if line.rstrip().endswith("|")) < 2:
        return False
    ends = []
    for (specs, _, _), line in zip(pieces, firsts):
        if len(specs[0].columns) != n:
            continue
        cells, structured = _split_cells(line)
        if structured and sum(1 for c in cells[1:] if numbers_in_cell(c)) == n:
            ends.append(line.rstrip().endswith("|"))
    return len(ends) >= 2 and all(ends)


#: a line of label or heading text: CJK and its punctuation (本年增/减's slash included)
_LABEL_TEXT = re.compile(r"[\u4e00-\u9fff（）()、“”\"，,；;：:\s]*(?:增/减[\u4e00-\u9fff（）()、“”\"，,；;：:\s]*)?")


def _bare_label(segment: str) -> bool:
    """Whether a row's text after its label anchor holds nothing but the rest of its label
    and lines of label text (a wrapped label, a group label such as ``（三）不予``), up to
    the next label's sub-number: no figure, no cell, no mark. Its last line may be the
    start of the next row's label, before the words its anchor found: an item number and
    label text (``5.要求行政机关确认或重``, the label wrapped), or label text in cells of
    their own (``三、本年度办理结果 | (一)``)."""
    body = re.sub(r"[\d]{1,2}\s*[.．、]\s*$", "", segment)
    lines = body.rstrip().split("\n")
    if not all(_LABEL_TEXT.fullmatch(line) for line in lines[:-1]):
        return False
    last = lines[-1]
    if _LABEL_TEXT.fullmatch(last):
        return True
    head = _ITEM_NUMBER.match(last)
    cells, structured = _split_cells(last[head.end():] if head else last)
    return bool(head or structured) and all(c.strip() and _LABEL_TEXT.fullmatch(c) for c in cells)


@functools.cache
def _template_chars() -> frozenset[str]:
    """The characters of the template's table labels and headings, item numbers included."""
    words = [c.label for c in schema.T2_COLUMNS.values()] + [c.label for c in schema.T3_COLUMNS]
    words += [c.label for c in schema.T4_COLUMNS] + [g.label for g in schema.T4_GROUPS]
    words += [r.label for rows in schema.T2_ROWS.values() for r in rows]
    words += [r.label for r in schema.T3_ROWS.values()]
    words += ["第二十条第（）项一二三四五六七八九十", "信息内容", "申请人情况", "法人或其他组织", "未经复议直接起诉复议后起诉",
              "（区分处理的，只计这一情形，不计其他情形）", "三、本年度办理结果",
              "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和", "0123456789.．、,，()：:"]
    return frozenset("".join(words))


def _under_a_misread_label(segment: str) -> bool:
    """Whether a line after a row's own line prints figures after a label cell of its
    own that is not the template's text (``| esa | 0 | 0 | 0``: OCR misread another
    row's label). The rest of a wrapped label (``已获取信息 | 0 | …``) is template text."""
    allowed = _template_chars()
    for line in segment.split("\n")[1:]:
        cells, structured = _split_cells(line)
        if not structured or not _numeric_cells(line):
            continue
        texts = [c for c in cells if c.strip() and not numbers_in_cell(c) and not is_blank(c)]
        if any(ch not in allowed and not ch.isspace() for text in texts for ch in text):
            return True
    return False


def _template_labels(key: str) -> list[str]:
    """The CJK text of the template's labels for a row key (``t2.fees``), all generations."""
    table, _, row = key.partition(".")
    rows = [r for rows in schema.T2_ROWS.values() for r in rows] if table == "t2" else \
        list(schema.T3_ROWS.values()) if table == "t3" else []
    return [_NOT_CJK.sub("", r.label) for r in rows if r.key == row]


#: anything but CJK characters
_NOT_CJK = re.compile(r"[^\u4e00-\u9fff]+")


def _under_another_rows_label(segment: str, key: str) -> bool:
    """Whether a line after a row's own line prints figures after a label cell whose
    text is none of the row's own label (``行政事业性收费 | 35 一`` then ``采购 | 54 |
    877.64``: the next sub-table's row, its label cut or misread). The rest of a wrapped
    label (``已获取信息 | 0 | …``) is part of the row's own."""
    own = _template_labels(key)
    if not own:
        return False
    for line in segment.split("\n")[1:]:
        cells, structured = _split_cells(line)
        if not structured or not _numeric_cells(line):
            continue
        for cell in cells:
            words = _NOT_CJK.sub("", cell)
            if words and not numbers_in_cell(cell) and not is_blank(cell) and not any(words in label for label in own):
                return True
    return False


def _rows_of_short_lines(segment: str, n: int) -> bool:
    """Whether the first ``n`` figures after a row's label stand on two or more lines of
    two or more figures each, none of them a whole row (``10 | 7 | 204`` then ``0 | 0 |
    0``): on a scan, each such line is a row of its own whose label and first columns the
    grid lost, not parts of one row."""
    taken = 0
    short = 0
    for line in segment.split("\n"):
        if taken >= n:
            break
        count = len(_numeric_cells(line))
        if count >= n:
            return False
        if count >= 2:
            short += 1
        taken += count
    return short >= 2


def _template_words_only(segment: str) -> bool:
    """Whether a stretch of a table prints only characters of the template's own labels
    and headings (row labels, column headings, 第二十条第（一）项, item numbers), so no
    prose (``见附件``) and no cell of another kind."""
    allowed = _template_chars()
    return all(ch in allowed or ch.isspace() or ch in "|\t" for ch in segment)


#: an empty cell between two separators (``|  |``, a tab pair)
_EMPTY_CELL = re.compile(r"\|[ \u3000]*\||\t[ \u3000]*\t")


def _cell_line_run(segment: str) -> list[str]:
    """The lines after a row's label line that each print one bare cell, a figure or
    nothing (one cell per line without separators, a blank cell an empty line), up to
    the first other line; the segment's last line (where the next row's label begins)
    is never one of them."""
    run = []
    for line in segment.split("\n")[1:-1]:
        bare = line.strip()
        if bare and ("|" in line or "\t" in line or not numbers_in_cell(bare) or not valid_number_text(bare)):
            break
        run.append(bare)
    return run


_EMPTY_LINE = re.compile(r"\n[ \u3000]*\n")


def _empty_line_rows(pieces: list) -> list[list[int]]:
    """Per row printing one cell per line, exactly as many lines as cells, figures and
    empty lines among them (blank cells printed as empty lines): the indexes of the
    lines holding a figure."""
    rows = []
    for specs, segment, _ in pieces:
        if not _EMPTY_LINE.search(segment):
            continue  # (no empty line: no such row)
        run = _cell_line_run(segment)
        figures = [i for i, cell in enumerate(run) if cell]
        if len(run) == len(specs[0].columns) and 0 < len(figures) < len(run):
            rows.append(figures)
    return rows


def _newline_coded_row(segment: str, n: int) -> tuple[list[str], bool] | None:
    """A row printed one cell per paragraph whose blank cells collapse to one newline
    each (``…数量`` / `` `` / ``103`` / `` `` / ``3`` / `` `` / `` `` / `` `` / ``1`` /
    `` `` / `` `` / ``107``: one empty line between neighbouring cells, one more per blank
    cell between them, before the first or after the last): its ``n`` cells (``""`` for a
    blank) and whether it holds a blank so shown; ``None`` when the lines do not decode to
    exactly ``n`` cells that way."""
    lines = segment.split("\n")
    if len(lines) < 3 or _numeric_cells(lines[0]) or "|" in segment or "\t" in segment:
        return None  # (the label line's rest is label text alone)
    cells: list[str] = []
    empty, coded = 0, False
    for line in lines[1:-1]:
        if not line.strip():
            empty += 1
            continue
        cell = line.strip()
        if not (is_blank(cell) or _lone_figure(cell)):
            break
        if empty < 1:
            return None  # two cells on neighbouring lines: no paragraph spacing
        cells += [""] * (empty - 1) + [cell]
        coded = coded or empty > 1
        empty = 0
    # (the next label's line is the segment's last, or the text line that ended the run)
    if empty < 1:
        return None
    cells += [""] * (empty - 1)
    coded = coded or empty > 1
    return (cells, coded) if len(cells) == n else None


def _newline_coded_rows(pieces: list) -> dict[int, list[str]]:
    """The rows of a table printed one cell per paragraph with blank cells collapsed to a
    newline each (:func:`_newline_coded_row`): every row decodes to its cell count so,
    one or more shows a blank that way and one or more prints a figure; piece index →
    cells. Empty unless the whole table does."""
    decoded = {}
    for index, (specs, segment, _) in enumerate(pieces):
        if len(specs) != 1:
            return {}
        found = _newline_coded_row(segment, len(specs[0].columns))
        if found is None:
            if index == len(pieces) - 1 and not re.search(r"\d", segment):
                continue  # (the text's last label, cut before its cells)
            return {}
        decoded[index] = found
    if len(decoded) < 2 or not any(coded for _, coded in decoded.values()) \
            or not any(any(c and not is_blank(c) for c in cells) for cells, _ in decoded.values()):
        return {}
    return {index: cells for index, (cells, _) in decoded.items()}


def _empty_lines_are_cells(pieces: list) -> bool:
    """Whether a table printed one cell per line without separators prints a blank cell
    as an empty line, though no row mixes figures and empty lines (:func:`_empty_line_rows`):
    every row's label is followed by exactly as many cell lines as it has cells, figures
    or empty lines, and the table has no empty line besides (no double spacing); one row
    or more prints a figure, one or more only empty lines (``规章`` / `` `` / `` `` / `` ``
    between ``行政许可`` / ``27``)."""
    figures = blank = False
    for specs, segment, _ in pieces:
        lines = segment.split("\n")
        run = _cell_line_run(segment)
        if len(specs) != 1 or lines[0].strip() or len(run) != len(specs[0].columns) \
                or any(not line.strip() for line in lines[1 + len(run):-1]):
            return False
        figures = figures or any(run)
        blank = blank or not any(run)
    return figures and blank


def _blanks_print_nothing(pieces: list, lined: list[list[int]]) -> tuple[bool, bool]:
    """Whether a table prints blank cells as nothing (a table without rules, read by the
    column positions of its figures): two or more row lines print a figure and an empty
    cell, or one prints an empty cell between two figures (``行政规范性文件 | 58 |  | 456``:
    neither a missing last cell nor padding); and whether two or more rows show it (what
    another table of the document goes by).

    Text printing one cell per line without separators shows it the same way: a row's
    lines, exactly as many as its cells, holding figures and empty lines between them
    (``2`` / ``3`` / `` `` / `` `` / ``1`` / `` `` / ``6``): ``lined``, those rows'
    figure lines (:func:`_empty_line_rows`)."""
    empty_rows = len(lined)
    between = any(len(figures) < figures[-1] - figures[0] + 1 for figures in lined)
    for specs, segment, _ in pieces:
        line = segment.split("\n", 1)[0]
        if not _EMPTY_CELL.search(line):
            continue
        cells, structured = _split_cells(line)
        if not structured:
            continue
        cells = cells[1:]
        numeric = [i for i, c in enumerate(cells) if numbers_in_cell(c)]
        if numeric and any(not c.strip() for c in cells[:-1]):
            empty_rows += 1
            between = between or any(not c.strip() for c in cells[numeric[0]:numeric[-1]])
    return empty_rows >= 2 or between, empty_rows >= 2


def _labelled_figures_after_first_line(segment: str, rows: list[RowSpec]) -> bool:
    """Whether a line after a row's own line prints figures after another row's label
    (``行政规范性文件 |  |  | 9``, rows repeated where a table continues on a new page):
    such figures belong to that label, never to the row after it. A fragment of the next
    row's label (``(三) 1 1属于 | …``, OCR of a wrapped label) is no such label."""
    for line in segment.split("\n")[1:]:
        cells, structured = _split_cells(line)
        if structured and cells and _numeric_cells(line) and any(spec.pattern.search(cells[0]) for spec in rows):
            return True
    return False


def _drop_closing_bar(segment: str) -> str:
    """A row line of a table closing its rows with a bar, without that bar (``… | 0 | 3 |``
    → ``… | 0 | 3``): so that the empty text after it is never read as a blank last cell.
    Offsets into the segment are kept (the bar becomes a space)."""
    line, sep, rest = segment.partition("\n")
    stripped = line.rstrip()
    if stripped.endswith("|") and not stripped.endswith("||") and numbers_in_cell(stripped[:-1].rsplit("|", 1)[-1]):
        line = stripped[:-1] + " " + line[len(stripped):]
    return line + sep + rest


def _cells_follow(lines: list[str]) -> bool:
    """Whether the first non-empty line after a row label is a lone cell holding a figure
    (with or without a closing separator): the shape of one-cell-per-line exports."""
    for line in lines:
        if line.strip(" |\t"):
            return _lone_figure(line)
    return False


#: an item number opening a row label: ``5.``, ``5．``, ``（五）``, ``(五)``, ``四、``
_ITEM_NUMBER = re.compile(r"\s*(?:\d{1,2}\s*[.．、]|[（(][一二三四五六七八][）)]|[一二三四]、)")


#: a line opening with a row's label (its item number or words), not a bare figure
_LABEL_HEAD = re.compile(r"\s*\|?\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|\d{1,2}\s*[.．、]\s*[\u4e00-\u9fff]|[\u4e00-\u9fff])")


def _read_row_lines(segment: str, specs: list[RowSpec], values: list, result: TableResult) -> bool:
    """Rows printed one per structured line (HTML, DOCX, OCR tables): each line's cells
    after its label are one row, blank cells 0. Used when the anchored row's own line
    carries its cells; rows whose labels were not recognised take the next lines that
    carry figures. Returns False (nothing assigned) when the text is not shaped so."""
    lines = segment.split("\n")
    first, structured = _split_cells(lines[0])
    n = len(specs[0].columns)
    if not structured:
        return False
    own = _window(_after_label_cells(first[1:]), n, all_blank=True)
    if own is None:
        return False
    own_numbers = sum(1 for c in first[1:] if numbers_in_cell(c))
    if result.ocr and len(specs) == 1 and own_numbers and any(printed_as(v) == "blank" for v in own) \
            and any(_numeric_cells(line) and not _LABEL_HEAD.match(line) for line in lines[1:]):
        # OCR split the row's cells over two grid lines (``一、本年新收… |  |  | 4 | 1 | 23 |
        # | 524`` then ``460 | 24 | 12``): its empty cells are no blanks, and which of them
        # the figures below fill is not printed
        result.warnings.append(warn("row_shape_unclear", f"row {specs[0].key}: empty cells on its line and "
                                    "figures on a line of their own after it (a row OCR split); row left out"))
        return True
    if not own_numbers and values and _cells_follow(lines[1:]):
        # one cell per line (``行政处罚 |`` then ``3 |``): the separator ends the label's
        # cell, it is no blank cell; the figures are on the lines that follow
        return False
    if not own_numbers and values and len(first) - 1 != n:
        # a blank-padded label line; the figures are elsewhere. A line with exactly
        # the row's cells, all blank, is the row itself printing zeros: it never takes
        # numbers from the lines after it (the next table, once a heading is misread)
        return False
    result.figures.update(zip(specs[0].keys, own))
    result.narrow(specs[0].keys, len(lines[0]))  # read off the label's line
    if any(printed_as(v) not in ("number", "words", "unread") for v in own):
        result.blank_row(specs[0].key)
    pending = list(specs[1:])
    if not pending:
        return True
    width = len(pending[0].columns)
    windows = []
    rest = lines[1:]
    if rest and not segment.endswith("\n") and not _numeric_cells(rest[-1]):
        rest = rest[:-1]  # the start of the next recognised row's line (``行下 | 行政事业性收费 | …``)
    after_label = False
    for line in rest:
        cells, line_structured = _split_cells(line)
        if not line_structured:
            after_label = False
            continue
        trailing, labelled = _trailing_cells(cells)
        has_number = any(numbers_in_cell(c) for c in trailing)
        if not (has_number or labelled):
            after_label = False
            continue
        if after_label and labelled and not has_number and not _ITEM_NUMBER.match(cells[0]):
            # ``复申请 |  |  |`` under ``4、无正当理由大量反 | 0 | …``: the rest of a wrapped
            # label, its cells empty; no row of its own (those open with an item number)
            continue
        window = _window(trailing, width, all_blank=labelled)
        after_label = labelled
        if window is not None:
            windows.append(window)
    if len(windows) == len(pending):
        for spec, window in zip(pending, windows):
            result.figures.update(zip(spec.keys, window))
            result.warnings.append(warn("row_label_unrecognised",
                                        f"row {spec.key}: label not recognised; figures placed by row order"))
    elif windows:
        # more or fewer row lines than rows whose labels were lost: which line is whose
        # is unknown (a lost 其他处理 label also hides whether it is one row or three)
        result.warnings.append(warn("row_lines_unmatched",
                                    f"row(s) {', '.join(s.key for s in pending)}: labels not recognised and "
                                    f"{len(windows)} lines of figures for {len(pending)} rows; left out"))
    else:
        result.warnings.append(warn("row_missing", f"row(s) {', '.join(s.key for s in pending)} not found"))
    return True


_BAR_LINE = re.compile(r"\|+")


def _cell_run(lines: list[str], n: int) -> tuple[list[str], int]:
    """The cells printed one per line at the start of ``lines`` (see :func:`_read_cell_lines`),
    and how many of the lines the run takes up."""
    cells: list[str] = []
    separated = any(("\t" in ln or ln.rstrip().endswith("|")) for ln in lines[:3])
    double_spaced = None  # worked out at the first empty line (most rows print none)
    used = len(lines)
    for index, line in enumerate(lines):
        used = index
        if _BAR_LINE.fullmatch(line.strip()) and not line.startswith(" "):
            if cells:
                break  # padding after a short row
            continue  # a bar opening the row
        if not line.strip() and not separated:
            if double_spaced is None:
                # double-spaced text (an empty line after every line): spacing, not
                # blank cells (two lines are enough when they are the row's every cell:
                # ``政府集中采购`` / `` `` / ``53`` / `` `` / ``6944.93``)
                spaced = _every_other_line(lines)
                double_spaced = spaced >= 3 or spaced == n >= 2
            if double_spaced:
                continue
        if not line.strip():
            if separated and ("\t" in line or line.endswith(" |") or line.endswith("|")):
                cells.append("")
                continue
            if separated and not cells:
                continue  # spacing before the first cell
            if separated or len(cells) >= n:
                break  # an empty line ends a row of separated cells
            cells.append("")  # bare text: an empty line may be a blank cell (decided below)
            continue
        cell = _lone_cell(line)
        if cell is None or not (is_blank(cell) or (numbers_in_cell(cell) and len(numbers_in_cell(cell)) == 1)):
            break
        cells.append(cell)
    else:
        used = len(lines)
    if not separated:
        while cells and not cells[-1]:
            cells.pop()
        if len(cells) != n:
            # empty lines that do not make up the row: spacing, not blank cells
            cells = [c for c in cells if c]
    return cells, used


def _bar_closed_cells(lines: list[str], n: int) -> list[str] | None:
    """The ``n`` cells of a row exported one per line with a bar closing each line and
    the row (``— |`` / ``|`` / ``|`` / ``|`` then the next label: a dash, two blank cells
    and the row's closing bar), or ``None``: exactly n + 1 such lines, the last a bare
    bar, before a line that is no cell. A bare bar among the first n is a blank cell."""
    if len(lines) < n + 1 or lines[n].strip() != "|":
        return None
    cells = []
    for line in lines[:n]:
        if line.strip() == "|":
            cells.append("")
            continue
        cell = _lone_cell(line)
        if cell is None or not line.rstrip().endswith("|") \
                or not (is_blank(cell) or len(numbers_in_cell(cell) or ()) == 1):
            return None
        cells.append(cell)
    following = next((line for line in lines[n + 1:] if line.strip()), None)
    if following is not None and (following.strip() == "|" or _lone_cell(following) is not None and (
            is_blank(_lone_cell(following)) or numbers_in_cell(_lone_cell(following)))):
        return None  # more cells after: not this row's end
    return cells if "" in cells else None


def _cell_run_row(lines: list[str], n: int) -> tuple[list | None, list[str], int]:
    """A row of ``n`` cells printed one per line at the start of ``lines`` (table 3's and
    table 4's rows alike): its values when the run holds exactly ``n`` cells (blanks read
    as 0), else ``None``; and the run's cells and lines, as :func:`_cell_run` gives them."""
    cells, used = _cell_run(lines, n)
    return (_window(cells, n, all_blank=True) if len(cells) == n else None), cells, used


def _whole_rows(result: TableResult) -> int:
    """How many rows of a table read so far have a figure in every cell, none of them a
    blank read as 0."""
    rows = _rows_read(result)
    return sum(1 for row, values in rows.items() if row.split(".", 1)[1] not in result.blank_rows
               and all(printed_as(v) == "number" for v in values) and len(values) > 1)


def _rows_read(result: TableResult) -> dict[str, list]:
    """The rows of a table read so far: row key → its figures."""
    rows: dict[str, list] = {}
    for key, value in result.figures.items():
        rows.setdefault(key.rsplit(".", 1)[0], []).append(value)
    return rows


def _prints_every_cell(result: TableResult) -> bool:
    """Whether the rows of a table read so far show that it prints a figure in every
    cell: two whole rows (:func:`_whole_rows`), or every row read whole (one, at least)."""
    whole = _whole_rows(result)
    return whole >= 2 or whole >= 1 and whole == len(_rows_read(result))


def _every_other_line(lines: list[str], blank: str | None = None) -> int:
    """How many of ``lines`` print something, when each stands one empty line after the
    one before (paragraph spacing); 0 otherwise.

    :param blank: characters a line may hold and still be empty (``str.strip``'s)."""
    printed = [i for i, line in enumerate(lines) if line.strip(blank)]
    return len(printed) if all(b - a == 2 for a, b in zip(printed, printed[1:])) else 0


def _cut_cell_run(segment: str, values: list) -> bool:
    """Whether a row's text after its label is its figures one per line and nothing
    else, every line a number (no empty line that could be a blank cell, unless the text
    puts one after every line), as a text cut off inside the row leaves it."""
    lines = segment.split("\n")[1:]
    text = [line.strip(" |\t") for line in lines if line.strip(" |\t")]
    last = max((i for i, line in enumerate(lines) if line.strip(" |\t")), default=None)
    inner_empty = last is None or any(not line.strip(" |\t") for line in lines[:last])
    return len(text) == len(values) and all(len(numbers_in_cell(t) or ()) == 1 for t in text) \
        and (_every_other_line(lines, " |\t") >= 2 or not inner_empty)


def _read_cell_lines(segment: str, spec: RowSpec, result: TableResult) -> bool:
    """A row printed one cell per line after its label, as office text dumps and web
    archivers print tables: ``3 |`` / `` |`` (a blank cell), ``3\t`` / ``\t``,
    ``\t3`` / ``\t`` (an empty line ends the row), or bare ``3`` / ``—`` / an empty
    line. The cells are the lines straight after the label line, up to the first line
    that is no cell; lines of bars alone pad a short row. Exactly the row's cell count
    gives the row (blanks 0); fewer cells give table 3's total only (the last cell, a
    number, or 0 when every cell is blank; see :func:`_read_segment`); anything else
    gives nothing here."""
    lines = segment.split("\n", 40)
    if len(lines) < 2 or len(lines[1]) > 30 or _numeric_cells(lines[0]):
        return False  # no cell on the next line, or figures on the label's own line (a row line)
    n = len(spec.columns)
    values, cells, used = _cell_run_row(lines[1:], n)
    if values is None and lines[0].rstrip().endswith("|"):
        closed = _bar_closed_cells(lines[1:], n)
        if closed is not None:
            values, cells, used = _window(closed, n, all_blank=True), closed, n + 1
    if len(cells) == n - 1 and values is None and result.cell_line_gap is not None:
        found = _row_cell_lines(segment)
        if found and found[0] == lines[1:1 + len(found[0])] and len(found[0]) == n - 1 \
                and found[1] == result.cell_line_gap + 1:
            # one empty line more than the table leaves after every whole row: the row's
            # last cell, printed blank
            values = _window(cells + [""], n, all_blank=True)
            if values is not None:
                cells = cells + [""]
                used = n
    bars = list(itertools.takewhile(lambda line: line.strip() and not line.strip("| \t"), lines[1:]))
    count = sum(b.count("|") for b in bars)
    if not any(c.strip() for c in cells) and count >= n \
            and (lines[0].rstrip().endswith("|") or count > n and lines[1].strip().startswith("|")):
        # ``规章 |`` then bars alone on their lines, n of them or more (``|`` / ``| |``),
        # then the next label: a row whose every cell is printed blank (a bar per cell, a
        # bar between rows); or ``规章`` then n + 1 bars that separate its n empty cells
        result.printed_blank(spec, len("\n".join(lines[:1 + len(bars)])))
        return True
    if 2 <= len(cells) < n and spec.columns == schema.T3_COLUMN_KEYS \
            and all(not c.strip() or is_blank(c) for c in cells):
        # a short row printed blank (`` |`` / `` |``, ``—`` / ``无`` / ``—``, its empty
        # lines run into the spacing): every cell 0, whichever columns it kept; not where
        # the text stops inside the table (a row it cut may have lost figures)
        blank = blank_value(next((c for c in cells if c.strip()), ""))
        if result.text_ends:
            _keep_total(result, spec, blank, len(cells), len("\n".join(lines[:1 + used])), leading=[blank])
            return True
        result.figures.update(dict.fromkeys(spec.keys, blank))
        result.warnings.append(warn("short_row_zero", f"row {spec.key}: {len(cells)} of {n} cells printed, each "
                                    "blank or a blank mark; every cell read as 0"))
        result.narrow(list(spec.keys), len("\n".join(lines[:1 + used])))
        return True
    if len(cells) > n and all(not c.strip() or is_blank(c) for c in cells):
        # more blank cells than the row has (a one-column row padded to the table's
        # width, ``行政许可`` / ``\t`` / ``\t`` / ``\t``): whichever n are its own, each is 0
        result.printed_blank(spec, len("\n".join(lines[:1 + used])), next((c for c in cells if c.strip()), ""))
        return True
    if 2 <= len(cells) < n and spec.columns == schema.T3_COLUMN_KEYS and cells[-1].strip() and is_blank(cells[-1]) \
            and all(_cell_value(c) == 0 for c in cells[:-1]):
        # a short row whose last cell is a blank mark, the others 0 (``0`` / ``/``): the
        # total is 0, printed as that mark, and so is every cell, whichever columns it kept
        _keep_total(result, spec, blank_value(cells[-1]), len(cells), len("\n".join(lines[:1 + used])),
                    leading=[_cell_value(c) for c in cells[:-1]])
        return True
    if not cells or not any(numbers_in_cell(c) for c in cells) and len(cells) != n:
        return False
    if len(cells) == n:
        if values is None:
            return False
        result.figures.update(zip(spec.keys, values))
        result.narrow(spec.keys, len("\n".join(lines[:1 + used])))  # the label's line and the run's
        if any(printed_as(v) != "number" for v in values):
            result.blank_row(spec.key)
        return True
    numbers = [numbers_in_cell(c)[0] for c in cells if numbers_in_cell(c)]
    if len(cells) < n and spec.columns == schema.T3_COLUMN_KEYS and numbers_in_cell(cells[-1]) \
            and len(numbers) >= 2 and _can_be_total(numbers[:-1], numbers[-1]):
        # the total is the last figure of the label's line and the run's lines
        _keep_total(result, spec, numbers[-1], len(cells), len("\n".join(lines[:1 + used])),
                    leading=[_cell_value(c) for c in cells[:-1]])
        return True
    return False


def _cell_value(cell: str):
    """A cell's value: its number, the 0 of a printed blank (``—``, ``/``, ``无``), or
    ``None`` for an empty cell or one that is neither."""
    found = numbers_in_cell(cell)
    if found:
        return found[0] if len(found) == 1 else None
    return blank_value(cell) if cell.strip() and is_blank(cell) else None


def _can_be_total(before: list, last) -> bool:
    """Whether the last figure of a short table-3 row can be its 总计: never smaller than
    a figure before it, and, where two or more figures precede it, their sum (a row of
    six figures whose last is no sum is a row whose blank total printed nothing, its
    sixth figure standing under 其他)."""
    if any(v > last for v in before):
        return False
    return len(before) < 2 or sum(before) == last


def _keep_total(result: TableResult, spec: RowSpec, total, printed: int, within: int | None = None,
                leading: list | None = None) -> None:
    """A table-3 row printing ``printed`` cells, fewer than its columns: only 总计, the
    last, has a certain column; the others are never assigned by position, not even 自然人
    in a row printing two equal cells (which column a cut row kept is not printed). The
    table's sums may place the one cell before the total later
    (:func:`_place_short_rows`).

    :param within: the total is the last figure of the row's text up to this offset
        (else of the whole text), for :attr:`TableResult.last`.
    :param leading: the values printed before the total (``None``: an empty cell)."""
    n = len(spec.columns)
    if printed == n - 1 and total == 0 and leading is not None and len(leading) == n - 2 \
            and all(v is None or v == 0 for v in leading):
        # every printed cell 0 or blank and one missing (``| 0 | 0 | 0 | 0 | 0 | 0 |  | |``,
        # ``| 0 | — |  | — | 0 | 0 |  | |``: a blank 总计 or a cell left out): the missing
        # one is the total, the sum of zeros, or one of its parts, none above the total:
        # every cell is 0 either way (an empty cell among them is a blank, 0)
        result.figures.update(dict.fromkeys(spec.keys, 0))
        result.warnings.append(warn("short_row_zero", f"row {spec.key}: {printed} of {n} cells printed, all 0; "
                                    "every cell read as 0 (the total is the sum of the others)"))
        result.narrow(list(spec.keys), within)
        return
    result.figures[f"{spec.key}.total"] = total
    result.short_rows[spec.key] = (list(leading or []), printed)
    result.narrow([f"{spec.key}.total"], within, last=True)


def _t2_row_in_a_wider_grid(segment: str, spec: RowSpec) -> bool:
    """Whether a table-2 row of fewer than three columns prints exactly its figures on
    its line, among blank cells of a grid as wide as table 2's three-column rows
    (``政府集中采购 | 195 |  | 12,930元``: a PDF's columns carried over a page break from
    the sub-tables above): its figures are its cells in order, the blanks no cells of
    its own."""
    n = len(spec.columns)
    if not spec.key.startswith("t2.") or n >= 3:
        return False
    line = segment.split("\n", 1)[0]
    cells, structured = _split_cells(line)
    if not structured or len(cells) - 1 > 3:
        return False
    values = cells[1:]
    rest = segment.split("\n", 1)[1] if "\n" in segment else ""
    return sum(1 for c in values if numbers_in_cell(c)) == n and not re.search(r"\d", rest) \
        and all(numbers_in_cell(c) or not c.strip() for c in values)


def _blank_between(segment: str) -> bool:
    """Whether a structured line of the segment prints a blank cell after its first
    figure (so reading its figures in order would skip a column)."""
    for line in segment.split("\n"):
        cells, structured = _split_cells(line)
        if not structured:
            continue
        numeric = [i for i, c in enumerate(cells) if numbers_in_cell(c)]
        if numeric and any(is_blank(c) for c in cells[numeric[0]:numeric[-1]]):
            return True
    return False


def _short_row_total(segment: str, n: int):
    """Table 3's total from a row line printing 2 to ``n - 1`` cells after its label
    (``4.保护第三方合法权益 | — | —``, ``… | 3 | 5``): the last cell, printed as a number or
    a dash, slash or 无 (an empty last cell could be a closing separator: no total, unless
    every cell before it is 0 or blank, when the total is 0 either way), never smaller than
    a number before it; else ``None``.

    :returns: ``(total, cells printed, values before the total)`` or ``None``."""
    line = segment.split("\n", 1)[0]
    cells, structured = _split_cells(line)
    if not structured:
        return None
    cells = cells[1:]
    after = segment.split("\n", 1)[1] if "\n" in segment else ""
    if 2 <= len(cells) < n + 3 and all(not c.strip() or is_blank(c) for c in cells) and not re.search(r"\d", after):
        # ``二、上年结转… |  |  |``: a row printed blank, whatever its cell count; every cell 0
        blank = blank_value(next((c for c in cells if c.strip()), ""))
        return blank, len(cells), [blank]
    while cells and not cells[-1].strip():
        if line.rstrip().endswith("|"):
            cells.pop()  # ``… | 5 |``: the bar closes the row
        elif len(cells) >= 2 and all(_cell_value(c) == 0 for c in cells[:-1]):
            break  # ``… | 0 | ``: every cell 0 or blank, so is the total, wherever it stood
        else:
            return None
    if len(cells) == 1 and _cell_value(cells[0]) == 0 and not re.search(r"\d", after):
        # ``… | 0 |`` and nothing after it: the 0 is the total or a cell before an empty
        # total; either way every cell of the row is 0
        return _cell_value(cells[0]), 1, [_cell_value(cells[0])]
    if not 2 <= len(cells) < n:
        return None
    read: list = []
    for cell in cells:
        found = numbers_in_cell(cell)
        if found and len(found) == 1:
            read.append(found[0])
        elif not cell.strip() or is_blank(cell):
            read.append(blank_value(cell) if cell.strip() else None)
        else:
            return None
    last = read[-1]
    if last is None and all(v is None or v == 0 for v in read[:-1]) and not re.search(r"\d", after):
        last = blank_value("")  # an empty total after cells all 0 or blank: the row printed blank
    if last is None or not _can_be_total([v for v in read[:-1] if v is not None], last):
        return None
    return last, len(cells), read[:-1]


def _spaced_row_blank_total(segment: str, n: int) -> list | None:
    """A table-3 row set apart by runs of spaces printing ``n - 1`` figures and nothing
    else, the last of them no sum of the others and so no 总计 (``（一）予以公开   3   2   0
    0   1   0``; counts are non-negative, report-format.md): they stand in the six columns
    before 总计, whose blank cell printed nothing (0), the only reading the template's row
    sum leaves. Its values, total included, else ``None``. A blank mark among the cells
    (the row prints its blanks), cells of text or separators, or a digit on the lines
    after it (a total wrapped there) give ``None``."""
    line, _, after = segment.partition("\n")
    if "|" in line or "\t" in line or not _bare_label(after):
        return None
    cells, structured = _split_cells(line)
    if not structured or len(cells) != n:
        return None
    values = []
    for cell in cells[1:]:
        found = numbers_in_cell(cell)
        if not found or len(found) != 1 or not isinstance(found[0], int) or found[0] < 0:
            return None
        values.append(found[0])
    if _can_be_total(values[:-1], values[-1]):
        return None
    return values + [blank_value("")]


def _one_row(segment: str, values: list) -> bool:
    """Whether a segment's numbers are one row's cells: all on the label's own line, or
    one per line straight after it (one-cell-per-line text)."""
    lines = segment.split("\n")
    if _numeric_cells(lines[0]) == values:
        return True
    rest = [ln for ln in lines[1:] if ln.strip(" |\t")]
    return _cells_follow(rest) and all(_lone_figure(ln) for ln in rest[:len(values)])


def _marks_among(segment: str, count: int) -> bool:
    """Whether a row printing ``count`` numbers prints blank marks (—, /, 无) among its
    cells too: on the label's line, or one per line among the numbers' lines. Such a row
    prints its blank cells, so its last number is no total by position (``1 | — | — | 1
    | — | —``, its total cell left empty or cut off, is not a two-cell row whose total is 1)."""
    lines = segment.split("\n")
    if _numeric_cells(lines[0]):
        cells = _split_cells(lines[0])[0]
        return any(c.strip() and is_blank(c) for c in cells[1:])
    seen = 0
    for line in lines[1:]:
        cell = _lone_cell(line)
        if cell is None or seen >= count:
            break
        if numbers_in_cell(cell):
            seen += 1
        elif cell and is_blank(cell):
            return True
    return False


def _read_unlabelled_rows(segment: str, specs: list[RowSpec], result: TableResult) -> bool:
    """Rows whose labels stand apart from their cells (labels merged in one cell above,
    as Chromium prints a table with a rowspan): lines holding exactly a row's cells
    (numbers or blanks) and nothing else, one per row, taken in order when there are
    exactly as many such lines as rows."""
    n = len(specs[0].columns)
    if len(specs) < 2 or n < 3 or any(len(s.columns) != n for s in specs):
        return False  # a lone cell on a line of its own is one-cell-per-line text, not a row
    rows = []
    for line in segment.split("\n"):
        if not line.strip(" |\t"):
            continue
        cells, structured = _split_cells(line)
        if not structured:
            found = numbers_in_cell(line.strip())
            if found and len(found) == n:
                rows.append(found)
            continue
        if len(cells) == n and all(numbers_in_cell(c) and len(numbers_in_cell(c)) == 1 or is_blank(c) for c in cells):
            rows.append(_window(cells, n, all_blank=True))
    if not rows or len(rows) != len(specs) or any(r is None for r in rows) \
            or all(printed_as(v) != "number" for r in rows for v in r):
        return False
    for spec, values in zip(specs, rows):
        result.figures.update(zip(spec.keys, values))
    result.warnings.append(warn("rows_apart_from_labels", "rows " + ", ".join(s.key for s in specs)
                                + ": cells printed apart from their labels; taken in row order"))
    return True


def _row_line_cells(segment: str) -> list[list[str]]:
    """The structured lines of a segment that carry a row's cells (numbers, or blanks
    after a row label), each as its cells after the label."""
    found = []
    for line in segment.split("\n"):
        cells, structured = _split_cells(line)
        if not structured:
            continue
        trailing, labelled = _trailing_cells(cells)
        if any(numbers_in_cell(c) for c in trailing) or (labelled and trailing):
            found.append(trailing)
    return found


def _read_leading(segment: str, specs: list[RowSpec], result: TableResult) -> None:
    """Rows before the first recognised label (their labels garbled): the row lines
    closest to that label, one per row, or exactly as many numbers as the rows need."""
    lines = _row_line_cells(segment)[-len(specs):]
    if len(lines) == len(specs):
        windows = [_window(cells, len(spec.columns), all_blank=True) for spec, cells in zip(specs, lines)]
        if all(w is not None for w in windows):
            for spec, window in zip(specs, windows):
                result.figures.update(zip(spec.keys, window))
                result.warnings.append(warn("row_label_unrecognised",
                                            f"row {spec.key}: label not recognised; figures placed by row order"))
            result.rows_with_numbers += 1
            return
    values = _numeric_cells(segment)
    if values and len(values) == sum(len(s.columns) for s in specs) and "\n" in segment.strip():
        for spec in specs:
            taken, values = values[:len(spec.columns)], values[len(spec.columns):]
            result.figures.update(zip(spec.keys, taken))
            result.warnings.append(warn("row_label_unrecognised",
                                        f"row {spec.key}: label not recognised; figures placed by row order"))
        result.rows_with_numbers += 1
        return
    result.warnings.append(warn("row_missing", f"row(s) {', '.join(s.key for s in specs)} not found"))


_PROSE = re.compile(r"。|[\u4e00-\u9fff][,;:]|[,;:][\u4e00-\u9fff]|\d\s*(?:件|条|个|项|次|份|人次)\s*[,;。]")


def _table_digit_runs(segment: str) -> list[str]:
    """Digit runs of a flattened table row (``规章000``), or none when the text is prose
    (``共公开规范性文件12件，其中…``): numbers in prose are never table cells."""
    if SIGNED_WORDS.search(segment):
        return []  # ``减少3``: a run of digits would lose the sign the words give
    return [] if _PROSE.search(re.sub(r"\([^()\n]*\)", "", segment)) else digit_runs(segment)


def _garbled_figure(line: str) -> bool:
    """Whether an OCR'd row line holds, after its label, a cell of digits and marks that
    is no number and no blank mark (``71]``: a number cut by a column line the scan's
    noise made, its first digits in a cell of their own). Its figures' columns are not
    sure: the cells beside it may hold the rest of one number (``881841.10``)."""
    cells, structured = _split_cells(line)
    if not structured:
        return False
    return any(re.search(r"\d", c) and not _CJK.search(c) and c.strip() != UNREAD_CELL
               and not numbers_in_cell(c) and not is_blank(c) for c in cells[1:])


#: a group label of table 3 on a line of its own (in a cell of its own), and what may
#: follow it before the next row's anchor: the start of that row's label (``(一)``)
_TRAILING_GROUP_LABEL = re.compile(r"\|\n\s*(?:三、)?本年度办理结果\s*\|\s*\n\s*[(（][一二三四五六七][)）]?\s*$"
                                   r"|\|\n\s*[(（][三四五六][)）]\s*(?:不予公开|无法提供|不予处理|其他处理)\s*\|\s*\n"
                                   r"\s*\d?\.?\s*$")


def _without_trailing_group_label(segment: str) -> str:
    """``segment`` without a table-3 group label printed after the row in a cell of its
    own (``…0 |`` / ``||`` / ``三、本年度办理结果 |`` / ``(一)``): it opens the next rows,
    and read as one of this row's lines it left the row one cell over."""
    found = _TRAILING_GROUP_LABEL.search(segment)
    return segment[:found.start() + 2] if found else segment


def _truncated_row(result: TableResult, spec: RowSpec, values: list) -> None:
    """A row the text stops inside: the figures it printed, in its first columns."""
    result.figures.update(zip(spec.keys, values))
    result.warnings.append(warn("row_truncated", f"row {spec.key} truncated after {len(values)} of "
                                f"{len(spec.columns)} figures"))


def _read_segment(segment: str, specs: list[RowSpec], trailing: bool, truncated: bool,
                  result: TableResult, carried: list | None = None) -> None:
    """Assign the figures in one anchored row's text to that row (and to unanchored rows
    that follow it before the next anchored row). ``carried``: figures printed before
    the label (at the end of the previous row's text), used when the row's own text
    holds none."""
    first = specs[0]
    n = len(first.columns)
    if result.closing_bars:
        segment = _drop_closing_bar(segment)
    segment = _without_trailing_group_label(segment)
    values = _numeric_cells(segment)
    if carried is not None and not values:
        result.figures.update(zip(first.keys, carried))
        result.rows_with_numbers += 1
        result.warnings.append(warn("figures_before_label", f"row {first.key}: figures printed before its label"))
        return
    wanted = sum(len(s.columns) for s in specs)
    if values or _table_digit_runs(segment):
        result.rows_with_numbers += 1
    if result.ocr and _garbled_figure(segment.split("\n", 1)[0]):
        result.warnings.append(warn("row_shape_unclear", f"row {first.key}: a cell among its figures reads as "
                                    "digits and other marks, no number; row left out"))
        return
    if trailing and (truncated or result.text_ends and not result.short_rows and _prints_every_cell(result)) \
            and len(specs) == 1 and 0 < len(values) < n and _cut_cell_run(segment, values):
        # the text stops inside a row printed one cell per line (an excerpt's end, marked,
        # or unmarked in a table whose rows print every cell): the cells it kept are the
        # first ones, in column order (never its total)
        _truncated_row(result, first, values)
        return
    if len(specs) == 1 and _read_cell_lines(segment, first, result):
        return
    if _read_row_lines(segment, specs, values, result):
        return
    if _read_unlabelled_rows(segment, specs, result):
        return
    first_line = segment.split("\n", 1)[0]
    on_line = len(_numeric_cells(first_line))
    # (OCR'd lines of a few figures each after the row's own: rows of their own)
    short_lines = result.ocr and on_line < n and _rows_of_short_lines(segment, n)
    if len(specs) > 1 and len(values) >= wanted and not short_lines:
        for spec in specs:
            taken, values = values[:len(spec.columns)], values[len(spec.columns):]
            result.figures.update(zip(spec.keys, taken))
        result.warnings.append(warn("row_label_unrecognised", "rows " + ", ".join(s.key for s in specs[1:])
                                    + ": label not recognised; figures placed by row order"))
        return
    missing = [s.key for s in specs[1:]]
    if missing:
        result.warnings.append(warn("row_missing", f"row(s) {', '.join(missing)} not found"))
    if len(values) >= n:
        full_rows = sum(1 for line in segment.split("\n") if len(_numeric_cells(line)) == n)
        if len(specs) == 1 and full_rows >= 2:
            # two whole rows of figures under one label (a label lost at a page or cell
            # break, the next one printed above both): which row is its own is unknown
            result.warnings.append(warn("rows_under_one_label", f"row {first.key}: {full_rows} rows of {n} figures "
                                        "under its one label; row left out"))
            return
        if _blank_between(segment) and not _t2_row_in_a_wider_grid(segment, first):
            # numbers taken across blank cells would slide into other columns
            result.warnings.append(warn("row_shape_unclear", f"row {first.key}: its lines mix figures and blank "
                                        "cells in no row's shape; row left out"))
            return
        if result.ocr and on_line < n and (_under_a_misread_label(segment)
                                           or _under_another_rows_label(segment, first.key)):
            # OCR'd lines after the row's own: one with a label cell of its own that is no
            # template text (``| esa | 0 | 0 | 0``) is another row, its label misread
            result.warnings.append(warn("row_shape_unclear", f"row {first.key}: its figures stand under "
                                        "another row's misread label; row left out"))
            return
        if result.ocr and on_line < n and UNREAD_CELL in first_line:
            # a cell of the row's own line no engine could read, the rest taken from the
            # lines after it: how many of its cells the unread one stands for, and so
            # which row the next line's figures are (``行政处罚 | � | 32`` then `` | 10 | -3``,
            # the next row's label lost), is unknown
            result.warnings.append(warn("row_shape_unclear", f"row {first.key}: a cell of its line is unread and "
                                        "its other figures stand on the lines after it; row left out"))
            return
        if short_lines:
            result.warnings.append(warn("row_shape_unclear", f"row {first.key}: its {n} figures stand on several "
                                        "lines of a few figures each (rows whose first columns were lost); row "
                                        "left out"))
            return
        if on_line > n:
            # more figures on the row's own line than it has cells (``行政许可 683 2``:
            # one number's digits set apart, or a cell of another row): which are its
            # own is unknown
            result.warnings.append(warn("row_shape_unclear", f"row {first.key}: {on_line} figures on its line for "
                                        f"{n} cells; row left out"))
            return
        result.figures.update(zip(first.keys, values[:n]))
        return
    read = _blank_cells(segment, n, result.ocr, one_row=len(specs) == 1)
    if read is not None:
        blanks, own_line = read
        result.figures.update(zip(first.keys, blanks))
        if own_line:
            result.narrow(first.keys, len(segment.split("\n", 1)[0]))
        if any(v == 0 for v in blanks) and len(values) < n:
            result.blank_row(first.key)
        return
    # (a row printing its label alone: its digits are the next label's item number)
    runs = [] if not values and _bare_label(segment) else _table_digit_runs(segment)
    # one line with no cell separators (bars, tabs, runs of spaces): cell borders lost
    flattened = "\n" not in segment.strip() and not _split_cells(segment.strip())[1]
    if runs and (not values or flattened):
        whole = [numbers_in_cell(run) or [] for run in runs]
        impossible = first.columns == schema.T3_COLUMN_KEYS and all(len(w) == 1 for w in whole) \
            and any(w[0] > whole[-1][0] for w in whole[:-1])
        if 2 <= len(runs) < n and all(valid_number_text(run) for run in runs) and not impossible:
            # fewer numbers than cells, each a whole number as printed and set apart by
            # spaces: blank cells that print nothing, or digits of two cells run
            # together; nothing says which, nor which columns the numbers stand in (a
            # table-3 row whose last number, its total, is below another cannot print
            # whole numbers: ``500000 5`` is a run of six cells' digits and the total)
            result.warnings.append(warn("digits_do_not_fit",
                                        f"row {first.key}: {len(runs)} numbers {' '.join(runs)!r} for {n} cells,"
                                        " blank cells not printed; row left out"))
            return
        if result.ocr and len(runs) < n and not all(set(run) == {"0"} for run in runs):
            # OCR reads each cell on its own: digits run together in one are one number,
            # or the numbers of cells the grid merged (``18`` for 18 and a lost -2); where
            # one ends is not known, so no run is cut (zeros run together are each a 0,
            # see extract.grid_rows)
            result.warnings.append(warn("digits_do_not_fit", f"row {first.key}: OCR read digits "
                                        f"{' '.join(runs)!r} in fewer cells than its {n}; row left out"))
            return
        candidates = split_digit_runs(runs, n)
        if len(candidates) == 1:
            result.figures.update(zip(first.keys, candidates[0]))
            result.spans.update(dict.fromkeys(first.keys))  # cut out of a run of digits: no cell of its own
            return
        if len(candidates) > 1:
            result.ambiguous[first.key] = candidates
            result.ambiguous_text[first.key] = " ".join(runs)
            return
        if trailing and truncated:
            return
        result.warnings.append(warn("digits_do_not_fit", f"row {first.key}: digits {' '.join(runs)!r} do not fit {n} cells"))
        return
    if values and trailing and truncated:
        _truncated_row(result, first, values)
        return
    spaced = _spaced_row_blank_total(segment, n) if first.columns == schema.T3_COLUMN_KEYS and not result.ocr \
        else None
    if spaced is not None:
        result.figures.update(zip(first.keys, spaced))
        result.narrow(first.keys, len(segment.split("\n", 1)[0]))  # the label's line
        result.warnings.append(warn("short_row_blank_total", f"row {first.key}: {n - 1} figures set apart by "
                                    "spaces, the last no sum of the others: read as the columns before the "
                                    "total, the total blank (0)"))
        result.blank_totals.append((first.key, result.warnings[-1]))
        return
    short = _short_row_total(segment, n) if first.columns == schema.T3_COLUMN_KEYS else None
    if short is not None:
        total, printed, leading = short
        _keep_total(result, first, total, printed, within=len(segment.split("\n", 1)[0]),  # the label's line
                    leading=leading)
        return
    if first.columns == schema.T3_COLUMN_KEYS and len(values) >= 2 and _can_be_total(values[:-1], values[-1]) \
            and _one_row(segment, values) and not _marks_among(segment, len(values)):
        _keep_total(result, first, values[-1], len(values), leading=values[:-1])
        return
    if not values and len(specs) == 1 and not (trailing and (truncated or result.text_ends)) \
            and result.blanks_print_nothing \
            and _bare_label(segment) and (not result.empty_line_cells or len(_cell_line_run(segment)) == n):
        # a table whose blank cells print nothing (no rules, no marks): a row printing
        # only its label is a row of blank cells, each 0 (the template: blank is 0)
        result.printed_blank(first, 0)
        return
    line = segment.split("\n", 1)[0]
    if not values and len(specs) == 1 and not result.ocr and _BARS_ONLY.fullmatch(line) \
            and line.count("|") - 1 >= n and not re.search(r"\d", segment):
        # ``行政许可 | ||||``: the label, then bars run together for its cells, as many as
        # the table's other rows print (``规章 | 1 | 1 | 1 | |``) and no figure: a row of
        # blank cells, each 0 (the template: blank is 0)
        result.printed_blank(first, len(line))
        return
    if not (trailing and truncated):
        result.warnings.append(warn("row_incomplete", f"row {first.key}: {len(values)} of {n} figures found; row left out"))
        if first.columns == schema.T3_COLUMN_KEYS and len(values) == 2 and not result.ocr \
                and all(printed_as(v) == "number" for v in values) and values[0] > values[1] \
                and _one_row(segment, values):
            # two cells, the first above the last (a slip in one of them): which columns
            # they stand in is not printed; the 自然人 column's sums may place the first
            # (:func:`_place_short_rows`), and this warning then goes
            result.slipped_rows[first.key] = (values[0], result.warnings[-1])


def _label_first_lines(text: str, anchors: list) -> list:
    """Anchors moved to the first line of their label where the label is wrapped and the
    row's figures stand on that first line: ``5.要求行政机关确认 | 2 | 2`` then
    ``或重新出具已获取信息 |  |  |``. The label is found by its words on the second line,
    and the segment after it holds only the wrapped line's blank cells; read so, the
    row is blank and its figures go to the row above. The line above is the row's own
    when it opens with an item number, follows the previous row's label line, prints
    figures, and the anchored line prints none.

    :param anchors: ``(row index, label start, label end)`` in text order.
    """
    moved = list(anchors)
    for k in range(1, len(anchors)):
        row, label_start, label_end = anchors[k]
        line_start = text.rfind("\n", 0, label_start) + 1
        if line_start == 0 or "|" in text[line_start:label_start]:
            continue
        above_start = text.rfind("\n", 0, line_start - 1) + 1
        above = text[above_start:line_start - 1]
        line_end = text.find("\n", label_end)
        own = text[label_end:line_end if line_end >= 0 else len(text)]
        if above_start <= anchors[k - 1][2] or not _ITEM_NUMBER.match(above) or "|" not in above:
            continue
        if _numeric_cells(above) and not re.search(r"\d", own):
            moved[k] = (row, above_start, above_start + above.index("|"))
    return moved


def _bare_rows_blank(result: TableResult, pieces: list, spans: list, noted: list[list[dict]]) -> None:
    """Rows printing their label and nothing else, in a table whose other rows print all
    their cells on their label's own line, read as rows of blank cells (0; the template:
    a blank cell is 0). A PDF text layer without cell boundaries prints a row of blank
    cells as its label alone (``行政强制`` between ``行政处罚 7`` and the next heading).

    Only when every row of the table is one or the other: two or more rows whose figures
    all stand on their label's line, no digit on the lines after it, no warning but a
    blank cell's; and rows whose text is their label and the template's words alone,
    nothing read from them. Anything else (a row read over several lines, a short row,
    figures left unplaced) leaves the bare rows out, as before.

    :param noted: the warnings each piece's reading added, in ``pieces``' order.
    """
    if result.ambiguous or result.short_rows:
        return
    bare, own_line = [], 0
    for index, ((specs, segment, _), warnings) in enumerate(zip(pieces, noted)):
        if len(specs) != 1:
            return
        keys = specs[0].keys
        read = [k in result.figures for k in keys]
        first, _, rest = segment.partition("\n")
        if not any(read) and _bare_label(segment) and _template_words_only(segment) \
                and all(w["code"] == "row_incomplete" for w in warnings):
            if not (result.text_ends and index == len(pieces) - 1):
                bare.append(index)  # (a label ending the document may be cut off before its cells)
        elif all(read) and not re.search(r"\d", rest) \
                and (_numeric_cells(first) or any(is_blank(t) for t in re.split(r"[\s|]+", first)[1:])) \
                and all(w["code"] == "blank_cells_zero" for w in warnings):
            own_line += 1
        else:
            return
    if not bare or own_line < 2:
        return
    for index in bare:
        result.warnings = [w for w in result.warnings if not any(w is n for n in noted[index])]
        before = len(result.figures)
        spec = pieces[index][0][0]
        result.printed_blank(spec, len(pieces[index][1].split("\n", 1)[0]))
        result.note_span(before, *spans[index])


_GROUP_LABEL = re.compile(r"[(（]\s*([三四五六])\s*[)）]\s*(不予公开|无法提供|不予处理|其他处理)")
_NEXT_GROUP = re.compile(r"[(（]\s*[四五六七]\s*[)）]\s*(?:无法|不予处|其他|总计)|四、\s*结转")


def _before_unanchored_group(text: str, groups: dict[str, tuple[int, ...]], start: int, end: int,
                             next_row: int | None) -> int:
    """Where a table-3 row's text ends: ``end``, or earlier at a group's label
    (``（三）不予公开``) standing at a line's start whose own rows were not found (their
    labels lost, see :func:`_unlabelled_zero_groups`): the figures after it are the
    group's, not the row's.

    :param groups: the table's groups (:func:`_t3_groups`).
    :param next_row: the index of the next row found, if any (a group's own first row
        found there ends the text at it as it is)."""
    for match in _GROUP_LABEL.finditer(text, start, end):
        if match.start() > 0 and text[text.rfind("\n", 0, match.start()) + 1:match.start()].strip(" |\t"):
            continue
        if next_row is not None and groups.get(match.group(1), (None,))[0] == next_row:
            return end
        return match.start()
    return end


_DIGIT = re.compile(r"[0-9０-９]")
#: a table-2 header line: ``信息内容`` and its columns' names, to the line's end
_T2_HEADER_LINE = re.compile(r"(?m)^[ \t|]*信\s*息\s*[内內]\s*容[^\n]*")


@functools.lru_cache(maxsize=16)
def _t3_groups(keys: tuple[str, ...]) -> dict[str, tuple[int, ...]]:
    """Table 3's groups among ``keys`` (``t3.denied_state_secret`` …): the group's
    numeral (``三``) → the indexes of its numbered sub-rows, in order."""
    groups = {}
    labels = [schema.T3_ROWS[key.split(".", 1)[1]].label for key in keys]
    for i, label in enumerate(labels):
        found = re.match(r"（([三四五六])）", label)
        if found:
            members = [i] + list(itertools.takewhile(lambda k: not labels[k].startswith("（"), range(i + 1, len(keys))))
            groups[found.group(1)] = tuple(members)
    return groups


def _unlabelled_zero_groups(text: str, rows: list[RowSpec], groups: dict[str, tuple[int, ...]], start: int, end: int,
                            result: TableResult) -> None:
    """Table-3 groups (``（三）不予公开`` and its eight numbered sub-rows) whose sub-row
    labels the page lost: the group's label, then figures alone up to the next group's
    label (``（四）无法…``). Which figure stands in which sub-row is not knowable, but
    when every one of them is ``0`` and there are at least as many as the sub-rows have
    cells, each sub-row printed 0 in every cell (warning ``rows_unlabelled_zero``). Any
    other figure, too few of them, or no next label closing the span leaves the rows out.

    :param groups: the table's groups (:func:`_t3_groups`).
    """
    for match in _GROUP_LABEL.finditer(text, start, end):
        members = groups.get(match.group(1), ())
        if len(members) < 2 or any(k in result.figures for i in members for k in rows[i].keys):
            continue
        closing = _NEXT_GROUP.search(text, match.end(), end)
        if closing is None:
            continue
        span = text[match.end():closing.start()]
        tokens = [t for t in re.split(r"[\s|]+", span) if t]
        cells = sum(len(rows[i].columns) for i in members)
        if len(tokens) < cells or any(t != "0" for t in tokens):
            continue
        before = len(result.figures)
        for i in members:
            result.figures.update(dict.fromkeys(rows[i].keys, 0))
        result.note_span(before, match.end(), closing.start())
        result.warnings.append(warn("rows_unlabelled_zero", f"table 3: {match.group(0)} printed {len(tokens)} zeros "
                                    f"without sub-row labels; rows {', '.join(rows[i].key.split('.', 1)[1] for i in members)} read as 0"))


def _read_table(text: str, rows: list[RowSpec], start: int, end: int, table: str,
                truncated: bool, blanks_print_nothing: bool = False, ocr: bool = False) -> TableResult:
    """Read one table's rows from ``text[start:end]``.

    :param blanks_print_nothing: the document prints blank cells as nothing (another of
        its tables shows it), so a row printing only its label is a row of zeros.
    :param ocr: the text was read by OCR, which can lose a row's every figure: a row
        printing only its label is then never read as blank by its neighbours' shape
        (:func:`_bare_rows_blank`)."""
    result = TableResult(ocr=ocr, text_ends=not text[end:].strip())
    anchors = _anchor(text, rows, start, end, substitute=table == "t2")
    if not anchors:
        result.warnings.append(warn("table_missing", f"table {table[1:]} missing"))
        return result
    if anchors[0][0] > 0:
        before = len(result.figures)
        _read_leading(text[start:anchors[0][1]], rows[:anchors[0][0]], result)
        result.note_span(before, start, anchors[0][1])
    anchors = _label_first_lines(text, anchors)
    groups = _t3_groups(tuple(spec.key for spec in rows)) if table == "t3" else {}
    pieces = []
    spans = []  # each piece's stretch of the text
    for index, (row_index, _, label_end) in enumerate(anchors):
        if index + 1 < len(anchors):
            next_row, next_start, _ = anchors[index + 1]
            if table == "t3":
                next_start = _before_unanchored_group(text, groups, label_end, next_start, next_row)
            pieces.append((rows[row_index:next_row], text[label_end:next_start], False))
            spans.append((label_end, next_start))
        else:
            last_end = _before_unanchored_group(text, groups, label_end, end, None) if table == "t3" else end
            pieces.append(([rows[row_index]], text[label_end:last_end], last_end == end))
            spans.append((label_end, last_end))
    # a label run straight into the next row's label (two labels merged in one cell):
    # both rows read their lines from the text after the second label
    for i in range(len(pieces) - 1):
        specs, segment, trailing = pieces[i]
        same_line = "\n" not in segment and "|" not in segment and not re.search(r"\d", segment)
        if specs and len(specs) == 1 and same_line and len(pieces[i + 1][0]) == 1:
            # two labels run together in one cell: both rows read the lines after the second
            pieces[i] = ([], "", trailing)
            pieces[i + 1] = (specs + pieces[i + 1][0], pieces[i + 1][1], pieces[i + 1][2])
            spans[i] = (spans[i][0], spans[i][0])
            continue
        if specs and len(specs) == 1 and not segment.strip(" |\t.、0123456789"):
            following_specs, following_segment, following_trailing = pieces[i + 1]
            split = [_split_cells(line) for line in following_segment.split("\n")]
            blank_rows = sum(1 for cells, structured in split if structured and len(cells) == len(specs[0].columns)
                             and all(is_blank(c) for c in cells))
            if len(following_specs) == 1 and len(_row_line_cells(following_segment)) + blank_rows >= 2:
                pieces[i] = ([], "", trailing)
                pieces[i + 1] = (specs + following_specs, following_segment, following_trailing)
                spans[i] = (spans[i][0], spans[i][0])
    spans = [span for span, p in zip(spans, pieces) if p[0]]
    pieces = [p for p in pieces if p[0]]
    values = [_numeric_cells(segment) for _, segment, _ in pieces]
    result.pieces = pieces
    result.closing_bars = _closing_bars(pieces, len(rows[0].columns))
    lined = _empty_line_rows(pieces)
    own, result.blanks_shown = _blanks_print_nothing(pieces, lined)
    result.empty_line_cells = bool(lined)
    if not (own or lined or ocr) and _empty_lines_are_cells(pieces):
        own = result.empty_line_cells = True
    result.blanks_print_nothing = blanks_print_nothing or own
    noted: list[list[dict]] = []  # each row's warnings
    coded = {} if ocr else _newline_coded_rows(pieces)
    for index, (specs, segment, trailing) in enumerate(pieces):
        if index in coded:
            before_figures = len(result.figures)
            decoded = _window(coded[index], len(specs[0].columns), all_blank=True)
            if decoded is not None:
                result.figures.update(zip(specs[0].keys, decoded))
                if any(printed_as(v) != "number" for v in decoded):
                    result.blank_row(specs[0].key)
                if any(printed_as(v) == "number" for v in decoded):
                    result.rows_with_numbers += 1
                noted.append([])
                result.note_span(before_figures, *spans[index])
                continue
        carried = None
        span = spans[index]
        if index and not values[index] and len(pieces[index - 1][0]) == 1:
            before = len(pieces[index - 1][0][0].columns)
            previous = pieces[index - 1][1]
            if len(values[index - 1]) == before + len(specs[0].columns) \
                    and len(_numeric_cells(previous.split("\n", 1)[0])) <= before \
                    and not _labelled_figures_after_first_line(previous, rows):
                # the row's figures stand before its label, on lines after the previous row's
                carried = values[index - 1][before:]
                span = spans[index - 1]
        before_figures, before_warnings = len(result.figures), len(result.warnings)
        _read_segment(segment, specs, trailing, truncated, result, carried)
        noted.append(result.warnings[before_warnings:])
        result.note_span(before_figures, *span)
    if not result.blanks_print_nothing and not truncated and not ocr:
        _bare_rows_blank(result, pieces, spans, noted)
    if table == "t3" and not ocr:
        _unlabelled_zero_groups(text, rows, groups, start, end, result)
    if not result.rows_with_numbers:
        if not result.figures:
            if not blanks_print_nothing and not truncated and not ocr and len(anchors) == len(rows) \
                    and all(_bare_label(segment) and _template_words_only(segment) for _, segment, _ in pieces):
                # every row printed, each with its label alone, and the next section's
                # heading after the last: the table printed with every cell blank (a
                # table cut off, or printing anything but the template's words, is not read;
                # labels OCR read without cells beside them are rows whose cells the scan
                # did not give)
                blank = _read_table(text, rows, start, end, table, truncated, blanks_print_nothing=True)
                blank.all_blank = True
                return blank
            return TableResult(warnings=[warn("table_without_figures", f"table {table[1:]} printed without figures")])
        # every row printed with blank cells: the template reads them as 0 (a street
        # office with no requests prints table 3 empty); the blank template is told
        # apart by its missing body (see map_layout)
        result.warnings = [w for w in result.warnings if w["code"] != "blank_cells_zero"]
        result.blank_rows = []
        result.warnings.append(warn("table_blank", f"table {table[1:]} printed with every cell blank: read as 0"))
    last = max([anchors[-1][0]] + [i for i, spec in enumerate(rows) if spec.keys[0] in result.figures])
    if last < len(rows) - 1:
        result.warnings.append(warn("table_truncated", f"table {table[1:]} truncated after {rows[last].key.split('.', 1)[1]}"))
    return result


def _read_t3_by_cells(text: str, rows: list[RowSpec], start: int, end: int) -> dict | None:
    """Table 3 whose numeric cells are exactly seven per template row: the cells taken in
    order (labels merged or garbled by OCR or text layers leave the cells in order)."""
    values = _numeric_cells(text[start:end])
    if len(values) != 7 * len(rows):
        return None
    figures = {}
    for i, spec in enumerate(rows):
        figures.update(zip(spec.keys, values[7 * i:7 * i + 7]))
    return figures


def _read_t3_by_order(text: str, rows: list[RowSpec], start: int, end: int) -> dict | None:
    """Table 3 where each row's seven numbers stand on a line of their own or beside
    label fragments (PDF text layers): one run of seven per row, taken in row order."""
    groups = []
    for line in text[start:end].split("\n"):
        words = [w for w in _WORDS.split(line) if w]
        numbers = [numbers_in_cell(w) for w in words]
        count = sum(1 for x in numbers if x)
        if count == 0:
            continue
        if count != 7 or not all(numbers[-7:]) and not all(numbers[:7]):
            return None
        groups.append([x[0] for x in numbers if x])
    if len(groups) != len(rows):
        return None
    figures = {}
    for spec, group in zip(rows, groups):
        figures.update(zip(spec.keys, group))
    return figures


def _resolve_t3(result: TableResult, generation: str) -> None:
    """Choose among the cuts of flattened table-3 rows by the table's own rules."""
    if not result.ambiguous:
        return
    pending = {}
    for row_key, candidates in result.ambiguous.items():
        by_sum = [c for c in candidates if sum(c[:-1]) == c[-1]]
        if len(by_sum) == 1:
            result.figures.update(zip([f"{row_key}.{c}" for c in schema.T3_COLUMN_KEYS], by_sum[0]))
            result.warnings.append(warn("digits_split_by_rule", f"row {row_key}: flattened digits "
                                        f"{result.ambiguous_text[row_key]!r} split by the row sum"))
        else:
            pending[row_key] = by_sum or candidates
    # cut out of runs of digits: no cell of their own
    result.spans.update(dict.fromkeys(f"{row_key}.{c}" for row_key in result.ambiguous for c in schema.T3_COLUMN_KEYS))
    if not pending:
        return
    combos = list(itertools.islice(itertools.product(*pending.values()), 20000))
    # breaches the table has without the ambiguous rows; a cut may add none
    baseline = len(checks.check_t3(result.figures, generation))
    scored = []
    for combo in combos:
        trial = dict(result.figures)
        for row_key, values in zip(pending, combo):
            trial.update(zip([f"{row_key}.{c}" for c in schema.T3_COLUMN_KEYS], values))
        scored.append((len(checks.check_t3(trial, generation)), combo))
    best = min(score for score, _ in scored)
    winners = [combo for score, combo in scored if score == best]
    if len(winners) == 1 and len(scored) > 1 and best <= baseline:
        for row_key, values in zip(pending, winners[0]):
            result.figures.update(zip([f"{row_key}.{c}" for c in schema.T3_COLUMN_KEYS], values))
        result.warnings.append(warn("digits_split_by_rule", "rows " + ", ".join(pending) + ": flattened digits split"
                                    " by the table's row sums, balance and result totals (only split satisfying them)"))
    else:
        for row_key in pending:
            result.warnings.append(warn("digits_ambiguous", f"row {row_key}: flattened digits "
                                        f"{result.ambiguous_text[row_key]!r} can be split {len(pending[row_key])} "
                                        "ways; row left out"))


def _place_short_rows(result: TableResult, generation: str) -> None:
    """Place under 自然人 the one cell that table-3 rows printing only two cells print
    before their total, where the table says it can stand nowhere else.

    A report that deletes the legal-person columns of a row prints ``自然人 | 总计``; which
    column the first cell stood in is not printed. Such cells are placed, all of them or
    none, in one of two ways (report-format.md, table 3: 新收 + 上年结转 = 办理结果总计 +
    结转下年度; the result rows sum to 总计; counts are non-negative):

    1. each is 0 in a row whose total is 0 or a number above 0, and with all of them under
       自然人 that column satisfies every template rule it takes part in, each rule complete
       and every placed cell in one (a number standing in any other column would leave
       the 自然人 column short by its value);
    2. every short row prints two cells, none a first cell below its total, and the
       legal-person columns' rules hold with the rows' cells there 0, each rule having
       its unknown cells on one side (so each is 0): the row's total is all 自然人, and
       the first cell, equal to it, is placed (a first cell above its total is a slip
       and stays out).

    A table that prints no legal-person cell at all proves nothing by 2: where its rows'
    one cell before the total stood is not printed (``shared/cases``, two-value rows).

    An empty cell before a total of 0 is a blank (0). Otherwise each row keeps its total
    only (warning ``short_row``); placed cells carry ``short_row_placed`` saying which way.
    """
    rows = {}
    for row, (lead, _) in result.short_rows.items():
        if len(lead) != 1 or f"{row}.natural" in result.figures:
            continue
        if lead[0] is not None:
            rows[row] = lead[0]
        elif result.figures[f"{row}.total"] == 0:
            rows[row] = blank_value("")  # an empty cell before a total of 0: a blank, so 0
    # a row whose total is 0 has every cell 0; a number above 0 could stand in any column
    candidates = {row: value for row, value in rows.items()
                  if value > 0 or value == 0 and result.figures[f"{row}.total"] == 0}
    slipped = {row: value for row, (value, _) in result.slipped_rows.items() if f"{row}.natural" not in result.figures}
    certain: dict = {}
    if candidates:
        trial = dict(result.figures)
        trial.update({f"{row}.natural": value for row, value in {**candidates, **slipped}.items()})
        breaches = [f for f in checks.check_t3(trial, generation)
                    if f["rule"] in ("t3.balance", "t3.results_sum") and f["keys"][0].endswith(".natural")]
        if not breaches and _natural_rules_cover(trial, generation, {**candidates, **slipped}):
            certain = candidates
            for row, value in slipped.items():
                # the first of a row's two cells, above the last: under 自然人 as the sums
                # say; the last, below it, is no certain total (a slip) and stays out
                result.figures[f"{row}.natural"] = value
                result.warnings = [w for w in result.warnings if w is not result.slipped_rows[row][1]]
                result.warnings.append(warn("short_row_placed", f"row {row}: 2 of {len(schema.T3_COLUMN_KEYS)} "
                                            "cells printed, the first above the last; the first placed under "
                                            "natural (the natural column's sums hold only so), the last left out"))
    how = "the natural column's sums hold only so"
    totals = {row: result.figures[f"{row}.total"] for row in result.short_rows}
    equal = {row: value for row, value in rows.items() if value == totals[row]}
    if not certain and equal and len(rows) == len(result.short_rows) \
            and not any(value < totals[row] for row, value in rows.items()):
        # every short row prints two cells, the first equal to its total (a first cell
        # above its total is a slip, left out): the row's one non-zero column holds the
        # total and every other is 0 — which column, the legal-person columns' sums say
        legal = [c for c in schema.T3_COLUMN_KEYS if c not in ("natural", "total")]
        if _legal_cells_zero(result.figures, generation, [r for r, t in totals.items() if t], legal):
            certain, how = equal, "the legal-person columns' sums hold only with these rows' cells 0"
    for row, (_, printed) in result.short_rows.items():
        if row not in certain:
            result.warnings.append(warn("short_row", f"row {row}: {printed} of {len(schema.T3_COLUMN_KEYS)} cells "
                                        "printed; only the total (the last) is certain, the others left out"))
            continue
        key = f"{row}.natural"
        result.figures[key] = certain[row]
        total_span = result.spans.get(f"{row}.total")
        if total_span is not None:
            result.spans[key] = (total_span[0], total_span[1], "first")
        result.warnings.append(warn("short_row_placed", f"row {row}: {printed} of {len(schema.T3_COLUMN_KEYS)} cells "
                                    f"printed; the first placed under natural ({how}), the others left out"))


def _confirm_blank_totals(result: TableResult, generation: str) -> None:
    """Keep the rows read as six figures and a blank total (:func:`_spaced_row_blank_total`)
    only where the table's sums confirm their columns: every result row and (七)总计 read
    in the columns before 总计, and the result rows summing to (七)总计 in each of them
    (report-format.md, t3.results_sum). A blank cell printing nothing elsewhere in such a
    row (its figures one column off) breaks those sums; unconfirmed, the rows are left out."""
    if not result.blank_totals:
        return
    rows = checks.result_rows(result.figures, generation)
    columns = [c for c in schema.T3_COLUMN_KEYS if c != "total"]
    keys = [schema.t3_key(r, c) for r in (rows or ()) + ("results_total",) for c in columns]
    if rows and all(k in result.figures for k in keys) and not any(
            f["rule"] == "t3.results_sum" and not f["keys"][-1].endswith(".total")
            for f in checks.check_t3(result.figures, generation)):
        return
    for row, noted in result.blank_totals:
        for key in (f"{row}.{c}" for c in schema.T3_COLUMN_KEYS):
            result.figures.pop(key, None)
            result.spans.pop(key, None)
        result.warnings = [w for w in result.warnings if w is not noted]
        result.warnings.append(warn("row_incomplete", f"row {row}: {len(columns)} of {len(columns) + 1} figures, "
                                    "the total blank, but the table's column sums do not confirm their columns; "
                                    "row left out"))
    result.blank_totals = []


def _legal_cells_zero(figures: dict, generation: str, rows: list[str], columns: list[str]) -> bool:
    """Whether the template's rules on each legal-person column prove that every one of
    ``rows`` (short rows whose total is above 0, keys ``t3.<row>``) holds 0 in it (a
    short row whose total is 0 holds 0 in every column).

    A rule (新收 + 上年结转 = 总计 + 结转下年度; the result rows sum to 总计) whose unknown
    cells all stand on one side and which holds with them at 0 proves them 0, counts
    being non-negative; cells proven so count as known in the next rule. A rule that
    leaves them a positive sum, or a cell no rule reaches, proves nothing."""
    result_rows = checks.result_rows(figures, generation) or ()
    rules = [(("t3.new", "t3.carried_over"), ("t3.results_total", "t3.carried_forward"))]
    if result_rows:
        rules.append((("t3.results_total",), tuple(f"t3.{r}" for r in result_rows)))
    for column in columns:
        unknown = set(rows)
        changed = True
        while unknown and changed:
            changed = False
            for left, right in rules:
                sides = []
                for side in (left, right):
                    known, open_ = 0, []
                    for row in side:
                        if row in unknown:
                            open_.append(row)
                        elif f"{row}.{column}" in figures:
                            known += figures[f"{row}.{column}"]
                        elif row in rows or figures.get(f"{row}.total") == 0:
                            pass  # proven 0 already, or a row of zeros
                        else:
                            known = None
                            break
                    sides.append((known, open_))
                (known_l, open_l), (known_r, open_r) = sides
                if known_l is None or known_r is None or (open_l and open_r) or not (open_l or open_r):
                    continue
                if known_l != known_r:
                    return False  # the unknown cells hold the difference (or the rule is breached)
                unknown.difference_update(open_l or open_r)
                changed = True
        if unknown:
            return False
    return True


def _natural_rules_cover(figures: dict, generation: str, rows: dict) -> bool:
    """Whether every row of ``rows`` takes part in a template rule on the 自然人 column
    whose figures are all present (so that rule checked the placed cell)."""
    column = "natural"
    balance = [schema.t3_key(r, column) for r in ("new", "carried_over", "results_total", "carried_forward")]
    checked = set(balance) if all(k in figures for k in balance) else set()
    result_rows = checks.result_rows(figures, generation)
    if result_rows:
        parts = [schema.t3_key(r, column) for r in result_rows] + [schema.t3_key("results_total", column)]
        if all(k in figures for k in parts):
            checked.update(parts)
    return all(f"{row}.natural" in checked for row in rows)


#: the characters of table 4's column headers (结果维持 … 总计), each printed once for
#: 行政复议 and for each kind of 行政诉讼: counted one by one, since narrow cells break
#: the words over lines and a staggered header interleaves the pieces of neighbours
_T4_LEAF_CHARS = frozenset("".join(c.label for c in schema.T4_COLUMNS))
#: what table 4's header is printed with (its words, however narrow cells break them)
_T4_HEADER_TEXT = re.compile(r"[结果维持纠正其他尚未审总计行政复议诉讼经直接起后\s|（）()：:件单位]+")


def _t4_printed_blank(result: TableResult) -> TableResult:
    """``result`` with table 4's every cell read as a printed blank (0), and saying so."""
    result.figures.update(dict.fromkeys(schema.T4_KEYS, blank_value("")))
    result.warnings.append(warn("table_blank", "table 4 printed with every cell blank: read as 0"))
    return result


def _bars_open_rows(header: str) -> bool:
    """Whether a table printed one cell per line opens each row with a bar on a line of
    its own (``|`` / ``行政复议 |`` / ``行政诉讼 |`` / ``|`` / ``结果维持 |`` …): the header's
    first line is such a bar, and another opens a further header row."""
    lines = [line.strip() for line in header.split("\n") if line.strip()]
    return len(lines) > 2 and lines[0] == "|" and sum(1 for line in lines if line == "|") >= 2


def _row_and_loose_text(body: str) -> bool:
    """Whether a table's figures stand partly in a row of cells and partly on a line with
    no cell separators: OCR that found only part of a table's grid reads the rest as
    text (``| 0 | 2 | 0 …`` for the columns it found, ``2 0 0`` for those it lost, on a
    line after the row). Taken together in reading order the figures would fill the
    table, every one in another column than its own."""
    numbered = [line for line in body.split("\n") if _numeric_cells(line)]
    structured = [_split_cells(line)[1] for line in numbered]
    return any(structured) and not all(structured)


def _read_t4(text: str, start: int, end: int, header_end: str, allow_blank: bool = False,
             closed: bool = False, ocr: bool = False) -> TableResult:
    """Table 4's 15 figures from ``text[start:end]``.

    :param allow_blank: blank marks and empty cells may be read as 0 (other tables of
        the document printed figures, or every table prints its cells blank).
    :param closed: the next section's heading ends the table (the text does not stop
        after it): a table 4 printed with its whole header and nothing between it and
        that heading is printed with every cell blank, which the template reads as 0.
    :param ocr: some of the text was read by OCR: a header with nothing after it is a
        row the scan did not give (faint print, a grid not found), never a blank table
    """
    result = TableResult()
    region = text[start:end]
    ends = list(re.finditer(header_end, region))
    body = region[ends[-1].end():] if ends else region
    # (header words broken over lines by narrow cells, ``结果维`` / ``持``, leave pieces
    # after the last header word: the table is blank when nothing but header text is printed)
    if allow_blank and closed and ends and not _T4_HEADER_TEXT.sub("", region) \
            and all(region.count(char) >= 3 for char in _T4_LEAF_CHARS):
        if ocr:
            result.warnings.append(warn("table_without_figures", "table 4: its header was read but no row of "
                                        "figures or blank cells (OCR); left out"))
            return result
        return _t4_printed_blank(result)
    values = _numeric_cells(body)
    keys = list(schema.T4_KEYS)
    if len(values) < 15 and len(_numeric_cells(region)) == 15:
        values = _numeric_cells(region)  # header fragments printed after the figures
    loose = len(values) == 15 and _row_and_loose_text(body)
    if len(values) == 15 and not loose:
        result.figures.update(zip(keys, values))
        return result
    # more than fifteen numbers: which fifteen are the row's is not known by position
    # (a number's digits set apart, ``1 9 — — 2 3 1 …``, or text after the table); only
    # a line or a row of exactly fifteen cells below may give them
    for line in body.split("\n"):
        tokens = line.split()
        if len(tokens) == 15 and all(numbers_in_cell(t) or is_blank(t) for t in tokens):
            # the row as a line of fifteen words, each a figure or a blank mark
            # (``无 无 … 无``, ``3 — 0 …``: a text layer without cell boundaries)
            window = _window(tokens, 15, all_blank=allow_blank)
            if window is not None:
                result.figures.update(zip(keys, window))
                if any(printed_as(v) != "number" for v in window):
                    result.warnings.append(warn("blank_cells_zero", "table 4: blank cells read as 0"))
                return result
    lines = body.split("\n")[1:]
    window, cells, _ = _cell_run_row(lines, 15)
    if window is None and ends and lines and lines[0].strip() == "|" \
            and _bars_open_rows(region[:ends[-1].start()]):
        # a bar opens the row, as one opened each header row; after it every line up to
        # the row's end is a cell ending in a bar, a bar alone a blank cell
        run = list(itertools.takewhile(lambda line: line.strip().endswith("|"), lines[1:]))
        if len(run) == 15:
            cells = [line.strip()[:-1].strip() for line in run]
            window = _window(cells, 15, all_blank=True)
    if window is None and closed and allow_blank and lines and not lines[-1]:
        # one cell per line, a blank cell an empty line, the next heading straight after
        # the fifteenth line (``总计`` / `` `` ×4 / ``1`` / `` `` ×10 / ``五、…``): the
        # lines are the row's cells, the empty ones at its end included
        run = [line.strip() for line in lines[:-1]]
        if len(run) == 15 and all(not c or _lone_figure(c) or is_blank(c) for c in run) and any(run):
            cells, window = run, _window(run, 15, all_blank=True)
    if window is not None and (allow_blank or any(numbers_in_cell(c) for c in cells)):
        result.figures.update(zip(keys, window))
        if any(printed_as(v) != "number" for v in window):
            result.warnings.append(warn("blank_cells_zero", "table 4: blank cells read as 0"))
        return result
    for line in body.split("\n"):
        cells, structured = _split_cells(line)
        if structured and len(cells) == 14 and line.lstrip().startswith("|") and _BLANK_BEFORE_PADDING.search(line):
            # ``| … | 28 |  |  |||``: the last cell blank (two spaces between bars, as
            # every blank cell of the row prints), then the bars padding the row; the row
            # opens with a bar, so its cells count from the left and that one is the 15th
            cells.append("")
        if structured:
            window = _window(cells, 15, all_blank=allow_blank and len(cells) >= 15)
            if window is not None:
                result.figures.update(zip(keys, window))
                result.warnings.append(warn("blank_cells_zero", "table 4: blank cells read as 0"))
                return result
            if allow_blank and len(cells) >= 10 and not re.search(r"\d", body) \
                    and all(not c.strip() or is_blank(c) for c in cells) and any(c.strip() for c in cells):
                # a row of blank marks (无, —, /) and empty cells, some run together, and no
                # figure anywhere in the table: the table is printed blank, every cell 0
                return _t4_printed_blank(result)
    flattened = not any(_split_cells(line)[1] for line in body.split("\n")) and body.strip().count("\n") < 2
    runs = _table_digit_runs(body) if (not values or flattened) and len(values) < 15 else []
    if runs:
        candidates = split_digit_runs(runs, 15)
        if len(candidates) > 1:
            by_rule = [c for c in candidates
                       if not checks.check_t4(dict(zip(keys, c)))]
            if len(by_rule) == 1:
                result.warnings.append(warn("digits_split_by_rule", "table 4: flattened digits split by the group sums"))
            candidates = by_rule
        if len(candidates) == 1:
            result.figures.update(zip(keys, candidates[0]))
            result.spans.update(dict.fromkeys(keys))  # cut out of runs of digits: no cell of its own
            return result
        result.warnings.append(warn("digits_ambiguous",
                                    f"table 4: digits {' '.join(runs)!r} cannot be split into 15 cells unambiguously"))
        return result
    if loose:
        result.warnings.append(warn("figures_apart_from_grid", "table 4: figures partly in its cells, partly on a "
                                    "line apart from them; left out"))
    elif len(values) > 15:
        result.warnings.append(warn("table_overfull", f"table 4: {len(values)} numbers for 15 cells; left out"))
    elif values:
        result.warnings.append(warn("table_incomplete", f"table 4 incomplete: {len(values)} of 15 figures found; left out"))
    else:
        result.warnings.append(warn("table_without_figures", "table 4 printed without figures"))
    return result


# --- the whole document -----------------------------------------------------------------

def _specs_t2(module) -> list[RowSpec]:
    return list(_specs_t2_cached(module))


@functools.lru_cache(maxsize=None)
def _specs_t2_cached(module) -> tuple[RowSpec, ...]:
    return tuple(RowSpec(f"t2.{key}", columns, re.compile(module.T2_ANCHORS[key])) for key, columns in module.t2_rows())


def _specs_t3(module, single_other: bool) -> list[RowSpec]:
    return list(_specs_t3_cached(module, single_other))


@functools.lru_cache(maxsize=None)
def _specs_t3_cached(module, single_other: bool) -> tuple[RowSpec, ...]:
    specs = []
    for key in module.t3_rows(single_other):
        pattern, sub = module.T3_ANCHORS[key]
        specs.append(RowSpec(f"t3.{key}", schema.T3_COLUMN_KEYS, re.compile(pattern), sub))
    return tuple(specs)


_T3_HEADER = re.compile(r"勾稽关系|申请人情况")
_T3_START = re.compile(r"本年新收|新收政府信息公开申请")
#: a line of table 3's header, printed again where the table continues (no figures on it)
_T3_HEADER_ROW = re.compile(r"(?m)^[^\d\n]*(?:勾稽关系|申请人情况|自然人[^\d\n]*(?:法人|总计)|商业企业[^\d\n]*科研机构)"
                            r"[^\d\n]*$")
#: a line printing nothing but words of table 3's header (its cells one per line, or
#: broken by narrow columns: ``总计``, ``社会公益``, ``机构 其他``)
_T3_HEADER_WORDS_LINE = re.compile(r"(?:[ \t|\u3000]|自然人|法人或其他组织|总\s*计|商业\s*企业|科研\s*机构|社会公益|组织"
                                   r"|法律服务|机构|其\s*他|申请人情况)+")


def _blank_t3_header_rows(region: str) -> str:
    """``region`` with the lines of table 3's header printed again where the table
    continues on a new page blanked (same length, so offsets hold): single lines
    (:data:`_T3_HEADER_ROW`), and runs of lines printing only header words that name
    both 自然人 and 商业企业 (a header whose cells came out one per line). Their 总计 and
    其他 are no row labels."""
    if "自然人" not in region:
        return _T3_HEADER_ROW.sub(lambda m: " " * len(m.group(0)), region)
    lines = region.split("\n")
    k = 0
    while k < len(lines):
        end = k
        while end < len(lines) and lines[end].strip() and _T3_HEADER_WORDS_LINE.fullmatch(lines[end]):
            end += 1
        if end > k:
            run = "".join(lines[k:end])
            if "自然人" in run and re.search(r"商业\s*企业", run):
                lines[k:end] = [" " * len(line) for line in lines[k:end]]
            k = end
        else:
            k += 1
    return _T3_HEADER_ROW.sub(lambda m: " " * len(m.group(0)), "\n".join(lines))


_T3_MIDDLE = re.compile(r"本年度办理结果|予以公开\s*\||属于国家秘密|本机关不掌握|信访举报投诉|结转下年度继续办理")
#: warnings about a whole table rather than some of its rows
_TABLE_CODES = frozenset({"table_missing", "table_without_figures", "table_blank", "table_truncated"})
_THREE_OTHER_ROWS = re.compile(r"逾期不补正|不再处理其政府信息公开申请|收费通知|缴纳费用")


def _year_warnings(figures: dict) -> list[dict]:
    return [warn("figure_like_year", f"figure {k} looks like a year ({v})") for k, v in figures.items()
            if isinstance(v, int) and 1990 <= v <= 2100 and not k.startswith("t2.")]


def map_figures(text: str, sections: dict, generation: str, truncated: bool = False,
                spans: dict | None = None, blanks_print_nothing: bool = False,
                ocr: bool = False) -> tuple[dict, list[dict]]:
    """Read tables 2, 3 and 4 of normalised report text.

    :param text: normalised document text.
    :param sections: as returned by :func:`extract.sections.find_sections`.
    :param generation: ``"2021"`` or ``"2019"``.
    :param truncated: the text is known to stop early (excerpt); a row cut off at the
        end gives the figures printed up to the cut.
    :param spans: if given, filled with figure key → ``(start, end, last)``, the stretch
        of ``text`` each figure was read from and whether it is the last figure printed
        there, or ``None`` when it has no cell of its own (see :func:`figure_cells`).
    :param blanks_print_nothing: read a row printed with its label and nothing else as
        blank cells, 0 (set when every table is printed so: a body with nothing to report
        that prints the template's tables with every cell empty).
    :param ocr: some of the text was read by OCR (see :func:`_read_table`).
    :returns: ``(figures, warnings)``; warnings are :class:`extract.schema.ExtractionWarning`.
    """
    if spans is None:
        spans = {}
    module = generations.module_for(generation)
    figures: dict = {}
    warnings: list[dict] = []

    def bounds(number: int, fallback_start: int) -> tuple[int, int]:
        section = sections.get(number)
        begin = section.body_start if section else fallback_start
        later = [s.start for n, s in sections.items() if n > number and s.start > begin]
        return begin, (min(later) if later else len(text))

    # table 2
    t2_first = text.find("第二十条")
    if 2 not in sections:
        # a page that starts in the middle of table 2 (``信息内容 本年处理决定数量`` /
        # ``行政处罚 3985758`` before the next ``第二十条第（八）项``)
        header = re.search(r"^\s*信息内容[\s|]", text, re.M)
        if header and (t2_first < 0 or header.start() < t2_first) \
                and (3 not in sections or header.start() < sections[3].start):
            t2_first = header.start()
    if 2 in sections or t2_first >= 0:
        start, end = bounds(2, max(t2_first, 0))
        t3_header = _T3_HEADER.search(text, start, end)
        end = t3_header.start() if t3_header and 3 not in sections else end
        # table 2's own headers say which template it follows (generations mix)
        t2_marked = generations.marked(text, start, end, table_2=True)
        t2_module = t2_marked[0] if len(t2_marked) == 1 else module
        # header lines (``信息内容 | 上一年项目数量(指2019年事项数) | …如-8``) are no row's
        # text: their digits, read as the cells of the row above, are masked (same length)
        text_t2 = text[:start] + _T2_HEADER_LINE.sub(lambda m: _DIGIT.sub("#", m.group()), text[start:end]) \
            + text[end:]
        t2_args = (text_t2, _specs_t2(t2_module), start, end, "t2", truncated)
        t2 = _read_table(*t2_args, blanks_print_nothing=blanks_print_nothing, ocr=ocr)
        figures.update(t2.figures)
        spans.update(t2.spans)
        warnings += t2.warnings
        t2_warnings = len(warnings)
        for row_key in t2.ambiguous:
            warnings.append(warn("digits_ambiguous", f"row {row_key}: flattened digits {t2.ambiguous_text[row_key]!r}"
                                 f" can be split {len(t2.ambiguous[row_key])} ways; row left out"))
    else:
        t2 = None
        warnings.append(warn("table_missing", "table 2 missing"))

    # table 3
    header = _T3_HEADER.search(text, sections[3].body_start if 3 in sections else 0)
    first_row = _T3_START.search(text, sections[3].body_start if 3 in sections else 0)
    if 3 not in sections and not (header and first_row):
        # a page that starts in the middle of table 3 (四、结转下年度… with no 三、 before it)
        header, first_row = None, _T3_MIDDLE.search(text, sections[2].end if 2 in sections else 0)
    if 3 in sections or (header and first_row) or first_row:
        found = header or first_row
        start, end = bounds(3, found.start() if found else 0)
        if header and header.start() < end:
            start = max(start, header.end())
        region = text[start:end]
        # (六) as three rows or one is read off the table itself, whatever the generation:
        # 2021-generation reports still print the 2019 single row, and the reverse occurs
        if _THREE_OTHER_ROWS.search(region):
            single_other = False
        else:
            single_other = generation == "2019" or re.search(r"其他处理", region) is not None
        specs = _specs_t3(gen2021, single_other)
        # header rows printed again where the table continues on a new page: their
        # 总计 and 其他 are no row labels (same length, so offsets still hold)
        t3_text = text[:start] + _blank_t3_header_rows(region) + text[end:]
        # table 2 showing that this document prints blank cells as nothing says so for table 3
        t3 = _read_table(t3_text, specs, start, end, "t3", truncated,
                         blanks_print_nothing=blanks_print_nothing or (t2 is not None and (t2.blanks_shown or (
                             # table 2 printed its every row as a label alone, no empty
                             # line per cell: table 3's labels alone are blank rows too
                             t2.all_blank and not t2.empty_line_cells))), ocr=ocr)
        by_order = _read_t3_by_order(t3_text, specs, start, end)
        if by_order is not None and (by_order != t3.figures or t3.ambiguous):
            t3 = TableResult(figures=by_order, warnings=[
                warn("table_read_by_order", "table 3 read by row order (labels and numbers interleaved)")])
        elif len(t3.figures) < 7 * len(specs) and not t3.ambiguous \
                and not any(w["code"] == "row_shape_unclear" for w in t3.warnings):
            # (a row whose cells are known to be split or shifted leaves the count of
            # cells no proof of where each stands)
            by_cells = _read_t3_by_cells(t3_text, specs, start, end)
            if by_cells is not None:
                t3 = TableResult(figures=by_cells, warnings=[warn(
                    "table_read_by_cells", "table 3 read cell by cell in row order (some labels unreadable: "
                    + "; ".join(w["detail"] for w in t3.warnings if w["code"] not in _TABLE_CODES)[:200] + ")")])
        _resolve_t3(t3, generation)
        _place_short_rows(t3, generation)
        _confirm_blank_totals(t3, generation)
        if t2 is not None and t3.blanks_shown and not t2.blanks_print_nothing:
            # table 3 shows that this document prints blank cells as nothing: so does table 2
            again = _read_table(*t2_args, blanks_print_nothing=True)
            if len(again.figures) > len(t2.figures) and set(t2.figures) <= set(again.figures):
                figures.update(again.figures)
                spans.update(again.spans)
                warnings[t2_warnings - len(t2.warnings):t2_warnings] = again.warnings
        figures.update(t3.figures)
        spans.update({key: t3.spans.get(key, (start, end, False)) for key in t3.figures})
        warnings += t3.warnings
    else:
        warnings.append(warn("table_missing", "table 3 missing"))

    # table 4
    if 4 in sections:
        start, end = bounds(4, 0)
        # an all-blank table-4 row means zeros when the other tables printed numbers
        t4 = _read_t4(text, start, end, module.T4_HEADER_END, allow_blank=bool(figures) or blanks_print_nothing,
                      closed=end < len(text), ocr=ocr)
        figures.update(t4.figures)
        spans.update({key: t4.spans.get(key, (start, end, False)) for key in t4.figures})
        warnings += t4.warnings
    else:
        warnings.append(warn("table_missing", "table 4 missing"))
    for key in [k for k, v in figures.items() if printed_as(v) == "unread"]:
        del figures[key]
        warnings.append(warn("figure_unread", f"figure {key}: its cell could not be read (OCR); left out"))
    warnings += _year_warnings(figures)
    for key in [k for k, v in figures.items() if isinstance(v, float) and k not in schema.DECIMAL_KEYS]:
        # a count printed with a decimal point (OCR reading ``17,618`` as ``17.618``):
        # no count has a fraction, so the cell is left out rather than guessed
        warnings.append(warn("figure_fraction", f"figure {key} reads {figures.pop(key)}, a fraction where the "
                             "template counts items; left out"))
    empty = sum(w["code"] == "table_without_figures" for w in warnings)
    if empty and not blanks_print_nothing and not ocr and all(printed_as(v) != "number" for v in figures.values()) \
            and empty + sum(w["code"] == "table_blank" for w in warnings) == 3:
        # tables 2, 3 and 4 all printed, not one figure in them: their cells are blank,
        # which the template reads as 0 (a blank template has no body, see map_layout;
        # tables OCR read without a cell are tables whose cells the scan did not give)
        spans.clear()
        again, again_warnings = map_figures(text, sections, generation, truncated, spans, blanks_print_nothing=True)
        if again:
            return again, again_warnings
    return figures, warnings


_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?)\s*$")


#: the key of :func:`map_layout`'s result listing the figures read from text OCR gave
#: (not part of the record; see :func:`extract.api._drop_figures_outside_cells`)
OCR_READ_KEY = "_ocr_read"


def _read_from_ocr_lines(layout: Layout, spans: dict, lines: list[str], sources: list[int]) -> set[str]:
    """The figures whose stretch of text (``spans``) lies on lines OCR read: every line it
    touches came from a layout line with an OCR confidence. A figure with no stretch of
    its own (cut out of a run of digits) counts when every line of the layout was OCR'd.

    :param sources: for each of ``lines``, the index of the layout line it came from."""
    if not layout.confidence:
        return set()
    ocr_line = [index in layout.confidence for index in sources]
    starts, at = [], 0
    for line in lines:
        starts.append(at)
        at += len(line) + 1
    whole = len(layout.confidence) >= len(layout.lines)
    found = set()
    for key, span in spans.items():
        if span is None:
            if whole:
                found.add(key)
            continue
        first = max(bisect.bisect_right(starts, span[0]) - 1, 0)
        last = max(bisect.bisect_right(starts, max(span[0], span[1] - 1)) - 1, 0)
        if first < len(ocr_line) and all(ocr_line[i] for i in range(first, min(last, len(ocr_line) - 1) + 1)):
            found.add(key)
    return found


def _source_lines(layout: Layout) -> tuple[list[str], list[int]]:
    """The document's normalised lines without page numbers, and for each the index of
    the layout line (a :class:`~extract.layout.Row` or a ``str``) it came from."""
    joined = "\n".join(layout.lines)
    if "\r" not in joined and joined.count("\n") == len(layout.lines) - 1:
        # one line per layout line (the usual case): normalised together, as fast
        kept = [(line, index) for index, line in enumerate(normalize(joined).split("\n"))
                if not _PAGE_NUMBER.match(line)]
        return [line for line, _ in kept], [index for _, index in kept]
    lines: list[str] = []
    sources: list[int] = []
    last = len(layout.lines) - 1
    for index, raw in enumerate(layout.lines):
        # as if the lines were joined by "\n" and normalised together ("\r\n" is one break)
        text = raw[:-1] if index < last and raw.endswith("\r") else raw
        for piece in normalize(text).split("\n"):
            if not _PAGE_NUMBER.match(piece):
                lines.append(piece)
                sources.append(index)
    return lines, sources


_NO_CELL = dict.fromkeys(schema.CELL_FIELDS)


@functools.lru_cache(maxsize=1 << 12)
def _line_tokens(line: str) -> tuple:
    """The figures a line prints, in order, as ``(start, end, value, printed_as, cell
    index)`` with offsets in the line: each cell of a row line (numbers, or a blank read
    as 0), each number of a line without separators (cell index ``None``)."""
    cells, structured = _split_cells_cached(line)
    if not structured:
        cells = line.split()
    found = []
    position = 0
    for cell_index, cell in enumerate(cells):
        if cell:
            at = line.find(cell, position)
            if at < 0:
                at = position
            position = end = at + len(cell)
            values = numbers_in_cell(cell)
            if values is None:
                if structured and is_blank(cell):
                    values = (blank_value(cell),)
                elif cell == UNREAD_CELL:
                    values = (UNREAD,)
                else:
                    continue
        elif structured:
            at = end = position
            values = (_BLANK_CELL,)
        else:
            continue
        where = cell_index if structured else None
        for value in values:
            found.append((at, end, value, getattr(value, "printed_as", "number"), where))
    return tuple(found)


_BLANK_CELL = blank_value("")


def _tokens(line_starts: list[int], lines: list[str], start: int, end: int) -> list[tuple]:
    """The figures the stretch ``[start, end)`` of the text prints, in reading order, as
    ``(value, printed_as, line index, cell index)`` (see :func:`_line_tokens`); a cell
    counts when it starts in the stretch, or ends in it after starting before it."""
    found = []
    first = max(bisect.bisect_right(line_starts, start) - 1, 0)
    for index in range(first, len(lines)):
        line_start = line_starts[index]
        if line_start >= end:
            break
        for cell_start, cell_end, value, how, cell_index in _line_tokens(lines[index]):
            cell_start, cell_end = cell_start + line_start, cell_end + line_start
            if cell_start < end and (cell_start >= start if cell_end == cell_start else cell_end > start):
                found.append((value, how, index, cell_index))
    return found


def _place(values: list, tokens: list[tuple]) -> list[tuple | None]:
    """For each value (in the order it was read), the token it was read from, when every
    way of reading the values in order out of the tokens agrees on it; else ``None``."""
    hows = [printed_as(v) for v in values]
    n = len(tokens)
    if n == len(values) and all(t[1] == how and (t[0] == v or how == "unread")
                                for t, v, how in zip(tokens, values, hows)):
        return list(tokens)  # one token per value: the only way
    left, j = [], 0
    for value, how in zip(values, hows):
        while j < n:
            token = tokens[j]
            if token[1] == how and (token[0] == value or how == "unread"):
                break
            j += 1
        else:
            return [None] * len(values)  # not read in order from these cells
        left.append(j)
        j += 1
    right, j = [], n - 1
    for value, how in zip(reversed(values), reversed(hows)):
        while True:
            token = tokens[j]
            if token[1] == how and (token[0] == value or how == "unread"):
                break
            j -= 1
        right.append(j)
        j -= 1
    right.reverse()
    return [tokens[a] if a == b else None for a, b in zip(left, right)]


def _row_cells(origin: str, line: str) -> tuple[tuple, tuple]:
    """The layout cells the mapper's cells of ``line`` (``origin`` normalised) stand for,
    from its first cell on, and the mapper's cells; ``((), ())`` for a text line, and no
    layout cells when they cannot be matched (a row's padding or outer bars dropped
    are matched by text)."""
    if not isinstance(origin, Row):
        return (), ()
    cells = origin.cells
    split, structured = _split_cells_cached(line)
    if not structured:
        return cells, ()
    if len(cells) == len(split):
        return cells, split
    texts = [meta.simplify(normalize(c.text)).strip() for c in cells]
    for offset in range(len(texts) - len(split) + 1):
        if texts[offset:offset + len(split)] == list(split):
            return cells[offset:], split
    return (), split


def _same_text(cell, mapped: str) -> bool:
    """Whether a layout cell's text is the mapper's cell text ``mapped`` (after folding)."""
    return cell.text == mapped or meta.simplify(normalize(cell.text)).strip() == mapped


def figure_cells(figures: dict, spans: dict, text: str, lines: list[str], origins: list[str]) -> dict:
    """Where each figure was printed: figure key → the fields of
    :data:`extract.schema.CELL_FIELDS`.

    :param figures: figure key → value as read (before ``Printed`` values become ints).
    :param spans: figure key → ``(start, end, last)`` in ``text``, the stretch its value was
        read from and whether it is the last figure printed there (:func:`map_figures`),
        or ``None`` when it has no cell of its own.
    :param text: the text the figures were read from (``lines`` joined by ``"\n"``).
    :param lines: that text's lines; ``origins``: the layout line each came from.
    :returns: an entry for every figure; fields not known for sure are ``None``. A value
        is tied to a cell when every way of reading the stretch's values, in the order
        they were read, out of its cells puts it in that one cell; a value that is the
        last figure of its stretch (a short row's total), to the last cell printing it.
    """
    line_starts, at = [], 0
    for line in lines:
        line_starts.append(at)
        at += len(line) + 1
    groups: dict[tuple, list[str]] = {}
    for key in figures:
        if spans.get(key) is not None:
            groups.setdefault(spans[key], []).append(key)
    placed: dict[str, tuple | None] = {}
    if at - 1 == len(text):
        for (start, end, last), keys in groups.items():
            tokens = _tokens(line_starts, lines, start, end)
            values = [figures[k] for k in keys]
            if last == "first":  # a short row's first cell (_place_short_rows)
                tokens = [t for t in tokens if printed_as(values[0]) == t[1] and values[0] == t[0]][:1]
                placed.update({key: tokens[0] if tokens and len(keys) == 1 else None for key in keys})
            elif last:
                tokens = [t for t in tokens if printed_as(values[0]) == t[1] and values[0] == t[0]][-1:]
                placed.update({key: tokens[0] if tokens and len(keys) == 1 else None for key in keys})
            else:
                placed.update(zip(keys, _place(values, tokens)))
    rows: dict[int, tuple] = {}  # line index → (its layout cells from the mapper's first cell on, the mapper's cells)
    out = {}
    for key, value in figures.items():
        token = placed.get(key)
        cell = None
        if token is not None:
            index, cell_index = token[2], token[3]
            if index not in rows:
                rows[index] = _row_cells(origins[index], lines[index])
            cells, mapped = rows[index]
            if cell_index is None:
                cell = cells[0] if len(cells) == 1 and not mapped else None  # a row of one cell
            elif cells:
                cell = cells[cell_index]
                if not _same_text(cell, mapped[cell_index]):
                    cell = None
        if cell is None:
            out[key] = dict(_NO_CELL, printed_as=printed_as(value))
        else:
            out[key] = {"page": cell.page, "table": cell.table, "row": cell.row, "col": cell.col,
                        "box": list(cell.box) if cell.box else None, "printed_as": printed_as(value),
                        "confidence": cell.confidence}
    return out


# --- OCR'd tables: rows placed by their grid position (extract.grid_rows) -------------

def _place_by_grid(layout: Layout, generation: str, figures: dict, cells: dict) -> list[schema.ExtractionWarning]:
    """Place the figure rows of OCR'd tables by grid position where their labels agree
    (:func:`extract.grid_rows.place`) and merge them into ``figures`` and ``cells``
    (changed in place); the warnings this gives."""
    from extract import grid_rows

    return grid_rows.apply(grid_rows.place(layout, generation), figures, cells)


def breach_findings(figures: dict, generation: str, narrative: str | None) -> list[dict]:
    """The template's arithmetic checked on ``figures`` (:func:`extract.checks.check_figures`),
    each finding a ``breach`` until OCR's confidence says otherwise
    (:func:`extract.api.mark_uncertain`)."""
    return [dict(f, status="breach") for f in checks.check_figures(figures, generation, narrative)]


def map_layout(layout: Layout) -> dict:
    """Map a document's lines onto format, metadata, sections, figures and findings.

    :param layout: the document as produced by an input-kind reader.
    :returns: a dict with ``format``, ``agency``, ``year``, ``title``, ``is_report``,
        ``sections`` (``"1"``…``"6"`` → text), ``figures`` (canonical key → number),
        ``findings`` (``[{"rule", "detail", "keys", "status"}]``) and ``warnings``
        (``[{"code", "detail"}]``, :class:`extract.schema.ExtractionWarning`).
    """
    lines, sources = _source_lines(layout)
    origins = [layout.lines[index] for index in sources]
    text = "\n".join(lines)
    title_hint = normalize(layout.title_hint) if layout.title_hint else None
    fields = meta.page_fields(lines)
    markup_title = normalize(layout.markup_title) if layout.markup_title else None
    title = meta.detect_title(lines, title_hint, markup_title, fields)
    year = meta.detect_year(title, text)
    generation = meta.detect_generation(text, year)
    folded = meta.simplify(text)
    sections = find_sections(folded)
    if generation == "free" and len(sections) < 3:
        sections = find_sections(folded, free.SECTION_PHRASES)
    warnings: list[dict] = []
    figures: dict = {}
    spans: dict = {}
    if generation != "free":
        truncated = any(w["code"] == "text_truncated" for w in layout.warnings)
        try:
            figures, warnings = map_figures(folded, sections, generation, truncated, spans,
                                            ocr=bool(layout.confidence or layout.ocr_cells))
        except (ValueError, RecursionError, MemoryError) as error:  # unreadable tables; keep the rest
            figures, warnings = {}, [warn("tables_unreadable",
                                          f"tables could not be read: {type(error).__name__}: {error}")]
    # section texts as printed (full-width punctuation kept), found the same way
    printed = "\n".join(line for line in clean("\n".join(layout.lines)).split("\n")
                        if not _PAGE_NUMBER.match(line))
    printed_sections = find_sections(meta.simplify(printed))
    if generation == "free" and len(printed_sections) < 3:
        printed_sections = find_sections(meta.simplify(printed), free.SECTION_PHRASES)
    texts = section_texts(printed, printed_sections)
    agency = meta.detect_agency(title, text, fields)
    if figures and all(printed_as(v) != "number" for v in figures.values()) \
            and meta.is_placeholder_report(title, agency):
        # the blank national template: tables printed, every cell empty, no body named
        figures = {}
        warnings = [w for w in warnings if w["code"] != "table_blank"]
        warnings.append(warn("blank_template", "tables printed with every cell empty and no body named "
                             "(the blank template): no figures taken"))
        blank_template = True
    else:
        blank_template = False
    if agency and not meta.plausible_agency(agency):
        warnings.append(warn("agency_replaced", f"agency name {agency!r} looks replaced (spam mirror); left out"))
        agency = None
    if agency and any(i in layout.confidence for i in range(min(12, len(layout.lines)))):
        # the title area was read by OCR: a place name misread as a look-alike
        from extract.places import correct_places, signed_name, transposed_name

        printed = transposed_name(agency, text)
        if printed:
            warnings.append(warn("agency_from_text", f"agency {agency!r} read by OCR in the title; the report "
                                 f"prints {printed!r}, the same glyphs in their order, in its text"))
            title = title.replace(agency, printed, 1) if title else title
            agency = printed
        corrected = correct_places(agency, text)
        if corrected != agency:
            warnings.append(warn("agency_place_corrected",
                                 f"agency {agency!r} read by OCR; its places put right from the division "
                                 f"code table: {corrected!r}"))
            title = title.replace(agency, corrected, 1) if title else title
            agency = corrected
        signed = signed_name(agency, layout.lines, layout.confidence)
        if signed:
            warnings.append(warn("agency_from_signature", f"agency {agency!r} read by OCR in the title; the "
                                 f"signature block, read more surely, prints {signed!r}"))
            title = title.replace(agency, signed, 1) if title else title
            agency = signed
    folded_lines = folded.split("\n") if folded is not text else lines
    cells = figure_cells(figures, spans, folded, folded_lines, origins)
    ocr_read = _read_from_ocr_lines(layout, spans, folded_lines, sources)
    if layout.ocr_cells and generation != "free" and not blank_template:
        warnings = warnings + _place_by_grid(layout, generation, figures, cells)
    result = {
        "printed_as": {key: printed_as(value) for key, value in figures.items()},
        schema.CELLS_KEY: cells,
        "format": generation,
        "agency": agency,
        "year": year,
        "title": title,
        "published": meta.published_date(fields, layout.markup_date, "\n".join(lines[:3])),
        "is_report": not blank_template and meta.detect_is_report(title, text, len(sections), len(figures)),
        "sections": texts,
        "figures": figures,
        "findings": breach_findings(figures, generation, texts.get("1")),
        "warnings": warnings,
        OCR_READ_KEY: ocr_read,
    }
    result["figures"] = {key: value if type(value) is not Printed else int(value) for key, value in figures.items()}
    if not result["is_report"]:
        # a page that is no report has no tables to miss
        result["warnings"] = [w for w in warnings if w["code"] not in ("table_missing", "table_without_figures")]
        result["warnings"].append(warn("not_a_report", "not an annual report (notice, budget or other page)"))
    return result
