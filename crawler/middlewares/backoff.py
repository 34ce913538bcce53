"""Retries with exponential backoff: Scrapy's retry middleware, waiting ``base * 2**n`` seconds."""
from __future__ import annotations

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater


class BackoffRetryMiddleware(RetryMiddleware):
    """Retry timeouts and 5xx like Scrapy does, but wait longer before each new attempt.

    Reads ``OGI_RETRY_BACKOFF_BASE`` (seconds; 0 turns the wait off).
    """

    def __init__(self, settings):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("OGI_RETRY_BACKOFF_BASE", 2.0)

    def _retry(self, request, reason):
        new_request = super()._retry(request, reason)
        if new_request is not None and self.backoff_base > 0:
            attempt = new_request.meta.get("retry_times", 1)
            new_request.meta["ogi_retry_wait"] = self.backoff_base * 2 ** (attempt - 1)
        return new_request

    async def process_request(self, request, spider=None):
        wait = request.meta.pop("ogi_retry_wait", 0)
        if wait:
            from twisted.internet import reactor  # the installed one, imported late

            await maybe_deferred_to_future(deferLater(reactor, wait, lambda: None))
        return None
