"""quotelens scoring CLI.

python -m infer extract data/articles --output out/statements.jsonl
python -m infer score data/articles --output out/scored.parquet [--model models:/quotelens@champion]
python -m infer score --statements statements.jsonl --output out/scored.jsonl
python -m infer score big_folder/ --output out/scored.parquet --resume
python -m infer score articles.parquet --output out/scored.parquet --engine spark --master local[2]
python -m infer report out/scored.parquet -o out/report.html
"""

from __future__ import annotations

import argparse
import logging
import sys

from infer.errors import QuotelensError


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m infer",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="command", required=True)

    def add_read_options(sp) -> None:
        sp.add_argument("--id-column", default="id", help="id column of jsonl/csv/parquet inputs")
        sp.add_argument(
            "--text-column", default="text", help="text column of jsonl/csv/parquet inputs"
        )
        sp.add_argument("--date-column", default="published", help="optional date column")
        sp.add_argument("--max-chars", type=int, default=500_000, help="refuse longer articles")

    e = sub.add_parser("extract", help="find statements and speakers (no model)")
    e.add_argument("inputs", nargs="+")
    e.add_argument("--output", "-o", required=True)
    e.add_argument("--workers", type=int, default=1, help="spaCy processes")
    add_read_options(e)

    s = sub.add_parser("score", help="extract and classify every statement")
    s.add_argument("inputs", nargs="+", help="files, folders, or - for JSON lines on stdin")
    s.add_argument("--output", "-o", required=True, help=".parquet (default), .jsonl or .csv")
    s.add_argument("--model", default="models:/quotelens@champion")
    s.add_argument(
        "--statements", action="store_true", help="inputs are statements (id, text, context)"
    )
    s.add_argument("--resume", action="store_true", help="finish an interrupted job")
    s.add_argument("--overwrite", action="store_true", help="discard an unfinished job's parts")
    s.add_argument("--chunk-size", type=int, default=200, help="articles per committed part")
    s.add_argument("--workers", type=int, default=1, help="spaCy processes for extraction")
    s.add_argument("--backend", choices=["auto", "torch", "onnx"], default="auto")
    s.add_argument(
        "--stance-prior",
        default="train",
        metavar="train|natural|adapt|FILE",
        help="stance mix to assume: as trained, the labelled articles' mix stored with the model, "
        "re-estimated per batch by EM, or a JSON/YAML file of shares",
    )
    s.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 on any input error; refuse a model with other model code",
    )
    s.add_argument("--no-mlflow", action="store_true", help="do not log the job as an MLflow run")
    s.add_argument("--engine", choices=["local", "spark"], default="local")
    s.add_argument("--master", default=None, help="Spark master, e.g. local[2]")
    add_read_options(s)

    r = sub.add_parser("report", help="self-contained HTML report of a scored output")
    r.add_argument("scored")
    r.add_argument("-o", "--output", required=True)
    r.add_argument("--title", default="quotelens report")
    return p


def _read_options(args):
    from infer.batch.readers import ReadOptions

    return ReadOptions(
        id_column=args.id_column,
        text_column=args.text_column,
        date_column=args.date_column,
        max_chars=args.max_chars,
    )


def run(args: argparse.Namespace) -> int:
    if args.command == "extract":
        from infer.batch.extract_job import extract_to_file

        return extract_to_file(args.inputs, args.output, _read_options(args), args.workers)
    if args.command == "score":
        from infer.batch.score import ScoreOptions
        from infer.batch.score import run as run_job

        counts = run_job(
            ScoreOptions(
                inputs=args.inputs,
                output=args.output,
                model_uri=args.model,
                statements=args.statements,
                resume=args.resume,
                overwrite=args.overwrite,
                chunk_size=args.chunk_size,
                workers=args.workers,
                strict=args.strict,
                read=_read_options(args),
                log_mlflow=not args.no_mlflow,
                backend=args.backend,
                engine=args.engine,
                master=args.master,
                stance_prior=args.stance_prior,
            )
        )
        if counts["articles"] and not counts["scored"]:
            print(
                f"error: none of the {counts['articles']} inputs could be scored; the reasons are "
                f"in {counts['errors_file']}",
                file=sys.stderr,
            )
            return 1
        return 1 if args.strict and counts["errors"] else 0
    if args.command == "report":
        from infer.report.page import build_report

        path = build_report(args.scored, args.output, title=args.title)
        print(f"report: {path}")
        return 0
    raise AssertionError(args.command)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr
    )
    for noisy in ("mlflow", "alembic", "urllib3", "transformers", "trafilatura", "py4j", "httpx"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    args = build_parser().parse_args(argv)
    try:
        return run(args)
    except QuotelensError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; rerun with --resume to finish", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
