"""The one item the crawler yields: a report file it found (a report page or an attachment)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ReportFile:
    """A fetched report page or attachment, with what the list and the page said about it.

    ``not_modified`` is True when the server answered 304 to a conditional request:
    ``content`` is then empty and the store already holds the file.
    """

    url: str
    portal: str
    role: str  # "page" or "attachment"
    content: bytes = b""
    content_type: str | None = None
    status: int = 200
    not_modified: bool = False
    page_url: str | None = None
    list_url: str | None = None
    title: str | None = None
    body: str | None = None
    year: int | None = None
    published: str | None = None
    fetched_at: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    warc_file: str | None = None
    warc_record_id: str | None = None
    extra: dict = field(default_factory=dict)
