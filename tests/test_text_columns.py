"""Text that lays a table out in display columns with spaces (``pdftotext -layout``, a
report typed into a plain-text box): a blank cell prints nothing, and which column a
figure stands in is given by its display position under the header's words.

Text whose figures merely follow their labels after a few spaces is not such a table:
its rows keep the cells they print.
"""
from __future__ import annotations

import unicodedata

import pytest

from extract.mapping import map_layout
from extract.text import read_text


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def laid_out(label: str, cells: list[str], starts: list[tuple[int, int]], align: str) -> str:
    """``label``, then each cell placed at its display column (right- or left-aligned to
    the column's end/start)."""
    line = label
    for cell, (start, end) in zip(cells, starts):
        if not cell:
            continue
        at = end - width(cell) if align == "right" else start
        line += " " * max(1, at - width(line)) + cell
    return line


T2_HEAD = ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]


def _table_2(rows: list[tuple[str, list[str]]], align: str) -> str:
    spans, at = [], 24
    for head in T2_HEAD[1:]:
        spans.append((at, at + width(head)))
        at += width(head) + 4
    lines = [laid_out("信息内容", T2_HEAD[1:], spans, "left")]
    lines += [laid_out(label, cells, spans, align) for label, cells in rows]
    return "\n".join(lines)


@pytest.mark.parametrize("align", ["right", "left"])
def test_blank_cells_that_print_nothing_keep_their_columns(align):
    text = ("某县司法局2020年政府信息公开工作年度报告\n\n二、主动公开政府信息情况\n\n第二十条第（一）项\n"
            + _table_2([("规章", ["", "", "0"]), ("规范性文件", ["5", "5", "13"]),
                        ("其他对外管理服务事项", ["", "2", "7"])], align)
            + "\n\n三、收到和处理政府信息公开申请情况\n")
    f = map_layout(read_text(text.encode()))["figures"]
    assert [f.get(f"t2.rules.{c}") for c in ("made", "published", "public_total")] == [0, 0, 0]
    assert [f.get(f"t2.normative.{c}") for c in ("made", "published", "public_total")] == [5, 5, 13]


def test_figures_that_only_follow_their_labels_are_no_column_layout():
    """``一、本年新收…数量   ３   ２   无 …``: three spaces after labels of every width."""
    rows = ["一、本年新收政府信息公开申请数量   ３   ２   无   无   １   无   ６",
            "二、上年结转政府信息公开申请数量   无   无   无   无   无   无   无",
            "三、本年度办理结果   （一）予以公开   ２   无   无   无   无   无   ２",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）   无   １   无   无   无   无   １"]
    layout = read_text(("某镇2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n" + "\n".join(rows) + "\n").encode())
    assert rows[0] in layout.lines
    f = map_layout(layout)["figures"]
    assert (f["t3.new.natural"], f["t3.new.commercial"], f["t3.new.total"]) == (3, 2, 6)


def test_table_3_of_labels_only_after_a_table_2_whose_blanks_print_nothing_is_zero():
    """A street office with no requests: table 3 prints its labels alone, and table 2 shows
    that blank cells print nothing, so every cell of table 3 is 0."""
    labels = ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果（一）予以公开",
              "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（三）不予公开1.属于国家秘密", "2.其他法律行政法规禁止公开",
              "3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息",
              "7.属于行政执法案卷", "8.属于行政查询事项", "（四）无法提供1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作",
              "3.补正后申请内容仍不明确", "（五）不予处理1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物",
              "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息", "（六）其他处理", "（七）总计", "四、结转下年度继续办理"]
    text = ("石坝区清德街道办事处2020年政府信息公开工作年度报告\n\n二、主动公开政府信息情况\n\n第二十条第（一）项\n"
            + _table_2([("规章", ["", "", "0"]), ("规范性文件", ["5", "5", "13"]),
                        ("其他对外管理服务事项", ["", "0", "0"])], "right")
            + "\n\n三、收到和处理政府信息公开申请情况\n\n申请人情况\n自然人 法人或其他组织 总计\n" + "\n".join(labels)
            + "\n\n四、政府信息公开行政复议、行政诉讼情况\n")
    f = map_layout(read_text(text.encode()))["figures"]
    t3 = {k: v for k, v in f.items() if k.startswith("t3.")}
    assert len(t3) == 7 * 23 and set(t3.values()) == {0}


