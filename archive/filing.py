"""Filing stored files and their extraction records in the archive, a batch at a time.

A :class:`Filing` reads what a batch of files needs with a few ``rows_where`` queries
(the files' documents, the documents at their URLs, their bodies, those bodies'
reports and every document of those reports), files each file in memory in the order
given, taking the decisions one file at a time would take against the rows as the
earlier files left them, and writes each table once with sqlite-utils
(:meth:`Filing.flush`): ``upsert_all`` for documents, bodies and reports,
``insert_all`` for fetches and report content, ``delete_where`` for the content of
reports filed again.

Row ids are given as SQLite gives them to rows inserted one after another: a new row
takes the largest id of its table plus one (``documents``, ``reports``, ``bodies`` and
``findings`` have ``INTEGER PRIMARY KEY`` without ``AUTOINCREMENT``), so a batch writes
the same rows as filing its files one by one.

A report's figures, wide-table rows, sections and findings come from one document,
its *current document*: among the report's documents, the latest version at its URL,
with figures, read by the current extractor, with the most figures, fetched last.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from sqlite_utils.utils import sqlite3

from archive import fts, tables
from archive.bodies import classify_body
from extract import schema

#: values per ``IN (...)`` list: below SQLite's oldest limit of 999 variables
_IN_CHUNK = 500
#: rows per INSERT statement sqlite-utils writes (it caps this at 999 values a statement)
_BATCH_SIZE = 10_000
#: Python types SQLite binds; any other value in a record fails its file, as it fails the statement
_SCALARS = frozenset({int, float, str, bool, bytes, type(None)})

_FIGURE_KEYS = frozenset(schema.FIGURES)
#: a figure row; the last six columns (where it was printed) are left off when unknown
_FIGURE_COLUMNS = ["report_id", "key", "value", "printed_as", "document_id", "extractor_version",
                   "page", "table_no", "row_no", "col_no", "box", "confidence"]
_T2_KEYS = [(s.key, tables.wide_column(s.key)) for s in tables.T2_FIGURES]
_T4_KEYS = [(s.key, tables.wide_column(s.key)) for s in tables.T4_FIGURES]
_T2_COLUMNS = ["report_id", "generation"] + [c for _, c in _T2_KEYS]
_T4_COLUMNS = ["report_id"] + [c for _, c in _T4_KEYS]
_T3_COLUMN_KEYS = list(schema.T3_COLUMN_KEYS)
_T3_COLUMNS = ["report_id", "row_key", "position", "label"] + _T3_COLUMN_KEYS
_HEADLINE_FIGURES = list(tables.HEADLINE)
_HEADLINE_COLUMNS = (["report_id", "body_id", "body", "province", "level", "year", "generation"]
                     + _HEADLINE_FIGURES + ["findings", "reconciled"])
_FINDING_COLUMNS = ["id", "report_id", "document_id", "rule", "detail", "cells", "status", "extractor_version"]
_SECTION_COLUMNS = ["id", "report_id", "document_id", "number", "heading", "text"]
_FETCH_COLUMNS = ["document_id", "url", "fetched_at", "portal", "warc_file", "warc_record_id"]
#: tables holding a report's content, deleted when the report is filed again
CONTENT_TABLES = ("sections", "figures", "t2", "t3", "t4", "headline", "findings")
#: a document's first fetch stays its URL and time; filing again refreshes the extraction only
_FIRST_FETCH = ("url", "fetched_at", "raw_path", "warc_file", "warc_record_id", "portal", "page_url", "role",
                "listed_title", "profile_body")


def figures_of(record: dict | None) -> dict:
    """The record's canonical figures as SQLite stores them (unknown keys and non-numbers left out)."""
    out = {}
    for key, value in ((record or {}).get("figures") or {}).items():
        if key in _FIGURE_KEYS:
            value = _num(value)
            if value is not None:
                out[key] = value
    return out


