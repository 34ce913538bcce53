"""The nightly job: crawl → extract new and changed documents → archive → publish.

:func:`run_nightly` is what ``ogi nightly`` calls. It holds the run lock for the whole
run, and every step can be killed at any moment:

* the crawl writes only to the raw store (content-addressed files, SQLite WAL);
* each extraction record is committed to the store's record store
  (``STORE/records.db``, :class:`store.RecordStore`, keyed by sha256, extractor version
  and output settings) as it arrives, so a rerun extracts only what is missing;
* the work archive ``WORK/archive.db`` is updated in committed batches keyed by
  sha256, so a rerun finishes a killed build without duplicates;
* the site gets a snapshot of the work archive built in a temporary file and swapped
  in with ``os.replace`` (:mod:`ogi.publish`), so it only ever sees complete builds.

A document that cannot be extracted, a portal that cannot be reached and a figure that
breaks a rule are recorded and reported in the :class:`Summary`; they never stop the
run. The run fails (``Summary.ok`` is false, exit status 1) only when failures pass the
thresholds of the ``[nightly]`` configuration section.
"""
from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from store import RawStore, RecordStore, utcnow
from ogi import progress
from ogi.config import Config
from ogi.lock import RunLock
from ogi.publish import publish_file
from ogi.workqueue import NoWorkers

log = logging.getLogger("ogi.nightly")

#: the published database's file name inside the publish directory
ARCHIVE_NAME = "archive.db"
#: the Datasette metadata file written beside it
METADATA_NAME = "metadata.yml"


class NightlyError(RuntimeError):
    """A step failed in a way that leaves nothing to publish (the lock is released)."""


class Interrupted(NightlyError):
    """The run was interrupted (Ctrl-C, SIGTERM); what it stored is kept and a rerun resumes."""


# --- the summary ---------------------------------------------------------------------------

@dataclass
class Summary:
    """What one nightly run did; printed at the end and stored in the archive."""

    run_id: str
    started_at: str
    finished_at: str | None = None
    demo: bool = False
    portals: list[str] = field(default_factory=list)
    #: the crawler's run ids (rows of ``crawl_runs``) of this run
    crawl_run_ids: list[str] = field(default_factory=list)
    #: portals that could not be crawled: ``{"portal", "reason"}``
    failed_portals: list[dict] = field(default_factory=list)
    #: report URLs first fetched since the last published run: ``{"url", "portal", "title"}``
    new_reports: list[dict] = field(default_factory=list)
    #: report URLs whose bytes changed since the last published run
    changed_reports: list[dict] = field(default_factory=list)
    #: fetches that failed: ``{"url", "portal", "status", "reason"}``
    crawl_failures: list[dict] = field(default_factory=list)
    #: distinct documents fetched since the last published run
    documents_fetched: int = 0
    documents_extracted: int = 0
    documents_reused: int = 0
    #: documents whose extraction failed in this run: ``{"url", "sha256", "reason"}``
    failed_documents: list[dict] = field(default_factory=list)
    #: figures that break a consistency rule: ``{"url", "rule", "detail"}``
    rule_breaches: list[dict] = field(default_factory=list)
    #: each crawled portal's source health after this run (:mod:`crawler.health`):
    #: ``{"portal", "state", "reason", "changed", "previous_state"}``
    source_health: list[dict] = field(default_factory=list)
    published: str | None = None
    #: things the run noticed and worked around (a state file rebuilt, a store replaced)
    notes: list[str] = field(default_factory=list)
    #: what publishing changed against the published archive (:meth:`ogi.publish.ArchiveComparison.as_dict`):
    #: reports and figures before and after, losses per reason (removed, superseded, re-extracted)
    publish_changes: dict = field(default_factory=dict)
    status: str = "running"
    #: why the run counts as failed
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def alarms(self) -> list[dict]:
        """Portals whose source health changed to a state other than healthy in this run."""
        return [h for h in self.source_health if h["changed"] and h["state"] != "healthy"]

    def to_dict(self) -> dict:
        return asdict(self)

    def render(self, limit: int = 20) -> str:
        """The summary as text for a terminal or a cron mail.

        :param limit: how many entries of each list to show.
        """
        def section(title: str, items: list, line: Callable[[dict], str]) -> list[str]:
            out = [f"{title}: {len(items)}"]
            out += [f"  - {line(i)}" for i in items[:limit]]
            if len(items) > limit:
                out.append(f"  … and {len(items) - limit} more")
            return out

        lines = [f"ogi nightly {self.run_id}: {self.status.upper()}"
                 f" ({self.started_at} → {self.finished_at or '…'})",
                 f"portals crawled: {len(self.portals)}"]
        lines += section("failed portals", self.failed_portals, lambda i: f"{i['portal']}: {i['reason']}")
        lines += section("source health changes", [h for h in self.source_health if h["changed"]],
                         lambda h: f"{h['portal']}: {h.get('previous_state') or 'new'} → {h['state']} ({h['reason']})")
        lines += section("new reports", self.new_reports, lambda i: f"{i.get('title') or ''} {i['url']}".strip())
        lines += section("changed reports", self.changed_reports,
                         lambda i: f"{i.get('title') or ''} {i['url']}".strip())
        lines.append(f"documents fetched since the last published run: {self.documents_fetched}; "
                     f"extracted now: {self.documents_extracted}; records reused: {self.documents_reused}")
        lines += section("failed documents", self.failed_documents, lambda i: f"{i['url']}: {i['reason']}")
        lines += section("failed fetches", self.crawl_failures,
                         lambda i: f"{i['url']}: {i.get('status') or ''} {i['reason']}".replace("  ", " "))
        lines += section("figures breaking rules in new and changed reports", self.rule_breaches,
                         lambda i: f"{i['url']}: {i['rule']} {i.get('detail') or ''}".strip())
        for note in self.notes:
            lines.append(f"note: {note}")
        if self.publish_changes.get("lost_reports") or self.publish_changes.get("lost_figures"):
            changes = self.publish_changes
            reasons = ", ".join(f"{reason} {c['reports']} reports / {c['figures']} figures"
                                for reason, c in (changes.get("explained") or {}).items())
            lines.append(f"lost since the published archive: {changes['lost_reports']} reports, "
                         f"{changes['lost_figures']} figures ({reasons or 'none explained'})")
        if self.published:
            lines.append(f"published: {self.published}")
        for problem in self.problems:
            lines.append(f"FAILED: {problem}")
        return "\n".join(lines)


