"""Never leave a portal: drop requests outside its allowed domains (``host`` or ``host:port``).

Scrapy's own offsite filter ignores ports, so two portals on one host (the demo, or
portals sharing a provincial host) could leak into each other; entries with a port
here match that exact origin.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest


class OffsiteRequest(IgnoreRequest):
    """A request to a host outside the portal's allowed domains."""


def is_allowed(url: str, allowed: list[str]) -> bool:
    """True when ``url``'s host (and port, where an entry gives one) is allowed.

    :param url: the URL to check
    :param allowed: domains such as ``gov.cn`` (subdomains included) or ``127.0.0.1:8123``
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    port = parts.port or (443 if parts.scheme == "https" else 80)
    for entry in allowed:
        entry = entry.lower().strip()
        if ":" in entry:
            entry_host, _, entry_port = entry.rpartition(":")
            if host == entry_host and str(port) == entry_port:
                return True
        elif host == entry or host.endswith("." + entry):
            return True
    return False


class PortalOffsiteMiddleware:
    """Raise :class:`OffsiteRequest` for requests outside ``spider.allowed_domains``."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        allowed = getattr(spider or self.crawler.spider, "allowed_domains", None)
        if not allowed or request.url.endswith("/robots.txt"):
            return None
        if not is_allowed(request.url, allowed):
            raise OffsiteRequest(f"off-site link not followed (allowed: {', '.join(allowed)})")
        return None
