"""Input kind from the bytes alone (never the file name or the server's content type).

Kinds: ``html``, ``pdf``, ``docx``, ``doc``, ``wps``, ``text``, ``image``, ``unknown``.

OLE2 compound files (``D0 CF 11 E0``) are told apart by their stream names: a
``WordDocument`` stream is a Word 97-2003 ``doc``; Kingsoft WPS marks its files with
``Kso``/``WpsCustomData`` names or a ``KSOProductBuildVer`` property, and Microsoft
Works ``.wps`` files carry a ``CONTENTS`` stream (both → ``wps``). Other OLE2 files
(spreadsheets, MSI) are ``unknown``. RTF is reported as ``doc``: LibreOffice reads it on
the same path. Both ``doc`` and ``wps`` are converted by LibreOffice, so a wrong guess
between the two costs nothing.
"""
from __future__ import annotations

import re
import struct

KINDS = ("html", "pdf", "docx", "doc", "wps", "text", "image", "unknown")

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_MARKERS = re.compile(rb"<\s*(!doctype\s+html|html|head|body|meta|title|table|div|p|br|span|script)[\s>/]",
                           re.IGNORECASE)
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*",
                b"BM", b"RIFF")


def detect_kind(data: bytes) -> str:
    """The input kind of a file's bytes (the registry's detection, :func:`extract.readers.detect_kind`).

    :param data: the whole file, or at least its first 64 KB (``docx``/``doc`` need the
        whole file to be told apart from other zip and OLE2 files).
    """
    from extract.readers import detect_kind as detect

    return detect(data)


# --- one sniffer per built-in kind (used by extract.readers.READERS, in its order) ------

def is_pdf(data: bytes) -> bool:
    """``%PDF-`` within the first kilobyte (some portals prepend a few bytes)."""
    return b"%PDF-" in data[:1024]


def is_docx(data: bytes) -> bool:
    """A zip holding ``word/document.xml`` (a truncated zip: its first local headers)."""
    return data.startswith(b"PK\x03\x04") and _zip_has_word_document(data)


def is_doc(data: bytes) -> bool:
    """A Word 97-2003 compound file, or RTF (LibreOffice reads both on the same path)."""
    if data.startswith(_OLE_MAGIC):
        return _ole_kind(data) == "doc"
    return data[:2048].lstrip().startswith(b"{\\rtf")


def is_wps(data: bytes) -> bool:
    """A Kingsoft WPS or Microsoft Works compound file."""
    return data.startswith(_OLE_MAGIC) and _ole_kind(data) == "wps"


def _binary_container(data: bytes) -> bool:
    """A zip or compound file of another kind: never taken for markup or text."""
    return data.startswith((b"PK\x03\x04", _OLE_MAGIC)) or b"%PDF-" in data[:1024]


def is_image(data: bytes) -> bool:
    """PNG, JPEG, GIF, TIFF, BMP or WebP, by their magic numbers."""
    head = data[:16]
    for magic in _IMAGE_MAGIC:
        if head.startswith(magic):
            if magic == b"RIFF":
                return data[8:12] == b"WEBP"
            if magic == b"BM":
                return len(data) >= 26 and data[6:10] == b"\x00\x00\x00\x00"
            return True
    return False


def _sample(data: bytes) -> bytes:
    sample = data[:65536]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        sample = sample.decode("utf-16", "ignore").encode("utf-8")
    return sample


def is_html(data: bytes) -> bool:
    """HTML markup (a tag of the usual page skeleton) in the first 8 KB."""
    return not _binary_container(data) and bool(_HTML_MARKERS.search(_sample(data)[:8192]))


def is_text(data: bytes) -> bool:
    """Text in UTF-8 or GB18030 (UTF-16 with a byte-order mark) with almost no control characters."""
    return not _binary_container(data) and _looks_like_text(_sample(data))


def _zip_has_word_document(data: bytes) -> bool:
    import io
    import zipfile

    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        # truncated zip: the local header of the first members is still readable
        return b"word/document.xml" in data[:200000]
    return "word/document.xml" in names


def _looks_like_text(sample: bytes) -> bool:
    if b"\x00" in sample:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError as exc:
            # a multi-byte character cut at the end of the sample is fine
            if exc.start < len(sample) - 4:
                continue
            text = sample[:exc.start].decode(encoding)
        controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
        return controls <= len(text) * 0.01
    return False


def ole_stream_names(data: bytes) -> list[str]:
    """Names of the directory entries of an OLE2 compound file (best effort, no decoding)."""
    if len(data) < 512 or not data.startswith(_OLE_MAGIC):
        return []
    sector_shift = struct.unpack_from("<H", data, 30)[0]
    sector_size = 1 << sector_shift if 7 <= sector_shift <= 16 else 512
    first_dir = struct.unpack_from("<I", data, 48)[0]
    num_fat = struct.unpack_from("<I", data, 44)[0]
    # FAT sector list: the first 109 entries sit in the header
    fat_sectors = [s for s in struct.unpack_from("<109I", data, 76)[:min(num_fat, 109)]]

    def sector_offset(sid: int) -> int:
        return (sid + 1) * sector_size

    def fat_next(sid: int) -> int:
        per = sector_size // 4
        idx, pos = divmod(sid, per)
        if idx >= len(fat_sectors):
            return 0xFFFFFFFE
        off = sector_offset(fat_sectors[idx]) + pos * 4
        if off + 4 > len(data):
            return 0xFFFFFFFE
        return struct.unpack_from("<I", data, off)[0]

    names = []
    sid = first_dir
    seen = set()
    while sid < 0xFFFFFFFA and sid not in seen and len(seen) < 1000:
        seen.add(sid)
        base = sector_offset(sid)
        for off in range(base, min(base + sector_size, len(data) - 127), 128):
            length = struct.unpack_from("<H", data, off + 64)[0]
            if 2 <= length <= 64:
                names.append(data[off:off + length - 2].decode("utf-16-le", "ignore"))
        sid = fat_next(sid)
    return names


def _ole_kind(data: bytes) -> str:
    names = ole_stream_names(data)
    lowered = {n.lower() for n in names}
    kingsoft = any(n.startswith(("kso", "wps")) for n in lowered) or b"KSOProductBuildVer" in data \
        or "KSOProductBuildVer".encode("utf-16-le") in data
    if "worddocument" in lowered:
        return "wps" if kingsoft else "doc"
    if "contents" in lowered or kingsoft:
        return "wps"
    if not names and b"W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t" in data:
        return "doc"
    return "unknown"
