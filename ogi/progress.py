"""Progress for long steps and the job's logs.

On a terminal a step shows a ``click.progressbar``; otherwise (cron, systemd, a pipe)
it writes plain log lines at most every few seconds. Every log record also goes, as
one JSON object per line, to the log file set up by :func:`setup_logging`.
"""
from __future__ import annotations

import json
import logging
import sys
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import click

log = logging.getLogger("ogi")

#: attributes of a LogRecord that are not extra fields
_STANDARD_ATTRS = set(vars(logging.LogRecord("x", 0, "x", 0, "x", None, None))) | {"message", "asctime"}


class JsonLinesFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message and any ``extra`` fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def setup_logging(log_file: str | Path | None, verbose: bool = False) -> None:
    """Send ``ogi`` logs to stderr (plain) and to ``log_file`` (JSON lines, appended).

    Calling it again replaces the handlers it added before.

    :param log_file: the JSON-lines log file, or ``None`` for none.
    :param verbose: also show debug messages on stderr.
    """
    log.setLevel(logging.DEBUG)
    log.propagate = False
    for handler in list(log.handlers):
        if getattr(handler, "_ogi", False):
            log.removeHandler(handler)
            handler.close()
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.DEBUG if verbose else logging.INFO)
    console.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%H:%M:%S"))
    console._ogi = True  # type: ignore[attr-defined]
    log.addHandler(console)
    if log_file is not None:
        path = Path(log_file)
        path.parent.mkdir(parents=True, exist_ok=True)
        file_handler = logging.FileHandler(path, encoding="utf-8")
        file_handler.setLevel(logging.DEBUG)
        file_handler.setFormatter(JsonLinesFormatter())
        file_handler._ogi = True  # type: ignore[attr-defined]
        log.addHandler(file_handler)


class Progress:
    """Counts the items of one step and shows them; made by :func:`step`."""

    def __init__(self, label: str, total: int, interactive: bool, every: float):
        self.label = label
        self.total = total
        self.done = 0
        self._interactive = interactive
        self._every = every
        self._last = time.monotonic()
        self._started = self._last
        self._bar = None
        if interactive:
            self._bar = click.progressbar(length=total, label=label, file=sys.stderr)
            self._bar.__enter__()

    def advance(self, count: int = 1) -> None:
        """Mark ``count`` more items done.

        :param count: how many.
        """
        self.done += count
        if self._bar is not None:
            self._bar.update(count)
            return
        now = time.monotonic()
        if now - self._last >= self._every and self.done < self.total:
            self._last = now
            log.info("%s: %d/%d", self.label, self.done, self.total,
                     extra={"step": self.label, "done": self.done, "total": self.total})

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None
        elapsed = time.monotonic() - self._started
        log.info("%s: %d/%d done in %.1fs", self.label, self.done, self.total, elapsed,
                 extra={"step": self.label, "done": self.done, "total": self.total,
                        "seconds": round(elapsed, 3)})


@contextmanager
def step(label: str, total: int, interactive: bool | None = None, every: float = 5.0) -> Iterator[Progress]:
    """Show progress through a step of ``total`` items.

    :param label: what the step does ("extracting").
    :param total: how many items it has.
    :param interactive: force a progress bar (``True``) or log lines (``False``);
        default: a bar when stderr is a terminal.
    :param every: seconds between log lines when not interactive.
    """
    if interactive is None:
        interactive = sys.stderr.isatty()
    progress = Progress(label, total, interactive, every)
    try:
        yield progress
    finally:
        progress.close()
