"""Cells with provenance: the Layout's rows keep their cells, and every figure of a record
says where it was printed (``record["cells"]``), checked against the renderer's own grid
and, for PDF, against pdfplumber's reading of the page."""
from __future__ import annotations

import io
import json
import pickle

import pytest

from demo.render import grid_positions, make_spec, render_txt, spec_tables
from extract import schema
from extract.api import extract_bytes
from extract.layout import CELL_SEP, Cell, Layout, Row
from extract.mapping import _place, map_layout
from extract.numbers import Printed, blank_value, is_blank, numbers_in_cell

# --- the Layout API ---------------------------------------------------------------------


def test_row_is_its_joined_text_and_keeps_its_cells():
    layout = Layout()
    layout.lines.append("一、总体情况")
    row = layout.add_row(["规章 ", "", " 3"], page=2, table=1, row=4)
    assert row == "规章 |  | 3" and layout.lines[1] == "规章" + CELL_SEP + CELL_SEP + "3"
    assert [c.text for c in row.cells] == ["规章", "", "3"]
    assert [(c.page, c.table, c.row, c.col) for c in row.cells] == [(2, 1, 4, 0), (2, 1, 4, 1), (2, 1, 4, 2)]
    assert layout.cells_of(0) is None and layout.cells_of(1) == row.cells
    assert [i for i, _ in layout.rows()] == [1]
    # lists built from the lines (splicing OCR'd pages in) keep the rows; pickling keeps the cells
    spliced = ["前言"] + layout.lines[1:] + layout.lines[:1]
    assert isinstance(spliced[1], Row) and spliced[1].cells == row.cells
    again = pickle.loads(pickle.dumps(row))
    assert again == row and again.cells == row.cells


def test_cells_and_layouts_carry_declared_fields_only(input_kind_examples):
    cell = Cell("12", page=1, table=2, row=3, col=4, box=(1.0, 2.0, 3.0, 4.0), confidence=0.9)
    with pytest.raises((AttributeError, TypeError)):
        cell.other = 1  # type: ignore[attr-defined]
    from extract.pdf import read_pdf

    layout = read_pdf((input_kind_examples / "huaian_hongze_district_gov_2024_report.pdf").read_bytes())
    assert set(vars(layout)) == set(Layout.__dataclass_fields__)
    assert layout.pages == 5 and layout.ocr_insert_at == {} and layout.tables >= 3


def test_spliced_layouts_keep_tables_apart_and_in_reading_order():
    """An OCR'd page's table 1 put between a document's tables 1 and 2 becomes table 2."""
    document, page = Layout(), Layout()
    for layout, texts in ((document, ("规章", "3")), (document, ("行政许可", "5")), (page, ("予以公开", "7"))):
        layout.add_row(texts, table=layout.new_table(), row=0)
    document.lines[1:1] = document.adopt(page)
    assert [row.cells[0].table for _, row in document.rows()] == [1, 3, 2]
    document.renumber_tables()
    assert [(str(row), row.cells[1].table) for _, row in document.rows()] == [("规章 | 3", 1), ("予以公开 | 7", 2),
                                                                            ("行政许可 | 5", 3)]
    assert document.tables == 3


def test_map_text_folds_rows_and_cells_alike():
    layout = Layout()
    layout.lines.append("⼀、总体情况")
    layout.add_row([Cell("⼀般", table=1, row=0, col=0, box=(1, 2, 3, 4)), Cell("5", table=1, row=0, col=1)])
    layout.map_text(lambda text: text.replace("⼀", "一"))
    assert layout.lines == ["一、总体情况", "一般 | 5"]
    assert isinstance(layout.lines[1], Row) and layout.lines[1].cells[0] == Cell("一般", table=1, row=0, col=0,
                                                                                 box=(1, 2, 3, 4))


# --- tying values to cells ----------------------------------------------------------------

def _tokens(*values):
    return [(v, "number" if type(v) is int else v.printed_as, i, 0) for i, v in enumerate(values)]


