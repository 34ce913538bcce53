"""What the demo portal serves: four portals in four CMS styles, their reports and the traps.

Every report's file is rendered by :mod:`demo.render` (cached on disk by content, so a
restart is fast). Pages are built per request from these tables because their links
depend on the ports the portals got. :func:`manifest` lists what a crawler should find:
the reports (file URL, page URL, body, year, kind), the items that are not reports, and
the failures it should record (with a reason it should give).

| portal | CMS style | encoding | traps |
|---|---|---|---|
| ``demo-trs`` | TRS ``createPageHTML`` over ``index.html``, ``index_1.html`` … | GBK, no charset header | redirect, slow page, 404 link, robots.txt Disallow, oversized attachment, wrapped title |
| ``demo-hanweb`` | Hanweb ``<script type="text/xml">`` records + ``dataproxy.jsp`` | UTF-8 | 500 that recovers, HTTP 412 anti-bot page, download handlers with query strings |
| ``demo-generic`` | "下一页" links, numbered pages | UTF-8 | off-site report link, JavaScript challenge page |
| ``demo-gkmlpt`` | JSON list API ``/gkmlpt/api/all/2?page=N`` | UTF-8 | a list entry that is the attachment itself |
"""
from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from pathlib import Path

PORTAL_NAMES = ("demo-trs", "demo-hanweb", "demo-generic", "demo-gkmlpt")

#: body, region and home-page title of each demo portal
PORTAL_INFO = {
    "demo-trs": ("示范市人民政府", "示范省示范市", "示范市人民政府门户网站"),
    "demo-hanweb": ("示范县人民政府", "示范省示范县", "示范县人民政府"),
    "demo-generic": ("示范区管理委员会", "示范省示范区", "示范区管理委员会"),
    "demo-gkmlpt": ("示范镇人民政府", "示范省示范镇", "示范镇人民政府信息公开"),
}

#: the size an oversized attachment announces (above the default OGI_MAX_FILE_BYTES)
OVERSIZE_BYTES = 80 * 1024 * 1024


@dataclass
class DemoReport:
    """One report on a demo portal. ``kind`` is a :mod:`demo.render` kind; HTML kinds are the page."""

    portal: str
    seed: int
    agency: str
    year: int
    kind: str
    page_path: str
    published: str
    #: the title as the list prints it (may wrap); default: the report's own title
    list_title: str | None = None
    #: the attachment's path, for non-HTML kinds
    file_path: str | None = None
    #: list link that redirects to ``page_path`` (301)
    redirect_from: str | None = None
    #: behaviour of the report page: ``slow`` or ``fail-once`` (500, then 200)
    trap: str | None = None
    #: a second attachment on the page that is larger than the crawler accepts
    oversize_path: str | None = None
    #: bumped by :meth:`DemoPortal.change_report`: a new rendering at the same URL
    revision: int = 0
    removed: bool = False

    @property
    def title(self) -> str:
        return f"{self.agency}{self.year}年政府信息公开工作年度报告"

    @property
    def is_html(self) -> bool:
        return self.kind.startswith("html")

    @property
    def report_path(self) -> str:
        """The path of the file that holds the report itself."""
        return self.page_path if self.is_html else self.file_path


@dataclass
class Decoy:
    """A list item that is not a report, or a report-looking link that must fail."""

    portal: str
    title: str
    path: str
    published: str
    #: ``notice`` (a page that is not a report), ``404``, ``412``, ``challenge``, ``robots``, ``offsite``
    behaviour: str = "notice"
    #: expected reason fragment for failures
    reason: str = ""
    #: an attachment the notice page links to (e.g. a budget table)
    attachment: str | None = None


def _r(portal, seed, agency, year, kind, page_path, published, **kw) -> DemoReport:
    if not kind.startswith("html") and "file_path" not in kw:
        ext = {"scan-pdf": "pdf"}.get(kind, kind)
        stem = page_path.rsplit("/", 1)[1].split(".")[0]
        stem = stem[1:] if stem.startswith("t") else stem.rsplit("_", 1)[-1]
        kw["file_path"] = page_path.rsplit("/", 1)[0] + f"/P0{stem}_{seed}.{ext}"
    return DemoReport(portal, seed, agency, year, kind, page_path, published, **kw)


