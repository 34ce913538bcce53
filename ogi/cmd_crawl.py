"""`ogi` commands for the crawl step (thin wrappers over :mod:`crawler.run` and :mod:`crawler.profiles`)."""
from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import click

from crawler.profiles import ProfileError, load_profiles, profile_for_url
from crawler.run import CrawlError, crawl, default_store
from store import RawStore, utcnow


#: seconds the crawler processes get to finish their runs after Ctrl-C before they are stopped
INTERRUPT_GRACE = 30.0


@click.command("crawl")
@click.option("--portal", "portals", multiple=True, help="Portal profile name (repeatable); see `ogi portals`.")
@click.option("--url", help="Crawl a portal with no profile, from its annual-report column or home page.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False), default=None,
              help="Raw store directory (default: $OGI_STORE or ./var/store).")
@click.option("--demo", is_flag=True, help="Start the embedded demo portal on 127.0.0.1 and crawl it.")
@click.option("--job-dir", type=click.Path(file_okay=False), default=None,
              help="Keep crawl state here so an interrupted crawl resumes.")
@click.option("--impolite", is_flag=True,
              help="No delay, no AutoThrottle: only for the demo portal or your own test servers.")
def crawl_command(portals, url, store_dir, demo, job_dir, impolite):
    """Crawl portals for annual reports into the raw store and print the run statistics.

    Exits with status 1 when nothing could be fetched from any portal, after printing
    the reasons (connection refused, no annual-report column found, HTTP 404, …).
    Ctrl-C stops the crawl: the crawler finishes its run rows, the command says what
    was kept, and running it again resumes (files already stored cost one 304 each).

    Example:

        ogi crawl --portal beijing

        ogi crawl --url http://127.0.0.1:8400/ --store var/store

        ogi crawl --demo --impolite --store /tmp/demo-store
    """
    server = None
    store_dir = store_dir or default_store()
    started = utcnow()
    stamp = started.replace("+00:00", "Z").replace(":", "")
    names: list[str] = []
    try:
        targets = list(portals)
        names += list(portals)
        if demo:
            from demo.portal import start_demo_portal

            server, _ = start_demo_portal()
            targets += server.profiles()
            names += [p.name for p in server.profiles()]
        if url:
            names.append(profile_for_url(url).name)
        stats = crawl(targets, store_dir, url=url, polite=not impolite, job_dir=job_dir, run_id=stamp)
    except (CrawlError, ProfileError) as exc:
        raise click.ClickException(str(exc)) from exc
    except KeyboardInterrupt:
        _interrupted(Path(store_dir), stamp, started, names, job_dir)
        raise click.exceptions.Exit(130) from None
    finally:
        if server is not None:
            server.shutdown()
    click.echo(json.dumps(stats, ensure_ascii=False, indent=2))
    for warning in stats["warnings"]:
        click.secho(f"warning: {warning}", fg="yellow", err=True)
    empty = nothing_fetched(store_dir, stats)
    for name, reasons in empty.items():
        click.secho(f"nothing could be fetched from {name}:", fg="red", err=True)
        for reason in reasons:
            click.echo(f"  - {reason}", err=True)
    if empty and len(empty) == len(stats["portals"]):
        raise click.exceptions.Exit(1)


def nothing_fetched(store_dir, stats: dict, limit: int = 5) -> dict[str, list[str]]:
    """The portals of a crawl that stored no file at all, with the reasons, most frequent first.

    A portal stored nothing when its run has no new, changed, unchanged or not-modified
    file. Its reasons are its run's failure rows (grouped: ``reason (N URLs, e.g. URL)``);
    with none, what the statistics show (no response; no report listed).

    :param store_dir: the raw store
    :param stats: what :func:`crawler.run.crawl` returned
    :param limit: at most this many reasons per portal
    :return: ``{portal: [reason, …]}`` for each portal that stored nothing
    """
    store = RawStore(store_dir)
    try:
        failures = store.failures()
    finally:
        store.close()
    out: dict[str, list[str]] = {}
    for name, portal in stats["portals"].items():
        stored = sum(int(portal.get(k, 0) or 0) for k in ("new", "changed", "unchanged", "not_modified"))
        if stored:
            continue
        grouped: dict[str, list[str]] = {}
        for failure in failures:
            if failure.get("run_id") == portal.get("run_id"):
                grouped.setdefault(failure["reason"], []).append(failure["url"])
        reasons = [f"{reason} ({len(urls)} URL{'s' if len(urls) > 1 else ''}, e.g. {urls[0][:200]})"
                   for reason, urls in sorted(grouped.items(), key=lambda kv: -len(kv[1]))][:limit]
        if not reasons:
            if not portal.get("responses"):
                reasons = ["no response from the portal"]
            elif not portal.get("reports_listed"):
                reasons = ["no annual-report column found: the start page lists no 政府信息公开工作年度报告 and "
                           "discovery found no column (is it a government portal's home page or report column?)"]
            else:
                reasons = [f"{portal['reports_listed']} reports listed, none could be stored"]
        out[name] = reasons
    return out


