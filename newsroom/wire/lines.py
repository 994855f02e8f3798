"""What one line (or a one-line paragraph) is: a banner, a heading, a contact heading, a
trailer, an end mark; and how wrapped lines join back into one."""

from __future__ import annotations

import re

from ..model import SectionKind
from .fields import EMAIL_RE, PHONE_RE

# Who a contact heading addresses: ``Media``, ``Investor Relations``, ``Company`` …
_ROLE = (
    r"(?:Media|Press|News\s+Media|Investors?|Investor\s+Relations|IR|PR|Public\s+Relations|Company|Corporate"
    r"|Analysts?|Financial|Business|Editorial|Trade|Shareholders?|Stockholders?|Agency|Communications)"
)
_ROLES = rf"{_ROLE}(?:\s*(?:and|&|/|,)\s*{_ROLE})*"
# The groups that head a contact block with a bare colon: ``Media:``, ``Investors:`` (not ``Company:``).
_GROUP = r"(?:Media|Press|News\s+Media|Investors?|Investor\s+Relations|IR|PR|Public\s+Relations|Analysts?|Shareholders?)"
_GROUPS = rf"{_GROUP}(?:\s*(?:and|&|/|,)\s*{_GROUP})*"
# A contact heading; what follows it on the same line (after a colon, or glued to it as the
# copy from a web page runs ``Media ContactJane Doe``) is the first contact line.
CONTACT_RE = re.compile(
    r"^\s*(?P<label>"
    # ``Contacts``, ``Media Contact``, ``Investor & Media Contacts``, ``Contact Information``, ``IR Inquiries``
    rf"(?:(?:{_ROLES})\s+)?(?:Contacts?(?:\s+(?:Information|Details|Us))?|Inquiries|Enquiries)(?:\s*:|(?=[A-Z][a-z])|\s*$)"
    # ``Media:``, ``Investors:``, ``Investor Relations/Media:``
    rf"|(?:{_GROUPS})\s*:"
    # ``For more information, please contact:``, ``For media inquiries, contact:``
    r"|For\s+(?:further|more|additional|media|press|investor|investor\s+relations)\s+(?:information|inquiries|enquiries)"
    r"[^:\n]{0,40}:(?!//)"
    r")(?P<rest>.*)$",
    re.IGNORECASE,
)
# ``About X`` heads a section about the company or a product (``About 80 patients …`` is text).
ABOUT_RE = re.compile(r"^(?:About|ABOUT)\s+(?![\d\W])\w")
SAFE_HARBOR_HEADING_RE = re.compile(
    r"^(?:Cautionary\b.*|(?:Safe\s+Harbor|Forward[\s\-]+Looking)\s+(?:Statements?|Information|Language).*"
    r"|(?:Note|Notice)\s+(?:Regarding|Concerning|on|about)\s+Forward[\s\-]+Looking\s+(?:Statements?|Information).*"
    r"|.{0,40}\bForward[\s\-]+Looking\s+(?:Statements?|Information)\s*:?)$",
    re.IGNORECASE,
)
# The first sentence of a safe-harbour statement printed without a heading.
SAFE_HARBOR_OPENING_RE = re.compile(
    r"^(?:This|The|Certain|Statements|Any|Except|All|Safe\s+Harbor|Forward)\b[^.]{0,160}?forward[\s\-]+looking\s+(?:statements?|information)",
    re.IGNORECASE,
)
# A sentence ends here, unless the last word is an abbreviation such as ``Inc.`` or ``U.S.``.
SENTENCE_END_RE = re.compile(r"[.!?:;,]$")
ABBREVIATION_RE = re.compile(r"(?:^|\s)(?:[A-Z][A-Za-z]{0,3}\.|(?:[A-Za-z]\.){2,})$")
# ``Source: Company`` (GlobeNewswire), ``SOURCE: Company`` (ACCESSWIRE) or ``SOURCE Company`` (PR Newswire).
SOURCE_RE = re.compile(r"^\s*(?:(?i:source):|SOURCE\b)\s*(?P<name>\S.*)$")
# Lines a wire appends after the text.
TRAILER_RE = re.compile(
    r"^\s*(?:View\s+source\s+version\s+on|Cision\s+View\s+original\s+content|View\s+original\s+content|"
    r"KEYWORDS?:|INDUSTRY\s+KEYWORDS?:|PHOTO:|PUB:|Web\s*Site:|Copyright\b)",
    re.IGNORECASE,
)
# A web address on a line of its own: after a trailer, it is one too.
BARE_URL_RE = re.compile(r"^https?://\S+$")
# End marks: ``###``, ``# # #``, ``-30-``.
END_MARK_RE = re.compile(r"^\s*(?:###|#\s#\s#|-\s?30\s?-)\s*$")
# Lines that say what the text is, not part of it: the wire's or the filing's label, the
# editors a wire addresses, the ``FOR IMMEDIATE RELEASE`` line, a release label in another language.
BANNER_RE = re.compile(
    r"^\s*(?:"
    r"(?:FOR\s+)?IMMEDIATE\s+RELEASE\b.*"
    r"|(?:(?:NEWS|PRESS|MEDIA|EARNINGS|INVESTOR|JOINT|CORPORATE)\s+)?(?:RELEASE|ANNOUNCEMENT|ADVISORY|ALERT)"
    r"|(?:NEWS|PRESS\s+RELEASE|NEWS\s+PROVIDED\s+BY)"
    r"|Ex(?:hibit|\.)?[\s\-]*\d+(?:\.\d+)?"
    r"|COMMUNIQU[EÉ](?:\s+DE\s+PRESSE)?|PRESSEMITTEILUNG|PRESSEINFORMATION|COMUNICADO\s+DE\s+PRENSA|COMUNICATO\s+STAMPA"
    r"|PERSBERICHT|PRESSMEDDELANDE|PRESSEMELDING|TIEDOTE|KOMUNIKAT\s+PRASOWY"
    # a wire's web page around the text: ``| Source: Acme Inc.``, the ``Share`` button
    r"|\|\s*Source:\s*\S.*|Share|Print|Tweet"
    r")\s*:?\s*$",
    re.IGNORECASE,
)
# The editors a Business Wire release addresses: ``Business Editors/Health/Medical Writers``.
EDITORS_RE = re.compile(r"^\s*[A-Z][\w&.\-]*(?:[ /]+[A-Z][\w&.\-]*)*[ /]+(?:Editors|Writers)(?:[ /]+[A-Z][\w&.\-]*)*\s*:?\s*$")
# A line ends mid-phrase: a comma, a joining dash, or a word that needs what follows.
_OPEN_END = re.compile(
    r"(?:[,;&/\-–—]|\b(?:and|or|of|to|for|the|a|an|in|on|with|at|by|from|as|its|their|our|into|over|under|via|than|that|which|who"
    r"|after|before|between|amid|vs\.?|per|plus|including|regarding|covering|concerning|featuring|following|involving|targeting|during))$",
    re.IGNORECASE,
)
# A hyphen that a hard wrap left at the end of a line joins the word without a space (``cloud-`` / ``connectable``).
_WRAP_HYPHEN = re.compile(r"(?<=\w-)\n(?=\w)")
# A word as title case counts it: letters first, then letters, digits, apostrophes, hyphens.
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_NON_SPACE = re.compile(r"\S+")
_NON_WORD = re.compile(r"[^\w]")


