"""``ogi sites``: the site registry (``crawler/sites.csv``): list, import the national directory, check."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click

from crawler.registry import (RegistryError, check_registry, merge_sites, read_directory_csv,
                              read_sites, summary, write_sites)

_REGISTRY = click.option("--registry", type=click.Path(dir_okay=False, path_type=Path), default=None,
                         help="The registry file (default: the shipped crawler/sites.csv).")


@click.group("sites")
def sites_command():
    """The site registry: which body runs which website, and where its reports are.

    Example:

        ogi sites list
    """


@sites_command.command("list")
@_REGISTRY
def list_command(registry):
    """Print every registered site and the registry's counts.

    Example:

        ogi sites list --registry crawler/sites.csv
    """
    errors: list = []
    try:
        sites = read_sites(registry, errors=errors)
    except RegistryError as exc:
        raise click.ClickException(str(exc)) from exc
    for site in sites.values():
        mark = f"verified {site.verified_at}" if site.verified else "unverified"
        click.echo(f"{site.portal:12} {site.site_code or '-':10} {site.division_code or '-':6} {site.cms:8} "
                   f"{mark:19} {site.body}  {(site.column_urls or [site.home_url])[0]}")
    counts = summary(sites)
    click.echo(", ".join(f"{value} {name.replace('_', ' ')}" for name, value in counts.items()))
    for error in errors:
        click.secho(f"skipped: {error}", fg="yellow", err=True)


@sites_command.command("import")
@click.argument("export", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_REGISTRY
@click.option("--rejects", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the rows that could not be read here (UTF-8 CSV, with line and reason).")
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
def import_command(export, registry, rejects, dry_run):
    """Merge the national government-website directory's CSV export into the registry.

    The export's columns are 网站名称, 首页网址, 主办单位, 主管单位, 政府网站标识码, ICP备案号,
    公安机关备案号, 地区, 网站类型 (UTF-8, UTF-8 with BOM or GBK). Every row becomes a
    site or an error naming its line; the exit status is 1 when any row was rejected.

    Example:

        ogi sites import 政府网站名录.csv --rejects rejects.csv
    """
    try:
        result = read_directory_csv(export.read_bytes(), source=f"national directory export {export.name}")
        existing = read_sites(registry)
    except RegistryError as exc:
        raise click.ClickException(str(exc)) from exc
    merged, report = merge_sites(existing, result.sites)
    click.echo(f"{result.rows_read} rows read ({result.encoding}): {len(result.sites)} sites, "
               f"{len(result.errors)} rejected; {len(report.added)} added, {len(report.updated)} updated, "
               f"{len(report.conflicts)} conflicts")
    for error in result.errors:
        click.secho(f"rejected {error}", fg="yellow", err=True)
    for conflict in report.conflicts:
        click.secho(f"conflict {conflict}", fg="yellow", err=True)
    if rejects and result.errors:
        rejects.write_text(_rejects_csv(result.errors), encoding="utf-8")
    if not dry_run:
        write_sites(merged.values(), registry)
    if result.errors:
        raise SystemExit(1)


def _rejects_csv(errors) -> str:
    names: list[str] = []
    for error in errors:
        names.extend(key for key in error.row if key not in names)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["line", "reason", *names])
    for error in errors:
        writer.writerow([error.line, error.reason, *(error.row.get(name, "") for name in names)])
    return buffer.getvalue()


@sites_command.command("check")
@_REGISTRY
def check_command(registry):
    """List rows whose site code and division code disagree (a domain filed under the wrong body).

    Example:

        ogi sites check
    """
    try:
        sites = read_sites(registry)
    except RegistryError as exc:
        raise click.ClickException(str(exc)) from exc
    flagged = check_registry(sites)
    for name, result in flagged:
        click.echo(f"{name}: {result.status}: {result.reason}")
    click.echo(f"{len(sites)} sites, {len(flagged)} flagged")


@sites_command.command("health")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The raw store (default: $OGI_STORE or ./var/store).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per portal.")
def health_command(store_dir, as_json):
    """Each portal's state after its latest run (healthy, quiet, failing, blocked, moved, empty).

    Reads the raw store's runs and failures; the exit status is 1 when a state changed.

    Example:

        ogi sites health --store var/store
    """
    from crawler.health import alarms, assess_all
    from crawler.profiles import load_profiles
    from crawler.run import default_store
    from store import RawStore

    path = Path(store_dir or default_store())
    if not path.is_dir():
        raise click.ClickException(f"no raw store at {path}")
    store = RawStore(path)
    try:
        healths = assess_all(store.runs(), store.failures(), load_profiles())
    finally:
        store.close()
    for health in healths:
        if as_json:
            click.echo(json.dumps(health.as_dict(), ensure_ascii=False))
        else:
            mark = f"(was {health.previous_state})" if health.changed else ""
            click.echo(f"{health.portal:14} {health.state:8} {mark:16} {health.reason}")
    if alarms(healths):
        raise SystemExit(1)


#: click commands this module adds to `ogi`
COMMANDS: list = [sites_command]
