"""The archive's tables: definitions and column descriptions, built from the schema.

Every figure column comes from :mod:`extract.schema`; no figure key is typed here.
:data:`TABLES` maps each table to its columns ``(name, SQLite type, description)``,
:data:`KEYS` to its primary key, ``NOT NULL`` columns, defaults and foreign keys (the
keywords of sqlite-utils' ``Table.create``), :data:`UNIQUE` holds the other unique
keys; :func:`create_tables` makes them with sqlite-utils, :func:`create_indexes` adds
the secondary indexes (after a bulk load, when that is faster). Descriptions feed the
Datasette metadata (:mod:`archive.metadata`).
"""
from __future__ import annotations

from typing import Iterable

from sqlite_utils.db import COLUMN_TYPE_MAPPING

from archive import divisions
from extract import schema

# --- figure columns of the wide tables, from the schema ----------------------------


def wide_column(key: str) -> str:
    """Column name of a figure in its wide table: ``t2.rules.issued`` → ``rules_issued``."""
    _, row, column = schema.split_key(key)
    return f"{row}_{column}"


def _describe(spec: schema.FigureSpec) -> str:
    return f"{spec.row_label} · {spec.column_label} / {spec.label_en} ({spec.unit}; {spec.key})"


T2_FIGURES = [s for s in schema.figure_specs() if s.table == "t2"]
T4_FIGURES = [s for s in schema.figure_specs() if s.table == "t4"]
#: table-3 row keys in the order the wide ``t3`` table numbers them
T3_ROW_POSITION = {row.key: i + 1 for i, row in enumerate(
    [schema.T3_ROWS[k] for k in schema.T3_ROW_ORDER["2021"] if k not in ("results_total", "carried_forward")]
    + [schema.T3_ROWS["other"], schema.T3_ROWS["results_total"], schema.T3_ROWS["carried_forward"]])}


def _t3(row: str, column: str) -> str:
    key = schema.t3_key(row, column)
    assert schema.is_valid_key(key), key
    return key


def _t4(group: str, column: str) -> str:
    key = f"t4.{group}.{column}"
    assert schema.is_valid_key(key), key
    return key


_DENIED_ROWS = tuple(r for r in schema.T3_ROW_ORDER["2021"] if r.startswith("denied_"))
_UNABLE_ROWS = tuple(r for r in schema.T3_ROW_ORDER["2021"] if r.startswith("unable_"))
_IGNORED_ROWS = tuple(r for r in schema.T3_ROW_ORDER["2021"] if r.startswith("ignored_"))
_OTHER_ROWS = tuple(r for r in schema.T3_RESULT_ROWS if r == "other" or r.startswith("other_"))
_SUIT_GROUPS = tuple(g.key for g in schema.T4_GROUPS if g.key.startswith("suit_"))
_REVIEW_GROUP = schema.T4_GROUPS[0].key
_TOTAL = schema.T3_COLUMNS[-1].key




#: headline totals, one row per report: column → (description, figure keys summed)
HEADLINE: dict[str, tuple[str, tuple[str, ...]]] = {
    "requests_new": ("本年新收申请 / new requests received (件)", (_t3("new", _TOTAL),)),
    "requests_carried_over": ("上年结转申请 / requests carried over (件)", (_t3("carried_over", _TOTAL),)),
    "granted": ("予以公开 / granted in full (件)", (_t3("granted", _TOTAL),)),
    "partial": ("部分公开 / granted in part (件)", (_t3("partial", _TOTAL),)),
    "denied": ("不予公开（合计）/ denied, all grounds (件)", tuple(_t3(r, _TOTAL) for r in _DENIED_ROWS)),
    "not_held": ("本机关不掌握相关政府信息 / information not held (件)", (_t3("unable_not_held", _TOTAL),)),
    "unable": ("无法提供（合计）/ unable to provide, all grounds (件)", tuple(_t3(r, _TOTAL) for r in _UNABLE_ROWS)),
    "not_processed": ("不予处理（合计）/ not processed (件)", tuple(_t3(r, _TOTAL) for r in _IGNORED_ROWS)),
    "other_handling": ("其他处理（合计）/ other handling (件)", tuple(_t3(r, _TOTAL) for r in _OTHER_ROWS)),
    "results_total": ("办理结果总计 / total results (件)", (_t3("results_total", _TOTAL),)),
    "carried_forward": ("结转下年度继续办理 / carried forward (件)", (_t3("carried_forward", _TOTAL),)),
    "reviews": ("行政复议总计 / administrative reviews (件)", (_t4(_REVIEW_GROUP, "total"),)),
    "reviews_corrected": ("行政复议结果纠正 / reviews that corrected the body (件)", (_t4(_REVIEW_GROUP, "corrected"),)),
    "suits": ("行政诉讼总计 / lawsuits, direct and after review (件)", tuple(_t4(g, "total") for g in _SUIT_GROUPS)),
    "suits_corrected": ("行政诉讼结果纠正 / lawsuits that corrected the body (件)", tuple(_t4(g, "corrected") for g in _SUIT_GROUPS)),
    "fees_amount": ("行政事业性收费金额 / administrative fees collected (万元, 2021 template)", ("t2.fees.amount",)
                    if schema.is_valid_key("t2.fees.amount") else ()),
}


