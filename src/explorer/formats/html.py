"""A printable, self-contained HTML handout of a Result."""

from __future__ import annotations

from html import escape

from ..categories import BASES
from ..result import Result
from ..scenario import FIELD_LABELS, value_label

_STYLE = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;
color:#1b1b1b;line-height:1.5}
.disclaimer{border:2px solid #8a4b00;background:#fff4e5;padding:.75rem 1rem;border-radius:.4rem}
blockquote{border-left:4px solid #5b6b7b;margin:.4rem 0 .4rem 1rem;padding:.2rem .8rem;background:#f5f7f9}
cite{display:block;font-size:.9em;color:#3d4a57}
table{border-collapse:collapse}td,th{border:1px solid #c4ccd4;padding:.25rem .6rem;text-align:left}
.cp{border-left:4px solid #a33;padding-left:.6rem}
@media print{.disclaimer{break-inside:avoid}section{break-inside:avoid-page}}
"""


def _quote(result: Result, sid: str) -> str:
    ref = result.statements[sid]
    return f"<blockquote>&ldquo;{escape(ref.quote)}&rdquo;<cite>{escape(ref.source_title)} ({escape(sid)})</cite></blockquote>"


def render_html(result: Result) -> str:
    title = escape(str(result.scenario.get("title") or "Teaching scenario"))
    steps = {s.rule: s for s in result.trace}
    disclaimer = f'<p class="disclaimer" role="note"><strong>Disclaimer.</strong> {escape(result.disclaimer)}</p>'
    parts = [
        "<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{title} - options the sources discuss</title><style>{_STYLE}</style></head><body>",
        f"<header><h1>{title}</h1>{disclaimer}</header><main>", "<section><h2>Scenario</h2><table>",
        "<tr><th scope='col'>Factor</th><th scope='col'>Value</th></tr>",
    ]
    for key, value in result.scenario.items():
        if key in ("title", "notes"):
            continue
        parts.append(f"<tr><td>{escape(FIELD_LABELS.get(key, key))}</td><td>{escape(value_label(value))}</td></tr>")
    parts.append("</table>")
    if result.scenario.get("notes"):
        parts.append(f"<p><strong>Teaching notes.</strong> {escape(str(result.scenario['notes']))}</p>")
    parts.append("</section><section><h2>Options the sources discuss for this scenario</h2>")
    if not result.options:
        parts.append("<p>None of the rules apply to this scenario.</p>")
    for option in result.options:
        parts.append(f"<section><h3>{escape(option.label)} <small>({option.kind})</small></h3>")
        parts.append(f"<p><strong>{escape(option.headline)}</strong> ({escape(BASES[option.basis])})</p>")
        parts.append("<ul>" + "".join(f"<li><em>{escape(BASES[basis])}:</em> {escape('; '.join(labels))}</li>"
                                      for basis, labels in option.roles_by_basis()) + "</ul>")
        if option.modality_labels:
            parts.append(f"<p>Named in the sources: {escape(', '.join(option.modality_labels))}</p>")
        parts.append("<ol>")
        for rid in option.chain:
            quotes = "".join(_quote(result, sid) for sid in steps[rid].statements)
            parts.append(f"<li><strong>{escape(steps[rid].title)}</strong> <code>{escape(rid)}</code>{quotes}</li>")
        parts.append("</ol>")
        for cp in option.counterpoints:
            quotes = "".join(_quote(result, sid) for sid in cp.statements)
            parts.append(f"<div class='cp'><p><strong>Sources point different ways:</strong> {escape(cp.title)}</p>{quotes}</div>")
        if option.weighed_by:
            factors = ", ".join(f"{w.label}: {w.value}" for w in option.weighed_by)
            parts.append(f"<p>Factors the sources say weigh on this option: {escape(factors)}</p>")
        if option.risks:
            parts.append("<p>Risks the sources name:</p>" + "".join(_quote(result, sid) for sid in option.risks))
        parts.append("</section>")
    parts.append("</section>")
    if result.tensions:
        parts.append("<section><h2>Where the sources point different ways</h2>")
        for tension in result.tensions:
            sides = "".join(
                f"<div class='cp'><p><strong>{escape(side.label)}</strong></p>"
                + "".join(_quote(result, sid) for sid in side.statements) + "</div>"
                for side in tension.sides
            )
            parts.append(f"<h3>{escape(tension.title)}</h3>{sides}")
        parts.append("</section>")
    if result.not_indicated:
        parts.append("<section><h2>Core options not discussed for this scenario, and why not</h2>")
        for item in result.not_indicated:
            parts.append(f"<h3>{escape(item.label)}</h3><ul>")
            for cand in item.candidates:
                parts.append(f"<li>{escape(cand.title)}: {escape(cand.failed_text())}</li>")
            parts.append("</ul>")
        parts.append("</section>")
    parts.append("<section><h2>Reasoning trace</h2><ol>")
    parts += [f"<li>{escape(s.title)} <code>{escape(s.rule)}</code></li>" for s in result.trace]
    parts.append(f"</ol></section></main><footer>{disclaimer}</footer></body></html>")
    return "\n".join(parts)