T3_LEAVES = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def _table_3_in_three_header_lines(rows: list[tuple[str, list[str]]], label_width: int = 70) -> str:
    """Table 3 laid out as text exports set it: 申请人情况 over 自然人 / 法人或其他组织 /
    总计, the five 法人 sub-columns a line lower, blank cells printing nothing."""
    spans, at = [], label_width
    for head in T3_LEAVES:
        spans.append((at, at + width(head)))
        at += width(head) + 4
    group_start, group_end = spans[1][0], spans[5][1]
    top = " " * (group_start + 4) + "申请人情况"
    middle = laid_out("", ["自然人"], spans[:1], "left")
    middle += " " * (group_start + (group_end - group_start - width("法人或其他组织")) // 2 - width(middle)) + "法人或其他组织"
    middle += " " * (spans[6][0] - width(middle)) + "总计"
    sub = laid_out("", T3_LEAVES[1:6], spans[1:6], "left")
    lines = [top, middle, sub] + [laid_out(label, cells, spans, "right") for label, cells in rows]
    return "\n".join(lines)


def test_columns_named_on_two_header_lines_keep_rows_that_print_two_figures():
    """Only 自然人 and 总计 print figures; they are named a line above the 法人 sub-columns.
    The header's leaf words from both lines give all seven columns, so the two figures
    stand in the first and the last, and the five blank cells between are 0."""
    table = _table_3_in_three_header_lines([
        ("一、本年新收政府信息公开申请数量", ["37", "", "", "", "", "", "37"]),
        ("二、上年结转政府信息公开申请数量", ["", "", "", "", "", "", ""]),
        ("三、本年度办理结果（一）予以公开", ["12", "", "", "", "", "", "12"]),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ["5", "", "", "", "", "", "5"]),
        ("（三）不予公开1. 属于国家秘密", ["1", "", "", "", "", "", "1"]),
        ("2. 其他法律行政法规禁止公开", ["1", "", "", "", "", "", "1"]),
        ("3. 危及“三安全一稳定”", ["", "", "", "", "", "", ""]),
        ("4. 保护第三方合法权益", ["", "3", "", "", "", "", "3"]),
    ])
    text = "某市财政局2024年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n" + table + "\n"
    f = map_layout(read_text(text.encode()))["figures"]
    columns = ("natural", "commercial", "research", "social", "legal", "other", "total")
    assert [f.get(f"t3.new.{c}") for c in columns] == [37, 0, 0, 0, 0, 0, 37]
    assert [f.get(f"t3.granted.{c}") for c in columns] == [12, 0, 0, 0, 0, 0, 12]
    # rows after an item-numbered label ("2. " set apart by a space) stay in the table
    assert [f.get(f"t3.denied_law.{c}") for c in columns] == [1, 0, 0, 0, 0, 0, 1]
    assert [f.get(f"t3.denied_third_party.{c}") for c in columns] == [0, 3, 0, 0, 0, 0, 3]


T2_BLANK = """二、主动公开政府信息情况

第二十条第(一)项
信息内容           本年制发件数   本年废止件数   现行有效件数
规章
行政规范性文件
第二十条第(五)项
信息内容                      本年处理决定数量
行政许可
第二十条第(六)项
信息内容                      本年处理决定数量
行政处罚
行政强制
第二十条第(八)项
信息内容                 本年收费金额（单位：万元）
行政事业性收费
"""

T4_HEADER_ONLY = """四、政府信息公开行政复议、行政诉讼情况

                   行政复议                                          行政诉讼
 结果维持  结果纠正  其他结果  尚未审结  总计           未经复议直接起诉                          复议后起诉
                                             结果维持  结果纠正  其他结果  尚未审结  总计  结果维持  结果纠正  其他结果  尚未审结  总计


五、存在的主要问题及改进情况
"""


