"""map_layout on reports built from the template in every shape input kinds produce.

Each report carries distinct figures, so a figure landing on the wrong key fails.
"""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from extract import schema
from extract.layout import Layout
from extract.mapping import map_layout
from extract.text import read_text

T3_LABELS = {
    "new": "一、本年新收政府信息公开申请数量", "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "三、本年度办理结果 （一）予以公开", "partial": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "denied_state_secret": "（三）不予公开 1.属于国家秘密", "denied_law": "2.其他法律行政法规禁止公开",
    "denied_three_safety": "3.危及“三安全一稳定”", "denied_third_party": "4.保护第三方合法权益",
    "denied_internal": "5.属于三类内部事务信息", "denied_process": "6.属于四类过程性信息",
    "denied_enforcement": "7.属于行政执法案卷", "denied_query": "8.属于行政查询事项",
    "unable_not_held": "（四）无法提供 1.本机关不掌握相关政府信息", "unable_create": "2.没有现成信息需要另行制作",
    "unable_unclear": "3.补正后申请内容仍不明确", "ignored_petition": "（五）不予处理 1.信访举报投诉类申请",
    "ignored_repeat": "2.重复申请", "ignored_publication": "3.要求提供公开出版物",
    "ignored_massive": "4.无正当理由大量反复申请", "ignored_confirm": "5.要求行政机关确认或重新出具已获取信息",
    "other_no_correction": "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other_no_fee": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other_other": "3.其他", "other": "（六）其他处理", "results_total": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}
T2_LABELS = {"rules": "规章", "normative": "行政规范性文件", "licensing": "行政许可", "penalty": "行政处罚",
             "coercion": "行政强制", "fees": "行政事业性收费"}
ROWS = schema.T3_ROW_ORDER["2021"]


def sample_figures(digits: bool = False) -> dict:
    """Distinct figures for every 2021 key (single digits when ``digits``)."""
    figures = {}
    for i, spec in enumerate(schema.figure_specs("2021")):
        if spec.row == "other":
            continue
        figures[spec.key] = (i * 7 + 3) % 10 if digits else i + 1
    figures["t2.fees.amount"] = 3 if digits else 12.5
    return figures


def report(figures: dict, shape: str, t4: bool = True) -> Layout:
    layout = Layout()
    add = layout.lines.append
    add("某某区某某街道2024年政府信息公开工作年度报告")
    add("一、总体情况")
    add("2024年，共收到政府信息公开申请%s件。" % figures["t3.new.total"])
    add("二、主动公开政府信息情况")
    t2_rows = [(T2_LABELS[r.key], [figures[f"t2.{r.key}.{c}"] for c in r.columns]) for r in schema.T2_ROWS["2021"]]
    t3_rows = [(T3_LABELS[r], [figures[f"t3.{r}.{c}"] for c in schema.T3_COLUMN_KEYS]) for r in ROWS]
    t4_values = [figures[k] for k in schema.T4_KEYS]

    def emit(rows):
        if shape == "cells":
            for label, values in rows:
                layout.add_row([label] + [str(v) for v in values])
        elif shape == "per_line":
            for label, values in rows:
                add("\t" + label)
                for v in values:
                    add("\t" + str(v))
                add("")
        elif shape == "pdf_before":  # numbers on the line before the label
            for label, values in rows:
                add(" ".join(str(v) for v in values))
                add(label)

    if shape == "flat":
        body = "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数"
        body += "".join(label + "".join(str(v) for v in values) for label, values in t2_rows)
        body += "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况"
        body += "".join(label.replace(" ", "") + "".join(str(v) for v in values) for label, values in t3_rows)
        if t4:
            body += "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计"
            body += "".join(str(v) for v in t4_values)
        add(body + "五、存在的主要问题及改进情况无。六、其他需要报告的事项无。")
        return layout
    add("第二十条第（一）项")
    emit(t2_rows if shape != "pdf_before" else [(l, v) for l, v in t2_rows])
    add("三、收到和处理政府信息公开申请情况")
    add("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况")
    emit(t3_rows)
    if t4:
        add("四、政府信息公开行政复议、行政诉讼情况")
        add("行政复议 | 行政诉讼")
        add("结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计")
        if shape == "per_line":
            for v in t4_values:
                add("\t" + str(v))
        else:
            add(" | ".join(str(v) for v in t4_values))
    add("五、存在的主要问题及改进情况")
    add("无。")
    add("六、其他需要报告的事项")
    add("无。")
    return layout


@pytest.mark.parametrize("shape", ["cells", "per_line", "pdf_before"])
def test_every_figure_lands_on_its_key(shape):
    figures = sample_figures()
    result = map_layout(report(figures, shape))
    if shape == "pdf_before":  # table 2 rows are still label-first there
        figures = {k: v for k, v in figures.items() if not k.startswith("t2.")}
        got = {k: v for k, v in result["figures"].items() if not k.startswith("t2.")}
    else:
        got = result["figures"]
    assert got == figures
    assert result["format"] == "2021" and result["year"] == 2024 and result["agency"] == "某某区某某街道"
    assert sorted(result["sections"]) == ["1", "2", "3", "4", "5", "6"]


def test_flattened_single_digit_cells():
    figures = sample_figures(digits=True)
    result = map_layout(report(figures, "flat"))
    assert result["figures"] == figures


def test_findings_report_breaches_without_changing_figures():
    figures = sample_figures()
    result = map_layout(report(figures, "cells"))
    rules = {f["rule"] for f in result["findings"]}
    assert {"t3.balance", "t3.row_sum", "t3.results_sum", "t4.group_sum"} <= rules
    assert result["figures"]["t3.new.total"] == figures["t3.new.total"]


def test_missing_table_4_gives_warning_and_no_keys():
    result = map_layout(report(sample_figures(), "cells", t4=False))
    assert not any(k.startswith("t4.") for k in result["figures"])
    assert {"code": "table_missing", "detail": "table 4 missing"} in result["warnings"]


def test_missing_row_gives_no_invented_zeros():
    layout = report(sample_figures(), "cells")
    layout.lines = [ln for ln in layout.lines if not ln.startswith("6.属于四类过程性信息")]
    result = map_layout(layout)
    assert not any(k.startswith("t3.denied_process.") for k in result["figures"])
    assert result["figures"]["t3.denied_enforcement.natural"] == sample_figures()["t3.denied_enforcement.natural"]
    assert any(w["code"] == "row_missing" and "t3.denied_process" in w["detail"] for w in result["warnings"]), \
        result["warnings"]


def test_garbled_label_row_placed_by_order():
    figures = sample_figures()
    layout = report(figures, "cells")
    layout.lines = [ln.replace("4.保护第三方合法权益", "4.保#第 三?合") for ln in layout.lines]
    result = map_layout(layout)
    assert all(result["figures"][f"t3.denied_third_party.{c}"] == figures[f"t3.denied_third_party.{c}"]
               for c in schema.T3_COLUMN_KEYS)


def test_blank_cells_inside_a_row_are_zero():
    layout = Layout(lines=["2024年政府信息公开工作年度报告", "二、主动公开政府信息情况"])
    layout.add_row(["规章", "1", "", "5"])
    layout.add_row(["行政规范性文件", "—", "/", "无"])
    layout.add_row(["行政许可", "7", "", ""])
    result = map_layout(layout)
    f = result["figures"]
    assert (f["t2.rules.issued"], f["t2.rules.repealed"], f["t2.rules.in_force"]) == (1, 0, 5)
    assert (f["t2.normative.issued"], f["t2.normative.repealed"], f["t2.normative.in_force"]) == (0, 0, 0)
    assert f["t2.licensing.decisions"] == 7


def test_kangxi_radicals_and_full_width_digits():
    layout = report(sample_figures(), "cells")
    layout.lines = [ln.replace("一、本年新收", "⼀、本年新收").replace(" | 1 | ", " | １ | ", 1) for ln in layout.lines]
    result = map_layout(layout)
    assert result["figures"]["t3.new.natural"] == sample_figures()["t3.new.natural"]


def _blanked(layout: Layout, title: str | None) -> Layout:
    lines = [" | ".join("" if re.fullmatch(r"[\d.]+", cell) else cell for cell in ln.split(" | "))
             for ln in layout.lines]
    layout.lines = ([title] if title else []) + [ln for ln in lines[1:] if "共收到" not in ln]
    return layout


@pytest.mark.parametrize("title", ["某某区某某街道2024年政府信息公开工作年度报告", "某局2024年度政府信息公开工作年度报告",
                                   "固原市原州区北塬街道办事处2024年政府信息公开工作年度报告"])
def test_report_with_every_cell_blank_reads_zeros(title):
    """A body with nothing to count prints every table empty: every cell is 0, printed blank."""
    result = map_layout(_blanked(report(sample_figures(), "cells"), title))
    assert result["is_report"]
    expected = {k for k in sample_figures()}
    assert set(result["figures"]) == expected
    assert set(result["figures"].values()) == {0}
    assert set(result["printed_as"].values()) == {"blank"}
    assert {"code": "table_blank", "detail": "table 3 printed with every cell blank: read as 0"} in result["warnings"]
    # the table's one warning says it, no row-by-row ones
    assert not [w for w in result["warnings"] if w["code"] == "blank_cells_zero" and w["detail"].startswith("table 3")]
    assert not result["findings"]


@pytest.mark.parametrize("title", [None, "XX单位20XX年政府信息公开工作年度报告", "××局××××年度政府信息公开工作年度报告",
                                   "（单位名称）2024年政府信息公开工作年度报告", "某某2024年政府信息公开工作年度报告",
                                   "政府信息公开工作年度报告格式模板"])
def test_blank_template_is_not_a_report_and_has_no_figures(title):
    result = map_layout(_blanked(report(sample_figures(), "cells"), title))
    assert result["figures"] == {}
    assert not result["is_report"]


def test_blank_row_and_dash_cells_keep_how_they_were_printed():
    layout = Layout(lines=["某县2024年政府信息公开工作年度报告", "二、主动公开政府信息情况"])
    layout.add_row(["规章", "—", "/", "无"])
    layout.add_row(["行政规范性文件", "", "", ""])
    layout.add_row(["行政许可", "7"])
    result = map_layout(layout)
    assert [result["printed_as"][f"t2.rules.{c}"] for c in ("issued", "repealed", "in_force")] == ["dash", "slash", "无"]
    assert result["printed_as"]["t2.normative.issued"] == "blank"
    assert result["printed_as"]["t2.licensing.decisions"] == "number"
    assert result["figures"]["t2.normative.in_force"] == 0 and type(result["figures"]["t2.normative.in_force"]) is int


def test_mapping_is_fast():
    seed = Path(__file__).parent / "examples" / "seeds" / "seed002_example.txt"
    layout = read_text(seed.read_bytes())
    map_layout(layout)
    rounds = []
    for _ in range(5):  # best of five rounds: robust to a busy machine
        started = time.perf_counter()
        for _ in range(10):
            map_layout(layout)
        rounds.append((time.perf_counter() - started) / 10)
    per_document = min(rounds)
    # about 6 ms on an idle core; the bound leaves room for a loaded CI machine
    assert per_document < 0.050, f"{per_document * 1000:.1f} ms per document"


def test_year_captured_as_figure_is_flagged():
    figures = sample_figures()
    figures["t3.new.total"] = 2023
    result = map_layout(report(figures, "cells"))
    assert result["figures"]["t3.new.total"] == 2023
    assert {"code": "figure_like_year", "detail": "figure t3.new.total looks like a year (2023)"} in result["warnings"]


def test_unreadable_digit_mass_does_not_stop_the_rest():
    layout = Layout(lines=["某县2023年政府信息公开工作年度报告", "一、总体情况", "正文。",
                           "三、收到和处理政府信息公开申请情况", "申请人情况", "一、本年新收" + "1234567890" * 5000])
    result = map_layout(layout)
    assert result["figures"] == {}
    assert result["sections"]["1"] == "正文。" and result["year"] == 2023


def test_merged_cells_repeated_in_every_row():
    """python-docx style: a merged parent label repeated in every row it spans."""
    figures = sample_figures()
    layout = Layout(lines=["某某区某某街道2024年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况",
                           "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 | 申请人情况"])
    parents = {"denied": "（三）不予公开", "unable": "（四）无法提供", "ignored": "（五）不予处理", "other": "（六）其他处理"}
    for row in ROWS:
        label = T3_LABELS[row].split(" ")[-1]
        cells = ["三、本年度办理结果"] if row not in ("new", "carried_over", "carried_forward") else []
        cells += [parents[row.split("_")[0]]] if row.split("_")[0] in parents else []
        layout.add_row(cells + [label] + [str(figures[f"t3.{row}.{c}"]) for c in schema.T3_COLUMN_KEYS])
    result = map_layout(layout)
    assert {k: v for k, v in result["figures"].items() if k.startswith("t3.")} == \
        {k: v for k, v in figures.items() if k.startswith("t3.")}


def test_table4_figures_before_a_header_fragment():
    layout = Layout(lines=["某县2023年政府信息公开工作年度报告", "四、政府信息公开行政复议、行政诉讼情况",
                           "行政复议 行政诉讼", "结果 结果 其他 尚未 总 计",
                           "1 1 0 0 2 1 0 0 0 1 2 0 1 0 3", "维持 纠正 结果 审结 总 计",
                           "五、存在的主要问题及改进情况", "无。"])
    result = map_layout(layout)
    assert [result["figures"][k] for k in schema.T4_KEYS] == [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]


def test_flattened_row_left_out_when_rules_cannot_decide():
    line = ("三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况"
            "一、本年新收政府信息公开申请数量1000001二、上年结转政府信息公开申请数量0000000"
            "三、本年度办理结果（一）予以公开220000022")
    result = map_layout(Layout(lines=["某县2023年政府信息公开工作年度报告", line]))
    f = result["figures"]
    assert f["t3.new.natural"] == 1 and f["t3.carried_over.total"] == 0
    assert not any(k.startswith("t3.granted.") for k in f)  # 22|0…|22 or 2|20|…|22
    assert any(w["code"] == "digits_ambiguous" and "t3.granted" in w["detail"] and "2 ways" in w["detail"]
               for w in result["warnings"])


def test_ocr_merged_labels_read_cell_by_cell():
    """OCR merged two rows' labels into one garbled cell; the cells stay in order."""
    figures = sample_figures()
    layout = report(figures, "cells")
    lines = []
    for line in layout.lines:
        if line.startswith("（三）不予公开 1.属于国家秘密"):
            lines.append("(=) “ | 1属于不予公 | 国冢祕蜜2黄体法律行政法规禁止公 | "
                         + " | ".join(str(figures[f"t3.denied_state_secret.{c}"]) for c in schema.T3_COLUMN_KEYS))
        elif line.startswith("2.其他法律行政法规禁止公开"):
            lines.append(" | ".join(str(figures[f"t3.denied_law.{c}"]) for c in schema.T3_COLUMN_KEYS))
        else:  # OCR also spaced a sub-number away from its label
            lines.append(line.replace("4.保护第三方", "4 .保护第三方"))
    layout.lines = lines
    result = map_layout(layout)
    got = {k: v for k, v in result["figures"].items() if k.startswith("t3.")}
    assert got == {k: v for k, v in figures.items() if k.startswith("t3.")}
    assert "table_read_by_cells" in schema.warning_codes(result["warnings"])


def test_row_figures_printed_before_its_label_continuation():
    """OCR of a wrapped label: the figures sit on the label's first line, the key words
    (国家秘密) on a second line with blank cells."""
    figures = sample_figures()
    layout = report(figures, "cells")
    lines = []
    for line in layout.lines:
        if line.startswith("（三）不予公开 1.属于国家秘密"):
            lines.append("(三) 1 1属于 | " + " | ".join(
                str(figures[f"t3.denied_state_secret.{c}"]) for c in schema.T3_COLUMN_KEYS))
            lines.append(" | 不予公开 | 国家秘密 |  |  |  |  |  |  | ")
        else:
            lines.append(line)
    layout.lines = lines
    result = map_layout(layout)
    got = {k: v for k, v in result["figures"].items() if k.startswith("t3.")}
    assert got == {k: v for k, v in figures.items() if k.startswith("t3.")}


def test_structured_rows_with_garbled_labels_and_blank_cells():
    """OCR'd table 2 (as read from a scan): garbled labels, blank cells for 0, a header
    line with trailing empty cells between rows."""
    layout = Layout(lines=["某区2021年政府信息公开工作年度报告", "二、主动公开政府信息情况", "第二十条第(一)项",
                           "信息内容 | 本年制发件数 | 本年碟止件数 | 现行有效件数",
                           "规章 |  |  | 1",
                           "行政规学 | 上 | :文人 |  | 1641 | 1 | 29",
                           " |  |  | ",
                           "第二十条第(五)项", "信息内容 | 本年处理决定数量 |  | ",
                           "行政许可 | 36", "第二十条第(六)项", "信息内容 | 本年处理决定数量 | ",
                           "行政处昼 | ", "行政强制 | 1", "第二十条第(八)项",
                           "信息内容 | 本年收费金矣(单位:万元)", "行政事业性收费 | ",
                           "三、收到和处理政府信息公开申请情况"])
    f = map_layout(layout)["figures"]
    assert (f["t2.rules.issued"], f["t2.rules.repealed"], f["t2.rules.in_force"]) == (0, 0, 1)
    assert (f["t2.normative.issued"], f["t2.normative.repealed"], f["t2.normative.in_force"]) == (1641, 1, 29)
    assert (f["t2.licensing.decisions"], f["t2.penalty.decisions"], f["t2.coercion.decisions"]) == (36, 0, 1)
    assert f["t2.fees.amount"] == 0


def test_two_labels_merged_in_one_cell_with_a_stray_character():
    """OCR as read from a scan: ``国家秘开密`` and the next label in one cell, the first
    row's cells on that line, the second row's (blank) cells on the next."""
    figures = sample_figures()
    figures.update({f"t3.denied_law.{c}": 0 for c in schema.T3_COLUMN_KEYS})
    layout = report(figures, "cells")
    lines = []
    for line in layout.lines:
        if line.startswith("（三）不予公开 1.属于国家秘密"):
            lines.append("(三) 1.属于不予公国家秘开密2.其他法律行政法规禁止公 | " + " | ".join(
                str(figures[f"t3.denied_state_secret.{c}"]) for c in schema.T3_COLUMN_KEYS))
            lines.append(" |  | 开 |  |  |  |  |  |  | ")
        elif line.startswith("2.其他法律行政法规禁止公开"):
            continue
        else:
            lines.append(line)
    layout.lines = lines
    result = map_layout(layout)
    got = {k: v for k, v in result["figures"].items() if k.startswith("t3.")}
    assert got == {k: v for k, v in figures.items() if k.startswith("t3.")}


def test_first_row_label_garbled():
    figures = sample_figures()
    layout = report(figures, "cells")
    layout.lines = [ln.replace("一、本年新收政府信息公开申请数量", "一、本年条收政府信息公开甲请数量") for ln in layout.lines]
    result = map_layout(layout)
    assert [result["figures"][f"t3.new.{c}"] for c in schema.T3_COLUMN_KEYS] == \
        [figures[f"t3.new.{c}"] for c in schema.T3_COLUMN_KEYS]


@pytest.mark.parametrize("line", ["3 |", "3|", "3", "\t3", "3\t", "  12 |  ", "增加2 |", "减少4", "5件 |", "\t\t3",
                                  "3 | 4", "0 0 0", "予以公开 |", "—", " |", ""])
def test_one_notion_of_a_line_printing_one_cell(line):
    """Reading a row one cell per line and telling that cells follow a label agree on
    which lines print one cell holding a figure."""
    from extract.mapping import _cell_run, _cells_follow
    from extract.numbers import numbers_in_cell

    cells, _ = _cell_run([line], 1)
    holds_figure = len(cells) == 1 and numbers_in_cell(cells[0]) is not None and len(numbers_in_cell(cells[0])) == 1
    assert _cells_follow([line]) == holds_figure


def _markdown_report(t3_rows: list[str], t4_row: str) -> bytes:
    """A report exported as Markdown-style text: rows opened and closed by bars, a blank
    cell two spaces between bars, some rows padded with bars to the grid's width."""
    return ("某县人民政府2024年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n"
            "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 | ||||||||\n"
            "| 自然人 | 法人或其他组织 | 总计 | |||||||\n"
            "| 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |||||\n"
            + "\n".join(t3_rows)
            + "\n\n四、政府信息公开行政复议、行政诉讼情况\n\n| 行政复议 | 行政诉讼 |\n"
              "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 ||\n"
              "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"
            + t4_row + "\n\n五、存在的主要问题及改进情况\n").encode()


def test_a_blank_total_before_padding_bars_is_a_cell():
    """``| 1 | 0 | 0 | 0 | 0 | 0 |  | |`` after two label cells: six figures from the first
    cell, the last no sum of the others (so no total), then an empty cell and a padding
    bar: the empty cell is the blank 总计 (0). Table 4's row ending ``|  |||`` keeps its
    blank fifteenth cell before the padding bars."""
    rows = ["| 一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 | ||",
            "| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||",
            "| 三、本年度办理结果 | （一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 |  | |",
            "| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 0 | 0 | 0 | 0 | 0 | 0 |  | ||",
            "| （三）不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 |  | |",
            "| 2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 |  | ||",
            "| 3.危及“三安全一稳定” | 1 | 0 | 0 | 0 | 0 | 0 |  | ||"]
    t4 = "|  |  |  |  |  | 25 |  |  | 3 | 28 |  |  |  |  |  |||"
    f = map_layout(read_text(_markdown_report(rows, t4)))["figures"]
    assert [f.get(f"t3.granted.{c}") for c in schema.T3_COLUMN_KEYS] == [1, 0, 0, 0, 0, 0, 0]
    assert [f.get(f"t3.denied_three_safety.{c}") for c in schema.T3_COLUMN_KEYS] == [1, 0, 0, 0, 0, 0, 0]
    assert [f.get(k) for k in schema.T4_KEYS] == [0] * 5 + [25, 0, 0, 3, 28] + [0] * 5


def test_six_figures_whose_last_can_be_the_total_before_padding_stay_out():
    """``| 1 | 0 | 0 | 0 | 0 | 1 |  | |``: the last of six figures is the sum of the others,
    so it may be the total of a row printing six cells: the row is not read as six
    columns and a blank total."""
    rows = ["| 一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 | ||",
            "| 三、本年度办理结果 | （一）予以公开 | 1 | 0 | 0 | 0 | 0 | 1 |  | |"]
    f = map_layout(read_text(_markdown_report(rows, "| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |")))["figures"]
    assert f.get("t3.granted.other") in (None, 0) and f.get("t3.granted.total") in (None, 1)


def test_table_3_header_printed_again_one_cell_per_line_names_no_row():
    """Table 3 continued on a new page under its header printed again, its cells one per
    line (``总计`` alone on a line), blank cells printed 无: the header's 总计 is not the
    (七) 总计 row, so the rows after it keep their own figures (and the item numbers 2.
    3. … are no figures)."""
    header = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项", "加第四项之和）", "申请人情况", "自然人",
              "法人或其他组织", "总计", "商业企业 科研机构 社会公益", "组织", "法律服务", "机构 其他"]
    rows = [("一、本年新收政府信息公开申请数量", "3 无 无 无 无 无 3"), ("二、上年结转政府信息公开申请数量", "无 无 无 无 无 无 无"),
            ("（一）予以公开", "1 无 无 无 无 无 1"), ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "无 无 无 无 无 无 无"),
            ("1.属于国家秘密", "无 无 无 无 无 无 无"), ("2.其他法律行政法规禁止公开", "无 无 无 无 无 无 无"),
            ("3.危及“三安全一稳定”", "无 无 无 无 无 无 无"), ("4.保护第三方合法权益", "无 无 无 无 无 无 无"),
            ("5.属于三类内部事务信息", "无 无 无 无 无 无 无"), ("6.属于四类过程性信息", "无 无 无 无 无 无 无"),
            ("7.属于行政执法案卷", "无 无 无 无 无 无 无"), ("8.属于行政查询事项", "无 无 无 无 无 无 无"),
            ("1.本机关不掌握相关政府信息", "1 无 无 无 无 无 1"), ("2.没有现成信息需要另行制作", "无 无 无 无 无 无 无"),
            ("3.补正后申请内容仍不明确", "无 无 无 无 无 无 无"), ("（五）不予处理 1.信访举报投诉类申请", "无 无 无 无 无 无 无")]
    after = [("2.重复申请", "1 无 无 无 无 无 1"), ("3.要求提供公开出版物", "无 无 无 无 无 无 无"),
             ("4.无正当理由大量反复申请", "无 无 无 无 无 无 无"), ("5.要求行政机关确认或重新出具已获取信息", "无 无 无 无 无 无 无"),
             ("（六）其他处理", "无 无 无 无 无 无 无"), ("（七）总计", "3 无 无 无 无 无 3"), ("四、结转下年度继续办理", "无 无 无 无 无 无 无")]
    text = ("某街道办事处2019年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n" + "\n".join(header) + "\n"
            + "\n".join(f"{label} {cells}" for label, cells in rows) + "\n- 3 -\n" + "\n".join(header) + "\n"
            + "\n".join(f"{label} {cells}" for label, cells in after) + "\n四、政府信息公开行政复议、行政诉讼情况\n")
    f = map_layout(read_text(text.encode()))["figures"]
    assert [f.get(f"t3.ignored_repeat.{c}") for c in schema.T3_COLUMN_KEYS] == [1, 0, 0, 0, 0, 0, 1]
    assert [f.get(f"t3.results_total.{c}") for c in schema.T3_COLUMN_KEYS] == [3, 0, 0, 0, 0, 0, 3]
    assert [f.get(f"t3.other.{c}") for c in schema.T3_COLUMN_KEYS] == [0] * 7


