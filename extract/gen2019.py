"""Generation 2019 of the template (reports for 2019 and 2020, 国办公开办函〔2019〕60号).

Table 2 has eight rows with item counts, changes (which may be negative) and the
procurement row; table 3 prints (六) 其他处理 as one row. Table 3 and 4 anchors are
those of :mod:`extract.gen2021`.
"""
from __future__ import annotations

from extract import gen2021, schema

GENERATION = "2019"

T2_ANCHORS = {
    "rules": r"规\s*章",
    "normative": r"规范性\s*文件",
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
