"""PDF → :class:`~extract.layout.Layout`.

Everything comes from pypdfium2 (about 1-3 ms a page). Every page is searched for
ruled tables (a table continued on a new page need not repeat any of the template's
words): the page's thin path
objects (and rectangle edges) are the ruling lines, lines that touch form a table,
their positions form a grid and grid slots not separated by a line are one merged
cell; each character goes to the slot holding its centre. This is what pdfplumber's
``find_tables()`` does, at a twentieth of the cost (pdfminer's character parsing
dominates pdfplumber's time; pdfplumber remains the benchmark's naive baseline).
Blank cells stay blank; merged cells appear once (on their first row), as
:mod:`extract.layout` asks. A table row cut in two by a page break is glued back when
the halves complete one of the template's labels. Text above, between and below the
tables comes from the text layer by region.
A page with (almost) no text but with images, and a page whose text layer decodes to
garbage (:func:`undecodable`), is reported in ``Layout.pages_needing_ocr``.

Kangxi radicals and CJK compatibility ideographs that some PDF producers emit
(⼀ for 一) are mapped back with NFKC, character by character, in
:func:`extract.api.normalize_text`.
"""
from __future__ import annotations

import re

import pypdfium2 as pdfium

from extract.pdf_aligned import aligned_lines
from extract.layout import Cell, Layout
from extract.limits import check_pages
from extract.numbers import is_blank
from extract.schema import T3_COLUMNS, extraction_warning as warn

#: table 3's column headings (a header row printed again where the table continues)
_T3_HEADINGS = frozenset({c.label for c in T3_COLUMNS} | {"申请人情况", "法人或其他组织"})
#: characters below which a page counts as having no text layer
_MIN_TEXT_CHARS = 20
_CJK_SPACE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])[ \t]+(?=[\u3000-\u9fff\uff00-\uffef])")
_NUMBER = re.compile(r"^[-−–+]?\d[\d,，]*(\.\d+)?[^\d]{0,3}$")


class PdfError(Exception):
    """The bytes cannot be read as a PDF (damaged, encrypted)."""


_CJK_CHAR = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u2e80-\u2fdf]")
_BAD_CHAR = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\u024f\ue000-\uf8ff\ufffd]")
_ASCII_MARK = re.compile(r"[!-/:-@\[-`{-~]")


def undecodable(textpage, text: str) -> str | None:
    """Why a page's text layer cannot be trusted, or ``None`` when it reads as text.

    Fonts without a ToUnicode map (CID and Type 3 fonts) decode to control characters,
    Latin-1 letters or ASCII punctuation *and digits*: a page so garbled, even partly,
    is a source of wrong numbers, so it is read by OCR instead. Signs, per page: glyphs
    pdfium reports as lacking a Unicode mapping (3 or more, and 2 % of the characters),
    control and Latin-1 characters (15 %), or almost no Chinese (under 5 %) with ASCII
    punctuation making up a quarter of the text.

    :param textpage: the page's ``pypdfium2.PdfTextPage``.
    :param text: its text.
    """
    chars = re.sub(r"\s", "", text)
    n = len(chars)
    if not n:
        return None
    has_error = getattr(pdfium.raw, "FPDFText_HasUnicodeMapError", None)
    bad = len(_BAD_CHAR.findall(chars))
    if has_error is not None and bad:
        # glyphs without a mapping come out as such characters: only then is the per-glyph check worth its cost
        count = textpage.count_chars()
        errors = sum(1 for i in range(count) if has_error(textpage, i) == 1)
        if errors >= 3 and errors >= 0.02 * count:
            return f"{errors} of {count} glyphs have no Unicode mapping"
    if bad >= 0.15 * n:
        return f"{bad} of {n} characters are control or Latin characters"
    cjk = len(_CJK_CHAR.findall(chars))
    marks = len(_ASCII_MARK.findall(chars))
    if n >= 40 and cjk < 0.05 * n and marks >= 0.25 * n:
        return f"{cjk} Chinese characters among {n}, {marks} ASCII marks"
    return None


def _page_lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]


def _cell(text: str | None) -> str:
    text = (text or "").replace("\n", "")
    return _CJK_SPACE.sub("", text).strip()


