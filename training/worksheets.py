"""Hand-annotated gold sets (and training data) from real corpus text: draw the sentences,
then turn the annotators' worksheets into JSONL with offsets.

Annotators never see a system draft: a worksheet row holds the raw text (the corpus's
tokens joined by single spaces, exactly as the corpus has them) and the annotator writes
its mentions in reading order, each as ``{"t": surface, "l": label, "e"?: entity key,
"q"?: QID, "v"?: DATE value, "m"?: DATE mod}``. ``build`` finds each surface after the
previous one, so offsets are computed, never typed, and checks what docs/annotation.md
requires (whole words, no nesting, a known label, a DATE value in a documented form).

    python -m training.worksheets sample real OUT_DIR      # karim2019 validation + neon headlines
    python -m training.worksheets sample dates OUT_DIR     # date expressions of Rifat, karim, neon
    python -m training.worksheets sample train OUT_DIR     # training data (karim, neon, MultiCoNER)
    python -m training.worksheets build GOLD.jsonl SHEET.jsonl [SHEET.jsonl ...] [--add]
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path

import regex

from banglaner.models.dates.values import is_date_value
from banglaner.models.labels import LABELS
from banglaner.models.settings import CoreSettings
from banglaner.training.corpora import REAL_TRAIN, multiconer, neon, rifat
from banglaner.training.corpora.base import read_token_lines
from banglaner.training.corpora.held_out import WORLD_HEADLINES, held_out_raw, loader_form

MODS = ("START", "MID", "END", "APPROX")
DEV_SHARE = 40  # percent of a set's rows in its dev split (by a hash of the id)
# A mention's edges fall on word edges: whitespace, the text's ends, or a hyphen or
# punctuation mark that joins two names (`বিএনপি-জামায়াতের` is two mentions).
_EDGE = regex.compile(r"[\s\p{P}\p{S}]")


def _rank(key: str) -> str:
    """A stable pseudo-random order (the same on every machine)."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def _karim(data_dir: Path) -> list[tuple[str, str]]:
    path = data_dir / "ner/karim2019/validation.jsonl"
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [(f"karim-val-{i}", " ".join(r["tokens"])) for i, r in enumerate(rows, 1)]


def _neon(data_dir: Path) -> list[tuple[str, str]]:
    """Headlines once each (the corpus repeats 2,127), the world set's excluded."""
    held_out = {loader_form(h) for h in WORLD_HEADLINES.read_text("utf-8").splitlines() if h}
    seen: set[str] = set()
    out = []
    path = data_dir / "ner/neon-headlines/label_data.txt"
    for i, (tokens, _) in enumerate(read_token_lines(path, neon._parse), 1):
        text = " ".join(tokens)
        if text in seen or text in held_out:
            continue
        seen.add(text)
        out.append((f"neon-{i}", text))
    return out


def _rifat_test(data_dir: Path) -> list[tuple[str, str]]:
    path = data_dir / "ner/rifat/test_data.txt"
    blocks = read_token_lines(path, rifat._token_and_tag, encoding="utf-8-sig")
    return [(f"rifat-test-{i}", " ".join(tokens)) for i, (tokens, _) in enumerate(blocks, 1)]


def _sample(rows: list[tuple[str, str]], n: int) -> list:
    return sorted(rows, key=lambda r: _rank(r[0]))[:n]


REAL_KARIM, REAL_NEON = 900, 360


def sample_real(data_dir: Path) -> dict[str, list[tuple[str, str]]]:
    """The real-text NER gold: 900 karim2019 validation sentences, 360 neon headlines."""
    return {
        "karim": _sample(_karim(data_dir), REAL_KARIM),
        "neon": _sample(_neon(data_dir), REAL_NEON),
    }


# Rounds of 1,600 + 400, 1,800 + 400 and 1,800 + 400, then 1,000 MultiCoNER II sentences
# (short Wikipedia-style text, dense in foreign names and products); a later round draws on
# from where the last stopped.
TRAIN_KARIM, TRAIN_NEON, TRAIN_MULTICONER = 5200, 1200, 1000


def sample_train(data_dir: Path) -> dict[str, list[tuple[str, str]]]:
    """Real text to annotate to our convention as *training* data (training/data): karim2019
    train sentences, neon headlines and MultiCoNER II train sentences, none of them a gold
    text or a MultiCoNER II dev text (which `eval --gold multiconer-dev` scores), each text
    once (the first drawn of a repeated text)."""
    held = set(held_out_raw()) | _multiconer_texts(data_dir, "dev")  # texts scored

    def drawn(rows: list[tuple[str, str]], n: int) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for row_id, text in sorted(rows, key=lambda r: _rank(r[0])):
            if len(out) == n:
                break
            if text not in held:
                held.add(text)
                out.append((row_id, text))
        return out

    return {
        "karim": drawn(_karim_train(data_dir), TRAIN_KARIM),
        "neon": drawn(_neon(data_dir), TRAIN_NEON),
        "multiconer": drawn(_multiconer_train(data_dir), TRAIN_MULTICONER),
    }


