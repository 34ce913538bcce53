"""`ogi` commands for the archive step (thin wrappers over :mod:`archive`)."""
from __future__ import annotations

from pathlib import Path

import click


@click.command("archive")
@click.option("--store", "store_dir", required=True, type=click.Path(file_okay=False),
              help="The crawler's raw store directory.")
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False),
              help="The archive SQLite file to build or update.")
@click.option("--workers", "-j", default=1, show_default=True, help="Extraction processes.")
@click.option("--no-ocr", is_flag=True, help="Do not OCR scanned pages or images (their records say so).")
@click.option("--timeout", default=None, type=float,
              help="Seconds allowed per document (default: extract.timeout of the configuration, 180).")
@click.option("--metadata", "metadata_path", type=click.Path(dir_okay=False), default=None,
              help="Also write the Datasette metadata YAML here.")
def archive_command(store_dir, db_path, workers, no_ocr, timeout, metadata_path):
    """Build or update the archive database from a raw store.

    First every stored file without an extraction record for this extractor version
    gets one (the records are kept in STORE/records.db, one per distinct file however
    many URLs served it); then the records are filed under their body and year.
    Running it again on the same store changes nothing. Files that cannot be
    extracted are listed with their error.

    Example:

        ogi archive --store var/store --db var/archive.db
    """
    import sqlite_utils

    from archive.build import ArchiveError, build_archive
    from archive.metadata import write_metadata
    from ogi.config import apply_limits_or_exit
    from ogi.extraction import NotAStore, open_stores, run_extraction

    apply_limits_or_exit(timeout)

    def progress(done, total):
        if done == total or done % 1000 == 0:
            click.echo(f"archive: {done}/{total} files filed", err=True)

    try:
        with open_stores(store_dir, not no_ocr) as (store, records):
            if records.set_aside:
                click.echo(f"archive: damaged records file set aside as {records.set_aside.name}; "
                           "extracting again", err=True)
            stage = run_extraction(store, records, ocr=not no_ocr, workers=workers, timeout=timeout or None)
            for item in stage.not_read:
                click.echo(f"archive: not read, tried again next time: {item['url']}: {item['reason']}", err=True)
            stats = build_archive(sqlite_utils.Database(db_path), store, records, progress=progress)
        if metadata_path:
            write_metadata(metadata_path, database=Path(db_path).stem)
    except (ArchiveError, NotAStore) as exc:
        raise click.ClickException(str(exc)) from exc
    for error in stats.errors:
        click.echo(f"archive: not extracted: {error['url']} ({error['sha256'][:12]}): {error['error']}", err=True)
    click.echo(f"archive: {stats.files} files, {stage.extracted} extracted, {stage.reused} records reused; "
               f"{stats.extracted} filed, {stats.reextracted} filed again, {stats.unchanged} unchanged, "
               f"{len(stats.errors)} errors; {stats.reports} reports, "
               f"{stats.documents} documents, {stats.figures} figures in {stats.seconds:.1f}s")


@click.command("serve")
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False),
              help="The archive SQLite file.")
@click.option("--port", default=8001, show_default=True, help="Port on 127.0.0.1.")
@click.option("--originals", type=click.Path(file_okay=False), default=None,
              help="Directory of archived originals (default: <db name>-originals beside the file).")
def serve_command(db_path, port, originals):
    """Serve the archive with Datasette on 127.0.0.1, read-only.

    The file is opened immutable: nothing can be written through the site, and the
    database page offers the whole SQLite file for download.

    Example:

        ogi serve --db var/archive.db --port 8001
    """
    from archive.serve import ServeError, serve

    try:
        serve(db_path, port=port, originals=originals)
    except ServeError as exc:
        raise click.ClickException(str(exc)) from exc


#: click commands this module adds to `ogi`
COMMANDS: list = [archive_command, serve_command]
