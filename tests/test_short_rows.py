"""Table-3 rows that print fewer cells than the template has columns (the legal-person
cells deleted from the table, the issue's kind 7).

Only the total (the last printed cell) has a certain column. The one cell a two-cell row
prints before it is placed under 自然人 only when the table confirms it: with every such
cell under 自然人, that column satisfies 新收 + 上年结转 = 总计 + 结转下年度 and the result
rows sum to 总计, each rule complete; or every such cell equals its total and the
legal-person columns' sums leave those rows nothing there. Otherwise it is left out,
never assigned by position: a table printing no legal-person cell at all says nothing of
where its rows' first cells stood. The tables here are printed in the shapes text exports and office
documents give (bars, one cell per line, runs of spaces, tabs), with the values as the
tests' truth.
"""
from __future__ import annotations

import pytest

from extract.mapping import map_layout
from extract.text import read_text

#: 2021 table 3: (row key, printed label)
ROWS = [
    ("new", "一、本年新收政府信息公开申请数量"),
    ("carried_over", "二、上年结转政府信息公开申请数量"),
    ("granted", "三、本年度办理结果 （一）予以公开"),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied_state_secret", "（三）不予公开 1.属于国家秘密"),
    ("denied_law", "2.其他法律行政法规禁止公开"),
    ("denied_three_safety", "3.危及“三安全一稳定”"),
    ("denied_third_party", "4.保护第三方合法权益"),
    ("denied_internal", "5.属于三类内部事务信息"),
    ("denied_process", "6.属于四类过程性信息"),
    ("denied_enforcement", "7.属于行政执法案卷"),
    ("denied_query", "8.属于行政查询事项"),
    ("unable_not_held", "（四）无法提供 1.本机关不掌握相关政府信息"),
    ("unable_create", "2.没有现成信息需要另行制作"),
    ("unable_unclear", "3.补正后申请内容仍不明确"),
    ("ignored_petition", "（五）不予处理 1.信访举报投诉类申请"),
    ("ignored_repeat", "2.重复申请"),
    ("ignored_publication", "3.要求提供公开出版物"),
    ("ignored_massive", "4.无正当理由大量反复申请"),
    ("ignored_confirm", "5.要求行政机关确认或重新出具已获取信息"),
    ("other_no_correction", "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_other", "3.其他"),
    ("results_total", "（七）总计"),
    ("carried_forward", "四、结转下年度继续办理"),
]
RESULT_ROWS = [key for key, _ in ROWS[2:-2]]


def natural_column(new: int, over: int, results: dict[str, int]) -> dict[str, int]:
    """A balanced 自然人 column: ``results`` gives the non-zero result rows."""
    column = {key: 0 for key, _ in ROWS}
    column.update(new=new, carried_over=over, **results)
    column["results_total"] = sum(column[r] for r in RESULT_ROWS)
    column["carried_forward"] = new + over - column["results_total"]
    assert column["carried_forward"] >= 0
    return column


def render(rows: dict[str, list], style: str) -> str:
    """Table 3 with each row's printed cells (strings), in a text export's style."""
    lines = ["某县某某街道办事处2023年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况",
             "申请人情况", "自然人 | 法人或其他组织 | 总计", "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他"]
    for key, label in ROWS:
        cells = rows[key]
        if style == "bars":
            lines.append(" | ".join([label] + cells) + " |")
        elif style == "spaces":
            lines.append("  ".join([label] + [c or " " for c in cells]))
        elif style == "cell_lines":
            lines += [f"{label} |"] + [f"{c} |" for c in cells]
        elif style == "tab_lines":
            lines += [f"\t{label}"] + [f"\t{c}" for c in cells] + [""]
    lines += ["四、政府信息公开行政复议、行政诉讼情况", "0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0",
              "五、存在的主要问题及改进情况", "无。"]
    return "\n".join(lines) + "\n"


def two_cell_rows(column: dict[str, int], full: dict[str, list[int]] | None = None) -> dict[str, list]:
    """Every row printed as 自然人 | 总计 (legal-person cells 0), except ``full`` rows."""
    rows = {key: [str(value), str(value)] for key, value in column.items()}
    for key, cells in (full or {}).items():
        rows[key] = [str(c) for c in cells]
    return rows


