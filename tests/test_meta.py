"""Title, agency, year, generation and is-a-report detection on real texts."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract import meta
from extract.layout import Layout
from extract.mapping import map_layout
from extract.text import read_text

SAMPLES = Path(__file__).parent / "examples" / "real_samples"


def mapped(name: str) -> dict:
    return map_layout(read_text((SAMPLES / name).read_bytes()))


@pytest.mark.parametrize("name, agency, year, generation", [
    # the body as the title names it, the year reported on, the template generation
    ("pages_xiaogan_zfbgs_2020_excerpt.txt", "孝感市人民政府办公室", 2020, "2019"),  # title over two lines
    ("pages_yiyang_city_2019_negative_numbers_excerpt.txt", "益阳市人民政府", 2019, "2019"),  # 工作报告, no 年度
    ("pages_baotou_donghe_weijianwei_2021_excerpt.txt", "东河区卫生健康委员会", 2021, "2021"),  # '2021政府…' no 年
    ("pages_suzhou_ah_city_2016_excerpt.txt", "宿州市人民政府", 2016, "free"),
    ("pages_fuzhou_jinan_qu_2016_excerpt.txt", "福州市晋安区", 2016, "free"),
    ("pingtan_dishuiju_2013_report_pagetxt.txt", "平潭综合实验区地方税务局", 2013, "free"),
    ("pages_nanping_city_2012_excerpt.txt", "南平市人民政府信息公开工作领导小组办公室", 2012, "free"),  # 本报告由…
    ("pages_zhanjiang_dfzb_2023_excerpt.txt", "湛江市人民政府地方志办公室", 2023, "2021"),  # 特编制…
    ("pages_enshi_county_weijianju_2021_excerpt.txt", "县卫生健康局", 2021, "2021"),  # no title
    ("pages_shijiazhuang_changan_qu_2025_excerpt.txt", "长安区", 2025, "2021"),  # title without agency
    ("pages_changchun_tuiyijunren_2023_excerpt.txt", None, 2023, "2021"),  # only '我局'
    ("pages_xuwen_sifaju_excerpt.txt", None, None, "2021"),  # year not printed
])
def test_agency_year_generation(name, agency, year, generation):
    result = mapped(name)
    assert (result["agency"], result["year"], result["format"]) == (agency, year, generation)
    assert result["is_report"]


def test_bhtsg_year_never_from_publication_date():
    # no year in the excerpt; published 2020-02-25 (URL t20200225): the publication date
    # is kept as such, the year reported on stays unknown rather than guessed from it
    result = mapped("pages_bhtsg_caigou_zhongxin_2019_broken_header_excerpt.txt")
    assert (result["year"], result["published"]) == (None, "2020-02-25")


def test_notice_about_reports_is_not_a_report():
    result = mapped("pages_wuwei_notice_2025_NOT_A_REPORT_excerpt.txt")
    assert result["is_report"] is False
    assert result["figures"] == {}
    assert result["agency"] == "武威市人民政府办公室"


def test_traditional_character_mirror():
    result = mapped("pages_shanghai_city_2009_tradchinese_repost_excerpt.txt")
    assert (result["format"], result["year"], result["is_report"]) == ("free", 2009, True)
    assert "1" in result["sections"]
    title = meta.detect_title(["上海市2009年政府信息公開工作年度報告", "一、概述"])
    assert title == "上海市2009年政府信息公開工作年度報告"
    assert meta.agency_from_title(title) == "上海市"


def test_wrapped_and_spaced_titles():
    assert meta.detect_title(["曲阜市时庄街道办事处2024年政府信息公开", "工作年度报告", "正文"]) \
        == "曲阜市时庄街道办事处2024年政府信息公开工作年度报告"
    assert meta.detect_title(["西工区西工街道办事处 2024 年政府信息公开工作年 度报告"]) \
        == "西工区西工街道办事处2024年政府信息公开工作年度报告"
    assert meta.detect_title(["当前位置: 首页 > 政务公开 > 政府信息公开年报", "某县2020年政府信息公开工作年度报告"]) \
        == "某县2020年政府信息公开工作年度报告"


@pytest.mark.parametrize("end", ["上度报告", "_度报告", "十度报告", "1度报告", "度报千", "度报合", "度报"])
def test_a_title_wrapped_before_its_last_word_with_a_stray_mark_is_joined(end):
    """OCR reads a mark before the wrapped end (``…工作年`` / ``上度报告``), or misreads or
    loses its last glyph (``度报千``)."""
    title = meta.detect_title(["孝南区人民政府2022年政府信息公开工作年", end, "本报告根据《条例》编制。"])
    assert title == "孝南区人民政府2022年政府信息公开工作年度报告"
    assert meta.agency_from_title(title) == "孝南区人民政府"


@pytest.mark.parametrize("first, rest", [("哈尔滨市五常市林业局2020年度政府信息公开", ")工作年度报告"),
                                         ("哈尔滨市五常市林业局2020年度政府信息公开", "'工作年度报告"),
                                         ("哈尔滨市五常市林业局2020年度政府信息公开工作", "）年度报告"),
                                         ("哈尔滨市五常市林业局2020年度政府信息公开工作年", ".度报告")])
def test_a_title_whose_wrapped_rest_starts_with_a_speck_read_as_a_mark_is_joined(first, rest):
    """A scan's speck before the wrapped rest of the title read as ``)``: the title was
    lost, and the agency with it."""
    title = meta.detect_title([first, rest, "本报告根据《中华人民共和国政府信息公开条例》要求编制。"])
    assert title is not None and meta.agency_from_title(title) == "哈尔滨市五常市林业局"


@pytest.mark.parametrize("first, body", [("某某市政务服务中心（筹", "某某市政务服务中心（筹）"),
                                         ("清溪镇人民政府（清溪乡村振兴服务中心", "清溪镇人民政府（清溪乡村振兴服务中心）")])
def test_a_title_wrapped_just_before_its_bracket_closes_is_joined(first, body):
    """The break falls right before the closing bracket of the body's name: the second
    line alone (``）2020年度…``) was taken for the title, and no body named."""
    title = meta.detect_title([first, "）2020年度政府信息公开工作年度报告", "一、总体情况"])
    assert title == body + "2020年度政府信息公开工作年度报告"
    assert meta.agency_from_title(title) == body


@pytest.mark.parametrize("first", ["天津市公安局2023年政府信息公开工作年度", "天津市公安局2023年度政府信息公开工作年",
                                   "天津市公安局 2023 年政府信息公开工作年度"])
@pytest.mark.parametrize("wrapped", [True, False])
def test_a_title_whose_last_glyphs_the_scan_lost_is_still_the_title(first, wrapped):
    """OCR drops the end of a title (``报告`` wrapped onto a line of its own and lost, or
    lost at the line's end): the report then had no title, body or year."""
    lines = [first] + (["\u3000"] if wrapped else []) + ["本报告根据《中华人民共和国政府信息公开条例》编制。", "一、总体情况"]
    title = meta.detect_title(lines)
    assert title is not None and title.endswith("报告")
    assert meta.agency_from_title(title) == "天津市公安局"
    # a sentence of the body ending so is no title
    assert meta.detect_title(["根据《条例》规定，现公布本局2023年政府信息公开工作年度", "一、总体情况"]) is None


@pytest.mark.parametrize("mark", [".", "。", "、", "·", ","])
def test_a_speck_read_as_a_point_between_the_body_and_the_year_is_no_part_of_the_body(mark):
    assert meta.agency_from_title(f"成都市锦江区公安局{mark}2023年政府信息公开工作年度报告") == "成都市锦江区公安局"


def test_title_hint_used_when_text_has_no_title():
    result = map_layout(Layout(lines=["一、总体情况", "2023年，本局主动公开信息12条。"],
                               title_hint="某市某局2023年政府信息公开工作年度报告"))
    assert (result["title"], result["agency"], result["year"]) == ("某市某局2023年政府信息公开工作年度报告", "某市某局", 2023)


def test_generation_from_headers_beats_year():
    assert meta.detect_generation("信息内容 本年新制作数量 本年新公开数量", 2021) == "2019"
    assert meta.detect_generation("信息内容 本年制发件数 本年废止件数", 2020) == "2021"
    assert meta.detect_generation("一、概述", 2015) == "free"
    assert meta.detect_generation("一、总体情况", 2020) == "2019"


def test_login_and_budget_pages_are_not_reports():
    login = map_layout(Layout(lines=["用户登录", "请输入用户名", "密码", "验证码"]))
    assert login["is_report"] is False
    budget = map_layout(Layout(lines=["某局2024年部门预算公开说明", "一、部门职责"]))
    assert budget["is_report"] is False


def test_spam_mirror_agency_left_out():
    layout = read_text((SAMPLES / "pages_spam_mirror_gd_city_2024_agency_replaced_excerpt.txt").read_bytes())
    result = map_layout(layout)
    assert result["agency"] is None and result["year"] == 2024
    assert any(w["code"] == "agency_replaced" and "spam" in w["detail"] for w in result["warnings"])


def test_year_in_chinese_numerals():
    assert meta.detect_year("某县二〇二三年政府信息公开工作年度报告", "") == 2023
    assert meta.agency_from_title("某县二〇二三年政府信息公开工作年度报告") == "某县"
    assert meta.detect_year(None, "本报告统计期限为二○二二年1月1日至12月31日") == 2022


def test_report_converted_to_traditional_script_maps_the_same():
    seed = (Path(__file__).parent / "examples" / "seeds" / "seed002_example.txt").read_text(encoding="utf-8")
    to_traditional = str.maketrans({"报": "報", "开": "開", "规": "規", "范": "範", "许": "許", "处": "處",
                                    "罚": "罰", "强": "強", "结": "結", "转": "轉", "总": "總", "计": "計",
                                    "国": "國", "维": "維", "纠": "糾", "审": "審", "议": "議", "讼": "訟",
                                    "诉": "訴", "复": "複", "请": "請", "办": "辦", "继": "繼", "数": "數",
                                    "属": "屬", "类": "類", "无": "無", "获": "獲", "执": "執", "项": "項"})
    traditional = seed.translate(to_traditional)
    assert "年度報告" in traditional and "行政許可" in traditional
    mirrored = map_layout(read_text(traditional.encode("utf-8")))
    original = map_layout(read_text(seed.encode("utf-8")))
    assert mirrored["figures"] == original["figures"]
    assert (mirrored["format"], mirrored["year"], mirrored["is_report"]) == ("2021", 2024, True)
    assert mirrored["agency"] == "曲阜市时庄街道辦事處"  # as the mirror prints it


def test_title_broken_inside_a_word_is_joined():
    lines = ["原州区北塬街道2024年政府信", "息公开工作年度报告", "根据《中华人民共和国政府信息公开条例》规定，现发布本报告。"]
    assert meta.detect_title(lines) == "原州区北塬街道2024年政府信息公开工作年度报告"


def test_sentence_that_merely_continues_is_not_a_title():
    lines = ["我局认真贯彻落实《条例》，编制政府信", "息公开工作年度报告并按时发布，接受社会监督。"]
    assert meta.detect_title(lines) is None


@pytest.mark.parametrize("first, rest, agency", [
    ("赣州生态示范", "区管委会2021年政府信息公开工作年度报告", "赣州生态示范区管委会"),
    ("某某高新技术产业开发", "区管委会2023年政府信息公开工作年度报告", "某某高新技术产业开发区管委会"),
])
def test_a_title_wrapped_inside_a_place_before_its_level_and_a_bare_suffix_is_joined(first, rest, agency):
    """``…生态示范`` / ``区管委会2021年…``: the second line's "body" is a place's level and
    a bare suffix (区 + 管委会), no body of its own; the line before starts the name."""
    title = meta.detect_title([first, rest, "根据《中华人民共和国政府信息公开条例》规定，现公布本报告。"])
    assert title == first + rest
    assert meta.detect_agency(title, "") == agency


def test_a_wrapped_line_ending_in_a_body_is_not_joined_to_a_district_body():
    """The line before ends a body's name of its own (…人民政府): not joined."""
    title = meta.detect_title(["某市人民政府", "区管委会2021年政府信息公开工作年度报告", "正文"])
    assert title == "区管委会2021年政府信息公开工作年度报告"


@pytest.mark.parametrize("lines,agency", [
    (["宁强县自然资源局关于2021年度政府信息公开情况的报告", "宁强县自然资源局", "关于2021年度政府信息公开情况的", "一、总体情况"],
     "宁强县自然资源局"),
    (["关于2021年度政府信息公开工作的年度报告", "来源：新九镇党政办", "盐边县新九镇人民政府",
      "关于2021年度政府信息公开工作的年度报告", "一、总体情况"], "盐边县新九镇人民政府"),
    (["某市统计局关于2022年政府信息公开工作情况报告", "一、总体情况"], "某市统计局"),
])
def test_titles_about_the_years_report_name_their_body(lines, agency):
    """``X关于2021年度政府信息公开情况的报告``: a report's title in the form of a memo,
    ``情况的报告`` its end; and the page's title without its body
    (``关于2021年度…的年度报告``) above the report's own, the body's name on the line
    above it."""
    text = "\n".join(lines) + "\n二、主动公开政府信息情况\n"
    record = map_layout(read_text(text.encode("utf-8")))
    assert record["agency"] == agency


@pytest.mark.parametrize("opening,agency", [
    ("一、總體情況\n2022年,撫遠市自然資源局不斷強化宣傳信息報送工作,按照《條例》要求推進政務公開。", "撫遠市自然資源局"),
    ("根據《中華人民共和國政府信息公開條例》和清遠市政府信息公開的有關規定,現公布清遠市教育局2024年度政府信息公開工作年度報告。",
     "清遠市教育局"),
    ("本报告是根据《中华人民共和国政府信息公开条例》要求,由两城镇人民政府党政办公室编制。", "两城镇人民政府"),
    ("根据《中华人民共和国政府信息公开条例》及上级有关文件要求,杭锦后旗教育局编制了本报告。", "杭锦后旗教育局"),
    ("一、总体情况\n文登区住建局高度重视政府信息公开工作,及时调整领导小组成员。", "文登区住建局"),
    ("一、总体情况\n2021年,某县统计局进一步完善公开制度。", "某县统计局"),
    ("一、总体情况\n2023年,在区委、区政府的坚强领导下,官洲街道办事处认真贯彻落实《条例》。", "官洲街道办事处"),
    ("一、总体情况\n2020年七里坪镇严格按照《条例》有关要求开展工作。", "七里坪镇"),
    ("2022年,商务局信息公开工作在县委、县政府的正确领导下全面推进。\n一、总体情况", "商务局"),
    ("2022年政府信息公开工作年度报告\n一、总体情况\n2022年,我局认真贯彻。\n依申请公开情况:市发改局不断提升答复质量。",
     "市发改局"),
    ("一、总体情况\n2022年度,汤原县人民政府办公室政务公开工作本着“公开为常态”的原则开展。", "汤原县人民政府办公室"),
    ("一、总体情况\n2022年以来,丰收乡在县委县政府的正确领导下,扎实推进政务公开。", "丰收乡"),
    ("一、总体情况\n2021年,某区司法局在市司法局的指导下,完善公开制度。", "某区司法局"),
    # the contact the report gives, an office inside the body cut off
    ("一、总体情况\n特向社会公布本镇年度报告。如有疑问,请与衢州市衢江区湖南镇政府综合督考办公室联系。", "衢州市衢江区湖南镇政府"),
    ("一、总体情况\n本级年度报告。如对本报告有任何疑问,请与铁佛镇人民政府联系(地址:铁佛镇)。", "铁佛镇人民政府"),
    ("一、总体情况\n本年度报告。如需咨询,请与双河镇党政办公室联系。", "双河镇"),
    ("一、总体情况\n本年度报告。如需咨询,请与汤原县人民政府办公室联系。", "汤原县人民政府办公室"),
    ("一、總體情況\n如需咨詢,請與柞水縣鳳凰鎮(zhèn)人民政府黨政辦公室聯(lián)系。", "柞水縣鳳凰鎮人民政府"),
    ("本报告根据《条例》和上级要求,由信访局结合有关统计数据编制。", "信访局"),
    ("一、总体情况\n按照区委、区政府有关要求,区政府政务服务办进一步完善公开制度。", "区政府政务服务办"),
])
def test_a_report_without_a_title_takes_its_body_from_the_opening(opening, agency):
    """No title line: the body the opening names as the report's compiler or subject,
    in traditional script as printed (a sentence in traditional script was taken for the
    title, and its body not found)."""
    text = opening + "\n二、主动公开政府信息情况\n第二十条第(一)项\n"
    assert map_layout(read_text(text.encode("utf-8")))["agency"] == agency


@pytest.mark.parametrize("opening", [
    "一、总体情况\n我局高度重视政府信息公开工作。",
    "2022年政府信息公开工作年度报告\n一、总体情况\n2022年,我局认真贯彻。",
    "本报告由本单位根据《条例》编制。",
    "根据上级要求,我们编制了本报告。",
    "一、总体情况\n如有疑问,请与我单位办公室联系。",
    "一、总体情况\n2022年以来,我镇在县委县政府的正确领导下推进政务公开。",
])
def test_an_opening_naming_no_body_gives_none(opening):
    text = opening + "\n二、主动公开政府信息情况\n第二十条第(一)项\n"
    assert map_layout(read_text(text.encode("utf-8")))["agency"] is None
