"""Per-run statistics in the store's ``runs`` table; removed reports; the "site changed" warning.

A run counts requests, bytes, new / changed / unchanged / failed files and the report
entries found on list pages. When a run finishes normally, the portal's URLs it did not
see are marked removed (kept, with the date). A portal that yields no report entries
where its previous run found some gets a warning and nothing is marked removed.
``OGI_MARK_REMOVED = False`` leaves removal to a coordinator (several processes sharing
one crawl each see only part of the portal; call ``RawStore.mark_removed`` once they end).
"""
from __future__ import annotations

import uuid
from datetime import datetime

from scrapy import signals

from crawler.middlewares.conditional import open_store
from store import utcnow

#: crawler stats copied into the run record, under these names
COUNTERS = {
    "requests": "downloader/request_count",
    "responses": "downloader/response_count",
    "bytes": "downloader/response_bytes",
    "new": "ogi/new",
    "changed": "ogi/changed",
    "unchanged": "ogi/unchanged",
    "not_modified": "ogi/not_modified",
    "failed": "ogi/failed",
    "reports_listed": "ogi/reports_listed",
    "list_pages": "ogi/list_pages",
    "pages_downloaded": "ogi/downloaded/page",
    "attachments_downloaded": "ogi/downloaded/attachment",
    "antibot": "ogi/antibot",
    "retries": "retry/count",
}


class RunStatsPipeline:
    """Opens and closes the run row; passes items through."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def process_item(self, item, spider=None):
        return item

    def spider_opened(self, spider):
        # spider.state survives a kill when JOBDIR is set, so a resumed run keeps its id.
        state = getattr(spider, "state", {})
        run_id = state.setdefault("ogi_run_id", self._run_id(spider))
        started = state.setdefault("ogi_run_started", utcnow())
        spider.ogi_run_id = run_id
        spider.ogi_run_started = started
        open_store(self.crawler).start_run(run_id, spider.portal_name, started)

    def _run_id(self, spider) -> str:
        given = self.crawler.settings.get("OGI_RUN_ID")
        if given:
            return given
        stamp = utcnow().replace(":", "").replace("+00:00", "Z")
        return f"{stamp}-{spider.portal_name}-{uuid.uuid4().hex[:6]}"

    def spider_closed(self, spider, reason):
        store = open_store(self.crawler)
        values = self.crawler.stats.get_stats()
        stats = {name: int(values.get(key, 0)) for name, key in COUNTERS.items()}
        stats.update(portal=spider.portal_name, finish_reason=reason, warnings=[], removed=[])
        began = values.get("start_time")
        if began is not None:
            stats["elapsed_seconds"] = round((datetime.now(began.tzinfo) - began).total_seconds(), 3)
        previous = store.previous_run(spider.portal_name, spider.ogi_run_id)
        before = (previous or {}).get("stats", {}).get("reports_listed", 0)
        if stats["reports_listed"] == 0 and before:
            stats["warnings"].append(
                f"portal {spider.portal_name} yielded no reports; its previous run found {before} "
                "- the site may have changed"
            )
        elif reason == "finished" and stats["reports_listed"] and self.crawler.settings.getbool("OGI_MARK_REMOVED", True):
            stats["removed"] = store.mark_removed(spider.portal_name, spider.ogi_run_started, utcnow())
        store.finish_run(spider.ogi_run_id, stats)
        spider.ogi_run_stats = stats