def figures(text: str) -> dict:
    record = map_layout(read_text(text.encode("utf-8")))
    return record


STYLES = ["bars", "spaces", "cell_lines", "tab_lines"]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("new, over, results", [
    (1, 0, {"granted": 1}),
    (12, 3, {"granted": 7, "partial": 2, "denied_third_party": 1, "unable_not_held": 3}),
    (40, 0, {"granted": 20, "ignored_petition": 9, "other_other": 4, "denied_process": 6}),
])
def test_two_cell_rows_are_placed_under_natural_when_the_column_balances(style, new, over, results):
    column = natural_column(new, over, results)
    record = figures(render(two_cell_rows(column), style))
    f = record["figures"]
    for key, value in column.items():
        assert f.get(f"t3.{key}.natural") == value, key
        assert f.get(f"t3.{key}.total") == value, key
        assert f"t3.{key}.commercial" not in f
    assert record["findings"] == []
    codes = {w["code"] for w in record["warnings"]}
    assert "short_row_placed" in codes and "short_row" not in codes


@pytest.mark.parametrize("style", STYLES)
def test_a_column_that_does_not_balance_places_nothing(style):
    """A printed slip in the 自然人 column (carried forward one too many): no cell before a
    total is placed, every total is kept."""
    column = natural_column(10, 2, {"granted": 6, "partial": 3})
    column["carried_forward"] += 1
    record = figures(render(two_cell_rows(column), style))
    f = record["figures"]
    assert not [k for k in f if k.startswith("t3.") and k.endswith(".natural")]
    assert all(f[f"t3.{key}.total"] == value for key, value in column.items())
    assert "short_row_placed" not in {w["code"] for w in record["warnings"]}


@pytest.mark.parametrize("style", STYLES)
def test_a_two_cell_row_whose_first_cell_is_below_its_total_places_nothing(style):
    """``予以公开 | 4 | 6``: the row has 2 more in cells it does not print, so the table's
    other columns were not empty; no first cell is placed (the natural column's sums fail
    from a slip), every total is kept."""
    column = natural_column(10, 2, {"granted": 6, "partial": 3})
    column["carried_forward"] += 1
    rows = two_cell_rows(column)
    rows["granted"] = ["4", "6"]
    record = figures(render(rows, style))
    f = record["figures"]
    assert not [k for k in f if k.startswith("t3.") and k.endswith(".natural")]
    assert all(f[f"t3.{key}.total"] == value for key, value in column.items())


def _mixed_rows(slip: bool) -> tuple[dict, dict]:
    """A table whose rows with legal-person applicants print all seven cells and whose
    other rows print 自然人 | 总计 alone; ``slip``: 总计's 自然人 printed one too many."""
    column = natural_column(20, 0, {"granted": 9, "partial": 2, "denied_law": 3, "unable_not_held": 4,
                                    "other_other": 1})
    full = {"new": [20, 2, 0, 0, 1, 0, 23],
            "granted": [9, 2, 0, 0, 0, 0, 11],
            "unable_not_held": [4, 0, 0, 0, 1, 0, 5],
            "results_total": [column["results_total"] + slip, 2, 0, 0, 1, 0, column["results_total"] + 3]}
    return column, two_cell_rows(column, full=full)


@pytest.mark.parametrize("style", ["bars", "spaces", "cell_lines"])
@pytest.mark.parametrize("slip", [False, True])
def test_two_cell_rows_beside_full_rows_are_placed_when_the_legal_person_columns_sum(style, slip):
    """The legal-person columns sum without the two-cell rows (result rows to 总计, 新收 +
    上年结转 = 总计 + 结转下年度), so those rows hold 0 there and their first cell, equal to
    the total, is 自然人 — also when the 自然人 column has a slip of its own."""
    column, rows = _mixed_rows(slip)
    record = figures(render(rows, style))
    f = record["figures"]
    for key in ("carried_over", "partial", "denied_law", "other_other", "carried_forward", "ignored_repeat"):
        assert f[f"t3.{key}.natural"] == column[key] and f[f"t3.{key}.total"] == column[key], key
        assert f"t3.{key}.commercial" not in f
    assert f["t3.granted.commercial"] == 2 and f["t3.unable_not_held.legal"] == 1
    assert any(x["rule"] == "t3.results_sum" for x in record["findings"]) == slip


