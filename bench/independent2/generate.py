#!/usr/bin/env python3
"""Render born-digital 政府信息公开工作年度报告 with ground truth beside each file.

    python generate.py OUT --n-per-kind N --seed S [--kinds docx,pdf_lo,...]

Writes, for every kind, N documents ``OUT/g2_<kind>_<i>.<ext>`` and next to each a
``g2_<kind>_<i>.truth.json`` holding ``file, format, agency, year, figures {key: number},
breaks [rule], rendering, notes`` (portal pages also ``published``, ``YYYY-MM-DD``), in the
shape of ``/work/shared/cases/*.truth.json``. Figures are keyed ``table.row.column`` as in
the national template (report-format.md); only cells printed in a table are recorded, and a
printed blank, "—", "/" or "无" is recorded as 0. ``breaks`` lists the consistency rules
(t3.balance, t3.row_sum, t3.results_sum, t4.group_sum, narrative.requests) that the printed
figures break. ``OUT/MANIFEST.jsonl`` lists each file's rendering choices, one JSON per line.

Kinds (``rendering`` in the truth):

- ``docx``: python-docx, merged cells (gridSpan / vMerge), nested tables, a table split by a
  page or section break with or without its header rows repeated, ``w:tblHeader`` rows.
- ``pdf_lo``: the same kind of DOCX converted by LibreOffice (``soffice --headless``).
- ``pdf_rl``: reportlab with the STSong-Light CID font; rules per cell, full grid or 三线表,
  wrapped label cells, right-aligned numbers, tables broken across pages.
- ``html_cms``: a bare article as several CMS editors emit it (Word-export markup, th/td
  mixes, ``<p>`` in cells, ``&nbsp;`` cells), UTF-8 or GBK.
- ``html_portal``: the article inside portal chrome (metadata table 索引号/发布机构/发文日期,
  breadcrumb, related links to other years' reports).
- ``txt``: plain-text exports: tab separated, space aligned, markdown pipes, cell per line.

Needs python-docx and reportlab; ``pdf_lo`` needs ``soffice`` on PATH.
"""
import argparse
import html as htmlmod
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

KINDS = ["docx", "pdf_lo", "pdf_rl", "html_cms", "html_portal", "txt"]

APPL = ["natural", "commercial", "research", "social", "legal", "other"]
COLS = APPL + ["total"]
APPL_LABEL = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]

DENIED = [("denied_state_secret", "1.属于国家秘密"), ("denied_law", "2.其他法律行政法规禁止公开"),
          ("denied_three_safety", "3.危及“三安全一稳定”"), ("denied_third_party", "4.保护第三方合法权益"),
          ("denied_internal", "5.属于三类内部事务信息"), ("denied_process", "6.属于四类过程性信息"),
          ("denied_enforcement", "7.属于行政执法案卷"), ("denied_query", "8.属于行政查询事项")]
UNABLE = [("unable_not_held", "1.本机关不掌握相关政府信息"), ("unable_create", "2.没有现成信息需要另行制作"),
          ("unable_unclear", "3.补正后申请内容仍不明确")]
IGNORED = [("ignored_petition", "1.信访举报投诉类申请"), ("ignored_repeat", "2.重复申请"),
           ("ignored_publication", "3.要求提供公开出版物"), ("ignored_massive", "4.无正当理由大量反复申请"),
           ("ignored_confirm", "5.要求行政机关确认或重新出具已获取信息")]