def _multiconer_blocks(data_dir: Path, split: str) -> Iterator[tuple[list[str], list[str]]]:
    path = data_dir / f"ner/multiconer2-bn/bn-{split}.conll"
    return read_token_lines(path, multiconer._parse, comment="# id ")


def _multiconer_texts(data_dir: Path, split: str) -> set[str]:
    """A split's texts as the worksheets print them (its dev split is scored)."""
    return {" ".join(tokens) for tokens, _ in _multiconer_blocks(data_dir, split)}


def _multiconer_train(data_dir: Path) -> list[tuple[str, str]]:
    blocks = _multiconer_blocks(data_dir, "train")
    return [(f"multiconer-train-{i}", " ".join(tokens)) for i, (tokens, _) in enumerate(blocks, 1)]


# Words that make a sentence a candidate for the date set, by family, each found at the
# start of a word; a sentence is drawn for the first family it matches, so rare families
# are not crowded out by years.
_W = r"(?<![\p{L}\p{M}])"
_END = r"(?![\p{L}\p{M}])"
DATE_FAMILIES: dict[str, str] = {
    "fiscal": r"অর্থবছর|অর্থ বছর",
    "bengali-calendar": r"বঙ্গাব্দ|বৈশাখ|জ্যৈষ্ঠ|আষাঢ়|শ্রাবণ|ভাদ্র|আশ্বিন|অগ্রহায়ণ|পৌষ|ফাল্গুন|চৈত্র",
    "hijri-holiday": r"রমজান|রমযান|মহররম|শাওয়াল|জিলহজ|ঈদ|দিবস|একুশে|বিজয়ের মাস",
    "week": r"সপ্তাহ",
    "period-part": r"(?:শুরুতে|শুরুর দিকে|মাঝামাঝি|মাঝামাঝিতে|শেষে|শেষের দিকে|শেষ দিকে)" + _END,
    "counted-back": r"\S+ (?:দিন|মাস|বছর|সপ্তাহ) (?:আগে|পর)" + _END,
    "relative": r"(?:গতকাল|আজ|আজকে|আগামীকাল|গত|আগামী|চলতি|ওই বছর|সেই বছর|এ বছর|এবছর)" + _END,
    "weekday": r"শনিবার|রবিবার|রোববার|সোমবার|মঙ্গলবার|বুধবার|বৃহস্পতিবার|শুক্রবার",
    "month": r"জানুয়ারি|ফেব্রুয়ারি|মার্চ|এপ্রিল|মে" + _END + r"|মে মাস|জুন|জুলাই|আগস্ট|অগাস্ট"
    r"|সেপ্টেম্বর|অক্টোবর|নভেম্বর|ডিসেম্বর",
    "year": r"[১২][০-৯]{3}|সাল|শতক|দশক",
}
# Families rare in the held-out text are topped up from karim2019 train (those rows are
# then kept out of training: training.corpora.karim reads this set's ids).
RARE_FAMILIES = ("fiscal", "bengali-calendar", "hijri-holiday", "week", "period-part")
DATE_QUOTA = {"year": 60, "month": 60, "weekday": 45, "relative": 45, "counted-back": 30}
DATE_QUOTA_RARE = 30
DATE_NEGATIVES = 50  # sentences drawn without looking at their words


def reference_date(row_id: str) -> date:
    """The document date a date-set row is resolved against: Rifat's articles were
    published 2014-01-01 (eval/gold/SOURCE.md); karim and neon give none, so each row
    gets a fixed day of 2018–2023 drawn from its id."""
    if row_id.startswith("rifat-"):
        return date(2014, 1, 1)
    return date(2018, 1, 1) + timedelta(days=int(_rank("ref" + row_id)[:8], 16) % 2191)


def _karim_train(data_dir: Path) -> list[tuple[str, str]]:
    path = data_dir / "ner/karim2019/train.jsonl"
    rows = (json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip())
    return [(f"karim-train-{i}", " ".join(r["tokens"])) for i, r in enumerate(rows, 1)]


def _draw_by_family(pool, families, quota, counts, chosen, salt) -> list[tuple[str, str]]:
    """Adds rows of ``pool`` to ``chosen`` while their family's quota lasts; the rest back."""
    compiled = {name: regex.compile(_W + f"(?:{DATE_FAMILIES[name]})") for name in families}
    rest = []
    for row_id, text in sorted(pool, key=lambda r: _rank(salt + r[0])):
        family = next((f for f, rx in compiled.items() if rx.search(text)), None)
        if family and counts[family] < quota(family):
            counts[family] += 1
            chosen.append((row_id, text, family))
        else:
            rest.append((row_id, text))
    return rest


