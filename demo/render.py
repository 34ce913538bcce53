"""Realistic annual-report fixtures: made-up figures rendered the way portals publish them.

A :class:`ReportSpec` holds a report's content (agency, year, template generation,
figures by canonical key, narrative sections). :func:`render` prints it as one input
kind: HTML in UTF-8 or GBK (portal chrome, ``rowspan``/``colspan`` tables), DOCX with
real merged cells, a text PDF (DOCX → PDF through LibreOffice, ruled tables, CJK
fonts), DOC and WPS (LibreOffice), an image-only scanned PDF, or plain text shaped like
a text extractor's output. The spec's ``figures`` are the truth every extractor test and
the benchmark compare against.

LibreOffice cannot write Kingsoft WPS files, so ``"wps"`` produces an OLE2 Word 97
document (what WPS Office itself saves by default for ``.doc``-compatible files); real
``.wps`` attachments are OLE2 files read through the same LibreOffice path.

Example::

    from demo.render import make_spec, render
    spec = make_spec(seed=7, agency="原州区北塬街道办事处", year=2024)
    pdf = render(spec, "pdf")
"""
from __future__ import annotations

import hashlib
import html as html_lib
import io
import json
import os
import random
import subprocess
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from extract import schema

#: bump when the rendered bytes change, so caches are not reused across versions
RENDER_VERSION = "3"

KINDS = ("html-utf8", "html-gbk", "docx", "pdf", "doc", "wps", "scan-pdf", "txt")
#: kinds that need a LibreOffice conversion of the DOCX rendering
OFFICE_KINDS = {"pdf": "pdf:writer_pdf_Export", "doc": 'doc:MS Word 97', "wps": 'doc:MS Word 97'}

CN_NUM = "一二三四五六七八九十"


