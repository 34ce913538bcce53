"""Datasette metadata for the archive, generated from the schema and the table definitions.

:func:`build_metadata` returns the metadata as a dict (titles and descriptions in
Chinese and English, units, source, license, column descriptions, facets, canned
queries, chart links, the download link); :func:`write_metadata` writes it as YAML.
Units are given in the column descriptions (件 requests, 万元), because Datasette's own
``units`` option only knows physical units.
"""
from __future__ import annotations

import html
import os
import re
from pathlib import Path

import yaml

from archive import queries, tables
from extract import divisions, schema

TITLE = "政府信息公开工作年度报告数据库 / China open-government-information annual reports"
LICENSE = "CC BY 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
SOURCE = "各级行政机关在政府门户网站发布的政府信息公开工作年度报告 / reports published by each body on its government portal"

#: table → (title, description, facets, label column)
TABLE_INFO = {
    "headline": ("报告主要数字 / Headline figures, one row per report",
                 "每份报告一行：申请、办理结果、复议诉讼的合计。件 = requests or cases。"
                 " / One row per report: requests, results, reviews and lawsuits.",
                 ["year", "province", "level", "generation"], None),
    "reports": ("报告 / Reports", "每个机关每年一份报告；数字来自当前文件。"
                " / One report per body and year; figures come from its current document.",
                ["year", "generation"], "title"),
    "bodies": ("机关 / Reporting bodies", "发布年报的行政机关，层级和行政区划由名称推断。"
               " / Bodies that publish reports; level and place read from the name.",
               ["level", "province"], "name"),
    "documents": ("文件 / Documents", "抓取到的每个文件版本（按 SHA-256）；同一网址的新版本另存一行。HTML 只以文本显示。"
                  " / Every fetched file version, by sha256; a changed file at the same URL is a new row.",
                  ["kind", "format", "is_report"], "url"),
    "document_fetches": ("抓取记录 / Fetches", "每个文件的每次抓取（网址、时间、WARC 记录）。"
                         " / Every fetch of every document, with its WARC record.", [], None),
    "figures": ("全部数字 / All figures", "每份报告的每个模板数字，附来源文件和抽取程序版本。"
                " / Every template figure of every report, with the document and extractor version it came from.",
                [], None),
    "figure_keys": ("数字键 / Figure keys", "模板数字的表、行、列、标签和单位。"
                    " / Table, row, column, labels and unit of every template figure.",
                    ["template_table"], "key"),
    "t2": ("表二 主动公开 / Table 2: proactive publication", "每份报告一行。 / One row per report.",
           ["generation"], None),
    "t3": ("表三 申请办理 / Table 3: requests", "每份报告每个模板行一行。 / One row per report and template row.",
           ["row_key"], None),
    "t4": ("表四 复议诉讼 / Table 4: reviews and lawsuits", "每份报告一行。 / One row per report.", [], None),
    "year_totals": ("全国每年合计 / Totals per year", "按年度汇总 headline 表。 / headline summed per year.",
                    [], None),
    "body_totals": ("机关历年合计 / Totals per body", "按机关汇总 headline 表。 / headline summed per body.",
                    ["province", "level"], None),
    "sections": ("正文 / Report text", "报告的六个部分，纯文本。全文搜索请用“全文搜索”查询。"
                 " / The six sections as plain text; use the search query for full-text search.",
                 ["number"], None),
    "rules": ("规则 / Consistency rules", "年报数字应遵守的规则。 / Rules the figures must obey.", ["severity"], "id"),
    "warning_codes": ("抽取警告代码 / Extraction warning codes",
                      "文件 warnings 列中每个警告代码的含义；各代码出现次数见 warning_counts。"
                      " / What each code in documents.warnings means; warning_counts counts them.", [], "code"),
    "findings": ("不一致之处 / Findings", "报告数字违反规则之处；数字按原文保存，不作更正。"
                 " / Where a report breaks a rule; figures are kept as printed.", ["rule"], None),
    "year_chain": ("跨年不一致 / Year-chain breaches",
                   "第 N 年“上年结转”与第 N−1 年“结转下年度”不相等。"
                   " / carried_over of year N differs from carried_forward of year N−1.", ["year", "column_key"], None),
    "divisions": ("行政区划 / Administrative divisions (GB/T 2260)",
                  "全部省级、地级、县级行政区划代码（2008 年以来用过的代码，含曾用名）。来源：" + divisions.SOURCE
                  + " / Every province, prefecture and county code in use since 2008, with former names.",
                  ["level", "province_code"], "name"),
    "crawl_runs": ("抓取运行 / Crawl runs", "每次抓取运行及夜间任务摘要。 / Crawl runs and nightly summaries.",
                   ["portal"], None),
    "crawl_failures": ("抓取失败 / Crawl failures", "抓取失败的网址和原因。 / URLs that could not be fetched.",
                       ["portal", "status"], None),
    "coverage": ("覆盖情况 / Coverage",
                 "已知机关每年的报告是否找到、何时首次发现、是否逾期、逾期几天、是否修改或下线。截止日期依《政府信息公开条例》"
                 "第四十九条：县级以上人民政府部门（含国务院部门）次年 1 月 31 日前；县级以上地方人民政府（含管理一定区域的"
                 "开发区管委会）次年 3 月 31 日前；乡镇、街道和层级不明的机关条例未规定期限，不判逾期。"
                 " / For each known body and year: found, first seen, late and by how many days, changed or removed. "
                 "Due dates (Art. 49 of the Regulation): departments at county level and above, State Council "
                 "departments included, 31 January; people's governments at county level and above (and zone "
                 "committees governing a territory), 31 March; townships, street offices and bodies of unknown "
                 "level have no statutory date and are never called late.",
                 ["year", "found", "late", "due_rule"], None),
    "sites": ("网站名录 / Site registry",
              "抓取的政府网站：网站标识码、行政区划代码、主办单位、首页、CMS、年报栏目、核验情况，以及抓取页面自称的标识码"
              "是否与名录相符。 / The government sites crawled: site code, division code, owning body, home page, "
              "CMS family, annual-report columns, verification, and whether the site codes its pages stated fit "
              "the registry row.",
              ["cms", "identity_check"], "site_name"),
    "source_health": ("来源状态 / Source health",
                      "每个门户每次抓取后的状态：正常、沉寂（以前列出报告，现在没有）、失败（读不到列表页）、被拦截（412、"
                      "验证页面，从不绕过）、迁移（起始网址跳转到别的站点）、空（列表页中从无报告）。 / Each portal's state "
                      "after each crawl run: healthy, quiet, failing, blocked (never bypassed), moved, empty.",
                      ["state", "changed", "portal"], "portal"),
}


