"""DOCX → :class:`~extract.layout.Layout`.

Walks the document body in order (paragraphs and tables interleaved, tables nested in
cells included). Tables are read from the XML grid directly rather than through
python-docx's ``table.cell()``, which repeats a merged cell's text in every grid slot:
a ``gridSpan`` cell appears once, and a ``vMerge="continue"`` cell (the lower part of a
vertical merge) is left out, so a vertically merged label appears on its first row only.
A cell's paragraphs are joined without a separator (labels wrapped over two paragraphs
stay one label); numbers never span paragraphs.

Pictures in the body (``w:drawing`` / ``v:imagedata`` pointing into ``word/media/``)
often stand in for a table (a screenshot of table 3 or 4). With ``ocr`` on, each
picture big enough to hold a table is read by :func:`extract.ocr.ocr_image` and its
lines are spliced in where the picture sits, with their confidences and per-cell
readings (``Layout.ocr_cells``, line indices shifted); with ``ocr`` off, a warning
names the paragraph the picture sits in.
"""
from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

from extract.layout import Cell, Layout
from extract.limits import check_zip
from extract.schema import extraction_warning as warn

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{%s}" % W
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_A_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_V_IMAGEDATA = "{urn:schemas-microsoft-com:vml}imagedata"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"

#: pictures smaller than this (pixels, longer side) are icons or seals, not tables
MIN_PICTURE_PIXELS = 200
#: at most this many pictures of one document are sent through OCR
MAX_OCR_PICTURES = 8


class DocxError(Exception):
    """The bytes are not a readable DOCX."""


_T, _TAB, _BR, _CR, _P, _TC = (_W + name for name in ("t", "tab", "br", "cr", "p", "tc"))
_TEXT_TAGS = (_T, _TAB, _BR, _CR, _W + "delText", _W + "instrText")
_BREAKS = (_BR, _CR)


def _text(element) -> str:
    """Visible text of a paragraph-level element (runs, tabs, breaks; no field codes)."""
    parts = []
    for node in element.iter(*_TEXT_TAGS):
        tag = node.tag
        if tag == _T:
            parts.append(node.text or "")
        elif tag == _TAB:
            parts.append(" ")
        elif tag in _BREAKS:
            parts.append("\n")
    return "".join(parts)


def _cell_text(tc) -> str:
    paras = []
    for p in tc.iter(_P):
        # skip paragraphs of nested tables: they are read as their own table
        if _nearest_tc(p) is not tc:
            continue
        t = _text(p).strip()
        if t:
            paras.append(t)
    return "".join(paras)


def _nearest_tc(node):
    parent = node.getparent()
    while parent is not None and parent.tag != _TC:
        parent = parent.getparent()
    return parent


#: grid columns narrower than this (twentieths of a point) hold no text: converters leave
#: such slivers where two rows' column edges almost meet; they are not counted as columns
_SLIVER_TWIPS = 20


def _column_numbers(tbl) -> list[int]:
    """For each grid column of ``w:tblGrid``, its 0-based number not counting slivers."""
    widths = []
    grid = tbl.find(_W + "tblGrid")
    for col in grid.iterchildren(_W + "gridCol") if grid is not None else ():
        try:
            widths.append(float(col.get(_W + "w", "0")))
        except ValueError:
            widths.append(0.0)
    if not widths or not any(w >= _SLIVER_TWIPS for w in widths):
        return []
    numbers, seen = [], 0
    for width in widths:
        numbers.append(seen)
        seen += width >= _SLIVER_TWIPS
    return numbers


def _read_table(tbl, layout: Layout) -> None:
    number = layout.new_table()
    columns = _column_numbers(tbl)
    for r, tr in enumerate(tbl.iterchildren(_W + "tr")):
        cells: list[Cell] = []
        nested = []
        kept = []
        col = _grid_value(tr.find(_TR_PR), _GRID_BEFORE)
        for tc in tr.iterchildren(_TC):
            tcpr = tc.find(_TC_PR)
            at, col = col, col + max(_grid_value(tcpr, _GRID_SPAN), 1)
            vmerge = tcpr.find(_V_MERGE) if tcpr is not None else None
            if vmerge is not None and vmerge.get(_VAL, "continue") == "continue":
                continue
            cells.append(Cell(_cell_text(tc).replace("\n", "").strip(), None, number, r,
                              columns[at] if at < len(columns) else at))
            kept.append(tcpr)
            nested.extend(tc.iter(_W + "tbl"))
        if len(cells) > 1 and not cells[-1].text:
            _drop_absent_cells(cells, kept)
        # a row of one empty cell (spacer) carries nothing
        if cells and any(c.text for c in cells) or len(cells) > 1:
            layout.add_row(cells)
        for inner in nested:
            _read_table(inner, layout)


