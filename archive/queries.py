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
        "description": "各年度报告中本年新收申请、予以公开、不予公开、不掌握信息之和；每个合计旁是它所依据的报告数。"
                       "总计栏空白而分项不全为 0 的，按分项之和计（reconciled_reports）；空白总计从不按 0 计入。"
                       " / Sums over the reports of each year, each beside the number of reports it rests on. A total "
                       "printed blank whose parts are not all 0 counts as the sum of its parts (reconciled_reports); "
                       "a blank total never enters a sum as 0.",
        "sql": """
select year, reports, requests_new as requests, requests_new_reports as requests_reports,
  granted, granted_reports, partial, partial_reports, denied, denied_reports, not_held, not_held_reports,
  reconciled_reports
from year_totals order by year""",
    },
    "top_bodies": {
        "title": "申请最多的机关 / Bodies with the most requests",
        "description": "按各年新收申请总数排序（前 100 名）。 / Ranked by requests received, all years (top 100).",
        "sql": """
select body_id, body, province, level, reports, requests_new as requests, requests_new_reports as requests_reports,
  first_year, last_year
from body_totals where requests_new is not null order by requests_new desc limit 100""",
    },
    "denied_share": {
        "title": "不予公开和“不掌握”的比例 / Share of requests denied or 'not held'",
        "description": "每年不予公开、本机关不掌握相关政府信息占办理结果总计的百分比，只用三项都有数字的报告（reports）。"
                       " / Per year, percentage of all results that were denials or 'information not held', over the "
                       "reports that give all three (reports).",
        "sql": """
select year, share_reports as reports, share_reconciled_reports as reconciled_reports,
  share_results as results, share_denied as denied, share_not_held as not_held,
  round(100.0 * share_denied / nullif(share_results, 0), 2) as denied_pct,
  round(100.0 * share_not_held / nullif(share_results, 0), 2) as not_held_pct,
  round(100.0 * (share_denied + share_not_held) / nullif(share_results, 0), 2) as denied_or_not_held_pct
from year_totals where share_reports > 0 order by year""",
    },
    "inconsistent_reports": {
        "title": "数字对不上的报告 / Reports whose figures don't add up",
        "description": "违反年报表格自身算术规则（表三平衡、行合计、结果合计、表四合计）或与上年报告结转数不符（year.chain）"
                       "的报告。依据低置信度 OCR 识别数字的“不确定”发现不列入。"
                       " / Reports breaking the template's own arithmetic or the year chain. Findings resting on "
                       "low-confidence OCR readings (status uncertain) are left out.",
        "sql": """
select findings.report_id, bodies.name as body, reports.year, count(*) as findings,
  group_concat(distinct findings.rule) as rules, reports.url
from findings
join rules on rules.id = findings.rule and (rules.severity = 'hard' or rules.id = 'year.chain')
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
        "description": "全国每年行政诉讼总数与结果纠正数，只用两项都有数字的报告（reports）。"
                       " / Lawsuits and corrections per year, nationwide, over the reports that give both (reports).",
        "sql": """
select year, suits_share_reports as reports, share_suits as suits, share_suits_corrected as suits_corrected,
  round(100.0 * share_suits_corrected / nullif(share_suits, 0), 2) as corrected_pct,
  share_reviews as reviews, share_reviews_corrected as reviews_corrected
from year_totals where suits_share_reports > 0 order by year""",
    },
    "late_or_missing": {
        "title": "逾期或未找到的报告 / Late or missing reports",
        "description": "已抓取其门户的机关中，当年报告未找到、晚于法定期限发布或已从门户删除（条例第四十九条：部门"
                       " 1 月 31 日，县级以上人民政府 3 月 31 日；乡镇、街道无法定期限）。未抓取门户的机关见“谁还没有发布”。"
                       " / Bodies whose portal was crawled, with a report for a year not found, published after its "
                       "Art. 49 due date (departments 31 January, governments 31 March; townships none) or removed "
                       "from the portal. Bodies whose portal was never crawled: see not_published.",
        "sql": """
select bodies.name as body, bodies.province, bodies.level, coverage.year, coverage.found, coverage.due,
  coverage.due_rule, coverage.published, coverage.first_seen, coverage.late, coverage.days_late,
  coverage.removed_at, coverage.report_id, coverage.source
from coverage join bodies on bodies.id = coverage.body_id
where (coverage.found = 0 and coverage.watched = 1) or coverage.late = 1 or coverage.removed_at is not null
order by coverage.found desc, coverage.year desc, bodies.name limit 200""",
    },
    "source_status": {
        "title": "来源状态 / Source status",
        "description": "每个门户最近一次抓取后的状态，异常在前。 / Each portal's state after its latest crawl run, "
                       "problems first.",
        "sql": """
select h.portal, h.state, h.reason, h.at, h.previous_state, h.changed, h.reports_listed, h.new, h.failed
from source_health h
where h.at = (select max(h2.at) from source_health h2 where h2.portal = h.portal)
order by h.state = 'healthy', h.portal""",
    },
    "source_changes": {
        "title": "来源状态变化 / Source state changes",
        "description": "门户状态的每次变化，最新在前，可用 .atom 订阅。 / Every change of a portal's state, newest "
                       "first; subscribe with .atom.",
        "sql": """
select 'ogi-health-' || h.portal || '-' || h.run_id as atom_id,
  h.portal || ': ' || coalesce(h.previous_state, 'new') || ' → ' || h.state as atom_title,
  h.at as atom_updated, '/archive/source_health?portal=' || h.portal as atom_link,
  h.reason as atom_content, h.portal, h.state, h.previous_state, '政府信息公开年报存档 / OGI annual-report archive' as atom_author_name
from source_health h where h.changed = 1
union all
select 'ogi-health-none', '尚无来源状态变化 / no source has changed state so far',
  coalesce((select max(at) from source_health), '2019-01-01T00:00:00+00:00'), '/', '', null, null, null, '政府信息公开年报存档 / OGI annual-report archive'
where not exists (select 1 from source_health where changed = 1)
order by atom_updated desc limit 100""",
    },
    "not_published": {
        "title": "谁还没有发布 / Who has not published",
        "description": "按省份和层级列出依据来源应当发布、但归档中没有当年报告的机关：县级以上人民政府来自 GB/T 2260 "
                       "区划表，部门和乡镇来自网站名录。省份如“湖南省”，层级如 county、city、province、department；"
                       "留空为全部。portal_crawled = 0 表示本站从未抓取其门户：本站没有，不等于未发布。 / Bodies a named source says must publish (people's governments of every "
                       "province, city and county in the GB/T 2260 table; departments and townships where the site "
                       "registry lists them) with no report for the year in the archive. Province like 湖南省, "
                       "level like county, city, province, department; leave empty for all. portal_crawled = 0: "
                       "the archive never looked (no crawled portal serves that body): absent here, not "
                       "necessarily unpublished.",
        "sql": """
select bodies.province, bodies.level, bodies.name as body, bodies.division_code, coverage.year,
  coverage.due, coverage.source, coverage.watched as portal_crawled
from coverage join bodies on bodies.id = coverage.body_id
where coverage.found = 0
  and (:province = '' or bodies.province = :province)
  and (:level = '' or bodies.level = :level)
  and (:year = '' or coverage.year = cast(:year as integer))
order by coverage.year desc, bodies.division_code, bodies.name""",
    },
    "new_reports": {
        "title": "新收录的报告 / New reports",
        "description": "最近收录（或文件更新）的报告，最新 100 份，可用 .atom 订阅。 / The 100 reports whose current file "
                       "was fetched most recently (new, or changed); subscribe with .atom.",
        "sql": """
select 'ogi-report-' || reports.id || '-' || documents.sha256 as atom_id,
  bodies.name || ' ' || reports.year || ' 年度报告' as atom_title,
  documents.fetched_at as atom_updated,
  '/report/' || reports.id as atom_link,
  coalesce(reports.title, '') || ' · 发布 / published ' || coalesce(reports.published, '—') as atom_content,
  reports.id as report_id, '政府信息公开年报存档 / OGI annual-report archive' as atom_author_name
from documents
cross join reports on reports.current_document_id = documents.id
join bodies on bodies.id = reports.body_id
order by documents.fetched_at desc limit 100""",
    },
    "new_findings": {
        "title": "新发现的不一致 / New findings",
        "description": "最近收录的报告中数字对不上之处（不含不确定的），可用 .atom 订阅。 / Breaches in the most "
                       "recently fetched reports (uncertain ones left out); subscribe with .atom.",
        "sql": """
select 'urn:ogi:finding:' || findings.report_id || ':' || findings.rule || ':'
  || replace(replace(replace(replace(replace(coalesce(findings.cells, ''), '[', ''), ']', ''), '"', ''), ' ', ''), ',', '+')
  as atom_id,
  bodies.name || ' ' || reports.year || '：' || coalesce(rules.statement_zh, findings.rule) as atom_title,
  documents.fetched_at as atom_updated,
  '/report/' || findings.report_id || '#findings' as atom_link,
  coalesce(findings.detail, '') as atom_content,
  findings.report_id, findings.rule, '政府信息公开年报存档 / OGI annual-report archive' as atom_author_name
from documents
cross join findings on findings.document_id = documents.id
join reports on reports.id = findings.report_id
join bodies on bodies.id = reports.body_id
left join rules on rules.id = findings.rule
where findings.status = 'breach'
order by documents.fetched_at desc limit 100""",
    },
    "removed_reports": {
        "title": "已从门户删除的报告 / Reports removed from portals",
        "description": "门户上已不再列出的报告；本站保留存档副本。可用 .atom 订阅。 / Reports their portal no longer "
                       "lists; the archive keeps its copy. Subscribe with .atom.",
        "sql": """
select 'ogi-removed-' || coverage.report_id || '-' || coverage.removed_at as atom_id,
  bodies.name || ' ' || coverage.year || ' 年度报告已从门户删除' as atom_title,
  coverage.removed_at as atom_updated,
  '/report/' || coverage.report_id as atom_link,
  '删除于 / removed on ' || substr(coverage.removed_at, 1, 10) || '；存档副本见报告页 / archived copy on the report page'
    as atom_content,
  coverage.report_id, '政府信息公开年报存档 / OGI annual-report archive' as atom_author_name
from coverage join bodies on bodies.id = coverage.body_id
where coverage.removed_at is not null
union all
select 'ogi-removed-none', '尚无报告从门户删除 / no report removed from a portal so far',
  coalesce((select max(fetched_at) from document_fetches), '2019-01-01T00:00:00+00:00'), '/', '', null, '政府信息公开年报存档 / OGI annual-report archive'
where not exists (select 1 from coverage where removed_at is not null)
order by atom_updated desc limit 100""",
    },
}

#: canned queries offered as Atom feeds (datasette-atom: ``/archive/<name>.atom``)
FEEDS = ("new_reports", "new_findings", "removed_reports", "source_changes")

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
