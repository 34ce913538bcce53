"""The demo portal serves what the crawler tests rely on: CMS styles, encodings, traps, validators."""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

import pytest

from demo.portal import start_demo_portal


@pytest.fixture(scope="module")
def portal():
    server, base_url = start_demo_portal()
    assert base_url == server.base_urls["demo-trs"] + "/"
    yield server
    server.shutdown()


def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_portals_listen_on_loopback_only_and_have_profiles(portal):
    profiles = portal.profiles()
    assert [p.cms for p in profiles] == ["trs", "hanweb", "generic", "jsonapi"]
    for profile in profiles:
        assert profile.start_urls[0].startswith("http://127.0.0.1:")
        assert profile.allowed_domains == [profile.start_urls[0].split("/")[2]]
        assert get(profile.start_urls[0])[0] == 200
    assert all(server.server_address[0] == "127.0.0.1" for server in portal.servers.values())


def test_manifest_covers_years_bodies_and_kinds(portal):
    reports = portal.manifest()["reports"]
    assert len(reports) >= 30
    assert {r["kind"] for r in reports} >= {"html-gbk", "html-utf8", "pdf", "docx", "doc", "wps", "scan-pdf"}
    assert {r["year"] for r in reports} == set(range(2019, 2025))
    assert len({r["body"] for r in reports}) >= 10
    magic = {"pdf": b"%PDF", "scan-pdf": b"%PDF", "docx": b"PK", "doc": b"\xd0\xcf\x11\xe0", "wps": b"\xd0\xcf\x11\xe0"}
    for report in reports:
        status, headers, body = get(report["url"])
        if status == 500:  # the page that fails once, then recovers
            status, headers, body = get(report["url"])
        assert status == 200, report
        if report["kind"] in magic:
            assert body.startswith(magic[report["kind"]]), report


def test_trs_pages_are_gbk_without_charset_header(portal):
    status, headers, body = get(portal.base_urls["demo-trs"] + "/zwgk/xxgknb/index.html")
    assert headers["Content-Type"] == "text/html"
    text = body.decode("gbk")
    assert "createPageHTML(" in text and "政府信息公开工作年度报告" in text
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")


def test_conditional_requests_get_304_until_a_report_changes(portal):
    report = next(r for r in portal.manifest()["reports"] if r["kind"] == "pdf")
    status, headers, body = get(report["url"])
    assert status == 200 and headers["ETag"] and headers["Last-Modified"]
    assert get(report["url"], {"If-None-Match": headers["ETag"]})[0] == 304
    assert get(report["url"], {"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    portal.change_report(report["url"])
    status, new_headers, new_body = get(report["url"], {"If-None-Match": headers["ETag"]})
    assert status == 200 and new_body != body and new_headers["ETag"] != headers["ETag"]


def test_removed_report_leaves_the_list_and_answers_404(portal):
    report = next(r for r in portal.manifest()["reports"] if r["portal"] == "demo-gkmlpt" and r["kind"] == "docx")
    base = portal.base_urls["demo-gkmlpt"]
    portal.remove_report(report["url"])
    assert get(report["url"])[0] == 404
    pages = [json.loads(get(f"{base}/gkmlpt/api/all/2?page={n}")[2]) for n in (1, 2)]
    assert report["url"] not in [a["url"] for page in pages for a in page["articles"]]
    assert report["url"] not in [r["url"] for r in portal.manifest()["reports"]]


def test_traps(portal):
    trs, hanweb = portal.base_urls["demo-trs"], portal.base_urls["demo-hanweb"]
    assert "Disallow: /private/" in get(trs + "/robots.txt")[2].decode()
    redirect = next(r for r in portal.reports if r.redirect_from)
    assert get(trs + redirect.redirect_from)[0] == 200  # urllib follows the 301
    flaky = next(r for r in portal.reports if r.trap == "fail-once")
    get(hanweb + flaky.page_path), get(hanweb + flaky.page_path)
    assert [status for _, path, status in portal.log if path == flaky.page_path][:2] == [500, 200]
    slow = next(r for r in portal.reports if r.trap == "slow")
    began = time.monotonic()
    assert get(trs + slow.page_path)[0] == 200 and time.monotonic() - began >= 0.9
    failures = {f["reason"]: f["url"] for f in portal.manifest()["failures"]}
    status, _, body = get(failures["anti-bot"] if "412" in failures else hanweb + "/art/2024/1/24/art_4721_29014.html")
    assert status in (200, 412) and b"__jsl_clearance" in body
    assert get(failures["HTTP 404"])[0] == 404


def test_hanweb_dataproxy_pages_records(portal):
    base = portal.base_urls["demo-hanweb"]
    status, headers, body = get(base + "/module/web/jpage/dataproxy.jsp?columnid=4721&startrecord=6&endrecord=8&perpage=5")
    text = body.decode("utf-8")
    assert status == 200 and text.count("<record>") == 3 and "<totalrecord>" in text
