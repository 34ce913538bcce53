"""OCR'd table rows placed on the template's rows by grid position (extract.grid_rows),
with layouts built from cells directly (no OCR run)."""
from __future__ import annotations

import pytest

from extract import grid_rows, schema
from extract.api import figure_confidence
from extract.layout import UNREAD_CELL, Cell, Layout, Row
from extract.mapping import map_layout
from extract.numbers import printed_as

T3_LABELS = {
    "new": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "(一)予以公开",
    "partial": "(二)部分公开(区分处理的，只计这一情形，不计其他情形)",
    "denied_state_secret": "1.属于国家秘密",
    "denied_law": "2.其他法律行政法规禁止公开",
    "denied_three_safety": "3.危及“三安全一稳定”",
    "denied_third_party": "4.保护第三方合法权益",
    "denied_internal": "5.属于三类内部事务信息",
    "denied_process": "6.属于四类过程性信息",
    "denied_enforcement": "7.属于行政执法案卷",
    "denied_query": "8.属于行政查询事项",
    "unable_not_held": "1.本机关不掌握相关政府信息",
    "unable_create": "2.没有现成信息需要另行制作",
    "unable_unclear": "3.补正后申请内容仍不明确",
    "ignored_petition": "1.信访举报投诉类申请",
    "ignored_repeat": "2.重复申请",
    "ignored_publication": "3.要求提供公开出版物",
    "ignored_massive": "4.无正当理由大量反复申请",
    "ignored_confirm": "5.要求行政机关确认或重新出具已获取信息",
    "other_no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other_no_fee": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other_other": "3.其他",
    "results_total": "(七)总计",
    "carried_forward": "四、结转下年度继续办理",
}
ORDER = schema.T3_ROW_ORDER["2021"]
#: an entry of ``Layout.ocr_cells``: the layout was OCR'd
OCR_READ = {"line_index": 0, "cell_index": 0, "text": "", "confidence": 1.0, "alternatives": []}


def row_values(i: int) -> list[str]:
    """Distinct figures per template row: row i prints i+1 for natural persons and total."""
    return [str(i + 1), "0", "0", "0", "0", "0", str(i + 1)]


def add_t3(layout: Layout, rows: list[tuple[str, list[str]]], page: int = 2) -> int:
    """Table 3 as OCR gives it: three header rows, then a label cell (col 0) and seven
    value cells (cols 1-7) per row."""
    table = layout.new_table()
    layout.add_row([Cell("申请人情况", page, table, 0, 0, confidence=0.9)])
    layout.add_row([Cell("自然人", page, table, 1, 1, confidence=0.9), Cell("总计", page, table, 1, 7, confidence=0.9)])
    layout.add_row([Cell("商业企业", page, table, 2, 2, confidence=0.9)])
    for r, (label, values) in enumerate(rows, start=3):
        cells = [Cell(label, page, table, r, 0, confidence=0.9)]
        cells += [Cell(v, page, table, r, c, confidence=None if v == "" else 0.99) for c, v in enumerate(values, 1)]
        layout.add_row(cells)
    return table


def t3_layout(labels: dict[str, str]) -> Layout:
    layout = Layout()
    layout.lines += ["某县民政局2023年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"]
    add_t3(layout, [(labels.get(k, "■■"), row_values(i)) for i, k in enumerate(ORDER)])
    layout.ocr_cells.append(OCR_READ)
    return layout


def test_rows_with_garbled_labels_are_placed_by_position_when_two_labels_agree():
    labels = dict.fromkeys(T3_LABELS, "噪声乱码")
    labels["denied_third_party"] = T3_LABELS["denied_third_party"]
    labels["ignored_repeat"] = T3_LABELS["ignored_repeat"]
    labels["other_other"] = T3_LABELS["other_no_correction"]  # three-row (六) named once
    placement = grid_rows.place(t3_layout(labels), "2021")
    # the anchors: third_party (row 7) agrees; other_other's label says other_no_correction (20): conflict
    assert placement.refused, "a label naming another row blocks placement by count"
    labels["other_other"] = T3_LABELS["other_other"]
    placement = grid_rows.place(t3_layout(labels), "2021")
    assert not placement.refused
    for i, key in enumerate(ORDER):
        assert placement.figures[f"t3.{key}.natural"] == i + 1
        assert placement.figures[f"t3.{key}.total"] == i + 1
        assert placement.figures[f"t3.{key}.legal"] == 0
    assert placement.cells["t3.carried_forward.total"].row == 3 + 24


def test_without_either_form_of_other_handling_only_the_rows_before_it_are_placed():
    labels = dict.fromkeys(T3_LABELS, "噪声乱码")
    labels["denied_third_party"] = T3_LABELS["denied_third_party"]
    labels["ignored_repeat"] = T3_LABELS["ignored_repeat"]
    layout = Layout()
    add_t3(layout, [(labels[k], row_values(i)) for i, k in enumerate(ORDER[:12])], page=2)
    add_t3(layout, [(labels[k], row_values(i)) for i, k in enumerate(ORDER) if i >= 14], page=3)
    placement = grid_rows.place(layout, "2021")
    assert placement.figures == {} and not placement.refused  # too few anchors, nothing contradicts


def test_one_anchor_is_not_enough_for_table_3():
    labels = dict.fromkeys(T3_LABELS, "噪声乱码")
    labels["other_no_fee"] = T3_LABELS["other_no_fee"]
    assert grid_rows.place(t3_layout(labels), "2021").figures == {}


def test_a_run_after_a_page_cut_is_placed_by_its_anchors():
    layout = Layout()
    # page 2 ends after denied_law; denied_three_safety and denied_third_party are lost
    # at the cut; page 3 starts with denied_internal
    first = [(T3_LABELS[k], row_values(i)) for i, k in enumerate(ORDER[:6])]
    garbled = ("denied_internal", "denied_query", "unable_not_held", "ignored_petition")
    second = [("噪声" if k in garbled else T3_LABELS[k], row_values(i)) for i, k in enumerate(ORDER) if i >= 8]
    add_t3(layout, first, page=2)
    add_t3(layout, second, page=3)
    placement = grid_rows.place(layout, "2021")
    assert placement.figures["t3.denied_law.total"] == 6
    assert placement.figures["t3.denied_internal.total"] == 9
    assert placement.figures["t3.carried_forward.natural"] == 25
    assert "t3.denied_third_party.total" not in placement.figures
    assert not placement.refused


def test_labels_that_disagree_with_the_order_leave_the_run_out_with_a_warning():
    layout = Layout()
    rows = [(T3_LABELS[k], row_values(i)) for i, k in enumerate(ORDER[:4])]
    rows[3] = (T3_LABELS["denied_law"], rows[3][1])  # the fourth row names the sixth
    add_t3(layout, rows)
    placement = grid_rows.place(layout, "2021")
    assert placement.figures == {}
    assert len(placement.refused) == 4
    assert [w["code"] for w in placement.warnings] == ["grid_rows_disagree"]


def test_the_blank_remainder_of_a_row_split_over_the_page_is_skipped():
    layout = Layout()
    add_t3(layout, [(T3_LABELS[k], row_values(i)) for i, k in enumerate(ORDER[:3])], page=2)
    rest = [("度办理结果", [""] * 7)] + [(T3_LABELS[k], row_values(i)) for i, k in enumerate(ORDER) if i >= 3]
    add_t3(layout, rest, page=3)
    placement = grid_rows.place(layout, "2021")
    assert placement.figures["t3.granted.total"] == 3
    assert placement.figures["t3.partial.total"] == 4
    assert placement.figures["t3.carried_forward.total"] == 25
    assert not placement.refused


@pytest.mark.parametrize("cut", ["other_no_fee", "denied_process", "ignored_repeat"])
@pytest.mark.parametrize("label", ["噪声", None])
def test_the_blank_upper_part_of_a_row_left_at_the_foot_of_a_page_is_that_row(cut, label):
    """A row cut by the page break whose upper part, at the foot of one page, printed
    nothing (empty cells, no label), its label and figures at the top of the next. The
    empty cells are no row of their own: the next page's rows, anchored by their labels,
    start one row earlier than the first page's rows end (all of the next page was left
    out as a conflict, 21 cells)."""
    layout = Layout()
    at = ORDER.index(cut)
    first = [(T3_LABELS[k], row_values(i)) for i, k in enumerate(ORDER[:at])] + [("", [""] * 7)]
    add_t3(layout, first, page=3)
    rest = [(label or T3_LABELS[cut], row_values(at))] + [(T3_LABELS[k], row_values(i))
                                                          for i, k in enumerate(ORDER) if i > at]
    add_t3(layout, rest, page=4)
    placement = grid_rows.place(layout, "2021")
    assert placement.figures[f"t3.{cut}.total"] == at + 1
    assert placement.figures["t3.carried_forward.total"] == 25
    assert placement.figures[f"t3.{ORDER[at - 1]}.total"] == at
    assert not placement.refused


