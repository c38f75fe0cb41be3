"""The non-diagnostic disclaimer carried by every page and every output."""

DISCLAIMER = (
    "Educational tool only: it shows which treatment options five public source documents discuss "
    "for a teaching scenario. It is not a diagnosis, not medical advice and not a recommendation for "
    "any person. Decisions about a real patient belong to their clinical team."
)
