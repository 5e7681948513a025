"""The linker on the variant table, and what the document adds: short names, acronyms, spans."""

from __future__ import annotations

from pathlib import Path

from banglaner.eval.id_pairs import pairwise_scores
from banglaner.eval.linking_table import read_table, score_table
from banglaner.models.kb.store import KnowledgeBase
from banglaner.models.kb.variant_key import variant_key
from banglaner.models.linker import Linker
from tests.conftest import mentions

DATA = Path(__file__).parents[1] / "data"


def test_variant_table_meets_the_targets(linker) -> None:
    report = score_table(linker, DATA / "entity_variants.tsv", DATA / "entity_lookalikes.tsv")
    assert len(read_table(DATA / "entity_variants.tsv")) >= 200 and report.lookalikes >= 50
    assert report.pairs.precision >= 0.98, report.errors
    assert report.pairs.recall >= 0.95, report.errors
    assert report.lookalikes_split == report.lookalikes, report.errors


def test_pairwise_scores_by_hand() -> None:
    # gold: a a b ; predicted: x x x → 3 predicted pairs, 1 true, 1 correct
    s = pairwise_scores(["a", "a", "b"], ["x", "x", "x"])
    assert (s.precision, s.recall) == (1 / 3, 1.0)
    s = pairwise_scores(["a", "a", "b"], ["x", "y", "z"])
    assert (s.precision, s.recall) == (1.0, 0.0)


def test_local_ids_need_no_shared_state() -> None:
    """Two machines with empty KBs give every spelling of an unknown name one ID."""
    one, two = Linker(KnowledgeBase({}, [])), Linker(KnowledgeBase({}, []))
    ids = {
        one.identify("ভস্তোচনি", "LOC").id,
        two.identify("ভোস্টোচনি", "LOC").id,
        one.identify("ভস্টোচনি", "LOC").id,
    }
    assert ids == {f"bn:LOC:{variant_key('ভস্তোচনি')}"}


def test_surname_and_inflection_follow_the_full_name(linker) -> None:
    text = "বেলারুশের প্রেসিডেন্ট আলেক্সান্দর লুকাশেঙ্কো বলেন... পরে লুকাশেঙ্কোর দপ্তর জানায়, পুতিনের সঙ্গে কথা হয়েছে।"
    ents = linker.link(
        mentions(
            text,
            [
                ("বেলারুশের", "LOC"),
                ("আলেক্সান্দর লুকাশেঙ্কো", "PER"),
                ("লুকাশেঙ্কোর", "PER"),
                ("পুতিনের", "PER"),
            ],
        ),
        text,
    )
    assert ents[1].id == ents[2].id and ents[1].id.startswith("bn:PER:")
    assert ents[2].name == "আলেক্সান্দর লুকাশেঙ্কো"
    assert ents[3].id == "Q7747" and ents[3].name_en == "Vladimir Putin"


def test_acronym_beside_its_expansion(linker) -> None:
    text = (
        "বাংলাদেশ সড়ক পরিবহন কর্তৃপক্ষ (বিআরটিএ) জানায়, নতুন নিয়ম চালু হবে। "
        "বিআরটিএর চেয়ারম্যান বলেন, ইস্টার্ন ইকোনমিক ফোরাম (EEF) নিয়ে কথা হয়নি।"
    )
    ents = linker.link(
        mentions(
            text,
            [
                ("বাংলাদেশ সড়ক পরিবহন কর্তৃপক্ষ", "ORG"),
                ("বিআরটিএ", "ORG"),
                ("বিআরটিএর", "ORG"),
                ("ইস্টার্ন ইকোনমিক ফোরাম", "ORG"),
                ("EEF", "ORG"),
            ],
        ),
        text,
    )
    assert ents[0].id == ents[1].id == ents[2].id
    assert ents[3].id == ents[4].id and ents[3].name == "ইস্টার্ন ইকোনমিক ফোরাম"


