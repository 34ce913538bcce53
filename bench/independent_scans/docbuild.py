"""Build the report as a DOCX with python-docx, in the layout of the national template.

``build_docx(rep, probe=False)`` writes either the real report or a *probe* twin whose
value cells hold short unique codes instead of figures.  Both have identical layout (the
codes are narrower than any printed value), so the probe's PDF text layer tells exactly
where each cell lands on which page.
"""
from __future__ import annotations

import itertools

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from reportgen import T3_COLS, T4_COLS, T4_GROUPS, t3_result_rows

CODE_LETTERS = "ABCDEFGHJKMNPRTUVWXY"
PROBE_CODES = ["".join(p) for p in itertools.product(CODE_LETTERS, repeat=2)]


# ---------------------------------------------------------------------------
# table specs: list of placements (r0, c0, r1, c1, text, kind, key)
#   kind: 'sec' (section row), 'head', 'label', 'value'
# ---------------------------------------------------------------------------
def t2_spec_2021(rep):
    P = []
    r = 0

    def sec(text):
        nonlocal r
        P.append((r, 0, r, 3, text, "sec", None))
        r += 1

    sec("第二十条第（一）项")
    P += [(r, 0, r, 0, "信息内容", "head", None), (r, 1, r, 1, "本年制发件数", "head", None),
          (r, 2, r, 2, "本年废止件数", "head", None), (r, 3, r, 3, "现行有效件数", "head", None)]
    r += 1
    for row, lab in (("rules", "规章"), ("normative", "行政规范性文件")):
        P.append((r, 0, r, 0, lab, "label", None))
        for c, col in enumerate(("issued", "repealed", "in_force")):
            P.append((r, c + 1, r, c + 1, None, "value", f"t2.{row}.{col}"))
        r += 1
    for item, rows, head in (("（五）", [("licensing", "行政许可")], "本年处理决定数量"),
                             ("（六）", [("penalty", "行政处罚"), ("coercion", "行政强制")], "本年处理决定数量"),
                             ("（八）", [("fees", "行政事业性收费")], "本年收费金额（单位：万元）")):
        sec(f"第二十条第{item}项")
        P += [(r, 0, r, 0, "信息内容", "head", None), (r, 1, r, 3, head, "head", None)]
        r += 1
        for row, lab in rows:
            P.append((r, 0, r, 0, lab, "label", None))
            P.append((r, 1, r, 3, None, "value", f"t2.{row}." + ("amount" if row == "fees" else "decisions")))
            r += 1
    return P, r, 4


def t2_spec_2019(rep):
    P = []
    r = 0
    NC = 7

    def sec(text):
        nonlocal r
        P.append((r, 0, r, NC - 1, text, "sec", None))
        r += 1

    def head(labels):
        """A header row: 信息内容, then the labels spread evenly over the six value columns."""
        nonlocal r
        span = (NC - 1) // len(labels)
        P.append((r, 0, r, 0, "信息内容", "head", None))
        for i, lab in enumerate(labels):
            P.append((r, 1 + span * i, r, span * (i + 1), lab, "head", None))
        r += 1

    sec("第二十条第（一）项")
    head(["本年新制作数量", "本年新公开数量", "对外公开总数量"])
    for row, lab in (("rules", "规章"), ("normative", "规范性文件")):
        P.append((r, 0, r, 0, lab, "label", None))
        for i, col in enumerate(("made", "published", "public_total")):
            P.append((r, 1 + 2 * i, r, 2 + 2 * i, None, "value", f"t2.{row}.{col}"))
        r += 1
    for item, rows in (("（五）", [("licensing", "行政许可"), ("other_mgmt", "其他对外管理服务事项")]),
                       ("（六）", [("penalty", "行政处罚"), ("coercion", "行政强制")])):
        sec(f"第二十条第{item}项")
        head(["上一年项目数量", "本年增/减", "处理决定数量"])
        for row, lab in rows:
            P.append((r, 0, r, 0, lab, "label", None))
            for i, col in enumerate(("prev_items", "change", "decisions")):
                P.append((r, 1 + 2 * i, r, 2 + 2 * i, None, "value", f"t2.{row}.{col}"))
            r += 1
    sec("第二十条第（八）项")
    head(["上一年项目数量", "本年增/减"])
    P.append((r, 0, r, 0, "行政事业性收费", "label", None))
    P.append((r, 1, r, 3, None, "value", "t2.fees.prev_items"))
    P.append((r, 4, r, 6, None, "value", "t2.fees.change"))
    r += 1
    sec("第二十条第（九）项")
    head(["采购项目数量", rep["proc_header"]])
    P.append((r, 0, r, 0, "政府集中采购", "label", None))
    P.append((r, 1, r, 3, None, "value", "t2.procurement.items"))
    P.append((r, 4, r, 6, None, "value", "t2.procurement.amount"))
    r += 1
    return P, r, NC


