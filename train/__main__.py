"""quotelens training CLI.

python -m train validate data/
python -m train stats data/ [--update data/DATACARD.md]
python -m train fit configs/tfidf_linear.yaml [--set model.C=4.0 ...]
python -m train runs [--sort test_heldout/stance_macro_f1]
python -m train promote RUN_ID | --best test_heldout/stance_macro_f1
python -m train eval-extract data/articles
python -m train eval-e2e data/articles-heldout data/articles-heldout2 --model models:/quotelens@champion
python -m train review export out/scored.parquet --select uncertain -n 100 -o tasks.json
python -m train review config > labeling.xml
python -m train review import export.json -o data/statements/reviewed-DATE.jsonl
"""

from __future__ import annotations

import argparse
import sys

from infer.errors import QuotelensError


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m train",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check labelled files and gold articles")
    v.add_argument("paths", nargs="+")
    s = sub.add_parser("stats", help="print corpus count tables")
    s.add_argument("paths", nargs="+")
    s.add_argument(
        "--update", metavar="DATACARD", help="rewrite the tables inside this Markdown file"
    )
    s.add_argument("--cues", action="store_true", help="add the shortcut-cue table per label")
    li = sub.add_parser("label-issues", help="flag likely label errors with cleanlab for review")
    li.add_argument("paths", nargs="+")
    li.add_argument("-o", "--output", required=True, help="JSONL of flagged statements")
    f = sub.add_parser("fit", help="train one config (or a sweep) and log it to MLflow")
    f.add_argument("config")
    f.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE")
    r = sub.add_parser("runs", help="leaderboard of training runs")
    r.add_argument("--sort", default="test_heldout/stance_macro_f1")
    r.add_argument("--limit", type=int, default=20)
    r.add_argument("--experiment", default="quotelens")
    r.add_argument("--markdown", action="store_true", help="print a Markdown table")
    r.add_argument("--best-per-family", action="store_true", help="one row per family and input")
    r.add_argument(
        "--data",
        metavar="FINGERPRINT",
        help="only runs trained on this data (tag data_fingerprint; 'latest': the newest run's)",
    )
    r.add_argument(
        "--update", metavar="README", help="rewrite the results table in this Markdown file"
    )
    pr = sub.add_parser("promote", help="set the 'champion' alias on a run's registered model")
    pr.add_argument("run_id", nargs="?")
    pr.add_argument("--best", metavar="METRIC")
    pr.add_argument("--latest", action="store_true", help="the most recent finished training run")
    pr.add_argument("--experiment", default="quotelens")
    e = sub.add_parser("eval-extract", help="score the extractor against gold.jsonl")
    e.add_argument("folder")
    e.add_argument("--no-mlflow", action="store_true")
    e.add_argument("--update", metavar="README", help="rewrite the extraction table in this file")
    e.add_argument(
        "--articles-split",
        choices=("dev", "test", "all"),
        default="dev",
        help="dev (default; rules are tuned here), test (held-out theatres) or all",
    )
    ee = sub.add_parser(
        "eval-e2e", help="a model end to end on labelled articles (independent sets)"
    )
    ee.add_argument("folders", nargs="+", metavar="folder", help="scored together (pooled)")
    ee.add_argument("--model", default="models:/quotelens@champion")
    ee.add_argument("--no-mlflow", action="store_true")
    ee.add_argument(
        "--update", metavar="README", help="rewrite this folder's e2e table in this file"
    )
    ee.add_argument("--articles-split", choices=("dev", "test", "all"), default="all")
    rv = sub.add_parser("review", help="the Label Studio review loop (export, config, import)")
    rsub = rv.add_subparsers(dest="review_command", required=True)
    rx = rsub.add_parser("export", help="Label Studio tasks with the model's labels pre-filled")
    rx.add_argument("scored", help="a scored output (.parquet, .jsonl or .csv)")
    rx.add_argument("--select", choices=("uncertain", "disagree", "random"), default="uncertain")
    rx.add_argument("-n", type=int, default=100, help="how many statements")
    rx.add_argument("-o", "--output", required=True, help="tasks JSON to import in Label Studio")
    rx.add_argument("--against", help="disagree: a second model's scored output of the same inputs")
    rx.add_argument("--seed", type=int, default=0, help="random: the sample's seed")
    rsub.add_parser("config", help="print the labelling config (XML) for the project")
    ri = rsub.add_parser("import", help="a Label Studio JSON export -> labelled JSONL (v1.1)")
    ri.add_argument("export")
    ri.add_argument("-o", "--output", help="default data/statements/reviewed-TODAY.jsonl")
    ri.add_argument(
        "--conflict", default="", help="the theatre of every task (default: the article's meta)"
    )
    return p


def run(args: argparse.Namespace) -> int:
    if args.command == "validate":
        from train.validate import main as validate_main

        return validate_main(args.paths)
    if args.command == "label-issues":
        from train.label_issues import main as issues_main

        return issues_main(args.paths, args.output)
    if args.command == "stats":
        from train.stats import main as stats_main

        return stats_main(args.paths, args.update, args.cues)
    if args.command == "fit":
        from train.fit import main as fit_main

        return fit_main(args.config, args.overrides)
    if args.command == "runs":
        from train.registry import leaderboard

        return leaderboard(
            args.experiment,
            args.sort,
            args.limit,
            args.markdown,
            args.best_per_family,
            args.update,
            data=args.data,
        )
    if args.command == "promote":
        from train.registry import promote

        return promote(args.run_id, args.best, args.experiment, latest=args.latest)
    if args.command == "eval-extract":
        from train.eval_extract import main as eval_main

        return eval_main(
            args.folder, log=not args.no_mlflow, update=args.update, split=args.articles_split
        )
    if args.command == "eval-e2e":
        from train.eval_e2e import main as e2e_main

        return e2e_main(
            args.folders, args.model, args.articles_split, not args.no_mlflow, args.update
        )
    if args.command == "review":
        from train import review

        if args.review_command == "export":
            return review.export(
                args.scored, args.select, args.n, args.output, args.against, args.seed
            )
        if args.review_command == "config":
            return review.print_config()
        return review.import_export(args.export, args.output, args.conflict)
    raise AssertionError(args.command)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return run(args)
    except QuotelensError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