@pytest.mark.parametrize("body", ["某县某某街道办事处", "清林市阳安区东湖街道办事处"])
def test_every_table_printed_without_one_figure_is_the_templates_blank_tables(body):
    """A street office with nothing to report prints tables 2, 3 and 4 with labels and
    headers only: every cell blank, 0 (the template's rule), each table saying so."""
    rows = [("一、本年新收政府信息公开申请数量", [""] * 7), ("二、上年结转政府信息公开申请数量", [""] * 7),
            ("三、本年度办理结果（一）予以公开", [""] * 7), ("（七）总计", [""] * 7),
            ("四、结转下年度继续办理", [""] * 7)]
    text = (f"{body}2022年政府信息公开工作年度报告\n\n" + T2_BLANK + "\n三、收到和处理政府信息公开申请情况\n\n"
            + _table_3_in_three_header_lines(rows) + "\n\n" + T4_HEADER_ONLY)
    record = map_layout(read_text(text.encode()))
    f = record["figures"]
    assert f.get("t2.rules.issued") == 0 and f.get("t2.licensing.decisions") == 0
    assert f.get("t3.new.natural") == 0 and f.get("t3.new.total") == 0 and f.get("t3.results_total.total") == 0
    assert [f.get(f"t4.review.{c}") for c in ("upheld", "corrected", "other", "pending", "total")] == [0] * 5
    assert f.get("t4.suit_after_review.total") == 0
    assert {w["detail"][:7] for w in record["warnings"] if w["code"] == "table_blank"} == {"table 2", "table 3",
                                                                                          "table 4"}


def test_the_blank_national_template_still_gives_no_figures():
    """The same tables under placeholders for the body and year are the template."""
    rows = [("一、本年新收政府信息公开申请数量", [""] * 7), ("（七）总计", [""] * 7)]
    text = ("XX县XX局20XX年政府信息公开工作年度报告\n\n" + T2_BLANK + "\n三、收到和处理政府信息公开申请情况\n\n"
            + _table_3_in_three_header_lines(rows) + "\n\n" + T4_HEADER_ONLY)
    assert map_layout(read_text(text.encode()))["figures"] == {}


@pytest.mark.parametrize("zero", ["", "0"])
def test_a_table_4_of_its_header_only_is_printed_blank_and_zero(zero):
    """Table 4's whole header, then the next section: its cells are printed blank, 0,
    whether the document prints its other blank cells as nothing or as 0."""
    rows = [("一、本年新收政府信息公开申请数量", ["3", zero, zero, zero, zero, zero, "3"]),
            ("三、本年度办理结果（一）予以公开", ["2", zero, zero, zero, zero, zero, "2"]),
            ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ["1", zero, zero, zero, zero, zero, "1"]),
            ("（七）总计", ["3", zero, zero, zero, zero, zero, "3"])]
    text = ("某市财政局2024年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n"
            + _table_3_in_three_header_lines(rows) + "\n\n" + T4_HEADER_ONLY)
    f = map_layout(read_text(text.encode()))["figures"]
    assert f.get("t3.new.total") == 3
    assert [f.get(f"t4.suit_direct.{c}") for c in ("upheld", "corrected", "other", "pending", "total")] == [0] * 5


def test_a_scanned_table_4_of_its_header_only_is_not_read_as_blank():
    """The same page scanned: OCR read table 4's header as text and no row after it (its
    rulings and figures too faint to find). A row the scan did not give is no blank row:
    read as 0, its two 1s were published as 0."""
    rows = [("一、本年新收政府信息公开申请数量", ["3", "", "", "", "", "", "3"]),
            ("（七）总计", ["3", "", "", "", "", "", "3"])]
    text = ("某市财政局2024年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n"
            + _table_3_in_three_header_lines(rows) + "\n\n" + T4_HEADER_ONLY)
    layout = read_text(text.encode())
    layout.ocr_cells.append({"line_index": 0, "cell_index": 0, "text": "", "confidence": 1.0, "alternatives": []})
    record = map_layout(layout)
    assert record["figures"].get("t3.new.total") == 3
    assert not any(k.startswith("t4.") for k in record["figures"])
    assert any(w["code"] == "table_without_figures" and w["detail"].startswith("table 4") for w in record["warnings"])


def test_scanned_tables_read_as_labels_and_headers_only_give_no_zeros():
    """The street office's blank tables scanned: OCR read their labels and headers as
    text and no cell beside them. Cells the scan did not give are not blank cells."""
    rows = [("一、本年新收政府信息公开申请数量", [""] * 7), ("二、上年结转政府信息公开申请数量", [""] * 7),
            ("三、本年度办理结果（一）予以公开", [""] * 7), ("（七）总计", [""] * 7),
            ("四、结转下年度继续办理", [""] * 7)]
    text = ("某县某某街道办事处2022年政府信息公开工作年度报告\n\n" + T2_BLANK + "\n三、收到和处理政府信息公开申请情况\n\n"
            + _table_3_in_three_header_lines(rows) + "\n\n" + T4_HEADER_ONLY)
    layout = read_text(text.encode())
    layout.ocr_cells.append({"line_index": 0, "cell_index": 0, "text": "", "confidence": 1.0, "alternatives": []})
    assert map_layout(layout)["figures"] == {}


