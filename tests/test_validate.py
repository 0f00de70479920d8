import json

from tests.conftest import ROOT, run_main
from train.validate import near_duplicates, validate


def test_project_data_is_clean():
    result = run_main("train", "validate", "data/")
    assert result.returncode == 0, result.stdout[-3000:]
    assert result.stdout.strip().startswith("ok:")


def test_reports_unknown_label_duplicate_and_bad_span(tmp_path):
    good = {
        "id": "x1",
        "text": "We will not stand idly by while our towns burn.",
        "stance": "escalatory",
        "devices": ["threat"],
    }
    rows = [
        good,
        {
            "id": "x2",
            "text": "The ministry denied any role in the strike on the convoy.",
            "stance": "furious",
            "devices": ["threat"],
        },
        {**good, "text": "A different statement about the talks in Doha this week."},
    ]
    labelled = tmp_path / "statements.jsonl"
    labelled.write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a1.txt").write_text("“We will respond,” he said.", "utf-8")
    (articles / "gold.jsonl").write_text(
        json.dumps(
            {
                "article": "a1",
                "start": 0,
                "end": 10,
                "text": "We will respond",
                "kind": "direct",
                "speaker_surface": "he",
                "speaker": "he",
                "stance": "escalatory",
                "devices": [],
            }
        )
        + "\n",
        "utf-8",
    )
    result = run_main("train", "validate", str(tmp_path))
    assert result.returncode == 1
    out = result.stdout
    assert f"{labelled}:2: unknown stance 'furious'" in out
    assert f"{labelled}:3: duplicate id 'x1'" in out
    assert f"{articles / 'gold.jsonl'}:1: span 0-10 does not match the article text" in out


def test_invalid_json_and_missing_field(tmp_path):
    f = tmp_path / "bad.jsonl"
    f.write_text(
        '{"id": "a", "text": "Some words here now", "stance": "neutral"}\n{not json\n', "utf-8"
    )
    problems = validate([f])
    assert any(p.startswith(f"{f}:1: missing required field 'devices'") for p in problems)
    assert any(p.startswith(f"{f}:2: invalid JSON") for p in problems)


def test_near_duplicates_found_and_distinct_texts_pass():
    texts = [
        "We will respond with force to any attack on our territory.",
        "We will respond with force to any attack on our territory!",
        "The envoy called for an immediate humanitarian pause in the north.",
    ]
    pairs = near_duplicates(texts)
    assert [(i, j) for i, j, _ in pairs] == [(0, 1)]


def test_schema_names_match_labels_md():
    from infer.model.labels import DEVICES, STANCES

    labels_md = ROOT.parent / "shared" / "LABELS.md"
    if not labels_md.exists():
        return
    doc = labels_md.read_text("utf-8")
    for name in (*STANCES, *DEVICES):
        assert f"`{name}`" in doc, name


def test_any_article_folder_is_read_as_gold_not_as_statements(tmp_path):
    folder = tmp_path / "articles-heldout"
    folder.mkdir()
    text = "“We will respond,” he said."
    (folder / "a1.txt").write_text(text, "utf-8")
    gold = {
        "article": "a1",
        "start": 1,
        "end": 17,
        "text": text[1:17],
        "kind": "direct",
        "speaker_surface": "he",
        "speaker": "he",
        "stance": "escalatory",
        "devices": [],
    }
    (folder / "gold-w9.jsonl").write_text(json.dumps(gold) + "\n", "utf-8")
    (folder / "meta-w9.jsonl").write_text(json.dumps({"article": "a1", "theatre": "x"}) + "\n")
    assert validate([tmp_path]) == []
    gold["stance"] = "furious"
    (folder / "gold-w9.jsonl").write_text(json.dumps(gold) + "\n", "utf-8")
    assert validate([tmp_path]) == [f"{folder / 'gold-w9.jsonl'}:1: unknown stance 'furious'"]