#: table-3 and table-4 totals and the cells that add up to them (t3.row_sum, t4.group_sum)
TOTAL_PARTS: dict[str, tuple[str, ...]] = {
    **{_t3(row, _TOTAL): tuple(_t3(row, c.key) for c in schema.T3_COLUMNS[:-1])
       for row in schema.T3_ROWS},
    **{_t4(g.key, "total"): tuple(_t4(g.key, c) for c in ("upheld", "corrected", "other", "pending"))
       for g in schema.T4_GROUPS},
}
#: how a cell printed as zero without a digit (blank, —, /, 无)
_PRINTED_EMPTY = frozenset({"blank", "dash", "slash", "无"})


def honest_value(key: str, figures: dict, printed_as: dict) -> tuple[float | int | None, bool]:
    """The value of one figure fit for an aggregate, and whether it was reconciled.

    A printed number stands. A total printed empty (blank, —, /, 无 = 0) while its
    parts (:data:`TOTAL_PARTS`) are printed and not all 0 is replaced by the sum of
    its parts (``reconciled``); printed empty with parts all 0 it is 0; printed empty
    with parts not printed it is ``None``: a blank total never enters a sum as 0.

    :param key: a figure key.
    :param figures: the report's figures, key → value as printed.
    :param printed_as: key → how the cell was printed (``number``, ``blank``, …).
    :returns: ``(value or None, reconciled)``.
    """
    if key not in figures:
        return None, False
    value = figures[key]
    parts = TOTAL_PARTS.get(key)
    if parts is None or printed_as.get(key, "number") not in _PRINTED_EMPTY:
        return value, False
    if not all(p in figures for p in parts):
        return None, False
    total = sum(figures[p] for p in parts)
    return total, total != value


def headline_values(figures: dict, printed_as: dict) -> tuple[dict, list[str]]:
    """One report's :data:`HEADLINE` columns, summed from :func:`honest_value`.

    A column is ``None`` when none of its figures is printed or when any of them is an
    empty total whose parts are unknown.

    :returns: ``(column → value or None, columns reconciled from their parts)``.
    """
    out, reconciled = {}, []
    for column, (_, keys) in HEADLINE.items():
        values, poisoned, fixed = [], False, False
        for key in keys:
            if key not in figures:
                continue
            value, was_fixed = honest_value(key, figures, printed_as)
            if value is None:
                poisoned = True
                break
            values.append(value)
            fixed = fixed or was_fixed
        out[column] = None if poisoned or not values else sum(values)
        if fixed and out[column] is not None:
            reconciled.append(column)
    return out, reconciled


# sqlite-utils names column types by Python type or by a few SQL names; NUMERIC (the
# affinity that keeps 3 an integer and 2.5 a decimal, as figures are printed) is not
# among them, so it is registered here under its own name
COLUMN_TYPE_MAPPING.setdefault("NUMERIC", "NUMERIC")


def _sites_columns() -> list[tuple[str, str, str]]:
    from crawler.registry import SITES_TABLE

    # the registry writes its key as "TEXT PRIMARY KEY"; the key is declared in KEYS
    return [(name, decl.split()[0], desc) for name, decl, desc in SITES_TABLE] + [
        ("seen_site_codes", "TEXT", "抓取所见标识码 / site codes the portal's pages stated when crawled (JSON list)"),
        ("identity_check", "TEXT", "标识码核对 / ok, or why the stated site codes do not fit the registry row"),
    ]


