"""Who reports: a random but realistic government body, its portal and its titles.

Everything here is driven by a ``random.Random`` passed in, so a seed fixes it.
"""
from dataclasses import dataclass, field

# (province, short province for ICP, prefecture, [(county-level unit, abbr)])
PLACES = [
    ("河北省", "冀", "石家庄市", ["长安区", "桥西区", "正定县", "赞皇县", "辛集市"]),
    ("山西省", "晋", "长治市", ["潞州区", "上党区", "襄垣县", "沁源县"]),
    ("内蒙古自治区", "蒙", "包头市", ["东河区", "昆都仑区", "土默特右旗", "固阳县"]),
    ("辽宁省", "辽", "鞍山市", ["铁东区", "立山区", "台安县", "海城市"]),
    ("吉林省", "吉", "长春市", ["南关区", "朝阳区", "农安县", "榆树市"]),
    ("黑龙江省", "黑", "齐齐哈尔市", ["龙沙区", "建华区", "龙江县", "讷河市"]),
    ("江苏省", "苏", "淮安市", ["洪泽区", "淮阴区", "涟水县", "盱眙县"]),
    ("浙江省", "浙", "温州市", ["鹿城区", "瓯海区", "瑞安市", "永嘉县"]),
    ("安徽省", "皖", "宿州市", ["埇桥区", "砀山县", "萧县", "灵璧县"]),
    ("福建省", "闽", "南平市", ["延平区", "建阳区", "顺昌县", "武夷山市"]),
    ("江西省", "赣", "赣州市", ["章贡区", "南康区", "信丰县", "瑞金市"]),
    ("山东省", "鲁", "济宁市", ["任城区", "兖州区", "曲阜市", "微山县"]),
    ("河南省", "豫", "洛阳市", ["西工区", "老城区", "孟津区", "栾川县", "偃师区"]),
    ("湖北省", "鄂", "孝感市", ["孝南区", "孝昌县", "大悟县", "汉川市"]),
    ("湖南省", "湘", "益阳市", ["资阳区", "赫山区", "南县", "桃江县"]),
    ("广东省", "粤", "湛江市", ["赤坎区", "霞山区", "徐闻县", "雷州市"]),
    ("广西壮族自治区", "桂", "桂林市", ["秀峰区", "叠彩区", "阳朔县", "荔浦市"]),
    ("四川省", "川", "泸州市", ["江阳区", "龙马潭区", "合江县", "叙永县"]),
    ("贵州省", "黔", "遵义市", ["红花岗区", "汇川区", "桐梓县", "仁怀市"]),
    ("云南省", "滇", "红河哈尼族彝族自治州", ["蒙自市", "个旧市", "建水县", "弥勒市"]),
    ("陕西省", "陕", "西安市", ["长安区", "雁塔区", "周至县", "蓝田县"]),
    ("甘肃省", "甘", "定西市", ["安定区", "通渭县", "陇西县", "岷县"]),
    ("宁夏回族自治区", "宁", "固原市", ["原州区", "西吉县", "隆德县"]),
    ("宁夏回族自治区", "宁", "石嘴山市", ["惠农区", "大武口区", "平罗县"]),
    ("新疆维吾尔自治区", "新", "昌吉回族自治州", ["昌吉市", "阜康市", "呼图壁县", "玛纳斯县"]),
]
MUNICIPALITIES = [("重庆市", "渝", ["九龙坡区", "渝北区", "万州区", "城口县"]),
                  ("上海市", "沪", ["浦东新区", "徐汇区", "崇明区"]),
                  ("北京市", "京", ["朝阳区", "海淀区", "密云区"])]
STREETS = ["少先路", "人民路", "新华", "育才路", "解放路", "北塬", "城关", "东关", "和平", "建设路",
           "文化路", "西关", "新春", "二郎", "五一路", "向阳", "火车站", "南湖", "光明", "胜利路"]
TOWNS = ["甘雨镇", "塘下镇", "永安镇", "城关镇", "新店镇", "马坊镇", "柳林镇", "石桥镇", "黄土坡乡",
         "白沙乡", "红星乡", "太平乡", "龙泉镇", "大桥镇", "三合镇", "杨家坪乡"]
NATIONAL = ["国家卫生健康委员会", "交通运输部", "水利部", "教育部", "自然资源部", "生态环境部",
            "国家林业和草原局", "国家知识产权局", "国家市场监督管理总局", "国家粮食和物资储备局",
            "中国气象局", "国家铁路局", "国家统计局", "国家文物局", "国家医疗保障局"]
