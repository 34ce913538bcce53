"""End to end: registry rows → profiles → crawl of a local portal of several CMS families → store.

The portal serves, on 127.0.0.1 (and 127.0.0.2 for a separate 信息公开 host):

- ``ordos``: the REAL saved TRS column page of 鄂尔多斯 恩格贝 (news mixed with reports,
  ``countPage`` pager), reached by discovery from a home page, with a constructed page 2;
- ``pingtan``: the REAL saved column page of 平潭 (TRS article links, profile selectors), two
  report pages carrying the real report text;
- ``city``: a constructed TRS column whose script pager (recordCount / prepage /
  maxStaticIndex) has a second static page, found by its path keyword (an image link);
- ``county``: a constructed Hanweb column whose further records answer only POST;
- ``district``: a constructed gkmlpt shell (``window._CONFIG``) and its JSON API;
- ``province``: a constructed UCAP list; ``epoint``: a constructed Epoint list;
- ``town``: a constructed generic site: home → 政务公开 on a second host → a 工作报表 column
  (``ColumnName``) holding only year sub-columns.

Every report page and non-report page is registered with the agency and year a reader
of the list would give it; the crawl must store exactly the reports, with that agency
and year. A second run, with one column emptied and one API answering 412, must report
the first quiet and the second blocked.
"""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from crawler.health import assess_all
from crawler.profiles import load_profiles
from crawler.registry import Site, write_sites
from crawler.run import crawl
from store import RawStore

EXAMPLES = Path(__file__).parent / "examples"
LISTPAGES = EXAMPLES / "listpages"
REAL_TEXT = EXAMPLES / "real_samples"


def report_page(title: str, text: str = "", meta: str = "") -> bytes:
    body = text or f"<p>{title}。本报告依据《中华人民共和国政府信息公开条例》编制。</p>"
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'>{meta}<title>{title}</title></head>"
            f"<body><h1>{title}</h1><div class='content'>{body}</div></body></html>").encode("utf-8")


class Portal:
    """Routes of one origin: path (with query for GETs) → (status, content type, body)."""

    def __init__(self, host: str = "127.0.0.1"):
        self.routes: dict[str, tuple[int, str, bytes]] = {}
        self.post_only: set[str] = set()
        self.log: list[tuple[str, str]] = []
        self.server = ThreadingHTTPServer((host, 0), self._handler())
        self.base = f"http://{host}:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def add(self, path: str, body: bytes, status: int = 200, ctype: str = "text/html; charset=utf-8"):
        self.routes[path] = (status, ctype, body)

    def _handler(self):
        portal = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, key):
                portal.log.append((self.command, self.path))
                status, ctype, body = portal.routes.get(key, (404, "text/html", b"<h1>404</h1>"))
                if self.command == "GET" and urlsplit(self.path).path in portal.post_only:
                    status, ctype, body = 405, "text/plain", b"POST only"
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                self._answer(self.path)

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                form = parse_qs(self.rfile.read(length).decode("utf-8"))
                query = parse_qs(urlsplit(self.path).query)
                # the range comes in the query, the column in the form (as jpage.js sends them)
                ok = form.get("columnid") == ["5821"] and form.get("webid") == ["18"] and "startrecord" in query
                self._answer(urlsplit(self.path).path + ("?ok" if ok else "?bad-form"))

            def do_HEAD(self):
                self._answer(self.path)

        return Handler


class Manifest:
    def __init__(self):
        self.reports: dict[str, tuple[str, int]] = {}  # url → (agency, year)
        self.others: set[str] = set()

    def report(self, portal: Portal, path: str, title: str, agency: str, year: int, page: bytes | None = None):
        portal.add(path, page or report_page(title))
        self.reports[portal.base + path] = (agency, year)

    def other(self, portal: Portal, path: str, title: str):
        portal.add(path, report_page(title))
        self.others.add(portal.base + path)


