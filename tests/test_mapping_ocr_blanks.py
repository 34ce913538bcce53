"""OCR'd reports that print zeros as blank cells: a row whose cells are all blank is a
row of zeros and never takes numbers from the lines after it."""
from __future__ import annotations

import pytest

from extract import schema
from extract.layout import Layout
from extract.mapping import map_layout

T3_COLUMNS = ("natural", "commercial", "research", "social", "legal", "other", "total")
BLANK7 = " |  |  |  |  |  |  | "

# table 3 as OCR reads it from a scan (zeros printed blank): one line per table row
T3_LINES = [
    "三、收到和处理政府信息公开申请情况",
    "(本列数据的勾往关系为:第一项加第二项之和，等于第三项加第四项之和) | 申请人情况",
    "自然人 | 法人或其他组织 | 总计",
    "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他",
    "一、本年新收政府信息公开申请数量" + BLANK7,
    "二、上年结转政府信息公开申请数量 |  |  | 1 | 1 |  |  | 2",
    "三、本年度办理结果 | (一)予以公开" + BLANK7,
    "(二)部分公开(区分处理的，只计这一情形，不计其他情形)" + BLANK7,
    "(三)不予公开 | 1.属于国家秘密" + BLANK7,
    "2.其他法律行政法规禁止公开" + BLANK7,
    "3.危及“三安全一稳定”" + BLANK7,
    "4.保护第三方合法权益" + BLANK7,
    "5.属于三类内部事务信息" + BLANK7,
    "6.属于四类过程性信息" + BLANK7,
    "7.属于行政执法案卷" + BLANK7,
    "8.属于行政查询事项" + BLANK7,
    "(四)无法提供 | 1.本机关不掌握相关政府信息" + BLANK7,
    "2.没有现成信息需要另行制作" + BLANK7,
    "3.补正后申请内容仍不明确" + BLANK7,
    "(五)不予处理 | 1.信访举报投诉类申请" + BLANK7,
    "2.重复申请" + BLANK7,
    "3.要求提供公开出版物" + BLANK7,
    "4.无正当理由大量反复申请" + BLANK7,
    "5要求行政机关确认或重新出具已获取信息" + BLANK7,
    "(六)其他处理 | 1 .申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" + BLANK7,
    "2.申请逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请" + BLANK7,
    "3 .其他" + BLANK7,
    "(七)总计 |  |  | 1 | 1 |  |  | 2",
    "四、结转下年度继续办理" + BLANK7,
]
T4_LINES = [
    "行政复议 | 行政诉讼",
    "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉",
    "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计",
    " |  | 2 |  | 2 | 1 | 4 |  |  | 5 |  | 4 | 3 |  | 7",
]
T4 = (0, 0, 2, 0, 2, 1, 4, 0, 0, 5, 0, 4, 3, 0, 7)


def _layout(t4_heading: str) -> Layout:
    return Layout(lines=["某街道办事处2023年政府信息公开工作年度报告", "一、总体情况", "本年度工作总体良好。",
                         "二、主动公开政府信息情况", "第二十条第(一)项",
                         "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数",
                         "规章 |  |  | ", "行政规范性文件 | 30 | 13 | 1",
                         *T3_LINES, t4_heading, *T4_LINES, "五、存在的主要问题及改进情况", "无。"])


@pytest.mark.parametrize("heading", ["四、政府信息公开行政复议、行政诉讼情况",
                                     "政府信息公开行政复议、行政诉讼情况",
                                     # the numeral misread, the rest of the heading intact
                                     "\\政府信息公开行政复议、行政诉讼情况",
                                     "凹、政府信息公开行政复议、行政诉讼情况",
                                     # the heading hidden by a misread numeral: table 4 runs on into table 3's region
                                     "\\政府信息公开行政复议、行政诉讼情况x",
                                     "口口口政府信息公开行政复议、行政诉讼有关情况"])
def test_blank_last_row_of_table_3_is_zeros_not_the_next_tables_numbers(heading):
    figures = map_layout(_layout(heading))["figures"]
    assert [figures.get(f"t3.carried_forward.{c}") for c in T3_COLUMNS] == [0] * 7
    assert [figures.get(f"t3.results_total.{c}") for c in T3_COLUMNS] == [0, 0, 1, 1, 0, 0, 2]
    assert [figures.get(f"t3.new.{c}") for c in T3_COLUMNS] == [0] * 7
    assert [figures.get(f"t3.carried_over.{c}") for c in T3_COLUMNS] == [0, 0, 1, 1, 0, 0, 2]
    if "四、" in heading or heading.endswith("诉讼情况"):
        assert [figures.get(k) for k in schema.T4_KEYS] == list(T4)


def test_blank_row_line_with_a_different_cell_count_still_defers_to_its_figures():
    """A label line padded with fewer blank cells than the row has is not the row:
    its figures on the next line are read."""
    layout = Layout(lines=["某区2021年政府信息公开工作年度报告", "二、主动公开政府信息情况",
                           "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数",
                           "规章 | ", "1 | 2 | 3", "行政规范性文件 | 4 | 5 | 6",
                           "三、收到和处理政府信息公开申请情况"])
    figures = map_layout(layout)["figures"]
    assert (figures["t2.rules.issued"], figures["t2.rules.repealed"], figures["t2.rules.in_force"]) == (1, 2, 3)