_UNIT = re.compile(r"\((件[^)]*|万元[^)]*|[^)]*yuan[^)]*)\)\s*$")
#: column names of canned queries that are not table columns: (Chinese, English, unit)
QUERY_COLUMNS = {
    "requests": ("本年新收申请", "new requests received", "件"),
    "requests_reports": ("申请数所依据的报告数", "reports the request sum rests on", "份"),
    "reports": ("报告数", "reports", "份"),
    "results": ("办理结果总计", "total results", "件"),
    "denied_pct": ("不予公开占比", "share denied", "%"),
    "not_held_pct": ("不掌握信息占比", "share 'not held'", "%"),
    "denied_or_not_held_pct": ("不予公开或不掌握占比", "share denied or not held", "%"),
    "corrected_pct": ("诉讼纠错率", "share of lawsuits corrected", "%"),
    "findings": ("不一致之处", "findings", "处"),
    "rules": ("违反的规则", "rules broken", ""),
    "body": ("机关", "body", ""),
    "snippet": ("摘录", "excerpt", ""),
    "results_count": ("结果数", "results", "份"),
    "section": ("部分", "section", ""),
    "documents": ("文件数", "documents", "个"),
    "occurrences": ("出现次数", "occurrences", "次"),
}


def _split_description(description: str) -> tuple[str, str, str]:
    parts = re.split(r"\s*/\s", description, maxsplit=1)
    zh, en = (parts + [""])[:2]
    unit = ""
    match = _UNIT.search(en)
    if match:
        unit = match.group(1).split(";")[0].split(",")[0].strip()
        en = en[:match.start()].strip()
    return zh.strip(), en.strip(), unit


def column_rows() -> list[dict]:
    """Every archive column with its Chinese label, English label and unit.

    :returns: ``[{"table", "column", "label_zh", "label_en", "unit", "description"}]``;
        figure columns take their labels and units from :mod:`extract.schema`.
    """
    rows = []
    for table, columns in tables.TABLES.items():
        for column, _, description in columns:
            zh, en, unit = _split_description(description)
            spec = None
            if table in ("t2", "t4"):
                spec = next((s for s in (tables.T2_FIGURES if table == "t2" else tables.T4_FIGURES)
                             if tables.wide_column(s.key) == column), None)
            if spec is not None:
                zh, en, unit = f"{spec.row_label} · {spec.column_label}", spec.label_en, spec.unit
            rows.append({"table": table, "column": column, "label_zh": zh, "label_en": en, "unit": unit or None,
                         "description": description})
    return rows


def column_labels() -> dict[str, tuple[str, str, str]]:
    """Column name → (Chinese label, English label, unit), over all tables and canned queries."""
    labels: dict[str, tuple[str, str, str]] = {}
    for row in column_rows():
        labels.setdefault(row["column"], (row["label_zh"], row["label_en"], row["unit"] or ""))
    for name, value in QUERY_COLUMNS.items():
        labels.setdefault(name, value)
    for column in tables.HEADLINE:
        zh, en, unit = labels[column]
        labels[f"{column}_reports"] = (f"{zh}所依据的报告数", f"reports the sum of {column} rests on", "份")
    return labels


