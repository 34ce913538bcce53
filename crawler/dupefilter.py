"""A duplicate filter that lives for one process, even when JOBDIR is set.

With JOBDIR, Scrapy's filter remembers every request ever scheduled, including those
in flight when a crawler is killed; a resumed crawl would then never fetch those. Ours
forgets: the resumed crawl walks the column again from its start page (the queue on disk
keeps the pending requests), and pages already stored cost a 304 each.
"""
from __future__ import annotations

from scrapy.dupefilters import RFPDupeFilter


class RunDupeFilter(RFPDupeFilter):
    """Scrapy's fingerprint filter, in memory only."""

    @classmethod
    def from_crawler(cls, crawler):
        return cls(path=None, debug=crawler.settings.getbool("DUPEFILTER_DEBUG"),
                   fingerprinter=crawler.request_fingerprinter)
