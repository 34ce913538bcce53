#!/usr/bin/env python3
"""Independent generator of synthetic 政府信息公开工作年度报告 with exact ground truth.

    python3 bench/independent3/generate.py OUT --n-per-kind N --seed S [--kinds html_article,txt_export]

Writes N born-digital reports of each rendering kind into OUT, each with a
``<name>.truth.json`` beside it (file, format, agency, year, figures, breaks,
rendering, notes).  Kinds: html_article, docx_word, pdf_office, pdf_plain, txt_export.

Written from the public description of the template (report-format.md), the truth
files of the shared cases and real samples, and the look of real portal files only.
It does not import or read the project's extractor.

How the truth stays exact: every table is first built as a grid of cells (text, row
and column span, and for value cells the canonical key and the number the text means).
All renderings print from that one grid, and the truth is collected from the grid's
value cells, each checked against a parse of its own printed text.  Figures are drawn
consistent, then (in about 15 % of reports) an arithmetic error is injected into the
printed cells; ``breaks`` is computed afterwards from the printed figures only.
"""
import argparse
import html
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter

# ---------------------------------------------------------------------------
# Template: keys and labels (report-format.md)
# ---------------------------------------------------------------------------

APPL = ["natural", "commercial", "research", "social", "legal", "other"]
COLS = APPL + ["total"]
LEGAL = APPL[1:]
COL_LABELS = {"natural": "自然人", "commercial": "商业企业", "research": "科研机构",
              "social": "社会公益组织", "legal": "法律服务机构", "other": "其他", "total": "总计"}

