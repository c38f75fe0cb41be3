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
}

CATEGORIES: dict[str, str] = {**CORE_CATEGORIES, **ADJUNCT_CATEGORIES}


def category_kind(category: str) -> str:
    return "core" if category in CORE_CATEGORIES else "adjunct"
