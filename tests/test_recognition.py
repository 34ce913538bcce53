"""Report recognition on titles seen on real portals (real-samples, saved list pages)."""
from __future__ import annotations

import pytest

from crawler.recognition import date_from_url, find_date, is_annual_report, parse_title

REPORTS = [
    # (title as found, year, body)
    ("鄂尔多斯市2019年政府信息公开工作年度报告", 2019, "鄂尔多斯市"),
    ("鄂尔多斯市2018年政府信息公开年度报告", 2018, "鄂尔多斯市"),  # no 工作
    ("平潭综合实验区2025年度政府信息公开工作年度报告", 2025, "平潭综合实验区"),
    ("平潭综合实验区地方税务局2013年信息公开年度报告", 2013, "平潭综合实验区地方税务局"),  # no 政府
    ("东河区卫生健康委员会 2021政府信息公开工作年度报告", 2021, "东河区卫生健康委员会"),  # year without 年
    ("益阳市人民政府2019年政府信息公开工作报告", 2019, "益阳市人民政府"),  # no 年度
    ("宿州市人民政府2016年\n政府信息公开工作年度报告", 2016, "宿州市人民政府"),  # wrapped
    ("示范县自然资源局2020年政府信息公开工作年 度报告", 2020, "示范县自然资源局"),  # split inside 年度
    ("2023年合江县甘雨镇人民政府政府信息公开工作年度报告", 2023, "合江县甘雨镇人民政府"),  # year first
    ("二〇一九年上海市政府信息公开年报", 2019, "上海市"),  # Chinese numerals, 年报
    ("上海市2009年政府信息公开工作年度报告（全文）", 2009, "上海市"),
]

NOT_REPORTS = [
    "武威市人民政府办公室关于做好2025年政府信息公开工作年度报告编制和发布工作的通知",  # real negative sample
    "2024年政府工作报告",
    "示范市教育局2024年部门预算公开",
    "示范区管理委员会2023年度部门决算公开",
    "图解：示范县2023年政府信息公开工作年度报告",
    "一图读懂示范区2017年重点工作",
    "恩格贝生态示范区召开2020年度工作会暨党风廉政建设会议",
    "政府信息公开年报",  # the column's own name in a menu
    "信息公开年报",
    "2024年政务公开工作要点",
    "政府信息公开指南",
]


@pytest.mark.parametrize("title,year,body", REPORTS)
def test_reports_are_recognised_with_year_and_body(title, year, body):
    assert is_annual_report(title)
    info = parse_title(title)
    assert (info.year, info.body) == (year, body)
    assert "\n" not in info.title and " " not in info.title


@pytest.mark.parametrize("title", NOT_REPORTS)
def test_other_items_are_rejected(title):
    assert not is_annual_report(title)


def test_dates_from_text_and_urls():
    assert find_date("发布日期：2020年9月3日 来源：本网") == "2020-09-03"
    assert find_date("2024-01-19") == "2024-01-19"
    assert find_date("浏览次数：2024") is None
    assert date_from_url("http://x.gov.cn/xxgknb/202009/t20200903_2748784.html") == "2020-09-03"
    assert date_from_url("http://x.gov.cn/art/2024/1/22/art_4721_29011.html") is None