# (key, group label or None, item label)
T3_RESULT_ROWS_BASE = [
    ("granted", None, "（一）予以公开"),
    ("partial", None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied_state_secret", "（三）不予公开", "1.属于国家秘密"),
    ("denied_law", "（三）不予公开", "2.其他法律行政法规禁止公开"),
    ("denied_three_safety", "（三）不予公开", "3.危及“三安全一稳定”"),
    ("denied_third_party", "（三）不予公开", "4.保护第三方合法权益"),
    ("denied_internal", "（三）不予公开", "5.属于三类内部事务信息"),
    ("denied_process", "（三）不予公开", "6.属于四类过程性信息"),
    ("denied_enforcement", "（三）不予公开", "7.属于行政执法案卷"),
    ("denied_query", "（三）不予公开", "8.属于行政查询事项"),
    ("unable_not_held", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("unable_create", "（四）无法提供", "2.没有现成信息需要另行制作"),
    ("unable_unclear", "（四）无法提供", "3.补正后申请内容仍不明确"),
    ("ignored_petition", "（五）不予处理", "1.信访举报投诉类申请"),
    ("ignored_repeat", "（五）不予处理", "2.重复申请"),
    ("ignored_publication", "（五）不予处理", "3.要求提供公开出版物"),
    ("ignored_massive", "（五）不予处理", "4.无正当理由大量反复申请"),
    ("ignored_confirm", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
]
T3_OTHER_THREE = [
    ("other_no_correction", "（六）其他处理",
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_no_fee", "（六）其他处理",
     "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_other", "（六）其他处理", "3.其他"),
]
T3_OTHER_ONE = [("other", None, "（六）其他处理")]
T3_TOP = {
    "new": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "carried_forward": "四、结转下年度继续办理",
}
T3_RESULTS_HEAD = "三、本年度办理结果"
T3_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

RESULT_WEIGHTS = {
    "granted": 30, "partial": 7, "denied_state_secret": 0.4, "denied_law": 0.6,
    "denied_three_safety": 0.4, "denied_third_party": 2, "denied_internal": 1.5,
    "denied_process": 2, "denied_enforcement": 0.6, "denied_query": 1.5,
    "unable_not_held": 20, "unable_create": 4, "unable_unclear": 3,
    "ignored_petition": 4, "ignored_repeat": 2, "ignored_publication": 0.5,
    "ignored_massive": 0.6, "ignored_confirm": 1, "other_no_correction": 2,
    "other_no_fee": 0.2, "other_other": 3, "other": 5,
}

T4_GROUPS = ["review", "suit_direct", "suit_after_review"]
T4_COLS = ["upheld", "corrected", "other", "pending", "total"]
T4_COL_LABELS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]

CN_NUM = "一二三四五六七八九十"


def result_rows(three_other):
    return T3_RESULT_ROWS_BASE + (T3_OTHER_THREE if three_other else T3_OTHER_ONE) + \
        [("results_total", None, "（七）总计")]


def t3_row_order(three_other):
    return ["new", "carried_over"] + [k for k, _, _ in result_rows(three_other)] + ["carried_forward"]


def result_keys(three_other):
    return [k for k, _, _ in result_rows(three_other) if k != "results_total"]


# ---------------------------------------------------------------------------
# Bodies: names composed from place-name stems
# ---------------------------------------------------------------------------

STEM_A = list("安平永清长新东西南北青白云龙凤金玉石宝华兴德丰泰和宁昌盛乐福临江河山川源泉溪湖桥林松柏桂梅兰鹤鹿马牛阳城岭峰海滨沙丘田禾稻麦柳杨")
STEM_B = list("安平阳川河江源泉溪湖山城宁昌兴德丰泰和华林峰岭州台坪坝口塘桥门关堡庄店营集镇渡湾沟岗洲浦")

PROV_DEPTS = ["自然资源厅", "生态环境厅", "交通运输厅", "水利厅", "农业农村厅", "商务厅",
              "文化和旅游厅", "卫生健康委员会", "市场监督管理局", "人民政府办公厅", "教育厅",
              "住房和城乡建设厅", "民政厅", "司法厅", "财政厅", "人力资源和社会保障厅", "林业和草原局",
              "医疗保障局", "统计局"]
CITY_DEPTS = ["交通运输局", "卫生健康委员会", "市场监督管理局", "自然资源和规划局", "生态环境局",
              "住房和城乡建设局", "退役军人事务局", "医疗保障局", "应急管理局", "统计局", "审计局",
              "人民政府地方志办公室", "公共资源交易中心", "人民政府办公室", "教育局", "民政局", "司法局",
              "财政局", "城市管理局", "水务局", "农业农村局", "科学技术局", "人民政府国有资产监督管理委员会"]
COUNTY_DEPTS = ["农业农村局", "教育体育局", "卫生健康局", "市场监督管理局", "自然资源局", "民政局",
                "人力资源和社会保障局", "住房和城乡建设局", "交通运输局", "水利局", "林业局", "司法局",
                "财政局", "审计局", "应急管理局", "退役军人事务局", "医疗保障局", "人民政府办公室",
                "发展和改革局", "统计局", "商务局", "乡村振兴局"]
BRACKETED = [
    ("文化广播电视和旅游局", "文物局"),
    ("人民政府办公室", "人民政府外事办公室"),
    ("商务局", "粮食和物资储备局"),
    ("卫生健康局", "中医药管理局"),
    ("发展和改革局", "粮食局"),
    ("人民政府办公室", "大数据中心"),
    ("民族宗教事务局", "人民政府台湾事务办公室"),
    ("科学技术局", "知识产权局"),
]


class Body:
    def __init__(self, **kw):
        self.__dict__.update(kw)


def stem(rng, used=None):
    for _ in range(50):
        s = rng.choice(STEM_A) + rng.choice(STEM_B)
        if s[0] != s[1] and (used is None or s not in used):
            if used is not None:
                used.add(s)
            return s
    return s


def draw_body(rng):
    used = set()
    prov = stem(rng, used) + "省"
    city = stem(rng, used)
    county = stem(rng, used)
    dist = stem(rng, used)
    town = stem(rng, used)
    level = rng.choices(
        ["prov_dept", "city_gov", "city_dept", "district_gov", "county_gov", "county_dept",
         "town", "street", "mgmt", "bracketed"],
        weights=[6, 5, 12, 8, 8, 16, 12, 10, 6, 7])[0]
    short = None        # shorter name some titles print
    parent_office = None
    if level == "prov_dept":
        full = prov + rng.choice(PROV_DEPTS)
        scale = rng.choice([2, 3, 3])
        parent_office = prov + "人民政府办公厅"
    elif level == "city_gov":
        full = city + "市人民政府"
        scale = 3
        parent_office = city + "市人民政府办公室"
    elif level == "city_dept":
        full = city + "市" + rng.choice(CITY_DEPTS)
        scale = rng.choice([1, 2, 2, 3])
        parent_office = city + "市人民政府"
    elif level == "district_gov":
        full = city + "市" + dist + "区人民政府"
        if rng.random() < 0.4:
            full = dist + "区人民政府"
        scale = rng.choice([2, 3])
        parent_office = full.replace("人民政府", "人民政府办公室")
    elif level == "county_gov":
        full = county + "县人民政府"
        if rng.random() < 0.3:
            full = city + "市" + full
        scale = rng.choice([2, 2, 3])
        parent_office = full.replace("人民政府", "人民政府办公室")
    elif level == "county_dept":
        if rng.random() < 0.6:
            full = county + "县" + rng.choice(COUNTY_DEPTS)
            parent_office = county + "县人民政府"
        else:
            full = city + "市" + dist + "区" + rng.choice(COUNTY_DEPTS)
            parent_office = city + "市" + dist + "区人民政府"
        scale = rng.choice([0, 1, 1, 2])
    elif level == "town":
        kind = rng.choice(["镇", "镇", "乡"])
        base = rng.choice([county + "县", dist + "区", ""]) + town + kind
        full = base + "人民政府"
        if rng.random() < 0.35:
            short = base
        scale = rng.choice([0, 0, 1])
        parent_office = (base[:-len(town + kind)] or county + "县") + "人民政府"
    elif level == "street":
        base = rng.choice([city + "市" + dist + "区", dist + "区", ""]) + town + "街道"
        full = base + "办事处"
        if rng.random() < 0.35:
            short = base
        scale = rng.choice([0, 0, 1])
        parent_office = (dist + "区人民政府")
    elif level == "mgmt":
        full = rng.choice([
            city + "经济技术开发区管理委员会",
            city + "市" + stem(rng, used) + "高新技术产业开发区管委会",
            stem(rng, used) + "综合实验区管委会",
            city + "市" + stem(rng, used) + "生态示范区管理委员会",
            county + "县" + stem(rng, used) + "工业园区管理委员会",
        ])
        scale = rng.choice([1, 2])
        parent_office = full
    else:  # bracketed second name
        main, second = rng.choice(BRACKETED)
        place = rng.choice([county + "县", city + "市", city + "市" + dist + "区"])
        lb, rb = rng.choice([("（", "）"), ("（", "）"), ("(", ")")])
        sec = second if rng.random() < 0.5 else place + second
        full = place + main + lb + sec + rb
        scale = rng.choice([1, 2])
        parent_office = place + "人民政府"
    return Body(level=level, full=full, short=short, scale=scale, prov=prov, city=city,
                county=county, dist=dist, town=town, parent_office=parent_office)


# ---------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------

def draw_n(rng, scale):
    if scale <= 0:
        return 0 if rng.random() < 0.8 else rng.randint(1, 3)
    if scale == 1:
        return 0 if rng.random() < 0.3 else rng.randint(1, 12)
    if scale == 2:
        return rng.randint(3, 80)
    return int(min(2500, max(40, rng.lognormvariate(5.0, 0.9))))


def draw_t3(rng, scale, three_other, zero=False):
    rkeys = result_keys(three_other)
    v = {}
    legal_active = {c: (not zero) and rng.random() < {"commercial": 0.35, "research": 0.06,
                                                      "social": 0.05, "legal": 0.18,
                                                      "other": 0.15}[c] * (0.4 if scale <= 1 else 1.0)
                    for c in LEGAL}
    for c in APPL:
        if zero:
            n = co = cf = 0
        elif c == "natural":
            n = draw_n(rng, scale)
            co = rng.randint(0, max(1, n // 12)) if (n and rng.random() < 0.3) else 0
            cf = rng.randint(0, max(1, (n + co) // 8)) if (n + co and rng.random() < 0.35) else 0
        elif legal_active[c]:
            n = rng.randint(1, {0: 1, 1: 2, 2: 8, 3: 60}[scale])
            co = rng.randint(0, 1) if rng.random() < 0.15 else 0
            cf = rng.randint(0, 1) if rng.random() < 0.15 else 0
            cf = min(cf, n + co)
        else:
            n = co = cf = 0
        proc = n + co - cf
        cnt = Counter(rng.choices(rkeys, weights=[RESULT_WEIGHTS[k] for k in rkeys], k=proc)) if proc else Counter()
        v["t3.new." + c] = n
        v["t3.carried_over." + c] = co
        v["t3.carried_forward." + c] = cf
        v["t3.results_total." + c] = proc
        for k in rkeys:
            v["t3.%s.%s" % (k, c)] = cnt.get(k, 0)
    for r in t3_row_order(three_other):
        v["t3.%s.total" % r] = sum(v["t3.%s.%s" % (r, c)] for c in APPL)
    return v


def draw_t4(rng, scale, zero=False):
    v = {}
    p_active = {0: 0.05, 1: 0.15, 2: 0.4, 3: 0.75}[scale]
    for g in T4_GROUPS:
        vals = [0, 0, 0, 0]
        if not zero and rng.random() < p_active * (1.0 if g != "suit_after_review" else 0.5):
            hi = {0: 1, 1: 2, 2: 4, 3: 25}[scale]
            vals = [rng.randint(0, hi), rng.randint(0, max(1, hi // 3)) if rng.random() < 0.3 else 0,
                    rng.randint(0, max(1, hi // 3)) if rng.random() < 0.3 else 0,
                    rng.randint(0, max(1, hi // 2)) if rng.random() < 0.4 else 0]
            if sum(vals) == 0:
                vals[0] = 1
        for c, x in zip(T4_COLS[:4], vals):
            v["t4.%s.%s" % (g, c)] = x
        v["t4.%s.total" % g] = sum(vals)
    return v


def draw_fee(rng, scale):
    if scale <= 1 or rng.random() < 0.45:
        return 0
    x = rng.lognormvariate(3.0, 1.8)
    return round(min(x, 99999.0), rng.choice([0, 1, 2, 2, 2, 4]))


def draw_t2_2021(rng, scale, level, zero=False):
    v = {}
    big = level in ("prov_dept", "city_gov")
    if zero:
        for k in ["rules.issued", "rules.repealed", "rules.in_force", "normative.issued",
                  "normative.repealed", "normative.in_force", "licensing.decisions",
                  "penalty.decisions", "coercion.decisions"]:
            v["t2." + k] = 0
        v["t2.fees.amount"] = 0
        return v
    if big and rng.random() < 0.7:
        iss = rng.randint(0, 6)
        rep = rng.randint(0, 4)
        v.update({"t2.rules.issued": iss, "t2.rules.repealed": rep,
                  "t2.rules.in_force": iss + rng.randint(5, 180)})
    else:
        v.update({"t2.rules.issued": 0, "t2.rules.repealed": 0, "t2.rules.in_force": 0})
    if scale >= 1 and rng.random() < 0.75:
        iss = rng.randint(0, {1: 4, 2: 15, 3: 60}[scale])
        v.update({"t2.normative.issued": iss, "t2.normative.repealed": rng.randint(0, max(1, iss)),
                  "t2.normative.in_force": iss + rng.randint(0, {1: 10, 2: 80, 3: 500}[scale])})
    else:
        v.update({"t2.normative.issued": 0, "t2.normative.repealed": 0, "t2.normative.in_force": 0})

    def dec(p, hi):
        return rng.randint(1, hi) if rng.random() < p else 0
    v["t2.licensing.decisions"] = dec({0: 0.1, 1: 0.4, 2: 0.7, 3: 0.9}[scale], {0: 20, 1: 300, 2: 9000, 3: 400000}[scale])
    v["t2.penalty.decisions"] = dec({0: 0.1, 1: 0.3, 2: 0.6, 3: 0.85}[scale], {0: 10, 1: 80, 2: 3000, 3: 60000}[scale])
    v["t2.coercion.decisions"] = dec({0: 0.02, 1: 0.1, 2: 0.3, 3: 0.5}[scale], {0: 3, 1: 10, 2: 200, 3: 3000}[scale])
    v["t2.fees.amount"] = draw_fee(rng, scale)
    return v


def draw_t2_2019(rng, scale, level, zero=False, procurement=True, proc_unit="元"):
    v = {}
    big = level in ("prov_dept", "city_gov")
    rows3 = ["licensing", "other_mgmt", "penalty", "coercion"]
    if zero:
        for k in ["rules.made", "rules.published", "rules.public_total", "normative.made",
                  "normative.published", "normative.public_total"]:
            v["t2." + k] = 0
        for r in rows3:
            for c in ("prev_items", "change", "decisions"):
                v["t2.%s.%s" % (r, c)] = 0
        v["t2.fees.prev_items"] = 0
        v["t2.fees.change"] = 0
        if procurement:
            v["t2.procurement.items"] = 0
            v["t2.procurement.amount"] = 0
        return v
    if big and rng.random() < 0.7:
        m = rng.randint(0, 15)
        v.update({"t2.rules.made": m, "t2.rules.published": m if rng.random() < 0.8 else rng.randint(0, m),
                  "t2.rules.public_total": m + rng.randint(10, 500)})
    else:
        v.update({"t2.rules.made": 0, "t2.rules.published": 0, "t2.rules.public_total": 0})
    if scale >= 1 and rng.random() < 0.75:
        m = rng.randint(0, {1: 5, 2: 20, 3: 80}[scale])
        v.update({"t2.normative.made": m,
                  "t2.normative.published": m if rng.random() < 0.75 else rng.randint(0, m),
                  "t2.normative.public_total": m + rng.randint(0, {1: 10, 2: 100, 3: 800}[scale])})
    else:
        v.update({"t2.normative.made": 0, "t2.normative.published": 0, "t2.normative.public_total": 0})
    for r in rows3:
        p = {"licensing": 0.7, "other_mgmt": 0.35, "penalty": 0.6, "coercion": 0.3}[r] * (0.4 if scale <= 1 else 1)
        if rng.random() < p:
            prev = rng.randint(1, {0: 5, 1: 20, 2: 150, 3: 900}[scale])
            ch = rng.randint(-min(prev, 10), 12) if rng.random() < 0.5 else 0
            dec = rng.randint(0, {0: 10, 1: 200, 2: 6000, 3: 300000}[scale])
            v.update({"t2.%s.prev_items" % r: prev, "t2.%s.change" % r: ch, "t2.%s.decisions" % r: dec})
        else:
            v.update({"t2.%s.prev_items" % r: 0, "t2.%s.change" % r: 0, "t2.%s.decisions" % r: 0})
    if scale >= 2 and rng.random() < 0.5:
        prev = rng.randint(1, 30)
        v["t2.fees.prev_items"] = prev
        v["t2.fees.change"] = rng.randint(-min(prev, 5), 3) if rng.random() < 0.4 else 0
    else:
        v["t2.fees.prev_items"] = 0
        v["t2.fees.change"] = 0
    if procurement:
        if rng.random() < 0.55:
            v["t2.procurement.items"] = rng.randint(1, 200)
            if proc_unit == "元":
                v["t2.procurement.amount"] = rng.randint(10, 9000) * rng.choice([100, 1000, 10])
            else:
                v["t2.procurement.amount"] = round(rng.uniform(1, 20000), rng.choice([2, 2, 4]))
        else:
            v["t2.procurement.items"] = 0
            v["t2.procurement.amount"] = 0
    return v


# ---------------------------------------------------------------------------
# Printing numbers
# ---------------------------------------------------------------------------

FW = str.maketrans("0123456789", "０１２３４５６７８９")


def parse_printed(s):
    """The number a printed cell means (used to check every cell against its truth)."""
    t = unicodedata.normalize("NFKC", s).strip()
    if t in ("", "—", "——", "/", "无", "-"):
        return 0
    t = t.replace(",", "")
    m = re.fullmatch(r"(增加|增|减少|减)?\s*([+-]?\d+(?:\.\d+)?)\s*(件|万元|元|项|个|条)?", t)
    if not m:
        raise ValueError("unparseable printed cell %r" % s)
    x = float(m.group(2)) if "." in m.group(2) else int(m.group(2))
    if m.group(1) in ("减少", "减"):
        x = -x
    return x


class Printer:
    """Per-document (and per-table) choices of how numbers are printed."""

    def __init__(self, rng, kind):
        self.rng = rng
        self.zero = {}
        base = rng.choices(["0", "", "—", "无", "/", "mixed"], weights=[45, 18, 12, 7, 6, 12])[0]
        self.mixed = {}
        for t in ("t2", "t3", "t4"):
            self.zero[t] = base if rng.random() < 0.75 else rng.choice(["0", "", "—", "mixed"])
            # a mixed table prints its zeros two ways (e.g. 0 in some cells, blank in others)
            self.mixed[t] = rng.choice([("0", ""), ("0", ""), ("", "—"), ("0", "—"), ("0", "/"), ("", "无")])
        self.thousands = rng.random() < 0.3
        self.fullwidth = rng.choices(["none", "all", "some"], weights=[85, 8, 7])[0]
        self.units = kind in ("docx_word", "pdf_office") and rng.random() < 0.35
        # units mostly in table 2's wide cells; in table 3's narrow cells "12件" wraps in Word
        self.unit_tables = ({"t2"} | ({"t3"} if rng.random() < 0.25 else set())) if self.units else set()
        self.change_words = rng.random() < 0.1
        # Word kinds: full-width digits (one em each) would wrap inside table 3/4's narrow cells
        self.fw_narrow_max = 2 if kind in ("docx_word", "pdf_office") else 99
        self.fee_zero = rng.choice(["0", "0", "0.00", "0.0"])

    def notes(self):
        return {"zero": {t: (z if z != "mixed" else "mixed " + "|".join(repr(m) for m in self.mixed[t]))
                         for t, z in self.zero.items()}, "thousands": self.thousands, "fullwidth": self.fullwidth,
                "units": sorted(self.unit_tables), "change_words": self.change_words}

    def fmt(self, table, key, v, force_blank=False):
        rng = self.rng
        if force_blank:
            return ""
        if v == 0:
            z = self.zero[table]
            if z == "mixed":
                z = rng.choice(self.mixed[table])
            if z == "0" and key.endswith("fees.amount"):
                z = self.fee_zero
            if z == "0" and key.endswith(".amount") and table == "t2" and "procurement" in key:
                z = "0"
            return self._fw(z)
        neg = v < 0
        a = abs(v)
        if isinstance(a, float) and a == int(a):
            a = int(a)
        if isinstance(a, float):
            nd = len(repr(a).split(".")[1])
            s = ("{:,.%df}" % nd).format(a) if self.thousands else ("%.*f" % (nd, a))
        else:
            s = "{:,}".format(a) if (self.thousands and a >= 1000) else str(a)
        if table == "t2" or len(s) <= self.fw_narrow_max:
            s = self._fw(s)
        if key.endswith(".change"):
            if self.change_words and v != 0:
                return (rng.choice(["减", "减少"]) if neg else rng.choice(["增", "增加"])) + s
            return ("-" if neg else "") + s
        if neg:
            s = "-" + s
        if table in self.unit_tables and rng.random() < 0.6:
            if key.endswith("fees.amount"):
                s += "万元"
            elif key.endswith("procurement.amount"):
                pass
            else:
                s += "件"
        return s

    def _fw(self, s):
        if self.fullwidth == "all" or (self.fullwidth == "some" and self.rng.random() < 0.3):
            return s.translate(FW)
        return s


def num_text(printer, n):
    """A number inside narrative text."""
    s = str(n)
    if printer.fullwidth == "all":
        s = s.translate(FW)
    return s


# ---------------------------------------------------------------------------
# Grids
# ---------------------------------------------------------------------------

class Cell:
    __slots__ = ("text", "rs", "cs", "role", "key", "value")

    def __init__(self, text, rs=1, cs=1, role="label", key=None, value=None):
        self.text, self.rs, self.cs, self.role, self.key, self.value = text, rs, cs, role, key, value


class Grid:
    def __init__(self, ncols, name):
        self.ncols = ncols
        self.name = name
        self.cells = []          # (r, c, Cell)
        self.nrows = 0
        self.header_rows = 0
        self.ragged = set()      # rows that end early (cells deleted)
        self.short_rows = set()  # rows printing fewer value cells
        self.label_cols = 1

    def put(self, r, c, cell):
        self.cells.append((r, c, cell))
        self.nrows = max(self.nrows, r + cell.rs)

    def row_cells(self):
        rows = [[] for _ in range(self.nrows)]
        for r, c, cell in self.cells:
            rows[r].append((c, cell))
        for x in rows:
            x.sort(key=lambda t: t[0])
        return rows

    def covering(self):
        """For each row, the cells from rows above that cover it (rowspan), with their column."""
        cov = [[] for _ in range(self.nrows)]
        for r, c, cell in self.cells:
            for rr in range(r + 1, r + cell.rs):
                cov[rr].append((c, cell))
        for x in cov:
            x.sort(key=lambda t: t[0])
        return cov

    def truth(self):
        out = {}
        for _, _, cell in self.cells:
            if cell.key:
                got = parse_printed(cell.text)
                if abs(got - cell.value) > 1e-9:
                    raise AssertionError("cell %s printed %r means %r, not %r" % (cell.key, cell.text, got, cell.value))
                out[cell.key] = cell.value
        return out

    def split(self, at, repeat_header, continuation):
        """Two grids: rows [0, at) and header (optional) + rows [at, n).  Spans crossing
        the cut are clipped; the second part's clipped labels are blank or repeated."""
        a = Grid(self.ncols, self.name)
        b = Grid(self.ncols, self.name)
        a.header_rows = b.header_rows = self.header_rows
        a.label_cols = b.label_cols = self.label_cols
        off = self.header_rows if repeat_header else 0
        for r, c, cell in self.cells:
            end = r + cell.rs
            if r < self.header_rows and repeat_header:
                b.put(r, c, Cell(cell.text, cell.rs, cell.cs, cell.role))
            if r < at:
                a.put(r, c, Cell(cell.text, min(end, at) - r, cell.cs, cell.role, cell.key, cell.value))
                if end > at:  # continues in part b
                    b.put(off, c, Cell(cell.text if continuation == "repeat" else "", end - at, cell.cs, cell.role))
            else:
                b.put(r - at + off, c, Cell(cell.text, cell.rs, cell.cs, cell.role, cell.key, cell.value))
        for r in self.ragged:
            (a.ragged.add(r) if r < at else b.ragged.add(r - at + off))
        for r in self.short_rows:
            (a.short_rows.add(r) if r < at else b.short_rows.add(r - at + off))
        if not repeat_header:
            b.header_rows = 0
        return a, b


class Labels:
    """Per-document label spellings."""

    def __init__(self, rng):
        self.paren = rng.choices(["full", "half", "full_space"], weights=[70, 22, 8])[0]
        self.item_dot = rng.choices([".", "．", "、", ". "], weights=[70, 12, 10, 8])[0]
        self.break_headers = rng.random() < 0.4
        self.t2_in_force_hist = rng.random() < 0.08

    def p(self, s):
        if self.paren == "half":
            s = s.replace("（", "(").replace("）", ")")
        elif self.paren == "full_space":
            s = re.sub(r"^（([一二三四五六七八九十]+)）", r"（\1） ", s)
        return s

    def item(self, s):
        return re.sub(r"^(\d)\.", lambda m: m.group(1) + self.item_dot, s)

    def hdr(self, s):
        if self.break_headers and len(s) == 4:
            return s[:2] + "\n" + s[2:]
        return s


def build_t2_2021(vals, pr, lab, rng, pad_single):
    g = Grid(4, "t2")
    r = 0

    def sec(t):
        nonlocal r
        g.put(r, 0, Cell(lab.p(t), cs=4, role="header"))
        r += 1

    def hdr(cols):
        nonlocal r
        g.put(r, 0, Cell("信息内容", role="header"))
        if len(cols) == 1:
            if pad_single:
                g.put(r, 1, Cell(cols[0], role="header"))
                g.put(r, 2, Cell("", role="header"))
                g.put(r, 3, Cell("", role="header"))
            else:
                g.put(r, 1, Cell(cols[0], cs=3, role="header"))
        else:
            for i, t in enumerate(cols):
                g.put(r, 1 + i, Cell(t, role="header"))
        r += 1

    def row(label, keys):
        nonlocal r
        g.put(r, 0, Cell(label))
        if len(keys) == 1:
            k = keys[0]
            cell = Cell(pr.fmt("t2", k, vals[k]), role="value", key=k, value=vals[k])
            if pad_single:
                g.put(r, 1, cell)
                g.put(r, 2, Cell("", role="pad"))
                g.put(r, 3, Cell("", role="pad"))
            else:
                cell.cs = 3
                g.put(r, 1, cell)
        else:
            for i, k in enumerate(keys):
                g.put(r, 1 + i, Cell(pr.fmt("t2", k, vals[k]), role="value", key=k, value=vals[k]))
        r += 1

    sec("第二十条第（一）项")
    hdr(["本年制发件数", "本年废止件数", "现行有效件数（历史累计）" if lab.t2_in_force_hist else "现行有效件数"])
    row("规章", ["t2.rules.issued", "t2.rules.repealed", "t2.rules.in_force"])
    row("行政规范性文件", ["t2.normative.issued", "t2.normative.repealed", "t2.normative.in_force"])
    sec("第二十条第（五）项")
    hdr(["本年处理决定数量"])
    row("行政许可", ["t2.licensing.decisions"])
    sec("第二十条第（六）项")
    hdr(["本年处理决定数量"])
    row("行政处罚", ["t2.penalty.decisions"])
    row("行政强制", ["t2.coercion.decisions"])
    sec("第二十条第（八）项")
    hdr(["本年收费金额（单位：万元）"])
    row("行政事业性收费", ["t2.fees.amount"])
    return g


def build_t2_2019(vals, pr, lab, rng, procurement, proc_unit):
    g = Grid(4, "t2")
    r = 0

    def sec(t):
        nonlocal r
        g.put(r, 0, Cell(lab.p(t), cs=4, role="header"))
        r += 1

    def hdr(cols):
        nonlocal r
        g.put(r, 0, Cell("信息内容", role="header"))
        if len(cols) == 2:
            g.put(r, 1, Cell(cols[0], role="header"))
            g.put(r, 2, Cell(cols[1], cs=2, role="header"))
        else:
            for i, t in enumerate(cols):
                g.put(r, 1 + i, Cell(t, role="header"))
        r += 1

    def row(label, keys):
        nonlocal r
        g.put(r, 0, Cell(label))
        for i, k in enumerate(keys):
            cell = Cell(pr.fmt("t2", k, vals[k]), role="value", key=k, value=vals[k])
            if k.endswith("procurement.amount") and vals[k] != 0 and proc_unit == "元" and rng.random() < 0.6:
                cell.text += "元"
            if len(keys) == 2 and i == 1:
                cell.cs = 2
            g.put(r, 1 + i, cell)
        r += 1

    new_made = "本年新\n制作数量" if lab.break_headers else "本年新制作数量"
    new_pub = "本年新\n公开数量" if lab.break_headers else "本年新公开数量"
    sec("第二十条第（一）项")
    hdr([new_made, new_pub, "对外公开总数量"])
    row("规章", ["t2.rules.made", "t2.rules.published", "t2.rules.public_total"])
    row("规范性文件", ["t2.normative.made", "t2.normative.published", "t2.normative.public_total"])
    sec("第二十条第（五）项")
    hdr(["上一年项目数量", "本年增/减", "处理决定数量"])
    row("行政许可", ["t2.licensing.prev_items", "t2.licensing.change", "t2.licensing.decisions"])
    row("其他对外管理服务事项", ["t2.other_mgmt.prev_items", "t2.other_mgmt.change", "t2.other_mgmt.decisions"])
    sec("第二十条第（六）项")
    hdr(["上一年项目数量", "本年增/减", "处理决定数量"])
    row("行政处罚", ["t2.penalty.prev_items", "t2.penalty.change", "t2.penalty.decisions"])
    row("行政强制", ["t2.coercion.prev_items", "t2.coercion.change", "t2.coercion.decisions"])
    sec("第二十条第（八）项")
    hdr(["上一年项目数量", "本年增/减"])
    row("行政事业性收费", ["t2.fees.prev_items", "t2.fees.change"])
    if procurement:
        sec("第二十条第（九）项")
        hdr(["采购项目数量", "采购总金额（万元）" if proc_unit == "万元" else "采购总金额"])
        row("政府集中采购", ["t2.procurement.items", "t2.procurement.amount"])
    return g


def build_t3(vals, pr, lab, three_other, short_rows, short_mode, blank_totals):
    """Table 3 on a 10-column grid: 3 label columns + 7 applicant columns."""
    g = Grid(10, "t3")
    g.label_cols = 3
    g.put(0, 0, Cell(T3_CORNER, rs=3, cs=3, role="header"))
    g.put(0, 3, Cell("申请人情况", cs=7, role="header"))
    g.put(1, 3, Cell("自然人", rs=2, role="header"))
    g.put(1, 4, Cell("法人或其他组织", cs=5, role="header"))
    g.put(1, 9, Cell("总计", rs=2, role="header"))
    for i, c in enumerate(LEGAL):
        g.put(2, 4 + i, Cell(lab.hdr(COL_LABELS[c]), role="header"))
    g.header_rows = 3
    r = 3
    rows = result_rows(three_other)

    def values(r, rk):
        if rk in short_rows:
            g.short_rows.add(r)
            kn, kt = "t3.%s.natural" % rk, "t3.%s.total" % rk
            nat = Cell(pr.fmt("t3", kn, vals[kn]), role="value", key=kn, value=vals[kn])
            tot = Cell(pr.fmt("t3", kt, vals[kt]), role="value", key=kt, value=vals[kt])
            if short_mode == "span":
                nat.cs = 6
                g.put(r, 3, nat)
                g.put(r, 9, tot)
            else:
                g.put(r, 3, nat)
                g.put(r, 4, tot)
                g.ragged.add(r)
            return
        for i, c in enumerate(COLS):
            k = "t3.%s.%s" % (rk, c)
            fb = (c == "total" and k in blank_totals)
            g.put(r, 3 + i, Cell(pr.fmt("t3", k, vals[k], force_blank=fb), role="value", key=k, value=vals[k]))

    for rk in ("new", "carried_over"):
        g.put(r, 0, Cell(T3_TOP[rk], cs=3))
        values(r, rk)
        r += 1
    g.put(r, 0, Cell(T3_RESULTS_HEAD, rs=len(rows)))
    i = 0
    while i < len(rows):
        rk, grp, item = rows[i]
        if grp is None:
            g.put(r + i, 1, Cell(lab.p(item), cs=2))
            values(r + i, rk)
            i += 1
            continue
        j = i
        while j < len(rows) and rows[j][1] == grp:
            j += 1
        g.put(r + i, 1, Cell(lab.p(grp), rs=j - i))
        for k in range(i, j):
            g.put(r + k, 2, Cell(lab.item(rows[k][2])))
            values(r + k, rows[k][0])
        i = j
    r += len(rows)
    g.put(r, 0, Cell(T3_TOP["carried_forward"], cs=3))
    values(r, "carried_forward")
    return g


def build_t4(vals, pr, lab):
    g = Grid(15, "t4")
    g.label_cols = 0
    g.put(0, 0, Cell("行政复议", cs=5, role="header"))
    g.put(0, 5, Cell("行政诉讼", cs=10, role="header"))
    for i, t in enumerate(T4_COL_LABELS):
        g.put(1, i, Cell(lab.hdr(t) if t != "总计" else t, rs=2, role="header"))
    g.put(1, 5, Cell("未经复议直接起诉", cs=5, role="header"))
    g.put(1, 10, Cell("复议后起诉", cs=5, role="header"))
    for gi in range(2):
        for i, t in enumerate(T4_COL_LABELS):
            g.put(2, 5 + gi * 5 + i, Cell(lab.hdr(t) if t != "总计" else t, role="header"))
    g.header_rows = 3
    for gi, grp in enumerate(T4_GROUPS):
        for i, c in enumerate(T4_COLS):
            k = "t4.%s.%s" % (grp, c)
            g.put(3, gi * 5 + i, Cell(pr.fmt("t4", k, vals[k]), role="value", key=k, value=vals[k]))
    return g


# ---------------------------------------------------------------------------
# Consistency rules (report-format.md), computed from printed figures only
# ---------------------------------------------------------------------------

def compute_breaks(fig, narrative_n):
    br = set()
    t3rows = []
    for k in fig:
        if k.startswith("t3."):
            rk = k.split(".")[1]
            if rk not in t3rows:
                t3rows.append(rk)
    if t3rows:
        def g(r, c):
            return fig.get("t3.%s.%s" % (r, c), 0)
        for r in t3rows:
            if "t3.%s.total" % r in fig and any("t3.%s.%s" % (r, c) in fig for c in APPL):
                if sum(g(r, c) for c in APPL) != g(r, "total"):
                    br.add("t3.row_sum")
        res = [r for r in t3rows if r not in ("new", "carried_over", "carried_forward", "results_total")]
        for c in COLS:
            if "t3.results_total.%s" % c in fig or any("t3.%s.%s" % (r, c) in fig for r in res):
                if sum(g(r, c) for r in res) != g("results_total", c):
                    br.add("t3.results_sum")
            if any("t3.%s.%s" % (r, c) in fig for r in ("new", "carried_over", "results_total", "carried_forward")):
                if g("new", c) + g("carried_over", c) != g("results_total", c) + g("carried_forward", c):
                    br.add("t3.balance")
    for grp in T4_GROUPS:
        if "t4.%s.total" % grp in fig:
            if sum(fig.get("t4.%s.%s" % (grp, c), 0) for c in T4_COLS[:4]) != fig["t4.%s.total" % grp]:
                br.add("t4.group_sum")
    if narrative_n is not None and "t3.new.total" in fig and narrative_n != fig["t3.new.total"]:
        br.add("narrative.requests")
    order = ["t3.balance", "t3.row_sum", "t3.results_sum", "t4.group_sum", "narrative.requests"]
    return [b for b in order if b in br]


def inject_error(rng, vals, three_other, short_rows, notes):
    """Change printed figures (or blank the 总计 column) so that some rule breaks.
    Rows printing only 自然人 and 总计 are never touched, nor the legal-person columns
    when such rows exist (their deleted cells would make the sums ambiguous)."""
    blank_totals = set()
    rkeys = result_keys(three_other)
    kinds = ["t3_total", "t3_cell", "t3_results_total", "t3_cf_pair", "t4_total", "t3_blank_totals", "t3_digit_swap"]
    kind = rng.choices(kinds, weights=[22, 18, 12, 12, 18, 8, 10])[0]
    cols_ok = ["natural"] if short_rows else APPL

    def ok_rows(rows):
        return [r for r in rows if r not in short_rows]

    def bump(k):
        old = vals[k]
        d = rng.choice([-2, -1, 1, 1, 2, 3, 10])
        new = old + d
        if new < 0:
            new = old + abs(d)
        vals[k] = new
        return "%s %s->%s" % (k, old, new)

    desc = None
    if kind == "t3_total":
        rows = ok_rows(["new", "carried_over", "results_total", "carried_forward"] + rkeys[:3] + ["unable_not_held"])
        if rows:
            desc = bump("t3.%s.total" % rng.choice(rows))
    elif kind == "t3_cell":
        rows = ok_rows(rkeys[:2] + ["unable_not_held", "ignored_petition", "new"])
        if rows:
            desc = bump("t3.%s.%s" % (rng.choice(rows), rng.choice(cols_ok)))
    elif kind == "t3_results_total":
        if "results_total" not in short_rows:
            desc = bump("t3.results_total.%s" % rng.choice(cols_ok + ["total"]))
    elif kind == "t3_cf_pair":
        if "carried_forward" not in short_rows:
            c = rng.choice(cols_ok)
            d = rng.choice([1, 1, 2])
            vals["t3.carried_forward.%s" % c] += d
            vals["t3.carried_forward.total"] += d
            desc = "t3.carried_forward.%s and .total +%d" % (c, d)
    elif kind == "t3_blank_totals":
        rows = ok_rows(rkeys)
        if any(vals["t3.%s.total" % r] for r in rows):
            blank_totals = {"t3.%s.total" % r for r in rows}
            for k in blank_totals:
                vals[k] = 0
            desc = "总计 column blank for every result row"
    elif kind == "t3_digit_swap":
        rows = ok_rows(t3_row_order(three_other))
        cand = ["t3.%s.%s" % (r, c) for r in rows for c in cols_ok + ["total"]
                if vals["t3.%s.%s" % (r, c)] >= 12 and len(set(str(vals["t3.%s.%s" % (r, c)]))) > 1]
        if cand:
            k = rng.choice(cand)
            old = vals[k]
            s = str(old)
            vals[k] = int(s[1] + s[0] + s[2:])
            desc = "%s %s->%s (digits swapped)" % (k, old, vals[k])
    if desc is None:
        kind = "t4_total"
    if kind == "t4_total":
        desc = bump("t4.%s.total" % rng.choice(T4_GROUPS))
    notes["error"] = kind + ": " + desc
    return blank_totals


# ---------------------------------------------------------------------------
# Narrative
# ---------------------------------------------------------------------------

def cn_section(i):
    return CN_NUM[i - 1] + "、"


OVERVIEW = [
    "{Y}年，{self}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，围绕中心工作，持续深化政务公开，不断提升政府信息公开工作质效。",
    "{Y}年，在上级政务公开主管部门的指导下，{self}严格落实《条例》各项要求，进一步完善工作机制，规范公开流程，政府信息公开工作取得新进展。",
    "{self}高度重视政府信息公开工作，将其纳入年度重点工作统筹推进，{Y}年各项工作有序开展，公开质量稳步提升。",
]
ACTIVE = [
    "{Y}年，{self}通过政府门户网站、政务新媒体、公开栏等渠道主动公开政府信息{A}条，其中政策文件{B}条、工作动态{C}条。",
    "全年共主动公开各类政府信息{A}条，及时发布财政预决算、人事任免、重点工作推进等信息，依法公开行政规范性文件。",
    "{Y}年度，我{short}在门户网站“政府信息公开”专栏发布信息{A}条，更新政府信息公开指南和目录。",
]
REQ_SENT = [
    "{Y}年，{self}共收到政府信息公开申请{N}件，均在法定期限内予以答复。",
    "全年共受理政府信息公开申请{N}件，其中自然人申请{NN}件、法人或其他组织申请{NL}件，已全部按时办结。",
    "{Y}年度共新收政府信息公开申请{N}件，上年结转{CO}件，依法依规作出答复。",
    "本年度我{short}收到依申请公开{N}件，答复率100%。",
]
REQ_ZERO = [
    "{Y}年，{self}未收到政府信息公开申请。",
    "{Y}年度，我{short}共收到政府信息公开申请0件。",
    "本年度未收到公民、法人或其他组织提出的政府信息公开申请，无行政复议和行政诉讼情况。",
]
REQ_NONE = [
    "{self}进一步规范依申请公开受理、审核、答复等环节，畅通申请渠道，严格按照法定时限答复，做到答复内容准确、程序规范。",
    "坚持依法依规办理政府信息公开申请，加强与申请人的沟通，提升答复质量。",
]
MGMT = [
    "严格落实“先审后发”和“三审三校”制度，加强政府信息公开保密审查，对拟公开信息的准确性、合法性进行审核把关。",
    "及时做好政府信息的清理更新，对已公开的政策文件进行动态管理，确保信息内容准确、有效。",
]
PLATFORM = [
    "加强政府门户网站信息公开专栏建设，优化栏目设置，规范政务新媒体管理，拓宽信息公开渠道。",
    "依托政府网站集约化平台，持续完善信息公开目录，确保公开平台运行平稳、更新及时。",
]
SUPERVISE = [
    "将政务公开工作纳入年度考核，明确专人负责，定期开展自查，主动接受社会监督，本年度未发生责任追究情况。",
    "健全政务公开工作监督机制，加强业务培训，提升工作人员业务能力和水平。",
]
PROBLEMS = [
    "{Y}年，我{short}政府信息公开工作取得了一定成效，但也存在一些不足：一是公开内容的深度和广度有待拓展；二是政策解读形式较为单一；三是工作人员业务能力有待提升。{Y1}年，我们将从以下方面加以改进：一是加大主动公开力度；二是丰富政策解读形式；三是加强业务培训。",
    "存在的主要问题是信息更新不够及时、栏目维护有待加强。下一步，将进一步健全信息发布审核机制，加强栏目日常维护，提高信息公开的时效性和规范性。",
    "对照上级要求，我{short}政务公开工作仍有差距，主要表现在主动公开的精准度不够、回应关切不够及时。{Y1}年将持续完善工作机制，强化监督检查，推动政务公开提质增效。",
]
OTHER_MATTERS = [
    "本年度未收取政府信息公开信息处理费。",
    "{Y}年，{short}未发生收取信息处理费的情况。",
    "依据《政府信息公开信息处理费管理办法》，本年度共收取信息处理费0元。",
    "无。",
    "（一）本机关未收取信息处理费。（二）{Y}年政务公开工作要点落实情况良好，各项任务已按要求完成。",
]


def short_self(body):
    """How the body calls itself in its own text (我局, 我委, 我镇 ...)."""
    name = re.split(r"[（(]", body.full)[0]
    if name.endswith("人民政府"):
        return {"city_gov": "市", "district_gov": "区", "county_gov": "县"}.get(
            body.level, "乡" if name.endswith("乡人民政府") else "镇")
    for suf, me in (("街道办事处", "街道"), ("委员会", "委"), ("管委会", "委"), ("办公厅", "厅"),
                    ("办公室", "办"), ("中心", "中心"), ("厅", "厅"), ("局", "局")):
        if name.endswith(suf):
            return me
    return "单位"


def build_narrative(rng, body, year, vals_shown, printed, pr, narr_mode, notes):
    """Paragraphs of section 一; returns (paragraphs, stated request count or None)."""
    Y = num_text(pr, year)
    self_name = body.full if rng.random() < 0.5 else ("我" + short_self(body))
    sh = short_self(body)
    fmt = dict(Y=Y, Y1=num_text(pr, year + 1), self=self_name, short=sh,
               A=num_text(pr, rng.randint(10, 3000)), B=num_text(pr, rng.randint(1, 60)),
               C=num_text(pr, rng.randint(5, 400)))
    paras = [rng.choice(OVERVIEW).format(**fmt)]
    sub = ["（一）主动公开情况", "（二）依申请公开情况", "（三）政府信息管理情况", "（四）政府信息公开平台建设情况", "（五）监督保障情况"]
    if rng.random() < 0.3:
        sub = [s.replace("情况", "") for s in sub]
    n_printed = printed.get("t3.new.total", 0)
    t4_zero = all(printed.get("t4.%s.total" % g, 0) == 0 for g in T4_GROUPS)
    rfmt = dict(fmt)
    stated = None
    if narr_mode == "none":
        req = rng.choice(REQ_NONE).format(**fmt)
    else:
        n = n_printed
        if narr_mode == "mismatch":
            if body.level in ("city_gov", "district_gov", "county_gov") and n > 5 and rng.random() < 0.6:
                n = rng.randint(1, max(1, n // 4))
                prefix = rng.choice(["{o}代表{g}".format(o={"city_gov": "市政府办公室", "district_gov": "区政府办",
                                                            "county_gov": "县政府办公室"}[body.level],
                                                         g={"city_gov": "市政府", "district_gov": "区政府",
                                                            "county_gov": "县政府"}[body.level])])
                notes["narrative"] = "text counts the office's own requests (%d), table 3 the whole body's" % n
                rfmt["self"] = prefix
            else:
                n = max(0, n + rng.choice([-2, -1, 1, 1, 2, 5]))
                if n == n_printed:
                    n += 1
                notes["narrative"] = "text states %d requests, table 3 prints %d" % (n, n_printed)
        if n != n_printed and "narrative" not in notes:
            notes["narrative"] = "text states %d requests (as counted), table 3 prints %d" % (n, n_printed)
        stated = n
        nn = vals_shown.get("t3.new.natural", 0)
        nl = n - nn if n >= nn else 0
        if n == 0:
            req = rng.choice(REQ_ZERO if t4_zero else REQ_ZERO[:2]).format(**rfmt)
        else:
            choices = REQ_SENT if (nl >= 0 and narr_mode != "mismatch") else [REQ_SENT[0], REQ_SENT[3]]
            req = rng.choice(choices).format(N=num_text(pr, n), NN=num_text(pr, nn), NL=num_text(pr, nl),
                                             CO=num_text(pr, vals_shown.get("t3.carried_over.total", 0)), **rfmt)
    bodies = [rng.choice(ACTIVE).format(**fmt), req, rng.choice(MGMT), rng.choice(PLATFORM), rng.choice(SUPERVISE)]
    inline = rng.random() < 0.5
    for s, b in zip(sub, bodies):
        if inline:
            paras.append(s + "。" + b if not s.endswith("。") else s + b)
        else:
            paras.append(s)
            paras.append(b)
    return paras, stated


# ---------------------------------------------------------------------------
# Report model
# ---------------------------------------------------------------------------

class Report:
    pass


def title_lines(rng, agency, year, pr):
    Y = num_text(pr, year)
    form = rng.choices(["a", "b", "c", "d", "e"], weights=[50, 15, 18, 8, 9])[0]
    if form == "a":
        parts = [agency, Y + "年", "政府信息公开", "工作年度报告"]
    elif form == "b":
        parts = [agency, Y + "年度", "政府信息公开", "工作年度报告"]
    elif form == "c":
        parts = [Y + "年", agency, "政府信息公开", "工作年度报告"]
    elif form == "d":
        parts = [agency, " ", Y + " 年", "政府信息公开", "工作年度报告"]
    else:
        parts = [agency, Y + "年", "政府信息公开", "工作报告" if rng.random() < 0.4 else "年度报告"]
    text = "".join(parts)
    nlines = rng.choices([1, 2, 3], weights=[40, 42, 18])[0]
    if nlines == 1:
        return [text], form
    # candidate break offsets
    cands = []
    pos = 0
    for p in parts[:-1]:
        pos += len(p)
        cands.append(pos)
    idx = text.find("工作年度报告")
    if idx > 0:
        cands.append(idx + 3)          # "…工作年" / "度报告"
    for br in ("（", "("):
        i = text.find(br)
        if i > 0:
            cands.append(i)
    for suf in ("人民政府", "街道办事处", "管理委员会"):
        i = text.find(suf)
        if 2 < i < len(agency):
            cands.append(i)
    cands = sorted(set(c for c in cands if 0 < c < len(text)))
    cuts = sorted(rng.sample(cands, min(len(cands), nlines - 1)))
    lines, last = [], 0
    for c in cuts:
        lines.append(text[last:c].strip())
        last = c
    lines.append(text[last:].strip())
    return [l for l in lines if l], form


def make_report(rng, kind):
    R = Report()
    R.kind = kind
    notes = {}
    R.year = rng.choices([2019, 2020, 2021, 2022, 2023, 2024], weights=[12, 14, 16, 18, 20, 20])[0]
    R.fmt = "2019" if R.year <= 2020 else "2021"
    body = draw_body(rng)
    R.body = body
    printed_name = body.short if body.short else body.full
    R.agency = printed_name
    pr = Printer(rng, kind)
    R.pr = pr
    lab = Labels(rng)
    R.lab = lab
    notes["body_level"] = body.level
    # table 3 generation
    if R.fmt == "2019":
        three_other = False
    else:
        three_other = rng.random() < 0.85
    R.three_other = three_other
    notes["t3_other"] = "three rows" if three_other else "one row"
    blank_t3 = rng.random() < 0.07
    blank_t2 = rng.random() < 0.05
    blank_t4 = rng.random() < 0.08
    vals = {}
    procurement = True
    proc_unit = rng.choice(["元", "万元"])
    if R.fmt == "2021":
        vals.update(draw_t2_2021(rng, body.scale, body.level, zero=blank_t2))
    else:
        procurement = rng.random() < 0.85
        vals.update(draw_t2_2019(rng, body.scale, body.level, zero=blank_t2, procurement=procurement,
                                 proc_unit=proc_unit))
    vals.update(draw_t3(rng, body.scale, three_other, zero=blank_t3))
    vals.update(draw_t4(rng, body.scale, zero=blank_t4))
    if blank_t2:
        pr.zero["t2"] = ""
        notes["t2"] = "whole table printed blank"
    if blank_t3:
        pr.zero["t3"] = ""
        notes["t3"] = "whole table printed blank"
    if blank_t4:
        pr.zero["t4"] = ""
        notes["t4"] = "whole table printed blank"
    omit_t4 = (not blank_t4) and rng.random() < 0.04 and all(vals["t4.%s.total" % g] == 0 for g in T4_GROUPS)
    # short rows (自然人 and 总计 only)
    short_rows = set()
    short_mode = None
    # reportlab rendering choices drawn here, since short rows need visible cell borders there
    R.pdf_rule = rng.choice(["grid", "grid", "hrules", "none"]) if kind == "pdf_plain" else None
    if not blank_t3 and rng.random() < (0.08 if kind == "txt_export" else 0.12) and R.pdf_rule in (None, "grid"):
        rows_legal_zero = [r for r in t3_row_order(three_other)
                           if all(vals["t3.%s.%s" % (r, c)] == 0 for c in LEGAL)]
        if rows_legal_zero:
            if rng.random() < 0.5 and len(rows_legal_zero) == len(t3_row_order(three_other)):
                short_rows = set(rows_legal_zero)
            else:
                short_rows = set(rng.sample(rows_legal_zero, max(1, len(rows_legal_zero) // rng.choice([1, 2, 3]))))
            short_mode = rng.choice(["span", "ragged"])
            notes["t3_short_rows"] = "%d rows print only 自然人 and 总计 (%s)" % (len(short_rows), short_mode)
    R.short_rows, R.short_mode = short_rows, short_mode
    # errors
    blank_totals = set()
    written = dict(vals)   # what the narrative's author counted (before any typo in the table)
    if rng.random() < 0.15 and not blank_t3:
        blank_totals = inject_error(rng, vals, three_other, short_rows, notes)
    narr_mode = rng.choices(["count", "none", "mismatch"], weights=[70, 22, 8])[0]
    R.vals = vals
    R.paras_overview, R.narrative_n = build_narrative(rng, body, R.year, written, vals, pr, narr_mode, notes)
    # grids
    R.t2 = (build_t2_2021(vals, pr, lab, rng, pad_single=rng.random() < 0.3) if R.fmt == "2021"
            else build_t2_2019(vals, pr, lab, rng, procurement, proc_unit))
    R.t3 = build_t3(vals, pr, lab, three_other, short_rows, short_mode, blank_totals)
    R.t4 = None if omit_t4 else build_t4(vals, pr, lab)
    if omit_t4:
        notes["t4"] = "not printed (text says there were none)"
    figures = {}
    for gr in (R.t2, R.t3, R.t4):
        if gr is not None:
            figures.update(gr.truth())
    R.figures = figures
    R.breaks = compute_breaks(figures, R.narrative_n)
    # text pieces
    R.title_lines, tform = title_lines(rng, printed_name, R.year, pr)
    notes["title"] = "form %s, %d line(s)" % (tform, len(R.title_lines))
    notes["printer"] = pr.notes()
    R.pub_date = "%d-%02d-%02d" % (R.year + 1, rng.randint(1, 3), rng.randint(1, 28))
    R.notes = notes
    R.sections = build_sections(rng, R)
    return R


def build_sections(rng, R):
    """The document as blocks: ('p', text) | ('h', text) | ('table', grid) | ('note', text)."""
    pr = R.pr
    Y = num_text(pr, R.year)
    body = R.body
    blocks = []
    cite = "（国办公开办函〔2021〕30号）" if R.fmt == "2021" else ""
    intro = rng.choice([
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》%s要求编制。本报告中所列数据的统计期限自%s年1月1日起至%s年12月31日止。" % (cite, Y, Y),
        "根据《中华人民共和国政府信息公开条例》规定，现公布%s%s年政府信息公开工作年度报告。报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六部分组成。所列数据统计期限为%s年1月1日至%s年12月31日。" % (body.full, Y, Y, Y),
        "本报告由%s根据《中华人民共和国政府信息公开条例》要求编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告中所列数据统计期限自%s年1月1日起至%s年12月31日止。如对本报告有疑问，请与%s联系（电话：0%d-%d）。" % (
            body.parent_office if body.level in ("city_gov", "district_gov", "county_gov") else body.full,
            Y, Y, body.full, rng.randint(310, 999), rng.randint(2000000, 8999999)),
    ])
    blocks.append(("p", intro))
    drop_numbers = rng.random() < 0.06
    heads = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
             "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"]
    if R.fmt == "2019" and rng.random() < 0.4:
        heads[3] = "因政府信息公开工作被申请行政复议、提起行政诉讼情况"
    if rng.random() < 0.1:
        heads[1] = "行政机关主动公开政府信息情况"

    def head(i):
        if drop_numbers and i in (3, 4):
            return heads[i - 1]
        return cn_section(i) + heads[i - 1]

    blocks.append(("h", head(1)))
    for p in R.paras_overview:
        blocks.append(("p", p))
    blocks.append(("h", head(2)))
    blocks.append(("table", R.t2))
    blocks.append(("h", head(3)))
    blocks.append(("table", R.t3))
    blocks.append(("h", head(4)))
    if R.t4 is not None:
        blocks.append(("table", R.t4))
    else:
        blocks.append(("p", "%s年，本机关未发生因政府信息公开引起的行政复议、行政诉讼案件。" % Y))
    blocks.append(("h", head(5)))
    fmt = dict(Y=Y, Y1=num_text(pr, R.year + 1), short=short_self(body))
    blocks.append(("p", rng.choice(PROBLEMS).format(**fmt)))
    blocks.append(("h", head(6)))
    blocks.append(("p", rng.choice(OTHER_MATTERS).format(**fmt)))
    if rng.random() < 0.35:
        d = R.pub_date.split("-")
        blocks.append(("sign", body.full))
        blocks.append(("sign", "%s年%d月%d日" % (num_text(pr, int(d[0])), int(d[1]), int(d[2]))))
    return blocks


# ---------------------------------------------------------------------------
# Rendering: HTML article page
# ---------------------------------------------------------------------------

def esc(s):
    return html.escape(s, quote=False)


def html_cell_inner(text, role, st, rng, align):
    lines = text.split("\n")
    if st["mso"]:
        font = st["font"]
        if text == "":
            return ('<p class="MsoNormal" align="center" style="text-align:center"><span lang="EN-US" '
                    'style="font-size:10.5pt;font-family:%s"><o:p>&nbsp;</o:p></span></p>' % font)
        parts = []
        for ln in lines:
            t = esc(ln)
            if role == "value" and len(ln) > 1 and rng.random() < 0.15:
                cut = rng.randint(1, len(ln) - 1)
                t = '%s</span><span lang="EN-US" style="font-size:10.5pt;font-family:%s">%s' % (esc(ln[:cut]), font, esc(ln[cut:]))
            parts.append('<p class="MsoNormal" align="%s" style="text-align:%s"><span lang="EN-US" '
                         'style="font-size:10.5pt;font-family:%s">%s</span></p>' % (align, align, font, t))
        return "".join(parts)
    if text == "":
        return st["blank"]
    inner = "<br/>".join(esc(l) for l in lines)
    if st["p_in_cell"]:
        return '<p align="%s">%s</p>' % (align, inner)
    return inner


def html_table(grid, st, rng):
    widths = {"t2": [180] + [120] * 3, "t3": [30, 70, 170] + [50] * 7, "t4": [40] * 15}[grid.name]
    if st["mso"]:
        out = ['<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" width="%d" '
               'style="width:%dpt;border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt">'
               % (sum(widths), sum(widths) * 3 // 4)]
    else:
        out = ['<table border="1" cellspacing="0" cellpadding="%d" align="center" style="border-collapse:collapse">'
               % rng.choice([0, 2, 4])]
    out.append("<tbody>")
    for r, cells in enumerate(grid.row_cells()):
        out.append('<tr style="height:%dpt">' % rng.choice([18, 20, 24]) if st["mso"] else "<tr>")
        for c, cell in cells:
            attrs = []
            if cell.cs > 1:
                attrs.append('colspan="%d"' % cell.cs)
            if cell.rs > 1:
                attrs.append('rowspan="%d"' % cell.rs)
            w = sum(widths[c:c + cell.cs])
            if st["mso"]:
                attrs.append('width="%d" valign="center" style="width:%.1fpt;border:solid windowtext 1.0pt;'
                             'padding:0cm 5.4pt 0cm 5.4pt"' % (w, w * 0.75))
            elif st["td_width"]:
                attrs.append('style="width:%dpx;"' % w)
            align = "left" if (cell.role == "label" and rng.random() < 0.7) else "center"
            out.append("<td%s>%s</td>" % ("".join(" " + x for x in attrs),
                                           html_cell_inner(cell.text, cell.role, st, rng, align)))
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out) if st["one_line"] else "\n".join(out)


META_STYLES = ["trs_table", "ul_list", "dl_pairs", "div_rows", "none_info"]


def html_meta_block(rng, style, R, publisher, idx_no, topic, date, written):
    date_cn = "%s年%s月%s日" % tuple(date.split("-"))
    d = date if rng.random() < 0.7 else date_cn
    w = written if rng.random() < 0.7 else "%s年%s月%s日" % tuple(written.split("-"))
    title = "".join(R.title_lines)
    if style == "trs_table":
        return ('<div class="xxgk_detail"><table class="xxgk-info" width="100%" cellspacing="0" cellpadding="0">'
                '<tr><th>索&nbsp;引&nbsp;号：</th><td>{i}</td><th>主题分类：</th><td>{t}</td></tr>'
                '<tr><th>发布机构：</th><td>{p}</td><th>成文日期：</th><td>{w}</td></tr>'
                '<tr><th>名&emsp;&emsp;称：</th><td colspan="3">{n}</td></tr>'
                '<tr><th>文&emsp;&emsp;号：</th><td></td><th>发文日期：</th><td>{d}</td></tr>'
                '</table></div>').format(i=esc(idx_no), t=esc(topic), p=esc(publisher), w=esc(w), n=esc(title), d=esc(d))
    if style == "ul_list":
        items = [("索引号", idx_no), ("发布机构", publisher), ("主题分类", topic), ("成文日期", w),
                 ("发文日期", d), ("文号", ""), ("时效性", "有效")]
        return '<ul class="zwgk-meta">' + "".join(
            '<li><span class="k">%s：</span><span class="v">%s</span></li>' % (k, esc(v)) for k, v in items) + "</ul>"
    if style == "dl_pairs":
        items = [("索 引 号", idx_no), ("发布机构", publisher), ("发文日期", d), ("主题分类", topic), ("成文日期", w)]
        return '<dl class="info-list">' + "".join("<dt>%s</dt><dd>%s</dd>" % (k, esc(v)) for k, v in items) + "</dl>"
    if style == "div_rows":
        return ('<div class="gk-head"><div class="row"><span>索引号：%s</span><span>发布机构：%s</span></div>'
                '<div class="row"><span>主题分类：%s</span><span>发文日期：%s</span></div>'
                '<div class="row"><span>成文日期：%s</span><span>文号：</span></div></div>') % (
                    esc(idx_no), esc(publisher), esc(topic), esc(d), esc(w))
    return ""


def render_html(rng, R, path):
    notes = R.notes
    encoding = rng.choices(["utf-8", "gbk"], weights=[60, 40])[0]
    meta_style = rng.choice(META_STYLES)
    title_tag = rng.choice(["h1", "div", "p", "h2"])
    st = {"mso": rng.random() < 0.6, "font": rng.choice(["宋体", "仿宋_GB2312", "&quot;仿宋&quot;"]),
          "blank": rng.choice(["", "&nbsp;", "　"]), "p_in_cell": rng.random() < 0.5,
          "td_width": rng.random() < 0.5, "one_line": rng.random() < 0.4}
    if st["blank"] == "　":
        st["blank"] = "&#12288;" if encoding != "utf-8" else "　"
    notes["html"] = {"encoding": encoding, "meta": meta_style, "title_tag": title_tag, "mso_tables": st["mso"]}
    body = R.body
    site = (body.parent_office or body.full).replace("办公室", "").replace("办公厅", "")
    if not site.endswith("人民政府"):
        site = site + "门户网站"
    publisher = body.full if rng.random() < 0.75 else (body.parent_office or body.full)
    notes["html"]["publisher_meta"] = publisher
    title = "".join(R.title_lines)
    idx_no = "%s%06d%s/%d-%05d" % (rng.choice(["11", "00", "MB"]), rng.randint(0, 999999),
                                   rng.choice(["MB1", "XY", "K"]), R.year + 1, rng.randint(1, 99999))
    topic = rng.choice(["政府信息公开年报", "综合政务\\政务公开", "其他", "年度报告"])
    written = "%d-%02d-%02d" % (R.year + 1, int(R.pub_date[5:7]), max(1, int(R.pub_date[8:10]) - rng.randint(0, 5)))
    charset_meta = ('<meta charset="%s">' % ("gbk" if rng.random() < 0.5 else "gb2312")) if encoding == "gbk" \
        else '<meta charset="utf-8">'
    if encoding == "gbk" and rng.random() < 0.5:
        charset_meta = '<meta http-equiv="Content-Type" content="text/html; charset=%s">' % rng.choice(["gbk", "gb2312"])
    h = ["<!DOCTYPE html>", '<html><head>', charset_meta,
         "<title>%s_%s</title>" % (esc(title), esc(site)),
         '<meta name="SiteName" content="%s">' % esc(site),
         '<meta name="ColumnName" content="政府信息公开年报">',
         '<meta name="ArticleTitle" content="%s">' % esc(title),
         '<meta name="PubDate" content="%s %02d:%02d">' % (R.pub_date, rng.randint(8, 18), rng.randint(0, 59)),
         '<meta name="ContentSource" content="%s">' % esc(publisher),
         '<link rel="stylesheet" href="/images/style.css">', "</head><body>"]
    h.append('<div class="top"><div class="logo">%s</div><ul class="nav"><li><a href="/">首页</a></li>'
             '<li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li>'
             '<li><a href="/hdjl/">互动交流</a></li><li><a href="/zjxx/">走进%s</a></li></ul></div>'
             % (esc(site), esc(body.city)))
    crumb_sep = rng.choice([" &gt; ", " > ", " » ", "&nbsp;&gt;&nbsp;"])
    crumbs = ["首页", "政务公开", "政府信息公开", "政府信息公开年报"]
    if body.level in ("county_dept", "city_dept", "town", "street", "bracketed"):
        crumbs.insert(3, "部门信息公开" if "镇" not in body.full and "街道" not in body.full else "乡镇（街道）信息公开")
    h.append('<div class="crumb">当前位置：' + crumb_sep.join('<a href="#">%s</a>' % c for c in crumbs) + "</div>")
    h.append('<div class="main">')
    meta_before = rng.random() < 0.75
    mb = html_meta_block(rng, meta_style, R, publisher, idx_no, topic, R.pub_date, written)
    if meta_before:
        h.append(mb)
    tl = "<br>".join(esc(l) for l in R.title_lines) if rng.random() < 0.7 else \
        "".join("<p>%s</p>" % esc(l) for l in R.title_lines)
    if title_tag == "h1":
        h.append('<h1 class="article-title">%s</h1>' % tl)
    elif title_tag == "h2":
        h.append('<h2 style="text-align:center">%s</h2>' % tl)
    elif title_tag == "div":
        h.append('<div class="title" style="font-size:22px;font-weight:bold;text-align:center">%s</div>' % tl)
    else:
        h.append('<p style="text-align:center;font-weight:bold;font-size:20px">%s</p>' % tl)
    h.append('<div class="info">发布时间：%s&nbsp;&nbsp;来源：%s&nbsp;&nbsp;浏览次数：%d&nbsp;&nbsp;'
             '字号：[<a>大</a> <a>中</a> <a>小</a>]&nbsp;<a href="javascript:window.print()">打印</a></div>'
             % (R.pub_date, esc(publisher), rng.randint(20, 3000)))
    if not meta_before:
        h.append(mb)
    cont_cls = rng.choice(['class="TRS_Editor"', 'id="zoom"', 'class="article-content"', 'class="view TRS_UEDITOR trs_paper_default"'])
    h.append("<div %s>" % cont_cls)
    for blk in R.sections:
        kind = blk[0]
        if kind == "table":
            h.append('<div align="center">' + html_table(blk[1], st, rng) + "</div>")
        elif kind == "h":
            if st["mso"]:
                h.append('<p class="MsoNormal" style="text-indent:32.0pt"><b><span style="font-size:16.0pt;'
                         'font-family:黑体">%s</span></b></p>' % esc(blk[1]))
            else:
                h.append("<p><strong>%s</strong></p>" % esc(blk[1]))
        elif kind == "sign":
            h.append('<p style="text-align:right">%s</p>' % esc(blk[1]))
        else:
            if st["mso"]:
                h.append('<p class="MsoNormal" style="text-indent:32.0pt;line-height:28.0pt"><span style="font-size:'
                         '16.0pt;font-family:仿宋_GB2312">%s</span></p>' % esc(blk[1]))
            else:
                h.append('<p style="text-indent:2em">%s</p>' % esc(blk[1]))
    h.append("</div>")
    # related links: other years of the same body, and other bodies
    other_years = [y for y in range(R.year - 3, R.year + 2) if y != R.year and 2015 <= y <= 2024]
    rel = rng.sample(other_years, min(len(other_years), rng.randint(1, 3)))
    h.append('<div class="related"><h3>相关链接</h3><ul>')
    for y in rel:
        h.append('<li><a href="../%d01/t%d0120_%d.html">%s%d年政府信息公开工作年度报告</a><span>%d-01-2%d</span></li>'
                 % (y + 1, y + 1, rng.randint(10000, 99999), esc(R.agency), y, y + 1, rng.randint(0, 9)))
    h.append('<li><a href="#">%s%d年政府信息公开工作年度报告</a></li>' % (esc(body.parent_office or ""), R.year))
    h.append("</ul></div>")
    h.append('<div class="share">分享到：<a>微信</a> <a>微博</a> <a href="javascript:window.close()">【关闭窗口】</a></div>')
    h.append("</div>")
    h.append('<div class="footer"><p>主办：%s&nbsp;&nbsp;承办：%s大数据中心</p><p>网站标识码：%d&nbsp;&nbsp;'
             '%sICP备%08d号&nbsp;&nbsp;公网安备 %d号</p></div>'
             % (esc(body.parent_office or body.full), esc(body.city + "市"), rng.randint(1000000000, 9999999999),
                rng.choice(["冀", "晋", "苏", "浙", "皖", "闽", "赣", "鲁", "豫", "鄂", "湘", "粤", "川", "黔", "滇", "陕", "甘"]),
                rng.randint(10000000, 99999999), rng.randint(10000000000000, 99999999999999)))
    h.append("</body></html>")
    text = "\n".join(h)
    with open(path, "wb") as fh:
        fh.write(text.encode(encoding, errors="xmlcharrefreplace"))
    R.published = R.pub_date


# ---------------------------------------------------------------------------
# Rendering: DOCX (python-docx)
# ---------------------------------------------------------------------------

def docx_builder(rng, R, path):
    import docx
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, Cm

    notes = R.notes
    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(rng.choice([2.2, 2.6, 2.8]))
    sec.top_margin = sec.bottom_margin = Cm(rng.choice([2.5, 3.0, 3.7]))
    body_font = rng.choice(["仿宋_GB2312", "仿宋", "宋体"])
    body_size = rng.choice([12, 14, 16])
    tfont = rng.choice(["宋体", "仿宋_GB2312", "Times New Roman"])
    tsize = rng.choice([9, 10, 10.5])

    def set_font(run, name, size, bold=False):
        run.font.size = Pt(size)
        run.font.bold = bold
        rpr = run._element.get_or_add_rPr()
        rf = rpr.find(qn("w:rFonts"))
        if rf is None:
            rf = OxmlElement("w:rFonts")
            rpr.insert(0, rf)
        rf.set(qn("w:eastAsia"), name)
        rf.set(qn("w:ascii"), name if name == "Times New Roman" else "Times New Roman")
        rf.set(qn("w:hAnsi"), "Times New Roman")

    def para(text, align=None, size=None, bold=False, indent=True, font=None):
        p = d.add_paragraph()
        if align is not None:
            p.alignment = align
        if indent:
            p.paragraph_format.first_line_indent = Pt((size or body_size) * 2)
        p.paragraph_format.space_after = Pt(0)
        run = p.add_run(text)
        set_font(run, font or body_font, size or body_size, bold)
        return p

    # title
    tmode = rng.choice(["paras", "breaks"])
    notes["docx"] = {"title": tmode, "body_font": body_font}
    if tmode == "paras" or len(R.title_lines) == 1:
        for ln in R.title_lines:
            para(ln, WD_ALIGN_PARAGRAPH.CENTER, 22, True, False, "方正小标宋简体")
    else:
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for i, ln in enumerate(R.title_lines):
            run = p.add_run(ln)
            set_font(run, "方正小标宋简体", 22, True)
            if i < len(R.title_lines) - 1:
                run.add_break()
    if rng.random() < 0.3:
        d.add_paragraph()

    blank_fill = rng.choice(["", "", "\u3000"])   # blank cells left empty or holding a full-width space
    split_t3 = rng.random() < 0.35
    repeat_hdr = rng.random() < 0.5
    tbl_header_flag = rng.random() < 0.5
    notes["docx"].update({"t3_split": split_t3, "t3_split_repeat_header": split_t3 and repeat_hdr,
                          "header_rows_flagged_repeat": tbl_header_flag})
    widths_cm = {"t2": [5.0, 3.6, 3.6, 3.6], "t3": [0.8, 2.0, 4.2] + [1.3] * 6 + [1.5], "t4": [1.05] * 15}

    def add_grid(grid, page_break_before=False):
        if page_break_before:
            p = d.add_paragraph()
            p.add_run().add_break(WD_BREAK.PAGE)
        tbl = d.add_table(rows=grid.nrows, cols=grid.ncols)
        tbl.style = "Table Grid"
        tbl.alignment = 1
        tbl.autofit = False
        mar = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            el = OxmlElement("w:" + side)
            el.set(qn("w:w"), "57")
            el.set(qn("w:type"), "dxa")
            mar.append(el)
        tbl._tbl.tblPr.append(mar)
        ws = widths_cm[grid.name]
        tot = sum(ws)
        avail = 21 - 2 * sec.left_margin.cm
        scale = min(1.0, avail / tot)
        ws = [w * scale for w in ws]
        grid_el = tbl._tbl.tblGrid
        for i, gc in enumerate(grid_el.findall(qn("w:gridCol"))):
            gc.set(qn("w:w"), str(int(ws[i] * 567)))
        # every cell object up front: table.cell() rescans the whole grid on each call
        from docx.table import _Cell
        at = [[_Cell(tc, tbl) for tc in tr.tc_lst] for tr in tbl._tbl.tr_lst]
        for row in at:
            for i, c in enumerate(row):
                c.width = Cm(ws[i])
        for r, c, cell in grid.cells:
            a = at[r][c]
            if cell.rs > 1 or cell.cs > 1:
                a = a.merge(at[r + cell.rs - 1][c + cell.cs - 1])
            a.text = ""
            lines = (cell.text or (blank_fill if cell.role in ("value", "pad") else "")).split("\n")
            p = a.paragraphs[0]
            for i, ln in enumerate(lines):
                run = p.add_run(ln)
                set_font(run, tfont, tsize)
                if i < len(lines) - 1:
                    run.add_break()
            p.alignment = (WD_ALIGN_PARAGRAPH.CENTER if cell.role != "label" else
                           rng.choice([WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER]))
            p.paragraph_format.first_line_indent = Pt(0)
            a.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        if tbl_header_flag and grid.header_rows:
            for r in range(grid.header_rows):
                trPr = tbl.rows[r]._tr.get_or_add_trPr()
                el = OxmlElement("w:tblHeader")
                el.set(qn("w:val"), "true")
                trPr.append(el)
        # ragged rows: delete the trailing cells that hold nothing
        for r in grid.ragged:
            tr = tbl.rows[r]._tr
            used = max(c + cell.cs for rr, c, cell in grid.cells if rr == r)
            tcs = tr.findall(qn("w:tc"))
            # count grid columns covered by each tc, drop those starting at or after `used`
            col = 0
            for tc in tcs:
                span = 1
                tcpr = tc.tcPr
                if tcpr is not None and tcpr.find(qn("w:gridSpan")) is not None:
                    span = int(tcpr.find(qn("w:gridSpan")).get(qn("w:val")))
                if col >= used:
                    tr.remove(tc)
                col += span
        return tbl

    for blk in R.sections:
        k = blk[0]
        if k == "h":
            para(blk[1], None, body_size, rng.random() < 0.6, True, "黑体" if rng.random() < 0.6 else body_font)
        elif k == "p":
            para(blk[1])
        elif k == "sign":
            para(blk[1], WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
        elif k == "table":
            grid = blk[1]
            if grid.name == "t3" and split_t3:
                at = rng.randint(grid.header_rows + 6, grid.nrows - 3)
                a, b = grid.split(at, repeat_hdr, rng.choice(["blank", "repeat"]))
                add_grid(a)
                add_grid(b, page_break_before=True)
            else:
                add_grid(grid)
            if rng.random() < 0.5:
                d.add_paragraph()
    d.core_properties.title = rng.choice(["", "".join(R.title_lines), "政府信息公开工作年度报告"])
    d.core_properties.author = rng.choice(["Administrator", "user", "办公室", "xxgk"])
    d.save(path)


# ---------------------------------------------------------------------------
# Rendering: reportlab PDF
# ---------------------------------------------------------------------------

_RL_READY = False


def rl_setup():
    global _RL_READY
    if not _RL_READY:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        _RL_READY = True


def render_pdf_plain(rng, R, path):
    rl_setup()
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
    from reportlab.platypus import SimpleDocTemplate, Paragraph, Table, TableStyle, Spacer, PageBreak, CondPageBreak
    from reportlab.lib import colors

    notes = R.notes
    rule = R.pdf_rule
    valign = rng.choice(["CENTER", "RIGHT"])
    fs = rng.choice([8, 8.5, 9])
    body_fs = rng.choice([10.5, 11, 12])
    split_t3 = rng.random() < 0.3
    repeat_hdr = rng.random() < 0.5
    notes["pdf"] = {"rules": rule, "value_align": valign, "t3_split": split_t3, "font": "STSong-Light"}
    F = "STSong-Light"
    ps_body = ParagraphStyle("b", fontName=F, fontSize=body_fs, leading=body_fs * 1.7, firstLineIndent=body_fs * 2,
                             wordWrap="CJK")
    ps_head = ParagraphStyle("h", parent=ps_body, fontSize=body_fs + 0.5)
    ps_title = ParagraphStyle("t", fontName=F, fontSize=rng.choice([16, 18, 20]), leading=28, alignment=TA_CENTER,
                              wordWrap="CJK")
    ps_sign = ParagraphStyle("s", parent=ps_body, alignment=TA_RIGHT, firstLineIndent=0)
    ps_cell = ParagraphStyle("c", fontName=F, fontSize=fs, leading=fs * 1.25, wordWrap="CJK", alignment=TA_LEFT)
    ps_cell_c = ParagraphStyle("cc", parent=ps_cell, alignment=TA_CENTER)
    page_w = A4[0] - 2 * 56
    wfrac = {"t2": [0.34, 0.22, 0.22, 0.22], "t3": [0.05, 0.14, 0.27] + [0.077] * 7, "t4": [1 / 15.0] * 15}

    def mk_table(grid):
        ws = [w * page_w / sum(wfrac[grid.name]) for w in wfrac[grid.name]]
        data = [["" for _ in range(grid.ncols)] for _ in range(grid.nrows)]
        cmds = [("FONTNAME", (0, 0), (-1, -1), F), ("FONTSIZE", (0, 0), (-1, -1), fs),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
        for r, c, cell in grid.cells:
            if cell.role in ("label", "header"):
                data[r][c] = Paragraph(esc(cell.text).replace("\n", "<br/>"),
                                       ps_cell_c if cell.role == "header" else ps_cell)
            else:
                data[r][c] = cell.text
                cmds.append(("ALIGN", (c, r), (c + cell.cs - 1, r + cell.rs - 1), valign))
            if cell.rs > 1 or cell.cs > 1:
                cmds.append(("SPAN", (c, r), (c + cell.cs - 1, r + cell.rs - 1)))
        if rule == "grid" and grid.ragged:
            # a box round every printed cell, so deleted cells show as no cell at all
            for r, c, cell in grid.cells:
                cmds.append(("BOX", (c, r), (c + cell.cs - 1, r + cell.rs - 1), 0.6, colors.black))
        elif rule == "grid":
            cmds.append(("GRID", (0, 0), (-1, -1), 0.6, colors.black))
        elif rule == "hrules":
            cmds.append(("LINEABOVE", (0, 0), (-1, 0), 1.0, colors.black))
            cmds.append(("LINEBELOW", (0, -1), (-1, -1), 1.0, colors.black))
            if grid.header_rows:
                cmds.append(("LINEBELOW", (0, grid.header_rows - 1), (-1, grid.header_rows - 1), 0.6, colors.black))
            cmds.append(("LINEBELOW", (grid.label_cols, grid.header_rows), (-1, -2), 0.3, colors.grey))
        t = Table(data, colWidths=ws)
        t.setStyle(TableStyle(cmds))
        return t

    story = []
    for ln in R.title_lines:
        story.append(Paragraph(esc(ln), ps_title))
    story.append(Spacer(1, 10))
    for blk in R.sections:
        k = blk[0]
        if k == "h":
            story.append(Paragraph(esc(blk[1]), ps_head))
        elif k == "p":
            story.append(Paragraph(esc(blk[1]), ps_body))
        elif k == "sign":
            story.append(Paragraph(esc(blk[1]), ps_sign))
        else:
            grid = blk[1]
            if grid.name == "t3":
                if split_t3:
                    at = rng.randint(grid.header_rows + 6, grid.nrows - 3)
                    a, b = grid.split(at, repeat_hdr, rng.choice(["blank", "repeat"]))
                    story.append(mk_table(a))
                    story.append(PageBreak())
                    story.append(mk_table(b))
                else:
                    story.append(CondPageBreak(560))
                    story.append(mk_table(grid))
            else:
                story.append(mk_table(grid))
            story.append(Spacer(1, 6))

    page_no = rng.choice(["- %d -", "第 %d 页", None])

    def on_page(canvas, doc):
        if page_no:
            canvas.setFont(F, 9)
            canvas.drawCentredString(A4[0] / 2, 30, page_no % doc.page)

    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=56, rightMargin=56, topMargin=60, bottomMargin=56,
                            title=rng.choice(["", "".join(R.title_lines), "政府信息公开工作年度报告"]),
                            author=rng.choice(["", "Administrator"]))
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)


# ---------------------------------------------------------------------------
# Rendering: plain-text export
# ---------------------------------------------------------------------------

def disp_w(s):
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in s)


def txt_rows(grid, covered_mode, pad_colspan):
    """Logical rows of a grid as lists of cell strings (covered cells as '' or skipped)."""
    rows = grid.row_cells()
    cov = grid.covering()
    out = []
    for r in range(grid.nrows):
        items = [(c, cell.text.replace("\n", ""), cell) for c, cell in rows[r]]
        if covered_mode == "blank":
            items += [(c, "", None) for c, cell in cov[r]]
        items.sort(key=lambda t: t[0])
        cells = []
        for c, t, cell in items:
            cells.append(t)
            if pad_colspan and cell is not None and cell.cs > 1 and r not in grid.short_rows:
                cells.extend([""] * (cell.cs - 1))
        out.append(cells)
    return out


def txt_table(rng, grid, style, opts):
    lines = []
    if style == "tab":
        for cells in txt_rows(grid, opts["covered"], opts["pad"]):
            lines.append("\t".join(cells))
    elif style == "pipe":
        for cells in txt_rows(grid, opts["covered"], opts["pad"] and rng.random() < 0.5):
            lines.append(" | ".join(cells) + " |")
    elif style == "md":
        for cells in txt_rows(grid, "skip", False):
            pad = "|" * rng.choice([0, 1, 2]) if opts["md_pad"] else ""
            lines.append("| " + " | ".join(cells) + " |" + pad)
    elif style == "cell_per_line":
        for cells in txt_rows(grid, opts["covered"] if opts["cpl"] == "tab" else "skip", False):
            if opts["cpl"] == "tab":
                lines.extend("\t" + c for c in cells)
                lines.append("")
            else:
                lines.append("|")
                lines.extend((c + " |") if c else "|" for c in cells)
    else:  # spaces: label, then every value and header cell placed over its own columns
        rows = grid.row_cells()
        lc = grid.label_cols
        nv = grid.ncols - lc
        gap = opts["gap"]
        colw = [2] * nv
        for _, c, cell in grid.cells:
            if c >= lc and cell.cs == 1:
                colw[c - lc] = max(colw[c - lc], disp_w(cell.text.replace("\n", "")))
        colw = [w + gap for w in colw]
        labels = ["".join(cell.text.replace("\n", "") for c, cell in rows[r] if c < lc) for r in range(grid.nrows)]
        body_labels = [labels[r] for r in range(grid.header_rows, grid.nrows)
                       if not any(c < lc and c + cell.cs > lc for c, cell in rows[r])]
        lw = max([disp_w(l) for l in body_labels] + [4]) + 2
        for r in range(grid.nrows):
            spill = [cell for c, cell in rows[r] if c < lc and c + cell.cs > lc]
            if spill:   # a label cell running across the value columns (第二十条第（一）项)
                lines.append(labels[r])
                continue
            lab = labels[r]
            if disp_w(lab) > lw - 2:
                lines.append(lab)
                lab = ""
            line = lab + " " * (lw - disp_w(lab))
            pos = 0   # display columns used after the label
            for c, cell in rows[r]:
                if c < lc:
                    continue
                j = c - lc
                start = sum(colw[:j])
                w = sum(colw[j:j + cell.cs])
                t = cell.text.replace("\n", "")
                if cell.role == "value":
                    lead = start + w - disp_w(t) - pos
                else:
                    lead = start + max(gap, (w - disp_w(t)) // 2) - pos
                if t:
                    line += " " * max(gap if pos else 0, lead) + t
                    pos += max(gap if pos else 0, lead) + disp_w(t)
            lines.append(line.rstrip())
    return lines


def wrap_text(s, width):
    out, cur = [], ""
    for ch in s:
        cur += ch
        if len(cur) >= width and not ch.isdigit():
            out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    return out


def render_txt(rng, R, path):
    notes = R.notes
    style = rng.choice(["tab", "pipe", "md", "cell_per_line", "spaces"])
    if R.short_rows and style == "spaces":
        style = rng.choice(["tab", "pipe", "cell_per_line"])
    opts = {"covered": rng.choice(["blank", "skip"]), "pad": rng.random() < 0.4, "md_pad": rng.random() < 0.5,
            "cpl": rng.choice(["tab", "bar"]), "gap": rng.choice([2, 3, 4])}
    wrap = rng.random() < 0.2
    indent = rng.choice(["", "", "　　", "  "])
    blank_between = rng.random() < 0.5
    eol = "\r\n" if rng.random() < 0.2 else "\n"
    bom = rng.random() < 0.1
    notes["txt"] = {"table_style": style, "covered": opts["covered"], "pad_colspan": opts["pad"],
                    "wrap": wrap, "crlf": eol == "\r\n", "bom": bom}
    if style == "cell_per_line":
        notes["txt"]["cell_per_line"] = opts["cpl"]
    lines = []
    if rng.random() < 0.3:
        lines.append("发布时间：%s  来源：%s" % (R.pub_date, R.body.full))
        lines.append("")
    lines.extend(R.title_lines)
    lines.append("")
    for blk in R.sections:
        k = blk[0]
        if k == "table":
            lines.extend(txt_table(rng, blk[1], style, opts))
            lines.append("")
        elif k == "h":
            lines.append(blk[1])
        elif k == "sign":
            lines.append(blk[1])
        else:
            if wrap:
                lines.extend(wrap_text(indent + blk[1], rng.choice([34, 38, 42])))
            else:
                lines.append(indent + blk[1])
        if blank_between and k != "table":
            lines.append("")
    data = eol.join(lines) + eol
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        fh.write(data)


# ---------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------

KINDS = ["html_article", "docx_word", "pdf_office", "pdf_plain", "txt_export"]
EXT = {"html_article": "html", "docx_word": "docx", "pdf_office": "pdf", "pdf_plain": "pdf", "txt_export": "txt"}


def truth_of(R, fname):
    notes = "; ".join("%s=%s" % (k, json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v)
                      for k, v in R.notes.items())
    t = {"file": fname, "format": R.fmt, "agency": R.agency, "year": R.year,
         "figures": R.figures, "breaks": R.breaks, "rendering": R.kind,
         "notes": "Generated (bench/independent3). " + notes}
    if getattr(R, "published", None):
        t["published"] = R.published
    return t


def soffice_convert(docx_paths, outdir):
    prof = tempfile.mkdtemp(prefix="gen3_lo_profile_")
    try:
        cmd = ["soffice", "-env:UserInstallation=file://" + prof, "--headless", "--convert-to", "pdf",
               "--outdir", outdir] + docx_paths
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900, check=False)
    finally:
        shutil.rmtree(prof, ignore_errors=True)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--n-per-kind", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--kinds", default=",".join(KINDS))
    a = ap.parse_args(argv)
    kinds = [k for k in a.kinds.split(",") if k]
    for k in kinds:
        if k not in KINDS:
            ap.error("unknown kind %s" % k)
    os.makedirs(a.out, exist_ok=True)
    t0 = time.time()
    pending_pdf = []   # (report, docx temp path, final pdf name)
    tmpdir = tempfile.mkdtemp(prefix="gen3_docx_")
    counts = Counter()
    try:
        for kind in kinds:
            for i in range(a.n_per_kind):
                rng = random.Random("%d/%s/%d" % (a.seed, kind, i))
                R = make_report(rng, kind)
                name = "g3_%s_%03d" % (kind, i)
                fname = name + "." + EXT[kind]
                path = os.path.join(a.out, fname)
                if kind == "html_article":
                    render_html(rng, R, path)
                elif kind == "docx_word":
                    docx_builder(rng, R, path)
                elif kind == "pdf_plain":
                    render_pdf_plain(rng, R, path)
                elif kind == "txt_export":
                    render_txt(rng, R, path)
                elif kind == "pdf_office":
                    dp = os.path.join(tmpdir, name + ".docx")
                    docx_builder(rng, R, dp)
                    pending_pdf.append((R, dp, fname))
                    continue
                with open(os.path.join(a.out, name + ".truth.json"), "w", encoding="utf-8") as fh:
                    json.dump(truth_of(R, fname), fh, ensure_ascii=False, indent=1)
                counts[kind] += 1
        if pending_pdf:
            soffice_convert([dp for _, dp, _ in pending_pdf], a.out)
            for R, dp, fname in pending_pdf:
                if not os.path.exists(os.path.join(a.out, fname)):
                    print("warning: soffice did not convert %s" % dp, file=sys.stderr)
                    continue
                with open(os.path.join(a.out, fname[:-4] + ".truth.json"), "w", encoding="utf-8") as fh:
                    json.dump(truth_of(R, fname), fh, ensure_ascii=False, indent=1)
                counts["pdf_office"] += 1
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    print("wrote %s in %.1fs to %s" % (dict(counts), time.time() - t0, a.out))


if __name__ == "__main__":
    main()
