"""Real files against their hand-transcribed truth (``*.truth.json``).

Text samples (crawler page text, web-archive excerpts) go through :mod:`extract.text`;
the PDF and HTML samples go through the PDF and HTML readers when those are
importable. Bar: at least 99 % of printed cells exact, no key that was not printed,
every rule break the truth lists found, and format/agency/year as in the truth where
the truth gives them.
"""
from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from extract.layout import Layout
from extract.mapping import map_layout
from extract.text import read_text

EXAMPLES = Path(__file__).parent / "examples"
TEXT_TRUTHS = sorted((EXAMPLES / "real_samples").glob("*.truth.json"))
OTHER_TRUTHS = sorted((EXAMPLES / "input_kinds").glob("*.truth.json"))
READERS = {".pdf": ("extract.pdf", "read_pdf"), ".html": ("extract.html", "read_html")}


#: samples whose text never prints the year reported on (their truth takes it from the
#: publication date, which the extractor keeps as ``published`` and never turns into a year)
YEAR_NOT_PRINTED = {"pages_bhtsg_caigou_zhongxin_2019_broken_header_excerpt.txt"}


def _score(truth: dict, result: dict) -> tuple[int, list, list]:
    expected, got = truth["figures"], result["figures"]
    wrong = [(k, v, got.get(k)) for k, v in expected.items() if got.get(k) != v]
    extra = sorted(set(got) - set(expected))
    return len(expected) - len(wrong), wrong, extra


def _check(truth: dict, result: dict) -> None:
    right, wrong, extra = _score(truth, result)
    total = len(truth["figures"])
    assert right >= 0.99 * total, f"{right}/{total} cells exact; wrong (key, truth, got): {wrong[:20]}"
    assert not extra, f"keys not printed: {extra[:20]}"
    found = {f["rule"] for f in result["findings"]}
    assert set(truth["breaks"]) <= found, f"breaks {truth['breaks']} not all found in {sorted(found)}"
    for key in ("format", "agency", "year"):
        if key == "year" and truth.get("file") in YEAR_NOT_PRINTED:
            assert result["year"] is None  # never guessed from the publication date
        elif truth.get(key) is not None:
            assert result[key] == truth[key], key
    assert result["is_report"]


def test_text_truths_present():
    assert len(TEXT_TRUTHS) == 11


@pytest.mark.parametrize("truth_path", TEXT_TRUTHS, ids=lambda p: p.name.split(".")[0])
def test_text_sample(truth_path: Path):
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    result = map_layout(read_text((truth_path.parent / truth["file"]).read_bytes()))
    _check(truth, result)


def test_text_samples_cell_accuracy_overall():
    right = total = 0
    for truth_path in TEXT_TRUTHS:
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        result = map_layout(read_text((truth_path.parent / truth["file"]).read_bytes()))
        right += _score(truth, result)[0]
        total += len(truth["figures"])
    assert total > 500
    assert right / total >= 0.99


@pytest.mark.parametrize("truth_path", OTHER_TRUTHS, ids=lambda p: p.name.split(".")[0])
def test_pdf_html_sample(truth_path: Path):
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    source = truth_path.parent / truth["file"]
    module_name, function = READERS[source.suffix]
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:  # the reader belongs to another part of the project
        pytest.skip(f"{module_name} not importable ({error}); cannot read {source.name}")
    layout = getattr(module, function)(source.read_bytes())
    assert isinstance(layout, Layout)
    _check(truth, map_layout(layout))


def test_flattened_ambiguous_rows_are_left_out_with_a_warning():
    truth_path = EXAMPLES / "real_samples" / "pingtan_2023_report_pagetxt.truth.json"
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    result = map_layout(read_text((truth_path.parent / truth["file"]).read_bytes()))
    assert not any(k.startswith("t2.normative.") for k in result["figures"])
    assert any(w["code"] == "digits_ambiguous" and "77132470" in w["detail"] for w in result["warnings"])
    # rows cut only with the help of the table's own rules say so
    assert any(w["code"] == "digits_split_by_rule" and "t3.granted" in w["detail"] and "row sums" in w["detail"]
               for w in result["warnings"])
    assert result["figures"]["t4.suit_direct.total"] == 5


def test_pingtan_2019_digits_glued_to_label_numbers():
    result = map_layout(read_text((EXAMPLES / "real_samples" / "pingtan_2019_report_pagetxt.txt").read_bytes()))
    figures = result["figures"]
    # '…国家秘密00000002.其他…' : the 2 belongs to the next label
    assert [figures[f"t3.denied_state_secret.{c}"] for c in ("natural", "total")] == [0, 0]
    # '（七）总计23 0 00 0 023'
    assert [figures[f"t3.results_total.{c}"] for c in
            ("natural", "commercial", "research", "social", "legal", "other", "total")] == [23, 0, 0, 0, 0, 0, 23]
    assert "t2.procurement.amount" not in figures
    assert any(w["code"] == "digits_ambiguous" and "13575394432.52" in w["detail"] for w in result["warnings"])
