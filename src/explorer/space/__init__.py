"""The scenario space: its factors and samples, sweeps over it, and what they show.

Factors and grids (`factors`), random valid scenarios (`sampling`), sweeps on every core (`sweep`) and their
files (`outcome_files`); what a sweep shows: factor influence (`influence`), the two-factor map
(`two_factor_map`), the rules that make a factor matter (`factor_rules`), and what the case library covers
(`teaching_coverage`); figures as Vega-Lite specs, rendered to SVG/PNG (`figures`).
"""
