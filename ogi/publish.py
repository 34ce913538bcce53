"""Publishing: a database file is built aside and swapped in with one ``os.replace``.

The site serves the published file immutable, so it must never see a file that is
still being written. :func:`publish_file` builds into a temporary file in the same
directory (same filesystem, so the rename is atomic), fsyncs it, and renames it over
the published name. A reader that opened the old file keeps reading the old inode; a
new reader gets the whole new file. A build killed half way leaves only a
``.*.building`` file, which the next publish removes.

Never publish less than was published without saying why: before an archive replaces
the published one, :class:`LossGuard` compares the two. Every report (body and year)
and every figure (body, year and key) of the published archive that the new one lacks
must be explained by a removal (its URL marked removed from the portal), a superseded
file (a newer, different file fetched at the same URL) or a re-extraction with a newer
extractor version. Otherwise :class:`PublishRefused` is raised and the published
archive stays; its message lists the counts per reason and the unexplained losses.
"""
from __future__ import annotations

import logging
import os
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

BUILDING_SUFFIX = ".building"
#: the reasons a lost report or figure can be explained by, in the order they are tried
LOSS_REASONS = ("removed", "superseded", "re-extracted")
_REASON_TEXT = {"removed": "removed from the portal", "superseded": "superseded by a newer file at the same URL",
                "re-extracted": "re-extracted by a newer extractor version"}

log = logging.getLogger(__name__)


class PublishError(RuntimeError):
    """The fresh file could not be built or failed its check; nothing was replaced."""


class PublishRefused(PublishError):
    """The fresh archive has fewer reports or figures than the published one, not all explained.

    :ivar comparison: the :class:`ArchiveComparison` that refused it.
    """

    def __init__(self, message: str, comparison: "ArchiveComparison"):
        super().__init__(message)
        self.comparison = comparison


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def building_path(target: str | os.PathLike) -> Path:
    """The temporary name a fresh build of ``target`` is written under by this process.

    :param target: the published file.
    """
    target = Path(target)
    return target.with_name(f".{target.name}.{os.getpid()}{BUILDING_SUFFIX}")


def remove_stale_builds(target: str | os.PathLike) -> list[Path]:
    """Delete temporary files left by killed builds of ``target``; return what was removed.

    :param target: the published file.
    """
    target = Path(target)
    removed = []
    if target.parent.is_dir():
        for stale in target.parent.glob(f".{target.name}.*{BUILDING_SUFFIX}*"):
            stale.unlink(missing_ok=True)
            removed.append(stale)
    return removed


def check_sqlite(path: str | os.PathLike) -> None:
    """Raise :class:`PublishError` unless ``path`` is a sound SQLite database.

    :param path: the database file.
    """
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = db.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        raise PublishError(f"{path} is not a usable SQLite database: {exc}") from None
    if result != "ok":
        raise PublishError(f"{path} failed its integrity check: {result}")


# --- never publish less without saying why -------------------------------------------------


def _version_key(version: str | None):
    try:
        from packaging.version import InvalidVersion, Version

        try:
            return (1, Version(version or "0"), "")
        except InvalidVersion:
            pass
    except ImportError:  # pragma: no cover - packaging comes with Scrapy
        pass
    return (0, tuple(int(n) for n in re.findall(r"\d+", version or "")), version or "")


def newer_version(candidate: str | None, than: str | None) -> bool:
    """True when extractor version ``candidate`` is newer than ``than`` (PEP 440 order, ``0.10`` > ``0.9``).

    :param candidate: a version such as ``0.2.0``
    :param than: the version compared with
    """
    if not candidate or candidate == than:
        return False
    return _version_key(candidate) > _version_key(than)