def build_reports() -> list[DemoReport]:
    """The 32 reports of the demo portals (fresh objects; the server mutates its copies)."""
    t, h, g, k = PORTAL_NAMES
    col = "/zwgk/xxgknb"
    hw = "/art"
    reports = [
        # demo-trs: TRS, GBK
        _r(t, 101, "示范市人民政府办公室", 2024, "html-gbk", f"{col}/202501/t20250120_9001.html", "2025-01-20"),
        _r(t, 102, "示范市人民政府办公室", 2023, "html-gbk", f"{col}/202401/t20240119_8801.html", "2024-01-19"),
        _r(t, 103, "示范市教育局", 2022, "pdf", f"{col}/202301/t20230118_8601.html", "2023-01-18",
           oversize_path=f"{col}/202301/P020230118_8601_tjb.xls"),
        _r(t, 104, "示范市教育局", 2021, "doc", f"{col}/202201/t20220125_8401.html", "2022-01-25",
           list_title="示范市教育局2021年政府信息公开\n\t\t\t\t工作年度报告"),
        _r(t, 105, "示范市卫生健康委员会", 2020, "html-gbk", f"{col}/202101/t20210128_8201.html", "2021-01-28",
           trap="slow"),
        _r(t, 106, "示范市卫生健康委员会", 2019, "wps", f"{col}/202001/t20200121_8001.html", "2020-01-21"),
        _r(t, 107, "示范市教育局", 2024, "docx", f"{col}/202501/t20250124_9002.html", "2025-01-24"),
        _r(t, 108, "示范市卫生健康委员会", 2023, "scan-pdf", f"{col}/202401/t20240126_8802.html", "2024-01-26"),
        _r(t, 109, "示范市人民政府办公室", 2022, "html-gbk", f"{col}/202301/t20230130_8602.html", "2023-01-30",
           redirect_from=f"{col}/old/t20230130_8602.html"),
        # demo-hanweb: Hanweb, UTF-8
        _r(h, 201, "示范县人民政府", 2024, "html-utf8", f"{hw}/2025/1/21/art_4721_30011.html", "2025-01-21"),
        _r(h, 202, "示范县人民政府", 2023, "html-utf8", f"{hw}/2024/1/22/art_4721_29011.html", "2024-01-22",
           trap="fail-once"),
        _r(h, 203, "示范县财政局", 2022, "docx", f"{hw}/2023/1/16/art_4721_28011.html", "2023-01-16",
           file_path="/module/download/downfile.jsp?classid=0&filename=2301161015abc.docx"),
        _r(h, 204, "示范县财政局", 2021, "wps", f"{hw}/2022/1/20/art_4721_27011.html", "2022-01-20",
           file_path="/module/download/downfile.jsp?classid=0&filename=2201201020def.wps"),
        _r(h, 205, "示范县自然资源局", 2020, "pdf", f"{hw}/2021/1/27/art_4721_26011.html", "2021-01-27",
           list_title="示范县自然资源局2020年政府信息公开工作年 度报告"),
        _r(h, 206, "示范县自然资源局", 2019, "doc", f"{hw}/2020/1/15/art_4721_25011.html", "2020-01-15"),
        _r(h, 207, "示范县人民政府", 2022, "html-utf8", f"{hw}/2023/1/29/art_4721_28012.html", "2023-01-29"),
        _r(h, 208, "示范县财政局", 2023, "scan-pdf", f"{hw}/2024/1/25/art_4721_29012.html", "2024-01-25"),
        # demo-generic: 下一页 lists, UTF-8
        _r(g, 301, "示范区管理委员会", 2024, "html-utf8", "/xxgk/ndbg/content/post_3001.html", "2025-01-10"),
        _r(g, 302, "示范区管理委员会", 2023, "pdf", "/xxgk/ndbg/content/post_2901.html", "2024-01-12"),
        _r(g, 303, "示范区市场监督管理局", 2022, "scan-pdf", "/xxgk/ndbg/content/post_2801.html", "2023-01-13"),
        _r(g, 304, "示范区市场监督管理局", 2021, "docx", "/xxgk/ndbg/content/post_2701.html", "2022-01-14"),
        _r(g, 305, "示范区东城街道办事处", 2020, "html-utf8", "/xxgk/ndbg/content/post_2601.html", "2021-01-15"),
        _r(g, 306, "示范区东城街道办事处", 2019, "doc", "/xxgk/ndbg/content/post_2501.html", "2020-01-16"),
        _r(g, 307, "示范区管理委员会", 2022, "wps", "/xxgk/ndbg/content/post_2802.html", "2023-01-17"),
        _r(g, 308, "示范区市场监督管理局", 2024, "pdf", "/xxgk/ndbg/content/post_3002.html", "2025-01-18"),
        # demo-gkmlpt: JSON API, UTF-8
        _r(k, 401, "示范镇人民政府", 2024, "html-utf8", "/gkmlpt/content/4/4001/post_4001.html", "2025-01-15"),
        _r(k, 402, "示范镇人民政府", 2023, "pdf", "/gkmlpt/content/3/3901/post_3901.html", "2024-01-16"),
        _r(k, 403, "示范市生态环境局示范分局", 2022, "docx", "/gkmlpt/content/3/3801/post_3801.html", "2023-01-17"),
        _r(k, 404, "示范市生态环境局示范分局", 2021, "wps", "/gkmlpt/content/3/3701/post_3701.html", "2022-01-18"),
        _r(k, 405, "示范市公安局示范分局", 2020, "html-utf8", "/gkmlpt/content/3/3601/post_3601.html", "2021-01-19"),
        _r(k, 406, "示范市公安局示范分局", 2019, "scan-pdf", "/gkmlpt/content/3/3501/post_3501.html", "2020-01-20"),
        # listed as the attachment itself (no article page)
        _r(k, 407, "示范镇人民政府", 2021, "doc", "/gkmlpt/content/3/3702/post_3702.html", "2022-01-21",
           file_path="/attachment/0/372/372001/3702.doc"),
    ]
    return reports


