"""extract.pdf: ruled tables over page breaks, blank cells, scans, encrypted and damaged files."""
from __future__ import annotations

import json

import pytest

from demo.render import expected_table_lines, make_spec
from extract.api import normalize_text
from extract.pdf import PdfError, read_pdf
from tests.test_html import assert_rows_in_order

SPECS = [make_spec(seed, year=2019 + seed % 6, long=seed % 2 == 0) for seed in range(10)]


@pytest.fixture(scope="module")
def pdfs(rendered_many):
    return rendered_many([(spec, "pdf") for spec in SPECS if spec.generation != "free"])


def test_value_rows_come_out_exact(pdfs):
    """Every table row carrying figures comes out with its cells exact, in order.

    Header rows of a table cut by a page break may come out in pieces; figure rows may
    not (a row cut by the break is joined back).
    """
    specs = [s for s in SPECS if s.generation != "free"]
    pages = []
    for spec, data in zip(specs, pdfs):
        layout = read_pdf(data)
        pages.append(layout.pages)
        figure_rows = [row for row in expected_table_lines(spec)
                       if any(c.strip().replace(".", "").isdigit() for c in row.split(" | "))
                       or (spec.zero_style != "0" and row.count(" | ") >= 3 and not row.startswith("结果"))]
        assert_rows_in_order(layout, [r for r in figure_rows if not r.startswith(("（本列", "商业企业", "自然人"))])
        assert spec.title in layout.text.replace(" ", "").replace("\n", "")
    assert max(pages) >= 6  # long specs run to 6+ pages, tables split over pages


def test_text_only_mode_keeps_numbers(pdfs):
    layout = read_pdf(pdfs[0], tables=None)
    assert " | " not in layout.text and "申请人情况" in layout.text


def test_huaian_wps_pdf(input_kind_examples):
    data = (input_kind_examples / "huaian_hongze_district_gov_2024_report.pdf").read_bytes()
    truth = json.loads((input_kind_examples / "huaian_hongze_district_gov_2024_report.truth.json").read_text())
    layout = read_pdf(data)
    lines = layout.lines
    assert layout.pages == 5 and not layout.pages_needing_ocr
    assert "行政许可 | 9487" in lines
    # the row cut by the page break between pages 3 and 4 keeps its label and numbers
    assert "2.没有现成信息需要另行制作 | 1 | 0 | 0 | 0 | 0 | 0 | 1" in lines
    # table 3's (六) printed as one row; its blank sub-label cell stays blank
    assert "（六）其他处理 |  | 0 | 0 | 0 | 0 | 0 | 0 | 0" in lines
    t4 = [int(v) for v in next(line for line in lines if line.startswith("1 | 1 | 0")).split(" | ")]
    assert t4 == [truth["figures"][k] for k in (
        "t4.review.upheld", "t4.review.corrected", "t4.review.other", "t4.review.pending", "t4.review.total",
        "t4.suit_direct.upheld", "t4.suit_direct.corrected", "t4.suit_direct.other", "t4.suit_direct.pending",
        "t4.suit_direct.total", "t4.suit_after_review.upheld", "t4.suit_after_review.corrected",
        "t4.suit_after_review.other", "t4.suit_after_review.pending", "t4.suit_after_review.total")]


def test_scan_pages_are_flagged_for_ocr(rendered):
    data = rendered(SPECS[1], "scan-pdf", dpi=60)
    layout = read_pdf(data)
    assert layout.lines == []
    assert layout.pages_needing_ocr == list(range(1, layout.pages + 1))
    assert {"code": "page_needs_ocr", "detail": f"page {layout.pages} has no text layer; needs OCR"} in layout.warnings


def test_kangxi_radicals_are_mapped_back():
    assert normalize_text("⼀、本年新收政府信息公开申请数量（⼆）") == "一、本年新收政府信息公开申请数量（二）"
    assert normalize_text("（七）总计：１２") == "（七）总计：１２"  # full-width text is kept as printed


