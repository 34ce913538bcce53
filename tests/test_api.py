"""extract.api: records for every kind, real files against their truth, isolation, order."""
from __future__ import annotations

import json

import pytest

from demo.render import make_spec
from extract import EXTRACTOR_VERSION
from extract.api import RECORD_KEYS, extract_bytes, extract_file, extract_files

SPECS = [make_spec(seed, year=2019 + seed % 6) for seed in range(40, 46)]


def cell_accuracy(figures: dict, truth: dict) -> float:
    return sum(1 for k, v in truth.items() if figures.get(k) == v) / len(truth)


@pytest.mark.parametrize("kind", ["html-utf8", "html-gbk", "docx", "pdf"])
def test_born_digital_kinds_give_exact_figures(rendered_many, kind):
    for spec, data in zip(SPECS, rendered_many([(s, kind) for s in SPECS])):
        record = extract_bytes(data, f"fixture.{kind}")
        assert record["error"] is None, record["error"]
        assert record["figures"] == spec.figures  # every printed key, exact, and no others
        assert record["format"] == spec.generation
        assert record["year"] == spec.year and record["agency"] == spec.agency
        assert record["is_report"] is True and record["findings"] == []


def test_record_shape_and_provenance(rendered):
    spec = SPECS[0]
    data = rendered(spec, "html-gbk")
    record = extract_bytes(data, "https://example.gov.cn/a.html")
    assert tuple(record) == RECORD_KEYS
    import hashlib
    assert record["sha256"] == hashlib.sha256(data).hexdigest()
    assert record["size"] == len(data) and record["kind"] == "html"
    assert record["extractor_version"] == EXTRACTOR_VERSION
    assert record["source"] == "https://example.gov.cn/a.html"
    assert set(record["sections"]) >= {1, 5, 6} or set(record["sections"]) >= {"1", "5", "6"}
    json.dumps(record, ensure_ascii=False)  # the record is JSON as it stands


def test_inconsistent_report_gives_findings_and_keeps_figures(rendered):
    spec = make_spec(47, year=2023, inconsistent=True)
    record = extract_bytes(rendered(spec, "docx"))
    assert record["figures"] == spec.figures  # the printed (wrong) figure is kept
    assert {f["rule"] for f in record["findings"]} >= set(spec.broken_rules)


def test_kind_comes_from_bytes_not_name(rendered, tmp_path):
    spec = SPECS[1]
    misnamed = tmp_path / "report.pdf"
    misnamed.write_bytes(rendered(spec, "docx"))
    record = extract_file(misnamed)
    assert record["kind"] == "docx" and record["figures"] == spec.figures


def _load_truth(examples, name):
    return json.loads((examples / f"{name}.truth.json").read_text())


def test_huaian_wps_pdf_against_truth(input_kind_examples):
    truth = _load_truth(input_kind_examples, "huaian_hongze_district_gov_2024_report")
    record = extract_file(input_kind_examples / "huaian_hongze_district_gov_2024_report.pdf")
    assert record["kind"] == "pdf" and record["pages"] == 5
    assert cell_accuracy(record["figures"], truth["figures"]) >= 0.99
    assert record["format"] == truth["format"] and record["year"] == truth["year"]
    assert {f["rule"] for f in record["findings"]} >= set(truth.get("breaks", []))


def test_shanghai_2019_html_against_truth(input_kind_examples):
    truth = _load_truth(input_kind_examples, "shanghai_zfbgt_2019_report_from_js")
    record = extract_file(input_kind_examples / "shanghai_zfbgt_2019_report_from_js.html")
    assert record["format"] == "2019" and record["year"] == 2019
    assert cell_accuracy(record["figures"], truth["figures"]) >= 0.99
    assert {f["rule"] for f in record["findings"]} >= set(truth["breaks"])


def test_blank_template_gives_no_figures(input_kind_examples):
    record = extract_file(input_kind_examples / "template_2021format_blank_zwgk_nianbao.docx")
    assert record["kind"] == "docx"
    assert record["figures"] == {}
    assert record["is_report"] is False
    assert record["error"].startswith("not an annual report")


