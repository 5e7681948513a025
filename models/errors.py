"""Errors with codes and fix hints (the spaCy convention): every message says what to do."""

from __future__ import annotations


class BanglanerError(Exception):
    """Base class: ``code`` is stable for docs and logs, ``hint`` says how to fix it."""

    def __init__(self, code: str, message: str, hint: str = "") -> None:
        self.code, self.message, self.hint = code, message, hint
        super().__init__(f"[{code}] {message}" + (f" — fix: {hint}" if hint else ""))


class ModelLoadError(BanglanerError):
    """A model dir is missing, unreadable or not a BIO token classifier."""


class ConfigError(BanglanerError):
    """A setting or argument is invalid."""
