"""extract.html: portal pages in UTF-8 and GBK, spans, chrome."""
from __future__ import annotations

import json

import pytest

from demo.render import expected_table_lines, make_spec, render_html
from extract.html import decode_html, read_html


def assert_rows_in_order(layout, expected):
    lines = layout.lines
    position = 0
    for row in expected:
        assert row in lines[position:], f"row missing or out of order: {row!r}"
        position = lines.index(row, position) + 1


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("encoding, declare", [("utf-8", True), ("gbk", True), ("gbk", False)])
def test_rendered_pages_give_every_table_row(seed, encoding, declare):
    spec = make_spec(seed, year=2019 + seed % 6)
    layout = read_html(render_html(spec, encoding, declare=declare))
    assert_rows_in_order(layout, expected_table_lines(spec))
    assert spec.title in layout.lines
    # chrome is gone
    text = layout.text
    assert "网站地图" not in text and "_hmt" not in text and "首页" not in text and "border-collapse" not in text


def test_gbk_without_declaration_decodes():
    text, encoding = decode_html("<p>政府信息公开“三安全一稳定”</p>".encode("gbk"))
    assert encoding == "gb18030" and "三安全一稳定" in text


def test_declared_gb2312_but_utf8_bytes():
    data = '<meta charset="gb2312"><p>收到和处理政府信息公开申请情况</p>'.encode("utf-8")
    text, _ = decode_html(data)
    assert "收到和处理政府信息公开申请情况" in text


def test_layout_table_wrapping_article_is_read_as_blocks():
    page = ("<html><body><table><tr><td><p>某某区2023年政府信息公开工作年度报告</p>"
            "<table><tr><td>规章</td><td>1</td><td></td><td>3</td></tr></table></td></tr></table></body></html>")
    layout = read_html(page.encode("utf-8"))
    assert layout.lines == ["某某区2023年政府信息公开工作年度报告", "规章 | 1 |  | 3"]


def test_shanghai_2019_real_page(input_kind_examples):
    path = input_kind_examples / "shanghai_zfbgt_2019_report_from_js.html"
    truth = json.loads((input_kind_examples / "shanghai_zfbgt_2019_report_from_js.truth.json").read_text())
    layout = read_html(path.read_bytes())
    lines = layout.lines
    assert "2019年上海市人民政府办公厅政府信息公开工作年度报告" in layout.title_hint
    # nested rowspans: 三、本年度办理结果 spans 20 rows and appears once, first result row
    new = next(line for line in lines if line.startswith("一、本年新收政府信息公开申请数量"))
    assert new.split(" | ")[1:] == ["821", "35", "", "", "2", "1", "859"]
    granted = next(line for line in lines if line.startswith("三、本年度办理结果"))
    assert granted.split(" | ")[1:] == ["（一）予以公开", "258", "12", "", "", "1", "1", ""]
    assert sum(1 for line in lines if "三、本年度办理结果" in line) == 1
    procurement = next(line for line in lines if line.startswith("政府集中采购"))
    assert procurement == "政府集中采购 | 6 | 251000元"
    assert truth["figures"]["t3.new.total"] == 859
