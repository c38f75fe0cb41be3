"""The Explore page: factors change the results; why-not tables; dependent fields; share link and downloads."""

from __future__ import annotations

from explorer.categories import CORE_CATEGORIES
from explorer.share import to_query
from ui.components.builder import glossary_key
from ui.components.conditions import COLUMNS
from ui.components.option_card import card_key
from ui.components.tensions import tension_key
from ui.components.text import md

from .conftest import ACKED, button, markdown_table, new_app, open_lazy, open_link_page

EXPLORE_TAB = "explore_tab"  # key of the page's tabs (ui/views/explore.py)


def card_lines(at) -> list[str]:
    """Every paragraph of the page's markdown (the cards' lines share one element, a paragraph each)."""
    return [part for m in at.markdown for part in m.value.split("\n\n")]


def core_status(at) -> dict[str, str]:
    """Core category label -> "discussed" / "not discussed", read from each card's line (✓ / ✗)."""
    status = {}
    for line in card_lines(at):
        for label in CORE_CATEGORIES.values():
            if line.startswith((f"✓ **{md(label)}**", f"✗ **{md(label)}**")):
                assert label not in status, f"two lines for {label}"
                status[label] = "not discussed" if "not discussed for this scenario" in line else "discussed"
    return status


def select(at, field: str, value) -> None:
    at.selectbox(key=f"field:{field}").select(value).run()
    assert not at.exception, at.exception


def test_five_core_categories_always_shown(app) -> None:
    assert set(core_status(app)) == set(CORE_CATEGORIES.values())
    select(app, "behaviour", "malignant")
    assert set(core_status(app)) == set(CORE_CATEGORIES.values())


def test_benign_without_symptoms_discusses_observation(app) -> None:
    select(app, "behaviour", "benign")
    assert app.multiselect(key="field:symptoms").value == []
    assert core_status(app)["Observation / monitoring"] == "discussed"


def test_symptoms_change_the_results(app) -> None:
    select(app, "behaviour", "benign")
    before = core_status(app)
    app.multiselect(key="field:symptoms").select("pain").select("weakness").run()
    after = core_status(app)
    assert app.session_state["scenario"].symptoms == ("pain", "weakness")
    # benign without symptoms: watch-and-wait only; with symptoms: surgery may be required, no watch-and-wait
    assert (before["Observation / monitoring"], before["Surgery"]) == ("discussed", "not discussed")
    assert (after["Observation / monitoring"], after["Surgery"]) == ("not discussed", "discussed")


def card(at, label: str):
    """A category's details: its chain and quotes, or its why-not."""
    return next(e for e in at.expander if e.label in (f"{md(label)}: chain of rules and quotes",
                                                      f"Why not {md(label)}? What would bring it in"))


def test_cards_are_built_only_when_opened(app) -> None:
    select(app, "behaviour", "benign")
    assert not card(app, "Observation / monitoring").children  # closed: nothing sent for its body
    open_lazy(app, card_key("observation"))
    assert any(m.value.startswith("> “") for m in card(app, "Observation / monitoring").markdown)
    assert app.session_state[card_key("surgery")] is False


def test_an_open_card_stays_open_when_the_scenario_changes(app) -> None:
    select(app, "behaviour", "malignant")
    open_lazy(app, card_key("surgery"))
    assert card(app, "Surgery").children
    app.text_input(key="field:title").input("Week 3 case").run()  # changes the scenario, not the card's label
    assert app.session_state["scenario"].title == "Week 3 case"
    assert card(app, "Surgery").children, "the opened card closed after the scenario changed"


def test_inoperable_malignant_discusses_radiation_with_its_role(app) -> None:
    select(app, "behaviour", "malignant")
    select(app, "removal", "not_operable")
    assert any(line.startswith("✓ **Radiation therapy** · discussed") and "for a tumour considered inoperable" in line
               for line in card_lines(app))
    open_lazy(app, card_key("radiation"))
    chain = [m.value for m in card(app, "Radiation therapy").markdown]
    assert not any("radiation-inoperable" in text for text in chain), "rule ids hidden until asked for"
    assert any(text.startswith("> “") for text in chain), "verbatim quotes expected in the chain"
    app.toggle(key="show_rule_ids").set_value(True).run()
    chain = [m.value for m in card(app, "Radiation therapy").markdown]
    assert any("radiation-inoperable" in text for text in chain), chain  # rule id in the chain


