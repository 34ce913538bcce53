"""Extraction records: the stage between the raw store and the archive.

One record per distinct file (sha256), extractor version and the settings that change
an extractor's output (:func:`extract.api.output_settings`: OCR on or off, the OCR
engine). The extraction stage (``ogi extract --store``, ``ogi nightly``, ``ogi worker``
through the nightly) writes them; the archive only files them and never runs an
extractor. Identical bytes at many URLs have one record.

The file is ``records.db`` in the raw store's directory (:meth:`RecordStore.beside`),
so a store and its records travel together. Table ``records``: ``sha256``,
``extractor_version``, ``settings``, ``extracted_at`` (UTC ISO 8601), ``source`` (the
first URL it was extracted for), ``error``, ``record`` (the record as JSON, the shape
of :data:`extract.schema.RECORD_KEYS`).

A records file that SQLite cannot open is set aside as ``records.db.damaged-<time>``
and started anew (the records are rebuilt by the next extraction stage); nothing in
it is trusted.
"""
from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from pathlib import Path
from typing import Iterable, Iterator

from store.raw import utcnow

log = logging.getLogger("store.records")

#: the records file's name inside a raw store directory
RECORDS_NAME = "records.db"

_SCHEMA = """CREATE TABLE IF NOT EXISTS records (
    sha256 TEXT NOT NULL, extractor_version TEXT NOT NULL, settings TEXT NOT NULL DEFAULT '',
    extracted_at TEXT NOT NULL, source TEXT, error TEXT, record TEXT NOT NULL,
    PRIMARY KEY (sha256, extractor_version, settings)) WITHOUT ROWID"""


def open_or_set_aside(path: Path, schema: str, table: str) -> tuple[sqlite3.Connection, Path | None]:
    """Open a state file the project can rebuild (records, run state) in WAL mode with its
    ``schema``; if SQLite says it is damaged (``table`` unreadable, or ``quick_check``
    failing), move it aside as ``<name>.damaged-<time>`` (its WAL and journal files
    removed) and start a new one. Never for the raw store's index.

    :return: the connection, and where the damaged file went (``None`` if it was sound).
    """
    def opener() -> sqlite3.Connection:
        db = sqlite3.connect(path, timeout=60, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(schema)
            db.execute(f"SELECT count(*) FROM {table}").fetchone()
            if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("quick_check failed")
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    try:
        return opener(), None
    except sqlite3.DatabaseError as exc:
        aside = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%dT%H%M%S')}")
        log.warning("%s is damaged (%s); set aside as %s and started anew", path, exc, aside.name)
        os.replace(path, aside)
        for extra in ("-wal", "-shm", "-journal"):
            Path(f"{path}{extra}").unlink(missing_ok=True)
        return opener(), aside


class RecordStore:
    """Extraction records by ``(sha256, extractor_version, settings)``, committed one by one.

    One process writes (the extraction stage's parent); extraction workers never do.

    :param path: the SQLite file (created if missing; set aside and recreated if damaged).
    :param version: the extractor version this store is read and written for.
    :param settings: the output-changing settings (``"ocr=tesseract"``, ``"ocr=off"``).
    """

    def __init__(self, path: str | os.PathLike, version: str, settings: str = ""):
        self.path = Path(path)
        self.version = version
        self.settings = settings
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db, self.set_aside = open_or_set_aside(self.path, _SCHEMA, "records")

    @classmethod
    def beside(cls, store_root: str | os.PathLike, version: str, settings: str = "") -> "RecordStore":
        """The records of the raw store at ``store_root`` (its ``records.db``)."""
        return cls(Path(store_root) / RECORDS_NAME, version, settings)

    def close(self) -> None:
        self.db.close()

    def known(self) -> set[str]:
        """The sha256 of every document that has a record (this version and settings)."""
        return {r[0] for r in self.db.execute(
            "SELECT sha256 FROM records WHERE extractor_version = ? AND settings = ?", (self.version, self.settings))}

    def put(self, record: dict) -> None:
        """Store (or replace) one record; ``record["sha256"]`` is its key.

        :raises ValueError: the record has no sha256.
        """
        if not record.get("sha256"):
            raise ValueError("a record without sha256 cannot be stored")
        self.db.execute(
            "INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?, ?, ?)",
            (record["sha256"], self.version, self.settings, utcnow(), record.get("source"), record.get("error"),
             json.dumps(record, ensure_ascii=False, default=str)))

    def put_many(self, records: Iterable[dict]) -> int:
        """Store records in one transaction; return how many."""
        n = 0
        self.db.execute("BEGIN")
        try:
            for record in records:
                self.put(record)
                n += 1
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return n

    def get(self, sha256: str) -> dict | None:
        """The record of one document, or ``None``."""
        row = self.db.execute("SELECT record FROM records WHERE sha256 = ? AND extractor_version = ? AND settings = ?",
                              (sha256, self.version, self.settings)).fetchone()
        return json.loads(row[0]) if row else None

    def __iter__(self) -> Iterator[dict]:
        """Every record of this version and settings, in sha256 order."""
        for (text,) in self.db.execute("SELECT record FROM records WHERE extractor_version = ? AND settings = ? "
                                       "ORDER BY sha256", (self.version, self.settings)):
            yield json.loads(text)

    def __len__(self) -> int:
        return self.db.execute("SELECT count(*) FROM records WHERE extractor_version = ? AND settings = ?",
                               (self.version, self.settings)).fetchone()[0]
