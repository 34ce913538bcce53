"""The project's stores, in the order data flows through them.

* :mod:`store.raw` — the raw store the crawler writes: every fetched file by sha256,
  with its provenance (:class:`RawStore`).
* :mod:`store.records` — extraction records, one per distinct file, extractor version
  and output-changing settings (:class:`RecordStore`). The archive files records; it
  never runs an extractor.
"""
from store.raw import DamagedObject, RawStore, StoredFile, read_verified, utcnow
from store.records import RecordStore

__all__ = ["DamagedObject", "RawStore", "RecordStore", "StoredFile", "read_verified", "utcnow"]
