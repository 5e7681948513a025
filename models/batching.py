"""Batch results, computed flat for many items at once, cut back into one piece per item."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def split_flat(flat: Sequence, counts: np.ndarray | Sequence[int]) -> list:
    """``flat`` (a list or an array) cut into consecutive pieces of ``counts`` items each."""
    ends = np.cumsum(counts).tolist()
    return [flat[lo:hi] for lo, hi in zip([0, *ends][: len(ends)], ends, strict=True)]
