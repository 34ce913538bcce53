"""Crawler components on their own: offsite rule, anti-bot detection, encodings, attachments, profiles."""
from __future__ import annotations

import asyncio
import os

import pytest
from scrapy.http import HtmlResponse

from crawler.detail import attachment_links, is_attachment_url, page_published, page_title
from crawler.discovery import column_links, section_links
from crawler.encoding import as_text_response
from crawler.middlewares.antibot import challenge_reason
from crawler.middlewares.offsite import is_allowed
from crawler.pipelines.store import file_extension
from crawler.profiles import ProfileError, get_profile, load_profiles, profile_for_url
from crawler.spiders.reports import ReportsSpider
from demo.portal_content import CHALLENGE_PAGE


def test_offsite_rule_respects_ports_and_subdomains():
    assert is_allowed("http://127.0.0.1:8400/a.html", ["127.0.0.1:8400"])
    assert not is_allowed("http://127.0.0.1:8401/a.html", ["127.0.0.1:8400"])
    assert is_allowed("https://xxgk.beijing.gov.cn/x.pdf", ["beijing.gov.cn"])
    assert not is_allowed("https://beijing.gov.cn.evil.com/x.pdf", ["beijing.gov.cn"])
    assert not is_allowed("http://www.gov.cn/", ["beijing.gov.cn"])


def test_antibot_pages_are_detected_and_real_pages_are_not():
    assert "HTTP 412" in challenge_reason(412, b"")
    assert "JavaScript" in challenge_reason(200, CHALLENGE_PAGE.encode())
    page = '<html><script>document.getElementById("count").innerHTML="1";</script><p>年度报告</p></html>'
    assert challenge_reason(200, page.encode()) is None


def test_gbk_page_without_charset_header_or_meta_is_decoded():
    text = "<html><body><a href='a.html'>示范市2023年政府信息公开工作年度报告</a></body></html>"
    response = HtmlResponse("http://127.0.0.1/", body=text.encode("gbk"), headers={"Content-Type": "text/html"})
    decoded = as_text_response(response)
    assert "示范市2023年政府信息公开工作年度报告" in decoded.text
    utf8 = HtmlResponse("http://127.0.0.1/", body=text.encode("utf-8"), headers={"Content-Type": "text/html"})
    assert "示范市" in as_text_response(utf8).text


def test_attachment_links_include_download_handlers_with_query_strings():
    html = """<html><head><title>某局2023年政府信息公开工作年度报告_某局</title></head><body>
    <div>发布日期：2024-01-22</div>
    <a href="/module/download/downfile.jsp?classid=0&filename=2401.docx">附件：年度报告.docx</a>
    <a href="P020240122.pdf">某局2023年年报.pdf</a>
    <a href="/attach/get?id=77">点击下载</a>
    <a href="/images/banner.jpg">图片</a><a href="/other.html">相关链接</a></body></html>"""
    response = HtmlResponse("http://x.gov.cn/art/2024/1/22/a.html", body=html.encode(), encoding="utf-8")
    urls = [u for u, _ in attachment_links(response)]
    assert urls == ["http://x.gov.cn/module/download/downfile.jsp?classid=0&filename=2401.docx",
                    "http://x.gov.cn/art/2024/1/22/P020240122.pdf", "http://x.gov.cn/attach/get?id=77"]
    assert page_title(response) == "某局2023年政府信息公开工作年度报告"
    assert page_published(response) == "2024-01-22"
    assert is_attachment_url("http://x.gov.cn/a/b.WPS")
    assert not is_attachment_url("http://x.gov.cn/a/b.html?id=1")


def test_file_extension_from_url_disposition_and_type():
    assert file_extension("http://x/a.wps", None) == ".wps"
    assert file_extension("http://x/down.jsp?id=1", "application/msword",
                          'attachment; filename="r.docx"') == ".docx"
    assert file_extension("http://x/down.jsp?id=1", "application/pdf") == ".pdf"
    assert file_extension("http://x/t1.htm", "text/html") == ".html"