def build_decoys() -> list[Decoy]:
    """Items that are not reports, and report-looking links that must end as failures."""
    t, h, g, k = PORTAL_NAMES
    col = "/zwgk/xxgknb"
    return [
        Decoy(t, "示范市2024年政府工作报告", f"{col}/202402/t20240201_8810.html", "2024-02-01"),
        Decoy(t, "示范市教育局2024年部门预算公开", f"{col}/202402/t20240210_8811.html", "2024-02-10",
              attachment=f"{col}/202402/P020240210_budget.xls"),
        Decoy(t, "示范市人民政府办公室关于做好2024年政府信息公开工作年度报告编制和发布工作的通知",
              f"{col}/202412/t20241218_8990.html", "2024-12-18"),
        Decoy(t, "示范市召开2024年政务公开工作推进会", f"{col}/202403/t20240305_8820.html", "2024-03-05"),
        Decoy(t, "示范市文化和旅游局2021年政府信息公开工作年度报告", f"{col}/202201/t20220130_8402.html",
              "2022-01-30", behaviour="404", reason="HTTP 404"),
        Decoy(t, "示范市统计局2022年政府信息公开工作年度报告", "/private/202301/t20230120_8603.html",
              "2023-01-20", behaviour="robots", reason="robots.txt"),
        Decoy(h, "示范县2023年政府工作报告", "/art/2023/2/1/art_4721_29100.html", "2023-02-01"),
        Decoy(h, "示范县2024年财政预算公开", "/art/2024/2/6/art_4721_29200.html", "2024-02-06"),
        Decoy(h, "图解：示范县2023年政府信息公开工作年度报告", "/art/2024/1/23/art_4721_29013.html", "2024-01-23"),
        Decoy(h, "示范县应急管理局2023年政府信息公开工作年度报告", "/art/2024/1/24/art_4721_29014.html",
              "2024-01-24", behaviour="412", reason="anti-bot"),
        Decoy(g, "示范区管理委员会2023年度部门决算公开", "/xxgk/ndbg/content/post_2910.html", "2024-08-01"),
        Decoy(g, "示范区2024年政务公开工作要点", "/xxgk/ndbg/content/post_3010.html", "2024-03-01"),
        Decoy(g, "示范区住房和城乡建设局2023年政府信息公开工作年度报告", "/xxgk/ndbg/content/post_2902.html",
              "2024-01-20", behaviour="challenge", reason="anti-bot"),
        Decoy(g, "示范市人民政府办公室2023年政府信息公开工作年度报告", "@demo-trs/zwgk/xxgknb/202401/t20240119_8801.html",
              "2024-01-19", behaviour="offsite", reason="off-site"),
        Decoy(k, "示范镇2024年政府工作报告", "/gkmlpt/content/4/4010/post_4010.html", "2024-02-20"),
        Decoy(k, "示范镇2023年预算公开", "/gkmlpt/content/3/3910/post_3910.html", "2023-03-01"),
    ]


def render_cache_dir() -> Path:
    """Where rendered report files are cached (``$OGI_DEMO_CACHE`` or ``~/.cache/ogi/demo-render``)."""
    path = os.environ.get("OGI_DEMO_CACHE") or Path.home() / ".cache" / "ogi" / "demo-render"
    return Path(path)


