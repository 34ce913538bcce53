"""The embedded demo: synthetic reports and a local portal server on 127.0.0.1."""
