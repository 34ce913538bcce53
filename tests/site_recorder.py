"""A test pipeline: every item's URL, portal and site identity as JSON lines in ``OGI_TEST_ITEMS_FILE``."""
from __future__ import annotations

import json

from itemadapter import ItemAdapter


class SiteRecorder:
    def __init__(self, path: str):
        self.path = path

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.get("OGI_TEST_ITEMS_FILE"))

    def process_item(self, item, spider=None):
        adapter = ItemAdapter(item)
        row = {key: adapter.get(key) for key in ("url", "portal", "role", "site_code", "site_name", "column_name")}
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        return item
