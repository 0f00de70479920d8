"""Models-from-code entry point: MLflow executes this file to build the model (nothing is pickled)."""

import mlflow

from infer.model.pyfunc import QuotelensModel

mlflow.models.set_model(QuotelensModel())
