"""Case library import refuses bad files with a clear message; handout downloads carry the disclaimer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from explorer import DISCLAIMER, Explorer, InputError, Scenario
from explorer.cases import import_document
from tests.browser.driver import WAIT_MS, AppDriver, expect

pytestmark = pytest.mark.browser

PAGE = "Case library"


def library_message(data: bytes, name: str) -> str:
    """The refusal the library gives for this file (the UI must show its substance)."""
    with pytest.raises(InputError) as refused:
        import_document(data, name)
    return str(refused.value)


@pytest.mark.parametrize(
    ("name", "data", "names_the_problem"),
    [
        ("broken.yaml", b"behaviour: [benign\n", "line"),
        ("bad-value.json", b'{"behaviour": "sometimes"}', "behaviour"),
        ("not-a-mapping.yaml", b"- just\n- a list\n", "not-a-mapping.yaml"),
    ],
    ids=["yaml-syntax", "bad-value", "not-a-mapping"],
)
def test_a_bad_file_is_refused_with_a_clear_message(
    app: AppDriver, name: str, data: bytes, names_the_problem: str
) -> None:
    expected = library_message(data, name)
    assert names_the_problem in expected, "precondition: the library names the problem"
    app.open()
    app.go_to(PAGE, PAGE)
    uploader = app.page.locator('[data-testid="stFileUploaderDropzoneInput"]')
    uploader.set_input_files(files=[{"name": name, "mimeType": "text/plain", "buffer": data}])

    refusal = app.page.locator('[data-testid="stAlert"]', has_text="Not imported")
    expect(refusal).to_be_visible(timeout=WAIT_MS)
    expect(refusal).to_contain_text(expected)
    refusal.scroll_into_view_if_needed()  # so the end-of-test screenshot shows it
    expect(app.page.get_by_role("button", name=re.compile("Load imported scenario"))).to_have_count(0)
    app.expect_no_error_output()


@pytest.mark.parametrize("label", ["Handout (Markdown)", "Handout (printable HTML)"])
def test_a_handout_download_carries_the_disclaimer(app: AppDriver, explorer: Explorer, label: str) -> None:
    scenario = Scenario(behaviour="malignant")
    result = explorer.evaluate(scenario)
    app.open_scenario(scenario)
    app.page.get_by_role("button", name=re.compile("^Handouts and downloads")).click()  # the toolbar's popover
    panel = app.page.locator('[data-testid="stPopoverBody"]')
    with app.page.expect_download(timeout=WAIT_MS) as download_info:
        panel.get_by_role("button", name=label).click()
    download = download_info.value
    text = Path(download.path()).read_text(encoding="utf-8")
    assert DISCLAIMER in text
    for option in result.options:
        assert option.label in text, f"{option.label!r} missing from {download.suggested_filename}"
    assert "handout" in download.suggested_filename
