"""DOC and WPS (OLE2 word-processor files) → :class:`~extract.layout.Layout`.

Both are converted to DOCX by LibreOffice headless and then read by
:mod:`extract.docx`. LibreOffice runs with a private profile (``-env:UserInstallation``)
taken from a small per-user pool under an exclusive lock, so parallel conversions never
share one and a warm profile saves the ~2 s set-up; it runs in its own process group,
with a hard timeout after which the whole group is killed (and the profile discarded).
When LibreOffice is missing or fails on a DOC, ``antiword`` is tried; WPS files have no
fallback.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from extract import limits
from extract.layout import Layout
from extract.schema import extraction_warning as warn

#: seconds one LibreOffice conversion of a single file may take


class ConversionError(Exception):
    """A LibreOffice / antiword conversion failed or timed out."""


def _soffice_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_libreoffice(paths: list[Path], target: str, outdir: Path,
                             timeout: float | None = None,
                             profile_dir: str | os.PathLike | None = None) -> list[Path | None]:
    """Convert files with one LibreOffice call; return each output path (``None`` if missing).

    :param paths: input files.
    :param target: a ``--convert-to`` argument, e.g. ``"docx"``, ``"pdf:writer_pdf_Export"``.
    :param outdir: directory for the outputs (created).
    :param timeout: seconds before the LibreOffice process group is killed
        (default :data:`extract.limits.OFFICE_TIMEOUT`).
    :param profile_dir: a LibreOffice profile directory to reuse (saves ~2 s per call);
        default: a fresh temporary profile, removed afterwards.
    :raises ConversionError: LibreOffice missing, timed out or exited with an error.
    """
    timeout = limits.OFFICE_TIMEOUT if timeout is None else timeout
    binary = _soffice_binary()
    if binary is None:
        raise ConversionError("LibreOffice (soffice) is not installed")
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    ext = target.split(":", 1)[0]
    with contextlib.ExitStack() as stack:
        profile = str(profile_dir) if profile_dir else stack.enter_context(_pooled_profile())
        cmd = [binary, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--nologo", "--nodefault", "--nolockcheck", "--convert-to", target,
               "--outdir", str(outdir), *[str(p) for p in paths]]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True, env={**os.environ, "HOME": profile})
        _RUNNING.add(proc.pid)
        stack.callback(_RUNNING.discard, proc.pid)
        try:
            _, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            _discard_profile(profile)
            raise ConversionError(f"LibreOffice conversion to {ext} timed out after {timeout:g} s; killed")
        finally:
            _kill_group(proc)  # stray children (oosplash → soffice.bin) must not survive
        if proc.returncode != 0:
            _discard_profile(profile)
            raise ConversionError(f"LibreOffice exited with status {proc.returncode}: "
                                  f"{stderr.decode('utf-8', 'replace').strip()[:300]}")
    out = []
    for p in paths:
        candidate = outdir / (Path(p).stem + "." + ext)
        out.append(candidate if candidate.exists() and candidate.stat().st_size > 0 else None)
    return out


_PROFILE_POOL = 8


@contextlib.contextmanager
def _pooled_profile():
    """A private LibreOffice profile: one of a few per user, held with an exclusive lock.

    A fresh profile costs LibreOffice about two seconds to set up; reusing one (never by
    two conversions at once) saves that on every file. A profile whose conversion
    failed or timed out is discarded.
    """
    root = Path(tempfile.gettempdir(), f"ogi-lo-profiles-{os.getuid()}")
    root.mkdir(mode=0o700, exist_ok=True)
    for n in range(_PROFILE_POOL):
        lock_path = root / f"{n}.lock"
        handle = open(lock_path, "w")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            continue
        try:
            yield str(root / str(n))
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()
        return
    # every pooled profile busy: a throw-away one
    with tempfile.TemporaryDirectory(prefix="ogi-lo-profile-") as fresh:
        yield fresh


def _discard_profile(profile: str) -> None:
    shutil.rmtree(profile, ignore_errors=True)


#: process groups of the LibreOffice conversions running in this process
_RUNNING: set[int] = set()


def kill_conversions() -> None:
    """Kill every LibreOffice process group this process started and has not reaped.

    Called by a worker of :mod:`extract.runner` that is stopped at its time limit, so
    no ``soffice.bin`` outlives the document it was converting.
    """
    for pgid in list(_RUNNING):
        try:
            os.killpg(pgid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


def to_docx_bytes(data: bytes, suffix: str = ".doc", timeout: float | None = None) -> bytes:
    """Convert one DOC/WPS file's bytes to DOCX bytes with LibreOffice.

    :raises ConversionError: the conversion failed or timed out.
    """
    with tempfile.TemporaryDirectory(prefix="ogi-doc-") as tmp:
        src = Path(tmp, "input" + suffix)
        src.write_bytes(data)
        (out,) = convert_with_libreoffice([src], "docx:MS Word 2007 XML", Path(tmp, "out"), timeout=timeout)
        if out is None:
            raise ConversionError("LibreOffice produced no DOCX (the file may be damaged or not a word-processor file)")
        return out.read_bytes()


def antiword_layout(data: bytes, timeout: float = 30) -> Layout:
    """Read a DOC with ``antiword`` (tables come out as ``|cell|cell|`` lines).

    :raises ConversionError: antiword missing or failed.
    """
    binary = shutil.which("antiword")
    if binary is None:
        raise ConversionError("antiword is not installed")
    with tempfile.NamedTemporaryFile(suffix=".doc") as tmp:
        tmp.write(data)
        tmp.flush()
        try:
            proc = subprocess.run([binary, "-m", "UTF-8.txt", "-w", "0", tmp.name], capture_output=True,
                                  timeout=timeout, start_new_session=True)
        except subprocess.TimeoutExpired:
            raise ConversionError(f"antiword timed out after {timeout:g} s")
    if proc.returncode != 0:
        raise ConversionError(f"antiword failed: {proc.stderr.decode('utf-8', 'replace').strip()[:200]}")
    layout = Layout()
    table = row = 0
    for line in proc.stdout.decode("utf-8", "replace").splitlines():
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            if not row:
                table = layout.new_table()  # consecutive ``|…|`` lines are one table
            layout.add_row(stripped[1:-1].split("|"), table=table, row=row)
            row += 1
        else:
            row = 0
            if stripped:
                layout.lines.append(stripped)
    layout.warnings.append(warn("read_with_antiword", "read with antiword (LibreOffice unavailable or failed); "
                                "merged cells not resolved"))
    return layout


def read_doc(data: bytes, kind: str = "doc", timeout: float | None = None, *, ocr: bool = True) -> Layout:
    """DOC or WPS bytes → Layout, through LibreOffice (antiword as DOC fallback).

    :param data: the file's bytes.
    :param kind: ``"doc"`` or ``"wps"``.
    :param timeout: seconds allowed for the LibreOffice conversion (default
        :data:`extract.limits.OFFICE_TIMEOUT`, ``[extract] office_timeout``).
    :param ocr: read pictures standing in for tables with OCR (see
        :func:`extract.docx.read_docx`); off, they only give a warning.
    :raises ConversionError: no converter could read the file.
    """
    from extract.docx import read_docx

    try:
        docx_bytes = to_docx_bytes(data, "." + kind, timeout=timeout)
    except ConversionError as exc:
        if kind != "doc":
            raise
        try:
            layout = antiword_layout(data)
        except ConversionError as exc2:
            raise ConversionError(f"{exc}; antiword fallback: {exc2}") from exc
        layout.warnings.insert(0, warn("libreoffice_failed", f"LibreOffice: {exc}"))
        return layout
    return read_docx(docx_bytes, ocr=ocr)