def build(manifest: Manifest) -> tuple[dict[str, Portal], list[Site], dict]:
    portals: dict[str, Portal] = {}
    sites: list[Site] = []

    # --- ordos: the real TRS column page, discovery from a home page -----------------
    p = portals["ordos"] = Portal()
    p.add("/egb/", "<html><body><a href='/egb/zjegb/'>走进恩格贝</a><a href='/egb/xxgk/'>信息公开</a></body></html>"
          .encode())
    p.add("/egb/xxgk/", "<html><body><a href='./xxgkzn/'>信息公开指南</a><a href='./xxgknb/index.html'>信息公开年报</a>"
          "</body></html>".encode())
    p.add("/egb/xxgk/xxgknb/index.html", (LISTPAGES / "ordos_engebei_trs_example.html").read_bytes())
    column = "/egb/xxgk/xxgknb/"
    for path, title, agency, year in [
            ("202009/t20200903_2748784.html", "鄂尔多斯市2019年政府信息公开工作年度报告", "鄂尔多斯市", 2019),
            ("202003/t20200311_2593126.html", "鄂尔多斯市人民政府办公室2019年政府信息公开工作年度报告",
             "鄂尔多斯市人民政府办公室", 2019),
            ("201905/t20190530_2380968.html", "鄂尔多斯市2018年政府信息公开年度报告", "鄂尔多斯市", 2018),
            ("201905/t20190530_2380967.html", "内蒙古自治区2018年政府信息公开工作年度报告", "内蒙古自治区", 2018)]:
        manifest.report(p, column + path, title, agency, year)
    for path in ["202005/t20200506_2633371.html", "201906/t20190614_2389850.html", "201811/t20181102_2290635.html",
                 "201811/t20181102_2290607.html", "201805/t20180525_2166460.html", "201802/t20180205_2082017.html"]:
        manifest.other(p, column + path, "恩格贝生态示范区新闻")
    p.add(column + "index_1.html", (  # constructed page 2
        "<html><body><table class='gl_list'>"
        "<tr><td><a href='./201803/t20180320_2100001.html'>恩格贝生态示范区2017年政府信息公开工作年度报告</a></td>"
        "<td>2018-03-20</td></tr><tr><td><a href='./201703/t20170301_2000001.html'>恩格贝举办沙漠植树活动</a></td>"
        "<td>2017-03-01</td></tr></table><script>var currentPage = 1;var countPage = 2</script></body></html>").encode())
    manifest.report(p, column + "201803/t20180320_2100001.html", "恩格贝生态示范区2017年政府信息公开工作年度报告",
                    "恩格贝生态示范区", 2017)
    manifest.other(p, column + "201703/t20170301_2000001.html", "恩格贝举办沙漠植树活动")
    sites.append(Site(portal="ordos", home_url=p.base + "/egb/", body="鄂尔多斯市恩格贝生态示范区管委会",
                      division_code="150600", site_code="1506000140"))

    # --- pingtan: the real column page, real report text ------------------------------
    p = portals["pingtan"] = Portal()
    column = "/zwgk/zfxxgk/zfxxgknb/"
    p.add(column, (LISTPAGES / "pingtan_trs_example.html").read_bytes())
    real = {2023: "202403/t20240308_87885.htm", 2019: "202001/t20200120_80576.htm"}
    paths = {2025: "202603/t20260313_105587.htm", 2024: "202503/t20250310_97791.htm", 2022: "202302/t20230220_80629.htm",
             2021: "202202/t20220208_80613.htm", 2020: "202103/t20210305_80595.htm", 2018: "201901/t20190110_80529.htm",
             2017: "201801/t20180123_80506.htm", 2016: "201701/t20170118_80485.htm", **real}
    for year, path in paths.items():
        title = f"平潭综合实验区{year}年度政府信息公开工作年度报告"
        page = None
        if year in real:
            text = (REAL_TEXT / f"pingtan_{year}_report_pagetxt.txt").read_text(encoding="utf-8")
            page = report_page(title, "<pre>" + text.replace("&", "&amp;").replace("<", "&lt;") + "</pre>")
        manifest.report(p, column + path, title, "平潭综合实验区", year, page)
    sites.append(Site(portal="pingtan", home_url=p.base + "/", column_urls=[p.base + column], cms="auto",
                      body="平潭综合实验区管委会", division_code="350128", site_code="3590000001"))

    # --- city: TRS script pager with a second static page, found by its path ---------
    p = portals["city"] = Portal()
    p.add("/", b"<html><body><a href='/zwgk/'>news</a><a href='/zwgk/zfxxgknb/index.html'><img src='nb.png'></a>"
               b"</body></html>")
    column = "/zwgk/zfxxgknb/"
    p.add(column + "index.html", (LISTPAGES / "constructed_trs_recordcount_example.html").read_bytes())
    for path, agency, year in [("202501/t20250120_11800001.html", "示例市人民政府", 2024),
                               ("202501/t20250118_11800002.html", "示例市发展和改革委员会", 2024),
                               ("202501/t20250116_11800004.html", "示例市教育局", 2024),
                               ("202401/t20240125_11700001.html", "示例市人民政府", 2023),
                               ("202401/t20240120_11700003.html", "示例市财政局", 2023),
                               ("202301/t20230130_11600001.html", "示例市人民政府", 2022),
                               ("202301/t20230128_11600002.html", "示例市卫生健康委员会", 2022)]:
        manifest.report(p, column + path, f"{agency}{year}年政府信息公开工作年度报告", agency, year)
    for path in ["202501/t20250117_11800003.html", "202401/t20240122_11700002.html", "202402/t20240201_11700004.html"]:
        manifest.other(p, column + path, "通知")
    second = "".join(f"<li><a href='./2022{m:02d}/t2022{m:02d}10_1150000{m}.html'>示例市{d}{y}年政府信息公开工作年度报告"
                     f"</a><span>2022-{m:02d}-10</span></li>"
                     for m, d, y in [(1, "民政局", 2021), (2, "审计局", 2021), (3, "人民政府", 2021)])
    p.add(column + "index_1.html", f"<html><body><ul>{second}<li><a href='./202204/t20220410_11500009.html'>"
          f"示例市2022年部门预算</a><span>2022-04-10</span></li></ul></body></html>".encode())
    for m, d, y in [(1, "民政局", 2021), (2, "审计局", 2021), (3, "人民政府", 2021)]:
        manifest.report(p, f"{column}2022{m:02d}/t2022{m:02d}10_1150000{m}.html", f"示例市{d}{y}年政府信息公开工作年度报告",
                        f"示例市{d}", y)
    manifest.other(p, column + "202204/t20220410_11500009.html", "示例市2022年部门预算")
    sites.append(Site(portal="city", home_url=p.base + "/", body="示例市人民政府", division_code="430100"))

    # --- county: Hanweb, further records by POST only --------------------------------
    p = portals["county"] = Portal()
    p.add("/col/col5821/index.html", (LISTPAGES / "constructed_hanweb_col_example.html").read_bytes())
    for path, agency, year in [("/art/2025/1/24/art_5821_3300101.html", "示例县人民政府", 2024),
                               ("/art/2025/1/22/art_5821_3300102.html", "示例县农业农村局", 2024),
                               ("/art/2025/1/20/art_5821_3300103.html", "示例县某某镇人民政府", 2024),
                               ("/art/2024/1/26/art_5821_3200101.html", "示例县人民政府", 2023)]:
        manifest.report(p, path, f"{agency}{year}年政府信息公开工作年度报告", agency, year)
    manifest.other(p, "/art/2025/1/15/art_5821_3300104.html", "一图读懂")
    records = []
    for n in range(6, 39):
        path = f"/art/2023/1/{n % 28 + 1}/art_5821_31{n:05d}.html"
        if n % 3:
            agency, year = f"示例县第{n}局", 2016 + n % 8
            title = f"{agency}{year}年政府信息公开工作年度报告"
            manifest.report(p, path, title, agency, year)
        else:
            title = f"示例县第{n}号通知"
            manifest.other(p, path, title)
        records.append(f"<record><![CDATA[<li><a href=\"{path}\" title=\"{title}\">{title}</a>"
                       f"<span>2023-01-01</span></li>]]></record>")
    proxy = "/module/web/jpage/dataproxy.jsp"
    p.post_only.add(proxy)
    p.add(proxy + "?ok", ("<?xml version='1.0' encoding='utf-8'?><datastore><recordset>" + "".join(records)
                          + "</recordset><totalrecord>38</totalrecord></datastore>").encode(), ctype="text/xml")
    sites.append(Site(portal="county", home_url=p.base + "/", column_urls=[p.base + "/col/col5821/index.html"],
                      body="示例县人民政府", cms="hanweb", division_code="320923"))

    # --- district: gkmlpt shell + JSON API -------------------------------------------
    p = portals["district"] = Portal()
    p.add("/gkmlpt/index", (LISTPAGES / "constructed_gkmlpt_config_example.html").read_bytes())
    articles = []
    for n, (title, agency, year) in enumerate([("示例区人民政府2024年政府信息公开工作年度报告", "示例区人民政府", 2024),
                                               ("示例区2024年政府信息公开工作年度报告解读", None, None),
                                               ("示例区水务局2023年度政府信息公开工作年度报告", "示例区水务局", 2023),
                                               ("示例区关于开展政务公开评估的通知", None, None)]):
        path = f"/gkmlpt/content/1/{n}/post_{n}.html"
        articles.append({"id": n, "title": title, "url": p.base + path, "publish_time": 1706745600})
        if agency:
            manifest.report(p, path, title, agency, year)
        else:
            manifest.other(p, path, title)
    for page, api in ((1, "/gkmlpt/api/all/2811?page=1&sid=755031"), (2, "/gkmlpt/api/all/2811?sid=755031&page=2")):
        data = {"articles": articles[(page - 1) * 2:page * 2], "total": 4}
        p.add(api, json.dumps(data, ensure_ascii=False).encode(), ctype="application/json")
    sites.append(Site(portal="district", home_url=p.base + "/", column_urls=[p.base + "/gkmlpt/index#2811"],
                      body="示例区人民政府", division_code="440306"))

    # --- province (UCAP) and epoint: the constructed list examples --------------------
    p = portals["province"] = Portal()
    column = "/zwgk/zfxxgknb/"
    p.add(column + "index.shtml", (LISTPAGES / "constructed_ucap_example.html").read_bytes())
    for path, agency, year in [("202501/4f1e2a.shtml", "示例省人民政府", 2024),
                               ("202501/9a7c11.shtml", "示例省人民政府办公厅", 2024),
                               ("202401/77aa01.shtml", "示例省人民政府", 2023)]:
        manifest.report(p, column + path, f"{agency}{year}年政府信息公开工作年度报告", agency, year,
                        report_page(f"{agency}{year}年政府信息公开工作年度报告",
                                    f"<UCAPTITLE>{agency}{year}年政府信息公开工作年度报告</UCAPTITLE><UCAPCONTENT>"
                                    "<p>正文</p></UCAPCONTENT>"))
    manifest.other(p, column + "202501/1b2c3d.shtml", "解读")
    manifest.other(p, column + "202401/77aa02.shtml", "政府工作报告")
    for n in (2, 3):
        p.add(f"{column}index_{n}.shtml", f"<html><body><ul class='infolist'><li><a href='/zwgk/zfxxgknb/20{n}/x.shtml'>"
              f"示例省统计局{2020 + n}年政府信息公开工作年度报告</a><span>2023-01-0{n}</span></li></ul>"
              f"<script src='/ucap/js/ucapcms.js'></script></body></html>".encode())
        manifest.report(p, f"{column}20{n}/x.shtml", "x", "示例省统计局", 2020 + n)
    sites.append(Site(portal="province", home_url=p.base + "/", column_urls=[p.base + column + "index.shtml"],
                      body="示例省人民政府", division_code="460000"))

    p = portals["epoint"] = Portal()
    column = "/xxgk/003001/"
    p.add(column + "list.html", (LISTPAGES / "constructed_epoint_example.html").read_bytes())
    for path, agency, year in [("20250122/a1b2c3d4-0001.html", "示例区人民政府", 2024),
                               ("20250121/a1b2c3d4-0002.html", "示例区住房和城乡建设局", 2024),
                               ("20240125/a1b2c3d4-0004.html", "示例区人民政府", 2023)]:
        manifest.report(p, column + path, f"{agency}{year}年政府信息公开工作年度报告", agency, year)
    manifest.other(p, column + "20250110/a1b2c3d4-0003.html", "培训会议")
    for n in (2, 3):
        p.add(f"{column}{n}.html", f"<html><body><ul class='ewb-list'><li class='ewb-list-node'><a href='p{n}.html'>"
              f"示例区教育局{2018 + n}年政府信息公开工作年度报告</a><span class='ewb-list-date'>2022-01-0{n}</span></li>"
              f"</ul><div class='ewb-page'>共3页</div><div class='ewb-x'></div></body></html>".encode())
        manifest.report(p, f"{column}p{n}.html", "x", "示例区教育局", 2018 + n)
    sites.append(Site(portal="epoint", home_url=p.base + "/", column_urls=[p.base + column + "list.html"],
                      body="示例区人民政府", division_code="320507"))

    # --- town: home → section on a second host → 工作报表 column → year sub-columns ----
    p = portals["town"] = Portal()
    q = portals["town-xxgk"] = Portal("127.0.0.2")
    p.add("/", f"<html><body><a href='/news/'>新闻动态</a><a href='{q.base}/xxgk/'>政务公开</a></body></html>".encode())
    q.add("/xxgk/", b"<html><body><a href='/xxgk/zn/'>\xe6\x94\xbf\xe5\xba\x9c\xe4\xbf\xa1\xe6\x81\xaf\xe5\x85\xac"
                    b"\xe5\xbc\x80\xe6\x8c\x87\xe5\x8d\x97</a><a href='/xxgk/gzbb/'>"
                    + "政府信息公开工作报表".encode() + b"</a></body></html>")
    q.add("/xxgk/gzbb/", ("<html><head><meta name='ColumnName' content='政府信息公开工作报表'></head><body>"
                          "<a href='/xxgk/gzbb/2024/'>2024年</a><a href='/xxgk/gzbb/2023/'>2023年度</a>"
                          "<a href='/xxgk/gzbb/notice.html'>2023年政务公开工作要点</a></body></html>").encode())
    for year in (2024, 2023):
        items = "".join(f"<li><a href='./{k}.html'>示例镇{unit}{year}年政府信息公开工作年度报告</a><span>{year + 1}-01-2{k}</span></li>"
                        for k, unit in enumerate(["人民政府", "财政所"]))
        q.add(f"/xxgk/gzbb/{year}/", f"<html><body><ul>{items}</ul></body></html>".encode())
        for k, unit in enumerate(["人民政府", "财政所"]):
            manifest.report(q, f"/xxgk/gzbb/{year}/{k}.html", "x", f"示例镇{unit}", year)
    manifest.other(q, "/xxgk/gzbb/notice.html", "2023年政务公开工作要点")
    sites.append(Site(portal="town", home_url=p.base + "/", body="示例镇人民政府", division_code="320507",
                      allowed_domains=[p.base.split("//")[1], q.base.split("//")[1]]))
    return portals, sites, {"pingtan_selectors": 'item = "div.rules_tabs_01 dl"\nlink = "dd a"\n'}


