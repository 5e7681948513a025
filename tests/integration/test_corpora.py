"""Each loader on a small slice of its real file, plus the defects its SOURCE.md lists."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from banglaner.training.conventions import HAND_ANNOTATED, OURS_CORPORA
from banglaner.training.corpora import (
    REAL_TRAIN,
    CorpusError,
    banglakit,
    load_corpus,
    multiconer,
    neon,
    rifat,
)
from banglaner.training.corpora.base import bio_spans, read_token_lines, sentence_from_tokens
from banglaner.training.corpora.held_out import held_out_raw, held_out_texts, loader_form
from banglaner.training.distill import DistillConfig
from banglaner.training.finetune import TrainConfig, load_training_data
from banglaner.training.recipes import load_recipe
from banglaner.training.reconcile import ReconcileStats, reconcile
from banglaner.training.worksheets import not_annotated_yet, sample_train


def _head(src: Path, dst: Path, n_lines: int, keep_bom: bool = True) -> Path:
    """The first ``n_lines`` lines of a corpus file, cut at a sentence boundary."""
    lines = src.read_text(encoding="utf-8").splitlines(keepends=True)[:n_lines]
    dst.write_text("".join(lines) + "\n", encoding="utf-8")
    return dst


def _spans(sentence):
    return [(sentence.text[m.start : m.end], m.label) for m in sentence.mentions]


def test_bio_repair() -> None:
    assert bio_spans(["O", "I-PER", "I-PER", "B-LOC", "I-ORG"]) == [
        (1, 3, "PER"),
        (3, 4, "LOC"),
        (4, 5, "ORG"),
    ]


def test_rifat_slice(data_dir, tmp_path) -> None:
    path = _head(data_dir / "ner/rifat/train_data.txt", tmp_path / "r.txt", 400)
    sents = rifat.load(path)
    assert len(sents) > 10
    assert not sents[0].text.startswith("\ufeff")  # BOM removed
    labels = {m.label for s in sents for m in s.mentions}
    assert labels <= {"PER", "LOC", "ORG", "DATE"} and "PER" in labels


def test_rifat_defects(tmp_path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(
        "\ufeff২১\t\nফেব্রুয়ারিরTIM\t\nগতকাল\tTIM\nবুধবার\tTIM\n,\tO\nঢাকা\tI-LOC\n\n",
        encoding="utf-8",
    )
    (sent,) = rifat.load(path)
    assert _spans(sent) == [("ফেব্রুয়ারির গতকাল বুধবার", "DATE"), ("ঢাকা", "LOC")]


def test_rifat_test_is_deduplicated(data_dir) -> None:
    train = {s.text for s in load_corpus("rifat-train", data_dir)}
    test = load_corpus("rifat-test", data_dir)
    assert 1800 < len(test) < 1950  # 81 of 1,950 overlap train
    assert not any(s.text in train for s in test)


def test_multiconer_train_leaves_out_its_dev_sentences(data_dir) -> None:
    dev = {s.text for s in load_corpus("multiconer-dev", data_dir)}
    train = load_corpus("multiconer-train", data_dir)
    assert len(train) == 9_626  # 82 of its 9,708 rows repeat 45 of dev's 507 sentences
    assert not any(s.text in dev for s in train)


def test_banglakit_tokenisation_and_merge(tmp_path) -> None:
    text = "শেখ হাসিনা বৃহস্পতিবার ঢাকায় (অব.) ফিরেছেন।"
    assert [text[a:b] for a, b in banglakit.tokenize(text)] == [
        "শেখ",
        "হাসিনা",
        "বৃহস্পতিবার",
        "ঢাকায়",
        "(",
        "অব.",
        ")",
        "ফিরেছেন",
        "।",
    ]
    rows = [
        [text, ["B-PERSON", "L-PERSON", "O", "O", "O", "O", "O", "O", "O"]],
        [
            text,
            ["O", "O", "U-DATE", "U-GPE", "O", "O", "O", "O", "O"],
        ],  # duplicate row, other types
        ["এক দুই", ["O"]],  # does not align: skipped
    ]
    path = tmp_path / "b.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    sents, skipped = banglakit.load(path)
    assert skipped == 1 and len(sents) == 1
    assert _spans(sents[0]) == [("শেখ হাসিনা", "PER"), ("বৃহস্পতিবার", "DATE"), ("ঢাকায়", "LOC")]
    assert sents[0].uncertain  # its O tokens are not trusted


def test_banglakit_slice(data_dir, tmp_path) -> None:
    path = _head(data_dir / "ner/banglakit/main.jsonl", tmp_path / "b.jsonl", 200)
    sents, skipped = banglakit.load(path)
    assert len(sents) > 150 and skipped < 10


def test_multiconer_fine_types(tmp_path) -> None:
    path = tmp_path / "m.conll"
    path.write_text(
        "# id x\tdomain=bn\nবোয়িং _ _ B-AerospaceManufacturer\nএবং _ _ O\n"
        "লন্ডন _ _ B-HumanSettlement\n"
        "হ্যামলেট _ _ B-WrittenWork\nজন _ _ B-Politician\nমেজর _ _ I-Politician\n\n",
        encoding="utf-8",
    )
    (sent,) = multiconer.load(path)
    assert _spans(sent) == [("বোয়িং", "ORG"), ("লন্ডন", "LOC"), ("জন মেজর", "PER")]


def test_multiconer_slice(data_dir, tmp_path) -> None:
    sents = multiconer.load(
        _head(data_dir / "ner/multiconer2-bn/bn-train.conll", tmp_path / "m.conll", 500)
    )
    assert len(sents) > 20


def test_neon_scheme(tmp_path) -> None:
    path = tmp_path / "n.txt"
    path.write_text(
        "দক্ষিণ B-LOC\nআফ্রিকায় O-LOC\nওয়ানডেতে 0\nইরান\u00a0B-LOC\n১২ B-TIME\nবছর O-TIME\n\n",
        encoding="utf-8",
    )
    (sent,) = neon.load(path)
    assert _spans(sent) == [("দক্ষিণ আফ্রিকায়", "LOC"), ("ইরান", "LOC")]  # TIME is not a date


def test_neon_slice(data_dir, tmp_path) -> None:
    sents = neon.load(
        _head(data_dir / "ner/neon-headlines/label_data.txt", tmp_path / "n.txt", 600)
    )
    assert len(sents) > 50


def test_missing_data_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(CorpusError, match="BANGLANER_DATA_DIR"):
        load_corpus("rifat-train", tmp_path)
    with pytest.raises(CorpusError, match="unknown corpus"):
        load_corpus("nope", tmp_path)


def test_gold_headlines_never_reach_training(data_dir) -> None:
    """The world set's 50 headlines and the real-text gold sets' neon rows are in the raw
    corpus, and none is in what loads."""
    held_out = held_out_texts()
    path = data_dir / "ner/neon-headlines/label_data.txt"
    raw = {
        s.text
        for s in (
            sentence_from_tokens(tokens, tags, "neon", neon.LABEL_MAP)
            for tokens, tags in read_token_lines(path, neon._parse)
        )
        if s is not None
    }
    from_neon = held_out & raw
    assert len(from_neon) >= 50 + 360
    texts = {s.text for s in load_corpus("neon", data_dir)}
    assert len(texts) > 15_000 and not from_neon & texts


def test_gold_sentences_never_reach_training_from_karim(data_dir) -> None:
    """The date set's rows drawn from karim2019 train are in the raw file, not in what loads."""
    path = data_dir / "ner/karim2019/train.jsonl"
    with path.open(encoding="utf-8") as fh:
        raw = {" ".join(json.loads(line)["tokens"]) for line in fh if line.strip()}
    held = held_out_raw() & raw
    assert len(held) >= 30
    loaded = {s.text for s in load_corpus("karim-train", data_dir)}
    assert len(loaded) > 60_000 and not {loader_form(t) for t in held} & loaded


