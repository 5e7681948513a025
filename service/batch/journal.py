"""Append-only JSONL files that survive ``kill -9`` at any moment.

A record is one ``write`` of one complete line, flushed and fsynced with its
chunk, so an interruption leaves at most one torn last line. ``recover``
cuts it (and drops any line that is not a JSON object) before a resumed run
appends, so output lines are never lost, duplicated or glued together.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any


class Journal:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh = None

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
            tmp = self.path.with_name(self.path.name + ".repair")
            with open(tmp, "wb") as fh:
                fh.writelines(keep)
                fh.flush()
                os.fsync(fh.fileno())
            tmp.replace(self.path)
        return dropped

    def append(self, records: Iterable[dict[str, Any]]) -> None:
        if self._fh is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = open(self.path, "ab")  # noqa: SIM115 - held across appends, closed by close()
        data = b"".join(json.dumps(r, ensure_ascii=False).encode("utf-8") + b"\n" for r in records)
        if data:
            self._fh.write(data)
            self._fh.flush()
            os.fsync(self._fh.fileno())

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