def test_a_table_4_cut_off_after_its_header_is_not_read():
    """A text that stops after table 4's header (an excerpt, a lost last page) or a header
    printed only in part gives no table 4: its figures were not seen."""
    rows = "一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3\n（七）总计 | 3 | 0 | 0 | 0 | 0 | 0 | 3\n\n"
    head = "某市财政局2024年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n" + rows
    stops = head + T4_HEADER_ONLY.split("\n\n\n")[0] + "\n"
    partial = head + "\n".join(T4_HEADER_ONLY.split("\n")[:3]) + "\n\n五、存在的主要问题及改进情况\n"
    for text in (stops, partial):
        f = map_layout(read_text(text.encode()))["figures"]
        assert f.get("t3.new.total") == 3
        assert not any(k.startswith("t4.") for k in f)


def test_a_table_4_whose_narrow_header_cells_break_their_words_and_print_nothing_is_zero():
    """A rule-less PDF's table 4 with narrow header cells: 结果维 / 持 on two lines, the
    行政复议 group a line higher, and no figure under them before the next section."""
    rows = "一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3\n（七）总计 | 3 | 0 | 0 | 0 | 0 | 0 | 3\n\n"
    header = ("四、政府信息公开行政复议、行政诉讼情况\n行政复议行政诉讼\n未经复议直接起诉复议后起诉\n"
              "结果维结果纠其他结尚未审\n持正果结总计结果维结果纠其他结尚未审总计结果维结果纠其他结尚未审总计\n"
              "持正果结持正果结\n")
    text = ("某市财政局2024年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n" + rows + header
            + "五、存在的主要问题及改进情况\n")
    f = map_layout(read_text(text.encode()))["figures"]
    assert [f.get(f"t4.suit_after_review.{c}") for c in ("upheld", "corrected", "other", "pending", "total")] == [0] * 5
    # the same header with one figure under it is no blank table
    f = map_layout(read_text(text.replace("持正果结持正果结\n", "持正果结持正果结\n2\n").encode()))["figures"]
    assert f.get("t4.review.upheld") != 0


@pytest.mark.parametrize("header", [
    # two-character pieces staggered over three lines (行政复议's leaves a line above 行政诉讼's)
    "结果结果其他尚未\n维持纠正结果审结总计结果结果其他尚未总计结果结果其他尚未总计\n维持纠正结果审结维持纠正结果审结\n",
    # one character a line where cells are narrowest
    "结结其尚\n果果他未\n维纠结审总结结其尚总结结其尚总\n持正果结计果果他未计果果他未计\n维纠结审维纠结审\n持正果结持正果结\n",
])
def test_a_table_4_header_broken_anywhere_and_printing_nothing_is_zero(header):
    """Whatever lines narrow cells break table 4's header words over, the whole header
    with nothing under it before the next section is table 4 printed blank; the same
    header with a piece missing is not read."""
    rows = "一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3\n（七）总计 | 3 | 0 | 0 | 0 | 0 | 0 | 3\n\n"
    head = ("某市财政局2024年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n" + rows
            + "四、政府信息公开行政复议、行政诉讼情况\n行政复议行政诉讼\n未经复议直接起诉复议后起诉\n")
    f = map_layout(read_text((head + header + "五、存在的主要问题及改进情况\n").encode()))["figures"]
    assert [f.get(f"t4.suit_direct.{c}") for c in ("upheld", "corrected", "other", "pending", "total")] == [0] * 5
    cut = header.rsplit("\n", 2)[0] + "\n"  # its last line lost
    f = map_layout(read_text((head + cut + "五、存在的主要问题及改进情况\n").encode()))["figures"]
    assert not any(k.startswith("t4.") for k in f)


