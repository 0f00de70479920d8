"""The label schema (stances, devices, kinds) and its version, from ``labels.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class LabelSchema:
    """Label names exactly as ``LABELS.md`` spells them; stances in precedence order."""

    version: str
    kinds: tuple[str, ...]
    stances: tuple[str, ...]
    devices: tuple[str, ...]
    reads: tuple[str, ...] = ()

    def readable(self, version: object) -> bool:
        """True for this version and the earlier ones it stays compatible with."""
        return str(version) in (self.version, *self.reads)


@cache
def load_schema() -> LabelSchema:
    """Read the packaged schema once."""
    raw = yaml.safe_load(resources.files("infer.model").joinpath("labels.yaml").read_text("utf-8"))
    return LabelSchema(
        version=str(raw["schema_version"]),
        kinds=tuple(raw["kinds"]),
        stances=tuple(raw["stances"]),
        devices=tuple(raw["devices"]),
        reads=tuple(raw.get("reads", ())),
    )


SCHEMA = load_schema()
SCHEMA_VERSION = SCHEMA.version
STANCES = SCHEMA.stances
DEVICES = SCHEMA.devices
KINDS = SCHEMA.kinds