# --- table 2: longer labels with one character misread by OCR --------------------------

def _t2_layout(rows: list[str], heading: str = "第二十条第(八)项") -> Layout:
    return Layout(lines=["某区2023年政府信息公开工作年度报告", "二、主动公开政府信息情况", "第二十条第(一)项",
                         "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数", *rows[:2],
                         "第二十条第(五)项", "信息内容 | 本年处理决定数量", rows[2], "第二十条第(六)项",
                         "信息内容 | 本年处理决定数量", *rows[3:5], heading,
                         "信息内容 | 本年收费金矣《单位:万元)", *rows[5:],
                         "三、收到和处理政府信息公开申请情况", "自然人 | 商业企业", "五、存在的主要问题及改进情况"])


def test_t2_fee_label_with_one_character_misread():
    rows = ["规章 |  |  | ", "行政规范性文件 | 30 | 13 | 1", "行政许可 | 8", "行政处罚 | 1090", "行政强制 | ",
            "行政事业性收导 | 279.21"]
    record = map_layout(_t2_layout(rows))
    f = record["figures"]
    assert f["t2.fees.amount"] == 279.21
    assert (f["t2.licensing.decisions"], f["t2.penalty.decisions"], f["t2.coercion.decisions"]) == (8, 1090, 0)
    assert (f["t2.normative.issued"], f["t2.normative.repealed"], f["t2.normative.in_force"]) == (30, 13, 1)


def test_t2_normative_label_with_one_character_misread_between_found_rows():
    rows = ["规章 | 1 | 2 | 3", "行政规范性丈件 | 30 | 13 | 1", "行政许可 | 8", "行政处罚 | 9", "行政强制 | 4",
            "行政事业性收费 | 2.5"]
    f = map_layout(_t2_layout(rows))["figures"]
    assert (f["t2.rules.issued"], f["t2.rules.repealed"], f["t2.rules.in_force"]) == (1, 2, 3)
    assert (f["t2.normative.issued"], f["t2.normative.repealed"], f["t2.normative.in_force"]) == (30, 13, 1)
    assert f["t2.fees.amount"] == 2.5


@pytest.mark.parametrize("line", ["行政事业单位收费 | 279.21",  # two characters off: not the fee row
                                  "收费 | 279.21"])
def test_t2_other_text_is_not_taken_for_the_fee_row(line):
    rows = ["规章 |  |  | ", "行政规范性文件 | 30 | 13 | 1", "行政许可 | 8", "行政处罚 | 1090", "行政强制 | 5",
            line]
    f = map_layout(_t2_layout(rows))["figures"]
    assert "t2.fees.amount" not in f
    assert f["t2.coercion.decisions"] == 5


def test_t2_misread_label_never_matches_a_different_row():
    """The rows of table 2 differ in more than one character: a garbled label is found
    only as its own row, and a row missing from the table is not found in another's."""
    rows = ["规章 | 1 | 2 | 3", "行政规范性文件 | 30 | 13 | 1", "行政许可 | 8", "行政处罚 | 9", "行政强制 | 4"]
    f = map_layout(_t2_layout(rows))["figures"]
    assert "t2.fees.amount" not in f
    assert (f["t2.licensing.decisions"], f["t2.penalty.decisions"], f["t2.coercion.decisions"]) == (8, 9, 4)


# --- section headings whose numeral OCR misread -------------------------------------------

_SECTIONS_TEXT = ("一、总体情况\n本年度工作总体良好。\n二、主动公开政府信息情况\n表二\n"
                  "三、收到和处理政府信息公开申请情况\n表三\n{four}\n表四\n五、存在的主要问题及改进情况\n无。")


@pytest.mark.parametrize("four", ["\\政府信息公开行政复议、行政诉讼情况", "凹、政府信息公开行政复议、行政诉讼情况",
                                  "PY、政府信息公开行政复议、行政诉讼情况", "  口 政府信息公开行政复议、行政诉讼的情况"])
def test_heading_found_with_its_numeral_misread(four):
    from extract.sections import find_sections, section_texts

    text = _SECTIONS_TEXT.format(four=four)
    sections = find_sections(text)
    assert sorted(sections) == [1, 2, 3, 4, 5]
    assert text[sections[4].start:sections[4].body_start].strip() == four.strip()
    assert section_texts(text, sections)["3"] == "表三"
    assert section_texts(text, sections)["4"] == "表四"


@pytest.mark.parametrize("four", ["本机关无政府信息公开行政复议、行政诉讼情况",  # a sentence, not a heading
                                  "(四)政府信息公开行政复议、行政诉讼情况",   # a sub-heading
                                  "\\政府信息公开行政复议、行政诉讼情况均为零。",
                                  "七、政府信息公开行政复议、行政诉讼情况",  # another part's number
                                  "4.政府信息公开行政复议、行政诉讼情况"])
def test_text_that_is_no_heading_is_not_taken_for_section_4(four):
    from extract.sections import find_sections

    sections = find_sections(_SECTIONS_TEXT.format(four=four))
    assert 4 not in sections
    assert sorted(sections) == [1, 2, 3, 5]
