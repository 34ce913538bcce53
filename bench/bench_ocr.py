"""Benchmark: OCR of scanned reports, cell by cell, against whole-page OCR.

Fills the blank national template with seeded figures, converts it to PDF,
rasterises the pages holding tables 2, 3 and 4 at each resolution, degrades them
(rotation up to 2 degrees, noise, JPEG) and reads them back. Prints per engine
setting and resolution:

- cell accuracy over the template's 200 figure cells per report;
- the share of wrong cells that are flagged (a low-confidence warning, an
  arithmetic-choice warning, or a broken template rule);
- the share of right cells that carry a low-confidence warning (false alarms);
- CPU seconds per page (this process plus the engine processes; one core).

The baseline, measured in the same run, is whole-page Tesseract (chi_sim, psm 6,
no cell finding), counted generously: numbers read anywhere on the table pages that
match a printed figure, position ignored.

Usage: python3 bench/bench_ocr.py [--reports 3] [--dpi 150 200 300]
       [--engines tesseract rapidocr tesseract+rapidocr] [--harsh]

With ``--independent DIR`` it scores instead a folder of scans made by the independent
generator (``bench/independent_scans/generate_scans.py DIR --n 50 --seed 7``, which
writes ``*.truth.json`` beside each file) through :func:`extract.api.extract_bytes`, per
resolution: cells exact, **wrong** (a number other than the printed one) and how many of
those carry a low-confidence mark (a confidence under ``extract.ocr.LOW_CONFIDENCE`` or
none at all), cells missing, right cells marked low-confidence, the precision and recall
of findings published as breaches (uncertain ones counted apart), agency and year
exact, and CPU seconds per page (this process and its engine processes)::

    python3 bench/bench_ocr.py --independent /tmp/scans_s7 [--jobs 2] \
        [--cell-engine rapidocr] [--second-engine none]

``--cell-engine`` and ``--second-engine`` try other engines on the same scans (the
default is the pipeline's: Tesseract, with RapidOCR voting on figures where installed).
"""
from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import time
from collections import Counter
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract import ocr  # noqa: E402
from extract.layout import Layout  # noqa: E402
from extract.ocr_engines import make_engine  # noqa: E402
from tests.ocr_scans import cached_pdf, degrade, figure_cells, rasterise  # noqa: E402

TABLE_PAGES = [1, 3, 5]


def cpu_seconds() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def scanned_pages(pdf: bytes, dpi: int, seed: int, harsh: bool = False) -> list[np.ndarray]:
    """The table pages as a scanner at ``dpi`` would give them, rendered at 300 dpi
    (as :func:`extract.ocr.ocr_pdf_pages` renders a scan PDF).

    :param harsh: a bad copy: blurred, heavy noise, strong JPEG artefacts
    """
    rng = random.Random(seed * 1000 + dpi)
    out = []
    for k, page in enumerate(rasterise(pdf, dpi, TABLE_PAGES)):
        if harsh:
            image = degrade(page, angle=rng.uniform(-2, 2), noise=rng.uniform(12, 16), blur=0.9,
                            jpeg_quality=rng.randint(25, 35), seed=seed * 10 + k)
        else:
            image = degrade(page, angle=rng.uniform(-2, 2), noise=rng.uniform(5, 10),
                            jpeg_quality=rng.randint(50, 80), seed=seed * 10 + k)
        gray = np.asarray(image)
        factor = ocr.DEFAULT_DPI / dpi
        out.append(cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC))
    return out


def evaluate(pages, printed: list[str]) -> dict:
    layout = Layout()
    for page in pages:
        ocr.append_page(layout, page)
    cells = figure_cells(pages)
    right = wrong = flagged = false_alarms = 0
    for truth, cell in zip(printed, cells):
        if cell is not None and cell.text == truth:
            right += 1
            tag = f"cell row {cell.cell.row + 1} col {cell.cell.col + 1} "
            if any(w["code"] == "ocr_low_confidence" and tag in w["detail"] for w in layout.warnings):
                false_alarms += 1
            continue
        wrong += 1
        if cell is None:
            flagged += 1  # a missed table: its figures are missing, not invented
            continue
        tag = f"cell row {cell.cell.row + 1} col {cell.cell.col + 1} "
        if any(w["code"] in ocr.CELL_WARNING_CODES and tag in w["detail"] for w in layout.warnings) \
                or ocr.cell_breaks_rule(cell, pages):
            flagged += 1
    return {"right": right, "wrong": wrong, "flagged": flagged, "false_alarms": false_alarms}


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def whole_page_baseline(pages: list[np.ndarray], printed: list[str]) -> int:
    """Figures whole-page Tesseract reads, counted generously: the multiset of
    numbers it reads on the table pages intersected with the printed ones (position
    ignored, so this is an upper bound on what a mapper could use)."""
    engine = make_engine("tesseract")
    read: Counter = Counter()
    for gray in pages:
        deskewed, _ = ocr.deskew(gray)
        for line in engine.read_block(deskewed, psm=6):
            read.update(_NUMBER.findall(line.text))
    truth = Counter(t for t in printed if t)
    return sum((truth & read).values())


