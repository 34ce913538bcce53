"""Decode pages right: a GBK page without a charset header or meta tag is not Latin-1."""
from __future__ import annotations

import re

from scrapy.http import HtmlResponse, TextResponse

_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*['\"]?([\w-]+)", re.I)
_HEADER_CHARSET = re.compile(rb"charset\s*=\s*['\"]?([\w-]+)", re.I)


def declared_encoding(response) -> str | None:
    """The charset the header or a meta tag declares, or None."""
    match = _HEADER_CHARSET.search(response.headers.get(b"Content-Type", b"") or b"")
    if not match:
        match = _META_CHARSET.search(response.body[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def sniff_encoding(body: bytes) -> str:
    """``utf-8`` when the bytes decode as UTF-8, else ``gb18030`` (a superset of GBK and GB2312)."""
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"


def as_text_response(response) -> TextResponse:
    """``response`` as an HtmlResponse with the right encoding (gb2312/gbk widened to gb18030)."""
    encoding = declared_encoding(response) or sniff_encoding(response.body)
    if encoding in ("gb2312", "gbk", "x-gbk", "gb_2312-80"):
        encoding = "gb18030"
    if isinstance(response, TextResponse) and response.encoding == encoding:
        return response
    return HtmlResponse(url=response.url, status=response.status, headers=response.headers,
                        body=response.body, encoding=encoding, request=response.request)
