"""Random but realistic content for an annual OGI report: agency, year, figures, narrative.

Everything here is pure Python and driven by a ``random.Random`` so that a seed gives the
same report every time.  Nothing here knows how the report is rendered.
"""
from __future__ import annotations

import random

# ---------------------------------------------------------------------------
# Canonical keys (from /work/shared/report-format.md)
# ---------------------------------------------------------------------------
T3_COLS = ["natural", "commercial", "research", "social", "legal", "other", "total"]
T3_PARTS = T3_COLS[:-1]

# (row key, label column 1 (group), label column 2 (item)) -- template order.
T3_RESULT_ROWS_2021 = [
    ("granted", "（一）予以公开", None),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None),
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
    ("other_no_correction", "（六）其他处理",
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_no_fee", "（六）其他处理",
     "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_other", "（六）其他处理", "3.其他"),
]
T3_OTHER_SINGLE = ("other", "（六）其他处理", None)


def t3_result_rows(single_other: bool):
    rows = [r for r in T3_RESULT_ROWS_2021 if not r[0].startswith("other_")]
    if single_other:
        rows.append(T3_OTHER_SINGLE)
    else:
        rows += [r for r in T3_RESULT_ROWS_2021 if r[0].startswith("other_")]
    return rows


def t3_row_keys(single_other: bool):
    return (["new", "carried_over"] + [r[0] for r in t3_result_rows(single_other)]
            + ["results_total", "carried_forward"])


T4_GROUPS = ["review", "suit_direct", "suit_after_review"]
T4_COLS = ["upheld", "corrected", "other", "pending", "total"]

T2_2021_KEYS = [
    "t2.rules.issued", "t2.rules.repealed", "t2.rules.in_force",
    "t2.normative.issued", "t2.normative.repealed", "t2.normative.in_force",
    "t2.licensing.decisions", "t2.penalty.decisions", "t2.coercion.decisions",
    "t2.fees.amount",
]
T2_2019_KEYS = [
    "t2.rules.made", "t2.rules.published", "t2.rules.public_total",
    "t2.normative.made", "t2.normative.published", "t2.normative.public_total",
    "t2.licensing.prev_items", "t2.licensing.change", "t2.licensing.decisions",
    "t2.other_mgmt.prev_items", "t2.other_mgmt.change", "t2.other_mgmt.decisions",
    "t2.penalty.prev_items", "t2.penalty.change", "t2.penalty.decisions",
    "t2.coercion.prev_items", "t2.coercion.change", "t2.coercion.decisions",
    "t2.fees.prev_items", "t2.fees.change",
    "t2.procurement.items", "t2.procurement.amount",
]

