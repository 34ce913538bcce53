"""Warnings and findings carry codes declared in the schema; nothing reads their text back."""
from __future__ import annotations

import ast
import ctypes
import io
import re
from pathlib import Path

import pytest

from extract import schema
from extract.api import extract_bytes
from extract.mapping import map_layout

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = Path(__file__).parent / "examples"
#: the names a warning is made with
MAKERS = {"warn", "extraction_warning"}


def _calls(package: str):
    """``(path, ast.Call)`` for every call in the package's modules."""
    for path in sorted((ROOT / package).glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                yield path, node


def _name(func: ast.expr) -> str | None:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _codes_made_in(package: str) -> dict[str, list[str]]:
    """Warning code → the files making it, for every ``warn("code", …)`` in the package."""
    made: dict[str, list[str]] = {}
    for path, call in _calls(package):
        if _name(call.func) in MAKERS and call.args and isinstance(call.args[0], ast.Constant):
            made.setdefault(call.args[0].value, []).append(path.name)
    return made


def test_every_code_made_in_extract_is_declared_and_every_declared_code_is_made():
    made = _codes_made_in("extract")
    assert not set(made) - set(schema.WARNING_CODES_BY_CODE), {c: made[c] for c in set(made) - set(schema.WARNING_CODES_BY_CODE)}
    assert not set(schema.WARNING_CODES_BY_CODE) - set(made), "declared but never raised"


def test_warnings_are_only_ever_made_with_a_code():
    """No bare string goes into a warnings list anywhere in extract/: every append, insert
    or list of warnings holds ``warn(code, detail)`` (or warnings already made)."""
    bare = []
    for path, call in _calls("extract"):
        func = call.func
        if not (isinstance(func, ast.Attribute) and func.attr in ("append", "insert")
                and isinstance(func.value, ast.Attribute | ast.Name) and _name(func.value) == "warnings"):
            continue
        value = call.args[-1]
        if isinstance(value, ast.Constant | ast.JoinedStr | ast.BinOp):
            bare.append(f"{path.name}:{call.lineno}")
    assert bare == []


def _is_warnings(node: ast.expr) -> bool:
    """Whether an expression names a list of warnings (``warnings``, ``x.warnings``, ``r["warnings"]``)."""
    if isinstance(node, ast.Name):
        return node.id.endswith("warnings")
    if isinstance(node, ast.Attribute):
        return node.attr.endswith("warnings")
    if isinstance(node, ast.Subscript):
        return isinstance(node.slice, ast.Constant) and node.slice.value == "warnings"
    return False


def _text_uses(tree: ast.AST, name: str, conditions: list[ast.AST]) -> list[int]:
    """Lines where warning ``name`` is read as text: a method called on it, passed to a
    function (other than to add it to a list), searched with ``in``, or its ``detail``
    tested in a condition."""
    parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    bad = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load)):
            continue
        parent = parents.get(node)
        if isinstance(parent, ast.Attribute):
            bad.append(node.lineno)
        elif isinstance(parent, ast.Call) and node in parent.args and not (
                isinstance(parent.func, ast.Attribute) and parent.func.attr in ("append", "insert", "extend")):
            bad.append(node.lineno)
        elif isinstance(parent, ast.Compare) and node in parent.comparators and any(
                isinstance(op, (ast.In, ast.NotIn)) for op in parent.ops):
            bad.append(node.lineno)
        elif isinstance(parent, ast.Subscript) and isinstance(parent.slice, ast.Constant) \
                and parent.slice.value == "detail" and any(node in set(ast.walk(c)) for c in conditions):
            bad.append(node.lineno)
    return bad


