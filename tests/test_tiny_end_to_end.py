"""A tiny random model trained by our training code, then used through every front door."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from models.labels import bio_tags
from models.pipeline import Pipeline
from models.tagger import Tagger
from tests.conftest import PARAGRAPH


def _check_offsets(text: str, entities) -> None:
    for e in entities:
        assert text[e.start : e.end] == e.text
        assert e.text == e.text.strip() and e.start < e.end
        assert e.label in {"PER", "LOC", "ORG", "DATE"} and 0.0 <= e.score <= 1.0


def test_model_dir_contents(tiny_model) -> None:
    names = {p.name for p in tiny_model.iterdir()}
    assert {
        "config.json",
        "model.safetensors",
        "tokenizer.json",
        "README.md",
        "banglaner.json",
    } <= names
    assert not any(n.endswith((".bin", ".pt", ".pkl")) for n in names)  # safetensors only
    card = json.loads((tiny_model / "banglaner.json").read_text())
    assert card["metrics"]["history"] and card["data"]["rifat-train"]["licence"].startswith("MIT")
    config = json.loads((tiny_model / "config.json").read_text())
    assert [config["id2label"][str(i)] for i in range(9)] == list(bio_tags())


def test_tagger_offsets_on_messy_text(tiny_model) -> None:
    tagger = Tagger.load(tiny_model, device="cpu")
    text = (
        "\ufeff"
        + PARAGRAPH.replace(" ", "\u00a0", 3).replace("পুতিন", "পু\u200cতিন")
        + " 😀\n\n"
        + "ঢাকা " * 400
    )
    _check_offsets(text, tagger.tag(text))
    assert tagger.tag("") == [] and tagger.tag("   \n ") == []


def test_pipeline_many_matches_single(tiny_model) -> None:
    pipe = Pipeline.load(tiny_model, device="cpu")
    texts = [PARAGRAPH, "ঢাকায় আজ বৃষ্টি হয়েছে।", "English only text."]
    many = pipe.extract_many(texts)
    assert [[e.to_dict() for e in ents] for ents in many] == [
        [e.to_dict() for e in pipe.extract(t)] for t in texts
    ]


def test_cli_extract(tiny_model, tmp_path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(PARAGRAPH, encoding="utf-8")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "service.cli",
            "extract",
            "--model",
            str(tiny_model),
            "-f",
            str(article),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    payload = json.loads(out.stdout)
    for e in payload["entities"]:
        assert PARAGRAPH[e["start"] : e["end"]] == e["text"]
    bad = subprocess.run(
        [sys.executable, "-m", "service.cli", "extract", "--model", str(tmp_path / "none"), "ঢাকা"],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "make model" in bad.stderr


def test_spacy_component(tiny_model) -> None:
    import spacy

    nlp = spacy.blank("bn")
    nlp.add_pipe("banglaner", config={"model_dir": str(tiny_model), "device": "cpu"})
    doc = nlp(PARAGRAPH)
    for ent in doc.ents:
        assert ent.label_ in {"PER", "LOC", "ORG", "DATE"}
        assert PARAGRAPH[ent.start_char : ent.end_char] == ent.text


@pytest.mark.parametrize("shape", ["xlmr", "electra"])
def test_hub_shaped_bases_train(shape, data_dir, tmp_path) -> None:
    """The hub path (xlm-roberta-base, csebuetnlp/banglabert) is the local-dir path:
    a tiny model of the same architecture and tokenizer type trains and tags."""
    from tests.tiny import make_tiny_electra, make_tiny_xlmr
    from training.corpora import load_corpus
    from training.finetune import TrainConfig, train

    if shape == "xlmr":
        base = make_tiny_xlmr(tmp_path / "base")
    else:
        base = make_tiny_electra(
            tmp_path / "base", [s.text for s in load_corpus("rifat-train", data_dir)[:400]]
        )
    cfg = TrainConfig(base=str(base), corpora=["rifat-train"], epochs=1, limit=40, max_subwords=48)
    metrics = train(cfg, data_dir, tmp_path / "home", tmp_path / "model", quiet=True)
    assert metrics["history"][0]["loss"] > 0
    _check_offsets(PARAGRAPH, Tagger.load(tmp_path / "model", device="cpu").tag(PARAGRAPH))
