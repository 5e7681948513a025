"""Reading a corpus: one ``InputDoc`` per good record, one ``InputError`` per bad one.

A record's ``line`` (1-based line of a JSONL file, or position of a .txt file in
name order) is what the errors file reports and what a resumed run recognises.

Two things are settled here, once, so that no later step can fail on them:

* **Lone surrogates** (``"\\ud800"``: valid JSON escapes, impossible in UTF-8) in
  any string of a record are replaced by U+FFFD, one code point for one, so
  offsets still index the text exactly as read; the output record says how many
  characters were replaced (``replaced_chars``).
* **Fields the output writes** (``entities``, ``date_source``, ``replaced_chars``)
  that the input record already has are kept under ``input_<name>``; a record
  that also has that name is refused with a reason. Nothing is lost silently.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import regex

from banglaner.models.errors import ConfigError

OUTPUT_FIELDS = ("entities", "date_source", "replaced_chars")
_SURROGATE = regex.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class InputDoc:
    line: int
    id: str
    text: str
    date: date | None
    fields: dict[str, Any]  # the record as read (cleaned); carried through to the output


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
    with open(path, "rb") as fh:  # line by line: a corpus can be larger than memory
        return sum(1 for line in fh if line.strip())  # read_inputs skips blank lines too


def replace_surrogates(value: Any) -> tuple[Any, int]:
    """``value`` with every lone surrogate in its strings (keys included) replaced by U+FFFD,
    and how many were replaced."""
    if isinstance(value, str):
        return _SURROGATE.subn("\ufffd", value)
    if isinstance(value, list):
        items = [replace_surrogates(v) for v in value]
        return [v for v, _ in items], sum(n for _, n in items)
    if isinstance(value, dict):
        out, total = {}, 0
        for k, v in value.items():
            (k2, n1), (v2, n2) = replace_surrogates(k), replace_surrogates(v)
            out[k2] = v2
            total += n1 + n2
        return out, total
    return value, 0


def _keep_input_fields(record: dict[str, Any]) -> str | None:
    """Move fields the output will write to ``input_<name>``; a reason where that is taken."""
    for name in OUTPUT_FIELDS:
        if name in record:
            if f"input_{name}" in record:
                return f"has both {name!r} and 'input_{name}' (the output writes {name!r})"
            record[f"input_{name}"] = record.pop(name)
    return None


def _parse_line(line: int, raw: bytes, max_chars: int) -> InputDoc | InputError:
    try:
        record = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        return InputError(line, None, f"not a JSON object: {exc}")
    if not isinstance(record, dict):
        return InputError(line, None, f"not a JSON object but {type(record).__name__}")
    record, replaced = replace_surrogates(record)
    doc_id = record.get("id", str(line))
    if not isinstance(doc_id, str | int) or isinstance(doc_id, bool):
        return InputError(line, None, f"id must be a string or integer, got {doc_id!r}")
    doc_id = str(doc_id)
    text = record.get("text")
    if not isinstance(text, str):
        what = "missing" if text is None else f"a {type(text).__name__}"
        return InputError(line, doc_id, f"text must be a string, is {what}")
    if len(text) > max_chars:
        return InputError(
            line, doc_id, f"text has {len(text)} characters; the limit is {max_chars} (--max-chars)"
        )
    doc_date = record.get("date")
    if doc_date is not None:
        try:
            doc_date = date.fromisoformat(doc_date)
        except (TypeError, ValueError):
            return InputError(line, doc_id, f"date {doc_date!r} is not YYYY-MM-DD")
    if reason := _keep_input_fields(record):
        return InputError(line, doc_id, reason)
    if replaced:
        record["replaced_chars"] = replaced
    return InputDoc(line, doc_id, text, doc_date, record)


def read_inputs(path: Path, max_chars: int) -> Iterator[InputDoc | InputError]:
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
            if len(text) > max_chars:
                yield InputError(line, file.name, f"text has {len(text)} characters (--max-chars)")
                continue
            yield InputDoc(line, file.name, text, None, {"id": file.name, "text": text})
        return
    if not path.is_file():
        raise ConfigError.of("E401", path=path)
    with open(path, "rb") as fh:
        for line, raw in enumerate(fh, 1):
            if raw.strip():
                yield _parse_line(line, raw, max_chars)
