"""bench/RESULTS.md splicing and each bench module's section, rendered from small fixture dicts."""

from __future__ import annotations

import argparse

import pytest

from bench import extraction, memory, models, report, spark_scale, streams
from bench.__main__ import parse_only
from bench.results_md import replace_section, splice, split_sections, write_sections

DOC = (
    "# title\n\nintro\n\n"
    "## Alpha (3 things)\n\nold alpha\n\n"
    "## Beta\n\n| a |\n|---|\n| 1 |\n\n"
    "## Gamma (last)\n\ngamma text, no trailing blank\n"
)


def test_split_sections_round_trips_and_starts_each_at_its_heading():
    parts = split_sections(DOC)
    assert "".join(parts) == DOC
    assert [p.split("\n", 1)[0] for p in parts[1:]] == [
        "## Alpha (3 things)",
        "## Beta",
        "## Gamma (last)",
    ]


def test_replace_section_keeps_the_others_byte_for_byte():
    out = replace_section(DOC, "## Beta", "## Beta\n\nnew beta")
    before, after = split_sections(DOC), split_sections(out)
    assert after[2] == "## Beta\n\nnew beta\n\n"
    assert [after[i] for i in (0, 1, 3)] == [before[i] for i in (0, 1, 3)]


def test_replace_the_last_section_and_splice_by_heading_key():
    out = splice(DOC, "## Gamma (now with other figures)\n\nnew gamma\n")
    assert out == DOC.split("## Gamma")[0] + "## Gamma (now with other figures)\n\nnew gamma\n"
    out = splice(DOC, "## Alpha (4 things)\n\nA\n## Beta\n\nB\n")
    assert split_sections(out)[1:3] == ["## Alpha (4 things)\n\nA\n\n", "## Beta\n\nB\n\n"]
    assert split_sections(out)[3] == split_sections(DOC)[3]


def test_a_missing_section_is_appended_after_a_blank_line(tmp_path):
    out = replace_section(DOC, "## Delta", "## Delta\n\nd\n")
    assert out == DOC + "\n## Delta\n\nd\n"
    path = tmp_path / "RESULTS.md"
    write_sections("## Delta\n\nd\n", path)
    write_sections("## Delta\n\nd2\n", path)
    assert path.read_text("utf-8") == "## Delta\n\nd2\n"


def test_parse_only_orders_parts_and_rejects_unknown_names():
    assert parse_only("report, models") == ["models", "report"]
    with pytest.raises(argparse.ArgumentTypeError, match="unknown part"):
        parse_only("models,gpu")


def _rates(cpu: float) -> dict:
    return {
        "articles_per_second": cpu * 0.9,
        "articles_per_cpu_second": cpu,
        "direct_f1": 0.99,
        "overall_f1": 0.94,
        "overall_f1_08": 0.85,
        "speaker_accuracy": 0.95,
        "failed_articles": 0,
    }


def test_extraction_section():
    ex = {
        "articles": 74,
        "quotelens": _rates(6.0),
        "quotelens_no_prefilter": _rates(5.0),
        "quotelens_without_ner": _rates(9.0),
        "textacy": _rates(2.0),
        "prefilter": {"recall": 0.996, "chars_kept": 0.92, "gold": 1305},
        "parallel": {"articles": 600, "one": 28.0, "two": 42.0, "ratio": 1.5},
        "load_before": "1.0 1.0 1.0",
        "load_after": "2.0 2.0 2.0",
    }
    text = extraction.section(ex)
    assert text.startswith("## Extraction (74 dev-split")
    assert "**3.00×** by CPU time" in text and "**1.50×**" in text