# --- the run's own state ------------------------------------------------------------------------

class RunState:
    """The nightly job's bookkeeping in ``WORK/nightly.db``: runs and their summaries.

    :param path: the SQLite file.
    """

    def __init__(self, path: str | os.PathLike):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        from store.records import open_or_set_aside

        #: the connection, and where a damaged state file was moved (if it was)
        self.db, self.set_aside = open_or_set_aside(Path(path), """CREATE TABLE IF NOT EXISTS nightly_runs (
            id TEXT PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT, status TEXT,
            published_at TEXT, watermark INTEGER, summary TEXT)""", "nightly_runs")

    def close(self) -> None:
        self.db.close()

    def last_watermark(self) -> int:
        """The last ``fetches.id`` covered by a published run (0 before the first)."""
        row = self.db.execute("SELECT max(watermark) FROM nightly_runs WHERE published_at IS NOT NULL").fetchone()
        return row[0] or 0

    def save(self, summary: Summary, published_at: str | None = None, watermark: int | None = None) -> None:
        """Record a run (again) with its summary so far.

        :param summary: the run's summary.
        :param published_at: when its archive was published, once it was.
        :param watermark: the last fetch id its summary covered.
        """
        self.db.execute(
            "INSERT OR REPLACE INTO nightly_runs VALUES (?, ?, ?, ?, ?, ?, ?)",
            (summary.run_id, summary.started_at, summary.finished_at, summary.status, published_at,
             watermark, json.dumps(summary.to_dict(), ensure_ascii=False)))

    def runs(self) -> list[dict]:
        """Every run, oldest first, with its summary decoded."""
        out = []
        for row in self.db.execute("SELECT id, started_at, finished_at, status, published_at, summary "
                                   "FROM nightly_runs ORDER BY started_at"):
            out.append({"id": row[0], "started_at": row[1], "finished_at": row[2], "status": row[3],
                        "published_at": row[4], "summary": json.loads(row[5]) if row[5] else {}})
        return out


