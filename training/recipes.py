"""Training recipes: a TOML file of ``TrainConfig`` fields per trial, so that every model
and every trial the README reports can be rebuilt with one command
(``banglaner train --recipe NAME``). Flags on the command line override the recipe.
"""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

from banglaner.models.errors import ConfigError
from banglaner.training.finetune import TrainConfig

RECIPES = Path(__file__).parent / "recipes"


def recipe_path(name: str) -> Path:
    """A recipe name (``default``, ``trial-neon-half``) or a path to a ``.toml`` file."""
    path = Path(name)
    if path.suffix != ".toml":
        path = RECIPES / f"{name}.toml"
    if not path.is_file():
        raise ConfigError.of("E106", path=path)
    return path


def load_recipe(name: str | None) -> TrainConfig:
    """The config a recipe describes; no name gives the default recipe (the default model)."""
    path = recipe_path(name or "default")
    fields = tomllib.loads(path.read_text("utf-8"))
    known = {f.name for f in dataclasses.fields(TrainConfig)}
    unknown = sorted(set(fields) - known)
    if unknown:
        raise ConfigError.of("E107", path=path, fields=unknown, known=sorted(known))
    return TrainConfig(**fields)