# ---------------------------------------------------------------------------
# Agencies
# ---------------------------------------------------------------------------
PLACES = {
    # province: {city: [counties/districts]}
    "江苏省": {"南京市": ["玄武区", "鼓楼区", "江宁区", "溧水区"], "淮安市": ["洪泽区", "淮阴区", "涟水县", "盱眙县"],
             "徐州市": ["铜山区", "沛县", "睢宁县", "新沂市"], "盐城市": ["亭湖区", "射阳县", "东台市"]},
    "浙江省": {"杭州市": ["西湖区", "余杭区", "桐庐县", "淳安县"], "温州市": ["鹿城区", "瑞安市", "永嘉县", "苍南县"],
             "金华市": ["婺城区", "义乌市", "东阳市", "武义县"]},
    "安徽省": {"合肥市": ["蜀山区", "肥东县", "长丰县"], "宿州市": ["埇桥区", "砀山县", "灵璧县"], "六安市": ["金安区", "霍山县", "舒城县"]},
    "福建省": {"福州市": ["鼓楼区", "晋安区", "闽侯县", "连江县"], "南平市": ["延平区", "建阳区", "武夷山市", "浦城县"],
             "泉州市": ["丰泽区", "晋江市", "安溪县"]},
    "江西省": {"赣州市": ["章贡区", "南康区", "瑞金市", "于都县"], "九江市": ["浔阳区", "修水县", "都昌县"]},
    "山东省": {"济南市": ["历下区", "章丘区", "平阴县"], "临沂市": ["兰山区", "沂水县", "费县", "兰陵县"], "潍坊市": ["奎文区", "寿光市", "青州市"]},
    "河南省": {"郑州市": ["金水区", "中牟县", "新郑市"], "洛阳市": ["西工区", "孟津区", "栾川县", "嵩县"], "南阳市": ["宛城区", "邓州市", "西峡县"]},
    "湖北省": {"武汉市": ["汉阳区", "江夏区", "黄陂区"], "孝感市": ["孝南区", "应城市", "大悟县"], "恩施土家族苗族自治州": ["恩施市", "利川市", "巴东县"]},
    "湖南省": {"长沙市": ["岳麓区", "长沙县", "浏阳市"], "益阳市": ["赫山区", "桃江县", "安化县"], "郴州市": ["北湖区", "宜章县", "永兴县"]},
    "广东省": {"广州市": ["天河区", "番禺区", "从化区"], "湛江市": ["赤坎区", "徐闻县", "雷州市", "廉江市"], "惠州市": ["惠城区", "惠阳区", "博罗县"]},
    "广西壮族自治区": {"南宁市": ["青秀区", "武鸣区", "横州市"], "桂林市": ["秀峰区", "阳朔县", "灵川县"]},
    "四川省": {"成都市": ["锦江区", "双流区", "郫都区", "金堂县"], "泸州市": ["江阳区", "合江县", "叙永县"], "广元市": ["利州区", "苍溪县", "旺苍县"]},
    "贵州省": {"贵阳市": ["南明区", "花溪区", "修文县"], "遵义市": ["红花岗区", "仁怀市", "湄潭县"]},
    "云南省": {"昆明市": ["五华区", "呈贡区", "宜良县"], "红河哈尼族彝族自治州": ["蒙自市", "开远市", "建水县"]},
    "陕西省": {"西安市": ["雁塔区", "长安区", "周至县"], "商洛市": ["商州区", "山阳县", "镇安县"]},
    "甘肃省": {"兰州市": ["城关区", "榆中县"], "定西市": ["安定区", "陇西县", "岷县"], "武威市": ["凉州区", "民勤县", "古浪县"]},
    "河北省": {"石家庄市": ["长安区", "正定县", "藁城区"], "保定市": ["竞秀区", "涿州市", "雄县"]},
    "山西省": {"太原市": ["小店区", "清徐县"], "运城市": ["盐湖区", "永济市", "芮城县"]},
    "辽宁省": {"沈阳市": ["和平区", "浑南区", "新民市"], "大连市": ["甘井子区", "瓦房店市", "庄河市"]},
    "吉林省": {"长春市": ["朝阳区", "九台区", "农安县"], "吉林市": ["船营区", "蛟河市", "磐石市"]},
    "黑龙江省": {"哈尔滨市": ["南岗区", "呼兰区", "五常市"], "齐齐哈尔市": ["龙沙区", "讷河市", "克山县"]},
    "内蒙古自治区": {"鄂尔多斯市": ["东胜区", "准格尔旗", "伊金霍洛旗"], "包头市": ["东河区", "昆都仑区", "固阳县"]},
}
MUNICIPALITIES = {"北京市": ["朝阳区", "海淀区", "通州区", "延庆区"], "上海市": ["浦东新区", "徐汇区", "闵行区", "崇明区"],
                  "天津市": ["和平区", "滨海新区", "蓟州区"], "重庆市": ["九龙坡区", "渝北区", "万州区", "巫山县"]}
TOWNS = ["城关镇", "新华街道", "石桥镇", "东湖街道", "龙泉镇", "白沙镇", "青山乡", "桃源镇", "马家乡", "城北街道",
         "长安街道", "临江镇", "黄土镇", "甘雨镇", "塘下镇", "永安镇", "二郎街道", "北关街道", "双河乡", "古城镇",
         "河口镇", "太平镇", "兴隆乡", "红旗街道", "南湖街道", "金山镇"]