def render_files(reports: list[DemoReport]) -> dict[tuple[int, int], bytes]:
    """Bytes of every report file by ``(seed, revision)``, rendered in one batch."""
    from demo.render import make_spec, render_many

    pairs = [(make_spec(r.seed + 1000 * r.revision, r.agency, r.year), r.kind) for r in reports]
    data = render_many(pairs, cache_dir=render_cache_dir())
    return {(r.seed, r.revision): blob for r, blob in zip(reports, data)}


# --- page templates ---------------------------------------------------------------

def _page(title: str, body: str, charset: str | None = "utf-8") -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n' if charset else ""
    return (f"<!DOCTYPE html>\n<html><head>\n{meta}<title>{html.escape(title)}</title>\n"
            f'<link rel="stylesheet" href="/css/style.css">\n</head><body>\n{body}\n</body></html>\n')


def home_page(portal: str) -> str:
    """A portal home page: the discovery start (政务公开 → 政府信息公开年报)."""
    body, _, site = PORTAL_INFO[portal]
    section = {"demo-trs": "/zwgk/", "demo-hanweb": "/col/col4700/index.html",
               "demo-generic": "/xxgk/", "demo-gkmlpt": "/gkmlpt/index"}[portal]
    nav = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in (
        ("/", "首页"), ("/zwdt/", "政务动态"), (section, "政务公开"), ("/hdjl/", "互动交流"),
        ("/bsfw/", "办事服务"), ("http://www.gov.cn/", "中国政府网")))
    news = "".join(f'<li><a href="/zwdt/{i}.html">{body}召开第{i}次常务会议</a><span>2024-0{i}-1{i}</span></li>'
                   for i in range(1, 6))
    slides = "".join(f'<a href="/?slide={n}">{n}</a>' for n in (1, 2, 3))  # a carousel, not a pager
    return _page(site, f'<div class="nav"><ul>{nav}</ul></div><div class="slider">{slides}</div>'
                       f'<div class="news"><h3>政务动态</h3><ul>{news}</ul></div>'
                       f'<div class="footer">主办：{body} 网站标识码：DEMO000001</div>', "utf-8")


def section_page(portal: str, column_url: str) -> str:
    """The 政府信息公开 page, whose menu links the annual-report column."""
    body = PORTAL_INFO[portal][0]
    links = (("/zwgk/xxgkzn/", "政府信息公开指南"), ("/zwgk/xxgkzd/", "政府信息公开制度"),
             ("/zwgk/fdzdgknr/", "法定主动公开内容"), (column_url, "政府信息公开年报"),
             ("/zwgk/ysqgk/", "依申请公开"))
    menu = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in links)
    return _page(f"政府信息公开_{body}", f'<div class="menu"><h2>政府信息公开</h2><ul>{menu}</ul></div>', "utf-8")


def article_page(report: DemoReport, charset: str | None = "utf-8") -> str:
    """The article page of an attachment report: a short text and the attachment link."""
    name = f"{report.title}.{report.file_path.rsplit('.', 1)[-1]}"
    body = (f'<div class="position">当前位置：<a href="/">首页</a> &gt; 政府信息公开 &gt; 政府信息公开年报</div>'
            f'<div class="article"><h1>{html.escape(report.title)}</h1>'
            f'<div class="info">发布日期：{report.published}　来源：{html.escape(report.agency)}</div>'
            f'<div class="content"><p>　　现将{html.escape(report.title)}予以公布。</p>'
            f'<p>附件：<a href="{html.escape(report.file_path)}">{html.escape(name)}</a></p>'
            + (f'<p>附件2：<a href="{report.oversize_path}">统计附表.xls</a></p>' if report.oversize_path else "")
            + '</div></div>')
    return _page(f"{report.title}_{PORTAL_INFO[report.portal][0]}", body, charset)


def notice_page(decoy: Decoy, charset: str | None = "utf-8") -> str:
    """A page that is not a report (government work report, budget, notice)."""
    attachment = (f'<p>附件：<a href="{decoy.attachment}">{html.escape(decoy.title)}.xls</a></p>'
                  if decoy.attachment else "")
    body = (f'<div class="article"><h1>{html.escape(decoy.title)}</h1><div class="info">发布日期：{decoy.published}</div>'
            f'<div class="content"><p>　　各有关单位：根据工作安排，现将有关事项通知如下。</p>{attachment}</div></div>')
    return _page(decoy.title, body, charset)


