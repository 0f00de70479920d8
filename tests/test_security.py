"""Security: configs parsed safely, model parts loaded without pickle, ids never become paths,
servers bound to 127.0.0.1."""

from __future__ import annotations

import ast
import json
import os
import pickle
import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from infer.errors import QuotelensError
from tests.conftest import ROOT, run_main


def one_error_line(stderr: str) -> str:
    assert "Traceback" not in stderr, stderr[-2000:]
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, stderr[-2000:]
    return errors[0]


# 5. configs are parsed safely ----------------------------------------------------------------


def test_config_with_a_python_tag_is_refused_and_nothing_runs(tmp_path):
    marker = tmp_path / "executed"
    config = tmp_path / "evil.yaml"
    config.write_text(
        "name: evil\nfamily: tfidf_linear\n"
        f"seed: !!python/object/apply:os.system ['touch {marker}']\n",
        "utf-8",
    )
    result = run_main(
        "train", "fit", str(config), cwd=tmp_path,
        env={"MLFLOW_TRACKING_URI": f"sqlite:///{tmp_path / 'mlflow.db'}"},
    )  # fmt: skip
    assert result.returncode == 2
    line = one_error_line(result.stderr)
    assert "evil.yaml: not valid YAML" in line and "python/object/apply:os.system" in line
    assert not marker.exists()


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/new:os.system ['touch {marker}']",
        "!!python/name:os.system",
        "!!python/module:os",
    ],
)
def test_every_python_tag_is_refused_in_configs_and_overrides(tag, tmp_path):
    from train.config import load_config, parse_override

    marker = tmp_path / "executed"
    value = tag.format(marker=marker)
    config = tmp_path / "c.yaml"
    config.write_text(f"name: t\nfamily: tfidf_linear\nseed: {value}\n", "utf-8")
    with pytest.raises(QuotelensError, match="not valid YAML"):
        load_config(config)
    with pytest.raises(Exception):  # noqa: B017 - any refusal; the clean message is tested below
        parse_override(f"seed={value}")
    assert not marker.exists()


def test_set_override_with_a_python_tag_is_a_clear_error():
    from train.config import parse_override

    with pytest.raises(QuotelensError, match="--set seed"):
        parse_override("seed=!!python/object/apply:os.system ['true']")


# 6. model parts are loaded without pickle ----------------------------------------------------