def _add_t3_grouped(layout: Layout, rows: list[tuple[str, str, list[str]]], page: int) -> None:
    """Table 3 with a group column: group label (col 0), row label (col 1), seven value
    cells (cols 2-8)."""
    table = layout.new_table()
    layout.add_row([Cell("申请人情况", page, table, 0, 0, confidence=0.9)])
    layout.add_row([Cell("自然人", page, table, 1, 2, confidence=0.9), Cell("总计", page, table, 1, 8, confidence=0.9)])
    layout.add_row([Cell("商业企业", page, table, 2, 3, confidence=0.9)])
    for r, (group, label, values) in enumerate(rows, start=3):
        cells = [Cell(group, page, table, r, 0, confidence=0.9)] if group else []
        cells.append(Cell(label, page, table, r, 1, confidence=0.9))
        cells += [Cell(v, page, table, r, c, confidence=None if v == "" else 0.99) for c, v in enumerate(values, 2)]
        layout.add_row(cells)


def test_a_row_split_over_the_page_whose_rest_names_it_keeps_its_figures_from_the_first_half():
    """``(六)其他 | 1.申请人无正当理由逾期不 | 1 … 1`` at the foot of one page, ``补正、行政机关
    不再处理其政府信息公开申请`` with empty cells at the top of the next: the cut group
    heading names no row (not 3.其他), the rest of the label names the row it continues,
    and its empty cells are no row of their own (they gave 0 for the printed 1s)."""
    layout = Layout()
    split = ORDER.index("other_no_correction")
    first = [("", T3_LABELS[k], row_values(i)) for i, k in enumerate(ORDER[:split])]
    first.append(("(六)其他", "1.申请人无正当理由逾期不", row_values(split)))
    _add_t3_grouped(layout, first, page=4)
    rest = [("", "补正、行政机关不再处理其政府信息公开申请", [""] * 7)]
    rest += [("处理" if k == "other_no_fee" else "", T3_LABELS[k], row_values(i))
             for i, k in enumerate(ORDER) if i > split]
    _add_t3_grouped(layout, rest, page=5)
    placement = grid_rows.place(layout, "2021")
    assert placement.figures["t3.other_no_correction.natural"] == split + 1
    assert placement.figures["t3.other_no_correction.total"] == split + 1
    assert placement.figures["t3.other_no_fee.total"] == split + 2
    assert placement.figures["t3.carried_forward.total"] == 25
    assert not placement.refused


def test_a_label_cell_holding_two_rows_labels_names_neither():
    """OCR reads the label cells of 总计 and 结转下年度 as one (``(七)总计四、结转下年度继续办理``
    beside 总计's figures, nothing beside the next row's): that label anchors no row, so
    the table, every other label agreeing, is placed in order (it was refused whole)."""
    labels = dict(T3_LABELS, results_total="(七)总计四、结转下年度继续办理", carried_forward="")
    placement = grid_rows.place(t3_layout(labels), "2021")
    assert not placement.refused
    assert placement.figures["t3.results_total.total"] == ORDER.index("results_total") + 1
    assert placement.figures["t3.carried_forward.natural"] == 25
    # a row's text inside another's still names that one row
    assert grid_rows._anchor(["2.其他法律行政法规禁止公开"], grid_rows._T3_CORES, ()) == "denied_law"


def test_figures_beside_a_label_naming_two_rows_are_not_given_to_either_by_the_labels():
    """The table's last two rows on a page of their own, no label the grid can anchor
    them by: 总计's figures beside ``(七)总计四、结转下年度继续办理``, 结转下年度's beside
    nothing. Reading by labels would give 总计's figures to 结转下年度 (the label found
    last on their line); they are left out instead."""
    layout = Layout()
    layout.lines += ["某县民政局2023年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"]
    add_t3(layout, [(T3_LABELS[k], row_values(i)) for i, k in enumerate(ORDER[:23])], page=2)
    table = add_t3(layout, [], page=3)
    # 总计's row as OCR gave it: two value cells found without any mark, so not given
    cells = [Cell("(七)总计四、结转下年度继续办理", 3, table, 3, 0, confidence=0.9)]
    cells += [Cell(v, 3, table, 3, c, confidence=0.99) for c, v in zip((1, 4, 5, 6, 7), ("24", "0", "0", "0", "24"))]
    layout.add_row(cells)
    layout.add_row([Cell(v, 3, table, 4, c, confidence=0.99) for c, v in enumerate(row_values(24), 1)])
    layout.ocr_cells.append(OCR_READ)
    f = map_layout(layout)["figures"]
    assert f["t3.other_other.total"] == 23
    assert f.get("t3.carried_forward.natural") in (None, 25) and f.get("t3.carried_forward.total") in (None, 25)
    assert f.get("t3.results_total.total") in (None, 24)


def test_unread_cells_stay_out_and_blank_cells_are_zero():
    layout = Layout()
    rows = [(T3_LABELS[k], row_values(i)) for i, k in enumerate(ORDER)]
    rows[0] = (rows[0][0], ["1", "", "", "", "", "", UNREAD_CELL])
    add_t3(layout, rows)
    placement = grid_rows.place(layout, "2021")
    assert placement.figures["t3.new.natural"] == 1
    assert placement.figures["t3.new.commercial"] == 0
    assert "t3.new.total" not in placement.figures


@pytest.mark.parametrize("kept", [
    ("denied_law", "denied_three_safety", "ignored_repeat"),
    ("granted", "unable_not_held", "ignored_confirm", "carried_forward"),
])
def test_three_other_rows_whose_labels_the_scan_lost_are_placed_by_the_tables_row_count(kept):
    """A 2021 table whose (六) labels were lost: its 25 rows are the three-row form."""
    labels = {k: (T3_LABELS[k] if k in kept else "") for k in T3_LABELS}
    placement = grid_rows.place(t3_layout(labels), "2021")
    assert not placement.refused
    for i, key in enumerate(ORDER):
        assert placement.figures[f"t3.{key}.natural"] == i + 1
    assert "t3.other.total" not in placement.figures


def test_a_table_of_twenty_five_rows_is_not_the_three_row_form_on_two_labels():
    labels = {k: (T3_LABELS[k] if k in ("denied_law", "ignored_repeat") else "") for k in T3_LABELS}
    placement = grid_rows.place(t3_layout(labels), "2021")
    assert not any(k.startswith(("t3.other_", "t3.results_total", "t3.carried_forward")) for k in placement.figures)


def test_a_table_of_twenty_five_rows_whose_labels_disagree_with_the_three_row_form_is_not_placed_so():
    # a 23-row table (single 其他处理 row) with two extra rows: its 总计 label sits
    # at the three-row form's 23rd row, not its 24th
    order = schema.T3_ROW_ORDER_2021_SINGLE_OTHER
    labels = [T3_LABELS.get(k, "") if k in ("denied_law", "denied_three_safety", "ignored_repeat",
                                            "results_total") else "" for k in order] + ["", ""]
    layout = Layout()
    add_t3(layout, [(label, row_values(i)) for i, label in enumerate(labels)])
    placement = grid_rows.place(layout, "2021")
    assert not any(k.startswith("t3.other_") for k in placement.figures)


