"""Benchmark: what isolation costs — ``ogi extract -j 1`` against reading the files in one process.

For 50 HTML and 50 PDF reports of the independent generator (``bench/independent``),
times three commands, each a fresh Python process (start-up and imports included, the
packages byte-compiled first as an installed package is), best of ``--rounds`` rounds,
run interleaved so that machine noise hits all three alike:

* ``naive``: the naive baseline of ``bench/bench_extract.py`` (BeautifulSoup / pdfplumber
  tables, label matching) in a loop;
* ``in-process``: a loop calling :func:`extract.api.extract_bytes` on every file;
* ``ogi extract -j 1``: the command, with its worker process, time limit and memory cap.

Prints seconds and the ratios ``ogi extract / in-process`` (the cost of isolation;
target ≤ 1.2) and ``naive / ogi extract`` (speed against the baseline).

Usage::

    python3 bench/bench_runner.py [--n 50] [--rounds 3]
    git worktree add /tmp/before <commit> && python3 bench/bench_runner.py --before /tmp/before
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

NAIVE = """
import sys
sys.path.insert(0, {bench!r})
from bench_extract import naive_extract
kind = sys.argv[1]
for path in sys.argv[2:]:
    naive_extract(open(path, 'rb').read(), kind)
"""

IN_PROCESS = """
import sys
from extract.api import extract_bytes
for path in sys.argv[2:]:
    extract_bytes(open(path, 'rb').read(), path)
"""


def corpus(n: int) -> dict[str, list[str]]:
    """``{"html": [...], "pdf": [...]}``: ``n`` generated files of each (cached)."""
    cache = Path(os.environ.get("OGI_UNSEEN_CACHE") or Path.home() / ".cache" / "ogi-unseen") / f"runner-n{n}"
    if not any(cache.glob("*.truth.json")):
        cache.mkdir(parents=True, exist_ok=True)
        print(f"generating {n} HTML and {n} PDF reports into {cache} ...", flush=True)
        subprocess.run([sys.executable, str(HERE / "independent" / "generate.py"), str(cache), "--n-per-kind", str(n),
                        "--seed", "5", "--kinds", "html_utf8,pdf_lo"], check=True)
    files = {"html": sorted(str(p) for p in cache.glob("*.html")),
             "pdf": sorted(str(p) for p in cache.glob("*.pdf"))}
    return {k: v[:n] for k, v in files.items()}


#: the ``ogi`` console script of this interpreter: a version manager's shim on PATH
#: (pyenv's costs about 70 ms a call) would be timed as part of the command
OGI = str(Path(sys.executable).with_name("ogi")) if Path(sys.executable).with_name("ogi").exists() \
    else (shutil.which("ogi") or "ogi")


#: the packages a run imports
PACKAGES = ("extract", "ogi", "archive", "crawler", "store")


def timed(cmd: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=50, help="files per kind")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", type=Path, metavar="CHECKOUT",
                        help="also time `ogi extract -j 1` of another checkout (e.g. a git worktree of an "
                             "older commit), in the same rounds")
    args = parser.parse_args()
    files = corpus(args.n)
    # byte-compile both checkouts first: with PYTHONDONTWRITEBYTECODE set (as on these
    # machines) every run would compile each imported module from source again, and the
    # command, which imports more modules than the loop, would pay that as "isolation"
    for checkout in [ROOT] + ([args.before] if args.before else []):
        subprocess.run([sys.executable, "-m", "compileall", "-q", *(str(Path(checkout, d)) for d in PACKAGES)],
                       check=True, stdout=subprocess.DEVNULL)
    commands = {
        "naive": lambda kind, paths: [sys.executable, "-c", NAIVE.format(bench=str(HERE)), kind, *paths],
        "in-process": lambda kind, paths: [sys.executable, "-c", IN_PROCESS, kind, *paths],
        "ogi extract -j 1": lambda kind, paths: [OGI, "extract", "-j", "1", "--json", *paths],
    }
    if args.before:
        # the checkout's console script: ``ogi.cli.main`` where it has one, else the click group
        entry = (f"import sys; sys.path.insert(0, {str(args.before)!r}); import ogi.cli as c; "
                 "getattr(c, 'main', c.cli)()")
        commands["before: ogi extract"] = lambda kind, paths: [sys.executable, "-c", entry, "extract", "-j", "1",
                                                                "--json", *paths]
    print(f"{'kind':6} {'files':>5} " + " ".join(f"{name:>19}" for name in commands)
          + f" {'ogi/in-process':>15} {'naive/ogi':>10}" + (f" {'naive/before':>12}" if args.before else ""))
    for kind, paths in files.items():
        best = {name: float("inf") for name in commands}
        for _ in range(args.rounds):
            for name, make in commands.items():
                best[name] = min(best[name], timed(make(kind, paths)))
        print(f"{kind:6} {len(paths):5} " + " ".join(f"{best[name]:18.2f}s" for name in commands)
              + f" {best['ogi extract -j 1'] / best['in-process']:15.2f} {best['naive'] / best['ogi extract -j 1']:10.2f}"
              + (f" {best['naive'] / best['before: ogi extract']:12.2f}" if args.before else ""), flush=True)


if __name__ == "__main__":
    main()