@pytest.mark.parametrize("style", ["bars", "spaces"])
def test_two_cell_rows_are_not_placed_when_a_legal_person_column_needs_them(style):
    """商业企业 prints 2 in 新收 and 总计 but only 1 across the full result rows: a two-cell
    result row holds the other 1, so which cell is which is unknown; totals only."""
    column, rows = _mixed_rows(False)
    rows["granted"] = ["9", "1", "0", "0", "0", "0", "10"]
    rows["partial"] = ["3", "3"]
    record = figures(render(rows, style))
    f = record["figures"]
    assert f["t3.partial.total"] == 3 and "t3.partial.natural" not in f
    assert "t3.denied_law.natural" not in f


@pytest.mark.parametrize("style", ["bars", "spaces"])
def test_carried_rows_on_both_sides_of_the_balance_are_not_placed(style):
    """上年结转 and 结转下年度 both print two cells above 0: their legal-person cells could
    hold any equal amount, so the balance proves nothing; the result rows still place."""
    column, rows = _mixed_rows(False)
    column = dict(column, carried_over=3, carried_forward=3)
    rows["carried_over"] = ["3", "3"]
    rows["carried_forward"] = ["3", "3"]
    rows["new"] = ["17", "2", "0", "0", "1", "0", "20"]
    f = figures(render(rows, style))["figures"]
    assert f["t3.carried_over.total"] == 3 and "t3.carried_over.natural" not in f
    assert "t3.carried_forward.natural" not in f


@pytest.mark.parametrize("style", ["bars", "spaces"])
def test_a_cell_standing_in_another_column_is_not_placed_under_natural(style):
    """Row 予以公开 prints 商业企业 and 总计 only (3, 3); the 自然人 column balances without
    it, so placing 3 under 自然人 would break it: the row keeps its total only."""
    column = natural_column(5, 0, {"partial": 5})
    rows = two_cell_rows(column, full={"new": [5, 3, 0, 0, 0, 0, 8],
                                        "results_total": [5, 3, 0, 0, 0, 0, 8]})
    rows["granted"] = ["3", "3"]
    record = figures(render(rows, style))
    f = record["figures"]
    assert f["t3.granted.total"] == 3
    assert "t3.granted.natural" not in f
    assert not [k for k in f if k.startswith("t3.") and k.endswith(".natural") and k not in
                ("t3.new.natural", "t3.results_total.natural")]


@pytest.mark.parametrize("style", STYLES)
def test_a_table_without_its_totals_places_nothing(style):
    """Without 总计 and 结转下年度 no rule on the 自然人 column is complete: totals only."""
    column = natural_column(4, 0, {"granted": 4})
    text = render(two_cell_rows(column), style)
    text = text.replace("（七）总计", "（七）").replace("四、结转下年度继续办理", "四、")
    f = figures(text)["figures"]
    assert f["t3.new.total"] == 4 and "t3.new.natural" not in f
    assert "t3.granted.natural" not in f


@pytest.mark.parametrize("style, blank", [("bars", ""), ("bars", "—"), ("bars", "/"), ("spaces", "/"),
                                          ("cell_lines", ""), ("tab_lines", ""), ("tab_lines", "—")])
def test_two_cell_rows_printed_blank_are_zero(style, blank):
    """A row printed ``|  |  |`` or ``/  /`` is a row of zeros (blank is 0 in a printed table);
    its 自然人 is placed with the others when the column balances."""
    column = natural_column(3, 0, {"granted": 2, "unable_create": 1})
    rows = two_cell_rows(column)
    for key, value in column.items():
        if value == 0:
            rows[key] = [blank, blank]
    f = figures(render(rows, style))["figures"]
    for key, value in column.items():
        assert f.get(f"t3.{key}.total") == value, key
        assert f.get(f"t3.{key}.natural") == value, key


def test_a_blank_two_cell_row_reads_as_printed_blank():
    column = natural_column(2, 0, {"granted": 2})
    rows = two_cell_rows(column)
    rows["partial"] = ["—", "—"]
    record = figures(render(rows, "bars"))
    assert record["figures"]["t3.partial.total"] == 0
    assert record["cells"]["t3.partial.total"]["printed_as"] == "dash"


