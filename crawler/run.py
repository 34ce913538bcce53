"""Run crawls: :func:`crawl` is what ``ogi crawl`` and the nightly job call.

Crawls run in child processes (a Twisted reactor cannot be restarted in one process):
the portals are split into ``processes`` groups and each group is crawled concurrently
by one ``CrawlerProcess`` (one crawler per portal, each with its own run id and JOBDIR).
Results come back through the raw store: each crawler writes its run row there.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from crawler.profiles import PortalProfile, get_profile, profile_for_url
from store import RawStore, utcnow

#: settings that switch politeness off (tests, benchmarks on loopback; never on real portals)
IMPOLITE = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "OGI_RETRY_BACKOFF_BASE": 0.1,
}
#: counters summed over portals in the returned totals
TOTALS = ("requests", "bytes", "new", "changed", "unchanged", "not_modified", "failed", "reports_listed",
          "pages_downloaded", "attachments_downloaded")


class CrawlError(RuntimeError):
    """A crawl could not run (bad profile, crawler process died without a run record)."""


def default_store() -> str:
    """The store used when none is given: the configuration's ``paths.store``
    (``$OGI_STORE``, ``$OGI_PATHS_STORE``, ``$OGI_DATA_DIR/store``, ``ogi.toml``, or
    ``~/.local/share/ogi/store``)."""
    from ogi.config import load_config

    return str(load_config().path("store"))


def _profiles(portals, url) -> list[PortalProfile]:
    out = []
    for portal in portals or []:
        out.append(portal if isinstance(portal, PortalProfile) else get_profile(portal))
    if url:
        out.append(profile_for_url(url))
    if not out:
        raise CrawlError("nothing to crawl: give portal names or a URL")
    return out


def crawl(portals=None, store_dir: str | os.PathLike | None = None, *, url: str | None = None,
          polite: bool = True, settings: dict | None = None, job_dir: str | os.PathLike | None = None,
          processes: int = 1, timeout: float | None = None, log_level: str = "INFO",
          run_id: str | None = None, profiles=None, store: str | os.PathLike | None = None) -> dict:
    """Crawl portals into a raw store and return the run statistics.

    :param portals: portal names (profiles in ``crawler/portals``) or :class:`PortalProfile` objects
    :param store_dir: the raw store directory (default :func:`default_store`)
    :param url: also crawl this URL (a column or home page) with no profile, detecting its CMS
    :param polite: False switches off the delay and AutoThrottle (loopback tests and benchmarks only)
    :param settings: extra Scrapy settings
    :param job_dir: keep each portal's crawl state in ``job_dir/<portal>`` (JOBDIR) so a killed
        run resumes where it stopped
    :param processes: how many crawler processes to spread the portals over
    :param timeout: seconds before a crawler process is killed
    :param log_level: Scrapy log level; logs go to ``store_dir/logs``
    :param run_id: prefix of the run ids (each portal's run is ``<run_id>-<portal>``)
    :param profiles: same as ``portals`` (alias)
    :param store: same as ``store_dir`` (alias)
    :return: ``{"started_at", "portals": {name: stats}, "totals": {...}, "warnings": [...]}``
    """
    profiles = _profiles(list(portals or []) + list(profiles or []), url)
    store_dir = Path(store_dir or store or default_store())
    RawStore(store_dir).close()  # create it (and fail early when it cannot be)
    logs = store_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    started = utcnow()
    stamp = run_id or started.replace(":", "").replace("+00:00", "Z")
    env = dict(os.environ, SCRAPY_SETTINGS_MODULE="crawler.settings")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(__file__).resolve().parent.parent),
                                                     env.get("PYTHONPATH")]))
    groups = [profiles[i::max(1, processes)] for i in range(min(len(profiles), max(1, processes)))]
    running = []
    for group in groups:
        spec = {"settings": {"OGI_STORE": str(store_dir.resolve()), "LOG_LEVEL": log_level,
                             **(IMPOLITE if not polite else {}), **(settings or {})},
                "crawls": []}
        for profile in group:
            per_portal = {"OGI_RUN_ID": f"{stamp}-{profile.name}"}
            if job_dir:
                per_portal["JOBDIR"] = str(Path(job_dir, profile.name).resolve())
            spec["crawls"].append({"profile": profile.to_json(), "settings": per_portal})
        name = "+".join(p.name for p in group) if len(group) <= 3 else f"{group[0].name}+{len(group) - 1}"
        log_path = logs / f"{stamp}-{name}.log"
        log = open(log_path, "wb")
        proc = subprocess.Popen([sys.executable, "-m", "crawler.run", json.dumps(spec)], env=env,
                                stdout=log, stderr=subprocess.STDOUT, preexec_fn=_end_with_parent)
        running.append((group, proc, log, log_path))
    outcomes: dict[str, tuple[int, Path]] = {}
    for group, proc, log, log_path in running:
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        for profile in group:
            outcomes[profile.name] = (proc.returncode, log_path)
    result = _collect(store_dir, profiles, started, outcomes, stamp)
    if job_dir:  # a finished crawl's state must not leak into the next run
        for name, stats in result["portals"].items():
            if stats.get("finish_reason") == "finished":
                shutil.rmtree(Path(job_dir, name), ignore_errors=True)
    return result


def _end_with_parent() -> None:
    """In a crawler child: get SIGTERM (Scrapy's graceful stop) when the parent dies, so a
    killed ``ogi nightly`` or ``ogi crawl`` leaves no crawler running (Linux; elsewhere a no-op)."""
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _collect(store_dir: Path, profiles, started: str, outcomes: dict, stamp: str) -> dict:
    store = RawStore(store_dir)
    try:
        by_portal: dict[str, dict] = {}
        warnings: list[str] = []
        for profile in profiles:
            rows = [r for r in store.runs() if r["portal"] == profile.name and r["finished_at"]
                    and r["finished_at"] >= started]
            exit_code, log = outcomes[profile.name]
            if not rows:
                tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
                raise CrawlError(f"crawl of {profile.name} ended (exit {exit_code}) "
                                 f"without a run record; log {log}:\n{tail}")
            stats = dict(rows[-1]["stats"], run_id=rows[-1]["id"], exit_code=exit_code)
            by_portal[profile.name] = stats
            warnings.extend(stats.get("warnings", []))
        totals = {key: sum(s.get(key, 0) for s in by_portal.values()) for key in TOTALS}
        return {"started_at": started, "portals": by_portal, "totals": totals, "warnings": warnings}
    finally:
        store.close()


def _worker(spec_json: str) -> None:
    """Child process: crawl every portal of ``spec_json`` concurrently in one CrawlerProcess."""
    from scrapy.crawler import Crawler, CrawlerProcess
    from scrapy.utils.project import get_project_settings

    from crawler.spiders.reports import ReportsSpider

    spec = json.loads(spec_json)
    base = get_project_settings()
    base.setdict(spec["settings"], priority="cmdline")
    process = CrawlerProcess(base)
    for number, job in enumerate(spec["crawls"]):
        settings = base.copy()
        settings.setdict(job["settings"], priority="cmdline")
        crawler = Crawler(ReportsSpider, settings, init_reactor=number == 0)
        process.crawl(crawler, profile=job["profile"])
    process.start()


if __name__ == "__main__":
    _worker(sys.argv[1])