WRAP_WIDTH = 100  # a line longer than this was not hard-wrapped: it is a paragraph of its own
CONTACT_LINE_MAX = 80  # contact lines are short: names, titles, numbers, addresses
GLUED_CONTACT_MAX = 400  # ... unless a web page's copy ran a block's lines together
TITLE_MAX_WORDS = 14
SOURCE_MAX = 200
# Wrapped lines are about as long as each other: within this share of the longest.
WRAP_BAND = 0.15
WRAP_LINE_MIN = 55
TITLE_SHARE = 0.7  # of the words of four letters or more


def strip(line: str) -> str:
    """Spaces and tabs off both ends; other characters (a no-break space) are text."""
    return line.strip(" \t")


def one_line(text: str) -> str:
    """Lines a sender wrapped, joined again: with a space, or with none after a wrapping hyphen."""
    return _WRAP_HYPHEN.sub("", text).replace("\n", " ") if "\n" in text else text


def continues(previous: str, line: str) -> bool:
    """Whether ``line`` carries on the phrase ``previous`` broke off (a comma, ``and``, a lower-case
    start that is not an address such as ``jane@example.com`` or ``www.example.com``)."""
    if _OPEN_END.search(previous):
        return True
    first = line.split(None, 1)[0] if line.strip() else ""
    return first[:1].islower() and not ("@" in first or "." in first.rstrip(".,;:") or first.startswith("http"))


def title_case(line: str) -> bool:
    """Most of the longer words capitalised, as headlines are set (``Reports First Quarter Results``)."""
    words = [word for word in _TITLE_WORD.findall(line) if len(word) >= 4]
    return bool(words) and sum(word[0].isupper() for word in words) >= TITLE_SHARE * len(words)