def t3_spec(rep):
    single = rep["single_other"]
    P = []
    P.append((0, 0, 2, 2, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "head", None))
    P.append((0, 3, 0, 9, "申请人情况", "head", None))
    P.append((1, 3, 2, 3, "自然人", "head", None))
    P.append((1, 4, 1, 8, "法人或其他组织", "head", None))
    P.append((1, 9, 2, 9, "总计", "head", None))
    for i, lab in enumerate(rep["t3_col_labels"]):
        P.append((2, 4 + i, 2, 4 + i, lab, "head", None))
    r = 3

    def values(row):
        for i, col in enumerate(T3_COLS):
            P.append((r, 3 + i, r, 3 + i, None, "value", f"t3.{row}.{col}"))

    P.append((r, 0, r, 2, "一、本年新收政府信息公开申请数量", "label", None)); values("new"); r += 1
    P.append((r, 0, r, 2, "二、上年结转政府信息公开申请数量", "label", None)); values("carried_over"); r += 1
    rows = t3_result_rows(single)
    first = r
    i = 0
    while i < len(rows):
        key, g, item = rows[i]
        if item is None:
            P.append((r, 1, r, 2, g, "label", None)); values(key); r += 1; i += 1
            continue
        j = i
        while j < len(rows) and rows[j][1] == g:
            j += 1
        P.append((r, 1, r + (j - i) - 1, 1, g, "label", None))
        for k in range(i, j):
            P.append((r, 2, r, 2, rows[k][2], "label", None)); values(rows[k][0]); r += 1
        i = j
    P.append((r, 1, r, 2, rep["t3_total_label"], "label", None)); values("results_total"); r += 1
    P.append((first, 0, r - 1, 0, "三、本年度办理结果", "label", None))
    P.append((r, 0, r, 2, "四、结转下年度继续办理", "label", None)); values("carried_forward"); r += 1
    return P, r, 10


def t4_spec(rep):
    P = [(0, 0, 1, 4, "行政复议", "head", None), (0, 5, 0, 14, "行政诉讼", "head", None),
         (1, 5, 1, 9, "未经复议直接起诉", "head", None), (1, 10, 1, 14, "复议后起诉", "head", None)]
    labels = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    # the template prints the review group's column labels on the third header row
    P[0] = (0, 0, 1, 4, "行政复议", "head", None)
    for g in range(3):
        for i, lab in enumerate(labels):
            P.append((2, 5 * g + i, 2, 5 * g + i, lab, "head", None))
    for g, gname in enumerate(T4_GROUPS):
        for i, col in enumerate(T4_COLS):
            P.append((3, 5 * g + i, 3, 5 * g + i, None, "value", f"t4.{gname}.{col}"))
    return P, 4, 15


# ---------------------------------------------------------------------------
# python-docx helpers
# ---------------------------------------------------------------------------
def _el(tag, **attrs):
    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(k), str(v))
    return e


