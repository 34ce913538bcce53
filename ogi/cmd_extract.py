"""`ogi` commands for the extract step (thin wrappers over :mod:`extract.api`)."""
from __future__ import annotations

import json
import sys

import click


@click.command("extract")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--store", "store_dir", type=click.Path(file_okay=False),
              help="Instead of FILES: give every object of this raw store without a record one "
                   "(kept in STORE/records.db, the records `ogi archive` files).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON record per file (JSON Lines).")
@click.option("--workers", "-j", default=1, show_default=True, help="Files extracted at once.")
@click.option("--no-ocr", is_flag=True, help="Do not OCR scanned pages or images (report them instead).")
@click.option("--timeout", default=None, type=float,
              help="Seconds allowed per file (default: extract.timeout of the configuration, 180).")
def extract_command(files, store_dir, as_json, workers, no_ocr, timeout):
    """Extract figures, sections and findings from annual-report files.

    Prints one record per FILE, in the order given; the kind of each file (HTML, PDF,
    DOCX, DOC, WPS, text, image) is detected from its bytes. Each file runs in its own
    process with memory and time limits, so one bad file cannot stop the rest. The exit
    status is 1 when any file failed (its record carries an "error").

    With --store, the extraction stage runs on a raw store instead: each distinct
    stored file gets one record, however many URLs served it.

    Example:

        ogi extract report.pdf page.html --json > records.jsonl

        ogi extract --store var/store -j 2
    """
    from extract.api import extract_files
    from ogi.config import apply_limits_or_exit

    apply_limits_or_exit(timeout)
    if store_dir:
        if files:
            raise click.UsageError("give FILES or --store, not both")
        _extract_store(store_dir, workers, not no_ocr, timeout)
        return
    if not files:
        raise click.UsageError("give one or more FILES, or --store DIR")
    failed = 0
    show_progress = len(files) >= 10
    try:
        records = extract_files(files, workers=workers, ocr=not no_ocr, timeout=timeout or None)
        for done, record in enumerate(records, 1):
            if record["error"]:
                failed += 1
            if as_json:
                click.echo(json.dumps(record, ensure_ascii=False, sort_keys=False))
            else:
                click.echo(_summary(record))
            if show_progress and (done % 10 == 0 or done == len(files)):
                click.echo(f"extract: {done}/{len(files)} files, {failed} failed", err=True)
            sys.stdout.flush()
    except OSError as exc:
        raise click.ClickException(str(exc)) from exc
    if failed:
        click.echo(f"extract: {failed} of {len(files)} files failed", err=True)
        sys.exit(1)


def _extract_store(store_dir: str, workers: int, ocr: bool, timeout: float | None) -> None:
    """The extraction stage on a raw store; prints what it did."""
    from extract import EXTRACTOR_VERSION
    from extract.api import output_settings
    from ogi.extraction import NotAStore, open_stores, run_extraction

    try:
        with open_stores(store_dir, ocr) as (store, records):
            stage = run_extraction(store, records, ocr=ocr, workers=workers, timeout=timeout)
    except NotAStore as exc:
        raise click.ClickException(str(exc)) from None
    for item in stage.not_read:
        click.echo(f"extract: not read, tried again next time: {item['url']}: {item['reason']}", err=True)
    click.echo(f"extract: {stage.extracted} documents extracted, {stage.reused} already had a record "
               f"(extractor {EXTRACTOR_VERSION}, {output_settings(ocr)}); records in {records.path}")


def _summary(record: dict) -> str:
    if record["error"]:
        return f"{record['source']}\t{record['kind'] or '?'}\tERROR: {record['error']}"
    return (f"{record['source']}\t{record['kind']}\t{record['format']}\t{record['year']}\t{record['agency']}\t"
            f"{len(record['figures'])} figures\t{len(record['findings'])} findings\t"
            f"{len(record['warnings'])} warnings")


#: click commands this module adds to `ogi`
COMMANDS: list = [extract_command]
