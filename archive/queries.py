"""Canned queries of the Datasette site: what a journalist asks first.

Each query has a Chinese and English title, a description and SQL over the archive
tables (mostly ``headline``, one row per report, so they stay fast on the full
archive). :data:`QUERIES` feeds the metadata; :data:`CHARTS` names the year-trend
charts drawn with datasette-vega.
"""
from __future__ import annotations

from archive import fts

#: name → {title, description, sql}
QUERIES: dict[str, dict] = {
    "search": {
        "title": "全文搜索 / Full-text search",
        "description": "在报告正文中搜索，支持两个字的词（如 低保、拆迁）；多个词用空格分开（同时出现）。"
                       " / Search the reports' text, including two-character words; words separated by spaces must all occur.",
        "sql": fts.SEARCH_SQL,
    },
    "requests_per_year": {
        "title": "全国每年依申请公开申请数 / Requests per year, nationwide",
        "description": "各年度报告中本年新收申请、予以公开、不予公开、不掌握信息之和。"
                       " / Sums over all reports of each year.",
        "sql": """
select year, reports, requests_new as requests, granted, partial, denied, not_held
from year_totals order by year""",
    },
    "top_bodies": {
        "title": "申请最多的机关 / Bodies with the most requests",
        "description": "按各年新收申请总数排序（前 100 名）。 / Ranked by requests received, all years (top 100).",
        "sql": """
select body_id, body, province, level, reports, requests_new as requests, first_year, last_year
from body_totals order by requests_new desc limit 100""",
    },
    "denied_share": {
        "title": "不予公开和“不掌握”的比例 / Share of requests denied or 'not held'",
        "description": "每年不予公开、本机关不掌握相关政府信息占办理结果总计的百分比。"
                       " / Per year, percentage of all results that were denials or 'information not held'.",
        "sql": """
select year, results_total as results, denied, not_held,
  round(100.0 * denied / nullif(results_total, 0), 2) as denied_pct,
  round(100.0 * not_held / nullif(results_total, 0), 2) as not_held_pct,
  round(100.0 * (denied + not_held) / nullif(results_total, 0), 2) as denied_or_not_held_pct
from year_totals order by year""",
    },
    "inconsistent_reports": {
        "title": "数字对不上的报告 / Reports whose figures don't add up",
        "description": "违反年报表格自身算术规则的报告（表三平衡、行合计、结果合计、表四合计）。"
                       " / Reports breaking the template's own arithmetic.",
        "sql": """
select findings.report_id, bodies.name as body, reports.year, count(*) as findings,
  group_concat(distinct findings.rule) as rules, reports.url
from findings
join rules on rules.id = findings.rule and rules.severity = 'hard'
join reports on reports.id = findings.report_id and findings.status = 'breach'
join bodies on bodies.id = reports.body_id
group by findings.report_id order by findings desc, reports.year desc limit 100""",
    },
    "body_over_years": {
        "title": "某机关历年数字 / A body's figures over the years",
        "description": "输入机关名称（可只输一部分）。 / Type a body's name (or part of it).",
        "sql": """
select body, year, generation, requests_new, requests_carried_over, granted, partial, denied, not_held,
  unable, not_processed, results_total, carried_forward, reviews, reviews_corrected, suits, suits_corrected,
  fees_amount, findings, report_id
from headline where body like '%' || :body || '%' order by body, year limit 100""",
    },
    "lawsuits_corrected": {
        "title": "行政诉讼、复议纠错 / Lawsuits and reviews that corrected the body",
        "description": "行政诉讼或复议结果为纠正的报告，按诉讼纠正数排序。"
                       " / Reports where courts or reviews corrected the body, most corrected lawsuits first.",
        "sql": """
select body, province, year, suits, suits_corrected, reviews, reviews_corrected, report_id
from headline where suits_corrected > 0 or reviews_corrected > 0
order by suits_corrected desc, reviews_corrected desc limit 100""",
    },
    "lawsuits_per_year": {
        "title": "每年行政诉讼纠错 / Lawsuits corrected per year",
        "description": "全国每年行政诉讼总数与结果纠正数。 / Lawsuits and corrections per year, nationwide.",
        "sql": """
select year, suits, suits_corrected,
  round(100.0 * suits_corrected / nullif(suits, 0), 2) as corrected_pct,
  reviews, reviews_corrected
from year_totals order by year""",
    },
    "late_or_missing": {
        "title": "逾期或未找到的报告 / Late or missing reports",
        "description": "已知发布门户的机关中，当年报告未找到或晚于 1 月 31 日发布。"
                       " / Bodies whose report for a year was not found or came after 31 January.",
        "sql": """
select bodies.name as body, bodies.province, coverage.year, coverage.found, coverage.due,
  coverage.published, coverage.first_seen, coverage.late, coverage.removed_at
from coverage join bodies on bodies.id = coverage.body_id
where coverage.found = 0 or coverage.late = 1 or coverage.removed_at is not null
order by coverage.year desc, bodies.name limit 200""",
    },
}

for _query in QUERIES.values():
    _query["sql"] = _query["sql"].strip()

#: year-trend charts: query → datasette-vega settings (carried in the URL fragment)
CHARTS = {
    "requests_per_year": {"mark": "line", "x_column": "year", "x_type": "ordinal",
                          "y_column": "requests", "y_type": "quantitative"},
    "denied_share": {"mark": "line", "x_column": "year", "x_type": "ordinal",
                     "y_column": "denied_or_not_held_pct", "y_type": "quantitative"},
    "lawsuits_per_year": {"mark": "bar", "x_column": "year", "x_type": "ordinal",
                          "y_column": "suits_corrected", "y_type": "quantitative"},
}


def chart_url(database: str, query: str) -> str:
    """Path of a canned query with its datasette-vega chart switched on.

    :param database: the Datasette database name (``archive``).
    :param query: a key of :data:`CHARTS`.
    """
    fragment = "&".join(f"g.{k}={v}" for k, v in CHARTS[query].items())
    return f"/{database}/{query}#{fragment}"
