"""A model carries only ``infer.model``'s code and the code version it was logged with."""

from __future__ import annotations

import logging

import pytest
import yaml

from infer.errors import QuotelensError


def test_logged_code_is_the_model_package_only(champion_folder):
    code = champion_folder / "code" / "infer"
    logged = sorted(
        p.relative_to(code).as_posix()
        for p in code.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )
    assert "errors.py" in logged and "__init__.py" in logged
    assert "model/pyfunc.py" in logged and "model/labels.yaml" in logged
    outside = [
        p for p in logged if p not in ("errors.py", "__init__.py") and not p.startswith("model/")
    ]
    assert outside == []


def test_model_metadata_holds_the_running_code_version(champion_folder):
    from infer.model.code_version import code_version

    meta = yaml.safe_load((champion_folder / "MLmodel").read_text("utf-8"))["metadata"]
    assert meta["code_version"] == code_version()
    assert "+" in meta["code_version"]


def test_changed_code_version_warns_naming_both(champion_folder, monkeypatch, caplog):
    import infer.model.code_version as cv
    from infer.batch.model_uri import check_code_version

    logged = yaml.safe_load((champion_folder / "MLmodel").read_text("utf-8"))["metadata"][
        "code_version"
    ]
    monkeypatch.setattr(cv, "code_version", lambda: "9.9.9+feedfacecafe")
    with caplog.at_level(logging.WARNING, logger="quotelens"):
        check_code_version(champion_folder, "models:/quotelens/1")
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert logged in warnings[0] and "9.9.9+feedfacecafe" in warnings[0]
    assert "\n" not in warnings[0]


def test_changed_code_version_is_refused_under_strict(champion_folder, monkeypatch):
    import infer.model.code_version as cv
    from infer.batch.model_uri import check_code_version

    monkeypatch.setattr(cv, "code_version", lambda: "9.9.9+feedfacecafe")
    with pytest.raises(QuotelensError, match="9.9.9"):
        check_code_version(champion_folder, "models:/quotelens/1", strict=True)


def test_equal_code_version_loads_silently(champion_folder, caplog):
    from infer.batch.model_uri import check_code_version

    with caplog.at_level(logging.WARNING, logger="quotelens"):
        check_code_version(champion_folder, "models:/quotelens/1")
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
