"""A report as a Word document (python-docx): real tables with merged cells."""
import copy

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from tables import Cell, Table, positions


def _font(run, east, size=None, bold=False):
    run.font.name = "Times New Roman"
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east)
    if size:
        run.font.size = Pt(size)
    run.bold = bold or None


def _bookmark(par, name, bid):
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bid))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bid))
    par._p.insert(0, start)
    par._p.append(end)


def _table(doc, tb, rng, font_size):
    placed, _ = positions(tb)
    nrows = len(tb.rows)
    t = doc.add_table(rows=nrows, cols=tb.ncols)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    total_w = 16.0
    ws = tb.widths or [1] * tb.ncols
    t.autofit = False
    grid = t._tbl.tblGrid.findall(qn("w:gridCol"))
    for ci, col in enumerate(t.columns):
        w = Cm(total_w * ws[ci] / sum(ws))
        grid[ci].set(qn("w:w"), str(int(w.twips)))
        for cell in col.cells:
            cell.width = w
    bold_heads = rng.random() < 0.3
    used = [0] * nrows
    for r, c, cell in placed:
        a = t.cell(r, c)
        if cell.rs > 1 or cell.cs > 1:
            a = a.merge(t.cell(r + cell.rs - 1, c + cell.cs - 1))
        used[r] = max(used[r], c + cell.cs)
        a.text = ""
        par = a.paragraphs[0]
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER if cell.kind != "label" or cell.cs == 1 and len(cell.text) < 8 \
            else WD_ALIGN_PARAGRAPH.LEFT
        lines = cell.text.split("\n")
        for i, line in enumerate(lines):
            run = par.add_run(line)
            _font(run, "宋体", font_size, bold=cell.kind == "head" and bold_heads)
            if i < len(lines) - 1:
                run.add_break()
    # rows printed with fewer cells than the grid: drop the unused trailing cells (Word's gridAfter)
    for r, row in enumerate(t.rows):
        missing = tb.ncols - used[r]
        covered = any(rr < r and rr + cl.rs > r and cc + cl.cs > used[r] for rr, cc, cl in placed)
        if missing > 0 and not covered:
            tcs = row._tr.findall(qn("w:tc"))
            for tc in tcs[len(tcs) - missing:]:
                row._tr.remove(tc)
            trPr = row._tr.get_or_add_trPr()
            ga = OxmlElement("w:gridAfter")
            ga.set(qn("w:val"), str(missing))
            trPr.insert(0, ga)
    return t


def build_docx(rep, rng, path, split_t3_page=False):
    """Write rep as .docx; split_t3_page puts the t3 rows from break_before on a new page
    (as two tables with a page-break paragraph between: LibreOffice renders it as one table
    running over two pages)."""
    doc = docx.Document()
    sec = doc.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    sec.left_margin = sec.right_margin = Cm(2.5)
    sec.top_margin, sec.bottom_margin = Cm(rng.choice([2.54, 3.7])), Cm(rng.choice([2.54, 3.5]))
    body_font = rng.choice(["仿宋_GB2312", "仿宋", "宋体"])
    size = rng.choice([16, 16, 14, 12])
    tsize = rng.choice([10.5, 9, 10])
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(size)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), body_font)
    title_in_one = rng.random() < 0.4
    bid = 0
    for kind, val in rep.blocks:
        if kind == "title":
            pars = [doc.add_paragraph()] if title_in_one else [doc.add_paragraph() for _ in val]
            for i, line in enumerate(val):
                par = pars[0] if title_in_one else pars[i]
                par.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run = par.add_run(line)
                _font(run, rng.choice(["方正小标宋简体", "黑体", "宋体"]), 22, bold=True)
                if title_in_one and i < len(val) - 1:
                    run.add_break()
            if rng.random() < 0.3:
                _bookmark(pars[0], "_GoBack", bid)
                bid += 1
        elif kind == "para":
            par = doc.add_paragraph()
            par.paragraph_format.first_line_indent = Pt(size * 2)
            _font(par.add_run(val), body_font)
        elif kind == "heading":
            par = doc.add_paragraph()
            par.paragraph_format.first_line_indent = Pt(size * 2)
            _font(par.add_run(val), "黑体", bold=rng.random() < 0.5)
        elif kind == "table":
            tb = val
            if split_t3_page and tb.name == "t3" and tb.break_before:
                first, second = split_table(tb)
                _table(doc, first, rng, tsize)
                gap = doc.add_paragraph()
                gap.paragraph_format.page_break_before = True
                gap.paragraph_format.space_after = Pt(0)
                _table(doc, second, rng, tsize)
            else:
                _table(doc, tb, rng, tsize)
            doc.add_paragraph()
        elif kind == "sign":
            for line in val:
                par = doc.add_paragraph()
                par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                _font(par.add_run(line), body_font)
    doc.core_properties.title = rep.title if rng.random() < 0.5 else ""
    doc.core_properties.author = rng.choice(["Administrator", "admin", "user", "微软用户", ""])
    doc.save(path)
    _fix_zip_times(path)


def _fix_zip_times(path):
    """Rewrite the .docx with fixed member times, so a seed gives the same bytes."""
    import zipfile
    with zipfile.ZipFile(path) as z:
        members = [(i.filename, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)


def split_table(tb):
    """Two tables: rows before tb.break_before, and the rest. Spans crossing the break are cut
    above it and go on below it as empty merged cells, the way a split merged cell prints."""
    k = tb.break_before
    placed, _ = positions(tb)
    first = Table(tb.name, tb.ncols, widths=tb.widths)
    first.rows = [[copy.copy(c) for c in row] for row in tb.rows[:k]]
    for r, row in enumerate(first.rows):
        for c in row:
            c.rs = min(c.rs, k - r)
    second = Table(tb.name, tb.ncols, widths=tb.widths)
    second.rows = [[copy.copy(c) for c in row] for row in tb.rows[k:]]
    starts = sorted(c for r, c, _ in placed if r == k)
    crossing = sorted((c, r + cell.rs - k, cell.cs) for r, c, cell in placed if r < k < r + cell.rs)
    for n, (col, left, cs) in enumerate(crossing):
        second.rows[0].insert(sum(1 for s in starts if s < col) + n, Cell("", rs=left, cs=cs))
    return first, second
