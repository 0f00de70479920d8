"""Run artifacts: confusion matrix and per-device F1 charts, misclassified table, model card."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from infer.model.labels import DEVICES, SCHEMA_VERSION, STANCES  # noqa: E402


def confusion_png(matrix: np.ndarray, path: Path, title: str) -> Path:
    fig, ax = plt.subplots(figsize=(5, 4.2))
    ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(STANCES)), STANCES, rotation=30, ha="right")
    ax.set_yticks(range(len(STANCES)), STANCES)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    for i in range(matrix.shape[0]):
        for j in range(matrix.shape[1]):
            ax.text(
                j,
                i,
                int(matrix[i, j]),
                ha="center",
                va="center",
                color="white" if matrix[i, j] > matrix.max() / 2 else "black",
            )
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def device_f1_png(metrics: dict[str, float], prefix: str, path: Path, title: str) -> Path:
    values = [metrics[f"{prefix}/device_f1_{d}"] for d in DEVICES]
    fig, ax = plt.subplots(figsize=(6, 4.5))
    ax.barh(DEVICES[::-1], values[::-1], color="#4c72b0")
    ax.set_xlim(0, 1)
    ax.set_xlabel("F1")
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def misclassified(
    X: pd.DataFrame,
    y: np.ndarray,
    proba: np.ndarray,
    Y: np.ndarray,
    Y_pred: np.ndarray,
    ids: list[str],
    conflicts: list[str],
) -> pd.DataFrame:
    """Test statements whose stance or device set was wrong, with gold and predicted labels."""
    rows = []
    for i in range(len(y)):
        gold_d = [DEVICES[j] for j in np.flatnonzero(Y[i])]
        pred_d = [DEVICES[j] for j in np.flatnonzero(Y_pred[i])]
        if proba[i].argmax() != y[i] or gold_d != pred_d:
            rows.append(
                {
                    "id": ids[i],
                    "conflict": conflicts[i],
                    "text": X["text"].iat[i],
                    "gold_stance": STANCES[y[i]],
                    "pred_stance": STANCES[int(proba[i].argmax())],
                    "confidence": round(float(proba[i].max()), 3),
                    "gold_devices": ", ".join(gold_d),
                    "pred_devices": ", ".join(pred_d),
                }
            )
    return pd.DataFrame(rows)


def model_card(config, metrics: dict[str, float], fingerprint: str, trained_on: str) -> str:
    def row(label: str, prefix: str) -> str:
        keys = (
            "stance_macro_f1",
            "stance_accuracy",
            "devices_micro_f1",
            "devices_macro_f1",
            "stance_ece",
        )
        cells = " | ".join(f"{metrics.get(f'{prefix}/{k}', float('nan')):.3f}" for k in keys)
        return f"| {label} | {cells} |"

    inputs = {
        "text": "the statement text",
        "cue_text": "`cue: text` (the reporting verb phrase, then the statement)",
        "text_context": "the statement text + its paragraph",
        "cue_text_context": "`cue: text` + its paragraph",
    }

    def cells(scope: str, mode: str) -> str:
        key = f"{scope}/prior_{mode}"
        acc, f1 = (metrics.get(f"{key}/stance_{m}", float("nan")) for m in ("accuracy", "macro_f1"))
        return f"{acc:.3f} | {f1:.3f}"

    prior_rows = [
        f"| {mode} | {cells('test_articles', mode)} | {cells('test_articles_e2e', mode)} |"
        for mode in ("train", "natural", "adapt")
        if f"test_articles/prior_{mode}/stance_accuracy" in metrics
    ]
    priors = (
        [
            "",
            "Article test split under each `--stance-prior`, on gold spans and end to end "
            "(extracted statements paired with gold at overlap 0.3):",
            "",
            "| prior | accuracy (gold spans) | macro-F1 (gold spans) | accuracy (end to end) "
            "| macro-F1 (end to end) |",
            "|---|---|---|---|---|",
            *prior_rows,
        ]
        if prior_rows
        else []
    )
    return "\n".join(
        [
            f"# quotelens model card: {config.name}",
            "",
            f"- Family: `{config.family}`; input (`data.input: {config.data.input}`): "
            f"{inputs[config.data.input]}",
            f"- Label schema: {SCHEMA_VERSION} (4 stances, 13 devices; see LABELS.md)",
            f"- Trained on: {trained_on} (`final_split: {config.data.final_split}`); "
            f"data fingerprint `{fingerprint}`",
            "- Stance probabilities: temperature + bias scaling; device thresholds per label; both "
            "fitted inside the estimator on held-out predictions. The stance mix of the labelled "
            "articles is stored with the model for `--stance-prior natural`.",
            "",
            "| split | stance macro-F1 | stance accuracy | devices micro-F1 | devices macro-F1 | stance ECE |",
            "|---|---|---|---|---|---|",
            row("held-out conflicts (test)", "test_heldout"),
            row("random (test)", "test_random"),
            row("article test split", "test_articles"),
            *priors,
            "",
            "Intended use: ranking and summarising statements in conflict coverage for analysts, who read",
            "the statements themselves; not for decisions about individuals. The training corpus is English,",
            "written for the project, and covers the conflicts listed in data/DATACARD.md: expect lower",
            "quality on other regions, other languages, sarcasm and very long statements.",
            "",
        ]
    )
