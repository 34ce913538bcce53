"""Benchmark: extraction on documents this project's own renderer did not make.

Scores :func:`extract.api.extract_bytes` on a folder of documents with ``*.truth.json``
files (the form of ``shared/cases``: printed figures, agency, year): by default the
corpus of the independent generator in ``bench/independent/`` (HTML in UTF-8 and GBK
with portal chrome, DOCX, LibreOffice and Chromium PDFs, DOC, two text exports),
generated on first use; ``--corpus DIR`` scores any other folder (real samples, the
independent scans of ``bench/independent_scans/``).

Prints per rendering kind: documents, cells, cells exact, **wrong** (a number other than
the printed one: must be 0), agency and year exact, precision and recall of the findings
published as breaches against the truth's ``breaks`` (findings marked ``uncertain``
counted apart), documents per second of wall time on one core, and the naive baseline of ``bench/bench_extract.py`` (pdfplumber /
python-docx / BeautifulSoup tables, label matching) on the same files in the same run,
with the speed ratio.

Usage::

    python3 bench/bench_unseen.py                       # 40 documents per kind, seed 1
    python3 bench/bench_unseen.py --per-kind 10 --seed 7
    python3 bench/bench_unseen.py --corpus /tmp/indep_scans --no-baseline
    python3 bench/bench_unseen.py --speed 20           # ms/doc per kind (run in two checkouts)

The corpus is cached in ``$OGI_UNSEEN_CACHE`` (default ``~/.cache/ogi-unseen``).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from extract.api import extract_bytes  # noqa: E402

#: the rules a truth file's ``breaks`` list (year.chain needs two reports)
_SCORED_RULES = {"t3.balance", "t3.row_sum", "t3.results_sum", "t4.group_sum", "narrative.requests"}
#: rendering kind → the baseline reader of bench_extract.py
_BASELINE_KIND = {"html_utf8": "html", "html_gbk": "html", "docx": "docx", "pdf_lo": "pdf", "pdf_chromium": "pdf",
                  "doc": "doc", "txt_cells": "txt", "txt_rows": "txt"}


def generate(out: Path, per_kind: int, seed: int) -> None:
    """Run the independent generator into ``out`` (skipped when it holds a corpus already)."""
    if out.is_dir() and any(out.glob("*.truth.json")):
        return
    out.mkdir(parents=True, exist_ok=True)
    print(f"generating the independent corpus into {out} (a few minutes) ...", flush=True)
    subprocess.run([sys.executable, str(HERE / "independent" / "generate.py"), str(out), "--n-per-kind",
                    str(per_kind), "--seed", str(seed)], check=True)


def load(corpus: Path) -> list[tuple[dict, Path]]:
    """``(truth, document path)`` for every truth file of a folder."""
    out = []
    for truth_path in sorted(corpus.glob("*.truth.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        doc = corpus / truth.get("file", "")
        if not doc.is_file():
            continue
        truth.setdefault("rendering", doc.suffix.lstrip("."))
        out.append((truth, doc))
    return out


def _same(a, b) -> bool:
    if isinstance(a, bool) or not isinstance(a, (int, float)):
        return False
    return round(float(a), 2) == round(float(b), 2)


def _name(text) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def score(truth: dict, figures: dict) -> tuple[int, int, int]:
    """``(cells, exact, wrong)``: wrong is a key printed with another number."""
    cells = exact = wrong = 0
    for key, value in truth["figures"].items():
        cells += 1
        if key in figures:
            if _same(figures[key], value):
                exact += 1
            else:
                wrong += 1
    return cells, exact, wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, help="a folder of documents with *.truth.json (default: generated)")
    parser.add_argument("--per-kind", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-baseline", action="store_true", help="skip the naive baseline")
    parser.add_argument("--speed", type=int, metavar="N", help="only time N documents per kind, best of 3 rounds "
                        "(run in two checkouts to compare versions)")
    args = parser.parse_args()
    corpus = args.corpus
    if corpus is None:
        cache = Path(os.environ.get("OGI_UNSEEN_CACHE") or Path.home() / ".cache" / "ogi-unseen")
        corpus = cache / f"seed{args.seed}-n{args.per_kind}"
        generate(corpus, args.per_kind, args.seed)
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as bench_extract.py
    if args.speed:
        speed(corpus, args.speed)
        return
    if not args.no_baseline:
        from bench_extract import naive_extract
    rows: dict[str, dict] = defaultdict(lambda: defaultdict(float))
    for truth, path in load(corpus):
        kind = truth["rendering"]
        row = rows[kind]
        data = path.read_bytes()
        started = time.perf_counter()
        record = extract_bytes(data, str(path))
        row["seconds"] += time.perf_counter() - started
        cells, exact, wrong = score(truth, record["figures"])
        row["docs"] += 1
        row["cells"] += cells
        row["exact"] += exact
        row["wrong"] += wrong
        row["agency"] += _name(record["agency"]) == _name(truth.get("agency"))
        found = {f["rule"] for f in record["findings"] if f.get("status", "breach") == "breach"} & _SCORED_RULES
        uncertain = {f["rule"] for f in record["findings"] if f.get("status") == "uncertain"} & _SCORED_RULES
        breaks = set(truth.get("breaks") or []) & _SCORED_RULES
        row["find_tp"] += len(found & breaks)
        row["find_fp"] += len(found - breaks)
        row["find_fn"] += len(breaks - found)
        row["uncertain"] += len(uncertain)
        row["year"] += record["year"] == truth.get("year")
        if not args.no_baseline and kind in _BASELINE_KIND:
            started = time.perf_counter()
            naive = naive_extract(data, _BASELINE_KIND[kind])
            row["naive_seconds"] += time.perf_counter() - started
            row["naive_exact"] += score(truth, naive)[1]
    print(f"corpus: {corpus}; load average at start {os.getloadavg()[0]:.1f}; one core")
    print(f"{'kind':14} {'docs':>4} {'cells':>6} {'exact':>8} {'wrong':>5} {'agency':>7} {'year':>7} "
          f"{'breach P':>8} {'breach R':>8} {'uncert':>6} {'docs/s':>7} | {'naive exact':>11} {'naive/s':>8} {'speed':>6}")
    total = defaultdict(float)
    for kind in sorted(rows):
        r = rows[kind]
        for k, v in r.items():
            total[k] += v
        _print(kind, r, args.no_baseline or kind not in _BASELINE_KIND)
    _print("ALL", total, args.no_baseline)


def _clear_caches() -> None:
    """Empty the extractor's memo caches (where this version has them)."""
    import extract.mapping
    import extract.numbers

    for module, name in ((extract.mapping, "_split_cells_cached"), (extract.mapping, "_numeric_cells_cached"),
                         (extract.mapping, "_line_tokens"), (extract.numbers, "_numbers_in_cell")):
        cached = getattr(module, name, None)
        if cached is not None:
            cached.cache_clear()


