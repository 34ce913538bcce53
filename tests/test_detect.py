"""extract.detect: the input kind comes from the bytes, never the name."""
from __future__ import annotations

import io
import zipfile

import pytest

from demo.render import make_spec, render_docx, render_html, render_txt
from extract.detect import detect_kind, ole_stream_names

SPEC = make_spec(21, year=2023)


@pytest.mark.parametrize("data, kind", [
    (render_html(SPEC, "utf-8"), "html"),
    (render_html(SPEC, "gbk", declare=False), "html"),
    (render_docx(SPEC), "docx"),
    (render_txt(SPEC).encode("utf-8"), "text"),
    (render_txt(SPEC).encode("gb18030"), "text"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj", "pdf"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image"),
    (b"\xff\xd8\xff\xe0" + b"\x00" * 100, "image"),
    (b"{\\rtf1\\ansi\\deff0 {\\fonttbl}}", "doc"),
    (b"", "unknown"),
    (bytes(range(256)) * 10, "unknown"),
])
def test_kind_from_bytes(data, kind):
    assert detect_kind(data) == kind


def test_html_fragment_without_html_tag():
    assert detect_kind("<p>政府信息公开工作年度报告</p><table><tr><td>1</td></tr></table>".encode("gbk")) == "html"


def test_zip_that_is_not_docx_is_unknown():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    assert detect_kind(buf.getvalue()) == "unknown"


@pytest.mark.slow
def test_doc_and_wps_told_apart_by_ole_streams(rendered_many):
    doc, wps = rendered_many([(SPEC, "doc"), (SPEC, "wps")])
    assert "WordDocument" in ole_stream_names(doc)
    assert detect_kind(doc) == "doc"
    assert detect_kind(wps) == "wps"


def test_ole_without_word_stream_is_unknown():
    # a minimal OLE2 header with an empty directory sector: not a word-processor file
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[30:32] = (9).to_bytes(2, "little")
    header[44:48] = (1).to_bytes(4, "little")
    header[48:52] = (1).to_bytes(4, "little")
    header[76:80] = (0).to_bytes(4, "little")
    fat = bytearray(b"\xff" * 512)
    directory = bytearray(512)
    name = "Workbook".encode("utf-16-le") + b"\x00\x00"
    directory[:len(name)] = name
    directory[64:66] = len(name).to_bytes(2, "little")
    data = bytes(header + fat + directory)
    assert "Workbook" in ole_stream_names(data)
    assert detect_kind(data) == "unknown"
