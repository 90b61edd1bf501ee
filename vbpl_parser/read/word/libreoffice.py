"""Run LibreOffice headless to turn .doc/.rtf/.odt into .docx, one file or many per run.

Why LibreOffice: its Word 97/RTF/ODF import is the most complete available, and going
through .docx lets one reader (``docx_reader``) serve every Word-like format.

Every run gets its own temporary folder holding a private LibreOffice profile
(``-env:UserInstallation``) so parallel runs never fight over a profile lock, copies of
the inputs (we never write next to a user's file), the outputs, and LibreOffice's own
temporary files (its TMPDIR points there). The folder is removed whatever happens. A run
that exceeds its time limit is killed with its whole process group (soffice -> oosplash ->
soffice.bin).

LibreOffice exits 0 even when it could not load an input, printing only "Error: source
file could not be loaded"; success is therefore judged by the output file. Starting
LibreOffice costs about a second, so :func:`convert_many` converts a list of files in one
run and falls back to one run per file for whatever that run did not produce.
"""
from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ...errors import CorruptDocument, EncryptedDocument, ParseTimeout, ToolMissing, UnsupportedFormat, VbplError
from ...limits import Limits
from ...options import Options
from ..sniff import sniff_format
from .ole import OleError, inspect_ole

DEBIAN_PACKAGE = "libreoffice-writer-nogui"
CONVERTIBLE = ("doc", "rtf", "odt")
#: seconds one file may take (LibreOffice start-up included): the default of the shared limits
DEFAULT_TIMEOUT = Limits().libreoffice_timeout
#: extra seconds a batch run allows per file on top of one DEFAULT-like timeout
BATCH_SECONDS_PER_FILE = 15.0
#: files per LibreOffice run in :func:`convert_many` (bounds what one crash or hang costs)
BATCH_SIZE = 40
# "MS Word 2007 XML" writes Word-style XML (w:left, not w:start) that python-docx understands.
_FILTER = "docx:MS Word 2007 XML"
_CANDIDATES = ("soffice", "libreoffice")
_KNOWN_PATHS = ("/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice",
                "/Applications/LibreOffice.app/Contents/MacOS/soffice")

Source = str | os.PathLike[str] | tuple[str, bytes]


def find_soffice(program: str | None = None) -> str | None:
    """Path of the LibreOffice executable: ``program`` (:attr:`Options.soffice`) when given,
    else PATH, else the usual places."""
    if program:
        return program if Path(program).is_file() else None
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    for path in _KNOWN_PATHS:
        if Path(path).is_file():
            return path
    installed = sorted(Path("/opt").glob("libreoffice*/program/soffice"), reverse=True)
    return str(installed[0]) if installed else None


def require_soffice(name: str | None = None, program: str | None = None) -> str:
    """The executable, or :class:`ToolMissing` telling which package to install."""
    path = find_soffice(program)
    if path is None:
        raise ToolMissing("LibreOffice is needed to read .doc, .rtf and .odt files and was not found",
                          path=name, hint=f"Debian/Ubuntu: apt-get install {DEBIAN_PACKAGE}; "
                                          "or set VBPL_SOFFICE (Options.soffice) to the soffice executable")
    return path


@lru_cache(maxsize=4)
def soffice_version(path: str) -> str:
    """"7.4.7.2" from ``soffice --version`` (about 0.1 s, asked once per process)."""
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    for word in out.split():
        if word[:1].isdigit() and "." in word:
            return word
    return "unknown"


@dataclass(slots=True)
class _Job:
    key: str  # the caller's name for this input
    data: bytes
    fmt: str
    stem: str  # file stem inside the temporary folder


