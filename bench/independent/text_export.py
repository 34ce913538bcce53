"""A report as plain text, the way web archivers, copy-paste and office text dumps give it.

txt_cells: one table cell per line (styles: docx_dump, pipe_end, tab_end, plain).
txt_rows:  one table row per line (styles: tab, pipe, markdown, spaces).
"""
from tables import positions

CELL_STYLES = ["docx_dump", "pipe_end", "tab_end", "plain"]
ROW_STYLES = ["tab", "pipe", "markdown", "spaces"]


def _grid_rows(tb):
    """Per row: [(kind, text)] over grid columns; kind 'cell', 'v0' (a merged cell going on
    from above, at its first column), 'v', or 'h' (covered)."""
    placed, taken = positions(tb)
    start = {(r, c): cell for r, c, cell in placed}
    out = []
    for r in range(len(tb.rows)):
        row = []
        for c in range(tb.ncols):
            if (r, c) in start:
                row.append(("cell", start[(r, c)].text))
            elif (r, c) in taken:
                row.append((taken[(r, c)], ""))
        out.append(row)
    return out


def bookmark(rng):
    """Word bookmarks as office text dumps print them (seen in real reports)."""
    return rng.choice(["[bookmark: _GoBack]", f"[bookmark: _Hlk{rng.randint(10**7, 10**8 - 1)}]"])


def table_cells(tb, style, rng, lead_bar=False, marks=False):
    lines = []
    for row in _grid_rows(tb):
        started = [t for k, t in row if k == "cell"]
        if style == "docx_dump":
            mark = lambda t: bookmark(rng) + t if marks and t and not t[-1].isdigit() and rng.random() < 0.12 else t
            lines += ["\t" + mark(t) for k, t in row if k in ("cell", "v0")]
            lines.append("")
        elif style == "pipe_end":
            if lead_bar:
                lines.append("|")
            lines += [t.replace("\n", " ") + " |" for t in started]
            pad = tb.ncols - len(started)
            if pad:
                lines.append("|" * pad)
        elif style == "tab_end":
            lines += [t.replace("\n", "") + "\t" for t in started]
        else:
            lines += started
    return lines


def table_rows(tb, style, rng):
    lines = []
    gap = rng.choice([2, 3, 4])
    for row in _grid_rows(tb):
        started = [t.replace("\n", "") for k, t in row if k == "cell"]
        pad = tb.ncols - len(started)
        if style == "tab":
            lines.append("\t".join(t.replace("\n", "") for k, t in row if k in ("cell", "v0")))
        elif style == "pipe":
            lines.append(" | ".join(started) + " |")
        elif style == "markdown":
            lines.append("| " + " | ".join(started) + " | " + "|" * pad)
        else:
            lines.append((" " * gap).join(t for t in started if t))
    return lines


def _wrap(text, width):
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def export(rep, rng, mode, style):
    """Return (text, published printed?)."""
    lines = []
    published = False
    chrome = rng.random()
    pub = rep.published
    if chrome < 0.2:
        lines += [f"标题: {rep.title}", f"发布时间: {pub.isoformat()} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}",
                  "文号: ", f"发布机构: {rng.choice([rep.body.name, rep.body.host])}", "栏目: 政府信息公开年报",
                  "=" * 20 + " 正文 " + "=" * 20]
        published = True
    elif chrome < 0.4:
        lines += ["当前位置：首页 > 政务公开 > 政府信息公开年报", rep.title,
                  f"发布时间：{pub.isoformat()}　来源：{rep.body.host}　浏览次数：{rng.randint(10, 900)}", ""]
        published = True
    hard_wrap = rng.choice([None] * 4 + [34, 40])
    lead_bar = rng.random() < 0.3
    marks = style == "docx_dump" and rng.random() < 0.5
    if marks:
        rep.notes.append("Word bookmarks printed in the text")
    for kind, val in rep.blocks:
        if kind == "title":
            lines += [bookmark(rng) + val[0]] + val[1:] if marks and rng.random() < 0.5 else val
        elif kind == "para":
            if marks and rng.random() < 0.15:
                val = bookmark(rng) + val
            lines += _wrap(val, hard_wrap) if hard_wrap else [val]
        elif kind == "heading":
            lines.append(val)
        elif kind == "table":
            lines += table_cells(val, style, rng, lead_bar, marks) if mode == "cells" else table_rows(val, style, rng)
        elif kind == "sign":
            lines += val
        if style == "docx_dump" or rng.random() < 0.1:
            lines.append("")
    if chrome < 0.4 and rng.random() < 0.6:
        others = [rep.title.replace(str(rep.year), str(y)) for y in (rep.year - 1, rep.year + 1) if y <= 2024]
        lines += ["", "相关链接："] + others + [f"主办单位：{rep.body.host}办公室"]
    return "\n".join(lines) + "\n", published
