"""SetFit-style contrastive tuning of the encoder before the heads are trained.

SetFit (Tunstall et al. 2022) first tunes a sentence encoder on pairs of labelled texts, pulling
same-stance pairs together and pushing different-stance pairs apart (cosine similarity regressed
to 1 or 0), then trains heads on the tuned embeddings. Here the pairs tune MiniLM in place before
the two heads are trained end to end.
"""

from __future__ import annotations

import numpy as np

from infer.model.encoder import mean_pool


def stance_pairs(y: np.ndarray, n_pairs: int, rng: np.random.Generator) -> np.ndarray:
    """``n_pairs`` rows of (i, j, same): half same-stance pairs, half different-stance pairs."""
    by_class = {c: np.flatnonzero(y == c) for c in np.unique(y)}
    classes = [c for c, idx in by_class.items() if len(idx) >= 2]
    rows = []
    for k in range(n_pairs):
        if k % 2 == 0 and classes:
            c = classes[rng.integers(len(classes))]
            i, j = rng.choice(by_class[c], 2, replace=False)
            rows.append((i, j, 1))
        else:
            i = rng.integers(len(y))
            others = np.flatnonzero(y != y[i])
            if len(others):
                rows.append((i, rng.choice(others), 0))
    return np.asarray(rows, dtype=np.int64).reshape(-1, 3)


def contrastive_tune(
    model, encode, y, n_pairs: int, epochs: int, batch_size: int, lr: float, seed: int
):
    """Tune ``model.encoder`` on stance pairs; ``encode(idx)`` tokenises rows. Returns mean losses."""
    import torch
    from tqdm.auto import tqdm

    rng = np.random.default_rng(seed)
    opt = torch.optim.AdamW(model.encoder.parameters(), lr=lr)
    mse = torch.nn.MSELoss()
    losses = []
    model.train()
    for epoch in range(1, epochs + 1):
        pairs = stance_pairs(np.asarray(y), n_pairs, rng)
        total = 0.0
        steps = tqdm(
            range(0, len(pairs), batch_size),
            desc=f"contrastive epoch {epoch}/{epochs}",
            unit="step",
        )
        for s in steps:
            batch = pairs[s : s + batch_size]
            a, b = (_embed(model, encode(batch[:, k])) for k in (0, 1))
            loss = mse(torch.cosine_similarity(a, b), torch.tensor(batch[:, 2], dtype=a.dtype))
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss.detach()) * len(batch)
            steps.set_postfix(loss=f"{float(loss.detach()):.4f}")
        losses.append(total / max(len(pairs), 1))
    return losses


def _embed(model, batch):
    hidden = model.encoder(**batch).last_hidden_state
    return mean_pool(hidden, batch["attention_mask"])
