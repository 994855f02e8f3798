"""Whole-word phrase search: the same matches as a regular expression with the word-boundary
look-behind in front, which the search leaves out for speed."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsroom.phrases import Phrases

# Letters, digits, the underscore, spaces, line breaks, punctuation, a no-break space, a
# non-ASCII letter: every kind of character next to a phrase.
ALPHABET = "abAB1_ -\n.,(\u00a0é"
PHRASES = st.lists(st.text(alphabet="abAB1_-é ", min_size=1, max_size=5).filter(str.strip), min_size=1, max_size=4)


def reference(phrases: list[str], flags: int = 0) -> re.Pattern[str]:
    alternatives = "|".join(r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in phrases)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", flags)


@settings(max_examples=500, deadline=None)
@given(phrases=PHRASES, text=st.text(alphabet=ALPHABET, max_size=40), ignore_case=st.booleans())
def test_matches_as_the_look_behind_pattern_does(phrases: list[str], text: str, ignore_case: bool) -> None:
    flags = re.IGNORECASE if ignore_case else 0
    expected = [match.group(0) for match in reference(phrases, flags).finditer(text)]
    assert list(Phrases.compile(phrases, flags).finditer(text)) == expected
    assert Phrases.compile(phrases, flags).search(text) is bool(expected)


def test_whole_words_any_white_space_order_of_phrases() -> None:
    aliases = Phrases.compile(["PDCs", "PDC", "CLR 131"])
    assert list(aliases.finditer("PDCs and PDC, not xPDC or PDC_1; CLR\n131 and CLR\u00a0131 but CLR 1311")) == [
        "PDCs", "PDC", "CLR\n131", "CLR\u00a0131",
    ]
    # A candidate inside a word is skipped, and the search goes on from the next character.
    assert list(Phrases.compile(["b", "ab"]).finditer("xab ab b")) == ["ab", "b"]
