"""Resource limits for extraction: size caps, zip-bomb checks, and the caps the runner applies.

Every extraction path runs documents on :class:`extract.runner.Runner`'s worker
processes with an address-space limit (:data:`MEMORY_LIMIT_BYTES`, 1 GB) and a
wall-clock timeout (:data:`FILE_TIMEOUT`). A crash, hang or memory blow-up in one file
becomes that file's ``error``; the other files go on.

The values here are defaults. The configuration (:mod:`ogi.config`, section
``[extract]``: ``max_file_mb``, ``memory_limit_mb``, ``timeout``, ``office_timeout``;
``OGI_EXTRACT_*`` environment variables) is read once per command and applied with
:func:`configure`; code reads them as ``limits.NAME`` at call time.
"""
from __future__ import annotations

import zipfile

#: largest input file accepted (real reports are well under 20 MB)
MAX_FILE_BYTES = 64 * 1024 * 1024
#: largest total uncompressed size of a DOCX/zip
MAX_UNZIPPED_BYTES = 256 * 1024 * 1024
#: largest compression ratio of one zip member bigger than 1 MB uncompressed
MAX_ZIP_RATIO = 200
MAX_ZIP_MEMBERS = 5000
#: largest uncompressed member of a DOCX/zip (a real document.xml is a few MB)
MAX_MEMBER_BYTES = 64 * 1024 * 1024
#: most pages read from one PDF (real reports have 5 to 60; a 4,000-page file is no report)
MAX_PAGES = 1000
#: address-space limit of each extraction child process
MEMORY_LIMIT_BYTES = 1024 * 1024 * 1024
#: seconds one file may take, LibreOffice and OCR included
FILE_TIMEOUT = 180.0
#: seconds one LibreOffice conversion may take (``[extract] office_timeout``)
OFFICE_TIMEOUT = 60.0


def configure(*, max_file_mb: float | None = None, memory_limit_mb: float | None = None,
              timeout: float | None = None, office_timeout: float | None = None) -> None:
    """Set the limits for this process (and the worker processes it starts afterwards).

    :param max_file_mb: largest input file, MB.
    :param memory_limit_mb: address space one document may add to a worker, MB.
    :param timeout: wall-clock seconds per document.
    :param office_timeout: seconds one LibreOffice conversion may take.
    """
    global MAX_FILE_BYTES, MEMORY_LIMIT_BYTES, FILE_TIMEOUT, OFFICE_TIMEOUT
    if max_file_mb is not None:
        MAX_FILE_BYTES = int(max_file_mb * 1024 * 1024)
    if memory_limit_mb is not None:
        MEMORY_LIMIT_BYTES = int(memory_limit_mb * 1024 * 1024)
    if timeout is not None:
        FILE_TIMEOUT = float(timeout)
    if office_timeout is not None:
        OFFICE_TIMEOUT = float(office_timeout)


class LimitExceeded(Exception):
    """An input is larger or more expensive than the extractor accepts."""


def check_pages(pages: int) -> None:
    """:raises LimitExceeded: ``pages`` is over :data:`MAX_PAGES`."""
    if pages > MAX_PAGES:
        raise LimitExceeded(f"too large: the PDF has {pages} pages; the limit is {MAX_PAGES}")


def check_size(size: int) -> None:
    """:raises LimitExceeded: ``size`` is over :data:`MAX_FILE_BYTES`."""
    if size > MAX_FILE_BYTES:
        raise LimitExceeded(f"file is {size / 1048576:.1f} MB; the limit is {MAX_FILE_BYTES / 1048576:.0f} MB")


def check_zip(archive: zipfile.ZipFile) -> None:
    """Refuse zip bombs by the sizes the archive declares (before inflating anything).

    :raises LimitExceeded: too many members, a member over :data:`MAX_MEMBER_BYTES`, too
        large in total, or a member compressed more than :data:`MAX_ZIP_RATIO` times.
    """
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_MEMBERS:
        raise LimitExceeded(f"zip has {len(infos)} members (limit {MAX_ZIP_MEMBERS}): likely a zip bomb")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
            raise LimitExceeded(
                f"zip member {info.filename!r} inflates {info.file_size / max(info.compress_size, 1):.0f}-fold "
                f"to {info.file_size / 1048576:.0f} MB: likely a zip bomb")
        if info.file_size > MAX_MEMBER_BYTES:
            raise LimitExceeded(f"too large: zip member {info.filename!r} inflates to "
                                f"{info.file_size / 1048576:.0f} MB; the limit is {MAX_MEMBER_BYTES / 1048576:.0f} MB")
    if total > MAX_UNZIPPED_BYTES:
        raise LimitExceeded(f"zip inflates to {total / 1048576:.0f} MB (limit "
                            f"{MAX_UNZIPPED_BYTES / 1048576:.0f} MB): likely a zip bomb")
