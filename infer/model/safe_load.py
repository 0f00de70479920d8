"""Load model parts without pickle: skops with an explicit trusted-types list, safetensors."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from infer.errors import QuotelensError
from infer.model.imports import refused

PICKLE_SUFFIXES = {".pkl", ".pickle", ".joblib", ".pt", ".pth", ".bin", ".dill", ".cloudpickle"}
# Types a quotelens model part may contain; anything else in a .skops file is refused.
TRUSTED_TYPES = [
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.pipeline.FeatureUnion",
    "infer.model.classifiers.blocks.EmbeddingBlock",
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


def skops_io():
    """``skops.io``, imported without pulling in torch.

    Importing skops lists scikit-learn's estimators with ``pkgutil.walk_packages``, which imports
    ``sklearn.externals.array_api_compat.torch`` and so torch (~1 GB resident) whenever it is
    installed. walk_packages skips packages that raise ImportError, so torch is refused for the
    length of that import only (a TF-IDF model then scores without it).
    """
    with refused("torch"):
        import skops.io as sio
    return sio


def skops_dump(obj, path: Path) -> None:
    skops_io().dump(obj, path)


def skops_types(path: Path) -> set[str]:
    """Every ``module.Class`` a .skops file names (objects, type and function references).

    skops itself trusts many types by default (e.g. every scikit-learn estimator), so its own
    ``get_untrusted_types`` does not list them; this reads the file's schema to see them all.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            schema = json.loads(zf.read("schema.json"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as err:
        raise QuotelensError(f"{path}: not a readable .skops file ({err})") from None
    found: set[str] = set()
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            cls, module = node.get("__class__"), node.get("__module__")
            if isinstance(cls, str) and isinstance(module, str):
                found.add(f"{module}.{cls}")
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def skops_load(path: Path):
    """Load a .skops file, refusing any type outside ``TRUSTED_TYPES``.

    The file's own list of types is checked first; skops then loads with exactly those trusted
    (and still refuses anything it meets that is neither listed nor one of its safe defaults).
    """
    sio = skops_io()
    found = skops_types(path)
    unknown = sorted(found - set(TRUSTED_TYPES))
    if unknown:
        raise QuotelensError(f"{path}: refusing to load untrusted types {', '.join(unknown[:5])}")
    return sio.load(path, trusted=sorted(found))


def refuse_pickles(folder: str | Path) -> None:
    """A quotelens model never holds pickle files; one found there means tampering or a wrong folder."""
    for f in Path(folder).rglob("*"):
        if f.suffix.lower() in PICKLE_SUFFIXES and f.is_file():
            raise QuotelensError(
                f"{f}: model folder holds a pickle-format file; refusing to load it"
            )