def test_a_row_of_one_zero_before_an_empty_total_is_zero():
    """``4.无正当理由大量反复申请 | 0 |`` (an empty total after the cell, or a lone total):
    either way every cell of the row is 0."""
    column = natural_column(6, 1, {"granted": 7})
    rows = two_cell_rows(column)
    rows["ignored_massive"] = ["0", ""]
    f = figures(render(rows, "bars"))["figures"]
    assert f["t3.ignored_massive.total"] == 0 and f["t3.ignored_massive.natural"] == 0
    assert f["t3.granted.natural"] == 7


def test_one_line_of_two_space_aligned_numbers_keeps_its_total():
    """``本机关不掌握相关政府信息  1  1`` on the table's last lines: two cells set apart by
    runs of spaces are cells, not digits run together."""
    column = natural_column(1, 0, {"unable_not_held": 1})
    text = render(two_cell_rows(column), "spaces")
    f = figures(text)["figures"]
    assert f["t3.unable_not_held.total"] == 1 and f["t3.unable_not_held.natural"] == 1


@pytest.mark.parametrize("style", ["bars", "cell_lines"])
def test_a_placed_cell_is_traced_to_the_cell_it_was_printed_in(style):
    column = natural_column(12, 3, {"granted": 7, "partial": 2, "denied_third_party": 1, "unable_not_held": 3})
    cells = figures(render(two_cell_rows(column), style))["cells"]
    natural, total = cells["t3.granted.natural"], cells["t3.granted.total"]
    # the first printed cell, then the total after it (same line, or the next cell line)
    assert (natural["row"], natural["col"]) < (total["row"], total["col"])
    assert natural["col"] is not None and natural["printed_as"] == "number"


# --- a blank last cell in one-cell-per-line text -----------------------------------------

