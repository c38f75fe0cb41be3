"""What if: the sensitivity table and heatmap; comparing scenario A with a changed copy B."""

from __future__ import annotations

from .conftest import button, open_lazy, open_link_page

TAB_KEY = "what_if_tab"  # key of the page's tabs (ui/views/what_if.py)

SCENARIO = {"behaviour": "malignant", "removal": "not_operable", "extent": "single_segment"}


# On the mini pack (tests/data/mini_rules): benign without symptoms -> observation; malignant -> chemotherapy;
# removable -> surgery, then radiation after it; poor health -> palliative care. So for MINI_SCENARIO exactly these
# alternatives change the options:
MINI_SCENARIO = {"behaviour": "malignant", "removal": "not_operable"}
MINI_CHANGING = [
    ("Behaviour", "malignant", "benign", "Observation / monitoring", "Chemotherapy", ""),
    ("Behaviour", "malignant", "unknown", "", "Chemotherapy", ""),
    ("Overall health and fitness", "unknown", "poor", "Palliative care", "", ""),
    ("Can surgery remove it?", "considered inoperable", "the entire tumour can be removed", "Surgery, Radiation therapy",
     "", ""),
]


def rows(at) -> list[tuple]:
    return [tuple(r) for r in at.table[-1].value.itertuples(index=False)]  # the sensitivity table, last on the page


def test_sensitivity_table_lists_the_changing_alternatives(mini_pack) -> None:
    at = open_link_page(MINI_SCENARIO, "what_if")
    assert list(at.table[-1].value.columns) == ["Factor", "Now", "Alternative", "Adds", "Removes", "Note"]
    assert rows(at) == MINI_CHANGING
    assert len(at.get("vega_lite_chart")) == 1  # the heatmap


def test_the_heatmap_has_a_table_for_phones(mini_pack) -> None:
    """Factor x category with the counts of values that add (+) and remove (−) it; nothing that changes nothing."""
    at = open_link_page(MINI_SCENARIO, "what_if")
    phone = [tuple(r) for r in at.table[0].value.itertuples(index=False)]
    assert phone == [
        ("Behaviour", "Observation / monitoring", "+1"),
        ("Behaviour", "Chemotherapy", "−2"),
        ("Overall health and fitness", "Palliative care", "+1"),
        ("Can surgery remove it?", "Surgery", "+1"),
        ("Can surgery remove it?", "Radiation therapy", "+1"),
    ]


def test_show_every_alternative(mini_pack) -> None:
    at = open_link_page(MINI_SCENARIO, "what_if")
    at.toggle[0].set_value(False).run()
    every = rows(at)
    assert [r for r in every if r[3] or r[4]] == MINI_CHANGING  # the same changes, in the same order
    assert ("Grade", "unknown", "high", "", "", "") in every  # and the alternatives that change nothing
    assert ("Stage", "not given", "4", "", "", "") in every


def test_compare_with_a_changed_copy() -> None:
    at = open_link_page(SCENARIO, "what_if")
    assert not at.multiselect  # the comparison is built only when its tab is open
    open_lazy(at, TAB_KEY, "Compare two scenarios")
    assert not at.get("vega_lite_chart")  # and the sensitivity tab is not built meanwhile
    at.multiselect[0].set_value(["removal"]).run()
    at.selectbox(key="b:removal").select("entire").run()
    assert not at.exception
    changed = at.table[0].value
    assert [tuple(r) for r in changed.itertuples(index=False)] == [("Can surgery remove it?", "considered inoperable", "the entire tumour can be removed")]
    options = {r[""]: r["Options"] for _, r in at.table[1].value.iterrows()}
    assert "Surgery" in options["Discussed only for B"]
    assert any("Fired only for B" in m.value and "radiation-inoperable" not in m.value for m in at.markdown)
    button(at, "Make scenario B the current scenario").click().run()
    assert at.session_state["scenario"].removal == "entire"


def test_settings_in_a_closed_tab_are_kept() -> None:
    at = open_link_page(SCENARIO, "what_if")
    changing = len(at.table[-1].value)
    at.toggle[0].set_value(False).run()
    every = len(at.table[-1].value)
    assert every > changing
    open_lazy(at, TAB_KEY, "Compare two scenarios")
    at.multiselect[0].set_value(["removal"]).run()
    at.selectbox(key="b:removal").select("entire").run()
    open_lazy(at, TAB_KEY, "Sensitivity")
    assert at.toggle[0].value is False
    assert len(at.table[-1].value) == every  # still every alternative, as before the switch
    open_lazy(at, TAB_KEY, "Compare two scenarios")
    assert at.multiselect[0].value == ["removal"] and at.selectbox(key="b:removal").value == "entire"
    changed = [tuple(r) for r in at.table[0].value.itertuples(index=False)]
    assert changed == [("Can surgery remove it?", "considered inoperable", "the entire tumour can be removed")]


def test_a_factor_taken_out_of_b_starts_again_from_a() -> None:
    at = open_link_page(SCENARIO, "what_if")
    open_lazy(at, TAB_KEY, "Compare two scenarios")
    at.multiselect[0].set_value(["removal"]).run()
    at.selectbox(key="b:removal").select("entire").run()
    at.multiselect[0].set_value([]).run()
    at.multiselect[0].set_value(["removal"]).run()
    assert at.selectbox(key="b:removal").value == "not_operable"  # back to scenario A's value
