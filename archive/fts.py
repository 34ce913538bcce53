"""Chinese full-text search over report sections: FTS5 on overlapping character bigrams.

SQLite has no Chinese word segmenter, and the trigram tokenizer cannot find words of
two characters (低保, 拆迁), the most common length in Chinese. So the index holds every
section's text rewritten as overlapping bigrams, one token each::

    "低保金发放" → "低保 保金 金发 发放"

and a query is rewritten the same way into an FTS5 phrase (``"低保 保金"``), which
matches exactly where the characters stand next to each other in the text. Runs of
Latin letters and digits stay whole words; a single CJK character becomes a prefix
query (``低*``). Several words separated by spaces must all occur (AND).

The index ``sections_fts`` is a contentless FTS5 table (``content=''``) whose rowid is
``sections.id``; the readable text stays in ``sections``. Rows are removed with the
FTS5 ``'delete'`` command, which needs the indexed text again: :func:`bigrams` of the
old text. Works with any SQLite that has FTS5 (3.40 and later).
"""
from __future__ import annotations

import re
from typing import Iterable

FTS_TABLE = "sections_fts"

#: CJK ideographs (unified, extension A, compatibility)
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]+|[^\W{_CJK}_]+")
_CJK_RUN = re.compile(rf"[{_CJK}]+")


_TOKEN_KINDS = re.compile(rf"([{_CJK}]+)|([^\W{_CJK}_]+)")


def _run_tokens(run: str) -> list[str]:
    if len(run) > 1 and _CJK_RUN.fullmatch(run):
        return list(map(str.__add__, run, run[1:]))
    return [run]


def bigrams(text: str) -> str:
    """The indexed form of ``text``: CJK runs as overlapping bigrams, other words kept.

    :param text: any text.
    """
    parts = []
    for cjk, word in _TOKEN_KINDS.findall(text or ""):
        if len(cjk) > 1:
            parts.append(" ".join(map(str.__add__, cjk, cjk[1:])))
        else:
            parts.append(cjk or word)
    return " ".join(parts)


def match_query(query: str) -> str:
    """Rewrite what a reader typed into an FTS5 MATCH expression over :func:`bigrams`.

    Each space-separated word becomes a quoted phrase of its bigrams; the phrases are
    ANDed. FTS5 operators and quotes typed by the reader are treated as text. Returns
    ``""`` when nothing searchable is left.

    :param query: the search words, e.g. ``"低保"`` or ``"拆迁 补偿"``.
    """
    phrases = []
    for word in (query or "").split():
        tokens = []
        for match in _TOKEN.finditer(word):
            tokens.extend(_run_tokens(match.group()))
        if not tokens:
            continue
        if len(tokens) == 1 and _CJK_RUN.fullmatch(tokens[0]) and len(tokens[0]) == 1:
            phrases.append(f'"{tokens[0]}"*')
        else:
            phrases.append('"' + " ".join(tokens) + '"')
    return " AND ".join(phrases)


def snippet(text: str, query: str, width: int = 40, mark: tuple[str, str] = ("【", "】")) -> str:
    """A piece of ``text`` around the first place a query word occurs, the word marked.

    :param text: the section text.
    :param query: the query as typed.
    :param width: characters kept on each side of the hit.
    :param mark: strings put before and after the hit.
    """
    text = text or ""
    words = [w for w in (query or "").split() if w]
    best = None
    for word in words:
        pos = text.lower().find(word.lower())
        if pos >= 0 and (best is None or pos < best[0]):
            best = (pos, len(word))
    if best is None:
        return text[: 2 * width].replace("\n", " ")
    pos, length = best
    start = max(0, pos - width)
    end = min(len(text), pos + length + width)
    piece = (("…" if start else "") + text[start:pos] + mark[0] + text[pos:pos + length] + mark[1]
             + text[pos + length:end] + ("…" if end < len(text) else ""))
    return piece.replace("\n", " ")


def create_fts(db) -> None:
    """Create the contentless bigram index ``sections_fts`` if it is missing.

    :param db: a ``sqlite_utils.Database``.
    """
    db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} "
               f"USING fts5(text, content='', columnsize=0, tokenize='unicode61 remove_diacritics 0')")


def index_rows(db, rows: Iterable[tuple[int, str]]) -> None:
    """Add sections to the index.

    :param db: a ``sqlite_utils.Database``.
    :param rows: ``(sections.id, text)`` pairs.
    """
    db.conn.executemany(f"INSERT INTO {FTS_TABLE}(rowid, text) VALUES (?, ?)",
                        ((rowid, bigrams(text)) for rowid, text in rows))


def unindex_rows(db, rows: Iterable[tuple[int, str]]) -> None:
    """Remove sections from the index; ``text`` must be the text that was indexed.

    :param db: a ``sqlite_utils.Database``.
    :param rows: ``(sections.id, text)`` pairs.
    """
    db.conn.executemany(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) VALUES ('delete', ?, ?)",
                        ((rowid, bigrams(text)) for rowid, text in rows))


#: the search as SQL; ``ogi_match`` and ``ogi_snippet`` come from the Datasette plugin
#: (:mod:`archive.datasette_plugin`) or :func:`register_functions`.
SEARCH_SQL = f"""
select
  reports.id as report_id,
  bodies.name as body,
  reports.year,
  sections.number as section,
  ogi_snippet(sections.text, :q) as snippet,
  reports.url
from {FTS_TABLE}
join sections on sections.id = {FTS_TABLE}.rowid
join reports on reports.id = sections.report_id
join bodies on bodies.id = reports.body_id
where {FTS_TABLE} match ogi_match(:q)
order by {FTS_TABLE}.rowid desc
limit 100
""".strip()


def register_functions(conn) -> None:
    """Register ``ogi_match(q)`` and ``ogi_snippet(text, q)`` on an SQLite connection.

    :param conn: an ``sqlite3`` connection.
    """
    conn.create_function("ogi_match", 1, lambda q: match_query(q or "") or '""', deterministic=True)
    conn.create_function("ogi_snippet", 2, lambda text, q: snippet(text or "", q or ""), deterministic=True)


def search(db, query: str, limit: int = 100) -> list[dict]:
    """Sections matching ``query``, newest first, with a snippet each.

    :param db: a ``sqlite_utils.Database``.
    :param query: the search words (``"低保"``, ``"拆迁 补偿"``).
    :param limit: at most this many rows.
    """
    register_functions(db.conn)
    sql = SEARCH_SQL.replace("limit 100", f"limit {int(limit)}")
    cursor = db.conn.execute(sql, {"q": query})
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
