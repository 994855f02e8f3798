"""What a release names: tickers, patents, e-mail addresses, phone numbers."""

from __future__ import annotations

import re

# A parenthesis that may hold tickers: ``(Nasdaq: CLRB)``, ``(NYSE: RMD, ASX: RMD)``.
TICKER_GROUP_RE = re.compile(r"\(([^()]{2,120})\)")
# The pieces of a parenthesis: listings are separated by commas, semicolons, ``and``, ``or``.
_TICKER_PARTS = re.compile(r"\s*(?:[,;]|\band\b|\bor\b)\s*")
# ``EXCHANGE: SYMBOL`` (several may stand in a row: ``ASX:NVO TSE:NVO``); what follows the
# symbol in its piece (``- News``, a web address) is not part of it.
TICKER_RE = re.compile(r"(?P<exchange>[A-Za-z][A-Za-z .\-]{0,30}?)\s*:\s*(?P<symbol>[A-Z0-9][A-Za-z0-9.\-]{0,9}?)(?=$|\s|-\s)")
# A symbol alone after a listing (``LEXX, LEXXW``, ``RCI.A and RCI.B``) is listed on the same exchange.
BARE_SYMBOL_RE = re.compile(r"^[A-Z][A-Z0-9]{0,5}(?:\.[A-Z])?$")
# Exchanges as wires name them (lower case); a parenthesis naming another word is not a ticker.
EXCHANGES = {
    "nasdaq",
    "nasdaqgs",
    "nasdaqgm",
    "nasdaqcm",
    "nasdaq gs",
    "nasdaq capital market",
    "nasdaq global market",
    "nasdaq global select market",
    "nyse",
    "nyse american",
    "nyse mkt",
    "nyse arca",
    "amex",
    "cboe",
    "cboe ca",
    "cboe canada",
    "cboe bzx",
    "otc",
    "otcqb",
    "otcqx",
    "otc pink",
    "otcpink",
    "otcpk",
    "otcbb",
    "otc markets",
    "otcmkts",
    "tsx",
    "tsxv",
    "tsx-v",
    "tsx venture",
    "tsx venture exchange",
    "cse",
    "cve",
    "neo",
    "asx",
    "lse",
    "aim",
    "aqse",
    "frankfurt",
    "fra",
    "fse",
    "fwb",
    "xetra",
    "six",
    "euronext",
    "euronext paris",
    "euronext brussels",
    "euronext amsterdam",
    "nasdaq stockholm",
    "nasdaq copenhagen",
    "nasdaq helsinki",
    "nasdaq first north",
    "oslo",
    "ose",
    "hkex",
    "sehk",
    "hkse",
    "sgx",
    "jse",
    "tase",
    "nzx",
    "bse",
    "nse",
    "tse",
    "tyo",
    "twse",
    "tpex",
    "krx",
    "kosdaq",
    "sse",
    "szse",
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
    r"|(?:\(\d{2,4}\)\s?|\d{2,4}[\s.\-])\d{3,4}[\s.\-]\d{3,4})(?!\d)"
)
# A bullet: a mark and a space, then the item (``•  Phase 2 …``, ``- Signed …``, ``* More …``).


def tickers_in(text: str) -> list[str]:
    """Every listing in parentheses, ``(Nasdaq: CLRB)``, ``(CSE: LOAN) (OTC: PNNRF)``,
    ``(Nasdaq: LEXX, LEXXW)``, ``(Nasdaq: BCRX - News)``, stored as ``EXCHANGE:SYMBOL`` with the
    exchange as first printed (``NASDAQ`` and later ``Nasdaq`` are one listing)."""
    found: list[str] = []
    if ":" not in text:
        return found
    for group in TICKER_GROUP_RE.finditer(text):
        if ":" not in group.group(1):
            continue
        exchange: str | None = None
        for part in _TICKER_PARTS.split(group.group(1).replace("\u00a0", " ")):
            listed = [match for match in TICKER_RE.finditer(part) if " ".join(match.group("exchange").lower().split()) in EXCHANGES]
            pairs = [(" ".join(match.group("exchange").split()), match.group("symbol")) for match in listed]
            if not pairs and exchange and BARE_SYMBOL_RE.match(part.strip()):
                pairs = [(exchange, part.strip())]
            for exchange, symbol in pairs:
                ticker = f"{exchange}:{symbol}"
                if ticker.casefold() not in map(str.casefold, found):
                    found.append(ticker)
            if not pairs and not BARE_SYMBOL_RE.match(part.strip()):
                exchange = None
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