@pytest.mark.parametrize("values, tokens, expected", [
    ([3, 5], _tokens(3, 5), [0, 1]),                      # one way only
    ([0, 0], _tokens(0, 0, 0), [None, None]),             # three zeros, two read: which two is unknown
    ([0, 7], _tokens(0, 0, 7), [None, 2]),                # the 7 is certain, the 0 is not
    ([7, 0], _tokens(1, 7, 0, 2), [1, 2]),                # numbers around the row do not matter
    ([Printed(0, "blank"), 0], _tokens(0, Printed(0, "blank"), 0), [1, 2]),   # a blank is not a printed 0
    ([4, 9], _tokens(9, 4), [None, None]),                # not readable in order here: nothing placed
])
def test_a_value_is_tied_to_a_cell_only_when_certain(values, tokens, expected):
    placed = _place(values, tokens)
    assert [t[2] if t else None for t in placed] == expected


def _report(t3_lines: list[str]) -> Layout:
    layout = Layout(lines=["示范县人民政府2023年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"])
    for r, line in enumerate(t3_lines):
        cells = line.split(CELL_SEP)
        layout.add_row([Cell(c, table=7, row=r, col=c_index) for c_index, c in enumerate(cells)])
    layout.lines.append("四、政府信息公开行政复议、行政诉讼情况")
    return layout


def test_mapper_places_figures_in_their_cells():
    rows = ["一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 1 | 6",
            "二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1",
            "三、本年度办理结果 | （一）予以公开 | 3 | 0 | 0 | 0 | 0 | 1 | 4"]
    result = map_layout(_report(rows))
    cells = result[schema.CELLS_KEY]
    assert set(cells) == set(result["figures"])
    assert all(set(entry) == set(schema.CELL_FIELDS) for entry in cells.values())
    # 予以公开 sits in row 2, after a label cell spanning two columns of text
    assert {k: (cells[k]["row"], cells[k]["col"]) for k in ("t3.granted.natural", "t3.granted.total")} \
        == {"t3.granted.natural": (2, 2), "t3.granted.total": (2, 8)}
    assert (cells["t3.new.total"]["table"], cells["t3.new.total"]["row"], cells["t3.new.total"]["col"]) == (7, 0, 7)
    assert cells["t3.carried_over.natural"]["printed_as"] == "number"


@pytest.mark.parametrize("closing", ["", " | "])
def test_a_short_rows_total_is_placed_in_its_last_cell(closing):
    """``… | 1 | 1``: only the total is kept, and it is the last cell, not the equal one
    before it."""
    rows = ["一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2",
            "二、上年结转政府信息公开申请数量 | 1 | 1" + closing,
            "三、本年度办理结果 | （一）予以公开 | 3 | 0 | 0 | 0 | 0 | 0 | 3"]
    result = map_layout(_report(rows))
    cells = result[schema.CELLS_KEY]
    assert result["figures"]["t3.carried_over.total"] == 1 and "t3.carried_over.natural" not in result["figures"]
    assert (cells["t3.carried_over.total"]["row"], cells["t3.carried_over.total"]["col"]) == (1, 2)


def test_rows_printed_blank_are_placed_on_their_own_line():
    """Rows of empty cells: each row's blanks are its own line's cells, though the next
    line starts with an empty cell too."""
    rows = ["一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4",
            "二、上年结转政府信息公开申请数量" + " | " * 7,
            " | 三、本年度办理结果 | （一）予以公开" + " | " * 7]
    result = map_layout(_report(rows))
    cells = result[schema.CELLS_KEY]
    assert result["printed_as"]["t3.carried_over.natural"] == "blank"
    assert [(cells[f"t3.carried_over.{c}"]["row"], cells[f"t3.carried_over.{c}"]["col"])
            for c in schema.T3_COLUMN_KEYS] == [(1, i) for i in range(1, 8)]
    assert [cells[f"t3.granted.{c}"]["col"] for c in schema.T3_COLUMN_KEYS] == list(range(3, 10))


