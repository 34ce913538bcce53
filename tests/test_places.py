"""Place names OCR misread in a body's name, put right from the division code table."""
import pytest

from extract.layout import Layout
from extract.mapping import map_layout
from extract.places import correct_places, signed_name


@pytest.mark.parametrize("read, printed", [
    ("天津市葡州区住房和城乡建设局", "天津市蓟州区住房和城乡建设局"),  # a county's glyph, under its city
    ("天津市萄州区城市管理局", "天津市蓟州区城市管理局"),
    ("贵阳市修文具人民政府", "贵阳市修文县人民政府"),  # the county's own suffix misread
    ("西安市周公县石桥镇", "西安市周至县石桥镇"),  # the township after it is not in the table: kept
    ("红河哈尼族芋族自治州数据资源管理局", "红河哈尼族彝族自治州数据资源管理局"),  # a long prefecture name
    ("红河哈尼族莱族自治州开远市人民政府", "红河哈尼族彝族自治州开远市人民政府"),
    ("7*安市金安区长安街道办事处", "六安市金安区长安街道办事处"),  # the first glyph read as 7*
    ("遵义市红人花岗区城市管理局", "遵义市红花岗区城市管理局"),  # one glyph split in two
])
def test_a_misread_place_with_one_known_look_alike_is_put_right(read, printed):
    assert correct_places(read) == printed


@pytest.mark.parametrize("name", [
    "北京市海淀区人民政府", "宿州市埇桥区人民政府", "宿州市教育局", "海淀区卫生健康委员会",
    "苏州工业园区管理委员会",  # 苏州 then 工: never 苏州市业园区
    "洛阳市蛮川县司法局",  # 栾川县 and 伊川县 are both one glyph away: not decided
    "牡州市韦桥区人民政府",  # 宿州市埇桥区 and 台州市路桥区 both fit: not decided
    "中件县人民政府", "凡州市市场监督管理局",  # many look-alikes
    "示范市卫生健康委员会", "某局",
    "7*安市",  # 六安市, 西安市, 吉安市…: nothing after it to choose
])
def test_known_ambiguous_or_unplaced_names_are_left_as_read(name):
    assert correct_places(name) == name


def _layout(title: str, ocr: bool) -> Layout:
    layout = Layout()
    layout.lines = [title, "一、总体情况", "本机关认真贯彻《条例》。", "二、主动公开政府信息情况"]
    if ocr:
        layout.confidence = {i: 0.9 for i in range(len(layout.lines))}
    return layout


def test_only_a_title_read_by_ocr_is_corrected():
    """A typo printed in a born-digital report is what the report says; a glyph OCR
    misread is not, and the record says it was put right."""
    title = "天津市葡州区住房和城乡建设局2023年政府信息公开工作年度报告"
    scanned = map_layout(_layout(title, ocr=True))
    assert scanned["agency"] == "天津市蓟州区住房和城乡建设局"
    assert scanned["title"].startswith("天津市蓟州区住房和城乡建设局2023年")
    assert [w["code"] for w in scanned["warnings"]].count("agency_place_corrected") == 1
    printed = map_layout(_layout(title, ocr=False))
    assert printed["agency"] == "天津市葡州区住房和城乡建设局"
    assert "agency_place_corrected" not in [w["code"] for w in printed["warnings"]]


def test_among_look_alikes_the_one_the_document_prints_is_taken():
    """凡州市 is one glyph from 泉州市, 福州市, 郑州市…: the report's own text, which prints
    泉州市 (wrapped at a line break), decides; without it nothing is changed."""
    text = "根据《条例》规定，现公布泉州\n市市场监督管理局2024年政府信息公开工作年度报告。"
    assert correct_places("凡州市市场监督管理局", text) == "泉州市市场监督管理局"
    assert correct_places("凡州市市场监督管理局") == "凡州市市场监督管理局"
    assert correct_places("凡州市市场监督管理局", "福州市、泉州市") == "凡州市市场监督管理局"  # both printed
    assert correct_places("苏州工业园区管理委员会", "苏州市") == "苏州工业园区管理委员会"


