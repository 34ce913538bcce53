"""Datasette plugin: the archive's own pages and the SQL functions its queries need.

Pages (registered with ``register_routes``):

- ``/report/<id>``: one report as a reader knows it — tables 2, 3 and 4 in template
  order with labels and units, each figure with how it was printed and last year's
  value beside it, the cells of each finding highlighted with the rule in words,
  source URL, fetch time, publication date, lateness (Art. 49) and a link to the
  archived original;
- ``/body/<id>``: a body's reports, all years side by side;
- ``/original/<sha256>``: the archived file itself, with its content type and original
  file name, from the directory of originals published beside the ``.db`` (see
  :func:`originals_dir`); 404 when that copy is not published;
- ``/search?q=…&page=N``: reports whose sections contain every word, 50 a page, with a
  count and links to the report pages.

SQL functions: ``ogi_match(q)`` (typed words → FTS5 query over the bigram index),
``ogi_word(q, n)`` (the ``n``-th word alone), ``ogi_snippet(text, q)`` (see
:mod:`archive.fts`). Cells named ``report_id``, ``body_id``, ``sha256`` link to the
pages above. The ``.xlsx`` export (datasette-xlsx) gets Chinese column headers.
"""
from __future__ import annotations

import json
import math
import mimetypes
import os
import re
import urllib.parse
from pathlib import Path, PurePosixPath

from datasette import hookimpl
from markupsafe import Markup, escape

from archive import deadlines, fts
from extract import schema

PLUGIN = "ogi"
PAGE_SIZE = 50
#: how a non-numeric cell printed (figures.printed_as) in words
PRINTED_AS_ZH = {"blank": "空白", "dash": "—", "slash": "/", "无": "无", "words": "文字"}
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


# --- SQL functions ------------------------------------------------------------------

@hookimpl
def prepare_connection(conn):
    fts.register_functions(conn)


# --- where the originals are --------------------------------------------------------

def originals_dir(datasette, database: str) -> Path | None:
    """Directory of archived originals for ``database``, or ``None``.

    In order: the plugin setting ``originals`` (metadata ``plugins: ogi: originals:``),
    the environment variable ``OGI_ORIGINALS``, a directory ``<db name>-originals``
    beside the ``.db``. It holds the raw store's ``objects/`` tree (files by sha256), as
    :func:`archive.serve.publish_originals` writes it.
    """
    config = datasette.plugin_config(PLUGIN) or {}
    for candidate in (config.get("originals"), os.environ.get("OGI_ORIGINALS")):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    db = datasette.databases.get(database)
    if db is not None and db.path:
        beside = Path(db.path).parent / f"{Path(db.path).stem}-originals"
        if beside.is_dir():
            return beside
    return None


def original_name(url: str | None, sha256: str, kind: str | None = None) -> str:
    """File name to offer for an original: the last part of its URL, else ``<sha256>.<kind>``."""
    path = urllib.parse.urlsplit(url or "").path
    name = urllib.parse.unquote(PurePosixPath(path).name) if path else ""
    if not name or "." not in name:
        ext = {"html": "html", "pdf": "pdf", "docx": "docx", "doc": "doc", "wps": "wps"}.get(kind or "", "bin")
        name = (name or sha256[:16]) + "." + ext
    return re.sub(r'[\\/:*?"<>|\r\n]', "_", name)


# --- page data ----------------------------------------------------------------------

def _rows(conn, sql, params=()):
    cursor = conn.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]


def _one(conn, sql, params=()):
    rows = _rows(conn, sql, params)
    return rows[0] if rows else None