def test_a_row_missing_cells_keeps_the_figures_that_stand_alone_by_their_width():
    """Row 6 of a scanned table 3 lost two cells: the 商业企业 and 其他 cells merged
    downwards with row 7's (tall, unread), its 社会公益组织 cell printed blank (no
    cell). Row 7 then lacks those two. The cells one column wide are still figures in
    their own columns; the merged ones stay unknown."""
    layout = Layout()
    table = layout.new_table()
    layout.add_row([Cell("申请人情况", 2, table, 0, 0, (20, 80, 310, 95), 0.9)])
    order = ORDER[:10]
    for r, key in enumerate(order, start=1):
        y = 80 + 15 * r
        values = row_values(r - 1)
        cells = [Cell(T3_LABELS[key] if r not in (6, 7) else "", 2, table, r, 0, (20, y, 100, y + 15), 0.9)]
        for c in range(1, 8):
            box = (100 + 30 * (c - 1), y, 130 + 30 * (c - 1), y + 15)
            if r == 6 and c in (2, 6):
                box = (box[0], y, box[2], y + 30)
                cells.append(Cell(UNREAD_CELL, 2, table, r, c, box, 0.0))
            elif r == 7 and c in (2, 6) or r == 6 and c == 4:
                continue
            else:
                cells.append(Cell(values[c - 1], 2, table, r, c, box, 0.99))
        layout.add_row(cells)
    layout.ocr_cells.append(OCR_READ)
    placement = grid_rows.place(layout, "2021")
    six, seven = order[5], order[6]
    assert placement.figures[f"t3.{six}.natural"] == 6 and placement.figures[f"t3.{six}.research"] == 0
    assert placement.figures[f"t3.{six}.total"] == 6 and placement.figures[f"t3.{seven}.natural"] == 7
    assert not {f"t3.{six}.commercial", f"t3.{six}.social", f"t3.{six}.other"} & set(placement.figures)
    assert f"t3.{seven}.commercial" not in placement.figures and placement.figures[f"t3.{seven}.legal"] == 0


def test_a_heading_below_the_table_taken_into_its_grid_does_not_refuse_the_tables_rows():
    """The grid ran on into the heading under table 3: a last row of garbled text, one
    unread cell of ink and blank cells. It is no figure row, so it neither becomes a
    row of zeros nor pushes the rows past the template's end (which refused them all)."""
    order = schema.T3_ROW_ORDER["2019"]
    labels = {k: T3_LABELS.get(k, "(六)其他处理") for k in order}
    layout = Layout()
    table = add_t3(layout, [(labels[k], row_values(i)) for i, k in enumerate(order)])
    r = 3 + len(order)
    layout.add_row([Cell("nn Tb r产，", 2, table, r, 0, confidence=0.27), Cell(UNREAD_CELL, 2, table, r, 3, confidence=0.0)]
                   + [Cell("", 2, table, r, c) for c in range(4, 8)])
    placement = grid_rows.place(layout, "2019")
    assert not placement.refused
    assert [placement.figures[f"t3.{k}.natural"] for k in order] == list(range(1, len(order) + 1))


def test_a_row_short_of_cells_printed_blank_is_still_a_figure_row():
    labels = dict.fromkeys(T3_LABELS, "")
    for k in ("denied_law", "denied_three_safety", "ignored_repeat"):
        labels[k] = T3_LABELS[k]
    layout = Layout()
    rows = [(labels[k], row_values(i)) for i, k in enumerate(ORDER)]
    table = add_t3(layout, rows[:10])
    # row 11 printed blank, its 商业企业 cell merged away: six blank cells
    layout.add_row([Cell("", 2, table, 13, c) for c in (1, 3, 4, 5, 6, 7)])
    for r, (label, values) in enumerate(rows[11:], start=14):
        layout.add_row([Cell(label, 2, table, r, 0, confidence=0.9)]
                       + [Cell(v, 2, table, r, c, confidence=0.99) for c, v in enumerate(values, 1)])
    layout.ocr_cells.append(OCR_READ)
    placement = grid_rows.place(layout, "2021")
    blank = ORDER[10]
    assert placement.figures[f"t3.{blank}.research"] == 0 and placement.figures[f"t3.{blank}.total"] == 0
    assert f"t3.{blank}.natural" not in placement.figures  # its cell may hold the merged one's ink
    assert placement.figures["t3.carried_forward.natural"] == 25


def test_the_single_other_row_is_told_from_three():
    order = schema.T3_ROW_ORDER_2021_SINGLE_OTHER
    labels = dict(T3_LABELS, other="(六)其他处理")
    layout = Layout()
    add_t3(layout, [(labels[k], row_values(i)) for i, k in enumerate(order)])
    placement = grid_rows.place(layout, "2021")
    assert placement.figures["t3.other.total"] == order.index("other") + 1
    assert placement.figures["t3.results_total.total"] == order.index("results_total") + 1
    assert not any(k.startswith("t3.other_other") for k in placement.figures)


def test_table_4_row_is_placed_under_its_header():
    layout = Layout()
    table = layout.new_table()
    layout.add_row([Cell("行政复议", 3, table, 0, 0, confidence=0.9), Cell("行政诉讼", 3, table, 0, 5, confidence=0.9)])
    values = [str(v) for v in range(1, 16)]
    layout.add_row([Cell(v, 3, table, 1, c, confidence=0.99) for c, v in enumerate(values)])
    placement = grid_rows.place(layout, "2021")
    assert [placement.figures[k] for k in schema.T4_KEYS] == list(range(1, 16))


def _t4_grid(values: dict[int, str], leaves: int = 15) -> Layout:
    """Table 4 as OCR gives it: its group headings, the fifteen leaf headings at grid
    columns 0-14 (the first ``leaves`` of them read), then one row holding ``values``
    (grid column → text)."""
    layout = Layout()
    table = layout.new_table()
    layout.add_row([Cell("行政复议", 3, table, 0, 1, confidence=0.9), Cell("行政诉讼", 3, table, 0, 6, confidence=0.9)])
    words = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    layout.add_row([Cell(words[c % 5] if c < leaves else "�", 3, table, 1, c, confidence=0.9) for c in range(15)])
    layout.add_row([Cell(v, 3, table, 2, c, confidence=0.99) for c, v in sorted(values.items())])
    return layout


def test_a_table_4_row_missing_a_cell_is_placed_cell_by_cell_under_its_headings():
    """The grid lost the row's first cell (the table's edge): the other fourteen go under
    their own columns' headings, the lost one is left out with a warning; never all
    fifteen shifted."""
    printed = [0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 2]
    placement = grid_rows.place(_t4_grid({c: str(v) for c, v in enumerate(printed) if c != 0}), "2019")
    assert "t4.review.upheld" not in placement.figures
    assert [placement.figures.get(k) for k in schema.T4_KEYS[1:]] == printed[1:]
    assert any(w["code"] == "figure_unread" and "t4.review.upheld" in w["detail"] for w in placement.warnings)


@pytest.mark.parametrize("case", ["few headings", "words among figures", "two rows", "a heading out of place"])
def test_a_table_4_row_short_of_cells_is_not_placed_without_its_fifteen_headings(case):
    """A header naming fewer than ten of its columns or one heading in another's place,
    a word among the figures, or a second row of figures under the header: which cell
    stands under which heading is not certain, and table 4 is not placed this way."""
    values = {c: "1" for c in range(1, 15)}
    if case == "words among figures":
        values[3] = "一审"
    layout = _t4_grid(values, leaves=9 if case == "few headings" else 15)
    if case == "a heading out of place":
        header = layout.cells_of(len(layout.lines) - 2)
        layout.lines[len(layout.lines) - 2].cells = tuple(c._replace(text="总计") if c.col == 0 else c for c in header)
    if case == "two rows":
        first = layout.cells_of(len(layout.lines) - 1)[0]
        layout.add_row([Cell("2", 3, first.table, 3, c, confidence=0.99) for c in range(1, 15)])
    assert not any(k.startswith("t4.") for k in grid_rows.place(layout, "2019").figures)
    # the same grid with all its headings and one clean row is placed
    assert grid_rows.place(_t4_grid({c: "1" for c in range(1, 15)}), "2019").figures["t4.review.corrected"] == 1


def test_table_2_needs_its_rows_figure_counts():
    layout = Layout()
    table = layout.new_table()
    rows = [("规章", ["1", "2", "3"]), ("行政规范性文件", ["4", "5", "6"]), ("噪声", ["7"]),
            ("行政处罚", ["8"]), ("行政强制", ["9"]), ("行政事业性收费", ["1.5"])]
    for r, (label, values) in enumerate(rows):
        layout.add_row([Cell(label, 2, table, r, 0, confidence=0.9)]
                       + [Cell(v, 2, table, r, c, confidence=0.99) for c, v in enumerate(values, 1)])
    placement = grid_rows.place(layout, "2021")
    assert placement.figures["t2.licensing.decisions"] == 7
    assert placement.figures["t2.fees.amount"] == 1.5
    assert placement.figures["t2.normative.in_force"] == 6