_SCORED_RULES = {"t3.balance", "t3.row_sum", "t3.results_sum", "t4.group_sum", "narrative.requests"}


def _extract_one(truth_path: str) -> dict:
    """Extract the document of one truth file; the record with ``cpu`` seconds and ``pages``."""
    import json

    from extract.api import extract_bytes

    truth = json.loads(Path(truth_path).read_text(encoding="utf-8"))
    path = Path(truth_path).parent / truth["file"]
    start = cpu_seconds()
    record = extract_bytes(path.read_bytes(), str(path))
    return {"truth": truth, "cpu": cpu_seconds() - start, "pages": record.get("pages") or 1,
            "figures": record.get("figures") or {}, "confidence": record.get("figure_confidence") or {},
            "findings": record.get("findings") or [], "agency": record.get("agency"), "year": record.get("year")}


def _second_engine(name: str) -> str | None:
    """The engine ``--second-engine`` names: ``default`` as the pipeline, ``none``, or one."""
    return {"none": None, "default": ocr.default_second_engine()}.get(name, name)


def _use_engines(engine: str, second_engine: str) -> None:
    """Make every OCR'd page in this process read its cells with ``engine`` (and
    ``second_engine`` voting on figures: ``default`` as the pipeline does, ``none`` for
    none): a worker initialiser."""
    if engine == "tesseract" and second_engine == "default":
        return  # as the pipeline reads (RapidOCR voting on scanned pages, not on pictures)
    reader = ocr.PageReader(engine, _second_engine(second_engine))
    ocr.get_reader = lambda *_args, **_kwargs: reader


