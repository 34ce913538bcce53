"""Free-format reports (2008–2018): no fixed tables.

Only the sections, title, agency and year are mapped; the appendix tables of these
years follow no national template, so no figure keys are produced for them.
"""
from __future__ import annotations

GENERATION = "free"

#: Older reports number their parts differently (概述, 主动公开情况, 依申请公开情况, …);
#: these phrases mark the start of the corresponding canonical section.
SECTION_PHRASES = {
    1: r"概述|总体情况|基本情况",
    2: r"主动公开(?:政府信息)?(?:的)?情况",
    3: r"依申请公开(?:政府信息)?(?:的)?情况|收到和处理政府信息公开申请",
    4: r"行政复议、?(?:提起)?行政诉讼|复议、诉讼",
    5: r"(?:存在的?|主要)问题|改进(?:措施|情况)",
    6: r"其他需要报告|其他事项",
}
