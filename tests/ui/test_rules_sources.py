"""Rules and sources: searchable rules, sources with cited statements highlighted, uncited statements."""

from __future__ import annotations

from explorer import default_explorer

from .conftest import open_lazy, open_page

TAB_KEY, SOURCE_TAB_KEY = "rules_sources_tab", "source_tab"  # keys of the page's tabs (ui/views/rules_sources.py)
RULE_KEY = "rule:{}"  # key of a rule's card


def rule_expanders(at):
    return [e for e in at.expander if e.label.endswith("`")]


def test_all_rules_listed_then_filtered_by_search(app) -> None:
    pack = default_explorer().pack
    open_page(app, "rules_sources")
    assert len(rule_expanders(app)) == len(pack.rules)
    app.text_input[0].input("inoperable").run()
    shown = rule_expanders(app)
    assert 0 < len(shown) < len(pack.rules)
    assert any("`radiation-inoperable`" in e.label for e in shown)


def test_search_matches_citation_ids(app) -> None:
    pack = default_explorer().pack
    rule = pack.rules[0]
    open_page(app, "rules_sources")
    app.text_input[0].input(rule.spec.cites[0]).run()
    assert any(f"`{rule.id}`" in e.label for e in rule_expanders(app))


def test_search_without_match_shows_zero(app) -> None:
    open_page(app, "rules_sources")
    app.text_input[0].input("zzzz-no-such-rule").run()
    assert not rule_expanders(app)
    assert any(c.value.startswith("0 of ") for c in app.caption)


def documents_shown(app) -> list[str]:
    """The HTML elements on the page, apart from the page's style sheet (ui/components/style.py)."""
    return [h.proto.body for h in app.get("html") if not h.proto.body.startswith("<style>")]


def test_sources_rendered_with_marks_and_escaped(app) -> None:
    pack = default_explorer().pack
    open_page(app, "rules_sources")
    assert not documents_shown(app)  # documents are built only when their tab is open
    open_lazy(app, TAB_KEY, "Source documents")
    documents = []
    for source in pack.sources.values():
        open_lazy(app, SOURCE_TAB_KEY, source.title)
        shown = documents_shown(app)
        assert len(shown) == 1, f"{source.title}: expected only the open document"
        documents += shown
    assert len(set(documents)) == len(pack.sources)
    assert all("<mark>" in d for d in documents)
    assert not any("<script" in d.lower() for d in documents)


def test_rule_witness_loads_a_scenario_where_it_fires(app) -> None:
    open_page(app, "rules_sources")
    app.text_input[0].input("radiation-inoperable").run()
    open_lazy(app, RULE_KEY.format("radiation-inoperable"))
    app.button(key="witness:radiation-inoperable").click().run()
    assert app.title[0].value == "Explore a scenario"
    result = default_explorer().evaluate(app.session_state["scenario"])
    assert "radiation-inoperable" in [s.rule for s in result.trace]


def test_search_is_kept_while_another_tab_is_open(app) -> None:
    open_page(app, "rules_sources")
    app.text_input[0].input("inoperable").run()
    open_lazy(app, TAB_KEY, "Statements no rule cites")
    assert not app.text_input
    open_lazy(app, TAB_KEY, "Rules")
    assert app.text_input[0].value == "inoperable"
    assert 0 < len(rule_expanders(app)) < len(default_explorer().pack.rules)


def cli_rule_ids(query: str, capsys) -> list[str]:
    from explorer.cli import main

    assert main(["rules", "--search", query]) == 0
    lines = capsys.readouterr().out.splitlines()
    return [line.split(". ", 1)[1].split(":", 1)[0] for line in lines if line[:4].strip().rstrip(".").isdigit()]


def test_the_page_and_the_cli_search_the_same_way(app, capsys) -> None:
    """One search: the same query lists the same rules, in the same order, on the page and in `explorer rules`."""
    pack = default_explorer().pack
    cited = next(r for r in pack.rules if r.spec.cites)
    quote = pack.statements[cited.spec.cites[0]].quote
    fragment = " ".join(quote.split()[1:4])  # a few words from inside a cited quote
    open_page(app, "rules_sources")
    for query, must_include in (("  INOPERABLE ", "radiation-inoperable"), (fragment.upper(), cited.id),
                                (cited.spec.cites[0], cited.id), ("zzzz-no-such-rule", None)):
        app.text_input[0].input(query).run()
        on_page = [e.label.rsplit("`", 2)[1] for e in rule_expanders(app)]
        in_cli = cli_rule_ids(query, capsys)
        assert on_page == in_cli, query
        if must_include is None:
            assert on_page == []
        else:
            assert must_include in on_page and len(on_page) < len(pack.rules), query