def _child_pids() -> list[int]:
    """Process ids of this process's children (Linux ``/proc``; empty elsewhere)."""
    me = os.getpid()
    out = []
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            stat = entry.read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) > 1 and fields[1] == str(me):
            out.append(int(entry.parent.name))
    return out


def _stopping(pid: int) -> bool:
    """True when a crawler process's log (its stdout) says it is already shutting down."""
    try:
        log = Path(os.readlink(f"/proc/{pid}/fd/1"))
        with open(log, "rb") as handle:
            handle.seek(max(0, log.stat().st_size - 200_000))
            return b"shutting down gracefully" in handle.read()
    except OSError:
        return False


def _stop_children(grace: float) -> None:
    """Let the crawler processes finish their runs (one SIGINT each), then stop the rest.

    Ctrl-C in a terminal reaches the whole process group; a signal sent to this process
    alone does not, so a child that does not say it is shutting down gets one SIGINT (a
    second would force Scrapy to stop without closing its run).
    """
    children = _child_pids()
    quiet = set(children)
    settle = time.monotonic() + 2.0  # a child that got the terminal's SIGINT says so at once
    while quiet and time.monotonic() < settle:
        quiet = {pid for pid in quiet if not _stopping(pid)}
        time.sleep(0.1)
    for pid in children:
        if pid in quiet:
            try:
                os.kill(pid, signal.SIGINT)
            except OSError:
                pass
    deadline = time.monotonic() + grace
    waiting = set(children)
    try:
        while waiting and time.monotonic() < deadline:
            for pid in list(waiting):
                try:
                    done, _ = os.waitpid(pid, os.WNOHANG)
                except ChildProcessError:
                    done = pid
                if done:
                    waiting.discard(pid)
            time.sleep(0.2)
    except KeyboardInterrupt:  # a second Ctrl-C: stop now
        pass
    for pid in waiting:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except OSError:
            pass


def _interrupted(store_dir: Path, stamp: str, started: str, names: list[str], job_dir) -> None:
    """After Ctrl-C: let the crawlers close their runs, close any they could not, say what was kept."""
    click.echo("\nInterrupted: letting the crawler finish its run records (Ctrl-C again to stop at once) …",
               err=True)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        _stop_children(INTERRUPT_GRACE)
    finally:
        signal.signal(signal.SIGINT, previous)
    store = RawStore(store_dir)
    try:
        runs = [r for r in store.runs() if r["portal"] in names
                and (r["id"].startswith(f"{stamp}-") or not r["finished_at"] or r["finished_at"] >= started)]
        for run in runs:
            if not run["finished_at"]:  # the crawler was stopped before it could close its run
                stored = store.count_fetches(run["portal"], run["started_at"])
                run["stats"] = {"portal": run["portal"], "finish_reason": "interrupted", "new": stored,
                                "warnings": ["interrupted before the crawler recorded its statistics; "
                                             "new counts every file stored since the run started"],
                                "removed": []}
                store.finish_run(run["id"], run["stats"])
        failures = store.failures()
    finally:
        store.close()
    for run in runs:
        stats = run["stats"] or {}
        kept = ", ".join(f"{stats.get(k, 0)} {k.replace('_', ' ')}"
                         for k in ("new", "changed", "unchanged", "not_modified"))
        failed = sum(1 for f in failures if f.get("run_id") == run["id"])
        click.echo(f"{run['portal']}: kept {kept} in {store_dir} ({failed} failed); "
                   f"run {run['id']} closed ({stats.get('finish_reason', 'interrupted')})", err=True)
    if not runs:
        click.echo(f"nothing was stored yet in {store_dir}", err=True)
    if job_dir:
        click.echo(f"Run the same command again to resume: the crawl state in {job_dir} continues where it "
                   "stopped.", err=True)
    else:
        click.echo("Run the same command again to resume: files already stored are not downloaded again "
                   "(one 304 each). Reports not yet seen are fetched; nothing is marked removed by a stopped run.",
                   err=True)


@click.command("portals")
@click.option("--json", "as_json", is_flag=True, help="Print the profiles as JSON.")
def portals_command(as_json):
    """List the portal profiles the crawler knows.

    Example:

        ogi portals
    """
    errors: list = []
    profiles = load_profiles(errors=errors)
    for error in errors:
        click.secho(f"skipped: {error}", fg="yellow", err=True)
    if as_json:
        click.echo(json.dumps([json.loads(p.to_json()) for p in profiles.values()], ensure_ascii=False, indent=2))
        return
    for profile in profiles.values():
        mark = "verified" if profile.verified else "unverified"
        click.echo(f"{profile.name:14} {profile.cms:8} {mark:10} {profile.body}  {profile.start_urls[0]}")


#: click commands this module adds to `ogi`
COMMANDS: list = [crawl_command, portals_command]