def _table_rows(rows: list[list[Cell | None]], layout: Layout) -> list[Cell | None] | None:
    """Append a table's rows to the layout; return the last row appended, as read (or ``None``).

    :param rows: the table's grid, one :class:`Cell` per cell with its text as read
        (``None`` for slots covered by a merged cell).
    """
    last = None
    for row in rows:
        cells = [c._replace(text=_cell(c.text)) for c in row if c is not None]
        if not cells:
            continue
        if len(cells) == 1:
            # a frame or a spanning caption: plain text lines
            layout.lines.extend(_page_lines(next(c for c in row if c is not None).text))
            last = None
            continue
        # a vertical merge cut by a page break comes back as leading blank cells (before a
        # label; before a figure or a printed blank mark they are cells printed blank)
        first = next((i for i, c in enumerate(cells) if c.text), 0)
        if first and not _is_value(cells[first].text):
            del cells[:first]
        if not any(c.text for c in cells) and len(cells) < 3:
            continue  # a spacer; a wider row of empty cells is a row printed blank (0s)
        layout.add_row(cells)
        last = row
    return last


def _grid(rows: list[list[str | None]], boxes: list[list] | None, page: int, table: int) -> list[list[Cell | None]]:
    """A table's rows of texts (``None`` for covered slots) as :class:`Cell` objects placed
    on ``page`` in ``table``, with their boxes when known."""
    return [[None if text is None else
             Cell(text, page, table, r, c, boxes[r][c] if boxes and r < len(boxes) and c < len(boxes[r]) else None)
             for c, text in enumerate(row)] for r, row in enumerate(rows)]


def read_pdf(data: bytes, *, tables: str | None = "pdfium") -> Layout:
    """Read PDF bytes into a Layout.

    :param data: the file's bytes.
    :param tables: ``"pdfium"`` reads ruled tables (ruling lines and character boxes from
        pypdfium2); ``None`` keeps the text layer only.
    :raises PdfError: the PDF is damaged beyond repair or needs a password.
    :raises extract.limits.LimitExceeded: more pages than :data:`extract.limits.MAX_PAGES`.
    """
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise PdfError("encrypted PDF: a password is needed to open it") from exc
        raise PdfError(f"damaged PDF: {message}") from exc
    layout = Layout()
    try:
        n_pages = len(document)
        check_pages(n_pages)
        if n_pages == 0:
            raise PdfError("damaged PDF: no pages")
        layout.title_hint = (document.get_metadata_value("Title") or "").strip() or None
        pages = []
        ocr_at: dict[int, int] = {}
        garbled: set[int] = set()  # pages whose text layer is there but undecodable
        for index in range(n_pages):
            page = document[index]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            pages.append((page, textpage, text))
            if len(re.sub(r"\s", "", text)) < _MIN_TEXT_CHARS:
                if any(True for _ in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE], max_depth=2)):
                    layout.pages_needing_ocr.append(index + 1)
                    ocr_at[index + 1] = -1  # filled in below, in reading order
            else:
                why = undecodable(textpage, text)
                if why:
                    layout.pages_needing_ocr.append(index + 1)
                    ocr_at[index + 1] = -1
                    garbled.add(index + 1)
                    layout.warnings.append(warn("text_layer_garbled",
                                                f"page {index + 1}: text layer undecodable ({why}); read by OCR"))
        previous_row: list[Cell | None] | None = None
        carry: dict = {}  # a rule-less table's header words, for its continuation on the next page
        for index, (page, textpage, text) in enumerate(pages):
            if index + 1 in layout.pages_needing_ocr:
                ocr_at[index + 1] = len(layout.lines)
                previous_row = None
                continue
            found = []
            if tables == "pdfium":
                try:
                    found = _pdfium_tables(page, textpage, text)
                except Exception as exc:  # noqa: BLE001 - odd drawings: keep the text layer
                    layout.warnings.append(warn("pdf_tables_unreadable",
                                                f"page {index + 1}: tables not read ({type(exc).__name__}); text kept"))
            if not found:
                # no ruled table: a table drawn without column rules is read from where
                # its figures stand (extract.pdf_aligned), other text as it is
                aligned = aligned_lines(_top_chars(textpage, text, page.get_height()), carry) \
                    if tables == "pdfium" and _FIGURES_APART.search(text) else None
                layout.lines.extend(aligned if aligned is not None else _page_lines(text))
                previous_row = None
                continue
            width, height = page.get_width(), page.get_height()
            cursor = 0.0  # distance from the top already consumed
            for n, (top, bottom, texts, boxes) in enumerate(found):
                if top - cursor > 2:
                    layout.lines.extend(_page_lines(
                        textpage.get_text_bounded(0, height - top, width, height - cursor)))
                rows = _grid(texts, boxes, index + 1, layout.new_table())
                if n == 0 and previous_row is not None and rows:
                    rows = _join_split_row(layout, previous_row, rows)
                previous_row = _table_rows(rows, layout)
                cursor = max(cursor, bottom)
            if height - cursor > 2:
                layout.lines.extend(_page_lines(textpage.get_text_bounded(0, 0, width, height - cursor)))
    finally:
        document.close()
    layout.pages = n_pages
    layout.ocr_insert_at = ocr_at
    for number in layout.pages_needing_ocr:
        if number not in garbled:
            layout.warnings.append(warn("page_needs_ocr", f"page {number} has no text layer; needs OCR"))
    return layout