DEPTS_COUNTY = ["教育局", "公安局", "民政局", "司法局", "财政局", "人力资源和社会保障局", "自然资源局", "生态环境分局",
                "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局", "文化广电和旅游局", "卫生健康局",
                "退役军人事务局", "应急管理局", "审计局", "市场监督管理局", "统计局", "医疗保障局", "林业局",
                "发展和改革局", "行政审批局", "城市管理局", "科学技术局", "税务局", "人民政府办公室"]
DEPTS_CITY = ["发展和改革委员会", "教育局", "公安局", "民政局", "司法局", "财政局", "人力资源和社会保障局",
              "自然资源和规划局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局",
              "文化广电旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局", "市场监督管理局", "统计局",
              "医疗保障局", "城市管理局", "行政审批服务局", "数据资源管理局", "人民政府办公室", "人民政府地方志办公室",
              "公共资源交易中心", "住房公积金管理中心"]
DEPTS_PROV = ["发展和改革委员会", "教育厅", "公安厅", "民政厅", "司法厅", "财政厅", "人力资源和社会保障厅", "自然资源厅",
              "生态环境厅", "住房和城乡建设厅", "交通运输厅", "水利厅", "农业农村厅", "商务厅", "文化和旅游厅",
              "卫生健康委员会", "退役军人事务厅", "应急管理厅", "审计厅", "市场监督管理局", "统计局", "医疗保障局",
              "人民政府办公厅"]
NATIONAL = ["生态环境部", "交通运输部", "水利部", "农业农村部", "商务部", "文化和旅游部", "国家卫生健康委员会",
            "应急管理部", "审计署", "国家市场监督管理总局", "国家统计局", "国家医疗保障局", "国家林业和草原局",
            "国家知识产权局", "国家药品监督管理局", "国家文物局", "中国气象局"]

LEVEL_WEIGHTS = [("national", 2), ("province_gov", 3), ("province_dept", 6), ("city_gov", 6), ("city_dept", 14),
                 ("county_gov", 12), ("county_dept", 30), ("township", 27)]

LICENSING_HEAVY = ("市场监督", "行政审批", "交通运输", "住房", "卫生健康", "公安", "自然资源", "人民政府")


def pick_agency(rng: random.Random):
    level = rng.choices([l for l, _ in LEVEL_WEIGHTS], [w for _, w in LEVEL_WEIGHTS])[0]
    if level == "national":
        return level, rng.choice(NATIONAL)
    if rng.random() < 0.12:
        prov = rng.choice(list(MUNICIPALITIES))
        cities = {prov: MUNICIPALITIES[prov]}
    else:
        prov = rng.choice(list(PLACES))
        cities = PLACES[prov]
    city = rng.choice(list(cities))
    county = rng.choice(cities[city])
    muni = prov in MUNICIPALITIES
    if level == "province_gov":
        return level, prov + rng.choice(["人民政府", "人民政府办公厅"])
    if level == "province_dept":
        d = rng.choice(DEPTS_PROV)
        if muni:
            d = d.replace("厅", "局") if d.endswith("厅") and d != "人民政府办公厅" else d
        return level, prov + d
    if muni:
        # districts of a municipality are city-level bodies
        if level in ("city_gov", "county_gov"):
            return level, prov + county + "人民政府"
        if level in ("city_dept", "county_dept"):
            return level, prov + county + rng.choice(DEPTS_COUNTY)
        town = rng.choice(TOWNS)
        return level, prov + county + town + ("办事处" if town.endswith("街道") else "人民政府")
    if level == "city_gov":
        return level, city + "人民政府"
    if level == "city_dept":
        return level, city + rng.choice(DEPTS_CITY)
    prefix = city + county if rng.random() < 0.55 else county
    if level == "county_gov":
        return level, prefix + "人民政府"
    if level == "county_dept":
        return level, prefix + rng.choice(DEPTS_COUNTY)
    town = rng.choice(TOWNS)
    suffix = ("办事处" if town.endswith("街道") else "人民政府") if rng.random() < 0.7 else ""
    return level, prefix + town + suffix


