"""Benchmark: cells exact once the rows the extraction rule leaves short are set apart.

A table-3 row printing only 自然人 and 总计 (the legal-person cells deleted from the
table) keeps only 总计: which column the other cell stood in is not printed, so it is
never assigned by position (issue: rows with fewer cells than columns). A generator
that knows it printed 自然人 counts that cell as missed. This script reads the details
file of ``shared/tools/score.py --details`` and the truth files, and prints per rendering
kind the cells exact over all cells, and over the cells outside such rows.

    python3 ../shared/tools/score.py --truth DIR --cmd 'ogi extract -j 2 --json {files}' --details D.json
    python3 bench/score_short_rows.py --truth DIR --details D.json
"""
from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path


def short_row_cells(figures: dict) -> set[str]:
    """Truth keys of table-3 rows whose printed cells are 自然人 and 总计 only."""
    rows = collections.defaultdict(set)
    for key in figures:
        if key.startswith("t3."):
            _, row, column = key.split(".")
            rows[row].add(column)
    return {f"t3.{row}.{c}" for row, columns in rows.items() if columns == {"natural", "total"} for c in columns}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--truth", type=Path, required=True)
    parser.add_argument("--details", type=Path, required=True)
    args = parser.parse_args()
    totals = collections.defaultdict(lambda: [0, 0, 0, 0, 0])  # cells, exact, other cells, other exact, wrong
    for doc in json.loads(args.details.read_text(encoding="utf-8")):
        truth = json.loads((args.truth / f"{doc['id']}.truth.json").read_text(encoding="utf-8"))
        short = short_row_cells(truth["figures"])
        missed = {key for key, _, got in doc["wrong"]}
        t = totals[doc["rendering"]]
        t[0] += doc["cells"]
        t[1] += doc["exact"]
        t[2] += doc["cells"] - len(short)
        t[3] += doc["cells"] - len(short) - len(missed - short)
        t[4] += doc["wrong_values"]
    print(f"{'kind':14} {'cells':>7} {'exact %':>8} {'outside short rows':>19} {'exact %':>8} {'wrong':>6}")
    for kind in sorted(totals) + ["ALL"]:
        t = totals[kind] if kind != "ALL" else [sum(v[i] for v in totals.values()) for i in range(5)]
        print(f"{kind:14} {t[0]:7d} {100 * t[1] / t[0]:8.2f} {t[2]:19d} {100 * t[3] / t[2]:8.2f} {t[4]:6d}")


if __name__ == "__main__":
    main()
