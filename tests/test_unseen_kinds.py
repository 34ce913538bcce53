"""Kinds of input that documents from real portals bring and the project's own renderer
did not: each kind is tested with several members, each with its printed values.

The kinds: portal page chrome (metadata tables, related links, site names in
``<title>``); titles wrapped over lines; tables, rows and cells printed blank; one-value
rows in one-cell-per-line text; 本年增/减 in words; rows printing fewer cells than
columns; free-format reports whose prose counts items; headings with typos; PDF text
layers that decode to garbage.
"""
from __future__ import annotations

import pytest

from extract import schema
from extract.api import extract_bytes
from extract.layout import Layout
from extract.mapping import map_layout
from extract.text import read_text


def text_record(text: str) -> dict:
    return map_layout(read_text(text.encode("utf-8")))


# --- kind 1: portal page chrome ---------------------------------------------------------

_T2_2021 = """<table border="1">
<tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>行政规范性文件</td><td>3</td><td>1</td><td>8</td></tr>
<tr><td colspan="4">第二十条第（五）项</td></tr>
<tr><td>行政许可</td><td colspan="3">52</td></tr>
</table>"""


def _portal_page(chrome: str, title_tag: str, heading: str) -> bytes:
    return f"""<html><head><meta charset="utf-8"><title>{title_tag}</title></head><body>
<div class="nav">首页 &gt; 政务公开 &gt; 政府信息公开年报</div>
{chrome}
{heading}
<div class="content"><p>一、总体情况</p><p>本年度，我单位持续推进政务公开。</p>
<p>二、主动公开政府信息情况</p>{_T2_2021}</div>
<div class="related"><ul><li><a href="a.html">{{body}}2019年政府信息公开工作年度报告</a></li>
<li><a href="b.html">{{body}}2023年政府信息公开工作年度报告</a></li></ul></div>
</body></html>""".encode("utf-8")


_META_TABLE = """<table class="xxgk">
<tr><td>索 引 号：</td><td>000014349/2023-00012</td><td>发布机构：</td><td>{publisher}</td></tr>
<tr><td>主题分类：</td><td>政府信息公开年报</td><td>发文日期：</td><td>2023-03-15</td></tr>
<tr><td>成文日期：</td><td>2023-03-10</td><td>文　　号：</td><td></td></tr>
</table>"""
_META_LIST = """<ul class="info"><li>索引号：11410100MB1234567/2023-0042</li><li>主题分类：政府信息公开年报</li>
<li>发布机构：{publisher}</li><li>发布日期：2023年03月15日</li><li>名称：{{title}}</li></ul>"""
_META_DIVS = """<div class="xxgk_top"><span>信息分类：工作报告</span><span>发文日期：2023-03-15</span>
<span>发布机构：{publisher}</span></div>"""


@pytest.mark.parametrize("chrome", [_META_TABLE, _META_LIST, _META_DIVS])
@pytest.mark.parametrize("body, publisher, title_style", [
    ("乌鲁木齐市水磨沟区卫生健康委员会", "水磨沟区人民政府", "h1"),
    ("洪泽区农业农村局", "洪泽区农业农村局", "title"),
    ("沙依巴克区人民政府八一街道办事处", "沙依巴克区人民政府", "p"),
])
def test_agency_year_title_come_from_the_report_not_the_chrome(chrome, body, publisher, title_style):
    title = f"{body}2022年政府信息公开工作年度报告"
    heading = {"h1": f"<h1>{title}</h1>", "title": f'<div class="article-title">{title}</div>',
               "p": f"<p style='text-align:center'><b>{title}</b></p>"}[title_style]
    page = _portal_page(chrome.format(publisher=publisher).replace("{title}", title),
                        f"{title}_{publisher}门户网站", heading).replace(b"{body}", body.encode())
    record = extract_bytes(page, "page.html")
    assert (record["agency"], record["year"], record["title"]) == (body, 2022, title)
    assert record["published"] == "2023-03-15"
    assert record["figures"]["t2.normative.in_force"] == 8
    assert record["figures"]["t2.licensing.decisions"] == 52


def test_title_tag_with_site_name_first():
    page = _portal_page("", "示范市人民政府 - 示范市教育局2021年度政府信息公开工作年度报告", "").replace(
        b"{body}", "示范市教育局".encode())
    record = extract_bytes(page, "page.html")
    assert (record["agency"], record["year"]) == ("示范市教育局", 2021)


def test_year_never_from_the_publication_date():
    text = "发布日期：2024-02-01\n一、总体情况\n我局认真贯彻条例。\n二、主动公开政府信息情况\n"
    record = text_record(text)
    assert record["year"] is None and record["published"] == "2024-02-01"


# --- kind 2: wrapped titles and titles missing -----------------------------------------

@pytest.mark.parametrize("first, second, agency, year", [
    ("昌吉回族自治州昌吉市退役军人事务局2024", "年度政府信息公开工作年度报告", "昌吉回族自治州昌吉市退役军人事务局", 2024),
    ("乌鲁木齐市天山区少先路街", "道办事处2023年政府信息公开工作年度报告", "乌鲁木齐市天山区少先路街道办事处", 2023),
    ("新疆维吾尔自治区伊犁哈萨克自治州卫生健", "康委员会2022年度政府信息公开工作年度报告",
     "新疆维吾尔自治区伊犁哈萨克自治州卫生健康委员会", 2022),
    ("黔东南苗族侗族自治州凯里市人民政府办公室", "2021年政府信息公开工作年度报告", "黔东南苗族侗族自治州凯里市人民政府办公室", 2021),
])
def test_wrapped_titles(first, second, agency, year):
    record = text_record(f"{first}\n{second}\n一、总体情况\n正文。\n")
    assert (record["agency"], record["year"]) == (agency, year)


@pytest.mark.parametrize("lines, agency", [
    (["2024年鹿城区文化路街", "道办事处政府信息公开工作年度报告"], "鹿城区文化路街道办事处"),
    (["2024年叠彩区新华街道", "办事处政府信息公开工作年度报告"], "叠彩区新华街道办事处"),
    (["隆德县人民政府", "办公室 2024 年政府信息公开工作年度报告"], "隆德县人民政府办公室"),
    (["石嘴山市发展和改革委员会 2019 年政府信息公", "开", "工作年度报告"], "石嘴山市发展和改革委员会"),
    (["淮安市生态环境局洪泽分局 2021 年度政府信息", "公开", "工作年度报告"], "淮安市生态环境局洪泽分局"),
    (["国家知识产权局网", "国家知识产权局关于2019年度政府信息公开工作的年度报告"], "国家知识产权局"),
])
def test_titles_wrapped_at_any_point(lines, agency):
    record = text_record("\n".join(lines) + "\n一、总体情况\n正文。\n")
    assert record["agency"] == agency


@pytest.mark.parametrize("lines", [
    ["{name}（{second}）", "2021年度政府信息公开工作年度报告"],
    ["{name}（{second}）2021年度政府信息公开工作年度报告"],
    ["{name}（{second_a}", "{second_b}）2021年度政府信息公开工作年度报告"],
    ["{name}（{second_a}", "{second_b}）", "2021 年政府信息公开工作年度报告"],
    ["2021年{name}（{second_a}", "{second_b}）政府信息公开工作年度报告"],
])
@pytest.mark.parametrize("name, second", [("梅江县塘下镇人民政府", "塘下乡村振兴服务中心"),
                                          ("白沙县人力资源和社会保障局", "白沙县社会保险事业服务中心"),
                                          ("新桥区教育局", "新桥区语言文字工作委员会办公室")])
def test_a_body_with_a_second_name_in_brackets(lines, name, second):
    """A body carrying a second name in brackets (a 挂牌 name), the title wrapped before,
    inside or after the bracket: the agency is the whole name."""
    cut = len(second) // 2
    text = "\n".join(lines).format(name=name, second=second, second_a=second[:cut], second_b=second[cut:])
    record = text_record(text + "\n一、总体情况\n正文。\n")
    assert (record["agency"], record["year"]) == (f"{name}({second})", 2021)


def test_a_quoted_template_name_is_no_title_and_the_signature_names_the_body():
    text = ("本报告根据《中华人民共和国政府信息公开条例》和《中华\n人民共和国政府信息公开工作年度报告格式》（国办公开办函\n"
            "〔2019〕60 号）要求编制。\n一、总体情况\n2019 年度，区政府认真贯彻条例。\n六、其他需要报告的事项\n无。\n"
            "赤坎区人民政府\n2020年1月15日\n")
    record = text_record(text)
    assert record["agency"] == "赤坎区人民政府" and record["year"] == 2019


@pytest.mark.parametrize("opening", [
    "根据《中华人民共和国政府信息公开条例》规定，现公布 2023 年度政\n府信息公开工作年度报告。报告由总体情况、主动公开政府信息情况、收\n到和处理政府信息公开申请情况等六部分组成。",
    "根据《中华人民共和国政府信息公开条例》规定，现公布2023年度政府信息公开工作年度报告。",
    "按照《条例》要求，现将本单位2023年度政府信\n息公开工作年度报告公布如下。",
])
def test_an_opening_sentence_naming_the_report_is_no_title(opening):
    """No title line: the opening sentence names the report; the body is the signature's."""
    text = f"{opening}\n一、总体情况\n2023 年，我镇认真贯彻条例。\n六、其他需要报告的事项\n无。\n石桥镇人民政府\n2024 年 1 月 1 日\n"
    record = text_record(text)
    assert (record["agency"], record["year"]) == ("石桥镇人民政府", 2023)


@pytest.mark.parametrize("body", ["自然资源部", "中国人民银行西安分行", "新疆生产建设兵团", "某县供销合作社"])
def test_a_body_name_on_the_line_above_a_title_naming_none(body):
    record = text_record(f"{body}\n2019年度政府信息公开工作年度报告\n一、总体情况\n正文。\n")
    assert (record["agency"], record["year"]) == (body, 2019)


def test_heading_in_two_elements_gives_way_to_the_full_title():
    page = ("<html><head><title>长治市沁源县甘雨镇人民政府2024年政府信息公开工作年度报告 - 沁源县人民政府门户网站</title></head>"
            "<body><div class='title'><span>长治市沁源县甘雨镇人</span><h1 class='title'>民政府2024年政府信息公开工作年度报告</h1></div>"
            "<p>一、总体情况</p><p>正文。</p></body></html>").encode()
    assert extract_bytes(page, "p.html")["agency"] == "长治市沁源县甘雨镇人民政府"


def test_site_name_above_a_full_title_is_not_joined():
    record = text_record("示范县人民政府\n示范县农业农村局2021年政府信息公开工作年度报告\n一、总体情况\n正文。\n")
    assert record["agency"] == "示范县农业农村局"


@pytest.mark.parametrize("ending, agency", [
    ("\n五、存在的主要问题及改进情况\n无。\n\n清河县市场监督管理局\n2024年1月18日\n", "清河县市场监督管理局"),
    ("\n六、其他需要报告的事项\n无。\n城关镇人民政府\n二〇二四年一月二十日\n", "城关镇人民政府"),
])
def test_agency_from_the_signature_block(ending, agency):
    record = text_record("一、总体情况\n2023年，我单位认真贯彻落实条例。" + ending)
    assert record["agency"] == agency and record["year"] == 2023


# --- kind 3 is in tests/test_mapping.py (blank tables); a whole blank table 3 here ------

def test_street_office_with_an_empty_table_3_and_numbers_in_table_2():
    layout = Layout(lines=["红旗街道办事处2023年政府信息公开工作年度报告", "二、主动公开政府信息情况"])
    layout.add_row(["规章", "0", "0", "0"])
    layout.add_row(["行政规范性文件", "1", "", "2"])
    layout.lines.append("三、收到和处理政府信息公开申请情况")
    for label in ("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开",
                  "（七）总计", "四、结转下年度继续办理"):
        layout.add_row([label] + [""] * 7)
    result = map_layout(layout)
    assert result["figures"]["t3.new.total"] == 0 and result["printed_as"]["t3.new.total"] == "blank"
    assert result["figures"]["t3.carried_forward.natural"] == 0
    assert result["figures"]["t2.normative.in_force"] == 2 and result["printed_as"]["t2.normative.repealed"] == "blank"


# --- kind 4: one-value rows in one-cell-per-line text ----------------------------------

@pytest.mark.parametrize("sep", [" |", "|", "\t", " | "])
def test_one_value_rows_one_cell_per_line(sep):
    rows = [("行政许可", "12"), ("行政处罚", "3"), ("行政强制", "5"), ("行政事业性收费", "1.5")]
    lines = ["某区司法局2022年政府信息公开工作年度报告", "二、主动公开政府信息情况", f"第二十条第（五）项{sep}",
             f"信息内容{sep}", f"本年处理决定数量{sep}"]
    for label, value in rows:
        lines += [f"{label}{sep}", f"{value}{sep}", sep.strip() * 2]
    record = text_record("\n".join(lines) + "\n")
    f = record["figures"]
    assert (f["t2.licensing.decisions"], f["t2.penalty.decisions"], f["t2.coercion.decisions"],
            f["t2.fees.amount"]) == (12, 3, 5, 1.5)


# --- kind 6: 本年增/减 in words ---------------------------------------------------------

@pytest.mark.parametrize("cell, value", [("增4", 4), ("减4", -4), ("增加2", 2), ("减少4", -4), ("持平", 0),
                                         ("-3", -3), ("+2", 2), ("下降1", -1)])
def test_change_in_words(cell, value):
    text = ("某局2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第(五)项\n"
            "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量\n"
            f"行政许可 | 6 | {cell} | 2\n其他对外管理服务事项 | 1 | 0 | 7\n")
    record = text_record(text)
    assert record["figures"]["t2.licensing.change"] == value
    assert record["figures"]["t2.licensing.decisions"] == 2
    assert record["printed_as"]["t2.licensing.change"] == ("words" if not cell[-1:].isdigit() or cell[0] in "增减下"
                                                            else "number")


# --- kind 7: rows printing fewer cells than columns ------------------------------------

@pytest.mark.parametrize("shape", ["rows", "cells"])
def test_short_table_3_rows_keep_only_the_total(shape):
    rows = [("一、本年新收政府信息公开申请数量", ["5", "7"]), ("二、上年结转政府信息公开申请数量", ["0", "1"]),
            ("（一）予以公开", ["4", "4"]), ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ["2", "3", "5"])]
    lines = ["某局2019年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况", "三、本年度办理结果"]
    for label, values in rows:
        if shape == "rows":
            lines.append(" | ".join([label] + values))
        else:
            lines += [label + " |"] + [v + " |" for v in values] + ["|||||"]
    record = text_record("\n".join(lines) + "\n")
    f = record["figures"]
    assert (f.get("t3.new.total"), f.get("t3.carried_over.total"), f.get("t3.granted.total"),
            f.get("t3.partial.total")) == (7, 1, 4, 5)
    assert not [k for k in f if k.startswith("t3.") and not k.endswith(".total")]