# --- stages ---------------------------------------------------------------------------------

def crawl_stage(config: Config, profiles: list, run_id: str) -> dict:
    """Crawl ``profiles`` into the raw store; return :func:`crawler.run.crawl`'s statistics.

    With ``crawl.redis_url`` set the crawl uses the shared scrapy-redis scheduler
    (:mod:`crawler.distributed`), so crawler processes on other machines share the work.

    :param config: the effective configuration.
    :param profiles: the portal profiles to crawl.
    :param run_id: the nightly run id; each portal's crawl run is ``<run_id>-<portal>``.
    :raises NightlyError: the crawler could not run at all.
    """
    from crawler.distributed import redis_settings
    from crawler.run import CrawlError, crawl

    crawl_conf = config["crawl"]
    settings = {
        "DOWNLOAD_DELAY": crawl_conf["download_delay"],
        "AUTOTHROTTLE_ENABLED": crawl_conf["autothrottle"],
        "CONCURRENT_REQUESTS_PER_DOMAIN": crawl_conf["concurrent_requests_per_domain"],
        "ROBOTSTXT_OBEY": crawl_conf["obey_robots_txt"],
        "USER_AGENT": crawl_conf["user_agent"],
    }
    polite = crawl_conf["polite"]
    if not polite:
        settings = {"ROBOTSTXT_OBEY": crawl_conf["obey_robots_txt"], "USER_AGENT": crawl_conf["user_agent"]}
    if crawl_conf["redis_url"]:
        from crawler.distributed import DEFAULT_JOB, clear_job

        # last night's queue and fingerprints would hide tonight's requests; crawler
        # processes on other machines join the same job once this one has started
        clear_job(crawl_conf["redis_url"], DEFAULT_JOB)
        settings.update(redis_settings(crawl_conf["redis_url"], job=DEFAULT_JOB))
    try:
        return crawl(profiles, config.path("store"), polite=polite, settings=settings,
                     log_level="WARNING", run_id=run_id, processes=crawl_conf["processes"],
                     timeout=crawl_conf["timeout"] or None)
    except CrawlError as exc:
        raise NightlyError(f"the crawl failed: {exc}") from None


def extractor_version() -> str:
    """The version of the installed extractor; records of another version are redone."""
    from extract import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION


def open_records(config: Config) -> RecordStore:
    """The record store of the configured raw store, for this extractor and these settings.

    :param config: the effective configuration (``extract.ocr``, ``paths.store``).
    """
    from extract.api import output_settings

    return RecordStore.beside(config.path("store"), extractor_version(), output_settings(config["extract"]["ocr"]))


def extract_stage(config: Config, store: RawStore, records: RecordStore):
    """Run the extraction stage with the configured workers, limits and queue.

    :return: :class:`ogi.extraction.StageStats`.
    :raises NoWorkers: Redis mode and no ``ogi worker`` took the jobs.
    """
    from ogi.extraction import run_extraction

    conf = config["extract"]
    return run_extraction(store, records, ocr=conf["ocr"], workers=config.extract_workers,
                          timeout=conf["timeout"], function=conf["function"], redis_url=conf["redis_url"])


def _is_failure(record: dict | None) -> bool:
    error = (record or {}).get("error")
    return bool(error) and not str(error).startswith("not an annual report")


def failed_documents(store: RawStore, records: RecordStore, since_fetch: int, summary: Summary) -> int:
    """Fill the summary's failed documents: files fetched after ``since_fetch`` whose
    extraction failed (a file that is not an annual report is not a failure).

    ``since_fetch`` is the last fetch of the last published run, so a run after a crash
    also reports what the crashed run never published.

    :param store: the raw store.
    :param records: the extraction records.
    :param since_fetch: the ``fetches.id`` watermark.
    :param summary: filled in place.
    :return: the highest fetch id looked at (the next watermark).
    """
    watermark = since_fetch
    seen: set[str] = set()
    for stored in store.fetches_since(since_fetch):
        watermark = max(watermark, stored.fetch_id)
        if stored.sha256 in seen:
            continue
        seen.add(stored.sha256)
        summary.documents_fetched += 1
        record = records.get(stored.sha256)
        if record is None:
            summary.failed_documents.append({"url": stored.url, "sha256": stored.sha256, "portal": stored.portal,
                                             "reason": "not extracted (its stored file could not be read)"})
        elif _is_failure(record):
            summary.failed_documents.append({"url": stored.url, "sha256": stored.sha256, "portal": stored.portal,
                                             "reason": record["error"]})
    return watermark


