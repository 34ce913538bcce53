"""Never leave a portal: drop every request outside its allowed origins, redirects included.

A request goes out only when its URL, *parsed*, has the scheme ``http`` or ``https``,
no user info, a well-formed host that is one of the portal's allowed domains (or a
subdomain of one), and, where the allowed entry names a port (``127.0.0.1:8123``),
that port. Scrapy's own offsite filter ignores ports, so two portals on one host (the
demo, or portals sharing a provincial host) could leak into each other.

robots.txt gets no exception: Scrapy asks for ``/robots.txt`` at the host of a request
that already passed this filter, so it is an allowed origin's exact ``/robots.txt``.
A URL that merely *ends* in ``/robots.txt`` (``http://other-host/x.pdf?x=/robots.txt``,
``file:///etc/passwd?filename=/robots.txt``) is judged like any other and dropped.

Redirects are new requests and pass through here again: a redirect to another host is
dropped, and the spider's errback records it as a failure of the first URL of the
redirect chain, naming the target.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest

#: the only schemes ever requested (no file:, ftp:, data:, s3:, …)
ALLOWED_SCHEMES = ("http", "https")
_DEFAULT_PORTS = {"http": 80, "https": 443}
#: a host name as DNS allows it (IDNA already applied), or an IPv4 address
_HOST = re.compile(r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$")


class OffsiteRequest(IgnoreRequest):
    """A request to an address outside the portal's allowed origins (or not http/https)."""


def url_problem(url: str) -> str | None:
    """Why ``url`` can never be requested, or None when it is a well-formed http(s) URL.

    Checks the scheme (http or https only), that the URL parses (IPv6 brackets, port
    0–65535), that it has a host and no user info, and that the host is a valid name or
    address. Does not check the portal's domains (see :func:`offsite_reason`).

    :param url: an absolute URL
    :return: a reason such as ``"scheme 'file' is never requested"``, or None
    """
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if not re.fullmatch(r"[a-z][a-z0-9+.-]*", scheme):
        return "not an absolute http(s) URL"
    if len(scheme) == 1:
        return f"a local file path ({scheme.upper()}:\\…), not a web link"
    if scheme not in ALLOWED_SCHEMES:
        return f"scheme {scheme!r} is never requested (http and https only)"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
        host = parts.hostname
    except ValueError as exc:
        return f"malformed URL: {exc}"
    if not host:
        return "no host in the URL"
    if "@" in parts.netloc:
        return "user info in the URL (user@host) is never sent"
    host = host.rstrip(".")
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return f"malformed host {host[:80]!r}"
    if parts.netloc.split("@")[-1].startswith("["):
        return None  # an IPv6 literal: urlsplit has validated it
    if not _HOST.match(host):
        return f"malformed host {host[:80]!r}"
    return None


def _idna(host: str) -> str:
    host = host.lower().strip()
    if "://" in host:  # an entry written as a URL: its host and port
        host = urlsplit(host).netloc
    host = host.split("/", 1)[0].rstrip(".")
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def _origin(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return _idna(parts.hostname or ""), parts.port or _DEFAULT_PORTS.get(parts.scheme.lower(), 80)


def offsite_reason(url: str, allowed: list[str]) -> str | None:
    """Why ``url`` must not be requested for a portal with these allowed domains, or None.

    :param url: the URL to check
    :param allowed: domains such as ``gov.cn`` (subdomains included, any port) or
        ``127.0.0.1:8123`` (that host and port only)
    :return: the reason (``"off-site address 127.0.0.2:80 ..."``, ``"scheme 'file' ..."``), or None
    """
    problem = url_problem(url)
    if problem:
        return problem
    host, port = _origin(url)
    for entry in allowed:
        entry = _idna(entry)
        if not entry:
            continue
        entry_host, sep, entry_port = entry.rpartition(":")
        if sep and entry_port.isdigit() and not entry_host.endswith("]") and "]" not in entry_port:
            if host == entry_host.strip("[]") and port == int(entry_port):
                return None
        elif host == entry.strip("[]") or host.endswith("." + entry):
            return None
    return f"off-site address {host}:{port} not requested (allowed: {', '.join(allowed)})"


def is_allowed(url: str, allowed: list[str]) -> bool:
    """True when ``url`` may be requested for a portal with these allowed domains.

    :param url: the URL to check
    :param allowed: domains such as ``gov.cn`` (subdomains included) or ``127.0.0.1:8123``
    """
    return offsite_reason(url, allowed) is None


class PortalOffsiteMiddleware:
    """Raise :class:`OffsiteRequest` for every request outside ``spider.allowed_domains``.

    Runs first among the downloader middlewares, so no other one (robots.txt, retries)
    ever acts on an off-site request. A spider without ``allowed_domains`` still gets
    the scheme and well-formedness checks.
    """

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        allowed = getattr(spider or self.crawler.spider, "allowed_domains", None)
        reason = offsite_reason(request.url, allowed) if allowed else url_problem(request.url)
        if reason is None:
            return None
        self.crawler.stats.inc_value("ogi/offsite")
        chain = request.meta.get("redirect_urls")
        if chain:
            reason = f"redirect to {request.url[:300]} not followed: {reason}"
        raise OffsiteRequest(reason)
