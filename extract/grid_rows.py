"""Place the rows of OCR'd tables on the template's rows by their place in the grid.

OCR garbles labels far more than figures, so anchoring each row on its label text
(:mod:`extract.mapping`) puts whole rows under the wrong key when a label is misread,
and finds no row at all when it is unreadable. The template fixes each table's row
order and how many figures each row prints, and every OCR'd cell carries its grid row
and column (:class:`extract.layout.Cell`), so a run of figure rows can be placed by
position instead:

1. A *figure row* is a grid row whose value cells hold one figure each (a number, a
   blank or dash read as 0, or an unread cell): table 4's row of 15, table 3's rows of
   7 after their labels, table 2's rows of 1–3 after a label cell. A table-3 row some
   of whose value cells a scan merged keeps the cells that stand alone in one of the
   value columns its table's full rows use; a value cell merged over several rows
   holds no row's figure.
2. Consecutive figure rows of one grid form a *run*; a table continued on the next page
   is another run, and a page cut at its bottom edge loses rows between two runs.
3. A row whose label matches one template row clearly better than any other (and than
   the group labels 不予公开, 无法提供, …) is an *anchor*. A run is placed at the
   offset its anchors give when at least two of them (one for a run of one row) agree
   and none disagrees; when the runs hold exactly the template's rows, they are placed
   in order when at least two anchors agree with that and none disagrees. A run whose
   anchors disagree, or that does not fit the template, is not placed and its rows are
   reported: a wrong number is worse than a missing one.

:func:`place` returns a :class:`Placement`; :func:`apply` merges it into what the
label anchoring read (the grid's reading of a placed row replaces it; a figure the
label anchoring took from a grid row placed as another row, from a grid with a run
left out, or from a cell the placed rows and columns contradict is dropped).
Pure Python on the layout's cells: no OCR engine or image library is needed.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from extract import meta, schema
from extract.layout import UNREAD_CELL, Cell, Layout, Row
from extract.numbers import UNREAD, blank_value, is_blank, normalize, numbers_in_cell, printed_as
from extract.schema import extraction_warning as warn

#: the confidence of a figure read from a cell OCR found without any mark, in a row
#: placed by the grid: a blank printed for 0 involves no engine reading (on the tuning
#: scans, 685 of 685 such cells were right)
BLANK_CELL_CONFIDENCE = 0.95
#: the highest confidence of a figure the labels read out of an OCR'd cell holding
#: several numbers (under :data:`extract.ocr.LOW_CONFIDENCE`: it is warned about, and a
#: finding resting on it is uncertain)
SPLIT_CELL_CONFIDENCE = 0.5
#: a cell holding several numbers read under this confidence gives none of them: OCR of
#: a merged cell loses digits (``2 0 4`` for 12, 0, 43)
SPLIT_CELL_FLOOR = 0.8
#: a label must match its template row at least this well (difflib ratio, 0–1) …
MIN_SCORE = 0.6
#: … and better than any other template row or group label by this much to be an anchor
MIN_MARGIN = 0.15

_NOT_CJK = re.compile(r"[^\u4e00-\u9fff]+")

#: the text of each template row's label that tells it from the others (group
#: headings and numbering removed)
_T3_CORES = {
    "new": "本年新收政府信息公开申请数量",
    "carried_over": "上年结转政府信息公开申请数量",
    "granted": "予以公开",
    "partial": "部分公开区分处理的只计这一情形不计其他情形",
    "denied_state_secret": "属于国家秘密",
    "denied_law": "其他法律行政法规禁止公开",
    "denied_three_safety": "危及三安全一稳定",
    "denied_third_party": "保护第三方合法权益",
    "denied_internal": "属于三类内部事务信息",
    "denied_process": "属于四类过程性信息",
    "denied_enforcement": "属于行政执法案卷",
    "denied_query": "属于行政查询事项",
    "unable_not_held": "本机关不掌握相关政府信息",
    "unable_create": "没有现成信息需要另行制作",
    "unable_unclear": "补正后申请内容仍不明确",
    "ignored_petition": "信访举报投诉类申请",
    "ignored_repeat": "重复申请",
    "ignored_publication": "要求提供公开出版物",
    "ignored_massive": "无正当理由大量反复申请",
    "ignored_confirm": "要求行政机关确认或重新出具已获取信息",
    "other_no_correction": "申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请",
    "other_no_fee": "申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请",
    "other_other": "其他",
    "other": "其他处理",
    "results_total": "总计",
    "carried_forward": "结转下年度继续办理",
}
#: labels printed in the label columns that name no row of their own (vertically
#: merged group headings)
_T3_GROUPS = ("本年度办理结果", "不予公开", "无法提供", "不予处理", "申请人情况")
_T2_CORES = {
    "rules": "规章", "normative": "行政规范性文件", "licensing": "行政许可", "other_mgmt": "其他对外管理服务事项",
    "penalty": "行政处罚", "coercion": "行政强制", "fees": "行政事业性收费", "procurement": "政府集中采购",
}
_T2_CORES_2019 = dict(_T2_CORES, normative="规范性文件")
_T4_HEADER = re.compile(r"复议|诉讼|维持|纠正|审结")




@dataclass
class FigureRow:
    """A grid row holding a template row's figures."""

    table: int
    row: int
    page: int | None
    #: the CJK text of each label cell (left of the values)
    labels: list[str]
    #: the value cells, left to right
    cells: list[Cell]
    #: each value cell's value (:func:`cell_value`)
    values: list


