"""Build and update the archive from the raw store and the extraction records.

:func:`build_archive` walks every stored file version and files the extraction record
of each one the archive has not yet filed with this extractor version
(:func:`upsert_record`); it never runs an extractor (the extraction stage,
:func:`ogi.extraction.run_extraction`, makes the records). Then it recomputes what spans reports: year-chain breaches,
crawl runs and failures, and coverage. Everything is keyed on stable values (a
document's sha256, a body's name, a report's body and year), so running it again on
the same input changes nothing, a new extractor version re-extracts, and a file that
changed at the same URL is kept as a second document.

A report's figures, wide-table rows, sections and findings come from one document,
its *current document*: among the report's documents, the latest version at its URL,
with figures, read by the current extractor, with the most figures, fetched last.
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable

from archive import deadlines, tables
from archive.filing import Filing, insert_rows
from extract import schema


class ArchiveError(Exception):
    """The archive cannot be built (bad store, unusable database)."""


@dataclass
class BuildStats:
    """What one :func:`build_archive` run did."""

    files: int = 0
    #: files filed for the first time
    extracted: int = 0
    #: files filed again from a record of a newer extractor version
    reextracted: int = 0
    unchanged: int = 0
    #: files without an extraction record yet (not filed; filed once they have one)
    missing_records: int = 0
    reports: int = 0
    documents: int = 0
    figures: int = 0
    #: ``{"url", "sha256", "error"}`` for every file that could not be extracted or filed
    errors: list = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


# --- helpers ------------------------------------------------------------------------

def ensure_schema(db) -> None:
    """Create the archive tables, index and lookups in ``db`` if they are missing.

    :param db: a ``sqlite_utils.Database``.
    """
    tables.create_tables(db)
    tables.create_indexes(db)
    db.conn.commit()


def upsert_body(db, name: str, portal: str | None = None, region: str | None = None) -> int:
    """Id of the body called ``name``, creating it (classified by name) if new.

    :param db: a ``sqlite_utils.Database``.
    :param name: the body's name.
    :param portal: the portal its reports were found on.
    :param region: the portal's place, used to resolve the body's place.
    """
    filing = Filing(db)
    body_id = filing.body_id(name, portal, region)
    filing.flush()
    return body_id


def upsert_record(db, stored_file, record: dict | None, *, error: str | None = None,
                  records=None, extractor_version: str | None = None,
                  region: str | None = None) -> int:
    """File one stored file and its extraction record in the archive; return the document id.

    A batch of one file (:class:`archive.filing.Filing`; :func:`build_archive` files
    batches). The document row is upserted on its sha256. When the record is a report
    with a body and a year, the report (body, year) is created or found, and if this
    document is now the report's current document, the report's figures, wide-table
    rows, sections and findings are replaced by the record's. If another document of
    the report becomes current instead, its record is taken from ``records``. Not
    committed.

    :param db: a ``sqlite_utils.Database`` with the archive tables.
    :param stored_file: a :class:`store.StoredFile`.
    :param record: the extractor's record for the file (``None`` if extraction failed).
    :param error: why extraction failed, if it did.
    :param records: where the records of other documents are looked up by sha256
        (:class:`store.RecordStore`, or any object with ``get(sha256)``); optional.
    :param extractor_version: the version the archive is being built with.
    :param region: the portal's place, to resolve the body's place.
    :raises sqlite3.Error: a value of the record SQLite cannot store (what was filed before it is written).
    """
    filing = Filing(db, records)
    try:
        return filing.file(stored_file, record, error=error, extractor_version=extractor_version, region=region)
    finally:
        filing.flush()


def _file_batch(db, items: list, records, version: str, regions: dict, known: dict) -> list[tuple]:
    """File ``items`` (``(stored file, record)``) as one batch; return ``(stored, prior version, error)`` each.

    A file whose record fails (a value SQLite cannot store, a year that is no number)
    is reported with its error and the batch goes on; what it filed before failing
    stays, as when files were filed one statement at a time.
    """
    filing = Filing(db, records)
    filing.prepare(items)
    outcomes = []
    for stored, record in items:
        prior = known.get(stored.sha256)
        error = record.get("error") if record else None
        try:
            filing.file(stored, record, error=error, extractor_version=version, region=regions.get(stored.portal))
        except Exception as exc:  # noqa: BLE001 - one bad record must not stop the build
            error = f"{type(exc).__name__}: {exc}"
        outcomes.append((stored, prior, error))
        known[stored.sha256] = version
    filing.flush()
    return outcomes


def _file_batch_safely(db, items: list, records, version: str, regions: dict, known: dict) -> list[tuple]:
    """:func:`_file_batch`, and if SQLite refuses a row of the batch (two reports' sections
    on one id), the batch again one file at a time: a file SQLite refuses is filed as an
    error, without its content."""
    try:
        with db.atomic():
            seen = dict(known)
            outcomes = _file_batch(db, items, records, version, regions, seen)
        known.update(seen)
        return outcomes
    except Exception:  # noqa: BLE001 - the batch is rolled back and filed file by file
        pass
    outcomes = []
    for stored, record in items:
        seen = dict(known)
        try:
            with db.atomic():
                outcomes.extend(_file_batch(db, [(stored, record)], records, version, regions, seen))
        except Exception as exc:  # noqa: BLE001 - one bad record must not stop the build
            error = f"{type(exc).__name__}: {exc}"
            with db.atomic():
                filing = Filing(db, records)
                filing.file(stored, None, error=error, extractor_version=version, region=regions.get(stored.portal))
                filing.flush()
            outcomes.append((stored, known.get(stored.sha256), error))
            seen[stored.sha256] = version
        known.update(seen)
    return outcomes


# --- derived tables -----------------------------------------------------------------

def refresh_year_chain(db) -> int:
    """Recompute ``year_chain``: table 3 carried_over of year N against carried_forward of N−1.

    :param db: a ``sqlite_utils.Database``.
    """
    from extract.checks import check_year_chain

    # every pair of consecutive reports of a body, with the two table-3 rows the rule compares
    columns = list(schema.T3_COLUMN_KEYS)
    pairs = db.execute(  # raw: a join of four tables
        "SELECT cur_r.body_id, cur_r.year, cur_r.id, prev_r.id, "
        + ", ".join(f"cur.[{c}]" for c in columns) + ", " + ", ".join(f"prev.[{c}]" for c in columns)
        + " FROM reports cur_r "
        "JOIN reports prev_r ON prev_r.body_id = cur_r.body_id AND prev_r.year = cur_r.year - 1 "
        "JOIN t3 cur ON cur.report_id = cur_r.id AND cur.row_key = 'carried_over' "
        "JOIN t3 prev ON prev.report_id = prev_r.id AND prev.row_key = 'carried_forward' "
        "ORDER BY cur_r.body_id, cur_r.year").fetchall()
    rows = []
    for body_id, year, report_id, prev_id, *values in pairs:
        now = {schema.t3_key("carried_over", c): v for c, v in zip(columns, values[:len(columns)])}
        before = {schema.t3_key("carried_forward", c): v for c, v in zip(columns, values[len(columns):])}
        for finding in check_year_chain(before, now, year):
            rows.append((body_id, year, report_id, prev_id, finding["column"], finding["value"],
                         finding["previous"], finding["detail"]))
    # ids 1…n in this order, as rows inserted into the emptied table get them
    rows = [(n, *row) for n, row in enumerate(rows, 1)]
    _replace_rows(db, "year_chain", _YEAR_CHAIN_COLUMNS, ("id",), rows)
    # the same breaches in the one list of findings, on the year-N report
    db["findings"].delete_where("rule = ?", ["year.chain"])
    db.execute(  # raw: a set-based refresh (INSERT ... SELECT)
        "INSERT INTO findings (report_id, document_id, rule, detail, cells, related_report_id, status, "
        "extractor_version) "
        "SELECT y.report_id, r.current_document_id, 'year.chain', y.detail, "
        "json_array('t3.carried_over.' || y.column_key), y.prev_report_id, 'breach', NULL "
        "FROM year_chain y JOIN reports r ON r.id = y.report_id WHERE r.current_document_id IS NOT NULL "
        "ORDER BY y.id")
    # raw: a set-based refresh (UPDATE from an aggregate)
    db.execute("UPDATE headline SET findings = (SELECT count(*) FROM findings f WHERE f.report_id = "
               "headline.report_id AND f.status = 'breach')")
    return len(rows)


_YEAR_CHAIN_COLUMNS = ("id", "body_id", "year", "report_id", "prev_report_id", "column_key", "carried_over",
                       "prev_carried_forward", "detail")


def refresh_totals(db) -> None:
    """Recompute ``year_totals`` and ``body_totals`` from ``headline`` (fast year trends and rankings).

    :param db: a ``sqlite_utils.Database``.
    """
    columns = list(tables.HEADLINE)
    db["year_totals"].delete_where()
    # raw (here and below): set-based refreshes, INSERT ... SELECT and UPDATE from aggregates
    db.execute(f"INSERT INTO year_totals (year, reports, reconciled_reports, "
                    f"{', '.join(f'[{c}], [{c}_reports]' for c in columns)}) "
                    f"SELECT year, count(*), count(reconciled), "
                    f"{', '.join(f'sum([{c}]), count([{c}])' for c in columns)} "
                    f"FROM headline GROUP BY year ORDER BY year")
    # ratios rest on one set of reports: those giving every figure of the ratio
    db.execute(
        "UPDATE year_totals SET (share_reports, share_reconciled_reports, share_results, share_denied, "
        "share_not_held) = (SELECT count(*), count(reconciled), sum(results_total), sum(denied), sum(not_held) "
        "FROM headline h WHERE h.year = year_totals.year AND results_total IS NOT NULL AND denied IS NOT NULL "
        "AND not_held IS NOT NULL)")
    db.execute(
        "UPDATE year_totals SET (suits_share_reports, share_suits, share_suits_corrected, share_reviews, "
        "share_reviews_corrected) = (SELECT count(*), sum(suits), sum(suits_corrected), sum(reviews), "
        "sum(reviews_corrected) FROM headline h WHERE h.year = year_totals.year AND suits IS NOT NULL "
        "AND suits_corrected IS NOT NULL AND reviews IS NOT NULL AND reviews_corrected IS NOT NULL)")
    db["body_totals"].delete_where()
    db.execute("INSERT INTO body_totals (body_id, body, province, level, reports, first_year, last_year, requests_new, "
                    "requests_new_reports) "
                    "SELECT body_id, max(body), max(province), max(level), count(*), min(year), max(year), "
                    "sum(requests_new), count(requests_new) FROM headline GROUP BY body_id ORDER BY body_id")


def refresh_crawl_runs(db, store) -> None:
    """Copy the store's runs and failures; nightly columns of ``crawl_runs`` are kept.

    :param db: a ``sqlite_utils.Database``.
    :param store: a :class:`store.RawStore`.
    """
    failures = store.failures()
    per_run: dict = {}
    for f in failures:
        per_run[f.get("run_id")] = per_run.get(f.get("run_id"), 0) + 1
    # an upsert sets only the columns given: the nightly job's columns stay
    db["crawl_runs"].upsert_all(
        [{"id": run["id"], "portal": run.get("portal"), "started_at": run.get("started_at"),
          "finished_at": run.get("finished_at"),
          "stats": json.dumps(run.get("stats") or {}, ensure_ascii=False, sort_keys=True),
          "failures": per_run.get(run["id"], 0)} for run in store.runs()], pk="id")
    db["crawl_failures"].delete_where()
    db["crawl_failures"].insert_all(
        [{"id": f.get("id"), "url": f["url"], "portal": f.get("portal"), "run_id": f.get("run_id"), "at": f.get("at"),
          "status": f.get("status"), "reason": f.get("reason")} for f in failures])


def record_nightly(db, run_id: str, status: str, summary: dict | None = None, published_at: str | None = None) -> None:
    """Write the nightly job's outcome on a crawl run (created if the store has not listed it).

    :param db: a ``sqlite_utils.Database``.
    :param run_id: the crawl run the nightly job belongs to.
    :param status: e.g. ``ok``, ``failed``, ``partial``.
    :param summary: counts and notes, stored as JSON.
    :param published_at: when the archive was published, if it was.
    """
    db["crawl_runs"].upsert({"id": run_id, "nightly_status": status, "published_at": published_at,
                             "nightly_summary": json.dumps(summary or {}, ensure_ascii=False, sort_keys=True)},
                            pk="id")
    db.conn.commit()


def last_due_year(as_of: str, level: str | None = None) -> int:
    """The latest report year that is due by ``as_of`` for a body of ``level`` (Art. 49, :mod:`archive.deadlines`)."""
    return deadlines.last_expected_year(as_of, level)


def registry_sites() -> dict:
    """The shipped site registry (``crawler/sites.csv``) by portal name; empty when it
    cannot be read (the archive then files no sites and expects governments only)."""
    try:
        from crawler.registry import read_sites

        return read_sites()
    except Exception:  # noqa: BLE001 - no registry: an empty one
        return {}


def refresh_sites(db, store, sites: dict | None = None) -> int:
    """Recompute ``sites``: the site registry's rows, each with the site codes its crawled
    pages stated and whether they fit the row (:func:`crawler.registry.check_identity`).

    :param db: a ``sqlite_utils.Database``.
    :param store: the raw store (its fetches' ``site_code``).
    :param sites: portal name → :class:`crawler.registry.Site`; default: ``crawler/sites.csv``.
    :return: the number of rows.
    """
    from crawler.recognition import SiteIdentity
    from crawler.registry import check_identity

    sites = registry_sites() if sites is None else sites
    seen = store.site_codes()
    rows = []
    for name, site in sorted(sites.items()):
        codes = sorted(seen.get(name, ()))
        checks = []
        for code in codes:
            check = check_identity(site, SiteIdentity(code, None, None, None, None))
            if check.status != "agrees":
                checks.append(f"{check.status}: {check.reason}")
        row = dict(site.to_row())
        row["seen_site_codes"] = json.dumps(codes)
        row["identity_check"] = ("; ".join(checks) or "ok") if codes else None
        rows.append(row)
    db["sites"].delete_where()
    if rows:
        db["sites"].insert_all(rows)
    return len(rows)


def refresh_source_health(db, store) -> int:
    """Recompute ``source_health``: each portal's state after each of its crawl runs
    (:func:`crawler.health.assess` on the runs up to that one), with the change.

    :param db: a ``sqlite_utils.Database``.
    :param store: the raw store (its ``runs`` and ``failures``).
    :return: the number of rows.
    """
    from crawler.health import assess, runs_from_rows

    try:
        from crawler.profiles import load_profiles

        profiles = load_profiles()
    except Exception:  # noqa: BLE001 - states then go without start URLs
        profiles = {}
    runs = store.runs()
    started = {r["id"]: r["started_at"] for r in runs}
    rows = []
    for portal, history in sorted(runs_from_rows(runs, store.failures()).items()):
        start_urls = getattr(profiles.get(portal), "start_urls", ()) or ()
        for n in range(1, len(history) + 1):
            health = assess(history[:n], start_urls=start_urls)
            rows.append({"portal": portal, "run_id": health.run_id, "at": started.get(health.run_id),
                         "state": health.state, "reason": health.reason, "changed": int(health.changed),
                         "previous_state": health.previous_state, "reports_listed": health.reports_listed,
                         "new": health.new, "failed": health.failed})
    db["source_health"].delete_where()
    if rows:
        db["source_health"].insert_all(rows)
    return len(rows)


def _government_name(division) -> str:
    """The people's government of a division, named with its parent where names repeat
    (``西安市长安区人民政府``, ``深圳市人民政府``, ``广东省人民政府``)."""
    from extract import divisions

    if division.level == "county" and division.parent:
        parent = divisions.get(division.parent)
        if parent is not None:
            return f"{parent.name}{division.name}人民政府"
    return f"{division.name}人民政府"


def expected_bodies(db, sites: dict | None = None) -> dict[int, str]:
    """The bodies a named source says must publish a report every year, with that source.

    Article 49 of the Regulation obliges every people's government at county level and
    above: those of every current province, prefecture city and county of the GB/T 2260
    table (:mod:`extract.divisions`) are expected; a government already in ``bodies``
    (same division code and level, a name ending in 政府) is that body, otherwise a body
    row is added. Departments, zones and townships are expected only where the site
    registry (``crawler/sites.csv``) lists them as a site's owner.

    :param db: a ``sqlite_utils.Database`` with the archive tables.
    :param sites: portal name → :class:`crawler.registry.Site`; default: the shipped registry.
    :return: body id → its source, in words.
    """
    from extract import divisions
    from archive.bodies import LEVELS

    existing, by_name = {}, {}
    for row in db["bodies"].rows_where(select="id, name, level, division_code"):
        by_name[row["name"]] = row["id"]
        if row["division_code"] and row["level"] in ("province", "city", "county") and row["name"].endswith("政府"):
            existing.setdefault((row["division_code"], row["level"]), row["id"])
    source = f"GB/T 2260 division table, edition {divisions.EDITION} (Art. 49: people's governments)"
    expected, new = [], {}  # body id or, for a government not yet in bodies, its name
    for division in divisions.divisions().values():
        if not division.current:
            continue
        body_id = existing.get((division.code, division.level))
        if body_id is None:
            name = _government_name(division)
            body_id = by_name.get(name)
        if body_id is None and name not in new:
            chain = {d.level: d.name for d in divisions.ancestors(division.code)}
            new[name] = {"name": name, "level": division.level, "level_zh": LEVELS[division.level][0],
                         "province": chain.get("province"), "city": chain.get("city"), "county": chain.get("county"),
                         "division_code": division.code}
        expected.append(name if body_id is None else body_id)
    if new:
        db["bodies"].insert_all(new.values())
        by_name.update((r["name"], r["id"]) for r in db["bodies"].rows_where(select="id, name") if r["name"] in new)
    out: dict[int, str] = {}
    for body in expected:
        out[by_name[body] if isinstance(body, str) else body] = source
    sites = registry_sites() if sites is None else sites
    filing = Filing(db)
    for name, site in sorted(sites.items()):
        if site.body:
            out.setdefault(filing.body_id(site.body, name), f"site registry: {name}")
    filing.flush()
    return out


def refresh_coverage(db, urls: Iterable[dict] = (), portals: Iterable = (), as_of: str | None = None,
                     first_year: int | None = None, crawled: Iterable[str] = (), sites: dict | None = None) -> int:
    """Recompute ``coverage``: a row for every report found, and for every year a body
    a named source says must publish (:func:`expected_bodies`: the governments of the
    division table, the registry's sites, a crawled portal profile's body) has none.

    Every row names its ``source``. Years run from ``first_year`` (default: the earliest
    report year) to the last year whose report is due by ``as_of`` (default: the latest
    fetch time, so the table depends only on the input), or the body's latest report if
    later.

    :param db: a ``sqlite_utils.Database``.
    :param urls: the raw store's URL states (``RawStore.urls()``), for removals.
    :param portals: portal profiles (objects or dicts with ``name``, ``body``, ``region``).
    :param as_of: ISO date the coverage is judged at.
    :param first_year: first year to cover.
    :param crawled: the portals the store has crawled: a body is ``watched`` when a
        crawled portal is its own (its reports were found there, or the registry or a
        profile files the portal under it) or serves its division's government; only a
        watched body's missing report is news.
    :param sites: the site registry (:func:`registry_sites`, read once per build).
    """
    crawled = set(crawled)
    profile_bodies = {}
    filing = Filing(db)
    for portal in portals:
        get = portal.get if isinstance(portal, dict) else (lambda k, p=portal: getattr(p, k, None))
        if get("body"):
            profile_bodies[filing.body_id(get("body"), get("name"), get("region"))] = f"portal profile: {get('name')}"
    filing.flush()
    # raw (here and below): aggregates and a join
    if as_of is None:
        as_of = db.execute("SELECT max(fetched_at) FROM document_fetches").fetchone()[0]
    if first_year is None and as_of is not None:
        first_year = db.execute("SELECT min(year) FROM reports").fetchone()[0]
    if as_of is None or first_year is None:
        db["coverage"].delete_where()
        return 0
    removed = {u["url"]: u.get("removed_at") for u in urls if u.get("removed_at")}
    portal_first = dict(db.execute("SELECT portal, min(fetched_at) FROM document_fetches GROUP BY portal"))
    reports = {}
    for row in db.execute(
            "SELECT r.body_id, r.year, r.id, r.published, r.url, min(f.fetched_at), max(d.superseded), b.portal "
            "FROM reports r JOIN bodies b ON b.id = r.body_id JOIN documents d ON d.report_id = r.id "
            "JOIN document_fetches f ON f.document_id = d.id GROUP BY r.id"):
        reports[(row[0], row[1])] = row
    latest_by_body: dict = {}
    for body_id, year in reports:
        latest_by_body[body_id] = max(year, latest_by_body.get(body_id, year))
    sites = registry_sites() if sites is None else sites
    sources = {**profile_bodies, **expected_bodies(db, sites)}
    watched_divisions = {site.division_code for name, site in sites.items() if name in crawled and site.division_code}
    rows = []
    for body in list(db["bodies"].rows_where(select="id, portal, level, division_code", order_by="id")):
        body_id, portal, level, division_code = body["id"], body["portal"], body["level"], body["division_code"]
        source = sources.get(body_id)
        watched = int(portal in crawled or (level in ("province", "city", "county")
                                            and division_code in watched_divisions))
        last_year = last_due_year(as_of, level)
        end = max(last_year, latest_by_body.get(body_id, last_year))
        for year in range(first_year, end + 1):
            hit = reports.get((body_id, year))
            if hit is None:
                if source is None:
                    continue  # no source says this body must publish: absence is not missing
                judged = deadlines.lateness(level, year)
                rows.append((body_id, year, 0, None, judged.due, judged.rule, None, None, None, None, None, None,
                             None, source, watched))
                continue
            _, _, report_id, published, url, first_seen, superseded, _ = hit
            judged = deadlines.lateness(level, year, published, first_seen, portal_first.get(portal))
            rows.append((body_id, year, 1, report_id, judged.due, judged.rule, first_seen, published, judged.late,
                         judged.days_late, judged.basis, superseded, removed.get(url), source or "report found",
                         watched))
    _replace_rows(db, "coverage", _COVERAGE_COLUMNS, ("body_id", "year"), rows)
    return len(rows)


def _replace_rows(db, table: str, columns: tuple, key: tuple, rows: list[tuple]) -> None:
    """Make ``table`` hold exactly ``rows`` (tuples in ``columns`` order), writing only rows
    that differ: those gone are deleted on ``key``, new and changed ones replaced.

    A rebuilt table is mostly what it was (a nightly run adds a year's reports), and
    rewriting its ~15,000 rows cost more than reading and comparing them.
    """
    positions = [columns.index(k) for k in key]
    new = {tuple(row[i] for i in positions): row for row in rows}
    old = {tuple(r[k] for k in key): tuple(r[c] for c in columns)
           for r in db[table].rows_where(select=", ".join(f"[{c}]" for c in columns))}
    gone = [k for k in old if k not in new]
    marks = "(" + ", ".join("?" * len(key)) + ")"
    for start in range(0, len(gone), 200):
        part = gone[start:start + 200]
        db[table].delete_where(f"({', '.join(key)}) IN (VALUES {', '.join([marks] * len(part))})",
                               [v for k in part for v in k])
    changed = [row for k, row in new.items() if old.get(k) != row]
    if changed:
        insert_rows(db, table, list(columns), changed, replace=True)


_COVERAGE_COLUMNS = ("body_id", "year", "found", "report_id", "due", "due_rule", "first_seen", "published", "late",
                     "days_late", "late_basis", "changed", "removed_at", "source", "watched")


# --- the build ----------------------------------------------------------------------

def _default_records(store):
    from extract import EXTRACTOR_VERSION
    from extract.api import output_settings
    from store import RecordStore

    return RecordStore.beside(store.root, EXTRACTOR_VERSION, output_settings(True))


def _portal_profiles():
    """Portal profiles shipped in ``crawler/portals`` (none if they cannot be read)."""
    try:
        from crawler.profiles import load_profiles

        return list(load_profiles().values())
    except Exception:  # noqa: BLE001 - coverage then rests on the store alone
        return []


def build_archive(db, store, records=None, progress: Callable[[int, int], None] | None = None, *,
                  portals: Iterable | None = None, regions: dict | None = None, as_of: str | None = None,
                  first_year: int | None = None, batch: int = 500) -> BuildStats:
    """Build or update the archive in ``db`` from a raw store and its extraction records.

    Files already filed with the records' extractor version are skipped; the others are
    filed with their record (:func:`upsert_record`); a file without a record yet is
    counted (``BuildStats.missing_records``) and filed by a later build. Then year-chain
    breaches, crawl runs and coverage are recomputed. A record that says extraction
    failed is filed with its error (``documents.error``, ``BuildStats.errors``) and the
    build goes on.

    :param db: a ``sqlite_utils.Database`` (tables created if missing).
    :param store: a :class:`store.RawStore` or its directory.
    :param records: a :class:`store.RecordStore`; default: the store's ``records.db`` for
        the installed extractor version with OCR on.
    :param progress: called as ``progress(done, total)`` while files are filed.
    :param portals: portal profiles (``name``, ``body``, ``region``) for coverage;
        default: those in ``crawler.portals``.
    :param regions: portal name → place, to resolve bodies' places; default from ``portals``.
    :param as_of: ISO date coverage is judged at (default: the latest fetch).
    :param first_year: first year of coverage (default: the earliest report).
    :param batch: files per commit.
    :raises ArchiveError: ``store`` is not a raw store.
    """
    from store import RawStore

    started = time.monotonic()
    if not isinstance(store, RawStore):
        if not RawStore.exists(store):
            raise ArchiveError(f"not a raw store (no store.db): {store}")
        store = RawStore(store)
    records = records if records is not None else _default_records(store)
    version = records.version
    portals = list(portals) if portals is not None else _portal_profiles()
    crawled = store.portals()
    regions = dict(regions or {})
    for p in portals:
        get = p.get if isinstance(p, dict) else (lambda k, p=p: getattr(p, k, None))
        if get("name") and get("region"):
            regions.setdefault(get("name"), get("region"))

    fresh = not db["documents"].exists() or db["documents"].count == 0
    ensure_schema(db)
    # raw: sqlite-utils has no setting for these pragmas (bulk load: no fsync, a large page cache)
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -400000")
    db.execute("PRAGMA temp_store = MEMORY")
    if fresh:
        tables.drop_indexes(db)
        tables.create_indexes(db, ("documents_report", "documents_url", "sections_report", "findings_report"))
    # files that failed keep their error until a new extractor version tries them again
    known = {r["sha256"]: r["extractor_version"]
             for r in db["documents"].rows_where(select="sha256, extractor_version")}
    # raw: a join
    fetched = {r[0] for r in db.execute("SELECT d.sha256 || ' ' || f.url || ' ' || f.fetched_at "
                                        "FROM document_fetches f JOIN documents d ON d.id = f.document_id")}
    stats = BuildStats()
    files = list(store.files())
    stats.files = len(files)
    todo, refetched = [], []
    for stored in files:
        if known.get(stored.sha256) == version:
            if f"{stored.sha256} {stored.url} {stored.fetched_at}" not in fetched:
                refetched.append(stored)  # the same bytes fetched again, elsewhere: no new extraction
            stats.unchanged += 1
            continue
        todo.append(stored)
    for start in range(0, len(refetched), batch):
        with db.atomic():
            filing = Filing(db, records)
            filing.prepare((stored, None) for stored in refetched[start:start + batch])
            for stored in refetched[start:start + batch]:
                filing.fetch(stored)
            filing.flush()
        db.conn.commit()

    done = 0
    for start in range(0, len(todo), batch):
        chunk = todo[start:start + batch]
        done += len(chunk)
        items = []
        for stored in chunk:
            record = records.get(stored.sha256)
            if record is None:
                stats.missing_records += 1
            else:
                items.append((stored, record))
        for stored, prior, error in _file_batch_safely(db, items, records, version, regions, known):
            if error:
                stats.errors.append({"url": stored.url, "sha256": stored.sha256, "error": error})
            elif prior is None:
                stats.extracted += 1
            else:
                stats.reextracted += 1
        db.conn.commit()
        if progress:
            progress(done, len(todo))

    tables.create_indexes(db)
    sites = registry_sites()
    # a profile counts for coverage once its portal has been crawled
    crawled_profiles = [p for p in portals
                        if (p.get("name") if isinstance(p, dict) else getattr(p, "name", None)) in crawled]
    refresh_year_chain(db)
    refresh_totals(db)
    refresh_crawl_runs(db, store)
    refresh_sites(db, store, sites)
    refresh_source_health(db, store)
    refresh_coverage(db, store.urls(), crawled_profiles, as_of=as_of, first_year=first_year, crawled=crawled,
                     sites=sites)
    db.conn.commit()
    db.execute("PRAGMA synchronous = FULL")  # raw: no sqlite-utils setting for it
    stats.reports = db["reports"].count
    stats.documents = db["documents"].count
    stats.figures = db["figures"].count
    stats.seconds = round(time.monotonic() - started, 3)
    return stats


def open_archive(path: str | os.PathLike):
    """Open (creating if needed) an archive database file with its tables.

    :param path: the SQLite file, e.g. ``archive.db``.
    """
    import sqlite_utils

    db = sqlite_utils.Database(path)
    ensure_schema(db)
    return db