def wrapped_lines(lines: list[str]) -> bool:
    """Three or more lines in one style that all but the last fill about the same width: a
    headline hard-wrapped. (A line set in another case under a headline is a sub-headline.)"""
    if len(lines) < 3 or not all(map(title_case, lines)):
        return False
    widths = [len(line) for line in lines[:-1]]
    return min(widths) >= WRAP_LINE_MIN and max(widths) <= WRAP_WIDTH and (max(widths) - min(widths)) <= WRAP_BAND * max(widths)


def line_groups(lines: list[str], wrapped: bool) -> list[list[str]]:
    """Lines grouped as the writer meant them: all of a ``wrapped`` paragraph as one, else each
    line on its own unless it carries on the one before or the block is plainly hard-wrapped."""
    if wrapped or wrapped_lines(lines):
        return [lines]
    groups: list[list[str]] = []
    for line in lines:
        if groups and continues(groups[-1][-1], line):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def logical_lines(lines: list[str], wrapped: bool) -> list[str]:
    """``line_groups``, each group joined into one line."""
    return [one_line("\n".join(group)) for group in line_groups(lines, wrapped)]


def is_banner(line: str) -> bool:
    if len(line) > WRAP_WIDTH:
        return False
    if ("ditors" in line or "riters" in line) and EDITORS_RE.match(line):
        return True
    return bool(BANNER_RE.match(line))


def is_title(text: str) -> bool:
    """A short line that names what follows (``Condensed Consolidated Balance Sheets``,
    ``Use of Non-GAAP Measures``): no sentence, a capital first, few words."""
    if "\n" in text or len(text) > WRAP_WIDTH or not text[:1].isupper():
        return False
    if SENTENCE_END_RE.search(text) and not (text.endswith(":") or ABBREVIATION_RE.search(text)):
        return False
    words = text.split()
    return len(words) <= TITLE_MAX_WORDS and sum(word[:1].isupper() or not word[:1].isalpha() for word in words) * 2 > len(words)


def heading_kind(text: str) -> SectionKind | None:
    """``about`` or ``safe_harbor`` when the text is a heading on a line of its own."""
    if "\n" in text or len(text) > WRAP_WIDTH:
        return None
    if SAFE_HARBOR_HEADING_RE.match(text):
        return "safe_harbor"
    if ABOUT_RE.match(text) and not (SENTENCE_END_RE.search(text) and not ABBREVIATION_RE.search(text)):
        return "about"
    return None


def glued_about(text: str) -> int | None:
    """The length of an ``About X`` heading the copy glued to its paragraph (``About Tenpoint
    Therapeutics Tenpoint Therapeutics Ltd. is …``): the name is repeated right after it."""
    if not ABOUT_RE.match(text):
        return None
    words = list(_NON_SPACE.finditer(text[:200]))[1:]
    names = [_NON_WORD.sub("", word.group(0)).casefold() for word in words]
    for count in range(1, min(7, len(words))):
        if not all(word.group(0)[:1].isupper() or not word.group(0)[:1].isalpha() for word in words[:count]):
            return None
        if names[count] and names[count] == names[0] and names[count : count + count] == names[:count][: len(names[count : count + count])]:
            return words[count - 1].end()
    return None


def contact_heading(line: str) -> re.Match[str] | None:
    """A contact heading's match; a line with neither a colon nor a contact word is none, unsearched."""
    if ":" not in line and "ntact" not in line and "NTACT" not in line:
        return None  # most lines: a heading has a colon or the word contact (``Contacts``, ``Media Contact``)
    return CONTACT_RE.match(line)


def is_contact_heading(text: str) -> bool:
    """A paragraph that opens with a contact heading: a short line, or a long one only when the
    copy glued the contacts to it (an address or number follows)."""
    first = text.split("\n", 1)[0]
    match = contact_heading(first)
    if match is None:
        return False
    return len(first) <= CONTACT_LINE_MAX or (len(first) <= GLUED_CONTACT_MAX and bool(EMAIL_RE.search(first) or PHONE_RE.search(first)))


def ends_contact(line: str) -> bool:
    """Lines that close a contact block: a heading, an end mark, a trailer."""
    return bool(heading_kind(line) or END_MARK_RE.match(line) or SOURCE_RE.match(line) or TRAILER_RE.match(line))


def is_trailer(text: str) -> bool:
    if END_MARK_RE.match(text) or TRAILER_RE.match(text):
        return True
    return bool(SOURCE_RE.match(text)) and len(text) <= SOURCE_MAX