def fmt(value) -> str:
    """A figure as printed: integers plain, decimals without trailing zeros."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if not value.is_integer() else str(int(value))
    return str(value)


def _t3_rows(generation: str | None, present: set[str]) -> list[str]:
    order = list(schema.T3_ROW_ORDER.get(generation or "", schema.T3_ROW_ORDER["2021"]))
    if "t3.other.total" in present or any(k.startswith("t3.other.") for k in present):
        order = list(schema.T3_ROW_ORDER_2021_SINGLE_OTHER)
        for extra in ("other_no_correction", "other_no_fee", "other_other"):
            if any(k.startswith(f"t3.{extra}.") for k in present):
                order.insert(order.index("other"), extra)
    return order


def report_tables(generation: str | None, figures: dict, printed: dict, previous: dict,
                  marks: dict[str, list[dict]], places: dict | None = None) -> list[dict]:
    """Tables 2, 3 and 4 of one report in template order, ready for the template.

    :param generation: ``2021``, ``2019`` or ``free``.
    :param figures: key → value as printed.
    :param printed: key → ``printed_as``.
    :param previous: key → last year's value (same body).
    :param marks: key → findings resting on that cell.
    :param places: key → ``(page, box, confidence)`` from the figures rows: where the cell
        was printed (page, ``[x0, top, x1, bottom]`` in PDF points) and its OCR confidence.
    :returns: ``[{"id", "title", "unit", "header", "rows": [{"label", "cells": [cell…]}]}]``;
        a cell is ``{"key", "value", "printed", "previous", "findings", "status", "where",
        "confidence", "low_confidence"}`` or ``None``.
    """
    from extract.layout import LOW_CONFIDENCE as floor
    places = places or {}

    def where(key):
        page, box, _ = places.get(key, (None, None, None))
        parts = []
        if page:
            parts.append(f"第 {page} 页 / page {page}")
        if box:
            parts.append("位置 / box (pt) " + box)
        return " · ".join(parts) or None

    def page_of(key):
        return places.get(key, (None, None, None))[0]

    def cell(key):
        if not schema.is_valid_key(key):
            return None
        found = marks.get(key, [])
        status = None
        if found:
            status = "breach" if any(f["status"] == "breach" for f in found) else "uncertain"
        return {"key": key, "value": fmt(figures.get(key)) if key in figures else None,
                "missing": key not in figures,
                "printed": PRINTED_AS_ZH.get(printed.get(key)) if printed.get(key) not in (None, "number") else None,
                "previous": fmt(previous.get(key)) if key in previous else None,
                "findings": found, "status": status, "where": where(key), "page": page_of(key),
                "confidence": places.get(key, (None, None, None))[2],
                "low_confidence": (places.get(key, (None, None, None))[2] or 1.0) < floor}

    out = []
    gen = generation if generation in schema.T2_ROWS else ("2021" if any(k in figures for k in (
        "t2.rules.issued", "t2.fees.amount")) else "2019")
    t2_columns = []
    for row in schema.T2_ROWS[gen]:
        for c in row.columns:
            if c not in t2_columns:
                t2_columns.append(c)
    if any(k.startswith("t2.") for k in figures) or generation in ("2021", "2019"):
        out.append({
            "id": "t2", "title": "二、主动公开政府信息情况 / Proactive publication",
            "unit": "件（收费金额：万元）/ items (fees: 10,000 yuan)",
            "header": [{"label": schema.T2_COLUMNS[c].label, "label_en": schema.T2_COLUMNS[c].label_en,
                        "unit": schema.FIGURES.get(f"t2.fees.{c}").unit if f"t2.fees.{c}" in schema.FIGURES
                        and c == "amount" else ""} for c in t2_columns],
            "rows": [{"label": row.label, "label_en": row.label_en,
                      "cells": [cell(f"t2.{row.key}.{c}") if c in row.columns else None for c in t2_columns]}
                     for row in schema.T2_ROWS[gen]],
        })
    present = {k for k in figures if k.startswith("t3.")}
    if present or generation in ("2021", "2019"):
        out.append({
            "id": "t3", "title": "三、收到和处理政府信息公开申请情况 / Requests received and handled",
            "unit": "件 / requests",
            "header": [{"label": c.label, "label_en": c.label_en, "unit": "件"} for c in schema.T3_COLUMNS],
            "rows": [{"label": schema.T3_ROWS[r].label, "label_en": schema.T3_ROWS[r].label_en,
                      "cells": [cell(schema.t3_key(r, c.key)) for c in schema.T3_COLUMNS]}
                     for r in _t3_rows(generation, present)],
        })
    if any(k.startswith("t4.") for k in figures) or generation in ("2021", "2019"):
        out.append({
            "id": "t4", "title": "四、政府信息公开行政复议、行政诉讼情况 / Administrative reviews and lawsuits",
            "unit": "件 / cases",
            "header": [{"label": c.label, "label_en": c.label_en, "unit": "件"} for c in schema.T4_COLUMNS],
            "rows": [{"label": g.label, "label_en": g.label_en,
                      "cells": [cell(f"t4.{g.key}.{c.key}") for c in schema.T4_COLUMNS]}
                     for g in schema.T4_GROUPS],
        })
    return out


def report_page(conn, report_id: int) -> dict | None:
    """Everything the report page shows, from an archive connection; ``None`` if no such report.

    :param conn: an ``sqlite3`` connection to the archive.
    :param report_id: ``reports.id``.
    """
    report = _one(conn, "SELECT r.*, b.name AS body, b.level, b.level_zh, b.province, b.city, b.county, "
                        "b.division_code FROM reports r JOIN bodies b ON b.id = r.body_id WHERE r.id = ?", (report_id,))
    if report is None:
        return None
    document = _one(conn, "SELECT * FROM documents WHERE id = ?", (report["current_document_id"],)) \
        if report["current_document_id"] else None
    documents = _rows(conn, "SELECT id, sha256, url, kind, content_type, size, fetched_at, superseded, role "
                            "FROM documents WHERE report_id = ? ORDER BY fetched_at, id", (report_id,))
    figures, printed, places = {}, {}, {}
    for row in conn.execute("SELECT key, value, printed_as, page, box, confidence FROM figures WHERE report_id = ?",
                            (report_id,)):
        figures[row[0]] = row[1]
        printed[row[0]] = row[2]
        places[row[0]] = (row[3], row[4], row[5])
    prev = _one(conn, "SELECT id, year FROM reports WHERE body_id = ? AND year = ?", (report["body_id"], report["year"] - 1))
    previous = dict(conn.execute("SELECT key, value FROM figures WHERE report_id = ?", (prev["id"],)).fetchall()) \
        if prev else {}
    findings = _rows(conn, "SELECT f.id, f.rule, f.detail, f.cells, f.status, f.related_report_id, r.statement, "
                           "r.statement_zh FROM findings f LEFT JOIN rules r ON r.id = f.rule "
                           "WHERE f.report_id = ? ORDER BY f.status, f.rule, f.id", (report_id,))
    # year.chain breaches of next year's report rest on this report's carried_forward cells
    following = _rows(conn, "SELECT f.id, f.rule, f.detail, f.cells, f.status, f.report_id AS next_report_id, "
                            "r.statement, r.statement_zh FROM findings f LEFT JOIN rules r ON r.id = f.rule "
                            "WHERE f.related_report_id = ? AND f.rule = 'year.chain' ORDER BY f.id", (report_id,))
    marks: dict[str, list[dict]] = {}
    for i, f in enumerate(findings + following, 1):
        f["number"] = i
        try:
            f["cell_keys"] = [k for k in json.loads(f["cells"] or "[]") if isinstance(k, str)]
        except ValueError:
            f["cell_keys"] = []
        if f.get("next_report_id"):
            f["cell_keys"] = [k.replace("t3.carried_over.", "t3.carried_forward.", 1) for k in f["cell_keys"]]
        for key in f["cell_keys"]:
            marks.setdefault(key, []).append(f)
    coverage = _one(conn, "SELECT * FROM coverage WHERE body_id = ? AND year = ?", (report["body_id"], report["year"]))
    judged = deadlines.lateness(report["level"], report["year"], report["published"])
    lateness = {"rule": judged.rule, "rule_zh": deadlines.RULES[judged.rule][1], "rule_en": deadlines.RULES[judged.rule][2],
                "due": judged.due, "late": judged.late, "days_late": judged.days_late, "basis": judged.basis}
    if coverage and coverage.get("late") is not None and judged.late is None:
        lateness.update(late=coverage["late"], days_late=coverage.get("days_late"), basis=coverage.get("late_basis"))
    headline = _one(conn, "SELECT * FROM headline WHERE report_id = ?", (report_id,))
    sections = _rows(conn, "SELECT number, heading, text FROM sections WHERE report_id = ? ORDER BY number", (report_id,))
    years = _rows(conn, "SELECT id, year FROM reports WHERE body_id = ? ORDER BY year", (report["body_id"],))
    return {
        "report": report, "document": document, "documents": documents, "previous_report": prev,
        "tables": report_tables(report["generation"], figures, printed, previous, marks, places),
        "findings": findings, "following": following, "breaches": sum(f["status"] == "breach" for f in findings),
        "lateness": lateness, "coverage": coverage, "headline": headline, "sections": sections,
        "years": years, "figure_count": len(figures),
        "reconciled": (headline or {}).get("reconciled"),
        "original_name": original_name(document["url"], document["sha256"], document["kind"]) if document else None,
    }


def body_page(conn, body_id: int) -> dict | None:
    """A body and all its reports' figures, years side by side; ``None`` if no such body."""
    from archive import tables

    body = _one(conn, "SELECT * FROM bodies WHERE id = ?", (body_id,))
    if body is None:
        return None
    reports = _rows(conn, "SELECT r.id, r.year, r.title, r.published, r.generation, c.due, c.due_rule, c.late, "
                          "c.days_late, c.removed_at, h.findings FROM reports r "
                          "LEFT JOIN coverage c ON c.body_id = r.body_id AND c.year = r.year "
                          "LEFT JOIN headline h ON h.report_id = r.id WHERE r.body_id = ? ORDER BY r.year", (body_id,))
    ids = [r["id"] for r in reports]
    values: dict[str, dict[int, object]] = {}
    headline: dict[str, dict[int, object]] = {}
    if ids:
        marks = ",".join("?" * len(ids))
        for report_id, key, value in conn.execute(
                f"SELECT report_id, key, value FROM figures WHERE report_id IN ({marks})", ids):
            values.setdefault(key, {})[report_id] = fmt(value)
        for row in _rows(conn, f"SELECT * FROM headline WHERE report_id IN ({marks})", ids):
            for column in tables.HEADLINE:
                headline.setdefault(column, {})[row["report_id"]] = fmt(row[column])
    rows = [{"key": s.key, "label": f"{s.row_label} · {s.column_label}", "unit": s.unit,
             "cells": [values[s.key].get(i, "") for i in ids]}
            for s in schema.figure_specs() if s.key in values]
    summary = [{"key": c, "label": tables.HEADLINE[c][0], "cells": [headline.get(c, {}).get(i, "") for i in ids]}
               for c in tables.HEADLINE]
    missing = _rows(conn, "SELECT year, due, due_rule FROM coverage WHERE body_id = ? AND found = 0 ORDER BY year",
                    (body_id,))
    rule = deadlines.rule_for(body["level"])
    return {"body": body, "reports": reports, "rows": rows, "summary": summary, "missing": missing,
            "rule": rule, "rule_zh": deadlines.RULES[rule][1], "rule_en": deadlines.RULES[rule][2]}


