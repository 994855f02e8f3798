"""Checks on publishable text that is still suspect: these are warnings, never rewrites."""

from __future__ import annotations

import re
from functools import lru_cache

from .model import Finding

_WORD = re.compile(r"[A-Za-z][A-Za-z\-]+")


@lru_cache(maxsize=65536)
def _near(word: str, key: str, limit: int) -> bool:
    """Whether ``word`` is within ``limit`` edits of ``key`` but not equal; remembered, since
    a newsroom's releases share most of their words."""
    return word != key and word[:1] == key[:1] and _distance(word, key, limit) <= limit


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, stopping early once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


# Words of company names that say what kind of company it is, not which: ``The Timken Company``
# is ``Timken``, ``Inc.`` and ``Holdings`` are everybody's.
_GENERIC = {
    "the", "and", "inc", "incorporated", "corp", "corporation", "company", "co", "ltd", "limited", "llc", "plc", "ag",
    "sa", "nv", "se", "asa", "group", "holdings", "holding", "international", "global", "technologies", "technology",
    "systems", "solutions", "industries", "partners", "enterprises", "resources", "capital", "pharmaceuticals",
    "therapeutics", "biosciences", "sciences", "bio", "medical", "energy", "mining", "financial", "bancorp", "trust",
}
NAME_MIN = 4  # shorter names have too many near neighbours among ordinary words


def distinctive_word(canonical: str) -> str | None:
    """The word of a company's name that names it: the first that is not generic and not short."""
    return next((word for word in _WORD.findall(canonical) if word.lower() not in _GENERIC and len(word) >= NAME_MIN), None)


def company_name(text: str, path: str, canonical: str) -> list[Finding]:
    """Words near, but not equal to, the distinctive word of the company name.

    The seed spells "Cellectar" also as "Cellecstar" and "Cellestar": published verbatim, but
    an IR team wants to hear about it before a journalist does.
    """
    name = distinctive_word(canonical)
    if name is None:
        return []
    key = name.lower()
    limit = 2 if len(key) >= 8 else 1
    # Most releases spell the name right: one look at each distinct word of the whole text
    # (words never span lines; _near wants the same first letter) says so, before any line is
    # looked at word by word.
    words = {word.lower() for word in set(_WORD.findall(text))}
    if not any(_near(word, key, limit) for word in words if word[0] == key[0]):
        return []
    findings: list[Finding] = []
    for number, line in enumerate(text.split("\n"), start=1):
        seen: set[str] = set()
        for word in _WORD.findall(line):
            lowered = word.lower()
            if lowered not in seen and _near(lowered, key, limit):
                seen.add(lowered)
                findings.append(
                    Finding(path, number, "warning", f"{word!r} looks like a misspelling of the company name {name!r} (published as written)")
                )
    return findings
