"""A printable, self-contained HTML handout of a Result: compact enough for a typical case to fit in about 3 pages."""

from __future__ import annotations

from datetime import date
from html import escape

from typing import Iterable

from ..categories import BASES
from ..result import Counterpoint, NotDiscussed, Option, Result, SmallestChange, StatementRef, Step, TensionResult
from .common import OTHER_FACTORS, SHOWN_QUOTES, dated, entered_rows, handout_title, unmet_summary
from .walk import Emitter, Lines, render

_STYLE = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:52rem;margin:1.5rem auto;padding:0 1rem;
color:#1b1b1b;line-height:1.4}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.2rem;margin:1rem 0 .3rem}h3{font-size:1.05rem;margin:.8rem 0 .2rem}
.disclaimer{border:2px solid #8a4b00;background:#fff4e5;padding:.5rem .8rem;border-radius:.4rem}
.meta{color:#3d4a57;font-size:.9em}
blockquote{border-left:4px solid #5b6b7b;margin:.3rem 0 .3rem 1rem;padding:.1rem .7rem;background:#f5f7f9}
cite{display:block;font-size:.85em;color:#3d4a57}
.facts{columns:2;padding-left:1.2rem;margin:.2rem 0}
.chain{font-size:.9em;color:#3d4a57}.cp{border-left:4px solid #a33;padding-left:.6rem}
.change{font-weight:600}code{font-size:.85em}
@media print{body{margin:0;font-size:10.5pt}.disclaimer{break-inside:avoid}h3{break-after:avoid}}
"""


class _Html(Emitter):
    def __init__(self, result: Result, link: str | None, today: date | None):
        super().__init__(result)
        self.link, self.today = link, today
        self.seen: set[str] = set()
        self.disclaimer = ('<p class="disclaimer" role="note"><strong>Disclaimer.</strong> '
                           f"{escape(result.disclaimer)}</p>")

    def _quote(self, sid: str) -> str:
        """Each statement is quoted in full once; later mentions point back to it."""
        ref = self.result.statements[sid]
        if sid in self.seen:
            return f"<p class='chain'>(quoted above: {escape(ref.source_title)}, <code>{escape(sid)}</code>)</p>"
        self.seen.add(sid)
        return (f"<blockquote>&ldquo;{escape(ref.quote)}&rdquo;<cite>{escape(ref.source_title)} "
                f"(<code>{escape(sid)}</code>)</cite></blockquote>")

    def header(self) -> Lines:
        result = self.result
        title = escape(handout_title(result))
        back = f' &middot; <a href="{escape(self.link)}">open this scenario in the explorer</a>' if self.link else ""
        out = [
            "<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
            f"<title>{title} - options the sources discuss</title><style>{_STYLE}</style></head><body>",
            f"<header><h1>{title}</h1><p class='meta'>{dated(self.today)}{back}</p>{self.disclaimer}</header><main>",
            "<section><h2>Scenario</h2><ul class='facts'>",
        ]
        out += [f"<li><strong>{escape(label)}:</strong> {escape(value)}</li>" for label, value in entered_rows(result)]
        out.append(f"</ul><p class='meta'>{escape(OTHER_FACTORS)}</p>")
        if result.scenario.get("notes"):
            out.append(f"<p><strong>Teaching notes.</strong> {escape(str(result.scenario['notes']))}</p>")
        return out

    def options_start(self) -> Lines:
        return ["</section><section><h2>Options the sources discuss for this scenario</h2>"]

    def no_options(self) -> Lines:
        return ["<p>None of the rules apply to this scenario.</p>"]

    def option_head(self, option: Option) -> Lines:
        because = "; ".join(self.steps[rid].title for rid in option.rules)
        return [f"<section><h3>{escape(option.label)} <small>({option.kind})</small></h3>",
                f"<p><strong>{escape(option.headline)}</strong> ({escape(BASES[option.basis])})</p>",
                f"<p><strong>Because</strong> {escape(because)}.</p>"]

    def roles(self, roles: list[tuple[str, tuple[str, ...]]]) -> Lines:
        return ["<ul>" + "".join(f"<li><em>{escape(BASES[basis])}:</em> {escape('; '.join(labels))}</li>"
                                 for basis, labels in roles) + "</ul>"]

    def modalities(self, labels: Iterable[str]) -> Lines:
        return [f"<p>Named in the sources: {escape(', '.join(labels))}</p>"]

    def reasons(self, option: Option) -> Lines:
        steps = self.steps
        lead = list(dict.fromkeys(steps[rid].statements[0] for rid in option.rules if steps[rid].statements))
        shown = lead[:SHOWN_QUOTES if option.kind == "core" else 1]
        out = [self._quote(sid) for sid in shown]
        if option.kind == "core":
            chain = " &rarr; ".join(escape(steps[rid].title) for rid in option.chain)
            out.append(f"<p class='chain'>Chain of rules: {chain}</p>")
        more = len(option.statements) - len(shown)
        if more > 0:
            out.append(f"<p class='chain'>{more} more statements along the chain (all of them in the explorer).</p>")
        return out

    def counterpoint(self, cp: Counterpoint) -> Lines:
        return [f"<div class='cp'><p><strong>Sources point different ways:</strong> {escape(cp.title)}</p>",
                *(self._quote(sid) for sid in cp.statements), "</div>"]

    def weighed_by(self, factors: str) -> Lines:
        return [f"<p>Factors the sources say weigh on this option: {escape(factors)}</p>"]

    def risks(self, statement_ids: Iterable[str]) -> Lines:
        return ["<p>Risks the sources name:</p>" + "".join(self._quote(sid) for sid in statement_ids)]

    def option_end(self) -> Lines:
        return ["</section>"]

    def options_end(self) -> Lines:
        return ["</section>"]

    def tensions_start(self) -> Lines:
        return ["<section><h2>Where the sources point different ways</h2>"]

    def tension(self, tension: TensionResult) -> Lines:
        sides = "".join(f"<div class='cp'><p><strong>{escape(side.label)}</strong></p>"
                        + "".join(self._quote(sid) for sid in side.statements) + "</div>" for side in tension.sides)
        return [f"<h3>{escape(tension.title)}</h3>{sides}"]

    def why_not_start(self) -> Lines:
        return ["<section><h2>Core options not discussed for this scenario, and why not</h2>"]

    def why_not_head(self, item: NotDiscussed) -> Lines:
        return [f"<h3>{escape(item.label)}</h3>"]

    def change(self, n: int, change: SmallestChange, quote: StatementRef | None) -> Lines:
        lead = "Smallest change" if n == 0 else "Or"
        out = [f"<p><span class='change'>{lead}: {escape(change.text())}</span><br>"
               f"then discussed as: {escape('; '.join(change.role_labels))}</p>"]
        return out + ([self._quote(quote.id)] if quote is not None else [])

    def more_changes(self, more: int) -> Lines:
        return [f"<p class='chain'>({more} more smallest changes in the full result JSON.)</p>"]

    def no_change(self, text: str) -> Lines:
        return [f"<p>{escape(text)}</p>"]

    def unmet(self, item: NotDiscussed) -> Lines:
        return [f"<p class='chain'>{escape(unmet_summary(item))}</p>"]

    def section_end(self) -> Lines:
        return ["</section>"]

    def trace(self, steps: tuple[Step, ...]) -> Lines:
        trace = ", ".join(f"<code>{escape(s.rule)}</code>" for s in steps)
        return [f"<section><h2>Rules that fired, in order</h2><p class='chain'>{trace}</p></section>"]

    def footer(self) -> Lines:
        return [f"</main><footer>{self.disclaimer}</footer></body></html>"]


def render_html(result: Result, *, link: str | None = None, today: date | None = None) -> str:
    return render(_Html(result, link, today))
