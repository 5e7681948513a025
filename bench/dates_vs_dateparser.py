"""Our date grammar vs dateparser alone, on the Bengali date set (tests/data/dates_bn.jsonl),
the news-site set (tests/data/dates_web.jsonl: Latin-script and mixed dates of headline
lists, bylines and timestamps) and the real-text set (eval/gold/dates_real.jsonl, hand
annotated: eval/gold/REAL.md), their dev and test splits reported apart.

    .venv/bin/python bench/dates_vs_dateparser.py [--pipeline]

On the real-text set also strict span-exact F1, value accuracy on the exact spans and mod
accuracy; ``--pipeline`` adds the full pipeline's DATEs (the default model's tagger and
the grammar reconciled, models.dates.merge) beside the grammar alone.

dateparser's ``search_dates`` with ``languages=["bn"]`` and the document date
as ``RELATIVE_BASE``; its datetimes are cut to the gold value's precision
(day, month, year, week) so it is not penalised for format.
"""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime

from banglaner.eval.dates_eval import (
    REAL_SET,
    WEB_SET,
    grammar_finder,
    load_date_set,
    score_dates,
    strict_date_scores,
)


def _dateparser_finder(gold_precision: dict[str, str]):
    from dateparser.search import search_dates

    def find(text: str, doc: date) -> list[tuple[str, str | None]]:
        base = datetime(doc.year, doc.month, doc.day, 12)
        found = search_dates(text, languages=["bn"], settings={"RELATIVE_BASE": base}) or []
        out = []
        for surface, dt in found:
            precision = gold_precision.get(surface, "day")
            value = {
                "year": f"{dt.year}",
                "month": f"{dt.year}-{dt.month:02d}",
                "week": "{}-W{:02d}".format(*dt.isocalendar()[:2]),
                "minute": dt.strftime("%Y-%m-%dT%H:%M"),
                "second": dt.strftime("%Y-%m-%dT%H:%M:%S"),
            }.get(precision, dt.date().isoformat())
            out.append((surface, value))
        return out

    return find


def _precision(value: str | None) -> str:
    if value is None:
        return "day"
    if "W" in value:
        return "week"
    if "T" in value:
        return "second" if value.count(":") == 2 else "minute"
    return {4: "year", 7: "month"}.get(len(value), "day")


def _report(rows: list[dict]) -> dict:
    precision = {d["text"]: _precision(d["value"]) for r in rows for d in r["dates"]}
    report = {}
    for name, finder in (
        ("banglaner", grammar_finder),
        ("dateparser", _dateparser_finder(precision)),
    ):
        s = score_dates(finder, rows)
        found = s.exact + s.false_positives  # values given right, plus dates where none is
        report[name] = {
            "expressions": s.expressions,
            "exact_value_accuracy (recall)": round(s.accuracy, 3),
            "exact_span": s.exact_span,
            "false_positives": s.false_positives,
            "non_date_sentences": s.non_date_sentences,
            "precision (right values / values given on gold and negatives)": round(
                s.exact / found, 3
            )
            if found
            else None,
        }
    return report


def _pipeline_finder():
    from banglaner.models.loading import load_pipeline
    from banglaner.models.settings import CoreSettings

    pipe = load_pipeline(CoreSettings())

    def find(text: str, doc: date) -> list[tuple[str, str | None, str | None]]:
        ents = pipe.extract(text, doc)
        return [(e.text, e.value, e.mod) for e in ents if e.label == "DATE"]

    return find


def _strict_report(rows: list[dict], pipeline: bool) -> dict:
    precision = {d["text"]: _precision(d["value"]) for r in rows for d in r["dates"]}
    finders = {"banglaner grammar": grammar_finder, "dateparser": _dateparser_finder(precision)}
    if pipeline:
        finders["banglaner pipeline"] = _pipeline_finder()
    report = {}
    for name, finder in finders.items():
        s = strict_date_scores(finder, rows)
        report[name] = {
            "expressions": s.gold,
            "found": s.found,
            "strict F1": round(s.f1, 3),
            "value accuracy on exact spans": (
                f"{s.value_accuracy:.3f} ({s.value_right}/{s.value_known})"
            ),
            "mod accuracy on exact spans": f"{s.mod_right}/{s.exact}",
        }
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pipeline", action="store_true", help="also the full pipeline")
    args = parser.parse_args()
    web = load_date_set(WEB_SET)
    sets = {
        "dates_bn.jsonl": load_date_set(),
        "dates_web.jsonl dev": [r for r in web if r["split"] == "dev"],
        "dates_web.jsonl test": [r for r in web if r["split"] == "test"],
    }
    out = {k: _report(v) for k, v in sets.items()}
    for split in ("dev", "test"):
        rows = load_date_set(REAL_SET, split)
        out[f"dates_real.jsonl {split} (strict)"] = _strict_report(rows, args.pipeline)
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