#: table → list of (column, SQLite type, description); keys and constraints are in :data:`KEYS`
TABLES: dict[str, list[tuple[str, str, str]]] = {
    "bodies": [
        ("id", "INTEGER", "编号 / id"),
        ("name", "TEXT", "机关名称 / name of the reporting body"),
        ("level", "TEXT", "层级 / level: state_council_department, province, city, county, zone, township, "
                          "department, unknown (read from the name, never guessed)"),
        ("level_zh", "TEXT", "层级（中文）/ level in Chinese"),
        ("province", "TEXT", "省级行政区 / province"),
        ("city", "TEXT", "地市 / prefecture-level city"),
        ("county", "TEXT", "县区 / county or district"),
        ("division_code", "TEXT", "行政区划代码（6位，仅在确定时）/ 6-digit GB/T 2260 "
                                                              "division code, only when resolved (see divisions)"),
        ("portal", "TEXT", "发布门户 / portal the body's reports were found on"),
    ],
    "documents": [
        ("id", "INTEGER", "编号 / id"),
        ("sha256", "TEXT", "文件 SHA-256 / sha256 of the file's bytes (the stable key)"),
        ("url", "TEXT", "网址 / URL the file was first fetched from"),
        ("report_id", "INTEGER", "所属报告 / report this file belongs to (empty if not a report)"),
        ("kind", "TEXT", "文件类型 / kind: html, pdf, docx, doc, wps, …"),
        ("content_type", "TEXT", "Content-Type"),
        ("size", "INTEGER", "字节数 / size in bytes"),
        ("fetched_at", "TEXT", "抓取时间（UTC）/ first fetched (UTC)"),
        ("raw_path", "TEXT", "原始文件路径 / path in the raw store"),
        ("warc_file", "TEXT", "WARC 文件 / WARC file holding the response"),
        ("warc_record_id", "TEXT", "WARC 记录 / WARC-Record-ID of the response"),
        ("portal", "TEXT", "门户 / portal"),
        ("page_url", "TEXT", "所在页面 / report page an attachment hangs from"),
        ("role", "TEXT", "page 或 attachment / page or attachment"),
        ("published", "TEXT", "发布日期 / publication date: the page's own (发文日期…) as extracted, else the list page's"),
        ("title", "TEXT", "标题 / title as the report prints it"),
        ("listed_title", "TEXT", "列表页标题 / title on the portal's list page (a fallback only)"),
        ("profile_body", "TEXT", "门户配置机关 / body the portal profile names (a fallback only, used when the "
                                 "report names none)"),
        ("is_report", "INTEGER", "是否年度报告 / 1 if the extractor took it for an annual report"),
        ("format", "TEXT", "模板版本 / template generation seen by the extractor: 2021, 2019, free"),
        ("figure_count", "INTEGER", "抽取数字个数 / number of figures extracted"),
        ("superseded", "INTEGER", "已被新版本取代 / 1 if a later, different file was fetched at the same URL"),
        ("extractor_version", "TEXT", "抽取程序版本 / extractor version of the stored extraction"),
        ("warnings", "TEXT", "抽取警告（JSON 列表，每项含 code 和 detail，code 见 warning_codes）/ extractor "
                             "warnings (JSON list of {code, detail}; codes in warning_codes)"),
        ("error", "TEXT", "错误 / why the file could not be extracted, if it could not"),
    ],
    "document_fetches": [
        ("document_id", "INTEGER", "文件 / document"),
        ("url", "TEXT", "网址 / URL"),
        ("fetched_at", "TEXT", "抓取时间（UTC）/ fetched (UTC)"),
        ("portal", "TEXT", "门户 / portal"),
        ("warc_file", "TEXT", "WARC 文件 / WARC file"),
        ("warc_record_id", "TEXT", "WARC 记录 / WARC-Record-ID"),
    ],
    "reports": [
        ("id", "INTEGER", "编号 / id"),
        ("body_id", "INTEGER", "机关 / reporting body"),
        ("year", "INTEGER", "报告年度 / year reported on (due 31 January or 31 March of the next "
                                     "year, Art. 49; see coverage)"),
        ("title", "TEXT", "标题 / title"),
        ("url", "TEXT", "网址 / URL of the current document"),
        ("published", "TEXT", "发布日期 / publication date shown by the portal"),
        ("generation", "TEXT", "模板版本 / template generation: 2021, 2019 or free"),
        ("current_document_id", "INTEGER", "当前文件 / the document the figures come from"),
    ],
    "figure_keys": [
        ("key", "TEXT", "数字键 / canonical figure key, table.row.column"),
        ("template_table", "TEXT", "表格 / template table: t2, t3, t4"),
        ("row_key", "TEXT", "行 / row key"),
        ("column_key", "TEXT", "列 / column key"),
        ("row_label", "TEXT", "行标签 / row label as printed"),
        ("column_label", "TEXT", "列标签 / column label as printed"),
        ("label_en", "TEXT", "英文说明 / English label"),
        ("unit", "TEXT", "单位 / unit"),
        ("value_type", "TEXT", "int 或 decimal / int or decimal"),
        ("generations", "TEXT", "适用模板 / template generations the figure exists in"),
        ("position", "INTEGER", "模板顺序 / order in the template"),
    ],
    "figures": [
        ("report_id", "INTEGER", "报告 / report"),
        ("key", "TEXT", "数字键 / figure key (see figure_keys for table, row, column)"),
        ("value", "NUMERIC", "数值（按原文）/ value as printed"),
        ("printed_as", "TEXT", "印刷形式 / how the cell printed it: number, blank, dash, slash, 无 or words "
                               "(blank, —, / and 无 in a printed table are 0)"),
        ("document_id", "INTEGER", "来源文件 / document the value was read from (sha256, URL, fetch time)"),
        ("extractor_version", "TEXT", "抽取程序版本 / extractor version that read it"),
        ("page", "INTEGER", "页码 / page the cell was printed on (1-based; empty for HTML, DOCX, text)"),
        ("table_no", "INTEGER", "表格序号 / the printed table, counted in reading order among all the document's tables"),
        ("row_no", "INTEGER", "行号 / row in that table's grid (0-based)"),
        ("col_no", "INTEGER", "列号 / column in that table's grid (0-based; a merged cell's first)"),
        ("box", "TEXT", "位置 / [x0, top, x1, bottom] of the cell in PDF points from the page's top-left (PDF, OCR)"),
        ("confidence", "REAL", "识别置信度 / OCR reading confidence of the cell, 0–1 (empty when not OCR'd)"),
    ],
    "t2": [("report_id", "INTEGER", "报告 / report"),
           ("generation", "TEXT", "模板版本 / template generation")]
    + [(wide_column(s.key), "NUMERIC", _describe(s)) for s in T2_FIGURES],
    "t3": [("report_id", "INTEGER", "报告 / report"),
           ("row_key", "TEXT", "行 / row key of table 3"),
           ("position", "INTEGER", "行序 / row order in the template"),
           ("label", "TEXT", "行标签 / row label")]
    + [(c.key, "NUMERIC", f"{c.label} / {c.label_en} (件 requests)") for c in schema.T3_COLUMNS],
    "t4": [("report_id", "INTEGER", "报告 / report")]
    + [(wide_column(s.key), "NUMERIC", _describe(s)) for s in T4_FIGURES],
    "headline": [
        ("report_id", "INTEGER", "报告 / report"),
        ("body_id", "INTEGER", "机关 / reporting body"),
        ("body", "TEXT", "机关名称 / body name"),
        ("province", "TEXT", "省级行政区 / province"),
        ("level", "TEXT", "层级 / level"),
        ("year", "INTEGER", "报告年度 / year"),
        ("generation", "TEXT", "模板版本 / template generation"),
    ] + [(col, "NUMERIC", desc) for col, (desc, _) in HEADLINE.items()] + [
        ("findings", "INTEGER", "不一致之处 / number of consistency breaches (findings resting on a low-confidence "
                                "OCR reading are uncertain and not counted)"),
        ("reconciled", "TEXT", "按分项求和的列 / columns whose total was printed blank while its parts were not "
                               "all 0: the sum of the parts is used (comma-separated)"),
    ],
    "year_totals": [("year", "INTEGER", "报告年度 / year"),
                    ("reports", "INTEGER", "报告数 / reports with figures"),
                    ("reconciled_reports", "INTEGER", "按分项求和的报告数 / reports where a total printed blank was "
                                                      "replaced by the sum of its parts")]
    + [c for col, (desc, _) in HEADLINE.items() for c in (
        (col, "NUMERIC", desc + "，全国合计 / sum over the reports that print it"),
        (f"{col}_reports", "INTEGER", f"{col} 所依据的报告数 / reports the sum {col} rests on"))]
    + [("share_reports", "INTEGER", "比例所依据的报告数 / reports giving results_total, denied and not_held (the "
                                    "base of denied_share)"),
       ("share_reconciled_reports", "INTEGER", "其中按分项求和的报告数 / of these, reports with a reconciled total"),
       ("share_results", "NUMERIC", "办理结果总计（同一批报告）/ results_total over those reports (件)"),
       ("share_denied", "NUMERIC", "不予公开（同一批报告）/ denied over those reports (件)"),
       ("share_not_held", "NUMERIC", "不掌握（同一批报告）/ not_held over those reports (件)"),
       ("suits_share_reports", "INTEGER", "诉讼比例所依据的报告数 / reports giving suits, suits_corrected, reviews "
                                          "and reviews_corrected"),
       ("share_suits", "NUMERIC", "行政诉讼（同一批报告）/ suits over those reports (件)"),
       ("share_suits_corrected", "NUMERIC", "诉讼纠正（同一批报告）/ suits_corrected over those reports (件)"),
       ("share_reviews", "NUMERIC", "行政复议（同一批报告）/ reviews over those reports (件)"),
       ("share_reviews_corrected", "NUMERIC", "复议纠正（同一批报告）/ reviews_corrected over those reports (件)")],
    "body_totals": [("body_id", "INTEGER", "机关 / body"),
                    ("body", "TEXT", "机关名称 / body name"),
                    ("province", "TEXT", "省级行政区 / province"),
                    ("level", "TEXT", "层级 / level"),
                    ("reports", "INTEGER", "报告数 / reports with figures"),
                    ("first_year", "INTEGER", "最早年度 / first year"),
                    ("last_year", "INTEGER", "最近年度 / last year"),
                    ("requests_new", "NUMERIC", "历年新收申请合计 / requests received, all years (件)"),
                    ("requests_new_reports", "INTEGER", "requests_new 所依据的报告数 / reports the sum rests on")],
    "sections": [
        ("id", "INTEGER", "编号 / id = report_id × 10 + number (rowid of the full-text index)"),
        ("report_id", "INTEGER", "报告 / report"),
        ("document_id", "INTEGER", "来源文件 / document"),
        ("number", "INTEGER", "部分序号 1–6 / section number"),
        ("heading", "TEXT", "标题 / heading"),
        ("text", "TEXT", "正文（纯文本）/ text (plain text, never rendered as HTML)"),
    ],
    "rules": [
        ("id", "TEXT", "规则 / rule id"),
        ("statement", "TEXT", "英文表述 / statement"),
        ("statement_zh", "TEXT", "中文表述 / statement in Chinese"),
        ("severity", "TEXT", "hard（表格算术）或 soft / hard (template arithmetic) or soft"),
    ],
    "warning_codes": [
        ("code", "TEXT", "警告代码 / warning code"),
        ("description", "TEXT", "英文说明 / what it means"),
        ("description_zh", "TEXT", "中文说明 / what it means, in Chinese"),
    ],
    "findings": [
        ("id", "INTEGER", "编号 / id"),
        ("report_id", "INTEGER", "报告 / report"),
        ("document_id", "INTEGER", "来源文件 / document"),
        ("rule", "TEXT", "规则 / rule broken"),
        ("detail", "TEXT", "详情 / detail"),
        ("cells", "TEXT", "涉及的数字（JSON 数字键列表）/ figure keys of the cells involved (JSON list)"),
        ("related_report_id", "INTEGER", "相关报告 / the other report involved "
                                                               "(year.chain: year N−1)"),
        ("status", "TEXT", "状态：breach（数字不一致）或 uncertain（依据的OCR识别数字置信度低，"
                                                     "不作为不一致）/ breach, or uncertain: it rests on a figure OCR read "
                                                     "with low confidence, so it accuses no one"),
        ("extractor_version", "TEXT", "抽取程序版本 / extractor version"),
    ],
    "year_chain": [
        ("id", "INTEGER", "编号 / id"),
        ("body_id", "INTEGER", "机关 / body"),
        ("year", "INTEGER", "年度 / year N"),
        ("report_id", "INTEGER", "第 N 年报告 / report for year N"),
        ("prev_report_id", "INTEGER", "第 N−1 年报告 / report for year N−1"),
        ("column_key", "TEXT", "申请人类别 / table-3 column"),
        ("carried_over", "NUMERIC", "第 N 年上年结转 / carried_over in year N"),
        ("prev_carried_forward", "NUMERIC", "第 N−1 年结转下年度 / carried_forward in year N−1"),
        ("detail", "TEXT", "详情 / detail"),
    ],
    "divisions": divisions.COLUMNS,
    "crawl_runs": [
        ("id", "TEXT", "运行编号 / crawl run id"),
        ("portal", "TEXT", "门户 / portal"),
        ("started_at", "TEXT", "开始（UTC）/ started"),
        ("finished_at", "TEXT", "结束（UTC）/ finished"),
        ("stats", "TEXT", "统计（JSON）/ crawler stats (JSON)"),
        ("failures", "INTEGER", "失败数 / failed fetches in the run"),
        ("nightly_status", "TEXT", "夜间任务状态 / nightly job status (written by the nightly job)"),
        ("nightly_summary", "TEXT", "夜间任务摘要（JSON）/ nightly job summary (JSON, written by the nightly job)"),
        ("published_at", "TEXT", "发布时间 / when the nightly job published the archive"),
    ],
    "crawl_failures": [
        ("id", "INTEGER", "编号 / id"),
        ("url", "TEXT", "网址 / URL"),
        ("portal", "TEXT", "门户 / portal"),
        ("run_id", "TEXT", "运行编号 / crawl run"),
        ("at", "TEXT", "时间（UTC）/ when"),
        ("status", "INTEGER", "HTTP 状态 / HTTP status"),
        ("reason", "TEXT", "原因 / reason"),
    ],
    "coverage": [
        ("body_id", "INTEGER", "机关 / body"),
        ("year", "INTEGER", "报告年度 / year reported on"),
        ("found", "INTEGER", "是否找到 / 1 if the report was found"),
        ("report_id", "INTEGER", "报告 / report"),
        ("due", "TEXT", "截止日期 / due date under Art. 49 (empty: no statutory date)"),
        ("due_rule", "TEXT", "期限规则 / rule applied: art49_department (31 January), art49_government "
                             "(31 March), none (township, street office, level unknown)"),
        ("first_seen", "TEXT", "首次发现（UTC）/ first fetched (UTC)"),
        ("published", "TEXT", "发布日期 / publication date shown by the portal"),
        ("late", "INTEGER", "逾期 / 1 if published (or, lacking a date, first seen) after the due date; "
                            "empty under rule none or when it cannot be told"),
        ("days_late", "INTEGER", "逾期天数 / days after the due date (0 on time; empty when judged by first fetch)"),
        ("late_basis", "TEXT", "判断依据 / published or first_seen"),
        ("changed", "INTEGER", "发布后修改 / 1 if a different file appeared later at the same URL"),
        ("removed_at", "TEXT", "下线时间 / when the report's URL stopped answering"),
        ("source", "TEXT", "依据 / the source that says the body must publish (the GB/T 2260 division table for "
                           "people's governments, the site registry, a portal profile), or: report found"),
        ("watched", "INTEGER", "已抓取其门户 / 1 if a crawled portal is the body's own or its division's "
                               "government's: only then is a missing report news"),
    ],
    # the site registry (crawler/sites.csv, crawler.registry.SITES_TABLE), plus what the
    # crawl saw: the site codes the portal's own pages stated
    "sites": _sites_columns(),
    "source_health": [
        ("portal", "TEXT", "门户 / portal"),
        ("run_id", "TEXT", "抓取运行 / crawl run"),
        ("at", "TEXT", "时间（UTC）/ when the run started (UTC)"),
        ("state", "TEXT", "状态 / healthy, quiet (listed reports before, none now), failing (no list page "
                                   "read), blocked (412, challenge pages: never bypassed), moved (the start URL "
                                   "redirects to another origin), empty (list pages without any report)"),
        ("reason", "TEXT", "原因 / why, in words"),
        ("changed", "INTEGER", "状态变化 / 1 if the state differs from the run before (or is not healthy on the first)"),
        ("previous_state", "TEXT", "上次状态 / the state after the run before"),
        ("reports_listed", "INTEGER", "列出的报告 / reports listed in this run"),
        ("new", "INTEGER", "新报告 / new reports stored in this run"),
        ("failed", "INTEGER", "失败 / fetches that failed in this run"),
    ],
}

