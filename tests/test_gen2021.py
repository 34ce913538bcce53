"""Row anchors of the 2021 template: every label (and its garbled variants) finds its row."""
from __future__ import annotations

import re

import pytest

from extract import gen2021, schema
from extract.layout import Layout
from extract.mapping import map_layout
from extract.numbers import normalize

#: labels as printed in real reports, including garbled text-layer variants
VARIANTS = {
    "new": ["一、本年新收政府信息公开申请数量", "一、本年\tF新收政府 ⁶\t信息公开申请数量"],
    "carried_over": ["二、上年结转政府信息公开申请数量", "二、上年\tF结转政府\t信息公开申请数量"],
    "granted": ["（一）予以公开", "(一) 予!\t以公开"],
    "partial": ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "(二) 部 ² 形, 不计 ³\t分公开(区分处理的"],
    "denied_law": ["2.其他法律行政法规禁止公开", "2.其他法律法规禁止公开", "2.其他法律行政止公开"],
    "other_no_fee": ["2.申请人逾期未按收费通知要求缴纳费用", "12 申请人谕期未按收费通知要求缴"],
    "results_total": ["（七）总计", "(七)总记\t†"],
    "carried_forward": ["四、结转下年度继续办理", "四、结转\t专下年度继续\t续办理"],
}


@pytest.mark.parametrize("row", schema.T3_ROW_ORDER["2021"])
def test_template_label_is_found_first_by_its_own_anchor(row):
    label = normalize(schema.T3_ROWS[row].label)
    order = list(schema.T3_ROW_ORDER["2021"])
    later = order[order.index(row):]
    hits = [(re.search(gen2021.T3_ANCHORS[r][0], label), r) for r in later]
    hits = [(m.start(), r) for m, r in hits if m]
    assert hits and min(hits)[1] == row


@pytest.mark.parametrize("row, label", [(r, v) for r, vs in VARIANTS.items() for v in vs])
def test_garbled_variants_still_match(row, label):
    assert re.search(gen2021.T3_ANCHORS[row][0], normalize(label))


@pytest.mark.parametrize("row", [r.key for r in schema.T2_ROWS["2021"]])
def test_table2_labels(row):
    label = next(r.label for r in schema.T2_ROWS["2021"] if r.key == row)
    assert re.search(gen2021.T2_ANCHORS[row], label)


def test_single_other_row_in_a_2021_report():
    """A 2021 report printing (六) 其他处理 as one row (as the 2019 template did)."""
    layout = Layout(lines=["某镇2024年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况", "申请人情况"])
    values = iter(range(1, 200))
    for row in schema.T3_ROW_ORDER_2021_SINGLE_OTHER:
        layout.add_row([schema.T3_ROWS[row].label] + [str(next(values)) for _ in range(7)])
    result = map_layout(layout)
    assert result["format"] == "2021"
    assert result["figures"]["t3.other.natural"] == 7 * schema.T3_ROW_ORDER_2021_SINGLE_OTHER.index("other") + 1
    assert not any(k.startswith("t3.other_") for k in result["figures"])
    assert result["figures"]["t3.carried_forward.total"] == 7 * len(schema.T3_ROW_ORDER_2021_SINGLE_OTHER)


def test_2021_report_printing_a_2019_table_2():
    layout = Layout(lines=["某县2022年政府信息公开工作年度报告", "二、主动公开政府信息情况"])
    layout.add_row(["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"])
    layout.add_row(["规章", "1", "2", "3"])
    layout.lines += ["三、收到和处理政府信息公开申请情况", "申请人情况"]
    layout.add_row(["（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "0", "0", "0", "0", "0", "0", "0"])
    result = map_layout(layout)
    assert result["format"] == "2021"
    assert (result["figures"]["t2.rules.made"], result["figures"]["t2.rules.public_total"]) == (1, 3)
    assert "t2.rules.issued" not in result["figures"]
