"""The plain-text input kind and section finding."""
from __future__ import annotations

import pytest

from extract.numbers import normalize
from extract.sections import find_sections, section_texts
from extract.text import TextError, read_text


def test_utf8_and_gb18030():
    text = "某县2023年政府信息公开工作年度报告\n一、总体情况\n"
    assert read_text(text.encode("utf-8")).lines[0] == "某县2023年政府信息公开工作年度报告"
    assert read_text(text.encode("gb18030")).lines[1] == "一、总体情况"
    assert read_text(b"\xef\xbb\xbf" + text.encode("utf-8")).lines[0].startswith("某县")


def test_bad_input_is_a_clear_error():
    with pytest.raises(TextError, match="binary"):
        read_text(b"\x00\x01\x02PK")
    with pytest.raises(TextError, match="no text"):
        read_text(b"  \n\n ")


def test_collector_header_and_truncation_marker():
    data = ("SOURCE: public web page, URL: http://example.gov.cn/t20240115_1.html\n"
            "NOTE: excerpt only. Agency: 某局\n----\n一、总体情况\n正文\n[excerpt truncated by kept text]\n").encode()
    layout = read_text(data)
    assert layout.lines[0].startswith("SOURCE:")
    assert not any(line.startswith("NOTE") for line in layout.lines)
    assert "[excerpt" not in layout.text
    assert any(w["code"] == "text_truncated" and w["detail"].startswith("text truncated") for w in layout.warnings)


def test_sections_numbered_unnumbered_and_inline():
    text = normalize("本报告包括总体情况、主动公开政府信息情况等。\n一、总体情况\n甲\n二、主动公开政府信息情况\n乙\n"
                     "收到和处理政府信息公开申请情况\n丙\n政府信息公开行政复议、行政诉讼情况\n丁\n"
                     "五、存在的主要问题及改进情况\n戊\n六、其他需要报告的事项\n己")
    sections = section_texts(text, find_sections(text))
    assert sections == {"1": "甲", "2": "乙", "3": "丙", "4": "丁", "5": "戊", "6": "己"}


@pytest.mark.parametrize("heading", ["因政府信息公开工作被申请行政复议、提起行政诉讼情况",
                                     "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
                                     "政府信息公开行政复议、行政诉讼情况"])
def test_section_4_in_either_templates_wording_with_or_without_its_numeral(heading):
    """The 2019 template names section 4 因政府信息公开工作被申请行政复议、提起行政诉讼情况;
    printed on a line of its own without 四、, after table 3's row 四、结转下年度继续办理,
    it still opens section 4 (not that row)."""
    text = normalize("一、总体情况\n甲\n三、收到和处理政府信息公开申请情况\n四、结转下年度继续办理 | 2\n"
                     f"{heading}\n行政复议 | 行政诉讼\n五、存在的主要问题及改进情况\n戊")
    sections = section_texts(text, find_sections(text))
    assert sections["4"].startswith("行政复议") and sections["3"].endswith("| 2")


def test_sections_in_flattened_text():
    text = normalize("一、总体情况全年公开信息12条。 二、主动公开政府信息情况第二十条规章000"
                     "三、收到和处理政府信息公开申请情况申请人情况四、政府信息公开行政复议、行政诉讼情况000"
                     "五、存在的主要问题及改进情况无六、其他需要报告的事项无")
    assert sorted(find_sections(text)) == [1, 2, 3, 4, 5, 6]
