"""`ogi` commands for the crawl step (thin wrappers over :mod:`crawler.run` and :mod:`crawler.profiles`)."""
from __future__ import annotations

import json

import click

from crawler.profiles import ProfileError, load_profiles
from crawler.run import CrawlError, crawl, default_store


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

    Example:

        ogi crawl --portal beijing

        ogi crawl --url http://127.0.0.1:8400/ --store var/store

        ogi crawl --demo --impolite --store /tmp/demo-store
    """
    server = None
    try:
        targets = list(portals)
        if demo:
            from demo.portal import start_demo_portal

            server, _ = start_demo_portal()
            targets += server.profiles()
        stats = crawl(targets, store_dir or default_store(), url=url, polite=not impolite, job_dir=job_dir)
    except (CrawlError, ProfileError) as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        if server is not None:
            server.shutdown()
    click.echo(json.dumps(stats, ensure_ascii=False, indent=2))
    for warning in stats["warnings"]:
        click.secho(f"warning: {warning}", fg="yellow", err=True)


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
