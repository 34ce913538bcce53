"""Benchmark: extraction accuracy and speed per input kind, beside a naive baseline.

Renders synthetic reports with known figures (:mod:`demo.render`), extracts them with
:func:`extract.api.extract_bytes` on one core, and compares with a naive extractor run
in the same process on the same files: pdfplumber / python-docx / BeautifulSoup tables
(antiword text for DOC) with label-substring matching.

Prints per kind: cell accuracy (share of printed cells extracted exactly on the right
key), share of documents with every cell exact and no extra key, documents per second
of wall-clock time on one core and per CPU-second (LibreOffice children included; the
fair figure when the machine is shared).

The ``doc*`` row runs the same DOC files through ``extract_files`` (isolated children,
LibreOffice conversions batched 20 to a call).

Usage::

    python3 bench/bench_extract.py            # 40 docs per kind (20 PDF, 10 DOC)
    python3 bench/bench_extract.py --docs 10  # quicker

Rendered fixtures are cached in ``$OGI_RENDER_CACHE`` (default ``~/.cache/ogi-render``).
"""
from __future__ import annotations

import argparse
import io
import os
import resource
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from demo.render import make_spec, render_many  # noqa: E402
from extract import schema  # noqa: E402
from extract.api import extract_bytes  # noqa: E402

_NUM = re.compile(r"^-?\d+(\.\d+)?$")


# --- the naive baseline ----------------------------------------------------------------

def _naive_rows_html(data: bytes) -> list[list[str]]:
    from bs4 import BeautifulSoup

    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    soup = BeautifulSoup(text, "html.parser")
    return [[td.get_text(strip=True) for td in tr.find_all(["td", "th"])] for tr in soup.find_all("tr")]


def _naive_rows_docx(data: bytes) -> list[list[str]]:
    import docx

    document = docx.Document(io.BytesIO(data))
    return [[c.text.strip() for c in row.cells] for t in document.tables for row in t.rows]


def _naive_rows_pdf(data: bytes) -> list[list[str]]:
    import pdfplumber

    rows = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                rows += [[(c or "").replace("\n", "") for c in row] for row in table]
    return rows


def _naive_rows_text(data: bytes) -> list[list[str]]:
    return [line.split("\t") for line in data.decode("utf-8").splitlines()]


def _naive_rows_doc(data: bytes) -> list[list[str]]:
    from extract.doc import antiword_layout

    return [line.split(" | ") for line in antiword_layout(data).lines]


_NAIVE_READERS = {"html": _naive_rows_html, "docx": _naive_rows_docx, "pdf": _naive_rows_pdf,
                  "txt": _naive_rows_text, "doc": _naive_rows_doc}


def naive_extract(data: bytes, kind: str) -> dict:
    """Tables by a stock library, rows matched by label substrings, numbers in order."""
    rows = _NAIVE_READERS[kind](data)
    joined = " ".join(" ".join(r) for r in rows)
    generation = "2021" if "本年制发件数" in joined else "2019"
    t2_rows = schema.T2_ROWS[generation]
    t3_labels = [(key, row.label.split(" ")[-1]) for key, row in schema.T3_ROWS.items()
                 if key in schema.T3_ROW_ORDER[generation]]
    figures: dict = {}
    for row in rows:
        text = "".join(c for c in row if not _NUM.match(c.strip()))
        numbers = [float(c) if "." in c else int(c) for c in (c.strip() for c in row) if _NUM.match(c)]
        if not numbers:
            continue
        if len(numbers) == 15:
            figures.update(dict(zip(schema.T4_KEYS, numbers)))
            continue
        matches = [(len(label), key) for key, label in t3_labels if label and label in text]
        if matches and len(numbers) >= 7:
            key = max(matches)[1]
            figures.update({f"t3.{key}.{c}": v for c, v in zip(schema.T3_COLUMN_KEYS, numbers)})
            continue
        for r in t2_rows:
            if r.label in text:
                figures.update({f"t2.{r.key}.{c}": v for c, v in zip(r.columns, numbers)})
                break
    return figures


# --- measurement ---------------------------------------------------------------------

def score(specs, outputs) -> tuple[float, float]:
    cells = exact = docs_exact = 0
    for spec, figures in zip(specs, outputs):
        good = sum(1 for k, v in spec.figures.items() if figures.get(k) == v)
        cells += len(spec.figures)
        exact += good
        docs_exact += good == len(spec.figures) and set(figures) == set(spec.figures)
    return exact / max(cells, 1), docs_exact / max(len(specs), 1)


