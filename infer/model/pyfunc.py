"""The MLflow pyfunc model: a DataFrame of ``text`` (+ ``cue``, ``context``) in, stance and devices out."""

from __future__ import annotations

import mlflow.pyfunc
import numpy as np
import pandas as pd

from infer.model.labels import STANCES
from infer.model.predictor import load_classifier, score
from infer.model.prior import parse_prior

MODEL_FILE = "mlflow_model.py"  # the models-from-code entry logged with every model: no pickle
PRIOR_PARAM = "stance_prior"  # predict(params={"stance_prior": "train|natural|adapt|FILE"})


class QuotelensModel(mlflow.pyfunc.PythonModel):
    """Wraps a saved classifier folder (artifact ``classifier``) for ``mlflow.pyfunc.load_model``.

    ``prior_estimate`` is the statement-weighted mean of the priors used so far (for job logs).
    """

    def load_context(self, context) -> None:
        self.classifier = load_classifier(context.artifacts["classifier"])
        self.prior_sum = np.zeros(len(STANCES))
        self.prior_rows = 0

    def predict(
        self, context, model_input: pd.DataFrame, params: dict | None = None
    ) -> pd.DataFrame:
        if not isinstance(model_input, pd.DataFrame):
            model_input = pd.DataFrame(model_input)
        spec = (params or {}).get(PRIOR_PARAM) or "train"
        scored = score(self.classifier, model_input, parse_prior(spec, STANCES))
        if scored.prior is not None:
            self.prior_sum += scored.prior * len(model_input)
            self.prior_rows += len(model_input)
        return scored.frame

    @property
    def prior_estimate(self) -> np.ndarray | None:
        return self.prior_sum / self.prior_rows if self.prior_rows else None