def report_changes(db, store: RawStore, since_fetch: int, summary: Summary) -> None:
    """Fill the summary's new and changed reports and their rule breaches from the archive.

    A report is *new* when every one of its documents was first fetched after
    ``since_fetch``, and *changed* when it had a document before and got another since.

    :param db: the work archive (``sqlite_utils.Database``) after the build.
    :param store: the raw store.
    :param since_fetch: the ``fetches.id`` watermark of the last published run.
    :param summary: filled in place.
    """
    fresh = {stored.sha256 for stored in store.fetches_since(since_fetch)}
    if not fresh:
        return
    documents: dict[int, list[str]] = {}
    for report_id, sha256 in db.conn.execute(
            "SELECT report_id, sha256 FROM documents WHERE report_id IS NOT NULL ORDER BY report_id, id"):
        documents.setdefault(report_id, []).append(sha256)

    def fetched_before(sha256: str) -> bool:
        return sha256 not in fresh or (store.first_fetch_id(sha256) or since_fetch + 1) <= since_fetch

    for report_id, shas in documents.items():
        if not any(sha in fresh for sha in shas):
            continue
        existed = any(fetched_before(sha) for sha in shas)
        row = db.conn.execute(
            "SELECT reports.url, reports.title, bodies.name, reports.year FROM reports "
            "JOIN bodies ON bodies.id = reports.body_id WHERE reports.id = ?", (report_id,)).fetchone()
        if row is None:
            continue
        entry = {"url": row[0], "title": row[1], "body": row[2], "year": row[3]}
        (summary.changed_reports if existed else summary.new_reports).append(entry)
        for rule, detail in db.conn.execute("SELECT rule, detail FROM findings WHERE report_id = ? ORDER BY id",
                                            (report_id,)):
            summary.rule_breaches.append({"url": row[0], "title": row[1], "rule": rule, "detail": detail})


def crawl_outcome(store: RawStore, run_id: str, portals: list[str], summary: Summary) -> None:
    """Fill the summary's failed portals and failed fetches from the store's run rows.

    A portal failed when its crawl stored nothing and got no answer or only failures,
    or when its crawler left no finished run record at all.

    :param store: the raw store.
    :param run_id: the nightly run id; the portals' crawl runs are ``<run_id>-<portal>``.
    :param portals: the portal names crawled.
    :param summary: filled in place.
    """
    wanted = {f"{run_id}-{portal}": portal for portal in portals}
    runs = {wanted[run["id"]]: run for run in store.runs() if run["id"] in wanted}
    run_ids = {run["id"] for run in runs.values()}
    summary.crawl_run_ids = sorted(run_ids)
    failures = [f for f in store.failures() if f.get("run_id") in run_ids]
    summary.crawl_failures = [{"url": f["url"], "portal": f.get("portal"), "status": f.get("status"),
                               "reason": f["reason"]} for f in failures]
    for portal in portals:
        run = runs.get(portal)
        if run is None or not run.get("finished_at"):
            summary.failed_portals.append({"portal": portal, "reason": "the crawler process for this portal "
                                           "ended without finishing its run"})
            continue
        stats = run.get("stats") or {}
        if str(stats.get("finish_reason") or "").startswith("ogi_limit_"):
            summary.notes.append(f"portal {portal}: the crawl stopped at a limit ({stats['finish_reason']}); "
                                 "nothing was marked removed, the reasons are among the failed fetches")
        stored = sum(int(stats.get(k, 0) or 0) for k in ("new", "changed", "unchanged", "not_modified"))
        portal_failures = [f for f in failures if f.get("portal") == portal]
        if stored == 0 and (portal_failures or not stats.get("responses")):
            reason = portal_failures[0]["reason"] if portal_failures else "no response from the portal"
            summary.failed_portals.append({"portal": portal, "reason": reason})


