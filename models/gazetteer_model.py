"""A token classifier that also reads gazetteer features (models.gazetteer).

The features are embedded (one learnt vector per combination of B/I bits, zero for
"no listed name here" and zero at the start of training) and added to the subword
embeddings, so the encoder weighs what the list says in context. The wrapped Hugging
Face model is saved as usual; the feature embedding beside it in
``gazetteer.safetensors``: a model dir without that file is a plain tagger.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import torch
from safetensors.torch import load_file, save_file

from banglaner.models.gazetteer import N_FEATURES, GazetteerSpec

if TYPE_CHECKING:
    from transformers.modeling_utils import PreTrainedModel

GAZETTEER_FILE = "gazetteer.safetensors"


class GazetteerModel(torch.nn.Module):
    def __init__(self, model: PreTrainedModel, spec: GazetteerSpec) -> None:
        super().__init__()
        self.model = model
        self.config = model.config
        self.spec = spec
        self.gazetteer = torch.nn.Embedding(N_FEATURES, model.config.hidden_size, padding_idx=0)
        torch.nn.init.zeros_(self.gazetteer.weight)

    def forward(
        self,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor,
        gazetteer: torch.Tensor,
        labels: torch.Tensor | None = None,
    ) -> Any:  # the wrapped model's output (a TokenClassifierOutput), untyped in torch
        embeds = self.embed(input_ids, gazetteer)
        return self.model(inputs_embeds=embeds, attention_mask=attention_mask, labels=labels)

    def embed(self, input_ids: torch.Tensor, gazetteer: torch.Tensor) -> torch.Tensor:
        """The subword embeddings with the features' vectors added."""
        subwords: torch.Tensor = self.model.get_input_embeddings()(input_ids)
        features: torch.Tensor = self.gazetteer(gazetteer)
        return subwords + features

    def save_pretrained(self, out_dir: str | Path, **kwargs: Any) -> None:
        out_dir = Path(out_dir)
        self.model.save_pretrained(str(out_dir), **kwargs)
        weight = self.gazetteer.weight.detach().cpu().contiguous()
        save_file({"weight": weight}, out_dir / GAZETTEER_FILE)
        self.spec.write(out_dir)

    @classmethod
    def wrap_if_saved(cls, model: PreTrainedModel, model_dir: Path) -> torch.nn.Module:
        """``model`` with the feature embedding saved in ``model_dir``, or as it is."""
        spec = GazetteerSpec.read(model_dir)
        if spec is None:
            return model
        wrapped = cls(model, spec)
        wrapped.gazetteer.weight.data = load_file(model_dir / GAZETTEER_FILE)["weight"]
        return wrapped