def test_damaged_and_encrypted(pdfs, tmp_path):
    with pytest.raises(PdfError, match="damaged PDF"):
        read_pdf(pdfs[0][:2000])
    with pytest.raises(PdfError, match="damaged PDF"):
        read_pdf(b"%PDF-1.4\n garbage")


@pytest.mark.slow
def test_encrypted_pdf(tmp_path):
    from demo.render import render_docx
    from extract.doc import convert_with_libreoffice

    src = tmp_path / "report.docx"
    src.write_bytes(render_docx(SPECS[3]))
    options = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
               '"DocumentOpenPassword":{"type":"string","value":"secret"}}')
    (out,) = convert_with_libreoffice([src], options, tmp_path / "out")
    with pytest.raises(PdfError, match="encrypted PDF: a password is needed"):
        read_pdf(out.read_bytes())


def _mixed_pdf(text_pdf: bytes, scan_pdf: bytes, scanned_page: int) -> bytes:
    """The text PDF with one page replaced by its scanned image (as offices print-and-scan)."""
    import io

    import pypdfium2 as pdfium

    text, scan = pdfium.PdfDocument(text_pdf), pdfium.PdfDocument(scan_pdf)
    out = pdfium.PdfDocument.new()
    for index in range(len(text)):
        source = scan if index + 1 == scanned_page else text
        out.import_pages(source, [index])
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def test_mixed_pdf_keeps_text_pages_and_flags_the_scanned_one(rendered):
    spec = SPECS[3]
    mixed = _mixed_pdf(rendered(spec, "pdf"), rendered(spec, "scan-pdf", dpi=60), 1)
    layout = read_pdf(mixed)
    assert layout.pages_needing_ocr == [1]
    assert layout.ocr_insert_at == {1: 0}  # its lines belong before the text pages'
    assert {"code": "page_needs_ocr", "detail": "page 1 has no text layer; needs OCR"} in layout.warnings
    assert any(line.startswith("一、本年新收政府信息公开申请数量 | ") for line in layout.lines)


def test_ocr_lines_go_where_the_scanned_page_sits(rendered, monkeypatch):
    from extract import api
    from extract.layout import Layout

    spec = SPECS[2]
    text_pdf = rendered(spec, "pdf")
    mixed = _mixed_pdf(text_pdf, rendered(spec, "scan-pdf", dpi=60), 2)
    calls = []

    def fake_ocr(data, pages):  # the OCR engine's own accuracy is tested in its module
        calls.append(pages)
        return Layout(lines=[f"OCR PAGE {p}" for p in pages], confidence={0: 0.9})

    monkeypatch.setattr(api, "_ocr_function", lambda name: fake_ocr)
    layout = api.read_layout(mixed, "pdf")
    assert calls == [[2]]
    at = layout.lines.index("OCR PAGE 2")
    page1 = read_pdf(text_pdf).lines
    assert layout.lines[:at] == page1[:at]
    assert len(layout.lines) - at > 20  # the later text pages follow the OCR'd page
    assert any(line.startswith("六、其他需要报告的事项") for line in layout.lines[at:])
    assert layout.confidence == {at: 0.9}
    assert {"code": "pages_read_by_ocr",
            "detail": "pages 2 were read by OCR (no text layer, or an undecodable one)"} in layout.warnings
    assert "page_needs_ocr" not in {w["code"] for w in layout.warnings}  # the OCR'd page needs it no more


