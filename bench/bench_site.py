"""Benchmark the site's own pages against the plain queries they replaced, in one run.

Builds (or reuses) a synthetic archive, then requests each page ``--repeat`` times
through Datasette's in-process client with the settings of ``ogi serve`` and prints
median and p95 milliseconds. Baselines, timed in the same run on the same archive:

- the section-level search the site had before (``select … from sections_fts … match
  ogi_match(:q) limit 100``: one row per section, no count, no pages);
- share queries computed from ``year_totals`` (a ratio of sums over different sets of
  reports), as before.

Usage: ``python3 bench/bench_site.py --reports 20000 --dir /tmp/ogi-bench-site``
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

OLD_SEARCH = """
select reports.id as report_id, bodies.name as body, reports.year, sections.number as section,
  ogi_snippet(sections.text, :q) as snippet, reports.url
from sections_fts join sections on sections.id = sections_fts.rowid
join reports on reports.id = sections.report_id join bodies on bodies.id = reports.body_id
where sections_fts match ogi_match(:q) order by sections_fts.rowid desc limit 100"""
OLD_SHARE = """
select year, results_total as results, denied, not_held,
  round(100.0 * denied / nullif(results_total, 0), 2) as denied_pct
from year_totals order by year"""


def build(root: Path, reports: int) -> Path:
    import sqlite_utils

    from archive.build import build_archive
    from archive.serve import publish_originals
    from tests.synthetic import json_extractor, make_store, records_for

    db_path = root / "archive.db"
    if db_path.exists():
        return db_path
    root.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    store = make_store(root / "store", reports, inconsistent_share=0.05)
    stats = build_archive(sqlite_utils.Database(db_path), store, records_for(store, json_extractor, "0.1.0"))
    publish_originals(db_path, store.root)
    print(f"built {stats.reports} reports in {time.monotonic() - started:.1f} s (store, records, archive)")
    return db_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=20000)
    parser.add_argument("--dir", default="/tmp/ogi-bench-site")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    import urllib.parse

    import sqlite_utils

    from archive.serve import make_datasette

    db_path = build(Path(args.dir), args.reports)
    db = sqlite_utils.Database(db_path)
    report_id = db.execute("SELECT report_id FROM findings WHERE rule = 'year.chain' LIMIT 1").fetchone()[0]
    body_id = db.execute("SELECT body_id FROM reports WHERE id = ?", [report_id]).fetchone()[0]
    sha = db.execute("SELECT d.sha256 FROM reports r JOIN documents d ON d.id = r.current_document_id "
                     "WHERE r.id = ?", [report_id]).fetchone()[0]
    ds = make_datasette(db_path, Path(args.dir) / "meta")
    q = urllib.parse.quote

    pages = [
        ("baseline: section search q=低保 (100 rows, no count)",
         f"/archive.json?sql={q(OLD_SEARCH)}&q={q('低保')}&_shape=array"),
        ("search page q=低保 (count, page 1 of 50)", f"/search?q={q('低保')}"),
        ("search page q=低保 申请 (two words, any section)", f"/search?q={q('低保 申请')}"),
        ("search page q=低保, page 10", f"/search?q={q('低保')}&page=10"),
        ("canned search q=低保 申请 (100 reports + count of all)", f"/archive/search.json?q={q('低保 申请')}&_shape=array"),
        ("baseline: share from year_totals", f"/archive.json?sql={q(OLD_SHARE)}&_shape=array"),
        ("denied_share (reports giving all three)", "/archive/denied_share.json?_shape=array"),
        ("lawsuits_per_year (reports giving all four)", "/archive/lawsuits_per_year.json?_shape=array"),
        ("requests_per_year (with report counts)", "/archive/requests_per_year.json?_shape=array"),
        ("report page", f"/report/{report_id}"),
        ("body page (years side by side)", f"/body/{body_id}"),
        ("original file", f"/original/{sha}"),
        ("new_findings.atom", "/archive/new_findings.atom"),
        ("requests_per_year.xlsx", "/archive/requests_per_year.xlsx"),
        ("bodies.xlsx (whole table: the plugin exports every row)", "/archive/bodies.xlsx"),
    ]

    async def run():
        out = []
        for label, path in pages:
            response = await ds.client.get(path)
            assert response.status_code == 200, (path, response.status_code, response.text[:300])
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                await ds.client.get(path)
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            out.append((label, statistics.median(times), times[int(0.95 * (len(times) - 1))]))
        return out

    rows = asyncio.run(run())
    base_search = rows[0][1]
    base_share = rows[5][1]
    print(f"| page ({args.reports} reports) | median ms | p95 ms | vs baseline |")
    print("|---|---|---|---|")
    for label, median, p95 in rows:
        base = None if "xlsx" in label else base_search if "search" in label else \
            base_share if "share" in label or "per_year" in label else None
        ratio = f"{median / base:.2f}×" if base else ""
        print(f"| {label} | {median:.1f} | {p95:.1f} | {ratio} |")


if __name__ == "__main__":
    main()
