"""Source health: is a portal still answering, still listing reports, or has it gone quiet?

Pure functions over the raw store's ``runs`` and ``failures`` rows (``store.RawStore.runs()``
and ``.failures()``): no I/O. For each portal the latest run gets a state and a reason,
and whether the state changed since the run before:

``blocked``
    the run met an anti-bot answer (HTTP 412 / 521, a JavaScript challenge page) on a
    start URL, or met one and listed no report. Never bypassed: the state says so.
``moved``
    a start URL redirects to another origin, or answers 404/410 while the site's home
    page still answers (``home_answers``).
``failing``
    :data:`FAILING_RUNS` runs in a row read no list page.
``quiet``
    an earlier run listed reports; this one lists none.
``empty``
    list pages are read but no run has ever listed a report (the column was not found).
``healthy``
    the run listed reports.

The first rule that holds wins, in that order. A state is ``changed`` when it differs
from the state the previous run had (a portal's first run counts as changed unless it
is healthy), which is what the nightly summary raises as an alarm.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from urllib.parse import urlsplit

#: runs in a row without a list page before a portal is ``failing``
FAILING_RUNS = 3
#: states, from the most to the least severe
STATES = ("blocked", "moved", "failing", "quiet", "empty", "healthy")
CHALLENGE_STATUSES = {412, 521}
_CHALLENGE = re.compile(r"anti-bot|challenge", re.I)
_REDIRECT = re.compile(r"^redirect to (\S+) not followed")
_GONE = {404, 410}


@dataclass(frozen=True)
class RunFailure:
    """One failed request of a run (a ``failures`` row)."""

    url: str
    status: int | None
    reason: str


@dataclass(frozen=True)
class Run:
    """One crawl run of one portal, with the figures health needs and its failures."""

    run_id: str
    portal: str
    started_at: str
    reports_listed: int = 0
    new: int = 0
    failed: int = 0
    list_pages: int = 0
    failures: tuple[RunFailure, ...] = ()


@dataclass(frozen=True)
class Health:
    """A portal's state after its latest run.

    ``previous_state`` is None for a portal's first run.
    """

    portal: str
    run_id: str
    state: str
    reason: str
    changed: bool
    previous_state: str | None
    reports_listed: int
    new: int
    failed: int
    details: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


def runs_from_rows(runs: list[dict], failures: list[dict]) -> dict[str, list[Run]]:
    """Group store rows into each portal's runs, oldest first.

    :param runs: ``runs`` rows (``id``, ``portal``, ``started_at``, ``stats`` as JSON text or dict
        with ``reports_listed``, ``new``, ``failed``, ``list_pages``)
    :param failures: ``failures`` rows (``url``, ``run_id``, ``status``, ``reason``)
    :returns: portal → runs sorted by ``started_at`` (then id)
    """
    by_run: dict[str, list[RunFailure]] = {}
    for row in failures:
        if row.get("run_id"):
            by_run.setdefault(row["run_id"], []).append(
                RunFailure(row.get("url") or "", row.get("status"), row.get("reason") or ""))
    out: dict[str, list[Run]] = {}
    for row in runs:
        stats = row.get("stats") or {}
        if isinstance(stats, str):
            try:
                stats = json.loads(stats)
            except ValueError:
                stats = {}
        portal = row.get("portal") or stats.get("portal") or ""
        out.setdefault(portal, []).append(Run(
            run_id=row["id"], portal=portal, started_at=row.get("started_at") or "",
            reports_listed=int(stats.get("reports_listed") or 0), new=int(stats.get("new") or 0),
            failed=int(stats.get("failed") or 0), list_pages=int(stats.get("list_pages") or 0),
            failures=tuple(by_run.get(row["id"], ()))))
    for history in out.values():
        history.sort(key=lambda run: (run.started_at, run.run_id))
    return out


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    return parts.scheme, (parts.hostname or "").lower(), port


def _is_challenge(failure: RunFailure) -> bool:
    return failure.status in CHALLENGE_STATUSES or bool(_CHALLENGE.search(failure.reason))


def state_of(history: list[Run], *, start_urls=(), home_answers: bool | None = None) -> tuple[str, str, dict]:
    """The state of the latest run in ``history`` (oldest first), with its reason and details.

    :param history: one portal's runs, oldest first (not empty)
    :param start_urls: the portal's start URLs (where ``moved`` and ``blocked`` look first)
    :param home_answers: whether the site's home page answered when a start URL gave 404;
        None when not checked (a 404 then counts as a failure, not a move)
    :returns: ``(state, reason, details)``
    """
    run = history[-1]
    starts = set(start_urls)
    challenged = [f for f in run.failures if _is_challenge(f)]
    if challenged and (run.reports_listed == 0 or any(f.url in starts for f in challenged)):
        first = challenged[0]
        return "blocked", f"anti-bot answer at {first.url}: {first.reason}", {"urls": [f.url for f in challenged]}
    for failure in run.failures:
        if failure.url not in starts and starts:
            continue
        match = _REDIRECT.match(failure.reason)
        if match and _origin(match.group(1)) != _origin(failure.url):
            return "moved", f"start URL {failure.url} redirects to {match.group(1)}", {"target": match.group(1)}
        if failure.status in _GONE and home_answers and run.list_pages == 0:
            return "moved", f"start URL {failure.url} answers HTTP {failure.status} while the home page answers", {}
    quiet_runs = 0
    for past in reversed(history):
        if past.list_pages:
            break
        quiet_runs += 1
    if quiet_runs >= FAILING_RUNS:
        last = run.failures[0].reason if run.failures else "no list page read"
        return "failing", f"{quiet_runs} runs in a row without a list page (latest: {last})", {"runs": quiet_runs}
    if run.reports_listed:
        return "healthy", f"{run.reports_listed} reports listed, {run.new} new, {run.failed} failed", {}
    listed_before = [past for past in history[:-1] if past.reports_listed]
    if listed_before:
        last = listed_before[-1]
        return "quiet", (f"no reports listed; run {last.run_id} listed {last.reports_listed}"
                         + ("" if run.list_pages else "; no list page read")), {"last_listed_run": last.run_id}
    if run.list_pages == 0:
        last = run.failures[0].reason if run.failures else "no list page read"
        return "failing", f"no list page read ({quiet_runs} of {FAILING_RUNS} runs): {last}", {"runs": quiet_runs}
    return "empty", f"{run.list_pages} list pages read, no report ever listed", {}


def assess(history: list[Run], *, start_urls=(), home_answers: bool | None = None) -> Health:
    """The portal's health after its latest run, and whether that is a change.

    :param history: one portal's runs, oldest first (not empty)
    :param start_urls: the portal's start URLs
    :param home_answers: see :func:`state_of`
    :raises ValueError: ``history`` is empty
    """
    if not history:
        raise ValueError("no runs to assess")
    run = history[-1]
    state, reason, details = state_of(history, start_urls=start_urls, home_answers=home_answers)
    previous = state_of(history[:-1], start_urls=start_urls)[0] if len(history) > 1 else None
    changed = state != previous if previous is not None else state != "healthy"
    return Health(run.portal, run.run_id, state, reason, changed, previous, run.reports_listed, run.new,
                  run.failed, details)


def assess_all(runs: list[dict], failures: list[dict], profiles: dict | None = None,
               home_answers: dict | None = None) -> list[Health]:
    """Every portal's health from the store's rows, portals in name order.

    :param runs: ``RawStore.runs()``
    :param failures: ``RawStore.failures()``
    :param profiles: portal name → :class:`crawler.profiles.PortalProfile` (for start URLs)
    :param home_answers: portal name → whether its home page answered (for ``moved``)
    """
    out = []
    for portal, history in sorted(runs_from_rows(runs, failures).items()):
        profile = (profiles or {}).get(portal)
        out.append(assess(history, start_urls=getattr(profile, "start_urls", ()) or (),
                          home_answers=(home_answers or {}).get(portal)))
    return out


def alarms(healths: list[Health]) -> list[Health]:
    """The portals whose state changed, most severe first (what the nightly summary reports)."""
    return sorted((h for h in healths if h.changed), key=lambda h: (STATES.index(h.state), h.portal))
