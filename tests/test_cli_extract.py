"""`ogi extract`: JSON Lines in input order, exit status, progress on stderr."""
from __future__ import annotations

import json

from click.testing import CliRunner

from demo.render import make_spec
from ogi.cli import cli

SPECS = [make_spec(seed, year=2022) for seed in range(60, 63)]


def test_json_lines_in_input_order(rendered, tmp_path):
    paths = []
    for i, spec in enumerate(SPECS):
        path = tmp_path / f"r{i}.{'docx' if i == 1 else 'html'}"
        path.write_bytes(rendered(spec, "docx" if i == 1 else "html-utf8"))
        paths.append(str(path))
    result = CliRunner().invoke(cli, ["extract", "--json", *paths])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["source"] for r in records] == paths
    assert [r["figures"] for r in records] == [s.figures for s in SPECS]
    assert records[1]["kind"] == "docx" and records[0]["kind"] == "html"


def test_failure_sets_exit_status_and_others_still_print(rendered, tmp_path):
    good = tmp_path / "good.html"
    good.write_bytes(rendered(SPECS[0], "html-gbk"))
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.docx"
    result = CliRunner().invoke(cli, ["extract", "--json", str(empty), str(good), str(missing)])
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["error"] for r in records][0] == "empty file"
    assert records[1]["error"] is None and records[1]["figures"] == SPECS[0].figures
    assert records[2]["error"].startswith("cannot read file")
    assert "2 of 3 files failed" in result.stderr


def test_progress_on_stderr_for_many_files(rendered, tmp_path):
    page = rendered(SPECS[2], "html-utf8")
    paths = []
    for i in range(12):
        path = tmp_path / f"p{i}.html"
        path.write_bytes(page)
        paths.append(str(path))
    result = CliRunner().invoke(cli, ["extract", "-j", "2", *paths])
    assert result.exit_code == 0
    assert "extract: 10/12 files, 0 failed" in result.stderr
    assert "extract: 12/12 files, 0 failed" in result.stderr
    # the plain summary: one line per file
    lines = result.stdout.splitlines()
    assert len(lines) == 12 and all("\thtml\t2021\t2022\t" in line for line in lines)


def test_help_ends_with_example():
    result = CliRunner().invoke(cli, ["extract", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and "ogi extract report.pdf page.html --json" in result.output


def test_json_warnings_are_code_and_detail_objects(tmp_path):
    from extract import EXTRACTOR_VERSION, schema

    notice = tmp_path / "notice.html"
    notice.write_bytes("<html><body><p>关于开展防汛演练的通知</p></body></html>".encode())
    result = CliRunner().invoke(cli, ["extract", "--json", str(notice)])
    record = json.loads(result.stdout)
    assert record["extractor_version"] == EXTRACTOR_VERSION
    assert record["warnings"] and all(set(w) == {"code", "detail"} and w["code"] in schema.WARNING_CODES_BY_CODE
                                      for w in record["warnings"])
    assert {"code": "not_a_report", "detail": "not an annual report (notice, budget or other page)"} in record["warnings"]


def _console_script(tmp_path, *args: str):
    """``ogi ARGS`` as the console script runs it (:func:`ogi.cli.main`), in a fresh
    process, with an ``atexit`` handler that leaves a file behind when it runs."""
    import subprocess
    import sys

    flag = tmp_path / "atexit-ran"
    code = (f"import atexit, pathlib; atexit.register(pathlib.Path({str(flag)!r}).write_text, 'ran'); "
            "from ogi.cli import main; main()")
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120)
    return done, flag.exists()


def test_the_console_script_ends_at_once_with_the_commands_status_and_output(rendered, tmp_path):
    """The console script skips the interpreter's teardown: every record is still
    written, atexit handlers still run, and the status is the command's (0, 1 when a
    file failed, 2 for a usage error)."""
    paths = []
    for i in range(12):
        path = tmp_path / f"r{i}.html"
        path.write_bytes(rendered(SPECS[i % 3], "html-utf8"))
        paths.append(str(path))
    done, ran = _console_script(tmp_path, "extract", "--json", *paths)
    assert done.returncode == 0 and ran, done.stderr
    assert [json.loads(line)["figures"] for line in done.stdout.splitlines()] == [SPECS[i % 3].figures
                                                                                  for i in range(12)]
    assert "extract: 12/12 files, 0 failed" in done.stderr
    (tmp_path / "empty.pdf").write_bytes(b"")
    done, ran = _console_script(tmp_path, "extract", "--json", str(tmp_path / "empty.pdf"), paths[0])
    assert done.returncode == 1 and ran and len(done.stdout.splitlines()) == 2
    assert "1 of 2 files failed" in done.stderr
    done, _ = _console_script(tmp_path, "extract")
    assert done.returncode == 2 and "give one or more FILES" in done.stderr


def test_a_scanned_page_is_read_by_ocr_within_the_default_memory_limit(tmp_path):
    """``ogi extract`` with the default settings on an image-only PDF: the worker's
    address-space limit leaves room for both OCR engines (RapidOCR's runtime alone
    reserves about 0.6 GB), so the page is read, not failed as out of memory."""
    from pathlib import Path

    import pypdfium2 as pdfium

    source = Path(__file__).parent / "examples" / "input_kinds" / "huaian_hongze_district_gov_2024_report.pdf"
    document = pdfium.PdfDocument(source.read_bytes())
    pages = [document[k].render(scale=200 / 72, grayscale=True).to_pil() for k in (1, 2)]
    scan = tmp_path / "scan.pdf"
    pages[0].save(scan, "PDF", resolution=200, save_all=True, append_images=pages[1:])
    done, _ = _console_script(tmp_path, "extract", "--json", str(scan))
    record = json.loads(done.stdout.splitlines()[0])
    assert done.returncode == 0 and not record.get("error"), done.stderr
    assert any(w["code"].startswith("ocr_") for w in record["warnings"])
    assert sum(key.startswith("t3.") for key in record["figures"]) >= 40
