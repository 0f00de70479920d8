"""Scoring with a TF-IDF model imports what it needs and no more (no torch, no transformers)."""

import json

import pandas as pd

from infer.model.classifiers import build_classifier
from tests.conftest import fresh_python
from train.corpus import load_corpus, to_xy
from train.packaging import save_local

# A fresh interpreter: this test process has imported torch through other tests' fixtures.
SCORE = """
import json, sys
from pathlib import Path
import pandas as pd
from infer.batch.model_uri import load_local
model = load_local(Path(sys.argv[1]), sys.argv[1])
out = model.predict(
    pd.DataFrame({"text": ["its forces were involved"], "cue": ["denied"], "context": [""]}),
    params={"stance_prior": "adapt"},
)
heavy = sorted(m for m in ("torch", "transformers", "datasets", "onnxruntime") if m in sys.modules)
print(json.dumps({"stance": out["stance"][0], "heavy": heavy}))
"""


def test_tfidf_pyfunc_scores_without_importing_torch(small_corpus, tmp_path):
    dataset = load_corpus([small_corpus])
    X, y, Y = to_xy(dataset)
    X["cue"] = dataset["cue"]
    model = build_classifier("tfidf_linear", {"char_ngrams": 3, "min_df": 2, "input": "cue_text"})
    folder = save_local(model.fit(X, y, Y), tmp_path / "model", "tfidf_linear")
    result = fresh_python(SCORE, str(folder))
    assert result["stance"] in {"escalatory", "restraining", "denial", "neutral"}
    assert result["heavy"] == []


JOB = """
import json, sys
from infer.__main__ import main
code = main(["score", sys.argv[2], "--output", sys.argv[3], "--model", sys.argv[1], "--no-mlflow"])
heavy = sorted(m for m in ("torch", "transformers", "datasets", "onnxruntime") if m in sys.modules)
print(json.dumps({"code": code, "heavy": heavy}))
"""


def test_a_whole_score_job_with_a_tfidf_model_never_imports_torch(small_corpus, tmp_path):
    # spaCy's thinc imports torch whenever it is installed, unless the job keeps it out.
    dataset = load_corpus([small_corpus])
    X, y, Y = to_xy(dataset)
    model = build_classifier("tfidf_linear", {"char_ngrams": 3, "min_df": 2}).fit(X, y, Y)
    folder = save_local(model, tmp_path / "model", "tfidf_linear")
    article = tmp_path / "a.txt"
    article.write_text("The ministry said it “will not tolerate” the strikes.\n", "utf-8")
    result = fresh_python(JOB, str(folder), str(article), str(tmp_path / "out.parquet"))
    assert result == {"code": 0, "heavy": []}


def test_tfidf_model_requirements_leave_out_torch(small_corpus, tmp_path):
    dataset = load_corpus([small_corpus])
    X, y, Y = to_xy(dataset)
    model = build_classifier("tfidf_linear", {"char_ngrams": 3, "min_df": 2}).fit(X, y, Y)
    folder = save_local(model, tmp_path / "model", "tfidf_linear")
    requirements = (folder / "requirements.txt").read_text("utf-8")
    assert "scikit-learn==" in requirements and "torch" not in requirements
    assert pd.notna(json.dumps(requirements))