def set_run_font(run, east, latin, size, bold=False):
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = latin
    rpr = run._element.get_or_add_rPr()
    rf = rpr.find(qn("w:rFonts"))
    if rf is None:
        rf = _el("w:rFonts")
        rpr.insert(0, rf)
    rf.set(qn("w:eastAsia"), east)
    rf.set(qn("w:ascii"), latin)
    rf.set(qn("w:hAnsi"), latin)


def mark_font(p, east, latin, size):
    """Font of the paragraph mark: sets the height of an empty cell's line."""
    pPr = p._p.get_or_add_pPr()
    rPr = _el("w:rPr")
    rPr.append(_el("w:rFonts", **{"w:ascii": latin, "w:hAnsi": latin, "w:eastAsia": east}))
    rPr.append(_el("w:sz", **{"w:val": int(size * 2)}))
    rPr.append(_el("w:szCs", **{"w:val": int(size * 2)}))
    pPr.append(rPr)


def para_fmt(p, align=None, first_indent=None, line=None, before=0, after=0):
    pf = p.paragraph_format
    if align is not None:
        p.alignment = align
    if first_indent is not None:
        pf.first_line_indent = first_indent
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    if line is not None:
        pf.line_spacing = line


def add_par(doc, text, east, latin, size, bold=False, align=None, indent=True, line=None, before=0, after=0):
    p = doc.add_paragraph()
    para_fmt(p, align, Pt(size * 2) if indent else None, line, before, after)
    parts = text.split("\n")
    for i, part in enumerate(parts):
        run = p.add_run(part)
        set_run_font(run, east, latin, size, bold)
        if i < len(parts) - 1:
            run.add_break(WD_BREAK.LINE)
    return p


def table_borders(table, outer, inner, style="single"):
    tblPr = table._tbl.tblPr
    for old in tblPr.findall(qn("w:tblBorders")):
        tblPr.remove(old)
    b = _el("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        sz = outer if edge in ("top", "left", "bottom", "right") else inner
        b.append(_el(f"w:{edge}", **{"w:val": style, "w:sz": sz, "w:space": 0, "w:color": "000000"}))
    tblPr.append(b)
    lay = _el("w:tblLayout", **{"w:type": "fixed"})
    tblPr.append(lay)


def cell_margins(table, lr_twips, tb_twips=0):
    tblPr = table._tbl.tblPr
    m = _el("w:tblCellMar")
    for edge, v in (("top", tb_twips), ("left", lr_twips), ("bottom", tb_twips), ("right", lr_twips)):
        m.append(_el(f"w:{edge}", **{"w:w": v, "w:type": "dxa"}))
    tblPr.append(m)


def shade(cell, fill):
    tcPr = cell._tc.get_or_add_tcPr()
    tcPr.append(_el("w:shd", **{"w:val": "clear", "w:color": "auto", "w:fill": fill}))


def row_props(row, min_h_cm, cant_split, header):
    trPr = row._tr.get_or_add_trPr()
    if cant_split:
        trPr.append(_el("w:cantSplit"))
    if header:
        trPr.append(_el("w:tblHeader"))
    trPr.append(_el("w:trHeight", **{"w:val": int(min_h_cm * 567), "w:hRule": "atLeast"}))


def build_table(doc, spec, widths_cm, st, cell_text, header_rows=0, table_font=None, pad=None):
    P, nrows, ncols = spec
    t = doc.add_table(rows=nrows, cols=ncols)
    t.alignment = 1  # center
    t.autofit = False
    table_borders(t, st["border_outer"], st["border_inner"])
    cell_margins(t, pad if pad is not None else st["cell_pad_twips"])
    grid = t._tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), widths_cm):
        gc.set(qn("w:w"), str(int(w * 567)))
    for row in t.rows:
        for c, w in zip(row.cells, widths_cm):
            c.width = Cm(w)
    east, latin = st["table_east"], st["table_latin"]
    size = table_font or st["table_size"]
    for i, row in enumerate(t.rows):
        row_props(row, st["row_h"], st["cant_split"], i < header_rows and st["repeat_header"])
    for (r0, c0, r1, c1, text, kind, key) in P:
        cell = t.cell(r0, c0)
        if (r1, c1) != (r0, c0):
            cell = cell.merge(t.cell(r1, c1))
        if kind == "value":
            text = cell_text(key)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        p = cell.paragraphs[0]
        if kind == "value":
            align = st["value_align"]
        elif kind in ("head", "sec"):
            align = WD_ALIGN_PARAGRAPH.CENTER if (kind == "head" or st["sec_center"]) else WD_ALIGN_PARAGRAPH.LEFT
        else:
            align = st["label_align"]
        para_fmt(p, align, None, 1.0, 0, 0)
        mark_font(p, east, latin if kind == "value" else east, size)
        if text:
            bold = (kind == "head" and st["head_bold"]) or (kind == "sec" and st["sec_bold"])
            run = p.add_run(text)
            set_run_font(run, east, latin if kind == "value" else east, size, bold)
        if kind == "sec" and st["sec_shade"]:
            shade(cell, st["sec_shade"])
        if kind == "head" and st["head_shade"]:
            shade(cell, st["head_shade"])
    return t