def search_reports(conn, query: str, page: int = 1, page_size: int = PAGE_SIZE) -> dict:
    """Reports whose sections hold every word of ``query`` (each word anywhere in the report).

    :returns: ``{"query", "count", "page", "pages", "results": [{report_id, body, year, title, snippets}]}``.
    """
    words = [w for w in (query or "").split() if fts.match_query(w)]
    result = {"query": query or "", "words": words, "count": 0, "page": 1, "pages": 0, "results": []}
    if not words:
        return result
    ids = None
    for word in words:
        hits = {r[0] for r in conn.execute(
            f"SELECT rowid / {fts.SECTION_ID_FACTOR} FROM {fts.FTS_TABLE} WHERE {fts.FTS_TABLE} MATCH ?",
            (fts.match_query(word),))}
        ids = hits if ids is None else ids & hits
        if not ids:
            break
    ids = ids or set()
    result["count"] = len(ids)
    result["pages"] = max(1, math.ceil(len(ids) / page_size)) if ids else 0
    page = min(max(1, int(page or 1)), max(1, result["pages"]))
    result["page"] = page
    if not ids:
        return result
    ordered = [r[0] for r in conn.execute("SELECT id FROM reports ORDER BY year DESC, id DESC") if r[0] in ids]
    chosen = ordered[(page - 1) * page_size: page * page_size]
    for report_id in chosen:
        info = _one(conn, "SELECT r.id AS report_id, b.id AS body_id, b.name AS body, r.year, r.title FROM reports r "
                          "JOIN bodies b ON b.id = r.body_id WHERE r.id = ?", (report_id,))
        snippets = []
        sections = _rows(conn, "SELECT number, heading, text FROM sections WHERE report_id = ? ORDER BY number",
                         (report_id,))
        for word in words:
            for s in sections:
                if word.lower() in (s["text"] or "").lower():
                    snippets.append({"word": word, "section": s["number"], "heading": s["heading"],
                                     "text": fts.snippet(s["text"], word)})
                    break
        info["snippets"] = snippets
        result["results"].append(info)
    return result