@pytest.mark.parametrize("zero", ["0", "—"])
def test_a_table_2_printing_its_labels_alone_is_printed_blank_beside_tables_printing_zeros(zero):
    """Table 2 printed with its every row and header and not one figure, up to table 3's
    heading, in a report whose other tables print 0 or —: every cell blank, 0. Table 2
    cut off (a row missing) or with stray text among its rows is not read."""
    rows = [("一、本年新收政府信息公开申请数量", ["3", zero, zero, zero, zero, zero, "3"]),
            ("三、本年度办理结果（一）予以公开", ["3", zero, zero, zero, zero, zero, "3"]),
            ("（七）总计", ["3", zero, zero, zero, zero, zero, "3"])]
    tail = "\n三、收到和处理政府信息公开申请情况\n\n" + _table_3_in_three_header_lines(rows) + "\n"
    title = "某市财政局2024年政府信息公开工作年度报告\n\n"
    record = map_layout(read_text((title + T2_BLANK + tail).encode()))
    f = record["figures"]
    assert [f.get(f"t2.{r}") for r in ("rules.issued", "normative.in_force", "licensing.decisions",
                                        "coercion.decisions", "fees.amount")] == [0] * 5
    assert "table 2 printed with every cell blank: read as 0" in [w["detail"] for w in record["warnings"]]
    for broken in (T2_BLANK.replace("行政强制\n", ""), T2_BLANK.replace("行政处罚\n", "行政处罚\n见附件\n")):
        f = map_layout(read_text((title + broken + tail).encode()))["figures"]
        assert not any(k.startswith("t2.") for k in f), broken


def test_one_row_with_an_empty_cell_between_figures_shows_blanks_print_nothing():
    """``行政规范性文件 | 58 |  | 456``: an empty cell between two figures is a blank cell
    printed as nothing, so 规章 printed with its label alone is a row of zeros."""
    text = ("某市财政局2024年政府信息公开工作年度报告\n\n二、主动公开政府信息情况\n第二十条第(一)项\n"
            "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n规章\n行政规范性文件 | 58 |  | 456\n"
            "第二十条第(五)项\n信息内容 | 本年处理决定数量\n行政许可 | 12\n第二十条第(六)项\n信息内容 | 本年处理决定数量\n"
            "行政处罚 | 3\n行政强制 | 1\n第二十条第(八)项\n信息内容 | 本年收费金额（单位：万元）\n行政事业性收费 | 0\n"
            "三、收到和处理政府信息公开申请情况\n")
    f = map_layout(read_text(text.encode()))["figures"]
    assert [f.get(f"t2.rules.{c}") for c in ("issued", "repealed", "in_force")] == [0, 0, 0]
    assert [f.get(f"t2.normative.{c}") for c in ("issued", "repealed", "in_force")] == [58, 0, 456]


T3_LABELS = ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果（一）予以公开",
             "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（三）不予公开1、属于国家秘密", "2、其他法律行政法规禁止公开",
             "3、危及“三安全一稳定”", "4、保护第三方合法权益", "5、属于三类内部事务信息", "6、属于四类过程性信息",
             "7、属于行政执法案卷", "8、属于行政查询事项", "（四）无法提供1、本机关不掌握相关政府信息", "2、没有现成信息需要另行制作",
             "3、补正后申请内容仍不明确", "（五）不予处理1、信访举报投诉类申请", "2、重复申请", "3、要求提供公开出版物",
             "4、无正当理由大量反复申请", "5、要求行政机关确认或重新出具已获取信息",
             "（六）其他处理1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
             "2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3、其他", "（七）总计",
             "四、结转下年度继续办理"]


@pytest.mark.parametrize("heading", ["三、收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请情况"])
def test_a_table_3_printing_its_labels_alone_is_printed_blank_beside_tables_printing_dashes(heading):
    """Table 3's header and all 25 row labels, nothing else, up to table 4's heading, in a
    report whose tables 2 and 4 print — for 0: a body with no requests, every cell 0.
    The same table with a line of prose among its rows is not read."""
    t3 = (heading + "\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）   申请人情况\n"
          "      自然人     法人或其他组织     总计\n      商业企业  科研机构  社会公益组织  法律服务机构  其他\n"
          + "\n".join(T3_LABELS) + "\n\n")
    t4 = ("四、政府信息公开行政复议、行政诉讼情况\n" + T4_HEADER_ONLY.split("\n", 2)[2].split("\n\n\n")[0]
          + "\n" + "   —" * 15 + "\n\n五、存在的主要问题及改进情况\n无。\n")
    text = "某市某某局2023年政府信息公开工作年度报告\n\n" + T2_BLANK.replace("行政强制\n", "行政强制   —\n") + "\n" + t3 + t4
    record = map_layout(read_text(text.encode()))
    f = record["figures"]
    assert [f.get(f"t3.partial.{c}") for c in ("natural", "legal", "total")] == [0, 0, 0]
    assert f.get("t3.results_total.total") == 0 and f.get("t3.carried_forward.other") == 0
    assert len([k for k in f if k.startswith("t3.")]) == 25 * 7
    assert f.get("t4.review.total") == 0
    prose = text.replace("2、重复申请\n", "2、重复申请\n本年度无申请。\n")
    assert not any(k.startswith("t3.") for k in map_layout(read_text(prose.encode()))["figures"])


