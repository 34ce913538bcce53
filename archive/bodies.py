"""Reporting bodies: administrative level, place and division code from a body's name.

A body's name usually carries its place ("宁波市江北区市场监督管理局": 浙江 › 宁波市 ›
江北区) and its kind (人民政府 / 办公室 / 局 / 街道办事处). :func:`classify_body` reads
both. Division codes come from the small embedded table :data:`DIVISIONS` (all
provinces, plus the cities and counties met in the demo and the real samples); a code
is given only when the place is truly resolved: a district (区) name alone is never
enough, because many cities have a 长安区 or a 鼓楼区, so it needs its city in the name
or in the portal's region.

Levels (:data:`LEVELS`): ``state_council`` (国务院部门), ``province`` (省级人民政府),
``city`` (地市级人民政府), ``county`` (县级人民政府), ``township`` (乡镇、街道) and
``department`` (a department of a local government, at the level of its government).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

#: level key → (Chinese label, English label)
LEVELS = {
    "state_council": ("国务院部门", "State Council department"),
    "province": ("省级", "province"),
    "city": ("地市级", "prefecture-level city"),
    "county": ("县级", "county / district"),
    "township": ("乡镇、街道", "township or street office"),
    "department": ("政府部门", "department of a local government"),
}

# code, name, short name (as used inside body names), parent code
_DIVISION_ROWS = """
110000 北京市 北京 -
120000 天津市 天津 -
130000 河北省 河北 -
140000 山西省 山西 -
150000 内蒙古自治区 内蒙古 -
210000 辽宁省 辽宁 -
220000 吉林省 吉林 -
230000 黑龙江省 黑龙江 -
310000 上海市 上海 -
320000 江苏省 江苏 -
330000 浙江省 浙江 -
340000 安徽省 安徽 -
350000 福建省 福建 -
360000 江西省 江西 -
370000 山东省 山东 -
410000 河南省 河南 -
420000 湖北省 湖北 -
430000 湖南省 湖南 -
440000 广东省 广东 -
450000 广西壮族自治区 广西 -
460000 海南省 海南 -
500000 重庆市 重庆 -
510000 四川省 四川 -
520000 贵州省 贵州 -
530000 云南省 云南 -
540000 西藏自治区 西藏 -
610000 陕西省 陕西 -
620000 甘肃省 甘肃 -
630000 青海省 青海 -
640000 宁夏回族自治区 宁夏 -
650000 新疆维吾尔自治区 新疆 -
710000 台湾省 台湾 -
810000 香港特别行政区 香港 -
820000 澳门特别行政区 澳门 -
130100 石家庄市 石家庄 130000
130102 长安区 长安区 130100
130638 雄县 雄县 130600
130600 保定市 保定 130000
150200 包头市 包头 150000
150202 东河区 东河区 150200
150600 鄂尔多斯市 鄂尔多斯 150000
152200 兴安盟 兴安盟 150000
152224 突泉县 突泉县 152200
220100 长春市 长春 220000
220102 南关区 南关区 220100
320800 淮安市 淮安 320000
320813 洪泽区 洪泽区 320800
330100 杭州市 杭州 330000
330110 余杭区 余杭区 330100
330200 宁波市 宁波 330000
330205 江北区 江北区 330200
330300 温州市 温州 330000
330381 瑞安市 瑞安 330300
340100 合肥市 合肥 340000
340104 蜀山区 蜀山区 340100
341300 宿州市 宿州 340000
350100 福州市 福州 350000
350111 晋安区 晋安区 350100
350128 平潭县 平潭 350100
350700 南平市 南平 350000
370800 济宁市 济宁 370000
370881 曲阜市 曲阜 370800
410300 洛阳市 洛阳 410000
410303 西工区 西工区 410300
420100 武汉市 武汉 420000
420105 汉阳区 汉阳区 420100
420900 孝感市 孝感 420000
422800 恩施土家族苗族自治州 恩施州 420000
430100 长沙市 长沙 430000
430121 长沙县 长沙县 430100
430900 益阳市 益阳 430000
440800 湛江市 湛江 440000
440825 徐闻县 徐闻县 440800
441300 惠州市 惠州 440000
441303 惠阳区 惠阳区 441300
500107 九龙坡区 九龙坡区 500000
510100 成都市 成都 510000
510107 武侯区 武侯区 510100
510500 泸州市 泸州 510000
510522 合江县 合江县 510500
510800 广元市 广元 510000
530100 昆明市 昆明 530000
530102 五华区 五华区 530100
532500 红河哈尼族彝族自治州 红河州 530000
532502 开远市 开远 532500
610100 西安市 西安 610000
610116 长安区 长安区 610100
611000 商洛市 商洛 610000
611024 山阳县 山阳县 611000
620600 武威市 武威 620000
621100 定西市 定西 620000
640200 石嘴山市 石嘴山 640000
640205 惠农区 惠农区 640200
640400 固原市 固原 640000
640402 原州区 原州区 640400
"""


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    short: str
    parent: str | None

    @property
    def kind(self) -> str:
        """``province``, ``city`` or ``county``, from the code's shape."""
        if self.code.endswith("0000"):
            return "province"
        if self.code.endswith("00"):
            return "city"
        return "county"