# ---------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------
REQ_SCALE = {"national": (80, 2500), "province_gov": (60, 1500), "province_dept": (5, 300), "city_gov": (20, 600),
             "city_dept": (0, 80), "county_gov": (5, 200), "county_dept": (0, 25), "township": (0, 6)}

RESULT_WEIGHTS = {
    "granted": 45, "partial": 7, "denied_state_secret": 0.3, "denied_law": 1, "denied_three_safety": 0.3,
    "denied_third_party": 2, "denied_internal": 1, "denied_process": 2, "denied_enforcement": 0.6,
    "denied_query": 1.2, "unable_not_held": 24, "unable_create": 3, "unable_unclear": 2,
    "ignored_petition": 4, "ignored_repeat": 3, "ignored_publication": 0.4, "ignored_massive": 0.5,
    "ignored_confirm": 1, "other_no_correction": 2.5, "other_no_fee": 0.1, "other_other": 3, "other": 5.5,
}


def _loguniform(rng, lo, hi):
    import math
    lo = max(lo, 0.5)
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


def _split(rng, n, weights):
    """Split integer n among len(weights) bins at random (multinomial)."""
    out = [0] * len(weights)
    if n <= 0:
        return out
    idx = list(range(len(weights)))
    for _ in range(n):
        out[rng.choices(idx, weights)[0]] += 1
    return out


def make_t3(rng, level, single_other):
    lo, hi = REQ_SCALE[level]
    if level in ("township", "county_dept") and rng.random() < 0.45:
        new_total = 0
    elif hi <= 10:
        new_total = rng.randint(lo, hi)
    else:
        new_total = int(round(_loguniform(rng, max(lo, 1), hi)))
    # applicant mix: mostly natural persons
    w_nat = rng.uniform(0.6, 1.0)
    rest = 1 - w_nat
    weights = [w_nat, rest * rng.uniform(0.3, 0.8), rest * rng.uniform(0, 0.1), rest * rng.uniform(0, 0.1),
               rest * rng.uniform(0, 0.3), rest * rng.uniform(0, 0.3)]
    new = _split(rng, new_total, weights)
    carried = [0] * 6
    if rng.random() < 0.45:
        co_total = int(round(new_total * rng.uniform(0.0, 0.12)))
        carried = _split(rng, co_total, [w + 1e-3 for w in weights])
    rows = t3_result_rows(single_other)
    keys = [r[0] for r in rows]
    w = [RESULT_WEIGHTS[k] * rng.uniform(0.3, 1.7) for k in keys]
    fig = {}
    res = {k: [0] * 6 for k in keys}
    cf = [0] * 6
    for c in range(6):
        handled = new[c] + carried[c]
        cf[c] = sum(1 for _ in range(handled) if rng.random() < 0.06) if rng.random() < 0.5 else 0
        split = _split(rng, handled - cf[c], w)
        for k, v in zip(keys, split):
            res[k][c] = v

    def put(row, vals):
        for col, v in zip(T3_PARTS, vals):
            fig[f"t3.{row}.{col}"] = v
        fig[f"t3.{row}.total"] = sum(vals)

    put("new", new)
    put("carried_over", carried)
    for k in keys:
        put(k, res[k])
    put("results_total", [sum(res[k][c] for k in keys) for c in range(6)])
    put("carried_forward", cf)
    return fig


def make_t4(rng, level, n_requests):
    fig = {}
    base = {"national": 1.0, "province_gov": 0.9, "city_gov": 0.6, "county_gov": 0.5, "province_dept": 0.4,
            "city_dept": 0.3, "county_dept": 0.15, "township": 0.05}[level]
    for g, scale in zip(T4_GROUPS, (1.0, 0.6, 0.35)):
        n = 0
        if rng.random() < base * scale:
            n = max(0, int(round(_loguniform(rng, 1, max(2, n_requests * 0.15 + 2)))))
        parts = _split(rng, n, [6, 1, 1.5, 2])
        for col, v in zip(T4_COLS[:4], parts):
            fig[f"t4.{g}.{col}"] = v
        fig[f"t4.{g}.total"] = n
    return fig