_VAL = _W + "val"


def _grid_value(properties, tag: str) -> int:
    """``w:gridSpan`` (of ``w:tcPr``) or ``w:gridBefore`` (of ``w:trPr``) as a count; 0 when absent.

    :param tag: the element's tag (:data:`_GRID_SPAN`, :data:`_GRID_BEFORE`)."""
    node = properties.find(tag) if properties is not None else None
    try:
        return int(node.get(_VAL, "0")) if node is not None else 0
    except ValueError:
        return 0


_GRID_SPAN, _GRID_BEFORE, _TC_PR, _TR_PR, _V_MERGE = (_W + name for name in ("gridSpan", "gridBefore", "tcPr", "trPr",
                                                                             "vMerge"))


def _drop_absent_cells(cells: list[Cell], properties: list) -> None:
    """A row printed with fewer cells than the grid: converters (LibreOffice, from DOC)
    fill the missing slots with empty cells whose borders are explicitly none while the
    row's printed cells have borders of their own; those are absent cells, not blanks."""
    def framed(tcpr):  # own borders (True), explicitly none (False), inherited (None)
        borders = tcpr.find(_W + "tcBorders") if tcpr is not None else None
        return None if borders is None else len(borders) > 0

    if not any(framed(p) for p in properties):
        return
    while len(cells) > 1 and not cells[-1].text and framed(properties[len(cells) - 1]) is False:
        cells.pop()


def read_docx(data: bytes, *, ocr: bool = True) -> Layout:
    """Read DOCX bytes into a Layout.

    :param data: the file's bytes.
    :param ocr: read pictures in the body (tables pasted as images) with OCR; when
        off, each such picture becomes a warning instead.
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
    pictures = _Pictures(archive, ocr)
    # the pictures are read first, all together (one engine start per pass), then
    # spliced in where they stand
    pictures.prefetch([target for child in body.iter(_W + "p") if _nearest_tc(child) is None
                       for target in _picture_targets(child, pictures.rels)])
    paragraph = 0
    for child in body.iter(_W + "p", _W + "tbl"):
        # only top-level blocks here: paragraphs inside tables are read with their table
        if _nearest_tc(child) is not None:
            continue
        if child.tag == _W + "tbl":
            _read_table(child, layout)
        else:
            paragraph += 1
            for line in _text(child).split("\n"):
                line = line.strip()
                if line:
                    layout.lines.append(line)
            for target in _picture_targets(child, pictures.rels):
                pictures.read(target, paragraph, layout)
    return layout


def _picture_targets(paragraph, rels: dict[str, str]) -> list[str]:
    """Zip member names of the pictures a paragraph shows, in order, without repeats."""
    targets: list[str] = []
    for node in paragraph.iter(_A_BLIP, _V_IMAGEDATA):
        rid = node.get(_R + "embed") if node.tag == _A_BLIP else node.get(_R + "id")
        target = rels.get(rid or "")
        if target and target.startswith("word/media/") and target not in targets:
            targets.append(target)
    return targets


class _Pictures:
    """The document's pictures: sizes them and sends the big ones through OCR."""

    def __init__(self, archive: zipfile.ZipFile, ocr: bool):
        self.archive = archive
        self.ocr = ocr
        self.read_count = 0
        self.seen: set[str] = set()
        self.rels = _relationships(archive)
        self.done: dict[str, Layout] = {}

    def prefetch(self, targets: list[str]) -> None:
        """OCR the pictures :meth:`read` will send through OCR, all in one batch
        (:func:`extract.ocr.ocr_images`); a picture it cannot take is left to :meth:`read`."""
        if not self.ocr:
            return
        wanted: dict[str, bytes] = {}
        for target in targets:
            if target in wanted:
                continue
            if len(wanted) >= MAX_OCR_PICTURES:
                break
            try:
                if self.archive.getinfo(target).file_size > 64 * 1048576:
                    continue
                picture = _picture(self.archive.read(target))
            except (KeyError, zipfile.BadZipFile, OSError, EOFError):
                continue
            if picture is not None and max(picture[0]) >= MIN_PICTURE_PIXELS:
                wanted[target] = picture[1]
        if not wanted:
            return
        try:
            from extract.ocr import ocr_images
        except Exception:  # noqa: BLE001 - OCR dependencies missing: read() says so
            return
        self.done = dict(zip(wanted, ocr_images(list(wanted.values()))))

    def read(self, target: str, paragraph: int, layout: Layout) -> None:
        if target in self.seen:  # the same picture shown twice is read once
            return
        self.seen.add(target)
        try:
            info = self.archive.getinfo(target)
            if info.file_size > 64 * 1048576:
                layout.warnings.append(warn("picture_too_large",
                                            f"picture at paragraph {paragraph} is too large to read; skipped"))
                return
            data = self.archive.read(target)
        except (KeyError, zipfile.BadZipFile, OSError, EOFError):
            return
        picture = _picture(data)
        if picture is not None and max(picture[0]) < MIN_PICTURE_PIXELS:
            return  # an icon, a bullet, a small seal
        if not self.ocr:
            layout.warnings.append(warn("picture_ocr_off", f"picture at paragraph {paragraph} may hold a table; "
                                        "OCR disabled"))
            return
        if picture is None:
            layout.warnings.append(warn("picture_format", f"picture at paragraph {paragraph} "
                                        f"({target.rsplit('.', 1)[-1]}) may hold a table but is in a format OCR "
                                        "cannot read"))
            return
        if self.read_count >= MAX_OCR_PICTURES:
            layout.warnings.append(warn("picture_limit", f"picture at paragraph {paragraph} may hold a table; not "
                                        f"read (only the first {MAX_OCR_PICTURES} pictures are sent through OCR)"))
            return
        try:
            from extract.ocr import ocr_image
        except Exception:  # noqa: BLE001 - OCR dependencies missing
            layout.warnings.append(warn("ocr_unavailable", f"picture at paragraph {paragraph} may hold a table; "
                                        "OCR is not available"))
            return
        self.read_count += 1
        part = self.done.pop(target, None)
        splice(layout, part if part is not None else ocr_image(picture[1]), f"picture at paragraph {paragraph}")


