"""The raw store: every fetched report file, content-addressed, with its provenance.

The crawler is the only writer; the archive and the extractor read it. It has no
Scrapy dependency so that readers can import it cheaply.

Layout of a store directory::

    STORE/
      objects/ab/abcdef…(sha256).pdf   the bytes of every distinct file, by sha256
      warc/*.warc.gz                   every response, with request and response headers
      store.db                         SQLite index (WAL; several crawler processes may write)

Tables in ``store.db``:

``fetches``   one row per stored version of a URL: url, sha256, path (relative to the
              store), size, content_type, fetched_at (UTC ISO 8601), etag, last_modified,
              portal, page_url (the report page an attachment hangs from), title, body,
              year, published, role (``page`` or ``attachment``), warc_file, warc_record_id.
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

    def read_bytes(self) -> bytes:
        return self.path.read_bytes()


class RawStore:
    """A raw store directory. Safe to open from several processes.

    :param root: the store directory; created if missing.
    """

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        (self.root / "objects").mkdir(parents=True, exist_ok=True)
        (self.root / "warc").mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.root / "store.db", timeout=60, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA busy_timeout=60000")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    # --- writing (crawler only) -------------------------------------------------

    def put_bytes(self, data: bytes, ext: str = "") -> tuple[str, str]:
        """Store bytes by sha256; return ``(sha256, relative path)``. Idempotent and atomic."""
        digest = hashlib.sha256(data).hexdigest()
        ext = ext if (not ext or ext.startswith(".")) else "." + ext
        rel = f"objects/{digest[:2]}/{digest}{ext.lower()}"
        target = self.root / rel
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)
        return digest, rel

    def has_sha256(self, sha256: str) -> bool:
        return self.db.execute("SELECT 1 FROM fetches WHERE sha256 = ? LIMIT 1", (sha256,)).fetchone() is not None

    # --- reading (archive, extractor) -------------------------------------------

    def files(self, since: str | None = None) -> Iterator[StoredFile]:
        """Every stored version, oldest first; ``since`` limits to ``fetched_at > since``."""
        sql = "SELECT * FROM fetches"
        args: tuple = ()
        if since:
            sql += " WHERE fetched_at > ?"
            args = (since,)
        for row in self.db.execute(sql + " ORDER BY fetched_at, id", args):
            d = dict(row)
            d.pop("id", None)
            d.pop("etag", None)
            d.pop("last_modified", None)
            d["path"] = self.root / d["path"]
            yield StoredFile(**d)

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