def _fk(column: str, table: str, other: str = "id") -> tuple[str, str, str]:
    return (column, table, other)


_REPORT = _fk("report_id", "reports")
_DOCUMENT = _fk("document_id", "documents")
_BODY = _fk("body_id", "bodies")

#: table → ``sqlite_utils`` ``Table.create()`` keywords: ``pk``, ``not_null``, ``defaults``,
#: ``foreign_keys`` (``(column, other table, other column)``)
KEYS: dict[str, dict] = {
    "bodies": dict(pk="id", not_null={"name"}, foreign_keys=[_fk("division_code", "divisions", "code")]),
    "documents": dict(pk="id", not_null={"sha256", "url", "superseded"}, defaults={"superseded": 0},
                      foreign_keys=[_REPORT]),
    "document_fetches": dict(pk=("document_id", "url", "fetched_at"), not_null={"document_id", "url", "fetched_at"},
                             foreign_keys=[_DOCUMENT]),
    "reports": dict(pk="id", not_null={"body_id", "year"},
                    foreign_keys=[_BODY, _fk("current_document_id", "documents")]),
    "figure_keys": dict(pk="key", not_null={"template_table", "row_key", "column_key"}),
    "figures": dict(pk=("report_id", "key"), not_null={"report_id", "key", "document_id", "extractor_version"},
                    foreign_keys=[_REPORT, _fk("key", "figure_keys", "key"), _DOCUMENT]),
    "t2": dict(pk="report_id", not_null={"report_id"}, foreign_keys=[_REPORT]),
    # template order within a report
    "t3": dict(pk=("report_id", "position"), not_null={"report_id", "row_key"}, foreign_keys=[_REPORT]),
    "t4": dict(pk="report_id", not_null={"report_id"}, foreign_keys=[_REPORT]),
    "headline": dict(pk="report_id", not_null={"report_id", "body_id"}, foreign_keys=[_REPORT, _BODY]),
    "year_totals": dict(pk="year"),
    "body_totals": dict(pk="body_id", foreign_keys=[_BODY]),
    "sections": dict(pk="id", not_null={"report_id", "document_id", "number"}, foreign_keys=[_REPORT, _DOCUMENT]),
    "rules": dict(pk="id"),
    "warning_codes": dict(pk="code"),
    "findings": dict(pk="id", not_null={"report_id", "document_id", "rule", "status"}, defaults={"status": "breach"},
                     foreign_keys=[_REPORT, _DOCUMENT, _fk("rule", "rules"), _fk("related_report_id", "reports")]),
    "year_chain": dict(pk="id", not_null={"body_id", "year", "report_id", "prev_report_id", "column_key"},
                       foreign_keys=[_BODY, _REPORT, _fk("prev_report_id", "reports")]),
    "divisions": divisions.KEYS,
    "crawl_runs": dict(pk="id"),
    "crawl_failures": dict(pk="id", not_null={"url"}),
    "coverage": dict(pk=("body_id", "year"), not_null={"body_id", "year", "found"}, foreign_keys=[_BODY, _REPORT]),
    "sites": dict(pk="portal"),
    "source_health": dict(pk=("portal", "run_id"), not_null={"portal", "run_id", "state"}),
}

