"""Run crawls: :func:`crawl` is what ``ogi crawl`` and the nightly job call.

Each portal is crawled by ``scrapy crawl reports`` in its own process (a Twisted reactor
cannot be restarted, and separate processes use several cores); up to ``processes`` run
at once. Results come back through the raw store: each process writes its run row there.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from crawler.profiles import PortalProfile, get_profile, profile_for_url
from crawler.store import RawStore, utcnow

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


def _profiles(portals, url) -> list[PortalProfile]:
    out = []
    for portal in portals or []:
        out.append(portal if isinstance(portal, PortalProfile) else get_profile(portal))
    if url:
        out.append(profile_for_url(url))
    if not out:
        raise CrawlError("nothing to crawl: give portal names or a URL")
    return out


def crawl(portals=None, store_dir: str | os.PathLike = "var/store", *, url: str | None = None,
          polite: bool = True, settings: dict | None = None, job_dir: str | os.PathLike | None = None,
          processes: int = 4, timeout: float | None = None, log_level: str = "INFO") -> dict:
    """Crawl portals into a raw store and return the run statistics.

    :param portals: portal names (profiles in ``crawler/portals``) or :class:`PortalProfile` objects
    :param store_dir: the raw store directory
    :param url: also crawl this URL (a column or home page) with no profile, detecting its CMS
    :param polite: False switches off the delay and AutoThrottle (loopback tests and benchmarks only)
    :param settings: extra Scrapy settings
    :param job_dir: keep each portal's crawl state in ``job_dir/<portal>`` (JOBDIR) so a killed
        run resumes where it stopped
    :param processes: how many portals to crawl at once
    :param timeout: seconds before a portal's crawler process is killed
    :param log_level: Scrapy log level; logs go to ``store_dir/logs``
    :return: ``{"started_at", "portals": {name: stats}, "totals": {...}, "warnings": [...]}``
    """
    profiles = _profiles(portals, url)
    store_dir = Path(store_dir)
    RawStore(store_dir).close()  # create it (and fail early when it cannot be)
    logs = store_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    started = utcnow()
    stamp = started.replace(":", "").replace("+00:00", "Z")
    env = dict(os.environ, SCRAPY_SETTINGS_MODULE="crawler.settings")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(__file__).resolve().parent.parent),
                                                     env.get("PYTHONPATH")]))
    pending = list(profiles)
    running: list[tuple[PortalProfile, subprocess.Popen, float, object]] = []
    outcomes: dict[str, int] = {}
    while pending or running:
        while pending and len(running) < max(1, processes):
            profile = pending.pop(0)
            values = dict(IMPOLITE if not polite else {})
            values.update(settings or {})
            values.update(OGI_STORE=str(store_dir.resolve()), OGI_RUN_ID=f"{stamp}-{profile.name}",
                          LOG_LEVEL=log_level)
            if job_dir:
                values["JOBDIR"] = str(Path(job_dir, profile.name).resolve())
            cmd = [sys.executable, "-m", "scrapy", "crawl", "reports", "-a", f"profile={profile.to_json()}"]
            for key, value in values.items():
                cmd += ["-s", f"{key}={json.dumps(value) if isinstance(value, (list, dict)) else value}"]
            log = open(logs / f"{stamp}-{profile.name}.log", "wb")
            proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
            running.append((profile, proc, time.monotonic(), log))
        time.sleep(0.05)
        for entry in list(running):
            profile, proc, began, log = entry
            if proc.poll() is None and timeout and time.monotonic() - began > timeout:
                proc.kill()
                proc.wait()
            if proc.poll() is not None:
                log.close()
                outcomes[profile.name] = proc.returncode
                running.remove(entry)
    return _collect(store_dir, profiles, started, outcomes, stamp)


def _collect(store_dir: Path, profiles, started: str, outcomes: dict, stamp: str) -> dict:
    store = RawStore(store_dir)
    try:
        by_portal: dict[str, dict] = {}
        warnings: list[str] = []
        for profile in profiles:
            rows = [r for r in store.runs() if r["portal"] == profile.name and r["finished_at"]
                    and r["finished_at"] >= started]
            if not rows:
                log = store_dir / "logs" / f"{stamp}-{profile.name}.log"
                tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
                raise CrawlError(f"crawl of {profile.name} ended (exit {outcomes.get(profile.name)}) "
                                 f"without a run record; log {log}:\n{tail}")
            stats = dict(rows[-1]["stats"], run_id=rows[-1]["id"], exit_code=outcomes.get(profile.name))
            by_portal[profile.name] = stats
            warnings.extend(stats.get("warnings", []))
        totals = {key: sum(s.get(key, 0) for s in by_portal.values()) for key in TOTALS}
        return {"started_at": started, "portals": by_portal, "totals": totals, "warnings": warnings}
    finally:
        store.close()