OTHER3 = [("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
          ("other_no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
          ("other_other", "3.其他")]
T4_GROUPS = ["review", "suit_direct", "suit_after_review"]
T4_COLS = ["upheld", "corrected", "other", "pending", "total"]
T4_LABEL = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]

PROVINCES = ["河北省", "山西省", "辽宁省", "吉林省", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省",
             "河南省", "湖北省", "湖南省", "广东省", "四川省", "贵州省", "云南省", "陕西省", "甘肃省",
             "内蒙古自治区", "广西壮族自治区", "宁夏回族自治区", "新疆维吾尔自治区"]
CITY_STEMS = ["临川", "青州", "东阳", "南平", "安康", "丰城", "宁远", "金沙", "永和", "平川", "长乐", "清源",
              "龙泉", "兴安", "建德", "新野", "太和", "云浮", "凤台", "宜川"]
COUNTY_STEMS = ["城关", "红旗", "江北", "南湖", "西湖", "北塔", "东城", "桃源", "河口", "双桥", "青山", "梅江"]
TOWN_STEMS = ["塘下", "甘雨", "永安", "柳林", "石桥", "白沙", "新桥", "马坊", "清溪", "大屯", "黄泥", "沙河"]
DEPTS = ["市场监督管理局", "农业农村局", "卫生健康委员会", "人力资源和社会保障局", "自然资源和规划局",
         "住房和城乡建设局", "生态环境局", "交通运输局", "退役军人事务局", "医疗保障局", "应急管理局",
         "教育局", "民政局", "司法局", "财政局", "文化广电旅游体育局"]
PROV_DEPTS = ["自然资源厅", "教育厅", "公安厅", "交通运输厅", "卫生健康委员会", "农业农村厅", "商务厅"]
ZONES = ["经济技术开发区管理委员会", "高新技术产业开发区管委会", "综合保税区管理委员会",
         "临港产业园区管理委员会", "生态文化旅游区管理委员会"]


def make_body(rng):
    """A body: (level, agency name, scale of its request numbers)."""
    prov = rng.choice(PROVINCES)
    city = rng.choice(CITY_STEMS) + "市"
    county = rng.choice(COUNTY_STEMS) + rng.choice(["区", "县"])
    level = rng.choice(["province", "province_dept", "city", "city_dept", "county", "county_dept",
                        "township", "street", "zone", "long"])
    if level == "province":
        return level, prov + "人民政府", 60
    if level == "province_dept":
        return level, prov + rng.choice(PROV_DEPTS), 25
    if level == "city":
        return level, city + "人民政府", 30
    if level == "city_dept":
        return level, city + rng.choice(DEPTS), 10
    if level == "county":
        return level, city + county + "人民政府", 12
    if level == "county_dept":
        return level, county + rng.choice(DEPTS), 3
    if level == "township":
        return level, county + rng.choice(TOWN_STEMS) + "镇人民政府", 1
    if level == "street":
        return level, city + county + rng.choice(COUNTY_STEMS) + "街道办事处", 1
    if level == "zone":
        return level, city + rng.choice(ZONES), 4
    # long names that wrap in titles
    return level, rng.choice([
        "新疆维吾尔自治区伊犁哈萨克自治州" + rng.choice(CITY_STEMS) + "市人力资源和社会保障局",
        prov + city + rng.choice(ZONES).replace("管委会", "管理委员会") + "党政综合办公室",
        "广西壮族自治区" + city + county + "农业农村和乡村振兴局",
        prov + city + county + rng.choice(TOWN_STEMS) + "镇人民政府（" + rng.choice(TOWN_STEMS) + "乡村振兴服务中心）",
    ]), 5


# ---------------------------------------------------------------- figures

def poissonish(rng, mean):
    if mean <= 0:
        return 0
    if rng.random() < 0.35:
        return 0
    return max(0, int(rng.expovariate(1.0 / mean) + 0.5))


def make_t3(rng, scale, rows2021):
    """Consistent table 3: {row: {col: int}} with row order result rows for the generation."""
    means = dict(natural=scale * 6, commercial=scale * 1.5, research=scale * 0.1, social=scale * 0.1,
                 legal=scale * 0.6, other=scale * 0.3)
    if rows2021:
        results = ["granted", "partial"] + [k for k, _ in DENIED] + [k for k, _ in UNABLE] + \
                  [k for k, _ in IGNORED] + [k for k, _ in OTHER3]
    else:
        results = ["granted", "partial"] + [k for k, _ in DENIED] + [k for k, _ in UNABLE] + \
                  [k for k, _ in IGNORED] + ["other"]
    weight = {k: 0.3 for k in results}
    weight.update(granted=10, partial=2, unable_not_held=5, ignored_petition=1.5, denied_third_party=0.8,
                  denied_process=0.7, unable_unclear=1, ignored_repeat=0.8, other_other=0.8, other=1.2,
                  other_no_correction=0.6, denied_query=0.6)
    t = {r: {} for r in ["new", "carried_over"] + results + ["results_total", "carried_forward"]}
    for c in APPL:
        n = poissonish(rng, means[c])
        co = poissonish(rng, means[c] * 0.08) if n else 0
        cf = min(n + co, poissonish(rng, means[c] * 0.08))
        t["new"][c], t["carried_over"][c], t["carried_forward"][c] = n, co, cf
        left = n + co - cf
        for r in results:
            t[r][c] = 0
        ws = [weight[r] for r in results]
        for _ in range(left):
            t[rng.choices(results, ws)[0]][c] += 1
        t["results_total"][c] = left
    for r in t:
        t[r]["total"] = sum(t[r][c] for c in APPL)
    return t, results


def make_t4(rng, scale):
    t = {}
    for g, m in zip(T4_GROUPS, [scale * 0.15, scale * 0.1, scale * 0.05]):
        vals = [poissonish(rng, m), poissonish(rng, m * 0.2), poissonish(rng, m * 0.2), poissonish(rng, m * 0.3)]
        t[g] = dict(zip(T4_COLS, vals + [sum(vals)]))
    return t


def make_t2(rng, scale, gen):
    big = scale * rng.choice([1, 5, 40, 200])
    if gen == "2021":
        rules = rng.random() < 0.15 and scale >= 25
        return {
            "rules.issued": rng.randint(1, 5) if rules else 0, "rules.repealed": rng.randint(0, 2) if rules else 0,
            "rules.in_force": rng.randint(10, 200) if rules else 0,
            "normative.issued": poissonish(rng, scale / 2), "normative.repealed": poissonish(rng, scale / 5),
            "normative.in_force": poissonish(rng, scale * 4),
            "licensing.decisions": poissonish(rng, big), "penalty.decisions": poissonish(rng, big / 3),
            "coercion.decisions": poissonish(rng, big / 30),
            "fees.amount": rng.choice([0, 0, round(rng.uniform(0.5, 900), rng.choice([0, 1, 2]))]),
        }
    t = {"rules.made": poissonish(rng, 2), "normative.made": poissonish(rng, scale / 2)}
    t["rules.published"], t["normative.published"] = t["rules.made"], t["normative.made"]
    t["rules.public_total"] = t["rules.made"] + poissonish(rng, 20)
    t["normative.public_total"] = t["normative.made"] + poissonish(rng, scale * 4)
    for r in ["licensing", "other_mgmt", "penalty", "coercion"]:
        t[r + ".prev_items"] = poissonish(rng, scale * 8)
        t[r + ".change"] = rng.choice([0, 0, rng.randint(-9, 12), -rng.randint(1, 30)])
        t[r + ".decisions"] = poissonish(rng, big)
    t["fees.prev_items"] = poissonish(rng, 4)
    t["fees.change"] = rng.choice([0, 0, -1, 1, -2])
    t["procurement.items"] = poissonish(rng, scale)
    t["procurement.amount"] = 0 if not t["procurement.items"] else rng.choice(
        [rng.randint(1000, 900000), round(rng.uniform(1, 3000), 2)])
    return t


# ---------------------------------------------------------------- value text

FW = str.maketrans("0123456789.-,", "０１２３４５６７８９．－，")


class Style:
    """How one document prints values; ``text(v, unit)`` gives the cell text."""

    def __init__(self, rng, kind):
        self.rng = rng
        self.zero = rng.choice(["0", "0", "0", "", "—", "/", "无", "mixed"])
        self.fullwidth = rng.random() < (0.25 if kind in ("pdf_rl", "html_cms", "txt") else 0.1)
        self.thousands = rng.random() < 0.4
        self.units = rng.random() < (0.3 if kind == "pdf_rl" else 0.12)
        self.t2_units = self.units or rng.random() < 0.15
        self.total_blank_results = False

    def zero_text(self):
        z = self.zero
        if z == "mixed":
            z = self.rng.choice(["0", "", "—", "/", "无"])
        return z

    def text(self, v, unit=None, force_digits=False):
        if v == 0 and not force_digits:
            z = self.zero_text()
            if z != "0":
                return z
        if isinstance(v, float) and v != int(v):
            s = f"{v:.2f}".rstrip("0") if self.rng.random() < 0.7 else f"{v:.2f}"
            if self.thousands and abs(v) >= 1000:
                ip, _, fp = s.partition(".")
                s = f"{int(ip):,}" + ("." + fp if fp else "")
        else:
            v = int(v)
            s = f"{v:,}" if self.thousands and abs(v) >= 1000 else str(v)
        if self.fullwidth:
            s = s.translate(FW)
        if unit:
            s += unit
        return s


# ---------------------------------------------------------------- table grids
# A grid is {"ncols": int, "head": header row count, "cells": [cell]}; a cell is
# {"r", "c", "rs", "cs", "text", "kind": "head"|"label"|"value"}.


class Grid:
    def __init__(self, ncols, head=0):
        self.ncols, self.head, self.cells, self.nrows = ncols, head, [], 0

    def add(self, r, c, text, rs=1, cs=1, kind="label"):
        self.cells.append(dict(r=r, c=c, rs=rs, cs=cs, text=text, kind=kind))
        self.nrows = max(self.nrows, r + rs)

    def rows(self):
        out = [[] for _ in range(self.nrows)]
        for cell in self.cells:
            out[cell["r"]].append(cell)
        for row in out:
            row.sort(key=lambda x: x["c"])
        return out

    def covering(self, r):
        """Cells covering row r (origin above r included), sorted by column."""
        return sorted([x for x in self.cells if x["r"] <= r < x["r"] + x["rs"]], key=lambda x: x["c"])

    def split(self, k, repeat_head, cont_text):
        """Two grids: rows < k and rows >= k; spans crossing k are cut, the lower piece gets
        cont_text(label) as its text; with repeat_head the header rows start the second part."""
        a, b = Grid(self.ncols, self.head), Grid(self.ncols, self.head if repeat_head else 0)
        off = self.head if repeat_head else 0
        for x in self.cells:
            if x["r"] + x["rs"] <= k:
                a.cells.append(dict(x))
                if repeat_head and x["r"] < self.head:
                    b.cells.append(dict(x))
            elif x["r"] >= k:
                b.cells.append(dict(x, r=x["r"] - k + off))
            else:
                a.cells.append(dict(x, rs=k - x["r"]))
                b.cells.append(dict(x, r=off, rs=x["r"] + x["rs"] - k, text=cont_text(x["text"])))
        a.nrows = k
        b.nrows = self.nrows - k + off
        return a, b


def grid_t2_2021(figs, st, rec):
    g = Grid(4)
    u = "件" if st.t2_units else None
    r = 0

    def section(title, heads):
        nonlocal r
        g.add(r, 0, title, cs=4, kind="head")
        g.add(r + 1, 0, "信息内容", kind="head")
        if len(heads) == 1:
            g.add(r + 1, 1, heads[0], cs=3, kind="head")
        else:
            for i, h in enumerate(heads):
                g.add(r + 1, 1 + i, h, kind="head")
        r += 2

    def row(label, keys, unit=u):
        nonlocal r
        g.add(r, 0, label)
        if len(keys) == 1:
            g.add(r, 1, val(keys[0], unit), cs=3, kind="value")
        else:
            for i, k in enumerate(keys):
                g.add(r, 1 + i, val(k, unit), kind="value")
        r += 1

    def val(k, unit):
        v = figs[k]
        rec["t2." + k] = v
        return st.text(v, unit)

    section("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"])
    row("规章", ["rules.issued", "rules.repealed", "rules.in_force"])
    row("行政规范性文件", ["normative.issued", "normative.repealed", "normative.in_force"])
    section("第二十条第（五）项", ["本年处理决定数量"])
    row("行政许可", ["licensing.decisions"])
    section("第二十条第（六）项", ["本年处理决定数量"])
    row("行政处罚", ["penalty.decisions"])
    row("行政强制", ["coercion.decisions"])
    section("第二十条第（八）项", ["本年收费金额（单位：万元）"])
    row("行政事业性收费", ["fees.amount"], "万元" if st.units and st.rng.random() < 0.5 else None)
    return g