#: tables stored clustered on their primary key (``WITHOUT ROWID``): many small rows
#: always read by report or document
WITHOUT_ROWID = frozenset({"figures", "t3", "document_fetches"})

#: unique keys besides the primary key: index name → (table, columns); always present
UNIQUE = {
    "bodies_name": ("bodies", ("name",)),
    "documents_sha256": ("documents", ("sha256",)),
    "reports_body_year": ("reports", ("body_id", "year")),
}

#: secondary indexes: name → (table, columns, unique); created after bulk loads
INDEXES: dict[str, tuple[str, tuple[str, ...], bool]] = {
    "reports_year": ("reports", ("year",), False),
    "reports_generation": ("reports", ("generation",), False),
    "reports_current_document": ("reports", ("current_document_id",), False),
    "documents_report": ("documents", ("report_id",), False),
    "documents_url": ("documents", ("url",), False),
    "documents_fetched": ("documents", ("fetched_at",), False),
    "figures_key": ("figures", ("key",), False),
    "sections_report": ("sections", ("report_id", "number"), True),
    "sections_document": ("sections", ("document_id",), False),
    "findings_report": ("findings", ("report_id",), False),
    "findings_rule": ("findings", ("rule",), False),
    "findings_document": ("findings", ("document_id",), False),
    "headline_body": ("headline", ("body_id", "year"), False),
    "headline_year": ("headline", ("year", "province"), False),
    "headline_province": ("headline", ("province",), False),
    "headline_level": ("headline", ("level",), False),
    "headline_generation": ("headline", ("generation",), False),
    "headline_requests": ("headline", ("requests_new",), False),
    "body_totals_requests": ("body_totals", ("requests_new",), False),
    "bodies_province": ("bodies", ("province",), False),
    "bodies_level": ("bodies", ("level",), False),
    "year_chain_body": ("year_chain", ("body_id", "year"), False),
    "year_chain_report": ("year_chain", ("report_id",), False),
    "year_chain_prev_report": ("year_chain", ("prev_report_id",), False),
    "coverage_year": ("coverage", ("year", "found"), False),
    "coverage_report": ("coverage", ("report_id",), False),
    "coverage_removed": ("coverage", ("removed_at",), False),
    "crawl_failures_run": ("crawl_failures", ("run_id",), False),
}