def splice(layout: Layout, part: Layout, where: str | None = None) -> None:
    """Append an OCR'd layout's lines to ``layout``, shifting the line indices of its
    confidences and per-cell readings; its warnings are kept, with their codes (the detail
    prefixed by ``where``)."""
    base = len(layout.lines)
    layout.lines.extend(layout.adopt(part))
    layout.confidence.update({base + i: c for i, c in part.confidence.items()})
    for cell in part.ocr_cells:
        layout.ocr_cells.append(dict(cell, line_index=cell["line_index"] + base))
    for warning in part.warnings:
        layout.warnings.append(warn(warning["code"], f"{where}: {warning['detail']}") if where else warning)


def _relationships(archive: zipfile.ZipFile) -> dict[str, str]:
    """Relationship id → zip member name, for ``word/document.xml``."""
    try:
        root = etree.fromstring(archive.read("word/_rels/document.xml.rels"),
                                parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, OSError, EOFError):
        return {}
    out = {}
    for rel in root.iter(_REL):
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External" or not rel.get("Id"):
            continue
        target = target.lstrip("/") if target.startswith("/") else posixpath.normpath("word/" + target)
        out[rel.get("Id")] = target
    return out


def _picture(data: bytes) -> tuple[tuple[int, int], bytes] | None:
    """``((width, height), bytes OCR can decode)`` of a raster picture, or None
    (vector formats such as EMF/WMF, damaged files)."""
    try:
        from PIL import Image
    except ImportError:
        Image = None
    if Image is not None:
        try:
            with Image.open(io.BytesIO(data)) as img:
                if img.format in ("PNG", "JPEG", "BMP", "TIFF", "WEBP"):
                    return img.size, data
                if img.format == "GIF":  # OpenCV cannot decode GIF
                    buf = io.BytesIO()
                    img.convert("L").save(buf, "PNG")
                    return img.size, buf.getvalue()
                return None
        except Exception:  # noqa: BLE001 - PIL raises many types for odd files
            return None
    try:
        import cv2
        import numpy as np
        gray = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    except Exception:  # noqa: BLE001
        return None
    return None if gray is None else ((gray.shape[1], gray.shape[0]), data)


def _core_title(archive: zipfile.ZipFile) -> str | None:
    try:
        core = etree.fromstring(archive.read("docProps/core.xml"))
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, OSError):
        return None
    node = core.find("{http://purl.org/dc/elements/1.1/}title")
    return node.text.strip() if node is not None and node.text and node.text.strip() else None