def check_convertible(data: bytes, name: str | None, fmt: str | None = None, limits: Limits | None = None) -> str:
    """Format of ``data`` after the checks LibreOffice cannot do well; raises typed errors.

    Catches password protection and non-Word OLE files before paying for a LibreOffice run,
    because LibreOffice would only say "could not be loaded" (or import garbage as text).
    """
    fmt = fmt or sniff_format(data, name)
    if fmt not in CONVERTIBLE:
        raise UnsupportedFormat(f"{fmt} is not converted through LibreOffice", path=name)
    if fmt == "doc":
        try:
            info = inspect_ole(data)
        except OleError as exc:
            raise CorruptDocument(f"damaged Word 97-2003 file ({exc})", path=name,
                                  hint="re-save it from Word or LibreOffice") from None
        if info.is_encrypted_package or info.word_encrypted:
            raise EncryptedDocument("the Word file is password-protected", path=name,
                                    hint="remove the password in Word and save again")
        kind = info.kind()
        if kind in ("excel", "powerpoint"):
            raise UnsupportedFormat(f"an {kind.capitalize()} file, not a Word document", path=name)
        if kind != "word":
            raise CorruptDocument("OLE file without a WordDocument stream", path=name,
                                  hint="the file is damaged or not a Word document")
    elif fmt == "odt":
        _check_odt(data, name, limits or Limits.from_env())
    return fmt


def _check_odt(data: bytes, name: str | None, limits: Limits) -> None:
    """ZIP-bomb limits (LibreOffice would inflate everything), damage, and the password flag."""
    from .package import check_zip_limits

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_zip_limits(zf, name, ".odt", limits)
            manifest = zf.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in zf.namelist() else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError,
            RuntimeError, zlib.error) as exc:
        raise CorruptDocument(f"damaged OpenDocument file ({exc})", path=name) from None
    if b"encryption-data" in manifest:
        raise EncryptedDocument("the OpenDocument file is password-protected", path=name,
                                hint="remove the password in LibreOffice and save again")


def convert_to_docx(data: bytes, name: str | None = None, fmt: str | None = None,
                    timeout: float = DEFAULT_TIMEOUT, options: Options | None = None) -> bytes:
    """Convert one document to .docx bytes; raises a :class:`VbplError` subclass on failure."""
    options = options or Options.from_env()
    soffice = require_soffice(name, options.soffice)
    fmt = check_convertible(data, name, fmt, options.limits)
    job = _Job(name or "input", data, fmt, "input")
    result = _run([job], soffice, timeout)[job.key]
    if isinstance(result, VbplError):
        raise result
    return result


@dataclass(slots=True)
class Converted:
    """One converted input: the .docx bytes and the format detected from the input bytes."""

    docx: bytes
    fmt: str


def convert_many(sources: Iterable[Source], timeout: float = DEFAULT_TIMEOUT,
                 batch_size: int = BATCH_SIZE, options: Options | None = None) -> dict[str, bytes | VbplError]:
    """Convert many documents with as few LibreOffice runs as possible.

    ``sources`` are paths or ``(name, bytes)`` pairs; the result maps each name (the path
    as given, or the pair's name) to the .docx bytes or to the typed error for that input.
    """
    return {key: got.docx if isinstance(got, Converted) else got
            for key, got in convert_batch(sources, timeout, batch_size, options).items()}


def convert_batch(sources: Iterable[Source], timeout: float = DEFAULT_TIMEOUT,
                  batch_size: int = BATCH_SIZE, options: Options | None = None) -> dict[str, Converted | VbplError]:
    """:func:`convert_many` keeping each input's detected format.

    Inputs are checked first (format, password, damage); the rest go to LibreOffice in
    runs of ``batch_size``; anything a run did not produce (a crash, a hang, a refused
    file) is retried alone with ``timeout``, so that one bad file costs only itself.
    """
    options = options or Options.from_env()
    results: dict[str, Converted | VbplError] = {}
    jobs: list[_Job] = []
    seen: set[str] = set()
    for i, src in enumerate(sources):
        key, data = _load(src)
        if key in seen:
            continue
        seen.add(key)
        try:
            if isinstance(data, VbplError):
                raise data
            fmt = check_convertible(data, key, limits=options.limits)
        except VbplError as exc:
            results[key] = exc
            continue
        jobs.append(_Job(key, data, fmt, f"f{i:05d}"))
    if not jobs:
        return results
    try:
        soffice = require_soffice(program=options.soffice)
    except ToolMissing as exc:
        results.update({j.key: exc for j in jobs})
        return results
    try:
        for start in range(0, len(jobs), batch_size):
            chunk = jobs[start:start + batch_size]
            done = _run(chunk, soffice, timeout if len(chunk) == 1 else timeout + BATCH_SECONDS_PER_FILE * len(chunk))
            for job in chunk:
                got = done[job.key]
                if not isinstance(got, bytes) and len(chunk) > 1:
                    got = _run([job], soffice, timeout)[job.key]
                results[job.key] = Converted(got, job.fmt) if isinstance(got, bytes) else got
    except ToolMissing as exc:  # soffice vanished or cannot start: every job left gets the reason
        results.update({j.key: exc for j in jobs if j.key not in results})
    return results