def test_map_layout_takes_the_grid_rows_and_their_cells():
    labels = dict(T3_LABELS)
    for key in ("denied_state_secret", "denied_law", "denied_three_safety", "unable_create"):
        labels[key] = "噪声"
    record = map_layout(t3_layout(labels))
    for i, key in enumerate(ORDER):
        assert record["figures"][f"t3.{key}.natural"] == i + 1
        assert record["cells"][f"t3.{key}.natural"]["row"] == 3 + i
        assert record["cells"][f"t3.{key}.natural"]["confidence"] == 0.99


def test_map_layout_leaves_out_rows_whose_label_names_a_neighbour():
    # the label of row 5 reads as row 6's: by position and by label the rows disagree
    # (a label holding both rows' text names neither: see the test below)
    labels = dict(T3_LABELS)
    labels["denied_state_secret"] = "2.其他法律行政法规禁止公开"
    labels["denied_law"] = "噪声"
    record = map_layout(t3_layout(labels))
    assert not any(key.startswith("t3.") for key in record["figures"])
    assert any(w["code"] == "grid_rows_disagree" and w["detail"].startswith("25 figure row(s) of t3")
               for w in record["warnings"])


@pytest.mark.parametrize("merged_text", ["0 0", "1 0"])
def test_a_row_with_merged_value_cells_keeps_the_cells_that_stand_alone(merged_text):
    layout = Layout()
    table = add_t3(layout, [(T3_LABELS[k], row_values(i)) for i, k in enumerate(ORDER)])
    # the scan lost the ruling between social and legal in row denied_law only: one cell
    # over two columns; and a cell over two rows in unable_create's total. Two zeros run
    # together there are each column's 0; any other number pair stays out
    i = ORDER.index("denied_law")
    line = next(n for n, l in enumerate(layout.lines) if getattr(l, "cells", None) and l.cells[0].row == 3 + i)
    cells = list(layout.lines[line].cells)
    merged = cells[4]._replace(text=merged_text)
    layout.lines[line] = Row(cells[:4] + [merged] + cells[6:])
    j = ORDER.index("unable_create")
    line = next(n for n, l in enumerate(layout.lines) if getattr(l, "cells", None) and l.cells[0].row == 3 + j)
    cells = [c._replace(box=(100.0 + 30 * c.col, 400.0, 130.0 + 30 * c.col, 420.0)) for c in layout.lines[line].cells]
    cells[-1] = cells[-1]._replace(box=(310.0, 400.0, 340.0, 460.0))  # over three rows
    layout.lines[line] = Row(cells)
    placement = grid_rows.place(layout, "2021")
    assert placement.figures["t3.denied_law.natural"] == i + 1
    assert placement.figures["t3.denied_law.total"] == i + 1
    if merged_text == "0 0":
        assert (placement.figures["t3.denied_law.social"], placement.figures["t3.denied_law.legal"]) == (0, 0)
    else:
        assert "t3.denied_law.social" not in placement.figures and "t3.denied_law.legal" not in placement.figures
    assert placement.figures["t3.unable_create.natural"] == j + 1
    assert "t3.unable_create.total" not in placement.figures
    assert placement.figures["t3.carried_forward.total"] == 25
    record_keys = set(placement.figures)
    assert len(record_keys) == 25 * 7 - (1 if merged_text == "0 0" else 3)


def test_a_heading_row_among_the_figures_is_no_figure_row():
    layout = Layout()
    rows = [(T3_LABELS[k], row_values(i)) for i, k in enumerate(ORDER)]
    add_t3(layout, rows)
    assert grid_rows._partial_row(
        (Cell("申请人情况", 2, 1, 1, 0), Cell("自然人", 2, 1, 1, 1), Cell("0", 2, 1, 1, 2), Cell("0", 2, 1, 1, 3),
         Cell("0", 2, 1, 1, 4), Cell("0", 2, 1, 1, 5)), list(range(1, 8)), 8) is None


def test_figures_split_out_of_a_cell_holding_several_numbers_are_low_confidence():
    layout = Layout()
    layout.lines += ["某县民政局2023年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"]
    add_t3(layout, [(T3_LABELS[k], row_values(i)) for i, k in enumerate(ORDER[:23])], page=2)
    # page 3 holds the last two rows, each with a ruling lost between four of its figures
    add_t3(layout, [(T3_LABELS[k], row_values(i)) for i, k in enumerate(ORDER) if i >= 23], page=3)
    for line, row in enumerate(layout.lines):
        cells = getattr(row, "cells", None)
        if cells and cells[0].page == 3 and cells[0].row >= 3:
            layout.lines[line] = Row(list(cells[:3]) + [cells[3]._replace(text="0 0 1 0")] + list(cells[7:]))
    layout.ocr_cells.append(OCR_READ)
    record = map_layout(layout)
    assert record["cells"]["t3.ignored_confirm.total"]["confidence"] == 0.99
    assert record["figures"]["t3.results_total.natural"] == 24
    assert record["cells"]["t3.results_total.natural"]["confidence"] == 0.99
    assert record["figures"]["t3.results_total.legal"] == 1
    assert record["cells"]["t3.results_total.legal"]["confidence"] == grid_rows.SPLIT_CELL_CONFIDENCE
    confidence, low = figure_confidence(layout, record["figures"], record["format"], record["cells"])
    assert confidence["t3.results_total.legal"] == grid_rows.SPLIT_CELL_CONFIDENCE
    assert any(w["detail"].startswith("low OCR confidence for t3.results_total.legal") for w in low)
    # the merged cell read with low confidence (digits lost: 2 0 4 for 12, 0, 43): none of its numbers
    for line, row in enumerate(layout.lines):
        cells = getattr(row, "cells", None)
        if cells and cells[0].page == 3 and cells[0].row >= 3:
            layout.lines[line] = Row([c._replace(confidence=0.4) if c.text == "0 0 1 0" else c for c in cells])
    record = map_layout(layout)
    assert "t3.results_total.legal" not in record["figures"] and "t3.results_total.other" not in record["figures"]
    assert record["figures"]["t3.results_total.natural"] == 24
    assert any("several numbers, with low confidence" in w["detail"] for w in record["warnings"])


def test_a_taller_row_of_another_table_in_the_same_grid_is_not_taken_for_merged_cells():
    # table 2's last rows (taller) and table 3 (shorter rows) found as one grid on a page
    layout = Layout()
    table = add_t3(layout, [(T3_LABELS[k], row_values(i)) for i, k in enumerate(ORDER)])
    layout.lines = [Row([c._replace(box=(100.0 + 30 * c.col, 300.0 + 20 * c.row, 130.0 + 30 * c.col,
                                         320.0 + 20 * c.row)) for c in line.cells]) for line in layout.lines]
    placement = grid_rows.place(layout, "2021")
    assert placement.figures["t3.new.total"] == 1
    figures = {"t2.penalty.decisions": 57, "t3.new.total": 1}
    cells = {"t2.penalty.decisions": {"page": 2, "table": table, "row": 0, "col": 1, "box": [130.0, 240.0, 340.0, 275.0],
                                      "printed_as": "number", "confidence": 0.99},
             "t3.new.total": {"page": 2, "table": table, "row": 3, "col": 7, "box": [310.0, 360.0, 340.0, 420.0],
                              "printed_as": "number", "confidence": 0.99}}
    grid_rows.apply(placement, figures, cells)
    assert figures["t2.penalty.decisions"] == 57
    assert cells["t3.new.total"]["box"] == [310.0, 360.0, 340.0, 380.0]  # the grid's own cell


def _t4_merged_grid(header: list[str], values: list[str]) -> Layout:
    """Table 4 in a grid that lost column lines through the whole table: ``header`` the
    leaf-heading cells as read, ``values`` the row's cells, at grid columns 0, 1, …"""
    layout = Layout()
    table = layout.new_table()
    layout.add_row([Cell("行政复议", 3, table, 0, 1, confidence=0.9), Cell("行政诉讼", 3, table, 0, 6, confidence=0.9)])
    layout.add_row([Cell(t, 3, table, 1, c, confidence=0.9) for c, t in enumerate(header)])
    layout.add_row([Cell(v, 3, table, 2, c, confidence=0.99) for c, v in enumerate(values)])
    return layout


LEAVES = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