# --- routes -------------------------------------------------------------------------

def _archive_name(datasette) -> str | None:
    for name, db in datasette.databases.items():
        if name.startswith("_"):
            continue
        return name
    return None


async def _page(datasette, request, template, builder, *args):
    from datasette.utils.asgi import Response

    database = _archive_name(datasette)
    if database is None:
        return Response.html("no database", status=404)
    db = datasette.get_database(database)
    data = await db.execute_fn(lambda conn: builder(conn, *args))
    if data is None:
        return Response.html(await datasette.render_template("error.html", {"ok": False, "error": "没有找到 / Not found",
                                                                            "title": "Not found", "status": 404},
                                                             request=request), status=404)
    data["database"] = database
    return Response.html(await datasette.render_template(template, data, request=request))


async def report_view(datasette, request):
    data_id = int(request.url_vars["report_id"])
    response = await _page(datasette, request, "ogi_report.html", _report_with_originals(datasette), data_id)
    return response


def _report_with_originals(datasette):
    def build(conn, report_id):
        data = report_page(conn, report_id)
        if data is not None:
            root = originals_dir(datasette, _archive_name(datasette))
            for doc in data["documents"]:
                doc["archived"] = _original_path(root, doc["sha256"], conn) is not None
            data["archived"] = bool(data["document"]) and any(
                d["archived"] for d in data["documents"] if d["id"] == data["document"]["id"])
            data["originals_published"] = root is not None
        return data
    return build


