import numpy as np

from train.corpus import load_corpus
from train.splits import split_indices


def test_heldout_conflicts_never_in_train(small_corpus):
    ds = load_corpus([small_corpus])
    parts = split_indices(ds, "heldout_conflict", seed=7)
    conflicts = np.asarray(ds["conflict"])
    test = set(conflicts[parts["test"]])
    assert (
        test
        and not test & set(conflicts[parts["train"]])
        and not test & set(conflicts[parts["dev"]])
    )
    assert len(set(np.asarray(ds["stance"])[parts["test"]])) == 4


def test_splits_are_deterministic_and_disjoint(small_corpus):
    ds = load_corpus([small_corpus])
    for kind in ("heldout_conflict", "random"):
        a, b = split_indices(ds, kind, seed=3), split_indices(ds, kind, seed=3)
        for name in a:
            assert np.array_equal(a[name], b[name])
        every = np.concatenate([a["train"], a["dev"], a["test"]])
        assert sorted(every) == list(range(len(ds)))