@pytest.mark.parametrize("merged", [3, 8, 13])
def test_a_table_4_grid_that_lost_a_column_line_places_the_cells_under_one_heading(merged):
    """The line between two leaf columns is lost from top to bottom: one header cell
    reads ``尚未审结总计`` and the row has fourteen cells. Each cell under one heading is
    that heading's figure; the merged cell's two figures are left out (its reading is
    one number or two run together), never given to a neighbour."""
    printed = [3, 0, 0, 2, 5, 1, 0, 1, 1, 3, 0, 0, 4, 0, 4]
    header = LEAVES * 3
    header[merged:merged + 2] = [header[merged] + header[merged + 1]]
    values = [str(v) for v in printed]
    values[merged:merged + 2] = ["25"]
    header[10 if merged != 8 else 11] = "�"  # a heading OCR could not read still stands over one leaf
    placement = grid_rows.place(_t4_merged_grid(header, values), "2021")
    lost = set(schema.T4_KEYS[merged:merged + 2])
    assert {k: placement.figures[k] for k in schema.T4_KEYS if k not in lost} == \
        {k: v for k, v in zip(schema.T4_KEYS, printed) if k not in lost}
    assert not lost & set(placement.figures)
    assert any(w["code"] == "figure_unread" and sorted(lost)[0] in w["detail"] for w in placement.warnings)


@pytest.mark.parametrize("merged", [3, 8])
def test_zeros_run_together_under_a_header_cell_over_two_leaves_are_both_zero(merged):
    printed = [3, 0, 0, 2, 5, 1, 0, 1, 1, 3, 0, 0, 4, 0, 4]
    printed[merged:merged + 2] = [0, 0]
    header = LEAVES * 3
    header[merged:merged + 2] = [header[merged] + header[merged + 1]]
    values = [str(v) for v in printed]
    values[merged:merged + 2] = ["00"]
    placement = grid_rows.place(_t4_merged_grid(header, values), "2021")
    assert [placement.figures.get(k) for k in schema.T4_KEYS] == printed


def _t4_boxed(header: dict[int, tuple[str, int]], values: dict[int, tuple[str, int]]) -> Layout:
    """Table 4 with fifteen grid columns 30 pt wide: ``header`` and ``values`` map a grid
    column to (text, columns its cell spans)."""
    layout = Layout()
    table = layout.new_table()
    layout.add_row([Cell("行政复议", 3, table, 0, 0, (80, 100, 230, 115), 0.9),
                    Cell("行政诉讼", 3, table, 0, 5, (230, 100, 530, 115), 0.9)])
    for r, cells in ((1, header), (2, values)):
        layout.add_row([Cell(text, 3, table, r, c, (80 + 30 * c, 100 + 15 * r, 80 + 30 * (c + span), 115 + 15 * r),
                             0.99) for c, (text, span) in sorted(cells.items())])
    return layout


@pytest.mark.parametrize("run, merged_at", [("00", 13), ("000", 2), ("0 0", 7), ("00000", 10),
                                             ("0.0", 4), ("0,0", 11), ("0.00", 6), ("无，无", 3), ("无 无 无", 8),
                                             ("无;无", 13), ("/ /", 0)])
def test_zeros_run_together_over_lost_column_lines_are_one_zero_per_leaf_under_them(run, merged_at):
    """The value row lost the column lines between some zeros (``00`` in a cell over two
    leaves; ``无，无`` and ``/ /`` printed for 0; ``0.0`` with a speck): no figure prints a
    leading zero, so each leaf under the cell is 0, printed as its mark. The leaf
    headings stand whole over the cell."""
    n = len([ch for ch in run if ch in "0无/"])
    printed = [1, 0, 0, 0, 1, 2, 0, 0, 0, 2, 0, 0, 0, 0, 0]
    for k in range(merged_at, merged_at + n):
        printed[k] = 0
    header = {c: (LEAVES[c % 5], 1) for c in range(15)}
    values = {c: (str(v), 1) for c, v in enumerate(printed) if not merged_at <= c < merged_at + n}
    values[merged_at] = (run, n)
    placement = grid_rows.place(_t4_boxed(header, values), "2021")
    assert [placement.figures.get(k) for k in schema.T4_KEYS] == printed
    marks = {"0": "number", "无": "无", "/": "slash"}
    assert [printed_as(placement.figures[k]) for k in schema.T4_KEYS[merged_at:merged_at + n]] \
        == [marks[ch] for ch in run if ch in marks]


@pytest.mark.parametrize("run, span", [("00", 3), ("000", 2), ("0 1", 2), ("100", 3), ("0.5", 2), ("0.0", 3)])
def test_a_merged_cell_whose_reading_is_not_one_zero_per_leaf_gives_none(run, span):
    printed = [1, 0, 0, 0, 1, 2, 0, 0, 0, 2, 0, 0, 0, 0, 0]
    header = {c: (LEAVES[c % 5], 1) for c in range(15)}
    values = {c: (str(v), 1) for c, v in enumerate(printed) if not 5 <= c < 5 + span}
    values[5] = (run, span)
    placement = grid_rows.place(_t4_boxed(header, values), "2021")
    assert not set(schema.T4_KEYS[5:5 + span]) & set(placement.figures)


def test_zeros_under_a_heading_merged_over_a_neighbours_column_are_not_placed():
    # the heading over leaves 12-13 is one cell: which leaves the run stands under is unsure
    header = {c: (LEAVES[c % 5], 1) for c in range(15) if c != 13}
    header[12] = ("其他结果尚未审结", 2)
    values = {c: ("0", 1) for c in range(13)}
    values[13] = ("00", 2)
    placement = grid_rows.place(_t4_boxed(header, values), "2021")
    assert not {"t4.suit_after_review.pending", "t4.suit_after_review.total"} & set(placement.figures)


@pytest.mark.parametrize("header", [
    LEAVES * 2 + ["结果维持", "结果纠正", "其他结果", "尚未审结"],  # fourteen leaves: one unaccounted for
    LEAVES[:3] + ["尚未审结总计", "结果纠正"] + LEAVES[1:] + LEAVES[:4],  # out of order
])
def test_a_table_4_header_not_accounting_for_fifteen_leaves_places_nothing(header):
    values = ["1"] * len(header)
    assert not any(k.startswith("t4.") for k in grid_rows.place(_t4_merged_grid(header, values), "2021").figures)


def test_a_sub_tables_caption_split_by_a_false_column_line_is_no_figure_row():
    """Table 2 as a picture: a false column line splits the caption row
    ``第二十条第（五）项`` into a caption and an empty cell. That empty cell is no row of
    blank cells: 行政许可's own row keeps its figure (it was read 0, the caption taken
    for its row)."""
    layout = Layout()
    table = layout.new_table()
    rows = [[("第二十条第(一)项", 0)], [("信息内容", 0), ("本年制发件数", 1), ("本年废止件数", 2), ("现行有效件数", 3)],
            [("规章", 0), ("4", 1), ("1", 2), ("124", 3)], [("行政规范性文件", 0), ("20", 1), ("9", 2), ("65", 3)],
            [("第二十条第(五)项", 0), ("", 1)], [("信息内容", 0), ("本年处理决定数量", 1)], [("行政许可", 0), ("3755", 1)],
            [("第二十条第(六)项", 0)], [("信息内容", 0), ("本年处理决定数量", 1)], [("行政处罚", 0), ("7", 1)],
            [("行政强制", 0), ("0", 1)], [("第二十条第(八)项", 0)], [("信息内容", 0), ("本年收费金额(单位:万元)", 1)],
            [("行政事业性收费", 0), ("1.5", 1)]]
    for r, cells in enumerate(rows):
        layout.add_row([Cell(t, 1, table, r, c, box=(c * 80, r * 14, c * 80 + 80, r * 14 + 14), confidence=0.95)
                        for t, c in cells])
    figures = grid_rows.place(layout, "2021").figures
    assert [figures.get(k) for k in ("t2.licensing.decisions", "t2.penalty.decisions", "t2.coercion.decisions",
                                     "t2.fees.amount")] == [3755, 7, 0, 1.5]


@pytest.mark.parametrize("next_label, figures", [("采购", ["54", "877.64"]), ("政府集中", ["54", "877.64"]),
                                                 ("行政许可", ["3", "0", "3"])])
