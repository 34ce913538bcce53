"""demo.render: specs obey the template's rules; every kind renders as real portals print it."""
from __future__ import annotations

import io
import re
import zipfile

import pypdfium2 as pdfium
import pytest

from demo.render import expected_table_lines, make_spec, render_html, render_docx, render_txt
from extract import schema

T3_PAYERS = ("natural", "commercial", "research", "social", "legal", "other")


def broken_rules(figures: dict) -> set[str]:
    """The hard rules of report-format.md, written out independently of the extractor."""
    broken = set()
    rows = {k.split(".")[1] for k in figures if k.startswith("t3.")}
    for row in rows:
        if sum(figures[f"t3.{row}.{c}"] for c in T3_PAYERS) != figures[f"t3.{row}.total"]:
            broken.add("t3.row_sum")
    results = [r for r in rows if r not in ("new", "carried_over", "results_total", "carried_forward")]
    for c in T3_PAYERS + ("total",):
        if figures[f"t3.new.{c}"] + figures[f"t3.carried_over.{c}"] != \
                figures[f"t3.results_total.{c}"] + figures[f"t3.carried_forward.{c}"]:
            broken.add("t3.balance")
        if sum(figures[f"t3.{r}.{c}"] for r in results) != figures[f"t3.results_total.{c}"]:
            broken.add("t3.results_sum")
    for g in ("review", "suit_direct", "suit_after_review"):
        parts = sum(figures[f"t4.{g}.{c}"] for c in ("upheld", "corrected", "other", "pending"))
        if parts != figures[f"t4.{g}.total"]:
            broken.add("t4.group_sum")
    return broken


@pytest.mark.parametrize("seed", range(40))
def test_specs_obey_every_rule_and_use_schema_keys(seed):
    spec = make_spec(seed)
    if spec.generation == "free":
        assert spec.figures == {}
        return
    assert broken_rules(spec.figures) == set()
    expected = {s.key for s in schema.figure_specs(spec.generation)}
    if spec.single_other_row or spec.generation == "2019":
        expected -= {f"t3.{r}.{c}" for r in ("other_no_correction", "other_no_fee", "other_other")
                     for c in schema.T3_COLUMN_KEYS}
    if spec.generation == "2021":
        expected -= {f"t3.other.{c}" for c in schema.T3_COLUMN_KEYS} if not spec.single_other_row else set()
    assert set(spec.figures) == expected
    assert all(isinstance(v, (int, float)) for v in spec.figures.values())
    # section 1 states the request count, as real reports do
    stated = re.search(r"共收到政府信息公开申请(\d+)件", spec.narrative[1])
    assert stated and int(stated.group(1)) == spec.figures["t3.new.total"]


@pytest.mark.parametrize("seed", range(12))
def test_inconsistent_spec_breaks_exactly_the_rule_it_names(seed):
    spec = make_spec(seed, year=2023, inconsistent=True)
    assert spec.broken_rules
    assert broken_rules(spec.figures) >= set(spec.broken_rules)
    assert make_spec(seed, year=2023).figures != spec.figures


def test_same_seed_same_spec():
    assert make_spec(5) == make_spec(5)
    assert make_spec(5) != make_spec(6)


def test_generation_follows_year():
    assert make_spec(1, year=2022).generation == "2021"
    assert make_spec(1, year=2020).generation == "2019"
    assert make_spec(1, year=2015).generation == "free"


def test_html_gbk_is_gbk_with_spans():
    spec = make_spec(11, year=2023)
    data = render_html(spec, "gbk", declare=True)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("gbk")
    assert 'charset=gb2312' in text
    assert 'rowspan="22"' in text or 'rowspan="20"' in text  # 三、本年度办理结果
    assert 'colspan="5"' in text and "法人或其他组织" in text
    assert spec.title in text
    assert "charset" not in render_html(spec, "gbk", declare=False).decode("gbk")


def test_docx_has_real_merges_both_ways():
    import docx

    spec = make_spec(12, year=2022)
    data = render_docx(spec)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert '<w:vMerge w:val="restart"/>' in xml and "<w:vMerge/>" in xml
    assert '<w:gridSpan w:val="5"/>' in xml  # 法人或其他组织
    table3 = docx.Document(io.BytesIO(data)).tables[1]
    # python-docx repeats a merged cell in every slot it covers
    assert [c.text for c in table3.rows[1].cells][4:9] == ["法人或其他组织"] * 5
    assert table3.cell(5, 0).text == table3.cell(6, 0).text == "三、本年度办理结果"


def test_txt_prints_every_figure_row():
    spec = make_spec(13, year=2024)
    text = render_txt(spec)
    assert spec.title in text
    assert f"一、本年新收政府信息公开申请数量\t" in text


def test_expected_lines_follow_layout_convention():
    spec = make_spec(14, year=2024)
    lines = expected_table_lines(spec)
    assert "自然人 | 法人或其他组织 | 总计" in lines
    first_result = next(line for line in lines if line.startswith("三、本年度办理结果"))
    assert first_result.split(" | ")[1] == "（一）予以公开"
    assert len(first_result.split(" | ")) == 9


def test_office_kinds_and_scan_batch(rendered_many, render_cache):
    spec = make_spec(15, year=2024)
    pdf, doc, wps, scan = rendered_many([(spec, "pdf"), (spec, "doc"), (spec, "wps"), (spec, "scan-pdf")])
    document = pdfium.PdfDocument(pdf)
    text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    assert "申请人情况" in text and spec.agency in text
    assert doc.startswith(b"\xd0\xcf\x11\xe0") and wps.startswith(b"\xd0\xcf\x11\xe0")
    assert b"KSOProductBuildVer" in wps or "KSOProductBuildVer".encode("utf-16-le") in wps
    scanned = pdfium.PdfDocument(scan)
    assert len(scanned) == len(document)
    assert all(len(scanned[i].get_textpage().get_text_range().strip()) == 0 for i in range(len(scanned)))
    # cached: rendering again is served from the cache and gives the same bytes
    assert rendered_many([(spec, "pdf")])[0] == pdf
    assert any(render_cache.rglob(spec.cache_key("pdf")))
