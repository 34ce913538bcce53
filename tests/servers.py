"""Servers the tests and benchmarks start on 127.0.0.1 (never part of the product)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LocalRedis:
    """A ``redis-server`` on 127.0.0.1 at a free port, persisting nothing.

    :param workdir: the server's working directory.
    """

    def __init__(self, workdir: str | os.PathLike):
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server is not installed (Debian package redis-server)")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        Path(workdir).mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [binary, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
             "--appendonly", "no", "--dir", str(workdir), "--protected-mode", "yes"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"redis-server did not start on port {self.port}")
            time.sleep(0.05)

    def stop(self) -> None:
        """Kill the server and wait for it."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()

    def __enter__(self) -> "LocalRedis":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def processes_with(marker: str) -> list[int]:
    """Pids of the processes whose command line contains ``marker`` (Linux ``/proc``)."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if marker.encode() in f.read():
                    found.append(int(pid))
        except OSError:
            continue
    return found


def start_server(db_path: str | os.PathLike, port: int | None = None, timeout: float = 30.0):
    """Start ``ogi serve`` in a child process and wait until it answers; return ``(process, base_url)``.

    The caller stops it with ``process.terminate()``.

    :param db_path: the archive file.
    :param port: TCP port (a free one if ``None``).
    :param timeout: seconds to wait for the first answer.
    """
    import sys
    import urllib.request

    from archive.serve import HOST, ServeError

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