def write_column_descriptions(db) -> int:
    """Store :func:`column_rows` in the archive as ``column_descriptions``; return the row count.

    :param db: a ``sqlite_utils.Database``.
    """
    table = db["column_descriptions"]
    table.create({"table": "TEXT", "column": "TEXT", "label_zh": "TEXT", "label_en": "TEXT", "unit": "TEXT",
                  "description": "TEXT"}, pk=("table", "column"), not_null={"table", "column"}, if_not_exists=True)
    rows = column_rows()
    table.delete_where()
    table.insert_all(rows)
    return len(rows)


def _description_html(database: str) -> str:
    feeds = " · ".join(
        f'<a href="/{database}/{name}.atom">{html.escape(queries.QUERIES[name]["title"])}</a>'
        for name in queries.FEEDS)
    charts = " · ".join(
        f'<a href="{html.escape(queries.chart_url(database, name))}">{html.escape(queries.QUERIES[name]["title"])}</a>'
        for name in queries.CHARTS)
    return (
        f'<p><strong><a href="/{database}.db">下载整个 SQLite 数据库 / Download the whole SQLite file</a></strong>'
        f" — 每个表和查询也可导出 CSV、JSON。 / Every table and query also exports CSV and JSON.</p>"
        f"<p>趋势图 / Year-trend charts: {charts}</p>"
        f'<p><strong><a href="/search">全文搜索 / Search the reports</a></strong>（多个词、结果数、分页 / several '
        f'words, result count, pages）· <a href="/{database}/search">SQL 版 / as a query</a></p>'
        f'<p>每份报告有自己的页面（表格、不一致之处、原件）/ every report has its own page: '
        f'<a href="/{database}/reports">报告列表 / reports</a> → report_id。</p>'
        f"<p>订阅 / Atom feeds: {feeds}</p>"
        f'<p>导出 / export: 每个表和查询可下载 CSV、JSON、Excel (.xlsx，中文表头)。'
        f' <a href="/{database}/column_descriptions">列说明 / column descriptions</a> ·'
        f' <a href="/{database}/search_help">在 sqlite3 中全文搜索 / full-text search from plain sqlite3</a></p>'
    )


def build_metadata(database: str = "archive", originals: str | os.PathLike | None = None) -> dict:
    """Datasette metadata for an archive served under the name ``database``.

    :param database: the database name in Datasette (the file name without ``.db``).
    :param originals: directory of archived originals to serve (see
        :func:`archive.datasette_plugin.originals_dir`); default: ``<database>-originals``
        beside the file, if present.
    """
    table_meta = {}
    for name in tables.TABLES:
        title, description, facets, label_column = TABLE_INFO[name]
        meta = {"title": title, "description": description, "columns": tables.column_descriptions(name)}
        if facets:
            meta["facets"] = facets
        if label_column:
            meta["label_column"] = label_column
        table_meta[name] = meta
    for name, (_, title, description) in tables.VIEWS.items():
        table_meta[name] = {"title": title, "description": description}
    table_meta["sections_fts"] = {"hidden": True}
    table_meta["column_descriptions"] = {
        "title": "列说明 / Column descriptions",
        "description": "每个表每一列的中文名、英文名和单位。 / Every column of every table: Chinese label, English "
                       "label, unit."}
    from archive import fts

    table_meta[fts.HELP_TABLE] = {
        "title": "全文搜索说明 / How to full-text search from plain sqlite3",
        "description": "索引按双字词存储，直接搜索整词找不到；这里给出可直接运行的 SQL。 / The index holds two-character "
                       "words; these statements run as they are in plain sqlite3."}
    table_meta["figure_keys"]["sort"] = "position"
    rules = "; ".join(f"{r.id}: {r.statement_zh} / {r.statement}" for r in schema.RULES)
    table_meta["findings"]["description"] += " " + rules
    plugins = {"ogi": {"originals": str(originals)}} if originals else {}
    return {
        **({"plugins": plugins} if plugins else {}),
        "title": TITLE,
        "description_html": _description_html(database),
        "license": LICENSE,
        "license_url": LICENSE_URL,
        "source": SOURCE,
        "databases": {
            database: {
                "title": TITLE,
                "description_html": _description_html(database),
                "license": LICENSE,
                "license_url": LICENSE_URL,
                "source": SOURCE,
                "tables": table_meta,
                "queries": {name: dict(q) for name, q in queries.QUERIES.items()},
            }
        },
    }


def write_metadata(path: str | os.PathLike, database: str = "archive",
                   originals: str | os.PathLike | None = None) -> Path:
    """Write the Datasette metadata as YAML to ``path``; return the path.

    :param path: where to write, e.g. ``metadata.yml``.
    :param database: the database name in Datasette (the file name without ``.db``).
    :param originals: directory of archived originals to serve, if not beside the file.
    """
    path = Path(path)
    path.write_text(yaml.safe_dump(build_metadata(database, originals), allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path
