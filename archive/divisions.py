"""The archive's ``divisions`` table: the GB/T 2260 code table
(:mod:`extract.divisions`) filed with sqlite-utils."""
from __future__ import annotations

from extract.divisions import FIRST_YEAR, divisions


def table_rows() -> list[dict]:
    """Rows of the archive's ``divisions`` table, by code."""
    rows = []
    for d in sorted(divisions().values(), key=lambda d: d.code):
        rows.append({"code": d.code, "name": d.name, "short": d.short, "level": d.level, "parent_code": d.parent,
                     "province_code": d.province_code, "first_year": d.first_year,
                     "last_year": None if d.current else d.last_year,
                     "former_names": "、".join(d.former_names) or None})
    return rows


#: columns of the ``divisions`` table: (name, SQL type, description)
COLUMNS = [
    ("code", "TEXT", "行政区划代码 / GB/T 2260 code (6 digits)"),
    ("name", "TEXT", "名称 / name (latest)"),
    ("short", "TEXT", "简称 / short name (provinces and cities)"),
    ("level", "TEXT", "层级 / level: province, city, county"),
    ("parent_code", "TEXT", "上级代码 / parent division's code"),
    ("province_code", "TEXT", "所属省级代码 / province code"),
    ("first_year", "INTEGER", f"起始年份 / first year in use (from {FIRST_YEAR})"),
    ("last_year", "INTEGER", "停用年份 / last year in use (empty: in use in the edition year)"),
    ("former_names", "TEXT", "曾用名 / former names (、-separated)"),
]

#: ``sqlite_utils`` ``Table.create()`` keywords of the ``divisions`` table
KEYS = dict(pk="code", not_null={"name", "level"})


def write_table(db) -> int:
    """Create and fill the ``divisions`` table in an archive; return the number of rows.

    :param db: a ``sqlite_utils.Database``.
    """
    table = db["divisions"]
    table.create({c: t for c, t, _ in COLUMNS}, if_not_exists=True, **KEYS)
    rows = table_rows()
    names = [c for c, _, _ in COLUMNS]
    table.delete_where()
    table.insert_all([{c: r[c] for c in names} for r in rows])
    table.create_index(["parent_code"], index_name="divisions_parent", if_not_exists=True)
    table.create_index(["name"], index_name="divisions_name", if_not_exists=True)
    return len(rows)