def test_2019_table_2_rows_printing_their_labels_alone_before_a_header_with_a_slash_are_zero():
    """A 2019 table 2 whose blank cells print nothing: a row printing its label alone is
    followed by the next part's header, ``信息内容 上一年项目数量 本年增/减 处理决定数量``,
    whose slash is heading text, not a cell."""
    text = ("某县某某局2020年政府信息公开工作年度报告\n\n二、主动公开政府信息情况\n第二十条第（一）项\n"
            "信息内容 本年新制作数量 本年新公开数量 对外公开总数量\n规章 | 2 |  | 5\n规范性文件\n第二十条第（五）项\n"
            "信息内容 上一年项目数量 本年增/减 处理决定数量\n行政许可 | 14 |  | 67\n其他对外管理服务事项\n第二十条第（六）项\n"
            "信息内容 上一年项目数量 本年增/减 处理决定数量\n行政处罚 | 3 |  | 1\n行政强制\n第二十条第（八）项\n"
            "信息内容 上一年项目数量 本年增/减\n行政事业性收费 | 1 | \n第二十条第（九）项\n信息内容 采购项目数量 采购总金额\n"
            "政府集中采购 | 3 | 120\n三、收到和处理政府信息公开申请情况\n")
    f = map_layout(read_text(text.encode()))["figures"]
    for row in ("normative.made", "normative.public_total", "other_mgmt.prev_items", "other_mgmt.decisions",
                "coercion.change"):
        assert f.get(f"t2.{row}") == 0, row
    assert f.get("t2.licensing.decisions") == 67 and f.get("t2.procurement.amount") == 120


@pytest.mark.parametrize("row, values", [
    # the label matched short of its end: its rest stands before the marks
    ("1. 信访举报投诉类申请 — — — — — — —", [0] * 7),
    ("四、结转下年度继续办理 — 1 — — — — 1", [0, 1, 0, 0, 0, 0, 1]),
    # the label wrapped, the marks on its last line
    ("5. 要求行政机关确认或重新出具\n已获取信息 — — — — — — —", [0] * 7),
])
def test_a_row_of_single_spaced_marks_after_the_rest_of_its_label(row, values):
    """Cells set apart by single spaces, one a blank mark, after the rest of a label
    (``信访`` found, ``举报投诉类申请 — — …`` left) or its wrapped last line."""
    rows = ("一、本年新收政府信息公开申请数量 1 — — — — — 1\n二、上年结转政府信息公开申请数量 — — — — — — —\n"
            "三、本年度办理结果\n（一）予以公开 — — — — — — —\n（五）不予处理\n1. 信访举报投诉类申请 — — — — — — —\n"
            "2. 重复申请 — — — — — — —\n5. 要求行政机关确认或重新出具已获取信息 — — — — — — —\n（七）总计 — — — — — — —\n"
            "四、结转下年度继续办理 — 1 — — — — 1\n")
    line = row.split("\n")[0].split(" —")[0]
    key = {"信访": "ignored_petition", "结转下年度": "carried_forward", "要求行政机关": "ignored_confirm"}
    name = next(v for k, v in key.items() if k in row)
    old = next(ln for ln in rows.split("\n") if ln.startswith(line.split("\n")[0][:8]))
    text = ("某市某某局2023年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n申请人情况\n"
            + rows.replace(old, row) + "\n四、政府信息公开行政复议、行政诉讼情况\n")
    f = map_layout(read_text(text.encode()))["figures"]
    columns = ("natural", "commercial", "research", "social", "legal", "other", "total")
    assert [f.get(f"t3.{name}.{c}") for c in columns] == values


