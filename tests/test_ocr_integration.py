"""OCR inside the extractor: pictures standing in for tables in DOCX files, scanned
PDFs, and figure-level confidence in the record (``figure_confidence``)."""
from __future__ import annotations

import io
import shutil
import zipfile

import numpy as np
import pytest

from extract import api, schema
from extract.api import extract_bytes, figure_confidence
from extract.docx import read_docx
from extract.layout import CELL_SEP, Layout
from extract.schema import extraction_warning

needs_ocr_tools = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("tesseract", "soffice", "pdftoppm")),
    reason="needs tesseract, LibreOffice and poppler-utils")


def _docx_with_pictures(pictures: list[bytes], before: str = "四、政府信息公开行政复议、行政诉讼情况",
                        after: str = "五、存在的主要问题及改进情况") -> bytes:
    import docx
    from docx.shared import Cm

    document = docx.Document()
    document.add_paragraph(before)
    for picture in pictures:
        document.add_picture(io.BytesIO(picture), width=Cm(16))
    document.add_paragraph(after)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _png(width: int, height: int) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (width, height), 255).save(buf, "PNG")
    return buf.getvalue()


# -- fast tests: the plumbing, with OCR replaced by a stand-in ---------------------------

def _fake_ocr_layout(prefix: str) -> Layout:
    layout = Layout(lines=[f"{prefix} heading", f"{prefix} | 7 | 8"], confidence={0: 0.9, 1: 0.6})
    layout.ocr_cells = [{"line_index": 1, "cell_index": 1, "text": "7", "confidence": 0.95, "alternatives": [],
                         "figure": True},
                        {"line_index": 1, "cell_index": 2, "text": "8", "confidence": 0.6,
                         "alternatives": [["3", 0.2]], "figure": True}]
    layout.warnings = [extraction_warning("ocr_low_confidence",
                                          "low OCR confidence for cell row 1 col 3 (image, table 1): read '8' (0.60)")]
    return layout


def test_docx_pictures_are_spliced_where_they_stand(monkeypatch):
    import extract.ocr

    calls = []

    def fake_ocr_images(pictures, **kwargs):
        # (a document's pictures are read together, in one batch)
        calls.append(len(pictures))
        return [_fake_ocr_layout(f"pic{k + 1}") for k in range(len(pictures))]

    monkeypatch.setattr(extract.ocr, "ocr_images", fake_ocr_images)
    data = _docx_with_pictures([_png(900, 300), _png(120, 80), _png(400, 900)])
    layout = read_docx(data)
    assert calls == [2]  # the 120x80 icon is not read; the two others in one batch
    assert layout.lines == ["四、政府信息公开行政复议、行政诉讼情况", "pic1 heading", "pic1 | 7 | 8",
                            "pic2 heading", "pic2 | 7 | 8", "五、存在的主要问题及改进情况"]
    assert layout.confidence == {1: 0.9, 2: 0.6, 3: 0.9, 4: 0.6}
    assert [(c["line_index"], c["cell_index"]) for c in layout.ocr_cells] == [(2, 1), (2, 2), (4, 1), (4, 2)]
    for cell in layout.ocr_cells:
        assert layout.lines[cell["line_index"]].split(CELL_SEP)[cell["cell_index"]] == cell["text"]
    # the picture's warnings keep their codes, their details say which picture
    assert {"code": "ocr_low_confidence", "detail": "picture at paragraph 2: low OCR confidence for cell row 1 col 3 "
            "(image, table 1): read '8' (0.60)"} in layout.warnings

    calls.clear()
    layout = read_docx(data, ocr=False)
    assert calls == []
    assert layout.lines == ["四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况"]
    assert layout.ocr_cells == [] and layout.confidence == {}
    # one warning per picture that may hold a table (paragraphs 2 and 4), none for the icon
    assert layout.warnings == [{"code": "picture_ocr_off", "detail": "picture at paragraph 2 may hold a table; OCR disabled"},
                               {"code": "picture_ocr_off", "detail": "picture at paragraph 4 may hold a table; OCR disabled"}]