#: views: name → (SELECT statement, title, description)
VIEWS = {
    "figures_explained": ("""
SELECT figures.report_id, bodies.name AS body, reports.year, figures.key,
  figure_keys.template_table, figure_keys.row_key, figure_keys.column_key,
  figure_keys.row_label, figure_keys.column_label, figure_keys.unit, figures.value, figures.printed_as,
  documents.sha256 AS document_sha256, documents.url AS document_url, documents.fetched_at,
  figures.extractor_version
FROM figures
JOIN figure_keys ON figure_keys.key = figures.key
JOIN reports ON reports.id = figures.report_id
JOIN bodies ON bodies.id = reports.body_id
JOIN documents ON documents.id = figures.document_id""",
                          "数字及来源 / Figures with labels and provenance",
                          "每个数字的表、行、列、标签、单位，以及来源文件的 SHA-256、网址、抓取时间和抽取程序版本。"
                          " / Every figure with its table, row, column, labels and unit, and the sha256, URL, "
                          "fetch time and extractor version it came from."),
    # documents.warnings is a JSON list of {code, detail}; lists of plain strings (archives
    # filed before warnings had codes) are not counted
    "warning_counts": ("""
WITH counted AS (
  SELECT json_extract(warning.value, '$.code') AS code, count(DISTINCT documents.id) AS documents,
    count(*) AS occurrences
  FROM documents, json_each(CASE WHEN json_valid(documents.warnings) THEN documents.warnings END) AS warning
  WHERE NOT documents.superseded AND warning.type = 'object'
  GROUP BY 1)
SELECT warning_codes.code, warning_codes.description_zh, warning_codes.description,
  coalesce(counted.documents, 0) AS documents, coalesce(counted.occurrences, 0) AS occurrences
FROM warning_codes LEFT JOIN counted ON counted.code = warning_codes.code
ORDER BY documents DESC, warning_codes.code""",
                       "抽取警告统计 / Extraction warnings per code",
                       "每种抽取警告出现在多少个（未被取代的）文件中，共出现多少次。 / For each warning code, how many "
                       "current (not superseded) documents carry it and how often it occurs."),
}


