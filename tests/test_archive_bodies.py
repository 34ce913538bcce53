"""Bodies: level, place and division code read from the name."""
from __future__ import annotations

import pytest

from archive.bodies import DIVISIONS, classify_body


@pytest.mark.parametrize("name,region,level,province,city,county,code", [
    ("宁波市江北区市场监督管理局", None, "department", "浙江省", "宁波市", "江北区", "330205"),
    ("淮安市洪泽区人民政府", None, "county", "江苏省", "淮安市", "洪泽区", "320813"),
    ("杭州市卫生健康委员会", None, "department", "浙江省", "杭州市", None, "330100"),
    ("宿州市人民政府", None, "city", "安徽省", "宿州市", None, "341300"),
    ("孝感市人民政府办公室", None, "city", "湖北省", "孝感市", None, "420900"),
    ("浙江省人民政府", None, "province", "浙江省", None, None, "330000"),
    ("上海市人民政府办公厅", None, "province", "上海市", "上海市", None, "310000"),
    ("国家卫生健康委员会", None, "state_council_department", None, None, None, None),
    ("教育部", None, "state_council_department", None, None, None, None),
    ("长沙县人民政府", None, "county", "湖南省", "长沙市", "长沙县", "430121"),  # not 长沙市
    ("长沙县黄花镇人民政府", None, "township", "湖南省", "长沙市", "长沙县", "430121"),
    ("曲阜市时庄街道办事处", None, "township", "山东省", "济宁市", "曲阜市", "370881"),
    ("山阳县人民政府", None, "county", "陕西省", "商洛市", "山阳县", "611024"),
    ("重庆市九龙坡区二郎街道办事处", None, "township", "重庆市", "重庆市", "九龙坡区", "500107"),
    # a district name alone is ambiguous (长安区 is in 西安 and in 石家庄): no code without context
    ("长安区人民政府", None, "county", None, None, None, None),
    ("长安区人民政府", "陕西省西安市", "county", "陕西省", "西安市", "长安区", "610116"),
    ("石家庄市长安区人民政府", None, "county", "河北省", "石家庄市", "长安区", "130102"),
    ("原州区北塬街道办事处", None, "township", "宁夏回族自治区", "固原市", "原州区", "640402"),  # one 原州区
    ("北京市海淀区人民政府", None, "county", "北京市", "北京市", "海淀区", "110108"),
    # a place missing from the table: level from the name where it fixes it, no code
    ("示范县人民政府", None, "county", None, None, None, None),
])
def test_classify_body(name, region, level, province, city, county, code):
    info = classify_body(name, region)
    assert (info.level, info.province, info.city, info.county, info.division_code) == \
        (level, province, city, county, code)


def test_division_table_covers_all_provinces():
    provinces = [d for d in DIVISIONS.values() if d.kind == "province"]
    assert len(provinces) == 34
    for d in DIVISIONS.values():
        assert len(d.code) == 6 and d.code.isdigit()
        if d.parent:
            assert d.parent in DIVISIONS
            assert d.code[:2] == d.parent[:2]