def test_docx_pictures_read_are_capped(monkeypatch):
    import extract.docx
    import extract.ocr

    monkeypatch.setattr(extract.ocr, "ocr_images", lambda pictures, **kw: [_fake_ocr_layout("p") for _ in pictures])
    monkeypatch.setattr(extract.docx, "MAX_OCR_PICTURES", 2)
    layout = read_docx(_docx_with_pictures([_png(300 + k, 300) for k in range(3)]))
    assert layout.lines.count("p | 7 | 8") == 2
    assert [w["detail"] for w in layout.warnings if w["code"] == "picture_limit"] == [
        "picture at paragraph 4 may hold a table; not read (only the first 2 pictures are sent through OCR)"]


def test_ocr_pages_merged_into_a_text_pdf_keep_cells_with_shifted_lines(monkeypatch):
    import extract.ocr

    def fake_pages(data, pages):
        assert pages == [2]
        return _fake_ocr_layout("page2")

    monkeypatch.setattr(extract.ocr, "ocr_pdf_pages", fake_pages)
    layout = Layout(lines=["one", "two", "three"], pages_needing_ocr=[2],
                    warnings=[extraction_warning("page_needs_ocr", "page 2 has no text layer; needs OCR")])
    layout.ocr_insert_at = {2: 1}  # type: ignore[attr-defined]
    # a reading already tied to a text line after the insertion point moves with it
    layout.ocr_cells = [{"line_index": 2, "cell_index": 0, "text": "three", "confidence": 0.5}]
    layout.confidence = {2: 0.5}
    merged = api._ocr_pages(b"", layout)
    assert merged.lines == ["one", "page2 heading", "page2 | 7 | 8", "two", "three"]
    assert merged.confidence == {1: 0.9, 2: 0.6, 4: 0.5}
    assert [(c["line_index"], c["cell_index"], c["text"]) for c in merged.ocr_cells] == [
        (2, 1, "7"), (2, 2, "8"), (4, 0, "three")]
    assert "page_needs_ocr" not in {w["code"] for w in merged.warnings}
    assert merged.warnings[-1] == {"code": "pages_read_by_ocr",
                                   "detail": "pages 2 were read by OCR (no text layer, or an undecodable one)"}


def test_figure_confidence_ties_figures_to_cells_and_warns_when_low():
    figures = {k: 0 for k in schema.T4_KEYS}
    figures.update({"t4.review.upheld": 1, "t4.review.corrected": 4, "t4.review.total": 5,
                    "t4.suit_direct.upheld": 8, "t4.suit_direct.total": 8,
                    "t3.new.natural": 3, "t3.new.commercial": 0, "t3.new.research": 0, "t3.new.social": 0,
                    "t3.new.legal": 0, "t3.new.other": 0, "t3.new.total": 3})
    t4_cells = [str(int(figures[k])) for k in schema.T4_KEYS]
    t4_cells[2] = ""  # a blank cell: no reading, no confidence
    lines = ["三、收到和处理政府信息公开申请情况",
             CELL_SEP.join(["一、本年新收政府信息公开申请数量", "3", "0", "0", "0", "0", "0", "3"]),  # born digital
             "四、政府信息公开行政复议、行政诉讼情况",
             CELL_SEP.join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]),
             CELL_SEP.join(t4_cells)]
    layout = Layout(lines=lines, confidence={4: 0.41})
    for k, text in enumerate(t4_cells):
        if text:
            layout.ocr_cells.append({"line_index": 4, "cell_index": k, "text": text,
                                     "confidence": 0.41 if k == 5 else 0.97, "alternatives": []})
    before = dict(figures)
    out, warnings = figure_confidence(layout, figures, "2021")
    assert figures == before
    assert set(out) == set(schema.T4_KEYS) - {"t4.review.other"}  # t3 was not OCR'd; one cell blank
    assert out["t4.suit_direct.upheld"] == 0.41 and out["t4.review.total"] == 0.97
    assert warnings == [{"code": "figure_low_confidence",
                         "detail": "low OCR confidence for t4.suit_direct.upheld: read 8 (0.41)"}]
    # a line that does not print the row's figures is not tied to it
    figures["t4.suit_direct.upheld"] = 9
    assert figure_confidence(layout, figures, "2021") == ({}, [])