CHALLENGE_PAGE = (
    "<html><head><meta charset=\"utf-8\"><title>安全验证</title></head><body>"
    "<script>var _0x1a=['cookie','reload'];document.cookie='__jsl_clearance=1700000000.123|0|abc;max-age=3600;path=/';"
    "location.href=location.pathname+location.search;</script>"
    "<noscript>请开启JavaScript后访问本站</noscript></body></html>"
)

ROBOTS = {
    "demo-trs": "User-agent: *\nDisallow: /private/\n",
    "demo-hanweb": "User-agent: *\nDisallow: /admin/\n",
    "demo-generic": "User-agent: *\nAllow: /\n",
    "demo-gkmlpt": "User-agent: *\nDisallow: /gkmlpt/manage/\n",
}


@dataclass
class ListItem:
    """One row of a list page."""

    title: str
    href: str
    published: str
    extra: dict = field(default_factory=dict)


def trs_list_page(items: list[ListItem], page: int, pages: int, body: str) -> str:
    """A TRS WCM list page with the ``createPageHTML`` pager (GBK portal; links relative)."""
    rows = "\n".join(
        f'<li><a href="{html.escape(i.href)}" target="_blank">{html.escape(i.title)}</a><span>{i.published}</span></li>'
        for i in items)
    pager = (f'<script language="JavaScript">\nfunction createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){{'
             f'/* pager */}}\ncreatePageHTML({pages}, {page}, "index", "html");\n</script>')
    return _page(f"政府信息公开年报_{body}",
                 f'<div class="position">当前位置：<a href="../../">首页</a> &gt; <a href="../">政务公开</a> &gt; '
                 f'<a href="./">政府信息公开年报</a></div>\n<div class="list"><ul>\n{rows}\n</ul></div>\n'
                 f'<div class="page">{pager}</div>', None)


def hanweb_record(item: ListItem) -> str:
    return (f'<record><![CDATA[\n<li><a href="{html.escape(item.href)}" title="{html.escape(item.title)}" '
            f'target="_blank">{html.escape(item.title)}</a><span class="bt-data-time">{item.published}</span></li>\n]]></record>')


def hanweb_datastore(items: list[ListItem], total: int, proxy: str) -> str:
    records = "\n".join(hanweb_record(i) for i in items)
    return (f"<datastore>\n<nextgroup><![CDATA[<a href=\"{proxy}\"></a>]]></nextgroup>\n"
            f"<recordset>\n{records}\n</recordset>\n<totalrecord>{total}</totalrecord>\n</datastore>")


def hanweb_list_page(items: list[ListItem], total: int, perpage: int, proxy: str, body: str) -> str:
    """A Hanweb column page: the first group of records inline, the rest through dataproxy.jsp."""
    script = (f'<div id="4721"><script type="text/xml">\n{hanweb_datastore(items, total, proxy)}\n</script>'
              f'<script language="javascript" src="/module/web/jpage/jpage.js"></script>'
              f'<script>var pageDataproxy = "{proxy}"; $("#4721").jpage({{perPage: {perpage}, totalRecord: {total}, '
              f'dataproxy: pageDataproxy, perpage:{perpage}}});</script></div>')
    return _page(f"政府信息公开年报_{body}", f'<div class="main"><h2>政府信息公开年报</h2>{script}</div>', "utf-8")


def generic_list_page(items: list[ListItem], page: int, pages: int, body: str) -> str:
    """A plain list with numbered pages and a 下一页 link."""
    rows = "\n".join(f'<tr><td><a href="{html.escape(i.href)}">{html.escape(i.title)}</a></td>'
                     f'<td class="date">{i.published}</td></tr>' for i in items)
    pager = " ".join(f'<a href="list_{n}.html">{n}</a>' if n != page else f"<b>{n}</b>" for n in range(1, pages + 1))
    if page < pages:
        pager += f' <a href="list_{page + 1}.html">下一页</a>'
    return _page(f"年度报告_{body}", f'<div class="list"><table>{rows}</table></div><div class="pagination">{pager}'
                                    f'</div><div class="links"><a href="http://www.gov.cn/">中国政府网</a></div>', "utf-8")


def gkmlpt_index_page(body: str) -> str:
    """The gkmlpt shell page: the list is loaded from the JSON API by a script."""
    return _page(f"政府信息公开_{body}",
                 '<div id="app"></div><script>var gkmlpt = {api: "/gkmlpt/api/all/2?page=1", sid: 757001};'
                 "fetch(gkmlpt.api).then(r => r.json()).then(render);</script>", "utf-8")
