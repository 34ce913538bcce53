"""Hostile portals: crawler memory on 50 MB pages and how fast the default limits end traps.

``python bench/bench_hostile.py`` serves, on 127.0.0.1, a 50 MB list page and a list
whose report page is 50 MB of links (its attachment at the end), and crawls each once
with the defaults and once with ``OGI_MAX_LIST_PAGE_BYTES = 0`` (no list-page cap and
large pages parsed whole: the baseline), printing the crawler process's peak resident
memory. Then it crawls two pagination traps with the default limits (下一页 forever; a
TRS pager whose stem grows) and prints the list pages fetched and the seconds until
the crawl ended. Politeness is off (loopback only).
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_hostile_crawl import HostileServer, page, profile  # noqa: E402
from tests.test_hostile_limits import huge_pages  # noqa: E402
MEASURE = """
import json, resource, sys
from crawler.profiles import PortalProfile
from crawler.run import crawl
profile = PortalProfile.from_json(sys.argv[1])
stats = crawl([profile], sys.argv[2], polite=False, timeout=900, settings=json.loads(sys.argv[3]))
print(json.dumps({"maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                  "stats": stats["portals"][profile.name]}))
"""


def route(path):
    if path in ("/robots.txt", "/big/index.html", "/small/index.html", "/small/r.html", "/small/f.pdf"):
        return huge_pages(path)  # the 50 MB list and report pages of the tests
    if path.startswith("/list"):
        n = int(dict(parse_qsl(urlsplit(path).query)).get("p", "1"))
        notices = [(f"/n/{n}-{k}.html", f"关于开展第{k}批工作的通知") for k in range(5)]
        return 200, {}, page(notices, f'<a href="/list?p={n + 1}">下一页</a>')
    match = re.fullmatch(r"/c/(\w+)\.html", path)
    if match:
        notices = [(f"/n/{match.group(1)}-{k}.html", f"关于开展第{k}批工作的通知") for k in range(5)]
        return 200, {}, page(notices, f'<script>createPageHTML(10, 0, "{match.group(1)}", "html");</script>')
    return None


def measure(server, name: str, start: str, settings: dict, cms: str = "generic") -> dict:
    with tempfile.TemporaryDirectory() as store:
        began = time.monotonic()
        done = subprocess.run([sys.executable, "-c", MEASURE, profile(name, server, start, cms=cms).to_json(),
                               store, json.dumps(settings)], cwd=ROOT, capture_output=True, text=True,
                              env=dict(os.environ, PYTHONPATH=str(ROOT)))
        if done.returncode:
            raise SystemExit(done.stderr[-3000:])
        result = json.loads(done.stdout.strip().splitlines()[-1])
        result["wall"] = time.monotonic() - began
        return result


def main() -> None:
    server = HostileServer("127.0.0.1", route)
    try:
        print("| page | crawler peak memory, defaults | baseline: no list-page cap, parsed whole | ratio |")
        print("|---|---|---|---|")
        for label, start in (("50 MB list page", "/big/index.html"), ("50 MB report page", "/small/index.html")):
            capped = measure(server, "mem", start, {})
            baseline = measure(server, "mem", start, {"OGI_MAX_LIST_PAGE_BYTES": 0})
            print(f"| {label} | {capped['maxrss_kb'] / 1024:.0f} MB | {baseline['maxrss_kb'] / 1024:.0f} MB | "
                  f"{capped['maxrss_kb'] / baseline['maxrss_kb']:.2f}× |")
        print()
        print("| trap (default limits) | list pages fetched | requests | seconds in the spider | how it ended |")
        print("|---|---|---|---|---|")
        for label, start, cms in (("下一页 forever", "/list?p=1", "generic"),
                                  ("TRS pager stem grows (10 pages each)", "/c/index.html", "trs")):
            hits_before = len(server.hits)
            result = measure(server, "trap", start, {}, cms=cms)
            stats = result["stats"]
            pages = sum(1 for h in server.hits[hits_before:] if h.startswith(("/list", "/c/")))
            print(f"| {label} | {pages} | {stats['requests']} | {stats['elapsed_seconds']:.1f} | "
                  f"{stats['finish_reason']}, {stats['failed']} failure row(s) |")
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