def _load_divisions() -> dict[str, Division]:
    out = {}
    for line in _DIVISION_ROWS.strip().splitlines():
        code, name, short, parent = line.split()
        out[code] = Division(code, name, short, None if parent == "-" else parent)
    return out


#: the embedded division table, by code
DIVISIONS: dict[str, Division] = _load_divisions()
#: municipalities directly under the central government (their districts are counties)
MUNICIPALITIES = frozenset({"110000", "120000", "310000", "500000"})


@dataclass(frozen=True)
class BodyInfo:
    """What a body's name says about it."""

    name: str
    level: str
    province: str | None = None
    city: str | None = None
    county: str | None = None
    #: 6-digit administrative division code of the body's place, when resolved
    division_code: str | None = None

    @property
    def level_zh(self) -> str:
        return LEVELS[self.level][0]


_STATE_COUNCIL = re.compile(r"^(中华人民共和国|国务院|国家(?!级)|海关总署|审计署|生态环境部|应急管理部)")
_MINISTRY_SUFFIX = re.compile(r"(部|总署|总局|委员会|署|银行)$")
_TOWNSHIP = re.compile(r"(街道|镇|乡|苏木)(办事处|人民政府|党政办公室|党政办)?$")
#: what is left of a government's own name once its place is taken off
_GOVERNMENT_REST = re.compile(r"(人民政府|管委会|管理委员会|行政公署)?(办公室|办公厅)?")
_UNRESOLVED_GOVERNMENT = re.compile(r".{1,10}?(县|区|旗|市|州|盟)(人民政府|行政公署)(办公室|办公厅)?")


def _find(name: str, candidates) -> list[Division]:
    return [d for d in candidates if d.name in name or d.short in name]


def _resolve(name: str, region: str | None) -> tuple[Division | None, Division | None, Division | None]:
    """Province, city and county divisions named in ``name`` (``region`` adds context)."""
    text = name + " " + (region or "")
    by_kind = {k: [d for d in DIVISIONS.values() if d.kind == k] for k in ("province", "city", "county")}
    province = next(iter(_find(text, by_kind["province"])), None)
    cities = [c for c in _find(text, by_kind["city"]) if province is None or c.parent == province.code]
    # 长沙 inside 长沙县 names the county, not the city
    cities = [c for c in cities if c.name in text or not any(
        k.name.startswith(c.short) and k.name in text for k in by_kind["county"])]
    city = cities[0] if len(cities) == 1 else None
    county = None
    for k in _find(text, by_kind["county"]):
        parent = DIVISIONS[k.parent]
        is_district = k.name.endswith("区")
        if city is not None and parent.code == city.code:
            county = k
        elif province is not None and parent.code == province.code and parent.code in MUNICIPALITIES:
            county = k
        elif city is None and not is_district and (province is None or province.code in (parent.code, parent.parent)):
            county = k
        if county is not None:
            break
    if county is not None and city is None and DIVISIONS[county.parent].kind == "city":
        city = DIVISIONS[county.parent]
    if city is not None and province is None:
        province = DIVISIONS[city.parent]
    if county is not None and province is None:
        province = DIVISIONS[county.parent]
    return province, city, county


def _strip_places(name: str, places) -> str:
    for d in places:
        if d is None:
            continue
        for label in sorted({d.name, d.short}, key=len, reverse=True):
            if label in name:
                name = name.replace(label, "", 1)
                break
    return name


def classify_body(name: str, region: str | None = None) -> BodyInfo:
    """Level, place and division code of a reporting body.

    :param name: the body's name as printed ("宁波市江北区市场监督管理局").
    :param region: the place of the portal that published the report ("浙江省宁波市"),
        used only as context to resolve the place; may be ``None``.
    """
    name = re.sub(r"\s+", "", name or "")
    province, city, county = _resolve(name, region)
    place = county or city or province
    rest = _strip_places(name, (county, city, province))
    code = place.code if place else None
    if place is None and (_STATE_COUNCIL.search(name) or _MINISTRY_SUFFIX.search(name) and not _TOWNSHIP.search(name)):
        level = "state_council"
    elif _TOWNSHIP.search(name):
        level = "township"
        if county is None:
            code = None  # a township's own code has 9 digits; give its county's or none
    elif place is not None and _GOVERNMENT_REST.fullmatch(rest):
        level = place.kind
        if level == "city" and province is not None and province.code in MUNICIPALITIES:
            level = "province"
    elif _UNRESOLVED_GOVERNMENT.fullmatch(rest):
        level = "county" if re.search(r"(县|区|旗)(人民政府|行政公署)", rest) else "city"
        code = None  # the government of a place missing from the table, below the one resolved
    else:
        level = "department"
    return BodyInfo(
        name=name, level=level,
        province=province.name if province else None,
        city=city.name if city else (province.name if province and province.code in MUNICIPALITIES else None),
        county=county.name if county else None,
        division_code=code,
    )