# -- end to end: real OCR on rendered reports ----------------------------------------

@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """A report (zeros printed as 0) as a text PDF and as a 200-dpi scan."""
    from demo.render import make_spec, render

    spec = make_spec(11, year=2023, generation="2021")
    spec.zero_style = "0"
    cache = tmp_path_factory.mktemp("ocr-integration")
    pdf = render(spec, "pdf", cache_dir=cache)
    return spec, pdf, cache


@pytest.fixture(scope="module")
def picture_docx(rendered):
    """The report's DOCX with table 4 replaced by a 220-dpi picture of it."""
    import docx
    from docx.shared import Cm
    from PIL import Image

    from demo.render import render
    from extract.ocr_table import find_tables

    from .ocr_scans import image_bytes, rasterise

    spec, pdf, cache = rendered
    crop = None
    for page in rasterise(pdf, 220):
        gray = np.asarray(page)
        for table in find_tables(gray, 220)[0]:
            if table.n_cols == 15:
                x0, y0, x1, y1 = table.box
                crop = gray[y0 - 20:y1 + 20, x0 - 20:x1 + 20]
    assert crop is not None, "table 4 not found in the rendered PDF"
    document = docx.Document(io.BytesIO(render(spec, "docx", cache_dir=cache)))
    table4 = document.tables[-1]._tbl
    assert len(table4.findall(".//{*}tr")) == 4
    document.add_picture(io.BytesIO(image_bytes(Image.fromarray(crop), "PNG")), width=Cm(16))
    picture = document.paragraphs[-1]._p
    table4.addprevious(picture)
    table4.getparent().remove(table4)
    buf = io.BytesIO()
    document.save(buf)
    data = buf.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert len([n for n in z.namelist() if n.startswith("word/media/")]) == 1
    return data


@needs_ocr_tools
def test_docx_whose_table_4_is_a_picture(rendered, picture_docx):
    spec, _pdf, _cache = rendered
    record = extract_bytes(picture_docx, "report.docx")
    assert record["error"] is None and record["kind"] == "docx"
    t4 = {k: record["figures"].get(k) for k in schema.T4_KEYS}
    assert t4 == {k: spec.figures[k] for k in schema.T4_KEYS}
    assert record["figures"] == spec.figures
    # only table 4 went through OCR: its figures, and only they, carry a confidence
    assert set(record["figure_confidence"]) == set(schema.T4_KEYS)
    assert all(0 < c <= 1 for c in record["figure_confidence"].values())
    low = {k for k, c in record["figure_confidence"].items() if c < 0.80}
    flagged = [w["detail"] for w in record["warnings"] if w["code"] == "figure_low_confidence"]
    assert len(flagged) == len(low) and all(any(f" {key}: read " in d for d in flagged) for key in low)

    record = extract_bytes(picture_docx, "report.docx", ocr=False)
    assert record["error"] is None
    assert any(w["code"] == "picture_ocr_off" and w["detail"].startswith("picture at paragraph ")
               for w in record["warnings"]), record["warnings"]
    assert not [k for k in record["figures"] if k.startswith("t4.")]
    assert record["figure_confidence"] == {}
    assert {k: v for k, v in record["figures"].items() if k.startswith("t3.")} == \
        {k: v for k, v in spec.figures.items() if k.startswith("t3.")}


@needs_ocr_tools
def test_scanned_pdf_gives_exact_figures_with_confidences(rendered):
    from demo.render import render

    spec, _pdf, cache = rendered
    scan = render(spec, "scan-pdf", cache_dir=cache, dpi=200)
    record = extract_bytes(scan, "scan.pdf")
    assert record["error"] is None
    assert record["figures"] == spec.figures
    confidence = record["figure_confidence"]
    # every figure is printed (zeros as 0), so every one was read from an OCR'd cell
    assert set(confidence) == set(spec.figures)
    assert all(0 < c <= 1 for c in confidence.values())
    for key, conf in confidence.items():
        flagged = any(w["code"] == "figure_low_confidence" and f" {key}: read " in w["detail"]
                      for w in record["warnings"])
        assert flagged == (conf < 0.80), key