@pytest.fixture(scope="module")
def portal_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("e2e")
    manifest = Manifest()
    try:
        portals, sites, extra = build(manifest)
    except OSError as exc:  # 127.0.0.2 not bindable here
        pytest.skip(f"cannot serve the test portal: {exc}")
    registry = tmp / "registry"
    registry.mkdir()
    write_sites(sites, registry / "sites.csv")
    (registry / "pingtan.toml").write_text("[selectors]\n" + extra["pingtan_selectors"], encoding="utf-8")
    errors: list = []
    profiles = load_profiles(registry, errors=errors)
    assert not errors
    store_dir = tmp / "store"
    sites_file = tmp / "items.jsonl"
    settings = {"ITEM_PIPELINES": {"crawler.pipelines.warc.WarcPipeline": 100,
                                   "crawler.pipelines.store.StorePipeline": 200,
                                   "tests.site_recorder.SiteRecorder": 300,
                                   "crawler.pipelines.stats.RunStatsPipeline": 900},
                "OGI_TEST_ITEMS_FILE": str(sites_file)}
    stats = crawl(list(profiles.values()), store_dir, polite=False, settings=settings, timeout=120)
    yield {"portals": portals, "manifest": manifest, "profiles": profiles, "store": store_dir, "stats": stats,
           "items": sites_file, "settings": settings}
    for portal in portals.values():
        portal.server.shutdown()


