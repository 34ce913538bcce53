"""Crawler: a Scrapy project that finds annual reports on portals and keeps every raw file."""
