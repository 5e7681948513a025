"""Append-only JSONL files that survive ``kill -9`` at any moment, and the manifest that says
what job they belong to.

A record is one ``write`` of one complete line, flushed and fsynced with its
chunk, so an interruption leaves at most one torn last line. ``recover`` cuts
it (and drops any line that is not a JSON object) before a resumed run
appends, so output lines are never lost, duplicated or glued together. Each
record is encoded on its own: one that cannot be encoded is handed back to the
caller (for the errors file) and the rest of the chunk is written.

The manifest (``OUTPUT.job.json``) records the input (path, size, SHA-256) and
every option that changes the output. A run resumes only a journal whose
manifest matches; a file without one is not ours and is never rewritten.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from banglaner.models.errors import ConfigError

MANIFEST_VERSION = 1


def _fsynced_write(path: Path, data: bytes) -> None:
    """Replace ``path`` atomically with ``data``."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)


class Journal:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: BinaryIO | None = None

    def records(self) -> Iterator[dict[str, Any]]:
        """Every complete record, in file order."""
        if not self.path.is_file():
            return
        with open(self.path, "rb") as fh:
            for raw in fh:
                record = _complete_record(raw)
                if record is not None:
                    yield record

    def recover(self) -> int:
        """Remove torn and unreadable lines; returns how many were removed."""
        if not self.path.is_file():
            return 0
        keep: list[bytes] = []
        dropped = 0
        with open(self.path, "rb") as fh:
            for raw in fh:
                if _complete_record(raw) is None:
                    dropped += 1
                else:
                    keep.append(raw)
        if dropped:
            _fsynced_write(self.path, b"".join(keep))
        return dropped

    def append(self, records: Iterable[dict[str, Any]]) -> list[tuple[int, str]]:
        """Write every record that encodes; returns the position and reason of the others."""
        lines, failed = [], []
        for pos, record in enumerate(records):
            try:
                lines.append(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
            except (TypeError, ValueError, UnicodeEncodeError, RecursionError) as exc:
                failed.append((pos, f"cannot be written as JSON: {type(exc).__name__}: {exc}"))
        if lines:
            if self._fh is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._fh = open(self.path, "ab")  # noqa: SIM115 - held across appends, closed by close()
            self._fh.write(b"".join(lines))
            self._fh.flush()
            os.fsync(self._fh.fileno())
        return failed

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def _complete_record(raw: bytes) -> dict[str, Any] | None:
    if not raw.endswith(b"\n"):
        return None  # torn: the process died inside this write
    try:
        record = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return record if isinstance(record, dict) else None


def fingerprint(path: Path) -> dict[str, Any]:
    """What an input is: its resolved path, size and SHA-256 (of every file of a folder)."""
    digest = hashlib.sha256()
    files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    size = 0
    for file in files:
        digest.update(file.name.encode() + b"\0")
        with open(file, "rb") as fh:
            while block := fh.read(1 << 20):
                digest.update(block)
                size += len(block)
    return {"path": str(path.resolve()), "size": size, "sha256": digest.hexdigest()}


@dataclass(frozen=True)
class Manifest:
    """What a journal is the output of: the input and the options that change its lines."""

    path: Path  # OUTPUT.job.json
    job: dict[str, Any]

    def _read(self) -> dict[str, Any] | None:
        if not self.path.is_file():
            return None
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return None
        return stored if isinstance(stored, dict) else None

    def differences(self, stored: dict[str, Any]) -> list[str]:
        """What differs between this job and the stored one, for the error message."""
        out = []
        for key in sorted(set(self.job) | set(stored.get("job", {}))):
            ours, theirs = self.job.get(key), stored.get("job", {}).get(key)
            if ours != theirs:
                out.append(f"{key}: {theirs!r} before, {ours!r} now")
        return out

    def claim(self, outputs: Iterable[Path], restart: bool, started: dict[str, Any]) -> dict:
        """Make the outputs this job's: start them (``restart`` discards ours), or check that
        they are this job's to resume; raises E405/E406 otherwise. Returns what was stored
        when the job started (``started``, e.g. the day undated documents resolve against,
        is kept from the first run, so a resumed run writes the same lines)."""
        outputs = [p for p in outputs if p.exists()]
        stored = self._read()
        if stored is None and outputs:
            reason = "no manifest beside it" if not self.path.exists() else "unreadable manifest"
            raise ConfigError.of("E406", path=outputs[0], reason=reason)
        if stored is not None and not restart and (diff := self.differences(stored)):
            raise ConfigError.of("E405", path=self.path, differences="; ".join(diff))
        if stored is not None and not restart:
            return stored.get("started", started)
        for path in outputs:
            path.unlink()
        body = {"version": MANIFEST_VERSION, "job": self.job, "started": started}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        _fsynced_write(self.path, json.dumps(body, ensure_ascii=False, indent=1).encode())
        return started