def test_figures_cut_out_of_digit_runs_have_no_cell():
    """A flattened row (``规章000``) has no cell per figure: nothing is placed, not a guess."""
    layout = _report(["一、本年新收政府信息公开申请数量5000016", "二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1"])
    result = map_layout(layout)
    cells = result[schema.CELLS_KEY]
    assert result["figures"].get("t3.new.total") == 6
    assert all(cells[f"t3.new.{c}"]["row"] is None for c in schema.T3_COLUMN_KEYS)
    assert cells["t3.carried_over.total"]["row"] == 1


# --- every reader: figures placed where the renderer printed them ---------------------------

SPEC = make_spec(3, year=2023, long=False)


def _printed(text: str):
    text = text.replace("\n", "").strip()
    found = numbers_in_cell(text)
    if found and len(found) == 1:
        return found[0], "number"
    if is_blank(text):
        return 0, blank_value(text).printed_as
    return None, None


def _check_against_grid(record: dict, spec, by_position: bool = False) -> None:
    """Every placed figure's (table, row, col) holds, in the renderer's grid, the text it was
    read from; the 予以公开 row is where the renderer put it."""
    grids = []
    for rows in spec_tables(spec):
        if by_position:  # text: a cell's place in its printed line
            grids.append({(r, c): cell for r, row in enumerate(rows) for c, cell in enumerate(row)})
        else:
            grids.append({(r, c): cell for r, c, cell in grid_positions(rows)[0]})
    cells = record[schema.CELLS_KEY]
    assert set(cells) == set(record["figures"])
    placed = {k: e for k, e in cells.items() if e["table"] is not None}
    assert len(placed) >= 0.9 * len(record["figures"]), (len(placed), len(record["figures"]))
    for key, entry in placed.items():
        cell = grids[entry["table"] - 1][(entry["row"], entry["col"])]
        value, how = _printed(cell.text)
        assert (value, how) == (record["figures"][key], entry["printed_as"]), (key, entry, cell)
    t3 = grids[1]
    label_row = next(r for (r, c), cell in t3.items() if "予以公开" in cell.text)
    granted = cells["t3.granted.natural"]
    assert (granted["table"], granted["row"]) == (2, label_row)


@pytest.mark.parametrize("kind", ["html-utf8", "docx", "doc"])
def test_office_and_html_readers_place_figures_in_the_grid(kind, rendered):
    record = extract_bytes(rendered(SPEC, kind), ocr=False)
    assert record["error"] is None
    _check_against_grid(record, SPEC)
    assert all(e["page"] is None and e["box"] is None for e in record[schema.CELLS_KEY].values())


def test_text_reader_places_figures_by_line_and_position():
    record = extract_bytes(render_txt(SPEC).encode(), ocr=False)
    _check_against_grid(record, SPEC, by_position=True)


def test_pdf_boxes_hold_the_printed_glyphs(input_kind_examples):
    """A real PDF: each figure's page, box and grid place, checked against pdfplumber's
    own words and tables of that page."""
    pdfplumber = pytest.importorskip("pdfplumber")
    data = (input_kind_examples / "huaian_hongze_district_gov_2024_report.pdf").read_bytes()
    truth = json.loads((input_kind_examples / "huaian_hongze_district_gov_2024_report.truth.json").read_text())
    record = extract_bytes(data, ocr=False)
    cells = record[schema.CELLS_KEY]
    assert all(cells[k]["box"] for k in truth["figures"]) and record["figures"] == truth["figures"]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        words = {n: pdf.pages[n - 1].extract_words() for n in {e["page"] for e in cells.values()}}
        for key, entry in cells.items():
            x0, top, x1, bottom = entry["box"]
            inside = [w["text"] for w in words[entry["page"]]
                      if x0 <= (w["x0"] + w["x1"]) / 2 <= x1 and top <= (w["top"] + w["bottom"]) / 2 <= bottom]
            assert "".join(inside) == str(record["figures"][key]), (key, entry, inside)
        # 予以公开's total: pdfplumber's table cell on that page has the same box
        granted = cells["t3.granted.total"]
        page = pdf.pages[granted["page"] - 1]
        boxes = [cell for table in page.find_tables() for row in table.rows for cell in row.cells if cell]
        assert any(all(abs(a - b) < 1.0 for a, b in zip(box, granted["box"])) for box in boxes)
    assert granted["page"] == 3 and granted["col"] == 9
