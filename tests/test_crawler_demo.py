"""Acceptance: crawl the demo portal, then crawl it again unchanged, changed, shrunk and broken.

Politeness is off (no delay, no AutoThrottle) because the portal is on 127.0.0.1.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from crawler.profiles import PortalProfile
from crawler.run import CrawlError, crawl
from store import RawStore
from demo.portal import start_demo_portal

EXTENSIONS = {"pdf": ".pdf", "scan-pdf": ".pdf", "doc": ".doc", "wps": ".wps", "docx": ".docx",
              "html-gbk": ".html", "html-utf8": ".html"}


@pytest.fixture(scope="module")
def portal():
    server, _ = start_demo_portal()
    yield server
    server.shutdown()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("store")


@pytest.fixture(scope="module")
def first_run(portal, store_dir):
    manifest = portal.manifest()
    stats = crawl(portal.profiles(), store_dir, polite=False)
    return stats, manifest, len(portal.log)


@pytest.fixture(scope="module")
def second_run(portal, store_dir, first_run):
    start = len(portal.log)
    stats = crawl(portal.profiles(), store_dir, polite=False)
    return stats, portal.log[start:]


@pytest.fixture(scope="module")
def third_run(portal, store_dir, second_run):
    """One attachment report changed at the same URL, one HTML report taken off its portal."""
    manifest = portal.manifest()
    changed = next(r for r in manifest["reports"] if r["kind"] == "docx" and r["portal"] == "demo-generic")
    removed = next(r for r in manifest["reports"] if r["kind"] == "html-utf8" and r["portal"] == "demo-hanweb")
    portal.change_report(changed["url"])
    portal.remove_report(removed["url"])
    start = len(portal.log)
    stats = crawl(portal.profiles(), store_dir, polite=False)
    return stats, portal.log[start:], changed, removed, manifest


def stored_urls(store_dir) -> dict[str, dict]:
    store = RawStore(store_dir)
    try:
        return {row["url"]: row for row in store.urls()}
    finally:
        store.close()


def test_first_run_finds_every_report(first_run, store_dir):
    stats, manifest, _ = first_run
    assert len(manifest["reports"]) >= 30
    assert {r["year"] for r in manifest["reports"]} == set(range(2019, 2025))
    store = RawStore(store_dir)
    files = {f.url: f for f in store.files()}
    missing = [r["url"] for r in manifest["reports"] if r["url"] not in files]
    assert not missing, f"reports not found: {missing}"
    for report in manifest["reports"]:
        stored = files[report["url"]]
        assert stored.path.suffix == EXTENSIONS[report["kind"]], report
        assert stored.path.exists() and stored.size == len(stored.read_bytes())
        assert (stored.year, stored.body) == (report["year"], report["body"]), report
        assert stored.published == report["published"], report
        if report["page_url"] and report["page_url"] != report["url"]:
            assert files[report["page_url"]].role == "page"
            assert stored.role == "attachment" and stored.page_url == report["page_url"]
        elif report["page_url"] is None:  # listed as the file itself
            assert stored.role == "attachment" and stored.page_url is None
    assert all(s["finish_reason"] == "finished" for s in stats["portals"].values())
    assert stats["portals"]["demo-hanweb"]["retries"] >= 1  # the 500 that recovers


def test_first_run_keeps_no_non_report_item(first_run, store_dir):
    _, manifest, _ = first_run
    expected = {r["url"] for r in manifest["reports"]} | {r["page_url"] for r in manifest["reports"] if r["page_url"]}
    kept = set(stored_urls(store_dir))
    assert kept == expected
    assert not kept & set(manifest["non_reports"])


def test_every_failure_is_recorded_with_its_reason(first_run, store_dir):
    _, manifest, _ = first_run
    store = RawStore(store_dir)
    failures = store.failures()
    assert all(f["reason"] and f["url"] and f["portal"] and f["run_id"] for f in failures)
    by_url = {f["url"]: f for f in failures}
    for expected in manifest["failures"]:
        assert expected["url"] in by_url, f"failure not recorded: {expected}"
        assert expected["reason"] in by_url[expected["url"]]["reason"], by_url[expected["url"]]
    assert by_url[next(f["url"] for f in manifest["failures"] if f["reason"] == "anti-bot" and
                       f["portal"] == "demo-hanweb")]["status"] == 412


def test_every_stored_file_has_warc_request_and_response(first_run, store_dir):
    store = RawStore(store_dir)
    files = list(store.files())
    responses, requests = {}, {}
    for path in (store_dir / "warc").glob("*.warc.gz"):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                record_id = record.rec_headers.get_header("WARC-Record-ID")
                if record.rec_type == "response":
                    responses[record_id] = (record.rec_headers.get_header("WARC-Target-URI"),
                                            record.http_headers.get_statuscode(), record.content_stream().read())
                elif record.rec_type == "request":
                    requests[record.rec_headers.get_header("WARC-Concurrent-To")] = record.http_headers
    for stored in files:
        url, status, payload = responses[stored.warc_record_id]
        assert (url, status) == (stored.url, "200")
        assert payload == stored.read_bytes()
        assert "ogi-archive" in requests[stored.warc_record_id].get_header("User-Agent")
    assert len(responses) > len(files)  # list pages, robots.txt and errors are archived too


def test_second_run_downloads_no_report_again(first_run, second_run, store_dir):
    first, manifest, _ = first_run
    second, log = second_run
    totals = second["totals"]
    assert totals["attachments_downloaded"] == 0 and totals["pages_downloaded"] == 0
    assert totals["new"] == totals["changed"] == 0
    assert totals["not_modified"] == first["totals"]["new"]
    assert totals["bytes"] <= 0.10 * first["totals"]["bytes"], (totals["bytes"], first["totals"]["bytes"])
    report_paths = {r["url"].split("/", 3)[3] for r in manifest["reports"]}
    refetched = [(name, path, status) for name, path, status in log if path.lstrip("/") in report_paths
                 and status == 200]
    assert refetched == []


def third_run_manifest(third_run):
    return [(r["url"], r["page_url"] or r["url"]) for r in third_run[4]["reports"]]


def test_changed_report_is_fetched_again_and_both_versions_kept(third_run, store_dir):
    stats, log, changed, _, _ = third_run
    totals = stats["totals"]
    assert (totals["changed"], totals["new"], totals["attachments_downloaded"], totals["pages_downloaded"]) == (1, 0, 1, 0)
    store = RawStore(store_dir)
    versions = [f for f in store.files() if f.url == changed["url"]]
    assert len(versions) == 2 and versions[0].sha256 != versions[1].sha256
    assert all(v.path.exists() for v in versions)
    assert stored_urls(store_dir)[changed["url"]]["sha256"] == versions[1].sha256
    manifest_paths = {"/" + u.split("/", 3)[3] for r in third_run_manifest(third_run) for u in r}
    downloaded = [path for _, path, status in log if status == 200 and path in manifest_paths]
    assert downloaded == ["/" + changed["url"].split("/", 3)[3]]


def test_vanished_report_is_marked_removed_and_kept(third_run, store_dir):
    stats, _, _, removed, _ = third_run
    assert stats["portals"]["demo-hanweb"]["removed"] == [removed["url"]]
    row = stored_urls(store_dir)[removed["url"]]
    assert row["removed_at"] and row["sha256"]
    store = RawStore(store_dir)
    assert any(f.url == removed["url"] and f.path.exists() for f in store.files())
    still_there = [u for u, r in stored_urls(store_dir).items() if r["removed_at"] and u != removed["url"]]
    assert still_there == []


def test_portal_yielding_no_reports_is_a_warning(portal, store_dir, third_run):
    base = portal.base_urls["demo-trs"]
    moved = PortalProfile(name="demo-trs", start_urls=[base + "/zwdt/1.html"], allowed_domains=[base[7:]],
                          cms="trs")
    stats = crawl([moved], store_dir, polite=False)
    assert stats["portals"]["demo-trs"]["reports_listed"] == 0
    assert any("demo-trs yielded no reports" in w for w in stats["warnings"])
    # a site that changed is not a site whose reports all vanished
    assert stats["portals"]["demo-trs"]["removed"] == []
    assert not any(r["removed_at"] for u, r in stored_urls(store_dir).items() if r["portal"] == "demo-trs")


@pytest.mark.slow
def test_killed_run_resumes_from_its_job_dir(portal, tmp_path):
    profile = next(p for p in portal.profiles() if p.name == "demo-generic")
    expected = {r["url"] for r in portal.manifest()["reports"] if r["portal"] == "demo-generic"}
    stopped = crawl([profile], tmp_path / "store", polite=False, job_dir=tmp_path / "jobs",
                    settings={"CLOSESPIDER_ITEMCOUNT": 3, "CONCURRENT_REQUESTS": 1})
    run = stopped["portals"]["demo-generic"]
    assert run["finish_reason"] == "closespider_itemcount"
    first_part = set(stored_urls(tmp_path / "store"))
    assert first_part and not expected <= first_part
    resumed = crawl([profile], tmp_path / "store", polite=False, job_dir=tmp_path / "jobs")
    assert resumed["portals"]["demo-generic"]["run_id"] == run["run_id"]  # the same run, continued
    assert expected <= set(stored_urls(tmp_path / "store"))
    assert resumed["totals"]["new"] + run["new"] == len(stored_urls(tmp_path / "store"))


def test_files_above_the_size_cap_are_recorded_not_stored(portal, tmp_path):
    profile = next(p for p in portal.profiles() if p.name == "demo-gkmlpt")
    cap = 100_000
    stats = crawl([profile], tmp_path, polite=False, settings={"OGI_MAX_FILE_BYTES": cap})
    store = RawStore(tmp_path)
    assert all(f.size <= cap for f in store.files())
    too_large = [f for f in store.failures() if "OGI_MAX_FILE_BYTES" in f["reason"]]
    big = [r["url"] for r in portal.manifest()["reports"] if r["portal"] == "demo-gkmlpt" and r["kind"] in ("pdf", "scan-pdf")]
    assert big and {f["url"] for f in too_large} >= set(big)
    assert stats["portals"]["demo-gkmlpt"]["failed"] == len(store.failures())


def _crawler_children() -> list[int]:
    """Process ids of crawler processes this test process started."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat[1]) == os.getpid() and b"crawler.run" in cmdline:
            pids.append(int(entry.name))
    return pids


