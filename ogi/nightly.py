"""The nightly job: crawl → extract new and changed documents → archive → publish.

:func:`run_nightly` is what ``ogi nightly`` calls. It holds the run lock for the whole
run, and every step can be killed at any moment:

* the crawl writes only to the raw store (content-addressed files, SQLite WAL);
* each extraction record is committed to ``WORK/records.db`` (keyed by sha256 and
  extractor version) as it arrives, so a rerun extracts only what is missing;
* the archive is built into a temporary file and swapped in by :mod:`ogi.publish`,
  so the published database is always a complete build.

A document that cannot be extracted, a portal that cannot be reached and a figure that
breaks a rule are recorded and reported in the :class:`Summary`; they never stop the
run. The run fails (``Summary.ok`` is false, exit status 1) only when failures pass the
thresholds of the ``[nightly]`` configuration section.
"""
from __future__ import annotations

import json
import logging
import multiprocessing
import os
import sqlite3
import time
import traceback
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from crawler.store import RawStore, utcnow
from ogi import progress
from ogi.config import Config
from ogi.lock import RunLock
from ogi.publish import publish_bytes, publish_file
from ogi.workqueue import DEFAULT_EXTRACTOR, Job, ProcessPoolRunner, RedisQueueRunner

log = logging.getLogger("ogi.nightly")

#: the published database's file name inside the publish directory
ARCHIVE_NAME = "archive.db"
#: the Datasette metadata file written beside it
METADATA_NAME = "metadata.json"


class NightlyError(RuntimeError):
    """A step failed in a way that leaves nothing to publish (the lock is released)."""


# --- extraction records -----------------------------------------------------------------

class RecordStore:
    """Extraction records by ``(sha256, extractor_version)``, committed one by one.

    The nightly process is its only writer; extraction workers never touch it.

    :param path: the SQLite file (created if missing).
    """

    def __init__(self, path: str | os.PathLike):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, timeout=60, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("""CREATE TABLE IF NOT EXISTS records (
            sha256 TEXT NOT NULL, extractor_version TEXT NOT NULL, extracted_at TEXT NOT NULL,
            source TEXT, error TEXT, record TEXT NOT NULL,
            PRIMARY KEY (sha256, extractor_version))""")

    def close(self) -> None:
        self.db.close()

    def known(self, version: str) -> set[str]:
        """The sha256 of every document that has a record for ``version``.

        :param version: the extractor version.
        """
        return {r[0] for r in self.db.execute(
            "SELECT sha256 FROM records WHERE extractor_version = ?", (version,))}

    def put(self, record: dict, version: str) -> None:
        """Store (or replace) one record.

        :param record: an extraction record; ``sha256`` is its key.
        :param version: the extractor version that made it.
        """
        self.db.execute(
            "INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?, ?)",
            (record["sha256"], version, utcnow(), record.get("source"), record.get("error"),
             json.dumps(record, ensure_ascii=False, default=str)))

    def get(self, sha256: str, version: str) -> dict | None:
        """The record of one document, or ``None``.

        :param sha256: the document's sha256.
        :param version: the extractor version.
        """
        row = self.db.execute("SELECT record FROM records WHERE sha256 = ? AND extractor_version = ?",
                              (sha256, version)).fetchone()
        return json.loads(row[0]) if row else None

    def records(self, version: str) -> Iterable[dict]:
        """Every record of ``version``, in sha256 order.

        :param version: the extractor version.
        """
        for (text,) in self.db.execute(
                "SELECT record FROM records WHERE extractor_version = ? ORDER BY sha256", (version,)):
            yield json.loads(text)


# --- the summary ---------------------------------------------------------------------------

