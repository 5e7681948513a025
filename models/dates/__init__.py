"""Bengali dates: the grammar that finds them and the resolver that gives them ISO values."""

from banglaner.models.dates.grammar import DateMatch, find_dates
from banglaner.models.dates.resolve import ResolvedDate, resolve

__all__ = ["DateMatch", "ResolvedDate", "find_dates", "resolve"]
