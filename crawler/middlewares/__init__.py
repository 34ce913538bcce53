"""Downloader middlewares: one per module (offsite, conditional requests, anti-bot, backoff)."""
