"""Chinese full-text search: bigram index finds two- and three-character words."""
from __future__ import annotations

import pytest
import sqlite_utils

from archive import fts, tables

TEXTS = {
    1: "本年度共办理低保申请公开事项，涉及城乡低保对象。",
    2: "围绕征地拆迁补偿安置方案，主动公开信息120条。",
    3: "收到 GDP 统计数据公开申请 2 件。",
    4: "保障性住房分配结果已公开。",
}


@pytest.fixture
def db():
    db = sqlite_utils.Database(memory=True)
    fts.create_fts(db)
    fts.index_rows(db, TEXTS.items())
    return db


def hits(db, query):
    return sorted(r for (r,) in db.execute(f"SELECT rowid FROM {fts.FTS_TABLE} WHERE {fts.FTS_TABLE} MATCH ?",
                                           [fts.match_query(query) or '""']))


def test_bigrams():
    assert fts.bigrams("低保金发放") == "低保 保金 金发 发放"
    assert fts.bigrams("收到GDP数据2件") == "收到 GDP 数据 2 件"
    assert fts.bigrams("低") == "低"


@pytest.mark.parametrize("query,expected", [
    ("低保", [1]),            # two characters
    ("拆迁", [2]),
    ("拆迁补偿", [2]),        # four characters: a phrase of bigrams
    ("保障性", [4]),          # three characters
    ("公开", [1, 2, 3, 4]),
    ("gdp", [3]),             # Latin words, any case
    ("低保 城乡", [1]),       # several words: all must occur
    ("低保 拆迁", []),
    ("保金", []),             # characters that are not adjacent in any text
    ("补偿拆迁", []),
    ("", []),
    ('"低保"*', [1]),         # FTS syntax typed by a reader is text, not an operator
    ("低保 OR 拆迁", []),     # OR is just a word here
])
def test_search_words(db, query, expected):
    assert hits(db, query) == expected


def test_single_character_is_a_prefix(db):
    assert hits(db, "迁") == [2]


def test_unindex_removes_rows(db):
    fts.unindex_rows(db, [(1, TEXTS[1])])
    assert hits(db, "低保") == []
    assert hits(db, "城乡") == []
    assert hits(db, "拆迁") == [2]


def test_search_function_with_snippets(tmp_path):
    from archive.build import ensure_schema

    db = sqlite_utils.Database(tmp_path / "a.db")
    ensure_schema(db)
    db.execute("INSERT INTO bodies (id, name) VALUES (1, '某县民政局')")
    db.execute("INSERT INTO documents (id, sha256, url) VALUES (1, 'ab', 'http://127.0.0.1/1.html')")
    db.execute("INSERT INTO reports (id, body_id, year, url) VALUES (1, 1, 2023, 'http://127.0.0.1/1.html')")
    db.execute("INSERT INTO sections (id, report_id, document_id, number, text) VALUES (11, 1, 1, 1, ?)", [TEXTS[1]])
    fts.index_rows(db, [(11, TEXTS[1])])
    rows = fts.search(db, "低保")
    assert len(rows) == 1 and rows[0]["body"] == "某县民政局" and rows[0]["year"] == 2023
    assert "【低保】" in rows[0]["snippet"]
    assert fts.search(db, "拆迁") == []


def test_snippet_cuts_around_the_hit():
    text = "甲" * 100 + "拆迁" + "乙" * 100
    piece = fts.snippet(text, "拆迁", width=5)
    assert piece == "…甲甲甲甲甲【拆迁】乙乙乙乙乙…"


def test_trigram_cannot_do_this():
    """Why the bigram design: the trigram tokenizer finds nothing for two characters."""
    import sqlite3 as stdlib_sqlite3

    conn = stdlib_sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE t USING fts5(text, tokenize='trigram')")
    except stdlib_sqlite3.OperationalError:
        pytest.skip("no trigram tokenizer")
    conn.execute("INSERT INTO t VALUES (?)", [TEXTS[1]])
    assert conn.execute("SELECT count(*) FROM t WHERE t MATCH '\"低保申\"'").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM t WHERE t MATCH '\"低保\"'").fetchone()[0] == 0


def test_table_definitions_have_descriptions():
    for name, columns in tables.TABLES.items():
        for column, _, description in columns:
            assert description.strip(), f"{name}.{column} has no description"
