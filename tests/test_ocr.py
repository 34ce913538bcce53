"""OCR of scanned reports: tables recovered cell by cell from degraded scans.

Fixtures are made here, not stored: the blank national template is filled with
seeded figures, converted to PDF with LibreOffice, rasterised with pdftoppm and
degraded (rotation, noise, JPEG) — see ``tests/ocr_scans.py``.
"""
from __future__ import annotations

import io
import re
import shutil
import zipfile

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter

from extract import ocr, schema
from extract.layout import CELL_SEP
from extract.ocr_table import deskew, find_tables

from .ocr_scans import (cached_pdf, degrade, figure_cells, image_bytes, images_to_pdf, rasterise)

pytestmark = [
    pytest.mark.skipif(not shutil.which("tesseract"), reason="tesseract not installed"),
    pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed"),
    pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils not installed"),
]

T3_PAGE, T4_PAGE = 3, 5
_WARN_CELL = re.compile(r"cell row (\d+) col (\d+) \((page \d+|image), table (\d+)\)")


@pytest.fixture(scope="session")
def report(tmp_path_factory):
    """A born-digital report (PDF) with known figures."""
    pdf, filled = cached_pdf(7, tmp_path_factory.mktemp("ocr-fixtures"))
    return pdf, filled


def _accuracy(pages, printed, slots=None):
    """(share right, wrong cells) over the template's figure cells, in reading order."""
    cells = figure_cells(pages)
    pairs = list(zip(printed, cells))
    if slots is not None:
        pairs = pairs[slots]
    wrong = [(truth, cell) for truth, cell in pairs if cell is None or cell.text != truth]
    return 1 - len(wrong) / len(pairs), wrong


def _flagged(cell, layout_warnings) -> bool:
    """Whether a wrong cell carries a warning in the layout."""
    if cell is None:
        return True  # a missed table is reported (figures missing), not invented
    tag = f"cell row {cell.cell.row + 1} col {cell.cell.col + 1} "
    return any(w["code"] in ocr.CELL_WARNING_CODES and tag in w["detail"] for w in layout_warnings)


def _read_scan(pdf: bytes, dpi: int, pages: list[int], **degradation):
    images = [degrade(im, seed=k, **degradation) for k, im in enumerate(rasterise(pdf, dpi, pages))]
    scan = images_to_pdf(images, dpi)
    readings = [ocr.read_image(img, ocr.DEFAULT_DPI, n) for n, img, _ in ocr.render_pdf_pages(scan)]
    return scan, readings


def test_born_digital_pages_need_no_ocr_and_scans_do(report):
    pdf, _ = report
    from extract.pdf import read_pdf

    assert read_pdf(pdf).pages_needing_ocr == []
    images = rasterise(pdf, 100, [1, 3])
    assert read_pdf(images_to_pdf(images, 100)).pages_needing_ocr == [1, 2]


def test_deskew_recovers_the_angle(report):
    pdf, _ = report
    page = rasterise(pdf, 150, [T3_PAGE])[0]
    for angle in (-1.8, 0.7, 2.0):
        gray = np.asarray(degrade(page, angle=angle))
        _, found = deskew(gray)
        assert found == pytest.approx(angle, abs=0.1)


def test_table_grid_with_merged_cells(report):
    pdf, _ = report
    gray = np.asarray(degrade(rasterise(pdf, 200, [T3_PAGE])[0], angle=1.0, noise=6, jpeg_quality=70))
    gray, _ = deskew(gray)
    tables, _ = find_tables(gray, 200)
    assert [(t.n_rows, t.n_cols) for t in tables] == [(28, 10)]
    t3 = tables[0]
    # the 勾稽关系 note spans 3 columns and the 3 header rows
    note = t3.cell_at(0, 0)
    assert (note.row_span, note.col_span) == (3, 3)
    # 法人或其他组织 spans the five middle columns
    assert t3.cell_at(1, 4).col_span == 5
    # 三、本年度办理结果 spans the 22 rows from (一) 予以公开 to (七) 总计
    assert t3.cell_at(5, 0).row_span == 22
    # every figure is its own cell
    assert all(t3.cell_at(r, c).row_span == 1 and t3.cell_at(r, c).col_span == 1
               for r in range(3, 28) for c in range(3, 10))