PROV_DEPTS = ["教育厅", "生态环境厅", "自然资源厅", "交通运输厅", "卫生健康委员会", "住房和城乡建设厅",
              "农业农村厅", "人力资源和社会保障厅", "民政厅", "水利厅", "市场监督管理局", "退役军人事务厅"]
CITY_DEPTS = ["卫生健康委员会", "退役军人事务局", "农业农村局", "市场监督管理局", "自然资源和规划局",
              "住房和城乡建设局", "教育局", "人力资源和社会保障局", "民政局", "司法局", "财政局",
              "交通运输局", "应急管理局", "水利局", "文化和旅游局", "医疗保障局", "审计局", "统计局",
              "发展和改革委员会", "商务局", "城市管理综合行政执法局", "人民政府地方志办公室",
              "公共资源交易中心", "政务服务和数据管理局", "行政审批服务局", "林业和草原局"]
COUNTY_DEPTS = ["卫生健康局", "退役军人事务局", "农业农村局", "市场监督管理局", "自然资源局",
                "住房和城乡建设局", "教育体育局", "人力资源和社会保障局", "民政局", "司法局", "财政局",
                "交通运输局", "应急管理局", "水利局", "文化广电和旅游局", "医疗保障局", "发展和改革局",
                "城市管理局", "林业局", "行政审批局", "统计局"]
ZONES = ["经济技术开发区管理委员会", "高新技术产业开发区管理委员会", "工业园区管理委员会",
         "综合保税区管理委员会", "生态示范区管委会"]
PLATFORMS = ["政府门户网站", "政务微信公众号", "政务微博", "政务公开栏", "政府公报"]


@dataclass
class Body:
    name: str            # as the report's title names it: the truth agency
    level: str           # national|province|city|county|dept|street|town|zone
    self_ref: str        # how the narrative refers to itself (我局, 区政府, 我街道 ...)
    host: str            # the portal's government (may differ from name)
    province: str
    icp: str
    domain: str
    scale: str           # zero|small|medium|large: how many requests it typically gets
    can_make_rules: bool = False
    office: str = ""     # who to contact (an office of the body)
    extras: dict = field(default_factory=dict)


def _self_ref(name, rng):
    for suffix, refs in [("街道办事处", ["我街道", "本街道", "街道办事处"]), ("街道", ["我街道", "街道"]),
                         ("镇人民政府", ["我镇", "镇政府"]), ("乡人民政府", ["我乡", "乡政府"]),
                         ("管理委员会", ["管委会", "我委"]), ("管委会", ["管委会"]),
                         ("人民政府办公室", ["我办", "政府办公室"]), ("人民政府办公厅", ["办公厅", "我厅"]),
                         ("区人民政府", ["区政府", "我区"]), ("县人民政府", ["县政府", "我县"]),
                         ("旗人民政府", ["旗政府", "我旗"]), ("市人民政府", ["市政府", "我市"]),
                         ("省人民政府", ["省政府", "我省"]), ("委员会", ["我委", "本机关"]),
                         ("中心", ["我中心", "本中心"]), ("办公室", ["我办", "本机关"]),
                         ("部", ["我部", "本部门"]), ("厅", ["我厅", "本机关"]), ("局", ["我局", "本局", "本机关"])]:
        if name.endswith(suffix):
            return rng.choice(refs)
    return "本机关"


def _domain(rng):
    letters = "abcdfghjklmnpqrstwxyz"
    return "www." + "".join(rng.choice(letters) for _ in range(rng.randint(2, 5))) + ".gov.cn"