def make_t2_2021(rng, level, agency):
    f = {}
    gov = level in ("national", "province_gov", "city_gov")
    if gov and rng.random() < 0.7:
        f["t2.rules.issued"] = rng.randint(0, 6)
        f["t2.rules.repealed"] = rng.randint(0, 4)
        f["t2.rules.in_force"] = f["t2.rules.issued"] + rng.randint(5, 120)
    else:
        f["t2.rules.issued"] = f["t2.rules.repealed"] = f["t2.rules.in_force"] = 0
    if level == "township" and rng.random() < 0.6:
        a, b, c = 0, 0, rng.choice([0, 0, 1, 2, 3])
    else:
        a = rng.choice([0, 0, 1, 2, 3, 5, 8, 12, 20, 31])
        b = rng.choice([0, 0, 0, 1, 2, 4, 9])
        c = a + rng.randint(0, 60 if level not in ("province_gov", "national", "city_gov") else 400)
    f["t2.normative.issued"], f["t2.normative.repealed"], f["t2.normative.in_force"] = a, b, c
    heavy = any(h in agency for h in LICENSING_HEAVY)

    def big(p_zero, hi):
        if rng.random() < p_zero:
            return 0
        return int(round(_loguniform(rng, 1, hi)))

    f["t2.licensing.decisions"] = big(0.35 if not heavy else 0.05, 25000 if heavy else 600)
    f["t2.penalty.decisions"] = big(0.4 if not heavy else 0.1, 4000 if heavy else 150)
    f["t2.coercion.decisions"] = big(0.7, 300 if heavy else 20)
    r = rng.random()
    if r < 0.6:
        f["t2.fees.amount"] = 0
    elif r < 0.8:
        f["t2.fees.amount"] = round(_loguniform(rng, 0.05, 50), 2)
    elif r < 0.92:
        f["t2.fees.amount"] = round(_loguniform(rng, 1, 3000), 1)
    else:
        f["t2.fees.amount"] = int(_loguniform(rng, 1, 9000))
    return f


def make_t2_2019(rng, level, agency):
    f = {}
    gov = level in ("national", "province_gov", "city_gov")
    for row in ("rules", "normative"):
        if row == "rules" and not (gov and rng.random() < 0.7):
            made = pub = tot = 0
        else:
            made = rng.choice([0, 0, 1, 2, 3, 5, 9, 13, 27, 60])
            pub = made if rng.random() < 0.85 else max(0, made - rng.randint(0, 2))
            tot = pub + rng.randint(0, 500 if gov else 80)
        f[f"t2.{row}.made"], f[f"t2.{row}.published"], f[f"t2.{row}.public_total"] = made, pub, tot
    heavy = any(h in agency for h in LICENSING_HEAVY)
    for row, p0, items_hi, dec_hi in (("licensing", 0.3, 400, 20000), ("other_mgmt", 0.6, 150, 3000),
                                      ("penalty", 0.35, 2700, 3000), ("coercion", 0.6, 140, 100)):
        if rng.random() < (p0 if heavy else p0 + 0.25):
            items = change = dec = 0
        else:
            items = int(_loguniform(rng, 1, items_hi if heavy else items_hi / 10 + 2))
            change = rng.choice([0, 0, 0, 1, 2, -1, -3, 5, -4, 12, -20]) if rng.random() < 0.7 else 0
            change = max(change, -items)
            dec = int(_loguniform(rng, 1, dec_hi if heavy else dec_hi / 20 + 2)) if rng.random() < 0.8 else 0
        f[f"t2.{row}.prev_items"], f[f"t2.{row}.change"], f[f"t2.{row}.decisions"] = items, change, dec
    if rng.random() < 0.5:
        f["t2.fees.prev_items"], f["t2.fees.change"] = 0, 0
    else:
        it = rng.randint(1, 35)
        f["t2.fees.prev_items"], f["t2.fees.change"] = it, rng.choice([0, 0, -1, -2, 1, -5])
    if rng.random() < 0.35:
        f["t2.procurement.items"], f["t2.procurement.amount"] = 0, 0
    else:
        f["t2.procurement.items"] = int(_loguniform(rng, 1, 200))
        f["t2.procurement.amount"] = None  # decided with the unit in the layout step
    return f


