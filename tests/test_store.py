"""The store API: verified reads, versions, site identity per fetch, records by settings."""
from __future__ import annotations

import hashlib

import pytest

from store import DamagedObject, RawStore, RecordStore

T = "2025-02-01T00:00:00+00:00"


def _fetch(store, url, data, at=T, **extra):
    return store.record_fetch(url=url, data=data, ext=".html", fetched_at=at, portal="p", role="page", **extra)


def test_a_damaged_object_is_never_read_reused_or_kept(tmp_path):
    store = RawStore(tmp_path)
    data = b"<html>report 2024</html>" * 20
    _fetch(store, "http://127.0.0.1/r.html", data)
    sha = hashlib.sha256(data).hexdigest()
    path = store.path_of(sha)
    assert store.read(sha) == data and store.current("http://127.0.0.1/r.html")["object_present"]
    path.write_bytes(data[:100])  # truncated on disk
    with pytest.raises(DamagedObject, match="is damaged: its 100 bytes hash to"):
        store.read(sha)
    with pytest.raises(DamagedObject):
        next(store.files()).read_bytes()
    # a 304 would confirm the damaged copy: the crawler is told to fetch it in full
    assert store.current("http://127.0.0.1/r.html")["object_present"] is False
    assert store.current_bytes("http://127.0.0.1/r.html") is None
    # fetched again: the good bytes replace the damaged copy under the same name
    assert _fetch(store, "http://127.0.0.1/r.html", data, "2025-02-02T00:00:00+00:00") == "unchanged"
    assert store.read(sha) == data
    path.unlink()
    with pytest.raises(DamagedObject, match="missing"):
        store.read(sha)


def test_versions_fetches_since_and_documents(tmp_path):
    store = RawStore(tmp_path)
    _fetch(store, "http://127.0.0.1/a.html", b"one")
    mark = store.last_fetch_id()
    _fetch(store, "http://127.0.0.1/a.html", b"two", "2025-03-01T00:00:00+00:00")
    _fetch(store, "http://127.0.0.1/b.html", b"two", "2025-03-02T00:00:00+00:00")  # same bytes elsewhere
    assert [v.read_bytes() for v in store.versions("http://127.0.0.1/a.html")] == [b"one", b"two"]
    assert [f.url for f in store.fetches_since(mark)] == ["http://127.0.0.1/a.html", "http://127.0.0.1/b.html"]
    documents = list(store.documents())
    assert [(d[0], d[2]) for d in documents] == [(hashlib.sha256(b"one").hexdigest(), "http://127.0.0.1/a.html"),
                                                 (hashlib.sha256(b"two").hexdigest(), "http://127.0.0.1/a.html")]
    assert store.first_fetch_id(hashlib.sha256(b"two").hexdigest()) == mark + 1
    assert store.portals() == {"p"}


def test_site_identity_is_kept_per_fetch(tmp_path):
    store = RawStore(tmp_path)
    _fetch(store, "http://127.0.0.1/r.html", b"x", site_code="1304000001", site_name="邯郸市人民政府",
           column_name="政府信息公开年报")
    (stored,) = store.files()
    assert (stored.site_code, stored.site_name, stored.column_name) == ("1304000001", "邯郸市人民政府",
                                                                       "政府信息公开年报")


def test_records_are_kept_per_version_and_settings_and_a_damaged_file_is_set_aside(tmp_path):
    with_ocr = RecordStore.beside(tmp_path, "1.0", "ocr=tesseract")
    with_ocr.put({"sha256": "a" * 64, "figures": {"t3.new.total": 3}, "error": None})
    without = RecordStore.beside(tmp_path, "1.0", "ocr=off")
    assert without.get("a" * 64) is None and with_ocr.get("a" * 64)["figures"] == {"t3.new.total": 3}
    assert RecordStore.beside(tmp_path, "1.1", "ocr=tesseract").known() == set()
    with pytest.raises(ValueError):
        with_ocr.put({"figures": {}})
    with_ocr.close()
    without.close()
    (tmp_path / "records.db").write_bytes(b"this is not a database" * 100)
    for extra in ("-wal", "-shm"):
        (tmp_path / f"records.db{extra}").unlink(missing_ok=True)
    again = RecordStore.beside(tmp_path, "1.0", "ocr=tesseract")
    assert again.set_aside is not None and again.set_aside.exists() and len(again) == 0
