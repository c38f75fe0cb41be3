"""The app's few style rules: a thin disclaimer strip, less top padding, quotes at full contrast, phone order.

Layout only: no content or decisions. Sent with st.html, which puts style-only HTML outside the page flow.
"""

from __future__ import annotations

import streamlit as st

APP_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 3.2rem; }
/* the disclaimer: one thin strip, full text, dark on light (WCAG AA) */
.st-key-disclaimer_strip [data-testid="stAlert"] > div { padding: .35rem .8rem; }
.st-key-disclaimer_strip p { font-size: .85rem; line-height: 1.3; }
/* quotes at full contrast (Streamlit draws blockquotes muted) */
[data-testid="stMarkdownContainer"] blockquote { opacity: 1; color: #1b1b1b; border-left-color: #5b6b7b; }
/* Explore: the summary strip stays in view while the scenario is edited (sticky: the wrapper of its fragment) */
[data-testid="stLayoutWrapper"]:has(> [data-testid="stVerticalBlock"] > [data-testid="stLayoutWrapper"]
  > .st-key-summary_strip) { position: sticky; top: 3.75rem; z-index: 5;
  background: #ffffff; border-bottom: 1px solid #d5dae0; padding: .3rem 0; }
/* the derivation graph at its own size (text >= 12 px), scrolled sideways when wider than the page */
.st-key-derivation_graph { overflow-x: auto; }
.st-key-derivation_graph [data-testid="stGraphVizChart"] svg { max-width: none !important; }
/* charts on wide screens, their tables on phones (ui/components/layout.py) */
@media (min-width: 641px) { [class*="st-key-phone_only_"] { display: none !important; } }
/* phones: the results come before the long form */
@media (max-width: 640px) {
  [class*="st-key-wide_only_"] { display: none !important; }
  /* tables wrap to the screen's width instead of scrolling (a scrolled region would need keyboard focus) */
  [data-testid="stTable"] * { overflow: visible !important; }
  [data-testid="stTable"] table { width: 100% !important; table-layout: auto; }
  [data-testid="stTable"] th, [data-testid="stTable"] td { white-space: normal !important;
    overflow-wrap: anywhere; padding: .25rem .3rem !important; font-size: .85rem; }
  [data-testid="stHorizontalBlock"]:has(.st-key-results_column) { flex-direction: column; }
  [data-testid="stColumn"]:has(.st-key-results_column) { order: -1; width: 100%; flex: 1 1 100%; }
  [data-testid="stLayoutWrapper"]:has(> [data-testid="stVerticalBlock"] > [data-testid="stLayoutWrapper"]
    > .st-key-summary_strip) { position: static; }
}
</style>"""


# Projector: large text (not on buttons, so they never truncate), no sidebar, the step bar kept in view.
PRESENTATION_CSS = """<style>
[data-testid="stMainBlockContainer"] p:not(button p), [data-testid="stMainBlockContainer"] li,
[data-testid="stMainBlockContainer"] td, [data-testid="stMainBlockContainer"] th { font-size: 1.4rem !important; }
[data-testid="stMainBlockContainer"] h1 { font-size: 2rem !important; }
[data-testid="stMainBlockContainer"] h2 { font-size: 1.9rem !important; }
[data-testid="stMainBlockContainer"] h3 { font-size: 1.6rem !important; }
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding-left: 2rem !important; padding-right: 2rem !important; max-width: 100% !important; }
.st-key-disclaimer_strip p { font-size: .85rem !important; }
</style>"""


def apply_style() -> None:
    st.html(APP_CSS)
