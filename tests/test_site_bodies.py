"""Divisions (GB/T 2260) and body levels: every province, city and county; levels never guessed."""
from __future__ import annotations

import pytest
import sqlite_utils

from extract import divisions
from archive.bodies import LEVELS, classify_body


def test_edition_has_every_province_city_and_county():
    current = [d for d in divisions.divisions().values() if d.current]
    counts = {level: sum(d.level == level for d in current) for level in divisions.LEVELS}
    # MCA 2024: 34 provincial, 333 prefecture-level, 2846 county-level divisions
    assert counts == {"province": 34, "city": 333, "county": 2846}
    for d in current:
        assert len(d.code) == 6 and d.code.isdigit()
        if d.parent:
            assert divisions.get(d.parent) is not None and d.code[:2] == d.parent[:2]
        else:
            assert d.level == "province"


@pytest.mark.parametrize("code,parent,level", [
    ("440300", "广东省", "city"),            # 深圳
    ("110108", "北京市", "county"),          # 海淀区 hangs from the municipality, not from "市辖区"
    ("500235", "重庆市", "county"),          # 云阳县, not from the "县" grouping
    ("419001", "河南省", "county"),          # 济源, a county-level city directly under the province
    ("422800", "湖北省", "city"),            # 恩施土家族苗族自治州
])
def test_code_to_parent_and_level(code, parent, level):
    assert divisions.parent(code).name == parent
    assert divisions.level(code) == level


def test_name_lookup_keeps_ambiguity_for_the_caller():
    assert [d.code for d in divisions.lookup("海淀区")] == ["110108"]
    assert sorted(d.code for d in divisions.lookup("长安区")) == ["130102", "610116"]
    assert [d.code for d in divisions.lookup("长安区", within="610000")] == ["610116"]
    assert [d.code for d in divisions.lookup("恩施州")] == ["422800"]
    assert divisions.lookup("示范市") == []
    # a former name finds the code it had (襄樊 became 襄阳 in 2010)
    assert [d.name for d in divisions.lookup("襄樊市")] == ["襄阳市"]
    # a code no longer in use keeps its years
    xuanwu = divisions.get("110104")
    assert xuanwu.name == "宣武区" and not xuanwu.current and xuanwu.last_year < divisions.EDITION


@pytest.mark.parametrize("name,level,province,code", [
    # departments, whatever they are called, with or without a known place
    ("示范市卫生健康委员会", "department", None, None),
    ("海淀区卫生健康委员会", "department", "北京市", "110108"),
    ("北京市城市管理委员会", "department", "北京市", "110000"),
    ("国家税务总局深圳市税务局", "department", "广东省", "440300"),
    ("中国人民银行深圳市中心支行", "department", "广东省", "440300"),
    ("某县民政局", "department", None, None),
    # zones governing a territory
    ("苏州工业园区管理委员会", "zone", "江苏省", "320500"),
    ("西安高新技术产业开发区管理委员会", "zone", "陕西省", "610100"),
    ("雄安新区管理委员会", "zone", None, None),
    # governments and the offices that publish their reports
    ("深圳市人民政府办公厅", "city", "广东省", "440300"),
    ("广州市天河区人民政府办公室", "county", "广东省", "440106"),
    ("上海市浦东新区人民政府", "county", "上海市", "310115"),
    ("海南藏族自治州人民政府", "city", "青海省", "632500"),      # not 海南省
    ("恩施州人民政府", "city", "湖北省", "422800"),
    ("北京市人民政府办公厅", "province", "北京市", "110000"),
    ("示范县人民政府", "county", None, None),                    # not 范县 inside 示范县
    ("示范市人民政府", "unknown", None, None),                   # a 市 may be prefecture or county level
    ("示范市人民政府办公室", "unknown", None, None),             # its office: the same, never a department
    ("区政府办公室", "unknown", None, None),
    ("示例区政府", "county", None, None),
    ("湛江市人民政府地方志办公室", "department", "广东省", "440800"),
    ("鄂尔多斯市", "city", "内蒙古自治区", "150600"),
    ("平潭综合实验区管委会", "zone", None, None),
    # central bodies: their own words are not places
    ("国务院台湾事务办公室", "state_council_department", None, None),
    ("国家市场监督管理总局", "state_council_department", None, None),
    ("中华人民共和国海关总署", "state_council_department", None, None),
    ("审计署", "state_council_department", None, None),
    ("中国气象局", "state_council_department", None, None),
    # townships carry their county's code
    ("长沙县黄花镇人民政府", "township", "湖南省", "430121"),
    ("重庆市九龙坡区二郎街道办事处", "township", "重庆市", "500107"),
    ("某某单位", "unknown", None, None),
])
def test_levels_are_read_never_guessed(name, level, province, code):
    info = classify_body(name)
    assert (info.level, info.province, info.division_code) == (level, province, code)
    assert info.level in LEVELS


def test_divisions_table_in_an_archive(tmp_path):
    from archive.tables import create_tables

    db = sqlite_utils.Database(tmp_path / "a.db")
    create_tables(db)
    rows = dict(db.execute("SELECT level, count(*) FROM divisions WHERE last_year IS NULL GROUP BY level").fetchall())
    assert rows == {"province": 34, "city": 333, "county": 2846}
    assert db.execute("SELECT name, parent_code FROM divisions WHERE code = '440305'").fetchone() == ("南山区", "440300")
