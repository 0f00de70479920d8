"""Deterministic splits: held-out conflicts (grouped) and stratified random, each with a dev part."""

from __future__ import annotations

import datasets
import numpy as np
from sklearn.model_selection import GroupShuffleSplit, train_test_split

from infer.errors import QuotelensError

SPLIT_KINDS = ("heldout_conflict", "random", "articles")
# Metric prefix of each split: test_heldout/…, test_random/…, test_articles/…
SPLIT_PREFIX = {"heldout_conflict": "heldout", "random": "random", "articles": "articles"}
# Theatres whose real-structure articles form the article test split (DATACARD.md, "Splits").
ARTICLE_TEST_THEATRES = (
    "armenia_azerbaijan",
    "china_taiwan",
    "israel_lebanon",
    "russia_nato",
    "sahel",
)


def _dev_from(train_idx: np.ndarray, y: np.ndarray, dev_size: float, seed: int):
    return train_test_split(train_idx, test_size=dev_size, random_state=seed, stratify=y[train_idx])


def split_indices(
    dataset: datasets.Dataset,
    kind: str,
    test_size: float = 0.2,
    dev_size: float = 0.15,
    seed: int = 13,
    test_theatres: tuple[str, ...] = ARTICLE_TEST_THEATRES,
) -> dict[str, np.ndarray]:
    """Index arrays for train/dev/test.

    heldout_conflict: whole conflicts go to test (GroupShuffleSplit on ``conflict``); the draw is
    repeated with the next seeds until every stance occurs in test, so the split stays seeded.
    random: stratified on stance. articles: every statement of the real-structure articles set in
    ``test_theatres`` is test, everything else trains. Dev is a stratified slice of the train part.
    """
    y = np.asarray(dataset["stance"])
    idx = np.arange(len(dataset))
    if kind == "random":
        train_idx, test_idx = train_test_split(
            idx, test_size=test_size, random_state=seed, stratify=y
        )
    elif kind == "heldout_conflict":
        groups = np.asarray(dataset["conflict"])
        if len(set(groups)) < 3:
            raise QuotelensError(
                "a held-out-conflict split needs at least 3 distinct 'conflict' values"
            )
        for attempt in range(100):
            gss = GroupShuffleSplit(n_splits=1, test_size=test_size, random_state=seed + attempt)
            train_idx, test_idx = next(gss.split(idx, y, groups))
            if len(set(y[test_idx])) == len(set(y)) and len(set(y[train_idx])) == len(set(y)):
                break
        else:
            raise QuotelensError("no held-out-conflict split with every stance on both sides")
    elif kind == "articles":
        in_test = np.isin(dataset["conflict"], test_theatres) & (
            np.asarray(dataset["origin"]) == "article"
        )
        if not in_test.any():
            raise QuotelensError(
                "the articles split needs labelled real-structure articles from the test theatres "
                f"({', '.join(test_theatres)}); add data/articles to data.paths"
            )
        train_idx, test_idx = idx[~in_test], idx[in_test]
    else:
        raise QuotelensError(f"unknown split '{kind}' (use one of {', '.join(SPLIT_KINDS)})")
    train_idx, dev_idx = _dev_from(np.sort(train_idx), y, dev_size, seed)
    return {"train": np.sort(train_idx), "dev": np.sort(dev_idx), "test": np.sort(test_idx)}


def make_splits(dataset: datasets.Dataset, kind: str, seed: int = 13, **kw) -> datasets.DatasetDict:
    parts = split_indices(dataset, kind, seed=seed, **kw)
    return datasets.DatasetDict({name: dataset.select(ix) for name, ix in parts.items()})
