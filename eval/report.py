"""The evaluation report: report.md (+ confusion SVGs), a self-contained report.html,
and scores.json, for one model or two side by side (``--compare``)."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from banglaner.eval.evaluate import ErrorCase, ModelEval
from banglaner.eval.scorer import MISSED, PRF, SPURIOUS
from banglaner.models.labels import LABELS

ROWS = (*LABELS, SPURIOUS)
COLS = (*LABELS, MISSED)
MAX_ERRORS = 30
MAX_DOCS = 40


def _id_sentence(ev: ModelEval) -> str:
    """The canonical-ID paragraph of both report formats."""
    p, f = ev.ids, ev.fragments
    assert p is not None and f is not None
    return (
        f"Pairwise precision {p.precision:.3f}, recall {p.recall:.3f}, F1 {p.f1:.3f} "
        f"({p.correct_pairs} right of {p.predicted_pairs} predicted same-ID pairs, "
        f"{p.true_pairs} gold same-entity pairs). Fragmentation: {f.ids_per_entity:.3f} IDs "
        f"per gold entity, {f.split_share:.1%} of {f.entities} entities split across IDs; "
        f"ID purity {f.purity:.3f} ({f.mixed_ids} of {f.ids} IDs mix entities). "
        f"QID accuracy {_pct(*ev.qid)}."
    )


def _pct(right: int, total: int) -> str:
    return f"{right / total:.3f} ({right}/{total})" if total else "–"


def headline(ev: ModelEval) -> list[tuple[str, str, float | None]]:
    """(metric, shown value, number for deltas) — the rows of the summary table."""
    rows: list[tuple[str, str, float | None]] = []
    for scheme, scores in (("strict", ev.strict), ("partial", ev.partial)):
        for key, name in (("micro_names", "PER/LOC/ORG"), ("micro", "all four")):
            s = scores[key]
            rows.append((f"{scheme} F1, {name}", f"{s.f1:.3f}", s.f1))
    for lab in LABELS:
        rows.append((f"strict F1, {lab}", f"{ev.strict[lab].f1:.3f}", ev.strict[lab].f1))
    if ev.ids is not None:
        rows.append(("canonical IDs, pairwise F1", f"{ev.ids.f1:.3f}", ev.ids.f1))
    if ev.ids_all is not None:
        rows.append(
            ("canonical IDs, pairwise F1, all gold mentions", f"{ev.ids_all.f1:.3f}", ev.ids_all.f1)
        )
    if ev.fragments is not None:
        f = ev.fragments
        rows += [
            ("IDs per gold entity", f"{f.ids_per_entity:.3f}", f.ids_per_entity),
            ("gold entities split across IDs", f"{f.split_share:.3f}", f.split_share),
            ("ID purity", f"{f.purity:.3f}", f.purity),
        ]
    for name, (right, total) in (
        ("QID accuracy", ev.qid),
        ("QID accuracy, all gold mentions", ev.qid_all),
        ("DATE value accuracy", ev.date_values),
        ("DATE mod accuracy", ev.date_mods),
    ):
        rows.append((name, _pct(right, total), right / total if total else None))
    rows.append(("documents/s", f"{ev.docs_per_s:.1f}", ev.docs_per_s))
    return rows


def _prf_rows(scores: dict[str, PRF]) -> list[list[str]]:
    keys = [
        *((lab, lab) for lab in LABELS),
        ("micro_names", "micro PER/LOC/ORG"),
        ("micro", "micro, all four"),
    ]
    return [
        [
            name,
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
            str(s.tp + s.fn),
            str(s.tp + s.fp),
        ]
        for key, name in keys
        for s in [scores[key]]
    ]


PRF_HEAD = ["", "P", "R", "F1", "gold", "predicted"]


def _svg_text(x: float, y: float, text: object, anchor: str = "start", bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return f'<text x="{x}" y="{y}" text-anchor="{anchor}"{weight}>{html.escape(str(text))}</text>'


def _cell_colour(share: float, diagonal: bool) -> str:
    """Green for agreement, red for confusion, darker for a larger share of the row."""
    if diagonal:
        return f"rgb({255 - int(200 * share)},{255 - int(60 * share)},{255 - int(200 * share)})"
    return f"rgb(255,{255 - int(190 * share)},{255 - int(190 * share)})"


def confusion_svg(ev: ModelEval, title: str) -> str:
    """The label confusion as a heatmap; colour = share of the row, text = count."""
    cell, left, top = 64, 96, 64
    w, h = left + cell * len(COLS) + 8, top + cell * len(ROWS) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
        f'font-family="sans-serif" font-size="12" role="img" aria-label="{html.escape(title)}">',
        _svg_text(4, 16, title, bold=True),
        _svg_text(left, 36, "predicted →"),
        _svg_text(4, top - 6, "gold ↓"),
    ]
    for j, col in enumerate(COLS):
        parts.append(_svg_text(left + j * cell + cell / 2, top - 6, col, "middle"))
    for i, row in enumerate(ROWS):
        y = top + i * cell
        parts.append(_svg_text(left - 6, y + cell / 2 + 4, row, "end"))
        total = sum(ev.confusion[(row, c)] for c in COLS) or 1
        for j, col in enumerate(COLS):
            n = ev.confusion[(row, col)]
            x = left + j * cell
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" '
                f'fill="{_cell_colour(n / total, row == col)}" stroke="#ccc"/>'
            )
            if not (row == SPURIOUS and col == MISSED):
                parts.append(
                    _svg_text(x + cell / 2 - 1, y + cell / 2 + 4, n, "middle", n / total > 0.5)
                )
    parts.append("</svg>")
    return "".join(parts)


# -- Markdown ---------------------------------------------------------------
def _md_table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows]
    return [*out, ""]


def _md_error(c: ErrorCase) -> list[str]:
    return [
        c.kind,
        c.gold or "–",
        c.predicted or "–",
        str(c.count),
        f"…{c.left}**{c.focus}**{c.right}…",
    ]


def _column_names(evals: Sequence[ModelEval]) -> list[str]:
    """Model names for table heads; two models of one name (a retrained candidate
    against the default) are told apart by their folder."""
    names = [ev.card["name"] for ev in evals]
    if len(set(names)) == len(names):
        return names
    return [f"{n} ({Path(ev.card['dir']).name})" for n, ev in zip(names, evals, strict=True)]


def _summary_rows(evals: Sequence[ModelEval]) -> tuple[list[str], list[list[str]]]:
    tables = [headline(ev) for ev in evals]
    head = ["metric", *_column_names(evals)]
    if len(evals) == 2:
        head.append("Δ (second − first)")
    rows = []
    for i, (metric, shown, value) in enumerate(tables[0]):
        row = [metric, shown]
        if len(evals) == 2:
            other = tables[1][i]
            row.append(other[1])
            row.append(
                f"{other[2] - value:+.3f}" if value is not None and other[2] is not None else "–"
            )
        rows.append(row)
    return head, rows


def render_markdown(title: str, evals: Sequence[ModelEval]) -> str:
    out = [f"# Evaluation: {title}", ""]
    head, rows = _summary_rows(evals)
    out += ["## Summary", "", *_md_table(head, rows)]
    out += [
        "Strict: exact span and label. Partial: overlapping span, same label. Canonical IDs: "
        "pairwise precision/recall over the name mentions found with the exact gold span "
        "(two mentions of one gold entity should share an ID, of two entities not). "
        "DATE values: over DATE mentions overlapping a gold DATE.",
        "",
    ]
    for k, ev in enumerate(evals, 1):
        out += [f"## Model {k}: {ev.card['name']}", ""]
        out += _md_table(["fact", "value"], [[a, str(b)] for a, b in ev.card.items()])
        out += [f"{ev.documents} documents, {ev.docs_per_s:.1f} documents/s.", ""]
        out += ["### Strict", "", *_md_table(PRF_HEAD, _prf_rows(ev.strict))]
        out += ["### Partial", "", *_md_table(PRF_HEAD, _prf_rows(ev.partial))]
        out += ["### Label confusion", "", f"![confusion](confusion-{k}.svg)", ""]
        out += _md_table(
            ["gold \\ predicted", *COLS],
            [[r, *(str(ev.confusion[(r, c)]) for c in COLS)] for r in ROWS],
        )
        if ev.ids is not None:
            out += ["### Canonical IDs", "", _id_sentence(ev), ""]
        out += [f"DATE value accuracy: {_pct(*ev.date_values)}.", ""]
        out += [
            "### Worst errors",
            "",
            *_md_table(
                ["kind", "gold", "predicted", "times", "first seen in context"],
                [_md_error(c) for c in ev.errors[:MAX_ERRORS]],
            ),
        ]
        out += ["### Documents (worst first)", ""]
        out += _md_table(
            ["document", "gold mentions", "P", "R", "F1"],
            [
                [d, str(n), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}"]
                for d, n, s in ev.per_doc[:MAX_DOCS]
            ],
        )
        if len(ev.per_doc) > MAX_DOCS:
            out += [f"{len(ev.per_doc) - MAX_DOCS} more documents in scores.json.", ""]
    return "\n".join(out)


# -- HTML -------------------------------------------------------------------
CSS = """
body{font-family:'Noto Sans Bengali','Noto Sans',sans-serif;max-width:1100px;margin:2em auto;
padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}
td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}
th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}
mark{background:#ffe08a;padding:0 .15em;border-radius:3px}.pos{color:#176b2c}.neg{color:#a01818}
section{margin-bottom:2em}
"""


_NUMBER = re.compile(r"[+\-–]?[0-9.,]+(?: \([0-9/]+\))?")


def _html_table(head: Sequence[str], rows: Sequence[Sequence[str]], raw: bool = False) -> str:
    cells = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = []
    for r in rows:
        tds = []
        for c in r:
            num = _NUMBER.fullmatch(c) is not None
            content = c if raw else html.escape(c)
            tds.append(f'<td class="num">{content}</td>' if num else f"<td>{content}</td>")
        body.append("<tr>" + "".join(tds) + "</tr>")
    return f"<table><tr>{cells}</tr>{''.join(body)}</table>"


def _html_error(c: ErrorCase) -> list[str]:
    e = html.escape
    return [
        e(c.kind),
        e(c.gold or "–"),
        e(c.predicted or "–"),
        str(c.count),
        f"…{e(c.left)}<mark>{e(c.focus)}</mark>{e(c.right)}…",
    ]


def render_html(title: str, evals: Sequence[ModelEval]) -> str:
    e = html.escape
    head, rows = _summary_rows(evals)
    if len(evals) == 2:
        for r in rows:
            cls = (
                "pos"
                if r[-1].startswith("+") and r[-1] != "+0.000"
                else "neg"
                if r[-1].startswith("-")
                else ""
            )
            r[-1] = f'<span class="{cls}">{e(r[-1])}</span>'
        rows = [[e(c) for c in r[:-1]] + [r[-1]] for r in rows]
    parts = [
        "<!doctype html><html lang='bn'><head><meta charset='utf-8'>",
        f"<title>banglaner evaluation: {e(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>Evaluation: {e(title)}</h1><section><h2>Summary</h2>",
        _html_table(head, rows, raw=len(evals) == 2),
        "</section>",
    ]
    for k, ev in enumerate(evals, 1):
        parts += [
            f"<section><h2>Model {k}: {e(ev.card['name'])}</h2>",
            _html_table(["fact", "value"], [[a, str(b)] for a, b in ev.card.items()]),
            f"<p>{ev.documents} documents, {ev.docs_per_s:.1f} documents/s.</p>",
            "<h3>Strict</h3>",
            _html_table(PRF_HEAD, _prf_rows(ev.strict)),
            "<h3>Partial</h3>",
            _html_table(PRF_HEAD, _prf_rows(ev.partial)),
            "<h3>Label confusion</h3>",
            confusion_svg(ev, f"label confusion, model {k}"),
        ]
        if ev.ids is not None:
            parts.append(f"<h3>Canonical IDs</h3><p>{html.escape(_id_sentence(ev))}</p>")
        parts += [
            f"<p>DATE value accuracy: {_pct(*ev.date_values)}.</p>",
            "<h3>Worst errors</h3>",
            _html_table(
                ["kind", "gold", "predicted", "times", "first seen in context"],
                [_html_error(c) for c in ev.errors[:MAX_ERRORS]],
                raw=True,
            ),
            "<h3>Documents (worst first)</h3>",
            _html_table(
                ["document", "gold mentions", "P", "R", "F1"],
                [
                    [d, str(n), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}"]
                    for d, n, s in ev.per_doc[:MAX_DOCS]
                ],
            ),
            "</section>",
        ]
    parts.append("</body></html>")
    return "".join(parts)


def _scores_json(ev: ModelEval) -> dict:
    return {
        "model": ev.model,
        "card": ev.card,
        "documents": ev.documents,
        "docs_per_s": round(ev.docs_per_s, 2),
        "strict": {k: v.as_dict() for k, v in ev.strict.items()},
        "partial": {k: v.as_dict() for k, v in ev.partial.items()},
        "confusion": {f"{g} -> {p}": n for (g, p), n in sorted(ev.confusion.items())},
        "ids": asdict(ev.ids) if ev.ids else None,
        "fragmentation": asdict(ev.fragments) if ev.fragments else None,
        "qid_accuracy": {"right": ev.qid[0], "total": ev.qid[1]},
        "date_value_accuracy": {"right": ev.date_values[0], "total": ev.date_values[1]},
        "documents_scores": {d: s.as_dict() for d, _, s in ev.per_doc},
    }


def write_report(out_dir: Path, title: str, evals: Sequence[ModelEval]) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for k, ev in enumerate(evals, 1):
        svg = out_dir / f"confusion-{k}.svg"
        svg.write_text(confusion_svg(ev, f"label confusion, model {k}"), encoding="utf-8")
        written.append(svg)
    for name, content in (
        ("report.md", render_markdown(title, evals)),
        ("report.html", render_html(title, evals)),
        (
            "scores.json",
            json.dumps(
                {"gold": title, "models": [_scores_json(ev) for ev in evals]},
                ensure_ascii=False,
                indent=2,
            ),
        ),
    ):
        (out_dir / name).write_text(content, encoding="utf-8")
        written.append(out_dir / name)
    return written
