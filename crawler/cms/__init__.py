"""CMS adapters: one module per content-management system, all sharing :mod:`crawler.cms.base`."""
from __future__ import annotations

from crawler.cms.base import ListAdapter, ListEntry, PageRequest, with_form
from crawler.cms.epoint import EpointAdapter
from crawler.cms.generic import GenericAdapter
from crawler.cms.hanweb import HanwebAdapter
from crawler.cms.jsonapi import JsonApiAdapter
from crawler.cms.trs import TrsAdapter
from crawler.cms.ucap import UcapAdapter

__all__ = ["base", "trs", "hanweb", "generic", "jsonapi", "ucap", "epoint", "ListAdapter", "ListEntry",
           "PageRequest", "with_form", "adapter_for", "ADAPTERS"]

#: adapters by the ``cms`` name a profile gives, in detection order (the most specific
#: markers first; a UCAP page with a TRS pager script is paged as TRS)
ADAPTERS: dict[str, type[ListAdapter]] = {
    "jsonapi": JsonApiAdapter,
    "hanweb": HanwebAdapter,
    "epoint": EpointAdapter,
    "trs": TrsAdapter,
    "ucap": UcapAdapter,
    "generic": GenericAdapter,
}


class UnknownCms(ValueError):
    """A profile names a CMS kind no adapter handles."""


def adapter_for(kind: str | None, response=None, selectors: dict | None = None) -> ListAdapter:
    """The adapter for a CMS kind, or detected from ``response`` when ``kind`` is None/``auto``.

    :param kind: a key of :data:`ADAPTERS`, ``auto`` or None
    :param response: the list page, used for detection
    :param selectors: profile selectors passed to the adapter
    """
    if kind and kind != "auto":
        if kind not in ADAPTERS:
            raise UnknownCms(f"unknown CMS kind {kind!r}; known: {', '.join(ADAPTERS)}")
        return ADAPTERS[kind](selectors)
    for cls in ADAPTERS.values():
        if response is not None and cls.detect(response):
            return cls(selectors)
    return GenericAdapter(selectors)