def home_page_answers(url: str, user_agent: str, timeout: float = 20.0) -> bool:
    """Whether the home page of ``url``'s site answers (one polite GET of ``scheme://host/``):
    a start URL that answers 404 while the home page answers is a *moved* column.

    :param url: the URL that answered 404.
    :param user_agent: the crawler's User-Agent.
    """
    import urllib.error
    import urllib.request
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return False
    request = urllib.request.Request(f"{parts.scheme}://{parts.netloc}/", headers={"User-Agent": user_agent})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return 200 <= response.status < 400
    except (urllib.error.URLError, OSError, ValueError):
        return False


def source_health(store: RawStore, portals: list[str], summary: Summary, extra_profiles: list | None = None,
                  user_agent: str = "ogi-archive") -> None:
    """Fill the summary's source health for the portals crawled in this run.

    A portal whose start URL answered 404 or 410 gets one GET of its site's home page
    (:func:`home_page_answers`): if that answers, the column has *moved*.

    :param store: the raw store (its ``runs`` and ``failures`` rows).
    :param portals: the portal names crawled.
    :param summary: filled in place.
    :param extra_profiles: profiles crawled besides the shipped ones (their start URLs).
    :param user_agent: the crawler's User-Agent, for the home-page check.
    """
    from crawler.health import assess_all
    from crawler.profiles import load_profiles

    try:
        profiles = load_profiles()
    except Exception:  # noqa: BLE001 - health then goes without start URLs
        profiles = {}
    profiles = {**profiles, **{p.name: p for p in (extra_profiles or [])}}
    failures = store.failures()
    home_answers = {}
    run_ids = set(summary.crawl_run_ids)
    for failure in failures:  # only a start URL that is gone can mean the column moved
        portal = failure.get("portal")
        starts = getattr(profiles.get(portal), "start_urls", ()) or ()
        if portal in portals and portal not in home_answers and failure.get("run_id") in run_ids \
                and failure.get("status") in (404, 410) and failure["url"] in starts:
            home_answers[portal] = home_page_answers(failure["url"], user_agent)
    for health in assess_all(store.runs(), failures, profiles, home_answers=home_answers):
        if health.portal in portals:
            summary.source_health.append({"portal": health.portal, "state": health.state, "reason": health.reason,
                                          "changed": health.changed, "previous_state": health.previous_state})


def judge(config: Config, summary: Summary) -> None:
    """Set ``summary.status`` to ``failed`` when failures pass the configured thresholds.

    :param config: the effective configuration.
    :param summary: judged in place.
    """
    conf = config["nightly"]
    documents = summary.documents_fetched
    failed = len(summary.failed_documents)
    if failed > conf["max_failed_documents"]:
        summary.problems.append(f"{failed} documents failed (more than max_failed_documents = "
                                f"{conf['max_failed_documents']})")
    elif documents and failed / documents > conf["max_failed_ratio"] and failed > 1:
        summary.problems.append(f"{failed} of {documents} documents failed (more than max_failed_ratio = "
                                f"{conf['max_failed_ratio']})")
    if len(summary.failed_portals) > conf["max_failed_portals"]:
        summary.problems.append(f"{len(summary.failed_portals)} portals failed (more than max_failed_portals = "
                                f"{conf['max_failed_portals']})")
    summary.status = "failed" if summary.problems else "ok"


def update_archive(config: Config, store: RawStore, records: RecordStore, portals: list | None = None) -> Path:
    """Bring the work archive (``WORK/archive.db``) up to date with the store and the records.

    :func:`archive.build.build_archive` commits in batches and skips what it already
    holds, so a build killed half way is finished by the next run without duplicates. It
    files the records; it never extracts.

    :param config: the effective configuration.
    :param store: the raw store.
    :param records: the extraction records.
    :param portals: portal profiles for the coverage table (default: the shipped ones).
    :return: the work archive's path.
    """
    from archive.build import build_archive, open_archive
    from ogi.publish import PublishError, check_sqlite

    work_db = config.path("work_dir") / ARCHIVE_NAME
    if work_db.exists():
        try:
            check_sqlite(work_db)
        except PublishError as exc:  # rebuilt from the store and the records
            log.warning("work archive unusable (%s); rebuilding it", exc)
            for extra in ("", "-wal", "-shm", "-journal"):
                Path(f"{work_db}{extra}").unlink(missing_ok=True)
    db = open_archive(work_db)
    try:
        with progress.step("archiving", 1) as bar:
            stats = build_archive(db, store, records, portals=portals)
            bar.advance()
    finally:
        db.close()
    log.info("archive: %d reports, %d documents, %d figures", stats.reports, stats.documents,
             stats.figures, extra={"build": {k: v for k, v in stats.as_dict().items() if k != "errors"}})
    return work_db


