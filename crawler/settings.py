"""Scrapy settings for the ogi crawler. Polite by default; our own settings start with ``OGI_``.

``scrapy crawl reports -a portal=NAME -s OGI_STORE=DIR`` uses them as they are;
:func:`crawler.run.crawl` overrides a few (store, run id, politeness for tests and
benchmarks). Nothing here keeps state in memory that a shared scheduler (scrapy-redis)
would lose: request state travels in ``Request.meta``, crawl state lives in the store.
"""
BOT_NAME = "ogi"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# The defaults shared with every `ogi` command come from the one configuration module.
from ogi.config import DEFAULTS as _DEFAULTS, Config as _Config  # noqa: E402

USER_AGENT = _DEFAULTS["crawl"]["user_agent"]
ROBOTSTXT_OBEY = _DEFAULTS["crawl"]["obey_robots_txt"]

# Politeness: one request at a time per domain, a delay, AutoThrottle.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = _DEFAULTS["crawl"]["concurrent_requests_per_domain"]
DOWNLOAD_DELAY = _DEFAULTS["crawl"]["download_delay"]
AUTOTHROTTLE_ENABLED = _DEFAULTS["crawl"]["autothrottle"]
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 60

# Retries with exponential backoff (crawler.middlewares.backoff) on timeouts and 5xx.
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
OGI_RETRY_BACKOFF_BASE = 2.0

# Our settings.
# the configuration's default store (`ogi crawl` and the nightly always pass theirs)
OGI_STORE = str(_Config({k: dict(v) for k, v in _DEFAULTS.items()}).path("store"))
OGI_MAX_FILE_BYTES = int(_DEFAULTS["extract"]["max_file_mb"] * 1024 * 1024)
OGI_DISCOVERY_DEPTH = 2
OGI_RUN_ID = None
# mark reports no longer listed as removed when a run finishes (off when processes share a crawl)
OGI_MARK_REMOVED = True

# Every crawl ends (crawler.middlewares.limits, crawler.spiders.reports): limits per portal and
# run that a real column never reaches and a pagination trap reaches fast. Each limit reached
# is a failure row of the run; 0 turns a limit off.
OGI_MAX_REQUESTS = 5000                    # requests per portal and run
OGI_MAX_BYTES = 2 * 1024 ** 3              # bytes received per portal and run
OGI_MAX_SECONDS = 3600                     # seconds per portal
OGI_MAX_LIST_PAGES = 300                   # list pages per column
OGI_MAX_LIST_DEPTH = 8                     # list pages on the way from the start page whose URL changes shape
OGI_MAX_URL_GROWTH = 3                     # pager links that lengthen their own page's URL (index_1_1_1.html)
OGI_MAX_LIST_PAGE_BYTES = 5 * 1024 * 1024  # one list page (a larger one is not read)
OGI_MAX_URL_LENGTH = 2083                  # characters; a longer URL is never sent

DOWNLOAD_MAXSIZE = OGI_MAX_FILE_BYTES
DOWNLOAD_WARNSIZE = 0

# Scrapy 2.19 opens a remote-control server by default; we never want one.
REMOTE_CONTROL_ENABLED = False
TELNETCONSOLE_ENABLED = False

DUPEFILTER_CLASS = "crawler.dupefilter.RunDupeFilter"
COOKIES_ENABLED = False
HTTPCACHE_ENABLED = False
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"

# Only http and https are ever requested: no file:, data:, ftp: or s3: handler exists.
DOWNLOAD_HANDLERS = {"file": None, "data": None, "ftp": None, "s3": None}

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "crawler.middlewares.offsite.PortalOffsiteMiddleware": 50,
    "crawler.middlewares.limits.CrawlLimitsMiddleware": 60,
    "crawler.middlewares.conditional.ConditionalRequestMiddleware": 560,
    "crawler.middlewares.antibot.AntiBotMiddleware": 590,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.backoff.BackoffRetryMiddleware": 550,
}
ITEM_PIPELINES = {
    "crawler.pipelines.warc.WarcPipeline": 100,
    "crawler.pipelines.store.StorePipeline": 200,
    "crawler.pipelines.stats.RunStatsPipeline": 900,
}

# Distributed mode (scrapy-redis): with OGI_REDIS_URL set, processes share one queue.
import os as _os

if _os.environ.get("OGI_REDIS_URL", "").strip():
    from crawler.distributed import redis_settings as _redis_settings

    globals().update(_redis_settings(_os.environ["OGI_REDIS_URL"].strip(),
                                     _os.environ.get("OGI_CRAWL_JOB", "").strip() or "ogi"))
