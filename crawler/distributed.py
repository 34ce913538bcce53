"""Distributed crawling on scrapy-redis: a settings overlay, nothing else changes.

With ``OGI_REDIS_URL`` set, every crawler process (on one machine or many) uses the
scrapy-redis scheduler and duplicate filter on that Redis: they share one request
queue and one set of request fingerprints, so each URL is fetched by one process
only. Spiders and portal profiles are the same in both modes.

Keys are namespaced by ``OGI_CRAWL_JOB`` (default ``ogi``) and by portal, because one
spider (``reports``) crawls every portal with a different profile:
``<job>:<spider>:<portal>:requests`` and ``<job>:<spider>:<portal>:dupefilter``. The
processes crawling one portal share its queue; a process never gets another portal's
requests. The queue persists when a process closes
(``SCHEDULER_PERSIST``) because the others may still be working; the coordinator
clears a finished job's keys with :func:`clear_job`.

Start requests are sent with ``dont_filter`` and so are fetched by every process;
the report pages and attachments they lead to are fetched once.
"""
from __future__ import annotations

import os
from typing import Mapping

from scrapy_redis.connection import get_redis_from_settings
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler

#: environment variable naming the shared Redis
REDIS_URL_ENV = "OGI_REDIS_URL"
#: environment variable naming the crawl job (the Redis key namespace)
JOB_ENV = "OGI_CRAWL_JOB"
#: the job name used unless one is given
DEFAULT_JOB = "ogi"


def redis_settings(redis_url: str, job: str = DEFAULT_JOB) -> dict:
    """The Scrapy settings that switch a crawl onto the shared Redis scheduler.

    :param redis_url: ``redis://host:port/db``.
    :param job: the key namespace shared by the processes of one crawl.
    """
    return {
        "SCHEDULER": "crawler.distributed.PortalScheduler",
        "DUPEFILTER_CLASS": "crawler.distributed.PortalDupeFilter",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_QUEUE_KEY": f"{job}:%(spider)s:%(portal)s:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{job}:%(spider)s:%(portal)s:dupefilter",
        "REDIS_URL": redis_url,
        "OGI_REDIS_URL": redis_url,
    }


def portal_of(spider) -> str:
    """The portal a spider crawls (``portal_name``), or its name for other spiders.

    :param spider: a Scrapy spider.
    """
    return str(getattr(spider, "portal_name", None) or spider.name)


class PortalScheduler(Scheduler):
    """scrapy-redis's scheduler with one queue per portal (``%(portal)s`` in the key)."""

    def open(self, spider):
        self.queue_key = self.queue_key.replace("%(portal)s", portal_of(spider))
        return super().open(spider)


class PortalDupeFilter(RFPDupeFilter):
    """scrapy-redis's duplicate filter with one fingerprint set per portal."""

    @classmethod
    def from_spider(cls, spider):
        template = spider.settings.get("SCHEDULER_DUPEFILTER_KEY")
        key = template % {"spider": spider.name, "portal": portal_of(spider)}
        return cls(get_redis_from_settings(spider.settings), key=key,
                   debug=spider.settings.getbool("DUPEFILTER_DEBUG"))


def overlay(settings, environ: Mapping[str, str] | None = None) -> bool:
    """Apply :func:`redis_settings` to a Scrapy ``Settings`` when ``OGI_REDIS_URL`` is set.

    :param settings: a ``scrapy.settings.Settings`` (or a plain dict of settings).
    :param environ: environment variables (default ``os.environ``).
    :return: whether the distributed mode is on.
    """
    environ = os.environ if environ is None else environ
    url = environ.get(REDIS_URL_ENV, "").strip()
    if not url:
        return False
    job = environ.get(JOB_ENV, "").strip() or DEFAULT_JOB
    values = redis_settings(url, job)
    if hasattr(settings, "setdict"):
        settings.setdict(values, priority="cmdline")
    else:
        settings.update(values)
    return True


def clear_job(redis_url: str, job: str = DEFAULT_JOB) -> int:
    """Delete the queue and duplicate filter of a finished crawl job; return keys deleted.

    :param redis_url: the Redis URL.
    :param job: the job's key namespace.
    """
    import redis

    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(match=f"{job}:*"))
    return client.delete(*keys) if keys else 0