def publish_archive(config: Config, work_db: Path, summaries: list[tuple[Summary | dict, str]],
                    removed_urls=(), summary: Summary | None = None) -> Path:
    """Publish a snapshot of the work archive with the nightly runs' rows, atomically, and
    the archived originals beside it (``archive-originals/``, :func:`archive.serve.publish_originals`).

    The snapshot is taken with SQLite's backup API into a temporary file, the rows of
    ``crawl_runs`` for the nightly runs are written into it, and the file replaces the
    published one with ``os.replace``. The metadata is written beside it the same way.

    :param config: the effective configuration.
    :param work_db: the work archive.
    :param summaries: ``(summary, published_at)`` of every published run, this one included.
    :param removed_urls: URLs the raw store marks removed from their portal: reports lost
        with them are explained (:class:`ogi.publish.LossGuard`).
    :param summary: this run's summary, given the comparison with the published archive.
    :return: the published database.
    :raises ogi.publish.PublishRefused: the archive lost reports or figures that no
        removal, superseded file or newer extractor explains; the old site stays.
    """
    from ogi.publish import LossGuard

    import sqlite3

    target = config.path("publish_dir") / ARCHIVE_NAME

    def build(tmp: Path) -> None:
        source = sqlite3.connect(f"file:{work_db}?mode=ro", uri=True)
        copy = sqlite3.connect(tmp)
        try:
            source.backup(copy)
            for summary, published_at in summaries:
                write_run_row(copy, summary, published_at)
            copy.commit()
            copy.execute("PRAGMA journal_mode=DELETE")
        finally:
            copy.close()
            source.close()

    guard = LossGuard(removed_urls)
    try:
        publish_file(target, build, guard=guard)
    finally:
        if summary is not None and guard.comparison is not None:
            summary.publish_changes = guard.comparison.as_dict()
    write_metadata(config.path("publish_dir"))
    from archive.serve import publish_originals

    # the archived originals beside the .db, so the site stays a record when portals delete
    copied = publish_originals(target, config.path("store"))
    log.info("originals: %d copied, %d already published, %d missing from the store", copied["copied"],
             copied["present"], copied["missing"])
    return target


def write_run_row(conn, summary: Summary | dict, published_at: str | None) -> None:
    """Store a nightly summary as a row of ``crawl_runs`` (id = the nightly run id).

    The crawler's own per-portal rows stay as they are; the summary lists their ids.

    :param conn: a ``sqlite3`` connection to an archive.
    :param summary: the run's summary (or its dict form).
    :param published_at: when the archive was published.
    """
    data = summary.to_dict() if isinstance(summary, Summary) else summary
    stats = {"portals": len(data["portals"]), "failed_portals": len(data["failed_portals"]),
             "new_reports": len(data["new_reports"]), "changed_reports": len(data["changed_reports"]),
             "documents_extracted": data["documents_extracted"],
             "failed_documents": len(data["failed_documents"]), "rule_breaches": len(data["rule_breaches"]),
             "crawl_run_ids": data.get("crawl_run_ids", [])}
    conn.execute(
        "INSERT OR REPLACE INTO crawl_runs (id, portal, started_at, finished_at, stats, failures, "
        "nightly_status, nightly_summary, published_at) VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?)",
        (data["run_id"], data["started_at"], data["finished_at"], json.dumps(stats, ensure_ascii=False),
         len(data["crawl_failures"]), data["status"], json.dumps(data, ensure_ascii=False), published_at))


