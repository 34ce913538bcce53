"""Free-format (pre-2019) reports: sections, title, agency and year; never figures."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.mapping import map_layout
from extract.text import read_text

SAMPLES = Path(__file__).parent / "examples" / "real_samples"


@pytest.mark.parametrize("name, year", [
    ("pingtan_dishuiju_2013_report_pagetxt.txt", 2013),
    ("pages_suzhou_ah_city_2016_excerpt.txt", 2016),
    ("pages_fuzhou_jinan_qu_2016_excerpt.txt", 2016),
    ("pages_nanping_city_2012_excerpt.txt", 2012),
    ("pages_shanghai_city_2009_tradchinese_repost_excerpt.txt", 2009),
])
def test_free_format_reports(name, year):
    result = map_layout(read_text((SAMPLES / name).read_bytes()))
    assert result["format"] == "free"
    assert result["year"] == year
    assert result["figures"] == {} and result["findings"] == []
    assert result["sections"].get("1")
    assert result["is_report"]


def test_pingtan_2013_sections_follow_its_own_headings():
    result = map_layout(read_text((SAMPLES / "pingtan_dishuiju_2013_report_pagetxt.txt").read_bytes()))
    assert len(result["sections"]) >= 2
    assert all(text for text in result["sections"].values())