@dataclass
class ArchiveComparison:
    """What a fresh archive has less than the published one, and why.

    Reports are matched by body name and year, figures by body name, year and key.
    ``explained`` maps each reason of :data:`LOSS_REASONS` to ``{"reports": n, "figures": n}``;
    ``unexplained`` lists the reports whose losses no reason covers (body, year, url,
    figures lost, whether the whole report is gone).
    """

    published_reports: int = 0
    published_figures: int = 0
    new_reports: int = 0
    new_figures: int = 0
    lost_reports: int = 0
    lost_figures: int = 0
    explained: dict = field(default_factory=lambda: {r: {"reports": 0, "figures": 0} for r in LOSS_REASONS})
    unexplained: list = field(default_factory=list)

    @property
    def unexplained_reports(self) -> int:
        return sum(1 for u in self.unexplained if u["report_lost"])

    @property
    def unexplained_figures(self) -> int:
        return sum(u["figures"] for u in self.unexplained)

    @property
    def ok(self) -> bool:
        """True when every loss is explained (or nothing was lost)."""
        return not self.unexplained

    def as_dict(self) -> dict:
        return {"published_reports": self.published_reports, "published_figures": self.published_figures,
                "new_reports": self.new_reports, "new_figures": self.new_figures,
                "lost_reports": self.lost_reports, "lost_figures": self.lost_figures,
                "explained": self.explained, "unexplained_reports": self.unexplained_reports,
                "unexplained_figures": self.unexplained_figures, "unexplained": self.unexplained[:50]}

    def summary(self) -> str:
        """One paragraph: the counts, the losses per reason, the unexplained ones (first five)."""
        text = (f"reports {self.published_reports} → {self.new_reports}, figures {self.published_figures} → "
                f"{self.new_figures}; lost {self.lost_reports} reports and {self.lost_figures} figures")
        reasons = "; ".join(f"{_REASON_TEXT[r]}: {c['reports']} reports, {c['figures']} figures"
                            for r, c in self.explained.items())
        text += f" (explained — {reasons})"
        if self.unexplained:
            examples = "; ".join(
                f"{u['body']} {u['year']} ({u['url']}): {'the whole report' if u['report_lost'] else ''}"
                f"{', ' if u['report_lost'] and u['figures'] else ''}"
                f"{str(u['figures']) + ' figures' if u['figures'] else ''}" for u in self.unexplained[:5])
            text += (f"; not explained: {self.unexplained_reports} reports and {self.unexplained_figures} "
                     f"figures — {examples}")
        return text


