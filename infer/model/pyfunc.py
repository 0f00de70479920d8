"""The MLflow pyfunc model: a DataFrame of ``text`` (+ ``context``) in, stance and devices out."""

from __future__ import annotations

import mlflow.pyfunc
import pandas as pd

from infer.model.predictor import load_classifier, score_frame

MODEL_FILE = "mlflow_model.py"  # the models-from-code entry logged with every model: no pickle


class QuotelensModel(mlflow.pyfunc.PythonModel):
    """Wraps a saved classifier folder (artifact ``classifier``) for ``mlflow.pyfunc.load_model``."""

    def load_context(self, context) -> None:
        self.classifier = load_classifier(context.artifacts["classifier"])

    def predict(
        self, context, model_input: pd.DataFrame, params: dict | None = None
    ) -> pd.DataFrame:
        if not isinstance(model_input, pd.DataFrame):
            model_input = pd.DataFrame(model_input)
        return score_frame(self.classifier, model_input)