def test_discovery_finds_the_column_by_link_text():
    html = """<html><body><a href="/zwgk/">政府信息公开</a><a href="/zwgk/xxgkzn/">政府信息公开指南</a>
    <a href="/zwgk/nb/">政府信息公开年报</a><a href="/n/1.html">2023年政府信息公开工作年度报告</a></body></html>"""
    response = HtmlResponse("http://x.gov.cn/", body=html.encode(), encoding="utf-8")
    assert column_links(response) == ["http://x.gov.cn/zwgk/nb/"]
    assert section_links(response) == ["http://x.gov.cn/zwgk/"]


def test_shipped_profiles_load_and_are_marked_unverified():
    profiles = load_profiles()
    assert len(profiles) >= 32  # the State Council and the 31 provincial-level portals
    assert profiles["gov-cn"].start_urls == ["https://www.gov.cn/"]
    assert all(not p.verified for p in profiles.values())
    with pytest.raises(ProfileError, match="no portal profile named 'atlantis'"):
        get_profile("atlantis")
    with pytest.raises(ProfileError, match="not an http"):
        profile_for_url("ftp://x.gov.cn/")


def test_bad_profile_file_is_skipped_with_a_clear_error(tmp_path):
    (tmp_path / "broken.toml").write_text('name = "broken"\nstart_urls = [', encoding="utf-8")
    (tmp_path / "nourl.toml").write_text('name = "nourl"\n', encoding="utf-8")
    (tmp_path / "good.toml").write_text('name = "good"\nstart_urls = ["http://www.x.gov.cn/"]\n', encoding="utf-8")
    errors = []
    profiles = load_profiles(tmp_path, errors=errors)
    assert list(profiles) == ["good"] and profiles["good"].allowed_domains == ["www.x.gov.cn"]
    assert sorted(str(e).split(":")[0].rsplit("/", 1)[1] for e in errors) == ["broken.toml", "nourl.toml"]
    with pytest.raises(ProfileError, match="broken.toml"):
        load_profiles(tmp_path, strict=True)


def test_spider_start_yields_requests():
    """Scrapy 2.19 only calls ``start()``: a spider whose start yields nothing crawls nothing."""
    spider = ReportsSpider(portal="beijing")

    async def collect():
        return [request async for request in spider.start()]

    requests = asyncio.run(collect())
    assert [r.url for r in requests] == ["https://www.beijing.gov.cn/"]
    assert requests[0].callback == spider.parse_list and requests[0].errback == spider.on_error


def test_default_settings_are_polite():
    from scrapy.utils.project import get_project_settings

    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    settings = get_project_settings()
    assert settings.getbool("ROBOTSTXT_OBEY") and settings.getbool("AUTOTHROTTLE_ENABLED")
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 2 and settings.getfloat("DOWNLOAD_DELAY") >= 1
    assert "https://" in settings.get("USER_AGENT") and "ogi" in settings.get("USER_AGENT")
    assert not settings.getbool("REMOTE_CONTROL_ENABLED") and not settings.getbool("TELNETCONSOLE_ENABLED")
    assert 500 in settings.getlist("RETRY_HTTP_CODES") or "500" in settings.getlist("RETRY_HTTP_CODES")


def test_retries_back_off_exponentially():
    from scrapy import Request
    from scrapy.utils.test import get_crawler

    from crawler.middlewares.backoff import BackoffRetryMiddleware

    crawler = get_crawler(ReportsSpider, {"RETRY_TIMES": 3, "OGI_RETRY_BACKOFF_BASE": 2.0})
    crawler.spider = ReportsSpider.from_crawler(crawler, portal="beijing")
    middleware = BackoffRetryMiddleware.from_crawler(crawler)
    request = Request("https://www.beijing.gov.cn/a.html")
    waits = []
    for _ in range(3):
        request = middleware._retry(request, "500 Internal Server Error")
        waits.append(request.meta["ogi_retry_wait"])
    assert waits == [2.0, 4.0, 8.0]
    assert middleware._retry(request, "500 Internal Server Error") is None  # gave up after RETRY_TIMES
