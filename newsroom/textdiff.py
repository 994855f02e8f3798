"""A readable word-level diff of two versions of a release, as HTML.

Words are compared (white space and line ends are not words, so re-wrapping is no change);
each change is shown with a few words of context around it. Removed words are in ``<del>``,
added ones in ``<ins>``, each opened and closed by words a screen reader says ("removed:",
"added:") and struck through or underlined on screen: never colour alone. Release text is
verbatim and may hold HTML: every word is escaped, none is interpreted. No MkDocs import.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from markupsafe import Markup, escape

# Words of unchanged text shown on either side of a change.
CONTEXT = 8
_GAP = Markup('<span class="nr-diff__gap"><span aria-hidden="true">…</span><span class="nr-visually-hidden">[unchanged text left out]</span></span>')


def _words(words: list[str]) -> Markup:
    return escape(" ".join(words))


def _marked(tag: str, cue: str, words: list[str]) -> Markup:
    return Markup('<{tag}><span class="nr-visually-hidden">[{cue}: </span>{words}<span class="nr-visually-hidden">]</span></{tag}>').format(
        tag=Markup(tag), cue=cue, words=_words(words)
    )


def word_diff(old: str, new: str, context: int = CONTEXT) -> list[Markup]:
    """The changes from ``old`` to ``new``, one paragraph of HTML each (with ``context`` words
    around it); changes closer than twice the context share a paragraph. Empty when only white
    space differs."""
    a, b = old.split(), new.split()
    # No automatic junk: in a long release, "the" and "of" would otherwise be skipped as noise.
    opcodes = SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(context)
    hunks: list[Markup] = []
    for group in opcodes:
        if all(op == "equal" for op, *_ in group):
            continue
        parts: list[Markup] = []
        if group[0][1] > 0:
            parts.append(_GAP)
        for op, i1, i2, j1, j2 in group:
            if op == "equal":
                parts.append(_words(a[i1:i2]))
                continue
            if i2 > i1:
                parts.append(_marked("del", "removed", a[i1:i2]))
            if j2 > j1:
                parts.append(_marked("ins", "added", b[j1:j2]))
        if group[-1][2] < len(a):
            parts.append(_GAP)
        hunks.append(Markup('<p class="nr-diff__hunk">{}</p>').format(Markup(" ").join(parts)))
    return hunks
