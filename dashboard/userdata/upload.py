"""Preview uploads: check a file dropped on the Upload page and keep it server-side by token.

The browser holds only `{"token", "filename", ...}` in a session dcc.Store; the file itself is
kept in UPLOAD_DIR/<token>/ so that any worker process can serve the session (issue 6). The
stored bytes are the file exactly as uploaded: each process re-reads and re-validates them
through the same code that produced the report, against the data it currently serves.
Nothing here writes to the served dataset. Old uploads expire, and the oldest go first when
the uploads together pass config.MAX_UPLOAD_STORAGE_BYTES or config.MAX_STORED_UPLOADS. A
session keeps one preview: the Upload page forgets the previous one when it stores a new one,
so a session holds at most MAX_UPLOAD_BYTES.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard import config
from dashboard.data.contract import KEY, Problem, Validated
from dashboard.data.store import Dataset, get_dataset
from dashboard.userdata.reading import read_user_bytes, validate_user_dataset

# Where validated preview uploads are kept (one directory per token): config.py owns it.
UPLOAD_DIR: Path = config.UPLOAD_DIR
UPLOAD_MAX_AGE_SECONDS: int = config.UPLOAD_MAX_AGE_SECONDS
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
FILE_NAME = "upload.bin"
META_NAME = "meta.json"
_DATA_URL = re.compile(r"^data:[^,]{0,200};base64,", re.ASCII)


@dataclass
class UploadReport:
    """What the Upload page shows: the problems, or a summary of a valid file."""

    filename: str
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    indicators: int = 0
    areas: int = 0
    years: tuple[int, int] | None = None
    kind: str = ""
    token: str | None = None  # set when the valid upload was stored

    @property
    def ok(self) -> bool:
        return not self.problems

    def store_data(self) -> dict | None:
        """The value for the session store (ids.UPLOAD_STORE): only ids, never the data."""
        if self.token is None:
            return None
        return {"token": self.token, "filename": self.filename, "rows": self.rows}


# ---------------------------------------------------------------- from the browser


def decode_contents(contents: str, filename: str) -> tuple[bytes | None, Problem | None]:
    """dcc.Upload's "data:<type>;base64,<data>" to bytes, refusing oversize files early."""
    label = safe_filename(filename)
    match = _DATA_URL.match(contents if isinstance(contents, str) else "")
    if match is None:
        return None, Problem(label, None, None, None, "the upload did not arrive as a file")
    encoded = contents[match.end() :]
    if len(encoded) * 3 // 4 > config.MAX_UPLOAD_BYTES + 3:
        size = len(encoded) * 3 / 4 / 1_048_576
        limit = config.MAX_UPLOAD_BYTES / 1_048_576
        return None, Problem(
            label,
            None,
            None,
            None,
            f"the file is {size:.1f} MB, more than the {limit:.0f} MB allowed",
            "split it into several files, or remove unused sheets",
        )
    try:
        return base64.b64decode(encoded, validate=True), None
    except (binascii.Error, ValueError):
        return None, Problem(label, None, None, None, "the upload is damaged (not base64)")


def safe_filename(filename: object) -> str:
    """The base name only, printable, at most 120 characters: it is shown back to the user."""
    name = Path(str(filename or "upload").replace("\\", "/")).name
    name = "".join(char for char in name if char.isprintable())
    return name[:120] or "upload"


def check_upload(
    contents: str, filename: str, served: Dataset | None = None, *, store: bool = True
) -> UploadReport:
    """Decode, read and validate an upload; store it when valid. Writes nothing otherwise."""
    name = safe_filename(filename)
    data, problem = decode_contents(contents, name)
    if problem is not None or data is None:
        return UploadReport(name, [problem] if problem else [])
    served = served or get_dataset()
    report, _ = validate_bytes(data, name, served)
    if report.ok and store:
        report.token = save_upload(data, name, report)
    return report


def validate_bytes(data: bytes, filename: str, served: Dataset) -> tuple[UploadReport, Validated]:
    read = read_user_bytes(data, filename)
    report = UploadReport(filename, kind=read.kind)
    if read.problems:
        report.problems = read.problems
        return report, Validated(pd.DataFrame(), served.catalogue, read.problems)
    validated = validate_user_dataset(read.raw, served.catalogue, origin="upload")
    report.problems = validated.problems
    frame = validated.observations
    if report.ok and not frame.empty:
        report.rows = len(frame)
        report.indicators = int(frame["indicator"].nunique())
        report.areas = int(frame["area"].nunique())
        report.years = (int(frame["year"].min()), int(frame["year"].max()))
    return report, validated


# ---------------------------------------------------------------- storage


def upload_dir() -> Path:
    return Path(UPLOAD_DIR)