def check_breaks(fig, single_other):
    """Rules of report-format.md broken by the printed figures (only rules whose cells are all printed)."""
    br = set()
    rows = t3_row_keys(single_other)
    result_rows = rows[2:-2]

    def g(k):
        return fig.get(k)

    for c in T3_COLS:
        ks = [f"t3.{r}.{c}" for r in ("new", "carried_over", "results_total", "carried_forward")]
        if all(k in fig for k in ks):
            v = [g(k) for k in ks]
            if v[0] + v[1] != v[2] + v[3]:
                br.add("t3.balance")
        ks = [f"t3.{r}.{c}" for r in result_rows] + [f"t3.results_total.{c}"]
        if all(k in fig for k in ks):
            if sum(g(k) for k in ks[:-1]) != g(ks[-1]):
                br.add("t3.results_sum")
    for r in rows:
        ks = [f"t3.{r}.{c}" for c in T3_COLS]
        if all(k in fig for k in ks):
            if sum(g(k) for k in ks[:-1]) != g(ks[-1]):
                br.add("t3.row_sum")
    for gname in T4_GROUPS:
        ks = [f"t4.{gname}.{c}" for c in T4_COLS]
        if all(k in fig for k in ks):
            if sum(g(k) for k in ks[:-1]) != g(ks[-1]):
                br.add("t4.group_sum")
    return br


# ---------------------------------------------------------------------------
# Narrative
# ---------------------------------------------------------------------------
def short_name(agency, level):
    if level == "township":
        return "我镇" if "镇" in agency[-6:] else ("我街道" if "街道" in agency else "我乡")
    if agency.endswith("人民政府"):
        return {"province_gov": "省政府", "city_gov": "市政府", "county_gov": "县政府"}.get(level, "本级政府")
    if agency.endswith("局") or agency.endswith("分局"):
        return "我局"
    if agency.endswith("委员会"):
        return "我委"
    if agency.endswith("厅"):
        return "我厅"
    if agency.endswith("部"):
        return "我部"
    if agency.endswith("中心"):
        return "我中心"
    if agency.endswith("办公室"):
        return "我办"
    return "本机关"


