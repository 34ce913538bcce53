"""UCAP (开普云) portals: articles wrapped in ``<UCAPCONTENT>`` / ``<UCAPTITLE>``, lists of dated links.

UCAP list pages are plain dated lists paged by 下一页 and numbered links (what
:class:`~crawler.cms.generic.GenericAdapter` reads); the family is told by the article
markers and the ``ucap`` names of its scripts and styles, and recorded in the site registry.
"""
from __future__ import annotations

import re

from crawler.cms.generic import GenericAdapter

_MARKERS = re.compile(r"<ucapcontent\b|<ucaptitle\b|id=[\"']UCAP-CONTENT|/ucap/|ucapcms|loadUcapContent", re.I)


class UcapAdapter(GenericAdapter):
    """UCAP list and article pages."""

    name = "ucap"

    @classmethod
    def detect(cls, response) -> bool:
        return bool(_MARKERS.search(response.text))