def test_one_column_rows_padded_to_the_tables_width_and_printed_blank_are_zero():
    """Table 2 one cell per line after a tab, each row padded to the widest part's
    columns: ``行政许可`` then three empty cells is one blank cell (0) and two of padding."""
    def row(label, cells):
        return f"\t{label}\n" + "".join(f"\t{c}\n" for c in cells) + "\n"
    text = ("某县某某局2024年政府信息公开工作年度报告\n\n二、主动公开政府信息情况\n\t第二十条第（一）项\n\n"
            + row("信息内容", ["本年制发件数", "本年废止件数", "现行有效件数"]) + row("规章", ["", "", ""])
            + row("行政规范性文件", ["3", "", "12"]) + "\t第二十条第（五）项\n\n" + row("信息内容", ["本年处理决定数量", "", ""])
            + row("行政许可", ["", "", ""]) + "\t第二十条第（六）项\n\n" + row("信息内容", ["本年处理决定数量", "", ""])
            + row("行政处罚", ["4", "", ""]) + row("行政强制", ["", "", ""]) + "\t第二十条第（八）项\n\n"
            + row("信息内容", ["本年收费金额（单位：万元）", "", ""]) + row("行政事业性收费", ["", "", ""])
            + "三、收到和处理政府信息公开申请情况\n")
    f = map_layout(read_text(text.encode()))["figures"]
    assert [f.get(f"t2.{k}") for k in ("licensing.decisions", "penalty.decisions", "coercion.decisions",
                                       "fees.amount", "normative.in_force", "rules.issued")] == [0, 4, 0, 0, 12, 0]


@pytest.mark.parametrize("opened", [True, False])
def test_a_table_4_printed_one_cell_per_line_with_bars_opening_each_row(opened):
    """Each row of the table opens with a bar on a line of its own, blank cells print as
    a bar alone: after the header the row's first bar opens it, and 15 cells follow. Where
    no header row opens with a bar, 16 cells are no row of 15 (left out)."""
    bar = "|\n" if opened else ""
    header = (bar + "行政复议 |\n行政诉讼 |\n" + bar + "结果维持 |\n结果纠正 |\n其他结果 |\n尚未审结 |\n总计 |\n"
              "未经复议直接起诉 |\n复议后起诉 |\n" + bar + "结果维持 |\n结果纠正 |\n其他结果 |\n尚未审结 |\n总计 |\n"
              "结果维持 |\n结果纠正 |\n其他结果 |\n尚未审结 |\n总计 |\n")
    cells = ["", "", "", "", "", "3", "", "1", "", "4", "", "", "", "", ""]
    row = "|\n" + "".join(f"{c} |\n" if c else "|\n" for c in cells)
    text = ("某县某某局2019年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n"
            "一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3\n（七）总计 | 3 | 0 | 0 | 0 | 0 | 0 | 3\n"
            "四、政府信息公开行政复议、行政诉讼情况\n" + header + row + "\n五、存在的主要问题及改进情况\n无。\n")
    f = map_layout(read_text(text.encode()))["figures"]
    got = [f.get(k) for k in ("t4.review.total", "t4.suit_direct.upheld", "t4.suit_direct.other",
                              "t4.suit_direct.total", "t4.suit_after_review.total")]
    assert got == ([0, 3, 1, 4, 0] if opened else [None] * 5)


def _joined(cells: list[str], separator: str = "   ", blank: str = "  ") -> str:
    """A row as text exports print it: cells joined by a fixed run of spaces, a blank
    cell printed as a run of its own, the line's end trimmed (trailing blanks vanish)."""
    return separator.join(c if c else blank for c in cells).rstrip()


