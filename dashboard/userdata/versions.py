"""Versions of the served data file: every import keeps the previous file, a rollback restores one.

Layout of config.VERSIONS_DIR (data/versions/, git-ignored):

    v0001.parquet, v0002.parquet ...   byte-identical copies of files that were served
    log.jsonl                           one JSON object a line: what happened, when, to what

A version is written and checked before the log names it, and the log is appended before the
served file is replaced (by os.replace, so readers see the old or the new file, never half of
one). Which version is served is decided by checksum, so a crash between the steps, or a
`make data` rebuild, never leaves the log claiming a file that is not there.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from dashboard import config
from dashboard.data.build import write_parquet
from dashboard.data.contract import Catalogue
from dashboard.data.store import DataLoadError, Dataset

LOG_NAME = "log.jsonl"
LOCK_NAME = ".lock"
VERSION_PATTERN = re.compile(r"^v\d{4,}$")


class VersionError(Exception):
    """A version that does not exist, is damaged, or cannot be restored; the message says which."""


@dataclass
class Entry:
    """One line of the log."""

    version: str  # the version served after this event
    action: str  # baseline | import | rollback
    time: str  # UTC, ISO 8601
    file: str  # the file imported, or what the baseline was built from
    sha256: str  # checksum of the version's Parquet file
    rows: dict[str, int] = field(default_factory=dict)  # observations, added, changed ...
    previous: str | None = None  # the version served before this event
    into: str = ""  # the served file

    def as_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)


def versions_dir(directory: Path | None = None) -> Path:
    return Path(directory or config.VERSIONS_DIR)


def version_path(version: str, directory: Path | None = None) -> Path:
    if not VERSION_PATTERN.match(version):
        raise VersionError(f"'{version}' is not a version id (they look like v0003)")
    path = versions_dir(directory) / f"{version}.parquet"
    if not path.exists():
        raise VersionError(f"version {version} not found in {versions_dir(directory)}")
    return path


def read_log(directory: Path | None = None) -> list[Entry]:
    path = versions_dir(directory) / LOG_NAME
    if not path.exists():
        return []
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entries.append(Entry(**json.loads(line)))
        except (json.JSONDecodeError, TypeError) as error:
            raise VersionError(f"{path}, line {number}: not a log entry ({error})") from error
    return entries


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def current_version(served: Path, directory: Path | None = None) -> str | None:
    """The version whose bytes the served file has, or None (never recorded, or rebuilt)."""
    if not Path(served).exists():
        return None
    checksum = sha256_file(served)
    for entry in reversed(read_log(directory)):
        if entry.sha256 == checksum:
            return entry.version
    return None


def list_versions(directory: Path | None = None) -> list[Entry]:
    """One entry per version, the event that created it, oldest first."""
    created: dict[str, Entry] = {}
    for entry in read_log(directory):
        if entry.action != "rollback":
            created.setdefault(entry.version, entry)
    return list(created.values())


@contextlib.contextmanager
def locked(directory: Path | None = None) -> Iterator[None]:
    """One import or rollback at a time, across processes."""
    folder = versions_dir(directory)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK_NAME, "a+") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            remove_stale_temporaries(folder)
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


# Temporary files younger than this in the served file's folder may be a build at work.
STALE_SECONDS = 600


def remove_stale_temporaries(folder: Path, served: Path | None = None) -> list[Path]:
    """Half-written copies left by a process killed mid-write (kill -9 skips every finally):
    in the versions folder all of them (written only under the lock, which we hold), and
    beside the served file those older than STALE_SECONDS."""
    removed = []
    candidates = [(path, 0.0) for path in folder.glob(".v*.parquet.*")]
    served = Path(served or config.DATA_FILE)
    if served.parent.is_dir():
        candidates += [(path, STALE_SECONDS) for path in served.parent.glob(f".{served.name}.*")]
    now = time.time()
    for path, age in candidates:
        try:
            if path.is_file() and now - path.stat().st_mtime >= age:
                path.unlink()
                removed.append(path)
        except OSError:
            continue  # gone meanwhile, or not ours to remove: the next import tries again
    return removed


# ---------------------------------------------------------------- writing


def commit(
    observations: pd.DataFrame,
    catalogue: Catalogue,
    served: Path,
    *,
    file: str,
    rows: dict[str, int],
    directory: Path | None = None,
) -> Entry:
    """Keep the served file as a version (if new), write the new version, then serve it.

    Call inside `locked()`. Raises VersionError and leaves the served file as it was if the
    new version does not load back cleanly.
    """
    served = Path(served)
    folder = versions_dir(directory)
    previous = ensure_recorded(served, folder)
    version = _next_version(folder)
    path = folder / f"{version}.parquet"
    write_parquet(observations, catalogue, path, built_from=f"import of {Path(file).name}")
    try:
        Dataset.load(path)
    except DataLoadError as error:
        path.unlink(missing_ok=True)
        raise VersionError(f"the merged data does not load back: {error}") from error
    os.chmod(path, 0o644)
    entry = Entry(
        version=version,
        action="import",
        time=_now(),
        file=file,
        sha256=sha256_file(path),
        rows=rows,
        previous=previous,
        into=str(served),
    )
    _append(folder, entry)
    _serve(path, served)
    return entry


def ensure_recorded(served: Path, directory: Path | None = None) -> str | None:
    """The served file's version id, archiving it first as a baseline if the log lacks it."""
    folder = versions_dir(directory)
    if not served.exists():
        return None
    known = current_version(served, folder)
    if known is not None:
        return known
    version = _next_version(folder)
    _copy_atomically(served, folder / f"{version}.parquet")
    try:
        rows = {"observations": len(Dataset.load(served).observations)}
    except DataLoadError:
        rows = {}
    _append(
        folder,
        Entry(
            version=version,
            action="baseline",
            time=_now(),
            file=_built_from(served) or str(served),
            sha256=sha256_file(folder / f"{version}.parquet"),
            rows=rows,
            previous=None,
            into=str(served),
        ),
    )
    return version