@dataclass
class Placement:
    """Template rows placed from the grid."""

    #: canonical key → value (as :mod:`extract.numbers` reads a cell; unread cells absent)
    figures: dict = field(default_factory=dict)
    #: canonical key → the layout cell it was read from
    cells: dict = field(default_factory=dict)
    #: template row (``"t3.new"``) → the grid row ``(table, row)`` it was placed from
    rows: dict = field(default_factory=dict)
    #: grid rows ``(table, row)`` that hold figures but could not be placed
    refused: set = field(default_factory=set)
    #: ``(table, column key)`` (``"t3.total"``, ``"t4.review.total"``) → the grid column
    #: the placed rows print it in (``None`` where they disagree)
    columns: dict = field(default_factory=dict)
    #: OCR'd cells ``(table, row, col)`` that hold several numbers (a ruling lost between them)
    split_cells: set = field(default_factory=set)
    #: grid rows ``(table, row)`` whose label names two template rows (label cells read as
    #: one): which of the two their figures belong to, the label does not say
    two_labels: set = field(default_factory=set)
    #: template rows (``"t3.results_total"``) whose labels were read in one cell with
    #: another row's: a figure the labels give them without a cell of its own (a row
    #: read as printed blank) is a guess
    named_together: set = field(default_factory=set)
    #: :func:`extract.schema.extraction_warning` dicts
    warnings: list = field(default_factory=list)

    def note_column(self, table: int, column: str, col: int) -> None:
        key = (table, column)
        self.columns[key] = col if self.columns.get(key, col) == col else None


def cell_value(text: str):
    """The figure a value cell holds: a number, a blank mark read as 0 (a
    :class:`extract.numbers.Printed`), :data:`extract.numbers.UNREAD` for an unread
    cell, or ``None`` when it holds no single figure (text, several numbers)."""
    if text == UNREAD_CELL:
        return UNREAD
    text = meta.simplify(normalize(text)).strip()
    if is_blank(text):
        return blank_value(text)
    found = numbers_in_cell(text)
    return found[0] if found and len(found) == 1 else None


def _cjk(text: str) -> str:
    return _NOT_CJK.sub("", meta.simplify(normalize(text)))


def _tables(layout: Layout) -> dict[int, list[tuple[Cell, ...]]]:
    """OCR'd tables (those with a cell read at some confidence): table number → its
    rows' cells, in grid order."""
    rows = [line.cells for line in layout.lines if isinstance(line, Row) and line.cells
            and all(c.table is not None and c.row is not None and c.col is not None for c in line.cells)]
    read = {c.table for cells in rows for c in cells if c.confidence is not None}
    tables: dict[int, list[tuple[Cell, ...]]] = {}
    for cells in rows:
        if cells[0].table in read:
            tables.setdefault(cells[0].table, []).append(cells)
    return tables