def _columns(name: str) -> dict[str, str]:
    return {column: kind for column, kind, _ in TABLES[name]}


def create_table(db, name: str, foreign_keys: list | None = None) -> None:
    """Create one archive table if it is missing, as :data:`TABLES` and :data:`KEYS` declare it.

    :param db: a ``sqlite_utils.Database``; the tables its foreign keys name must exist.
    :param name: a key of :data:`TABLES`.
    :param foreign_keys: the foreign keys to declare; default: all of :data:`KEYS`.
    """
    keys = dict(KEYS.get(name, {}))
    if foreign_keys is not None:
        keys["foreign_keys"] = foreign_keys
    if name not in WITHOUT_ROWID:
        db[name].create(_columns(name), if_not_exists=True, **keys)
        return
    # raw: sqlite-utils cannot declare WITHOUT ROWID; the statement is the one it writes, with that clause
    sql = db.create_table_sql(name, _columns(name), if_not_exists=True, **keys).strip().rstrip(";")
    db.execute(f"{sql} WITHOUT ROWID")


#: foreign keys of the one cycle (documents ↔ reports): declared once both tables exist
_ADDED_LATER = {"reports": [_fk("current_document_id", "documents")]}


def _creation_order() -> list[str]:
    """Tables in an order where every foreign key (but :data:`_ADDED_LATER`) names a table made before."""
    order, todo = [], list(TABLES)
    while todo:
        name = next(n for n in todo if all(
            fk[1] in order or fk[1] == n for fk in KEYS.get(n, {}).get("foreign_keys", ())
            if fk not in _ADDED_LATER.get(n, ())))
        order.append(name)
        todo.remove(name)
    return order


