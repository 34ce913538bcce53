"""Serve the archive with Datasette: local, read-only, with the archive's metadata.

The database is opened immutable (``-i``), so nothing can be written through the
site and Datasette offers the whole file for download. Stored text, including any
HTML a page contained, is shown escaped, never rendered.

The archive's own pages (report, body, search, originals: :mod:`archive.datasette_plugin`)
use the templates in ``archive/templates`` and the files in ``archive/static``. The
published ``.db`` holds no file bytes; the originals are served from a directory
published beside it, ``<name>-originals/objects/…`` (the raw store's layout), which
:func:`publish_originals` writes.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from archive.metadata import write_metadata

HOST = "127.0.0.1"
TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
STATIC_MOUNT = "ogi-static"


class ServeError(Exception):
    """The archive cannot be served."""


def register_plugin() -> None:
    """Make sure the archive's Datasette plugin is registered in this process."""
    from datasette.plugins import pm

    from archive import datasette_plugin

    if not pm.is_registered(datasette_plugin) and pm.get_plugin("ogi") is None:
        pm.register(datasette_plugin, name="ogi")


def datasette_args(db_path: str | os.PathLike, port: int = 8001, metadata_path: str | os.PathLike | None = None) -> list[str]:
    """Arguments of ``datasette serve`` for the archive.

    :param db_path: the archive file.
    :param port: TCP port on 127.0.0.1.
    :param metadata_path: the metadata YAML (see :func:`archive.metadata.write_metadata`).
    """
    args = ["-i", str(db_path), "--host", HOST, "--port", str(port),
            "--setting", "sql_time_limit_ms", "3000",
            "--setting", "facet_time_limit_ms", "1000",
            "--setting", "allow_download", "on",
            "--setting", "suggest_facets", "off",
            "--setting", "default_page_size", "50",
            "--template-dir", str(TEMPLATES), "--static", f"{STATIC_MOUNT}:{STATIC}"]
    if metadata_path:
        args += ["--metadata", str(metadata_path)]
    return args


def make_datasette(db_path: str | os.PathLike, metadata_dir: str | os.PathLike | None = None,
                   originals: str | os.PathLike | None = None):
    """An in-process Datasette over the archive, configured like :func:`serve` (for tests and benchmarks).

    :param db_path: the archive file.
    :param metadata_dir: where to write the metadata YAML (a temporary directory if ``None``).
    :param originals: directory of archived originals (default: ``<name>-originals`` beside the file).
    """
    from datasette.app import Datasette
    import yaml

    register_plugin()
    db_path = Path(db_path)
    with tempfile.TemporaryDirectory(prefix="ogi-meta-") as scratch:
        # the metadata is read into memory here: a directory of our own is not kept
        metadata_dir = Path(metadata_dir or scratch)
        metadata_dir.mkdir(parents=True, exist_ok=True)
        meta_path = write_metadata(metadata_dir / "metadata.yml", database=db_path.stem, originals=originals)
        metadata = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    return Datasette(immutables=[str(db_path)], metadata=metadata,
                     template_dir=str(TEMPLATES), static_mounts=[(STATIC_MOUNT, str(STATIC))],
                     settings={"sql_time_limit_ms": 3000, "facet_time_limit_ms": 1000, "allow_download": True,
                               "suggest_facets": False, "default_page_size": 50})


def serve(db_path: str | os.PathLike, port: int = 8001, metadata_dir: str | os.PathLike | None = None,
          originals: str | os.PathLike | None = None) -> None:
    """Run Datasette on 127.0.0.1 over the archive, read-only, until interrupted.

    :param db_path: the archive file.
    :param port: TCP port.
    :param metadata_dir: where to write the metadata YAML (a temporary directory if ``None``).
    :param originals: directory of archived originals (default: ``<name>-originals`` beside the file).
    """
    from datasette.cli import serve as datasette_serve

    db_path = Path(db_path)
    if not db_path.is_file():
        raise ServeError(f"no archive at {db_path}")
    register_plugin()
    with tempfile.TemporaryDirectory(prefix="ogi-meta-") as scratch:  # removed when the server stops
        metadata_dir = Path(metadata_dir or scratch)
        metadata_dir.mkdir(parents=True, exist_ok=True)
        meta_path = write_metadata(metadata_dir / "metadata.yml", database=db_path.stem, originals=originals)
        datasette_serve.main(args=datasette_args(db_path, port, meta_path), standalone_mode=True)


def publish_originals(db_path: str | os.PathLike, store_root: str | os.PathLike,
                      dest: str | os.PathLike | None = None) -> dict:
    """Copy the raw files of every document in the archive beside it, for the site to serve.

    Files keep the raw store's layout (``objects/ab/<sha256>.<ext>``, as in
    ``documents.raw_path``) under ``dest`` (default ``<db name>-originals`` beside the
    file). Files already there are left alone; new ones are read through the store API
    (verified against their sha256) and written atomically; a document whose object is
    missing or damaged in the store is counted as missing.

    :param db_path: the archive file.
    :param store_root: the raw store directory (holding ``objects/``).
    :param dest: target directory.
    :returns: ``{"dest", "copied", "present", "missing"}``.
    """
    import sqlite3

    db_path, store_root = Path(db_path), Path(store_root)
    dest = Path(dest) if dest else db_path.parent / f"{db_path.stem}-originals"
    counts = {"dest": str(dest), "copied": 0, "present": 0, "missing": 0}
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT sha256, raw_path FROM documents WHERE raw_path IS NOT NULL").fetchall()
    finally:
        conn.close()
    from store import DamagedObject, RawStore

    store = RawStore(store_root)
    try:
        for sha256, raw_path in rows:
            relative = Path(raw_path)
            if relative.is_absolute() or ".." in relative.parts:
                counts["missing"] += 1
                continue
            target = dest / relative
            if target.is_file():
                counts["present"] += 1
                continue
            try:
                data = store.read(sha256)  # verified: a damaged object is never published
            except DamagedObject:
                counts["missing"] += 1
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)
            counts["copied"] += 1
    finally:
        store.close()
    return counts