def rollback(served: Path, version: str | None = None, directory: Path | None = None) -> Entry:
    """Serve an earlier version again, byte for byte (default: the one before the current)."""
    served = Path(served)
    folder = versions_dir(directory)
    current = current_version(served, folder)
    if version is None:
        version = _default_rollback(current, folder)
    path = version_path(version, folder)
    expected = next((e.sha256 for e in read_log(folder) if e.version == version), None)
    if expected is None:
        raise VersionError(
            f"version {version} is not in the log {folder / LOG_NAME}, so its checksum cannot "
            "be checked (see: python -m dashboard versions)"
        )
    if sha256_file(path) != expected:
        raise VersionError(f"version {version} is damaged: its checksum differs from the log")
    previous = ensure_recorded(served, folder)
    entry = Entry(
        version=version,
        action="rollback",
        time=_now(),
        file=str(path),
        sha256=expected,
        rows={"observations": len(Dataset.load(path).observations)},
        previous=previous,
        into=str(served),
    )
    _append(folder, entry)
    _serve(path, served)
    return entry


def _default_rollback(current: str | None, folder: Path) -> str:
    if current is None:
        raise VersionError(
            "the served file is not a recorded version (rebuilt by `make data`?); "
            "name the version to restore (see: python -m dashboard versions)"
        )
    # The version the current one was made from (its creating import), not the one served
    # just before: rolling back twice steps back twice instead of undoing the undo.
    entry = next((e for e in list_versions(folder) if e.version == current), None)
    if entry is None or entry.previous is None:
        raise VersionError(f"{current} is the first version; there is nothing to roll back to")
    return entry.previous


def _next_version(folder: Path) -> str:
    numbers = [int(entry.version[1:]) for entry in read_log(folder)]
    numbers += [
        int(path.stem[1:]) for path in folder.glob("v*.parquet") if VERSION_PATTERN.match(path.stem)
    ]
    return f"v{max(numbers, default=0) + 1:04d}"


def _append(folder: Path, entry: Entry) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOG_NAME, "a", encoding="utf-8") as handle:
        handle.write(entry.as_json() + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def _serve(version_file: Path, served: Path) -> None:
    mode = served.stat().st_mode & 0o777 if served.exists() else 0o644
    _copy_atomically(version_file, served, mode=mode)


def _copy_atomically(source: Path, target: Path, *, mode: int = 0o644) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out, open(source, "rb") as data:
            for block in iter(lambda: data.read(1 << 20), b""):
                out.write(block)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _built_from(path: Path) -> str:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from dashboard.data.build import CATALOGUE_KEY

    try:
        metadata = pq.read_schema(path).metadata or {}
        return str(json.loads(metadata[CATALOGUE_KEY].decode("utf-8")).get("built_from", ""))
    except (OSError, KeyError, ValueError, pa.ArrowException):
        return ""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
