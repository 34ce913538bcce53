"""Reporting bodies: administrative level, place and division code from a body's name.

A body's name usually carries its place ("宁波市江北区市场监督管理局": 浙江 › 宁波市 ›
江北区) and its kind (人民政府 / 办公厅 / 局 / 管理委员会 / 街道办事处). :func:`classify_body`
reads both. Places come from :mod:`extract.divisions` (the MCA's GB/T 2260 codes for all
provinces, prefecture cities and counties); a code is given only when the place is
resolved without ambiguity (a district name such as 长安区, found in 西安 and in
石家庄, needs its city in the name or in the portal's region).

Levels (:data:`LEVELS`) say what kind of body it is, never a guess:

- ``state_council_department``: a department of the State Council (教育部, 国家卫生健康委员会);
- ``province`` / ``city`` / ``county``: a people's government at that level, or its
  general office that publishes the government's report (深圳市人民政府办公厅 → city);
- ``zone``: the administrative committee (管理委员会) of a development zone or new area
  governing a territory (苏州工业园区管理委员会);
- ``township``: a township or town government or a street office (乡、镇、街道);
- ``department``: a department of a local government (海淀区卫生健康委员会), also when
  its place is unknown (示范市卫生健康委员会: no code);
- ``unknown``: the name says neither (no deadline applies, see :mod:`archive.deadlines`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extract import divisions as div
from extract.divisions import MUNICIPALITIES, Division

#: level key → (Chinese label, English label)
LEVELS = {
    "state_council_department": ("国务院部门", "State Council department"),
    "province": ("省级人民政府", "provincial government"),
    "city": ("地市级人民政府", "prefecture-level government"),
    "county": ("县级人民政府", "county-level government"),
    "zone": ("开发区、新区管理委员会", "administrative committee of a development zone"),
    "township": ("乡镇、街道", "township, town or street office"),
    "department": ("政府部门", "department of a local government"),
    "unknown": ("未能确定", "unknown"),
}


def __getattr__(name):  # DIVISIONS is the full table, loaded on first use
    if name == "DIVISIONS":
        return div.divisions()
    raise AttributeError(name)


@dataclass(frozen=True)
class BodyInfo:
    """What a body's name says about it.

    :ivar level: a key of :data:`LEVELS`.
    :ivar division_code: 6-digit GB/T 2260 code of the body's place (the county of a
        township, the city of a zone), when resolved without ambiguity.
    """

    name: str
    level: str
    province: str | None = None
    city: str | None = None
    county: str | None = None
    division_code: str | None = None

    @property
    def level_zh(self) -> str:
        return LEVELS[self.level][0]


#: names that open with a central body
_CENTRAL_PREFIX = re.compile(r"^(中华人民共和国|国务院|国家(?!级)|中国(?!共产党)|海关总署|审计署|中央)")
#: a central ministry's own name (教育部, 审计署, 海关总署) with no place in it
_MINISTRY = re.compile(r"^[^省市县区州盟旗镇乡]{1,10}(部|总署|署)$")
#: a local branch of a central body: 国家税务总局XX市税务局, 中国人民银行XX中心支行
_BRANCH = re.compile(r"(总局|银行|委员会|部).+(局|支行|分行|分局|办事处)$")
#: where a central body's own name ends and a branch's place may begin (国家税务总局 | 深圳市税务局)
_BRANCH_HEAD = re.compile(r"^.*?(总局|总署|银行|委员会|部|署)")
_TOWNSHIP = re.compile(r"(街道|镇|乡|苏木)(办事处|人民政府|党政办公室|党政办|党工委|政府)?(办公室)?$")
_ZONE = re.compile(r"(开发区|园区|新区|高新区|保税区|试验区|实验区|示范区|合作区|管理区|度假区|风景区|景区|港区|"
                   r"自贸区|经济区|产业园|产业区|综合区|集聚区|新城|矿区|林区)(党工委)?(管理委员会|管委会)"
                   r"(办公室|党政办公室|党政办|办公厅)?$")
#: what is left of a government's own name once its place is taken off
_GOVERNMENT_REST = re.compile(r"(人民政府|政府|行政公署)?(办公室|办公厅)?")
#: a government whose place the division table does not resolve: level only where the name fixes it
_UNRESOLVED_GOVERNMENT = re.compile(r"^.{1,10}?(省|自治区|县|自治县|区|旗|自治旗)(人民政府|政府|行政公署)(办公室|办公厅)?$")
#: any government or its office: never a department, whatever else is unknown
_ANY_GOVERNMENT = re.compile(r"(人民政府|政府|行政公署)(办公室|办公厅)?$")
#: a department's own name ends like this
_DEPARTMENT = re.compile(r"(局|厅|委员会|委|办公室|办公厅|办|中心|院|所|处|队|站|署|部|会|馆|司|室|社|台|队|支行|分行)$")


def _place_fields(place: Division | None) -> tuple[str | None, str | None, str | None]:
    chain = {d.level: d for d in div.ancestors(place.code)} if place else {}
    province, city, county = chain.get("province"), chain.get("city"), chain.get("county")
    city_name = city.name if city else (province.name if province and province.code in MUNICIPALITIES else None)
    return (province.name if province else None, city_name, county.name if county else None)


def _government_level(place: Division) -> str:
    if place.level == "city" and place.province_code in MUNICIPALITIES:
        return "province"
    return place.level


def _strip_mentions(name: str, start: int = 0) -> str:
    """``name`` without the chain of place names that starts at ``start``."""
    end = start
    for begin, stop, _, _ in div.mentions(name[start:]):
        if begin + start != end:
            break
        end = stop + start
    return name[:start] + name[end:]


def classify_body(name: str, region: str | None = None) -> BodyInfo:
    """Level, place and division code of a reporting body.

    :param name: the body's name as printed ("宁波市江北区市场监督管理局").
    :param region: the place of the portal that published the report ("浙江省宁波市"),
        used only to settle an ambiguous place name; may be ``None``.
    :returns: a :class:`BodyInfo`; ``level`` is ``unknown`` when the name says neither
        a government, a department, a zone nor a township.
    """
    name = re.sub(r"\s+", "", name or "")
    central = bool(_CENTRAL_PREFIX.search(name))
    if central:
        # a central body's own words (台湾事务办公室, 中国人民银行) are not places; a full place name is
        head = _BRANCH_HEAD.search(name)
        place = div.resolve(name[head.end():], region) if head else None
        if place is None and not _BRANCH.search(name):
            return BodyInfo(name=name, level="state_council_department")
        rest = _strip_mentions(name, start=head.end() if head else len(name))
    else:
        place = div.resolve(name, region)
        rest = _strip_mentions(name)
    province, city, county = _place_fields(place)
    code = place.code if place else None

    if place is None and not central and _MINISTRY.fullmatch(name):
        level = "state_council_department"
    elif _TOWNSHIP.search(name):
        level = "township"  # the code is its county's, when the county is named
        if place is not None and place.level != "county":
            code = None
    elif _ZONE.search(rest):
        level = "zone"
    elif place is not None and not central and _GOVERNMENT_REST.fullmatch(rest):
        level = _government_level(place)
    elif place is None and _UNRESOLVED_GOVERNMENT.fullmatch(name):
        # a government the table does not know: 省 and 县/区/旗 fix the level; a 市 does not (地级 or 县级)
        suffix = _UNRESOLVED_GOVERNMENT.fullmatch(name).group(1)
        level = "province" if suffix in ("省", "自治区") else "county"
    elif place is None and _ANY_GOVERNMENT.search(name):
        level = "unknown"  # 示范市人民政府办公室: a 市 may be prefecture or county level; 区政府办公室: no place
    elif _DEPARTMENT.search(rest) or central:
        level = "department"
    else:
        level = "unknown"
    return BodyInfo(name=name, level=level, province=province, city=city, county=county, division_code=code)