def _known_labels() -> frozenset[str]:
    from extract import schema

    labels = set()
    for row in schema.T3_ROWS.values():
        labels.update(row.label.split(" "))
    for rows in schema.T2_ROWS.values():
        labels.update(r.label for r in rows)
    labels.update(c.label for c in schema.T2_COLUMNS.values())
    labels.update(c.label for c in schema.T3_COLUMNS)
    labels.update(c.label for c in schema.T4_COLUMNS)
    labels.update(("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "三、本年度办理结果", "法人或其他组织",
                   "申请人情况", "未经复议直接起诉", "复议后起诉", "（本列数据的勾稽关系为：第一项加第二项之和，"
                   "等于第三项加第四项之和）", "采购总金额（万元）"))
    return frozenset(labels)


_KNOWN_LABELS: frozenset[str] | None = None


def _join_split_row(layout: Layout, previous: list[Cell | None], rows: list[list[Cell | None]]) -> list:
    """Join a table row that a page break cut in two (its label split between the pages).

    The first row of a table that continues on a new page (after the header rows printed
    again, if any) is glued, column by column, to the last row of the previous page when
    both have the same grid columns, no column holds a figure or a blank mark (—, /, 无)
    in both halves, no column a whole label above the break and another row's label
    below it, and gluing some label cell makes a label of the template that the first
    half alone is not. A glued cell keeps the place (page, table,
    row, box) of the half holding text, the first half when both do.
    """
    global _KNOWN_LABELS
    if _KNOWN_LABELS is None:
        _KNOWN_LABELS = _known_labels()
    # header rows printed again on the new page come before the row's second half
    at = 0
    while at < len(rows) - 1 and _is_header_row(rows[at]):
        at += 1
    first = rows[at]
    if len(first) != len(previous):
        return rows
    joined: list[Cell | None] = []
    completes = False
    for a, b in zip(previous, first):
        a_text, b_text = _cell(a.text if a else None), _cell(b.text if b else None)
        if a_text and b_text and _is_value(a_text) and _is_value(b_text):
            return rows  # a figure or blank mark in both halves: two rows, not one cut
        if a_text in _KNOWN_LABELS and (b_text in _KNOWN_LABELS or _ITEM_START.match(b_text)):
            return rows  # a whole label above the break, another row's below: two rows
        if a_text and b_text and a_text + b_text in _KNOWN_LABELS and a_text not in _KNOWN_LABELS:
            completes = True
        if a is None and not b_text:
            joined.append(None)
        else:
            place = a if a is not None and (a_text or not b_text) else b
            joined.append(place._replace(text=a_text + b_text))
    if not completes:
        return rows
    layout.lines.pop()
    return rows[:at] + [joined] + rows[at + 1:]


#: a row label's item number (``2.其他法律…``, ``3、``)
_ITEM_START = re.compile(r"\d{1,2}\s*[.．、]")


def _is_value(text: str) -> bool:
    """Whether a cell's text is a figure or a printed blank (—, /, 无)."""
    return bool(_NUMBER.match(text)) or is_blank(text)


