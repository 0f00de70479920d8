"""Extraction: quotelens against textacy's ``direct_quotations`` on the gold articles, and 1 vs 2
processes on a larger recombined stream."""

from __future__ import annotations

import time

from bench.common import article_stream, median_seconds
from infer.extraction.extractor import StatementExtractor, load_spacy
from train.eval_extract import ARTICLES_DIR, evaluate, load_gold

QUOTE_CHARS = "“”\"'‘’«»"


def textacy_predictions(nlp, texts: dict[str, str]) -> tuple[dict[str, list[dict]], int, float]:
    """textacy's direct quotations as statements (content without its marks); failures counted."""
    from textacy.extract.triples import direct_quotations

    preds: dict[str, list[dict]] = {}
    failed = 0
    t0 = time.perf_counter()
    for art, text in texts.items():
        doc = nlp(text)
        try:
            triples = list(direct_quotations(doc))
        except ValueError:  # raised on an odd number of quote marks: nothing returned
            failed += 1
            triples = []
        preds[art] = []
        for t in triples:
            start, end = t.content[0].idx, t.content[-1].idx + len(t.content[-1])
            while start < end and text[start] in QUOTE_CHARS:
                start += 1
            while end > start and text[end - 1] in QUOTE_CHARS + ",.":
                end -= 1
            speaker = " ".join(tok.text for tok in t.speaker)
            preds[art].append({"start": start, "end": end, "kind": "direct", "speaker": speaker})
    return preds, failed, time.perf_counter() - t0


def run(quick: bool = False) -> dict:
    golds = load_gold(ARTICLES_DIR, "dev")  # never the article test split
    texts = {a: (ARTICLES_DIR / f"{a}.txt").read_text("utf-8") for a in sorted(golds)}
    nlp = load_spacy()
    runs = []
    for name, prefilter in (("quotelens", True), ("quotelens_no_prefilter", False)):
        extractor = StatementExtractor(nlp, prefilter=prefilter)
        seconds = median_seconds(
            lambda ex=extractor: list(ex.extract_many(texts.values())), reps=1 if quick else 3
        )
        preds = {
            a: [s.to_dict() for s in f]
            for a, f in zip(texts, extractor.extract_many(texts.values()), strict=True)
        }
        runs.append((name, preds, seconds, 0))
    theirs, failed, t_seconds = textacy_predictions(nlp, texts)
    out = {}
    for name, preds, secs, fails in (*runs, ("textacy", theirs, t_seconds, failed)):
        m = evaluate(preds, golds)
        out[name] = {
            "articles_per_second": len(texts) / secs,
            "direct_f1": m["direct@0.3/f1"],
            "overall_f1": m["overall@0.3/f1"],
            "failed_articles": fails,
            "direct_speaker_accuracy": m["direct@0.3/speaker_accuracy"],
        }
    stream = [
        r["text"] for r in article_stream(120 if quick else 600, paragraphs_per_article=3, seed=1)
    ]
    one = StatementExtractor(nlp)
    two = StatementExtractor(nlp, n_process=2)
    reps = 1 if quick else 3
    t_one = median_seconds(lambda: list(one.extract_many(stream)), reps=reps, warmup=0)
    t_two = median_seconds(lambda: list(two.extract_many(stream)), reps=reps, warmup=0)
    out["parallel"] = {
        "articles": len(stream),
        "one": len(stream) / t_one,
        "two": len(stream) / t_two,
        "ratio": t_one / t_two,
    }
    return out
