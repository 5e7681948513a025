"""A tiny random model trained by our training code, then used through every front door."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from banglaner.models.entity import Entity
from banglaner.models.errors import ModelLoadError
from banglaner.models.labels import bio_tags
from banglaner.models.pipeline import Pipeline
from banglaner.models.tagger import Tagger
from banglaner.training.export import FEED_FORWARD_BLOCK
from tests.conftest import DATA, PARAGRAPH


def _check_offsets(text: str, entities: list[Entity]) -> None:
    assert entities, "expected entities to check"
    for e in entities:
        assert text[e.start : e.end] == e.text
        assert e.text == e.text.strip() and e.start < e.end
        assert e.label in {"PER", "LOC", "ORG", "DATE"} and 0.0 <= e.score <= 1.0


def test_trained_model_dir_holds_safetensors_onnx_and_card(tiny_model) -> None:
    names = {p.name for p in tiny_model.iterdir()}
    assert {
        "config.json",
        "model.safetensors",
        "tokenizer.json",
        "README.md",
        "banglaner.json",
        "onnx",
    } <= names
    onnx = {p.name for p in (tiny_model / "onnx").iterdir()}
    assert onnx >= {"model.onnx", "model-int8-u8.onnx", "model-int8-static.onnx"}
    assert not any(n.endswith((".bin", ".pt", ".pkl")) for n in names)  # safetensors only
    card = json.loads((tiny_model / "banglaner.json").read_text())
    assert card["metrics"]["history"] and card["data"]["tiny_train.jsonl"]["sentences"] == 40
    config = json.loads((tiny_model / "config.json").read_text())
    assert [config["id2label"][str(i)] for i in range(9)] == list(bio_tags())


def test_static_int8_rounds_only_what_its_matmuls_read(tiny_model) -> None:
    """training.export: matmul outputs stay fp32 and nothing but a matmul reads a rounded
    activation (the residual stream and shapes read the fp32 tensor)."""
    import onnx

    nodes = onnx.load(str(tiny_model / "onnx" / "model-int8-static.onnx")).graph.node
    rounded = {n.output[0] for n in nodes if n.op_type == "DequantizeLinear"}
    matmuls = [n for n in nodes if n.op_type == "MatMul" and n.input[0] in rounded]
    assert matmuls, "expected int8 matmuls"
    readers = [n.op_type for n in nodes if rounded & set(n.input)]
    assert set(readers) == {"MatMul"}
    produced_by_matmul = {n.output[0] for n in matmuls}
    assert not [
        n for n in nodes if n.op_type == "QuantizeLinear" and n.input[0] in produced_by_matmul
    ]
    # the feed-forward outputs (GELU's outliers) in 8 bits, int8 arithmetic with per-row
    # blocks of FEED_FORWARD_BLOCK activations, one per layer
    in_blocks = [n for n in nodes if n.op_type == "MatMulNBits"]
    layers = {n.name.split("/")[3] for n in nodes if n.name.startswith("/bert/encoder/layer")}
    assert len(in_blocks) == len(layers) > 0
    for node in in_blocks:
        assert "attention" not in node.name and node.name.endswith("/output/dense/MatMul_Q8")
        attrs = {a.name: a.i for a in node.attribute}
        assert (attrs["bits"], attrs["accuracy_level"]) == (8, 4)
        assert attrs["block_size"] == FEED_FORWARD_BLOCK
    assert not [
        n
        for n in nodes
        if n.op_type == "MatMul"
        and n.name.endswith("/output/dense/MatMul")
        and "attention" not in n.name
    ]


def test_offsets_on_messy_text(tiny_model, packaged_kb_path) -> None:
    pipe = Pipeline.load(tiny_model, device="cpu", kb_path=packaged_kb_path)
    text = (
        "\ufeff"
        + PARAGRAPH.replace(" ", "\u00a0", 3).replace("পুতিন", "পু\u200cতিন")
        + " 😀\n\n"
        + "ঢাকা " * 400
    )
    _check_offsets(text, pipe.extract(text))
    assert pipe.extract("") == [] and pipe.extract("   \n ") == []


def test_pipeline_many_matches_single(tiny_model, packaged_kb_path) -> None:
    pipe = Pipeline.load(tiny_model, device="cpu", kb_path=packaged_kb_path)
    texts = [PARAGRAPH, "ঢাকায় আজ বৃষ্টি হয়েছে।", "English only text."]
    many = pipe.extract_many(texts)
    assert many[0] and many[1]
    assert many == [pipe.extract(t) for t in texts]


def _copy_model(model: Path, target: Path, with_onnx: bool) -> Path:
    ignore = None if with_onnx else shutil.ignore_patterns("onnx")
    shutil.copytree(model, target, ignore=ignore)
    return target


def _read_only(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)


def _snapshot(*folders: Path) -> dict[str, tuple[int, int]]:
    """Every path under ``folders`` with its size and modification time."""
    return {str(p): (p.stat().st_size, p.stat().st_mtime_ns) for f in folders for p in f.rglob("*")}


def test_loading_never_writes(tiny_model, tmp_path) -> None:
    """Loading reads only: a read-only model dir loads on every runtime it has files for;
    without the ONNX files, auto falls back to torch and a named ONNX runtime says how
    to export them. Read-only modes do not stop root, so the folders' files (names, sizes,
    modification times) are also compared before and after."""
    exported = _copy_model(tiny_model, tmp_path / "exported", with_onnx=True)
    bare = _copy_model(tiny_model, tmp_path / "bare", with_onnx=False)
    for folder in (exported, bare):
        _read_only(folder)
    try:
        before = _snapshot(exported, bare)
        assert any(p.endswith(".onnx") for p in before), "the exported folder has its files"
        for runtime in ("auto", "onnx", "onnx-int8", "torch"):
            assert Tagger.load(exported, device="cpu", runtime=runtime).tags == bio_tags()
        assert Tagger.load(bare, device="cpu", runtime="auto").tags == bio_tags()
        with pytest.raises(ModelLoadError, match=r"E007.*banglaner export"):
            Tagger.load(bare, device="cpu", runtime="onnx-int8")
        assert _snapshot(exported, bare) == before
    finally:
        for folder in (exported, bare):
            for path in [folder, *folder.rglob("*")]:
                path.chmod(0o755)


def test_cli_extract_and_export(tiny_model, packaged_kb_path, tmp_path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(PARAGRAPH, encoding="utf-8")
    env_kb = {"BANGLANER_KB_PATH": str(packaged_kb_path)}
    out = _cli("extract", "--model", str(tiny_model), "-f", str(article), env=env_kb)
    payload = json.loads(out.stdout)
    assert payload["entities"]
    for e in payload["entities"]:
        assert PARAGRAPH[e["start"] : e["end"]] == e["text"]
    bad = _cli("extract", "--model", str(tmp_path / "none"), "ঢাকা", check=False)
    assert bad.returncode == 2 and "E002" in bad.stderr and "make model" in bad.stderr
    bare = _copy_model(tiny_model, tmp_path / "bare", with_onnx=False)
    tiny = str(DATA / "tiny_train.jsonl")
    export = ("export", "--model", str(bare), "--calibrate", tiny, "--dev", tiny)
    out = _cli(*export).stdout
    assert "model-int8-static.onnx" in out and "auto →" in out
    record = json.loads((bare / "runtime.json").read_text())
    assert {m["runtime"] for m in record["measures"]} == {
        "torch",
        "torch-bf16",
        "onnx",
        "onnx-int8-static",
        "onnx-int8",
    }
    assert record["chosen"] in {"torch", "torch-bf16", "onnx", "onnx-int8-static"}
    assert "up to date" in _cli(*export).stdout
    # a static int8 file calibrated under an older recipe (no stamp) is quantised and
    # timed again
    static = bare / "onnx" / "model-int8-static.onnx"
    static.with_suffix(".calibration").unlink()
    before = static.stat().st_mtime_ns
    assert "auto →" in _cli(*export).stdout and static.stat().st_mtime_ns > before
    record = json.loads((bare / "runtime.json").read_text())  # timed again: maybe another choice
    info = json.loads(_cli("info", "--model", str(bare), env=env_kb).stdout)
    assert (
        info["runtime"]["chosen"] == record["chosen"] and "runtime.json" in info["runtime"]["why"]
    )


def _cli(*args: str, env: dict[str, str] | None = None, check: bool = True):
    import os

    return subprocess.run(
        [sys.executable, "-m", "banglaner", *args],
        capture_output=True,
        text=True,
        check=check,
        env={**os.environ, **(env or {})},
    )


def test_spacy_component_call_and_pipe(tiny_model, packaged_kb_path) -> None:
    import spacy

    nlp = spacy.blank("bn")
    nlp.add_pipe(
        "banglaner",
        config={"model_dir": str(tiny_model), "kb_path": str(packaged_kb_path), "device": "cpu"},
    )
    doc = nlp(PARAGRAPH)
    assert doc.ents
    for ent in doc.ents:
        assert ent.label_ in {"PER", "LOC", "ORG", "DATE"}
        assert PARAGRAPH[ent.start_char : ent.end_char] == ent.text
    texts = [PARAGRAPH, "ঢাকায় আজ বৃষ্টি হয়েছে।", "", PARAGRAPH[:80]]
    piped = [
        [(e.start_char, e.end_char, e.label_, e.kb_id_) for e in d.ents]
        for d in nlp.pipe(texts, batch_size=3)
    ]
    called = [[(e.start_char, e.end_char, e.label_, e.kb_id_) for e in nlp(t).ents] for t in texts]
    assert piped == called and piped[0]


@pytest.mark.parametrize("shape", ["xlmr", "electra"])
def test_hub_shaped_bases_train(shape, packaged_kb_path, tmp_path) -> None:
    """The hub path (xlm-roberta-base, csebuetnlp/banglabert) is the local-dir path:
    a tiny model of the same architecture and tokenizer type trains and tags."""
    from banglaner.training.finetune import TrainConfig, train
    from tests.tiny import make_tiny_electra, make_tiny_xlmr

    corpus = DATA / "tiny_train.jsonl"
    if shape == "xlmr":
        base = make_tiny_xlmr(tmp_path / "base")
    else:
        texts = [json.loads(line)["text"] for line in corpus.read_text("utf-8").splitlines()]
        base = make_tiny_electra(tmp_path / "base", texts)
    cfg = TrainConfig(
        base=str(base), corpora=[str(corpus)], test_corpus="", epochs=1, max_subwords=48
    )
    metrics = train(cfg, DATA, tmp_path / "home", tmp_path / "model", quiet=True)
    assert metrics["history"][0]["loss"] > 0
    pipe = Pipeline.load(tmp_path / "model", device="cpu", kb_path=packaged_kb_path)
    assert pipe.tagger.tags == bio_tags()
    _check_offsets(PARAGRAPH, pipe.extract(PARAGRAPH))