def test_models_section_states_the_int8_quantization(tmp_path):
    from onnx import TensorProto, helper, save

    weight = helper.make_tensor("w_q", TensorProto.INT8, [2, 3], [0] * 6)
    zero = helper.make_tensor("w_zp", TensorProto.INT8, [3], [0] * 3)
    nodes = [
        helper.make_node("MatMulInteger", ["x", "w_q", "x_zp", "w_zp"], ["y"], name="ffn"),
        helper.make_node("MatMul", ["y", "v"], ["z"], name="attention"),
    ]
    graph = helper.make_graph(nodes, "g", [], [], initializer=[weight, zero])
    save(helper.make_model(graph), str(tmp_path / "m.onnx"))
    q = models.int8_quantization(tmp_path / "m.onnx")
    assert (q["matmuls_quantized"], q["matmuls"], q["weight_type"], q["per_channel"]) == (
        1,
        2,
        ["INT8"],
        True,
    )
    variant = {"sps": 500.0, "ratio": 1.8, "stance_f1": 0.725, "device_f1": 0.364}
    m = {
        "families": {
            "finetune": {"train_seconds": 68.3, "best_batch": "64", "statements_per_second": 286.0}
        },
        "onnx": {
            "batch": 64,
            "torch_sps": 278.0,
            "torch_stance_f1": 0.735,
            "torch_device_f1": 0.372,
            "variants": {"int8": variant | {"within_0.01": False}},
            "int8_quantization": q,
        },
        "sorting": {
            "statements": 1000,
            "batch": 64,
            "sorted_sps": 284,
            "unsorted_sps": 130,
            "ratio": 2.19,
        },
        "load_before": "1.0 1.0 1.0",
        "load_after": "2.0 2.0 2.0",
    }
    text = models.section(m)
    assert text.startswith(models.HEADING + "\n")
    assert "| ONNX int8 | 500 | **1.80×** | 0.725 | 0.364 | no |" in text
    assert "1 of the 2 MatMuls, INT8 weights with scales per output channel" in text
    assert "feed-forward blocks" in text  # from feed_forward_matmuls's own docstring


def test_streams_section_has_both_sections_when_memory_ran():
    e2e = {"tfidf_linear": {"articles_per_second": 22.07, "statements_per_second": 136.7}}
    runs = {
        "2000": {"peak_rss_mib": 900.0, "seconds": 26.0},
        "20000": {"peak_rss_mib": 909.0, "seconds": 184.0},
    }
    text = streams.section({"end_to_end": e2e, "memory": {"runs": runs, "ratio": 1.01}})
    assert [p.split("\n", 1)[0] for p in split_sections("\n" + text)[1:]] == [
        streams.END_TO_END,
        streams.PEAK_MEMORY + " (`python -m infer score`, tfidf model)",
    ]
    assert "| tfidf_linear | 22.1 | 137 |" in text and "**1.010**" in text
    assert streams.PEAK_MEMORY not in streams.section({"end_to_end": e2e})


def test_report_section():
    r = {"statements": 10_000, "records": 10_472, "bytes": 3_802_601, "build_seconds": 8.2}
    text = report.section(r | {"browser": None})
    assert "| 10,000 (10,472) | 3.80 | 8.2 | no browser | – |" in text
    browser = {"ready_ms": 1276.0, "filter_ms": 215.0, "chromium": "156.0"}
    text = report.section(r | {"browser": browser, "load_before": "1.0", "load_after": "2.0"})
    assert "| 1276 | 215 |" in text and "Chromium 156.0" in text


def test_memory_section_keeps_the_recorded_figures():
    r = {"articles": 2000, "code": 0, "peak_rss_mib": 919.0, "heavy_imports": ["pyspark"]}
    text = memory.section(r)
    assert text.startswith(memory.HEADING + "\n")
    assert "| 2000 | 919 | 2404 | ≤ 1024 | pyspark (Python side only; no JVM) |" in text
    assert "VmHWM" in text and "not recorded" in text


def test_spark_scale_section():
    status = (
        "articles: 2000 (scored 2000, errors 0), statements: 2086, seconds: 1092.6, reconciled -> x"
    )
    r = {
        "master": "local[2]",
        "runs": {
            "200": {
                "driver_peak_rss_mib": 529.5,
                "seconds": 505.3,
                "status": status.replace("2000", "200"),
            },
            "2000": {"driver_peak_rss_mib": 529.2, "seconds": 1123.0, "status": status},
        },
        "driver_rss_ratio": 0.999,
        "load_before": "18.0 17.0 16.0",
        "load_after": "19.0 18.0 17.0",
    }
    text = spark_scale.section(r)
    assert text.startswith("## Spark engine scale (`python -m bench.spark_scale --model DIR`")
    assert (
        "| 2,000 | 529.2 MiB | 1,123 | 2,000 scored, 0 errors, 2,086 statements, reconciled |"
        in text
    )
    assert "0.999× that for 200" in text and "18.0 17.0 16.0 before" in text


def test_throughput_timings_encode_again_instead_of_reading_the_cache():
    from bench.models import _predict_uncached
    from infer.model.classifiers import blocks

    class Model:
        def predict_all(self, X):
            return len(blocks._EMBEDDINGS)

    blocks._EMBEDDINGS["a statement encoded by an earlier run"] = None
    assert _predict_uncached(Model(), ["x"]) == 0
