"""Serve the archive with Datasette: local, read-only, with the archive's metadata.

The database is opened immutable (``-i``), so nothing can be written through the
site and Datasette offers the whole file for download. Stored text, including any
HTML a page contained, is shown escaped, never rendered.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from archive.metadata import write_metadata

HOST = "127.0.0.1"


class ServeError(Exception):
    """The archive cannot be served."""


def register_plugin() -> None:
    """Make sure the archive's Datasette plugin is registered in this process."""
    from datasette.plugins import pm

    from archive import datasette_plugin

    if not pm.is_registered(datasette_plugin) and pm.get_plugin("ogi") is None:
        pm.register(datasette_plugin, name="ogi")


def datasette_args(db_path: str | os.PathLike, port: int = 8001, metadata_path: str | os.PathLike | None = None) -> list[str]:
    """Arguments of ``datasette serve`` for the archive.

    :param db_path: the archive file.
    :param port: TCP port on 127.0.0.1.
    :param metadata_path: the metadata YAML (see :func:`archive.metadata.write_metadata`).
    """
    args = ["-i", str(db_path), "--host", HOST, "--port", str(port),
            "--setting", "sql_time_limit_ms", "3000",
            "--setting", "facet_time_limit_ms", "1000",
            "--setting", "allow_download", "on",
            "--setting", "suggest_facets", "off",
            "--setting", "default_page_size", "50"]
    if metadata_path:
        args += ["--metadata", str(metadata_path)]
    return args


def make_datasette(db_path: str | os.PathLike, metadata_dir: str | os.PathLike | None = None):
    """An in-process Datasette over the archive, configured like :func:`serve` (for tests and benchmarks).

    :param db_path: the archive file.
    :param metadata_dir: where to write the metadata YAML (a temporary directory if ``None``).
    """
    from datasette.app import Datasette
    import yaml

    register_plugin()
    db_path = Path(db_path)
    metadata_dir = Path(metadata_dir or tempfile.mkdtemp(prefix="ogi-meta-"))
    meta_path = write_metadata(metadata_dir / "metadata.yml", database=db_path.stem)
    return Datasette(immutables=[str(db_path)], metadata=yaml.safe_load(meta_path.read_text(encoding="utf-8")),
                     settings={"sql_time_limit_ms": 3000, "facet_time_limit_ms": 1000, "allow_download": True,
                               "suggest_facets": False, "default_page_size": 50})


def serve(db_path: str | os.PathLike, port: int = 8001, metadata_dir: str | os.PathLike | None = None) -> None:
    """Run Datasette on 127.0.0.1 over the archive, read-only, until interrupted.

    :param db_path: the archive file.
    :param port: TCP port.
    :param metadata_dir: where to write the metadata YAML (a temporary directory if ``None``).
    """
    from datasette.cli import serve as datasette_serve

    db_path = Path(db_path)
    if not db_path.is_file():
        raise ServeError(f"no archive at {db_path}")
    register_plugin()
    metadata_dir = Path(metadata_dir or tempfile.mkdtemp(prefix="ogi-meta-"))
    meta_path = write_metadata(metadata_dir / "metadata.yml", database=db_path.stem)
    datasette_serve.main(args=datasette_args(db_path, port, meta_path), standalone_mode=True)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    import socket

    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_server(db_path: str | os.PathLike, port: int | None = None, timeout: float = 30.0):
    """Start ``ogi serve`` in a child process and wait until it answers; return ``(process, base_url)``.

    The caller stops it with ``process.terminate()``.

    :param db_path: the archive file.
    :param port: TCP port (a free one if ``None``).
    :param timeout: seconds to wait for the first answer.
    """
    import subprocess
    import sys
    import time
    import urllib.request

    port = port or free_port()
    process = subprocess.Popen([sys.executable, "-c", "from ogi.cli import cli; cli()", "serve", "--db", str(db_path),
                                "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://{HOST}:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServeError(f"datasette exited: {process.stderr.read().decode(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(base + "/-/versions.json", timeout=2):
                return process, base
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise ServeError(f"datasette did not answer on {base} within {timeout}s")