def _value_cells(cells: tuple[Cell, ...], width: int, last: bool) -> FigureRow | None:
    """The row as a figure row of ``width`` values, or None.

    :param last: the values are the row's last ``width`` cells, after its label cells
        (tables 3 and 4: a cell left of them that holds a figure means the grid split a
        cell or lost a label, and the row is no figure row); else every cell after the
        row's one label cell is a value (table 2)
    """
    ordered = sorted(cells, key=lambda c: c.col)
    if len({c.col for c in ordered}) != len(ordered):
        return None
    if last:
        values = ordered[-width:]
        if len(values) < width:
            return None
        labels = ordered[:-width]
    else:
        labels = [c for c in ordered if cell_value(c.text) is None]
        if not labels or labels[0] is not ordered[0] or len(labels) != 1:
            return None
        values = ordered[1:]
        if len(values) != width:
            return None
    read = [cell_value(c.text) for c in values]
    if any(v is None for v in read):
        return None
    tall = sorted(c.box[3] - c.box[1] for c in values if c.box and c.text.strip())
    if tall:
        # an empty sliver a fraction of the row's height (a stray ruling cut the cell):
        # what the cell holds lies below the ruling, no blank
        read = [UNREAD if _sliver(c, tall[len(tall) // 2]) else v for c, v in zip(values, read)]
    left = cell_value(labels[-1].text) if labels and labels[-1].text.strip() else None
    if left is not None and printed_as(left) != "unread":
        return None  # one more figure left of the window: not a row of this width
    if all(printed_as(v) == "unread" for v in read):
        return None
    first = values[0]
    heights = sorted(c.box[3] - c.box[1] for c in values if c.box)
    if heights and heights[-1] > 1.6 * heights[len(heights) // 2]:
        return None  # a value cell merged over several rows: whose figure it holds is unknown
    if heights:
        # a label merged over several rows (a vertical group heading, or rows a scan
        # lost the rulings of) does not name this row
        labels = [c for c in labels if not c.box or c.box[3] - c.box[1] <= 1.6 * heights[len(heights) // 2]]
    return FigureRow(first.table, first.row, first.page, [_cjk(c.text) for c in labels if _cjk(c.text)],
                     list(values), read)


def _value_columns(rows: list[FigureRow], width: int) -> list[int] | None:
    """The grid columns of a table's ``width`` value columns, when its full figure rows
    (at least two) agree on them."""
    found = {tuple(c.col for c in r.cells) for r in rows}
    if len(rows) < 2 or len(found) != 1:
        return None
    cols = list(found.pop())
    return cols if len(cols) == width else None


def _partial_row(cells: tuple[Cell, ...], value_cols: list[int], n_cols: int) -> FigureRow | None:
    """A figure row some of whose value cells the scan merged (a ruling lost in this row
    only): the cells that stand alone in one of the table's value columns are read, and
    a merged one reading as many zeros or blank marks as the value columns it spans (see
    :func:`_zero_run`); other merged ones are unknown (``None`` in ``values``). None unless at least half the
    values are read and every other cell right of the labels holds numbers or nothing
    legible (a row of text is a heading)."""
    ordered = sorted(cells, key=lambda c: c.col)
    if len({c.col for c in ordered}) != len(ordered):
        return None
    first = value_cols[0]
    labels = [c for c in ordered if c.col < first]
    area = [c for c in ordered if c.col >= first]
    if not area:
        return None
    ends = [c.col for c in area[1:]] + [n_cols]
    heights = sorted(c.box[3] - c.box[1] for c in area if c.box)
    usual = heights[len(heights) // 2] if heights else None
    # a cell followed by a column with no cell (blank, or its ink merged downwards) is
    # alone in its column when it is no wider than the row's one-column cells
    singles = sorted(c.box[2] - c.box[0] for c, end in zip(area, ends) if c.box and end == c.col + 1)
    one = singles[len(singles) // 2] if singles else None
    by_col: dict[int, tuple[Cell, object]] = {}
    for cell, end in zip(area, ends):
        tall = usual is not None and cell.box and cell.box[3] - cell.box[1] > 1.6 * usual
        alone = end == cell.col + 1 or (one is not None and cell.box is not None
                                        and cell.box[2] - cell.box[0] <= 1.3 * one)
        run = None if alone or tall else _zero_run(cell.text)
        spanned = list(range(cell.col, end))
        if run is not None and len(spanned) == run and all(col in value_cols for col in spanned):
            # zeros run together in a cell over as many value columns (``0000`` where the
            # scan lost three column lines in this row): each column's 0, as printed
            for col, mark in zip(spanned, run.marks):
                by_col[col] = (cell, 0 if mark == "0" else blank_value(mark))
            continue
        value = cell_value(cell.text)
        if value is None and numbers_in_cell(meta.simplify(normalize(cell.text)).strip()) is None:
            return None  # text among the figures: not a figure row
        if value is not None and alone and cell.col in value_cols and not tall:
            by_col[cell.col] = (cell, value)
    read = [printed_as(v) for _, v in by_col.values()]
    if 2 * len(by_col) < len(value_cols) or set(read) <= {"unread", "blank"} and "unread" in read:
        # (a row short of cells whose only ink could not be read is no evidence of a
        # figure row: the rest of a heading below the table the grid took in, say)
        return None
    picked = [by_col.get(col) for col in value_cols]
    if labels and labels[-1].text.strip() and cell_value(labels[-1].text) not in (None, UNREAD):
        return None
    anchor = next(p[0] for p in picked if p is not None)
    return FigureRow(anchor.table, anchor.row, anchor.page, [_cjk(c.text) for c in labels if _cjk(c.text)],
                     [p[0] if p else None for p in picked], [p[1] if p else None for p in picked])


def _names_two_rows(label: str, cores: dict[str, str]) -> bool:
    """Whether a label prints the whole text of two template rows side by side (the
    label cells of two rows read as one, ``七总计四结转下年度继续办理``); a row's text
    inside another's (其他 in 其他法律行政法规禁止公开) does not count."""
    return len(_rows_named(label, cores)) >= 2


def _rows_named(label: str, cores: dict[str, str]) -> set[str]:
    """The template rows (keys of ``cores``) whose whole text a label prints."""
    spans = []
    for key, core in cores.items():
        start = label.find(core)
        while start >= 0:
            spans.append((start, start + len(core), key))
            start = label.find(core, start + 1)
    whole = [s for s in spans if not any(o[0] <= s[0] and s[1] <= o[1] and o[1] - o[0] > s[1] - s[0] for o in spans)]
    return {key for _, _, key in whole}


def _labels_naming_several(tables: dict[int, list[tuple[Cell, ...]]],
                           cores: dict[str, str]) -> tuple[set, set[str]]:
    """Where label cells of several template rows were read as one (:func:`_rows_named`).

    :returns: the grid rows ``(table, row)``, figure rows or not, one of whose text cells
        names two template rows or more, with the rows without any text that follow such
        a row in its grid (the rows under it may be any of them:
        ``4.无正当理由大量反复申请.要求行政机关确认….申请人无正当理`` over three blank rows and
        ``| 1 | … | 1``); and the template rows (keys of ``cores``) such cells name
    """
    rows: set = set()
    named_together: set[str] = set()
    for grid in tables.values():
        after = False
        for cells in grid:
            texts = [c for c in cells if c.text.strip() and cell_value(c.text) is None]
            several = [keys for keys in (_rows_named(_cjk(c.text), cores) for c in texts) if len(keys) >= 2]
            if several:
                after = True
                named_together.update(*several)
            elif texts and any(_cjk(c.text) for c in texts):
                after = False
            if after:
                rows.update((c.table, c.row) for c in cells[:1])
    return rows, named_together


def _anchor(labels: list[str], cores: dict[str, str], groups: tuple[str, ...]) -> str | None:
    """The template row a row's labels name clearly, or None (also when a label names
    two rows: the label cells of two rows read as one)."""
    named = set()
    for label in labels:
        if not label or _names_two_rows(label, cores):
            continue
        scores = sorted(((difflib.SequenceMatcher(None, label, core, autojunk=False).ratio(), key or "")
                         for key, core in list(cores.items()) + [(None, g) for g in groups]), reverse=True)
        (best, key), second = scores[0], scores[1][0] if len(scores) > 1 else 0.0
        if key and best >= MIN_SCORE and best - second >= MIN_MARGIN:
            named.add(key)
    return named.pop() if len(named) == 1 else None


def _runs(rows: list[FigureRow]) -> list[list[FigureRow]]:
    """Consecutive grid rows of one table, in order."""
    runs: list[list[FigureRow]] = []
    for row in rows:
        if runs and runs[-1][-1].table == row.table and runs[-1][-1].row + 1 == row.row:
            runs[-1].append(row)
        else:
            runs.append([row])
    return runs


#: a run's placement when its anchors contradict each other, its order or the template
CONFLICT = -1


def _offsets(runs: list[list[FigureRow]], order: tuple[str, ...], anchors: dict[int, str | None],
             widths: tuple[int, ...] | None, complete: bool = True, min_anchors: int = 2) -> list[int | None]:
    """Where each run starts in ``order``: an index, ``None`` (too few anchors to say) or
    :data:`CONFLICT` (anchors that disagree with each other, with the runs' order or
    with the rows' figure counts). A run that starts with the blank remainder of the
    previous run's last row (a row split over a page break) loses that row.

    :param anchors: ``id(row)`` → the template row its labels name (or None)
    :param widths: the figure count of each row of ``order`` (table 2), or None
    :param min_anchors: anchors that must agree when the runs hold exactly the
        template's rows (table 2, whose rows' figure counts are checked too, needs one)
    :param complete: ``order`` is the whole table (not only its first rows, the rest
        unknown): rows that go beyond it are a conflict, not merely unplaced
    """
    n = len(order)
    index = {key: i for i, key in enumerate(order)}

    def fits(run, offset):
        if offset < 0 or offset + len(run) > n:
            return False
        return widths is None or all(len(r.values) == widths[offset + i] for i, r in enumerate(run))

    def votes(run, offset):
        agree = disagree = 0
        for i, row in enumerate(run):
            key = anchors.get(id(row))
            if key is not None:
                if index.get(key) == offset + i:
                    agree += 1
                else:
                    disagree += 1
        return agree, disagree

    # the runs hold exactly the template's rows: placed in order
    if complete and sum(len(r) for r in runs) == n:
        starts, at = [], 0
        for run in runs:
            starts.append(at)
            at += len(run)
        tally = [votes(run, s) for run, s in zip(runs, starts)]
        if all(fits(run, s) for run, s in zip(runs, starts)) and sum(a for a, _ in tally) >= min_anchors \
                and not any(d for _, d in tally):
            return starts
    out: list[int | None] = []
    floor = 0
    for k, run in enumerate(runs):
        proposed = {index[anchors[id(r)]] - i for i, r in enumerate(run) if anchors.get(id(r)) in index}
        named = sum(1 for r in run if anchors.get(id(r)))
        if not proposed:
            out.append(CONFLICT if named and complete else None)
            continue
        if not complete and (named > sum(1 for r in run if anchors.get(id(r)) in index)
                             or max(proposed) + len(run) > n):
            out.append(None)  # reaches beyond the rows known
            continue
        offset = proposed.pop() if len(proposed) == 1 else CONFLICT
        if offset == floor - 1 and len(run) > 1 and anchors.get(id(run[0])) in (None, order[offset]) \
                and all(printed_as(v) == "blank" for v in run[0].values):
            # the blank lower part of the previous run's last row, split over the page
            # (its label the rest of that row's, which may name it: ``逾期不`` / ``补正、…``)
            del run[0]
            offset += 1
        elif offset == floor - 1 and k and out[-1] is not None and out[-1] != CONFLICT and len(runs[k - 1]) > 1 \
                and anchors.get(id(runs[k - 1][-1])) is None and anchors.get(id(run[0])) in (None, order[offset]) \
                and all(printed_as(v) == "blank" for v in runs[k - 1][-1].values):
            # the blank upper part of this run's first row, left at the foot of the
            # previous page (no label of its own): that row is this one
            del runs[k - 1][-1]
            floor -= 1
        if offset != CONFLICT:
            agree, disagree = votes(run, offset)
            if disagree or not fits(run, offset) or offset < floor:
                offset = CONFLICT
            elif agree < min(2, len(run)):
                offset = None
        if offset is not None and offset != CONFLICT:
            floor = offset + len(run)
        out.append(offset)
    return out


def _place_runs(placement: Placement, table: str, runs: list[list[FigureRow]], order: tuple[str, ...],
                offsets: list[int | None], columns: dict[str, tuple[str, ...]]) -> None:
    for run, offset in zip(runs, offsets):
        if offset is None:
            continue
        if offset == CONFLICT:
            placement.refused.update((r.table, r.row) for r in run)
            where = f"page {run[0].page}, table {run[0].table}, grid rows {run[0].row + 1}–{run[-1].row + 1}"
            placement.warnings.append(warn(
                "grid_rows_disagree", f"{len(run)} figure row(s) of {table} ({where}) left out: their labels "
                "disagree with their order or with the template's rows"))
            continue
        for i, row in enumerate(run):
            key = order[offset + i]
            placement.rows[f"{table}.{key}"] = (row.table, row.row)
            for column, cell, value in zip(columns[key], row.cells, row.values):
                if value is None or printed_as(value) == "unread":
                    continue
                figure = f"{table}.{key}.{column}"
                placement.figures[figure] = value
                placement.cells[figure] = cell
            if table == "t3":
                for column, cell in zip(columns[key], row.cells):
                    if cell is not None:
                        placement.note_column(cell.table, f"t3.{column}", cell.col)


def _exactly(runs: list[list[FigureRow]], order: tuple[str, ...], anchors: dict[int, str | None]) -> bool:
    """The runs hold exactly the rows of ``order``, in order, with at least
    :data:`EXACT_MIN_ANCHORS` labels agreeing and none disagreeing."""
    if sum(len(run) for run in runs) != len(order):
        return False
    rows = [row for run in runs for row in run]
    named = [anchors.get(id(row)) for row in rows]
    if any(key is not None and key != order[i] for i, key in enumerate(named)) \
            or sum(key is not None for key in named) < EXACT_MIN_ANCHORS:
        return False
    starts = [sum(len(run) for run in runs[:i]) for i in range(len(runs))]
    return _offsets(runs, order, anchors, None, complete=True, min_anchors=EXACT_MIN_ANCHORS) == starts


#: labels that must name their rows before a table's rows are taken as the whole
#: template by their count alone
EXACT_MIN_ANCHORS = 3


def _n_cols(rows: list[tuple[Cell, ...]]) -> int:
    return max(c.col for cells in rows for c in cells) + 1


#: table 2's row labels, as keys no table 3 row has: a row they name in a grid read as
#: table 3 (a table 2 whose stray column lines gave it seven columns) disagrees with
#: every place in table 3, and its run is left out
_T2_AS_FOREIGN = {f"t2:{key}": core for key, core in {**_T2_CORES, **_T2_CORES_2019}.items()}


#: fewest cells printing a mark (—, /, 无) that show a table prints its zeros so
MARKED_ZEROS = 10


def _without_empty_lines(rows: list[FigureRow]) -> list[FigureRow]:
    """``rows`` without those whose every cell is empty, in a table that prints its
    zeros as marks (:data:`MARKED_ZEROS` or more, and no empty cell in a row holding a
    figure or mark): such a row is a line of a label printed over several (its first or
    last line, the figures beside another), which a grid rebuilt from the text's lines
    makes a row of its own; taken for a row of blank cells it would push every row
    below it one template row down."""
    marks = sum(1 for r in rows for v in r.values if printed_as(v) in ("dash", "slash", "无"))
    if marks < MARKED_ZEROS:
        return rows
    mixed = any(any(printed_as(v) == "blank" for v in r.values) and not all(printed_as(v) == "blank" for v in r.values)
                for r in rows)
    if mixed:
        return rows
    return [r for r in rows if not all(printed_as(v) == "blank" for v in r.values)]


def _sliver(cell: Cell, height: float) -> bool:
    """Whether a cell is empty and less than half ``height`` (points) tall: a piece of a
    cell a stray ruling cut off (see :func:`_join_split_rows`)."""
    return not cell.text.strip() and bool(cell.box) and cell.box[3] - cell.box[1] < 0.5 * height


def _join_split_rows(grid: list[tuple[Cell, ...]]) -> list[tuple[Cell, ...]]:
    """A row whose cells a stray ruling split in some columns only (a ruling's piece
    found where there is none): the row's cells in those columns are empty slivers a
    fraction of its height, and the next grid row holds cells in exactly those columns,
    no others, each starting where the sliver above it ends (``一、本年新收… | ▭ | ▭ | 4 |
    1 | 23 | ▭ | 524`` over ``460 | 24 | 12``). The lower cells are the row's, in their
    columns (their boxes are the scan's), and the two grid rows one."""
    out: list[tuple[Cell, ...]] = []
    i = 0
    while i < len(grid):
        cells = grid[i]
        below = grid[i + 1] if i + 1 < len(grid) else ()
        full = [c.box[3] - c.box[1] for c in cells if c.text.strip() and c.box]
        slivers = {c.col: c for c in cells if full and _sliver(c, min(full))}
        if below and full and all(c.col in slivers and c.box and c.text.strip() for c in below) \
                and all(abs(c.box[1] - slivers[c.col].box[3]) <= 2 for c in below):
            taken = {c.col: c._replace(row=cells[0].row) for c in below}
            out.append(tuple(taken.get(c.col, c) for c in cells))
            i += 2
            continue
        out.append(cells)
        i += 1
    return out


def _place_t3(placement: Placement, tables: dict[int, list[tuple[Cell, ...]]], generation: str) -> None:
    width = len(schema.T3_COLUMN_KEYS)
    rows = []
    for number, grid in tables.items():
        grid = _join_split_rows(grid)
        n_cols = _n_cols(grid)
        if n_cols < width or _is_t4(grid, n_cols):
            continue
        full = [_value_cells(cells, width, True) for cells in grid]
        value_cols = _value_columns([r for r in full if r is not None], width)
        found_rows = []
        for cells, found in zip(grid, full):
            if found is None and value_cols is not None:
                found = _partial_row(cells, value_cols, n_cols)
            if found is not None:
                found_rows.append(found)
        rows += _without_empty_lines(found_rows)
    if not rows:
        return
    runs = _runs(rows)
    three = schema.T3_ROW_ORDER["2021"]
    single = schema.T3_ROW_ORDER_2021_SINGLE_OTHER
    # (六)其他处理 is a group heading over three rows: cut by a page break (``(六)其他``) it
    # must not name the row 3.其他

    def anchored(keys: tuple[str, ...], groups: tuple[str, ...]) -> dict[int, str | None]:
        cores = {**{k: _T3_CORES[k] for k in keys}, **_T2_AS_FOREIGN}
        return {id(r): _anchor(r.labels, cores, groups) for r in rows}

    anchors = anchored(three, _T3_GROUPS + ("其他处理", "六其他处理"))
    if generation == "2019":
        order = single
        anchors = anchored(single, _T3_GROUPS)
    elif any(anchors[id(r)] in ("other_no_correction", "other_no_fee", "other_other") for r in rows):
        order = three  # (六) printed as three rows
    elif _exactly(runs, three, anchors):
        # every row of the 2021 table with (六) as three rows, their labels lost to
        # the scan but the rows' count and the labels read agreeing
        order = three
    else:
        order = single
        anchors = anchored(single, _T3_GROUPS)
        if not any(anchors[id(r)] == "other" for r in rows):
            # neither form of (六) recognised: only rows before it are placed
            order = single[:single.index("other")]
    offsets = _offsets(runs, order, anchors, None, complete=order[-1] == "carried_forward")
    two_labels, named_together = _labels_naming_several(tables, _T3_CORES)
    placement.two_labels.update(two_labels)
    placement.named_together.update(f"t3.{key}" for key in named_together)
    columns = dict.fromkeys(order, schema.T3_COLUMN_KEYS)
    _place_runs(placement, "t3", runs, order, offsets, columns)


def _is_t4(grid: list[tuple[Cell, ...]], n_cols: int) -> bool:
    """Whether a grid holds a row of table 4's 15 figures."""
    width = len(schema.T4_KEYS)
    return n_cols >= width and any(_value_cells(cells, width, True) is not None for cells in grid)


def _place_t4(placement: Placement, tables: dict[int, list[tuple[Cell, ...]]]) -> None:
    width = len(schema.T4_KEYS)
    found = []
    for number, grid in tables.items():
        n_cols = _n_cols(grid)
        if n_cols < width:
            continue
        header = "".join(c.text for cells in grid for c in cells if cell_value(c.text) is None)
        if not _T4_HEADER.search(meta.simplify(normalize(header))):
            continue
        found += [r for r in (_value_cells(cells, width, True) for cells in grid) if r is not None]
    if not found:
        _place_t4_by_header(placement, tables)
        return
    if len(found) != 1:
        return
    row = found[0]
    placement.rows["t4"] = (row.table, row.row)
    for key, cell, value in zip(schema.T4_KEYS, row.cells, row.values):
        placement.note_column(cell.table, key, cell.col)
        if printed_as(value) != "unread":
            placement.figures[key] = value
            placement.cells[key] = cell


#: table 4's leaf headings, printed once for 行政复议 and for each kind of 行政诉讼
_T4_LEAVES = tuple(c.label for c in schema.T4_COLUMNS)
#: a header row must name this many of its fifteen columns, in order and none out of
#: it, to place cells by it (a 总计 merged over two header rows often reads as nothing)
MIN_T4_LEAVES = 10


#: a cell reading only zeros or blank marks run together (``00``, ``0 0 0``, ``无，无``):
#: no one number, since no figure prints a leading zero (see :func:`_zero_run`); a speck
#: between two read as a point or comma (``0.0``: no count in table 4 has a decimal)
_ZEROS = re.compile(r"(?:0|无|/)(?:[\s.,，;；·、]*(?:0|无|/))+")
_ZERO_MARK = re.compile(r"0|无|/")


class ZeroRun(int):
    """The value of a cell that reads ``n`` zeros or blank marks run together (an
    ``int``: ``n``); ``marks`` lists them left to right."""

    marks: list[str]


def _zero_run(text: str) -> ZeroRun | None:
    """``ZeroRun(n)`` for a cell reading n ≥ 2 zeros or blank marks (``无``, ``/``: 0 in
    a printed table) and nothing else: n figures of 0 run together in one cell (the scan
    lost the column lines between them), the only way to cut such a run into figures.
    None otherwise."""
    text = text.strip()
    if not _ZEROS.fullmatch(text):
        return None
    marks = _ZERO_MARK.findall(text)
    run = ZeroRun(len(marks))
    run.marks = marks
    return run


def _figure_rows_below(grid: list[tuple[Cell, ...]], header_at: int) -> list[list[tuple[Cell, object]]] | None:
    """The rows under a header row that print something, each as ``(cell, value)`` pairs
    (a run of zeros as :class:`ZeroRun`); ``None`` when one prints text among its figures
    or two values in one column (no row of figures)."""
    rows = []
    for cells in grid[header_at + 1:]:
        values = [(c, _zero_run(c.text) or cell_value(c.text)) for c in cells if c.text.strip()]
        if not values:
            continue
        if any(v is None for _, v in values) or len({c.col for c, _ in values}) != len(values):
            return None
        rows.append(values)
    return rows


def _leaves_under(cell: Cell, header: tuple[Cell, ...]) -> list[int]:
    """The grid columns of the header cells that stand wholly over ``cell`` (within its
    box, give or take a quarter of their width); a header cell reaching beyond it
    (merged over a neighbour's column) is none of them."""
    if not cell.box:
        return []
    return sorted(h.col for h in header if h.box and cell.box[0] - (h.box[2] - h.box[0]) / 4 <= h.box[0]
                  and h.box[2] <= cell.box[2] + (h.box[2] - h.box[0]) / 4)


def _place_zero_run(placement: Placement, cell: Cell, run: ZeroRun, leaves: list[int],
                    keys: list[str]) -> bool:
    """Place a run of zeros on the leaves its cell stands over when their count is the
    run's length: each is 0. Returns whether it did."""
    if len(leaves) != run or len(keys) != run:
        return False
    for key, mark in zip(keys, run.marks):
        placement.figures[key] = 0 if mark == "0" else blank_value(mark)
        placement.cells[key] = cell
    return True


def _place_t4_by_header(placement: Placement, tables: dict[int, list[tuple[Cell, ...]]]) -> None:
    """Table 4's row of figures placed cell by cell under a header row that names its
    fifteen grid columns in order, where the row lacks a cell or two (a figure the grid
    lost at the table's edge): each cell goes under its own column's heading, a column
    without a cell is left out with a warning. The grid must have exactly fifteen
    columns, one row of figures below the header and no figure left of it."""
    width = len(schema.T4_KEYS)
    candidates = []
    for grid in tables.values():
        if _n_cols(grid) != width:
            if width - 3 <= _n_cols(grid) < width:
                _place_t4_merged_columns(placement, grid)
            continue
        header_at = None
        for index, cells in enumerate(grid):
            named = sum(1 for c in cells if 0 <= c.col < width and _cjk(c.text) == _T4_LEAVES[c.col % 5])
            misplaced = any(_cjk(c.text) in _T4_LEAVES and (c.col >= width or _cjk(c.text) != _T4_LEAVES[c.col % 5])
                            for c in cells)
            if named >= MIN_T4_LEAVES and not misplaced:
                header_at = index
        if header_at is None:
            continue
        rows = _figure_rows_below(grid, header_at) or []
        if len(rows) == 1 and len(rows[0]) >= MIN_T4_LEAVES and max(c.col for c, _ in rows[0]) < width:
            candidates.append((rows[0], grid[header_at]))
    if len(candidates) != 1:
        return
    values, header = candidates[0]
    # a cell over two or more leaves' headings (column lines lost in this row) holds
    # their figures run together: never the first leaf's figure
    by_col = {c.col: (c, v) for c, v in values if not isinstance(v, ZeroRun) and len(_leaves_under(c, header)) <= 1}
    first = values[0][0]
    placement.rows["t4"] = (first.table, first.row)
    for cell, run in ((c, v) for c, v in values if isinstance(v, ZeroRun)):
        # zeros run together over lost column lines: one 0 per leaf the cell stands over
        leaves = [col for col in _leaves_under(cell, header) if col not in by_col]
        if _place_zero_run(placement, cell, run, leaves, [schema.T4_KEYS[col] for col in leaves]):
            by_col.update((col, (cell, 0)) for col in leaves)
    missing = []
    for col, key in enumerate(schema.T4_KEYS):
        if key in placement.figures:
            continue
        if col not in by_col or printed_as(by_col[col][1]) == "unread":
            missing.append(key)
            continue
        cell, value = by_col[col]
        placement.note_column(cell.table, key, cell.col)
        placement.figures[key] = value
        placement.cells[key] = cell
    for key in missing:
        placement.warnings.append(warn("figure_unread", f"figure {key}: no cell read under its heading (OCR); "
                                       "left out"))


def _t4_header_columns(cells: tuple[Cell, ...]) -> dict[int, tuple[int, ...]] | None:
    """The leaf columns of table 4 (0–14) each grid column of a header row stands over,
    where the grid lost a column line through the whole table: ``尚未审结总计`` is one
    cell over two leaves. Every cell must name the next leaves in the template's order
    (结果维持, 结果纠正, 其他结果, 尚未审结, 总计, three times); a cell OCR could not read
    stands over one. ``None`` unless the row accounts for exactly the fifteen leaves."""
    columns: dict[int, tuple[int, ...]] = {}
    leaf = 0
    for cell in sorted(cells, key=lambda c: c.col):
        text = _cjk(cell.text)
        if cell.text.strip() in ("", UNREAD_CELL):
            if leaf >= len(schema.T4_KEYS):
                return None
            columns[cell.col] = (leaf,)
            leaf += 1
            continue
        start = leaf
        while text and leaf < len(schema.T4_KEYS) and text.startswith(_T4_LEAVES[leaf % 5]):
            text = text[len(_T4_LEAVES[leaf % 5]):]
            leaf += 1
        if text or leaf == start:
            return None
        columns[cell.col] = tuple(range(start, leaf))
    named = sum(1 for c in cells if _cjk(c.text))
    if leaf != len(schema.T4_KEYS) or named < MIN_T4_LEAVES - 2 or sorted(columns) != list(range(len(columns))):
        return None
    return columns


def _place_t4_merged_columns(placement: Placement, grid: list[tuple[Cell, ...]]) -> None:
    """Table 4 in a grid of 12–14 columns, one or more column lines lost through the whole
    table: its one row of figures below a header row that accounts for the fifteen
    leaves (:func:`_t4_header_columns`). A cell under one leaf is that leaf's figure; a
    cell under two (merged, its reading one figure or two run together) is left out
    with both its leaves."""
    header_at, columns = None, None
    for index, cells in enumerate(grid):
        found = _t4_header_columns(cells)
        if found is not None:
            header_at, columns = index, found
    if columns is None:
        return
    rows = _figure_rows_below(grid, header_at)
    if rows is None or any(c.col not in columns for row in rows for c, _ in row):
        return
    if len(rows) != 1 or len(rows[0]) < MIN_T4_LEAVES:
        return
    placement.rows["t4"] = (rows[0][0][0].table, rows[0][0][0].row)
    by_col = {c.col: (c, v) for c, v in rows[0]}
    for col, leaves in sorted(columns.items()):
        keys = [schema.T4_KEYS[leaf] for leaf in leaves]
        run = by_col.get(col, (None, None))[1]
        if isinstance(run, ZeroRun) and _place_zero_run(placement, by_col[col][0], run, list(leaves), keys):
            continue
        if len(leaves) > 1:
            placement.warnings.append(warn("figure_unread", f"figures {', '.join(keys)}: one cell under their two "
                                           "headings (a column line lost); left out"))
            continue
        if col not in by_col or printed_as(by_col[col][1]) == "unread":
            placement.warnings.append(warn("figure_unread", f"figure {keys[0]}: no cell read under its heading "
                                           "(OCR); left out"))
            continue
        cell, value = by_col[col]
        placement.note_column(cell.table, keys[0], cell.col)
        placement.figures[keys[0]] = value
        placement.cells[keys[0]] = cell


#: table 2's sub-table captions and header rows (their cells, CJK only): 第二十条第（一）项, 信息内容
_T2_CAPTION = re.compile(r"第二十条|^信息内容")


def _place_t2(placement: Placement, tables: dict[int, list[tuple[Cell, ...]]], generation: str) -> None:
    template = schema.T2_ROWS["2019" if generation == "2019" else "2021"]
    order = tuple(r.key for r in template)
    cores = {k: (_T2_CORES_2019 if generation == "2019" else _T2_CORES)[k] for k in order}
    # (in every grid, whatever its columns: a table 2 whose stray lines gave it seven or
    # more is read by its labels alone, and one cell naming 规章 and 行政规范性文件 there
    # gave the second the first's figures)
    two_labels, named_together = _labels_naming_several(tables, cores)
    placement.two_labels.update(two_labels)
    placement.named_together.update(f"t2.{key}" for key in named_together)
    rows = []
    for number, grid in tables.items():
        if _n_cols(grid) >= len(schema.T3_COLUMN_KEYS):
            continue
        for cells in grid:
            if any(_T2_CAPTION.match(_cjk(c.text)) for c in cells):
                continue  # a sub-table's caption or header (第二十条第（五）项 | ): never a figure row
            for width in (1, 2, 3):
                found = _value_cells(cells, width, False)
                if found is not None:
                    rows.append(found)
                    break
    if not rows:
        return
    widths = tuple(len(r.columns) for r in template)
    anchors = {id(r): _anchor(r.labels, cores, ("信息内容",)) for r in rows}
    runs = _runs(rows)
    offsets = _offsets(runs, order, anchors, widths, min_anchors=1)
    _place_runs(placement, "t2", runs, order, offsets, {r.key: r.columns for r in template})


def place(layout: Layout, generation: str) -> Placement:
    """Place the figure rows of the layout's OCR'd tables on the template's rows.

    :param layout: a layout whose OCR'd table rows carry :class:`extract.layout.Cell`
        objects with grid ``table``, ``row`` and ``col`` and a ``confidence``.
    :param generation: ``"2021"`` or ``"2019"`` (table 3 may print (六) as one row
        or three in either; both are tried).
    :returns: the placed figures and their cells, and the figure rows left unplaced
        (each run with a warning).
    """
    placement = Placement()
    if generation not in ("2021", "2019"):
        return placement
    tables = _tables(layout)
    if not tables:
        return placement
    for grid in tables.values():
        for cells in grid:
            for cell in cells:
                found = numbers_in_cell(meta.simplify(normalize(cell.text)).strip()) if cell.text else None
                if found and len(found) > 1:
                    placement.split_cells.add((cell.table, cell.row, cell.col))
    _place_t3(placement, tables, generation)
    _place_t4(placement, tables)
    _place_t2(placement, tables, generation)
    return placement


#: each table's rows in printed order, both forms of table 3's (六) included
_ROW_ORDER = {
    "t2": {key: i for i, key in enumerate(("rules", "normative", "licensing", "other_mgmt", "penalty", "coercion",
                                           "fees", "procurement"))},
    "t3": {key: i for i, key in enumerate(schema.T3_ROW_ORDER["2021"][:-2] + ("other",)
                                          + schema.T3_ROW_ORDER["2021"][-2:])},
}


def _fits_placement(key: str, entry: dict, placement: Placement) -> bool:
    """Whether a figure the labels read from the grid cell ``entry`` is consistent with
    the rows and columns the grid placed: printed in its column's grid column, in a
    cell no taller than about one placed row, and between the grid rows of the
    template rows placed before and after it."""
    table, row, col = entry.get("table"), entry.get("row"), entry.get("col")
    if table is None or row is None:
        return True
    name = key.split(".", 1)[0]
    heights = sorted(c.box[3] - c.box[1] for k, c in placement.cells.items()
                     if c.table == table and c.box and k.startswith(name + "."))
    box = entry.get("box")
    if heights and box and box[3] - box[1] > 1.6 * heights[len(heights) // 2]:
        return False  # a value cell merged over several rows: whose figure it prints is not known
    name, row_name, column = key.split(".")
    expected = placement.columns.get((table, key if name == "t4" else f"{name}.{column}"))
    if expected is not None and col is not None and col != expected:
        return False
    order = _ROW_ORDER.get(name)
    if order is None or row_name not in order:
        return True
    mine = order[row_name]
    for placed, (other_table, other_row) in placement.rows.items():
        other_name, _, other_key = placed.partition(".")
        if other_name != name or other_table != table or other_key not in order:
            continue
        if (order[other_key] < mine and other_row >= row) or (order[other_key] > mine and other_row <= row):
            return False
    return True


def apply(placement: Placement, figures: dict, cells: dict) -> list[schema.ExtractionWarning]:
    """Merge a placement into figures the label anchoring read (both changed in place).

    A template row the grid placed takes the grid's reading (its unread cells stay
    out; a cell without any mark is 0 at :data:`BLANK_CELL_CONFIDENCE`). A figure the
    labels split out of a cell holding several numbers keeps at most
    :data:`SPLIT_CELL_CONFIDENCE`, and none is kept from such a cell OCR read under
    :data:`SPLIT_CELL_FLOOR`. A figure the labels read from a grid row that was
    placed as another row, from a grid with a run left out (its rows are not where its
    labels say), from a cell out of its column's grid column or out of the placed rows'
    order, is dropped; so is every figure of a template row the labels read (in part)
    from a grid row the grid did not place whose label names two rows.

    :param figures: canonical key → value, as :func:`extract.mapping.map_figures` reads them
    :param cells: canonical key → the fields of :data:`extract.schema.CELL_FIELDS`
    :returns: warnings (:func:`extract.schema.extraction_warning`) for rows left out and figures dropped
    """
    placed_grid = {where: row for row, where in placement.rows.items()}
    # a grid whose figure rows contradict their labels: its rows are not where its labels say
    doubtful = {table for table, _ in placement.refused}
    dropped = []

    def row_of(key: str) -> str:
        return key.rsplit(".", 1)[0] if not key.startswith("t4.") else "t4"

    grid_row = {key: ((cells.get(key) or {}).get("table"), (cells.get(key) or {}).get("row")) for key in figures}
    # template rows the labels read (in part) from a grid row whose label names two rows
    ambiguous = {row_of(key) for key, where in grid_row.items()
                 if where in placement.two_labels and where not in placed_grid}
    # table 4 prints its fifteen figures in one row: figures the labels read for it
    # from two grid rows are a short row completed from another line, by position
    t4_rows = {grid_row[key] for key in figures if key.startswith("t4.") and grid_row[key][0] is not None}
    if "t4" not in placement.rows and len(t4_rows) > 1:
        ambiguous.add("t4")
    for key in list(figures):
        row_key = row_of(key)
        entry = cells.get(key) or {}
        where = grid_row[key]
        if row_key in placement.rows:
            if key not in placement.figures:
                figures.pop(key)
                cells.pop(key, None)
        elif where[0] in doubtful or (where in placed_grid and placed_grid[where] != row_key) \
                or row_key in ambiguous or not _fits_placement(key, entry, placement) \
                or (where[0] is None and row_key in placement.named_together):
            figures.pop(key)
            cells.pop(key, None)
            dropped.append(key)
    unsure = []
    for key, entry in cells.items():
        if (entry.get("table"), entry.get("row"), entry.get("col")) in placement.split_cells:
            # which column each number of a merged cell stands in is a guess from their order,
            # and its glyphs were not checked number by number
            if (entry.get("confidence") or 0.0) < SPLIT_CELL_FLOOR:
                unsure.append(key)  # …and OCR was unsure of the whole reading: digits lost, too
            entry["confidence"] = min(entry.get("confidence") or 0.0, SPLIT_CELL_CONFIDENCE)
    for key in unsure:
        figures.pop(key, None)
        cells.pop(key, None)
    fractions = []
    for key, value in placement.figures.items():
        cell = placement.cells[key]
        if isinstance(value, float) and key not in schema.DECIMAL_KEYS:
            # a count read with a decimal point (``1,042`` as ``1.042``): no count has a
            # fraction, so the cell is left out rather than guessed
            fractions.append(f"figure {key} reads {value}")
            figures.pop(key, None)
            cells.pop(key, None)
            continue
        figures[key] = value
        confidence = cell.confidence
        if confidence is None and not cell.text:
            confidence = BLANK_CELL_CONFIDENCE
        cells[key] = {"page": cell.page, "table": cell.table, "row": cell.row, "col": cell.col,
                      "box": list(cell.box) if cell.box else None, "printed_as": printed_as(value),
                      "confidence": confidence}
    warnings = list(placement.warnings)
    warnings += [warn("figure_fraction", f"{what}, a fraction where the template counts; left out")
                 for what in fractions]
    if unsure:
        unsure.sort()
        warnings.append(warn("figure_unread", f"figures {', '.join(unsure[:6])}"
                             f"{', …' if len(unsure) > 6 else ''}: OCR read them out of one cell holding "
                             "several numbers, with low confidence; left out"))
    if dropped:
        warnings.append(warn("grid_contradicts_labels",
                             f"{len(dropped)} figure(s) read by their labels from cells the OCR grid places "
                             f"otherwise ({', '.join(sorted(dropped)[:6])}{', …' if len(dropped) > 6 else ''});"
                             " left out"))
    return warnings
