"""Anti-bot pages (HTTP 412, JavaScript cookie challenges) are recorded as failures, never bypassed."""
from __future__ import annotations

import re

from scrapy.exceptions import IgnoreRequest

#: statuses WAFs use for challenges (412: 瑞数/Ruishu; 521: 加速乐/Jiasule)
CHALLENGE_STATUSES = {412, 521}
_MARKERS = re.compile(
    rb"__jsl_clearance|acw_sc__v2|_waf_|waf_|seccaptcha|challenge-platform|cf-chl|"
    rb"\xe8\xaf\xb7\xe5\xbc\x80\xe5\x90\xafJavaScript|"  # 请开启JavaScript
    rb"\xe5\xae\x89\xe5\x85\xa8\xe9\xaa\x8c\xe8\xaf\x81",  # 安全验证
    re.I,
)
_COOKIE_RELOAD = re.compile(rb"document\.cookie\s*=.*?(?:location|reload)", re.S | re.I)

#: challenge pages are small and have few tags; a real page that mentions the words is not one
MAX_CHALLENGE_BYTES = 30_000
MAX_CHALLENGE_TAGS = 80


class AntiBotChallenge(IgnoreRequest):
    """The server answered with an anti-bot challenge instead of the page."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def challenge_reason(status: int, body: bytes) -> str | None:
    """Why a response is an anti-bot challenge, or None when it is not one.

    :param status: HTTP status
    :param body: response body
    """
    if status in CHALLENGE_STATUSES:
        return f"anti-bot challenge: HTTP {status}"
    if (len(body) <= MAX_CHALLENGE_BYTES and body.count(b"<") <= MAX_CHALLENGE_TAGS
            and b"<script" in body.lower()):
        if _MARKERS.search(body) or _COOKIE_RELOAD.search(body):
            return f"anti-bot challenge: JavaScript challenge page (HTTP {status})"
    return None


class AntiBotMiddleware:
    """Turn challenge responses into :class:`AntiBotChallenge` (the spider records them)."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_response(self, request, response, spider=None):
        content_type = response.headers.get(b"Content-Type", b"").lower()
        if response.status in CHALLENGE_STATUSES or b"html" in content_type or not content_type:
            reason = challenge_reason(response.status, response.body)
            if reason:
                self.stats.inc_value("ogi/antibot")
                raise AntiBotChallenge(reason, response.status)
        return response