def _is_header_row(row: list[Cell | None]) -> bool:
    """Whether a table row is one of the template's column headers (申请人情况, 自然人 |
    法人或其他组织 | 总计, …): no figures, every cell a column heading."""
    texts = [_cell(c.text) for c in row if c is not None and _cell(c.text)]
    return bool(texts) and all(t in _T3_HEADINGS or "勾稽关系" in t for t in texts)


def _pdfium_tables(page, textpage, text: str) -> list[tuple[float, float, list[list[str | None]], list[list]]]:
    """Ruled tables of a page from its path objects and character boxes.

    Ruling lines are the page's thin path objects (and the edges of rectangles); lines
    that touch form one table; the x and y positions of its lines form a grid, and grid
    slots not separated by a line are one (merged) cell. Each character goes to the
    slot holding its centre. Returns ``[(top, bottom, rows, boxes)]`` with distances from
    the page top; rows hold ``None`` for slots covered by a merged cell, as pdfplumber
    does; ``boxes[r][c]`` is the slot's cell (the whole merged cell) as ``(x0, top, x1,
    bottom)`` in points from the page's top-left corner.
    """
    height = page.get_height()
    horizontal: list[tuple[float, float, float]] = []  # (y, x0, x1)
    vertical: list[tuple[float, float, float]] = []  # (x, y0, y1)
    for obj in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_PATH], max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        w, h = right - left, top - bottom
        if h <= _THIN and w > _THIN:
            horizontal.append(((top + bottom) / 2, left, right))
        elif w <= _THIN and h > _THIN:
            vertical.append(((left + right) / 2, bottom, top))
        elif w > _THIN and h > _THIN:
            horizontal += [(bottom, left, right), (top, left, right)]
            vertical += [(left, bottom, top), (right, bottom, top)]
    if len(horizontal) + len(vertical) > 5000:
        return []  # a drawing, not a table
    if len(horizontal) < 2 or len(vertical) < 2:
        return []
    horizontal, vertical = _join_collinear(horizontal), _join_collinear(vertical)
    groups = _adopt_stray_segments(_touching_groups(horizontal, vertical))
    chars = None
    found = []
    for hs, vs in groups:
        hs = _close_open_ends(hs, vs)
        ys = _snap(sorted((y for y, _, _ in hs), reverse=True))
        xs = _snap(sorted(x for x, _, _ in vs))
        if len(ys) < 2 or len(xs) < 2 or (len(ys) == 2 and len(xs) == 2):
            continue  # a frame or a single box, not a table
        nr, nc = len(ys) - 1, len(xs) - 1
        parent = list(range(nr * nc))

        def find(i):
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for r in range(nr):
            ymid = (ys[r] + ys[r + 1]) / 2
            for c in range(nc):
                if c + 1 < nc and not _covered(vs, xs[c + 1], ymid):
                    parent[find(r * nc + c + 1)] = find(r * nc + c)
                if r + 1 < nr and not _covered(hs, ys[r + 1], (xs[c] + xs[c + 1]) / 2):
                    parent[find((r + 1) * nc + c)] = find(r * nc + c)
        if chars is None:
            chars = _chars(textpage, text)
        texts: dict[int, list[str]] = {}
        x_lo, x_hi, y_lo, y_hi = xs[0], xs[-1], ys[-1], ys[0]
        import bisect
        neg_ys = [-y for y in ys]
        for ch, cx, cy, bottom, top in chars:
            if not (x_lo < cx < x_hi and y_lo < cy < y_hi):
                continue
            c = bisect.bisect_right(xs, cx) - 1
            r = bisect.bisect_right(neg_ys, -cy) - 1
            texts.setdefault(find(r * nc + c), []).append((cx, cy, bottom, top, ch))
        roots = [find(slot) for slot in range(nr * nc)]
        first_slot: dict[int, int] = {}
        last_row: dict[int, int] = {}  # merged cell → its last grid row and column
        last_col: dict[int, int] = {}
        for slot, root in enumerate(roots):
            first_slot.setdefault(root, slot)
            last_row[root] = slot // nc
            if slot % nc > last_col.get(root, -1):
                last_col[root] = slot % nc
        rows: list[list[str | None]] = []
        boxes: list[list] = []
        for r in range(nr):
            row: list[str | None] = []
            row_boxes: list = []
            for c in range(nc):
                slot = r * nc + c
                root = roots[slot]
                if first_slot[root] != slot:
                    row.append(None)
                    row_boxes.append(None)
                else:
                    row.append(_visual_text(texts.get(root, [])))
                    r1, c1 = last_row[root], last_col[root]
                    # the cell's box from the page's top-left corner: x0, top, x1, bottom
                    row_boxes.append((round(xs[c], 2), round(height - ys[r], 2), round(xs[c1 + 1], 2),
                                      round(height - ys[r1 + 1], 2)))
            rows.append(row)
            boxes.append(row_boxes)
        found.append((height - ys[0], height - ys[-1], rows, boxes))
    found.sort(key=lambda t: t[0])
    return found