def test_why_not_table_shows_actual_and_required(app) -> None:
    select(app, "behaviour", "malignant")
    select(app, "removal", "not_operable")
    open_lazy(app, card_key("surgery"))
    surgery = card(app, "Surgery")
    assert surgery.markdown[0].value.startswith("**Smallest change:** ")  # the why-not leads with a change
    assert not [m for m in surgery.markdown if m.value.startswith("| Factor |")]  # the tables are one click away
    app.toggle(key="conds:surgery").set_value(True).run()
    surgery = card(app, "Surgery")
    tables = [markdown_table(m.value) for m in surgery.markdown if m.value.startswith("| Factor |")]
    assert tables and list(tables[0][0]) == list(COLUMNS) == ["Factor", "This scenario", "Needed", "Met"]
    rows = {(r["Factor"], r["This scenario"], r["Needed"]) for t in tables for r in t}
    assert ("Can surgery remove it?", "considered inoperable", "none of: considered inoperable") in rows


def test_stage_sets_malignant_and_leaving_malignant_clears_stage(app) -> None:
    select(app, "stage", 3)
    scenario = app.session_state["scenario"]
    assert (scenario.stage, scenario.behaviour) == (3, "malignant")
    assert any("malignant" in i.value for i in app.info)
    select(app, "behaviour", "benign")
    scenario = app.session_state["scenario"]
    assert (scenario.stage, scenario.behaviour) == (None, "benign")
    assert app.selectbox(key="field:stage").value == "not given"


def test_primary_site_needs_secondary_origin(app) -> None:
    select(app, "primary_site", "lung")
    assert app.session_state["scenario"].origin == "secondary"
    select(app, "origin", "primary")
    assert app.session_state["scenario"].primary_site == "unknown"


def test_every_scenario_field_has_a_labelled_widget(app) -> None:
    from explorer import Scenario

    keys = {w.key for kind in (app.selectbox, app.multiselect, app.checkbox, app.number_input, app.text_input, app.text_area)
            for w in kind if w.key}
    assert {f"field:{name}" for name in Scenario.model_fields} <= keys


def test_title_and_age_widgets_update_the_scenario(app) -> None:
    app.text_input(key="field:title").input("Week 3 case").run()
    app.number_input(key="field:age").set_value(64).run()
    scenario = app.session_state["scenario"]
    assert (scenario.title, scenario.age) == ("Week 3 case", 64)


def test_share_link_and_downloads(app) -> None:
    select(app, "behaviour", "malignant")
    toolbar = [p.proto.popover.label for p in app.get("popover")]
    assert toolbar == ["Share link", "Handouts and downloads", "Teach with it"]  # above the results, not a tab
    assert [t.label for t in app.tabs] == ["Scenario and options", "Derivation graph"]
    assert not app.code and not app.get("download_button")  # each popover is built only when opened
    open_lazy(app, "share_open")
    link = app.code[0].value
    assert link.endswith("?behaviour=malignant")
    assert app.query_params == {**to_query(app.session_state["scenario"]), **ACKED}
    open_lazy(app, "downloads_open")
    labels = [d.label for d in app.get("download_button")]
    assert labels == ["Handout (Markdown)", "Handout (printable HTML)", "Scenario (YAML)", "Scenario (JSON)",
                      "Full result (JSON)"]


def test_a_class_exercise_hides_the_answers_until_shown(app) -> None:
    select(app, "behaviour", "benign")
    button(app, "Hide the answers (class exercise)").click().run()
    text = "\n".join(m.value for m in app.markdown)
    assert "Observation / monitoring" not in text and "Answers hidden" in text
    assert any("hidden for a class exercise" in i.value for i in app.info)
    open_lazy(app, "downloads_open")
    assert not app.get("download_button")  # the handouts give the answers away
    open_lazy(app, EXPLORE_TAB, "Derivation graph")
    assert not app.get("graphviz_chart")
    button(app, "Show the answers").click().run()
    open_lazy(app, EXPLORE_TAB, "Scenario and options")
    assert "✓ Observation / monitoring" in "\n".join(m.value for m in app.markdown)


def test_a_conflicting_input_is_said_before_the_results(app) -> None:
    select(app, "origin", "secondary")
    select(app, "behaviour", "benign")
    scenario = app.session_state["scenario"]
    assert (scenario.origin, scenario.behaviour) == ("unknown", "benign")  # the field not just chosen gives way
    warning = next(w.value for w in app.warning if "Inputs that conflict" in w.value)
    assert warning.startswith("**Inputs that conflict (Behaviour)**: " + md(
        "Behaviour: benign cannot go with Tumour origin: secondary, so Tumour origin was set to unknown. "
        "Why: a secondary tumour"))
    order = [getattr(e, "value", None) for e in app.main]  # the page's elements, top to bottom
    assert order.index(warning) < order.index("Core categories")  # before the results