def _num(value):
    """A figure value as SQLite stores it: ints stay ints, integral floats become ints."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2 ** 53:
        return int(value)
    return value


def _bindable(conn, values) -> None:
    """Raise what the SQLite driver raises binding ``values`` to a statement, if it does (a
    list or object from a record's JSON): the file fails as the statement it replaces did.

    :param conn: the archive's connection.
    :param values: the statement's parameters, in order.
    """
    values = list(values)
    if all(type(v) in _SCALARS for v in values):
        return
    # raw: the driver words the error (which parameter, what type) as it did for the statement
    conn.execute(f"SELECT {', '.join('?' * len(values))}", values)


def _place(cell: dict) -> tuple:
    box = cell.get("box")
    return (cell.get("page"), cell.get("table"), cell.get("row"), cell.get("col"),
            json.dumps([round(float(v), 2) for v in box]) if box else None, cell.get("confidence"))


def insert_rows(db, table: str, columns: list, rows: list, **options) -> None:
    """Insert ``rows`` (tuples in ``columns`` order, shorter ones ending in NULLs) with
    ``insert_all``, each row naming only the columns it gives a value.

    Rows are grouped by the columns they fill and each group is written with those
    columns: the columns left out take NULL, as the table declares no default for them
    (a column with a default is always written). Binding ``None`` costs the sqlite3
    driver an adapter lookup (~1 µs, as much as writing a row of six values), and a
    figure row without its place would bind six.

    :param db: a ``sqlite_utils.Database``.
    :param table: the table.
    :param columns: column names, in the order of the rows' values.
    :param rows: tuples of values.
    :param options: more ``insert_all`` keywords (``ignore``, ``replace``).
    """
    defaults = db[table].default_values
    always = tuple(c in defaults for c in columns)
    groups: dict[tuple, list] = {}
    for row in rows:
        shape = tuple(v is not None or a for v, a in zip(row, always))
        groups.setdefault(shape, []).append(row)
    for shape, group in groups.items():
        if all(shape) and len(shape) == len(columns):
            db[table].insert_all([columns, *group], batch_size=_BATCH_SIZE, **options)
            continue
        keep = [i for i, filled in enumerate(shape) if filled]
        db[table].insert_all([[columns[i] for i in keep], *([row[i] for i in keep] for row in group)],
                             batch_size=_BATCH_SIZE, **options)


def _rank(value) -> tuple:
    """Sort key of a value as SQLite orders it: NULL below everything."""
    return (0,) if value is None else (1, value)


def relative_raw_path(path) -> str:
    """A stored file's path from the raw store's ``objects`` directory on (as ``documents.raw_path`` keeps it)."""
    parts = Path(path).parts
    if "objects" in parts:
        return "/".join(parts[parts.index("objects"):])
    return str(path)


def _store_root(path) -> Path | None:
    parts = Path(path).parts
    if "objects" in parts:
        return Path(*parts[:parts.index("objects")])
    return None


def _body_name(name) -> str:
    return "".join((name or "").split())


class Filing:
    """Files a batch of stored files: reads once per batch, decides per file, writes once per table.

    Use :meth:`prepare` with the batch's files and records (optional: lookups it
    missed are made one by one), then :meth:`file` for each file in order (or
    :meth:`fetch` for a file already filed), then :meth:`flush`, inside one
    transaction. Nothing is written before :meth:`flush`.

    :param db: a ``sqlite_utils.Database`` with the archive tables.
    :param records: where the records of other documents of a report are looked up by
        sha256 (:class:`store.RecordStore`, or any object with ``get(sha256)``); optional.
    """

    def __init__(self, db, records=None):
        self.db = db
        self.records = records
        self.docs: dict[int, dict] = {}
        self._doc_of_sha: dict[str, int] = {}
        self._shas_read: set[str] = set()
        #: URL → ids of the documents first fetched there (for URLs read)
        self._docs_at_url: dict[str, set[int]] = {}
        #: report id → ids of its documents (for reports whose documents were read)
        self._docs_of_report: dict[int, set[int]] = {}
        self.bodies: dict[int, dict] = {}
        self._body_of_name: dict[str, int] = {}
        self._names_read: set[str] = set()
        self._bodies_with_reports: set[int] = set()
        self.reports: dict[int, dict] = {}
        self._report_of: dict[tuple[int, int], int] = {}
        self._changed: dict[str, set[int]] = {"bodies": set(), "reports": set(), "documents": set()}
        self._new_reports: set[int] = set()
        self._next_ids: dict[str, int] = {}
        self._fetches: list[tuple] = []
        self._rules: dict[str, dict] = {}
        #: report id → table → rows written for it in this batch
        self._content: dict[int, dict[str, list]] = {}
        #: reports whose stored content is deleted (they were filed again)
        self._cleared: set[int] = set()
        # findings ids: the largest stored id not deleted (read downwards as reports are cleared)
        # and the ids given in this batch, in order, with the clearing generation of their report
        self._stored_findings = None
        self._stored_top: tuple | None = None
        self._given_findings: list[tuple[int, int, int]] = []
        self._generation: dict[int, int] = {}
        self._figures_memo: tuple = (None, None)
        self._columns: dict[str, list[str]] = {}

    # --- reading -------------------------------------------------------------------

    def _where_in(self, table: str, column: str, values: Iterable, select: str = "*"):
        values = list(values)
        for start in range(0, len(values), _IN_CHUNK):
            part = values[start:start + _IN_CHUNK]
            yield from self.db[table].rows_where(f"[{column}] in ({', '.join('?' * len(part))})", part,
                                                 select=select)

    def _add_doc(self, row: dict) -> dict:
        known = self.docs.get(row["id"])
        if known is not None:
            return known  # the batch may have changed it: the row in memory wins
        self.docs[row["id"]] = row
        self._doc_of_sha[row["sha256"]] = row["id"]
        at_url = self._docs_at_url.get(row["url"])
        if at_url is not None:
            at_url.add(row["id"])
        return row

    def _read_shas(self, shas: Iterable[str]) -> None:
        todo = [s for s in set(shas) if s not in self._shas_read]
        self._shas_read.update(todo)
        for row in self._where_in("documents", "sha256", todo):
            self._add_doc(row)

    def _read_urls(self, urls: Iterable[str]) -> None:
        todo = [u for u in set(urls) if u not in self._docs_at_url]
        for url in todo:
            self._docs_at_url[url] = set()
        for row in self._where_in("documents", "url", todo):
            self._docs_at_url[row["url"]].add(self._add_doc(row)["id"])

    def _add_report(self, row: dict) -> None:
        if row["id"] not in self.reports:
            self.reports[row["id"]] = row
            self._report_of[(row["body_id"], row["year"])] = row["id"]

    def _read_report_documents(self, report_ids: Iterable[int]) -> None:
        todo = [r for r in set(report_ids) if r not in self._docs_of_report]
        for report_id in todo:
            self._docs_of_report[report_id] = set()
        for row in self._where_in("documents", "report_id", todo):
            doc = self._add_doc(row)
            if doc["report_id"] == row["report_id"]:
                self._docs_of_report[row["report_id"]].add(doc["id"])

    def _read_reports(self, report_ids: Iterable[int]) -> None:
        todo = [r for r in set(report_ids) if r is not None and r not in self.reports]
        for row in self._where_in("reports", "id", todo):
            self._add_report(row)
        self._read_bodies_by_id({self.reports[r]["body_id"] for r in todo if r in self.reports})
        self._read_report_documents(todo)

    def _add_body(self, row: dict) -> None:
        if row["id"] not in self.bodies:
            self.bodies[row["id"]] = row
            self._body_of_name[row["name"]] = row["id"]

    def _read_bodies_by_id(self, body_ids: Iterable[int]) -> None:
        for row in self._where_in("bodies", "id", [b for b in set(body_ids) if b not in self.bodies]):
            self._add_body(row)

    def _read_names(self, names: Iterable[str]) -> None:
        todo = [n for n in set(names) if n not in self._names_read]
        self._names_read.update(todo)
        for row in self._where_in("bodies", "name", todo):
            self._add_body(row)
        ids = [self._body_of_name[n] for n in todo if n in self._body_of_name]
        ids = [b for b in ids if b not in self._bodies_with_reports]
        self._bodies_with_reports.update(ids)
        read = []
        for row in self._where_in("reports", "body_id", ids):
            self._add_report(row)
            read.append(row["id"])
        self._read_report_documents(read)

    def prepare(self, items: Iterable[tuple]) -> None:
        """Read in bulk what filing ``items`` will look up.

        :param items: ``(stored file, record or None)`` pairs.
        """
        items = list(items)
        self._read_shas(stored.sha256 for stored, _ in items)
        self._read_urls(stored.url for stored, _ in items)
        names = set()
        for stored, record in items:
            name = (record or {}).get("agency") or stored.body
            if isinstance(name, str):
                names.add(_body_name(name))
        self._read_names(names)
        self._read_reports(self.docs[self._doc_of_sha[stored.sha256]]["report_id"]
                           for stored, _ in items if stored.sha256 in self._doc_of_sha)

    def _doc(self, sha256: str) -> dict | None:
        self._read_shas((sha256,))
        doc_id = self._doc_of_sha.get(sha256)
        return None if doc_id is None else self.docs[doc_id]

    def _empty_row(self, table: str) -> dict:
        if table not in self._columns:
            self._columns[table] = list(self.db[table].columns_dict)
        return dict.fromkeys(self._columns[table])

    def _new_id(self, table: str) -> int:
        if table not in self._next_ids:
            top = next(self.db[table].rows_where(select="max(id) AS top"))["top"]
            self._next_ids[table] = (top or 0) + 1
        self._next_ids[table] += 1
        return self._next_ids[table] - 1

    # --- filing, one file at a time, in memory ---------------------------------------------

    def body_id(self, name: str, portal: str | None = None, region: str | None = None) -> int:
        """Id of the body called ``name``, creating it (classified by name) if new; a body
        without a portal takes ``portal``.

        :param name: the body's name (white space is dropped).
        :param portal: the portal its reports were found on.
        :param region: the portal's place, used to resolve the body's place.
        """
        name = _body_name(name)
        self._read_names((name,))
        body_id = self._body_of_name.get(name)
        if body_id is not None:
            body = self.bodies[body_id]
            if portal and body["portal"] is None:
                body["portal"] = portal
                self._changed["bodies"].add(body_id)
            return body_id
        info = classify_body(name, region)
        body_id = self._new_id("bodies")
        self._add_body({"id": body_id, "name": name, "level": info.level, "level_zh": info.level_zh,
                        "province": info.province, "city": info.city, "county": info.county,
                        "division_code": info.division_code, "portal": portal})
        self._bodies_with_reports.add(body_id)  # a new body has no reports yet
        self._changed["bodies"].add(body_id)
        return body_id

    def fetch(self, stored) -> None:
        """Add a fetch of an archived document (the same bytes fetched again, elsewhere or later)."""
        doc = self._doc(stored.sha256)
        self._record_fetch(stored, doc["id"] if doc else None)

    def _record_fetch(self, stored, doc_id: int | None) -> None:
        """A later different file at a URL supersedes the documents first fetched there before it."""
        self._fetches.append((doc_id, stored.url, stored.fetched_at, stored.portal, stored.warc_file,
                              stored.warc_record_id))
        self._read_urls((stored.url,))
        docs = [self.docs[i] for i in self._docs_at_url[stored.url]]
        if len(docs) < 2:
            return
        for doc in docs:
            at = doc["fetched_at"]
            later = int(at is not None and any(other["fetched_at"] is not None and other["fetched_at"] > at
                                               and other["sha256"] != doc["sha256"] for other in docs))
            if doc["superseded"] != later:
                doc["superseded"] = later
                self._changed["documents"].add(doc["id"])

    def _figures(self, record: dict) -> dict:
        if self._figures_memo[0] is not record:
            self._figures_memo = (record, figures_of(record))
        return self._figures_memo[1]

    def _upsert_document(self, stored, record: dict | None, error: str | None, extractor_version: str) -> int:
        record = record or {}
        values = dict(
            sha256=stored.sha256, url=stored.url,
            kind=record.get("kind"), content_type=stored.content_type, size=stored.size,
            fetched_at=stored.fetched_at, raw_path=relative_raw_path(stored.path),
            warc_file=stored.warc_file, warc_record_id=stored.warc_record_id, portal=stored.portal,
            page_url=stored.page_url, role=stored.role, published=record.get("published") or stored.published,
            title=record.get("title") or stored.title, listed_title=stored.title, profile_body=stored.body,
            is_report=None if error else int(bool(record.get("is_report"))),
            format=record.get("format"), figure_count=len(self._figures(record)) if record else 0,
            extractor_version=record.get("extractor_version") or extractor_version,
            warnings=json.dumps(record.get("warnings") or [], ensure_ascii=False),
            error=error,
        )
        doc = self._doc(stored.sha256)
        if doc is None:
            _bindable(self.db.conn, values.values())
            self._read_urls((stored.url,))
            doc = self._empty_row("documents")
            doc.update(values, id=self._new_id("documents"), superseded=0)
            self._add_doc(doc)
        else:
            for keep in _FIRST_FETCH:
                values.pop(keep)
            _bindable(self.db.conn, values.values())
            doc.update(values)
        self._changed["documents"].add(doc["id"])
        self._record_fetch(stored, doc["id"])
        return doc["id"]

    def _set_document_report(self, doc_id: int, report_id: int | None) -> None:
        doc = self.docs[doc_id]
        if doc["report_id"] in self._docs_of_report:
            self._docs_of_report[doc["report_id"]].discard(doc_id)
        if report_id is not None:
            self._read_report_documents((report_id,))
            self._docs_of_report[report_id].add(doc_id)
        doc["report_id"] = report_id
        self._changed["documents"].add(doc_id)

    def _choose_current(self, report_id: int, extractor_version: str) -> int | None:
        """The report's current document: not failed, then in this order, the latest version at
        its URL, with figures, read by ``extractor_version``, with the most figures, fetched last,
        the largest sha256."""
        best, best_key = None, None
        for doc_id in self._docs_of_report[report_id]:
            doc = self.docs[doc_id]
            if doc["error"] is not None:
                continue
            count, version = doc["figure_count"], doc["extractor_version"]
            key = (-doc["superseded"], _rank(None if count is None else int(count > 0)),
                   _rank(None if version is None else int(version == extractor_version)),
                   _rank(count), _rank(doc["fetched_at"]), doc["sha256"])
            if best_key is None or key > best_key:
                best, best_key = doc_id, key
        return best

    def file(self, stored_file, record: dict | None, *, error: str | None = None,
             extractor_version: str | None = None, region: str | None = None) -> int:
        """File one stored file and its extraction record; return the document id.

        The document row is upserted on its sha256. When the record is a report with a
        body and a year, the report (body, year) is created or found, and if this document
        is now the report's current document, the report's figures, wide-table rows,
        sections and findings are replaced by the record's. If another document of the
        report becomes current instead, its record is taken from ``records``.

        :param stored_file: a :class:`store.StoredFile`.
        :param record: the extractor's record for the file (``None`` if extraction failed).
        :param error: why extraction failed, if it did.
        :param extractor_version: the version the archive is being built with.
        :param region: the portal's place, to resolve the body's place.
        :raises sqlite3.InterfaceError: a value of the record SQLite cannot store (a list
            where a number belongs; the driver's error).
        :raises sqlite3.IntegrityError: two sections of one number.
        :raises ValueError: a year or section number that is no number.
        """
        version = extractor_version or (record or {}).get("extractor_version") or ""
        if record is not None and record.get("error") and not error:
            error = str(record["error"])
        doc = self._doc(stored_file.sha256)
        if doc is not None and doc["extractor_version"] == version:
            self._record_fetch(stored_file, doc["id"])  # already filed with this version: only the fetch may be new
            return doc["id"]
        previous_report = doc["report_id"] if doc is not None else None
        doc_id = self._upsert_document(stored_file, record, error, version)
        # the report's own words first; the portal profile's body only when it names none
        body_name = (record or {}).get("agency") or stored_file.body
        year = (record or {}).get("year") or stored_file.year
        if not error and record and record.get("is_report") and not (body_name and year):
            error = "report without " + ("body" if not body_name else "year")
            self.docs[doc_id]["error"] = error
        if error or not record or not record.get("is_report"):
            if previous_report is not None:  # filed again, it is no longer (this) report
                self._detach(doc_id, previous_report, stored_file, version)
            return doc_id
        body_id = self.body_id(body_name, stored_file.portal, region)
        year = int(year)
        report_id = self._report_of.get((body_id, year))
        if report_id is None:
            report_id = self._new_id("reports")
            self._add_report(self._empty_row("reports") | {"id": report_id, "body_id": body_id, "year": year})
            self._new_reports.add(report_id)
            self._docs_of_report[report_id] = set()
            self._changed["reports"].add(report_id)
            current = None
        else:
            current = self.reports[report_id]["current_document_id"]
        if previous_report is not None and previous_report != report_id:
            self._detach(doc_id, previous_report, stored_file, version)
        self._set_document_report(doc_id, report_id)
        winner = self._choose_current(report_id, version)
        if winner == current and winner != doc_id:
            return doc_id
        if winner != doc_id:
            winner_record, winner_file = self._stored_record(winner, stored_file)
            if winner_record is None:
                return doc_id
            record, stored_file, doc_id = winner_record, winner_file, winner
        self._file_current(report_id, doc_id, stored_file, record, version, fresh=current is None)
        return doc_id

    def _detach(self, doc_id: int, report_id: int, like_file, version: str) -> None:
        """Take a document out of a report; if it was the current one, the next best takes over."""
        self._read_reports((report_id,))
        self._set_document_report(doc_id, None)
        if self.reports[report_id]["current_document_id"] != doc_id:
            return
        winner = self._choose_current(report_id, version)
        winner_record, winner_file = self._stored_record(winner, like_file) if winner else (None, None)
        if winner_record is None:
            self._clear_content(report_id)
            self.reports[report_id].update(current_document_id=None, url=None)
            self._changed["reports"].add(report_id)
            return
        self._file_current(report_id, winner, winner_file, winner_record, version, fresh=False)

    def _stored_record(self, doc_id: int, like_file):
        """Record and stored file of an already archived document, from the record store."""
        if self.records is None:
            return None, None
        row = self.docs[doc_id]
        record = self.records.get(row["sha256"])
        if record is None:
            return None, None
        root = _store_root(like_file.path)
        path = root / row["raw_path"] if root else Path(row["raw_path"])
        stored = type(like_file)(url=row["url"], sha256=row["sha256"], path=path, size=row["size"],
                                 content_type=row["content_type"], fetched_at=row["fetched_at"], portal=row["portal"],
                                 page_url=row["page_url"], title=row["listed_title"], body=row["profile_body"],
                                 year=like_file.year, published=row["published"], role=row["role"],
                                 warc_file=row["warc_file"], warc_record_id=row["warc_record_id"])
        return record, stored

    def _file_current(self, report_id, doc_id, stored_file, record, version, fresh) -> None:
        report = self.reports[report_id]
        self._read_bodies_by_id((report["body_id"],))
        body = self.bodies[report["body_id"]]
        values = {"title": record.get("title") or stored_file.title, "url": stored_file.url,
                  "published": record.get("published") or stored_file.published, "generation": record.get("format"),
                  "current_document_id": doc_id}
        _bindable(self.db.conn, values.values())
        report.update(values)
        self._changed["reports"].add(report_id)
        self._write_content(report_id, doc_id, record, version,
                            (body["id"], body["name"], body["province"], body["level"]), report["year"], fresh)

    def _clear_content(self, report_id: int) -> None:
        self._content[report_id] = {}
        self._generation[report_id] = self._generation.get(report_id, 0) + 1
        if report_id not in self._new_reports:
            self._cleared.add(report_id)

    def _finding_id(self, report_id: int) -> int:
        """The id SQLite would give a finding inserted now: the largest id still stored, plus one."""
        if self._stored_findings is None:
            self._stored_findings = self.db["findings"].rows_where(select="id, report_id", order_by="id DESC")
            self._stored_top = next(self._stored_findings, None)
        while self._stored_top is not None and self._stored_top["report_id"] in self._cleared:
            self._stored_top = next(self._stored_findings, None)
        given = self._given_findings
        while given and given[-1][2] != self._generation.get(given[-1][1], 0):
            given.pop()
        top = max(self._stored_top["id"] if self._stored_top else 0, given[-1][0] if given else 0)
        given.append((top + 1, report_id, self._generation.get(report_id, 0)))
        return top + 1

    def _write_content(self, report_id: int, doc_id: int, record: dict, extractor_version: str,
                       body_row: tuple, year: int, fresh: bool) -> None:
        """Replace a report's figures, wide rows, sections and findings with ``record``'s.

        Rows are kept table by table in the order they were inserted one statement at a
        time; a value that fails leaves the rows before it, as a failed statement did.
        """
        if not fresh:
            self._clear_content(report_id)
        content = self._content[report_id] = {}
        version = record.get("extractor_version") or extractor_version
        figures = self._figures(record)
        generation = record.get("format")
        printed = record.get("printed_as") or {}
        places = record.get(schema.CELLS_KEY) or {}

        rows = content["figures"] = []
        for key, value in figures.items():
            how = printed.get(key, "number")
            cell = places.get(key) or {}
            if cell:
                row = (report_id, key, value, how, doc_id, version, *_place(cell))
                _bindable(self.db.conn, row)
            else:
                row = (report_id, key, value, how, doc_id, version)
                if type(value) not in _SCALARS or type(how) not in _SCALARS:
                    _bindable(self.db.conn, row)
            rows.append(row)
        if any(k in figures for k, _ in _T2_KEYS):
            content["t2"] = [(report_id, generation, *(figures.get(k) for k, _ in _T2_KEYS))]
        rows = content["t3"] = []
        for row_key, position in tables.T3_ROW_POSITION.items():
            cells = [figures.get(schema.t3_key(row_key, c)) for c in _T3_COLUMN_KEYS]
            if any(v is not None for v in cells):
                rows.append((report_id, row_key, position, schema.T3_ROWS[row_key].label, *cells))
        if any(k in figures for k, _ in _T4_KEYS):
            content["t4"] = [(report_id, *(figures.get(k) for k, _ in _T4_KEYS))]

        findings = [f for f in (record.get("findings") or []) if isinstance(f, dict) and f.get("rule")]
        for rule in {str(f["rule"]) for f in findings} - set(schema.RULES_BY_ID):
            self._rules.setdefault(rule, {"id": rule, "statement": rule, "severity": "unknown"})
        rows = content["findings"] = []
        for f in findings:
            values = (report_id, doc_id, str(f["rule"]), f.get("detail"),
                      json.dumps(list(f.get("keys") or []), ensure_ascii=False), f.get("status") or "breach", version)
            _bindable(self.db.conn, values)
            rows.append((self._finding_id(report_id), *values))
        breaches = [f for f in findings if (f.get("status") or "breach") == "breach"]

        values, reconciled = tables.headline_values(figures, {k: printed.get(k, "number") for k in figures})
        body_id, body_name, province, level = body_row
        content["headline"] = [(report_id, body_id, body_name, province, level, year, generation,
                                *(values[c] for c in _HEADLINE_FIGURES), len(breaches), ",".join(reconciled) or None)]

        rows = content["sections"] = []
        numbers = set()
        for number, text in sorted((record.get("sections") or {}).items(), key=lambda kv: int(kv[0])):
            number = int(number)
            if text is None:
                continue
            if number in numbers:
                raise sqlite3.IntegrityError("UNIQUE constraint failed: sections.id")
            numbers.add(number)
            rows.append((report_id * 10 + number, report_id, doc_id, number, schema.SECTION_HEADINGS.get(number),
                         str(text)))
        content["indexed"] = rows

    # --- writing -------------------------------------------------------------------

    def flush(self) -> None:
        """Write what the batch filed, each table with one sqlite-utils call (no commit); once."""
        if self._stored_findings is not None:
            self._stored_findings.close()
            self._stored_findings = None
        db = self.db
        for table, rows_by_id in (("bodies", self.bodies), ("reports", self.reports), ("documents", self.docs)):
            rows = [rows_by_id[i] for i in sorted(self._changed[table])]
            if rows:
                db[table].upsert_all(rows, pk="id", batch_size=_BATCH_SIZE)
        if self._fetches:
            # twice when alone: sqlite-utils 4.2 looks an ignored single row up by its rowid,
            # which a WITHOUT ROWID table has not ("no such column: rowid")
            fetches = self._fetches * 2 if len(self._fetches) == 1 else self._fetches
            db["document_fetches"].insert_all([_FETCH_COLUMNS, *fetches], ignore=True, batch_size=_BATCH_SIZE)
        if self._cleared:
            cleared = sorted(self._cleared)
            old = [(r["id"], r["text"]) for r in self._where_in("sections", "report_id", cleared, select="id, text")]
            if old:
                fts.unindex_rows(db, old)
            for start in range(0, len(cleared), _IN_CHUNK):
                part = cleared[start:start + _IN_CHUNK]
                for table in CONTENT_TABLES:
                    db[table].delete_where(f"report_id in ({', '.join('?' * len(part))})", part)
        if self._rules:
            db["rules"].insert_all(self._rules.values(), ignore=True)
        # a figure row without its place (most: HTML and Word reports) is six values long
        figures = [row for content in self._content.values() for row in content.get("figures", ())]
        if figures:
            short = [row for row in figures if len(row) == 6]
            if short:
                db["figures"].insert_all([_FIGURE_COLUMNS[:6], *short], batch_size=_BATCH_SIZE)
            if len(short) < len(figures):
                insert_rows(db, "figures", _FIGURE_COLUMNS, [row for row in figures if len(row) > 6])
        for table, columns in (("t2", _T2_COLUMNS), ("t3", _T3_COLUMNS), ("t4", _T4_COLUMNS),
                               ("findings", _FINDING_COLUMNS), ("headline", _HEADLINE_COLUMNS),
                               ("sections", _SECTION_COLUMNS)):
            rows = [row for content in self._content.values() for row in content.get(table, ())]
            if rows:
                insert_rows(db, table, columns, rows)
        fts.index_rows(db, [(row[0], row[5]) for content in self._content.values()
                            for row in content.get("indexed", ())])
