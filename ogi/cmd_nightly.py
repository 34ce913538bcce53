"""`ogi` commands for the nightly job: ``nightly``, ``config`` and ``worker``."""
from __future__ import annotations

import sys

import click

from ogi.config import ConfigError, load_config

config_option = click.option(
    "--config", "config_file", type=click.Path(dir_okay=False),
    help="TOML configuration file (default: $OGI_CONFIG, else ./ogi.toml if present).")
data_dir_option = click.option(
    "--data-dir", type=click.Path(file_okay=False),
    help="Directory for the store, work files, site and logs (paths.data_dir).")


def _load(config_file, overrides):
    try:
        return load_config(config_file, overrides=overrides)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


@click.command()
@config_option
@data_dir_option
@click.option("--demo", is_flag=True,
              help="Start the embedded demo portal on 127.0.0.1 and crawl only it "
                   "(data goes to DATA_DIR/demo).")
@click.option("--serve", is_flag=True,
              help="After the run, serve the site on http://127.0.0.1:8001 until interrupted.")
@click.option("--workers", type=int, help="Extraction processes (extract.workers; 0 = one per core).")
@click.option("--portal", "portals", multiple=True, help="Crawl only this portal profile (repeatable).")
@click.option("--redis", "redis_url",
              help="Share the crawl and extraction through this Redis (crawl.redis_url, extract.redis_url).")
@click.option("--no-crawl", is_flag=True, help="Skip the crawl: extract, archive and publish what is stored.")
@click.option("--verbose", "-v", is_flag=True, help="Show debug messages.")
def nightly(config_file, data_dir, demo, serve, workers, portals, redis_url, no_crawl, verbose):
    """Crawl, extract new and changed documents, build the archive and publish it.

    Prints a summary (new and changed reports, failed documents with reasons,
    figures that break rules); the same summary is stored in the archive's
    crawl_runs table. Exits with status 1 when failures pass the configured
    thresholds, at once with status 2 when another run holds the lock, and with
    status 3 when the run was published but a portal's source health changed to
    quiet, failing, blocked, moved or empty (listed under "source health changes").

    Example:

        ogi nightly --demo --serve
    """
    from ogi.lock import LockHeld
    from ogi.nightly import Interrupted, NightlyError, run_nightly, serve_site

    overrides = {
        "paths": {"data_dir": data_dir},
        "extract": {"workers": workers, "redis_url": redis_url},
        "crawl": {"portals": list(portals) or None, "redis_url": redis_url},
    }
    config = _load(config_file, overrides)
    try:
        summary = run_nightly(config, demo=demo, crawl=not no_crawl)
    except LockHeld as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    except Interrupted as exc:
        click.echo(str(exc), err=True)
        sys.exit(130)
    except NightlyError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(summary.render())
    if serve and summary.published:
        try:
            serve_site(config, demo=demo)
        except NightlyError as exc:
            raise click.ClickException(str(exc)) from None
    if not summary.ok:
        sys.exit(1)
    if summary.alarms:  # published, but a source went quiet, failing, blocked or moved
        sys.exit(3)


@click.command("config")
@config_option
def show_config(config_file):
    """Print the effective configuration as TOML, each value with its origin.

    Values come from the defaults, the configuration file and OGI_<SECTION>_<KEY>
    environment variables (OGI_REDIS_URL and OGI_DATA_DIR for short).

    Example:

        OGI_EXTRACT_WORKERS=4 ogi config --config /etc/ogi.toml
    """
    click.echo(_load(config_file, None).to_toml(), nl=False)


@click.command()
@config_option
@click.option("--redis", "redis_url", required=True, help="Redis URL of the work queue.")
@click.option("--store", type=click.Path(file_okay=False),
              help="Where this machine sees the raw store (default: paths.store).")
@click.option("--queue", default="default", show_default=True, help="Work queue name.")
@click.option("--max-idle", type=float, help="Exit after this many seconds without work.")
def worker(config_file, redis_url, store, queue, max_idle):
    """Extract documents from a Redis work queue until stopped.

    Run one per core on each extraction machine; `ogi nightly --redis URL` (or
    extract.redis_url) fills the queue and stores the results.

    Example:

        ogi worker --redis redis://10.0.0.5:6379/0 --store /mnt/ogi/store
    """
    import signal
    import threading

    from ogi.workqueue import run_worker

    config = _load(config_file, None)
    config.apply_limits()
    stop = threading.Event()
    # systemd stops a worker with SIGTERM: finish the document at hand, then leave
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        done = run_worker(redis_url, store or config.path("store"), queue=queue,
                          extractor=config["extract"]["function"], timeout=config["extract"]["timeout"],
                          max_idle=max_idle, stop=stop)
    except Exception as exc:  # connection refused, bad URL
        raise click.ClickException(f"worker stopped: {type(exc).__name__}: {exc}") from None
    click.echo(f"extracted {done} documents")


#: click commands this module adds to `ogi`
COMMANDS: list = [nightly, show_config, worker]
