"""`ogi archive`: builds from a store, re-runs change nothing, errors are clear."""
from __future__ import annotations


import sqlite_utils
from click.testing import CliRunner

from store import RawStore
from ogi.cli import cli


def _store(root):
    """A store holding one real rendered HTML report and one unreadable file."""
    from demo.render import make_spec, render

    store = RawStore(root)
    spec = make_spec(3, agency="昆明市五华区自然资源局", year=2023)
    for url, data, ext in (("http://127.0.0.1/a.html", render(spec, "html-utf8"), ".html"),
                           ("http://127.0.0.1/b.pdf", b"%PDF-1.7 not really", ".pdf")):
        store.record_fetch(url=url, data=data, ext=ext, fetched_at="2024-01-20T00:00:00+00:00", portal="demo",
                           role="page")
    return spec


def test_archive_builds_and_reruns(tmp_path):
    spec = _store(tmp_path / "store")
    db_path = tmp_path / "archive.db"
    runner = CliRunner()
    result = runner.invoke(cli, ["archive", "--store", str(tmp_path / "store"), "--db", str(db_path),
                                 "--metadata", str(tmp_path / "metadata.yml")])
    assert result.exit_code == 0, result.output
    assert "1 reports" in result.output and "not extracted: http://127.0.0.1/b.pdf" in result.output
    db = sqlite_utils.Database(db_path)
    figures = dict(db.execute("SELECT key, value FROM figures").fetchall())
    assert figures == spec.figures
    assert (tmp_path / "metadata.yml").read_text(encoding="utf-8").count("archive:") >= 1
    again = runner.invoke(cli, ["archive", "--store", str(tmp_path / "store"), "--db", str(db_path)])
    assert again.exit_code == 0 and "0 extracted, 2 records reused" in again.output
    assert "2 unchanged" in again.output


def test_archive_without_a_store_fails_clearly(tmp_path):
    result = CliRunner().invoke(cli, ["archive", "--store", str(tmp_path / "missing"), "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 1
    assert "not a raw store" in result.output
    assert not (tmp_path / "missing").exists()


def test_help_ends_with_an_example():
    for command in ("archive", "serve"):
        result = CliRunner().invoke(cli, [command, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output and f"ogi {command}" in result.output


def test_extract_store_writes_the_records_archive_files(tmp_path):
    spec = _store(tmp_path / "store")
    runner = CliRunner()
    result = runner.invoke(cli, ["extract", "--store", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output
    assert "extract: 2 documents extracted, 0 already had a record" in result.output
    again = runner.invoke(cli, ["extract", "--store", str(tmp_path / "store")])
    assert "extract: 0 documents extracted, 2 already had a record" in again.output
    archived = runner.invoke(cli, ["archive", "--store", str(tmp_path / "store"), "--db", str(tmp_path / "a.db")])
    assert "0 extracted, 2 records reused" in archived.output
    figures = dict(sqlite_utils.Database(tmp_path / "a.db").execute("SELECT key, value FROM figures").fetchall())
    assert figures == spec.figures
    assert runner.invoke(cli, ["extract"]).exit_code == 2