def _load(src: Source) -> tuple[str, bytes | VbplError]:
    if isinstance(src, tuple):
        return src[0], src[1]
    key = os.fspath(src)
    try:
        return key, Path(key).read_bytes()
    except OSError as exc:
        return key, CorruptDocument(f"cannot read the file ({exc.strerror})", path=key)


def _run(jobs: list[_Job], soffice: str, timeout: float) -> dict[str, bytes | VbplError]:
    """One LibreOffice run over ``jobs`` in a private temporary folder."""
    tmp = Path(tempfile.mkdtemp(prefix="vbpl-lo-"))
    try:
        src_dir, out_dir = tmp / "in", tmp / "out"
        src_dir.mkdir()
        out_dir.mkdir()
        inputs = []
        for job in jobs:
            path = src_dir / f"{job.stem}.{job.fmt}"
            path.write_bytes(job.data)
            inputs.append(str(path))
        cmd = [soffice, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless", "--invisible",
               "--norestore", "--nologo", "--nodefault", "--nolockcheck",
               "--convert-to", _FILTER, "--outdir", str(out_dir), *inputs]
        # its own temporary files too ("lu*.tmp", left behind when it is killed on a timeout)
        scratch = tmp / "tmp"
        scratch.mkdir()
        env = dict(os.environ, TMPDIR=str(scratch), TMP=str(scratch), TEMP=str(scratch))
        status, log = _execute(cmd, timeout, cwd=tmp, env=env)
        results: dict[str, bytes | VbplError] = {}
        for job in jobs:
            out = out_dir / f"{job.stem}.docx"
            results[job.key] = _output(out, job, status, log, timeout)
        return results
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _execute(cmd: list[str], timeout: float, cwd: Path, env: dict[str, str] | None = None) -> tuple[int | None, str]:
    """Run ``cmd``; (exit status or None on timeout, its messages). Kills the group on timeout."""
    try:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, start_new_session=True)
    except OSError as exc:
        raise ToolMissing(f"LibreOffice could not be started ({exc.strerror})",
                          hint=f"Debian/Ubuntu: apt-get install {DEBIAN_PACKAGE}") from None
    try:
        out, _ = proc.communicate(timeout=timeout)
        return proc.returncode, out.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        out, _ = proc.communicate()
        return None, out.decode("utf-8", "replace")
    except BaseException:
        _kill_group(proc)
        proc.wait()
        raise


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()


def _output(out: Path, job: _Job, status: int | None, log: str, timeout: float) -> bytes | VbplError:
    """The converted bytes, or the error explaining why there are none."""
    if out.is_file():
        data = out.read_bytes()
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                if "word/document.xml" in zf.namelist():
                    return data
        except zipfile.BadZipFile:
            pass
    if status is None:
        return ParseTimeout(f"LibreOffice did not finish converting within {timeout:.0f} s", path=job.key,
                            hint="the file may be huge or damaged")
    reason = _reason(log, status)
    if "password" in reason.lower():
        return EncryptedDocument(f"LibreOffice: {reason}", path=job.key,
                                 hint="remove the password and save again")
    return CorruptDocument(f"LibreOffice could not convert this {job.fmt} file: {reason}", path=job.key,
                           hint="open it in Word or LibreOffice and save it again")


def _reason(log: str, status: int) -> str:
    lines = [ln.strip() for ln in log.splitlines()
             if ln.strip() and "javaldx" not in ln and not ln.startswith("convert ")]
    errors = [ln.removeprefix("Error:").strip() for ln in lines if ln.startswith("Error")]
    text = "; ".join(dict.fromkeys(errors or lines[-3:]))
    if status < 0:
        text = f"crashed (signal {-status}){': ' + text if text else ''}"
    elif status > 0 and not text:
        text = f"exit status {status}"
    return text or "no output produced"
