"""Your own entities: a newsroom's people, companies and institutions, with its own IDs.

A user file is JSONL, one entity per line::

    {"id": "khulna:mayor-2024", "label": "PER", "name": "তালুকদার আবদুল খালেক",
     "aliases": ["খালেক", "আবদুল খালেক"], "name_en": "Talukder Abdul Khaleque",
     "qid": "Q...", "description": "Mayor of Khulna"}

or CSV with the same columns (``aliases`` separated by ``|``). Every name and alias gets
the variant-key treatment of curated entries (case endings, spelling variants); the ``id``
is returned as given; a user entity wins over a built-in one with the same name or key
(its records get the ``user`` trust tier, above every built-in source). A file is read
whole and checked whole: every problem is reported with its line, and nothing is built
from a file that has one.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import regex

from banglaner.models.errors import BanglanerError
from banglaner.models.kb.sources import KbRecord
from banglaner.models.kb.variant_key import alias_form
from banglaner.models.labels import NAME_LABELS

USER_PRIOR = 2000.0  # above curated (1000): a user's entity wins a shared name
_QID = regex.compile(r"Q[1-9][0-9]*")
_ID = regex.compile(r"[^\s]{1,200}")
_FIELDS = ("id", "label", "name", "aliases", "name_en", "qid", "description")


class UserEntityError(BanglanerError):
    """A user entity file that cannot be read: every problem, with its line."""


def _rows(path: Path) -> Iterator[tuple[int, object]]:
    """(line number, parsed row or a problem) of a JSONL or CSV file."""
    with path.open(encoding="utf-8", newline="") as fh:
        if path.suffix.lower() == ".csv":
            reader = csv.DictReader(fh)
            for row in reader:
                aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
                yield reader.line_num, {k: v for k, v in row.items() if v} | {"aliases": aliases}
            return
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield n, json.loads(line)
            except json.JSONDecodeError as exc:
                yield n, f"not JSON ({exc.msg})"


def _problems(row: object) -> list[str]:
    if not isinstance(row, dict):
        return [row if isinstance(row, str) else "not a JSON object"]
    problems = []
    unknown = sorted(set(row) - set(_FIELDS))
    if unknown:
        problems.append(f"unknown field(s) {unknown} (known: {list(_FIELDS)})")
    if not isinstance(row.get("id"), str) or not _ID.fullmatch(row.get("id") or ""):
        problems.append("id must be a non-empty string without spaces")
    if row.get("label") not in NAME_LABELS:
        problems.append(f"label {row.get('label')!r} is not one of {list(NAME_LABELS)}")
    if not isinstance(row.get("name"), str) or not row["name"].strip():
        problems.append("name must be a non-empty string")
    aliases = row.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        problems.append("aliases must be a list of strings")
    if row.get("qid") and not _QID.fullmatch(str(row["qid"])):
        problems.append(f"qid {row['qid']!r} is not a Wikidata QID (Q123)")
    return problems


def read_user_entities(path: Path) -> list[KbRecord]:
    """The records of one user file; raises E310 listing every problem with its line."""
    if not path.is_file():
        raise UserEntityError.of("E311", path=path)
    problems: list[str] = []
    records: list[KbRecord] = []
    first_line: dict[str, int] = {}  # id → line
    owner: dict[str, tuple[str, int]] = {}  # alias form → (id, line)
    for n, row in _rows(path):
        found = _problems(row)  # a row that is not an object is one of them
        if not found and isinstance(row, dict):
            if row["id"] in first_line:
                found.append(f"duplicate id {row['id']!r} (first on line {first_line[row['id']]})")
            names = [row["name"], *row.get("aliases", [])]
            for name in names:
                form = alias_form(name)
                other = owner.get(form)
                if other is not None and other[0] != row["id"]:
                    found.append(f"alias {name!r} is also a name of {other[0]!r} (line {other[1]})")
        if found or not isinstance(row, dict):
            problems += [f"{path.name}:{n}: {p}" for p in found]
            continue
        first_line[row["id"]] = n
        for name in [row["name"], *row.get("aliases", [])]:
            owner.setdefault(alias_form(name), (row["id"], n))
        records.append(_record(row, path))
    if problems:
        raise UserEntityError.of(
            "E310", path=path, count=len(problems), problems="\n".join(problems)
        )
    return records


def _record(row: dict[str, Any], path: Path) -> KbRecord:
    return KbRecord(
        label=row["label"],
        name_bn=row["name"].strip(),
        name_en=(row.get("name_en") or None),
        source=f"user:{path.name}",
        qid=row.get("qid") or None,
        aliases=[a.strip() for a in row.get("aliases", []) if a.strip()],
        prior=USER_PRIOR,
        given_id=row["id"],
        tier="user",
    )