_THIN = 2.5
_SNAP = 2.0


def _snap(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in values:
        if not out or abs(v - out[-1]) > _SNAP:
            out.append(v)
    return out


def _covered(lines, position: float, at: float) -> bool:
    """Whether some line at ``position`` (x or y) spans the point ``at`` along it."""
    return any(abs(p - position) <= _SNAP and lo - _SNAP <= at <= hi + _SNAP for p, lo, hi in lines)


def _join_collinear(lines: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Ruling pieces joined where they continue one another along one line: Chromium
    draws each cell's borders, so a row line under a cell spanning three columns is three
    pieces, of which the middle one touches no column line. Joined, the line ties the
    columns on both sides of the spanning cell into one table.

    :param lines: ``[(position, start, end)]`` in PDF points: horizontal lines as
        ``(y, x0, x1)`` or vertical ones as ``(x, y0, y1)``.
    :returns: the same kind of list, pieces that touch end to end (within
        :data:`_SNAP`) at the same position merged."""
    clusters: list[list[tuple[float, float, float]]] = []
    for line in sorted(lines):
        if clusters and line[0] - clusters[-1][0][0] <= _SNAP:
            clusters[-1].append(line)
        else:
            clusters.append([line])
    out: list[tuple[float, float, float]] = []
    for cluster in clusters:
        merged: list[list[float]] = []
        for position, start, end in sorted(cluster, key=lambda line: line[1]):
            if merged and start <= merged[-1][2] + _SNAP:
                merged[-1][2] = max(merged[-1][2], end)
            else:
                merged.append([position, start, end])
        out += [tuple(line) for line in merged]
    return out


def _close_open_ends(horizontal, vertical):
    """The table's rulings with a line added where its column lines run on past its top or
    bottom line and stop together: Chromium draws borders per cell, and a table
    continued across a page break has no line above its first row on the new page (or
    below its last row on the old one). Without it, that row is left out of the table
    and its cells run together as text.

    :param horizontal: ``[(y, x0, x1)]`` in PDF points (y up).
    :param vertical: ``[(x, y0, y1)]``.
    :returns: ``horizontal``, with at most one line added at each end."""
    if len(vertical) < 2 or not horizontal:
        return horizontal
    top_line = max(y for y, _, _ in horizontal)
    bottom_line = min(y for y, _, _ in horizontal)
    added = list(horizontal)
    past_top = [(x, y1) for x, _, y1 in vertical if y1 > top_line + 2 * _SNAP]
    past_bottom = [(x, y0) for x, y0, _ in vertical if y0 < bottom_line - 2 * _SNAP]
    for ends, pick in ((past_top, max), (past_bottom, min)):
        if len(ends) < 2:
            continue
        edge = pick(y for _, y in ends)
        at_edge = sorted({round(x, 1) for x, y in ends if abs(y - edge) <= _SNAP})
        if len(at_edge) >= 2:
            added.append((edge, at_edge[0], at_edge[-1]))
    return added


def _touching_groups(horizontal, vertical):
    """Split ruling lines into groups of lines that touch (one group per table)."""
    n_h = len(horizontal)
    parent = list(range(n_h + len(vertical)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (y, x0, x1) in enumerate(horizontal):
        for j, (x, y0, y1) in enumerate(vertical):
            if x0 - _SNAP <= x <= x1 + _SNAP and y0 - _SNAP <= y <= y1 + _SNAP:
                parent[find(i)] = find(n_h + j)
    groups: dict[int, tuple[list, list]] = {}
    for i, line in enumerate(horizontal):
        groups.setdefault(find(i), ([], []))[0].append(line)
    for j, line in enumerate(vertical):
        groups.setdefault(find(n_h + j), ([], []))[1].append(line)
    return list(groups.values())


def _adopt_stray_segments(groups: list[tuple[list, list]]) -> list[tuple[list, list]]:
    """Give each table back the pieces of its own rulings that touch none of its other
    lines: Chromium draws a border per cell, so under a cell spanning several columns the
    segment of a row line between two column lines that stop at that row touches no
    vertical line. A lone segment lying on a line position the table already has, inside
    its box, is part of that table (without it, cells merge down the column)."""
    tables = [g for g in groups if g[0] and g[1]]
    strays = [g for g in groups if not (g[0] and g[1])]
    if not tables or not strays:
        return groups
    kept = []
    for hs, vs in strays:
        home = None
        for t_hs, t_vs in tables:
            x_lo, x_hi = min(x for x, _, _ in t_vs) - _SNAP, max(x for x, _, _ in t_vs) + _SNAP
            y_lo, y_hi = min(y for y, _, _ in t_hs) - _SNAP, max(y for y, _, _ in t_hs) + _SNAP
            if all(x_lo <= a and b <= x_hi and any(abs(y - ty) <= _SNAP for ty, _, _ in t_hs) for y, a, b in hs) \
                    and all(y_lo <= a and b <= y_hi and any(abs(x - tx) <= _SNAP for tx, _, _ in t_vs)
                            for x, a, b in vs):
                home = (t_hs, t_vs)
                break
        if home is None:
            kept.append((hs, vs))
        else:
            home[0].extend(hs)
            home[1].extend(vs)
    return tables + kept


def _visual_text(chars: list[tuple[float, float, float, float, str]]) -> str:
    """A cell's characters in reading order: lines top to bottom, each left to right.

    Content-stream order is not reading order (LibreOffice writes quote marks from a
    fallback font in a run of their own). Characters whose boxes overlap vertically
    share a line.
    """
    if not chars:
        return ""
    lines: list[list] = []  # [low, high, [(x, ch)]]
    for x, _, bottom, top, ch in sorted(chars, key=lambda t: -t[3]):
        if lines and bottom < lines[-1][1] - 0.4 * (top - bottom) and top > lines[-1][0]:
            line = lines[-1]
            line[0], line[1] = min(line[0], bottom), max(line[1], top)
            line[2].append((x, ch))
        else:
            lines.append([bottom, top, [(x, ch)]])
    return "".join(ch for _, _, items in lines for _, ch in sorted(items)).strip()


#: two figures or blank marks (— – /) on one line set apart by spaces: the page may hold
#: a table without rules (one printing only marks, ``规章 — —``, too)
_FIGURES_APART = re.compile(r"[\d—–/／]\s+[-+]?[\d—–/／]")


def _char_boxes(textpage, text: str, skip: str | None = None):
    """``(ch, left, bottom, right, top)`` in PDF points for each character of the text
    layer that has a box, leaving out the characters in ``skip`` (all whitespace when
    ``None``)."""
    for i, ch in enumerate(text):
        if (ch.isspace() if skip is None else ch in skip):
            continue
        left, bottom, right, top = textpage.get_charbox(i)
        if right <= left and top <= bottom:
            continue
        yield ch, left, bottom, right, top


def _top_chars(textpage, text: str, height: float) -> list[tuple[str, float, float, float, float]]:
    """The page's non-blank characters ``(ch, x0, x1, top, bottom)``, in points from
    the page's top-left corner (as :func:`extract.pdf_aligned.aligned_lines` takes them)."""
    return [(ch, left, right, height - top, height - bottom)
            for ch, left, bottom, right, top in _char_boxes(textpage, text)]


def _chars(textpage, text: str) -> list[tuple[str, float, float, float, float]]:
    return [(ch, (left + right) / 2, (bottom + top) / 2, bottom, top)
            for ch, left, bottom, right, top in _char_boxes(textpage, text, skip="\r\n")]