def table_widths(rep, name, text_w):
    st = rep["style"]
    if name == "t2":
        if rep["format"] == "2021":
            lab = text_w * st["t2_label_frac"]
            rest = (text_w - lab) / 3
            return [lab, rest, rest, rest]
        lab = text_w * st["t2_label_frac"]
        rest = (text_w - lab) / 6
        return [lab] + [rest] * 6
    if name == "t3":
        vw = st["t3_value_w"]
        c0, c1 = st["t3_c0_w"], st["t3_c1_w"]
        c2 = text_w - c0 - c1 - 7 * vw
        return [c0, c1, c2] + [vw] * 7
    if name == "t4":
        return [text_w / 15] * 15
    raise KeyError(name)


def spec_for(rep, name):
    if name == "t2":
        return t2_spec_2021(rep) if rep["format"] == "2021" else t2_spec_2019(rep)
    return {"t3": t3_spec, "t4": t4_spec}[name](rep)


def value_cell_keys(rep, name):
    P, _, _ = spec_for(rep, name)
    return [p[6] for p in P if p[5] == "value"]


def setup_page(doc, st, page_w_cm=21.0, page_h_cm=29.7, margins=None):
    s = doc.sections[0]
    s.page_width, s.page_height = Cm(page_w_cm), Cm(page_h_cm)
    m = margins or st["margins"]
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = (Cm(x) for x in m)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(st["body_size"])
    normal.font.name = st["body_latin"]
    rpr = normal.element.get_or_add_rPr()
    rf = rpr.find(qn("w:rFonts"))
    if rf is None:
        rf = _el("w:rFonts")
        rpr.insert(0, rf)
    rf.set(qn("w:eastAsia"), st["body_east"])
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    return (page_w_cm - m[2] - m[3])


def make_cell_text(rep, probe):
    codes = {}
    if probe:
        keys = value_cell_keys(rep, "t2") + value_cell_keys(rep, "t3") + value_cell_keys(rep, "t4")
        for k, c in zip(keys, PROBE_CODES):
            codes[k] = c

        def txt(key):
            return codes[key]
    else:
        def txt(key):
            return rep["display"][key]
    return txt, codes