def narrative(rng, agency, level, year, fig, fmt, narrative_n):
    me = short_name(agency, level)
    n_pub = int(_loguniform(rng, 20, 30000 if level in ("national", "province_gov", "city_gov") else 1500))
    n_int = rng.randint(0, 120)
    n_media = rng.randint(0, 60)
    paras = []
    paras.append(rng.choice([
        f"{year}年，{me}坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《中华人民共和国政府信息公开条例》，"
        f"围绕中心工作，持续深化政务公开，不断提升政府信息公开工作质量和实效。",
        f"{year}年，在上级政务公开工作主管部门的指导下，{me}认真贯彻落实中央和省、市关于全面推进政务公开的决策部署，"
        f"健全工作机制，规范公开流程，政府信息公开工作取得新进展。",
        f"{year}年以来，{me}严格按照《中华人民共和国政府信息公开条例》要求，坚持“以公开为常态、不公开为例外”的原则，"
        f"扎实做好主动公开、依申请公开和政策解读等各项工作。",
    ]))
    paras.append(f"（一）主动公开。{year}年，{me}通过政府门户网站、政务新媒体等渠道主动公开政府信息{n_pub}条，"
                 f"其中发布政策解读{n_int}篇，政务新媒体发布信息{n_media}条。"
                 + rng.choice(["及时更新机构职能、权责清单、财政预决算等重点领域信息。",
                               "重点做好财政资金、重大建设项目、公共服务等领域信息公开。",
                               "围绕优化营商环境、乡村振兴、民生保障等领域加大公开力度。"]))
    co = fig.get("t3.carried_over.total", 0)
    if narrative_n is None:
        paras.append(f"（二）依申请公开。{me}进一步规范依申请公开办理流程，严格按照法定时限答复，"
                     f"做到受理、审查、办理、答复各环节规范有序。")
    else:
        s = rng.choice([
            f"（二）依申请公开。{year}年，{me}共新收政府信息公开申请{narrative_n}件，上年结转{co}件，"
            f"均已在法定期限内依法答复。",
            f"（二）依申请公开。全年共收到政府信息公开申请{narrative_n}件，"
            f"所有申请均按照法定程序和时限予以答复，未发生因依申请公开引发的行政复议和行政诉讼纠纷。"
            if fig.get("t4.review.total", 0) == 0 and fig.get("t4.suit_direct.total", 0) == 0
            and fig.get("t4.suit_after_review.total", 0) == 0 else
            f"（二）依申请公开。全年共收到政府信息公开申请{narrative_n}件，所有申请均按照法定程序和时限予以答复。",
            f"（二）依申请公开。{year}年度，{me}受理（新收）政府信息公开申请{narrative_n}件，"
            f"较上年有所{rng.choice(['增加', '减少'])}，办结率100%。",
        ])
        if narrative_n == 0:
            s = f"（二）依申请公开。{year}年，{me}未收到政府信息公开申请，共新收政府信息公开申请0件。"
        paras.append(s)
    paras.append("（三）政府信息管理。" + rng.choice([
        "严格落实政府信息公开保密审查制度，坚持“先审查、后公开”和“一事一审”原则，防止泄露国家秘密和敏感信息。",
        "动态调整政府信息公开目录，对规范性文件进行清理，及时公布清理结果，确保公开信息准确一致。",
        "建立健全信息发布审核机制，严格执行“三审三校”制度，未经审核的信息一律不予发布。"]))
    paras.append("（四）平台建设。" + rng.choice([
        "持续加强政府网站信息公开专栏建设，优化栏目设置，及时更新内容，提升平台的权威性和实用性。",
        "充分发挥政府门户网站第一平台作用，加强政务新媒体规范管理，做好政务公开专区建设。",
        f"依托政府门户网站和“{agency[-6:]}发布”微信公众号等平台，拓宽信息公开渠道。"]))
    paras.append("（五）监督保障。" + rng.choice([
        "成立政务公开工作领导小组，明确分管领导和专职人员，将政务公开工作纳入年度考核内容。",
        "加强业务培训，组织开展政务公开专题培训2次，不断提高工作人员业务能力。",
        "主动接受社会监督，畅通意见建议渠道，本年度未发生因政府信息公开工作被责任追究的情况。"]))
    problems = [
        rng.choice(["一是主动公开的深度和广度还需进一步拓展；二是政策解读形式较为单一，解读质量有待提升；"
                    "三是工作人员业务能力有待进一步加强。",
                    "主要问题：信息更新的及时性还不够，部分栏目更新较慢；依申请公开办理的规范化水平有待提高。",
                    "存在的问题主要是政务公开工作人员多为兼职，专业化水平不高，公开内容的针对性还不够强。"]),
        rng.choice(["下一步，我们将进一步加强组织领导，完善工作机制，加大培训力度，推动政务公开工作提质增效。",
                    "改进措施：一是加强业务培训；二是丰富政策解读形式；三是强化监督检查，确保各项工作落到实处。",
                    f"{year + 1}年，{me}将继续深化重点领域信息公开，提升政务公开标准化规范化水平。"]),
    ]
    if fig.get("t2.fees.amount", 0) == 0 or fmt == "2019":
        other = rng.choice([f"{year}年度，{me}未收取政府信息公开信息处理费。",
                            "本年度无其他需要报告的事项。",
                            f"依据《政府信息公开信息处理费管理办法》，{me}本年度未向申请人收取信息处理费，"
                            f"发出收费通知0件，收费金额0元。"])
    else:
        other = f"{year}年度，{me}未收取政府信息公开信息处理费。无其他需要报告的事项。"
    return paras, problems, [other]