def grid_t2_2019(figs, st, rec):
    g = Grid(4)
    r = 0
    amount_wan = isinstance(figs["procurement.amount"], float)

    def val(k, unit=None):
        v = figs[k]
        rec["t2." + k] = v
        return st.text(v, unit)

    def section(title, heads):
        nonlocal r
        g.add(r, 0, title, cs=4, kind="head")
        g.add(r + 1, 0, "信息内容", kind="head")
        c = 1
        for h, span in heads:
            g.add(r + 1, c, h, cs=span, kind="head")
            c += span
        r += 2

    def row(label, vals):
        nonlocal r
        g.add(r, 0, label)
        c = 1
        for k, span, unit in vals:
            g.add(r, c, val(k, unit), cs=span, kind="value")
            c += span
        r += 1

    u = "件" if st.t2_units else None
    section("第二十条第（一）项", [("本年新制作数量", 1), ("本年新公开数量", 1), ("对外公开总数量", 1)])
    for key, lab in [("rules", "规章"), ("normative", "规范性文件")]:
        row(lab, [(key + ".made", 1, u), (key + ".published", 1, u), (key + ".public_total", 1, u)])
    three = [("上一年项目数量", 1), ("本年增/减", 1), ("处理决定数量", 1)]
    section("第二十条第（五）项", three)
    for key, lab in [("licensing", "行政许可"), ("other_mgmt", "其他对外管理服务事项")]:
        row(lab, [(key + ".prev_items", 1, None), (key + ".change", 1, None), (key + ".decisions", 1, None)])
    section("第二十条第（六）项", three)
    for key, lab in [("penalty", "行政处罚"), ("coercion", "行政强制")]:
        row(lab, [(key + ".prev_items", 1, None), (key + ".change", 1, None), (key + ".decisions", 1, None)])
    section("第二十条第（八）项", [("上一年项目数量", 1), ("本年增/减", 2)])
    row("行政事业性收费", [("fees.prev_items", 1, None), ("fees.change", 2, None)])
    section("第二十条第（九）项", [("采购项目数量", 1), ("采购总金额（万元）" if amount_wan else "采购总金额", 2)])
    row("政府集中采购", [("procurement.items", 1, None),
                       ("procurement.amount", 2, None if amount_wan else "元")])
    return g


