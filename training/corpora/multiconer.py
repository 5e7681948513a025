"""MultiCoNER II Bangla (CC BY 4.0): ``token _ _ TAG`` with 33 fine types.

The fine types are folded into ours (``FINE_TO_COARSE``); creative works,
products and medical types are not entities under ANNOTATION.md. There is no
date type: DATE mentions come from the date grammar (training.reconcile).
"""

from __future__ import annotations

from pathlib import Path

from training.corpora.base import Sentence, sentence_from_tokens

FINE_TO_COARSE: dict[str, str | None] = {
    **dict.fromkeys(
        ["Artist", "Athlete", "Politician", "Scientist", "Cleric", "SportsManager", "OtherPER"],
        "PER",
    ),
    # Facilities and stations are named sites (LOC under ANNOTATION.md).
    **dict.fromkeys(["HumanSettlement", "Facility", "Station", "OtherLOC"], "LOC"),
    **dict.fromkeys(
        [
            "ORG",
            "PublicCorp",
            "PrivateCorp",
            "SportsGRP",
            "MusicalGRP",
            "AerospaceManufacturer",
            "CarManufacturer",
        ],
        "ORG",
    ),
    **dict.fromkeys(
        [
            "VisualWork",
            "WrittenWork",
            "MusicalWork",
            "ArtWork",
            "Software",
            "Food",
            "Drink",
            "Vehicle",
            "Clothing",
            "OtherPROD",
            "Disease",
            "Symptom",
            "Medication/Vaccine",
            "MedicalProcedure",
            "AnatomicalStructure",
        ],
        None,
    ),
}


def load(path: Path, source: str = "multiconer") -> list[Sentence]:
    out = []
    tokens: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("# id "):
            continue
        if not line.strip():
            if tokens:
                sent = sentence_from_tokens(tokens, tags, source, FINE_TO_COARSE)
                if sent is not None:
                    out.append(sent)
                tokens, tags = [], []
            continue
        parts = line.split(" _ _ ")
        tokens.append(parts[0])
        tags.append(parts[1].strip() if len(parts) > 1 else "O")
    return out
