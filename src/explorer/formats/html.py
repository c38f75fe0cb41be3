"""A printable, self-contained HTML handout of a Result: compact enough for a typical case to fit in about 3 pages."""

from __future__ import annotations

from datetime import date
from html import escape

from ..categories import BASES
from ..result import NotIndicated, Result
from .common import (
    OTHER_FACTORS, SHOWN_QUOTES, dated, entered_rows, handout_title, key_quote, no_change_text, shown_changes, unmet_summary,
)

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


class _Quotes:
    """Each statement is quoted in full once; later mentions point back to it."""

    def __init__(self, result: Result):
        self.result = result
        self.seen: set[str] = set()

    def __call__(self, sid: str) -> str:
        ref = self.result.statements[sid]
        if sid in self.seen:
            return f"<p class='chain'>(quoted above: {escape(ref.source_title)}, <code>{escape(sid)}</code>)</p>"
        self.seen.add(sid)
        return (f"<blockquote>&ldquo;{escape(ref.quote)}&rdquo;<cite>{escape(ref.source_title)} "
                f"(<code>{escape(sid)}</code>)</cite></blockquote>")


def _why_not(result: Result, item: NotIndicated, quote: _Quotes) -> list[str]:
    parts = [f"<h3>{escape(item.label)}</h3>"]
    changes, more = shown_changes(item)
    for n, change in enumerate(changes):
        lead = "Smallest change" if n == 0 else "Or"
        parts.append(f"<p><span class='change'>{lead}: {escape(change.text())}</span><br>"
                     f"then discussed as: {escape('; '.join(change.role_labels))}</p>")
        ref = key_quote(result, change)
        if ref is not None:
            parts.append(quote(ref.id))
    if more:
        parts.append(f"<p class='chain'>({more} more smallest changes in the full result JSON.)</p>")
    missing = no_change_text(item)
    if missing:
        parts.append(f"<p>{escape(missing)}</p>")
    parts.append(f"<p class='chain'>{escape(unmet_summary(item))}</p>")
    return parts


def render_html(result: Result, *, link: str | None = None, today: date | None = None) -> str:
    title = escape(handout_title(result))
    steps = {s.rule: s for s in result.trace}
    quote = _Quotes(result)
    disclaimer = f'<p class="disclaimer" role="note"><strong>Disclaimer.</strong> {escape(result.disclaimer)}</p>'
    back = f' &middot; <a href="{escape(link)}">open this scenario in the explorer</a>' if link else ""
    parts = [
        "<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{title} - options the sources discuss</title><style>{_STYLE}</style></head><body>",
        f"<header><h1>{title}</h1><p class='meta'>{dated(today)}{back}</p>{disclaimer}</header><main>",
        "<section><h2>Scenario</h2><ul class='facts'>",
    ]
    parts += [f"<li><strong>{escape(label)}:</strong> {escape(value)}</li>" for label, value in entered_rows(result)]
    parts.append(f"</ul><p class='meta'>{escape(OTHER_FACTORS)}</p>")
    if result.scenario.get("notes"):
        parts.append(f"<p><strong>Teaching notes.</strong> {escape(str(result.scenario['notes']))}</p>")
    parts.append("</section><section><h2>Options the sources discuss for this scenario</h2>")
    if not result.options:
        parts.append("<p>None of the rules apply to this scenario.</p>")
    for option in result.options:
        parts.append(f"<section><h3>{escape(option.label)} <small>({option.kind})</small></h3>")
        because = "; ".join(steps[rid].title for rid in option.rules)
        parts.append(f"<p><strong>{escape(option.headline)}</strong> ({escape(BASES[option.basis])})</p>")
        parts.append(f"<p><strong>Because</strong> {escape(because)}.</p>")
        parts.append("<ul>" + "".join(f"<li><em>{escape(BASES[basis])}:</em> {escape('; '.join(labels))}</li>"
                                      for basis, labels in option.roles_by_basis()) + "</ul>")
        if option.modality_labels:
            parts.append(f"<p>Named in the sources: {escape(', '.join(option.modality_labels))}</p>")
        lead = list(dict.fromkeys(steps[rid].statements[0] for rid in option.rules if steps[rid].statements))
        shown = lead[:SHOWN_QUOTES if option.kind == "core" else 1]
        parts += [quote(sid) for sid in shown]
        if option.kind == "core":
            chain = " &rarr; ".join(escape(steps[rid].title) for rid in option.chain)
            parts.append(f"<p class='chain'>Chain of rules: {chain}</p>")
        more = len(option.statements) - len(shown)
        if more > 0:
            parts.append(f"<p class='chain'>{more} more statements along the chain (all of them in the explorer).</p>")
        for cp in option.counterpoints:
            parts.append(f"<div class='cp'><p><strong>Sources point different ways:</strong> {escape(cp.title)}</p>")
            parts += [quote(sid) for sid in cp.statements]
            parts.append("</div>")
        if option.weighed_by:
            factors = ", ".join(f"{w.label}: {w.value}" for w in option.weighed_by)
            parts.append(f"<p>Factors the sources say weigh on this option: {escape(factors)}</p>")
        if option.risks:
            parts.append("<p>Risks the sources name:</p>" + "".join(quote(sid) for sid in option.risks))
        parts.append("</section>")
    parts.append("</section>")
    if result.tensions:
        parts.append("<section><h2>Where the sources point different ways</h2>")
        for tension in result.tensions:
            sides = "".join(
                f"<div class='cp'><p><strong>{escape(side.label)}</strong></p>"
                + "".join(quote(sid) for sid in side.statements) + "</div>"
                for side in tension.sides
            )
            parts.append(f"<h3>{escape(tension.title)}</h3>{sides}")
        parts.append("</section>")
    if result.not_indicated:
        parts.append("<section><h2>Core options not discussed for this scenario, and why not</h2>")
        for item in result.not_indicated:
            parts += _why_not(result, item, quote)
        parts.append("</section>")
    trace = ", ".join(f"<code>{escape(s.rule)}</code>" for s in result.trace)
    parts.append(f"<section><h2>Rules that fired, in order</h2><p class='chain'>{trace}</p></section>")
    parts.append(f"</main><footer>{disclaimer}</footer></body></html>")
    return "\n".join(parts)
