"""Benchmark: CPU milliseconds per document of in-process extraction, per kind.

Timed with ``time.process_time`` (not wall time, which other work on a shared machine
disturbs), best of three rounds over the first 20 documents of each kind, OCR off. To
compare two versions, run it with each checkout first on ``PYTHONPATH``, alternating:

    PYTHONPATH=/path/to/old python3 bench/bench_cpu_speed.py CORPUS
    PYTHONPATH=. python3 bench/bench_cpu_speed.py CORPUS
"""
import sys, time, glob, collections
from pathlib import Path
from extract.api import extract_bytes
corpus = sys.argv[1]
kinds = collections.defaultdict(list)
for p in sorted(glob.glob(corpus + "/*")):
    # DOC files are left out: LibreOffice's conversion, not the reader, dominates them
    if p.endswith(".json") or "MANIFEST" in p or p.split("/")[-1].startswith("doc_"):
        continue
    kinds[p.split("/")[-1].rsplit("_", 1)[0]].append(p)
for kind, paths in sorted(kinds.items()):
    paths = paths[:20]
    data = [Path(p).read_bytes() for p in paths]
    best = 9e9
    for _ in range(3):
        t = time.process_time()
        for d, p in zip(data, paths):
            extract_bytes(d, p, ocr=False)
        best = min(best, time.process_time() - t)
    print(f"{kind:14} {1000 * best / len(paths):8.2f}")
