"""The report in a real headless Chromium: filters, visible count, a statement in its paragraph."""

from __future__ import annotations

from pathlib import Path

from infer.report.page import build_report
from tests.test_report import XSS, records, write


def _open(page, tmp_path: Path) -> None:
    html = build_report(write(records(), tmp_path / "s.parquet"), tmp_path / "report.html")
    page.route(
        "**/*",
        lambda route: (
            route.abort() if not route.request.url.startswith("file:") else route.continue_()
        ),
    )
    page.goto(html.as_uri())
    page.wait_for_selector("body[data-ready='1']")


def test_filter_count_and_statement_in_context(page, tmp_path: Path) -> None:
    _open(page, tmp_path)
    assert page.text_content("#shown") == "9"
    assert page.locator("#statements tbody tr").count() == 9
    page.select_option("#f-stance", label="denial")
    assert page.text_content("#shown") == "2"
    assert page.locator("#statements tbody tr").count() == 2
    page.fill("#f-conf", "0.5")  # fill() on a range input sets its value and fires input
    page.dispatch_event("#f-conf", "input")
    assert page.text_content("#shown") == "0"
    page.click("#f-reset")
    assert page.text_content("#shown") == "9"
    options = page.locator("#f-speaker option").all_text_contents()
    kim = next(o for o in options if o.startswith("Kim Yo Jong"))
    assert "Kim" in kim.split("(")[1]  # the surface forms are listed
    page.select_option("#f-speaker", label=kim)
    assert page.text_content("#shown") == "2"
    page.locator("#statements tbody tr", has_text="fabrication").click()
    detail = page.locator("#detail")
    assert detail.is_visible()
    assert page.text_content("#detail mark") == "The report is a fabrication from start to end"
    para = page.text_content("#detail .para")
    assert para.startswith("PYONGYANG, Jan 12, 2024") and para.endswith("she said.")
    text = detail.inner_text()
    assert "Kim Yo Jong" in text and "said" in text and "denial" in text
    assert page.errors == []


def test_dates_sorting_escaping_and_review(page, tmp_path: Path) -> None:
    _open(page, tmp_path)
    page.fill("#f-from", "2023-10-08")
    page.dispatch_event("#f-from", "input")
    assert page.text_content("#shown") == "3"  # Kanaani (2023-10-08) and article a2 (2024-01-12)
    page.click("#f-reset")
    page.click("th[data-sort='conf']")
    confs = [
        float(c) for c in page.locator("#statements tbody tr td:nth-child(4)").all_text_contents()
    ]
    assert confs == sorted(confs)
    page.click("th[data-sort='conf']")
    confs = [
        float(c) for c in page.locator("#statements tbody tr td:nth-child(4)").all_text_contents()
    ]
    assert confs == sorted(confs, reverse=True)
    assert XSS in page.locator("#statements tbody").inner_text()  # shown as text, never run
    page.locator("#review li").first.click()
    assert page.locator("#detail mark").count() == 1
    assert page.errors == []