def save_upload(data: bytes, filename: str, report: UploadReport) -> str:
    """Keep the file under a new random token; returns the token. Room is made first: the
    oldest uploads go until this one fits within the storage limits."""
    expire_uploads(incoming=len(data))
    token = secrets.token_urlsafe(32)
    folder = upload_dir() / token
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=_ensure_dir()))
    try:
        (staging / FILE_NAME).write_bytes(data)
        meta = {
            "filename": filename,
            "created": time.time(),
            "rows": report.rows,
            "kind": report.kind,
        }
        (staging / META_NAME).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        os.replace(staging, folder)  # the folder appears complete or not at all
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # a full disk leaves no half upload
        raise
    return token


def load_upload(token: object) -> tuple[bytes, dict] | None:
    """The stored file and its metadata, or None (unknown, expired, or a forged token)."""
    folder = _token_folder(token)
    if folder is None:
        return None
    try:
        meta = json.loads((folder / META_NAME).read_text(encoding="utf-8"))
        if time.time() - float(meta["created"]) > UPLOAD_MAX_AGE_SECONDS:
            return None
        return (folder / FILE_NAME).read_bytes(), meta
    except (OSError, ValueError, KeyError):
        return None


def delete_upload(token: object) -> None:
    folder = _token_folder(token)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def expire_uploads(now: float | None = None, *, incoming: int = 0) -> int:
    """Remove uploads older than the maximum age, then the oldest until the rest and an
    upload of `incoming` bytes fit within MAX_STORED_UPLOADS and MAX_UPLOAD_STORAGE_BYTES
    (staging folders left by a crash count, and go, like any other)."""
    root = upload_dir()
    if not root.exists():
        return 0
    now = time.time() if now is None else now
    folders = []
    for path in root.iterdir():
        try:
            if path.is_dir():
                folders.append((path.stat().st_mtime, _folder_bytes(path), path))
        except OSError:
            continue  # removed by another worker meanwhile
    folders.sort(key=lambda item: item[0])
    count = len(folders) + (1 if incoming else 0)
    total = sum(size for _, size, _ in folders) + incoming
    removed = 0
    for mtime, size, folder in folders:
        over = count > config.MAX_STORED_UPLOADS or total > config.MAX_UPLOAD_STORAGE_BYTES
        if over or now - mtime > UPLOAD_MAX_AGE_SECONDS:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
            count -= 1
            total -= size
    return removed


def _folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.iterdir() if path.is_file())


def stored_bytes() -> int:
    """What the kept uploads take on disk together."""
    root = upload_dir()
    if not root.exists():
        return 0
    return sum(_folder_bytes(path) for path in root.iterdir() if path.is_dir())


def _token_folder(token: object) -> Path | None:
    if not isinstance(token, str) or not TOKEN_PATTERN.match(token):
        return None
    folder = upload_dir() / token
    return folder if folder.is_dir() else None


def _ensure_dir() -> Path:
    root = upload_dir()
    root.mkdir(parents=True, exist_ok=True)
    return root


# ---------------------------------------------------------------- what the preview changes


def compare_with_served(served: Dataset, merged: Dataset) -> pd.DataFrame:
    """Each uploaded reading beside the served preferred reading it takes the place of.

    Columns as diff.CHANGE_COLUMNS; change is "added" (a key the served data lacks),
    "changed" (the value shown for the key changes) or "preferred" (same value, now from the
    upload). Sorted with the changed values first.
    """
    from dashboard.userdata.diff import CHANGE_COLUMNS

    rows = merged.observations
    uploaded = rows[rows["origin"].astype(str) == "upload"]
    base = served.observations
    base = base[base["preferred"]]
    key_text = {column: str for column in KEY if column != "year"}
    left = uploaded.astype({**key_text, "year": int})[
        [*KEY, "source", "unit", "value", "quote", "note", "note_zh"]
    ].astype({"source": str, "unit": str})
    right = base.astype({**key_text, "year": int})[[*KEY, "value", "source"]].rename(
        columns={"value": "value_before", "source": "source_before"}
    )
    frame = left.merge(right, on=KEY, how="left").rename(columns={"value": "value_after"})
    frame["preferred_before"] = frame["value_before"].notna()
    frame["preferred_after"] = True
    known = frame["value_before"].notna()
    same = known & (
        (frame["value_after"] - frame["value_before"]).abs() <= 1e-9 * frame["value_before"].abs()
    )
    frame["change"] = "added"
    frame.loc[known, "change"] = "changed"
    frame.loc[same, "change"] = "preferred"
    order = frame["change"].map({"changed": 0, "added": 1, "preferred": 2})
    frame = frame.assign(order=order).sort_values(["order", *KEY], kind="stable")
    return frame[CHANGE_COLUMNS].reset_index(drop=True)
