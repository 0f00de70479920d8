"""Render the analyst's report: one self-contained HTML file from Jinja2 templates (autoescaped).

No network: the CSS, the small script and the statements (as JSON) are inlined in the page.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

import jinja2
from markupsafe import Markup

from infer.errors import QuotelensError
from infer.model.labels import SCHEMA_VERSION
from infer.report import charts
from infer.report.load import read_records, read_texts
from infer.report.payload import payload
from infer.report.prepare import Report, prepare


@cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("infer.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.policies["json.dumps_kwargs"] = {"separators": (",", ":"), "ensure_ascii": False}
    return env


def _asset(name: str) -> Markup:
    """A static file of the templates folder, inlined as is (it holds no user data)."""
    return Markup(files("infer.report").joinpath("templates", name).read_text("utf-8"))


def render(report: Report, title: str = "quotelens report") -> str:
    """The page for ``report`` as a string."""
    data = payload(report) | {"colors": {s: charts.color(s) for s in report.stances}}
    return (
        _env()
        .get_template("report.html.j2")
        .render(
            title=title,
            r=report,
            schema_version=SCHEMA_VERSION,
            color=charts.color,
            review=charts.review_first(report),
            speaker_bars=charts.stance_by_speaker(report),
            device_rows=charts.devices_by_stance(report),
            timeline=charts.timeline(report),
            data=data,
            css=_asset("report.css"),
            js=_asset("report.js"),
        )
    )


def build_report(
    scored_path: str | Path, html_path: str | Path, title: str = "quotelens report"
) -> Path:
    """Write the analyst's HTML report for ``scored_path`` to ``html_path`` and return that path."""
    scored = Path(scored_path)
    report = prepare(read_records(scored), read_texts(scored))
    page = render(report, title)
    out = Path(html_path)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(page, "utf-8")
    except OSError as err:
        raise QuotelensError(
            f"{out}: cannot write the report ({err.strerror}); choose another -o"
        ) from err
    return out
