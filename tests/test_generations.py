"""The template-generation registry: each generation brings its own detection."""
from __future__ import annotations

from extract import gen2019, gen2021, generations
from extract.meta import detect_generation


def test_generations_detect_themselves_newest_first():
    assert generations.GENERATIONS == (gen2021, gen2019)
    assert generations.marked("表二 本年制发件数 现行有效件数") == [gen2021]
    assert generations.marked("本年新制作数量 本年新公开数量") == [gen2019]
    assert generations.marked("本年制发件数 本年新制作数量") == [gen2021, gen2019]
    assert generations.marked("一、总体情况") == []
    assert generations.marked("(本年新制作) 本年制发件数", table_2=True) == [gen2021, gen2019]


def test_year_decides_when_the_words_do_not():
    assert [generations.for_year(y).GENERATION for y in (2018, 2019, 2020, 2021, 2025)] == [
        "2019", "2019", "2019", "2021", "2021"]
    assert detect_generation("本年制发件数 本年新制作数量 本年新收政府信息公开申请", 2020) == "2019"
    assert detect_generation("本年制发件数 本年新制作数量", 2023) == "2021"
    assert detect_generation("本年制发件数 本年新制作数量", None) == "2021"
    assert detect_generation("一、总体情况", 2020) == "2019"
    assert detect_generation("一、总体情况", 2015) == "free"
    assert detect_generation("本年新收政府信息公开申请数量", None) == "2021"
    assert generations.module_for("free") is gen2019 and generations.module_for("2021") is gen2021