def write_metadata(publish_dir: Path) -> Path:
    """Write the archive's Datasette metadata beside the published database (atomically).

    :param publish_dir: the publish directory.
    """
    from archive.metadata import write_metadata as write_archive_metadata

    return publish_file(publish_dir / METADATA_NAME,
                        lambda tmp: write_archive_metadata(tmp, database=Path(ARCHIVE_NAME).stem), check=None)


def demo_config(config: Config) -> Config:
    """The configuration for ``--demo``: data under ``DATA_DIR/demo``, crawled without delays
    (the demo portal runs on 127.0.0.1).

    Paths given relative to ``{data_dir}`` follow it into ``demo/``; a path set on its
    own is replaced by a file or folder of the same name there, so a demo never writes
    into a real store, archive or site.

    :param config: the effective configuration.
    """
    values = json.loads(json.dumps(config.values))
    demo_dir = config.path("data_dir") / "demo"
    paths = values["paths"]
    for key in ("store", "work_dir", "publish_dir", "log_file", "lock_file"):
        if "{data_dir}" not in paths[key]:
            paths[key] = str(demo_dir / Path(paths[key]).name)
    paths["data_dir"] = str(demo_dir)
    values["crawl"]["polite"] = False
    return Config(values, dict(config.sources))


def new_run_id() -> str:
    """A run id that sorts by time: ``20250201T030000Z-1a2b3c``."""
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()) + "-" + uuid.uuid4().hex[:6]


def _profiles(config: Config, demo_server=None) -> list:
    if demo_server is not None:
        from demo.portal import demo_profiles

        return [p for p in demo_profiles(demo_server) if config.portal_enabled(p.name)]
    from crawler.profiles import load_profiles

    return [p for p in load_profiles().values() if config.portal_enabled(p.name)]


def run_nightly(config: Config, demo: bool = False, crawl: bool = True,
                extra_profiles: list | None = None) -> Summary:
    """Run the whole nightly job once, under the run lock; return its summary.

    :param config: the effective configuration.
    :param demo: crawl only the embedded demo portal (started on 127.0.0.1 for the run)
        and keep everything under ``DATA_DIR/demo``.
    :param crawl: ``False`` skips the crawl and works on what the store holds.
    :param extra_profiles: more portal profiles to crawl (one-off portals, tests).
    :raises ogi.lock.LockHeld: another run holds the lock; nothing was done.
    :raises NightlyError: the archive could not be built or published; the published
        archive is the previous one.
    """
    if demo:
        config = demo_config(config)
    config.apply_limits()
    progress.setup_logging(config.path("log_file"))
    with RunLock(config.path("lock_file")):
        summary = Summary(run_id=new_run_id(), started_at=utcnow(), demo=demo)
        log.info("nightly run %s started", summary.run_id, extra={"run_id": summary.run_id})
        work_dir = config.path("work_dir")
        state, store, records = _open_state(config, work_dir, summary)
        try:
            state.save(summary)
            since = state.last_watermark()
            if since > store.last_fetch_id():
                summary.notes.append(f"the raw store holds fewer fetches ({store.last_fetch_id()}) than the last "
                                     f"published run saw ({since}): it was replaced, so every stored report counts "
                                     "as new in this summary")
                since = 0
            try:
                profiles = _crawl(config, demo, summary, extra_profiles, store) if crawl else []
                stage = extract_stage(config, store, records)
            except NoWorkers as exc:
                summary.problems.append(str(exc))
                raise NightlyError(str(exc)) from None
            except (OSError, sqlite3.Error) as exc:  # disk full, a store that cannot be written
                _fail(summary, state, f"stopped before archiving: {type(exc).__name__}: {exc}")
            summary.documents_reused, summary.documents_extracted = stage.reused, stage.extracted
            watermark = failed_documents(store, records, since, summary)
            try:
                work_db = update_archive(config, store, records, portals=profiles or None)
                from archive.build import open_archive

                db = open_archive(work_db)
                try:
                    report_changes(db, store, since, summary)
                finally:
                    db.close()
                judge(config, summary)
                summary.finished_at = utcnow()
                summary.published = str(config.path("publish_dir") / ARCHIVE_NAME)
                published_at = utcnow()
                earlier = [(r["summary"], r["published_at"]) for r in state.runs()
                           if r["published_at"] and r["summary"] and r["id"] != summary.run_id]
                removed = [u["url"] for u in store.urls() if u.get("removed_at")]
                publish_archive(config, work_db, earlier + [(summary, published_at)], removed, summary)
            except Exception as exc:
                summary.published = None
                log.exception("archive not published")
                _fail(summary, state, f"archive not published: {type(exc).__name__}: {exc}")
            state.save(summary, published_at=published_at, watermark=watermark)
            log.info("nightly run %s finished: %s", summary.run_id, summary.status,
                     extra={"run_id": summary.run_id, "summary": summary.to_dict()})
            return summary
        except KeyboardInterrupt:
            kept = len(records)
            summary.status, summary.finished_at = "interrupted", utcnow()
            message = (f"interrupted: the store and {kept} extraction records are kept, the published site is "
                       "unchanged; run `ogi nightly` again to resume where this run stopped")
            summary.problems.append(message)
            state.save(summary)
            raise Interrupted(message) from None
        finally:
            store.close()
            records.close()
            state.close()


