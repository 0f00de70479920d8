"""Load model parts without pickle: skops with an explicit trusted-types list, safetensors."""

from __future__ import annotations

import importlib
import json
import sys
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
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
    "infer.model.classifiers.blocks.CompactTfidfVectorizer",
    "infer.model.classifiers.blocks.InputPart",
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


class _EmptyDefaults:
    """Meta-path hook: when ``skops.io._trusted_types`` is about to run, its scans find nothing."""

    def __init__(self) -> None:
        self.saved: list[tuple[object, str, object]] = []

    def find_spec(self, name, path=None, target=None):
        if name == "skops.io._trusted_types" and not self.saved:
            import sklearn.utils

            utils = importlib.import_module("skops.io._utils")
            for owner, attr in (
                (utils, "get_public_type_names"),
                (sklearn.utils, "all_estimators"),
            ):
                if hasattr(owner, attr):
                    self.saved.append((owner, attr, getattr(owner, attr)))
                    setattr(owner, attr, _nothing)
        return None  # the normal finders import the module

    def restore(self) -> None:
        for owner, attr, value in self.saved:
            setattr(owner, attr, value)


def _nothing(*args, **kwargs) -> list:
    return []


@contextmanager
def _no_default_trust_scan() -> Iterator[None]:
    """While skops imports, its lists of types it trusts by default come out empty.

    Building them imports every scikit-learn module and looks each of scipy's ~230 ufuncs up in
    every loaded module (seconds per scoring process, more in one that has loaded MLflow and
    Spark). Those defaults never admit anything here: ``skops_load`` refuses a file naming any
    type outside ``TRUSTED_TYPES`` before skops reads it, then trusts exactly the file's types.
    """
    hook = _EmptyDefaults()
    sys.meta_path.insert(0, hook)
    try:
        yield
    finally:
        sys.meta_path.remove(hook)
        hook.restore()


def skops_io():
    """``skops.io``, imported without pulling in torch and without its default-trust scans.

    Importing skops lists scikit-learn's estimators with ``pkgutil.walk_packages``, which imports
    ``sklearn.externals.array_api_compat.torch`` and so torch (~1 GB resident) whenever it is
    installed. That walk is skipped (``_no_default_trust_scan``); torch is still refused for the
    length of the import, should a skops version list them some other way.
    """
    with refused("torch"), _no_default_trust_scan():
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
