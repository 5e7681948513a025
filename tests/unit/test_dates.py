"""Date values on the hand-built Bengali set: ≥ 95% exact, no false positives."""

from __future__ import annotations

from datetime import date

from eval.dates_eval import grammar_finder, load_date_set, score_dates
from models.dates.calendars import bengali_to_gregorian


def test_date_set_size() -> None:
    rows = load_date_set()
    assert sum(len(r["dates"]) for r in rows) >= 150
    assert sum(1 for r in rows if not r["dates"]) >= 30


def test_grammar_on_date_set() -> None:
    score = score_dates(grammar_finder, load_date_set())
    assert score.false_positives == 0, score.misses
    assert score.accuracy >= 0.95, "\n".join(map(str, score.misses))


def test_bengali_calendar_national_days() -> None:
    assert bengali_to_gregorian(8, 11, 1430) == date(2024, 2, 21)  # ৮ ফাল্গুন: Language Day
    assert bengali_to_gregorian(12, 12, 1430) == date(2024, 3, 26)  # ১২ চৈত্র: Independence Day
    assert bengali_to_gregorian(1, 9, 1431) == date(2024, 12, 16)  # ১ পৌষ: Victory Day
    assert bengali_to_gregorian(1, 1, 1431) == date(2024, 4, 14)  # পহেলা বৈশাখ
