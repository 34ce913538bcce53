"""Golden list-page tests: every saved list page in examples/listpages beside its compare file.

Each example is ``<name>.<html|xml|json>`` with ``<name>.url`` (the page's URL, then
the CMS kind detection must choose) and ``<name>.compare.json`` (the report links the
adapter must find and the other list pages it must reach). A missing compare file is
written and the test fails, so that someone reviews it before committing.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, TextResponse

from crawler.cms import ADAPTERS, UnknownCms, adapter_for
from crawler.encoding import as_text_response

LISTPAGES = Path(__file__).parent / "examples" / "listpages"
EXAMPLES = sorted(p for p in LISTPAGES.glob("*_example.*")
                  if p.suffix in (".html", ".xml", ".json") and not p.name.endswith(".compare.json"))


def load_example(path: Path):
    url, kind = path.with_suffix(".url").read_text(encoding="utf-8").split()[:2]
    cls = TextResponse if path.suffix == ".json" else HtmlResponse
    response = cls(url=url, body=path.read_bytes(), headers={"Content-Type": "text/html"} if cls is HtmlResponse else {})
    return (as_text_response(response) if cls is HtmlResponse else response.replace(encoding="utf-8")), kind


def test_every_adapter_has_an_example():
    kinds = {path.with_suffix(".url").read_text(encoding="utf-8").split()[1] for path in EXAMPLES}
    assert set(ADAPTERS) <= kinds, f"no list-page example for {set(ADAPTERS) - kinds} in {LISTPAGES}"


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_list_page_example(path):
    response, kind = load_example(path)
    adapter = adapter_for(None, response)
    found = {
        "cms_detected": adapter.name,
        "reports": [e.as_dict() for e in adapter.report_entries(response)],
        "next_pages": adapter.next_pages(response),
    }
    posts = [r.as_dict() for r in adapter.next_requests(response) if r.method == "POST"]
    if posts:
        found["post_requests"] = posts
    compare = path.with_name(path.stem + ".compare.json")
    if not compare.exists():
        compare.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        pytest.fail(f"wrote {compare}; review it and commit it with the example")
    expected = json.loads(compare.read_text(encoding="utf-8"))
    assert found["cms_detected"] == kind == expected["cms_detected"]
    assert found["reports"] == expected["reports"]
    assert found["next_pages"] == expected["next_pages"]
    assert found.get("post_requests", []) == expected.get("post_requests", [])


def test_ordos_trs_page_keeps_reports_and_drops_news():
    response, _ = load_example(LISTPAGES / "ordos_engebei_trs_example.html")
    titles = [e.title for e in adapter_for("trs", response).report_entries(response)]
    assert "鄂尔多斯市2018年政府信息公开年度报告" in titles  # the variant title without 工作
    assert not any("会议" in t or "栽下梧桐" in t for t in titles)
    assert len(titles) == 4


def test_profile_selectors_limit_rows_to_the_list():
    response, _ = load_example(LISTPAGES / "pingtan_trs_example.html")
    adapter = adapter_for("generic", response, {"item": "div.rules_tabs_01 dl", "link": "dd a"})
    entries = adapter.entries(response)
    assert len(entries) == 10  # the left-menu column link and the script template are not rows
    assert all(e.is_report for e in entries)
    assert entries[0].published == "2026-03-10"  # the listed date, not the one in the URL


def test_unknown_cms_kind_is_a_clear_error():
    response, _ = load_example(LISTPAGES / "demo_generic_example.html")
    with pytest.raises(UnknownCms, match="unknown CMS kind 'drupal'"):
        adapter_for("drupal", response)


@pytest.mark.parametrize("script,expected", [
    ('createPageHTML(3, 0, "index", "html");', ["index_1.html", "index_2.html"]),
    ("createPageHTML('page_div', 3, 1, 'index', 'shtml', 45);", ["index_1.shtml", "index_2.shtml"]),
    ("var currentPage = 0;\nvar countPage = 2//共多少页", ["index_1.html"]),
    # a pager configured by script: ceil(recordCount / prepage) pages, static up to maxStaticIndex
    ("$('#page').pagination({recordCount: '20', prepage: 10, maxStaticIndex: 1});", ["index_1.html"]),
    ("$('#page').pagination({recordCount: '45', prepage: 10, maxStaticIndex: 2});", ["index_1.html", "index_2.html"]),
    ("var cfg = {recordCount: 31, perPage: '10', maxStaticIndex: 9};", ["index_1.html", "index_2.html",
                                                                         "index_3.html"]),
    ("var cfg = {recordCount: '10', prepage: 10, maxStaticIndex: 1};", []),
])
def test_trs_pager_forms(script, expected):
    body = f"<html><body><ul><li><a href='./a.html'>x</a></li></ul><script>{script}</script></body></html>"
    response = HtmlResponse("http://x.gov.cn/col/nb/index.html", body=body.encode(), encoding="utf-8")
    adapter = adapter_for(None, response)
    assert adapter.name == "trs"
    assert adapter.next_pages(response) == ["http://x.gov.cn/col/nb/" + name for name in expected]


def test_trs_script_pager_keeps_the_page_extension():
    body = ("<ul><li><a href='./a.html'>x</a></li></ul><script>pagination({recordCount: '25', prepage: 10, "
            "maxStaticIndex: 5})</script>")
    response = HtmlResponse("http://x.gov.cn/nb/index.shtml", body=body.encode(), encoding="utf-8")
    assert adapter_for(None, response).next_pages(response) == ["http://x.gov.cn/nb/index_1.shtml",
                                                               "http://x.gov.cn/nb/index_2.shtml"]


@pytest.mark.parametrize("url,links,kind", [
    ("http://x.gov.cn/col/col123/index.html", "<a href='/art/2024/1/2/art_123_1.html'>a</a>"
                                              "<a href='/art/2024/1/3/art_123_2.html'>b</a>", "hanweb"),
    ("http://x.gov.cn/zwgk/nb/", "<a href='./202401/t20240102_1.html'>a</a><a href='./202401/t20240103_2.html'>b</a>",
     "trs"),
    ("http://x.gov.cn/zwgk/nb/", "<a href='./202401/t20240102_1.html'>a</a>", "generic"),  # one link is no pattern
    ("http://x.gov.cn/nb/", "<div class='ewb-list'><p class='ewb-a'><a class='ewb-b' href='1.html'>a</a></p></div>",
     "epoint"),
    ("http://x.gov.cn/nb/", "<UCAPCONTENT><a href='a.html'>a</a></UCAPCONTENT>", "ucap"),
])
def test_detection_from_urls_and_markup(url, links, kind):
    response = HtmlResponse(url, body=f"<html><body>{links}</body></html>".encode(), encoding="utf-8")
    assert adapter_for(None, response).name == kind


def test_gkmlpt_shell_without_a_column_asks_for_nothing():
    body = "<script>window._CONFIG = {SID: '755031'};</script>"
    for url in ("http://x.gov.cn/gkmlpt/index", "http://x.gov.cn/gkmlpt/index#abc"):
        response = HtmlResponse(url, body=body.encode(), encoding="utf-8")
        adapter = adapter_for(None, response)
        assert adapter.name == "jsonapi" and adapter.next_pages(response) == []