def test_200dpi_scan_reads_99_percent_of_cells_into_layout_rows(report):
    pdf, filled = report
    scan, pages = _read_scan(pdf, 200, [T3_PAGE, T4_PAGE], angle=1.2, noise=7, jpeg_quality=65)
    accuracy, wrong = _accuracy(pages, filled.printed, slice(10, None))  # tables 3 and 4
    assert accuracy >= 0.99, wrong

    layout = ocr.Layout()
    for page in pages:
        ocr.append_page(layout, page)
    rows = [line for line in layout.lines if CELL_SEP in line]
    new_row = next(line for line in rows if line.startswith("一、"))
    expected = [str(int(filled.figures[schema.t3_key("new", c)])) for c in schema.T3_COLUMN_KEYS]
    assert new_row.split(CELL_SEP)[-7:] == expected
    assert any("本年度办理结果" in line for line in rows)
    headings = [line for line in layout.lines if CELL_SEP not in line]
    assert any("收到和处理政府信息公开申请情况" in line for line in headings)
    assert any("行政复议、行政诉讼情况" in line for line in headings)
    # figures are tied to their confidences
    assert len([c for c in layout.ocr_cells if c["figure"]]) == 175 + 15
    index = layout.lines.index(new_row)
    cells = {c["cell_index"]: c for c in layout.ocr_cells if c["line_index"] == index}
    last = len(new_row.split(CELL_SEP)) - 1
    assert cells[last]["text"] == expected[-1] and 0 < cells[last]["confidence"] <= 1
    assert all(0 <= conf <= 1 for conf in layout.confidence.values())


def test_150dpi_scan_reads_97_percent_and_flags_wrong_cells(report):
    pdf, filled = report
    scan, pages = _read_scan(pdf, 150, [T3_PAGE, T4_PAGE], angle=-1.7, noise=9, jpeg_quality=55)
    layout = ocr.Layout()
    for page in pages:
        ocr.append_page(layout, page)
    t3_and_t4 = slice(10, None)  # table 2 is not on these pages
    accuracy, wrong = _accuracy(pages, filled.printed, t3_and_t4)
    assert accuracy >= 0.97, wrong
    if wrong:
        flagged = sum(1 for _, cell in wrong if _flagged(cell, layout.warnings) or ocr.cell_breaks_rule(cell, pages))
        assert flagged / len(wrong) >= 0.9


