"""Bad input: each file gets a clear error in bounded time and memory; the rest still extract."""
from __future__ import annotations

import io
import os
import resource
import stat
import time
import zipfile

import pytest

from demo.render import make_spec
from extract.api import extract_bytes, extract_files
from extract.runner import Job, Runner

GOOD = make_spec(51, year=2024)

BUDGET_NOTICE = """<html><head><meta charset="utf-8"><title>关于公开2024年部门预算的说明</title></head><body>
<div class="nav"><a href="/">首页</a> &gt; 财政预决算</div>
<p>某某区财政局2024年部门预算公开说明</p>
<p>根据《中华人民共和国预算法》有关规定，现将本部门2024年部门预算公开如下。</p>
<table border="1"><tr><td>项目</td><td>预算数（万元）</td><td>上年数（万元）</td></tr>
<tr><td>一般公共预算拨款收入</td><td>1268.35</td><td>1190.20</td></tr>
<tr><td>政府性基金预算拨款收入</td><td>0</td><td>0</td></tr>
<tr><td>“三公”经费</td><td>12.60</td><td>13.10</td></tr></table>
<p>联系电话：0000-1234567</p></body></html>"""

LOGIN_PAGE = """<!DOCTYPE html><html><head><meta charset="gbk"><title>统一身份认证平台</title>
<script>function check(){return document.getElementById('u').value!='';}</script></head><body>
<form action="/login" method="post" onsubmit="return check()"><p>用户名：<input id="u" name="u"></p>
<p>密码：<input type="password" name="p"></p><p>验证码：<input name="c"><img src="/captcha"></p>
<button>登录</button></form><p>忘记密码？请联系管理员</p></body></html>""".encode("gbk")


_BOMB: list[bytes] = []


def _zip_bomb() -> bytes:
    """A DOCX whose document.xml inflates 1000-fold to 96 MB (made once per session)."""
    if _BOMB:
        return _BOMB[0]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + b"0" * (96 * 1024 * 1024) + b"</w:document>")
    _BOMB.append(buf.getvalue())
    return _BOMB[0]


@pytest.fixture(scope="module")
def good_pdf(rendered):
    return rendered(GOOD, "pdf")


@pytest.mark.parametrize("data, message", [
    (b"", "empty file"),
    (b"   \n\t ", "file holds only whitespace"),
    (BUDGET_NOTICE.encode("utf-8"), "not an annual report"),
    (LOGIN_PAGE, "not an annual report"),
    (bytes(range(256)) * 40, "unrecognised file type"),
    (b"PK\x03\x04\x14\x00\x00\x00word/document.xml", "not a valid DOCX"),
])
def test_clear_error(data, message):
    record = extract_bytes(data, "x")
    assert record["error"] and record["error"].startswith(message), record["error"]
    assert record["figures"] == {}


def test_truncated_pdf(good_pdf):
    record = extract_bytes(good_pdf[: len(good_pdf) // 3])
    assert record["kind"] == "pdf"
    # pdfium repairs what it can; either a clear error or no invented figures
    if record["error"] is None:
        assert all(record["figures"].get(k) == v for k, v in record["figures"].items()
                   if k in GOOD.figures)
    else:
        assert "PDF" in record["error"] or "not an annual report" in record["error"]
    assert extract_bytes(good_pdf[:1500])["error"].startswith("damaged PDF")


def test_docx_zip_bomb_bounded():
    bomb = _zip_bomb()
    started = time.monotonic()
    record = extract_bytes(bomb)
    assert record["kind"] == "docx"
    assert "zip bomb" in record["error"]
    assert time.monotonic() - started < 5


def test_huge_file_is_refused_without_reading(tmp_path):
    huge = tmp_path / "huge.pdf"
    with open(huge, "wb") as f:
        f.write(b"%PDF-1.7\n")
        f.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    (record,) = list(extract_files([huge], isolate=False))
    assert record["error"].startswith("file is 200.0 MB; the limit is")
    assert record["size"] == 200 * 1024 * 1024 and len(record["sha256"]) == 64
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024  # KB: not read whole


def eat_memory(data, source):
    blocks = []
    for _ in range(64):
        blocks.append(bytearray(64 * 1024 * 1024))  # 4 GB in all
    return {"blocks": len(blocks)}


def hang(data, source):
    time.sleep(300)


def _one(tmp_path, function, **limits):
    path = tmp_path / "doc.txt"
    path.write_bytes(b"x")
    with Runner(function=f"tests.test_bad_input:{function}", **limits) as runner:
        (_, record), = list(runner.run([Job(None, str(path), str(path))]))
    return record


def test_memory_blow_up_is_that_files_error(tmp_path):
    record = _one(tmp_path, "eat_memory", memory_limit=1024 * 1024 * 1024)
    assert "memory" in record["error"] and "blocks" not in record


def test_hang_is_killed_after_timeout(tmp_path):
    started = time.monotonic()
    record = _one(tmp_path, "hang", timeout=2)
    assert record["error"] == "extraction timed out after 2 s; process killed"
    assert time.monotonic() - started < 10


def test_one_batch_mixed_good_and_bad(tmp_path, monkeypatch, rendered, good_pdf):
    """Every kind of bad input in one call: each fails alone, the good files extract."""
    files = {
        "good.html": rendered(GOOD, "html-gbk"),
        "empty.pdf": b"",
        "budget.html": BUDGET_NOTICE.encode("utf-8"),
        "truncated.pdf": good_pdf[:1500],
        "bomb.docx": _zip_bomb(),
        "hangs.wps": rendered(GOOD, "wps"),
        "good.pdf": good_pdf,
    }
    paths = []
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(path)
    # a LibreOffice that hangs (rendering above used the real one)
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "soffice").write_text("#!/bin/sh\nsleep 300\n")
    (fake / "soffice").chmod(0o755 | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr("extract.limits.OFFICE_TIMEOUT", 3)
    started = time.monotonic()
    records = list(extract_files(paths, workers=2))
    assert time.monotonic() - started < 60
    by_name = {os.path.basename(r["source"]): r for r in records}
    assert [os.path.basename(r["source"]) for r in records] == list(files)
    assert by_name["good.html"]["error"] is None and by_name["good.html"]["figures"] == GOOD.figures
    assert by_name["good.pdf"]["error"] is None and by_name["good.pdf"]["figures"] == GOOD.figures
    assert by_name["empty.pdf"]["error"] == "empty file"
    assert by_name["budget.html"]["error"].startswith("not an annual report")
    assert by_name["truncated.pdf"]["error"].startswith("damaged PDF")
    assert "zip bomb" in by_name["bomb.docx"]["error"]
    assert "timed out after 3 s" in by_name["hangs.wps"]["error"]
