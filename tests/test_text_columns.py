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