@pytest.mark.parametrize("read, printed", [
    ("和乎区人民政府", "和平区人民政府"),  # 天津 and 沈阳 each have a 和平区
    ("滨海新匹人民政府", "滨海新区人民政府"),  # a four-character county
    ("海淀匹卫生健康委员会", "海淀区卫生健康委员会"),
])
def test_a_misread_county_starting_a_name_is_put_right_where_the_document_prints_it(read, printed):
    """A body's name may start with its county, no city before it. Many counties share
    a name, and any three characters lie one glyph from some county: the correction
    needs the document's own text (the signature block) to print the name."""
    signature = f"本报告电子版可在门户网站下载。\n{printed}\n2024年1月20日"
    assert correct_places(read, signature) == printed
    assert correct_places(read) == read
    assert correct_places(read, "本报告电子版可在门户网站下载。") == read


def _signed(title: str, title_confidence: float, signature: str, signature_confidence: float, date: str = "2024年1月13日"):
    lines = [f"{title}2023年政府信息公开工作年度报告", "一、总体情况", "本机关认真贯彻《条例》。", signature, date]
    return signed_name(title, lines, {0: title_confidence, 1: 0.9, 2: 0.9, 3: signature_confidence, 4: 0.9})


def test_the_body_signed_more_surely_than_titled_is_the_body():
    """A township is in no table: the signature block names the body a second time, and
    where OCR read it more surely there (龙泉镇 signed, 龙录镇 in the title), it is kept."""
    assert _signed("沈阳市新民市龙录镇人民政府", 0.916, "沈阳市新民市龙泉镇人民政府", 0.951) == "沈阳市新民市龙泉镇人民政府"
    assert _signed("雄县龙录镇人民政府", 0.849, "雄县龙泉镇人民政府", 0.892) == "雄县龙泉镇人民政府"
    # the title read more surely, or hardly less: the title stands
    assert _signed("淮安市退役军人事务局", 0.958, "准安市退役军人事务局", 0.932) is None
    assert _signed("沈阳市新民市龙录镇人民政府", 0.94, "沈阳市新民市龙泉镇人民政府", 0.951) is None
    # a signature whose places the table would put right is a misread of its own; a
    # place of the title that the table knows is never replaced
    assert _signed("天津市葡州区人民政府", 0.70, "天津市蓟州区人民政府", 0.79) == "天津市蓟州区人民政府"
    assert _signed("天津市蓟州区人民政府", 0.70, "天津市葡州区人民政府", 0.79) is None
    assert _signed("淮安市退役军人事务局", 0.70, "准安市退役军人事务局", 0.79) is None
    # no date after it: not the signature block; three glyphs apart: another body
    assert _signed("雄县龙录镇人民政府", 0.849, "雄县龙泉镇人民政府", 0.892, date="特此报告。") is None
    assert _signed("雄县龙录镇人民政府", 0.849, "容城县南张镇政府", 0.892) is None


def test_a_title_reading_its_glyphs_out_of_order_takes_the_name_the_text_prints():
    """A 150-dpi scan's title read ``北京通州市区…`` where the opening sentence, the
    contact line and the signature print ``北京市通州区…``: the same glyphs, one set in
    another place."""
    from extract.places import transposed_name

    text = ("北京通州市区文化广电和旅游局2020年政府\n信息公开工作年度报告\n根据《条例》规定，现公布北京市通\n"
            "州区文化广电和旅游局2020年政府信息公开工作年度报告。如对本报告有\n疑问，请与北京市通州区文化广电和旅游局"
            "办公室联系。\n北京市通州区文化广电和旅游局\n")
    assert transposed_name("北京通州市区文化广电和旅游局", text) == "北京市通州区文化广电和旅游局"
    # printed once only, or the title's own reading printed elsewhere too: kept as read
    assert transposed_name("北京通州市区文化广电和旅游局", text.split("如对")[0]) is None
    assert transposed_name("北京通州市区文化广电和旅游局", text + "北京通州市区文化广电和旅游局\n") is None


def test_a_scanned_report_whose_title_set_a_glyph_elsewhere_takes_its_texts_name():
    layout = Layout()
    layout.lines += ["北京通州市区文化广电和旅游局2020年政府", "信息公开工作年度报告",
                     "根据《中华人民共和国政府信息公开条例》规定，现公布北京市通", "州区文化广电和旅游局2020年政府信息公开工作年度报告。",
                     "一、总体情况", "如对本报告有疑问，请与北京市通州区文化广电和旅游局办公室联系。", "北京市通州区文化广电和旅游局"]
    layout.confidence = {i: 0.9 for i in range(len(layout.lines))}
    record = map_layout(layout)
    assert record["agency"] == "北京市通州区文化广电和旅游局"
    assert any(w["code"] == "agency_from_text" for w in record["warnings"])