def make_body(rng):
    """A random body with the name its report's title uses."""
    level = rng.choices(["national", "province", "city", "county", "dept", "street", "town", "zone"],
                        [3, 5, 8, 10, 30, 18, 14, 4])[0]
    if rng.random() < 0.08:
        muni, icp, counties = rng.choice(MUNICIPALITIES)
        prov, city = muni, muni
    else:
        prov, icp, city, counties = rng.choice(PLACES)
    county = rng.choice(counties)
    city_gov = city + "人民政府" if city.endswith("市") else city + "人民政府"
    county_gov = (city + county if rng.random() < 0.6 else county) + "人民政府"
    host = county_gov
    scale = "small"
    rules = False
    if level == "national":
        name = rng.choice(NATIONAL)
        host, scale, rules, prov = name, "large", True, ""
    elif level == "province":
        which = rng.random()
        if which < 0.4:
            name = prov + "人民政府"
            rules, scale = True, "large"
        elif which < 0.6:
            name = prov + "人民政府办公厅"
            scale = "medium"
        else:
            name = prov + rng.choice(PROV_DEPTS)
            scale = "medium"
        host = prov + "人民政府"
    elif level == "city":
        which = rng.random()
        if which < 0.5:
            name = city + "人民政府"
            rules, scale = city.endswith("市"), "large"
        else:
            name = city + "人民政府办公室"
            scale = "medium"
        host = city_gov
    elif level == "county":
        short = rng.random() < 0.4
        name = (county if short else city + county) + "人民政府"
        if rng.random() < 0.3:
            name += "办公室"
        scale = rng.choice(["small", "medium", "medium"])
        host = county_gov
    elif level == "dept":
        if rng.random() < 0.4:
            name = city + rng.choice(CITY_DEPTS)
            host = city_gov
            scale = rng.choice(["small", "medium"])
        else:
            name = rng.choice([county, city + county]) + rng.choice(COUNTY_DEPTS)
            scale = rng.choice(["zero", "small", "small", "medium"])
        if rng.random() < 0.05:  # a branch with a long name: 生态环境局XX分局
            name = city + "生态环境局" + county.rstrip("区县市旗") + "分局"
    elif level == "street":
        street = rng.choice(STREETS) + "街道"
        form = rng.random()
        if form < 0.35:
            name = city + county + street + "办事处"
        elif form < 0.7:
            name = county + street + "办事处"
        elif form < 0.85:
            name = county + street
        else:
            name = street + "办事处"
        scale = rng.choice(["zero", "zero", "small"])
    elif level == "town":
        town = rng.choice(TOWNS)
        name = rng.choice([county, city + county, ""]) + town + "人民政府"
        scale = rng.choice(["zero", "zero", "small"])
    else:
        area = rng.choice([city.rstrip("市"), county.rstrip("区县市旗")])
        name = area + rng.choice(ZONES)
        host = rng.choice([city_gov, name])
        scale = rng.choice(["small", "medium"])
    body = Body(name=name, level=level, self_ref=_self_ref(name, rng), host=host, province=prov,
                icp=icp if level != "national" else "京", domain=_domain(rng), scale=scale,
                can_make_rules=rules)
    body.office = name if name.endswith(("办公室", "办公厅")) else name + rng.choice(
        ["办公室", "党政办公室", "综合科", "政务公开办公室"])
    return body


TITLE_FORMS = [
    ("{a}{y}年政府信息公开工作年度报告", 5),
    ("{a}{y}年度政府信息公开工作年度报告", 4),
    ("{a}关于{y}年度政府信息公开工作的年度报告", 2),
    ("{y}年{a}政府信息公开工作年度报告", 2),
    ("{y}年度{a}政府信息公开工作年度报告", 1),
]


def make_title(rng, agency, year):
    forms, weights = zip(*TITLE_FORMS)
    return rng.choices(forms, weights)[0].format(a=agency, y=year)


def wrap_title(rng, title, agency, year):
    """Split a title into 1 or 2 display lines, the way long titles wrap in real reports."""
    if len(title) < 22 and rng.random() < 0.6:
        return [title]
    cuts = {}                                                      # cut position -> weight
    i = title.find(agency)
    if i >= 0:
        end = i + len(agency)
        cuts[end] = 3                                              # 洪泽区人民政府 / 2024年…
        if title[end:end + 4] == str(year):
            cuts[end + 4] = 2                                      # …事务局2024 / 年度政府…
        if len(agency) > 8:
            cuts[end - rng.randint(2, 4)] = 1                      # …少先路街 / 道办事处…
    j = title.find("工作")
    if j > 0:
        cuts[j] = 3                                                # …政府信息公开 / 工作年度报告
    k = title.rfind("年度报告")
    if k > 0:
        cuts[k + 1] = 1                                            # …工作年 / 度报告
    cuts = {c: w for c, w in cuts.items() if 2 < c < len(title) - 2}
    if not cuts:
        return [title]
    c = rng.choices(list(cuts), list(cuts.values()))[0]
    return [title[:c], title[c:]]
