"""Extraction: annual-report files (bytes) → canonical figures, sections and findings.

Pure: no network, no database. See :mod:`extract.api` for the entry points.
"""
EXTRACTOR_VERSION = "0.4.0"
