"""Store each report file content-addressed by sha256 in the raw store, with its provenance."""
from __future__ import annotations

import mimetypes
import os
from urllib.parse import urlsplit

from itemadapter import ItemAdapter

from crawler.middlewares.conditional import open_store
from store import utcnow

#: file extensions kept as they are in the URL
KNOWN_EXTENSIONS = {".pdf", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".et", ".ofd", ".html", ".htm",
                    ".shtml", ".txt", ".rtf", ".zip", ".jpg", ".png"}
_TYPE_EXTENSIONS = {
    "text/html": ".html", "application/pdf": ".pdf", "application/msword": ".doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.ms-works": ".wps", "application/kswps": ".wps", "application/wps-office.wps": ".wps",
    "application/vnd.ms-excel": ".xls", "text/plain": ".txt",
}


def file_extension(url: str, content_type: str | None, content_disposition: str | None = None) -> str:
    """The extension to store a file under: from the download name, the URL, or the content type.

    :param url: the file's URL
    :param content_type: the Content-Type header, if any
    :param content_disposition: the Content-Disposition header, if any
    """
    if content_disposition and "filename" in content_disposition:
        name = content_disposition.split("filename", 1)[1].strip("*= \"'").split(";")[0].strip("\"'")
        ext = os.path.splitext(name)[1].lower()
        if ext in KNOWN_EXTENSIONS:
            return ext
    ext = os.path.splitext(urlsplit(url).path)[1].lower()
    if ext in KNOWN_EXTENSIONS:
        return ".html" if ext in (".htm", ".shtml") else ext
    mime = (content_type or "").split(";")[0].strip().lower()
    return _TYPE_EXTENSIONS.get(mime) or mimetypes.guess_extension(mime) or ".bin"


class StorePipeline:
    """Writes objects and ``fetches``/``urls`` rows; counts new, changed and unchanged files."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item, spider=None):
        adapter = ItemAdapter(item)
        store = open_store(self.crawler)
        stats = self.crawler.stats
        fetched_at = adapter.get("fetched_at") or utcnow()
        if adapter.get("not_modified"):
            store.mark_seen(adapter["url"], fetched_at)
            stats.inc_value("ogi/not_modified")
            stats.inc_value("ogi/unchanged")
            return item
        ext = file_extension(adapter["url"], adapter.get("content_type"),
                             adapter.get("extra", {}).get("content_disposition"))
        outcome = store.record_fetch(
            url=adapter["url"], data=adapter["content"], ext=ext, fetched_at=fetched_at,
            portal=adapter.get("portal"), role=adapter["role"], content_type=adapter.get("content_type"),
            etag=adapter.get("etag"), last_modified=adapter.get("last_modified"),
            page_url=adapter.get("page_url"), title=adapter.get("title"), body=adapter.get("body"),
            year=adapter.get("year"), published=adapter.get("published"),
            warc_file=adapter.get("warc_file"), warc_record_id=adapter.get("warc_record_id"),
            site_code=adapter.get("site_code"), site_name=adapter.get("site_name"),
            column_name=adapter.get("column_name"),
        )
        stats.inc_value(f"ogi/{outcome}")
        stats.inc_value(f"ogi/downloaded/{adapter['role']}")
        return item
