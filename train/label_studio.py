"""Label Studio's formats for the review loop: the labelling config, tasks with pre-annotations,
and the labels read back from a JSON export (Label Studio's documented task format)."""

from __future__ import annotations

from dataclasses import dataclass

from infer.model.labels import DEVICES, STANCES

STANCE_FIELD, DEVICE_FIELD, TEXT_FIELD = "stance", "devices", "text"
DATA_FIELDS = (
    "id", "text", "context", "speaker", "cue", "kind", "via", "article", "source", "conflict"
)  # fmt: skip


def labeling_config() -> str:
    """The XML config: the statement, its paragraph, one stance and any of the 13 devices."""
    choice = '    <Choice value="{}"/>'.format
    return "\n".join(
        [
            "<View>",
            '  <Header value="$speaker ($cue):"/>',
            f'  <Text name="{TEXT_FIELD}" value="$text"/>',
            '  <Header value="In its paragraph"/>',
            '  <Text name="context" value="$context" granularity="word"/>',
            f'  <Choices name="{STANCE_FIELD}" toName="{TEXT_FIELD}" choice="single-radio" '
            'required="true" showInline="true">',
            *(choice(s) for s in STANCES),
            "  </Choices>",
            f'  <Choices name="{DEVICE_FIELD}" toName="{TEXT_FIELD}" choice="multiple">',
            *(choice(d) for d in DEVICES),
            "  </Choices>",
            "</View>",
            "",
        ]
    )


def _choices(name: str, values: list[str]) -> dict:
    return {
        "from_name": name,
        "to_name": TEXT_FIELD,
        "type": "choices",
        "value": {"choices": values},
    }


def task(data: dict, stance: str, devices: list[str], score: float, model: str) -> dict:
    """One task: its data and the model's labels as a pre-annotation (a prediction)."""
    result = [_choices(STANCE_FIELD, [stance])]
    if devices:
        result.append(_choices(DEVICE_FIELD, devices))
    return {
        "data": {k: str(data.get(k) or "") for k in DATA_FIELDS},
        "predictions": [{"model_version": model, "score": round(score, 4), "result": result}],
    }


@dataclass(frozen=True)
class Reviewed:
    """A reviewer's labels for one task: ``problem`` says why they cannot be used."""

    data: dict
    stance: str
    devices: tuple[str, ...]
    annotator: str
    problem: str = ""


def _latest(annotations: list) -> dict | None:
    kept = [a for a in annotations if isinstance(a, dict) and not a.get("was_cancelled")]
    return (
        max(kept, key=lambda a: str(a.get("updated_at") or a.get("created_at") or ""))
        if kept
        else None
    )


def read_task(item: object) -> Reviewed | None:
    """The labels of one exported task; None when nobody annotated it (left for later)."""
    if not isinstance(item, dict) or not isinstance(item.get("data"), dict):
        return Reviewed({}, "", (), "", "not a task object with a 'data' field")
    annotation = _latest(item.get("annotations") or [])
    if annotation is None:
        return None
    picked: dict[str, list[str]] = {}
    for region in annotation.get("result") or []:
        if isinstance(region, dict) and region.get("type") == "choices":
            picked[region.get("from_name", "")] = list(
                (region.get("value") or {}).get("choices") or []
            )
    who = str(annotation.get("completed_by") or "")
    stance, devices = picked.get(STANCE_FIELD, []), tuple(picked.get(DEVICE_FIELD, []))
    problem = ""
    if not stance:
        problem = "missing stance (the annotation has no stance choice); label it or skip the task"
    elif len(stance) > 1 or stance[0] not in STANCES:
        problem = f"unknown stance {stance!r} (use one of {', '.join(STANCES)})"
    elif unknown := [d for d in devices if d not in DEVICES]:
        problem = f"unknown device {unknown[0]!r} (see LABELS.md for the 13 devices)"
    return Reviewed(item["data"], stance[0] if len(stance) == 1 else "", devices, who, problem)
