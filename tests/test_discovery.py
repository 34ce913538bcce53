"""Column discovery on pages written in the shapes portals use, and on the real saved column pages."""
from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.http import HtmlResponse

from crawler.discovery import column_links, is_column_page, next_columns, section_links, year_subcolumns

LISTPAGES = Path(__file__).parent / "examples" / "listpages"


def page(body: str, url: str = "http://www.x.gov.cn/", head: str = "") -> HtmlResponse:
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    return HtmlResponse(url, body=html.encode("utf-8"), encoding="utf-8")


@pytest.mark.parametrize("text", ["政府信息公开年报", "政府信息公开工作年度报告", "信息公开年报", "政务信息公开年度报告",
                                  "政府信息公开工作年度报表", "信息公开工作报表", "政务公开年报", "年报", "工作报表",
                                  "年度报表"])
def test_column_by_link_text(text):
    response = page(f"<a href='/zwgk/a/'>政府信息公开指南</a><a href='/zwgk/col/'>{text}</a>")
    assert column_links(response) == ["http://www.x.gov.cn/zwgk/col/"]


@pytest.mark.parametrize("path", ["/zwgk/zfxxgknb/", "/xxgk/xxgknb/index.html", "/gknb/", "/zfxxgkndbg/",
                                  "/bm/ndbg_123/", "/a/zfxxgknb.shtml"])
def test_column_by_path_keyword_when_the_link_is_an_image(path):
    response = page(f"<a href='/news/'>新闻</a><a href='{path}'><img src='nb.png'></a>")
    assert column_links(response) == ["http://www.x.gov.cn" + path]


def test_link_text_ranks_before_path_and_articles_are_not_columns():
    response = page("<a href='/zwgk/zfxxgknb/'><img src='x.png'></a><a href='/gk/nb/'>政府信息公开年报</a>"
                    "<a href='/zwgk/zfxxgknb/202401/t20240120_1.html'><img src='y.png'></a>"
                    "<a href='/zwgk/ndbg/2023.pdf'>附件</a>")
    assert column_links(response) == ["http://www.x.gov.cn/gk/nb/", "http://www.x.gov.cn/zwgk/zfxxgknb/"]


def test_separate_information_host_ranks_first_among_sections():
    response = page("<a href='/zwgk/'>政务公开</a><a href='http://xxgk.x.gov.cn/'>政务公开</a>"
                    "<a href='http://zfxxgk.x.gov.cn/a/'>政府信息公开目录</a>")
    assert section_links(response) == ["http://xxgk.x.gov.cn/", "http://www.x.gov.cn/zwgk/",
                                       "http://zfxxgk.x.gov.cn/a/"]


def test_year_subcolumns_are_followed_and_reports_are_not():
    response = page(
        "<a href='/nb/2024/'>2024年</a><a href='/nb/2023/'>2023年度</a><a href='/nb/2022/index.html'>2022</a>"
        "<a href='/nb/2021/'>2021年度政府信息公开年报</a>"
        "<a href='/nb/202401/t20240120_1.html'>2023年政府信息公开工作年度报告</a>"
        "<a href='/nb/2020.html'>2020年度政府信息公开年报</a>"         # a report page named like the column
        "<a href='/nb/jd.html'>2023年政府信息公开工作年度报告解读</a>"
        "<a href='/nb/yd.html'>2023年政务公开工作要点</a>", url="http://www.x.gov.cn/nb/")
    assert year_subcolumns(response) == ["http://www.x.gov.cn/nb/2024/", "http://www.x.gov.cn/nb/2023/",
                                         "http://www.x.gov.cn/nb/2022/index.html", "http://www.x.gov.cn/nb/2021/"]
    assert column_links(response) == []  # year-bearing links are never the column itself


def test_column_name_marks_the_column_page():
    head = "<meta name='ColumnName' content='政府信息公开工作年度报告'>"
    column = page("<a href='/zwgk/'>政务公开</a><a href='/nb/2024/'>2024年</a>", head=head)
    assert is_column_page(column)
    assert next_columns(column, has_reports=False, depth=0, max_depth=2) == ["http://www.x.gov.cn/nb/2024/"]
    other = page("<a href='/zwgk/'>政务公开</a>", head="<meta name='ColumnName' content='要闻动态'>")
    assert not is_column_page(other)
    assert next_columns(other, has_reports=False, depth=0, max_depth=2) == ["http://www.x.gov.cn/zwgk/"]


def test_next_columns_depth_rules():
    home = page("<a href='/zwgk/'>政务公开</a><a href='/nb/'>政府信息公开年报</a><a href='/nb/2024/'>2024年</a>")
    assert next_columns(home, has_reports=False, depth=0, max_depth=2) == [
        "http://www.x.gov.cn/nb/", "http://www.x.gov.cn/nb/2024/"]
    assert next_columns(home, has_reports=True, depth=0, max_depth=2) == ["http://www.x.gov.cn/nb/2024/"]
    assert next_columns(home, has_reports=False, depth=2, max_depth=2) == ["http://www.x.gov.cn/nb/2024/"]
    assert next_columns(home, has_reports=False, depth=3, max_depth=2) == []


@pytest.mark.parametrize("name,column", [("pingtan_trs_example", True), ("ordos_engebei_trs_example", False)])
def test_real_column_pages(name, column):
    url = (LISTPAGES / f"{name}.url").read_text(encoding="utf-8").split()[0]
    response = HtmlResponse(url, body=(LISTPAGES / f"{name}.html").read_bytes(), encoding="utf-8")
    assert is_column_page(response) is column  # Ordos' saved page carries no ColumnName meta
    assert year_subcolumns(response) == []  # news items with years ("2016，恩格贝，精彩继续！") are not sub-columns
