"""The description a training run shows in the MLflow UI (its ``mlflow.note.content`` tag)."""

from __future__ import annotations

HEADLINE = (
    "stance_macro_f1",
    "stance_accuracy",
    "devices_micro_f1",
    "devices_macro_f1",
)
SPLITS = ("test_heldout", "test_random", "test_articles")


def run_note(
    family: str,
    data_input: str,
    fingerprint: str,
    metrics: dict,
    trained_on: str,
    devices_input: str | None = None,
) -> str:
    """Markdown: family, input, data fingerprint, what the final model saw, headline test metrics."""
    devices = f" (device head: `{devices_input}`)" if devices_input else ""
    lines = [
        f"**{family}** on input `{data_input}`{devices}; data fingerprint `{fingerprint}`.",
        "",
        f"Final model trained on {trained_on}.",
        "",
    ]
    rows = [
        (split, [metrics.get(f"{split}/{m}") for m in HEADLINE])
        for split in SPLITS
        if any(f"{split}/{m}" in metrics for m in HEADLINE)
    ]
    if rows:
        lines += [
            "| test split | " + " | ".join(HEADLINE) + " |",
            "|---" * (len(HEADLINE) + 1) + "|",
            *(
                f"| {split} | " + " | ".join("–" if v is None else f"{v:.3f}" for v in vals) + " |"
                for split, vals in rows
            ),
        ]
    return "\n".join(lines)
