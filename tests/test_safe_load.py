"""infer.model.safe_load: skops imported without its default-trust scans, trusting only the list."""

from __future__ import annotations

from tests.conftest import fresh_python

# Run in a fresh interpreter: this test process may have imported skops already, another way.
PROBE = """
import json, sys
import sklearn.utils
from sklearn.dummy import DummyClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.utils.discovery import all_estimators
from infer.errors import QuotelensError
from infer.model.safe_load import skops_dump, skops_load

folder = sys.argv[1]
texts = ["we will respond", "we deny it", "talks will resume", "we will strike back"]
model = Pipeline([("tfidf", TfidfVectorizer()), ("clf", LogisticRegression())])
model.fit(texts, [0, 1, 0, 1])
skops_dump(model, folder + "/model.skops")  # the first skops import in this process
loaded = skops_load(folder + "/model.skops")
skops_dump(DummyClassifier().fit(texts, [0, 1, 0, 1]), folder + "/dummy.skops")
try:
    skops_load(folder + "/dummy.skops")
    refused = ""
except QuotelensError as err:
    refused = str(err)

import numpy as np
import skops.io._trusted_types as defaults
import skops.io._utils as utils

print(json.dumps({
    "same_predictions": loaded.predict(texts).tolist() == model.predict(texts).tolist(),
    "refused": refused,
    "default_estimators": len(defaults.SKLEARN_ESTIMATOR_TYPE_NAMES),
    "default_ufuncs": len(defaults.SCIPY_UFUNC_TYPE_NAMES + defaults.NUMPY_UFUNC_TYPE_NAMES),
    "scan_restored": len(utils.get_public_type_names(np, np.ufunc)) > 50,
    "walk_restored": sklearn.utils.all_estimators is all_estimators,
    "torch": "torch" in sys.modules,
}))
"""


def test_skops_loads_only_listed_types_without_its_default_scans(tmp_path):
    found = fresh_python(PROBE, str(tmp_path))
    # A model of listed types loads and predicts as it was saved; an unlisted estimator is refused.
    assert found["same_predictions"] is True
    assert "refusing to load untrusted types sklearn.dummy.DummyClassifier" in found["refused"]
    # skops' own defaults (every scikit-learn estimator, every ufunc) were not built: it trusts
    # nothing beyond what skops_load hands it, and the patched scans are back as they were.
    assert found["default_estimators"] == 0 and found["default_ufuncs"] == 0
    assert found["scan_restored"] is True and found["walk_restored"] is True
    assert found["torch"] is False