def grid_t3(t3, results, st, rec, single_other, total_blank_results):
    g = Grid(10, head=3)
    g.add(0, 0, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rs=3, cs=3, kind="head")
    g.add(0, 3, "申请人情况", cs=7, kind="head")
    g.add(1, 3, "自然人", rs=2, kind="head")
    g.add(1, 4, "法人或其他组织", cs=5, kind="head")
    g.add(1, 9, "总计", rs=2, kind="head")
    for i, lab in enumerate(APPL_LABEL[1:6]):
        g.add(2, 4 + i, lab, kind="head")

    def values(r, key, blank_total=False):
        for i, c in enumerate(COLS):
            v = t3[key][c]
            if blank_total and c == "total":
                rec[f"t3.{key}.total"] = 0
                g.add(r, 3 + i, "", kind="value")
                continue
            rec[f"t3.{key}.{c}"] = v
            g.add(r, 3 + i, st.text(v), kind="value")

    r = 3
    for key, lab in [("new", "一、本年新收政府信息公开申请数量"), ("carried_over", "二、上年结转政府信息公开申请数量")]:
        g.add(r, 0, lab, cs=3)
        values(r, key)
        r += 1
    n_res = len(results) + 1
    g.add(r, 0, "三、本年度办理结果", rs=n_res)
    groups = [(None, [("granted", "（一）予以公开")]),
              (None, [("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")]),
              ("（三）不予公开", DENIED), ("（四）无法提供", UNABLE), ("（五）不予处理", IGNORED)]
    groups.append((None, [("other", "（六）其他处理")]) if single_other else ("（六）其他处理", OTHER3))
    for glab, items in groups:
        if glab is None:
            key, lab = items[0]
            g.add(r, 1, lab, cs=2)
            values(r, key, total_blank_results)
            r += 1
            continue
        g.add(r, 1, glab, rs=len(items))
        for key, lab in items:
            g.add(r, 2, lab)
            values(r, key, total_blank_results)
            r += 1
    g.add(r, 1, "（七）总计", cs=2)
    values(r, "results_total")
    r += 1
    g.add(r, 0, "四、结转下年度继续办理", cs=3)
    values(r, "carried_forward")
    return g


def grid_t4(t4, st, rec):
    g = Grid(15, head=3)
    g.add(0, 0, "行政复议", cs=5, kind="head")
    g.add(0, 5, "行政诉讼", cs=10, kind="head")
    for i, lab in enumerate(T4_LABEL):
        g.add(1, i, lab, rs=2, kind="head")
    g.add(1, 5, "未经复议直接起诉", cs=5, kind="head")
    g.add(1, 10, "复议后起诉", cs=5, kind="head")
    for j in range(2):
        for i, lab in enumerate(T4_LABEL):
            g.add(2, 5 + 5 * j + i, lab, kind="head")
    for gi, grp in enumerate(T4_GROUPS):
        for ci, col in enumerate(T4_COLS):
            v = t4[grp][col]
            rec[f"t4.{grp}.{col}"] = v
            g.add(3, gi * 5 + ci, st.text(v), kind="value")
    return g


# ---------------------------------------------------------------- breaks

def compute_breaks(fig, gen_rows, narrative_n):
    br = set()
    have = lambda k: k in fig
    for c in COLS:
        ks = [f"t3.{r}.{c}" for r in ("new", "carried_over", "results_total", "carried_forward")]
        if all(map(have, ks)) and fig[ks[0]] + fig[ks[1]] != fig[ks[2]] + fig[ks[3]]:
            br.add("t3.balance")
        rk = [f"t3.{r}.{c}" for r in gen_rows]
        if all(map(have, rk)) and have(f"t3.results_total.{c}") and \
                sum(fig[k] for k in rk) != fig[f"t3.results_total.{c}"]:
            br.add("t3.results_sum")
    rows = {k.split(".")[1] for k in fig if k.startswith("t3.")}
    for r in rows:
        ks = [f"t3.{r}.{c}" for c in APPL]
        if all(map(have, ks)) and have(f"t3.{r}.total") and sum(fig[k] for k in ks) != fig[f"t3.{r}.total"]:
            br.add("t3.row_sum")
    for g in T4_GROUPS:
        ks = [f"t4.{g}.{c}" for c in T4_COLS[:4]]
        if all(map(have, ks)) and have(f"t4.{g}.total") and sum(fig[k] for k in ks) != fig[f"t4.{g}.total"]:
            br.add("t4.group_sum")
    if narrative_n is not None and have("t3.new.total") and narrative_n != fig["t3.new.total"]:
        br.add("narrative.requests")
    return sorted(br)


# ---------------------------------------------------------------- one document

