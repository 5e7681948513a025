"""Score a date finder+resolver on the Bengali date test set (tests/data/dates_bn.jsonl).

A gold expression's value counts as right when a found span overlapping it
carries exactly its value (spans are compared separately: ``exact_span``);
anything found in a sentence with no gold date is a false positive.
Used by the test suite and by bench/dates_vs_dateparser.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

DATE_SET = Path(__file__).resolve().parents[1] / "tests" / "data" / "dates_bn.jsonl"
WEB_SET = DATE_SET.with_name("dates_web.jsonl")  # Latin-script and mixed dates of news pages

# (text, document date) → [(mention text, ISO value or None)]
DateFinder = Callable[[str, date], list[tuple[str, str | None]]]


@dataclass
class DateScore:
    expressions: int
    exact: int  # an overlapping span with the right value
    exact_span: int  # a span with exactly the gold text
    non_date_sentences: int
    false_positives: int
    misses: list[tuple[str, str, str | None, list]]

    @property
    def accuracy(self) -> float:
        return self.exact / self.expressions if self.expressions else 0.0


def load_date_set(path: Path = DATE_SET) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _span(text: str, surface: str) -> tuple[int, int]:
    start = text.find(surface)
    return (start, start + len(surface)) if start >= 0 else (-1, -1)


def score_dates(finder: DateFinder, rows: list[dict]) -> DateScore:
    expressions = exact = exact_span = negatives = false_pos = 0
    misses = []
    for row in rows:
        text = row["text"]
        found = finder(text, date.fromisoformat(row["date"]))
        if not row["dates"]:
            negatives += 1
            false_pos += len(found)
            continue
        spans = [(_span(text, surface), value) for surface, value in found]
        for gold in row["dates"]:
            expressions += 1
            gs, ge = _span(text, gold["text"])
            overlapping = [v for (s, e), v in spans if s < ge and gs < e]
            exact_span += any(surface == gold["text"] for surface, _ in found)
            if gold["value"] in overlapping:
                exact += 1
            else:
                misses.append((text, gold["text"], gold["value"], found))
    return DateScore(expressions, exact, exact_span, negatives, false_pos, misses)


def grammar_finder(text: str, doc: date) -> list[tuple[str, str | None]]:
    """Our grammar + resolver, reported on the text as given."""
    from models.dates import find_dates, resolve
    from models.normalize import normalize

    norm = normalize(text)
    out = []
    for m in find_dates(norm.text):
        s, e = norm.to_original(m.start, m.end)
        out.append((text[s:e], resolve(m, doc).value))
    return out
