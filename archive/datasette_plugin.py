"""Datasette plugin: the SQL functions the archive's search query needs.

``ogi_match(q)`` rewrites typed words into an FTS5 query over the bigram index and
``ogi_snippet(text, q)`` cuts the text around the first hit (see :mod:`archive.fts`).
Registered through the ``datasette`` entry point, and by :mod:`archive.serve`.
"""
from __future__ import annotations

from datasette import hookimpl

from archive import fts


@hookimpl
def prepare_connection(conn):
    fts.register_functions(conn)
