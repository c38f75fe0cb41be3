"""The option categories: exact ids fixed by the project, with readable labels."""

from __future__ import annotations

CORE_CATEGORIES: dict[str, str] = {
    "observation": "Observation / monitoring",
    "surgery": "Surgery",
    "radiation": "Radiation therapy",
    "chemotherapy": "Chemotherapy",
    "palliative": "Palliative care",
}

ADJUNCT_CATEGORIES: dict[str, str] = {
    "diagnostic_workup": "Diagnostic work-up",
    "biopsy": "Biopsy",
    "targeted_therapy": "Targeted therapy",
    "immunotherapy": "Immunotherapy",
    "corticosteroids": "Corticosteroids",
    "pain_medication": "Pain medication",
    "vertebral_augmentation": "Kyphoplasty / vertebroplasty",
    "rehabilitation": "Rehabilitation",
    "clinical_trial": "Clinical trial",
    "second_opinion": "Second opinion",
    "hormone_therapy": "Hormone therapy",
    "brace": "Brace or corset after surgery",
    "follow_up": "Follow-up imaging after treatment",
    "counselling": "Counselling and support",
    "multidisciplinary_team": "Multidisciplinary team",
}

# How an option relates to the scenario, most specific first: the scenario's own findings; only alongside
# another option (e.g. radiation after surgery); general background the sources give for any such tumour.
BASES: dict[str, str] = {
    "scenario": "for this scenario's findings",
    "alongside": "alongside another option",
    "background": "general background",
}

CATEGORIES: dict[str, str] = {**CORE_CATEGORIES, **ADJUNCT_CATEGORIES}


def category_kind(category: str) -> str:
    return "core" if category in CORE_CATEGORIES else "adjunct"
