"""Benchmark of the mapping step (layout → canonical figures) against a naive baseline.

Corpus: the five seeds (hand-checked compare files) and the real samples with
transcribed truth (text excerpts and page texts; the PDF and HTML samples too when
their readers are importable). Layouts are read once, outside the timing.

Prints, for the mapper and for the baseline (label substring on a line, then the
numbers on that line in order): cell accuracy (printed cells with the exact value on
the right key), documents with every cell exact, keys that were not printed, and
documents per second of the mapping step on one core.

With ``--rendered N`` it also scores N reports rendered by :mod:`demo.render` as HTML,
DOCX and text (figures known from the spec, rules broken on purpose in some).

Run: ``python3 bench/bench_mapping.py [--repeat N] [--rendered N]``
"""
from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract import schema  # noqa: E402
from extract.mapping import map_layout  # noqa: E402
from extract.numbers import normalize  # noqa: E402
from extract.text import read_text  # noqa: E402

EXAMPLES = ROOT / "tests" / "examples"
READERS = {".txt": ("extract.text", "read_text"), ".pdf": ("extract.pdf", "read_pdf"),
           ".html": ("extract.html", "read_html")}


def corpus() -> list[tuple[str, object, dict]]:
    """``(name, layout, expected figures)`` for every document with a truth."""
    docs = []
    for path in sorted((EXAMPLES / "seeds").glob("*_example.txt")):
        compare = json.loads(path.with_name(path.stem + ".compare.json").read_text(encoding="utf-8"))
        docs.append((path.name, read_text(path.read_bytes()), compare["figures"]))
    truths = sorted((EXAMPLES / "real_samples").glob("*.truth.json")) + \
        sorted((EXAMPLES / "input_kinds").glob("*.truth.json"))
    for truth_path in truths:
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        source = truth_path.parent / truth["file"]
        module_name, function = READERS[source.suffix]
        try:
            reader = getattr(importlib.import_module(module_name), function)
        except ImportError:
            print(f"skipped {source.name}: {module_name} not importable")
            continue
        docs.append((source.name, reader(source.read_bytes()), truth["figures"]))
    return docs


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def baseline(layout) -> dict:
    """Naive mapping: the first line containing a row's label gives that row's
    numbers, in printed order (what label-substring table scraping does)."""
    lines = [normalize(line) for line in layout.lines]
    text = "\n".join(lines)
    generation = "2019" if "本年新制作数量" in text or "上一年项目数量" in text else "2021"
    figures = {}
    rows = [(f"t2.{r.key}", r.label, r.columns) for r in schema.T2_ROWS[generation]]
    rows += [(f"t3.{r}", re.sub(r"^.*?(?:\d\.|\)|、)", "", normalize(schema.T3_ROWS[r].label).split(" ")[-1]),
              schema.T3_COLUMN_KEYS) for r in schema.T3_ROW_ORDER[generation]]
    for key, label, columns in rows:
        for line in lines:
            if label and label in line:
                numbers = _NUMBER.findall(line[line.index(label) + len(label):])
                for column, number in zip(columns, numbers):
                    figures[f"{key}.{column}"] = float(number) if "." in number else int(number)
                break
    for i, line in enumerate(lines):
        numbers = _NUMBER.findall(line)
        if len(numbers) == 15 and "行政复议" in text[:text.find(line)]:
            figures.update({k: int(n) for k, n in zip(schema.T4_KEYS, numbers)})
            break
    return figures


def score(docs, mapper) -> dict:
    cells = right = exact_docs = extra = 0
    for _, layout, expected in docs:
        got = mapper(layout)
        got = got["figures"] if "figures" in got else got
        ok = sum(1 for k, v in expected.items() if got.get(k) == v)
        cells += len(expected)
        right += ok
        extra += len(set(got) - set(expected))
        exact_docs += ok == len(expected) and not set(got) - set(expected)
    return {"cells": cells, "right": right, "exact_docs": exact_docs, "extra_keys": extra}


def timed(docs, mapper, repeat: int) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        for _, layout, _ in docs:
            mapper(layout)
    return repeat * len(docs) / (time.perf_counter() - started)


def rendered_corpus(count: int) -> list[tuple[str, object, dict]]:
    """Reports rendered from :func:`demo.render.make_spec` as HTML, DOCX and text."""
    from demo.render import make_spec, render_docx, render_html, render_txt
    from extract.docx import read_docx
    from extract.html import read_html
    docs = []
    for seed in range(count):
        spec = make_spec(seed, inconsistent=seed % 7 == 0)
        docs.append((f"{seed}.html", read_html(render_html(spec)), spec.figures))
        docs.append((f"{seed}.docx", read_docx(render_docx(spec)), spec.figures))
        docs.append((f"{seed}.txt", read_text(render_txt(spec).encode("utf-8")), spec.figures))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--rendered", type=int, default=0, help="also score this many rendered reports")
    args = parser.parse_args()
    corpora = [("real", corpus())]
    if args.rendered:
        corpora.append(("rendered", rendered_corpus(args.rendered)))
    for label, docs in corpora:
        print(f"--- {label} corpus")
        run(docs, args.repeat if label == "real" else 1)


def run(docs, repeat: int) -> None:
    results = {}
    for name, mapper in (("mapper", map_layout), ("baseline", baseline)):
        s = score(docs, mapper)
        s["docs_per_s"] = timed(docs, mapper, repeat)
        results[name] = s
        print(f"{name:9s} documents {len(docs):3d}  cells {s['right']}/{s['cells']} "
              f"= {100 * s['right'] / s['cells']:.2f} %  all-exact documents {s['exact_docs']}/{len(docs)}  "
              f"keys not printed {s['extra_keys']}  {s['docs_per_s']:.0f} docs/s "
              f"({1000 / s['docs_per_s']:.2f} ms/doc)")
    m, b = results["mapper"], results["baseline"]
    print(f"ratio mapper/baseline: cell accuracy {m['right'] / max(b['right'], 1):.2f}x, "
          f"speed {m['docs_per_s'] / b['docs_per_s']:.2f}x")


if __name__ == "__main__":
    main()