def test_short_row_whose_last_number_cannot_be_the_total_is_left_out():
    record = text_record("某局2019年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
                         "一、本年新收政府信息公开申请数量 | 9 | 2\n")
    assert "t3.new.total" not in record["figures"]


@pytest.mark.parametrize("lines", [
    ["| 0 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0", "2 0 0"],   # the grid's left columns lost
    ["2 0 0", "| 0 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0"],
    ["| 2 | 0 | 0 | 0 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0", "0 0 0"],
])
def test_table_4_figures_partly_in_cells_partly_on_a_line_apart_are_left_out(lines):
    """OCR that found only part of table 4's grid reads the other columns as a text line
    beside the row: fifteen figures in all, but their order is not the columns' order."""
    text = ("某县2021年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n"
            "行政复议 行政诉讼\n结果维持 结果纠正 其他结果 尚未审结 总计\n" + "\n".join(lines)
            + "\n五、存在的主要问题及改进情况\n无。\n")
    record = text_record(text)
    assert not [k for k in record["figures"] if k.startswith("t4.")]
    assert any(w["code"] == "figures_apart_from_grid" for w in record["warnings"])


_T3_HEAD = ("某县2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            "申请人情况\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n")
_T3_TAIL = "四、结转下年度继续办理\t—\t—\t—\t—\t—\t—\t—\n"


@pytest.mark.parametrize("row", [
    "（二）部分公开\t1\t—\t—\t1\t—\t—",                      # total cut off
    "（二）部分公开 | 1 | / | / | 1 | / | /",
    "（二）部分公开 |\n1 |\n— |\n— |\n1 |\n— |\n— |",            # one cell per line
])
def test_a_row_printing_its_blank_cells_is_no_two_cell_row(row):
    """A row printing blank marks among its figures prints its blank cells: when a cell
    is missing, its last number is not its total by position (1 — — 1 — — would give a
    total of 1 for a row summing to 2)."""
    f = text_record(_T3_HEAD + row + "\n" + _T3_TAIL)["figures"]
    assert not [k for k in f if k.startswith("t3.partial.")]


@pytest.mark.parametrize("row", [
    "三、本年度办理结果\t（二）部分公开\t（二）部分公开\t1\t—\t—\t1\t—\t—\t2",
    "（二）部分公开\t（二）部分公开\t1\t—\t—\t1\t—\t—\t2",
    "（二）部分公开 | （二）部分公开 | （二）部分公开 | 1 | — | — | 1 | — | — | 2",
    "三、本年度办理结果\t（二）部分公开\t（二）部分公开\t1\t—\t—\t1\t—\t—\t",
])
def test_a_label_repeated_over_its_span_is_not_a_cell(row):
    """An export printing a label cell that spans several columns once per column (tab or
    bar separated): the copies are the label, and the row's seven cells follow them (an
    empty last cell is a blank total, 0)."""
    f = text_record(_T3_HEAD + row + "\n" + _T3_TAIL)["figures"]
    total = 2 if row.endswith("2") else 0
    assert [f.get(f"t3.partial.{c}") for c in schema.T3_COLUMN_KEYS] == [1, 0, 0, 1, 0, 0, total]


def _bare_cell_lines(t3_rows: dict) -> str:
    """A report printed one cell per line without separators, a blank cell an empty line."""
    lines = ["某镇2024年政府信息公开工作年度报告", "二、主动公开政府信息情况", "第二十条第（一）项", "信息内容",
             "本年制发件数", "本年废止件数", "现行有效件数", "规章", "", "", "", "行政规范性文件", "", "", "",
             "第二十条第（五）项", "信息内容", "本年处理决定数量", "行政许可", "",
             "三、收到和处理政府信息公开申请情况", "申请人情况", "自然人", "总计"]
    for key, row in schema.T3_ROWS.items():
        if key != "other":
            lines += [row.label] + t3_rows.get(key, [""] * 7)
    return "\n".join(lines + ["四、政府信息公开行政复议、行政诉讼情况"]) + "\n"


def test_one_cell_per_line_with_empty_lines_for_blank_cells():
    """Rows of figures show that an empty line is a blank cell (``2`` / `` `` / ``1`` … seven
    lines): a row printing its label and exactly as many empty lines as it has cells is a
    row of blank cells, 0, in that table and in table 2."""
    rows = {"new": ["2", "3", "", "", "1", "", "6"], "granted": ["", "", "", "", "1", "", "1"],
            "results_total": ["", "", "", "", "1", "", "1"], "carried_forward": ["2", "3", "", "", "", "", "5"]}
    f = text_record(_bare_cell_lines(rows))["figures"]
    assert [f.get(f"t3.new.{c}") for c in schema.T3_COLUMN_KEYS] == [2, 3, 0, 0, 1, 0, 6]
    assert [f.get(f"t3.other_other.{c}") for c in schema.T3_COLUMN_KEYS] == [0] * 7
    assert [f.get(f"t3.carried_over.{c}") for c in schema.T3_COLUMN_KEYS] == [0] * 7
    assert [f.get(f"t3.granted.{c}") for c in schema.T3_COLUMN_KEYS] == [0, 0, 0, 0, 1, 0, 1]
    assert (f.get("t2.rules.issued"), f.get("t2.normative.in_force"), f.get("t2.licensing.decisions")) == (0, 0, 0)


def test_empty_lines_not_matching_a_rows_cells_are_no_blank_row():
    """Six empty lines under a seven-cell row: not the row's cells, so the row is left out."""
    rows = {"new": ["2", "3", "", "", "1", "", "6"], "carried_over": [""] * 6, "granted": ["", "", "", "", "1", "", "1"]}
    f = text_record(_bare_cell_lines(rows))["figures"]
    assert not [k for k in f if k.startswith("t3.carried_over.")]
    assert f.get("t3.granted.total") == 1


def test_page_starting_mid_table_3():
    text = ("某局2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            "一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1\n"
            "（七）总计 | 1 | 0 | 0 | 0 | 0 | 0 | 1\n"
            "四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n")
    record = text_record(text)
    assert record["figures"]["t3.results_total.total"] == 1
    assert record["figures"]["t3.carried_forward.total"] == 0


# --- kind 8: free-format reports, headings with typos ----------------------------------

@pytest.mark.parametrize("year", [2017, 2018])
def test_free_format_prose_gives_no_template_figures(year):
    text = (f"某市人民政府{year}年政府信息公开工作年度报告\n一、概述\n{year}年，我市认真贯彻条例。\n"
            "二、主动公开政府信息情况\n全年主动公开政府信息1234条，其中规范性文件类信息56条，政府集中采购信息7条，"
            "其他对外管理服务事项信息89条。\n三、依申请公开情况\n全年共受理申请12件，均按时答复。\n")
    record = text_record(text)
    assert record["format"] == "free"
    assert record["figures"] == {}


def test_prose_numbers_in_a_template_report_are_not_cells():
    text = ("某县2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
            "本年制发规章，行政规范性文件123件，均已公开。\n")
    assert not [k for k in text_record(text)["figures"] if k.startswith("t2.normative")]


@pytest.mark.parametrize("prose", [
    "2024年以来,我乡制发文件18件,废止文件0件,现行有效文件18件,行政许可共处理决定62起,行政处罚共处理决定0起。",
    "2021年,我局主动公开信息66条,其中:通知公告18条、行政许可事项3条、行政处罚1条,回复公众诉求件9件。",
    "本年度，行政许可62件；行政处罚0件，行政强制0件。",
    "本年度未制发和处理区级医疗卫生系统行政规范性文件。",
    "本单位不涉及行政许可、行政处罚；",
])
@pytest.mark.parametrize("cells", ["bars", "lines"])
def test_a_paragraph_naming_table_2s_rows_before_the_table_does_not_take_their_places(prose, cells):
    """A paragraph before table 2 names 行政许可 and 行政处罚: the rows were anchored in
    the sentence, 规章 and 行政规范性文件 (standing before them in the table) were never
    looked for, and every row after was read from the wrong text."""
    rows = [("规章", ["0", "0", "0"]), ("行政规范性文件", ["18", "0", "18"])]
    if cells == "bars":
        body = "\n".join(f"{label} | {' | '.join(v)} |" for label, v in rows)
        tail = "行政许可 | 62 |\n第二十条第(六)项 |\n信息内容 | 本年处理决定数量 |\n行政处罚 | 4 |\n行政强制 | 0 |"
    else:
        body = "\n".join(f"{label}\n" + "\n".join(v) for label, v in rows)
        tail = "行政许可\n62\n第二十条第(六)项\n信息内容\n本年处理决定数量\n行政处罚\n4\n行政强制\n0"
    text = (f"某乡2024年政府信息公开工作年度报告\n二、主动公开政府信息情况\n{prose}\n第二十条第(一)项\n"
            f"信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n{body}\n第二十条第(五)项\n信息内容 | 本年处理决定数量 |\n"
            f"{tail}\n三、收到和处理政府信息公开申请情况\n")
    figures = text_record(text)["figures"]
    assert [figures.get(f"t2.normative.{c}") for c in ("issued", "repealed", "in_force")] == [18, 0, 18]
    assert figures.get("t2.rules.issued") == 0 and figures.get("t2.licensing.decisions") == 62
    assert figures.get("t2.penalty.decisions") == 4 and figures.get("t2.coercion.decisions") == 0


@pytest.mark.parametrize("heading", ["四、政府信息公开行政法复议、行政诉讼情况", "四、政府信息公开行政复议、行政政诉讼情况",
                                     "四、行政复议和行政诉讼情况"])
def test_table_4_heading_with_a_typo(heading):
    t4 = " | ".join(str(v) for v in range(1, 16))
    text = f"某县2021年政府信息公开工作年度报告\n{heading}\n行政复议 | 行政诉讼\n{t4}\n五、存在的主要问题及改进情况\n无。\n"
    record = text_record(text)
    assert record["figures"]["t4.review.upheld"] == 1 and record["figures"]["t4.suit_after_review.total"] == 15


@pytest.mark.parametrize("heading", ["四、政府信息公开行政法复议、行政诉讼情况", "四、政府信息公开行政复议、行政政诉讼情况",
                                     "四、政府信息公开行政复议行政诉讼的的情况"])
@pytest.mark.parametrize("after", ["行政复议 行政诉讼 结果维持结果纠正其他结果尚未审结总计 ", "行政复议行政诉讼 "])
def test_table_4_heading_with_a_typo_in_flattened_text(heading, after):
    """Flattened page text runs the heading, the table's header and its figures on in one
    line: a heading with a typo is still the table's when the table's header follows it
    (table 3's last row took table 4's fifteen figures and was left out, table 4 missing)."""
    text = ("某区2022年政府信息公开工作年度报告 三、收到和处理政府信息公开申请情况 （本列数据的勾稽关系为：第一项加第二项之和，"
            "等于第三项加第四项之和） 申请人情况 四、结转下年度继续办理 0 0 0 0 0 0 1 "
            f"{heading}{after}0 1 1 0 2 1 0 0 0 1 0 0 0 0 0 五、存在的主要问题及改进情况 无。\n")
    figures = text_record(text)["figures"]
    assert [figures.get(f"t4.review.{c}") for c in ("upheld", "corrected", "other", "pending", "total")] == [0, 1, 1, 0, 2]
    assert figures.get("t4.suit_direct.upheld") == 1 and figures.get("t4.suit_after_review.total") == 0
    assert figures.get("t3.carried_forward.total") == 1


@pytest.mark.parametrize("row", [
    "1 9 — — 2 3 1 — — — — — 23 — — — 23",        # two numbers' digits set apart
    "19 — — 2 31 — — — — — 23 — — — 23 — 7",       # a stray figure after the row
    "19 | — | — | 2 | 31 | — | — | — | — | — | 23 | — | — | — | 23 | 5",
])
def test_table_4_with_more_than_fifteen_numbers_is_not_read_by_position(row):
    """Sixteen or seventeen numbers where table 4 has fifteen cells: which fifteen are
    the row's is unknown, so none is read (never the first fifteen)."""
    text = ("某县2021年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n"
            "行政复议 行政诉讼\n结果维持 结果纠正 其他结果 尚未审结 总计\n"
            f"{row}\n五、存在的主要问题及改进情况\n无。\n")
    record = text_record(text)
    assert not [k for k in record["figures"] if k.startswith("t4.")]
    assert {w["code"] for w in record["warnings"]} & {"table_overfull", "table_incomplete"}


# --- one cell per line, in the styles office dumps and archivers print -----------------

_ROWS = [("规章", ["", "", "2"]), ("行政规范性文件", ["3", "", "104"])]
_T3_NEW = ("一、本年新收政府信息公开申请数量", ["12", "", "", "1", "", "", "13"])


def _cells_text(style: str, blank: str = "") -> str:
    def cell(value: str) -> str:
        value = value or blank
        return {"pipe_end": f"{value} |", "tab_end": f"{value}\t", "docx_dump": f"\t{value}", "plain": value}[style]

    lines = ["某县教育局2023年政府信息公开工作年度报告", "二、主动公开政府信息情况", cell("信息内容")]
    for label, values in _ROWS + [_T3_NEW]:
        if label.startswith("一、"):
            lines += ["三、收到和处理政府信息公开申请情况", cell("申请人情况")]
        lines.append(cell(label))
        lines += [cell(v) for v in values]
        lines += {"pipe_end": ["||"], "docx_dump": [""], "tab_end": [], "plain": []}[style]
    lines += ["二、上年结转政府信息公开申请数量", "说明：无。"]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("style, blank", [("pipe_end", ""), ("tab_end", ""), ("docx_dump", ""), ("plain", "—"),
                                          ("plain", "/"), ("plain", "")])
def test_rows_printed_one_cell_per_line_with_blank_cells(style, blank):
    record = text_record(_cells_text(style, blank))
    f = record["figures"]
    assert [f.get(f"t2.rules.{c}") for c in ("issued", "repealed", "in_force")] == [0, 0, 2]
    assert [f.get(f"t2.normative.{c}") for c in ("issued", "repealed", "in_force")] == [3, 0, 104]
    assert [f.get(f"t3.new.{c}") for c in ("natural", "commercial", "research", "social", "legal", "other",
                                            "total")] == [12, 0, 0, 1, 0, 0, 13]


def test_double_spaced_cells_are_not_blank_cells():
    text = "某市2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n规范性文件\n\n326\n\n332\n\n750\n\n第二十条\n"
    f = text_record(text)["figures"]
    assert (f["t2.normative.made"], f["t2.normative.published"], f["t2.normative.public_total"]) == (326, 332, 750)


def test_padding_after_a_short_row_is_not_blank_cells():
    text = ("某局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            "| 一、本年新收政府信息公开申请数量 | 4 | 5 | |||||\n"
            "| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n")
    f = text_record(text)["figures"]
    assert f["t3.new.total"] == 5 and "t3.new.natural" not in f and "t3.new.commercial" not in f
    assert f["t3.carried_over.total"] == 0


@pytest.mark.parametrize("sep", ["  ", "   ", "    "])
def test_rows_aligned_with_runs_of_spaces(sep):
    j = sep.join
    text = "\n".join([
        "某县2021年政府信息公开工作年度报告", "二、主动公开政府信息情况", j(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]),
        j(["规章", "—", "—", "—"]), j(["行政规范性文件", "8", "—", "11"]),
        "三、收到和处理政府信息公开申请情况",
        j(["三、本年度办理结果", "(一)予以公开", "13", "/", "/", "/", "/", "1", "14"]),
        j(["(二)部分公开（区分处理的，只计这一情形，不计其他情形）", "3", "/", "/", "/", "/", "/", "3"])]) + "\n"
    f = text_record(text)["figures"]
    assert [f[f"t2.normative.{c}"] for c in ("issued", "repealed", "in_force")] == [8, 0, 11]
    assert [f[f"t2.rules.{c}"] for c in ("issued", "repealed", "in_force")] == [0, 0, 0]
    assert [f[f"t3.granted.{c}"] for c in ("natural", "commercial", "other", "total")] == [13, 0, 1, 14]
    assert f["t3.partial.total"] == 3