@dataclass
class ReportSpec:
    """The content of one synthetic report; ``figures`` is its ground truth."""

    agency: str
    year: int
    #: ``"2021"``, ``"2019"`` or ``"free"``
    generation: str
    figures: dict[str, float | int] = field(default_factory=dict)
    #: section number → text (paragraphs separated by newlines)
    narrative: dict[int, str] = field(default_factory=dict)
    title: str = ""
    #: how a zero is printed inside the tables: ``"0"``, ``""`` (blank) or ``"—"``
    zero_style: str = "0"
    #: how 2021-generation table 3 prints (六) 其他处理: three rows, or one (as in 2019)
    single_other_row: bool = False
    #: rules broken on purpose (``inconsistent=True`` in :func:`make_spec`)
    broken_rules: list[str] = field(default_factory=list)

    def cache_key(self, kind: str, **options) -> str:
        blob = json.dumps([RENDER_VERSION, asdict(self), kind, options], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()


# --- making specs ------------------------------------------------------------------

AGENCIES = (
    "原州区北塬街道办事处", "曲阜市时庄街道办事处", "西工区西工街道办事处", "洪泽区人民政府办公室",
    "宁波市江北区市场监督管理局", "成都市武侯区教育局", "合肥市蜀山区人力资源和社会保障局",
    "长沙县黄花镇人民政府", "杭州市余杭区卫生健康局", "昆明市五华区自然资源局",
)

_S1_PARAS = (
    "{year}年，{agency}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，"
    "围绕政务公开标准要求，积极主动公开概况信息、计划总结以及与群众切身利益相关的重大事项，强化政府信息管理和政府信息公开平台建设，加强监督保障力度。",
    "（一）主动公开情况。严格按照基层政务公开标准化、规范化要求，充分发挥政府门户网站等信息公开平台作用，"
    "全年共主动公开政府信息{published}条，其中政策文件{policy}条，工作动态{news}条，通知公告{notices}条。",
    "（二）依申请公开情况。{year}年度，共收到政府信息公开申请{requests}件，已按照要求在规定时限内予以答复，依法依规答复率100%。"
    "畅通依申请公开受理渠道，规范依申请公开办理流程，严格按照法定时限答复。",
    "（三）政府信息管理情况。政务信息的发送遵循“谁公开谁审查、谁审查谁负责”“先审查、后公开”和“一事一审”的原则，"
    "对需要发布或者更新的政务公开内容进行审核把关，确保公开内容合法、准确、严肃；定期对已发布信息进行清理和更新。",
    "（四）政府信息公开平台建设情况。做好门户网站内容的日常维护，主动及时公开更新困难救助、低保动态调整、财政收支决算等内容，"
    "加强微信公众号建设，按照三级审核制度同步做好各类信息发布，保证群众获取信息的及时性和渠道的多样性。",
    "（五）监督保障情况。主动接受社会监督，通过设立举报电话、电子邮箱等方式广泛收集意见建议，将政务公开工作纳入年度绩效考核，"
    "全年未发生因政府信息公开工作引发的责任追究情况。",
)
_S5_PARAS = (
    "{year}年我单位政府信息公开工作总体良好，但也存在个别信息公开不够及时、公开内容不够全面等问题："
    "一是政务公开制度体系有待进一步完善；二是政务公开队伍专业化水平有待进一步提高；三是政策解读形式较为单一。",
    "下一步，将从以下方面加以改进：一是聚焦发展大局，拓展政务公开广度深度，以公开促落实、以公开促规范、以公开促服务；"
    "二是进一步加大信息公开力度，推动新媒体与政府信息公开的有机结合；三是进一步完善信息公开工作机制，明确各科室工作职责。",
)
_S6_PARAS = (
    "根据《政府信息公开信息处理费管理办法》的相关规定，本年度没有超出一定数量或频次范围的申请，未收取信息处理费。",
    "{year}年度无其他需要报告的事项。",
)
_FILLER = (
    "围绕优化营商环境、乡村振兴、民生保障等重点领域，持续做好政策文件和解读材料的同步发布，"
    "通过图文解读、政策问答等形式提高政策知晓度，切实增强政府工作透明度，保障人民群众的知情权、参与权、表达权和监督权。"
)


def _spread(total: int, parts: int, rng: random.Random) -> list[int]:
    """Split ``total`` into ``parts`` non-negative integers, weighted to the first parts."""
    out = [0] * parts
    for _ in range(total):
        i = min(int(rng.expovariate(1.3)), parts - 1)
        out[i] += 1
    return out


def make_spec(seed: int, agency: str | None = None, year: int | None = None,
              generation: str | None = None, inconsistent: bool = False,
              long: bool = False) -> ReportSpec:
    """A plausible report whose figures obey every rule of :data:`extract.schema.RULES`.

    :param seed: random seed; the same seed gives the same spec.
    :param agency: the reporting body (picked from a list when ``None``).
    :param year: the year reported on; the generation follows from it unless given.
    :param generation: ``"2021"``, ``"2019"`` or ``"free"``.
    :param inconsistent: break one hard rule (a typo in one table-3 or table-4 cell);
        the broken rule id is listed in ``broken_rules``.
    :param long: pad the narrative so that the PDF runs to about 6-10 pages.
    """
    rng = random.Random(seed)
    agency = agency or rng.choice(AGENCIES)
    if year is None:
        year = rng.choice((2019, 2020, 2021, 2022, 2023, 2024))
    if generation is None:
        generation = "2021" if year >= 2021 else ("2019" if year >= 2019 else "free")
    figures: dict[str, float | int] = {}
    requests = 0
    single_other = False
    zero_style = rng.choices(("0", "", "—"), weights=(85, 10, 5))[0]
    if generation in ("2019", "2021"):
        single_other = generation == "2021" and rng.random() < 0.15
        figures.update(_table2(generation, rng))
        # a table 3 printed with every cell blank is the blank template, not a report
        t3 = _table3(generation, single_other, rng, at_least_one=zero_style != "0")
        figures.update(t3)
        figures.update(_table4(rng))
        requests = int(t3["t3.new.total"])
    broken: list[str] = []
    if inconsistent and generation != "free":
        if rng.random() < 0.5:
            key = rng.choice([k for k in figures if k.startswith("t3.") and k.endswith(".total")
                              and ".new." not in k])
            figures[key] = int(figures[key]) + rng.choice((1, 2, 10))
            broken = ["t3.row_sum"]
        else:
            key = rng.choice([k for k in figures if k.startswith("t4.") and k.endswith(".total")])
            figures[key] = int(figures[key]) + 1
            broken = ["t4.group_sum"]
    published = rng.randint(20, 900)
    fill = dict(year=year, agency=agency, requests=requests, published=published,
                policy=published // 10, news=published // 2, notices=published - published // 10 - published // 2)
    s1 = [p.format(**fill) for p in _S1_PARAS]
    if long:
        s1 = s1[:2] + [_FILLER] * rng.randint(14, 20) + s1[2:]
    narrative = {
        1: "\n".join(s1),
        5: "\n".join(p.format(**fill) for p in _S5_PARAS) + ("\n" + _FILLER) * (rng.randint(6, 10) if long else 0),
        6: rng.choice(_S6_PARAS).format(**fill),
    }
    if generation == "free":
        narrative[2] = "本年度主动公开政府信息{published}条，其中通过门户网站公开{news}条。".format(**fill)
        narrative[3] = f"本年度共收到政府信息公开申请{rng.randint(0, 40)}件，均已按时答复。"
        narrative[4] = "本年度未发生针对本机关政府信息公开事务的行政复议、行政诉讼。"
    return ReportSpec(agency=agency, year=year, generation=generation, figures=figures,
                      narrative=narrative, title=f"{agency}{year}年政府信息公开工作年度报告",
                      zero_style=zero_style, single_other_row=single_other, broken_rules=broken)


def _table2(generation: str, rng: random.Random) -> dict:
    out: dict = {}
    for row in schema.T2_ROWS[generation]:
        for col in row.columns:
            key = f"t2.{row.key}.{col}"
            if key == "t2.fees.amount":
                value = rng.choice((0, 0, round(rng.uniform(0.5, 900), 2)))
            elif key == "t2.procurement.amount":
                value = rng.choice((0, round(rng.uniform(1, 5000), 2)))
            elif col == "change":
                value = rng.randint(-5, 5)
            elif row.key == "rules":
                value = rng.choice((0, 0, rng.randint(0, 6)))
            else:
                value = rng.choice((0, rng.randint(0, 40), rng.randint(0, 3000)))
            out[key] = value
    return out


def _table3(generation: str, single_other: bool, rng: random.Random, at_least_one: bool = False) -> dict:
    order = schema.T3_ROW_ORDER_2021_SINGLE_OTHER if single_other else schema.T3_ROW_ORDER[generation]
    result_rows = [r for r in order if r in schema.T3_RESULT_ROWS]
    cols = schema.T3_COLUMN_KEYS[:-1]
    out: dict = {}
    scale = rng.choice((0, 3, 12, 60, 400))
    for col in cols:
        weight = 1.0 if col == "natural" else rng.choice((0, 0, 0.05, 0.2))
        new = int(rng.uniform(0, scale) * weight)
        if at_least_one and col == "natural":
            new = max(new, 1)
        carried_over = rng.choice((0, 0, rng.randint(0, max(1, new // 5))))
        forward = rng.choice((0, 0, rng.randint(0, (new + carried_over) // 4 or 0)))
        done = new + carried_over - forward
        weights = [rng.random() ** 3 for _ in result_rows]
        weights[0] += 2  # most requests are granted
        parts = [0] * len(result_rows)
        for _ in range(done):
            parts[rng.choices(range(len(result_rows)), weights)[0]] += 1
        out[f"t3.new.{col}"] = new
        out[f"t3.carried_over.{col}"] = carried_over
        for row, value in zip(result_rows, parts):
            out[f"t3.{row}.{col}"] = value
        out[f"t3.results_total.{col}"] = done
        out[f"t3.carried_forward.{col}"] = forward
    for row in order:
        out[f"t3.{row}.total"] = sum(out[f"t3.{row}.{c}"] for c in cols)
    return out


def _table4(rng: random.Random) -> dict:
    out: dict = {}
    for group in schema.T4_GROUPS:
        parts = [rng.choice((0, 0, rng.randint(0, 6))) for _ in range(4)]
        for col, value in zip(("upheld", "corrected", "other", "pending"), parts):
            out[f"t4.{group.key}.{col}"] = value
        out[f"t4.{group.key}.total"] = sum(parts)
    return out


# --- the tables as cells with spans ---------------------------------------------------

@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    #: a label or header (rendered bold-ish / centred in some kinds)
    header: bool = False


def _fmt(value, zero_style: str) -> str:
    if value is None:
        return ""
    if value == 0:
        return zero_style
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)


def table2_cells(spec: ReportSpec) -> list[list[Cell]]:
    f, z = spec.figures, spec.zero_style
    v = lambda key, span=1: Cell(_fmt(f.get(key), z), colspan=span)  # noqa: E731
    H = lambda text, span=1: Cell(text, colspan=span, header=True)  # noqa: E731
    if spec.generation == "2021":
        return [
            [H("第二十条第（一）项", 4)],
            [H("信息内容"), H("本年制发件数"), H("本年废止件数"), H("现行有效件数")],
            [H("规章"), v("t2.rules.issued"), v("t2.rules.repealed"), v("t2.rules.in_force")],
            [H("行政规范性文件"), v("t2.normative.issued"), v("t2.normative.repealed"), v("t2.normative.in_force")],
            [H("第二十条第（五）项", 4)],
            [H("信息内容"), H("本年处理决定数量", 3)],
            [H("行政许可"), v("t2.licensing.decisions", 3)],
            [H("第二十条第（六）项", 4)],
            [H("信息内容"), H("本年处理决定数量", 3)],
            [H("行政处罚"), v("t2.penalty.decisions", 3)],
            [H("行政强制"), v("t2.coercion.decisions", 3)],
            [H("第二十条第（八）项", 4)],
            [H("信息内容"), H("本年收费金额（单位：万元）", 3)],
            [H("行政事业性收费"), v("t2.fees.amount", 3)],
        ]
    three = [H("信息内容"), H("上一年项目数量"), H("本年增/减"), H("处理决定数量")]
    return [
        [H("第二十条第（一）项", 4)],
        [H("信息内容"), H("本年新制作数量"), H("本年新公开数量"), H("对外公开总数量")],
        [H("规章"), v("t2.rules.made"), v("t2.rules.published"), v("t2.rules.public_total")],
        [H("规范性文件"), v("t2.normative.made"), v("t2.normative.published"), v("t2.normative.public_total")],
        [H("第二十条第（五）项", 4)],
        list(three),
        [H("行政许可"), v("t2.licensing.prev_items"), v("t2.licensing.change"), v("t2.licensing.decisions")],
        [H("其他对外管理服务事项"), v("t2.other_mgmt.prev_items"), v("t2.other_mgmt.change"),
         v("t2.other_mgmt.decisions")],
        [H("第二十条第（六）项", 4)],
        list(three),
        [H("行政处罚"), v("t2.penalty.prev_items"), v("t2.penalty.change"), v("t2.penalty.decisions")],
        [H("行政强制"), v("t2.coercion.prev_items"), v("t2.coercion.change"), v("t2.coercion.decisions")],
        [H("第二十条第（八）项", 4)],
        [H("信息内容"), H("上一年项目数量"), H("本年增/减", 2)],
        [H("行政事业性收费"), v("t2.fees.prev_items"), v("t2.fees.change", 2)],
        [H("第二十条第（九）项", 4)],
        [H("信息内容"), H("采购项目数量"), H("采购总金额（万元）", 2)],
        [H("政府集中采购"), v("t2.procurement.items"), v("t2.procurement.amount", 2)],
    ]


_T3_GROUPS = {"denied": "（三）不予公开", "unable": "（四）无法提供", "ignored": "（五）不予处理",
              "other": "（六）其他处理"}


def _t3_item_label(row: str) -> str:
    label = schema.T3_ROWS[row].label
    return label.split(" ", 1)[1] if " " in label else label


def table3_cells(spec: ReportSpec) -> list[list[Cell]]:
    f, z = spec.figures, spec.zero_style
    order = schema.T3_ROW_ORDER_2021_SINGLE_OTHER if (spec.single_other_row or spec.generation == "2019") \
        else schema.T3_ROW_ORDER["2021"]
    H = lambda text, rs=1, cs=1: Cell(text, rs, cs, header=True)  # noqa: E731
    rows: list[list[Cell]] = [
        [H("（本列数据的勾稽关系为：第一项加第二项之和，\n等于第三项加第四项之和）", 3, 3), H("申请人情况", 1, 7)],
        [H("自然人", 2), H("法人或其他组织", 1, 5), H("总计", 2)],
        [H(c.label) for c in schema.T3_COLUMNS[1:6]],
    ]
    result_rows = [r for r in order if r in schema.T3_RESULT_ROWS] + ["results_total"]
    groups: dict[str, list[str]] = {}
    for r in result_rows:
        prefix = r.split("_", 1)[0]
        if prefix in _T3_GROUPS and r != "other":
            groups.setdefault(prefix, []).append(r)
    for r in order:
        values = [Cell(_fmt(f.get(f"t3.{r}.{c}"), z)) for c in schema.T3_COLUMN_KEYS]
        label: list[Cell] = []
        if r in ("new", "carried_over", "carried_forward"):
            label = [H(schema.T3_ROWS[r].label, 1, 3)]
        else:
            if r == result_rows[0]:
                label.append(H("三、本年度办理结果", len(result_rows)))
            prefix = r.split("_", 1)[0]
            if r == "partial":
                label.append(H("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, 2))
            elif r in ("granted", "results_total", "other"):
                label.append(H(schema.T3_ROWS[r].label, 1, 2))
            else:
                members = groups[prefix]
                if r == members[0]:
                    label.append(H(_T3_GROUPS[prefix], len(members)))
                label.append(H(_t3_item_label(r)))
        rows.append(label + values)
    return rows


def table4_cells(spec: ReportSpec) -> list[list[Cell]]:
    f, z = spec.figures, spec.zero_style
    H = lambda text, rs=1, cs=1: Cell(text, rs, cs, header=True)  # noqa: E731
    cols = [c.label for c in schema.T4_COLUMNS]
    return [
        [H("行政复议", 1, 5), H("行政诉讼", 1, 10)],
        [H(c, 2) for c in cols] + [H("未经复议直接起诉", 1, 5), H("复议后起诉", 1, 5)],
        [H(c) for c in cols] * 2,
        [Cell(_fmt(f.get(k), z)) for k in schema.T4_KEYS],
    ]


def spec_tables(spec: ReportSpec) -> list[list[list[Cell]]]:
    """The tables the report prints (none for the ``free`` generation)."""
    if spec.generation == "free":
        return []
    return [table2_cells(spec), table3_cells(spec), table4_cells(spec)]


def expected_table_lines(spec: ReportSpec) -> list[str]:
    """The table-row lines a faithful reader puts in its :class:`~extract.layout.Layout`.

    One line per printed row: the cells that start in that row (a merged cell once, on
    its first row), joined by ``CELL_SEP``, wrapped label text joined without a break.
    """
    from extract.layout import CELL_SEP

    return [CELL_SEP.join(c.text.replace("\n", "").strip() for c in row)
            for table in spec_tables(spec) for row in table]


def grid_positions(rows: list[list[Cell]]) -> tuple[list[tuple[int, int, Cell]], int]:
    """Place span cells on a grid: ``([(row, column, cell)], number of columns)``."""
    taken: set[tuple[int, int]] = set()
    placed = []
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
            width = max(width, c)
    return placed, width


def _blocks(spec: ReportSpec):
    """The document in reading order: ``("title"|"p"|"h"|"table", payload)``."""
    yield "title", spec.title
    yield "p", (f"本报告由{spec.agency}按照《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》"
                f"要求编制。本报告所列数据的统计期限自{spec.year}年1月1日起至{spec.year}年12月31日止。")
    headings = schema.SECTION_HEADINGS
    tables = {2: table2_cells, 3: table3_cells, 4: table4_cells}
    for n in range(1, 7):
        yield "h", f"{CN_NUM[n - 1]}、{headings[n]}"
        if n in tables and spec.generation != "free":
            yield "table", tables[n](spec)
        for para in spec.narrative.get(n, "").split("\n"):
            if para.strip():
                yield "p", para


# --- renderers --------------------------------------------------------------------

_PORTAL_HEAD = """<script type="text/javascript" src="/js/jquery.min.js"></script>
<script>var _hmt = _hmt || []; (function() {{ var columnId = "xxgknb"; document.title = document.title; }})();</script>
<style>.TRS_Editor p{{line-height:2;font-size:16px}} table{{border-collapse:collapse}}</style>"""
_PORTAL_NAV = """<div class="header"><div class="nav"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/hdjl/">互动交流</a> | <a href="/bsfw/">办事服务</a></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/xxgknb/">政府信息公开年报</a></div></div>
<div class="info">发布时间：{year}-01-20 来源：{agency} 浏览次数：<span id="count">128</span> 【字体：大 中 小】 【打印】 【关闭】</div>"""
_PORTAL_FOOT = """<div class="footer"><p>主办单位：{agency} 网站标识码：3300000001 ICP备案号：浙ICP备00000000号</p>
<p><a href="/sitemap/">网站地图</a> | <a href="/contact/">联系我们</a></p></div>
<script>document.getElementById("count").innerHTML = "129";</script>"""


def render_html(spec: ReportSpec, encoding: str = "utf-8", declare: bool = True) -> bytes:
    """The report as a portal article page.

    :param encoding: ``"utf-8"`` or ``"gbk"`` (the bytes are GBK; the meta tag says ``gb2312``
        as many portals do).
    :param declare: whether a ``<meta charset>`` tag is present.
    """
    esc = html_lib.escape
    out = ["<!DOCTYPE html>", "<html><head>"]
    if declare:
        label = "gb2312" if encoding != "utf-8" else "utf-8"
        out.append(f'<meta http-equiv="Content-Type" content="text/html; charset={label}">')
    out.append(f"<title>{esc(spec.title)}_{esc(spec.agency)}</title>")
    out.append(_PORTAL_HEAD)
    out.append("</head><body>")
    out.append(_PORTAL_NAV.format(year=spec.year + 1, agency=esc(spec.agency)))
    out.append('<div class="article"><div class="TRS_Editor">')
    for kind, payload in _blocks(spec):
        if kind == "title":
            out.append(f'<p align="center" style="text-align:center"><strong>{esc(payload)}</strong></p>')
        elif kind == "h":
            out.append(f'<p style="text-indent:2em"><strong><span style="font-family:黑体">{esc(payload)}</span></strong></p>')
        elif kind == "p":
            out.append(f'<p style="text-indent:2em"><span style="font-size:16px">{esc(payload)}</span></p>')
        else:
            out.append('<table border="1" cellspacing="0" cellpadding="0" width="600" align="center"><tbody>')
            for row in payload:
                tds = []
                for cell in row:
                    attrs = ""
                    if cell.rowspan > 1:
                        attrs += f' rowspan="{cell.rowspan}"'
                    if cell.colspan > 1:
                        attrs += f' colspan="{cell.colspan}"'
                    text = "".join(f'<p style="text-align:center"><span>{esc(t) or "&nbsp;"}</span></p>'
                                   for t in (cell.text.split("\n") if cell.text else [""]))
                    tds.append(f'<td{attrs} valign="center">{text}</td>')
                out.append("<tr>" + "".join(tds) + "</tr>")
            out.append("</tbody></table>")
    out.append("</div></div>")
    out.append(_PORTAL_FOOT.format(agency=esc(spec.agency)))
    out.append("</body></html>")
    text = "\n".join(out)
    return text.encode("utf-8") if encoding == "utf-8" else text.encode("gbk", errors="xmlcharrefreplace")


def render_docx(spec: ReportSpec) -> bytes:
    """The report as a Word document with ruled tables and real merged cells."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    for kind, payload in _blocks(spec):
        if kind == "title":
            p = document.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            # long titles are broken by hand after the agency, as authors do
            pieces = [spec.agency, payload[len(spec.agency):]] if len(payload) > 24 and \
                payload.startswith(spec.agency) else [payload]
            for n, piece in enumerate(pieces):
                run = p.add_run(piece)
                run.bold = True
                run.font.size = Pt(18)
                if n + 1 < len(pieces):
                    run.add_break()
        elif kind == "h":
            p = document.add_paragraph()
            p.add_run(payload).bold = True
        elif kind == "p":
            document.add_paragraph(payload)
        else:
            body = document.element.body
            body.insert(len(body) - 1, _docx_table_xml(payload))  # before the final sectPr
            document.add_paragraph()
    buf = io.BytesIO()
    document.core_properties.title = spec.title
    document.save(buf)
    return buf.getvalue()


def _with_kingsoft_marker(docx_bytes: bytes) -> bytes:
    """Add the custom property WPS Office writes into every file (``KSOProductBuildVer``)."""
    import zipfile

    custom = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
              'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
              '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer">'
              '<vt:lpwstr>2052-11.1.0.12763</vt:lpwstr></property></Properties>')
    src = zipfile.ZipFile(io.BytesIO(docx_bytes))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/docProps/custom.xml" ContentType='
                                    b'"application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>')
            elif info.filename == "_rels/.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdKso" Type="http://schemas.'
                                    b'openxmlformats.org/officeDocument/2006/relationships/custom-properties" '
                                    b'Target="docProps/custom.xml"/></Relationships>')
            dst.writestr(info, data)
        dst.writestr("docProps/custom.xml", custom)
    return out.getvalue()


def _docx_table_xml(rows: list[list[Cell]]):
    """A ruled ``w:tbl`` with ``gridSpan``/``vMerge`` merges, as Word writes them."""
    from docx.oxml import parse_xml

    placed, width = grid_positions(rows)
    start = {(r, c): cell for r, c, cell in placed}
    cover: dict[tuple[int, int], tuple[int, int, Cell]] = {}
    for r, c, cell in placed:
        for dr in range(cell.rowspan):
            for dc in range(cell.colspan):
                cover[(r + dr, c + dc)] = (r, c, cell)
    col_w = 9000 // width
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    out = [f'<w:tbl {ns}><w:tblPr><w:tblW w:w="{col_w * width}" w:type="dxa"/><w:jc w:val="center"/>'
           f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>'
           + f'<w:gridCol w:w="{col_w}"/>' * width + "</w:tblGrid>"]
    for r in range(len(rows)):
        out.append("<w:tr>")
        c = 0
        while c < width:
            owner = cover.get((r, c))
            if owner is None:  # ragged row: pad
                out.append(f'<w:tc><w:tcPr><w:tcW w:w="{col_w}" w:type="dxa"/></w:tcPr><w:p/></w:tc>')
                c += 1
                continue
            r0, c0, cell = owner
            span = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
            if (r, c) in start:
                vm = '<w:vMerge w:val="restart"/>' if cell.rowspan > 1 else ""
                paras = "".join(
                    '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="18"/></w:rPr>'
                    f'<w:t xml:space="preserve">{html_lib.escape(t)}</w:t></w:r></w:p>' if t else "<w:p/>"
                    for t in (cell.text.split("\n") if cell.text else [""]))
            else:
                vm, paras = "<w:vMerge/>", "<w:p/>"
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{col_w * cell.colspan}" w:type="dxa"/>{span}{vm}'
                       f'<w:vAlign w:val="center"/></w:tcPr>{paras}</w:tc>')
            c = c0 + cell.colspan
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return parse_xml("".join(out))


def render_txt(spec: ReportSpec) -> str:
    """The report as a PDF text extractor prints it: one table row per line, tab-separated."""
    lines = []
    for kind, payload in _blocks(spec):
        if kind == "table":
            for row in payload:
                lines.append("\t".join(c.text.replace("\n", "") for c in row))
            lines.append("")
        else:
            lines.append(payload)
            lines.append("")
    return "\n".join(lines)


def _scan_pdf(pdf: bytes, dpi: int = 150, rotate: float = 0.0, noise: float = 0.0,
              jpeg_quality: int = 75, seed: int = 0) -> bytes:
    """Rasterise a PDF with pdftoppm and wrap the page images as an image-only PDF."""
    from PIL import Image

    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="ogi-scan-") as tmp:
        src = Path(tmp, "in.pdf")
        src.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(src), str(Path(tmp, "page"))],
                       check=True, timeout=300, capture_output=True)
        images = []
        for png in sorted(Path(tmp).glob("page*.png")):
            img = Image.open(png).convert("L")
            if rotate:
                img = img.rotate(rotate, expand=True, fillcolor=255, resample=Image.BICUBIC)
            if noise:
                px = img.load()
                w, h = img.size
                for _ in range(int(w * h * noise)):
                    px[rng.randrange(w), rng.randrange(h)] = rng.choice((0, 90, 200))
            buf = io.BytesIO()
            img.save(buf, "JPEG", quality=jpeg_quality)
            images.append(Image.open(io.BytesIO(buf.getvalue())))
        out = io.BytesIO()
        images[0].save(out, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
        return out.getvalue()


def _cache_get(cache_dir, key):
    if cache_dir is None:
        return None
    path = Path(cache_dir, key[:2], key)
    return path.read_bytes() if path.exists() else None


def _cache_put(cache_dir, key, data: bytes) -> None:
    if cache_dir is None:
        return
    path = Path(cache_dir, key[:2], key)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{key}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _default_cache_dir():
    return os.environ.get("OGI_RENDER_CACHE") or None


def render(spec: ReportSpec, kind: str, *, cache_dir: str | os.PathLike | None = None,
           dpi: int = 150, rotate: float = 0.0, noise: float = 0.0, jpeg_quality: int = 75) -> bytes:
    """Render one report as one input kind.

    :param spec: the report content.
    :param kind: one of :data:`KINDS`.
    :param cache_dir: a directory caching rendered bytes by content hash (default:
        ``$OGI_RENDER_CACHE`` or no cache).
    :param dpi: resolution of ``scan-pdf`` pages.
    :param rotate: degrees a ``scan-pdf`` page is turned (a skewed scan).
    :param noise: share of ``scan-pdf`` pixels replaced by speckles.
    :param jpeg_quality: JPEG quality of ``scan-pdf`` page images.
    """
    return render_many([(spec, kind)], cache_dir=cache_dir, dpi=dpi, rotate=rotate, noise=noise,
                       jpeg_quality=jpeg_quality)[0]


def render_many(specs_and_kinds, *, cache_dir=None, dpi: int = 150, rotate: float = 0.0,
                noise: float = 0.0, jpeg_quality: int = 75, timeout: float = 600) -> list[bytes]:
    """Render many ``(spec, kind)`` pairs, with one LibreOffice call per target format.

    :param specs_and_kinds: iterable of ``(ReportSpec, kind)``.
    :param cache_dir: see :func:`render`.
    :param timeout: seconds allowed for each LibreOffice batch.
    """
    from extract.doc import convert_with_libreoffice

    items = list(specs_and_kinds)
    cache_dir = cache_dir if cache_dir is not None else _default_cache_dir()
    scan_opts = dict(dpi=dpi, rotate=rotate, noise=noise, jpeg_quality=jpeg_quality)
    results: list[bytes | None] = [None] * len(items)
    keys = []
    for i, (spec, kind) in enumerate(items):
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
        key = spec.cache_key(kind, **(scan_opts if kind == "scan-pdf" else {}))
        keys.append(key)
        results[i] = _cache_get(cache_dir, key)
    # LibreOffice conversions (scan-pdf needs the text PDF first)
    need_office: dict[str, list[int]] = {}
    for i, (spec, kind) in enumerate(items):
        if results[i] is None and kind in ("pdf", "doc", "wps", "scan-pdf"):
            need_office.setdefault("pdf" if kind == "scan-pdf" else kind, []).append(i)
    office_out: dict[int, bytes] = {}
    if need_office:
        with tempfile.TemporaryDirectory(prefix="ogi-render-") as tmp:
            for target, indexes in need_office.items():
                indir = Path(tmp, f"in-{target}")
                outdir = Path(tmp, f"out-{target}")
                indir.mkdir()
                paths = []
                for i in indexes:
                    spec, kind = items[i]
                    if kind == "scan-pdf":
                        cached = _cache_get(cache_dir, spec.cache_key("pdf"))
                        if cached is not None:
                            office_out[i] = cached
                            continue
                    path = indir / f"r{i:05d}.docx"
                    docx_bytes = render_docx(spec)
                    path.write_bytes(_with_kingsoft_marker(docx_bytes) if kind == "wps" else docx_bytes)
                    paths.append((i, path))
                if paths:
                    produced = convert_with_libreoffice([p for _, p in paths], OFFICE_KINDS[target], outdir,
                                                        timeout=timeout)
                    for (i, _), out in zip(paths, produced):
                        if out is None:
                            raise RuntimeError(f"LibreOffice did not convert fixture {i} to {target}")
                        office_out[i] = out.read_bytes()
    for i, (spec, kind) in enumerate(items):
        if results[i] is not None:
            continue
        if kind == "html-utf8":
            data = render_html(spec, "utf-8")
        elif kind == "html-gbk":
            data = render_html(spec, "gbk", declare=random.Random(keys[i]).random() < 0.6)
        elif kind == "docx":
            data = render_docx(spec)
        elif kind == "txt":
            data = render_txt(spec).encode("utf-8")
        elif kind == "scan-pdf":
            if _cache_get(cache_dir, spec.cache_key("pdf")) is None:
                _cache_put(cache_dir, spec.cache_key("pdf"), office_out[i])
            data = _scan_pdf(office_out[i], seed=int(keys[i][:8], 16), **scan_opts)
        else:
            data = office_out[i]
        _cache_put(cache_dir, keys[i], data)
        results[i] = data
    return results  # type: ignore[return-value]