def _date_round(data_dir: Path, exclude: set[str], salt: str, scale: float) -> list:
    pool = _rifat_test(data_dir) + _karim(data_dir) + _neon(data_dir)
    pool = [r for r in pool if r[0] not in exclude]
    chosen: list[tuple[str, str, str]] = []
    counts = dict.fromkeys(DATE_FAMILIES, 0)

    def quota(family: str) -> int:
        return round(DATE_QUOTA.get(family, DATE_QUOTA_RARE) * scale)

    rest = _draw_by_family(pool, list(DATE_FAMILIES), quota, counts, chosen, salt)
    train = [r for r in _karim_train(data_dir) if r[0] not in exclude]
    _draw_by_family(train, RARE_FAMILIES, quota, counts, chosen, salt)
    chosen += [(i, t, "random") for i, t in rest[: round(DATE_NEGATIVES * scale)]]
    return chosen


DATE_ROUNDS = (
    ("d", 1.0),
    ("d2", 0.25),
    ("d3", 0.35),
    ("d4", 0.5),
    ("d5", 0.5),
    ("d6", 0.5),
    ("d7", 0.5),
    ("d8", 0.5),
    ("d9", 0.5),
    ("d10", 0.5),
    ("d11", 0.5),
    ("d12", 0.5),
    ("d13", 0.5),
    ("d14", 0.5),
)
# Where each round ends in the drawn rows (a new round in DATE_ROUNDS adds its end here, the
# last end plus its rows, once it is drawn): rounds 1 and 2 split dev/test by id; the later
# ones are dev only (drawn after the test split had been read, to tune on without reading
# test again).
ROUND_ENDS = (440, 552, 704, 923, 1142, 1361, 1533, 1700, 1867, 2019, 2171, 2323, 2472)


def not_annotated_yet(
    drawn: dict[str, list[tuple[str, str]]],
) -> dict[str, list[tuple[str, str]]]:
    """The drawn rows the training file lacks: a later round's worksheets."""
    done = _training_ids()
    return {source: [r for r in rows if r[0] not in done] for source, rows in drawn.items()}


def _training_ids() -> set[str]:
    """The rows of the hand-annotated training corpus: never drawn into a gold set, nor
    into a later round of the training draw."""
    if not REAL_TRAIN.is_file():
        return set()
    return {json.loads(line)["id"] for line in REAL_TRAIN.read_text("utf-8").splitlines() if line}


def sample_dates(data_dir: Path, rounds: int = 2) -> list[tuple[str, str, str]]:
    """(id, text, family) rows for the date set, none of them in the real NER gold: a first
    round of 440 rows, a second of 112 more drawn the same way from what was left, and
    (``rounds`` 3 to 14) a third of 152, three of 219, one of 172, two of 167, three of 152,
    one of 149 and one of 122 (the family pools running dry), for the dev split only: drawn
    after the test split had been read, so that tuning has more to learn from without
    reading test."""
    taken = {r[0] for rows in sample_real(data_dir).values() for r in rows} | _training_ids()
    out: list[tuple[str, str, str]] = []
    for salt, scale in DATE_ROUNDS[:rounds]:
        drawn = _date_round(data_dir, taken | {r[0] for r in out}, salt, scale)
        out += [(i, t, f) for i, t, f in drawn]
    return out


def split_of(row: dict) -> str:
    """A row's split: its own (the dev-only later rounds of the date set, training data),
    else by a hash of its id."""
    if row.get("split") in ("dev", "test", "train"):
        return row["split"]
    return "dev" if int(_rank("split" + row["id"])[:8], 16) % 100 < DEV_SHARE else "test"


