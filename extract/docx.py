"""DOCX → :class:`~extract.layout.Layout`.

Walks the document body in order (paragraphs and tables interleaved, tables nested in
cells included). Tables are read from the XML grid directly rather than through
python-docx's ``table.cell()``, which repeats a merged cell's text in every grid slot:
a ``gridSpan`` cell appears once, and a ``vMerge="continue"`` cell (the lower part of a
vertical merge) is left out, so a vertically merged label appears on its first row only.
A cell's paragraphs are joined without a separator (labels wrapped over two paragraphs
stay one label); numbers never span paragraphs.
"""
from __future__ import annotations

import io
import zipfile

from lxml import etree

from extract.layout import Layout
from extract.limits import check_zip

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{%s}" % W


class DocxError(Exception):
    """The bytes are not a readable DOCX."""


def _text(element) -> str:
    """Visible text of a paragraph-level element (runs, tabs, breaks; no field codes)."""
    parts = []
    for node in element.iter(_W + "t", _W + "tab", _W + "br", _W + "cr", _W + "delText", _W + "instrText"):
        tag = node.tag
        if tag == _W + "t":
            parts.append(node.text or "")
        elif tag in (_W + "tab",):
            parts.append(" ")
        elif tag in (_W + "br", _W + "cr"):
            parts.append("\n")
    return "".join(parts)


def _cell_text(tc) -> str:
    paras = []
    for p in tc.iter(_W + "p"):
        # skip paragraphs of nested tables: they are read as their own table
        if _nearest_tc(p) is not tc:
            continue
        t = _text(p).strip()
        if t:
            paras.append(t)
    return "".join(paras)


def _nearest_tc(node):
    parent = node.getparent()
    while parent is not None and parent.tag != _W + "tc":
        parent = parent.getparent()
    return parent


def _read_table(tbl, layout: Layout) -> None:
    for tr in tbl.iterchildren(_W + "tr"):
        cells = []
        nested = []
        for tc in tr.iterchildren(_W + "tc"):
            tcpr = tc.find(_W + "tcPr")
            vmerge = tcpr.find(_W + "vMerge") if tcpr is not None else None
            if vmerge is not None and vmerge.get(_W + "val", "continue") == "continue":
                continue
            cells.append(_cell_text(tc).replace("\n", ""))
            nested.extend(tc.iter(_W + "tbl"))
        # a row of one empty cell (spacer) carries nothing
        if cells and any(c.strip() for c in cells) or len(cells) > 1:
            layout.add_row(cells)
        for inner in nested:
            _read_table(inner, layout)


def read_docx(data: bytes) -> Layout:
    """Read DOCX bytes into a Layout.

    :param data: the file's bytes.
    :raises DocxError: not a zip, no ``word/document.xml``, or broken XML.
    :raises extract.limits.LimitExceeded: a zip bomb (declared sizes or ratio too large).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise DocxError(f"not a valid DOCX (zip): {exc}") from exc
    check_zip(archive)
    try:
        xml = archive.read("word/document.xml")
    except KeyError:
        raise DocxError("not a DOCX: the zip has no word/document.xml") from None
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise DocxError(f"damaged DOCX: {exc}") from exc
    try:
        root = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False, huge_tree=False,
                                                            no_network=True))
    except etree.XMLSyntaxError as exc:
        raise DocxError(f"damaged DOCX: word/document.xml is not well-formed XML ({exc})") from exc
    # Word writes text boxes twice (mc:Choice and an mc:Fallback copy): keep one
    for fallback in list(root.iter("{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback")):
        fallback.getparent().remove(fallback)
    layout = Layout()
    layout.title_hint = _core_title(archive)
    body = root.find(_W + "body")
    if body is None:
        raise DocxError("damaged DOCX: no document body")
    for child in body.iter(_W + "p", _W + "tbl"):
        # only top-level blocks here: paragraphs inside tables are read with their table
        if _nearest_tc(child) is not None:
            continue
        if child.tag == _W + "tbl":
            _read_table(child, layout)
        else:
            for line in _text(child).split("\n"):
                line = line.strip()
                if line:
                    layout.lines.append(line)
    return layout


def _core_title(archive: zipfile.ZipFile) -> str | None:
    try:
        core = etree.fromstring(archive.read("docProps/core.xml"))
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, OSError):
        return None
    node = core.find("{http://purl.org/dc/elements/1.1/}title")
    return node.text.strip() if node is not None and node.text and node.text.strip() else None
