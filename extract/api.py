"""Entry points of the extractor: bytes or files in, one record (a plain dict) out.

A record has the keys of :data:`RECORD_KEYS`; ``ogi extract --json`` prints exactly
this shape, one record per line. Bad input never raises: the record's ``error`` says
what went wrong, in one sentence, and everything learnt before the failure (kind,
sha256, size) is kept.

Files that are not annual reports (a budget notice, a login page, the blank national
template) get ``is_report: false``, no figures, and an ``error`` starting with
``"not an annual report"``. Blank, ``—``, ``/`` and ``无`` cells inside a printed table
are 0, for a whole row or a whole table too (a street office with no requests prints
table 3 empty); ``printed_as`` says how each figure was printed. Only the blank national
template, which names no body (or ``XX``, ``××``, ``某某``, ``（单位名称）`` in its
place), yields no figures.

Example::

    from extract.api import extract_file
    record = extract_file("report.pdf")
    record["figures"]["t3.new.total"]
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import Iterable, Iterator

from extract import EXTRACTOR_VERSION
from extract.detect import detect_kind
from extract.readers import UnsupportedInput
from extract.layout import CELL_SEP, LOW_CONFIDENCE, Layout, Row
from extract import limits, schema
from extract.limits import LimitExceeded, check_size

from extract.schema import RECORD_KEYS, extraction_warning as warn  # noqa: E402  (the record's keys, beside its type)

_RADICALS = re.compile(r"[\u2e80-\u2fdf\uf900-\ufaff]")


def normalize_text(line: str) -> str:
    """Map Kangxi/CJK radicals and compatibility ideographs to ordinary characters (NFKC,
    only for those characters, so full-width punctuation is kept as printed)."""
    if _RADICALS.search(line):
        line = _RADICALS.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), line)
    return line


def empty_record(source: str = "<bytes>") -> dict:
    """A record with every key present and nothing known yet."""
    return {"source": source, "sha256": None, "size": None, "kind": None, "format": None, "agency": None,
            "year": None, "title": None, "published": None, "is_report": False, "sections": {}, "figures": {}, "printed_as": {}, "cells": {}, "figure_confidence": {},
            "findings": [],
            "warnings": [], "pages": None, "extractor_version": EXTRACTOR_VERSION, "error": None}


def read_layout(data: bytes, kind: str, *, ocr: bool = True, converted_docx: bytes | None = None) -> Layout:
    """Turn bytes of a known kind into a :class:`Layout` with the kind's registered reader
    (:data:`extract.readers.READERS`), its text normalised.

    :param data: the file's bytes.
    :param kind: from :func:`extract.detect.detect_kind`.
    :param ocr: send pages without a text layer (and images) through :mod:`extract.ocr`.
    :param converted_docx: for DOC/WPS, the file already converted to DOCX (batched).
    :raises UnsupportedInput: no reader for ``kind`` (or an image with OCR off).
    :raises Exception: the readers' own errors (:class:`extract.pdf.PdfError`, …).
    """
    from extract import readers

    layout = readers.read_layout(data, kind, ocr=ocr, converted_docx=converted_docx)
    layout.map_text(normalize_text)
    if layout.title_hint:
        layout.title_hint = normalize_text(layout.title_hint)
    return layout


def output_settings(ocr: bool = True) -> str:
    """The settings besides the extractor version that change a record, as one key.

    Records are stored under ``(sha256, extractor version, this key)``
    (:class:`store.records.RecordStore`), so switching OCR off, or to another engine,
    never reuses records made the other way.

    :param ocr: whether scanned pages and images are read with OCR.
    :return: ``"ocr=off"`` or ``"ocr=<engines>"`` (:func:`extract.ocr_engines.engines_key`:
        ``ocr=tesseract+rapidocr`` where RapidOCR is installed, else ``ocr=tesseract``).
    """
    if not ocr:
        return "ocr=off"
    try:
        from extract import ocr_engines

        engine = ocr_engines.engines_key()
    except Exception:  # noqa: BLE001 - OCR dependencies missing: records say so in warnings
        engine = "unavailable"
    return f"ocr={engine}"


def _ocr_function(name: str):
    try:
        from extract import ocr as ocr_module
    except Exception:  # noqa: BLE001 - OCR dependencies missing: reported as warnings
        return None
    return getattr(ocr_module, name, None)


def _ocr_pages(data: bytes, layout: Layout) -> Layout:
    engine = _ocr_function("ocr_pdf_pages")
    if engine is None:
        return layout
    pages = list(layout.pages_needing_ocr)
    if not layout.lines:  # a scan: OCR is the whole document
        ocr_layout = engine(data, pages)
        ocr_layout.warnings = [w for w in layout.warnings if w["code"] != "page_needs_ocr"] + ocr_layout.warnings
        ocr_layout.pages = layout.pages
        ocr_layout.title_hint = ocr_layout.title_hint or layout.title_hint
        return ocr_layout
    # mixed document: each OCR'd page goes where it sits among the text pages
    # (text lines keep their confidences and cell readings, shifted by the lines inserted before them)
    insert_at = layout.ocr_insert_at
    lines: list[str] = []
    confidence: dict[int, float] = {}
    cells: list[dict] = []
    warnings = [w for w in layout.warnings if w["code"] != "page_needs_ocr"]
    taken = 0

    def keep_text(upto: int) -> None:
        nonlocal taken
        shift = len(lines) - taken
        confidence.update({i + shift: c for i, c in layout.confidence.items() if taken <= i < upto})
        cells.extend(dict(c, line_index=c["line_index"] + shift) for c in layout.ocr_cells
                     if taken <= c["line_index"] < upto)
        lines.extend(layout.lines[taken:upto])
        taken = upto

    for page in sorted(pages):
        keep_text(max(taken, insert_at.get(page, len(layout.lines))))
        page_layout = engine(data, [page])
        base = len(lines)
        lines.extend(layout.adopt(page_layout))  # its tables numbered after the text layer's
        confidence.update({base + i: c for i, c in page_layout.confidence.items()})
        cells.extend(dict(c, line_index=c["line_index"] + base) for c in page_layout.ocr_cells)
        warnings += page_layout.warnings
    keep_text(len(layout.lines))
    layout.lines, layout.confidence, layout.ocr_cells, layout.warnings = lines, confidence, cells, warnings
    layout.renumber_tables()  # tables counted in reading order again
    layout.warnings.append(warn("pages_read_by_ocr", f"pages {', '.join(map(str, pages))} were read by OCR "
                                "(no text layer, or an undecodable one)"))
    return layout



def _map(layout: Layout, record: dict) -> None:
    from extract.mapping import OCR_READ_KEY, breach_findings, map_layout

    mapped = map_layout(layout)
    for key in ("format", "agency", "year", "title", "published", "is_report", "sections", "figures", "printed_as", "cells", "findings"):
        if key in mapped:
            record[key] = mapped[key]
    record["warnings"] = list(layout.warnings) + [w for w in mapped.get("warnings", []) if w not in layout.warnings]
    if layout.ocr_cells and record["figures"]:
        record["figure_confidence"], low = figure_confidence(layout, record["figures"], record["format"],
                                                             record.get("cells"))
        if _drop_figures_outside_cells(record, mapped.get(OCR_READ_KEY, set())) | _amounts_beside_a_speck(
                record, layout):
            record["findings"] = breach_findings(record["figures"], record["format"], record["sections"].get("1"))
        record["warnings"] += [w for w in low if w not in record["warnings"]]
        mark_uncertain(record["findings"], record["figure_confidence"], record["figures"],
                       ocr_lines=[str(layout.lines[i]) for i in layout.confidence if i < len(layout.lines)
                                  and not isinstance(layout.lines[i], Row)])
    # a page without figures or report sections that lists several reports is their column
    listed = _listed_reports(layout) if record["is_report"] and not record["figures"] \
        and not record["sections"] else 0
    if listed:
        record["is_report"] = False
        record["error"] = f"not an annual report (a list of {listed} report titles: a portal's column page)"
    elif not record["is_report"]:
        blank = any(w["code"] == "blank_template" for w in record["warnings"])
        why = "blank template" if blank else "no report title or template tables found"
        record["error"] = f"not an annual report ({why})"


def _drop_figures_outside_cells(record: dict, ocr_read: set[str]) -> bool:
    """Leave out the figures read from OCR'd text (``ocr_read``, see
    :func:`extract.mapping.map_layout`) that were printed as numbers but tie to no OCR'd
    figure cell: read from a line of text OCR gave where it found no grid
    (``学报投诉美申请 0 0 0 0 0 1 …``) or out of a text cell, their columns are guesses.
    A token outside a cell's box does not become a cell (the scans issue). Kept: a figure
    read from a blank cell (0), and a row read 0 in every cell (``0 0 … 0``, table 4 on
    one line), whose columns cannot be mistaken.

    :returns: whether any figure was left out (each gets a ``figure_outside_cells`` warning).
    """
    figures = record["figures"]
    outside = [key for key, how in record["printed_as"].items() if how == "number" and key in figures
               and key in ocr_read and key not in record["figure_confidence"]]

    def zeros(key: str) -> bool:  # its row reads 0 in every cell: whichever column each 0 stood in
        row = key.rsplit(".", 1)[0] + "."
        return all(value == 0 for k, value in figures.items() if k.startswith(row))

    dropped = [key for key in outside if not zeros(key)]
    for key in dropped:
        value = figures.pop(key)
        record["printed_as"].pop(key, None)
        record["cells"].pop(key, None)
        record["warnings"].append(warn("figure_outside_cells", f"figure {key}: OCR read {value} outside every "
                                       "table cell; left out"))
    return bool(dropped)


def _amounts_beside_a_speck(record: dict, layout: Layout) -> bool:
    """Amounts (:data:`extract.schema.DECIMAL_KEYS`) read by OCR as whole numbers from a
    cell whose glyphs show a mark on the baseline between digits (``chosen_by``
    :data:`extract.ocr.SPECK_OR_POINT`: a speck, or the decimal point of ``2.32`` no engine
    read). Counts keep the whole number (they have no point); an amount takes the point
    where the glyphs show it, at the confidence of a choice by glyphs (warned about), or
    is left out when the glyphs place no point.

    :returns: whether any figure changed (each gets a ``figure_point_unsure`` warning).
    """
    from extract.ocr import SPECK_OR_POINT

    marked = {}
    for entry in layout.ocr_cells:
        if entry.get("chosen_by") != SPECK_OR_POINT or entry.get("line_index", -1) >= len(layout.lines):
            continue
        cells = getattr(layout.lines[entry["line_index"]], "cells", ())
        if entry.get("cell_index", -1) < len(cells):
            cell = cells[entry["cell_index"]]
            marked[(cell.page, cell.table, cell.row, cell.col)] = entry
    changed = False
    for key in sorted(schema.DECIMAL_KEYS & set(record["figures"])):
        place = record.get("cells", {}).get(key)
        if not isinstance(place, dict):
            continue
        entry = marked.get((place.get("page"), place.get("table"), place.get("row"), place.get("col")))
        if entry is None:
            continue
        changed = True
        value = record["figures"][key]
        pointed = [(text, support) for text, support in entry.get("alternatives", []) if "." in str(text)]
        if pointed:
            text, support = pointed[0]
            record["figures"][key] = float(text)
            record.setdefault("figure_confidence", {})[key] = support
            place["confidence"] = support
            record["warnings"].append(warn("figure_point_unsure", f"figure {key}: OCR read {value}; its cell shows a "
                                           f"point between digits that no engine read: taken as {text} ({support:.2f})"))
            continue
        record["figures"].pop(key)
        record["printed_as"].pop(key, None)
        record["cells"].pop(key, None)
        record.get("figure_confidence", {}).pop(key, None)
        record["warnings"].append(warn("figure_point_unsure", f"figure {key}: OCR read {value}, and its cell shows "
                                       "a mark between digits that may be a decimal point; left out"))
    return changed


def _listed_reports(layout: Layout) -> int:
    """How many different report titles a page without figures lists, one per line (any
    cell), when there are three or more and they name at least two years: a column's list
    page (年报栏目), not a report. A report's landing page repeats its own title (heading,
    "现将……予以公布", "附件：…….pdf"): one year.

    :return: the number of different titles, or 0.
    """
    from extract.meta import arabic_years, names_report_and_year

    titles, years = set(), set()
    for line in layout.lines:
        for cell in line.split(CELL_SEP):
            cell = cell.strip()
            if 8 <= len(cell) <= 80 and names_report_and_year(cell):
                titles.add("".join(cell.split()))
                years.update(re.findall(r"(?:19|20)\d{2}", arabic_years(cell)))
                break
    return len(titles) if len(titles) >= 3 and len(years) >= 2 else 0


def mark_uncertain(findings: list[dict], confidence: dict[str, float], figures: dict | None = None,
                   ocr_lines: list[str] = ()) -> None:
    """Give each finding of an OCR'd document a ``status``: ``uncertain`` when one of the
    figures it rests on was read below :data:`extract.ocr.LOW_CONFIDENCE` or could not
    be tied to a cell's confidence at all, else ``breach``. An uncertain finding is no
    accusation: a misread digit breaks the arithmetic as surely as a body's error does.

    A ``narrative.requests`` finding is uncertain too when section 1's count was read by
    OCR (it stands on one of ``ocr_lines``) and differs from the table's by one repeated
    digit dropped or doubled (``4`` for ``44``): prose is read without the cells' digit
    checks, and merging a doubled glyph is a typical misread.

    :param findings: as :func:`extract.checks.check_figures` gives them (with ``keys``).
    :param confidence: canonical key → OCR confidence of its cell (0–1).
    :param figures: the record's figures (for the table's side of a narrative finding).
    :param ocr_lines: the text lines (not table rows) read by OCR.
    """
    threshold = LOW_CONFIDENCE
    for finding in findings:
        keys = finding.get("keys") or []
        doubtful = [k for k in keys if confidence.get(k, 0.0) < threshold]
        finding["status"] = "uncertain" if doubtful or not keys else "breach"
        if doubtful:
            finding["detail"] += f" (uncertain: OCR read {', '.join(doubtful[:4])} with low confidence)"
        elif finding.get("rule") == "narrative.requests" and finding.get("stated") is not None and figures \
                and _repeat_misread(finding["stated"], figures.get("t3.new.total")) \
                and any(re.search(rf"(?<!\d){finding['stated']}\s*(?:件|条|份|个|宗)", line) for line in ocr_lines):
            finding["status"] = "uncertain"
            finding["detail"] += " (uncertain: section 1's count was read by OCR, one repeated digit apart)"


def _repeat_misread(stated, table) -> bool:
    """Whether two counts differ by one repeated digit dropped or doubled (4 / 44,
    10 / 100, 1223 / 123)."""
    if not isinstance(stated, int) or not isinstance(table, int) or stated == table:
        return False
    short, long_ = sorted((str(stated), str(table)), key=len)
    return len(long_) == len(short) + 1 and any(
        long_[:i] + long_[i + 1:] == short and (long_[i - 1:i] == long_[i] or long_[i + 1:i + 2] == long_[i])
        for i in range(len(long_)))


def _figure_rows(generation: str | None) -> list[list[str]]:
    """Canonical keys grouped as the template prints them, one list per table row (cells
    left to right), rows in template order (table 2, table 3, table 4)."""
    from extract import schema

    groups: list[list[str]] = []
    t2_rows = schema.T2_ROWS.get(generation or "", ())
    groups += [[f"t2.{row.key}.{col}" for col in row.columns] for row in t2_rows]
    t3_rows = list(schema.T3_ROW_ORDER.get(generation or "", schema.T3_ROW_ORDER["2021"]))
    if "other" not in t3_rows:
        # a 2021 report may still print (六) 其他处理 as one row, where other_no_correction sits
        t3_rows.insert(t3_rows.index("other_no_correction") if "other_no_correction" in t3_rows else len(t3_rows),
                       "other")
    groups += [[schema.t3_key(row, col) for col in schema.T3_COLUMN_KEYS] for row in t3_rows]
    groups.append(list(schema.T4_KEYS))
    return groups


def _cell_value(cell: str):
    from extract.numbers import is_blank, numbers_in_cell

    found = numbers_in_cell(cell.strip())
    if found and len(found) == 1:
        return found[0]
    return 0 if is_blank(cell) else None


def _row_window(values: list, wanted: list) -> int | None:
    """Where a template row's figures sit in a table line: the index of the first of
    the line's last ``len(wanted)`` cells when they print exactly ``wanted`` (blank
    cells 0) and stand after a label (blank cells between allowed) or at the start of
    the line; otherwise None. A window of blank cells only is no match (it could be
    any row printed empty, or a spacer row).

    :param values: the line's cells as :func:`_cell_value` reads them, with ``""``
        for a blank cell and ``None`` for text
    """
    n = len(wanted)
    if len(values) < n:
        return None
    start = len(values) - n
    if all(v == "" for v in values[start:]) or [0 if v == "" else v for v in values[start:]] != wanted:
        return None
    before = [v for v in values[:start] if v != ""]
    if before and before[-1] is not None:
        return None  # the window would start inside a longer run of figures
    return start


def figure_confidence(layout: Layout, figures: dict, generation: str | None,
                      cells: dict | None = None) -> tuple[dict[str, float], list[str]]:
    """Tie OCR'd figures to the confidence of the cell they were read from.

    A figure whose cell the mapper placed (``cells[key]["confidence"]``, the record's
    :data:`extract.schema.CELLS_KEY`) takes that cell's confidence; the others are
    tied as follows.

    The mapper reads figures from the document's text, not from numbered lines, so a
    figure is tied to a cell here: the template's rows (in template order) are aligned
    with the document's table lines (in reading order) so that as many rows as possible
    find a line whose last cells print exactly that row's figures (see
    :func:`_row_window`). Figures in an aligned OCR'd line get the confidence of their
    cell; a cell OCR found blank has no reading and gets none. Figure values are never
    changed.

    :returns: ``({canonical key: confidence}, warnings)``: one ``figure_low_confidence``
        warning for each figure under ``extract.ocr.LOW_CONFIDENCE``
    """
    low_confidence = LOW_CONFIDENCE
    by_cell = {(c["line_index"], c["cell_index"]): c for c in layout.ocr_cells}
    ocr_lines = {c["line_index"] for c in layout.ocr_cells}
    rows = [(i, ["" if not c.strip() else _cell_value(c) for c in line.split(CELL_SEP)])
            for i, line in enumerate(layout.lines) if CELL_SEP in line]
    groups = [keys for keys in _figure_rows(generation) if all(k in figures for k in keys)]
    window = [[_row_window(values, [figures[k] for k in keys]) for _, values in rows] for keys in groups]
    # longest monotone alignment of template rows with table lines (as in a diff)
    g_count, r_count = len(groups), len(rows)
    best = [[0] * (r_count + 1) for _ in range(g_count + 1)]
    for g in range(g_count - 1, -1, -1):
        for r in range(r_count - 1, -1, -1):
            take = best[g + 1][r + 1] + 1 if window[g][r] is not None else 0
            best[g][r] = max(take, best[g + 1][r], best[g][r + 1])
    out: dict[str, float] = {}
    low: dict[str, dict] = {}  # figure key → its warning
    g = r = 0
    while g < g_count and r < r_count:
        if window[g][r] is not None and best[g][r] == best[g + 1][r + 1] + 1:
            index, start = rows[r][0], window[g][r]
            if index in ocr_lines:
                for offset, key in enumerate(groups[g]):
                    cell = by_cell.get((index, start + offset))
                    if cell is None or not cell.get("text"):
                        continue
                    conf = round(float(cell["confidence"]), 3)
                    out[key] = conf
                    if conf < low_confidence:
                        low[key] = _low_confidence_warning(key, figures[key], conf)
            g, r = g + 1, r + 1
        elif best[g][r] == best[g][r + 1]:
            r += 1
        else:
            g += 1
    placed = {key: entry["confidence"] for key, entry in (cells or {}).items()
              if key in figures and isinstance(entry, dict) and entry.get("confidence") is not None}
    for key, conf in placed.items():
        conf = round(float(conf), 3)
        if out.get(key) != conf:
            low.pop(key, None)
            out[key] = conf
            if conf < low_confidence:
                low[key] = _low_confidence_warning(key, figures[key], conf)
    return out, list(low.values())


def _low_confidence_warning(key: str, value, confidence: float) -> dict:
    return warn("figure_low_confidence", f"low OCR confidence for {key}: read {value} ({confidence:.2f})")


def extract_bytes(data: bytes, source: str = "<bytes>", *, ocr: bool = True,
                  converted_docx: bytes | None = None) -> dict:
    """Extract one file's bytes into a record; never raises for bad input.

    :param data: the file's bytes.
    :param source: how the caller names the file (a path or URL), copied to the record.
    :param ocr: run OCR on pages without a text layer and on images.
    :param converted_docx: for DOC/WPS input, its DOCX conversion if already made.
    """
    record = empty_record(source)
    try:
        record["size"] = len(data)
        record["sha256"] = hashlib.sha256(data).hexdigest()
        check_size(len(data))
        if not data.strip():
            record["kind"] = "unknown"
            raise UnsupportedInput("empty file" if not data else "file holds only whitespace")
        record["kind"] = detect_kind(data)
        layout = read_layout(data, record["kind"], ocr=ocr, converted_docx=converted_docx)
        record["pages"] = getattr(layout, "pages", None)
        if not ocr and layout.pages_needing_ocr and not layout.lines:
            raise UnsupportedInput(f"no text layer on any of the {len(layout.pages_needing_ocr)} pages "
                                   "(a scan); needs OCR, which is disabled")
        if not layout.lines:
            if layout.pages_needing_ocr:
                raise UnsupportedInput(f"no text layer on any of the {len(layout.pages_needing_ocr)} pages "
                                       "(a scan) and OCR is not available")
            raise UnsupportedInput("no text found in the file")
        _map(layout, record)
    except MemoryError:
        record["error"] = f"out of memory (limit {limits.MEMORY_LIMIT_BYTES // 1048576} MB)"
    except (UnsupportedInput, LimitExceeded) as exc:
        record["error"] = str(exc)
    except Exception as exc:  # noqa: BLE001 - bad input must never stop a batch
        record["error"] = _describe(exc)
    return record


def _describe(exc: Exception) -> str:
    from extract.doc import ConversionError
    from extract.docx import DocxError
    from extract.html import HtmlError
    from extract.pdf import PdfError

    if isinstance(exc, (PdfError, DocxError, HtmlError, ConversionError)):
        return str(exc)
    return f"extraction failed: {type(exc).__name__}: {exc}"


def _file_digest(path: str) -> tuple[str | None, int | None]:
    try:
        digest = hashlib.sha256()
        size = 0
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
                size += len(block)
        return digest.hexdigest(), size
    except OSError:
        return None, None


def extract_file(path: str | os.PathLike, *, ocr: bool = True, converted_docx: str | None = None) -> dict:
    """Extract one file; never raises for bad input.

    The file is read as :func:`extract.runner.read_job` reads every job: its size is
    checked before it is read, so a huge file costs no memory, and a device, FIFO or
    directory is refused without reading.

    :param path: the file.
    :param ocr: see :func:`extract_bytes`.
    :param converted_docx: path of the file's DOCX conversion (DOC/WPS), if already made.
    """
    from extract.runner import Job, read_job

    source = os.fspath(path)
    try:
        data = read_job(Job(None, source, source))
    except OSError as exc:
        record = empty_record(source)
        record["error"] = f"cannot read file: {exc.strerror or exc}"
        return record
    except ValueError as exc:  # too large, or not a regular file
        record = empty_record(source)
        if os.path.isfile(source):
            record["sha256"], record["size"] = _file_digest(source)
        record["error"] = str(exc)
        return record
    docx_bytes = None
    if converted_docx:
        try:
            with open(converted_docx, "rb") as f:
                docx_bytes = f.read()
        except OSError:
            pass
    return extract_bytes(data, source, ocr=ocr, converted_docx=docx_bytes)


def extract_files(paths: Iterable[str | os.PathLike], workers: int = 1, *, ocr: bool = True,
                  timeout: float | None = None, memory_limit: int | None = None,
                  isolate: bool = True, batch_office: bool = True) -> Iterator[dict]:
    """Extract many files; yield one record per file, in input order.

    Files run on :class:`extract.runner.Runner`'s reused worker processes with a memory
    limit and a timeout, so a crash, hang or memory blow-up becomes that file's
    ``error`` and the rest go on.

    :param paths: the files.
    :param workers: files extracted at once (worker processes).
    :param ocr: see :func:`extract_bytes`.
    :param timeout: wall-clock seconds allowed per file.
    :param memory_limit: address-space bytes allowed per worker process.
    :param isolate: ``False`` runs in this process (no limits; for debugging and profiling).
    :param batch_office: convert DOC/WPS files to DOCX many per LibreOffice call first,
        in a worker under the same limits (files a batch fails on are converted again
        one by one).
    """
    from extract.runner import Job, Runner

    sources = [os.fspath(p) for p in paths]
    options = () if ocr else (("ocr", False),)
    if not isolate:
        for source in sources:
            yield extract_file(source, ocr=ocr)
        return
    with tempfile.TemporaryDirectory(prefix="ogi-office-batch-") as scratch, \
            Runner(workers, timeout=timeout, memory_limit=memory_limit) as runner:
        converted: dict[str, str] = {}
        office = _office_candidates(sources) if batch_office else []
        if len(office) >= 2:  # one file converts just as fast in its own worker
            try:
                converted = runner.call(_convert_office_batch, office, scratch,
                                        timeout=(timeout or limits.FILE_TIMEOUT) + 5 * len(office))
            except Exception:  # noqa: BLE001 - each file then converts on its own
                converted = {}
        jobs = [Job(None, source, source, options, converted.get(source)) for source in sources]
        for job, record in runner.run(jobs):
            record.pop("retry", None)
            if record.get("error") and record.get("sha256") is None and os.path.isfile(job.path) \
                    and os.path.getsize(job.path) <= limits.MAX_FILE_BYTES:
                record["sha256"], record["size"] = _file_digest(job.path)
            yield record
        # every file is done: the idle workers end without being waited for (they exit
        # with this process at the latest), which saves their teardown on short runs
        runner.close(wait=False)


def _office_candidates(sources: list[str]) -> list[str]:
    """The regular files among ``sources`` that start like DOC/WPS (OLE2) or RTF files."""
    found = []
    for source in sources:
        try:
            if not os.path.isfile(source):
                continue
            with open(source, "rb") as f:
                head = f.read(8)
        except OSError:
            continue
        if head.startswith(b"\xd0\xcf\x11\xe0") or head.startswith(b"{\\rtf"):
            found.append(source)
    return found


#: DOC/WPS files converted per LibreOffice call by :func:`extract_files`
OFFICE_BATCH = 20


def _convert_office_batch(sources: list[str], scratch: str) -> dict[str, str]:
    """Convert the DOC/WPS files among ``sources`` to DOCX, many per LibreOffice call.

    LibreOffice takes about 2 s to start and 0.3 s a file once running, so batching
    saves most of the cost. Best effort: a file missing from a batch's output (or a
    batch that fails or times out) is converted again on its own, in its isolated child.
    """
    from extract.doc import ConversionError, convert_with_libreoffice

    office: list[tuple[str, str]] = []
    for source in sources:
        try:
            if os.stat(source).st_size > limits.MAX_FILE_BYTES:
                continue
            with open(source, "rb") as f:
                head = f.read(8)
                if not (head.startswith(b"\xd0\xcf\x11\xe0") or head.startswith(b"{\\rtf")):
                    continue
                kind = detect_kind(head + f.read())
        except OSError:
            continue
        if kind in ("doc", "wps"):
            office.append((source, kind))
    out: dict[str, str] = {}
    for start in range(0, len(office), OFFICE_BATCH):
        chunk = office[start:start + OFFICE_BATCH]
        batch_dir = Path(scratch, f"batch{start}")
        batch_dir.mkdir()
        inputs = []
        for n, (source, kind) in enumerate(chunk):
            link = batch_dir / f"f{n:04d}.{kind}"
            try:
                os.symlink(os.path.abspath(source), link)
            except OSError:
                continue
            inputs.append((source, link))
        if len(inputs) < 2:
            continue  # one file: its child converts it just as fast, and isolated
        try:
            produced = convert_with_libreoffice([link for _, link in inputs], "docx:MS Word 2007 XML",
                                                batch_dir / "out", timeout=30 + 5 * len(inputs))
        except ConversionError:
            continue
        for (source, _), docx_path in zip(inputs, produced):
            if docx_path is not None:
                out[source] = str(docx_path)
    return out