def test_table_pasted_as_a_picture(report, tmp_path):
    """A DOCX whose table 4 is a picture: the picture reads like a scan."""
    import docx
    from docx.shared import Cm

    pdf, filled = report
    page = rasterise(pdf, 220, [T4_PAGE])[0]
    gray = np.asarray(page)
    tables, _ = find_tables(gray, 220)
    x0, y0, x1, y1 = tables[0].box
    picture = Image.fromarray(gray[y0 - 20:y1 + 20, x0 - 20:x1 + 20])
    document = docx.Document()
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    document.add_picture(io.BytesIO(image_bytes(picture, "PNG")), width=Cm(16))
    buf = io.BytesIO()
    document.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        assert len(media) == 1
        data = z.read(media[0])
    layout = ocr.ocr_image(data)
    expected = [str(int(filled.figures[k])) for k in schema.T4_KEYS]
    assert layout.lines[-1].split(CELL_SEP) == expected
    # the same picture scaled down (a screenshot at another resolution) still reads
    small = picture.resize((picture.width * 2 // 3, picture.height * 2 // 3), Image.LANCZOS)
    assert ocr.ocr_image(image_bytes(small, "JPEG")).lines[-1].split(CELL_SEP) == expected


def test_blank_page_and_photo_give_warnings_and_no_figures():
    blank = Image.new("L", (1654, 2339), 250)
    blank = degrade(blank, noise=6, jpeg_quality=60)
    layout = ocr.ocr_image(image_bytes(blank, "JPEG"), dpi=200)
    assert layout.lines == [] and layout.ocr_cells == []
    assert "ocr_nothing_read" in {w["code"] for w in layout.warnings}

    layout = ocr.ocr_image(image_bytes(_photo(), "JPEG"))
    assert not [c for c in layout.ocr_cells if c["figure"] and c["confidence"] >= ocr.LOW_CONFIDENCE]
    assert not any(re.search(r"\d", line) for line in layout.lines), layout.lines
    assert layout.warnings

    layout = ocr.ocr_image(b"not an image at all")
    assert layout.lines == [] and layout.warnings[0]["code"] == "ocr_not_an_image"
    layout = ocr.ocr_pdf_pages(b"%PDF-1.4 broken")
    assert layout.lines == [] and layout.warnings[0]["code"] == "ocr_failed"
    assert "not a readable PDF" in layout.warnings[0]["detail"]


def _photo() -> Image.Image:
    """A photo of something else: sky, a building with windows, a tree, film grain."""
    rng = np.random.default_rng(3)
    h, w = 1200, 1600
    sky = np.linspace(200, 140, h)[:, None] * np.ones((1, w))
    img = Image.fromarray(sky.astype(np.uint8))
    draw = ImageDraw.Draw(img)
    draw.rectangle((300, 400, 1300, 1200), fill=110)
    for gx in range(340, 1260, 130):
        for gy in range(440, 1150, 150):
            draw.rectangle((gx, gy, gx + 80, gy + 100), fill=60, outline=30, width=4)
    draw.ellipse((1250, 250, 1550, 700), fill=70)
    img = img.filter(ImageFilter.GaussianBlur(2))
    arr = np.asarray(img, dtype=np.float32) + rng.normal(0, 12, (h, w))
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def _t4_table(readings: dict[int, tuple[str, list[tuple[str, float]]]]):
    """A table-4 shaped TableReading with the given (text, alternatives) per column."""
    from extract.ocr_table import Cell, TableGrid

    cells = []
    for c in range(15):
        text, alternatives = readings.get(c, ("0", []))
        cells.append(ocr.CellReading(Cell(0, c, 1, 1, (c * 10, 0, c * 10 + 10, 10)), text=text,
                                     confidence=0.4 if alternatives else 0.95, numeric=True,
                                     alternatives=alternatives))
    grid = TableGrid((0, 0, 150, 10), [0, 10], list(range(0, 160, 10)), [c.cell for c in cells])
    return ocr.TableReading(grid, cells)


def test_arithmetic_chooses_only_among_the_engines_readings():
    # review group: 1 + 4 + 0 + 0 = 5, but the total was read '3' (engine also saw '5')
    table = _t4_table({0: ("1", []), 1: ("4", []), 4: ("3", [("5", 0.3), ("8", 0.1)])})
    choices = ocr.choose_by_arithmetic(table)
    assert [(old, new) for _, old, new, _ in choices] == [("3", "5")]
    assert table.cells[4].text == "5" and table.cells[4].chosen_by == "t4.group_sum"
    assert ("3", 0.4) in table.cells[4].alternatives
    # no reading of the engine fits: nothing is invented
    table = _t4_table({0: ("1", []), 1: ("4", []), 4: ("3", [("8", 0.3)])})
    assert ocr.choose_by_arithmetic(table) == [] and table.cells[4].text == "3"
    # two readings fit equally (a 1 read as 7 in an addend, or the total): no choice
    table = _t4_table({0: ("7", [("1", 0.3)]), 1: ("4", []), 4: ("5", [("11", 0.3)])})
    assert ocr.choose_by_arithmetic(table) == []
    assert table.cells[0].text == "7" and table.cells[4].text == "5"


def test_a_low_confidence_figure_that_alone_breaks_a_sum_which_holds_without_it_is_left_unread():
    """Ink beside a blank cell (a remnant of a ruling) read as ``1`` at low confidence:
    the group's sum fails with it and holds were the cell blank. It is left unread
    (no value), never a 1 that makes a body's table fail to add up; a surely read cell,
    or two unsure ones, are kept as read."""
    table = _t4_table({0: ("1", []), 2: ("1", [("7", 0.1)]), 4: ("1", [])})
    choices = ocr.choose_by_arithmetic(table)
    assert [(old, new) for _, old, new, _ in choices] == [("1", "")]
    assert table.cells[2].text == "" and table.cells[2].confidence == 0.0 and table.cells[2].rejected == "1"
    for readings in ({0: ("1", []), 2: ("1", []), 4: ("1", [])},  # read surely: a breach, kept
                     {0: ("1", [("7", 0.1)]), 2: ("1", [("7", 0.1)]), 4: ("1", [])},  # which one? kept
                     {0: ("1", []), 2: ("3", [("8", 0.1)]), 4: ("5", [])}):  # blank would not fix it
        table = _t4_table(readings)
        assert ocr.choose_by_arithmetic(table) == [] and all(c.text for c in table.cells)


def test_choice_and_low_confidence_become_warnings(monkeypatch):
    # (the low-confidence 6 in a group that adds up: kept, with a warning)
    table = _t4_table({0: ("1", []), 1: ("4", []), 4: ("3", [("5", 0.3)]), 7: ("6", [("8", 0.2)]), 9: ("6", [])})

    class FakeReader:
        def read_pages(self, pages, dpi):
            return [ocr.PageReading(page, tables=[table]) for _, page, _ in pages]

    monkeypatch.setattr(ocr, "get_reader", lambda *a, **k: FakeReader())
    result = ocr.read_image(np.zeros((10, 10), np.uint8), 300, 4)
    layout = ocr.Layout()
    ocr.append_page(layout, result)
    assert layout.lines == [CELL_SEP.join(["1", "4", "0", "0", "5", "0", "0", "6", "0", "6"] + ["0"] * 5)]
    choice = [w["detail"] for w in layout.warnings if w["code"] == "ocr_arithmetic_choice"]
    assert choice == ["OCR chose for cell row 1 col 5 (page 4, table 1) the engine's alternative reading "
                      "'5' over '3': it satisfies t4.group_sum"]
    low = [w["detail"] for w in layout.warnings if w["code"] == "ocr_low_confidence"]
    assert "low OCR confidence for cell row 1 col 8 (page 4, table 1): read '6' (0.40); other readings '8'" in low
    cell = next(c for c in layout.ocr_cells if c["cell_index"] == 7)
    assert cell["confidence"] == 0.4 and cell["alternatives"] == [["8", 0.2]]


def test_scan_of_a_real_report_matches_its_reviewed_figures(input_kind_examples):
    """A real WPS-exported report (tables drawn with lines, its own fonts), printed
    and scanned at 150 dpi, gives the figures reviewed for the born-digital file."""
    import json

    from extract.api import extract_bytes

    name = "huaian_hongze_district_gov_2024_report"
    truth = json.loads((input_kind_examples / f"{name}.truth.json").read_text())
    pdf = (input_kind_examples / f"{name}.pdf").read_bytes()
    pages = rasterise(pdf, 150)
    images = [degrade(im, angle=(-1.4, 0.9, 1.6, -0.5, 0.3)[k % 5], noise=7, jpeg_quality=60, seed=k)
              for k, im in enumerate(pages)]
    record = extract_bytes(images_to_pdf(images, 150), "scan.pdf")
    assert record["error"] is None
    right = sum(1 for k, v in truth["figures"].items() if record["figures"].get(k) == v)
    assert right / len(truth["figures"]) >= 0.97
    assert record["year"] == truth["year"] and record["format"] == truth["format"]


def test_an_unreadable_cell_keeps_its_column_and_is_never_a_zero():
    """Inked marks no engine could read: the cell stays in its column as unread, the
    figures after it keep theirs, and its key is left out, never read as a blank 0."""
    from extract.layout import UNREAD_CELL
    from extract.mapping import map_layout

    table = _t4_table({2: ("", []), 4: ("3", [])})
    table.cells[2].confidence = 0.0
    layout = ocr.Layout(lines=["某县2021年政府信息公开工作年度报告", "四、政府信息公开行政复议、行政诉讼情况"])
    ocr.append_page(layout, ocr.PageReading(1, tables=[table]))
    assert layout.lines[-1].split(CELL_SEP)[2] == UNREAD_CELL
    assert "ocr_cell_unread" in {w["code"] for w in layout.warnings}
    result = map_layout(layout)
    assert "t4.review.other" not in result["figures"]
    assert result["figures"]["t4.review.total"] == 3 and result["figures"]["t4.review.pending"] == 0
    assert {"code": "figure_unread",
            "detail": "figure t4.review.other: its cell could not be read (OCR); left out"} in result["warnings"]
    assert not [f for f in result["findings"] if f["rule"] == "t4.group_sum"]


def test_a_finding_resting_on_a_doubtful_ocr_cell_is_uncertain_not_a_breach():
    from extract.api import mark_uncertain
    from extract.checks import check_t4

    figures = {f"t4.review.{c}": v for c, v in zip(("upheld", "corrected", "other", "pending", "total"), (1, 4, 0, 0, 3))}
    figures.update({f"t4.suit_direct.{c}": v for c, v in zip(("upheld", "corrected", "other", "pending", "total"),
                                                             (1, 0, 0, 0, 2))})
    findings = check_t4(figures)
    assert [f["rule"] for f in findings] == ["t4.group_sum", "t4.group_sum"]
    confidence = {k: 0.95 for k in figures}
    confidence["t4.review.total"] = 0.31  # '3' read at low confidence: may be a misread '5'
    mark_uncertain(findings, confidence)
    assert [f["status"] for f in findings] == ["uncertain", "breach"]
    assert "t4.review.total" in findings[0]["detail"]
    # a figure with no confidence at all (not tied to a cell) is no ground for a breach either
    del confidence["t4.suit_direct.total"]
    findings = check_t4(figures)
    mark_uncertain(findings, confidence)
    assert findings[1]["status"] == "uncertain"


@pytest.mark.parametrize("stated, table, read_by_ocr, status", [
    (4, 44, True, "uncertain"),    # a doubled 4 merged in OCR'd prose
    (100, 10, True, "uncertain"),  # a 0 doubled
    (4, 44, False, "breach"),      # the prose is the text layer's: the report says 4
    (12, 15, True, "breach"),      # no repeated digit: a count that differs
    (1, 12, True, "breach"),
])
def test_a_narrative_count_one_repeated_digit_from_the_table_is_uncertain_when_read_by_ocr(
        stated, table, read_by_ocr, status):
    """Section 1 says 4 requests where table 3 prints 44, the prose read by OCR: merging
    a doubled glyph is a typical misread of running text, which is read without the
    cells' digit checks. The finding is uncertain, not an accusation."""
    from extract.api import mark_uncertain
    from extract.checks import check_narrative

    figures = {"t3.new.total": table}
    findings = check_narrative(figures, f"2023年度，我委受理政府信息公开申请{stated}件，较上年有所减少。")
    assert [f["rule"] for f in findings] == ["narrative.requests"] and findings[0]["stated"] == stated
    lines = [f"公开申请{stated}件，较上年有所减少，办结率100%。"] if read_by_ocr else []
    mark_uncertain(findings, {"t3.new.total": 0.97}, figures, ocr_lines=lines)
    assert findings[0]["status"] == status


def test_a_lone_horizontal_stroke_is_a_dash_and_a_digit_is_not():
    import cv2

    from extract.ocr_table import looks_like_dash

    def crop(draw):
        image = np.full((60, 80), 255, np.uint8)
        draw(image)
        ys, xs = np.where(image < 160)
        inner = image[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
        return cv2.copyMakeBorder(inner, 10, 10, 10, 10, cv2.BORDER_CONSTANT, value=255)

    assert looks_like_dash(crop(lambda im: cv2.line(im, (20, 30), (50, 30), 0, 3)), 200)
    assert not looks_like_dash(crop(lambda im: cv2.line(im, (40, 10), (40, 45), 0, 3)), 200)  # a 1
    assert not looks_like_dash(crop(lambda im: (cv2.line(im, (25, 10), (50, 10), 0, 3),
                                                cv2.line(im, (50, 10), (35, 45), 0, 3))), 200)  # a 7
    assert not looks_like_dash(crop(lambda im: (cv2.line(im, (20, 30), (50, 30), 0, 3),
                                                cv2.line(im, (35, 15), (35, 45), 0, 3))), 200)  # a +


def test_digits_stuck_to_a_label_spanning_its_row_are_its_unread_figures():
    """The grid lost the line between a label and its figure: one cell over the whole row
    reads ``行政许可124``. Its digits are the row's figure, read out of its cell: the row
    keeps an unread cell, and its figure is left out. (The digits were dropped as specks
    and the row, its label alone in a table printing blanks as nothing, read as 0.)"""
    from extract.layout import UNREAD_CELL
    from extract.mapping import map_layout
    from extract.ocr_table import Cell, TableGrid

    grid = TableGrid((0, 0, 200, 40), [0, 10, 20, 30, 40], [0, 100, 200], [])
    spec = [[("信息内容", False), ("本年处理决定数量", False)], [("行政许可124", False)],
            [("行政处罚", False), ("56", True)], [("行政强制", False), ("", False)]]
    cells = []
    for r, row in enumerate(spec):
        for c, (text, numeric) in enumerate(row):
            span = 2 if len(row) == 1 else 1
            cell = Cell(r, c, 1, span, (c * 100, r * 10, (c + span) * 100, r * 10 + 10))
            grid.cells.append(cell)
            cells.append(ocr.CellReading(cell, text=text, confidence=0.93 if text else 0.0, numeric=numeric))
    cells[-1].confidence = 1.0  # a blank cell
    layout = ocr.Layout(lines=["某县某局2023年政府信息公开工作年度报告", "二、主动公开政府信息情况", "第二十条第（一）项",
                               "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数", "规章 |  | 0 | ",
                               "行政规范性文件 | 3 |  | 7", "第二十条第（五）项"])
    ocr.append_page(layout, ocr.PageReading(1, tables=[ocr.TableReading(grid, cells)]))
    assert [c.text for c in layout.cells_of(len(layout.lines) - 3)] == ["行政许可", UNREAD_CELL]
    layout.lines += ["第二十条第（八）项", "信息内容 | 本年收费金额（单位：万元）", "行政事业性收费 | 2.5",
                     "三、收到和处理政府信息公开申请情况"]
    figures = map_layout(layout)["figures"]
    assert "t2.licensing.decisions" not in figures
    assert figures["t2.penalty.decisions"] == 56 and figures["t2.rules.issued"] == 0


def _ocr_layout(lines: list[str]):
    """Lines as OCR gave them: every line with a reading confidence, one OCR'd cell."""
    layout = ocr.Layout(lines=lines, confidence={n: 0.9 for n in range(len(lines))})
    layout.ocr_cells = [{"line_index": 0, "cell_index": 0, "text": lines[0], "confidence": 0.9, "alternatives": [],
                         "page": 1, "table": 1, "row": 1, "col": 1, "figure": False, "chosen_by": None}]
    return layout


_T2_OCR = ["某县某局2023年政府信息公开工作年度报告", "二、主动公开政府信息情况", "第二十条第（一）项",
           "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数", "规章 | 0 | 0 | 0"]


@pytest.mark.parametrize("line, read", [("| esa | 5 | 2 | 9", False), ("| axsksmam和天 | 5 | 2 | 9", False),
                                        ("| 文件 | 5 | 2 | 9", True)])
def test_ocr_figures_under_another_rows_misread_label_are_not_this_rows(line, read):
    """OCR merged a row's figures into its label line (``行政规范性文件 13 第二十条…``)
    and misread the next row's label (``| esa | 0 | 0 | 0``, 行政许可's row): that line is
    another row, and its figures are not this row's. A line whose label cell is the
    template's text (the rest of a wrapped label) still gives the row its figures."""
    from extract.mapping import map_layout

    lines = _T2_OCR + ["行政规范性文件 13 第二十条第（五）项信息内容本年处理决定数量", line, "三、收到和处理政府信息公开申请情况"]
    figures = map_layout(_ocr_layout(lines))["figures"]
    assert figures["t2.rules.issued"] == 0
    if read:
        assert [figures.get(f"t2.normative.{c}") for c in ("issued", "repealed", "in_force")] == [5, 2, 9]
    else:
        assert not any(k.startswith("t2.normative.") for k in figures)


def test_ocr_figures_outside_every_cell_are_left_out_unless_their_row_reads_zeros():
    """On a scan, OCR found no grid for part of table 3 and gave text lines: a row read
    from such a line (``… 0 0 0 0 0 1 2``) has its columns guessed, and is left out with a
    warning; a row reading 0 in every cell keeps its figures (no column to mistake)."""
    from extract.api import _map, empty_record

    lines = ["某县某局2023年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况",
             "(五)不予处理 1.信访举报投诉类申请 0 0 0 0 0 1 2", "2.重复申请 0 0 0 0 0 0 0",
             "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "无。"]
    record = empty_record("scan.pdf")
    _map(_ocr_layout(lines), record)
    assert not any(k.startswith("t3.ignored_petition.") for k in record["figures"])
    assert record["figures"]["t3.ignored_repeat.total"] == 0 and record["figures"]["t3.ignored_repeat.natural"] == 0
    dropped = [w for w in record["warnings"] if w["code"] == "figure_outside_cells"]
    assert len(dropped) == 7 and "t3.ignored_petition.total: OCR read 2" in dropped[-1]["detail"]
    # the same lines from a text layer (not every line OCR'd) are read as printed
    layout = _ocr_layout(lines)
    layout.confidence.pop(2)
    record = empty_record("mixed.pdf")
    _map(layout, record)
    assert record["figures"]["t3.ignored_petition.total"] == 2


def test_a_stroke_no_engine_names_is_read_by_its_shape(monkeypatch):
    """Cells of a picture printing ``/`` or ``—`` for 0 that every engine read as nothing:
    one slanted stroke is a slash, one flat stroke a dash (both 0 in a printed table);
    a cell of other marks stays unread. (Slashes were left unread: 90 cells of one table.)"""
    import cv2

    from extract.ocr_engines import Reading
    from extract.ocr_table import Cell, TableGrid

    class Blind:  # an engine that reads nothing at all
        text_lang = "chi_sim"

        def read_crops(self, crops, digits=False, psm=6, lang=None):
            return [Reading("", 0.0) for _ in crops]

        read_each = read_crops

    monkeypatch.setattr(ocr, "make_engine", lambda name: Blind())
    gray = np.full((120, 400), 255, np.uint8)
    boxes = [(0, 0, 100, 120), (100, 0, 200, 120), (200, 0, 300, 120), (300, 0, 400, 120)]
    for x in (0, 100, 200, 300, 399):
        cv2.line(gray, (x, 0), (x, 119), 0, 2)
    cv2.line(gray, (0, 0), (399, 0), 0, 2), cv2.line(gray, (0, 119), (399, 119), 0, 2)
    cv2.line(gray, (140, 78), (160, 40), 0, 3)  # a slash
    cv2.line(gray, (238, 60), (262, 60), 0, 3)  # a dash
    cv2.circle(gray, (350, 60), 14, 0, 3)  # a ring: neither
    cv2.line(gray, (350, 40), (350, 80), 0, 3)
    grid = TableGrid((0, 0, 400, 120), [0, 120], [0, 100, 200, 300, 400],
                     [Cell(0, c, 1, 1, box) for c, box in enumerate(boxes)])
    (table,) = ocr.PageReader().read_tables(gray, 300, [grid], np.zeros_like(gray))
    texts = {r.cell.col: r.text for r in table.cells}
    assert texts[1] == "/" and texts[2] == "—" and texts[3] == ""


def test_a_bar_read_in_a_text_cell_is_no_cell_boundary():
    """OCR reads a ruling's remnant inside a label cell as ``|`` (``行政规范性文件| 2 14 |
    293第二十条…``): in the layout that bar would be a cell boundary, and the digits of a
    text cell would read as the row's figures in the wrong columns."""
    from extract.ocr_table import Cell, TableGrid

    grid = TableGrid((0, 0, 300, 10), [0, 10], [0, 100, 200, 300], [])
    cells = []
    for c, (text, numeric) in enumerate([("行政规范性文件", False), ("行政规范性文件| 2 14 | 293第二十条", False), ("4", True)]):
        cell = Cell(0, c, 1, 1, (c * 100, 0, c * 100 + 100, 10))
        grid.cells.append(cell)
        cells.append(ocr.CellReading(cell, text=text, confidence=0.9, numeric=numeric))
    layout = ocr.Layout()
    ocr.append_page(layout, ocr.PageReading(1, tables=[ocr.TableReading(grid, cells)]))
    assert [c.text for c in layout.cells_of(0)] == ["行政规范性文件", "行政规范性文件 2 14 第二十条", "4"]


def test_the_second_engine_reads_only_the_cells_tesseracts_passes_are_not_sure_of():
    from extract.ocr import SECOND_OPINION_BELOW, needs_second_opinion
    from extract.ocr_engines import Reading

    sure = SECOND_OPINION_BELOW
    first = [Reading("12", 0.99), Reading("3", 0.97), Reading("0", sure - 0.01), Reading("", 0.0), Reading("7", 0.99)]
    second = [Reading("12", 0.98), Reading("8", 0.97), Reading("0", 0.99), Reading("4", 0.96), Reading("7", sure)]
    assert needs_second_opinion([first, second]) == [1, 2, 3]


def test_the_default_second_engine_that_cannot_start_leaves_tesseract_alone(monkeypatch):
    from extract import ocr
    from extract.ocr_engines import OcrEngineError

    def broken(name):
        if name == "rapidocr":
            raise OcrEngineError("rapidocr_onnxruntime cannot start")
        return real(name)

    real = ocr.make_engine
    monkeypatch.setattr(ocr, "make_engine", broken)
    monkeypatch.setattr(ocr, "default_second_engine", lambda: "rapidocr")
    monkeypatch.setattr(ocr, "_READERS", {})
    assert ocr.get_reader().second is None
    with pytest.raises(OcrEngineError):
        ocr.get_reader(second_engine="rapidocr")  # asked for by name: the error stands


def test_naming_the_engines_of_a_record_does_not_import_them():
    import subprocess
    import sys

    code = ("import sys; from extract.api import output_settings; output_settings(); "
            "print('rapidocr_onnxruntime' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr


def _digit_crop(text: str, font) -> np.ndarray:
    image = Image.new("L", (110, 50), 255)
    ImageDraw.Draw(image).text((10, 6), text, fill=0, font=font)
    return np.array(image)


def test_crops_read_each_on_its_own_in_one_engine_start_read_as_one_by_one():
    """The single-word pass reads each unread cell alone: one engine start for all of
    them gives what one start per cell gave, crop for crop, in order (an empty crop
    reads nothing)."""
    from PIL import ImageFont
    from extract.ocr_engines import TesseractEngine
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 28)
    except OSError:
        pytest.skip("DejaVu Sans not installed")
    engine = TesseractEngine()
    crops = [_digit_crop(t, font) for t in ("12", "7", "305", "0", "")]
    one_by_one = [engine.read_crops([crop], digits=True, psm=8)[0] for crop in crops]
    together = engine.read_each(crops, digits=True, psm=8)
    assert together == one_by_one
    assert together[1].text == "7" and together[2].text == "305" and together[4].text == ""
    assert engine.read_each([], digits=True) == []


def test_pages_read_together_read_as_each_alone(report):
    """A document's pages go through each engine pass together (one engine start per
    pass): each page's tables and text come out as when the page is read alone, in
    its own order, the cells of one page never taken for another's."""
    pdf, _ = report
    scan = images_to_pdf(rasterise(pdf, 150, [2, 3]), 150)
    pages = [(img, n, False) for n, img, _ in ocr.render_pdf_pages(scan)]
    together = ocr.read_images(pages, ocr.DEFAULT_DPI)
    alone = [ocr.read_image(img, ocr.DEFAULT_DPI, n) for img, n, _ in pages]
    assert [r.page for r in together] == [1, 2]
    for a, b in zip(together, alone):
        assert [[(c.cell.row, c.cell.col, c.text) for c in t.cells] for t in a.tables] == \
            [[(c.cell.row, c.cell.col, c.text) for c in t.cells] for t in b.tables]
        assert [line.text for line in a.text_lines] == [line.text for line in b.text_lines]
    assert sum(len(t.cells) for r in together for t in r.tables) > 50