class Unpickled:
    """Unpickling this runs os.mkdir(marker): the proof that a pickle was loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = str(marker)

    def __reduce__(self):
        return (os.mkdir, (self.marker,))


@pytest.mark.parametrize("name", ["evil.pkl", "artifacts/classifier/extra.joblib"])
def test_model_folder_holding_a_pickle_is_refused(name, champion_folder, tmp_path):
    folder = tmp_path / "model"
    shutil.copytree(champion_folder, folder)
    marker = tmp_path / "unpickled"
    (folder / name).write_bytes(pickle.dumps(Unpickled(marker)))
    article = tmp_path / "a.txt"
    article.write_text("“We will respond,” the minister said.", "utf-8")
    out = tmp_path / "out" / "scored.parquet"
    result = run_main(
        "infer", "score", str(article), "--output", str(out), "--model", str(folder),
        "--no-mlflow", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2
    line = one_error_line(result.stderr)
    assert str(folder / name) in line and "pickle" in line
    assert not marker.exists() and not out.exists()


@dataclass
class Payload:
    """A type no quotelens model holds; loading it would run __setstate__."""

    marker: str

    def __setstate__(self, state: dict) -> None:
        Path(state["marker"]).touch()
        self.__dict__.update(state)


def _tree():
    from sklearn.tree import DecisionTreeClassifier

    return DecisionTreeClassifier(random_state=0).fit([[0], [1], [2], [3]], [0, 1, 0, 1])


def _dummy():
    from sklearn.dummy import DummyClassifier

    return DummyClassifier().fit([[0], [1]], [0, 1])


@pytest.mark.parametrize(
    "make, refused",
    [
        (_tree, "sklearn.tree."),
        # skops trusts every scikit-learn estimator by default; quotelens trusts only its own list.
        (_dummy, "sklearn.dummy.DummyClassifier"),
        (None, "Payload"),
    ],
    ids=["DecisionTreeClassifier", "DummyClassifier", "dataclass"],
)
def test_skops_file_with_an_untrusted_type_is_refused(make, refused, tmp_path):
    import skops.io as sio

    from infer.model.safe_load import TRUSTED_TYPES, skops_load

    marker = tmp_path / "loaded"
    obj = make() if make else Payload(str(marker))
    assert f"{type(obj).__module__}.{type(obj).__qualname__}" not in TRUSTED_TYPES
    path = tmp_path / "part.skops"
    sio.dump(obj, path)
    with pytest.raises(
        QuotelensError, match=rf"part.skops: refusing to load untrusted types .*{refused}"
    ):
        skops_load(path)
    assert not marker.exists()


def test_real_model_parts_load(champion_folder):
    from infer.model.safe_load import skops_load

    parts = sorted((champion_folder / "artifacts" / "classifier").glob("*.skops"))
    assert parts
    for part in parts:  # the two heads predict; the feature union transforms
        loaded = skops_load(part)
        assert hasattr(loaded, "predict") or hasattr(loaded, "transform")


# 7. article ids never become paths -----------------------------------------------------------


def snapshot(root: Path) -> dict[Path, tuple[int, int]]:
    return {p: (p.stat().st_mtime_ns, p.stat().st_size) for p in root.rglob("*") if p.is_file()}


def test_ids_never_escape_the_output_folder(champion_folder, tmp_path):
    path_like = [
        "../../etc/passwd",
        "/abs/path",
        "../../../../../../../../tmp/quotelens-escaped",
        "..",
        "a/../../b",
        "C:\\Windows\\system.ini",
        "~/x",
    ]
    control = ["a\u0000b", "line\nbreak", "esc\u001b[31m"]
    text = "“We will respond to this attack,” the minister said."
    inputs = tmp_path / "in" / "wire.jsonl"
    inputs.parent.mkdir()
    inputs.write_text(
        "".join(json.dumps({"id": i, "text": text}) + "\n" for i in path_like + control), "utf-8"
    )
    out_dir = tmp_path / "out"
    watched = tmp_path.parent  # this test's folder and every other one of the session
    before = snapshot(watched)
    result = run_main(
        "infer", "score", str(inputs), "--output", str(out_dir / "scored.parquet"),
        "--model", str(champion_folder), "--no-mlflow", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    after = snapshot(watched)
    changed = {p for p in after if before.get(p) != after[p]} | (before.keys() - after.keys())
    assert changed and all(out_dir in p.parents for p in changed), sorted(changed)
    assert not Path("/abs/path").exists() and not Path("/tmp/quotelens-escaped").exists()

    records = pd.read_parquet(out_dir / "scored.parquet")
    assert set(records["article_id"]) == set(path_like)  # ids are just data
    summary = pd.read_csv(out_dir / "scored.summary.csv", keep_default_na=False)
    assert sorted(summary["article_id"]) == sorted(path_like)
    errors = pd.read_csv(out_dir / "scored.errors.csv")
    assert len(errors) == len(control)
    assert errors["reason"].str.contains("unusable 'id'").all()
    assert f"articles: {len(path_like) + len(control)} (scored {len(path_like)}" in result.stderr


# 8. servers bind 127.0.0.1 -------------------------------------------------------------------


def make_commands(target: str) -> list[str]:
    """The commands of a Makefile target's recipe, continuation lines joined, comments dropped."""
    lines = (ROOT / "Makefile").read_text("utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(rf"{target}\s*:", line))
    commands, current = [], ""
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        current += " " + line.strip().removesuffix("\\")
        if not line.rstrip().endswith("\\"):
            if not current.strip().startswith("@#"):
                commands.append(current.strip())
            current = ""
    return commands


def _mlflow_command(target: str) -> list[str]:
    return next(
        args
        for args in map(shlex.split, make_commands(target))
        if args[0].endswith("mlflow") and args[1] in ("ui", "server")
    )


def test_make_ui_binds_loopback():
    args = _mlflow_command("ui")
    assert args[args.index("--host") + 1] == "127.0.0.1"


def test_make_server_binds_loopback_unless_told():
    args = _mlflow_command("server")
    assert args[args.index("--host") + 1] == "$(HOST)"
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert re.search(r"^HOST \?= 127\.0\.0\.1$", makefile, re.M)


def _string_lists(path: Path):
    """Every list/tuple literal in a file, as its elements' string values (None if not a string)."""
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.List | ast.Tuple):
            yield [e.value if isinstance(e, ast.Constant) else None for e in node.elts]


def test_test_mlflow_servers_bind_loopback():
    servers = [
        (path.name, args)
        for path in sorted((ROOT / "tests").glob("*.py"))
        for args in _string_lists(path)
        if "mlflow" in args and ("server" in args or "ui" in args)
    ]
    assert {name for name, _ in servers} >= {"servers.py", "test_faults.py"}
    for name, args in servers:
        assert "--host" in args and args[args.index("--host") + 1] == "127.0.0.1", name


def test_nothing_binds_all_interfaces():
    sources = [ROOT / "Makefile"] + [
        p for folder in ("infer", "train", "bench", "tests") for p in (ROOT / folder).rglob("*.py")
    ]
    for path in sources:
        text = path.read_text("utf-8")
        if path.name == "test_security.py":
            continue
        assert "0.0.0.0" not in text and '"::"' not in text, path


def test_spark_session_stays_on_loopback():
    source = (ROOT / "infer" / "batch" / "spark.py").read_text("utf-8")
    assert re.search(r"spark\.ui\.enabled['\"]\s*,\s*['\"]?false", source, re.IGNORECASE)
    assert re.search(r"spark\.driver\.bindAddress['\"]\s*,\s*['\"]127\.0\.0\.1", source)