def build_docx(rep, path, probe=False):
    """The whole report: title, sections 一..六 with tables 2-4, signature."""
    st = rep["style"]
    doc = Document()
    text_w = setup_page(doc, st)
    txt, codes = make_cell_text(rep, probe)
    add_par(doc, rep["title_text"], st["title_east"], st["title_latin"], st["title_size"], bold=st["title_bold"],
            align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, line=1.15, after=st["title_after"])
    body = dict(east=st["body_east"], latin=st["body_latin"], size=st["body_size"], line=st["line"])

    def para(text, **kw):
        a = dict(body)
        a.update(kw)
        return add_par(doc, text, a["east"], a["latin"], a["size"], bold=a.get("bold", False),
                       align=a.get("align", WD_ALIGN_PARAGRAPH.JUSTIFY), indent=a.get("indent", True), line=a["line"])

    def heading(text):
        return add_par(doc, text, st["head_east"], st["head_latin"], st["body_size"], bold=st["heading_bold"],
                       align=WD_ALIGN_PARAGRAPH.LEFT, indent=st["heading_indent"], line=st["line"],
                       before=st["heading_before"], after=2)

    _opening_sections(rep, para, heading)
    H = rep["headings"]
    for idx, name in ((1, "t2"), (2, "t3"), (3, "t4")):
        if st.get(f"break_before_{name}"):
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        heading(H[idx])
        build_table(doc, spec_for(rep, name), table_widths(rep, name, text_w), st, txt,
                    header_rows={"t2": 0, "t3": 3, "t4": 3}[name],
                    table_font=st["table_size"] if name != "t4" else st["t4_size"],
                    pad=min(57, st["cell_pad_twips"]) if name == "t4" else None)
        if st["gap_after_table"]:
            doc.add_paragraph()
    _closing_sections(doc, rep, para, heading)
    doc.save(path)
    return codes


def _opening_sections(rep, para, heading):
    """The opening paragraph, then section one (总体情况)."""
    para(rep["intro"])
    heading(rep["headings"][0])
    for p in rep["overview"]:
        para(p)


def _closing_sections(doc, rep, para, heading):
    """Sections five and six, then the signature block (body, date) on the right."""
    H = rep["headings"]
    heading(H[4])
    for p in rep["problems"]:
        para(p)
    heading(H[5])
    for p in rep["other"]:
        para(p)
    doc.add_paragraph()
    para(rep["signature"], align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    para(rep["sign_date"], align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)


def build_tables_docx(rep, path, probe=False):
    """Only the three tables, each on its own tall page (for the table-picture DOCX mode)."""
    st = rep["style"]
    doc = Document()
    text_w = 21.0 - st["margins"][2] - st["margins"][3]
    setup_page(doc, st, page_w_cm=text_w + 1.0, page_h_cm=60.0, margins=(0.5, 0.5, 0.5, 0.5))
    txt, codes = make_cell_text(rep, probe)
    for i, name in enumerate(("t2", "t3", "t4")):
        if i:
            p = doc.add_paragraph()
            p.add_run().add_break(WD_BREAK.PAGE)
        build_table(doc, spec_for(rep, name), table_widths(rep, name, text_w), st, txt,
                    header_rows=0, table_font=st["table_size"] if name != "t4" else st["t4_size"],
                    pad=min(57, st["cell_pad_twips"]) if name == "t4" else None)
    doc.save(path)
    return codes


def build_picture_docx(rep, path, pictures):
    """Final DOCX: real text paragraphs, each table pasted as one or more pictures.

    pictures: {"t2": [(bytes, width_cm)], "t3": [...], "t4": [...]}"""
    import io
    st = rep["style"]
    doc = Document()
    setup_page(doc, st)
    add_par(doc, rep["title_text"], st["title_east"], st["title_latin"], st["title_size"], bold=st["title_bold"],
            align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, line=1.15, after=st["title_after"])

    def para(text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True):
        add_par(doc, text, st["body_east"], st["body_latin"], st["body_size"], align=align, indent=indent,
                line=st["line"])

    def heading(text):
        add_par(doc, text, st["head_east"], st["head_latin"], st["body_size"], bold=st["heading_bold"],
                align=WD_ALIGN_PARAGRAPH.LEFT, indent=st["heading_indent"], line=st["line"])

    _opening_sections(rep, para, heading)
    H = rep["headings"]
    for idx, name in ((1, "t2"), (2, "t3"), (3, "t4")):
        heading(H[idx])
        for data, wcm in pictures[name]:
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run().add_picture(io.BytesIO(data), width=Cm(wcm))
    _closing_sections(doc, rep, para, heading)
    core = doc.core_properties
    core.title = "政府信息公开工作年度报告"
    core.author = "Administrator"
    doc.save(path)
