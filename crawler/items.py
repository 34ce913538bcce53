"""The one item the crawler yields: a report file it found (a report page or an attachment)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ReportFile:
    """A fetched report page or attachment, with what the list and the page said about it.

    ``not_modified`` is True when the server answered 304 to a conditional request:
    ``content`` is then empty and the store already holds the file.

    ``site_code``, ``site_name`` and ``column_name`` are what the report page (else its
    list page) says of itself: ``<meta name="SiteIDCode">`` (or the jiucuo script's
    ``sitecode``), ``SiteName`` and ``ColumnName`` (see
    :func:`crawler.recognition.read_site_identity`); None where the page does not say.
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
    site_code: str | None = None
    site_name: str | None = None
    column_name: str | None = None
    extra: dict = field(default_factory=dict)


#: the request meta key carrying a page's site identity to the items made from it
SITE_META = "ogi_site"


def site_fields(meta: dict) -> dict:
    """``site_code``, ``site_name``, ``column_name`` for a :class:`ReportFile` from request meta.

    :param meta: a request's meta; :data:`SITE_META` holds a
        :meth:`crawler.recognition.SiteIdentity.as_dict` (absent: all None)
    """
    site = meta.get(SITE_META) or {}
    return {"site_code": site.get("site_code"), "site_name": site.get("site_name"),
            "column_name": site.get("column_name")}


def page_site(text: str, inherited: dict | None = None) -> dict:
    """A page's site identity as a dict, each field falling back to ``inherited`` (the list page's).

    :param text: the page's HTML
    :param inherited: the identity of the page that linked it, or None
    """
    from crawler.recognition import read_site_identity

    own = read_site_identity(text).as_dict()
    return {key: own.get(key) or (inherited or {}).get(key) for key in own}
