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


# --- who a site is ------------------------------------------------------------------------

from crawler.recognition import read_site_identity, site_code_division, site_code_kind  # noqa: E402


@pytest.mark.parametrize("markup,code", [
    ('<meta name="SiteIDCode" content="1304000009">', "1304000009"),
    ("<meta content='1101070001' name='SiteIDCode' />", "1101070001"),           # content before name
    ("<META NAME=siteidcode CONTENT=5001070012>", "5001070012"),                 # unquoted, upper case
    ('<meta name="SiteIDCode" content=" bm07000001 ">', "bm07000001"),
    ("<script id=\"_jiucuo_\" sitecode='3609220011' src='x/jiucuo.js'></script>", "3609220011"),
    ("document.writeln(\"<script id=\\'_jiucuo_\\' sitecode=\\'1200000052\\' src=\\'j.js\\'>\");", "1200000052"),
    ("<a href='http://x/exposure/jiucuo.html?site_code=BM17000009'>纠错</a>", "bm17000009"),
    # a malformed meta code gives way to the jiucuo script's
    ('<meta name="SiteIDCode" content="28"><script sitecode="1506000140"></script>', "1506000140"),
    ('<meta name="SiteIDCode" content="">', None),
    ("<p>sitecode=12345</p>", None),
])
def test_site_code_in_every_form_pages_write_it(markup, code):
    assert read_site_identity(f"<html><head>{markup}</head></html>").site_code == code


def test_site_identity_fields_encodings_and_conflicts():
    html = ('<meta name="SiteName" content="邯郸市人民政府"><meta name="SiteDomain" content="www.hd.gov.cn">'
            '<meta name="SiteIDCode" content="1304000009"><meta name="ColumnName" content="政府信息公开年报">'
            "<script id='_jiucuo_' sitecode='1304000010'></script>")
    for page in (html, html.encode("utf-8"), html.encode("gbk")):
        identity = read_site_identity(page)
        assert (identity.site_code, identity.site_name, identity.column_name, identity.site_domain) == (
            "1304000009", "邯郸市人民政府", "政府信息公开年报", "www.hd.gov.cn")
        assert identity.jiucuo_code == "1304000010" and identity.conflicting
    assert not read_site_identity('<meta name="SiteIDCode" content="1304000009">').conflicting


@pytest.mark.parametrize("code,kind,division", [
    ("1304000009", "local", "130400"), ("bm07000001", "department", None), ("BM07000001", "department", None),
    ("130400000", None, None), ("bm0700000", None, None), ("", None, None), (None, None, None),
])
def test_site_code_kind_and_division(code, kind, division):
    assert site_code_kind(code) == kind and site_code_division(code) == division
