"""Keep heavy packages out of a process that does not need them (torch for a TF-IDF model)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager


class _Refuse:
    """A meta-path finder that makes the named top-level packages unimportable while installed."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self.names = names

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in self.names:
            raise ModuleNotFoundError(f"{name} is refused here (not needed)", name=name)
        return None


@contextmanager
def refused(*names: str) -> Iterator[None]:
    """Inside the block, importing ``names`` raises ModuleNotFoundError unless already imported.

    For libraries that import torch only when it happens to be installed (skops listing
    scikit-learn's estimators, thinc under spaCy): they treat the ImportError as "not installed".
    """
    names = tuple(n for n in names if n not in sys.modules)
    if not names:
        yield
        return
    finder = _Refuse(names)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
