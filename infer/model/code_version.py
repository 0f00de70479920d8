"""The version of the code a model runs with: package version plus a hash of the model code."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

INFER = Path(__file__).resolve().parents[1]


def model_code_files(root: Path = INFER) -> list[Path]:
    """The files logged with every model: ``infer/__init__.py``, ``infer/errors.py``, ``infer/model/``."""
    model = sorted(
        p
        for p in (root / "model").rglob("*")
        if p.is_file() and p.suffix in (".py", ".yaml") and "__pycache__" not in p.parts
    )
    return [root / "__init__.py", root / "errors.py", *model]


def code_hash(root: Path = INFER) -> str:
    """sha256 over the model code files' relative paths and bytes, first 12 hex digits."""
    h = hashlib.sha256()
    for path in model_code_files(root):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


@cache
def code_version() -> str:
    """``<package version>+<code hash>``, e.g. ``0.2.0+3f9a0c1d2e4b``."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        package = version("quotelens")
    except PackageNotFoundError:
        package = "0+unknown"
    return f"{package}+{code_hash()}"