def stored_pages(store_dir) -> dict:
    store = RawStore(store_dir)
    try:
        return {f.url: f for f in store.files()}
    finally:
        store.close()


def test_every_report_found_with_agency_and_year_and_no_other_page_kept(portal_run):
    manifest = portal_run["manifest"]
    files = stored_pages(portal_run["store"])
    missing = sorted(set(manifest.reports) - set(files))
    assert not missing, f"reports not found: {missing}"
    kept = sorted(set(files) & manifest.others)
    assert not kept, f"non-reports kept: {kept}"
    assert set(files) == set(manifest.reports)
    wrong = {url: (files[url].body, files[url].year, expected) for url, expected in manifest.reports.items()
             if (files[url].body, files[url].year) != expected}
    assert not wrong
    assert len(manifest.reports) >= 60 and len({url.split("/")[2] for url in manifest.reports}) == 8


def test_cms_specific_pages_were_requested(portal_run):
    portals = portal_run["portals"]
    assert ("GET", "/zwgk/zfxxgknb/index_1.html") in portals["city"].log  # the second static TRS page
    posts = [path for method, path in portals["county"].log if method == "POST"]
    assert posts == ["/module/web/jpage/dataproxy.jsp?startrecord=6&endrecord=38&perpage=15"]
    assert not [path for method, path in portals["county"].log if method == "GET" and "dataproxy" in path]
    assert ("GET", "/gkmlpt/api/all/2811?sid=755031&page=2") in portals["district"].log
    assert ("GET", "/xxgk/gzbb/2023/") in portals["town-xxgk"].log  # a year sub-column, a level below the column
    assert ("GET", "/egb/xxgk/xxgknb/index_1.html") in portals["ordos"].log