def test_a_rows_figures_are_never_taken_from_a_line_under_another_rows_label(next_label, figures):
    """OCR read 行政事业性收费's cell as ``35 一`` (no figure) and the next sub-table's
    row, its label cut to ``采购``, follows in another grid: its figures are that row's,
    not the fees row's."""
    layout = Layout()
    layout.lines += ["某县民政局2019年政府信息公开工作年度报告", "二、主动公开政府信息情况"]
    table = layout.new_table()
    layout.add_row([Cell("第二十条第（八）项", 2, table, 0, 0, confidence=0.9)])
    layout.add_row([Cell("信息内容", 2, table, 1, 0, confidence=0.9), Cell("上一年项目数量", 2, table, 1, 1, confidence=0.9)])
    layout.add_row([Cell("行政事业性收费", 2, table, 2, 0, confidence=0.95), Cell("35 一", 2, table, 2, 1, confidence=0.58)])
    other = layout.new_table()
    layout.add_row([Cell(next_label, 2, other, 0, 0, confidence=0.93)]
                   + [Cell(v, 2, other, 0, c, confidence=0.99) for c, v in enumerate(figures, 1)])
    layout.ocr_cells.append(OCR_READ)
    record = map_layout(layout)
    assert not any(key.startswith("t2.fees") for key in record["figures"])


@pytest.mark.parametrize("widths", [(3, 3, 3), (2, 2, 2, 2), (4, 3), (3, 2, 3)])
def test_figures_on_several_short_lines_after_a_label_are_not_one_rows(widths):
    """A scanned table 3 whose header and label column the grid merged into one cell
    that ends with a row's label (``…属于国家秘密``), then lines of three figures each:
    the last columns of the rows above, their first columns lost. Taken together as that
    row's seven figures, ``10 | 7 | 204`` then ``0 | 0 | 0`` then ``6`` were published
    as its cells (four wrong values). Lines of a few figures each are rows of their own."""
    layout = Layout()
    layout.lines += ["某县民政局2023年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"]
    table = layout.new_table()
    layout.add_row([Cell("(三)不予公开 1.属于国家秘密", 2, table, 0, 0, confidence=0.3)])
    value = 3
    for r, width in enumerate(widths, 1):
        layout.add_row([Cell(str(value + c), 2, table, r, 4 + c, confidence=0.95) for c in range(width)])
        value += 11
    layout.add_row([Cell("2.其他法律行政法规禁止公开", 2, table, 9, 0, confidence=0.9)]
                   + [Cell("0", 2, table, 9, c, confidence=0.95) for c in range(1, 8)])
    layout.ocr_cells.append(OCR_READ)
    record = map_layout(layout)
    assert not any(key.startswith("t3.denied_state_secret.") for key in record["figures"])
    assert record["figures"]["t3.denied_law.total"] == 0
    assert any(w["code"] == "row_shape_unclear" and "t3.denied_state_secret" in w["detail"]
               for w in record["warnings"])


@pytest.mark.parametrize("lines", [
    ["10 | 7 | 204", "0 | 0 | 0", "6 | 1 | 78", "1 | 0 | 1", "2 | 1 | 00 | 4"],
    ["总计", "其他", "10 | 11 | 12", "20 | 21 | 22", "30 | 31 | 32", "40 | 41 | 42", "50 | 51 | 52"],
])
def test_figures_on_short_lines_under_a_label_are_not_two_rows_by_order_either(lines):
    """The same lines, enough of them for the next row too (its label lost): they were
    placed by row order into both rows (eleven wrong values)."""
    from extract import gen2021
    from extract.mapping import TableResult, _read_segment, _specs_t3

    specs = [spec for spec in _specs_t3(gen2021, False)
             if spec.key in ("t3.denied_state_secret", "t3.denied_law")]
    segment = "行政法规禁止公开 | 申请人情况法人或其他组织 24 1 2 10 7 204 0 0\n" + "\n".join(lines) + "\n |  | "
    result = TableResult(ocr=True)
    _read_segment(segment, specs, False, False, result)
    assert not result.figures
    assert any(w["code"] == "row_shape_unclear" for w in result.warnings)
    # the same lines from a text layer keep what they gave (one cell per line is a shape
    # born-digital exports print)
    text_result = TableResult(ocr=False)
    _read_segment(segment, specs, False, False, text_result)
    assert not any(w["code"] == "row_shape_unclear" for w in text_result.warnings)


def test_the_rest_of_a_wrapped_label_still_carries_the_rows_figures():
    layout = Layout()
    layout.lines += ["某县民政局2023年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"]
    table = layout.new_table()
    layout.add_row([Cell("5.要求行政机关确认或重新出具", 2, table, 0, 0, confidence=0.9)])
    layout.add_row([Cell("已获取信息", 2, table, 1, 0, confidence=0.9)]
                   + [Cell(v, 2, table, 1, c, confidence=0.99) for c, v in enumerate(["1", "0", "0", "0", "0", "0", "1"], 1)])
    layout.ocr_cells.append(OCR_READ)
    record = map_layout(layout)
    assert record["figures"].get("t3.ignored_confirm.total") == 1


def test_a_count_read_with_a_decimal_point_is_left_out():
    """OCR read ``1,042`` as ``1.042`` in table 3's 总计 column: no count has a fraction."""
    rows = [(T3_LABELS[k], row_values(i)) for i, k in enumerate(ORDER)]
    rows[0] = (rows[0][0], ["730", "219", "11", "16", "0", "66", "1.042"])
    layout = Layout()
    layout.lines += ["某县民政局2023年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"]
    add_t3(layout, rows)
    layout.ocr_cells.append(OCR_READ)
    record = map_layout(layout)
    assert record["figures"]["t3.new.natural"] == 730
    assert "t3.new.total" not in record["figures"]
    assert any(w["code"] == "figure_fraction" and "t3.new.total" in w["detail"] for w in record["warnings"])


def test_rows_under_a_label_cell_naming_several_rows_are_unsure_and_a_row_named_with_another_is_no_blank_row():
    """A page starts mid-table 3 with the label cells of three rows read as one
    (``4.无正当理由大量反复申请.要求行政机关确认….申请人无正当理``) over rows without
    labels, and 总计's label shares a cell with the next heading. The rows without
    labels under the merged cell may be any of its rows: their figures are not given by
    order. 总计 and 结转, named in one cell, have no figure read as a blank row."""
    layout = Layout()
    table = layout.new_table()
    blank = [""] * 7
    rows = [("4.无正当理由大量反复申请.要求行政机关确认或重新出具已获取信息.申请人无正当理", blank), ("", blank),
            ("", ["1", "", "", "", "", "", "1"]), ("", blank), ("", blank),
            ("(七)总计 四、结转下年度继续办理", ["4", "", "", "", "", "", "4"]), ("", blank), ("3.其他", blank)]
    for r, (label, values) in enumerate(rows):
        cells = [Cell(label, 3, table, r, 0, confidence=0.39)] if label else []
        layout.add_row(cells + [Cell(v, 3, table, r, c, confidence=None if v == "" else 0.99)
                                for c, v in enumerate(values, 1)])
    placement = grid_rows.place(layout, "2021")
    assert {(table, r) for r in (0, 1, 2, 3, 4, 5, 6)} <= placement.two_labels
    assert (table, 7) not in placement.two_labels  # a row with a label of its own
    assert {"t3.ignored_massive", "t3.ignored_confirm", "t3.results_total", "t3.carried_forward"} \
        <= placement.named_together
    # the labels read 总计 as a row printed blank (no cell of its own): a guess, dropped
    figures = {"t3.results_total.natural": 0, "t3.other_other.natural": 1}
    cells = {"t3.results_total.natural": {"table": None, "row": None, "printed_as": "blank"},
             "t3.other_other.natural": {"table": table, "row": 2, "col": 1, "printed_as": "number"}}
    grid_rows.apply(placement, figures, cells)
    assert figures == {}


