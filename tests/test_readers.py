"""The input-kind registry: detection in registry order, one row adds a kind."""
from __future__ import annotations

import pytest

from extract import readers
from extract.api import extract_bytes
from extract.layout import Layout


def test_builtin_kinds_detected_by_their_own_sniffers():
    assert readers.detect_kind(b"%PDF-1.7\n...") == "pdf"
    assert readers.detect_kind(b"\x89PNG\r\n\x1a\n" + b"\0" * 20) == "image"
    assert readers.detect_kind("<html><body>报告</body></html>".encode()) == "html"
    assert readers.detect_kind("一、总体情况\n本机关共收到申请3件。".encode("gb18030")) == "text"
    assert readers.detect_kind(b"{\\rtf1\\ansi hello}") == "doc"
    assert readers.detect_kind(b"PK\x03\x04" + b"\0" * 40) == "unknown"  # a zip that is no DOCX: not text
    assert readers.detect_kind(b"") == "unknown"


def read_marked(data, *, ocr=True, converted_docx=None):
    layout = Layout()
    for line in data.decode("utf-8").splitlines()[1:]:
        layout.lines.append(line)
    return layout


@pytest.fixture
def marked_kind():
    saved = list(readers.READERS)
    readers.register(readers.InputKind("marked", lambda data: data.startswith(b"#MARKED"),
                                       "tests.test_readers:read_marked"), before="text")
    yield
    readers.READERS[:] = saved


def test_one_registry_row_adds_a_kind(marked_kind):
    data = "#MARKED\n某某县人民政府2023年政府信息公开工作年度报告\n一、总体情况".encode()
    assert [k.name for k in readers.READERS][-2:] == ["marked", "text"]
    assert readers.detect_kind(data) == "marked"
    record = extract_bytes(data, "x.marked")
    assert record["kind"] == "marked" and record["year"] == 2023
    assert record["agency"] == "某某县人民政府"


def test_unknown_kind_is_a_clear_error():
    with pytest.raises(readers.UnsupportedInput, match="unrecognised file type"):
        readers.read_layout(b"x", "ofd")


def test_a_missing_ocr_engine_is_named_not_taken_for_an_empty_file(monkeypatch):
    from extract import ocr_engines

    monkeypatch.setattr(ocr_engines, "available_engines", lambda: [])
    import io

    from PIL import Image, ImageDraw

    picture = Image.new("L", (800, 1100), 255)
    ImageDraw.Draw(picture).rectangle((100, 100, 700, 400), outline=0, width=4)
    out = io.BytesIO()
    picture.save(out, "PDF", resolution=100)
    scan = out.getvalue()  # a page that is a picture, with no text layer
    record = extract_bytes(scan, "scan.pdf")
    assert record["error"] == ("no text layer on any of the 1 pages (a scan): it needs OCR, but Tesseract is not "
                               "installed (Debian packages tesseract-ocr and tesseract-ocr-chi-sim; ./setup.sh "
                               "installs them)")
    image = extract_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "scan.png")
    assert image["error"].startswith("an image file: needs OCR, but Tesseract is not installed")
    assert extract_bytes(scan, "scan.pdf", ocr=False)["error"].endswith("needs OCR, which is disabled")