def _t3_joined(rows: list[tuple[str, list[str]]]) -> str:
    head = [_joined(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"]),
            _joined(["自然人", "法人或其他组织", "总计"]),
            _joined(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"])]
    return "\n".join(head + [_joined([label] + cells) for label, cells in rows])


def test_cells_joined_by_a_fixed_separator_keep_blank_cells_in_their_columns():
    """``一、本年新收…   1   1        2``: a blank cell prints its own two spaces between two
    separators, so a wider run of spaces holds blank cells, one per step; the trailing
    blank cells a trimmed line lost are padded up to the table's width."""
    text = ("某街道办事处2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n"
            + _joined(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]) + "\n"
            + _joined(["规章", "无", "3", ""]) + "\n" + _joined(["行政规范性文件", "", "—", "3"]) + "\n"
            + "三、收到和处理政府信息公开申请情况\n"
            + _t3_joined([("一、本年新收政府信息公开申请数量", ["28", "", "1", "", "3", "", "32"]),
                          ("二、上年结转政府信息公开申请数量", ["", "", "2", "", "", "", "2"]),
                          ("三、本年度办理结果   （一）予以公开", ["6", "9", "", "1", "", "—", "16"]),
                          ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ["3", "", "", "", "", "1", ""])])
            + "\n四、政府信息公开行政复议、行政诉讼情况\n")
    f = map_layout(read_text(text.encode()))["figures"]
    columns = ("natural", "commercial", "research", "social", "legal", "other", "total")
    assert [f.get(f"t2.rules.{c}") for c in ("issued", "repealed", "in_force")] == [0, 3, 0]
    assert [f.get(f"t2.normative.{c}") for c in ("issued", "repealed", "in_force")] == [0, 0, 3]
    assert [f.get(f"t3.new.{c}") for c in columns] == [28, 0, 1, 0, 3, 0, 32]
    assert [f.get(f"t3.carried_over.{c}") for c in columns] == [0, 0, 2, 0, 0, 0, 2]
    assert [f.get(f"t3.granted.{c}") for c in columns] == [6, 9, 0, 1, 0, 0, 16]
    assert [f.get(f"t3.partial.{c}") for c in columns] == [3, 0, 0, 0, 0, 1, 0]


def test_runs_of_two_widths_from_differently_spaced_tables_are_no_blank_cells():
    """Table 2 set apart by four spaces, table 3 by two, its rows printing only 自然人 and
    总计: a four-space run is the other table's separator, not a blank cell, and the
    two-cell rows are not padded into seven."""
    t2 = ["第二十条第（一）项", "信息内容    本年新制作数量    本年新公开数量    对外公开总数量", "规章    —    —    —",
          "规范性文件    1    1    120"]
    t3 = ["申请人情况", "自然人  法人或其他组织  总计", "商业企业  科研机构  社会公益组织  法律服务机构  其他",
          "一、本年新收政府信息公开申请数量  11  1  0  0  0  0  12", "二、上年结转政府信息公开申请数量  0  0",
          "三、本年度办理结果  （一）予以公开  6  6",
          "（二）部分公开（区分处理的，只计这一情形，不计其他情形）  1  1"]
    layout = read_text(("某镇2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n" + "\n".join(t2)
                        + "\n三、收到和处理政府信息公开申请情况\n" + "\n".join(t3) + "\n").encode())
    assert "二、上年结转政府信息公开申请数量  0  0" in layout.lines
    f = map_layout(layout)["figures"]
    assert [f.get(f"t2.normative.{c}") for c in ("made", "published", "public_total")] == [1, 1, 120]
    assert f.get("t3.granted.total") == 6 and "t3.granted.commercial" not in f


@pytest.mark.parametrize("separator,blank", [("   ", "  "), ("  ", " "), ("    ", "  ")])
def test_blank_cells_that_only_come_two_or_more_together_keep_their_columns(separator, blank):
    """No row prints a single blank cell between two figures: the narrowest wider run of
    spaces holds two blank cells, and the step (separator and a blank) is what every
    wider run shares, not the narrowest's excess (it gave 10 for a step of 5, no run
    fitted, and every row was read short: 35 of 200 cells)."""
    def joined(cells):
        return _joined(cells, separator, blank)
    rows = [("一、本年新收政府信息公开申请数量", ["191", "8", "", "", "", "2", "201"]),
            ("二、上年结转政府信息公开申请数量", ["4", "3", "", "", "", "", "7"]),
            ("三、本年度办理结果" + separator + "（一）予以公开", ["86", "2", "", "", "", "", "88"]),
            ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ["14", "", "", "", "", "", "14"])]
    head = [joined(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"]),
            joined(["自然人", "法人或其他组织", "总计"]), joined(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"])]
    text = ("某县人民政府2024年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n" + "\n".join(
        head + [joined([label] + cells) for label, cells in rows]) + "\n四、政府信息公开行政复议、行政诉讼情况\n"
            + joined(["2", "1", "", "", "3", "1", "", "", "", "1", "1", "", "", "", "1"]) + "\n五、存在的主要问题及改进情况\n")
    f = map_layout(read_text(text.encode()))["figures"]
    columns = ("natural", "commercial", "research", "social", "legal", "other", "total")
    for (label, cells), row in zip(rows, ("new", "carried_over", "granted", "partial")):
        assert [f.get(f"t3.{row}.{c}") for c in columns] == [int(c or 0) for c in cells], row
