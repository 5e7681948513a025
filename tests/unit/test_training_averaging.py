"""The weight average (training.averaging): what it holds after updates, that a model holds
it only inside ``applied``, that training feeds it after every step and keeps each epoch
with it, and its coded error."""

from __future__ import annotations

import pytest
import torch

from banglaner.models.errors import ConfigError
from banglaner.training.averaging import WeightAverage
from banglaner.training.finetune import EpochSelector, TrainConfig, observe_epochs, train_epochs


def _set(layer: torch.nn.Linear, value: float) -> None:
    with torch.no_grad():
        layer.weight.fill_(value)
        layer.bias.fill_(value)


def test_the_average_follows_the_weights_with_the_decay_it_is_given() -> None:
    layer = torch.nn.Linear(3, 2)
    _set(layer, 0.0)
    average = WeightAverage(layer, decay=0.5)
    _set(layer, 1.0)
    average.update(layer)  # keep min(0.5, 2/11): 0 * 2/11 + 1 * 9/11
    assert average.average["weight"][0, 0].item() == pytest.approx(9 / 11)
    for _ in range(20):
        average.update(layer)  # the decay has reached 0.5: halfway to 1 each step
    assert average.average["bias"][0].item() == pytest.approx(1.0, abs=1e-5)
    _set(layer, 3.0)
    average.update(layer)
    assert average.average["bias"][0].item() == pytest.approx(2.0, abs=1e-5)


def test_a_model_holds_the_average_only_inside_applied() -> None:
    layer = torch.nn.Linear(3, 2)
    _set(layer, 0.0)
    average = WeightAverage(layer, decay=0.9)
    _set(layer, 5.0)
    with average.applied(layer):
        assert torch.all(layer.weight == 0.0)
        state = {k: v.clone() for k, v in layer.state_dict().items()}
    assert torch.all(layer.weight == 5.0) and torch.all(state["weight"] == 0.0)


def test_a_decay_outside_zero_to_one_is_a_coded_error() -> None:
    with pytest.raises(ConfigError, match="E110"):
        TrainConfig(weight_average=1.0)
    with pytest.raises(ConfigError, match="E110"):
        WeightAverage(torch.nn.Linear(2, 2), decay=0.0)
    assert TrainConfig(weight_average=0.998).weight_average == 0.998


def test_each_epoch_is_kept_with_the_average_and_training_goes_on_from_the_weights() -> None:
    """fit's loop: the selector keeps the averaged weights of the best epoch (here the last:
    no dev set), the next epoch trains on from the model's own weights, and restore_best
    puts the kept average in."""
    torch.manual_seed(0)
    model = torch.nn.Linear(4, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda _: 1.0)
    average = WeightAverage(model, decay=0.9)
    x, y = torch.randn(8, 4), torch.randn(8, 1)
    trained_from: list[torch.Tensor] = []  # the weights each step starts from
    averages: list[torch.Tensor] = []  # the average after each step

    def loss_of(m, batch):
        trained_from.append(m.weight.detach().clone())
        return torch.nn.functional.mse_loss(m(x), y)

    def after_step() -> None:
        average.update(model)
        averages.append(average.average["weight"].clone())

    epochs = train_epochs(
        model, lambda e: [[None]] * 3, loss_of, 2, optimizer, scheduler, quiet=True,
        after_step=after_step,
    )  # fmt: skip
    selector = EpochSelector(tagger=None, dev=[])  # type: ignore[arg-type]
    observe_epochs(model, epochs, selector, average, lambda line: None)
    assert average.steps == len(averages) == len(trained_from) == 6  # fed after every step
    assert selector.best_epoch == 2 and selector.best_state is not None
    assert torch.equal(selector.best_state["weight"], averages[-1])
    # epoch 2's first step starts from epoch 1's own weights, not from the average then
    assert not torch.equal(trained_from[3], averages[2])
    assert not torch.equal(model.weight.detach(), averages[-1])
    selector.restore_best(model)
    assert torch.equal(model.weight.detach(), averages[-1])