def text_reads(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            for gen in node.generators:
                if _is_warnings(gen.iter) and isinstance(gen.target, ast.Name):
                    found += _text_uses(node, gen.target.id, gen.ifs)
        elif isinstance(node, ast.For) and _is_warnings(node.iter) and isinstance(node.target, ast.Name):
            body = ast.Module(body=node.body, type_ignores=[])
            conditions = [n.test for n in ast.walk(body) if isinstance(n, (ast.If, ast.IfExp))]
            found += _text_uses(body, node.target.id, conditions)
    return [f"{path.parent.name}/{path.name}:{line}" for line in sorted(set(found))]


def test_nothing_reads_warning_text_back():
    """Warnings are told apart by ``w["code"]``: no ``"…" in w``, ``w.startswith``, regex or
    test on a warning's detail, over any list of warnings in the product packages."""
    found = [line for package in ("extract", "archive", "ogi", "store", "bench")
             for path in sorted((ROOT / package).glob("*.py")) for line in text_reads(path)]
    assert found == []


def test_an_undeclared_code_is_refused():
    with pytest.raises(ValueError, match="undeclared warning code 'no_such_code'"):
        schema.extraction_warning("no_such_code", "anything")
    assert schema.extraction_warning("table_missing", "table 4 missing") == {"code": "table_missing",
                                                                            "detail": "table 4 missing"}


def test_the_registry_is_well_formed():
    codes = [w.code for w in schema.WARNING_CODES]
    assert len(codes) == len(set(codes))
    for w in schema.WARNING_CODES:
        assert re.fullmatch(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*", w.code), w.code
        assert w.description and re.search(r"[\u4e00-\u9fff]", w.description_zh), w.code


def test_every_rule_a_finding_names_is_declared():
    """Findings carry their rule as their code: every rule id the checks write is in
    :data:`extract.schema.RULES_BY_ID`."""
    written = set()
    for package in ("extract", "archive"):
        for path in sorted((ROOT / package).glob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Dict):
                    for key, value in zip(node.keys, node.values):
                        if isinstance(key, ast.Constant) and key.value == "rule" and isinstance(value, ast.Constant):
                            written.add(value.value)
    assert {"t3.balance", "t3.row_sum", "t3.results_sum", "t4.group_sum", "narrative.requests", "year.chain"} <= written
    assert written <= set(schema.RULES_BY_ID)


def _example_files():
    return sorted(p for p in EXAMPLES.rglob("*") if p.is_file() and not p.name.endswith((".json", ".md")))


def test_records_of_the_example_corpus_carry_only_declared_codes():
    seen = set()
    for path in _example_files():
        record = extract_bytes(path.read_bytes(), path.name, ocr=False)
        for warning in record["warnings"]:
            assert set(warning) == {"code", "detail"} and warning["detail"], (path.name, warning)
            assert warning["code"] in schema.WARNING_CODES_BY_CODE, (path.name, warning)
            seen.add(warning["code"])
    assert {"not_a_report", "table_missing"} <= seen  # the corpus holds column pages and excerpts


# --- representative cases ----------------------------------------------------------------


def test_a_short_row_keeps_its_total_with_a_short_row_warning():
    from tests.test_mapping import report, sample_figures

    layout = report(sample_figures(), "cells")
    i = next(i for i, line in enumerate(layout.lines) if line.startswith("4.保护第三方合法权益"))
    layout.lines[i] = "4.保护第三方合法权益 | — | 9"
    result = map_layout(layout)
    assert {k: v for k, v in result["figures"].items() if k.startswith("t3.denied_third_party.")} == {
        "t3.denied_third_party.total": 9}
    assert result["warnings"] == [{"code": "short_row", "detail": "row t3.denied_third_party: 2 of 7 cells printed; "
                                                                  "only the total (the last) is certain, the others "
                                                                  "left out"}]


def test_blank_rows_give_one_warning_per_table_naming_them():
    from tests.test_mapping import report, sample_figures

    layout = report(sample_figures(), "cells")
    for label in ("（二）部分公开", "2.其他法律行政法规禁止公开"):
        i = next(i for i, line in enumerate(layout.lines) if line.startswith(label))
        layout.lines[i] = label + " |" * 7
    result = map_layout(layout)
    assert result["figures"]["t3.partial.total"] == 0 and result["printed_as"]["t3.partial.total"] == "blank"
    assert [w for w in result["warnings"] if w["code"] == "blank_cells_zero"] == [
        {"code": "blank_cells_zero", "detail": "table 3: blank cells read as 0 in rows partial, denied_law"}]


def _garbled_pdf() -> bytes:
    """One page whose text layer decodes to Latin-1 letters (a font without a Unicode map)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595, 842)
    for k in range(3):
        obj = raw.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", 12.0)
        text = ctypes.create_string_buffer(("Ãé§ÂÞ¿ ÉÊÕ ÒÓÔ ÀÁÂ 12 34 ×÷ øù" * 2 + "\0").encode("utf-16-le"))
        raw.FPDFText_SetText(obj, ctypes.cast(text, ctypes.POINTER(raw.FPDF_WCHAR)))
        raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 50, 700 - 20 * k)
        raw.FPDFPage_InsertObject(page.raw, obj)
    raw.FPDFPage_GenerateContent(page.raw)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_a_garbled_text_layer_is_one_warning_and_the_page_goes_to_ocr():
    from extract.pdf import read_pdf

    layout = read_pdf(_garbled_pdf())
    assert layout.pages_needing_ocr == [1] and layout.lines == []
    assert [w["code"] for w in layout.warnings] == ["text_layer_garbled"]  # not also page_needs_ocr
    assert layout.warnings[0]["detail"].startswith("page 1: text layer undecodable (")


def test_low_ocr_confidence_is_a_coded_warning_for_the_cell_and_for_its_figure():
    from extract import ocr
    from extract.api import figure_confidence
    from extract.layout import CELL_SEP, Layout
    from extract.ocr_table import Cell, TableGrid

    grid = TableGrid((0, 0, 300, 50), [0, 50], [0, 100, 200, 300],
                     [Cell(0, c, 1, 1, (100 * c, 0, 100 * c + 100, 50)) for c in range(3)])
    cells = [ocr.CellReading(grid.cells[0], "规章", 0.9), ocr.CellReading(grid.cells[1], "7", 0.5, numeric=True),
             ocr.CellReading(grid.cells[2], "4", 0.95, numeric=True)]
    layout = Layout()
    ocr.append_page(layout, ocr.PageReading(2, dpi=200, tables=[ocr.TableReading(grid, cells)]))
    assert layout.warnings == [{"code": "ocr_low_confidence",
                                "detail": "low OCR confidence for cell row 1 col 2 (page 2, table 1): read '7' (0.50)"}]
    assert ocr.cell_place(1, 2, "page 2", 1) in layout.warnings[0]["detail"]
    layout = Layout(lines=[CELL_SEP.join(["结果维持"] * 5), CELL_SEP.join(["8", "0", "0", "0", "8"] + ["0"] * 10)])
    layout.ocr_cells = [{"line_index": 1, "cell_index": 0, "text": "8", "confidence": 0.5, "alternatives": []}]
    figures = dict.fromkeys(schema.T4_KEYS, 0) | {"t4.review.upheld": 8, "t4.review.total": 8}
    _, warnings = figure_confidence(layout, figures, "2021")
    assert warnings == [{"code": "figure_low_confidence",
                         "detail": "low OCR confidence for t4.review.upheld: read 8 (0.50)"}]