def test_table_4_figures_are_never_completed_from_another_line():
    """Table 4 of an independent 200-dpi scan, as OCR gave it: the grid lost a column line
    in the header and value rows (14 cells, ``20`` two figures run together) and a stray
    ``1`` was read two rows below. Read by the labels in order, 14 + 1 made fifteen
    figures, most in the wrong column at confidence 0.999; table 4's figures from two
    rows are none."""
    rows = [
        [(0, "行政复议", 0.959), (5, "行政诉讼", 0.939), (11, "", None)],
        [(10, "是葬", 0.0)],
        [(5, "未经复议直接起诉结果结果其他尚未总计维持纠正结果审结", 0.54), (10, "", None), (11, "复议后起诉", 0.93)],
        [(12, UNREAD_CELL, 0.0)],
        [(0, "结果维持", 0.967), (1, "结果纠正", 0.967), (2, "其他”尚未结果“审结", 0.531), (3, "总计", 0.931),
         (5, "结果维持", 0.963), (6, "结果纠正", 0.965), (8, "尚未审结", 0.961), (9, UNREAD_CELL, 0.0),
         (10, "结果维持", 0.961), (11, "结果纠正", 0.965), (12, "其他结果", 0.967), (13, "尚未审结", 0.964),
         (14, UNREAD_CELL, 0.0)],
        [(c, v, 0.999) for c, v in enumerate(["8", "0", "20", "10", None, "1", "0", "0", "0", "1", "0", "0", "0",
                                              "0", "0"]) if v is not None],
        [(0, "五、存在的主要问题及也", 0.482), (4, UNREAD_CELL, 0.0), (5, "上情况", 0.627), (11, "", None)],
        [(4, "1", 0.433)],
    ]
    layout = Layout()
    layout.lines += ["某县人民政府2023年政府信息公开工作年度报告", "四、政府信息公开行政复议、行政诉讼情况"]
    table = layout.new_table()
    for r, cells in enumerate(rows):
        layout.add_row([Cell(text, 3, table, r if r < 4 else r + 1, c, confidence=conf) for c, text, conf in cells])
    layout.lines.append("六、其他需要报告的事项")
    layout.ocr_cells.append(OCR_READ)
    record = map_layout(layout)
    assert not any(key.startswith("t4.") for key in record["figures"]), record["figures"]


@pytest.mark.parametrize("generation", ["2021", "2019"])
def test_rows_of_table_2_in_a_grid_of_seven_columns_never_complete_table_3(generation):
    """Table 2 on a scan whose stray lines gave its grid ten columns: its rows
    (``规章 | 0 | | | 0 | …``) have seven cells at the right, as table 3's rows do. With
    table 3's own rows after them, their count made exactly the template's rows and table
    2's figures were placed as 本年新收 and 上年结转 (5 and 78 where 0 is printed).
    Rows named as table 2's disagree with every place in table 3."""
    order = schema.T3_ROW_ORDER["2021"] if generation == "2021" else schema.T3_ROW_ORDER_2021_SINGLE_OTHER
    t2_rows = [("规章", ["0", "", "", "0", "", "", "0"]), ("规范性文件", ["5", "", "", "5", "", "", "78"])]
    layout = Layout()
    layout.lines += ["某县民政局2023年政府信息公开工作年度报告", "二、主动公开政府信息情况"]
    table = layout.new_table()
    for r, (label, values) in enumerate(t2_rows):
        cells = [Cell(label, 2, table, r, 0, confidence=0.9)] + [Cell("", 2, table, r, c, confidence=None)
                                                                 for c in (1, 2)]
        cells += [Cell(v, 2, table, r, c, confidence=None if v == "" else 0.99) for c, v in enumerate(values, 3)]
        layout.add_row(cells)
    layout.lines.append("三、收到和处理政府信息公开申请情况")
    rest = order[len(t2_rows):]
    add_t3(layout, [(T3_LABELS.get(k, ""), row_values(i + len(t2_rows))) for i, k in enumerate(rest)], page=3)
    layout.ocr_cells.append(OCR_READ)
    placement = grid_rows.place(layout, generation)
    assert not any(k.startswith(("t3.new.", "t3.carried_over.")) for k in placement.figures)
    assert all(placed[0] != table for placed in placement.rows.values())


def test_a_cell_naming_two_rows_of_table_2_in_a_grid_of_many_columns_gives_neither_its_figures():
    """Table 2 on a 200-dpi scan: stray lines gave its grid ten columns, and one label
    cell read ``规章 0 行政规范性文件 2 第二十条第《五)项`` over two rows of figures. By
    their labels alone, 行政规范性文件 took the row of 规章's zeros (0 where 12, 2 and 155
    are printed, at 0.998). A cell naming several rows leaves out the rows it names, in
    a grid of any width."""
    layout = Layout()
    layout.lines += ["某县民政局2023年政府信息公开工作年度报告", "二、主动公开政府信息情况"]
    table = layout.new_table()

    def row(r, cells):
        layout.add_row([Cell(text, 2, table, r, col, (40.0 * col, 20.0 * r, 40.0 * col + 40, 20.0 * r + 20),
                             0.99 if text else None) for col, text in cells])

    row(0, [(0, "第二十条第(一)项信息内容本年制发件数本年废止件数现行有效件数")])
    row(1, [(2, "本年制发件数"), (5, "本年废止件数"), (9, "现行有效件数")])
    row(2, [(0, "规章 0 行政规范性文件 2 第二十条第《五)项"), (2, "0"), (5, "0"), (9, "0")])
    row(3, [(2, "12"), (5, "2"), (9, UNREAD_CELL)])
    layout.lines.append("三、收到和处理政府信息公开申请情况")
    layout.ocr_cells.append(OCR_READ)
    result = map_layout(layout)
    for key in ("t2.normative.issued", "t2.normative.repealed", "t2.normative.in_force"):
        assert result["figures"].get(key) in (None, {"issued": 12, "repealed": 2, "in_force": 155}[key.rsplit(".", 1)[1]])


@pytest.mark.parametrize("mark", ["—", "/"])
def test_lines_of_a_wrapped_label_are_no_rows_in_a_table_printing_its_zeros_as_marks(mark):
    """A grid rebuilt from the text's lines makes each line of a label printed over three
    lines a row of its own, its cells empty. In a table printing every 0 as a mark such
    an empty row is no row of blank cells: taken for one, it would push every row below
    it one template row down, and the labels would refuse the whole run."""
    labels = dict.fromkeys(T3_LABELS, "噪声乱码")
    for key in ("new", "granted", "denied_third_party", "ignored_repeat", "other_other", "carried_forward"):
        labels[key] = T3_LABELS[key]
    rows = []
    for i, key in enumerate(ORDER):
        values = [v if v != "0" else mark for v in row_values(i)]
        if key == "other_no_correction":
            rows += [("1.申请人无正当理由逾期不补", [""] * 7), ("正、行政机关不再处理其政府", values),
                     ("信息公开申请", [""] * 7)]
        else:
            rows.append((labels[key], values))
    layout = Layout()
    layout.lines += ["某县民政局2023年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"]
    add_t3(layout, rows)
    layout.ocr_cells.append(OCR_READ)
    placement = grid_rows.place(layout, "2021")
    assert not placement.refused
    for i, key in enumerate(ORDER):
        assert placement.figures[f"t3.{key}.total"] == i + 1, key


def test_an_empty_row_in_a_table_printing_blank_cells_is_a_row_of_zeros():
    rows = [(T3_LABELS[key], row_values(i) if key != "partial" else [""] * 7) for i, key in enumerate(ORDER)]
    layout = Layout()
    layout.lines += ["某县民政局2023年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"]
    add_t3(layout, rows)
    layout.ocr_cells.append(OCR_READ)
    placement = grid_rows.place(layout, "2021")
    assert placement.figures["t3.partial.total"] == 0 and placement.figures["t3.denied_state_secret.total"] == 5


@pytest.mark.parametrize("run, marks", [("0000", ["0"] * 4), ("0 0 0 0", ["0"] * 4), ("无无无无", ["无"] * 4),
                                        ("000", None)])
