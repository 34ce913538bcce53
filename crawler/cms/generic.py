"""Any other list: titled links with dates, paged by "下一页" links or numbered page links."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from crawler.cms.base import ListAdapter

_NEXT = re.compile(r"^\s*(?:下一?页|后一?页|next|>|»|››)\s*$", re.I)
_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")


class GenericAdapter(ListAdapter):
    """Fallback adapter for lists without a known CMS."""

    name = "generic"

    @classmethod
    def detect(cls, response) -> bool:
        return True

    def next_pages(self, response) -> list[str]:
        here = urlsplit(response.url)
        folder = here.path.rsplit("/", 1)[0]
        out: list[str] = []
        for anchor in response.css("a[href]"):
            href = anchor.attrib["href"].strip()
            if href.lower().startswith("javascript:") or href.startswith("#"):
                continue
            text = " ".join(anchor.css("::text").getall())
            target = urlsplit(response.urljoin(href))
            same_list = target.netloc == here.netloc and target.path.rsplit("/", 1)[0] == folder
            if _NEXT.match(text) or (same_list and _NUMBER.match(text)):
                url = response.urljoin(href)
                if url != response.url and url not in out:
                    out.append(url)
        return out