def _open_state(config: Config, work_dir: Path, summary: Summary):
    """The run's state file, raw store and record store, or a :class:`NightlyError` saying which
    cannot be opened. A damaged state or records file is set aside and rebuilt (noted)."""
    try:
        state = RunState(work_dir / "nightly.db")
    except (OSError, sqlite3.Error) as exc:
        raise NightlyError(f"cannot open the run state in {work_dir}: {exc}") from None
    if state.set_aside:
        summary.notes.append(f"the run state was damaged and set aside as {state.set_aside.name}; "
                             "this summary covers everything stored")
    try:
        store = RawStore(config.path("store"))
    except (OSError, sqlite3.Error) as exc:
        state.close()
        raise NightlyError(f"the raw store {config.path('store')} cannot be opened ({exc}); nothing was "
                           "published. Its objects and WARC files are untouched; restore store.db from a "
                           "backup or move it aside to start a new index") from None
    try:
        records = open_records(config)
    except (OSError, sqlite3.Error) as exc:
        store.close()
        state.close()
        raise NightlyError(f"cannot open the extraction records: {exc}") from None
    if records.set_aside:
        summary.notes.append(f"the extraction records were damaged and set aside as {records.set_aside.name}; "
                             "every document was extracted again")
    return state, store, records


def _fail(summary: Summary, state: RunState, problem: str) -> None:
    """Record a failure that stops the run in its summary and state, then raise it."""
    summary.status = "failed"
    summary.problems.append(problem)
    summary.finished_at = utcnow()
    state.save(summary)
    raise NightlyError(problem)


def _crawl(config: Config, demo: bool, summary: Summary, extra_profiles: list | None, store: RawStore) -> list:
    server = None
    try:
        if demo:
            from demo.portal import start_demo_portal

            server, _ = start_demo_portal(port=0)
        profiles = _profiles(config, server) + list(extra_profiles or [])
        summary.portals = [p.name for p in profiles]
        if not profiles:
            log.warning("no portal enabled; nothing to crawl")
            return []
        try:
            crawl_stage(config, profiles, summary.run_id)
        except NightlyError as exc:
            log.error("%s", exc)
            summary.problems.append(str(exc))
        crawl_outcome(store, summary.run_id, summary.portals, summary)
        source_health(store, summary.portals, summary, profiles, config["crawl"]["user_agent"])
        return profiles
    finally:
        if server is not None:
            server.shutdown()


def serve_site(config: Config, demo: bool = False) -> None:
    """Serve the published archive with Datasette (immutable, 127.0.0.1) until interrupted.

    :param config: the effective configuration (``serve.port``).
    :param demo: serve the demo's archive.
    :raises NightlyError: nothing is published yet.
    """
    from archive.serve import ServeError, serve

    if demo:
        config = demo_config(config)
    database = config.path("publish_dir") / ARCHIVE_NAME
    log.info("serving http://127.0.0.1:%s/ (Ctrl-C to stop)", config["serve"]["port"])
    try:
        serve(database, port=config["serve"]["port"], metadata_dir=config.path("work_dir"))
    except ServeError as exc:
        raise NightlyError(f"{exc}; run `ogi nightly` first") from None