def test_zeros_run_together_over_merged_value_columns_are_each_columns_zero(run, marks):
    """A row whose column lines the scan lost between four value cells reads ``0000`` in
    one cell over the four: each is 0, as printed. A run of another length than the
    columns it spans cuts into no columns: no 0 is made up for them."""
    layout = Layout()
    layout.lines += ["某县民政局2023年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"]
    table = layout.new_table()
    layout.add_row([Cell("申请人情况", 2, table, 0, 0, confidence=0.9)])
    for r, key in enumerate(ORDER, start=1):
        i = r - 1
        cells = [Cell(T3_LABELS[key], 2, table, r, 0, box=(0, 20 * r, 100, 20 * r + 20), confidence=0.9)]
        values = row_values(i)
        if key == "denied_law":
            cells += [Cell(values[0], 2, table, r, 1, box=(100, 20 * r, 130, 20 * r + 20), confidence=0.99),
                      Cell("0", 2, table, r, 2, box=(130, 20 * r, 160, 20 * r + 20), confidence=0.99),
                      Cell(run, 2, table, r, 3, box=(160, 20 * r, 280, 20 * r + 20), confidence=0.9),
                      Cell(values[6], 2, table, r, 7, box=(280, 20 * r, 310, 20 * r + 20), confidence=0.99)]
        else:
            cells += [Cell(v, 2, table, r, c, box=(70 + 30 * c, 20 * r, 100 + 30 * c, 20 * r + 20), confidence=0.99)
                      for c, v in enumerate(values, 1)]
        layout.add_row(cells)
    layout.ocr_cells.append(OCR_READ)
    placement = grid_rows.place(layout, "2021")
    got = [placement.figures.get(f"t3.denied_law.{c}") for c in schema.T3_COLUMN_KEYS]
    if marks is None:
        assert got[2:6] == [None] * 4
    else:
        assert got == [6, 0, 0, 0, 0, 0, 6]
        assert [printed_as(placement.figures[f"t3.denied_law.{c}"]) for c in schema.T3_COLUMN_KEYS[2:6]] == \
            ["number" if m == "0" else m for m in marks]


@pytest.mark.parametrize("row", ["政府集中采购 |  | 2 | 71] | 881841.10元", "政府集中采购 | 1) | 2 | 881841.10"])
def test_an_ocr_row_with_a_garbled_figure_cell_is_left_out(row):
    """An OCR'd row whose cells hold digits with stray marks (``71]``: the first digits
    of 71,881,841.10 cut off by a false column line) beside numbers: which cells hold
    which figures is not sure, so none is read (it gave 2 for 12 and 881841.1)."""
    layout = Layout()
    layout.lines += ["某县民政局2019年政府信息公开工作年度报告", "二、主动公开政府信息情况",
                     "第二十条第（九）项", "信息内容 | 采购项目数量 | 采购总金额", row,
                     "三、收到和处理政府信息公开申请情况"]
    layout.ocr_cells.append(OCR_READ)
    record = map_layout(layout)
    assert not [k for k in record["figures"] if k.startswith("t2.procurement")]
    assert any(w["code"] == "row_shape_unclear" for w in record["warnings"])


def test_a_row_with_an_unread_cell_is_never_completed_from_the_next_rows_line():
    """A 150-dpi scan of table 2's (六) sub-table: the grid lost a column line, so
    行政处罚's ``3 | 0`` became one unread cell before its 32, and 行政强制's label and
    last cell were lost (`` | 10 | -3``). The unread cell dropped, 32, 10 and -3 made the
    penalty row's three figures (two wrong values, one of them a negative)."""
    layout = Layout()
    layout.lines += ["某县民政局2019年政府信息公开工作年度报告", "二、主动公开政府信息情况"]
    table = layout.new_table()
    rows = [[("第二十条第（六）项", 0)], [("信息内容", 0), ("上一年项目数量，本年增/减", 1), ("处理决定数量", 2)],
            [("行政处罚", 0), (UNREAD_CELL, 1), ("32", 2)]]
    for r, cells in enumerate(rows):
        layout.add_row([Cell(t, 1, table, r, c, confidence=0.0 if t == UNREAD_CELL else 0.95) for t, c in cells])
    other = layout.new_table()
    layout.add_row([Cell("", 1, other, 0, 0), Cell("10", 1, other, 0, 1, confidence=0.99),
                    Cell("-3", 1, other, 0, 2, confidence=0.43)])
    layout.lines.append("第二十条第（八）项")
    layout.ocr_cells.append(OCR_READ)
    figures = map_layout(layout)["figures"]
    assert not any(figures.get(f"t2.penalty.{c}") not in (None, v)
                   for c, v in (("prev_items", 3), ("change", 0), ("decisions", 32)))


def test_a_table_3_row_with_an_unread_cell_takes_no_figures_from_the_line_after_it():
    from extract import gen2021
    from extract.mapping import TableResult, _read_segment, _specs_t3

    specs = [spec for spec in _specs_t3(gen2021, False) if spec.key == "t3.granted"]
    segment = f" | {UNREAD_CELL} | 3 | 0 | 0\n | 1 | 0 | 0 | 4\n"
    result = TableResult(ocr=True)
    _read_segment(segment, specs, False, False, result)
    assert not result.figures
    assert any(w["code"] == "row_shape_unclear" for w in result.warnings)


def test_ocr_digits_run_together_in_one_cell_are_never_cut_into_several():
    """A DOCX picture at 150 dpi: the fees row's cell read ``18 -第二十条第(九)项…`` (its
    -2 lost, the next sub-table's heading merged into it). ``18`` cut into the row's two
    cells gave 1 and 8, two wrong values."""
    from extract.mapping import TableResult, _read_segment, _specs_t2
    from extract import gen2019

    specs = [spec for spec in _specs_t2(gen2019) if spec.key == "t2.fees"]
    segment = " | 18 -第二十条第(九)项采购项目数量采购总金额\n"
    result = TableResult(ocr=True)
    _read_segment(segment, specs, False, False, result)
    assert not result.figures
    text_result = TableResult(ocr=False)  # a text layer's flattened digits are still split
    _read_segment(" 18", specs, False, False, text_result)
    assert text_result.figures or text_result.ambiguous


def _boxed_t3(split: dict[int, str] | None, stray_gap: float = 0.0) -> Layout:
    """Table 3 with cell boxes (24 pt rows, 32 pt columns after a 200 pt label column);
    ``split``: for row ``new``, the columns whose cells a stray ruling cut 6 pt below the
    row's top, their figures in a grid row of their own below."""
    layout = Layout()
    layout.lines += ["某市人民政府2019年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"]
    table = layout.new_table()
    layout.add_row([Cell("申请人情况", 3, table, 0, 0, box=(88, 300, 300, 320), confidence=0.9)])
    layout.add_row([Cell("自然人", 3, table, 1, 1, box=(300, 320, 332, 340), confidence=0.9),
                    Cell("总计", 3, table, 1, 7, box=(492, 320, 524, 340), confidence=0.9)])
    values = {"new": ["460", "24", "4", "1", "23", "12", "524"]}
    row, top = 2, 340.0
    for i, key in enumerate(ORDER):
        cells_values = values.get(key, row_values(i))
        cells = [Cell(T3_LABELS[key], 3, table, row, 0, box=(88, top, 300, top + 24), confidence=0.9)]
        below = []
        for c, v in enumerate(cells_values, 1):
            box = (300 + 32 * (c - 1), top, 332 + 32 * (c - 1), top + 24)
            if key == "new" and split and c in split:
                cells.append(Cell("", 3, table, row, c, box=(box[0], top, box[2], top + 6)))
                below.append(Cell(v, 3, table, row + 1, c, box=(box[0], top + 6 + stray_gap, box[2], top + 24),
                                  confidence=0.99))
            else:
                cells.append(Cell(v, 3, table, row, c, box=box, confidence=0.99))
        layout.add_row(cells)
        row += 1
        if below:
            layout.add_row(below)
            row += 1
        top += 24
    layout.ocr_cells.append(OCR_READ)
    return layout


@pytest.mark.parametrize("split", [{1: "", 2: "", 6: ""}, {1: ""}, {2: "", 3: "", 4: "", 5: ""}])
def test_a_row_a_stray_ruling_split_in_some_columns_is_one_row(split):
    """A stray ruling 6 pt under a row's top in three of its columns only: the grid gave
    the row empty slivers there and a row of their figures below it. Read as blanks,
    460, 24 and 12 were published as 0 — wrong values; the lower cells are the row's."""
    record = map_layout(_boxed_t3(split))
    f = record["figures"]
    assert [f.get(f"t3.new.{c}") for c in schema.T3_COLUMN_KEYS] == [460, 24, 4, 1, 23, 12, 524]
    assert f.get("t3.carried_over.total") == 2 and f.get("t3.carried_forward.natural") == 25


def test_a_row_below_that_does_not_start_where_the_slivers_end_is_not_joined():
    """The lower cells start a line further down than the slivers end: two rows, not one
    row split; nothing is read into the slivers (no 0 where a figure may stand)."""
    f = map_layout(_boxed_t3({1: "", 2: "", 6: ""}, stray_gap=8.0))["figures"]
    assert f.get("t3.new.natural") in (None, 460) and f.get("t3.new.other") in (None, 12)
