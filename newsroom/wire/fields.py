"""What a release names: tickers, patents, e-mail addresses, phone numbers."""

from __future__ import annotations

import re

# A parenthesis that may hold tickers: ``(Nasdaq: CLRB)``, ``(NYSE: RMD, ASX: RMD)``.
TICKER_GROUP_RE = re.compile(r"\(([^()]{2,80})\)")
# One ``EXCHANGE: SYMBOL`` in it.
TICKER_RE = re.compile(r"^\s*(?P<exchange>[A-Za-z][A-Za-z .\-]{0,30}?)\s*:\s*(?P<symbol>[A-Z0-9][A-Z0-9.\-]{0,9})\s*$")
# Exchanges as wires name them (lower case); a parenthesis naming another word is not a ticker.
EXCHANGES = {
    "nasdaq",
    "nasdaqgs",
    "nasdaqgm",
    "nasdaqcm",
    "nasdaq capital market",
    "nasdaq global market",
    "nasdaq global select market",
    "nyse",
    "nyse american",
    "nyse mkt",
    "nyse arca",
    "amex",
    "otc",
    "otcqb",
    "otcqx",
    "otc pink",
    "otcpink",
    "otcbb",
    "tsx",
    "tsxv",
    "tsx-v",
    "tsx venture",
    "cse",
    "asx",
    "lse",
    "aim",
    "frankfurt",
    "fse",
    "fwb",
    "xetra",
    "six",
    "euronext",
    "nasdaq stockholm",
    "nasdaq copenhagen",
    "nasdaq helsinki",
    "oslo",
    "ose",
    "hkex",
    "sgx",
    "jse",
    "tase",
    "nzx",
    "bse",
    "nse",
}
# ``patent number 9,550,002``, ``Patent Nos. 9,550,002 and 9,603,954``, ``RE46,123``.
PATENT_RE = re.compile(
    r"\b[Pp]atents?\s+(?:[Nn]umbers?|[Nn]os?\.|#)?\s*(?P<first>(?:US\s?)?\d{1,2},\d{3},\d{3}|RE\d{2},\d{3})"
    r"(?P<rest>(?:\s*(?:,|and|&)\s*(?:US\s?)?\d{1,2},\d{3},\d{3})*)"
)
PATENT_NUMBER_RE = re.compile(r"\d{1,2},\d{3},\d{3}|RE\d{2},\d{3}")
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
# A telephone number: international (``+47 22 00 00 00``, ``+1 858 555 0175``) or North
# American (``917-885-7378``, ``(646) 555-0190``).
PHONE_RE = re.compile(
    r"(?<![\w.+])(?:\+\d{1,3}(?:[\s.\-]?\(?\d{1,4}\)?){2,5}"
    r"|(?:\(\d{2,4}\)\s?|\d{2,4}[\s.\-])\d{3,4}[\s.\-]\d{3,4})(?![\w])"
)
# A bullet: a mark and a space, then the item (``•  Phase 2 …``, ``- Signed …``, ``* More …``).


def tickers_in(text: str) -> list[str]:
    """Every ``(EXCHANGE: SYMBOL)`` notation, stored as ``EXCHANGE:SYMBOL`` with the exchange as printed."""
    found: list[str] = []
    for group in TICKER_GROUP_RE.finditer(text):
        for part in group.group(1).split(","):
            match = TICKER_RE.match(part.replace("\u00a0", " "))
            if match and " ".join(match.group("exchange").lower().split()) in EXCHANGES:
                ticker = f"{' '.join(match.group('exchange').split())}:{match.group('symbol')}"
                if ticker not in found:
                    found.append(ticker)
    return found


def emails_in(text: str) -> list[str]:
    """Every e-mail address, searched for only on the lines with an ``@`` (a whole-text search
    tries an address at every letter)."""
    if "@" not in text:
        return []
    return EMAIL_RE.findall("\n".join(line for line in text.split("\n") if "@" in line))


def patents_in(text: str) -> list[str]:
    found: list[str] = []
    if "atent" not in text:  # neither "patent" nor "Patent": skip the slower search
        return found
    for match in PATENT_RE.finditer(text):
        for number in PATENT_NUMBER_RE.findall(match.group(0)):
            if number not in found:
                found.append(number)
    return found


def unique(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))