def test_hand_annotated_training_text_is_drawn_fresh_and_never_gold(data_dir) -> None:
    """`real-train` is the draw of `worksheets sample train`, row for row, annotated to our
    convention and trained as ours (by the default model and its student); none of its
    texts is a gold text or a MultiCoNER II dev text (scored), and each occurs once."""
    rows = [json.loads(line) for line in REAL_TRAIN.read_text("utf-8").splitlines() if line]
    by_source = sample_train(data_dir)
    drawn = {row for found in by_source.values() for row in found}
    assert len(rows) == 7400 and {(r["id"], r["text"]) for r in rows} == drawn
    assert Counter(r["source"] for r in rows) == {"karim": 5200, "neon": 1200, "multiconer": 1000}
    assert not any(not_annotated_yet(by_source).values())  # no later round waiting
    texts = [r["text"] for r in rows]
    assert len(set(texts)) == len(texts)
    assert not {loader_form(t) for t in texts} & held_out_texts()
    loaded = load_corpus("real-train", data_dir)
    assert len(loaded) == 7400 and sum(len(s.mentions) for s in loaded) > 9000
    scored = {s.text for s in load_corpus("multiconer-dev", data_dir)}
    assert len(scored) > 400 and not {loader_form(t) for t in texts} & scored
    assert "real-train" in OURS_CORPORA and "real-train" in DistillConfig("teacher").train.corpora
    assert "real-train" in load_recipe("default").corpora


def test_hand_annotated_training_text_trains_as_annotated(data_dir) -> None:
    """Reconciliation maps other corpora's habits to our guide; on `real-train`, annotated
    by hand to it, its rules would change what a reader decided, so training takes the file
    as written (its dates included)."""
    loaded = load_corpus("real-train", data_dir)
    rewritten = [s for s in loaded if reconcile(s, ReconcileStats()).mentions != s.mentions]
    assert len(rewritten) > 20  # the rules would rewrite these
    cfg = TrainConfig(corpora=["real-train"], dev_percent=0, test_corpus="")
    parts, _, report = load_training_data(cfg, data_dir)
    assert report["real-train"]["reconcile"] is None and set(OURS_CORPORA) >= HAND_ANNOTATED
    assert [s.mentions for s in parts[0].sentences] == [s.mentions for s in loaded]
