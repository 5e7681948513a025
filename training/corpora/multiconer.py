"""MultiCoNER II Bangla (CC BY 4.0): ``token _ _ TAG`` with 33 fine types.

The fine types are folded into ours (``FINE_TO_COARSE``); creative works,
products and medical types are not entities under docs/annotation.md. There is no
date type: DATE mentions come from the date grammar (training.reconcile).
"""

from __future__ import annotations

from pathlib import Path

from banglaner.training.corpora.base import Sentence, read_token_lines, sentence_from_tokens

FINE_TO_COARSE: dict[str, str | None] = {
    **dict.fromkeys(
        ["Artist", "Athlete", "Politician", "Scientist", "Cleric", "SportsManager", "OtherPER"],
        "PER",
    ),
    # Facilities and stations are named sites (LOC under docs/annotation.md).
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


def _parse(line: str) -> tuple[str, str]:
    token, _, tag = line.partition(" _ _ ")
    return token, tag.strip() or "O"


def load(path: Path, source: str = "multiconer") -> list[Sentence]:
    sentences = (
        sentence_from_tokens(tokens, tags, source, FINE_TO_COARSE)
        for tokens, tags in read_token_lines(path, _parse, comment="# id ")
    )
    return [s for s in sentences if s is not None]
