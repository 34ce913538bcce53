"""Generation 2019 of the template (reports for 2019 and 2020, 国办公开办函〔2019〕60号).

Table 2 has eight rows with item counts, changes (which may be negative) and the
procurement row; table 3 prints (六) 其他处理 as one row. Table 3 and 4 anchors are
those of :mod:`extract.gen2021`.
"""
from __future__ import annotations

import re

from extract import gen2021, schema

GENERATION = "2019"
#: the first year reported on with this template
FIRST_YEAR = 2019
#: words only this generation prints (its table 2 headers and rows)
MARKS = re.compile(r"本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|本年增/减|其他对外管理服务事项|政府集中采购|采购总金额")
#: table 2 headers of this generation
T2_MARKS = re.compile(r"本年新制作|本年新公开|对外公开总数量|上一年项目数量|其他对外管理服务|集中采购")

T2_ANCHORS = {
    "rules": r"规\s*章",
    "normative": r"规范性\s*文件|规范性\s*档案",  # (档案: a wiki repost's conversion of 文件)
    "licensing": r"行政\s*许可",
    "other_mgmt": r"其他对外管理|对外管理服务",
    "penalty": r"行政\s*处罚",
    "coercion": r"行政\s*强制",
    "fees": r"事业性\s*收费",
    "procurement": r"集中\s*采购",
}

T3_ANCHORS = gen2021.T3_ANCHORS
T4_HEADER_END = gen2021.T4_HEADER_END


def t2_rows():
    """Table-2 rows of this generation: ``(row key, column keys)`` in printed order."""
    return [(row.key, row.columns) for row in schema.T2_ROWS[GENERATION]]


def t3_rows(single_other: bool = True):
    """Table-3 row keys in printed order (the 2019 template has one (六) row)."""
    return schema.T3_ROW_ORDER[GENERATION]
