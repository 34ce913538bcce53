"""Generation 2021 of the template (reports for 2021 on, 国办公开办函〔2021〕30号).

Declares, for each printed row, the label anchor the mapper looks for: a regex that
still matches when text extraction garbles the label (``予!⇥以公开``, ``(七)总记``)
and, for numbered sub-rows, the sub-number (``2.``) that flattened text glues to the
previous row's digits. Figure keys and column order come from :mod:`extract.schema`.
"""
from __future__ import annotations

import re

from extract import schema

GENERATION = "2021"
#: the first year reported on with this template
FIRST_YEAR = 2021
#: words only this generation prints (its table 2 headers, table 3 rows, the circular's number)
MARKS = re.compile(r"本年制发件数|本年废止件数|现行有效件数|逾期不补正|收费通知要求|国办公开办函〔2021〕30号|国办公开办函\[2021\]30号")
#: table 2 headers of this generation (a report may mix generations: table 2 decides on its own)
T2_MARKS = re.compile(r"本年制发件数|本年废止件数|现行有效件数")

#: Table 2: row key → label anchor.
T2_ANCHORS = {
    "rules": r"规\s*章",
    "normative": r"规范性\s*文件|规范性\s*档案",  # (档案: a wiki repost's conversion of 文件)
    "licensing": r"行政\s*许可",
    "penalty": r"行政\s*处罚",
    "coercion": r"行政\s*强制",
    "fees": r"事业性\s*收费",
}

#: Table 3: row key → (label anchor, sub-number or None).
T3_ANCHORS = {
    "new": (r"新\s*收|本年新", None),
    "carried_over": (r"上年.{0,4}?结转|结转政府|上年\s*转结", None),  # (转结: a misprint seen on a portal)
    "granted": (r"予以公开|以公开", None),
    "partial": (r"部分公开|分公开|区分处理", None),
    "denied_state_secret": (r"国家秘密", "1"),
    "denied_law": (r"其他法律|法律行政法规|法律法规禁止|禁止公开", "2"),
    "denied_three_safety": (r"三安全|一稳定|危及", "3"),
    "denied_third_party": (r"第三方", "4"),
    "denied_internal": (r"内部事务", "5"),
    "denied_process": (r"过程性", "6"),
    "denied_enforcement": (r"执法案卷", "7"),
    "denied_query": (r"查询事项", "8"),
    "unable_not_held": (r"不掌握", "1"),
    "unable_create": (r"没有现成|另行制作", "2"),
    "unable_unclear": (r"仍不明确|补正后", "3"),
    "ignored_petition": (r"信访|举报投诉", "1"),
    "ignored_repeat": (r"重复申请", "2"),
    "ignored_publication": (r"出版物", "3"),
    "ignored_massive": (r"大量反复", "4"),
    "ignored_confirm": (r"确认或重新|重新出具|已获取信息", "5"),
    "other_no_correction": (r"逾期不补正|无正当理由逾期", "1"),
    "other_no_fee": (r"逾期未按|未按收费|收费通知|缴纳费用", "2"),
    "other_other": (r"3\s*[.、]\s*其\s*他(?!法律)", None),
    "other": (r"其他处理", None),
    "results_total": (r"总\s*[计记]|合\s*计", None),
    "carried_forward": (r"结转下年|下年度继续|继续办理", None),
}

#: Words that end the table-4 header; the 15 figures follow the last of them.
T4_HEADER_END = r"总\s*计|审\s*结|复议后起诉"


def t2_rows():
    """Table-2 rows of this generation: ``(row key, column keys)`` in printed order."""
    return [(row.key, row.columns) for row in schema.T2_ROWS[GENERATION]]


def t3_rows(single_other: bool = False):
    """Table-3 row keys in printed order (``single_other``: (六) printed as one row)."""
    return schema.T3_ROW_ORDER_2021_SINGLE_OTHER if single_other else schema.T3_ROW_ORDER[GENERATION]
