"""The fine-tuned network (MiniLM, mean pooling, a stance head and a device head) and its losses."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import torch

from infer.model.encoder import mean_pool
from infer.model.labels import DEVICES, STANCES


class TwoHeads(torch.nn.Module):
    """Encoder + mean pooling + dropout + two linear heads."""

    def __init__(self, encoder, dropout: float) -> None:
        super().__init__()
        self.encoder = encoder
        hidden = encoder.config.hidden_size
        self.dropout = torch.nn.Dropout(dropout)
        self.stance = torch.nn.Linear(hidden, len(STANCES))
        self.devices = torch.nn.Linear(hidden, len(DEVICES))

    def forward(self, input_ids, attention_mask, token_type_ids=None):
        out = self.encoder(
            input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
        ).last_hidden_state
        pooled = self.dropout(mean_pool(out, attention_mask))
        return self.stance(pooled), self.devices(pooled)


def stance_loss(y: np.ndarray) -> torch.nn.CrossEntropyLoss:
    """Cross-entropy weighted by inverse class frequency (the corpus is not balanced)."""
    counts = np.bincount(y, minlength=len(STANCES)).astype(np.float32)
    weight = torch.tensor(counts.sum() / (len(counts) * np.maximum(counts, 1)))
    return torch.nn.CrossEntropyLoss(weight=weight)


def device_loss(Y: np.ndarray, kind: str, gamma: float) -> Callable:
    """BCE or focal loss (``kind``) with positives weighted by sqrt(neg/pos), capped at 50."""
    # Devices are sparse: unweighted, the head learns to say "none".
    pos = Y.sum(axis=0)
    ratio = np.clip((len(Y) - pos) / np.maximum(pos, 1), 1.0, 50.0)
    pos_weight = torch.tensor(np.sqrt(ratio).astype(np.float32))

    def loss(logits, targets):
        if kind == "focal":
            return focal_bce(logits, targets, pos_weight, gamma)
        return torch.nn.functional.binary_cross_entropy_with_logits(
            logits, targets, pos_weight=pos_weight
        )

    return loss


def focal_bce(logits, targets, pos_weight, gamma: float):
    """Binary focal loss (Lin et al. 2017): BCE down-weighted by (1 - p_t)^gamma for easy labels."""
    bce = torch.nn.functional.binary_cross_entropy_with_logits(
        logits, targets, pos_weight=pos_weight, reduction="none"
    )
    p = torch.sigmoid(logits)
    p_t = p * targets + (1 - p) * (1 - targets)
    return ((1 - p_t) ** gamma * bce).mean()
