"""What if: the sensitivity table and heatmap; comparing scenario A with a changed copy B."""

from __future__ import annotations

from explorer import default_explorer
from explorer.whatif import sensitivity

from .conftest import button, open_link_page

SCENARIO = {"behaviour": "malignant", "resectable": "no"}


def test_sensitivity_table_lists_the_changing_alternatives() -> None:
    at = open_link_page(SCENARIO, "what_if")
    table = at.table[0].value
    assert list(table.columns) == ["Factor", "Now", "Alternative", "Adds", "Removes", "Note"]
    changing = [v for v in sensitivity(default_explorer(), SCENARIO) if v.added or v.removed]
    assert len(table) == len(changing)
    row = table[(table["Factor"] == "Entire tumour can be removed") & (table["Alternative"] == "yes")].iloc[0]
    assert "Surgery" in row["Adds"]
    assert len(at.get("vega_lite_chart")) == 1  # the heatmap


def test_show_every_alternative() -> None:
    at = open_link_page(SCENARIO, "what_if")
    at.toggle[0].set_value(False).run()
    assert len(at.table[0].value) == len(sensitivity(default_explorer(), SCENARIO))


def test_compare_with_a_changed_copy() -> None:
    at = open_link_page(SCENARIO, "what_if")
    at.multiselect[0].set_value(["resectable"]).run()
    at.selectbox(key="b:resectable").select("yes").run()
    assert not at.exception
    changed = at.table[1].value
    assert [tuple(r) for r in changed.itertuples(index=False)] == [("Entire tumour can be removed", "no", "yes")]
    options = {r[""]: r["Options"] for _, r in at.table[2].value.iterrows()}
    assert "Surgery" in options["Discussed only for B"]
    assert any("Fired only for B" in m.value and "radiation-inoperable" not in m.value for m in at.markdown)
    button(at, "Make scenario B the current scenario").click().run()
    assert at.session_state["scenario"].resectable == "yes"