def build_document(rng, kind):
    """Returns (blocks, truth, variants). Blocks: ("title", agency, rest) | ("h", text) |
    ("p", text) | ("table", Grid, name)."""
    level, agency, scale = make_body(rng)
    year = rng.choice([2019, 2020, 2021, 2022, 2023, 2023, 2024, 2024])
    gen = "2021" if year >= 2021 else "2019"
    st = Style(rng, kind)
    var = dict(level=level, zero=st.zero, fullwidth=st.fullwidth, thousands=st.thousands, units=st.units)
    t2 = make_t2(rng, scale, gen)
    single_other = gen == "2019" or rng.random() < 0.12
    t3, results = make_t3(rng, scale, not single_other)
    t4 = make_t4(rng, scale)
    var["single_other_row"] = single_other
    # printed typos: a figure off from the sum, kept as printed
    if rng.random() < 0.15:
        r = rng.choice(["results_total", "granted", "new", "carried_forward"])
        c = rng.choice(COLS)
        t3[r][c] = max(0, t3[r][c] + rng.choice([-2, -1, 1, 3, 10]))
        var["typo"] = f"t3.{r}.{c}"
    if rng.random() < 0.08:
        g = rng.choice(T4_GROUPS)
        t4[g]["total"] += rng.choice([1, 2])
        var["typo_t4"] = g
    total_blank = gen == "2019" and rng.random() < 0.2
    var["t3_total_blank_in_result_rows"] = total_blank
    no_t4 = rng.random() < 0.08
    var["no_table4"] = no_t4
    numbered = rng.random() > 0.1
    var["headings_numbered"] = numbered

    rec = {}
    g2 = (grid_t2_2021 if gen == "2021" else grid_t2_2019)(t2, st, rec)
    g3 = grid_t3(t3, results, st, rec, single_other, total_blank)
    g4 = None if no_t4 else grid_t4(t4, st, rec)

    n_new = t3["new"]["total"]
    narr_n = n_new
    if rng.random() < 0.1:
        narr_n = n_new + rng.choice([1, 2, 5, 12])
        var["narrative_differs"] = True
    narr_stated = rng.random() < 0.85
    dtitle = rng.choice(["{a}{y}年政府信息公开工作年度报告", "{a}{y}年度政府信息公开工作年度报告",
                         "{y}年{a}政府信息公开工作年度报告", "{a}{y}年政府信息公开工作年度报告"])
    blocks = [("title", agency, year, dtitle)]
    blocks.append(("p", f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和上级有关要求编制。"
                        f"报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
                        f"本报告电子版可在{agency}门户网站“政府信息公开”专栏查阅。"))
    h = (lambda n, t: n + t) if numbered else (lambda n, t: t)
    blocks.append(("h", h("一、", "总体情况")))
    pub = t2.get("normative.issued", t2.get("normative.made", 0)) + rng.randint(30, 3000)
    blocks.append(("p", f"{year}年，{agency}坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《条例》，"
                        f"持续深化政务公开，各项工作取得新成效。"))
    blocks.append(("p", f"（一）主动公开。全年通过门户网站主动公开政府信息{pub}条，其中政策文件"
                        f"{rng.randint(1, 90)}件，政策解读{rng.randint(1, 60)}篇，召开新闻发布会{rng.randint(0, 12)}场。"))
    if narr_stated:
        blocks.append(("p", f"（二）依申请公开。{year}年共收到政府信息公开申请{narr_n}件，"
                            f"上年结转{t3['carried_over']['total']}件，均在法定期限内答复。"))
    else:
        blocks.append(("p", "（二）依申请公开。严格按照法定程序和时限办理依申请公开事项，规范答复文书格式。"))
    blocks.append(("p", "（三）政府信息管理。健全公开属性源头认定机制，动态更新政府信息公开指南和目录。"))
    blocks.append(("p", "（四）平台建设。优化政府网站信息公开专栏，加强政务新媒体管理，全年发布信息"
                        f"{rng.randint(50, 900)}条。"))
    blocks.append(("p", "（五）监督保障。将政务公开纳入年度绩效考核，开展业务培训"
                        f"{rng.randint(1, 6)}次，未发生因政府信息公开工作引发的责任追究情况。"))
    blocks.append(("h", h("二、", "主动公开政府信息情况")))
    blocks.append(("table", g2, "t2"))
    blocks.append(("h", h("三、", "收到和处理政府信息公开申请情况")))
    blocks.append(("table", g3, "t3"))
    blocks.append(("h", h("四、", "政府信息公开行政复议、行政诉讼情况")))
    if g4:
        blocks.append(("table", g4, "t4"))
    else:
        blocks.append(("p", f"{year}年度，本机关未发生因政府信息公开引起的行政复议、行政诉讼案件。"))
    blocks.append(("h", h("五、", "存在的主要问题及改进情况")))
    blocks.append(("p", "一是公开内容的深度和广度有待加强；二是政策解读形式较为单一。下一步，将进一步规范"
                        "公开流程，丰富解读形式，提升公开质效。"))
    blocks.append(("h", h("六、", "其他需要报告的事项")))
    blocks.append(("p", rng.choice(["本年度未收取信息处理费。", "本机关未收取信息处理费，无其他需要报告的事项。",
                                    f"{year}年度，本机关依据《政府信息公开信息处理费管理办法》收取信息处理费0元。"])))
    if gen == "2019":
        rows = ["granted", "partial"] + [k for k, _ in DENIED + UNABLE + IGNORED] + ["other"]
    else:
        rows = results
    truth = {"file": None, "format": gen, "agency": agency, "year": year, "figures": rec,
             "breaks": compute_breaks(rec, rows, narr_n if narr_stated else None), "rendering": kind}
    return blocks, truth, var, st


def title_text(block):
    _, agency, year, pat = block
    return pat.format(a=agency, y=year)


# ---------------------------------------------------------------- HTML

