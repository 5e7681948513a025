"""Corpus labels are brought to docs/annotation.md conventions."""

from __future__ import annotations

from banglaner.models.normalize import normalize
from banglaner.training.corpora.base import Mention, Sentence
from banglaner.training.reconcile import ReconcileStats, reconcile


def _sentence(text: str, marked: list[tuple[str, str]]) -> Sentence:
    text = normalize(text).text
    mentions = []
    for surface, label in marked:
        surface = normalize(surface).text
        start = text.index(surface)
        mentions.append(Mention(start, start + len(surface), label))
    return Sentence(text, mentions, "test")


def _spans(s: Sentence) -> list[tuple[str, str]]:
    return [(s.text[m.start : m.end], m.label) for m in s.mentions]


def test_dates_rederived_titles_and_generic_nouns() -> None:
    s = _sentence(
        "প্রেসিডেন্ট ভ্লাদিমির পুতিন ১৮ সেপ্টেম্বর সরকারের সঙ্গে মার্কিন দূতের বৈঠক করেন",
        [
            ("প্রেসিডেন্ট ভ্লাদিমির পুতিন", "PER"),
            ("সেপ্টেম্বর", "DATE"),
            ("সরকারের", "ORG"),
            ("মার্কিন", "LOC"),
        ],
    )
    stats = ReconcileStats()
    out = reconcile(s, stats)
    assert _spans(out) == [("ভ্লাদিমির পুতিন", "PER"), (normalize("১৮ সেপ্টেম্বর").text, "DATE")]
    assert stats.changes["generic noun dropped"] == 1 and stats.changes["demonym dropped"] == 1


def test_split_names_joined_and_quotes_trimmed() -> None:
    s = _sentence(
        "এ কে এম কাউছার চৌধুরী 'দক্ষিণ আফ্রিকা' সফরে",
        [("এ কে", "PER"), ("এম কাউছার চৌধুরী", "PER"), ("'দক্ষিণ", "LOC"), ("আফ্রিকা'", "LOC")],
    )
    assert _spans(reconcile(s, ReconcileStats())) == [
        ("এ কে এম কাউছার চৌধুরী", "PER"),
        (normalize("দক্ষিণ আফ্রিকা").text, "LOC"),
    ]


def test_genitive_places_stay_apart() -> None:
    s = _sentence("খুলনার দিঘলিয়া উপজেলায়", [("খুলনার", "LOC"), ("দিঘলিয়া", "LOC")])
    assert len(reconcile(s, ReconcileStats()).mentions) == 2


def test_hyphen_pairs_split_routes_kept_and_a_place_joins_its_state_body() -> None:
    s = _sentence(
        "বিএনপি-জামায়াতের নেতারা লালমনিরহাট-বুড়িমারী মহাসড়কে ভারতের পররাষ্ট্র মন্ত্রণালয়ের কুমিল্লা-৬ আসনের কিম জং-উন "
        "নাগোর্নো-কারাবাখে",
        [
            ("বিএনপি-জামায়াতের", "ORG"),
            ("লালমনিরহাট-বুড়িমারী", "LOC"),
            ("ভারতের", "LOC"),
            ("পররাষ্ট্র মন্ত্রণালয়ের", "ORG"),
            ("কুমিল্লা-৬", "LOC"),
            ("কিম জং-উন", "PER"),
            ("নাগোর্নো-কারাবাখে", "LOC"),
        ],
    )
    stats = ReconcileStats()
    assert _spans(reconcile(s, stats)) == [
        (normalize(t).text, label)
        for t, label in [
            ("বিএনপি", "ORG"),
            ("জামায়াতের", "ORG"),
            ("লালমনিরহাট-বুড়িমারী", "LOC"),
            ("ভারতের পররাষ্ট্র মন্ত্রণালয়ের", "ORG"),
            ("কুমিল্লা-৬", "LOC"),
            ("কিম জং-উন", "PER"),
            ("নাগোর্নো-কারাবাখে", "LOC"),
        ]
    ]
    assert stats.changes["hyphen-joined names split"] == 1
    assert stats.changes["place joined to its state body"] == 1


def test_pronouns_and_roles_tagged_as_persons_are_dropped() -> None:
    """karim2019 tags pronouns and role nouns PER; a name beside them stays."""
    s = _sentence(
        "তিনি বলেন সম্পাদক সাঈদ আহমেদ মান্না তাদের সঙ্গে ছিলেন",
        [("তিনি", "PER"), ("সম্পাদক", "PER"), ("সাঈদ আহমেদ মান্না", "PER"), ("তাদের", "PER")],
    )
    stats = ReconcileStats()
    assert _spans(reconcile(s, stats)) == [(normalize("সাঈদ আহমেদ মান্না").text, "PER")]
    assert stats.changes["pronoun or role dropped"] == 3
