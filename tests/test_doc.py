"""extract.doc: DOC and WPS through LibreOffice (private profile, timeout), antiword fallback."""
from __future__ import annotations

import os
import stat
import time

import pytest

from demo.render import expected_table_lines, make_spec
from extract.doc import ConversionError, antiword_layout, read_doc
from tests.test_html import assert_rows_in_order

SPECS = [make_spec(31, year=2023), make_spec(32, year=2020)]


@pytest.fixture(scope="module")
def office_files(rendered_many):
    items = [(spec, kind) for spec in SPECS for kind in ("doc", "wps")]
    return dict(zip(items and [(s.title, k) for s, k in items], rendered_many(items)))


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["doc", "wps"])
def test_doc_and_wps_give_every_table_row(office_files, kind):
    for spec in SPECS:
        layout = read_doc(office_files[(spec.title, kind)], kind)
        assert_rows_in_order(layout, expected_table_lines(spec))
        assert spec.title in "".join(layout.lines[:2])


def test_antiword_reads_doc_tables(office_files):
    """antiword is the fallback: narrow tables (table 2) come out as rows; wide ones may not."""
    spec = SPECS[0]
    layout = antiword_layout(office_files[(spec.title, "doc")])
    licensing = spec.figures["t2.licensing.decisions"]
    assert f"行政许可 | {licensing or spec.zero_style}" in layout.lines
    assert spec.title in "".join(layout.lines[:2])
    assert any(w["code"] == "read_with_antiword" for w in layout.warnings)


def _fake_soffice(directory, body: str) -> None:
    path = directory / "soffice"
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def test_hanging_libreoffice_is_killed_and_doc_falls_back_to_antiword(office_files, tmp_path, monkeypatch):
    _fake_soffice(tmp_path, "sleep 300")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    spec = SPECS[0]
    started = time.monotonic()
    layout = read_doc(office_files[(spec.title, "doc")], "doc", timeout=2)
    assert time.monotonic() - started < 20
    assert any(w["code"] == "libreoffice_failed" and "timed out after 2 s" in w["detail"] for w in layout.warnings)
    assert layout.warnings[0]["code"] == "libreoffice_failed"
    assert any(line.startswith("行政许可 | ") for line in layout.lines)
    # WPS has no fallback: a clear error
    with pytest.raises(ConversionError, match="timed out after 2 s; killed"):
        read_doc(office_files[(spec.title, "wps")], "wps", timeout=2)
    assert time.monotonic() - started < 40


def test_failing_libreoffice_reports_its_message(tmp_path, monkeypatch):
    _fake_soffice(tmp_path, "echo 'Error: source file could not be loaded' >&2; exit 77")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(ConversionError, match="status 77: Error: source file could not be loaded"):
        read_doc(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "wps")


@pytest.mark.slow
def test_doc_and_wps_extract_exactly_under_isolation_limits(office_files, tmp_path):
    """LibreOffice runs inside the 1 GB-limited child process and the figures come out exact."""
    from extract.api import extract_files

    spec = SPECS[0]
    paths = []
    for kind in ("doc", "wps"):
        path = tmp_path / f"attachment.{kind}"
        path.write_bytes(office_files[(spec.title, kind)])
        paths.append(path)
    records = list(extract_files(paths))
    assert [r["kind"] for r in records] == ["doc", "wps"]
    for record in records:
        assert record["error"] is None
        assert record["figures"] == spec.figures


@pytest.mark.slow
def test_batched_conversion_with_a_broken_file_in_the_batch(office_files, tmp_path):
    """DOC/WPS files share one LibreOffice call; a broken one fails alone."""
    from extract.api import _convert_office_batch, extract_files

    paths = []
    for spec in SPECS:
        for kind in ("doc", "wps"):
            path = tmp_path / f"{len(paths)}.{kind}"
            path.write_bytes(office_files[(spec.title, kind)])
            paths.append(path)
    broken = tmp_path / "broken.doc"
    broken.write_bytes(office_files[(SPECS[0].title, "doc")][:4096])
    paths.insert(1, broken)
    (tmp_path / "scratch").mkdir()
    converted = _convert_office_batch([str(p) for p in paths], str(tmp_path / "scratch"))
    assert len(converted) >= 4  # the good files came out of one call
    records = list(extract_files(paths, workers=2))
    assert records[1]["error"]
    good = [r for i, r in enumerate(records) if i != 1]
    assert [r["figures"] for r in good] == [s.figures for s in SPECS for _ in ("doc", "wps")]


@pytest.fixture(scope="module")
def doc_with_picture(tmp_path_factory):
    """A rendered report as DOC with a table-sized picture after its last table (a table
    pasted as an image)."""
    import io
    from pathlib import Path

    import docx
    from docx.shared import Cm
    from PIL import Image

    from demo.render import render_docx
    from extract.doc import convert_with_libreoffice

    document = docx.Document(io.BytesIO(render_docx(SPECS[0])))
    picture = io.BytesIO()
    Image.new("L", (900, 300), 255).save(picture, "PNG")
    document.add_picture(picture, width=Cm(16))
    tmp = Path(tmp_path_factory.mktemp("doc-picture"))
    src = tmp / "report.docx"
    document.save(src)
    produced = convert_with_libreoffice([src], "doc:MS Word 97", tmp / "out")
    assert produced and produced[0] is not None
    return produced[0].read_bytes()


def test_doc_with_ocr_off_never_calls_ocr(doc_with_picture, monkeypatch):
    import extract.ocr
    from extract import api
    from extract.layout import Layout

    def refuse(*args, **kwargs):
        raise AssertionError("OCR called with ocr=False")

    monkeypatch.setattr(extract.ocr, "ocr_image", refuse)
    monkeypatch.setattr(extract.ocr, "ocr_images", refuse)
    for layout in (read_doc(doc_with_picture, "doc", ocr=False),
                   api.read_layout(doc_with_picture, "doc", ocr=False)):
        assert any(w["code"] == "picture_ocr_off" and w["detail"].endswith("may hold a table; OCR disabled")
                   for w in layout.warnings), layout.warnings
        assert f"行政许可 | {SPECS[0].figures['t2.licensing.decisions'] or SPECS[0].zero_style}" in layout.lines

    # the picture survived the conversion: with OCR on (the default), it is read
    calls = []
    monkeypatch.setattr(extract.ocr, "ocr_image", lambda data, **kw: calls.append(len(data)) or Layout())
    monkeypatch.setattr(extract.ocr, "ocr_images",
                        lambda pictures, **kw: [calls.append(len(data)) or Layout() for data in pictures])
    read_doc(doc_with_picture, "doc")
    assert calls