@pytest.mark.slow
def test_hard_killed_run_is_completed_by_the_next_one(portal, tmp_path):
    profile = next(p for p in portal.profiles() if p.name == "demo-trs")
    expected = {r["url"] for r in portal.manifest()["reports"] if r["portal"] == "demo-trs"}
    store_dir, jobs = tmp_path / "store", tmp_path / "jobs"
    outcome = {}

    def killed_crawl():
        try:
            crawl([profile], store_dir, polite=False, job_dir=jobs,
                  settings={"CONCURRENT_REQUESTS": 1, "DOWNLOAD_DELAY": 0.4})
        except CrawlError as exc:
            outcome["error"] = str(exc)

    thread = threading.Thread(target=killed_crawl)
    thread.start()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if (store_dir / "store.db").exists() and len(stored_urls(store_dir)) >= 3:
            break
        time.sleep(0.1)
    for pid in _crawler_children():
        os.kill(pid, signal.SIGKILL)
    thread.join(60)
    assert "without a run record" in outcome.get("error", "")
    partial = set(stored_urls(store_dir))
    assert partial and not expected <= partial
    resumed = crawl([profile], store_dir, polite=False, job_dir=jobs)
    stats = resumed["portals"]["demo-trs"]
    assert stats["finish_reason"] == "finished"
    assert expected <= set(stored_urls(store_dir))
    store = RawStore(store_dir)
    files = list(store.files())
    assert len(files) == len({f.url for f in files}) and all(f.path.exists() for f in files)
    assert stats["new"] == len(files) - len(partial) and stats["not_modified"] == len(partial)
    assert not (jobs / "demo-trs").exists()  # a finished crawl leaves no state behind


def test_timeouts_are_retried_then_recorded(portal, tmp_path):
    profile = next(p for p in portal.profiles() if p.name == "demo-trs")
    slow = next(r for r in portal.reports if r.trap == "slow")
    slow_url = portal.base_urls["demo-trs"] + slow.page_path
    stats = crawl([profile], tmp_path, polite=False,
                  settings={"DOWNLOAD_TIMEOUT": 0.4, "RETRY_TIMES": 1, "OGI_RETRY_BACKOFF_BASE": 0.1})
    store = RawStore(tmp_path)
    failure = next(f for f in store.failures() if f["url"] == slow_url)
    assert failure["reason"].startswith("timeout (after retries)")
    assert stats["portals"]["demo-trs"]["retries"] >= 1
    assert slow_url not in {row["url"] for row in store.urls()}
    assert stats["portals"]["demo-trs"]["new"] > 0  # the rest of the portal was crawled
