"""Hostile files on every extraction path: each ends with a clear error, within its limits."""
from __future__ import annotations

import hashlib
import io
import time
import zipfile
import zlib

from extract.api import extract_bytes
from extract.runner import Job, Runner
from ogi.extraction import run_extraction
from store import RawStore, RecordStore


def _pdf_with_pages(n: int) -> bytes:
    """A valid PDF of ``n`` empty pages, written by hand."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + b" ".join(f"{i + 3} 0 R".encode() for i in range(n))
               + f"] /Count {n} >>".encode()]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * n
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def test_a_4000_page_pdf_is_refused_as_too_large_not_crashed():
    record = extract_bytes(_pdf_with_pages(4000), "huge.pdf")
    assert record["error"] == "too large: the PDF has 4000 pages; the limit is 1000"
    assert extract_bytes(_pdf_with_pages(3), "small.pdf")["error"] != record["error"]


def _docx_with_document_xml(size: int) -> bytes:
    """A DOCX whose word/document.xml inflates to ``size`` bytes (compressing well below the bomb ratio)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        info = zipfile.ZipInfo("word/document.xml")
        with z.open(info, "w", force_zip64=True) as member:
            chunk = b"<w:p><w:r><w:t>" + hashlib.sha256(b"x").hexdigest().encode() * 30 + b"</w:t></w:r></w:p>"
            written = 0
            while written < size:
                member.write(chunk)
                written += len(chunk)
    return out.getvalue()


def test_a_docx_with_a_200_mb_document_is_too_large_not_damaged(tmp_path):
    data = _docx_with_document_xml(200 * 1024 * 1024)
    assert len(data) > 100 * 1024 * 1024  # stored, not a bomb by ratio
    path = tmp_path / "big.docx"
    path.write_bytes(data)
    from extract import limits

    saved = limits.MAX_FILE_BYTES
    limits.MAX_FILE_BYTES = 512 * 1024 * 1024  # let it past the file-size limit, to the member check
    try:
        with Runner(timeout=60) as runner:
            (_, record), = list(runner.run([Job(None, str(path), str(path))]))
    finally:
        limits.MAX_FILE_BYTES = saved
    assert record["error"].startswith("too large: zip member 'word/document.xml' inflates to 200 MB; "
                                      "the limit is 64 MB")


def _lying_zip() -> bytes:
    """A DOCX whose headers declare 13 bytes for a word/document.xml that inflates to 2 GB."""
    import struct

    bomb = zlib.compressobj(9, zlib.DEFLATED, -15)
    payload = b"".join(bomb.compress(b"\0" * (64 * 1024 * 1024)) for _ in range(32)) + bomb.flush()
    members = [("[Content_Types].xml", b"<Types/>", 0), ("word/document.xml", payload, 8)]
    out, central = io.BytesIO(), io.BytesIO()
    for name, data, method in members:
        declared = len(data) if method == 0 else 13
        crc = zlib.crc32(data) if method == 0 else 0
        offset = out.tell()
        header = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0, crc, len(data), declared,
                             len(name), 0)
        out.write(header + name.encode() + data)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0, crc, len(data),
                                  declared, len(name), 0, 0, 0, 0, 0, offset) + name.encode())
    start = out.tell()
    out.write(central.getvalue())
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central.getvalue()),
                          start, 0))
    return out.getvalue()


def test_a_lying_zip_ends_in_an_error_within_the_memory_cap(tmp_path):
    path = tmp_path / "lying.docx"
    path.write_bytes(_lying_zip())
    started = time.monotonic()
    with Runner(timeout=60, memory_limit=512 * 1024 * 1024) as runner:
        (_, record), = list(runner.run([Job(None, str(path), str(path))]))
    assert record["error"] == "out of memory (limit 512 MB)" and record["figures"] == {}
    assert time.monotonic() - started < 60


def test_the_same_bytes_at_ten_urls_are_extracted_once(tmp_path):
    store = RawStore(tmp_path / "store")
    page = "<html><body><h1>某县人民政府2023年政府信息公开工作年度报告</h1></body></html>".encode()
    for n in range(10):
        store.record_fetch(url=f"http://127.0.0.1/{n}/report.html", data=page, ext=".html",
                           fetched_at="2024-01-20T00:00:00+00:00", portal="p", role="page")
    records = RecordStore.beside(store.root, "test", "ocr=off")
    stage = run_extraction(store, records, ocr=False)
    assert (stage.extracted, stage.reused, len(records)) == (1, 0, 1)
    again = run_extraction(store, records, ocr=False)
    assert (again.extracted, again.reused) == (0, 1)