def _cell_line_table(rows: dict[str, list[str]], gap: int, group_lines: bool) -> str:
    """Table 3 one cell per line, ``gap`` empty lines after each row's cells; a blank cell
    prints as an empty line. ``group_lines``: group labels (（三）不予公开) on lines of their own."""
    lines = ["某县教育局2020年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况",
             "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    for key, label in ROWS:
        if group_lines and "） " in label and label.startswith("（"):
            group, label = label.split(" ", 1)
            lines.append(group)
        lines.append(label.split(" ")[-1])
        lines += rows[key] + [""] * gap
    lines += ["四、政府信息公开行政复议、行政诉讼情况"] + ["0"] * 15 + ["五、存在的主要问题及改进情况", "无。"]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("gap", [0, 1])
@pytest.mark.parametrize("group_lines", [False, True])
def test_an_empty_line_more_than_the_tables_spacing_is_a_blank_last_cell(gap, group_lines):
    """Result rows printing their 总计 blank: six figures, then one empty line more than
    whole rows leave. The blank is the total (0), so the row-sum finding stands."""
    column = natural_column(9, 0, {"granted": 5, "partial": 4})
    rows = {key: [str(v), "0", "0", "0", "1" if key == "granted" else "0", "0", str(v + (key == "granted"))]
            for key, v in column.items()}
    rows["new"][-1] = "10"
    rows["new"][4] = "1"
    rows["results_total"] = ["9", "0", "0", "0", "1", "0", "10"]
    rows["carried_forward"] = ["0"] * 7
    for key in ("partial", "denied_law"):
        rows[key] = rows[key][:6] + [""]  # total printed blank
    record = figures(_cell_line_table(rows, gap, group_lines))
    f = record["figures"]
    assert [f.get(f"t3.partial.{c}") for c in ("natural", "legal", "other", "total")] == [4, 0, 0, 0]
    assert f["t3.granted.total"] == 6 and f["t3.denied_law.total"] == 0
    assert record["cells"]["t3.partial.total"]["printed_as"] == "blank"
    assert any(x["rule"] == "t3.row_sum" and "partial" in x["detail"] for x in record["findings"])


@pytest.mark.parametrize("mark", ["/", "—", "无"])
@pytest.mark.parametrize("gap", [0, 1])
def test_whole_rows_printing_blanks_as_marks_give_the_tables_spacing(mark, gap):
    """Zeros printed as ``/`` in every whole row (``279`` / ``/`` / ``2`` …): those rows
    are whole rows all the same, so the table's spacing is known and a result row of six
    cells and one empty line more prints its total blank (133 of 198 cells were lost)."""
    column = natural_column(9, 0, {"granted": 5, "partial": 4})
    rows = {key: [str(v)] + [mark] * 5 + [str(v)] for key, v in column.items()}
    rows["carried_over"] = [mark] * 7
    rows["carried_forward"] = [mark] * 7
    for key in ("granted", "partial", "denied_law"):
        rows[key] = rows[key][:6] + [""]  # total printed blank
    f = figures(_cell_line_table(rows, gap, False))["figures"]
    assert [f.get(f"t3.granted.{c}") for c in ("natural", "commercial", "total")] == [5, 0, 0]
    assert [f.get(f"t3.partial.{c}") for c in ("natural", "other", "total")] == [4, 0, 0]
    assert f["t3.new.total"] == 9 and f["t3.denied_law.total"] == 0


def test_without_the_tables_spacing_an_empty_line_is_no_cell():
    """Rows whose spacing disagrees (one whole row followed by an empty line, another not):
    an empty line after six figures decides nothing; no total is taken from them."""
    column = natural_column(4, 0, {"granted": 4})
    rows = {key: [str(v), "0", "0", "0", "0", "0", str(v)] for key, v in column.items()}
    rows["partial"] = ["0", "0", "0", "0", "0", "3", ""]
    text = _cell_line_table(rows, 0, False).replace("\n二、", "\n\n二、", 1)
    f = figures(text)["figures"]
    assert "t3.partial.total" not in f and "t3.partial.other" not in f


@pytest.mark.parametrize("cells, total", [
    (["0", "0", "0", "0", "0", "3"], None),   # six figures, the last no sum: a blank total, 3 under 其他
    (["2", "0", "0", "1", "0", "3"], 3),      # six figures summing to the last
    (["1", "0", "2", "3"], 3),
    (["1", "0", "2", "4"], None),
    (["2", "5"], 5),                          # two cells: 自然人 and 总计, legal-person cells deleted
])
@pytest.mark.parametrize("closing", ["", " |"])
def test_a_short_rows_last_figure_is_its_total_only_if_the_row_adds_up(cells, total, closing):
    """In a table whose whole rows close with a bar, ``… | 3 |`` ends the row: the empty
    text after the bar is no blank cell."""
    text = ("某局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            f"一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3{closing}\n"
            f"二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0{closing}\n"
            + " | ".join(["4.保护第三方合法权益"] + cells) + f"{closing}\n")
    f = figures(text)["figures"]
    assert f.get("t3.denied_third_party.total") == total
    assert "t3.denied_third_party.other" not in f


def test_a_padded_bar_row_whose_words_and_bars_count_as_many_as_its_cells():
    """``| 二、上年结转…数量 | — | — | |||||||``: split at spaces, the label's rest, the bars
    and dashes make seven pieces, as many as the row has cells; they are no cells."""
    lines = ["| 长安区司法局2020年度政府信息公开工作年度报告 |", "三、收到和处理政府信息公开申请情况"]
    for key, label in ROWS:
        cells = "| 3 | 3 |" if key in ("new", "granted", "results_total") else "| — | — |"
        lines.append(f"| {label} {cells} |||||||")
    record = figures("\n".join(lines) + "\n")
    f = record["figures"]
    assert f["t3.carried_over.total"] == 0 and f["t3.new.total"] == 3
    assert "t3.carried_over.commercial" not in f


def render_wrapped(rows: dict[str, list], wrapped: dict[str, str]) -> str:
    """Bars style, the labels of ``wrapped`` rows (key → the label's first line) wrapped:
    the row's cells on the label's first line, the rest of the label on the next line
    with blank cells (a PDF table row whose label cell wraps)."""
    out = []
    for line in render(rows, "bars").split("\n"):
        key = next((k for k, label in ROWS if line.startswith(label + " |")), None)
        if key in wrapped:
            label, cells = dict(ROWS)[key], line.split(" | ", 1)[1]
            first = wrapped[key]
            out += [first + " | " + cells, label[len(first):] + " | " + " | ".join([""] * len(rows[key])) + " |"]
        else:
            out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("wrapped", [
    {"ignored_confirm": "5.要求行政机关确认"},
    {"ignored_confirm": "5.要求行政机关"},
    {"denied_enforcement": "7.属于行政", "ignored_confirm": "5.要求行政机关确认"},
])
def test_a_wrapped_label_whose_figures_stand_on_its_first_line_keeps_them(wrapped):
    """``5.要求行政机关确认 | 2 | 2`` then ``或重新出具已获取信息 |  |  |``: the label is found
    by words on its second line, whose cells are blank. The row's figures are those on
    its first line, never the blanks (a total read as 0 is a wrong value), and the row
    above keeps only its own."""
    column = natural_column(12, 0, {"granted": 3, "denied_enforcement": 3, "ignored_massive": 1,
                                    "ignored_confirm": 2, "other_other": 3})
    found = figures(render_wrapped(two_cell_rows(column), wrapped))["figures"]
    for key in ("ignored_massive", "ignored_confirm", "denied_enforcement", "denied_process"):
        assert found[f"t3.{key}.total"] == column[key]
        assert found.get(f"t3.{key}.natural") in (column[key], None)


#: table 3 of an office-suite PDF as its reader lays it out: blank cells print nothing or
#: a dash, and the label 4、无正当理由大量反复申请 wraps inside its keyword, the rest of it
#: on a line of empty cells
WRAPPED_IN_KEYWORD = """三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况
自然人 | 法人或其他组织 | 总计
商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他
一、本年新收政府信息公开申请数量 | 10 | 0 | — | — | 1 | 1 | 12
二、上年结转政府信息公开申请数量 | 1 |  |  | 0 | — | 0 | 1
三、本年度办理结果 | (一)予以公开 | 4 | — | — |  | 1 | — | 5
(二)部分公开（区分处理的，只计这一情形，不计其他情形） | 2 | — | 0 | 0 | — |  | 2
(三)不予公开 | 1、属于国家秘密 | 0 | 0 | — | — | — | 0 | —
2、其他法律行政法规禁止公开 | 0 | 0 | — | 0 | — | 0 | —
3、危及“三安全一稳定” | — | — | 0 | 0 | — | 0 | —
4、保护第三方合法权益 |  |  |  |  |  | — | —
5、属于三类内部事务信息 | 0 |  |  | 0 | 0 | 1 | 1
6、属于四类过程性信息 | 0 | 0 |  | — | — |  | —
7、属于行政执法案卷 | 0 |  | 0 | 0 | — |  | 0
8、属于行政查询事项 |  | — |  | 0 | — | — | 
(四)无法提供 | 1、本机关不掌握相关政府信息 | 4 |  | — | — | 0 |  | 4
2、没有现成信息需要另行制作 |  | 0 | 0 | 0 | 0 | — | —
3、补正后申请内容仍不明确 | 0 |  | — |  | — | — | 0
(五)不予处理 | 1、信访举报投诉类申请 | 0 | — | — |  |  | 0 | 
2、重复申请 | 0 |  | 0 | — | 0 | — | 0
3、要求提供公开出版物 |  | 0 | 0 | 0 | 0 | — | 
4、无正当理由大量反 | 2 | 0 | 1 | — | 0 |  | 3
复申请 |  |  |  |  |  |  | 
5、要求行政机关确认或重新出具已获取信息 | 0 | — | 0 | — |  |  | —
(六)其他处理 | 1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | — |  |  | 0 | 0 | — | —
2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 |  | 0 | — | 0 | 0 | 0 | —
3、其他 | 1 | — | 0 | 0 | 0 | 0 | 1
(七)总计 | 11 | 0 | 0 |  | 1 | 1 | 13
四、结转下年度继续办理 |  | — | 0 | — | 0 | 0 | 0
"""


def test_the_rest_of_a_wrapped_label_with_empty_cells_is_no_row_of_its_own():
    """The label wrapped inside its keyword (``4、无正当理由大量反`` / ``复申请``) is not found,
    so its row takes the line of figures after the row above. The second line (no item
    number, nothing printed) is the label's rest, not a second line of figures for it."""
    text = "某街道办事处2024年政府信息公开工作年度报告\n" + WRAPPED_IN_KEYWORD + "四、政府信息公开行政复议、行政诉讼情况\n"
    found = figures(text)["figures"]
    columns = ("natural", "commercial", "research", "social", "legal", "other", "total")
    assert [found.get(f"t3.ignored_massive.{c}") for c in columns] == [2, 0, 1, 0, 0, 0, 3]


@pytest.mark.parametrize("pad", ["", " |", " ||"])
def test_a_row_of_zeros_missing_one_cell_is_all_zero_and_one_with_a_figure_is_not_guessed(pad):
    """``| （一）予以公开 | 0 | 0 | 0 | 0 | 0 | 0 |  |``: a blank 总计 after six zeros, or a
    row that left one cell out: either way every cell is 0 (the missing one is the sum of
    zeros or a part of it). ``| 0 | 1 | 0 | 0 | 0 | 0 |  |`` is not decided so: its blank
    total is 0 as printed (a breach the row-sum finding shows) where the row is read, and
    where padding follows it the row may be a short one, so nothing is guessed."""
    full = {key: ["0"] * 7 for key, _ in ROWS}
    full.update(new=["1", "1", "0", "0", "0", "0", "2"], granted=["0"] * 6 + [""],
                ignored_petition=["0", "1", "0", "0", "0", "0", ""], results_total=["1", "1", "0", "0", "0", "0", "2"])
    text = "\n".join(line + pad if line.endswith(" |  |") else line for line in render(full, "bars").split("\n"))
    found = figures(text)
    assert [found["figures"].get(f"t3.granted.{c}") for c in
            ("natural", "commercial", "research", "social", "legal", "other", "total")] == [0] * 7
    assert found["figures"].get("t3.ignored_petition.total") in (0, None)
    assert found["figures"].get("t3.ignored_petition.commercial") in (1, None)


@pytest.mark.parametrize("spacer", [0, 1, 2])
def test_a_row_printed_as_bars_alone_one_cell_per_line_is_zero(spacer):
    """One cell per line, each ending in a bar (``16 |``), blank cells a bar alone, a bar
    or two between rows. A row of bars alone up to the next label printed every cell
    blank: 0; the next row keeps its own figures."""
    lines = ["某县农业农村局2019年政府信息公开工作年度报告", "二、主动公开政府信息情况", "第二十条第(一)项 |", "|",
             "信息内容 |", "本年新制作数量 |", "本年新公开数量 |", "对外公开总数量 |", "|" * 1]
    lines += ["规章 |"] + ["|"] * (3 + spacer)
    lines += ["规范性文件 |", "16 |", "16 |", "74 |"] + ["|"] * spacer
    lines += ["三、收到和处理政府信息公开申请情况"]
    f = figures("\r\n".join(lines))["figures"]
    assert [f.get(f"t2.rules.{c}") for c in ("made", "published", "public_total")] == [0, 0, 0]
    assert [f.get(f"t2.normative.{c}") for c in ("made", "published", "public_total")] == [16, 16, 74]


def _html_table(rows: dict[str, list]) -> bytes:
    """Table 3 as a portal page prints it: the seven-column header kept, each row's
    cells after its label (rows printing fewer cells simply stop)."""
    body = ["<html><head><meta charset='utf-8'><title>某县某某街道办事处2023年政府信息公开工作年度报告</title>"
            "</head><body><h1>某县某某街道办事处2023年政府信息公开工作年度报告</h1>",
            "<p>三、收到和处理政府信息公开申请情况</p><table border='1'>",
            "<tr><td rowspan='2'>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>"
            "<td rowspan='2'>自然人</td><td colspan='5'>法人或其他组织</td><td rowspan='2'>总计</td></tr>",
            "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>"]
    for key, label in ROWS:
        body.append("<tr><td>" + label + "</td>" + "".join(f"<td>{c}</td>" for c in rows[key]) + "</tr>")
    body.append("</table><p>四、政府信息公开行政复议、行政诉讼情况</p><table><tr>" + "<td>0</td>" * 15
                + "</tr></table><p>五、存在的主要问题及改进情况</p><p>无。</p></body></html>")
    return "".join(body).encode("utf-8")


@pytest.mark.parametrize("mixed", [False, True])
def test_a_portal_table_whose_rows_stop_after_two_cells(mixed):
    """The header names seven columns, the rows print two cells (the second in the
    商业企业 position by the grid): the last is 总计; the first is 自然人 only where the
    legal-person columns' sums say so (rows printing legal-person cells beside them),
    never by its position; a results-total slip in 自然人 stays a finding."""
    from extract.html import read_html

    if mixed:
        column, rows = _mixed_rows(True)
    else:
        column = natural_column(3, 0, {"granted": 2, "ignored_repeat": 1})
        column["results_total"] += 1
        rows = two_cell_rows(column)
    record = map_layout(read_html(_html_table(rows)))
    f = record["figures"]
    for key in ("carried_over", "carried_forward", "ignored_repeat", "denied_law"):
        assert f[f"t3.{key}.total"] == column[key]
        if mixed:
            assert f[f"t3.{key}.natural"] == column[key], key
    assert "t3.ignored_repeat.commercial" not in f
    assert ("t3.ignored_repeat.natural" in f) == mixed
    assert any(x["rule"] in ("t3.results_sum", "t3.balance") for x in record["findings"])


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("slip_row,first,last", [("denied_third_party", 3, 2), ("granted", 9, 1)])
def test_a_two_cell_row_whose_first_cell_is_above_its_total_joins_the_natural_column(style, slip_row, first, last):
    """Every row prints 自然人 | 总计, one of them with a slip in its total (``4.保护第三方合法权益
    | 3 | 2``, printed 2 for 3): the 自然人 column's sums hold with its 3 under 自然人, so
    every first cell is placed there, the slipped row's too; its last cell, below the
    first, is no certain total and stays out. Without it the column's sums were
    incomplete and no row's 自然人 was placed."""
    column = natural_column(20, 1, {"granted": 9, "partial": 2, "denied_third_party": 3, "ignored_petition": 4})
    rows = two_cell_rows(column)
    rows[slip_row] = [str(first), str(last)]
    assert column[slip_row] == first
    record = figures(render(rows, style))
    f = record["figures"]
    for key, value in column.items():
        assert f.get(f"t3.{key}.natural") == value, key
    assert f"t3.{slip_row}.total" not in f
    assert f.get("t3.partial.total") == 2 and f.get("t3.results_total.total") == column["results_total"]
    assert not any(k.endswith(".commercial") for k in f if k.startswith("t3."))


@pytest.mark.parametrize("style", STYLES)
def test_a_row_whose_first_cell_is_above_its_total_is_not_placed_when_the_sums_fail(style):
    """The same table with a second slip in the 自然人 column: nothing placed, the slipped
    row left out."""
    column = natural_column(20, 1, {"granted": 9, "partial": 2, "denied_third_party": 3, "ignored_petition": 4})
    rows = two_cell_rows(column)
    rows["denied_third_party"] = ["3", "2"]
    rows["carried_forward"] = [str(column["carried_forward"] + 1)] * 2
    f = figures(render(rows, style))["figures"]
    assert not [k for k in f if k.startswith("t3.") and k.endswith(".natural")]
    assert "t3.denied_third_party.total" not in f


@pytest.mark.parametrize("pad", ["", " |", " ||"])
@pytest.mark.parametrize("cells", [["0", "—", "", "—", "0", "0"], ["", "", "", "", "", "0"], ["—", "0", "0", "", "0", "—"]])
def test_a_row_of_zeros_and_blanks_missing_one_cell_is_all_zero(pad, cells):
    """``| 1. 属于国家秘密 | 0 | — |  | — | 0 | 0 |  | |``: six cells printed 0, a dash or
    empty, and one missing or blank: every cell is 0 whichever column each stands in (an
    empty cell among them is a blank, not a reason to leave the row out)."""
    full = {key: ["0"] * 7 for key, _ in ROWS}
    full.update(new=["1", "1", "0", "0", "0", "0", "2"], results_total=["1", "1", "0", "0", "0", "0", "2"],
                granted=["1", "1", "0", "0", "0", "0", "2"], denied_state_secret=cells + [""])
    text = "\n".join(line + pad if line.endswith(" |  |") else line for line in render(full, "bars").split("\n"))
    found = figures(text)["figures"]
    assert [found.get(f"t3.denied_state_secret.{c}") for c in
            ("natural", "commercial", "research", "social", "legal", "other", "total")] == [0] * 7