async def body_view(datasette, request):
    return await _page(datasette, request, "ogi_body.html", body_page, int(request.url_vars["body_id"]))


async def search_view(datasette, request):
    query = request.args.get("q", "")
    try:
        page = int(request.args.get("page", "1"))
    except ValueError:
        page = 1
    return await _page(datasette, request, "ogi_search.html", search_reports, query, page)


def _original_path(root: Path | None, sha256: str, conn) -> Path | None:
    if root is None:
        return None
    row = conn.execute("SELECT raw_path FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
    candidates = []
    if row and row[0]:
        candidates.append(root / row[0])
    candidates.append(root / "objects" / sha256[:2] / sha256)
    base = root.resolve()
    for path in candidates:
        try:
            resolved = path.resolve()
        except OSError:
            continue
        if resolved.is_file() and base in resolved.parents:
            return resolved
    return None


async def original_view(datasette, request):
    from datasette.utils.asgi import Response

    sha256 = request.url_vars["sha256"].lower()
    database = _archive_name(datasette)
    if not _SHA256.match(sha256) or database is None:
        return Response.text("not found", status=404)
    root = originals_dir(datasette, database)
    db = datasette.get_database(database)

    def find(conn):
        row = _one(conn, "SELECT url, kind, content_type FROM documents WHERE sha256 = ?", (sha256,))
        return row, _original_path(root, sha256, conn)

    row, path = await db.execute_fn(find)
    if row is None or path is None:
        return Response.text("该文件的存档副本未在本站发布 / the archived copy of this file is not published here",
                             status=404)
    content_type = (row["content_type"] or "").split(";")[0].strip() or \
        mimetypes.guess_type(original_name(row["url"], sha256, row["kind"]))[0] or "application/octet-stream"
    name = original_name(row["url"], sha256, row["kind"])
    return Response(path.read_bytes(), content_type=content_type, headers={
        "content-disposition": f"inline; filename*=UTF-8''{urllib.parse.quote(name)}",
        # stored pages are somebody else's HTML: shown, never run
        "content-security-policy": "sandbox",
        "x-content-type-options": "nosniff",
    })


@hookimpl
def register_routes():
    return [
        (r"^/report/(?P<report_id>\d+)$", report_view),
        (r"^/body/(?P<body_id>\d+)$", body_view),
        (r"^/original/(?P<sha256>[0-9a-fA-F]{64})$", original_view),
        (r"^/search$", search_view),
    ]


# --- cells, headers, feeds ----------------------------------------------------------

@hookimpl
def render_cell(row, value, column, table, database):
    if value is None or value == "":
        return None
    row_id = row["id"] if row is not None and "id" in row.keys() else None
    if table == "reports" and column == "title" and isinstance(row_id, int):
        return Markup(f'<a href="/report/{row_id}">{escape(value)}</a>')
    if table == "bodies" and column == "name" and isinstance(row_id, int):
        return Markup(f'<a href="/body/{row_id}">{escape(value)}</a>')
    if column in ("report_id", "prev_report_id", "related_report_id", "current_report_id") and str(value).isdigit():
        return Markup(f'<a href="/report/{int(value)}">{int(value)}</a>')
    if column == "body_id" and str(value).isdigit():
        return Markup(f'<a href="/body/{int(value)}">{int(value)}</a>')
    if column == "all_results" and isinstance(value, str) and value.startswith("/search?q="):
        return Markup(f'<a href="/search?q={urllib.parse.quote(value[len("/search?q="):])}">全部结果 / all results</a>')
    if column in ("sha256", "document_sha256") and isinstance(value, str) and _SHA256.match(value):
        return Markup(f'<a href="/original/{value}" title="存档原件 / archived original">{value[:16]}…</a>')
    return None


@hookimpl
def extra_css_urls():
    return ["/ogi-static/ogi.css"]


@hookimpl
def extra_body_script(template, database, table, view_name, datasette):
    """Headers in Chinese and English with units, and the column descriptions folded away."""
    if template not in ("table.html", "query.html", "row.html"):
        return None
    from archive.metadata import column_labels

    labels = {name: f"{zh}{f'（{unit}）' if unit else ''}" for name, (zh, _, unit) in column_labels().items()}
    return ("window.ogiLabels = " + json.dumps(labels, ensure_ascii=False) + ";\n"
            + (Path(__file__).parent / "static" / "ogi.js").read_text(encoding="utf-8"))


def _xlsx_headers(original):
    def headers(columns):
        from archive.metadata import column_labels

        labels = column_labels()
        named = []
        for c in columns:
            zh, _, unit = labels.get(c, (None, None, None))
            named.append(f"{zh}{f'（{unit}）' if unit else ''} {c}" if zh else c)
        return original(named)
    headers.ogi = True
    return headers


try:  # the .xlsx export (datasette-xlsx) labels its header row in Chinese
    import datasette_xlsx

    if not getattr(datasette_xlsx._table_headers, "ogi", False):
        datasette_xlsx._table_headers = _xlsx_headers(datasette_xlsx._table_headers)
except ImportError:  # pragma: no cover - the plugin is a declared dependency
    pass


def escape_text(value) -> str:
    """Stored text as safe HTML (never rendered as markup)."""
    return str(escape(value or ""))