def test_acronym_by_initials_without_brackets(linker) -> None:
    text = "কোরিয়ান সেন্ট্রাল নিউজ এজেন্সি জানায়... পরে কেসিএনএ আরও জানায়।"
    ents = linker.link(
        mentions(text, [("কোরিয়ান সেন্ট্রাল নিউজ এজেন্সি", "ORG"), ("কেসিএনএ", "ORG")]), text
    )
    assert ents[0].id == ents[1].id


def test_unknown_inflection_follows_the_document(linker) -> None:
    text = "বাখমুত শহরে লড়াই চলছে। বাখমুতে আরও সেনা পাঠানো হয়েছে।"
    ents = linker.link(mentions(text, [("বাখমুত", "LOC"), ("বাখমুতে", "LOC")]), text)
    assert ents[0].id == ents[1].id


def test_span_repair(linker) -> None:
    text = "দক্ষিণ কোরিয়ার সঙ্গে উত্তর কোরিয়ায় আলোচনা হবে। রাশিয়ার প্রেসিডেন্ট আসবেন।"
    split = mentions(
        text, [("দক্ষিণ", "LOC"), ("কোরিয়ার", "LOC"), ("কোরিয়ায়", "LOC"), ("রাশিয়ার", "LOC")]
    )
    ents = linker.link(split, text)
    assert [(e.text, e.id) for e in ents] == [
        ("দক্ষিণ কোরিয়ার", "Q884"),
        ("উত্তর কোরিয়ায়", "Q423"),
        ("রাশিয়ার", "Q159"),
    ]
    for e in ents:
        assert text[e.start : e.end] == e.text


def test_kb_corrects_a_label_it_is_sure_of(linker) -> None:
    text = "ক্রেমলিন জানায়, রুহুল কবির রিজভী ও হাসিনা সফরে যাবেন।"
    spans = [("ক্রেমলিন", "PER"), ("রুহুল কবির রিজভী", "PER"), ("হাসিনা", "PER")]
    ents = linker.link(mentions(text, spans), text)
    assert (ents[0].label, ents[0].id) == ("ORG", "Q42804")
    assert [e.label for e in ents[1:]] == ["PER", "PER"]  # unknown, or known with this label


def test_a_known_name_the_tagger_missed_is_added(linker) -> None:
    text = "পুতিন গতকাল ভস্তোচনি কসমোড্রোমে কিমের সঙ্গে বৈঠক করেন। উত্তর দিকে যান।"
    ents = linker.link(mentions(text, [("পুতিন", "PER"), ("কিমের", "PER")]), text)
    added = [e for e in ents if e.label == "LOC"]
    assert [(e.text, e.name) for e in added] == [("ভস্তোচনি কসমোড্রোমে", "ভস্তোচনি কসমোড্রোম")]
    assert text[added[0].start : added[0].end] == added[0].text


def test_a_place_takes_a_two_word_head_tagged_apart_or_not_at_all(linker) -> None:
    text = "ভোস্টোচনি মহাকাশ বন্দর আমুর অঞ্চলে। পরে ভস্টোচনি মহাকাশ বন্দরে যান।"
    tagged = mentions(text, [("মহাকাশ বন্দর", "LOC"), ("আমুর", "LOC")])  # ভোস্টোচনি missed
    ents = linker.link(tagged, text)
    assert [e.text for e in ents] == ["ভোস্টোচনি মহাকাশ বন্দর", "আমুর অঞ্চলে", "ভস্টোচনি মহাকাশ বন্দরে"]
    assert ents[0].id == ents[2].id != ents[1].id and {e.label for e in ents} == {"LOC"}


def test_a_conjunction_is_not_a_case_ending(linker) -> None:
    text = "যুক্তরাষ্ট্র ও ভারত বৈঠক করে।"
    ents = linker.link(mentions(text, [("যুক্তরাষ্ট্র", "LOC"), ("ভারত", "LOC")]), text)
    assert [(e.text, e.id) for e in ents] == [("যুক্তরাষ্ট্র", "Q30"), ("ভারত", "Q668")]
