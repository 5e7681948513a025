"""banglaner: Bengali entities (PER, LOC, ORG, DATE) with exact offsets and canonical IDs.

    import banglaner

    nlp = banglaner.load()                      # the default model; load("fast") or a folder
    entities = nlp("শেখ হাসিনা আগামী সপ্তাহে দিল্লি যাবেন।", date=date(2024, 3, 12))
    for found in nlp.pipe(texts, batch_size=64):  # texts share the encoder's batches
        ...

The library lives in four layers, ``banglaner.models`` (the runtime library),
``banglaner.eval``, ``banglaner.training`` and ``banglaner.service`` (the front doors). In a
source checkout they are the folders beside this one, so the repository keeps its layout;
a built wheel places them inside this package (pyproject's ``package-dir``).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from banglaner.models.pipeline import Pipeline

_HERE = Path(__file__).resolve().parent
if not (_HERE / "models").is_dir() and (_HERE.parent / "pyproject.toml").is_file():
    __path__.append(str(_HERE.parent))  # a source checkout: the layers are this folder's siblings

try:
    __version__ = version("banglaner")
except PackageNotFoundError:  # a source checkout that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__", "load"]


def load(model: str | Path = "default", **settings: Any) -> Pipeline:
    """The pipeline every front door serves: ``model`` is a built model's name (``default``,
    ``fast``) or a model folder; ``settings`` override the ``BANGLANER_*`` settings by field
    name (``runtime="onnx"``, ``link_entities=False``; docs/usage.md lists them)."""
    from banglaner.models.loading import load_pipeline
    from banglaner.models.settings import CoreSettings

    if model in ("default", "fast"):
        settings["model"] = model
    else:
        settings["model_dir"] = Path(model)
    return load_pipeline(CoreSettings(**settings))