def _cpu() -> float:
    """CPU seconds of this process and its finished children (LibreOffice, antiword)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def run(kind: str, render_kind: str, specs, cache_dir) -> dict:
    datas = render_many([(s, render_kind) for s in specs], cache_dir=cache_dir)
    started, cpu = time.perf_counter(), _cpu()
    ours = [extract_bytes(d, ocr=False)["figures"] for d in datas]
    ours_time, ours_cpu = time.perf_counter() - started, _cpu() - cpu
    started, cpu = time.perf_counter(), _cpu()
    naive = [naive_extract(d, kind) for d in datas]
    naive_time, naive_cpu = time.perf_counter() - started, _cpu() - cpu
    acc, docs = score(specs, ours)
    nacc, ndocs = score(specs, naive)
    pages = ""
    if kind == "pdf":
        import pypdfium2 as pdfium
        counts = [len(pdfium.PdfDocument(d)) for d in datas]
        pages = f"{min(counts)}-{max(counts)}"
    return {"kind": kind, "docs": len(specs), "pages": pages,
            "cell_acc": acc, "docs_exact": docs, "docs_per_s": len(specs) / ours_time,
            "docs_per_cpu_s": len(specs) / ours_cpu,
            "naive_cell_acc": nacc, "naive_docs_exact": ndocs, "naive_docs_per_s": len(specs) / naive_time,
            "naive_docs_per_cpu_s": len(specs) / naive_cpu}


def run_batched_doc(specs, cache_dir, single: dict) -> dict:
    """DOC files through :func:`extract.api.extract_files` (one LibreOffice call per 20 files)."""
    import tempfile

    from extract.api import extract_files

    datas = render_many([(s, "doc") for s in specs], cache_dir=cache_dir)
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for n, data in enumerate(datas):
            path = Path(tmp, f"{n}.doc")
            path.write_bytes(data)
            paths.append(path)
        started, cpu = time.perf_counter(), _cpu()
        records = list(extract_files(paths, workers=1, ocr=False))
        wall, cpu = time.perf_counter() - started, _cpu() - cpu
    acc, docs = score(specs, [r["figures"] for r in records])
    return {**single, "kind": "doc*", "cell_acc": acc, "docs_exact": docs, "docs_per_s": len(specs) / wall,
            "docs_per_cpu_s": len(specs) / cpu}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=40, help="documents per kind (PDF: half, DOC: a quarter)")
    parser.add_argument("--kinds", default="html,docx,pdf,doc,txt")
    args = parser.parse_args()
    cache_dir = os.environ.get("OGI_RENDER_CACHE") or str(Path.home() / ".cache" / "ogi-render")
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    plan = {"html": ("html-gbk", args.docs, False), "docx": ("docx", args.docs, False),
            "pdf": ("pdf", max(args.docs // 2, 1), True), "doc": ("doc", max(args.docs // 4, 1), False),
            "txt": ("txt", args.docs, False)}
    print(f"load average at start: {os.getloadavg()[0]:.1f}; docs/s is wall clock on one core, "
          f"docs/cpu-s counts CPU time (children included)")
    print(f"{'kind':6} {'docs':>4} {'pages':>6} | {'cell acc':>9} {'docs exact':>10} {'docs/s':>7} "
          f"{'docs/cpu-s':>10} | {'naive acc':>9} {'naive exact':>11} {'naive/s':>8} {'naive/cpu-s':>11} "
          f"| speed ratio (cpu)")
    for kind in args.kinds.split(","):
        render_kind, n, long = plan[kind]
        specs = [make_spec(1000 + i, year=(2019, 2020, 2021, 2022, 2023, 2024)[i % 6], long=long,
                           inconsistent=i % 7 == 3) for i in range(n)]
        r = run(kind, render_kind, specs, cache_dir)
        if kind == "doc":
            print_row(r)
            r = run_batched_doc(specs, cache_dir, r)
        print_row(r)


def print_row(r: dict) -> None:
    """One table row of results."""
    print(f"{r['kind']:6} {r['docs']:>4} {r['pages']:>6} | {r['cell_acc']:>9.2%} {r['docs_exact']:>10.0%} "
          f"{r['docs_per_s']:>7.1f} {r['docs_per_cpu_s']:>10.1f} | {r['naive_cell_acc']:>9.2%} "
          f"{r['naive_docs_exact']:>11.0%} {r['naive_docs_per_s']:>8.1f} {r['naive_docs_per_cpu_s']:>11.1f} "
          f"| {r['docs_per_cpu_s'] / r['naive_docs_per_cpu_s']:.1f}x", flush=True)


if __name__ == "__main__":
    main()