def write_sheets(rows: Iterable[dict], out_dir: Path, name: str, per_sheet: int) -> list[Path]:
    """Worksheets of ``per_sheet`` rows each, for annotators working in parallel."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = list(rows)
    paths = []
    for k in range(0, len(rows), per_sheet):
        path = out_dir / f"{name}-{k // per_sheet + 1:02d}.jsonl"
        lines = [json.dumps(r, ensure_ascii=False) for r in rows[k : k + per_sheet]]
        path.write_text("\n".join(lines) + "\n", "utf-8")
        paths.append(path)
    return paths


class SheetError(ValueError):
    """A worksheet row that does not follow docs/annotation.md; the message says where."""


def _at_word_edges(text: str, start: int, end: int) -> bool:
    before = start == 0 or bool(_EDGE.match(text[start - 1]))
    after = end == len(text) or bool(_EDGE.match(text[end]))
    return before and after


def _mention(text: str, raw: dict, pos: int, where: str) -> tuple[dict, int]:
    surface, label = raw.get("t"), raw.get("l")
    if not surface or label not in LABELS:
        raise SheetError(f"{where}: {raw!r} needs a surface 't' and a label 'l' in {LABELS}")
    start = text.find(surface, pos)
    while start >= 0 and not _at_word_edges(text, start, start + len(surface)):
        start = text.find(surface, start + 1)
    if start < 0:
        raise SheetError(f"{where}: {surface!r} is not a run of whole words after offset {pos}")
    end = start + len(surface)
    out: dict = {"start": start, "end": end, "text": surface, "label": label}
    if raw.get("e"):
        out["entity"] = raw["e"]
    if raw.get("q"):
        if not regex.fullmatch(r"Q[1-9][0-9]*", raw["q"]):
            raise SheetError(f"{where}: {raw['q']!r} is not a QID")
        out["qid"] = raw["q"]
    if "v" in raw:
        if label != "DATE" or not (raw["v"] is None or is_date_value(raw["v"])):
            raise SheetError(f"{where}: value {raw['v']!r} is not a documented DATE value")
        out["value"] = raw["v"]
    if raw.get("m"):
        if label != "DATE" or raw["m"] not in MODS:
            raise SheetError(f"{where}: mod {raw['m']!r} is not one of {MODS}")
        out["mod"] = raw["m"]
    return out, end


def gold_rows(sheet: Path) -> Iterator[dict]:
    """Gold documents (eval/gold.py's format) from one annotated worksheet."""
    for line_no, line in enumerate(sheet.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        where = f"{sheet.name}:{line_no} ({row.get('id')})"
        pos, entities = 0, []
        for raw in row.get("entities", []):
            mention, pos = _mention(row["text"], raw, pos, where)
            entities.append(mention)
        keep = {k: row[k] for k in ("id", "date", "source", "genre", "section") if k in row}
        yield {**keep, "split": split_of(row), "text": row["text"], "entities": entities}


def build(gold: Path, sheets: list[Path], add: bool = False) -> int:
    """Writes ``gold`` from the worksheets; with ``add``, the worksheets' rows join the rows
    ``gold`` already holds (a later round of the same set)."""
    kept = []
    if add and gold.is_file():
        kept = [json.loads(line) for line in gold.read_text("utf-8").splitlines() if line.strip()]
    rows = kept + [r for sheet in sheets for r in gold_rows(sheet)]
    ids = [r["id"] for r in rows]
    if len(set(ids)) != len(ids):
        raise SheetError("a row id occurs twice across the worksheets")
    rows.sort(key=lambda r: _rank(r["id"]))
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return len(rows)


def _write_drawn(
    drawn: dict[str, list[tuple[str, str]]], out_dir: Path, prefix: str, **extra: str
) -> None:
    """One set of worksheets per source, ``extra`` fields on every row."""
    for source, rows in drawn.items():
        sheet_rows = (
            {"id": i, "source": source, **extra, "text": t, "entities": []} for i, t in rows
        )
        size = 200 if prefix == "train" else 225 if source == "karim" else 360
        write_sheets(sheet_rows, out_dir, f"{prefix}-{source}", size)


def _cmd_sample(which: str, out_dir: Path) -> None:
    data_dir = CoreSettings().data_dir
    if which == "train":
        _write_drawn(not_annotated_yet(sample_train(data_dir)), out_dir, "train", split="train")
        return
    if which == "real":
        _write_drawn(sample_real(data_dir), out_dir, "real")
        return
    dated = [
        {"id": i, "date": reference_date(i).isoformat(), "family": f, "text": t, "entities": []}
        for i, t, f in sample_dates(data_dir, rounds=len(DATE_ROUNDS))
    ]
    first, second, *later = ROUND_ENDS
    write_sheets(dated[:first], out_dir, "dates", 147)
    write_sheets(dated[first:second], out_dir, "dates-round2", 120)
    for n, (start, end) in enumerate(itertools.pairwise([second, *later, len(dated)]), 3):
        dev_only = ({**r, "split": "dev"} for r in dated[start:end])
        write_sheets(dev_only, out_dir, f"dates-round{n}-dev", 160 if n == 3 else 60)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.worksheets", description=__doc__)
    sub = parser.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("which", choices=["real", "dates", "train"])
    s.add_argument("out_dir", type=Path)
    b = sub.add_parser("build")
    b.add_argument("gold", type=Path)
    b.add_argument("sheets", type=Path, nargs="+")
    b.add_argument("--add", action="store_true", help="keep GOLD's rows and add the sheets'")
    args = parser.parse_args(argv)
    if args.cmd == "sample":
        _cmd_sample(args.which, args.out_dir)
        return 0
    try:
        print(f"{build(args.gold, args.sheets, args.add)} rows → {args.gold}")
    except SheetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