def column_descriptions(name: str) -> dict[str, str]:
    """Column → description of one archive table."""
    return {col: desc for col, _, desc in TABLES[name]}


def create_tables(db) -> None:
    """Create every archive table (not the secondary indexes) and fill the lookups.

    :param db: a ``sqlite_utils.Database``.
    """
    from archive import fts

    for name in _creation_order():
        if db[name].exists():
            add_missing_columns(db, name)
            continue
        keys = KEYS.get(name, {}).get("foreign_keys")
        create_table(db, name, [fk for fk in keys if fk not in _ADDED_LATER.get(name, ())] if keys else None)
    for name, fks in _ADDED_LATER.items():
        have = {(fk.column, fk.other_table, fk.other_column) for fk in db[name].foreign_keys}
        missing = [(name, *fk) for fk in fks if tuple(fk) not in have]
        if missing:  # sqlite-utils rebuilds the table to add them: it is still empty here
            db.add_foreign_keys(missing)
    for index, (table, columns) in UNIQUE.items():
        # an archive of an older version holds the same key as a UNIQUE constraint
        if not any(i.unique and tuple(i.columns) == columns for i in db[table].indexes):
            db[table].create_index(columns, index_name=index, unique=True, if_not_exists=True)
    fts.create_fts(db)
    for view, (sql, _, _) in VIEWS.items():
        db.create_view(view, sql.strip(), ignore=True)
    db["figure_keys"].upsert_all(
        [{"key": s.key, "template_table": s.table, "row_key": s.row, "column_key": s.column,
          "row_label": s.row_label, "column_label": s.column_label, "label_en": s.label_en, "unit": s.unit,
          "value_type": s.value_type, "generations": ",".join(s.generations), "position": i}
         for i, s in enumerate(schema.figure_specs(), 1)], pk="key")
    db["rules"].upsert_all([{"id": r.id, "statement": r.statement, "statement_zh": r.statement_zh,
                             "severity": r.severity} for r in schema.RULES], pk="id")
    db["warning_codes"].upsert_all([{"code": w.code, "description": w.description,
                                     "description_zh": w.description_zh} for w in schema.WARNING_CODES], pk="code")
    if db["divisions"].count == 0:
        divisions.write_table(db)
    from archive import metadata  # labels are built from these tables: imported late

    metadata.write_column_descriptions(db)


def add_missing_columns(db, name: str) -> list[str]:
    """Add to an existing table the columns a newer definition has (an archive built by an
    older version keeps working; a full rebuild also brings new keys and orderings).

    A column added to an existing table is ``NOT NULL`` only when it has a default.

    :param db: a ``sqlite_utils.Database``.
    :param name: a key of :data:`TABLES`.
    :returns: the columns added.
    """
    table = db[name]
    have = set(table.columns_dict)
    keys = KEYS.get(name, {})
    pk = keys.get("pk")
    pks = {pk} if isinstance(pk, str) else set(pk or ())
    defaults = keys.get("defaults", {})
    fks = {fk[0]: fk for fk in keys.get("foreign_keys", ())}
    added = []
    for column, kind, _ in TABLES[name]:
        if column in have or column in pks:
            continue
        not_null_default = defaults.get(column) if column in keys.get("not_null", ()) else None
        fk = fks.get(column)
        if fk and name in WITHOUT_ROWID:
            # raw: sqlite-utils adds a foreign key by rebuilding the table, which drops WITHOUT ROWID
            db.execute(f"ALTER TABLE [{name}] ADD COLUMN [{column}] {kind} REFERENCES [{fk[1]}]([{fk[2]}])")
        else:
            table.add_column(column, kind, fk=fk[1] if fk else None, fk_col=fk[2] if fk else None,
                             not_null_default=not_null_default)
        added.append(column)
    return added


def create_indexes(db, names: Iterable[str] | None = None) -> None:
    """Create the secondary indexes (idempotent).

    :param db: a ``sqlite_utils.Database``.
    :param names: keys of :data:`INDEXES` to create; default: all.
    """
    for index in INDEXES if names is None else names:
        table, columns, unique = INDEXES[index]
        db[table].create_index(columns, index_name=index, unique=unique, if_not_exists=True)


def drop_indexes(db) -> None:
    """Drop the secondary indexes before a bulk load.

    :param db: a ``sqlite_utils.Database``.
    """
    for name in INDEXES:
        db.execute(f"DROP INDEX IF EXISTS [{name}]")  # raw: Table.drop_index is sqlite-utils 4 only (3.36 is supported)
