"""Reading a corpus: one ``InputDoc`` per good record, one ``InputError`` per bad one.

A record's ``line`` (1-based line of a JSONL file, or position of a .txt file in
name order) is what the errors file reports and what a resumed run recognises.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from models.errors import ConfigError


@dataclass(frozen=True, slots=True)
class InputDoc:
    line: int
    id: str
    text: str
    date: date | None
    fields: dict[str, Any]  # the record as read; carried through to the output


@dataclass(frozen=True, slots=True)
class InputError:
    line: int
    id: str | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "id": self.id, "reason": self.reason}


def _txt_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix == ".txt")


def count_records(path: Path) -> int:
    """How many records ``read_inputs`` will yield (for the progress bar's total)."""
    if path.is_dir():
        return len(_txt_files(path))
    lines, last = 0, b"\n"
    with open(path, "rb") as fh:  # in blocks: a corpus can be larger than memory
        while block := fh.read(1 << 20):
            lines += block.count(b"\n")
            last = block[-1:]
    return lines + (last != b"\n")


def _parse_line(line: int, raw: bytes) -> InputDoc | InputError:
    try:
        record = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return InputError(line, None, f"not a JSON object: {exc}")
    if not isinstance(record, dict):
        return InputError(line, None, f"not a JSON object but {type(record).__name__}")
    doc_id = record.get("id", str(line))
    if not isinstance(doc_id, str | int) or isinstance(doc_id, bool):
        return InputError(line, None, f"id must be a string or integer, got {doc_id!r}")
    doc_id = str(doc_id)
    text = record.get("text")
    if not isinstance(text, str):
        what = "missing" if text is None else f"a {type(text).__name__}"
        return InputError(line, doc_id, f"text must be a string, is {what}")
    doc_date = record.get("date")
    if doc_date is not None:
        try:
            doc_date = date.fromisoformat(doc_date)
        except (TypeError, ValueError):
            return InputError(line, doc_id, f"date {doc_date!r} is not YYYY-MM-DD")
    return InputDoc(line, doc_id, text, doc_date, record)


def read_inputs(path: Path) -> Iterator[InputDoc | InputError]:
    """Records of a JSONL file (``{"id", "text", "date"?, ...}`` per line; a record
    without an id gets its line number) or of a folder of UTF-8 ``.txt`` files (id =
    file name). Blank lines are skipped."""
    if path.is_dir():
        for line, file in enumerate(_txt_files(path), 1):
            try:
                text = file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                yield InputError(line, file.name, f"unreadable: {exc}")
                continue
            yield InputDoc(line, file.name, text, None, {"id": file.name, "text": text})
        return
    if not path.is_file():
        raise ConfigError("E401", f"input {path} does not exist", "give a .jsonl file or a folder")
    with open(path, "rb") as fh:
        for line, raw in enumerate(fh, 1):
            if raw.strip():
                yield _parse_line(line, raw)