def test_row_line_pieces_touching_no_column_line_stay_with_their_table():
    """Chromium draws each cell's borders: under a cell spanning columns 2–4 the row
    line's middle piece touches no vertical line. It must stay part of the table, or the
    cells of that column merge all the way down."""
    from extract.pdf import _adopt_stray_segments, _touching_groups

    # a 4-column table: x = 0, 100, 200, 300, 400; rows at y = 80, 60, 40, 20, 0. The two
    # middle rows (60..40, 40..20) each hold a label and one value cell spanning columns
    # 2-4, so the column lines at 200 and 300 stop at y = 60 and start again at y = 20.
    vertical = [(0, 0, 80), (100, 0, 80), (400, 0, 80), (200, 60, 80), (300, 60, 80), (200, 0, 20), (300, 0, 20)]
    horizontal = [(80, 0, 400), (0, 0, 400), (60, 0, 400), (20, 0, 400),
                  (40, 0, 100), (40, 100, 200), (40, 200, 300), (40, 300, 400)]
    groups = _touching_groups(horizontal, vertical)
    assert len(groups) > 1  # the pieces at (200..300, y 40 and 20) touch no vertical line
    adopted = _adopt_stray_segments(groups)
    assert len(adopted) == 1
    assert sorted(adopted[0][0]) == sorted(horizontal) and sorted(adopted[0][1]) == sorted(vertical)


def test_a_lone_line_outside_a_table_is_not_adopted():
    from extract.pdf import _adopt_stray_segments, _touching_groups

    vertical = [(0, 0, 40), (100, 0, 40), (200, 0, 40)]
    horizontal = [(40, 0, 200), (20, 0, 200), (0, 0, 200), (-30, 0, 200), (10, 400, 500)]
    groups = _adopt_stray_segments(_touching_groups(horizontal, vertical))
    table = next(g for g in groups if g[1])
    assert (-30, 0, 200) not in table[0] and (10, 400, 500) not in table[0]


