"""The post-tagger steps (models.steps): an ordered list of named steps, each returning new
mentions without changing those it was given, each one switchable off by name."""

from __future__ import annotations

from datetime import date

import pytest

from banglaner.models.errors import ConfigError
from banglaner.models.normalize import normalize
from banglaner.models.steps import STEP_NAMES, STEPS, Document, Mentions, run_steps, without
from tests.conftest import mentions

TEXT = (
    "প্রিন্সিপাল নূর নাহার গতকাল ঢাকায় বলেন, ভারত-পাকিস্তান আলোচনা হবে। "
    "পরে নাহার জানান, দক্ষিণ কোরিয়ার প্রতিনিধিরা আসবেন।"
)
TAGGED = [
    ("প্রিন্সিপাল নূর নাহার", "PER", 0.95),
    ("ঢাকায়", "LOC", 0.99),
    ("ভারত-পাকিস্তান", "LOC", 0.9),
    ("দক্ষিণ", "LOC", 0.6),
    ("কোরিয়ার", "LOC", 0.9),
]
DOC = Document(normalize(TEXT), date(2024, 1, 15))


def _spans(ents) -> list[tuple[str, str]]:
    return [(e.text, e.label) for e in ents]


def test_each_step_returns_new_mentions_and_leaves_its_input_as_it_was(linker) -> None:
    state = Mentions(tuple(mentions(TEXT, TAGGED)))
    changed = []
    for step in STEPS:
        before = [e.to_dict() for e in state.entities]
        after = step.run(DOC, state, linker)
        assert [e.to_dict() for e in state.entities] == before, step.name
        if [e.to_dict() for e in after.entities] != before:
            changed.append(step.name)
        state = after
    assert state.entities  # the document has mentions at the end
    # on this text every rule but drop, trim and add has work to do
    assert {"dates", "split", "titles", "join", "link", "context"} <= set(changed)


def test_all_the_linker_steps_are_what_the_linker_does(linker) -> None:
    linked = linker.link(mentions(TEXT, TAGGED), TEXT)
    stepped = run_steps(STEPS[1:], DOC, mentions(TEXT, TAGGED), linker)
    assert [e.to_dict() for e in stepped] == [e.to_dict() for e in linked]
    assert ("নূর নাহার", "PER") in _spans(linked)
    assert ("নাহার", "PER") in _spans(linked)  # a repeat, found by the context step


@pytest.mark.parametrize(
    ("off", "kept", "gone"),
    [
        ("titles", ("প্রিন্সিপাল নূর নাহার", "PER"), ("নূর নাহার", "PER")),
        ("split", ("ভারত-পাকিস্তান", "LOC"), ("ভারত", "LOC")),
        ("join", ("দক্ষিণ", "LOC"), ("দক্ষিণ কোরিয়ার", "LOC")),
        ("context", ("নূর নাহার", "PER"), ("নাহার", "PER")),
        ("dates", ("ঢাকায়", "LOC"), ("গতকাল", "DATE")),
    ],
)
def test_a_step_switched_off_by_name_no_longer_applies(linker, off, kept, gone) -> None:
    every = _spans(run_steps(STEPS, DOC, mentions(TEXT, TAGGED), linker))
    assert gone in every
    ablated = _spans(run_steps(without(STEPS, [off]), DOC, mentions(TEXT, TAGGED), linker))
    assert kept in ablated
    assert gone not in ablated


def test_without_the_link_step_no_mention_has_an_id(linker) -> None:
    ents = run_steps(without(STEPS, ["link"]), DOC, mentions(TEXT, TAGGED), linker)
    assert ents
    assert all(e.id is None for e in ents)


def test_an_unknown_step_is_refused_with_the_names_of_the_known_ones() -> None:
    with pytest.raises(ConfigError) as err:
        without(STEPS, ["split", "spelling"])
    assert err.value.code == "E120"
    assert "spelling" in err.value.message
    assert all(name in err.value.hint for name in STEP_NAMES)