def speed(corpus: Path, n: int) -> None:
    """Milliseconds per document in process, per kind: best of three rounds over ``n`` files."""
    by_kind: dict[str, list[bytes]] = defaultdict(list)
    for truth, path in load(corpus):
        if len(by_kind[truth["rendering"]]) < n:
            by_kind[truth["rendering"]].append(path.read_bytes())
    print(f"load average at start {os.getloadavg()[0]:.1f}; one core; ms per document, best of 3 rounds")
    for kind, files in sorted(by_kind.items()):
        extract_bytes(files[0])  # imports and caches warmed
        rounds = []
        for _ in range(3):
            _clear_caches()  # each round reads the files as new: no line read in a round before
            started = time.perf_counter()
            for data in files:
                extract_bytes(data)
            rounds.append((time.perf_counter() - started) / len(files))
        print(f"{kind:14} {len(files):>4} {min(rounds) * 1000:8.2f} ms", flush=True)


def _share(part: float, whole: float) -> str:
    return f"{part / whole:.0%}" if whole else "-"


def _print(kind: str, r: dict, no_baseline: bool) -> None:
    docs = r["docs"] or 1
    line = (f"{kind:14} {int(r['docs']):>4} {int(r['cells']):>6} {r['exact'] / max(r['cells'], 1):>8.2%} "
            f"{int(r['wrong']):>5} {r['agency'] / docs:>7.1%} {r['year'] / docs:>7.1%} "
            f"{_share(r['find_tp'], r['find_tp'] + r['find_fp']):>8} {_share(r['find_tp'], r['find_tp'] + r['find_fn']):>8} "
            f"{int(r['uncertain']):>6} {docs / r['seconds']:>7.1f} |")
    if not no_baseline and r.get("naive_seconds"):
        line += (f" {r['naive_exact'] / max(r['cells'], 1):>11.2%} {docs / r['naive_seconds']:>8.1f} "
                 f"{r['naive_seconds'] / r['seconds']:>5.1f}x")
    print(line, flush=True)


if __name__ == "__main__":
    main()