def _ruled_pdf(pages: list[tuple[list, list]]) -> bytes:
    """A PDF drawn by hand: per page, ruling lines ``(x0, y0, x1, y1)`` and Helvetica
    texts ``(x, y, text)`` in points, y up, on 200 × 200 pages."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", None,
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for lines, texts in pages:
        ops = ["0.5 w"] + [f"{x0} {y0} m {x1} {y1} l S" for x0, y0, x1, y1 in lines]
        ops += [f"BT /F1 8 Tf {x} {y} Td ({t}) Tj ET" for x, y, t in texts]
        stream = "\n".join(ops)
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] "
                       f"/Resources << /Font << /F1 3 0 R >> >> /Contents {len(objects)} 0 R >>")
        kids.append(len(objects))
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>"
    out, offsets = "%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n" + "".join(f"{o:010d} 00000 n \n" for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("latin-1")


@pytest.mark.parametrize("open_end", ["top", "bottom"])
def test_a_table_row_without_its_line_at_a_page_break_stays_in_the_table(open_end):
    """Chromium draws borders per cell: a table continued on a new page has no line above
    its first row (or, on the old page, below its last). The column lines run on past
    the last row line; that row is still a row of the table, its cells apart."""
    xs = [20, 80, 120, 160]
    ys = [150, 130, 110] if open_end == "top" else [170, 150, 130]
    edge = 170 if open_end == "top" else 110
    lines = [(xs[0], y, xs[-1], y) for y in ys]
    lines += [(x, min(ys + [edge]), x, max(ys + [edge])) for x in xs]
    open_row = (edge + (ys[0] if open_end == "top" else ys[-1])) / 2 - 3
    texts = [(25, open_row, "row8"), (85, open_row, "5"), (165 - 40, open_row, "7")]
    other_rows = [(ys[0] + ys[1]) / 2 - 3, (ys[1] + ys[2]) / 2 - 3]
    texts += [(25, other_rows[0], "row1"), (85, other_rows[0], "1"), (125, other_rows[0], "2"),
              (25, other_rows[1], "row2"), (85, other_rows[1], "3"), (125, other_rows[1], "4")]
    layout = read_pdf(_ruled_pdf([(lines, texts)]))
    assert "row8 | 5 | 7" in layout.lines
    assert "row1 | 1 | 2" in layout.lines and "row2 | 3 | 4" in layout.lines


def test_column_lines_stopping_at_different_heights_add_no_row_line():
    """Only column lines that run past the table's last line and stop together close it:
    one long line (a frame, a signature rule) adds nothing."""
    from extract.pdf import _close_open_ends

    horizontal = [(100, 0, 300), (80, 0, 300), (60, 0, 300)]
    assert _close_open_ends(horizontal, [(0, 60, 100), (150, 60, 100), (300, 60, 140)]) == horizontal
    assert _close_open_ends(horizontal, [(0, 60, 120), (150, 60, 131), (300, 60, 100)]) == horizontal
    closed = _close_open_ends(horizontal, [(0, 40, 120), (150, 40, 120), (300, 40, 120)])
    assert (120, 0, 300) in closed and (40, 0, 300) in closed


def test_row_lines_drawn_piece_by_piece_under_a_spanning_cell_make_one_table():
    """Chromium paints a collapsed border per grid column: under a value cell spanning
    three columns a row line is three pieces, the middle one touching no column line,
    and the column lines stop at the spanning cell. The pieces are one line, so the
    label and its value stay one table row (the value was lost, outside the table)."""
    xs = [20, 80, 110, 140, 180]
    ys = [170, 150, 130, 110]
    lines = [(a, y, b, y) for y in ys for a, b in zip(xs, xs[1:])]  # each row line in four pieces
    lines += [(x, ys[-1], x, ys[0]) for x in (20, 80, 180)]  # no column line inside the span
    texts = []
    for (top, bottom), (label, value) in zip(zip(ys, ys[1:]), [("head", "items"), ("fines", "8"), ("force", "0")]):
        texts += [(25, (top + bottom) / 2 - 3, label), (120, (top + bottom) / 2 - 3, value)]
    layout = read_pdf(_ruled_pdf([(lines, texts)]))
    assert ["head | items", "fines | 8", "force | 0"] == [ln for ln in layout.lines if " | " in ln]


def test_collinear_pieces_join_only_end_to_end_at_one_position():
    from extract.pdf import _join_collinear

    pieces = [(100, 0, 50), (100.5, 50, 90), (100, 200, 250), (101.5, 251, 300), (40, 0, 50)]
    assert sorted(_join_collinear(pieces)) == [(40, 0, 50), (100, 0, 90), (100, 200, 300)]
    # the same x in two tables one above the other, not touching: two lines
    assert len(_join_collinear([(316.9, 600, 700), (317.6, 100, 500)])) == 2


def test_a_row_cut_by_a_page_break_is_joined_after_the_header_rows_printed_again():
    """A row's label cut at a page break (2.重复 / 申请), the new page repeating table 3's
    header rows before the row's second half: the halves are joined into one row, the
    header rows kept as printed."""
    from extract.layout import Cell, Layout
    from extract.pdf import _join_split_row

    def row(page, number, *texts):
        return [Cell(t, page, 1, number, c) if t is not None else None for c, t in enumerate(texts)]

    layout = Layout()
    previous = row(1, 20, "2.重复", "5", "/", "0", "0", "2", "无", "7")
    layout.lines.append("2.重复 | 5 | / | 0 | 0 | 2 | 无 | 7")
    rows = [row(2, 0, "自然人", "法人或其他组织", None, None, None, None, "总计", None),
            row(2, 1, "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", None, None, None),
            row(2, 2, "申请", "", "", "", "", "", "", ""),
            row(2, 3, "3.要求提供公开出版物", "1", "", "无", "—", "/", "/", "1")]
    joined = _join_split_row(layout, previous, rows)
    assert [c.text for c in joined[2]] == ["2.重复申请", "5", "/", "0", "0", "2", "无", "7"]
    assert joined[:2] == rows[:2] and joined[3] == rows[3]
    assert layout.lines == []  # the first half's line is given again, joined


def test_rows_after_the_header_are_not_joined_when_the_halves_make_no_label():
    from extract.layout import Cell, Layout
    from extract.pdf import _join_split_row

    layout = Layout()
    previous = [Cell("2.重复申请", 1), Cell("5", 1)]
    layout.lines.append("2.重复申请 | 5")
    rows = [[Cell("总计", 2), Cell("", 2)], [Cell("3.要求提供公开出版物", 2), Cell("1", 2)]]
    assert _join_split_row(layout, previous, rows) == rows and layout.lines == ["2.重复申请 | 5"]


@pytest.mark.parametrize("marks", [("—", "—"), ("/", "无"), ("0", "—"), ("—", "3")])
def test_two_rows_each_printing_its_cells_are_not_joined_across_a_page_break(marks):
    """The group label is cut (（五）不予 / 处理) but each half is a whole row of its own
    (1.信访举报投诉类申请 | — … and 2.重复申请 | — …): a figure or a blank mark in the same
    column of both halves keeps them two rows (joined, 1.信访…2.重复申请 | —— lost both)."""
    from extract.layout import Cell, Layout
    from extract.pdf import _join_split_row

    def row(page, number, *texts):
        return [Cell(t, page, 1, number, c) if t is not None else None for c, t in enumerate(texts)]

    layout = Layout()
    first, second = marks
    previous = row(1, 20, "（五）不予", "1.信访举报投诉类申请", first, "", "", "", "", "", first)
    layout.lines.append("（五）不予 | 1.信访举报投诉类申请 | " + " | ".join([first] + [""] * 5 + [first]))
    rows = [row(2, 0, "处理", "2.重复申请", second, "", "", "", "", "", second),
            row(2, 1, "", "3.要求提供公开出版物", "—", "", "", "", "", "", "—")]
    assert _join_split_row(layout, previous, rows) == rows
    assert len(layout.lines) == 1


@pytest.mark.parametrize("first, second", [("1.属于国家秘密", "2.其他法律行政法规禁止公开"),
                                           ("2.重复申请", "3.要求提供公开出版物"),
                                           ("行政处罚", "行政强制")])
def test_two_blank_rows_whose_labels_are_whole_are_not_joined_across_a_page_break(first, second):
    """Two rows printed with every cell empty on either side of a page break, a group
    label cut between them (三、本年 / 度办理结果): the first row's label is whole and the
    second is another row's, so they stay two rows (joined, the second row was lost)."""
    from extract.layout import Cell, Layout
    from extract.pdf import _join_split_row

    def row(page, number, *texts):
        return [Cell(t, page, 1, number, c) if t is not None else None for c, t in enumerate(texts)]

    layout = Layout()
    previous = row(1, 20, "三、本年", first, "", "", "", "", "", "", "")
    layout.lines.append(f"三、本年 | {first}" + " | " * 7)
    rows = [row(2, 0, "度办理结果", second, "", "", "", "", "", "", "")]
    assert _join_split_row(layout, previous, rows) == rows
    assert len(layout.lines) == 1


@pytest.mark.parametrize("mark", ["—", "/", "无", "0", "12"])
def test_leading_blank_cells_before_a_value_are_cells_printed_blank(mark):
    """Table 4's row has no label: its first cells printed blank, then a dash (or a
    figure), are the row's first columns. Dropped as the rest of a merge cut by a page
    break, the row came out one cell short and table 4 was lost. Blank cells before a
    label are still that rest, and are dropped."""
    from extract.layout import Cell, Layout
    from extract.pdf import _table_rows

    values = ["", "", mark, "", "0", "", "0", "0", "", "", "0", "0", "0", "—", "0"]
    layout = Layout()
    _table_rows([[Cell(t, 3, 4, 3, c) for c, t in enumerate(values)],
                 [Cell(t, 3, 4, 4, c) for c, t in enumerate(["", "", "2.重复申请", "5", "/", "0"])]], layout)
    assert [c.text for c in layout.cells_of(0)] == values
    assert [c.text for c in layout.cells_of(1)] == ["2.重复申请", "5", "/", "0"]