def render_html(blocks, rng, var, portal, truth):
    style = rng.choice(["word", "th", "editor", "bold"])
    split_t3 = rng.random() < 0.2
    var.update(html_style=style, html_split_t3=split_t3)
    nbsp = rng.random() < 0.6

    def cell_html(x, tag):
        t = htmlmod.escape(x["text"])
        if t == "" and nbsp:
            t = "&nbsp;"
        span = (f' rowspan="{x["rs"]}"' if x["rs"] > 1 else "") + (f' colspan="{x["cs"]}"' if x["cs"] > 1 else "")
        if style == "word":
            w = 40 if x["kind"] == "value" else 90
            return (f'<td width="{w * x["cs"]}" valign="center"{span} style="border:solid windowtext 1.0pt;'
                    f'padding:0cm 5.4pt 0cm 5.4pt"><p class="MsoNormal" align="center" style="text-align:center">'
                    f'<span style="font-size:10.5pt;font-family:仿宋_GB2312">{t}</span></p></td>')
        if style == "th" and x["kind"] == "head":
            return f"<th{span}>{t}</th>"
        if style == "editor":
            al = "right" if x["kind"] == "value" else "center"
            return f'<{tag}{span} style="border:1px solid #000;text-align:{al}"><p>{t}</p></{tag}>'
        if style == "bold" and x["kind"] == "head":
            return f"<td{span}><strong>{t}</strong></td>"
        return f"<td{span}>{t}</td>"

    def table_html(g):
        attrs = {"word": ' class="MsoNormalTable" border="0" cellspacing="0" cellpadding="0" '
                         'style="border-collapse:collapse;border:none"',
                 "th": ' border="1" cellspacing="0" width="100%"',
                 "editor": ' style="border-collapse:collapse;width:100%"',
                 "bold": ' border="1" cellpadding="2"'}[style]
        out = [f"<table{attrs}>"]
        if style == "th" and g.head:
            out.append("<thead>")
        for i, row in enumerate(g.rows()):
            if style == "th" and g.head and i == g.head:
                out.append("</thead><tbody>")
            out.append("<tr>" + "".join(cell_html(x, "td") for x in row) + "</tr>")
        out.append("</tbody></table>" if style == "th" and g.head else "</table>")
        return "\n".join(out)

    body = []
    for b in blocks:
        if b[0] == "title":
            t = htmlmod.escape(title_text(b))
            body.append(f'<p style="text-align:center"><strong><span style="font-size:22px">{t}</span></strong></p>'
                        if not portal else "")
        elif b[0] == "h":
            body.append(f'<p style="text-indent:2em"><strong>{htmlmod.escape(b[1])}</strong></p>')
        elif b[0] == "p":
            body.append(f'<p style="text-indent:2em">{htmlmod.escape(b[1])}</p>')
        else:
            g = b[1]
            if b[2] == "t3" and split_t3:
                k = rng.randint(g.head + 4, g.nrows - 3)
                a, c = g.split(k, rng.random() < 0.5, lambda s: s)
                body.append(table_html(a))
                body.append('<p style="page-break-before:always">&nbsp;</p>')
                body.append(table_html(c))
            else:
                body.append(table_html(g))
    content = "\n".join(x for x in body if x)
    title = title_text(blocks[0])
    enc = rng.choice(["utf-8", "utf-8", "gbk"])
    var["encoding"] = enc
    meta = ('<meta charset="utf-8">' if enc == "utf-8" else
            '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    if not portal:
        wrapper = rng.choice(['<div class="TRS_Editor">{c}</div>', '<div id="zoom" class="article-content">{c}</div>',
                              '<div class="view TRS_UEDITOR trs_paper_default">{c}</div>'])
        page = (f"<!DOCTYPE html>\n<html><head>{meta}<title>{htmlmod.escape(title)}</title></head><body>\n"
                + wrapper.format(c=content) + "\n</body></html>\n")
        return page.encode(enc, "xmlcharrefreplace")
    agency, year = truth["agency"], truth["year"]
    pub = f"{year + 1}-{rng.choice(['01', '01', '02', '03'])}-{rng.randint(10, 28):02d}"
    truth["published"] = pub
    publisher = agency if rng.random() < 0.6 else agency.replace("人民政府", "人民政府办公室")
    site = agency if "人民政府" in agency else agency + "门户网站"
    others = [y for y in range(year - 3, year + 2) if y != year]
    rel = "".join(f'<li><a href="./{y + 1}01/t{y + 1}0125_{rng.randint(100000, 999999)}.html">'
                  f'{htmlmod.escape(agency)}{y}年政府信息公开工作年度报告</a><span>{y + 1}-01-2{rng.randint(0, 9)}</span></li>'
                  for y in others)
    rel += f'<li><a href="#">关于做好{year + 1}年政务公开工作的通知</a></li>'
    meta_tbl = (
        '<table class="xxgk_table" width="100%">'
        f'<tr><td class="tit">索引号：</td><td>{rng.randint(10000000, 99999999)}/{year + 1}-{rng.randint(1000, 99999):05d}</td>'
        f'<td class="tit">主题分类：</td><td>政务公开</td></tr>'
        f'<tr><td class="tit">发布机构：</td><td>{htmlmod.escape(publisher)}</td>'
        f'<td class="tit">发文日期：</td><td>{pub}</td></tr>'
        f'<tr><td class="tit">名　　称：</td><td colspan="3">{htmlmod.escape(title)}</td></tr>'
        f'<tr><td class="tit">文　　号：</td><td></td><td class="tit">有效性：</td><td>有效</td></tr></table>')
    var["portal_publisher_differs"] = publisher != agency
    page = (f"<!DOCTYPE html>\n<html><head>{meta}<title>{htmlmod.escape(title)}_{htmlmod.escape(site)}</title>"
            f'<meta name="ArticleTitle" content="{htmlmod.escape(title)}"><meta name="PubDate" content="{pub} 09:30">'
            '</head><body>\n'
            f'<div class="header"><div class="logo">{htmlmod.escape(site)}</div><ul class="nav"><li>首页</li>'
            '<li>政务公开</li><li>政务服务</li><li>互动交流</li></ul></div>\n'
            f'<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; '
            '<a href="/zwgk/xxgknb/">政府信息公开年报</a> &gt; 正文</div>\n'
            f"{meta_tbl}\n"
            f'<div class="article"><h1>{htmlmod.escape(title)}</h1>'
            f'<div class="info">发布时间：{pub}　来源：{htmlmod.escape(publisher)}　浏览次数：{rng.randint(10, 3000)}'
            '　【字体：大 中 小】</div>\n'
            f'<div class="content" id="zoom">{content}</div></div>\n'
            f'<div class="related"><h3>相关文章</h3><ul>{rel}</ul></div>\n'
            f'<div class="footer">主办单位：{htmlmod.escape(publisher)}　网站标识码：{rng.randint(1000000000, 9999999999)}'
            '　ICP备案号：X ICP备12345678号</div>\n</body></html>\n')
    return page.encode(enc, "xmlcharrefreplace")


# ---------------------------------------------------------------- text exports

def render_txt(blocks, rng, var):
    mode = rng.choice(["tab", "spaces", "pipes", "tab_repeat", "lines"])
    var["txt_mode"] = mode
    out = []
    for b in blocks:
        if b[0] == "title":
            t = title_text(b)
            if len(t) > 26 and rng.random() < 0.6:
                cut = rng.randint(len(t) - 8, len(t) - 2)
                t = t[:cut] + "\n" + t[cut:]
                var["title_wrapped"] = True
            out.append(t)
        elif b[0] in ("h", "p"):
            out.append(b[1])
        else:
            g = b[1]
            lines = []
            for r in range(g.nrows):
                if mode == "tab_repeat":
                    # every grid position printed, merged cells repeated
                    cells = []
                    for x in g.covering(r):
                        if x["kind"] == "value":
                            cells += [x["text"]] if x["r"] == r else []
                        else:
                            cells += [x["text"]] * x["cs"]
                else:
                    cells = [x["text"] for x in g.covering(r) if x["r"] == r]
                if mode == "tab" or mode == "tab_repeat":
                    lines.append("\t".join(cells))
                elif mode == "spaces":
                    lines.append("   ".join(c if c else "  " for c in cells).rstrip())
                elif mode == "pipes":
                    lines.append("| " + " | ".join(cells) + " |")
                    if r == 0:
                        lines.append("|" + "---|" * len(cells))
                else:
                    lines.extend(c for c in cells)
            out.append("\n".join(lines))
    return ("\n".join(out) + "\n").encode("utf-8")


# ---------------------------------------------------------------- DOCX

def render_docx(blocks, rng, var, path):
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "宋体"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    nest = rng.random() < 0.3
    split = rng.choice([None, None, "page", "section", "landscape"])
    repeat_hdr = rng.random() < 0.6
    tbl_header = rng.random() < 0.5
    right = rng.random() < 0.4
    var.update(docx_nested=nest, docx_split_t3=split, docx_split_repeat_header=repeat_hdr and bool(split),
               docx_tblHeader=tbl_header, docx_right_aligned=right)

    def fill(table, g):
        for x in g.cells:
            a = table.cell(x["r"], x["c"])
            if x["rs"] > 1 or x["cs"] > 1:
                a = a.merge(table.cell(x["r"] + x["rs"] - 1, x["c"] + x["cs"] - 1))
            p = a.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if (right and x["kind"] == "value") else \
                WD_ALIGN_PARAGRAPH.CENTER if x["kind"] != "label" or x["c"] > 0 else WD_ALIGN_PARAGRAPH.LEFT
            run = p.add_run(x["text"])
            run.font.size = Pt(9 if g.ncols > 4 else 10.5)
        if tbl_header:
            for i in range(g.head):
                trPr = table.rows[i]._tr.get_or_add_trPr()
                el = OxmlElement("w:tblHeader")
                el.set(qn("w:val"), "true")
                trPr.append(el)

    def add_table(container, g):
        t = container.add_table(rows=g.nrows, cols=g.ncols)
        t.style = doc.styles["Table Grid"]
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        fill(t, g)
        return t

    def place(g, name):
        if nest and name in ("t2", "t4") or (nest and rng.random() < 0.3):
            outer = doc.add_table(rows=1, cols=1)
            outer.style = doc.styles["Table Grid"]
            cell = outer.cell(0, 0)
            cell.paragraphs[0].add_run(rng.choice(["", "（单位：件）", f"表{'二三四'[int(name[1]) - 2]}"]))
            inner = cell.add_table(rows=g.nrows, cols=g.ncols)
            inner.style = doc.styles["Table Grid"]
            fill(inner, g)
            var.setdefault("nested_tables", []).append(name)
        else:
            add_table(doc, g)

    for b in blocks:
        if b[0] == "title":
            _, agency, year, pat = b
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            t = title_text(b)
            if len(agency) > 12 and rng.random() < 0.6 and pat.startswith("{a}"):
                r = p.add_run(agency)
                r.bold = True
                r.font.size = Pt(18)
                r.add_break()
                r2 = p.add_run(t[len(agency):])
                r2.bold = True
                r2.font.size = Pt(18)
                var["title_wrapped"] = True
            else:
                r = p.add_run(t)
                r.bold = True
                r.font.size = Pt(18)
        elif b[0] == "h":
            p = doc.add_paragraph()
            p.add_run(b[1]).bold = True
        elif b[0] == "p":
            p = doc.add_paragraph(b[1])
            p.paragraph_format.first_line_indent = Pt(21)
        else:
            g, name = b[1], b[2]
            if name == "t3" and split:
                k = rng.randint(g.head + 5, g.nrows - 4)
                cont = rng.choice([lambda s: s, lambda s: "", lambda s: s + "（续）" if s else s])
                a, c = g.split(k, repeat_hdr, cont)
                add_table(doc, a)
                if split == "page":
                    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
                else:
                    sec = doc.add_section(WD_SECTION.NEW_PAGE)
                    if split == "landscape":
                        sec.orientation = WD_ORIENT.LANDSCAPE
                        sec.page_width, sec.page_height = sec.page_height, sec.page_width
                add_table(doc, c)
                if split == "landscape":
                    sec = doc.add_section(WD_SECTION.NEW_PAGE)
                    sec.orientation = WD_ORIENT.PORTRAIT
                    sec.page_width, sec.page_height = sec.page_height, sec.page_width
            else:
                place(g, name)
    doc.save(path)


# ---------------------------------------------------------------- reportlab PDF

_RL_FONT = None


def render_rl(blocks, rng, var, path):
    global _RL_FONT
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if _RL_FONT is None:
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        _RL_FONT = "STSong-Light"
    rules = rng.choice(["grid", "percell", "three_line", "outer_h"])
    align = rng.choice(["RIGHT", "CENTER", "RIGHT"])
    var.update(rl_rules=rules, rl_value_align=align)
    body = ParagraphStyle("b", fontName=_RL_FONT, fontSize=10.5, leading=16, firstLineIndent=21, wordWrap="CJK")
    head = ParagraphStyle("h", parent=body, firstLineIndent=0, fontSize=11)
    ttl = ParagraphStyle("t", parent=body, fontSize=17, leading=24, alignment=1, firstLineIndent=0)
    cellst = ParagraphStyle("c", fontName=_RL_FONT, fontSize=8, leading=10, wordWrap="CJK", alignment=1)
    labst = ParagraphStyle("l", parent=cellst, alignment=0)
    story = []
    width = A4[0] - 40 * mm
    for b in blocks:
        if b[0] == "title":
            story.append(Paragraph(htmlmod.escape(title_text(b)), ttl))
            story.append(Spacer(1, 8))
        elif b[0] == "h":
            story.append(Paragraph(htmlmod.escape(b[1]), head))
        elif b[0] == "p":
            story.append(Paragraph(htmlmod.escape(b[1]), body))
        else:
            g, name = b[1], b[2]
            data = [["" for _ in range(g.ncols)] for _ in range(g.nrows)]
            cmds = [("FONTNAME", (0, 0), (-1, -1), _RL_FONT), ("FONTSIZE", (0, 0), (-1, -1), 8),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 2),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
            for x in g.cells:
                if x["kind"] == "value":
                    data[x["r"]][x["c"]] = x["text"]
                    cmds.append(("ALIGN", (x["c"], x["r"]), (x["c"], x["r"]), align))
                else:
                    data[x["r"]][x["c"]] = Paragraph(htmlmod.escape(x["text"]),
                                                     labst if x["kind"] == "label" else cellst)
                if x["rs"] > 1 or x["cs"] > 1:
                    cmds.append(("SPAN", (x["c"], x["r"]), (x["c"] + x["cs"] - 1, x["r"] + x["rs"] - 1)))
                if rules == "percell":
                    cmds.append(("BOX", (x["c"], x["r"]), (x["c"] + x["cs"] - 1, x["r"] + x["rs"] - 1), 0.5,
                                 colors.black))
            if rules == "grid":
                cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
            elif rules in ("three_line", "outer_h"):
                cmds += [("LINEABOVE", (0, 0), (-1, 0), 1.5, colors.black),
                         ("LINEBELOW", (0, -1), (-1, -1), 1.5, colors.black)]
                if g.head:
                    cmds.append(("LINEBELOW", (0, g.head - 1), (-1, g.head - 1), 0.75, colors.black))
                if rules == "outer_h":
                    cmds.append(("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.black))
            if name == "t3":
                lw = [14 * mm, 18 * mm, 34 * mm]
                vw = (width - sum(lw)) / 7
                cw = lw + [vw] * 7
            elif name == "t4":
                cw = [width / 15] * 15
            else:
                cw = [width * 0.34] + [width * 0.22] * 3
            tbl = Table(data, colWidths=cw, repeatRows=g.head if rng.random() < 0.7 else 0)
            tbl.setStyle(TableStyle(cmds))
            story.append(tbl)
            story.append(Spacer(1, 6))
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=22 * mm,
                            bottomMargin=20 * mm, title=rng.choice(["", "政府信息公开工作年度报告", title_text(blocks[0])]))
    doc.build(story)


# ---------------------------------------------------------------- main

def note_for(var, kind):
    bits = [f"Constructed by bench/independent2/generate.py ({kind}); body level {var['level']}."]
    bits.append(f"zeros printed as {var['zero']!r}" + ("; full-width digits" if var["fullwidth"] else "")
                + ("; thousands separators" if var["thousands"] else "") + ("; units in cells" if var["units"] else ""))
    extra = {k: v for k, v in var.items() if k not in ("level", "zero", "fullwidth", "thousands", "units") and v}
    if extra:
        bits.append("; ".join(f"{k}={v}" for k, v in extra.items()))
    return " ".join(bits) + "."


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--n-per-kind", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kinds", default=",".join(KINDS))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    kinds = args.kinds.split(",")
    manifest = []
    lo_jobs = []
    lo_tmp = tempfile.mkdtemp(prefix="gen2_lo_")
    for kind in kinds:
        for i in range(args.n_per_kind):
            rng = random.Random(f"{args.seed}:{kind}:{i}")
            blocks, truth, var, st = build_document(rng, kind)
            stem = f"g2_{kind}_{i:03d}"
            ext = {"docx": "docx", "pdf_lo": "pdf", "pdf_rl": "pdf", "html_cms": "html",
                   "html_portal": "html", "txt": "txt"}[kind]
            path = os.path.join(args.out, f"{stem}.{ext}")
            if kind in ("html_cms", "html_portal"):
                data = render_html(blocks, rng, var, kind == "html_portal", truth)
                with open(path, "wb") as fh:
                    fh.write(data)
            elif kind == "txt":
                with open(path, "wb") as fh:
                    fh.write(render_txt(blocks, rng, var))
            elif kind == "docx":
                render_docx(blocks, rng, var, path)
            elif kind == "pdf_lo":
                render_docx(blocks, rng, var, os.path.join(lo_tmp, f"{stem}.docx"))
                lo_jobs.append(stem)
            elif kind == "pdf_rl":
                render_rl(blocks, rng, var, path)
            truth["file"] = os.path.basename(path)
            truth["notes"] = note_for(var, kind)
            order = ["file", "format", "agency", "year", "published", "figures", "breaks", "rendering", "notes"]
            truth = {k: truth[k] for k in order if k in truth}
            with open(os.path.join(args.out, f"{stem}.truth.json"), "w", encoding="utf-8") as fh:
                json.dump(truth, fh, ensure_ascii=False, indent=1)
            manifest.append(dict(file=truth["file"], kind=kind, **var))
    if lo_jobs:
        profile = tempfile.mkdtemp(prefix="gen2_lo_profile_")
        cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
               "--outdir", args.out] + [os.path.join(lo_tmp, s + ".docx") for s in lo_jobs]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=1200)
        shutil.rmtree(profile, ignore_errors=True)
        missing = [s for s in lo_jobs if not os.path.exists(os.path.join(args.out, s + ".pdf"))]
        if missing:
            sys.exit(f"soffice did not convert: {missing}")
    shutil.rmtree(lo_tmp, ignore_errors=True)
    with open(os.path.join(args.out, "MANIFEST.jsonl"), "w", encoding="utf-8") as fh:
        for m in manifest:
            fh.write(json.dumps(m, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