def test_markdown_row_with_slashes_and_a_closing_empty_cell():
    text = ("某局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            "| 三、本年度办理结果 | （一）予以公开 | 1 | / | / | / | / | / | 1 | |\n")
    f = text_record(text)["figures"]
    assert [f[f"t3.granted.{c}"] for c in ("natural", "commercial", "legal", "other", "total")] == [1, 0, 0, 0, 1]


def test_a_count_with_a_decimal_point_is_left_out():
    text = ("某县2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
            "行政许可 | 17.618\n行政处罚 | 12\n行政事业性收费 | 15.46\n")
    f = text_record(text)["figures"]
    assert "t2.licensing.decisions" not in f
    assert f["t2.penalty.decisions"] == 12 and f["t2.fees.amount"] == 15.46


@pytest.mark.parametrize("cells, total", [(["—", "—"], 0), (["/", "/"], 0), (["2", "—"], None), (["—", "3"], 3),
                                          (["1", "", "4"], 4), (["5", "3"], None), (["7", ""], None)])
def test_short_row_of_dashes_gives_its_total(cells, total):
    text = ("某局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            + " | ".join(["4.保护第三方合法权益"] + cells) + " \n")
    assert text_record(text)["figures"].get("t3.denied_third_party.total") == total


@pytest.mark.parametrize("head, agency", [
    (["政府信息公开年", "报", "名称", "通渭县水利局2021年政府信息公开工作年度", "报告"], "通渭县水利局"),
    (["名称 2021年赣州市教育局政府信息公开工作年度报告 有效性 是"], "赣州市教育局"),
    (["洛阳市偃师", "区统计局关于2022年度政府信息公开工作的年度报告"], "洛阳市偃师区统计局"),
])
def test_metadata_printed_without_colons_and_column_names_in_the_chrome(head, agency):
    """A portal page printed to PDF: labels without colons, label cells wrapped, the
    column's name (政府信息公开年报) above the report's own title."""
    record = text_record("\n".join(head) + "\n一、总体情况\n正文。\n")
    assert record["agency"] == agency


# --- rows padded to the table's width, with a group label cell --------------------------

_T3_HEAD = ("某局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            "| 自然人 | 法人或其他组织 | 总计 | ||||||\n")


@pytest.mark.parametrize("row, pad", [
    ("| 三、本年度办理结果 | （一）予以公开 | {} |  |  |  |  |  | {} |", " |"),
    ("| 三、本年度办理结果 | （一）予以公开 | {} |  |  |  |  |  | {} |", " ||"),
    ("| （一）予以公开 | {} |  |  |  |  |  | {} |", " ||"),
    ("（一）予以公开 | {} |  |  |  |  |  | {} |", " |||"),
])
@pytest.mark.parametrize("value", [1, 0, 12])
def test_a_row_spanning_the_table_then_padding_keeps_its_blank_cells(row, pad, value):
    """Blank legal-person cells between 自然人 and 总计, then empty cells padding the row to
    the table's width (a group label cell in front changes how many): the row is whole,
    its blanks 0, the padding no cell."""
    f = text_record(_T3_HEAD + row.format(value, value) + pad + "\n")["figures"]
    assert [f.get(f"t3.granted.{c}") for c in ("natural", "commercial", "research", "social", "legal", "other",
                                               "total")] == [value, 0, 0, 0, 0, 0, value]


def test_figures_right_after_the_label_then_only_empty_cells_stay_unplaced():
    """``| 3 | 3 | | | | | | | |``: two figures, then more empty cells than the row has
    columns left: padding, so which columns the figures stand in is not printed."""
    f = text_record(_T3_HEAD + "| （一）予以公开 | 3 | 3 |  |  |  |  |  |  |  |\n")["figures"]
    assert "t3.granted.natural" not in f and "t3.granted.commercial" not in f


# --- 本年增/减 in words on space-aligned lines: the words keep their sign ----------------

@pytest.mark.parametrize("cell, value", [("减少3", -3), ("减3", -3), ("下降2", -2), ("增加4", 4), ("持平", 0)])
@pytest.mark.parametrize("label_line", [True, False])
def test_a_change_in_words_keeps_its_sign_in_space_aligned_text(cell, value, label_line):
    """``行政事业性收费   6   减少3``, and the same with the cells wrapped onto the next line
    (it starts with spaces): the change is read from its words, never as a bare digit run."""
    row = f"行政事业性收费   6   {cell}" if label_line else f"行政事业性收费\n   6   {cell}"
    text = ("某局2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第(八)项\n"
            "信息内容   上一年项目数量   本年增/减\n" + row + "\n第二十条第(九)项\n")
    f = text_record(text)["figures"]
    assert f.get("t2.fees.change") == value
    assert f.get("t2.fees.prev_items") == 6


def test_digits_after_a_word_for_less_are_never_read_unsigned():
    """Text no cell rule reads: the digits of ``减少3`` are left out rather than read as 3."""
    text = ("某局2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第(八)项\n"
            "行政事业性收费6减少3\n第二十条第(九)项\n")
    assert text_record(text)["figures"].get("t2.fees.change") in (None, -3)


# --- two rows of figures under one label --------------------------------------------------

@pytest.mark.parametrize("sep", [" | ", "\t"])
def test_two_whole_rows_under_one_label_are_left_out(sep):
    """A page or cell break lost the label of （七）总计 and printed 四、结转下年度 above both
    rows: neither row is assigned, so the 2 of 总计 never becomes the carried-forward figure."""
    text = ("某局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            "（六）其他处理 | 1 | 0 | 0 | 0 | 0 | 0 | 1\n四、结转下年度\n"
            + sep.join(["2", "0", "0", "0", "0", "0", "2"]) + "\n"
            + sep.join(["0"] * 7) + "\n四、因政府信息公开工作被申请行政复议、提起行政诉讼情况\n")
    record = text_record(text)
    assert not [k for k in record["figures"] if k.startswith("t3.carried_forward")]
    assert any(w["code"] == "rows_under_one_label" and "t3.carried_forward" in w["detail"]
               for w in record["warnings"]), record["warnings"]


@pytest.mark.parametrize("head, agency", [
    (["昌吉回族自治州玛纳斯县", "财政局 2021 年度政府信息公开工作年度报告"], "昌吉回族自治州玛纳斯县财政局"),
    (["阿坝藏族羌族自治州汶川县", "教育局2022年政府信息公开工作年度报告"], "阿坝藏族羌族自治州汶川县教育局"),
    (["石家庄市赞皇县人民政府 2019 年政府信息公开", "工作年", "度报告"], "石家庄市赞皇县人民政府"),
    (["宿州市生态环境局2020年政府信息", "公开工作年", "度报告"], "宿州市生态环境局"),
    (["北京市海淀区", "海淀区财政局2021年政府信息公开工作年度报告"], "海淀区财政局"),
])
def test_titles_wrapped_after_the_place_or_inside_the_report_phrase(head, agency):
    """A department's name wrapped after its place's line, and the report phrase broken
    over three short lines; a title naming its own place is not joined to the line above."""
    body = "\n根据《中华人民共和国政府信息公开条例》规定，现公布本机关年度报告。\n一、总体情况\n正文。\n"
    assert text_record("\n".join(head) + body)["agency"] == agency


@pytest.mark.parametrize("lost_rows, kept", [(3, False), (5, False), (4, True)])
def test_rows_whose_labels_were_lost_are_placed_only_when_the_lines_match_them(lost_rows, kept):
    """After 5.要求行政机关确认… the labels of the next rows were lost (a page break put
    them in another table). Three (其他处理 ×3) plus 总计 are expected: only four lines of
    figures may be placed in row order; three or five lines are left out, since which
    line is whose is unknown."""
    lines = ["某局2021年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况",
             "5.要求行政机关确认或重新出具已获取信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0"]
    rows = [[1, 0, 0, 0, 0, 0, 1], [4, 0, 0, 0, 0, 0, 4], [0, 0, 0, 0, 0, 0, 0], [5, 0, 0, 0, 0, 0, 5],
            [2, 0, 0, 0, 0, 0, 2]][:lost_rows]
    lines += [" | ".join(str(v) for v in row) for row in rows]
    lines += ["四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"]
    record = text_record("\n".join(lines) + "\n")
    f = record["figures"]
    placed = [k for k in f if k.split(".")[1] in ("other_no_correction", "other_no_fee", "other_other", "results_total")]
    if kept:
        assert f["t3.other_no_correction.natural"] == 1 and f["t3.results_total.total"] == 5
    else:
        assert placed == []
        assert "row_lines_unmatched" in [w["code"] for w in record["warnings"]]
    assert f["t3.ignored_confirm.total"] == 0 and f["t3.carried_forward.total"] == 0


def test_the_start_of_the_next_rows_line_is_no_row_of_its_own():
    """OCR garbled two labels (行 | .处罚, 行政强上) and split the next one (行下 | 行政事业性收费):
    the piece before the recognised label belongs to that label's line, so two lines of
    figures for two unrecognised rows remain and are placed."""
    text = ("某县2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第(五)项\n"
            "信息内容 | 本年处理决定数量\n行政许可 | 1286\n第二十条第(六)项\n信息内容 | 本年处理决定数量\n"
            "行 | .处罚 | 57\n行政强上 |  | 3\n第二十条第(八)项\n行下 | 行政事业性收费 | 12.5\n")
    f = text_record(text)["figures"]
    assert (f.get("t2.penalty.decisions"), f.get("t2.coercion.decisions"), f.get("t2.fees.amount")) == (57, 3, 12.5)


@pytest.mark.parametrize("row, n_key", [
    ("4.保护第三方合法权益 12 1 1 1 15", "t3.denied_third_party"),
    ("2.重复申请 16 10 2 28", "t3.ignored_repeat"),
    ("一、本年新收政府信息公开申请数量 12 1 2 5 20", "t3.new"),
])
def test_fewer_spaced_numbers_than_cells_are_never_cut_into_digits(row, n_key):
    """A table drawn without column rules, its blank cells printing nothing: ``12 1 1 1 15``
    for seven cells. Cutting 12 into 1 and 2 to make up the count gave wrong numbers in
    every column; the row is left out (its numbers' columns are not printed)."""
    text = ("某局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            "（三）不予公开\n" + row + "\n四、结转下年度继续办理 0 0 0 0 0 0 0\n")
    record = text_record(text)
    assert not [k for k in record["figures"] if k.startswith(n_key + ".") and k != n_key + ".total"]
    assert record["figures"].get(n_key + ".total") in (None, int(row.split()[-1]))  # 总计 is the last number
    assert any(w["code"] in ("digits_do_not_fit", "short_row") and n_key in w["detail"] for w in record["warnings"])


def test_digits_run_together_are_still_cut_when_the_runs_show_it():
    """``0 00 0 023``: runs with leading zeros can only be several cells' digits."""
    text = ("某局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            "2.重复申请 23 0 00 0 023\n四、结转下年度继续办理 0 0 0 0 0 0 0\n")
    f = text_record(text)["figures"]
    assert f.get("t3.ignored_repeat.total") in (23, None)  # cut, or left out as ambiguous; never another value
    assert f.get("t3.ignored_repeat.natural") in (23, None)


@pytest.mark.parametrize("header", [
    ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况",
     "自然人 | 法人或其他组织 | 总计", "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他"],
    ["申请人情况", "自然人 | 法人或其他组织 | 总计"],
    ["自然人\t法人或其他组织\t总计", "商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他"],
])
def test_header_rows_printed_again_mid_table_are_no_rows(header):
    """Table 3 continued on a new page with its header rows repeated: their 总计 and 其他
    are column headings, not the rows (七)总计 and (六)3.其他, so the rows printed after
    them are still read."""
    rows = ["一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5",
            "1.信访举报投诉类申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1", *header,
            "三、本年度办理结果（续） | （五）不予处理（续） | 2.重复申请 | 2 | 0 | 0 | 0 | 0 | 0 | 2",
            "3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0",
            "（七）总计 | 3 | 0 | 0 | 0 | 0 | 0 | 3",
            "四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2"]
    f = text_record("某局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
                    + "\n".join(rows) + "\n四、政府信息公开行政复议、行政诉讼情况\n")["figures"]
    assert (f.get("t3.ignored_repeat.total"), f.get("t3.ignored_publication.total"),
            f.get("t3.results_total.total"), f.get("t3.carried_forward.total")) == (2, 0, 3, 2)


@pytest.mark.parametrize("line", [
    "二、上年结转政府信息公开申请数量\t二、上年结转政府信息公开申请数量\t二、上年结转政府信息公开申请数量" + "\t" * 7,
    "二、上年结转政府信息公开申请数量\t二、上年结转政府信息公开申请数量" + "\t" * 7,
    "| 二、上年结转政府信息公开申请数量 | 二、上年结转政府信息公开申请数量 |" + "  |" * 7,
])
def test_a_blank_row_with_its_label_repeated_across_the_span_reads_zeros(line):
    """Exports print a merged label in every grid position it covers; a row printing no
    number after it is a blank row: zeros in its seven cells."""
    text = ("某局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            "一、本年新收政府信息公开申请数量\t一、本年新收政府信息公开申请数量\t一、本年新收政府信息公开申请数量"
            "\t3\t0\t0\t0\t0\t0\t3\n" + line + "\n三、本年度办理结果\t（一）予以公开\t（一）予以公开\t3\t0\t0\t0\t0\t0\t3\n")
    f = text_record(text)["figures"]
    assert [f.get(f"t3.carried_over.{c}") for c in ("natural", "commercial", "other", "total")] == [0, 0, 0, 0]
    assert f.get("t3.new.total") == 3 and f.get("t3.granted.natural") == 3


@pytest.mark.parametrize("head, agency", [
    (["湖南省兴安市经济技术开发区管理委员会党政综合办公", "室2022年度政府信息公开工作年度报告"],
     "湖南省兴安市经济技术开发区管理委员会党政综合办公室"),
    (["某某省某某市经济技术开发区管理委员", "会2021年政府信息公开工作年度报告"], "某某省某某市经济技术开发区管理委员会"),
    (["宁夏回族自治区银川市兴庆区人民政", "府2020年政府信息公开工作年度报告"], "宁夏回族自治区银川市兴庆区人民政府"),
])
def test_a_title_broken_inside_the_bodys_last_word(head, agency):
    body = "\n本报告根据《中华人民共和国政府信息公开条例》编制。\n一、总体情况\n正文。\n"
    assert text_record("\n".join(head) + body)["agency"] == agency


@pytest.mark.parametrize("head, agency", [
    (["保定市雄县古城镇人民政府2021年政府信息公开工作年度报合"], "保定市雄县古城镇人民政府"),
    (["周至县水利局2024年政府信息公开工作年度报"], "周至县水利局"),
    (["南阳市邓州市审计局2024年度政府信息公", "开", "工作年度报弗"], "南阳市邓州市审计局"),
    (["上海市浦东新区白沙镇人民政府2021年政府", "信息公开工作年度报后"], "上海市浦东新区白沙镇人民政府"),
])
def test_a_scanned_title_whose_last_character_was_misread_or_lost(head, agency):
    """OCR reads the title's 告 as 合, 生, 后, 弗 or loses it; the title is still the title,
    not the prose line below that repeats the name cut at a line break."""
    body = ("\n根据《中华人民共和国政府信息公开条例》规定，现公布" + agency[:4] + "\n" + agency[4:]
            + "2024年政府信息公开工作年度报告。本报告所列数据统计期为2024年1月1日至12月31日。\n一、总体情况\n正文。\n")
    assert text_record("\n".join(head) + body)["agency"] == agency


# --- tables printing blank cells as nothing (no rules, no marks) ----------------------------

def _ruleless_report(new_row: str) -> str:
    """A report as a table without rules reads: cells by the column positions of their
    figures, blank cells printing nothing, rows with no figure only their label."""
    t3 = [new_row, "二、上年结转政府信息公开申请数量 |  |  |  |  | 1 |  | 1",
          "三、本年度办理结果 （一）予以公开 | 5 |  |  |  | 2 |  | 7",
          "（二）部分公开（区分处理的，只计这一情形，不计其他情形） | 1 |  |  |  | 1 |  | 2",
          "（三）不予公开 1.属于国家秘密", "2.其他法律行政法规禁止", "公开",
          "3.危及“三安全一稳定” |  |  |  |  | 1 |  | 1", "4.保护第三方合法权益"]
    return "\n".join(["某县白沙镇人民政府2024年度政府信息公开工作年度报告", "二、主动公开政府信息情况",
                      "第二十条第（一）项", "信息内容 本年制发件数 本年废止件数 现行有效件数", "规章",
                      "行政规范性文件 | 2 |  | 38", "第二十条第（五）项", "信息内容 本年处理决定数量", "行政许可",
                      "第二十条第（六）项", "行政处罚 | 4", "行政强制 —", "第二十条第（八）项", "行政事业性收费",
                      "三、收到和处理政府信息公开申请情况"] + t3 + ["5.属于三类内部事务信息 | 1 |  |  |  |  |  | 1",
                      "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "无。"]) + "\n"


def test_rows_printing_only_their_label_in_a_table_whose_blanks_print_nothing_are_zero():
    record = text_record(_ruleless_report("一、本年新收政府信息公开申请数量 | 12 | 1 | 2 |  | 5 |  | 20"))
    f = record["figures"]
    for row in ("denied_state_secret", "denied_law", "denied_third_party"):
        assert [f.get(f"t3.{row}.{c}") for c in ("natural", "other", "total")] == [0, 0, 0], row
    assert record["cells"]["t3.denied_law.total"]["printed_as"] == "blank"
    assert (f["t3.new.natural"], f["t3.new.social"], f["t3.new.total"]) == (12, 0, 20)
    assert (f["t3.denied_three_safety.legal"], f["t3.denied_internal.natural"]) == (1, 1)
    # table 2 prints its blanks the same way (table 3 shows it); a dash after a space is a blank
    assert [f.get(k) for k in ("t2.rules.issued", "t2.rules.in_force", "t2.normative.repealed",
                               "t2.licensing.decisions", "t2.penalty.decisions", "t2.coercion.decisions",
                               "t2.fees.amount")] == [0, 0, 0, 0, 4, 0, 0]
    assert record["cells"]["t2.coercion.decisions"]["printed_as"] == "dash"


def test_without_empty_cells_among_figures_bare_labels_go_by_their_neighbours_lines():
    """Every cell of table 3 printed: nothing in it says blanks print as nothing. Its rows
    that print only their label are still rows of blank cells (0) when every other row
    prints all its cells on its label's line; the same holds for table 2, whose other
    rows print on their labels' lines too. A row read over several lines leaves them out
    (its figures, or theirs, may stand elsewhere)."""
    text = _ruleless_report("一、本年新收政府信息公开申请数量 | 12 | 1 | 2 | 0 | 5 | 0 | 20")
    for filled in ("二、上年结转政府信息公开申请数量 |  |  |  |  | 1 |  | 1",
                   "三、本年度办理结果 （一）予以公开 | 5 |  |  |  | 2 |  | 7",
                   "（二）部分公开（区分处理的，只计这一情形，不计其他情形） | 1 |  |  |  | 1 |  | 2",
                   "3.危及“三安全一稳定” |  |  |  |  | 1 |  | 1", "5.属于三类内部事务信息 | 1 |  |  |  |  |  | 1"):
        text = text.replace(filled, filled.replace("|  |", "| 0 |").replace("|  |", "| 0 |"))
    record = text_record(text)
    f = record["figures"]
    assert f["t3.denied_state_secret.total"] == 0 and f["t3.denied_law.natural"] == 0
    assert record["cells"]["t3.denied_law.total"]["printed_as"] == "blank"
    assert f["t3.denied_three_safety.legal"] == 1 and f["t3.new.total"] == 20
    assert f["t2.rules.issued"] == 0 and f["t2.licensing.decisions"] == 0 and f["t2.normative.repealed"] == 0
    # a row whose figures stand on the lines after its label: the bare labels stay out
    text = text.replace("5.属于三类内部事务信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1",
                        "5.属于三类内部事务信息\n| 1 | 0 | 0 | 0 | 0 | 0 | 1")
    f = text_record(text)["figures"]
    assert "t3.denied_state_secret.total" not in f and "t3.denied_law.total" not in f


@pytest.mark.parametrize("line, values", [("政府集中采购 38 172,977元", (38, 172977)),
                                          ("政府集中采购 1,204 3,500,000", (1204, 3500000)),
                                          ("政府集中采购 7 980", (7, 980))])
def test_thousands_separators_in_a_row_set_apart_by_single_spaces(line, values):
    text = ("某市财政局2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（九）项\n"
            f"信息内容 采购项目数量 采购总金额\n{line}\n三、收到和处理政府信息公开申请情况\n")
    f = text_record(text)["figures"]
    assert (f.get("t2.procurement.items"), f.get("t2.procurement.amount")) == values


# --- rows repeated where a table continues on a new page ---------------------------------

_T2_HEAD = ("某县司法局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第(一)项\n"
            "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n规章 |  |  | \n行政规范性文件 |  |  | 9\n"
            "第二十条第(五)项\n信息内容 | 本年处理决定数量\n行政许可 | \n第二十条第(六)项\n信息内容 | 本年处理决定数量\n"
            "行政处罚 | 5\n行政强制 | 1\n")


@pytest.mark.parametrize("repeated", [
    "第二十条第(一)项\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n规章 |  |  | \n行政规范性文件 |  |  | 9\n",
    "行政规范性文件 | 2 | 0 | 9\n行政许可 | 4\n",
])
def test_figures_of_rows_repeated_on_a_new_page_never_pass_to_the_next_row(repeated):
    """Chromium repeats a table's first rows where it continues on a new page: their
    figures stand after 行政强制 and before 行政事业性收费, under labels of their own."""
    text = (_T2_HEAD + "第二十条第(八)项\n信息内容 | 本年收费金额（单位：万元）\n" + repeated
            + "行政事业性收费 | \n三、收到和处理政府信息公开申请情况\n")
    f = text_record(text)["figures"]
    assert f["t2.fees.amount"] == 0 and f["t2.coercion.decisions"] == 1 and f["t2.normative.in_force"] == 9


def test_figures_printed_above_their_label_still_belong_to_it():
    """A row's figure printed on a line of its own above its label (a tall cell whose
    label sits lower) is that row's."""
    text = _T2_HEAD.replace("行政强制 | 1\n", "行政强制 | 1\n | 3.5\n") + "行政事业性收费\n三、收到和处理政府信息公开申请情况\n"
    f = text_record(text)["figures"]
    assert f["t2.coercion.decisions"] == 1 and f["t2.fees.amount"] == 3.5


# --- lines indented with spaces; more figures on a row's line than it has cells -----------

_T4_HEAD = ("某区人民政府2022年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n"
            "                              行政复议                              行政诉讼\n"
            "          结果维持    结果纠正    其他结果    尚未审结    总计      未经复议直接起诉      复议后起诉\n"
            "      结果维持    结果纠正    其他结果    尚未审结    总计    结果维持    结果纠正    其他结果    尚未审结    总计\n")


@pytest.mark.parametrize("blank", ["—", "/", "0"])
@pytest.mark.parametrize("indent", ["                 ", "   ", ""])
def test_an_indented_table_4_line_keeps_its_cells_in_their_columns(blank, indent):
    """The line of figures indented under the header: the leading spaces are no blank
    cell, and the first and last printed cells stay."""
    printed = [blank] * 5 + ["21"] + [blank] * 3 + ["21"] + [blank] * 5
    text = _T4_HEAD + indent + "           ".join(printed) + "\n五、存在的主要问题及改进情况\n无。\n"
    f = text_record(text)["figures"]
    got = [f.get(f"t4.{g}.{c}") for g in ("review", "suit_direct", "suit_after_review")
           for c in ("upheld", "corrected", "other", "pending", "total")]
    assert got == [0, 0, 0, 0, 0, 21, 0, 0, 0, 21, 0, 0, 0, 0, 0]


@pytest.mark.parametrize("line", ["行政许可 683 2", "行政许可 | 683 | 2", "行政许可\t12\t7"])
def test_more_figures_on_a_rows_line_than_its_cells_are_left_out(line):
    """A one-cell row printing two figures (a number's digits set apart, or a cell of
    another row): which is its own is unknown; nothing is carried to the next row."""
    text = ("某局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第(五)项\n"
            f"信息内容 本年处理决定数量\n{line}\n第二十条第(六)项\n行政处罚\n行政强制 | 1\n"
            "三、收到和处理政府信息公开申请情况\n")
    f = text_record(text)["figures"]
    assert "t2.licensing.decisions" not in f and "t2.penalty.decisions" not in f


# --- titles set over several short lines, broken anywhere ---------------------------------

@pytest.mark.parametrize("lines, agency, year", [
    (["柏镇市", "人民政府", "2020年政府信息公开工作年度报告"], "柏镇市人民政府", 2020),
    (["沙峰县乡村振兴局", "2023年", "政府信息公开工作年度报告"], "沙峰县乡村振兴局", 2023),
    (["2020年安集镇", "政府信息公开工作年", "度报告"], "安集镇", 2020),
    (["鹿塘县", "人民政府2023年度", "政府信息公开工作年度报告"], "鹿塘县人民政府", 2023),
    (["2023 年源江市科学技术局", "（知识产权局）政府信息公开工作年度报告"], "源江市科学技术局(知识产权局)", 2023),
    (["华安市德河区卫生健康局", "（中医药管理局）2021年政府信息公开工作年度报告"], "华安市德河区卫生健康局(中医药管理局)", 2021),
])
def test_a_title_over_several_short_lines(lines, agency, year):
    record = text_record("\n".join(lines) + "\n根据《中华人民共和国政府信息公开条例》规定，现公布本年度报告。\n一、总体情况\n正文。\n")
    assert (record["agency"], record["year"]) == (agency, year)


def test_a_breadcrumb_wrapped_onto_the_next_line_is_no_part_of_the_title():
    lines = ["当前位置：首页 > 政务公开 > 法定主动公开内容 > 政府信息公开年报 > 齐齐哈尔市人", "民政府地方志办公室",
             "齐齐哈尔市人民政府地方志办公室2023年", "政府信息公开工作年度报告", "一、总体情况", "正文。"]
    record = text_record("\n".join(lines) + "\n")
    assert (record["agency"], record["year"]) == ("齐齐哈尔市人民政府地方志办公室", 2023)


@pytest.mark.parametrize("row", ["无 |  |  |  | 无 |  |  |  |  | 无 | 无 | 无 |  | 无",
                                 "— | — | — | — | — | — | — | — | — | — | — | —",
                                 " | / |  |  |  |  |  |  |  |  | / | "])
def test_a_table_4_of_blank_marks_with_cells_run_together_is_zero(row):
    """Table 4 printed blank (empty cells and 无/—//), a few cells lost where the grid
    merged empty ones: no figure stands anywhere in it, so every cell is 0."""
    text = ("某街道办事处2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第(五)项\n"
            "信息内容 | 本年处理决定数量\n行政许可 | 3\n四、政府信息公开行政复议、行政诉讼情况\n行政复议 | 行政诉讼\n"
            "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉\n"
            f"{row}\n五、存在的主要问题及改进情况\n无。\n")
    record = text_record(text)
    assert [record["figures"].get(k) for k in schema.T4_KEYS] == [0] * 15


def test_a_table_4_row_short_of_cells_with_a_figure_is_left_out():
    text = ("某街道办事处2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第(五)项\n"
            "信息内容 | 本年处理决定数量\n行政许可 | 3\n四、政府信息公开行政复议、行政诉讼情况\n"
            "无 |  | 1 |  | 无 |  |  |  |  | 无 | 无 | 无 |  | 无\n五、存在的主要问题及改进情况\n无。\n")
    assert not [k for k in text_record(text)["figures"] if k.startswith("t4.")]


def _space_set_report(wrapped: list[str], t4_row: str) -> str:
    """Table 3 and table 4 set apart by single spaces (a PDF text layer without cell
    boundaries): ``wrapped`` the pieces of the first 其他处理 row's label, one a line, its
    cells on the line after them; ``t4_row`` table 4's row."""
    from tests.test_short_rows import ROWS

    printed = {"new": "1 无 无 无 无 无 1", "other_no_correction": "1 无 无 无 无 无 1", "results_total": "1 无 无 无 无 无 1"}
    lines = ["某县某某镇人民政府2023年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况", "申请人情况",
             "自然人 法人或其他组织 总计", "商业企业 科研机构 社会公益组织 法律服务机构 其他"]
    for key, label in ROWS:
        cells = printed.get(key, "无 无 无 无 无 无 无")
        lines += [*wrapped, cells] if key == "other_no_correction" else [f"{label} {cells}"]
    lines += ["四、政府信息公开行政复议、行政诉讼情况", "行政复议 行政诉讼",
              "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉",
              "结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计",
              t4_row, "五、存在的主要问题及改进情况", "无。"]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("wrapped", [
    ["（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府", "信息公开申请"],
    ["（六）其他处理", "1.申请人无正当理由逾期不补正、", "行政机关不再处理其政府信息", "公开申请"],
    ["（六）其他处理 1.申请人无正当", "理由逾期不补正、行政机关", "不再处理其政府信息公开", "申请"],
])
def test_a_label_wrapped_over_several_lines_keeps_the_cells_on_the_line_after_it(wrapped):
    """A narrow label column wraps a long label over three or four lines; the row's cells,
    set apart by spaces, stand on the line after the last piece. (Read up to two lines,
    the row was left out.)"""
    record = text_record(_space_set_report(wrapped, " ".join(["—"] * 15)))
    row = {c: record["figures"].get(f"t3.other_no_correction.{c}") for c in schema.T3_COLUMN_KEYS}
    assert row == dict(zip(schema.T3_COLUMN_KEYS, [1, 0, 0, 0, 0, 0, 1]))
    assert record["figures"]["t3.other_no_fee.total"] == 0 and record["figures"]["t3.new.total"] == 1


@pytest.mark.parametrize("t4_row, values", [
    (" ".join(["无"] * 15), [0] * 15),
    ("— 2 / 0 2 1 — — 0 1 无 无 3 — 3", [0, 2, 0, 0, 2, 1, 0, 0, 0, 1, 0, 0, 3, 0, 3]),
])
def test_table_4_as_one_line_of_fifteen_words_marks_among_them(t4_row, values):
    """Table 4's row in a text layer without cell boundaries: fifteen words, each a figure
    or a blank mark. The marks are cells (0), so the figures keep their columns (the row
    was lost: only its figures counted, too few for fifteen cells)."""
    record = text_record(_space_set_report(["（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"],
                                           t4_row))
    assert [record["figures"].get(k) for k in schema.T4_KEYS] == values


def _t2_2021_text(rows: dict[str, str]) -> str:
    """A 2021 report whose table 2 is a PDF text layer without cell boundaries: each
    row's label then what it prints (``""``: nothing), the sub-tables' captions and
    headers between."""
    blocks = [("第二十条第（一）项", "信息内容 本年制发件数 本年废止件数 现行有效件数", ["规章", "行政规范性文件"]),
              ("第二十条第（五）项", "信息内容 本年处理决定数量", ["行政许可"]),
              ("第二十条第（六）项", "信息内容 本年处理决定数量", ["行政处罚", "行政强制"]),
              ("第二十条第（八）项", "信息内容 本年收费金额（单位：万元）", ["行政事业性收费"])]
    lines = ["某县某某镇人民政府2023年政府信息公开工作年度报告", "一、总体情况", "本年度工作总体良好。",
             "二、主动公开政府信息情况"]
    for caption, header, labels in blocks:
        lines += [caption, header] + [f"{label} {rows[label]}".rstrip() for label in labels]
    lines += ["三、收到和处理政府信息公开申请情况", "（表略）", "四、政府信息公开行政复议、行政诉讼情况",
              " ".join(["0"] * 15), "五、存在的主要问题及改进情况", "无。"]
    return "\n".join(lines) + "\n"


T2_LABELS = {"规章": "rules", "行政规范性文件": "normative", "行政许可": "licensing", "行政处罚": "penalty",
             "行政强制": "coercion", "行政事业性收费": "fees"}


@pytest.mark.parametrize("printed", [
    {"规章": "", "行政规范性文件": "14 5 35", "行政许可": "", "行政处罚": "2,001", "行政强制": "", "行政事业性收费": ""},
    {"规章": "— 0 —", "行政规范性文件": "２ １ ９", "行政许可": "２９７", "行政处罚": "—", "行政强制": "",
     "行政事业性收费": ""},
])
def test_a_row_printing_its_label_alone_among_rows_printing_on_their_labels_line_is_blank(printed):
    """Table 2 from a PDF text layer without cell boundaries: rows print their figures on
    their label's line, and a row of blank cells prints its label alone. Such a row is
    read as 0 (printed blank), its neighbours as printed."""
    record = text_record(_t2_2021_text(printed))
    figures = {k: v for k, v in record["figures"].items() if k.startswith("t2.")}
    for label, row in T2_LABELS.items():
        keys = sorted(k for k in figures if k.startswith(f"t2.{row}."))
        assert keys, row
        if not printed[label]:
            assert [figures[k] for k in keys] == [0] * len(keys)
            assert all(record["printed_as"][k] == "blank" for k in keys)
    assert figures["t2.normative.issued"] in (14, 2)
    assert any(w["code"] == "blank_cells_zero" for w in record["warnings"])


@pytest.mark.parametrize("printed", [
    # only one row prints on its label's line: nothing shows where this table prints its cells
    {"规章": "", "行政规范性文件": "", "行政许可": "", "行政处罚": "7", "行政强制": "", "行政事业性收费": "1.5\n3"},
    # a row short of its cells: which of them are blank, and which lost, is unknown
    {"规章": "", "行政规范性文件": "14 35", "行政许可": "3", "行政处罚": "7", "行政强制": "", "行政事业性收费": ""},
])
def test_label_alone_rows_stay_unread_without_that_evidence(printed):
    record = text_record(_t2_2021_text(printed))
    assert "t2.coercion.decisions" not in record["figures"]
    assert "t2.rules.issued" not in record["figures"]


def test_label_alone_rows_read_by_ocr_stay_unread():
    """OCR can lose a row's every figure and keep its label: on OCR'd text a label alone
    says nothing of the row's cells, whatever its neighbours print."""
    text = _t2_2021_text({"规章": "", "行政规范性文件": "14 5 35", "行政许可": "", "行政处罚": "2,001",
                          "行政强制": "", "行政事业性收费": ""})
    lines = text.splitlines()
    record = map_layout(Layout(lines=lines, confidence={n: 0.93 for n in range(len(lines))}))
    assert record["figures"]["t2.penalty.decisions"] == 2001
    assert "t2.coercion.decisions" not in record["figures"] and "t2.rules.issued" not in record["figures"]


@pytest.mark.parametrize("rules, normative", [("—", "—"), ("/", "— —"), ("无", "—")])
def test_a_row_printing_fewer_blank_marks_than_cells_and_nothing_else_is_blank(rules, normative):
    """A table without rules printing one blank cell as a dash and the others as nothing
    (``规章 —``): every cell of the row is blank, whichever column the mark stands in, so
    0; a row printing its label alone beside such rows is blank too."""
    record = text_record(_t2_2021_text({"规章": rules, "行政规范性文件": normative, "行政许可": "",
                                        "行政处罚": "10", "行政强制": "—", "行政事业性收费": "—"}))
    f = record["figures"]
    assert [f.get(f"t2.rules.{c}") for c in ("issued", "repealed", "in_force")] == [0, 0, 0]
    assert [f.get(f"t2.normative.{c}") for c in ("issued", "repealed", "in_force")] == [0, 0, 0]
    assert (f.get("t2.licensing.decisions"), f.get("t2.penalty.decisions"), f.get("t2.fees.amount")) == (0, 10, 0)


@pytest.mark.parametrize("normative", ["— 5", "5 —"])
def test_a_short_row_mixing_a_figure_and_blank_marks_stays_unread(normative):
    """``行政规范性文件 — 5``: which column the 5 stands in is not printed."""
    f = text_record(_t2_2021_text({"规章": "—", "行政规范性文件": normative, "行政许可": "3",
                                   "行政处罚": "10", "行政强制": "—", "行政事业性收费": "—"}))["figures"]
    assert not [k for k in f if k.startswith("t2.normative.")]
    assert [f.get(f"t2.rules.{c}") for c in ("issued", "repealed", "in_force")] == [0, 0, 0]


def test_fewer_blank_marks_than_cells_read_by_ocr_stay_unread():
    """OCR can lose a figure beside a dash: ``规章 —`` on OCR'd text is no blank row."""
    text = _t2_2021_text({"规章": "—", "行政规范性文件": "14 5 35", "行政许可": "3", "行政处罚": "7",
                          "行政强制": "—", "行政事业性收费": "1.5"})
    lines = text.splitlines()
    record = map_layout(Layout(lines=lines, confidence={n: 0.93 for n in range(len(lines))}))
    assert record["figures"]["t2.normative.in_force"] == 35
    assert "t2.rules.issued" not in record["figures"]


def _t3_rows_text(rows: list[str]) -> str:
    """A 2021 report whose table 3 prints ``rows`` (text lines as read) between its
    header and table 4."""
    return "\n".join(["某县某某镇人民政府2021年政府信息公开工作年度报告", "一、总体情况", "本年度工作总体良好。",
                      "三、收到和处理政府信息公开申请情况", "申请人情况", "自然人 | 法人或其他组织 | 总计"] + rows
                     + ["四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "无。"]) + "\n"


def test_a_label_alone_before_the_next_rows_wrapped_label_is_a_blank_row():
    """A ruled table whose blank cells print nothing, wrapped labels on lines of their own:
    ``4.无正当理由大量反复申`` / ``请`` then the first line of the next row's wrapped label
    (``5.要求行政机关确认或重``, its anchor on the line after). The 5 is that label's item
    number, no figure: the row prints its label alone, its cells blank (0)."""
    rows = ["一、本年新收政府信息公开申请数量 | 3 | 1 |  |  |  |  | 4",
            "1.信访举报投诉类申请 | 1 | 1 |  |  |  |  | 2", "2.重复申请",
            "(五)不予 3.要求提供公开出版物 | 1 |  |  |  |  |  | 1", "处理",
            "4.无正当理由大量反复申", "请", "5.要求行政机关确认或重", "新出具已获取信息",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 1 |  |  |  |  |  | 1"]
    f = text_record(_t3_rows_text(rows))["figures"]
    for row in ("ignored_repeat", "ignored_massive", "ignored_confirm"):
        assert [f.get(f"t3.{row}.{c}") for c in schema.T3_COLUMN_KEYS] == [0] * 7, row
    assert [f.get(f"t3.ignored_publication.{c}") for c in schema.T3_COLUMN_KEYS] == [1, 0, 0, 0, 0, 0, 1]
    assert f.get("t3.other_no_correction.total") == 1


def test_a_label_alone_before_a_group_label_in_a_cell_of_its_own_is_a_blank_row():
    """Text aligned by runs of spaces, blank cells printing nothing: ``二、上年结转…`` alone
    on its line, then ``三、本年度办理结果   （一）予以公开   25 …`` (the group label in a
    cell of its own before the next row's label): a row of blank cells (0)."""
    rows = ["一、本年新收政府信息公开申请数量   72             1   2        75",
            "二、上年结转政府信息公开申请数量",
            "三、本年度办理结果   （一）予以公开   25             1   1        26",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）   2                            2"]
    text = _t3_rows_text(rows).replace("自然人 | 法人或其他组织 | 总计", "自然人   法人或其他组织   总计\n"
                                       "商业企业   科研机构   社会公益组织   法律服务机构   其他")
    f = text_record(text)["figures"]
    assert [f.get(f"t3.carried_over.{c}") for c in schema.T3_COLUMN_KEYS] == [0] * 7
    assert [f.get(f"t3.new.{c}") for c in schema.T3_COLUMN_KEYS] == [72, 0, 0, 1, 2, 0, 75]
    assert [f.get(f"t3.granted.{c}") for c in schema.T3_COLUMN_KEYS] == [25, 0, 0, 1, 1, 0, 26]


@pytest.mark.parametrize("cells, values", [("— | 2 | 0 | 0 | 无 | 2 | 4", [0, 2, 0, 0, 0, 2, 4]),
                                           ("/ | 1 |  | — |  | 无 | 1", [0, 1, 0, 0, 0, 0, 1])])
def test_a_wrapped_label_printing_its_cells_on_its_second_line_keeps_its_blank_cells(cells, values):
    """``(六)其他 2.申请人逾期未按收费通`` / ``处理知要求缴纳费用、…公 | — | 2 | 0 | …`` /
    ``开申请``: the cells after the label's second line are the row's, blank marks 0."""
    rows = ["一、本年新收政府信息公开申请数量 | 3 | 1 |  |  |  |  | 4",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | / | 1 | 无 | / |  | 无 | 1",
            "(六)其他 2.申请人逾期未按收费通", f"处理知要求缴纳费用、行政机关不再处理其政府信息公 | {cells}", "开申请",
            "3.其他 |  | 1 | — | 2 | — | 4 | 7"]
    f = text_record(_t3_rows_text(rows))["figures"]
    assert [f.get(f"t3.other_no_fee.{c}") for c in schema.T3_COLUMN_KEYS] == values
    assert [f.get(f"t3.other_other.{c}") for c in schema.T3_COLUMN_KEYS] == [0, 1, 0, 2, 0, 4, 7]


def test_cells_after_a_wrapped_labels_second_line_with_a_lost_label_between_stay_unread():
    """Two rows between two anchored labels, one label lost: whose the cells are is unknown."""
    rows = ["一、本年新收政府信息公开申请数量 | 3 | 1 |  |  |  |  | 4",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "无法辨认的文字",
            "文字不清 | — | 2 | 0 | 0 | 无 | 2 | 4", "3.其他 |  | 1 | — | 2 | — | 4 | 7"]
    f = text_record(_t3_rows_text(rows))["figures"]
    assert f.get("t3.other_no_correction.natural") is None and f.get("t3.other_no_fee.natural") is None


def _t2_cell_lines(rows: dict[str, list[str]]) -> str:
    """A 2021 report whose table 2 prints one cell per line without separators, a blank
    cell as an empty line, and whose table 3 prints every cell blank."""
    lines = ["某县某某镇人民政府2021年政府信息公开工作年度报告", "一、总体情况", "本年度工作总体良好。",
             "二、主动公开政府信息情况"]
    blocks = [("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "行政规范性文件"]),
              ("第二十条第（五）项", ["本年处理决定数量"], ["行政许可"]),
              ("第二十条第（六）项", ["本年处理决定数量"], ["行政处罚", "行政强制"]),
              ("第二十条第（八）项", ["本年收费金额（单位：万元）"], ["行政事业性收费"])]
    for caption, header, labels in blocks:
        lines += [caption, "信息内容"] + header
        for label in labels:
            lines += [label] + rows[label]
    lines += ["三、收到和处理政府信息公开申请情况", "申请人情况", "自然人", "总计"]
    lines += [line for row in schema.T3_ROWS.values() if row.key != "other" for line in [row.label] + [""] * 7]
    return "\n".join(lines + ["四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "无。"]) + "\n"


def test_rows_of_empty_lines_beside_rows_of_figures_one_per_line_are_blank():
    """No row mixes figures and empty lines, so none shows that an empty line is a cell;
    but every row prints exactly as many lines as cells after its label, figures
    (``行政许可`` / ``27``) or empty lines (``规章`` and three), with no empty line
    anywhere else: the rows of empty lines are rows of blank cells, 0."""
    f = text_record(_t2_cell_lines({"规章": [""] * 3, "行政规范性文件": [""] * 3, "行政许可": ["27"],
                                    "行政处罚": ["28"], "行政强制": [""], "行政事业性收费": ["636.5"]}))["figures"]
    assert [f.get(f"t2.rules.{c}") for c in ("issued", "repealed", "in_force")] == [0, 0, 0]
    assert [f.get(f"t2.normative.{c}") for c in ("issued", "repealed", "in_force")] == [0, 0, 0]
    assert [f.get(f"t2.{r}") for r in ("licensing.decisions", "penalty.decisions", "coercion.decisions",
                                       "fees.amount")] == [27, 28, 0, 636.5]


@pytest.mark.parametrize("rules", [[""] * 2, [""] * 4])
def test_rows_of_empty_lines_not_matching_their_cells_leave_the_table_unsure(rules):
    """An empty-line run of another length than a row's cells: spacing, not cells."""
    f = text_record(_t2_cell_lines({"规章": rules, "行政规范性文件": [""] * 3, "行政许可": ["27"],
                                    "行政处罚": ["28"], "行政强制": [""], "行政事业性收费": ["636.5"]}))["figures"]
    assert not [k for k in f if k.startswith(("t2.rules.", "t2.normative.", "t2.coercion."))]
    assert f.get("t2.licensing.decisions") == 27


def _spaced_t3(rows: list[str]) -> str:
    return _t3_rows_text(rows).replace("自然人 | 法人或其他组织 | 总计", "自然人   法人或其他组织   总计\n"
                                       "商业企业   科研机构   社会公益组织   法律服务机构   其他")


def _spaced_full_t3(granted: list[int], results_total: list[int]) -> str:
    """A whole table 3 set apart by runs of spaces whose result rows print six figures, the
    total blank (printing nothing): ``（一）予以公开`` prints ``granted``, the other result
    rows zeros, ``（七）总计`` all seven cells."""
    def spaced(values):
        return "   ".join(str(v) for v in values)

    rows = []
    for key, row in schema.T3_ROWS.items():
        if key == "other":
            continue
        if key in ("new", "results_total"):
            values = results_total
        elif key in ("carried_over", "carried_forward"):
            values = [0] * 7
        else:
            values = granted if key == "granted" else [0] * 6
        rows.append(f"{row.label}   {spaced(values)}")
    return _spaced_t3(rows)


@pytest.mark.parametrize("row", [[3, 2, 0, 0, 1, 0], [1, 0, 0, 0, 0, 0], [0, 2, 0, 0, 0, 1]])
def test_six_spaced_figures_whose_last_is_no_sum_leave_the_total_blank(row):
    """Text set apart by runs of spaces, a result row printing six figures (its 总计 blank,
    printing nothing): the last is no sum of the others, so no total; they stand in the
    six columns before it, the total 0, where the result rows sum to (七)总计 in those
    columns."""
    record = text_record(_spaced_full_t3(row, row + [sum(row)]))
    f = record["figures"]
    assert [f.get(f"t3.granted.{c}") for c in schema.T3_COLUMN_KEYS] == row + [0]
    assert [f.get(f"t3.results_total.{c}") for c in schema.T3_COLUMN_KEYS] == row + [sum(row)]
    assert record["printed_as"]["t3.granted.total"] == "blank"
    assert any(w["code"] == "short_row_blank_total" for w in record["warnings"])


@pytest.mark.parametrize("row, results_total", [
    ([1, 0, 0, 0, 2, 3], [1, 0, 0, 0, 2, 3, 6]),   # the last may be the total: a cell lost, which?
    ([3, 2, 0, 0, 1, 0], [0, 3, 2, 0, 0, 1, 6]),   # the column sums put the figures one column on
])
def test_six_spaced_figures_that_may_stand_elsewhere_stay_unplaced(row, results_total):
    f = text_record(_spaced_full_t3(row, results_total))["figures"]
    assert f.get("t3.granted.natural") is None and f.get("t3.granted.other") is None
    assert f.get("t3.results_total.total") == 6


def test_six_spaced_figures_with_a_blank_mark_among_them_stay_unplaced():
    """``3   —   0   0   1   0``: the row prints its blank cells, so its missing one was lost."""
    text = _spaced_full_t3([3, 2, 0, 0, 1, 0], [3, 2, 0, 0, 1, 0, 6]).replace("予以公开   3   2", "予以公开   3   —")
    f = text_record(text)["figures"]
    assert f.get("t3.granted.natural") is None and f.get("t3.granted.other") is None


def _cell_per_line_row(label: str, cells: list[str]) -> str:
    return f"{label} |\n" + "".join(f"{c} |\n" if c else "|\n" for c in cells) + "||\n"


def test_a_group_label_in_a_cell_of_its_own_after_a_row_is_not_that_rows_cell():
    """A real portal page printing table 3 one cell per line, blank cells as bars alone:
    the group label 三、本年度办理结果 in a cell of its own after row 二 was read as one
    of its lines, and the row, one cell over, was left out; so too （三）不予公开 after
    row (二)."""
    rows = (_cell_per_line_row("一、本年新收政府信息公开申请数量", ["", "", "", "", "", "", "0"])
            + _cell_per_line_row("二、上年结转政府信息公开申请数量", ["", "", "", "", "", "", "2"])
            + "三、本年度办理结果 |\n"
            + _cell_per_line_row("（一）予以公开", ["", "", "", "", "", "", "1"])
            + _cell_per_line_row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ["", "", "", "", "", "", "3"])
            + "（三）不予公开 |\n"
            + _cell_per_line_row("1.属于国家秘密", ["", "", "", "", "", "", "0"]))
    text = ("某区统计局2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） |\n申请人情况 |\n" + rows)
    figures = map_layout(read_text(text.encode()))["figures"]
    assert figures.get("t3.carried_over.total") == 2 and figures.get("t3.carried_over.natural") == 0
    assert figures.get("t3.new.total") == 0 and figures.get("t3.granted.total") == 1
    assert figures.get("t3.partial.total") == 3 and figures.get("t3.partial.natural") == 0


# --- a group's sub-row labels lost: only zeros up to the next group's label -------------

_T3_HEAD = ("某县审计局2020年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            "申请人情况 |\n自然人 |\n法人或其他组织 |\n总计 |\n商业企业 |\n科研机构 |\n社会公益组织 |\n"
            "法律服务机构 |\n其他 |\n")


def _unlabelled(per_line: bool, zeros: list[str]) -> str:
    if per_line:
        return "".join(f"{z} |\n" for z in zeros)
    return "".join(" | ".join(zeros[i:i + 7]) + " |\n" for i in range(0, len(zeros), 7))


def _lost_labels_text(group: str, zeros: list[str], per_line: bool, closing: str) -> str:
    def row(label, cells):
        return f"{label} |\n" + _unlabelled(per_line, cells)
    head = (row("一、本年新收政府信息公开申请数量", ["0"] * 6 + ["4"])
            + row("二、上年结转政府信息公开申请数量", ["0"] * 7) + "三、本年度办理结果 |\n"
            + row("（一）予以公开", ["0"] * 6 + ["3"]) + row("（二）部分公开", ["0"] * 6 + ["1"]))
    if group == "三":
        return _T3_HEAD + head + "（三）不予公开 |\n" + _unlabelled(per_line, zeros) + closing
    middle = ("（三）不予公开 |\n" + "".join(row(f"{n}.{label}", ["0"] * 7) for n, label in enumerate(
        ["属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益", "属于三类内部事务信息",
         "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项"], 1))
        + "（四）无法提供 |\n" + "".join(row(f"{n}.{label}", ["0"] * 7) for n, label in enumerate(
            ["本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"], 1)))
    return _T3_HEAD + head + middle + "（五）不予处理 |\n" + _unlabelled(per_line, zeros) + closing


_DENIED = ("denied_state_secret", "denied_law", "denied_three_safety", "denied_third_party", "denied_internal",
           "denied_process", "denied_enforcement", "denied_query")
_IGNORED = ("ignored_petition", "ignored_repeat", "ignored_publication", "ignored_massive", "ignored_confirm")


@pytest.mark.parametrize("per_line", [True, False], ids=["cell_per_line", "row_per_line"])
@pytest.mark.parametrize("group,rows,extra", [("三", _DENIED, 8), ("三", _DENIED, 0), ("五", _IGNORED, 0)])
@pytest.mark.parametrize("closing", ["（四）无法", "（六）其他处理 |\n0 |\n", "（七）总计 |\n"])
def test_a_group_whose_sub_row_labels_are_lost_reads_zero_when_only_zeros_stand_there(per_line, group, rows, extra,
                                                                                       closing):
    """A mirror of a county portal prints （三）不予公开 and then 64 zeros, its eight sub-row
    labels lost, up to （四）无法…: every sub-row printed 0 whatever cell each zero stood in."""
    if group == "五" and closing.startswith("（四）"):
        closing = "（六）其他处理 |\n"
    zeros = ["0"] * (7 * len(rows) + extra)
    record = text_record(_lost_labels_text(group, zeros, per_line, closing))
    figures = record["figures"]
    assert figures["t3.partial.total"] == 1 and figures["t3.granted.total"] == 3
    for row in rows:
        assert [figures.get(f"t3.{row}.{c}") for c in schema.T3_COLUMN_KEYS] == [0] * 7, row
    assert "rows_unlabelled_zero" in {w["code"] for w in record["warnings"]}


@pytest.mark.parametrize("per_line", [True, False], ids=["cell_per_line", "row_per_line"])
@pytest.mark.parametrize("case", ["a_one_among_them", "too_few", "no_closing_label", "a_blank_among_them"])
def test_a_group_whose_sub_row_labels_are_lost_stays_out_unless_every_figure_is_zero(per_line, case):
    """Which zero stands in which sub-row is unknown: any other figure, fewer figures than
    cells, or no next label closing the span, and the sub-rows stay out."""
    zeros = ["0"] * 56
    closing = "（四）无法提供 |\n"
    if case == "a_one_among_them":
        zeros[30] = "1"
    elif case == "too_few":
        zeros = zeros[:49]
    elif case == "no_closing_label":
        closing = ""
    else:
        zeros[12] = "—"
    figures = text_record(_lost_labels_text("三", zeros, per_line, closing))["figures"]
    assert figures["t3.partial.total"] == 1
    assert not any(f"t3.{row}.{c}" in figures for row in _DENIED for c in schema.T3_COLUMN_KEYS)


@pytest.mark.parametrize("lead", ["", " "])
@pytest.mark.parametrize("values", [["0"] * 7, ["3", "0", "0", "1", "0", "0", "4"], ["12", "1", "0", "0", "0", "2", "15"]])
def test_double_spaced_one_cell_per_line_rows_keep_every_cell(lead, values):
    """A page printing every cell as a paragraph of its own, an empty line after each
    (``一、本年新收…`` / `` `` / ``0`` / `` `` / ``0`` …): the empty lines are spacing. The
    row's run stopped at seven lines, empty ones counted, and kept four cells (a short
    row, its total only)."""
    def row(label, cells):
        return f"{label}\n\n" + "".join(f"{lead if i == 0 else ''}{c}\n\n" for i, c in enumerate(cells))
    head = "".join(f"{w}\n\n" for w in ["申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构",
                                        "社会公益组织", "法律服务机构", "其他"])
    text = ("某镇人民政府2021年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n" + head
            + row("一、本年新收政府信息公开申请数量", values) + row("二、上年结转政府信息公开申请数量", ["0"] * 7)
            + "三、本年度办理结果\n\n" + row("（一）予以公开", values) + "（二）部分公开")
    figures = text_record(text)["figures"]
    columns = ("natural", "commercial", "research", "social", "legal", "other", "total")
    for key in ("new", "granted"):
        assert [figures.get(f"t3.{key}.{c}") for c in columns] == [int(v) for v in values], key
    assert [figures.get(f"t3.carried_over.{c}") for c in columns] == [0] * 7


@pytest.mark.parametrize("bars", ["||||", "| | | |", "|||| |"])
def test_rows_printing_bars_run_together_for_their_blank_cells_are_zero(bars):
    """A portal page printing table 2's rows ``规章 | 1 | 1 | 1 | |`` and ``行政许可 | ||||``:
    the bars run together are the row's cells, every one blank, as many as the other
    rows print: each is 0 (they were taken for padding and the rows left out)."""
    text = ("某镇2023年政府信息公开年度报告\n二、主动公开政府信息情况\n第二十条第(一)项 | ||||\n"
            "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 | |\n规章 | 1 | 1 | 1 | |\n规范性文件 | 22 | 22 | 22 | |\n"
            f"第二十条第(五)项 | ||||\n信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 | |\n行政许可 {bars}\n"
            f"其他对外管理服务事项 {bars}\n第二十条第(六)项 | ||||\n信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 | |\n"
            f"行政处罚 {bars}\n行政强制 | 2 | 0 | 1 | |\n三、收到和处理政府信息公开申请情况\n")
    figures = text_record(text)["figures"]
    for row in ("licensing", "other_mgmt", "penalty"):
        assert [figures.get(f"t2.{row}.{c}") for c in ("prev_items", "change", "decisions")] == [0, 0, 0], row
    assert [figures.get(f"t2.coercion.{c}") for c in ("prev_items", "change", "decisions")] == [2, 0, 1]
    assert figures.get("t2.normative.made") == 22


def test_a_label_with_a_bar_or_two_after_it_is_no_row_of_blank_cells():
    """Fewer bars than the row has cells (``行政许可 | |``): padding or a cut row, left out."""
    text = ("某镇2023年政府信息公开年度报告\n二、主动公开政府信息情况\n第二十条第(五)项\n"
            "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量\n行政许可 | |\n其他对外管理服务事项 | 3 | 0 | 2\n"
            "三、收到和处理政府信息公开申请情况\n")
    figures = text_record(text)["figures"]
    assert "t2.licensing.decisions" not in figures and figures.get("t2.other_mgmt.decisions") == 2


@pytest.mark.parametrize("run,values", [
    ("500000 5", [5, 0, 0, 0, 0, 0, 5]),
    ("300020 5", [3, 0, 0, 0, 2, 0, 5]),
    ("000000 0", [0, 0, 0, 0, 0, 0, 0]),
    ("3 5", None),          # 3 and a total of 5 could be whole numbers: left out
    ("12 1 13", None),
])
def test_a_flattened_row_whose_total_is_below_a_whole_number_is_cut_into_digits(run, values):
    """Page text with table 3 flattened into one line (``…部分公开（…）500000 5（三）不予公开
    1.属于国家秘密0000000…``): ``500000`` and ``5`` read as two whole numbers would put a
    total below a cell, so the run is six cells' digits and the 5 the total, the only cut
    into seven cells. Numbers that could be whole, a total at least each, stay out (blank
    cells printed nothing, columns unknown)."""
    text = ("某区2021年度政府信息公开工作年度报告 三、收到和处理政府信息公开申请情况 （本列数据的勾稽关系为：第一项加第二项之和，"
            "等于第三项加第四项之和） 申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
            "一、本年新收政府信息公开申请数量 1000001二、上年结转政府信息公开申请数量 0000000三、本年度办理结果（一）予以公开"
            f"1000001（二）部分公开（区分处理的，只计这一情形，不计其他情形）{run}（三）不予公开1.属于国家秘密0000000"
            "2.其他法律行政法规禁止公开0000000 四、政府信息公开行政复议、行政诉讼情况")
    figures = text_record(text)["figures"]
    got = [figures.get(f"t3.partial.{c}") for c in schema.T3_COLUMN_KEYS]
    assert got == (values or [None] * 7)
    assert [figures.get(f"t3.granted.{c}") for c in schema.T3_COLUMN_KEYS] == [1, 0, 0, 0, 0, 0, 1]


@pytest.mark.parametrize("label,rest", [
    ("（二）部分公开（区分处理的，只计这一情", "形，不计其他情形）"),
    ("2.申请人逾期未按收费通知要求缴纳费用、", "行政机关不再处理其政府信息公开申请"),
])
@pytest.mark.parametrize("values", [[447, 7, 0, 0, 0, 0, 454], [1, 0, 0, 0, 0, 0, 1]])
def test_a_rows_figures_on_its_wrapped_labels_last_line_set_apart_by_spaces(label, rest, values):
    """A PDF page's text: the label wrapped, the row's seven figures after its rest on the
    second line (``形，不计其他情形） 447 7 0 0 0 0 454``): the row's (it was left out)."""
    rows = {"（二）": "partial", "2.申": "other_no_fee"}
    key = next(v for k, v in rows.items() if label.startswith(k))
    before = "（一）予以公开 1 0 0 0 0 0 1\n" if key == "partial" else \
        "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0\n"
    after = "（三）不予公开\n1.属于国家秘密 2 0 0 0 0 0 2\n" if key == "partial" else "3.其他 0 0 0 0 0 0 0\n"
    text = ("某市2024年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n申请人情况\n"
            "一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119\n" + before
            + f"{label}\n{rest} {' '.join(map(str, values))}\n" + after)
    figures = text_record(text)["figures"]
    assert [figures.get(f"t3.{key}.{c}") for c in schema.T3_COLUMN_KEYS] == values


@pytest.mark.parametrize("sep", [" ", " | "])
def test_a_page_starting_in_the_middle_of_table_2_is_still_read(sep):
    """One page of a report: table 2 continued from the page before, its header
    ``信息内容 本年处理决定数量`` then 行政处罚 and 行政强制, before the next caption; no
    二、 heading. The rows before the first ``第二十条`` were outside table 2."""
    text = (f"- 4 -\n信息内容{sep}本年处理决定数量\n行政处罚{sep}3985758\n行政强制{sep}88283\n第二十条 第（八）项\n"
            f"信息内容{sep}本年收费金额（单位：万元）\n行政事业性收费{sep}96171.6\n三、收到和处理政府信息公开申请情况\n"
            "申请人情况\n一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119\n")
    figures = text_record(text)["figures"]
    assert figures.get("t2.penalty.decisions") == 3985758 and figures.get("t2.coercion.decisions") == 88283
    assert figures.get("t2.fees.amount") == 96171.6 and figures.get("t3.new.total") == 3119


@pytest.mark.parametrize("marker", ["", "\n[excerpt truncated]"])
@pytest.mark.parametrize("spacing", ["\n", "\n\n"])
def test_a_text_cut_inside_its_last_row_keeps_the_first_cells_and_no_total(marker, spacing):
    """An excerpt whose text stops inside table 3's row (二) printed one cell per line, its
    other rows printing every cell: the four cells kept are the first four columns, and
    the last of them is no total (it was read as the row's 总计)."""
    def row(label, cells):
        return spacing.join([label] + [str(c) for c in cells]) + spacing
    text = ("某办公室2023年政府信息公开工作年度报告" + spacing + "三、收到和处理政府信息公开申请情况" + spacing + "申请人情况" + spacing
            + row("一、本年新收政府信息公开申请数量", [2, 0, 0, 0, 0, 1, 3]) + row("二、上年结转政府信息公开申请数量", [0] * 7)
            + "三、本年度办理结果" + spacing + row("（一）予以公开", [1, 0, 0, 0, 0, 1, 2])
            + row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [1, 0, 0, 0]).rstrip() + marker)
    figures = text_record(text)["figures"]
    assert [figures.get(f"t3.partial.{c}") for c in schema.T3_COLUMN_KEYS] == [1, 0, 0, 0, None, None, None]
    assert figures["t3.granted.total"] == 2


def test_a_last_row_of_fewer_cells_in_a_table_printing_blanks_as_nothing_keeps_only_its_total():
    """Rows printing only their figures (blank cells as nothing) one per line, the text
    ending after the last: which columns the cells stand in is unknown, the total is the
    last (as before)."""
    text = ("某办公室2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n申请人情况\n"
            "一、本年新收政府信息公开申请数量\n2\n1\n3\n二、上年结转政府信息公开申请数量\n1\n1\n"
            "三、本年度办理结果\n（一）予以公开\n2\n1\n3\n（二）部分公开（区分处理的，只计这一情形，不计其他情形）\n1\n1")
    figures = text_record(text)["figures"]
    assert figures.get("t3.partial.total") == 1 and "t3.partial.natural" not in figures


@pytest.mark.parametrize("tail", ["(指202", "(指2020年采购项目数)", "(指2020年7"])
@pytest.mark.parametrize("blank", [" | |||||", " |  |  | ", ""])
def test_digits_in_table_2s_header_lines_are_no_cells_of_the_row_above(blank, tail):
    """A provincial variant of the template prints fill-in instructions in table 2's
    headers (``上一年项目数量(指2019年事项数)``, ``…减用负值表示,如-8``): a row printing
    no figure before such a header took its digits (行政事业性收费 read 20 and 2, a wrong
    number). Header lines are no row's text."""
    header = ("信息内容 | 上一年项目数量(指2019年事项数) | 本年增/减(指2020年增加或减少的事项数,减用负值表示,如-8) | "
              "处理决定数量(指2020年办件量)")
    text = ("某局2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第(五)项\n" + header + "\n"
            f"行政许可{blank}\n第二十条第(六)项\n{header}\n行政处罚 | 90 | 0 | 22\n行政强制 | 4 | 4 | -\n"
            "第二十条第(八)项\n信息内容 | 上一年项目数量(指2019年事项数) | 本年增/减(指2020年增加或减少的事项数,如-8)\n"
            f"行政事业性收费{blank}\n第二十条第(九)项\n信息内容 | 采购项目数量{tail}")
    figures = text_record(text)["figures"]
    assert [figures.get(f"t2.penalty.{c}") for c in ("prev_items", "change", "decisions")] == [90, 0, 22]
    for key in ("t2.fees.prev_items", "t2.fees.change", "t2.licensing.prev_items", "t2.licensing.decisions"):
        assert figures.get(key) in (None, 0), key


@pytest.mark.parametrize("cut", ["（二）部分公开(区", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开 |"])
def test_a_label_ending_the_text_is_no_row_of_blank_cells(cut):
    """An excerpt stops right after a row's label (``（二）部分公开(区``): its cells were
    cut off, not printed blank; rows above printing all their cells on their lines made
    it read as a row of zeros."""
    text = ("某县教育局2020年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            "自然人 | 法人或其他组织 | 总计 |\n商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |\n"
            "一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
            "三、本年度办理结果 | (一)予以公开 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n" + cut)
    figures = text_record(text)["figures"]
    assert figures["t3.granted.total"] == 2 and not [k for k in figures if k.startswith("t3.partial.")]


@pytest.mark.parametrize("blank_row", [["|", "|", "|", "|"], ["|", "|", "|", "|", "|"]])
def test_cells_between_lines_of_a_bar_alone_with_blank_rows(blank_row):
    """A page printing each cell on its line and a line of a bar alone between cells
    (``行政许可`` / ``|`` / ``126`` / ``|`` / ``增72`` / ``|`` / ``142`` / ``|``): a row of
    bars alone (``规章`` then four bars) is a row of three blank cells, 0."""
    def block(caption, header, rows):
        return [caption, "|", "信息内容", "|"] + [x for h in header for x in (h, "|")] + [
            x for label, cells in rows for x in [label] + (cells or blank_row)]
    lines = ["某旗教育局2020年政府信息公开工作年度报告", "二、主动公开政府信息情况"]
    lines += block("第二十条第(一)项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"], [("规章", None), ("规范性文件", None)])
    lines += block("第二十条第(五)项", ["上一年项目数量", "本年增/减", "处理决定数量"],
                   [("行政许可", ["|", "126", "|", "增72", "|", "142", "|"]), ("其他对外管理服务事项", None)])
    lines += block("第二十条第(六)项", ["上一年项目数量", "本年增/减", "处理决定数量"], [("行政处罚", None), ("行政强制", None)])
    figures = text_record("\n".join(lines + ["三、收到和处理政府信息公开申请情况"]) + "\n")["figures"]
    assert [figures.get(f"t2.licensing.{c}") for c in ("prev_items", "change", "decisions")] == [126, 72, 142]
    for row in ("rules", "normative"):
        assert [figures.get(f"t2.{row}.{c}") for c in ("made", "published", "public_total")] == [0, 0, 0], row
    for row in ("other_mgmt", "penalty", "coercion"):
        assert [figures.get(f"t2.{row}.{c}") for c in ("prev_items", "change", "decisions")] == [0, 0, 0], row


@pytest.mark.parametrize("items,amount,value", [(" 53", "6944.93", 6944.93), ("1", "  240万元", 240), ("0", "0", 0)])
def test_a_double_spaced_two_cell_row_is_not_a_blank_cell_and_its_first_figure(items, amount, value):
    """``政府集中采购`` / `` `` / `` 53`` / `` `` / ``6944.93`` (every line of the page
    followed by an empty one): the empty line before 53 was taken for a blank 采购项目数量,
    and 53 for the amount — a wrong value. Two figure lines, as many as the row's cells,
    an empty line before each: spacing."""
    lines = ["某县政务服务管理局2020年政府信息公开工作年度报告", "二、主动公开政府信息情况", "第二十条第(九)项", "信息内容",
             "采购项目数量", "采购总金额", "政府集中采购", items, amount, "三、收到和处理政府信息公开申请情况"]
    figures = text_record("\n\n".join(lines))["figures"]
    assert figures.get("t2.procurement.items") == int(items) and figures.get("t2.procurement.amount") == value


@pytest.mark.parametrize("spacing", ["\n", "\n\n"])
def test_a_cut_table_3_of_labels_alone_after_a_blank_table_2_is_zero_up_to_the_cut(spacing):
    """A township printing every table with no figure at all (labels and headers, one per
    paragraph), the excerpt cut inside table 3: table 2, printed blank, shows that blank
    cells print nothing, so each table-3 row up to the cut is 0; the row the text stops
    in is left out (its cells may have been cut)."""
    t2 = ["第二十条第(一)项", "信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量", "规章", "规范性文件",
          "第二十条第(五)项", "信息内容", "上一年项目数量", "本年增/减", "处理决定数量", "行政许可", "其他对外管理服务事项",
          "第二十条第(六)项", "信息内容", "上一年项目数量", "本年增/减", "处理决定数量", "行政处罚", "行政强制",
          "第二十条第(八)项", "信息内容", "上一年项目数量", "本年增/减", "行政事业性收费",
          "第二十条第(九)项", "信息内容", "采购项目数量", "采购总金额", "政府集中采购"]
    t3 = ["申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他",
          "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果", "(一)予以公开",
          "(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "(三)不予公开", "1.属于国家秘密", "2.其他法律行政法规禁止公开"]
    text = spacing.join(["某县某镇2022年政府信息公开工作年度报告", "二、主动公开政府信息情况"] + t2
                        + ["三、收到和处理政府信息公开申请情况"] + t3)
    figures = text_record(text)["figures"]
    assert figures.get("t2.licensing.decisions") == 0 and figures.get("t2.procurement.amount") == 0
    for row in ("new", "carried_over", "granted", "partial", "denied_state_secret"):
        assert [figures.get(f"t3.{row}.{c}") for c in schema.T3_COLUMN_KEYS] == [0] * 7, row
    assert not [k for k in figures if k.startswith("t3.denied_law.")]


def _collapsed(rows: list[tuple[str, list[str]]]) -> str:
    """Table 3 one cell per paragraph (an empty line after each), a blank cell collapsed
    to one newline of its own."""
    out = ""
    for label, cells in rows:
        out += label + "\n\n"
        for cell in cells:
            out += (cell + "\n\n") if cell else "\n"
    return out


@pytest.mark.parametrize("new,granted", [
    (["103", "3", "", "", "1", "", "107"], ["41", "2", "", "", "1", "", "44"]),
    (["", "", "", "", "", "2", "2"], ["5", "", "", "", "", "", "5"]),
])
def test_blank_cells_collapsed_to_a_newline_each_keep_their_columns(new, granted):
    """A report module printing every cell as a paragraph, a blank cell as one newline
    more (``103`` / `` `` / ``3`` / `` `` / `` `` / `` `` / ``1`` / `` `` / `` `` / ``107``):
    counting newlines puts each figure in its column (66 of 80 cells were lost)."""
    head = "".join(w + "\n\n" for w in ["申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构",
                                        "社会公益组织", "法律服务机构", "其他"])
    rows = [("一、本年新收政府信息公开申请数量", new), ("二、上年结转政府信息公开申请数量", [""] * 7),
            ("三、本年度办理结果\n\n（一）予以公开", granted), ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [""] * 7),
            ("（三）不予公开\n\n1.属于国家秘密", [""] * 7)]
    text = ("某区分局2022年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n" + head + _collapsed(rows)
            + "2.其他法律行政法规禁止公开")
    figures = text_record(text)["figures"]
    assert [figures.get(f"t3.new.{c}") for c in schema.T3_COLUMN_KEYS] == [int(v or 0) for v in new]
    assert [figures.get(f"t3.granted.{c}") for c in schema.T3_COLUMN_KEYS] == [int(v or 0) for v in granted]
    assert [figures.get(f"t3.partial.{c}") for c in schema.T3_COLUMN_KEYS] == [0] * 7


def test_paragraph_cells_two_newlines_per_blank_are_not_read_as_collapsed():
    """A blank printed as an empty paragraph of its own (two newlines) does not decode to
    the row's cell count the collapsed way: nothing is read that way."""
    head = "".join(w + "\n\n" for w in ["申请人情况", "自然人", "总计"])
    rows = "".join(f"{label}\n\n" + "".join((c or "") + "\n\n" for c in cells) for label, cells in [
        ("一、本年新收政府信息公开申请数量", ["103", "3", "", "", "1", "", "107"]),
        ("二、上年结转政府信息公开申请数量", ["", "", "", "", "", "", ""])])
    text = "某区分局2022年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n" + head + rows + "三、本年度办理结果"
    figures = text_record(text)["figures"]
    assert figures.get("t3.new.legal") in (None, 1) and figures.get("t3.new.research") in (None, 0)


@pytest.mark.parametrize("label", ["行政規範性檔案", "行政规范性档案", "規範性檔案(行政機關制定發布的決定、公告)"])
def test_a_repost_in_traditional_script_naming_normative_documents_dangan_keeps_the_row(label):
    """A wiki repost converts the report to traditional script and 文件 to 檔案
    (``行政規範性檔案``): the row is still 规范性文件's, and the row above no longer takes
    its cells (six marks for three cells, both rows lost)."""
    text = ("南山區蛇口街道辦事處2021年政府信息公開工作年度報告\n二、主動公開政府信息情況\n第二十條第(一)項\n信息內容\n"
            f"本年制發件數\n本年廢止件數\n現行有效件數\n規章\n/\n/\n/\n{label}\n3\n/\n12\n第二十條第(五)項\n信息內容\n"
            "本年處理決定數量\n行政許可\n5\n")
    figures = text_record(text)["figures"]
    assert [figures.get(f"t2.rules.{c}") for c in ("issued", "repealed", "in_force")] == [0, 0, 0]
    assert [figures.get(f"t2.normative.{c}") for c in ("issued", "repealed", "in_force")] == [3, 0, 12]


@pytest.mark.parametrize("cells", [
    [""] * 4 + ["1"] + [""] * 10,
    ["2"] + [""] * 3 + ["2"] + [""] * 9 + ["1"],
    [""] * 14 + ["3"],
])
def test_table_4_one_cell_per_line_ending_in_empty_lines_keeps_its_last_blank_cells(cells):
    """Table 4 printed one cell per line, a blank cell as an empty line, the next heading
    straight after the fifteenth line: the empty lines at the row's end are its last
    cells (they were dropped as spacing, and the lone figure could not be placed)."""
    t3 = "".join(f"{label}\n" + "\n".join(["1", "", "", "", "", "", "1"]) + "\n" for label in
                 ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量"])
    header = "\n".join(["行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉",
                        "复议后起诉"] + ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)
    text = ("某市生态环境局2024年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n申请人情况\n" + t3
            + "四、政府信息公开行政复议、行政诉讼情况\n" + header + "\n" + "\n".join(cells) + "\n五、存在的主要问题及改进情况\n无。\n")
    figures = text_record(text)["figures"]
    assert [figures.get(k) for k in schema.T4_KEYS] == [int(c or 0) for c in cells]


@pytest.mark.parametrize("misread", ["行政规世性文件", "行政规范牲文件"])
def test_a_normative_documents_label_with_one_glyph_misread_is_still_found(misread):
    """OCR misreads one glyph of 行政规范性文件 (``规世性``) and the row above is lost: the
    label's anchor allows one character misread in its longer words, also now that it
    names 档案 as well."""
    text = ("某省住房和城乡建设厅2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第(一)项\n"
            f"信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n | � | 和 10\n{misread} | 0 | 2 | 28\n"
            "第二十条第(五)项\n信息内容 | 本年处理决定数量\n行政许可 | 7\n")
    figures = text_record(text)["figures"]
    assert [figures.get(f"t2.normative.{c}") for c in ("issued", "repealed", "in_force")] == [0, 2, 28]


_T2_OPENING = "某县某镇2022年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n第二十条第(一)项\n"


@pytest.mark.parametrize("before,kept", [
    (["规章", "0", "0", "0"], {"issued": 1, "repealed": 0}),            # one whole row before
    (["规章", "2", "0", "5"], {"issued": 1, "repealed": 0}),
    (["规章", "0", "", "0"], {}),                                          # a blank cell: not every cell printed
])
def test_a_row_the_text_stops_inside_after_one_whole_row_keeps_its_first_cells(before, kept):
    """A page cut off inside a row printed one cell per paragraph (``行政规范性文件`` /
    ``1`` / ``0`` and the text ends): where every row before printed every cell (one
    whole row is enough), the cells kept are the row's first ones in order. A row
    before with a blank cell shows blanks may print as nothing: the cut row is left out."""
    lines = ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"] + before + ["行政规范性文件", "1", "0"]
    figures = text_record(_T2_OPENING + "\n\n".join(lines) + "\n")["figures"]
    got = {c: figures[f"t2.normative.{c}"] for c in ("issued", "repealed", "in_force") if f"t2.normative.{c}" in figures}
    assert got == kept


@pytest.mark.parametrize("bars", [["|", "| |"], ["| |", "|"], ["| | |"], ["|", "|", "|"]])
def test_a_row_whose_blank_cells_are_bars_over_several_lines_is_read_as_zeros(bars):
    """``规章 |`` then its empty cells' bars spread over lines (``|`` / ``| |``), the next
    row's label after: every cell printed blank, read as 0 (the row was lost when a
    line held two bars)."""
    text = (_T2_OPENING + "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n规章 |\n" + "\n".join(bars)
            + "\n行政规范性文件 | 3 | 1 | 9 |\n第二十条第(五)项 | ||\n信息内容 | 本年处理决定数量 | ||\n行政许可 | 4 | ||\n")
    record = text_record(text)
    assert [record["figures"].get(f"t2.rules.{c}") for c in ("issued", "repealed", "in_force")] == [0, 0, 0]
    assert record["printed_as"]["t2.rules.issued"] == "blank"
    assert [record["figures"].get(f"t2.normative.{c}") for c in ("issued", "repealed", "in_force")] == [3, 1, 9]


@pytest.mark.parametrize("label", ["二、上年结转政府信息公开申请数量", "二、上年转结政府信息公开申请数量"])
def test_the_carried_over_row_is_found_under_its_misprinted_label(label):
    """A portal prints 上年转结 for 上年结转: the row is still table 3's second (its
    cells were read with the first row's and both were lost)."""
    rows = [("一、本年新收政府信息公开申请数量", "2 / / / / 1 3"), (label, "1 / / / / / 1"),
            ("三、本年度办理结果\n\n(一)予以公开", "3 / / / / 1 4")]
    header = "\n\n".join(["申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"])
    text = ("某县某镇2020年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n\n" + header + "\n\n"
            + "".join(f"{a}\n\n" + "\n\n".join(b.split()) + "\n\n" for a, b in rows))
    figures = text_record(text)["figures"]
    assert [figures.get(f"t3.carried_over.{c}") for c in schema.T3_COLUMN_KEYS] == [1, 0, 0, 0, 0, 0, 1]
    assert figures.get("t3.new.total") == 3 and figures.get("t3.granted.total") == 4


def test_pinyin_glosses_a_mirror_prints_after_characters_do_not_hide_a_label():
    """Mirror sites print traditional characters with pinyin glosses (``行政事業(yè)性收費``,
    ``數(shù)``): the glosses are left out, so the row's label is found."""
    text = ("第二十條第(一)項 | |||\n信息內容 | 本年製發(fā)件數(shù) | 本年廢止件數(shù) | 現(xiàn)行有效件數(shù) |\n"
            "規(guī)章 | 0 | 0 | 0 |\n行政規(guī)范性文件 | 2 | 0 | 7 |\n第二十條第(八)項 | |||\n"
            "信息內容 | 本年收費金額(單位:萬元) | ||\n行政事業(yè)性收費 | 3.5 |\n三、收到和處理政府信息公開申請情況\n")
    figures = text_record("柞水縣鳳凰鎮(zhèn)2021年政府信息公開工作年度報告\n一、總體情況\n二、主動公開政府信息情況\n" + text)["figures"]
    assert figures.get("t2.fees.amount") == 3.5
    assert figures.get("t2.rules.issued") == 0
    assert figures.get("t2.normative.in_force") == 7


@pytest.mark.parametrize("rules,normative,values", [
    (["— |", "|", "|"], ["— |", "|", "— |"], ([0, 0, 0], [0, 0, 0])),
    (["|", "3 |", "|"], ["2 |", "|", "|"], ([0, 3, 0], [2, 0, 0])),
    (["|", "|", "|"], ["1 |", "— |", "1 |"], ([0, 0, 0], [1, 0, 1])),
])
def test_cells_exported_one_per_line_each_closed_by_a_bar_keep_their_blank_cells(rules, normative, values):
    """A text export printing each cell on a line closed by a bar (``— |``), a blank cell
    as a bare bar, and closing each row with one more bare bar: the bare bars among a
    row's first n lines are its blank cells (they were taken for padding, the row left
    out)."""
    lines = ["第二十条第（一）项 |", "|", "信息内容 |", "本年新制作数量 |", "本年新公开数量 |", "对外公开总数量 |", "|",
             "规章 |"] + rules + ["|", "规范性文件 |"] + normative + ["|", "第二十条第（五）项 |", "|"]
    text = "某县某镇2020年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n|\n" + "\n".join(lines) + "\n"
    figures = text_record(text)["figures"]
    keys = ("made", "published", "public_total")
    assert ([figures.get(f"t2.rules.{k}") for k in keys], [figures.get(f"t2.normative.{k}") for k in keys]) == values


@pytest.mark.parametrize("cells", [
    ["—", "", "—", "无", "—", "—", ""],
    ["无", "—", "", "/", "", "", ""],
    ["0", "", "", "0", "", "", "0"],
])
def test_a_table_3_row_printing_only_zeros_and_marks_short_of_cells_is_all_zeros(cells):
    """A row printed one cell per line whose empty lines run together with the spacing,
    every printed cell a 0 or a blank mark: whichever columns they stand in, the total is
    0 or blank, so every cell is 0 (only one column was placed, the others left out)."""
    t3 = {"一、本年新收政府信息公开申请数量": ["1", "", "", "", "", "", "1"],
          "二、上年结转政府信息公开申请数量": ["0", "", "", "", "", "", "0"],
          "三、本年度办理结果\n（一）予以公开": ["1", "", "", "", "", "", "1"],
          "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": cells}
    body = "".join(f"{label}\n" + "\n".join(values) + "\n" for label, values in t3.items())
    text = ("某县某街道办事处2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n法人或其他组织\n总计\n"
            "商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n" + body + "（三）不予公开\n1.属于国家秘密\n0\n\n\n\n\n\n0\n"
            "四、政府信息公开行政复议、行政诉讼情况\n")
    figures = text_record(text)["figures"]
    assert [figures.get(f"t3.partial.{c}") for c in schema.T3_COLUMN_KEYS] == [0] * 7
    assert figures.get("t3.new.total") == 1


@pytest.mark.parametrize("row,values", [
    ("政府集中采购 | 195 |  | 12,930元", (195, 12930)),
    ("政府集中采购 |  | 7 | 980", (7, 980)),
    ("政府集中采购 | 3 | 45.5 |  ", (3, 45.5)),
])
def test_a_two_column_row_of_table_2_among_blank_cells_of_a_wider_grid_keeps_its_figures(row, values):
    """A PDF whose table 2 keeps the three columns of its wider sub-tables after a page
    break: the procurement row prints its two figures among blank cells of that grid.
    They are its two cells in order (the row was left out)."""
    text = ("某市某街道2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（八）项\n信息内容 | 上一年项目数量 | 本年增/减\n"
            "行政事业性收费 |  | \n第二十条第（九）项\n信息内容 | 采购项目数量 | 采购总金额\n- 1 -\n" + row
            + "\n三、收到和处理政府信息公开申请情况\n")
    f = text_record(text)["figures"]
    assert (f.get("t2.procurement.items"), f.get("t2.procurement.amount")) == values