@dataclass
class Summary:
    """What one nightly run did; printed at the end and stored in the archive."""

    run_id: str
    started_at: str
    finished_at: str | None = None
    demo: bool = False
    portals: list[str] = field(default_factory=list)
    #: portals that could not be crawled: ``{"portal", "reason"}``
    failed_portals: list[dict] = field(default_factory=list)
    #: report URLs first fetched since the last published run: ``{"url", "portal", "title"}``
    new_reports: list[dict] = field(default_factory=list)
    #: report URLs whose bytes changed since the last published run
    changed_reports: list[dict] = field(default_factory=list)
    #: fetches that failed: ``{"url", "portal", "status", "reason"}``
    crawl_failures: list[dict] = field(default_factory=list)
    documents_extracted: int = 0
    documents_reused: int = 0
    #: documents whose extraction failed in this run: ``{"url", "sha256", "reason"}``
    failed_documents: list[dict] = field(default_factory=list)
    #: figures that break a consistency rule: ``{"url", "rule", "detail"}``
    rule_breaches: list[dict] = field(default_factory=list)
    published: str | None = None
    status: str = "running"
    #: why the run counts as failed
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

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
        lines += section("new reports", self.new_reports, lambda i: f"{i.get('title') or ''} {i['url']}".strip())
        lines += section("changed reports", self.changed_reports,
                         lambda i: f"{i.get('title') or ''} {i['url']}".strip())
        lines.append(f"documents extracted: {self.documents_extracted} "
                     f"(unchanged, reused: {self.documents_reused})")
        lines += section("failed documents", self.failed_documents, lambda i: f"{i['url']}: {i['reason']}")
        lines += section("failed fetches", self.crawl_failures,
                         lambda i: f"{i['url']}: {i.get('status') or ''} {i['reason']}".replace("  ", " "))
        lines += section("figures breaking rules", self.rule_breaches,
                         lambda i: f"{i['url']}: {i['rule']} {i.get('detail') or ''}".strip())
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
        self.db = sqlite3.connect(path, timeout=60, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("""CREATE TABLE IF NOT EXISTS nightly_runs (
            id TEXT PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT, status TEXT,
            published_at TEXT, summary TEXT)""")

    def close(self) -> None:
        self.db.close()

    def last_published(self) -> str | None:
        """When the last successfully published run started (its crawl watermark)."""
        row = self.db.execute("SELECT max(started_at) FROM nightly_runs WHERE published_at IS NOT NULL").fetchone()
        return row[0]

    def save(self, summary: Summary, published_at: str | None = None) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO nightly_runs VALUES (?, ?, ?, ?, ?, ?)",
            (summary.run_id, summary.started_at, summary.finished_at, summary.status, published_at,
             json.dumps(summary.to_dict(), ensure_ascii=False)))

    def runs(self) -> list[dict]:
        """Every run, oldest first, with its summary decoded."""
        out = []
        for row in self.db.execute("SELECT id, started_at, finished_at, status, published_at, summary "
                                   "FROM nightly_runs ORDER BY started_at"):
            out.append({"id": row[0], "started_at": row[1], "finished_at": row[2], "status": row[3],
                        "published_at": row[4], "summary": json.loads(row[5]) if row[5] else {}})
        return out


# --- stages ---------------------------------------------------------------------------------

def _crawl_child(kwargs: dict, result_path: str) -> None:
    """Runs in a spawned process: one Scrapy crawl (a reactor cannot restart in-process)."""
    from crawler.run import crawl

    try:
        stats = crawl(**kwargs)
        Path(result_path).write_text(json.dumps({"stats": stats}, default=str), encoding="utf-8")
    except BaseException as exc:  # reported to the parent, which decides
        Path(result_path).write_text(json.dumps({"error": f"{type(exc).__name__}: {exc}",
                                                 "traceback": traceback.format_exc()}), encoding="utf-8")
        raise SystemExit(1)


def crawl_stage(config: Config, profiles: list, run_id: str, politeness: dict | None = None) -> dict:
    """Crawl ``profiles`` into the raw store in a child process; return the crawler's stats.

    With ``crawl.redis_url`` set the crawl uses the shared scrapy-redis scheduler
    (:mod:`crawler.distributed`), so crawler processes on other machines share the work.

    :param config: the effective configuration.
    :param profiles: the portal profiles to crawl.
    :param run_id: the nightly run id; the crawler's run ids start with it.
    :param politeness: Scrapy settings overriding the configured politeness.
    :raises NightlyError: the crawler could not run at all.
    """
    from crawler.distributed import redis_settings

    crawl_conf = config["crawl"]
    settings = {
        "DOWNLOAD_DELAY": crawl_conf["download_delay"],
        "CONCURRENT_REQUESTS_PER_DOMAIN": crawl_conf["concurrent_requests_per_domain"],
        "ROBOTSTXT_OBEY": crawl_conf["obey_robots_txt"],
        "USER_AGENT": crawl_conf["user_agent"],
    }
    settings.update(politeness or {})
    if crawl_conf["redis_url"]:
        settings.update(redis_settings(crawl_conf["redis_url"], job=f"ogi-{run_id}"))
    kwargs = {"profiles": profiles, "store": str(config.path("store")), "run_id": run_id,
              "settings": settings}
    result_path = config.path("work_dir") / f"crawl-{run_id}.json"
    result_path.parent.mkdir(parents=True, exist_ok=True)
    child = multiprocessing.get_context("spawn").Process(target=_crawl_child, args=(kwargs, str(result_path)))
    child.start()
    child.join()
    try:
        result = json.loads(result_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        result = {"error": f"the crawler process exited with status {child.exitcode} and no result"}
    finally:
        result_path.unlink(missing_ok=True)
    if "error" in result:
        log.error("crawl failed: %s", result["error"], extra={"traceback": result.get("traceback")})
        raise NightlyError(f"the crawl failed: {result['error']}")
    return result["stats"]