def test_a_short_row_one_cell_per_line_ending_in_a_blank_mark_is_zero():
    """Rows printed one cell per line (``\\t3``), an empty line after each; a row printing
    only 自然人 and 总计 as ``0`` / ``/``: the total is the blank mark, 0, and with every
    figure 0 the row is all 0 (its first cell under 自然人 as the sums say)."""
    order = schema.T3_ROW_ORDER["2021"]
    labels = {key: schema.T3_ROWS[key].label for key in order}
    values = {key: [0] * 7 for key in order}
    values["new"] = values["results_total"] = [3, 1, 0, 0, 0, 0, 4]
    values["granted"] = [3, 1, 0, 0, 0, 0, 4]
    lines = ["某县乡村振兴局2022年政府信息公开工作年度报告", "", "三、收到和处理政府信息公开申请情况",
             "\t（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "\t申请人情况", ""]
    for key in order:
        lines.append("\t" + labels[key])
        cells = ["0", "/"] if key == "other_no_correction" else [str(v) for v in values[key]]
        lines += ["\t" + c for c in cells] + [""]
    lines += ["四、政府信息公开行政复议、行政诉讼情况", ""]
    f = map_layout(read_text("\n".join(lines).encode()))["figures"]
    assert f.get("t3.other_no_correction.total") == 0
    assert f.get("t3.other_no_correction.natural") == 0
    assert "t3.other_no_correction.commercial" not in f
    assert [f.get(f"t3.granted.{c}") for c in schema.T3_COLUMN_KEYS] == [3, 1, 0, 0, 0, 0, 4]
