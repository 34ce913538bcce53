"""Benchmark: build an archive of N synthetic reports, then time canned queries and facet pages.

Usage::

    python3 bench/bench_archive.py --reports 100000 --dir /tmp/ogi-bench

Prints the store-writing time, the build time (wall and CPU: the process's own, while
other work shares the machine), the archive size and, for each canned
query and facet page served through Datasette (in process, the same configuration as
``ogi serve``), the median and p95 latency over ``--repeat`` requests.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlite_utils  # noqa: E402

from archive.build import build_archive  # noqa: E402
from archive.queries import QUERIES  # noqa: E402
from archive.serve import make_datasette  # noqa: E402
from tests.synthetic import records_for, json_extractor, make_store  # noqa: E402

PARAMS = {"search": "q=低保", "body_over_years": "body=宁波市江北区教育局"}
PAGES = [
    "/archive/headline?_facet=year&_facet=province&_facet=level&_facet=generation",
    "/archive/bodies?_facet=level&_facet=province",
    "/archive/reports?_facet=year&_facet=generation",
    "/archive/headline?year=2023&province=浙江省",
    "/archive/figures?key=t3.new.total",
]


async def _time(ds, path, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = await ds.client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path}: HTTP {response.status_code}")
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--dir", default="/tmp/ogi-bench")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--keep-store", action="store_true", help="reuse a store from a previous run")
    parser.add_argument("--skip-build", action="store_true",
                        help="reuse the archive of a previous run (bring derived tables up to date only)")
    args = parser.parse_args()
    root = Path(args.dir)
    store_dir, db_path = root / "store", root / "archive.db"
    if not args.keep_store:
        shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True, exist_ok=True)
    if db_path.exists() and not args.skip_build:
        db_path.unlink()
    t0 = time.perf_counter()
    if args.keep_store and (store_dir / "store.db").exists():
        from store import RawStore
        store = RawStore(store_dir)
    else:
        store = make_store(store_dir, args.reports)
    print(f"store: {args.reports} reports written in {time.perf_counter() - t0:.1f} s")
    if args.skip_build:
        from archive.build import ensure_schema, refresh_totals

        db = sqlite_utils.Database(db_path)
        ensure_schema(db)
        refresh_totals(db)
        db.conn.commit()
        return _serve_timings(db_path, args)
    t0, c0 = time.perf_counter(), time.process_time()
    stats = build_archive(sqlite_utils.Database(db_path), store, records_for(store, json_extractor, "0.1.0"))
    build_s, build_cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"build: {stats.reports} reports, {stats.figures} figure rows, {stats.documents} documents "
          f"in {build_s:.1f} s (CPU {build_cpu:.2f} s); {os.path.getsize(db_path) / 1e9:.2f} GB")
    import sqlite3 as stdlib_sqlite3  # Debian's SQLite has dbstat

    sizes = stdlib_sqlite3.connect(db_path).execute(
        "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 8").fetchall()
    print("largest objects: " + ", ".join(f"{name} {size / 1e6:.0f} MB" for name, size in sizes))
    t0, c0 = time.perf_counter(), time.process_time()
    again = build_archive(sqlite_utils.Database(db_path), store, records_for(store, json_extractor, "0.1.0"))
    print(f"re-run (nothing new): {time.perf_counter() - t0:.1f} s (CPU {time.process_time() - c0:.2f} s), "
          f"{again.unchanged} files unchanged")

    _serve_timings(db_path, args)


def _serve_timings(db_path, args):
    ds = make_datasette(db_path)
    paths = [f"/archive/{name}?{PARAMS.get(name, '')}" for name in QUERIES] + PAGES

    async def run():
        print(f"{'page':70} {'median ms':>10} {'p95 ms':>8}")
        for path in paths:
            median, p95 = await _time(ds, path, args.repeat)
            print(f"{path[:70]:70} {median:10.1f} {p95:8.1f}")

    asyncio.run(run())


if __name__ == "__main__":
    main()
