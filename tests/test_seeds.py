"""Golden tests: every example text beside its hand-checked ``.compare.json``.

``tests/examples/seeds/seedNNN_example.txt`` are the five seed reports; their compare
files were transcribed by reading the seeds (every printed figure). A missing compare
file is written from the current output and the test fails, so that someone reviews it.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.mapping import map_layout
from extract.text import read_text

EXAMPLES = Path(__file__).parent / "examples"
GOLDEN_DIRS = ("seeds",)
CASES = sorted(p for d in GOLDEN_DIRS for p in (EXAMPLES / d).glob("*_example.*")
               if not p.name.endswith(".compare.json"))


def record_of(path: Path) -> dict:
    result = map_layout(read_text(path.read_bytes()))
    return {
        "format": result["format"], "agency": result["agency"], "year": result["year"],
        "title": result["title"], "is_report": result["is_report"],
        "sections": sorted(result["sections"]), "figures": result["figures"],
        "findings": sorted(f["rule"] for f in result["findings"]),
    }


def compare_path(path: Path) -> Path:
    return path.with_name(path.name.split("_example")[0] + "_example.compare.json")


def test_examples_present():
    assert len([p for p in CASES if p.parent.name == "seeds"]) == 5, "expected the five seed examples"


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_example(path: Path):
    compare = compare_path(path)
    record = record_of(path)
    if not compare.exists():
        compare.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        pytest.fail(f"{compare} was missing: written from the current output; review it and commit it")
    expected = json.loads(compare.read_text(encoding="utf-8"))
    wrong = {k: (v, record["figures"].get(k)) for k, v in expected["figures"].items()
             if record["figures"].get(k) != v}
    extra = sorted(set(record["figures"]) - set(expected["figures"]))
    assert not wrong, f"figures wrong (expected, got): {wrong}"
    assert not extra, f"figures not printed in the report: {extra}"
    for key in ("format", "agency", "year", "title", "is_report", "sections", "findings"):
        assert record[key] == expected[key], key


def test_seed_000_truncated_table_gives_warnings_not_zeros():
    result = map_layout(read_text((EXAMPLES / "seeds" / "seed000_example.txt").read_bytes()))
    assert {"code": "table_truncated", "detail": "table 3 truncated after unable_unclear"} in result["warnings"]
    assert {"code": "table_missing", "detail": "table 4 missing"} in result["warnings"]
    assert not any(k.startswith(("t4.", "t3.ignored", "t3.results_total")) for k in result["figures"])


def test_seed_002_figures_keyed_to_their_rows():
    result = map_layout(read_text((EXAMPLES / "seeds" / "seed002_example.txt").read_bytes()))
    figures = result["figures"]
    assert figures["t3.unable_not_held.natural"] == 6
    assert figures["t3.denied_third_party.total"] == 1
    assert figures["t3.denied_internal.total"] == 0
    assert (figures["t4.review.upheld"], figures["t4.review.corrected"], figures["t4.review.total"]) == (1, 1, 2)


def test_altered_seed_breach_becomes_a_finding_and_figure_is_kept():
    text = (EXAMPLES / "seeds" / "seed002_example.txt").read_text(encoding="utf-8")
    # (七)总计 natural printed as 8 instead of 9: balance, result sum and row sum break
    head, tail = text.split("（七）总计", 1)
    altered = head + "（七）总计" + tail.replace("\t9", "\t8", 1)
    result = map_layout(read_text(altered.encode("utf-8")))
    assert result["figures"]["t3.results_total.natural"] == 8
    rules = sorted(f["rule"] for f in result["findings"])
    assert rules == ["t3.balance", "t3.results_sum", "t3.row_sum"]