def score_independent(corpus: Path, jobs: int = 1, engine: str = "tesseract",
                      second_engine: str = "default") -> None:
    """Print the scores of ``corpus`` (independent scans with truth files), per resolution.

    :param engine: engine for table cells; ``second_engine`` one more voting on figures
    """
    from concurrent.futures import ProcessPoolExecutor

    truths = sorted(str(p) for p in corpus.glob("*.truth.json"))
    second = _second_engine(second_engine)
    print(f"cells read by {engine}" + (f", {second} voting on figures" if second else "")
          + (" (the pipeline's defaults)" if second_engine == "default" else ""))
    with ProcessPoolExecutor(jobs, initializer=_use_engines, initargs=(engine, second_engine)) as pool:
        results = list(pool.map(_extract_one, truths))
    low = ocr.LOW_CONFIDENCE
    keys = ("docs", "pages", "cpu", "cells", "exact", "wrong", "wrong_marked", "missing", "right_marked",
            "tp", "fp", "fn", "uncertain", "agency", "year")
    groups: dict[str, dict] = {}
    for result in results:
        truth = result["truth"]
        for name in (truth.get("rendering", "?"), "all"):
            g = groups.setdefault(name, dict.fromkeys(keys, 0))
            g["docs"] += 1
            g["pages"] += result["pages"]
            g["cpu"] += result["cpu"]
            g["agency"] += result["agency"] == truth["agency"]
            g["year"] += result["year"] == truth["year"]
            for key, printed in truth["figures"].items():
                got = result["figures"].get(key)
                marked = result["confidence"].get(key, 0.0) < low
                g["cells"] += 1
                if got is None:
                    g["missing"] += 1
                elif round(float(got), 2) == round(float(printed), 2):
                    g["exact"] += 1
                    g["right_marked"] += marked
                else:
                    g["wrong"] += 1
                    g["wrong_marked"] += marked
            breaks = set(truth.get("breaks", [])) & _SCORED_RULES
            found = [f for f in result["findings"] if f.get("rule") in _SCORED_RULES]
            published = {f["rule"] for f in found if f.get("status", "breach") == "breach"}
            g["tp"] += len(published & breaks)
            g["fp"] += len(published - breaks)
            g["fn"] += len(breaks - published)
            g["uncertain"] += sum(1 for f in found if f.get("status") == "uncertain")
    print(f"{'rendering':<18}{'docs':>5}{'cells':>7}{'exact':>9}{'wrong':>7}{'marked':>8}{'missing':>9}"
          f"{'right marked':>14}{'breach P':>10}{'breach R':>10}{'uncertain':>11}{'agency':>8}{'year':>7}"
          f"{'CPU s/page':>12}")
    for name in sorted(groups, key=lambda n: (n == "all", n)):
        g = groups[name]
        published = g["tp"] + g["fp"]
        real = g["tp"] + g["fn"]
        precision = f"{g['tp'] / published:.0%}" if published else "-"
        recall = f"{g['tp'] / real:.0%}" if real else "-"
        print(f"{name:<18}{g['docs']:>5}{g['cells']:>7}{g['exact'] / g['cells']:>9.2%}{g['wrong']:>7}"
              f"{g['wrong_marked']:>8}{g['missing']:>9}{g['right_marked']:>14}{precision:>10}{recall:>10}"
              f"{g['uncertain']:>11}{g['agency'] / g['docs']:>8.0%}{g['year'] / g['docs']:>7.0%}"
              f"{g['cpu'] / g['pages']:>12.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--independent", type=Path, help="score a folder of independent scans with truth files")
    parser.add_argument("--jobs", type=int, default=1, help="documents read at once (with --independent)")
    parser.add_argument("--cell-engine", default="tesseract", help="engine for table cells (with --independent)")
    parser.add_argument("--second-engine", default="default",
                        help="another engine voting on figures (with --independent): default (RapidOCR where "
                        "installed, as the pipeline), none, or an engine's name")
    parser.add_argument("--reports", type=int, default=3)
    parser.add_argument("--dpi", type=int, nargs="+", default=[150, 200, 300])
    parser.add_argument("--engines", nargs="+", default=["tesseract", "rapidocr", "tesseract+rapidocr"])
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--harsh", action="store_true", help="blurred, very noisy, strongly JPEG-compressed scans")
    args = parser.parse_args()
    if args.independent:
        score_independent(args.independent, args.jobs, args.cell_engine, args.second_engine)
        return

    reports = [cached_pdf(100 + i) for i in range(args.reports)]
    settings = []
    for name in args.engines:
        engine, _, second = name.partition("+")
        try:
            ocr.get_reader(engine, second or None)
        except Exception as exc:  # noqa: BLE001 - engine not installed
            print(f"skipping {name}: {exc}")
            continue
        settings.append((name, engine, second or None))

    print(f"{args.reports} reports x {len(TABLE_PAGES)} table pages, 200 figure cells per report")
    print(f"{'setting':<22}{'dpi':>5}{'cells right':>16}{'accuracy':>10}{'wrong flagged':>15}"
          f"{'false alarms':>14}{'CPU s/page':>12}")
    for dpi in args.dpi:
        scans = [(scanned_pages(pdf, dpi, 100 + i, args.harsh), filled) for i, (pdf, filled) in enumerate(reports)]
        if not args.no_baseline:
            start = cpu_seconds()
            right = sum(whole_page_baseline(pages, filled.printed) for pages, filled in scans)
            per_page = (cpu_seconds() - start) / (len(scans) * len(TABLE_PAGES))
            total = sum(len([t for t in filled.printed if t]) for _, filled in scans)
            print(f"{'whole-page baseline':<22}{dpi:>5}{f'{right}/{total}':>16}{right / total:>10.1%}"
                  f"{'-':>15}{'-':>14}{per_page:>12.2f}")
        for name, engine, second in settings:
            totals = {"right": 0, "wrong": 0, "flagged": 0, "false_alarms": 0}
            start = cpu_seconds()
            for pages, filled in scans:
                readings = [ocr.read_image(gray, ocr.DEFAULT_DPI, n, engine=engine, second_engine=second)
                            for n, gray in zip(TABLE_PAGES, pages)]
                for key, value in evaluate(readings, filled.printed).items():
                    totals[key] += value
            per_page = (cpu_seconds() - start) / (len(scans) * len(TABLE_PAGES))
            cells = totals["right"] + totals["wrong"]
            flagged = f"{totals['flagged']}/{totals['wrong']}" if totals["wrong"] else "-"
            right = f"{totals['right']}/{cells}"
            print(f"{name:<22}{dpi:>5}{right:>16}{totals['right'] / cells:>10.1%}"
                  f"{flagged:>15}{totals['false_alarms']:>14}{per_page:>12.2f}")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
