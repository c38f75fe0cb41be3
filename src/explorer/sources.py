"""Source documents and the statement catalogue quoted from them."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field

_WS = re.compile(r"\s+")
ID_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"


def normalise(text: str) -> str:
    """Collapse every run of whitespace (newlines, non-breaking spaces) into one space."""
    return _WS.sub(" ", text).strip()


class Source(BaseModel):
    """One source document, shipped verbatim under rules/sources/."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID_PATTERN)
    title: str
    kind: str
    seed_file: str
    file: str
    summary: str = ""
    text: str = Field("", repr=False)

    @cached_property
    def normalised(self) -> str:
        return normalise(self.text)

    @cached_property
    def _offsets(self) -> tuple[list[int], list[int]]:
        """Map positions in `normalised` back to positions in `text`."""
        norm_starts: list[int] = []
        orig_starts: list[int] = []
        pos = 0
        stripped = self.text.lstrip()
        lead = len(self.text) - len(stripped)
        for match in re.finditer(r"\S+", stripped):
            norm_starts.append(pos)
            orig_starts.append(match.start() + lead)
            pos += len(match.group()) + 1
        return norm_starts, orig_starts

    def contains(self, quote: str) -> bool:
        return normalise(quote) in self.normalised

    def locate(self, quote: str) -> tuple[int, int] | None:
        """The (start, end) of `quote` in the original text, or None."""
        needle = normalise(quote)
        at = self.normalised.find(needle)
        if at < 0:
            return None
        norm_starts, orig_starts = self._offsets

        def to_orig(n: int) -> int:
            i = max(bisect_right(norm_starts, n) - 1, 0)
            return orig_starts[i] + (n - norm_starts[i])

        return to_orig(at), to_orig(at + len(needle) - 1) + 1


class Statement(BaseModel):
    """A verbatim statement from one source, cited by rules."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID_PATTERN)
    source: str
    quote: str = Field(min_length=1)
    tags: tuple[str, ...] = ()
