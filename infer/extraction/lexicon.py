"""Word lists and patterns for extraction, read once from the YAML files in ``rules/``."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from infer.errors import QuotelensError

RULES_DIR = Path(__file__).resolve().parent / "rules"


@cache
def rules(name: str) -> dict:
    """The mapping in ``rules/<name>.yaml`` (cached: each file is read once per process)."""
    path = RULES_DIR / f"{name}.yaml"
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise QuotelensError(
            f"{path}: cannot read extraction rules ({err}); reinstall quotelens"
        ) from None
    if not isinstance(data, dict):
        raise QuotelensError(f"{path}: expected a mapping of rule names to lists")
    return data


def words(name: str, key: str) -> frozenset[str]:
    """One word list as a set, e.g. ``words("cues", "cue_lemmas")``."""
    try:
        return frozenset(rules(name)[key])
    except KeyError:
        raise QuotelensError(f"{RULES_DIR / name}.yaml: missing list {key!r}") from None


def word_list(name: str, key: str) -> list:
    """One list in file order (for lists whose order or nesting matters)."""
    try:
        return list(rules(name)[key])
    except KeyError:
        raise QuotelensError(f"{RULES_DIR / name}.yaml: missing list {key!r}") from None


def without_article(name: str) -> str:
    """``name`` without a leading "the"/"The" (its first word is then the name's own)."""
    return re.sub(r"^(?:the|The)\s+", "", name)
