"""The 2019 template: eight table-2 rows, signed changes, procurement amounts, one (六) row."""
from __future__ import annotations

from extract import gen2019, schema
from extract.layout import Layout
from extract.mapping import map_layout


def report_2019() -> Layout:
    layout = Layout(lines=["某市人民政府办公室2019年政府信息公开工作年度报告", "一、总体情况", "略。",
                           "二、主动公开政府信息情况", "第二十条第（一）项"])
    layout.add_row(["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"])
    layout.add_row(["规章", "13", "13", "524"])
    layout.add_row(["规范性文件", "60", "60", "368"])
    layout.add_row(["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"])
    layout.add_row(["行政许可", "280560", "-26524", "322495"])
    layout.add_row(["其他对外管理服务事项", "75324", "73288", "403808"])
    layout.add_row(["行政处罚", "12", "", "7"])
    layout.add_row(["行政强制", "0", "0", "0"])
    layout.add_row(["行政事业性收费", "35", "-2"])
    layout.add_row(["信息内容", "采购项目数量", "采购总金额（万元）"])
    layout.add_row(["政府集中采购", "6", "249.87"])
    layout.lines.append("三、收到和处理政府信息公开申请情况")
    layout.lines.append("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况")
    for row in schema.T3_ROW_ORDER["2019"]:
        values = ["1", "", "", "", "", "", "1"] if row in ("new", "granted", "results_total") else [""] * 7
        layout.add_row([schema.T3_ROWS[row].label] + values)
    return layout


def test_table2_2019_keys_and_signed_changes():
    result = map_layout(report_2019())
    f = result["figures"]
    assert result["format"] == "2019" and result["year"] == 2019
    assert (f["t2.rules.made"], f["t2.rules.published"], f["t2.rules.public_total"]) == (13, 13, 524)
    assert f["t2.licensing.change"] == -26524
    assert (f["t2.other_mgmt.prev_items"], f["t2.other_mgmt.decisions"]) == (75324, 403808)
    assert (f["t2.penalty.prev_items"], f["t2.penalty.change"], f["t2.penalty.decisions"]) == (12, 0, 7)
    assert (f["t2.fees.prev_items"], f["t2.fees.change"]) == (35, -2)
    assert (f["t2.procurement.items"], f["t2.procurement.amount"]) == (6, 249.87)
    assert not any(k.endswith((".issued", ".in_force")) for k in f)


def test_table3_2019_single_other_row_and_blank_cells():
    result = map_layout(report_2019())
    f = result["figures"]
    assert f["t3.other.natural"] == 0 and "t3.other_other.natural" not in f
    assert f["t3.new.total"] == 1 and f["t3.granted.total"] == 1 and f["t3.carried_forward.total"] == 0
    assert result["findings"] == []


def test_procurement_amount_with_unit_in_cell():
    layout = report_2019()
    layout.lines = [ln.replace("249.87", "251000元") for ln in layout.lines]
    assert map_layout(layout)["figures"]["t2.procurement.amount"] == 251000


def test_anchors_cover_every_2019_row():
    assert [key for key, _ in gen2019.t2_rows()] == list(gen2019.T2_ANCHORS)
    assert "other" in gen2019.t3_rows() and "other_other" not in gen2019.t3_rows()


def test_2019_table2_with_2021_style_table3_rows():
    """Generations mix: the (六) rows are read off the table, not assumed from table 2."""
    layout = report_2019()
    lines = [ln for ln in layout.lines if not ln.startswith("（六）其他处理")]
    at = next(i for i, ln in enumerate(lines) if ln.startswith("（七）总计"))
    extra = ["（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 2 |  |  |  |  |  | 2",
             "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 |  |  |  |  |  |  | ",
             "3.其他 | 1 |  |  |  |  |  | 1"]
    layout.lines = lines[:at] + extra + lines[at:]
    f = map_layout(layout)["figures"]
    assert (f["t3.other_no_correction.natural"], f["t3.other_other.total"], f["t3.other_no_fee.total"]) == (2, 1, 0)
    assert "t3.other.natural" not in f
    assert f["t3.results_total.total"] == 1
