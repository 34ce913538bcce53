"""The raw store: every fetched report file, content-addressed, with its provenance.

The crawler is the only writer; the extraction stage and the archive read it, through
this API only (nothing else opens ``store.db`` or walks ``objects/``). It has no Scrapy
dependency so that readers can import it cheaply.

Every read of an object is checked against its sha256 (:meth:`RawStore.read`,
:meth:`StoredFile.read_bytes`): a truncated or altered object raises
:class:`DamagedObject` instead of being filed under the hash it no longer has.

Layout of a store directory::

    STORE/
      objects/ab/abcdef…(sha256).pdf   the bytes of every distinct file, by sha256
      warc/*.warc.gz                   every response, with request and response headers
      store.db                         SQLite index (WAL; several crawler processes may write)

Tables in ``store.db``:

``fetches``   one row per stored version of a URL: url, sha256, path (relative to the
              store), size, content_type, fetched_at (UTC ISO 8601), etag, last_modified,
              portal, page_url (the report page an attachment hangs from), title, body,
              year, published, role (``page`` or ``attachment``), warc_file, warc_record_id,
              and who the serving site says it is: site_code (网站标识码, ``<meta
              name="SiteIDCode">``), site_name, column_name (``ColumnName``).
``urls``      current state of each report URL: url, portal, sha256 (latest), first_seen,
              last_seen, removed_at, etag, last_modified.
``failures``  url, portal, run_id, at, status, reason.
``runs``      id, portal, started_at, finished_at, stats (JSON).
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

SCHEMA = """
CREATE TABLE IF NOT EXISTS fetches (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    content_type TEXT,
    fetched_at TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    portal TEXT,
    page_url TEXT,
    title TEXT,
    body TEXT,
    year INTEGER,
    published TEXT,
    role TEXT,
    warc_file TEXT,
    warc_record_id TEXT,
    site_code TEXT,
    site_name TEXT,
    column_name TEXT,
    UNIQUE (url, sha256)
);
CREATE INDEX IF NOT EXISTS fetches_sha256 ON fetches (sha256);
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY,
    portal TEXT,
    sha256 TEXT,
    first_seen TEXT,
    last_seen TEXT,
    removed_at TEXT,
    etag TEXT,
    last_modified TEXT
);
CREATE TABLE IF NOT EXISTS failures (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    portal TEXT,
    run_id TEXT,
    at TEXT NOT NULL,
    status INTEGER,
    reason TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY,
    portal TEXT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    stats TEXT
);
"""


def utcnow() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


class DamagedObject(OSError):
    """A stored object is missing or its bytes no longer hash to its sha256.

    :ivar sha256: the object's name (the hash its bytes had when stored).
    """

    def __init__(self, sha256: str, reason: str):
        super().__init__(f"stored object {sha256[:12]}… {reason}")
        self.sha256 = sha256


def read_verified(path: Path, sha256: str, max_bytes: int | None = None) -> bytes:
    """The bytes of one stored object, checked against ``sha256``.

    :param path: the object's file.
    :param sha256: the hex digest its bytes must have.
    :param max_bytes: refuse (``DamagedObject``) a file larger than this without reading it.
    :raises DamagedObject: missing, unreadable, too large, or different bytes.
    """
    try:
        if max_bytes is not None and path.stat().st_size > max_bytes:
            raise DamagedObject(sha256, f"is {path.stat().st_size} bytes, over the {max_bytes}-byte limit")
        data = path.read_bytes()
    except FileNotFoundError:
        raise DamagedObject(sha256, "is missing from the store") from None
    except OSError as exc:
        raise DamagedObject(sha256, f"cannot be read: {exc.strerror or exc}") from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != sha256:
        raise DamagedObject(sha256, f"is damaged: its {len(data)} bytes hash to {digest[:12]}…")
    return data


@dataclass
class StoredFile:
    """One stored version of a report page or attachment, as the archive reads it."""

    url: str
    sha256: str
    path: Path
    size: int
    content_type: str | None
    fetched_at: str
    portal: str | None
    page_url: str | None
    title: str | None
    body: str | None
    year: int | None
    published: str | None
    role: str | None
    warc_file: str | None
    warc_record_id: str | None
    #: who the serving site said it was (``SiteIDCode``, ``SiteName``, ``ColumnName``)
    site_code: str | None = None
    site_name: str | None = None
    column_name: str | None = None

    #: the ``fetches.id`` of this version (order of arrival in the store)
    fetch_id: int | None = None

    def read_bytes(self) -> bytes:
        """The file's bytes, verified against its sha256.

        :raises DamagedObject: the object is missing or damaged.
        """
        return read_verified(self.path, self.sha256)


class RawStore:
    """A raw store directory. Safe to open from several processes.

    :param root: the store directory; created if missing.
    """

    @staticmethod
    def exists(root: str | os.PathLike) -> bool:
        """Whether ``root`` holds a raw store (its index ``store.db``); creates nothing."""
        return (Path(root) / "store.db").is_file()

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        (self.root / "objects").mkdir(parents=True, exist_ok=True)
        (self.root / "warc").mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.root / "store.db", timeout=60, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        # Two processes opening a fresh store at once race to switch it to WAL; the loser
        # gets "database is locked" without waiting (SQLite skips the busy handler there).
        for attempt in range(200):
            try:
                self.db.execute("PRAGMA journal_mode=WAL")
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == 199:
                    raise
                time.sleep(0.05)
        # WAL + NORMAL: no fsync per transaction; a crash loses at most the last ones, never the database
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA busy_timeout=60000")
        self.db.executescript(SCHEMA)
        columns = {r[1] for r in self.db.execute("PRAGMA table_info(fetches)")}
        for added in ("site_code", "site_name", "column_name"):  # stores made before these columns
            if added not in columns:
                self.db.execute(f"ALTER TABLE fetches ADD COLUMN {added} TEXT")

    def close(self) -> None:
        self.db.close()

    # --- writing (crawler only) -------------------------------------------------

    def put_bytes(self, data: bytes, ext: str = "") -> tuple[str, str]:
        """Store bytes by sha256; return ``(sha256, relative path)``. Idempotent and atomic."""
        digest = hashlib.sha256(data).hexdigest()
        ext = ext if (not ext or ext.startswith(".")) else "." + ext
        rel = f"objects/{digest[:2]}/{digest}{ext.lower()}"
        target = self.root / rel
        if target.exists():
            try:
                read_verified(target, digest)
            except DamagedObject:  # a damaged copy is replaced, never kept under this name
                target.unlink(missing_ok=True)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)
        return digest, rel

    def current(self, url: str) -> dict | None:
        """The ``urls`` row for ``url`` plus ``object_present`` (its latest object is on disk
        and verifies against its sha256: a damaged object is fetched again in full, never
        confirmed by a 304)."""
        row = self.db.execute("SELECT * FROM urls WHERE url = ?", (url,)).fetchone()
        if row is None:
            return None
        state = dict(row)
        latest = self.db.execute(
            "SELECT path FROM fetches WHERE url = ? AND sha256 = ? ORDER BY id DESC LIMIT 1",
            (url, state["sha256"]),
        ).fetchone()
        state["path"] = latest["path"] if latest else None
        state["object_present"] = False
        if latest:
            try:
                read_verified(self.root / latest["path"], state["sha256"])
                state["object_present"] = True
            except DamagedObject:
                pass
        return state

    def current_bytes(self, url: str) -> bytes | None:
        """The latest stored bytes of ``url``, or None."""
        state = self.current(url)
        if not state or not state["object_present"]:
            return None
        try:
            return read_verified(self.root / state["path"], state["sha256"])
        except DamagedObject:
            return None  # refetched in full, never reused

    def record_fetch(self, *, url: str, data: bytes, ext: str, fetched_at: str, portal: str | None,
                     role: str, content_type: str | None = None, etag: str | None = None,
                     last_modified: str | None = None, page_url: str | None = None,
                     title: str | None = None, body: str | None = None, year: int | None = None,
                     published: str | None = None, warc_file: str | None = None,
                     warc_record_id: str | None = None, site_code: str | None = None,
                     site_name: str | None = None, column_name: str | None = None) -> str:
        """Store a fetched file and its provenance; return ``new``, ``changed`` or ``unchanged``.

        A changed file at a known URL adds a second ``fetches`` row: every version is kept.
        """
        sha256, rel = self.put_bytes(data, ext)
        before = self.db.execute("SELECT sha256 FROM urls WHERE url = ?", (url,)).fetchone()
        outcome = "new" if before is None else ("unchanged" if before["sha256"] == sha256 else "changed")
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.execute(
                """INSERT OR IGNORE INTO fetches (url, sha256, path, size, content_type, fetched_at,
                   etag, last_modified, portal, page_url, title, body, year, published, role,
                   warc_file, warc_record_id, site_code, site_name, column_name)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                (url, sha256, rel, len(data), content_type, fetched_at, etag, last_modified, portal,
                 page_url, title, body, year, published, role, warc_file, warc_record_id,
                 site_code, site_name, column_name),
            )
            self.db.execute(
                """INSERT INTO urls (url, portal, sha256, first_seen, last_seen, removed_at, etag,
                   last_modified) VALUES (?,?,?,?,?,NULL,?,?)
                   ON CONFLICT(url) DO UPDATE SET sha256=excluded.sha256, last_seen=excluded.last_seen,
                   removed_at=NULL, etag=excluded.etag, last_modified=excluded.last_modified,
                   portal=excluded.portal""",
                (url, portal, sha256, fetched_at, fetched_at, etag, last_modified),
            )
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return outcome

    def import_fetches(self, rows: list[tuple], run: dict | None = None) -> None:
        """Add many fetch rows at once (objects already stored with :meth:`put_bytes`).

        For bulk loads (benchmarks, migrations); the crawler uses :meth:`record_fetch`.

        :param rows: ``(url, sha256, path, size, content_type, fetched_at, portal, body,
            year, role)`` tuples; rows already present are skipped.
        :param run: a ``runs`` row to add with them (``id``, ``portal``, ``started_at``,
            ``finished_at``, ``stats``).
        """
        self.db.execute("BEGIN")
        try:
            self.db.executemany(
                "INSERT OR IGNORE INTO fetches (url, sha256, path, size, content_type, fetched_at, portal, body, "
                "year, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            self.db.executemany(
                "INSERT INTO urls (url, portal, sha256, first_seen, last_seen) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(url) DO UPDATE SET sha256 = excluded.sha256, last_seen = excluded.last_seen",
                [(r[0], r[6], r[1], r[5], r[5]) for r in rows])
            if run:
                self.db.execute("INSERT OR REPLACE INTO runs (id, portal, started_at, finished_at, stats) "
                                "VALUES (?, ?, ?, ?, ?)", (run["id"], run.get("portal"), run["started_at"],
                                                           run.get("finished_at"),
                                                           json.dumps(run.get("stats") or {}, ensure_ascii=False)))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def mark_seen(self, url: str, at: str) -> None:
        """Note that ``url`` is still on its portal (a 304 answer); clears ``removed_at``."""
        self.db.execute("UPDATE urls SET last_seen = ?, removed_at = NULL WHERE url = ?", (at, url))

    def mark_removed(self, portal: str, not_seen_since: str, at: str) -> list[str]:
        """Mark the portal's URLs not seen since ``not_seen_since`` as removed at ``at``; return them.

        Removed URLs keep all their stored versions.
        """
        rows = self.db.execute(
            "SELECT url FROM urls WHERE portal = ? AND removed_at IS NULL AND last_seen < ?",
            (portal, not_seen_since),
        ).fetchall()
        urls = [r["url"] for r in rows]
        self.db.executemany("UPDATE urls SET removed_at = ? WHERE url = ?", [(at, u) for u in urls])
        return urls

    def record_failure(self, url: str, reason: str, *, portal: str | None = None,
                       run_id: str | None = None, status: int | None = None) -> None:
        """Record a URL that could not be fetched, with the reason."""
        self.db.execute(
            "INSERT INTO failures (url, portal, run_id, at, status, reason) VALUES (?,?,?,?,?,?)",
            (url, portal, run_id, utcnow(), status, reason),
        )

    def start_run(self, run_id: str, portal: str | None, started_at: str) -> None:
        """Open a run row (idempotent: a resumed run keeps its first start time)."""
        self.db.execute(
            "INSERT OR IGNORE INTO runs (id, portal, started_at) VALUES (?,?,?)", (run_id, portal, started_at)
        )

    def finish_run(self, run_id: str, stats: dict) -> None:
        """Close a run row with its statistics."""
        self.db.execute(
            "UPDATE runs SET finished_at = ?, stats = ? WHERE id = ?",
            (utcnow(), json.dumps(stats, ensure_ascii=False, sort_keys=True), run_id),
        )

    def previous_run(self, portal: str, before_run_id: str) -> dict | None:
        """The latest finished run of ``portal`` other than ``before_run_id``."""
        row = self.db.execute(
            "SELECT * FROM runs WHERE portal = ? AND id != ? AND finished_at IS NOT NULL "
            "ORDER BY started_at DESC LIMIT 1",
            (portal, before_run_id),
        ).fetchone()
        if row is None:
            return None
        d = dict(row)
        d["stats"] = json.loads(d["stats"]) if d["stats"] else {}
        return d

    # --- reading (archive, extractor) -------------------------------------------

    def _stored(self, row) -> StoredFile:
        d = dict(row)
        d["fetch_id"] = d.pop("id", None)
        d.pop("etag", None)
        d.pop("last_modified", None)
        d["path"] = self.root / d["path"]
        return StoredFile(**d)

    def files(self, since: str | None = None) -> Iterator[StoredFile]:
        """Every stored version, oldest first; ``since`` limits to ``fetched_at > since``."""
        sql = "SELECT * FROM fetches"
        args: tuple = ()
        if since:
            sql += " WHERE fetched_at > ?"
            args = (since,)
        for row in self.db.execute(sql + " ORDER BY fetched_at, id", args):
            yield self._stored(row)

    def fetches_since(self, fetch_id: int = 0) -> Iterator[StoredFile]:
        """Every stored version that arrived after fetch ``fetch_id``, in arrival order.

        :param fetch_id: a ``StoredFile.fetch_id`` (a watermark); 0 for all.
        """
        for row in self.db.execute("SELECT * FROM fetches WHERE id > ? ORDER BY id", (fetch_id,)):
            yield self._stored(row)

    def versions(self, url: str) -> list[StoredFile]:
        """Every stored version of ``url``, oldest first."""
        return [self._stored(r) for r in self.db.execute("SELECT * FROM fetches WHERE url = ? ORDER BY id", (url,))]

    def documents(self) -> Iterator[tuple[str, Path, str]]:
        """Each distinct stored object once: ``(sha256, path, first URL it was fetched from)``."""
        for row in self.db.execute("SELECT sha256, path, url FROM fetches WHERE id IN "
                                   "(SELECT min(id) FROM fetches GROUP BY sha256) ORDER BY id"):
            yield row[0], self.root / row[1], row[2]

    def path_of(self, sha256: str) -> Path | None:
        """Where the object ``sha256`` lies (``None`` if the store never held it)."""
        row = self.db.execute("SELECT path FROM fetches WHERE sha256 = ? LIMIT 1", (sha256,)).fetchone()
        return self.root / row[0] if row else None

    def read(self, sha256: str, max_bytes: int | None = None) -> bytes:
        """The bytes of object ``sha256``, verified.

        :param max_bytes: refuse a larger object without reading it.
        :raises DamagedObject: unknown, missing, too large or damaged.
        """
        path = self.path_of(sha256)
        if path is None:
            raise DamagedObject(sha256, "is not in the store")
        return read_verified(path, sha256, max_bytes)

    def first_fetch_id(self, sha256: str) -> int | None:
        """The ``fetches.id`` at which the object ``sha256`` first arrived."""
        row = self.db.execute("SELECT min(id) FROM fetches WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None

    def last_fetch_id(self) -> int:
        """The highest ``fetches.id`` (0 for an empty store): a watermark for :meth:`fetches_since`."""
        return self.db.execute("SELECT coalesce(max(id), 0) FROM fetches").fetchone()[0]

    def count_fetches(self, portal: str, since: str) -> int:
        """How many versions of ``portal``'s files were stored at or after ``since`` (UTC ISO 8601)."""
        return self.db.execute("SELECT count(*) FROM fetches WHERE portal = ? AND fetched_at >= ?",
                               (portal, since)).fetchone()[0]

    def site_codes(self) -> dict[str, set[str]]:
        """Portal name → the site codes (网站标识码) its fetched pages stated."""
        out: dict[str, set[str]] = {}
        for portal, code in self.db.execute("SELECT DISTINCT portal, site_code FROM fetches "
                                            "WHERE portal IS NOT NULL AND site_code IS NOT NULL"):
            out.setdefault(portal, set()).add(code)
        return out

    def portals(self) -> set[str]:
        """Every portal name the store has a fetch or a run of."""
        names = {r[0] for r in self.db.execute("SELECT DISTINCT portal FROM fetches")}
        names |= {r[0] for r in self.db.execute("SELECT DISTINCT portal FROM runs")}
        return {n for n in names if n}

    def urls(self) -> list[dict]:
        return [dict(r) for r in self.db.execute("SELECT * FROM urls ORDER BY url")]

    def failures(self) -> list[dict]:
        return [dict(r) for r in self.db.execute("SELECT * FROM failures ORDER BY id")]

    def runs(self) -> list[dict]:
        out = []
        for r in self.db.execute("SELECT * FROM runs ORDER BY started_at"):
            d = dict(r)
            d["stats"] = json.loads(d["stats"]) if d["stats"] else {}
            out.append(d)
        return out