def test_extract_files_keeps_order_and_isolates(rendered, tmp_path):
    paths = []
    for i, spec in enumerate(SPECS[:4]):
        path = tmp_path / f"{i}.bin"
        path.write_bytes(rendered(spec, "html-utf8" if i % 2 else "docx"))
        paths.append(path)
    empty = tmp_path / "empty.doc"
    empty.write_bytes(b"")
    paths.insert(2, empty)
    records = list(extract_files(paths, workers=3))
    assert [r["source"] for r in records] == [str(p) for p in paths]
    assert records[2]["error"] == "empty file"
    assert [r["figures"] for r in records[:2] + records[3:]] == [s.figures for s in SPECS[:4]]
    assert list(extract_files(paths, isolate=False)) == records


def test_scan_without_ocr_says_so(rendered):
    record = extract_bytes(rendered(SPECS[2], "scan-pdf", dpi=60), ocr=False)
    assert record["kind"] == "pdf" and record["figures"] == {}
    assert record["error"].startswith("no text layer on any of the")
    assert record["error"].endswith("needs OCR, which is disabled")


def test_free_format_report_has_sections_and_no_figures(rendered):
    spec = make_spec(48, year=2015)
    assert spec.generation == "free"
    record = extract_bytes(rendered(spec, "html-utf8"))
    assert record["error"] is None and record["is_report"] is True
    assert record["format"] == "free" and record["figures"] == {}
    assert record["year"] == 2015 and record["agency"] == spec.agency


@pytest.mark.parametrize("name", ["ordos_engebei_trs_example.html", "pingtan_trs_example.html"])
def test_a_real_column_page_is_not_a_report(name):
    from pathlib import Path

    record = extract_bytes((Path(__file__).resolve().parent / "examples" / "listpages" / name).read_bytes(), name)
    assert record["is_report"] is False and record["figures"] == {}
    assert record["error"].startswith("not an annual report (a list of ")


def test_list_pages_and_reports_that_repeat_their_title():
    rows = "".join(f"<li><a href='/{y}.html'>某县{'人民政府' if y % 2 else '教育局'}{y}年政府信息公开工作年度报告</a>"
                   f"<span>{y + 1}-01-20</span></li>" for y in (2021, 2022, 2023))
    page = f"<html><head><title>政府信息公开年报</title></head><body><ul>{rows}</ul></body></html>"
    record = extract_bytes(page.encode("gbk"), "list.html")
    assert record["is_report"] is False and record["error"] == (
        "not an annual report (a list of 3 report titles: a portal's column page)")
    title = "某县人民政府2023年政府信息公开工作年度报告"
    report = (f"<html><head><title>{title}</title></head><body><h1>{title}</h1><p>{title}</p>"
              "<p>一、总体情况</p><p>本机关2023年共收到政府信息公开申请3件。</p><p>" + title + "</p></body></html>")
    assert extract_bytes(report.encode(), "r.html")["is_report"] is True


def test_a_landing_page_naming_its_report_three_ways_stays_a_report():
    title = "示范市卫生健康委员会2019年政府信息公开工作年度报告"
    page = (f"<html><head><title>{title}</title></head><body><h1>{title}</h1><p>现将{title}予以公布。</p>"
            f"<p>附件：<a href='/a.wps'>{title}.wps</a></p></body></html>")
    record = extract_bytes(page.encode(), "landing.html")
    assert record["is_report"] is True and record["year"] == 2019


def test_extract_file_reads_as_every_job_is_read(tmp_path):
    """In process as in the runner: a device or directory is refused without reading (an
    endless /dev/zero was read until memory ran out), a file over the size limit keeps
    its hash and size."""
    from extract import limits

    assert extract_file("/dev/zero")["error"].startswith("not a regular file")
    assert extract_file(tmp_path)["error"].startswith("not a regular file")
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * 2048)
    saved = limits.MAX_FILE_BYTES
    limits.MAX_FILE_BYTES = 1024
    try:
        record = extract_file(big)
    finally:
        limits.MAX_FILE_BYTES = saved
    assert record["error"] == "file is 0.0 MB; the limit is 0 MB" and record["size"] == 2057
    assert record["sha256"] == __import__("hashlib").sha256(big.read_bytes()).hexdigest()
