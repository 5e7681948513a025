"""Score a date finder+resolver on the date sets: tests/data/dates_bn.jsonl and
dates_web.jsonl, and the real-text set eval/gold/dates_real.jsonl (eval/gold/REAL.md).

``score_dates``: a gold expression's value counts as right when a found span overlapping
it carries exactly its value (spans are compared separately: ``exact_span``); anything
found in a sentence with no gold date is a false positive. ``strict_date_scores``: the
span-exact P/R/F1 the guide scores by, and value and mod accuracy on the exactly matched
spans. Used by the test suite and by bench/dates_vs_dateparser.py.
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


REAL_SET = Path(__file__).resolve().parent / "gold" / "dates_real.jsonl"


def load_date_set(path: Path = DATE_SET, split: str | None = None) -> list[dict]:
    """Rows ``{"text", "date", "split"?, "dates": [{"text", "value", "start"?, "mod"?}]}``;
    a gold-format file (``entities`` with offsets: dates_real.jsonl) is read into that shape."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    rows = [_from_gold(r) if "entities" in r else r for r in rows]
    return [r for r in rows if split is None or r.get("split") == split]


def _from_gold(row: dict) -> dict:
    dates = [
        {"text": e["text"], "value": e.get("value"), "start": e["start"], "mod": e.get("mod")}
        for e in row["entities"]
        if e["label"] == "DATE"
    ]
    return {"text": row["text"], "date": row["date"], "split": row.get("split"), "dates": dates}


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
        spans = [(_span(text, f[0]), f[1]) for f in found]
        for gold in row["dates"]:
            expressions += 1
            gs, ge = _span(text, gold["text"])
            overlapping = [v for (s, e), v in spans if s < ge and gs < e]
            exact_span += any(f[0] == gold["text"] for f in found)
            if gold["value"] in overlapping:
                exact += 1
            else:
                misses.append((text, gold["text"], gold["value"], found))
    return DateScore(expressions, exact, exact_span, negatives, false_pos, misses)


@dataclass
class StrictDateScore:
    gold: int
    found: int
    exact: int  # spans found exactly
    value_known: int  # of those, gold states a value
    value_right: int
    mod_right: int  # of the exact spans, the same mod (None included)
    misses: list[tuple[str, str, str | None, list]]

    @property
    def f1(self) -> float:
        return 2 * self.exact / (self.gold + self.found) if self.gold + self.found else 1.0

    @property
    def value_accuracy(self) -> float:
        return self.value_right / self.value_known if self.value_known else 1.0


def _placed(text: str, found: list[tuple]) -> list[tuple[int, int, tuple]]:
    """Found surfaces placed in the text in reading order (a repeated surface: the next)."""
    out, pos = [], 0
    for item in found:
        start = text.find(item[0], pos)
        if start < 0:
            start = text.find(item[0])
        out.append((start, start + len(item[0]), item))
        pos = start + len(item[0]) if start >= 0 else pos
    return out


def strict_date_scores(finder: DateFinder, rows: list[dict]) -> StrictDateScore:
    """Span-exact scores; a finder item is ``(surface, value)`` or ``(surface, value, mod)``."""
    gold_n = found_n = exact = known = right = mod_right = 0
    misses = []
    for row in rows:
        text = row["text"]
        found = _placed(text, finder(text, date.fromisoformat(row["date"])))
        found_n += len(found)
        by_span = {(s, e): item for s, e, item in found}
        for g in row["dates"]:
            gold_n += 1
            start = g["start"] if "start" in g else _span(text, g["text"])[0]
            item = by_span.get((start, start + len(g["text"])))
            if item is None:
                misses.append((text, g["text"], g.get("value"), [f[2] for f in found]))
                continue
            exact += 1
            mod = item[2] if len(item) > 2 else None
            mod_right += mod == g.get("mod")
            if "value" in g:
                known += 1
                right += item[1] == g["value"]
                if item[1] != g["value"]:
                    misses.append((text, g["text"], g["value"], [item]))
    return StrictDateScore(gold_n, found_n, exact, known, right, mod_right, misses)


def grammar_finder(text: str, doc: date) -> list[tuple[str, str | None, str | None]]:
    """Our grammar + resolver, reported on the text as given."""
    from banglaner.models.dates import find_dates
    from banglaner.models.dates.context import resolve_all
    from banglaner.models.normalize import normalize

    norm = normalize(text)
    matches = find_dates(norm.text)
    out = []
    for m, found in zip(matches, resolve_all(norm.text, matches, doc), strict=True):
        s, e = norm.to_original(m.start, m.end)
        out.append((text[s:e], found.value, found.mod))
    return out
