"""An exponential moving average of the weights while training (Polyak averaging).

Why: the weights after an epoch's last step carry its last batches' noise; their running
average over the last ~1 / (1 - decay) steps often generalises better, at no cost when
tagging. Each epoch is scored, and kept, with the average in place of the weights
(training.finetune.fit); training goes on from the weights themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from banglaner.models.errors import ConfigError

if TYPE_CHECKING:
    import torch


def check_decay(decay: float | None) -> None:
    """E110 for a decay outside (0, 1); None (no average) is fine."""
    if decay is not None and not 0.0 < decay < 1.0:
        raise ConfigError.of("E110", value=decay)


class WeightAverage:
    """The running average of a model's trainable parameters."""

    def __init__(self, model: torch.nn.Module, decay: float) -> None:
        check_decay(decay)
        self.decay = decay
        self.steps = 0
        self.average: dict[str, torch.Tensor] = {
            name: p.detach().clone() for name, p in model.named_parameters() if p.requires_grad
        }

    def update(self, model: torch.nn.Module) -> None:
        """Fold the current weights in. Early on the average forgets faster (the share it
        keeps grows from 2/11 towards ``decay``), so the first weights do not linger in it."""
        import torch

        self.steps += 1
        keep = min(self.decay, (1 + self.steps) / (10 + self.steps))
        with torch.no_grad():
            for name, p in model.named_parameters():
                if name in self.average:
                    self.average[name].lerp_(p.detach(), 1.0 - keep)

    @contextmanager
    def applied(self, model: torch.nn.Module) -> Iterator[None]:
        """The model holds the average inside the block, its own weights again after."""
        import torch

        params = {name: p for name, p in model.named_parameters() if name in self.average}
        own = {name: p.detach().clone() for name, p in params.items()}
        with torch.no_grad():
            for name, p in params.items():
                p.copy_(self.average[name])
        try:
            yield
        finally:
            with torch.no_grad():
                for name, p in params.items():
                    p.copy_(own[name])