def _is_archive(conn: sqlite3.Connection, schema: str) -> bool:
    names = {row[0] for row in conn.execute(f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table'")}
    return {"reports", "figures", "bodies", "documents"} <= names


def compare_archives(published: str | os.PathLike, fresh: str | os.PathLike,
                     removed_urls: Iterable[str] = ()) -> ArchiveComparison | None:
    """Compare a fresh archive with the published one: what it lacks, and why.

    :param published: the published archive (SQLite).
    :param fresh: the archive about to replace it.
    :param removed_urls: URLs the raw store marks removed from their portal
        (``RawStore.urls()`` rows with ``removed_at``); the fresh archive's
        ``coverage.removed_at`` counts too.
    :return: the comparison, or None when either file is not an archive (no
        ``reports``/``figures`` tables), so there is nothing to compare.
    :raises sqlite3.DatabaseError: a file is not a readable database.
    """
    removed = set(removed_urls)
    conn = sqlite3.connect(f"file:{Path(fresh).absolute()}?mode=ro", uri=True)
    try:
        conn.execute("ATTACH DATABASE ? AS old", (f"file:{Path(published).absolute()}?mode=ro",))
        if not (_is_archive(conn, "old") and _is_archive(conn, "main")):
            return None
        result = ArchiveComparison()
        count = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        result.published_reports = count("SELECT count(*) FROM old.reports")
        result.published_figures = count("SELECT count(*) FROM old.figures")
        result.new_reports = count("SELECT count(*) FROM main.reports")
        result.new_figures = count("SELECT count(*) FROM main.figures")
        has_coverage = "coverage" in {r[0] for r in conn.execute("SELECT name FROM main.sqlite_master")}
        # one row per published report that lost its place or figures, with the document they came from
        rows = conn.execute("""
            WITH lost_reports AS (
              SELECT r.id AS rid FROM old.reports r JOIN old.bodies ob ON ob.id = r.body_id
              WHERE NOT EXISTS (SELECT 1 FROM main.reports nr JOIN main.bodies nb ON nb.id = nr.body_id
                                WHERE nb.name = ob.name AND nr.year = r.year)),
            lost_figures AS (
              SELECT f.report_id AS rid, f.document_id AS did, f.extractor_version AS version, count(*) AS n
              FROM old.figures f JOIN old.reports r ON r.id = f.report_id JOIN old.bodies ob ON ob.id = r.body_id
              WHERE NOT EXISTS (
                SELECT 1 FROM main.figures nf JOIN main.reports nr ON nr.id = nf.report_id
                JOIN main.bodies nb ON nb.id = nr.body_id
                WHERE nb.name = ob.name AND nr.year = r.year AND nf.key = f.key)
              GROUP BY f.report_id, f.document_id, f.extractor_version)
            SELECT r.id, ob.name, r.year, r.url, r.id IN (SELECT rid FROM lost_reports) AS report_lost,
                   coalesce(lf.n, 0), coalesce(lf.did, r.current_document_id), lf.version
            FROM old.reports r JOIN old.bodies ob ON ob.id = r.body_id
            LEFT JOIN lost_figures lf ON lf.rid = r.id
            WHERE r.id IN (SELECT rid FROM lost_reports) OR lf.rid IS NOT NULL
            ORDER BY r.id""").fetchall()
        counted_reports: set[int] = set()
        for report_id, body, year, url, report_lost, figures, document_id, version in rows:
            doc = conn.execute("SELECT sha256, url, extractor_version FROM old.documents WHERE id = ?",
                               (document_id,)).fetchone() if document_id is not None else None
            reason = _loss_reason(conn, body, year, url, doc, version, removed, has_coverage)
            first = report_lost and report_id not in counted_reports
            counted_reports.add(report_id)
            result.lost_figures += figures
            result.lost_reports += int(first)
            if reason:
                result.explained[reason]["figures"] += figures
                result.explained[reason]["reports"] += int(first)
            else:
                result.unexplained.append({"body": body, "year": year, "url": url, "figures": figures,
                                           "report_lost": bool(first), "sha256": doc[0] if doc else None})
        return result
    finally:
        conn.close()


def _loss_reason(conn, body: str, year: int, url: str | None, doc, version: str | None, removed: set,
                 has_coverage: bool) -> str | None:
    """The first reason of :data:`LOSS_REASONS` that explains a loss, or None."""
    sha256, doc_url, doc_version = doc if doc else (None, None, None)
    if url in removed or (doc_url and doc_url in removed):
        return "removed"
    if has_coverage:
        row = conn.execute("SELECT c.removed_at FROM main.coverage c JOIN main.bodies b ON b.id = c.body_id "
                           "WHERE b.name = ? AND c.year = ?", (body, year)).fetchone()
        if row and row[0]:
            return "removed"
    fresh_doc = conn.execute("SELECT superseded, extractor_version FROM main.documents WHERE sha256 = ?",
                             (sha256,)).fetchone() if sha256 else None
    if fresh_doc and fresh_doc[0]:
        return "superseded"
    if doc_url and conn.execute(
            "SELECT 1 FROM main.documents d JOIN old.documents o ON o.sha256 = ? "
            "WHERE d.url = o.url AND d.sha256 != o.sha256 AND d.fetched_at > o.fetched_at LIMIT 1",
            (sha256,)).fetchone():
        return "superseded"
    old_version = version or doc_version
    if fresh_doc and newer_version(fresh_doc[1], old_version):
        return "re-extracted"
    fresh_versions = conn.execute(
        "SELECT DISTINCT nf.extractor_version FROM main.figures nf JOIN main.reports nr ON nr.id = nf.report_id "
        "JOIN main.bodies nb ON nb.id = nr.body_id WHERE nb.name = ? AND nr.year = ?", (body, year)).fetchall()
    if any(newer_version(v, old_version) for (v,) in fresh_versions):
        return "re-extracted"
    return None


class LossGuard:
    """The check :func:`publish_file` runs before an archive replaces the published one.

    Call it with ``(published, fresh)``; it keeps the :class:`ArchiveComparison` in
    :attr:`comparison` (None when there was nothing to compare) so the caller can put
    the counts per reason in its summary.

    :param removed_urls: URLs marked removed from their portal (from the raw store).
    :param allow_loss: publish even when losses are not explained (they are still logged).
    """

    def __init__(self, removed_urls: Iterable[str] = (), allow_loss: bool = False):
        self.removed_urls = list(removed_urls)
        self.allow_loss = allow_loss
        self.comparison: ArchiveComparison | None = None

    def __call__(self, published: Path, fresh: Path) -> None:
        try:
            with open(published, "rb") as handle:
                if handle.read(16) != b"SQLite format 3\x00":
                    return
            self.comparison = compare_archives(published, fresh, self.removed_urls)
        except sqlite3.DatabaseError as exc:  # the published file is damaged: nothing to keep
            log.warning("published archive %s could not be compared (%s); replacing it", published, exc)
            return
        comparison = self.comparison
        if comparison is None:
            return
        if comparison.lost_reports or comparison.lost_figures:
            log.info("publish: %s", comparison.summary(), extra={"publish_changes": comparison.as_dict()})
        if not comparison.ok and not self.allow_loss:
            raise PublishRefused(f"the new archive was not published, the published one stays: "
                                 f"{comparison.summary()}", comparison)


def publish_file(
    target: str | os.PathLike,
    build: Callable[[Path], None],
    check: Callable[[Path], None] | None = check_sqlite,
    guard: Callable[[Path, Path], None] | None = None,
) -> Path:
    """Build a fresh file with ``build(tmp_path)`` and atomically make it ``target``.

    :param target: the published file name.
    :param build: writes the complete new file at the path it is given (the path does
        not exist yet).
    :param check: validates the built file before the swap (default: SQLite
        ``quick_check``); ``None`` skips it.
    :param guard: ``guard(published, fresh)`` runs after the check when ``target``
        exists and may raise to keep it; default (with a ``check``): a fresh
        :class:`LossGuard`, which refuses an archive that lost reports or figures
        without a reason. Pass a :class:`LossGuard` to give it the removed URLs and
        read its comparison afterwards.
    :raises PublishRefused: the new archive lost reports or figures without a reason;
        ``target`` is untouched.
    :raises PublishError: the build or the check failed; ``target`` is untouched.
    :return: ``target``.
    """
    target = Path(target).absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_builds(target)
    tmp = building_path(target)
    try:
        build(tmp)
        if not tmp.exists():
            raise PublishError(f"the build wrote nothing at {tmp}")
        if check is not None:
            check(tmp)
        if guard is None and check is not None:
            guard = LossGuard()
        if guard is not None and target.exists():
            guard(target, tmp)
        # journals of a database built in WAL mode would not follow the rename
        for extra in ("-wal", "-shm", "-journal"):
            side = Path(f"{tmp}{extra}")
            if side.exists() and side.stat().st_size:
                raise PublishError(f"{tmp} was left with an open {extra} journal; close it first")
            side.unlink(missing_ok=True)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        for extra in ("-wal", "-shm", "-journal"):
            Path(f"{tmp}{extra}").unlink(missing_ok=True)
        raise
    return target


def publish_copy(source: str | os.PathLike, target: str | os.PathLike) -> Path:
    """Publish a consistent snapshot of the SQLite database ``source`` as ``target``.

    Uses SQLite's backup API, so ``source`` may be in use by a writer meanwhile.

    :param source: a SQLite database.
    :param target: the published file name.
    """
    def build(tmp: Path) -> None:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
            src.close()

    return publish_file(target, build)


def publish_bytes(target: str | os.PathLike, data: bytes) -> Path:
    """Atomically replace a small non-database file (``metadata.json``).

    :param target: the published file name.
    :param data: its new content.
    """
    return publish_file(target, lambda tmp: tmp.write_bytes(data), check=None)
