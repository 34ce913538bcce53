"""Free-format (pre-2019) reports: sections, title, agency and year; never figures."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.mapping import map_layout
from extract.text import read_text

SAMPLES = Path(__file__).parent / "examples" / "real_samples"


@pytest.mark.parametrize("name, year", [
    ("pingtan_dishuiju_2013_report_pagetxt.txt", 2013),
    ("pages_suzhou_ah_city_2016_excerpt.txt", 2016),
    ("pages_fuzhou_jinan_qu_2016_excerpt.txt", 2016),
    ("pages_nanping_city_2012_excerpt.txt", 2012),
    ("pages_shanghai_city_2009_tradchinese_repost_excerpt.txt", 2009),
])
def test_free_format_reports(name, year):
    result = map_layout(read_text((SAMPLES / name).read_bytes()))
    assert result["format"] == "free"
    assert result["year"] == year
    assert result["figures"] == {} and result["findings"] == []
    assert result["sections"].get("1")
    assert result["is_report"]


def test_pingtan_2013_sections_follow_its_own_headings():
    result = map_layout(read_text((SAMPLES / "pingtan_dishuiju_2013_report_pagetxt.txt").read_bytes()))
    assert len(result["sections"]) >= 2
    assert all(text for text in result["sections"].values())


def test_seven_part_free_format_headings_map_onto_the_six_sections():
    from extract.layout import Layout
    layout = Layout(lines=["某市人民政府2012年政府信息公开工作年度报告", "一、概述", "甲", "二、主动公开政府信息情况", "乙",
                           "三、依申请公开政府信息情况", "丙", "四、政府信息公开的收费及减免情况", "收费",
                           "五、因政府信息公开申请提起行政复议、行政诉讼的情况", "丁",
                           "六、政府信息公开工作存在的主要问题及改进措施", "戊", "七、其他需要报告的事项", "己"])
    result = map_layout(layout)
    assert result["format"] == "free"
    assert result["sections"]["4"] == "丁" and result["sections"]["5"] == "戊" and result["sections"]["6"] == "己"
    assert result["sections"]["3"].startswith("丙")
