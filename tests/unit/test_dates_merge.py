"""Model DATE mentions reconciled with the grammar's."""

from __future__ import annotations

from datetime import date

from banglaner.models.dates.merge import GRAMMAR_SCORE, merge_dates
from banglaner.models.entity import Entity
from banglaner.models.normalize import normalize

DOC = date(2023, 9, 14)


def _ent(text: str, surface: str, label: str, score: float) -> Entity:
    s = text.index(surface)
    return Entity(s, s + len(surface), surface, label, score)


def test_grammar_extends_model_span_and_gives_value() -> None:
    text = "গতকাল বুধবার ঢাকায় সভা হয়।"
    out = merge_dates(
        [_ent(text, "বুধবার", "DATE", 0.7), _ent(text, "ঢাকায়", "LOC", 0.9)], normalize(text), DOC
    )
    assert [(e.text, e.label, e.value) for e in out] == [
        ("গতকাল বুধবার", "DATE", "2023-09-13"),
        ("ঢাকায়", "LOC", None),
    ]
    assert out[0].score == GRAMMAR_SCORE


def test_model_only_dates_need_confidence_and_grammar_fills_misses() -> None:
    text = "ভোটের দিন শেষে ২০১৯ সালে সেতু খোলে, পূজার দিন।"
    out = merge_dates(
        [_ent(text, "ভোটের দিন", "DATE", 0.85), _ent(text, "পূজার দিন", "DATE", 0.7)],
        normalize(text),
        DOC,
    )
    assert [(e.text, e.value) for e in out] == [("ভোটের দিন", None), ("২০১৯ সালে", "2019")]


def test_a_model_date_on_what_the_grammar_judged_no_date_is_dropped() -> None:
    """ঈদের ছুটি is the occasion, নির্বাচনের দুই দিন আগে counted from an event: however
    sure the tagger is, the grammar's judgement stands."""
    text = "ঈদের ছুটি নিয়ে নির্বাচনের দুই দিন আগে সিদ্ধান্ত হয়।"
    model = [_ent(text, "ঈদের ছুটি", "DATE", 0.95), _ent(text, "দুই দিন আগে", "DATE", 0.95)]
    assert merge_dates(model, normalize(text), DOC) == []


def test_weekday_disagreement_is_reported() -> None:
    text = "গতকাল মঙ্গলবার তিনি আসেন।"
    (ent,) = merge_dates([], normalize(text), DOC)
    assert ent.value == "2023-09-13" and "weekday" in (ent.note or "")


def test_offsets_on_the_text_as_sent() -> None:
    text = "গত\u00a0জুন\u200c মাসে"
    (ent,) = merge_dates([], normalize(text), DOC)
    assert text[ent.start : ent.end] == ent.text == text and ent.value == "2023-06"


def test_a_name_made_of_date_words_is_a_date_and_a_longer_name_stays() -> None:
    text = "আজ মে রহমান ঢাকায় আসেন।"
    out = merge_dates(
        [_ent(text, "আজ", "PER", 0.95), _ent(text, "মে রহমান", "PER", 0.9)], normalize(text), DOC
    )
    assert [(e.text, e.label, e.value) for e in out] == [
        ("আজ", "DATE", "2023-09-14"),
        ("মে রহমান", "PER", None),
    ]
