"""Whole-word phrase search, shared by product detection (aliases) and tag rules (phrases).

A phrase matches as whole words, with any white space between its words (a line break, a
no-break space). The regular expression checks the word boundary after a phrase; the one
before it is checked here, on each candidate: a look-behind in front of the alternatives would
keep the engine from skipping ahead to the phrases' first letters, four times slower on a
release.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_WORD_CHAR = re.compile(r"\w")


def single_spaced(text: str) -> str:
    """Runs of white space (line breaks, no-break spaces) folded to one space, composed (NFC)."""
    return " ".join(composed(text).split())


def composed(text: str) -> str:
    """``text`` with accents composed (NFC): ``Café`` pasted from a Mac (``e`` + U+0301) is the
    ``Café`` typed in the catalogue. Only for searching; the published text stays as written."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class Phrases:
    """Any of some phrases, tried in the given order at each place in a text."""

    pattern: re.Pattern[str]

    @classmethod
    def compile(cls, phrases: Iterable[str], flags: int = 0) -> Phrases:
        alternatives = "|".join(r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in phrases)
        return cls(re.compile(rf"(?:{alternatives})(?!\w)", flags))

    def finditer(self, text: str) -> Iterator[str]:
        """The phrases found in ``text`` as printed there, left to right, none overlapping."""
        position = 0
        while (match := self.pattern.search(text, position)) is not None:
            start = match.start()
            if start and _WORD_CHAR.match(text, start - 1):
                position = start + 1  # inside a word: look again from the next character
                continue
            yield match.group(0)
            position = max(match.end(), start + 1)

    def search(self, text: str) -> bool:
        """Whether ``text`` has any of the phrases."""
        return next(self.finditer(text), None) is not None
