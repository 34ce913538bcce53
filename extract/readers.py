"""Input kinds: a registry of readers, each bringing its own detection.

Every input kind is one :class:`InputKind` row: a name, a ``sniff`` that recognises the
kind from the bytes alone (never the file name or the server's content type), and a
``read`` that turns the bytes into an :class:`extract.layout.Layout`. :data:`READERS`
lists them in the order they are tried; the first whose ``sniff`` says yes names the
kind (:func:`detect_kind`), and :func:`read_layout` calls its reader.

Adding an input kind (say OFD, the national fixed-layout format) is one module with a
``sniff(data) -> bool`` and a ``read(data, *, ocr, converted_docx) -> Layout``, one
:func:`register` call, and one test file with real or independently made samples.

Readers raise their own errors (:class:`extract.pdf.PdfError`, …) for damaged input;
:class:`UnsupportedInput` means no reader can take the bytes (or OCR is off for an image).
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable

from extract import detect
from extract.layout import Layout
from extract.schema import extraction_warning as warn


class UnsupportedInput(Exception):
    """The bytes are of a kind the extractor cannot read."""


@dataclass(frozen=True)
class InputKind:
    """One input kind.

    :param name: the kind as records and the archive name it (``"pdf"``).
    :param sniff: ``sniff(data) -> bool``: whether the bytes are of this kind; cheap, and
        given the whole file.
    :param read: ``"module:function"`` of the reader, imported on first use so that
        detection stays cheap; called as ``read(data, ocr=…, converted_docx=…)``.
    """

    name: str
    sniff: Callable[[bytes], bool]
    read: str

    def reader(self) -> Callable[..., Layout]:
        module, _, function = self.read.partition(":")
        return getattr(importlib.import_module(module), function)


# --- the readers of the built-in kinds (thin adapters over the reader modules) ----------

def read_html(data: bytes, *, ocr: bool = True, converted_docx: bytes | None = None) -> Layout:
    from extract.html import read_html as read

    return read(data)


def read_pdf(data: bytes, *, ocr: bool = True, converted_docx: bytes | None = None) -> Layout:
    """A PDF's text layer; pages without one (or with an undecodable one) go through OCR."""
    from extract.api import _ocr_pages
    from extract.pdf import read_pdf as read

    layout = read(data)
    if layout.pages_needing_ocr and ocr:
        missing = _missing_ocr_engine()
        if missing is None:
            layout = _ocr_pages(data, layout)
        elif not layout.lines:
            raise UnsupportedInput(f"no text layer on any of the {len(layout.pages_needing_ocr)} pages (a scan): "
                                   f"it needs OCR, but {missing}")
        else:
            layout.warnings.append(warn("ocr_unavailable", f"pages {', '.join(map(str, layout.pages_needing_ocr))} "
                                        f"need OCR, but {missing}"))
    return layout


def _missing_ocr_engine() -> str | None:
    """Why OCR cannot run here (the default engine is not installed), or ``None``."""
    try:
        from extract import ocr_engines
    except Exception as exc:  # noqa: BLE001 - OCR's Python dependencies missing
        return f"the OCR modules cannot be imported ({type(exc).__name__}: {exc}); run ./setup.sh"
    engine = getattr(ocr_engines, "DEFAULT_ENGINE", "tesseract")
    if engine in ocr_engines.available_engines():
        return None
    if engine == "tesseract":
        return ("Tesseract is not installed (Debian packages tesseract-ocr and tesseract-ocr-chi-sim; "
                "./setup.sh installs them)")
    return f"the OCR engine {engine!r} is not installed (./setup.sh installs it)"


def read_docx(data: bytes, *, ocr: bool = True, converted_docx: bytes | None = None) -> Layout:
    from extract.docx import read_docx as read

    return read(data, ocr=ocr)


def _read_office(kind: str) -> Callable[..., Layout]:
    def read(data: bytes, *, ocr: bool = True, converted_docx: bytes | None = None) -> Layout:
        """DOC or WPS: its DOCX conversion (made by LibreOffice, possibly in a batch beforehand)."""
        if converted_docx is not None:
            from extract.docx import read_docx as read_converted

            return read_converted(converted_docx, ocr=ocr)
        from extract.doc import read_doc

        return read_doc(data, kind, ocr=ocr)
    return read


read_doc = _read_office("doc")
read_wps = _read_office("wps")


def read_text(data: bytes, *, ocr: bool = True, converted_docx: bytes | None = None) -> Layout:
    from extract.text import read_text as read

    return read(data)


def read_image(data: bytes, *, ocr: bool = True, converted_docx: bytes | None = None) -> Layout:
    """A picture of a report: OCR is the whole document.

    :raises UnsupportedInput: OCR is off or not installed.
    """
    if not ocr:
        raise UnsupportedInput("an image file: needs OCR, which is disabled")
    missing = _missing_ocr_engine()
    if missing is not None:
        raise UnsupportedInput(f"an image file: needs OCR, but {missing}")
    from extract.ocr import ocr_image

    return ocr_image(data)


#: the input kinds in the order they are tried (the first whose sniff matches wins)
READERS: list[InputKind] = [
    InputKind("pdf", detect.is_pdf, "extract.readers:read_pdf"),
    InputKind("docx", detect.is_docx, "extract.readers:read_docx"),
    InputKind("doc", detect.is_doc, "extract.readers:read_doc"),
    InputKind("wps", detect.is_wps, "extract.readers:read_wps"),
    InputKind("image", detect.is_image, "extract.readers:read_image"),
    InputKind("html", detect.is_html, "extract.readers:read_html"),
    InputKind("text", detect.is_text, "extract.readers:read_text"),
]


def register(kind: InputKind, before: str | None = None) -> None:
    """Add an input kind (or replace the one of the same name).

    :param kind: the new kind.
    :param before: the name of the kind it must be tried before (default: before ``html``
        and ``text``, which take almost anything).
    """
    READERS[:] = [k for k in READERS if k.name != kind.name]
    names = [k.name for k in READERS]
    at = names.index(before) if before in names else names.index("html")
    READERS.insert(at, kind)


def detect_kind(data: bytes) -> str:
    """The input kind of a file's bytes, or ``"unknown"``.

    :param data: the whole file.
    """
    if not data:
        return "unknown"
    for kind in READERS:
        if kind.sniff(data):
            return kind.name
    return "unknown"


def read_layout(data: bytes, kind: str, *, ocr: bool = True, converted_docx: bytes | None = None) -> Layout:
    """Read bytes of a known kind with its registered reader.

    :param data: the file's bytes.
    :param kind: from :func:`detect_kind`.
    :param ocr: send pages without a text layer (and images) through OCR.
    :param converted_docx: for DOC/WPS, the file already converted to DOCX (batched).
    :raises UnsupportedInput: no reader for ``kind``.
    :raises Exception: the reader's own errors for damaged input.
    """
    for entry in READERS:
        if entry.name == kind:
            return entry.reader()(data, ocr=ocr, converted_docx=converted_docx)
    raise UnsupportedInput("unrecognised file type (not HTML, PDF, DOCX, DOC/WPS, text or an image)")
