"""Load model parts without pickle: skops with an explicit trusted-types list, safetensors."""

from __future__ import annotations

from pathlib import Path

from infer.errors import QuotelensError

PICKLE_SUFFIXES = {".pkl", ".pickle", ".joblib", ".pt", ".pth", ".bin", ".dill", ".cloudpickle"}
# Types a quotelens model part may contain; anything else in a .skops file is refused.
TRUSTED_TYPES = [
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.pipeline.FeatureUnion",
    "sklearn.pipeline.Pipeline",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.multiclass.OneVsRestClassifier",
    "sklearn.preprocessing._label.LabelBinarizer",
    "builtins.dict",
    "builtins.list",
    "builtins.tuple",
    "builtins.str",
    "builtins.int",
    "builtins.float",
    "builtins.bool",
    "builtins.NoneType",
    "builtins.set",
    "numpy.ndarray",
    "numpy.dtype",
    "numpy.float64",
    "numpy.int64",
    "numpy.int32",
    "numpy.str_",
    "numpy.bool_",
    "scipy.sparse._csr.csr_matrix",
    "collections.defaultdict",
    "collections.OrderedDict",
]


def skops_dump(obj, path: Path) -> None:
    import skops.io as sio

    sio.dump(obj, path)


def skops_load(path: Path):
    """Load a .skops file, refusing any type outside ``TRUSTED_TYPES``."""
    import skops.io as sio

    untrusted = sio.get_untrusted_types(file=path)
    unknown = [t for t in untrusted if t not in TRUSTED_TYPES]
    if unknown:
        raise QuotelensError(f"{path}: refusing to load untrusted types {', '.join(unknown[:5])}")
    return sio.load(path, trusted=untrusted)


def refuse_pickles(folder: str | Path) -> None:
    """A quotelens model never holds pickle files; one found there means tampering or a wrong folder."""
    for f in Path(folder).rglob("*"):
        if f.suffix.lower() in PICKLE_SUFFIXES and f.is_file():
            raise QuotelensError(
                f"{f}: model folder holds a pickle-format file; refusing to load it"
            )