def test_items_carry_the_site_identity(portal_run):
    items = [json.loads(line) for line in portal_run["items"].read_text(encoding="utf-8").splitlines()]
    by_url = {item["url"]: item for item in items}
    pingtan = [i for i in items if i["portal"] == "pingtan"]
    assert len(pingtan) == 10 and {(i["site_code"], i["column_name"]) for i in pingtan} == {
        ("3590000001", "政府信息公开年报")}
    ordos = {i["url"].rsplit("/", 1)[1]: i["site_code"] for i in items if i["portal"] == "ordos"}
    assert ordos.pop("t20180320_2100001.html") is None  # listed on the constructed page 2, which names no site
    assert set(ordos.values()) == {"1506000140"} and len(ordos) == 4  # the real page's jiucuo script
    city = [i for i in items if i["portal"] == "city" and "/202501/" in i["url"]]
    assert city and all(i["site_code"] == "4301000001" for i in city)
    assert all(by_url[url]["site_code"] is None for url in by_url if "127.0.0.2" in url)  # the town says nothing


def test_health_after_a_quiet_column_and_a_blocked_api(portal_run):
    portals, store_dir = portal_run["portals"], portal_run["store"]
    first = {h.portal: h for h in assess_all(RawStore(store_dir).runs(), RawStore(store_dir).failures(),
                                             portal_run["profiles"])}
    assert {name: h.state for name, h in first.items()} == {name: "healthy" for name in first}
    assert len(first) == 8
    city = portals["city"]
    city.add("/zwgk/zfxxgknb/index.html", b"<html><body><ul><li>\xe6\x9a\x82\xe6\x97\xa0</li></ul></body></html>")
    district = portals["district"]
    district.add("/gkmlpt/api/all/2811?page=1&sid=755031", b"blocked", status=412)
    profiles = [portal_run["profiles"][name] for name in ("city", "district", "epoint")]
    crawl(profiles, store_dir, polite=False, timeout=120)
    store = RawStore(store_dir)
    try:
        second = {h.portal: h for h in assess_all(store.runs(), store.failures(), portal_run["profiles"])}
    finally:
        store.close()
    assert (second["city"].state, second["city"].changed) == ("quiet", True)
    assert (second["district"].state, second["district"].changed) == ("blocked", True)
    assert "412" in second["district"].reason
    assert (second["epoint"].state, second["epoint"].changed) == ("healthy", False)


def test_the_store_keeps_each_fetchs_site_identity(portal_run):
    """What the items carried is in the raw store, per fetch, through the store API."""
    items = [json.loads(line) for line in portal_run["items"].read_text(encoding="utf-8").splitlines()]
    files = stored_pages(portal_run["store"])
    stored = {url: (f.site_code, f.column_name) for url, f in files.items()}
    expected = {i["url"]: (i["site_code"], i["column_name"]) for i in items if i["url"] in files}
    assert expected and stored == {url: expected[url] for url in stored}
    assert {code for code, _ in stored.values()} >= {"3590000001", "1506000140", "4301000001", None}