def test_reset_empties_the_scenario(app) -> None:
    select(app, "behaviour", "malignant")
    button(app, "Reset").click().run()
    assert app.session_state["scenario"].public_dict() == {}
    assert app.query_params == ACKED


def test_open_in_source_shows_the_statement_highlighted(app) -> None:
    select(app, "behaviour", "benign")
    open_lazy(app, card_key("observation"))
    next(b for b in app.button if b.label == "Open in source").click().run()
    assert not app.exception
    html = [h.proto.body for h in app.get("html") if not h.proto.body.startswith("<style>")]  # not the page style
    assert len(html) == 2 and all(h.count("<mark>") == 1 for h in html)  # in context, then the whole document
    assert len(html[1]) > len(html[0])  # the whole document is longer than the excerpt


def test_derivation_graph_can_focus_on_one_option(app) -> None:
    select(app, "behaviour", "malignant")
    select(app, "removal", "not_operable")
    assert not app.get("graphviz_chart")  # the graph tab is built only when opened
    open_lazy(app, EXPLORE_TAB, "Derivation graph")
    focus = next(s for s in app.selectbox if s.label == "Show the derivation of")
    assert focus.options[0] == "every option"
    focus.select("every option").run()
    full = app.get("graphviz_chart")[0].proto.spec
    focus = next(s for s in app.selectbox if s.label == "Show the derivation of")
    focus.select("radiation").run()
    focused = app.get("graphviz_chart")[0].proto.spec
    assert "radiation-inoperable" in focused and focused.count("rule:") < full.count("rule:")


def test_a_large_derivation_graph_opens_on_the_first_core_option() -> None:
    from .conftest import open_link_page

    at = open_link_page({"behaviour": "malignant", "origin": "secondary", "symptoms": "pain,weakness"}, "explore")
    open_lazy(at, EXPLORE_TAB, "Derivation graph")
    focus = next(s for s in at.selectbox if s.label == "Show the derivation of")
    assert focus.value == "surgery"  # 20-odd firings: the whole graph is one pick away, not the default
    assert any("Only this option's chain" in c.value for c in at.caption)


def test_glossary_quotes_follow_the_selected_value(app) -> None:
    from explorer import default_explorer

    pack = default_explorer().pack
    select(app, "origin", "secondary")
    open_lazy(app, glossary_key("Origin"))
    origin = next(e for e in app.expander if e.label == "**Origin**")  # the builder group, collapsible
    text = "\n".join(m.value for m in origin.markdown)
    sid = pack.glossary["origin"].values["secondary"][0]
    assert md(pack.statements[sid].quote) in text and md(pack.sources[pack.statements[sid].source].title) in text
    assert "On “secondary”" in text


def test_why_not_traces_a_missing_fact_to_the_inputs_and_counterpoints_show_on_the_label() -> None:
    from explorer import parse_scenario

    app = new_app()
    for key, value in to_query(parse_scenario({"behaviour": "benign"})).items():
        app.query_params[key] = value
    app.session_state["acknowledged"] = True
    app.session_state[card_key("surgery")] = True
    app.session_state["conds:surgery"] = True
    app.run()
    text = " ".join(m.value for m in app.markdown)
    assert "would be concluded by a rule that still needs one of" in text
    assert "Extent is unknown, needs limited to one portion of the spine" in text

    app = new_app()
    for key, value in to_query(parse_scenario({"behaviour": "malignant", "stage": 4, "overall_health": "poor",
                                               "symptoms": ["pain"]})).items():
        app.query_params[key] = value
    app.session_state["acknowledged"] = True
    app.run()
    lines = card_lines(app)
    assert any(line.startswith("✓ **Surgery** · discussed") and "sources point different ways" in line for line in lines)


def test_tensions_show_both_sides_with_their_quotes() -> None:
    at = open_link_page({"origin": "secondary", "compartment": "epidural", "cord_compression": True}, "explore")
    [tension] = [e for e in at.expander if "Metastatic epidural cord compression" in e.label]
    assert not tension.children  # closed: nothing sent for its body
    open_lazy(at, tension_key("explore", "mescc-surgery-vs-radiation"))
    [tension] = [e for e in at.expander if "Metastatic epidural cord compression" in e.label]
    texts = [m.value for m in tension.markdown]
    assert any(t.startswith("**Side 1: Decompressing the spinal cord") for t in texts)
    assert any(t.startswith("**Side 2: A study describes standard 3D conformal radiotherapy") for t in texts)
    assert any(t.startswith("> “This is in addition to standard 3D conformal radiotherapy") for t in texts)  # side 2 quote
