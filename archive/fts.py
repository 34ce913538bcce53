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
#: a table inside the archive explaining how to search it from plain sqlite3
HELP_TABLE = "search_help"
SEARCH_HELP = [
    (1, "全文索引 sections_fts 存的是正文的“双字词”：每两个相邻汉字为一个词（低保金 → 低保 保金）。"
        "直接 match '行政复议' 找不到，要写成双字词组成的短语。"
        " / sections_fts indexes the text as overlapping two-character words (低保金 → 低保 保金): "
        "match '行政复议' finds nothing; write the word as a phrase of its bigrams.",
     "select sections.report_id, sections.number from sections_fts join sections on sections.id = sections_fts.rowid "
     "where sections_fts match '\"行政 政复 复议\"' limit 20;"),
    (2, "一个汉字：用前缀查询 '\"低\"*'。多个词：用 AND 连接各自的短语（同一部分内）。"
        " / One character: a prefix query '\"低\"*'. Several words in one section: AND their phrases.",
     "select count(*) from sections_fts where sections_fts match '\"申请\" AND \"复议\"';"),
    (3, "多个词出现在同一份报告的不同部分：按报告求交集。"
        " / Several words anywhere in one report: intersect the reports of each word.",
     "select report_id from sections join sections_fts on sections.id = sections_fts.rowid "
     "where sections_fts match '\"申请\"' intersect select report_id from sections join sections_fts "
     "on sections.id = sections_fts.rowid where sections_fts match '\"复议\"';"),
    (4, "正文原文在 sections.text；索引表本身不存原文（content=''），rowid 即 sections.id。"
        " / The readable text is sections.text; the index stores no text (content=''), its rowid is sections.id.",
     "select sections.text from sections where sections.id in (select rowid from sections_fts "
     "where sections_fts match '\"低保\"') limit 1;"),
    (5, "Python：archive.fts.bigrams(text) 给出索引形式，archive.fts.match_query('行政复议 申请') 给出 match 表达式。"
        " / From Python: archive.fts.bigrams(text) is the indexed form, archive.fts.match_query(words) the MATCH "
        "expression.", None),
]

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
    # not columnsize=0: a contentless table without sizes cannot be scanned, and
    # ``select count(*) from sections_fts`` (sqlite-utils tables --counts) would fail
    db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} "
               f"USING fts5(text, content='', tokenize='unicode61 remove_diacritics 0')")
    db.execute(f"CREATE TABLE IF NOT EXISTS {HELP_TABLE} (step INTEGER PRIMARY KEY, explanation TEXT, example_sql TEXT)")
    if db.conn.execute(f"SELECT count(*) FROM {HELP_TABLE}").fetchone()[0] == 0:
        db.conn.executemany(f"INSERT INTO {HELP_TABLE} VALUES (?, ?, ?)", SEARCH_HELP)


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


#: sections.id is ``report_id * 10 + section number`` (see ``archive.build``), so the
#: report of an index hit is ``rowid / 10`` without reading the section row
SECTION_ID_FACTOR = 10

#: the search as SQL, one row per report holding every word (up to four words, each in
#: any section), newest first, with the number of such reports in ``results`` (the first
#: 100 rows are listed; the search page ``/search`` pages through all of them);
#: ``ogi_word`` and ``ogi_snippet`` come from the Datasette plugin
#: (:mod:`archive.datasette_plugin`) or :func:`register_functions`.
SEARCH_SQL = f"""
with
  hits as (
    select rowid / {SECTION_ID_FACTOR} as report_id from {FTS_TABLE} where {FTS_TABLE} match ogi_word(:q, 1)
    intersect select rowid / {SECTION_ID_FACTOR} from {FTS_TABLE} where {FTS_TABLE} match ogi_word(:q, 2)
    intersect select rowid / {SECTION_ID_FACTOR} from {FTS_TABLE} where {FTS_TABLE} match ogi_word(:q, 3)
    intersect select rowid / {SECTION_ID_FACTOR} from {FTS_TABLE} where {FTS_TABLE} match ogi_word(:q, 4)),
  ranked as (
    select reports.id, count(*) over () as results from hits join reports on reports.id = hits.report_id
    order by reports.year desc, reports.id desc limit 100)
select
  reports.id as report_id,
  bodies.name as body,
  reports.year,
  (select ogi_snippet(group_concat(sections.text, ' … '), :q) from sections
   where sections.report_id = reports.id) as snippet,
  ranked.results,
  '/search?q=' || :q as all_results,
  reports.url
from ranked
join reports on reports.id = ranked.id
join bodies on bodies.id = reports.body_id
order by reports.year desc, reports.id desc
""".strip()


def register_functions(conn) -> None:
    """Register ``ogi_match(q)`` and ``ogi_snippet(text, q)`` on an SQLite connection.

    :param conn: an ``sqlite3`` connection.
    """
    conn.create_function("ogi_match", 1, lambda q: match_query(q or "") or '""', deterministic=True)
    conn.create_function("ogi_snippet", 2, lambda text, q: snippet(text or "", q or ""), deterministic=True)
    conn.create_function("ogi_word", 2, lambda q, n: word_match(q or "", int(n or 1)), deterministic=True)


def word_match(query: str, n: int) -> str:
    """FTS5 expression of the ``n``-th word (1-based) of ``query``; the first word when there are fewer.

    Lets one SQL query require several words in one report, each in any section.

    :param query: the words as typed.
    :param n: which word.
    """
    words = [w for w in (query or "").split() if match_query(w)]
    if not words:
        return '""'
    return match_query(words[min(n, len(words)) - 1])


def search(db, query: str, limit: int = 100) -> list[dict]:
    """Reports holding every word of ``query`` (each in any section), newest first, with a snippet each.

    :param db: a ``sqlite_utils.Database``.
    :param query: the search words (``"低保"``, ``"拆迁 补偿"``).
    :param limit: at most this many rows.
    """
    register_functions(db.conn)
    sql = SEARCH_SQL.replace("limit 100)", f"limit {int(limit)})")
    cursor = db.conn.execute(sql, {"q": query})
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
