"""Bytes as received → clean text: encodings, line ends, characters XML forbids, binary refused."""

from __future__ import annotations

import codecs
import re

from ..model import XML_FORBIDDEN, Finding, ReleaseError

# What decoding drops: the characters XML forbids (and lone surrogates), except the form
# feed, which is a page break.
# One character class (no look-ahead), so the engine can scan for it quickly.
FORBIDDEN_RE = re.compile(XML_FORBIDDEN.pattern.replace("\f", "")[:-1] + "\ud800-\udfff]")


BINARY_SAMPLE = 65536


# Bytes that plain text does not hold (all below 0x20 except tab, line feed, form feed, return).
_CONTROL_BYTES = bytes(byte for byte in range(32) if byte not in (9, 10, 12, 13))
# A character of two to four bytes as UTF-8 writes it (the well-formed sequences of RFC 3629).
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def decode(data: bytes, path: str) -> tuple[str, list[Finding]]:
    """Bytes as received → text: UTF-8 with or without BOM, UTF-16 with its BOM, else each line
    that is not UTF-8 is read as Windows-1252 (so a file mixing the two keeps every character).
    Binary files are refused."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return clean_text(data.decode("utf-16"), path)
        except UnicodeDecodeError:
            raise ReleaseError(path, None, "unreadable bytes: the file starts like UTF-16 but is not") from None
    if not data.strip():
        raise ReleaseError(path, None, "the file is empty: a release needs a headline, a date and a body")
    sample = data[:BINARY_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > max(8, len(sample) // 100):
        raise ReleaseError(path, None, "the file is binary, not the plain text of a release")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        lines = data.split(b"\n")
        text = "\n".join(_decode_line(raw, path, number) for number, raw in enumerate(lines, start=1))
        mixed = [finding for number, raw in enumerate(lines, start=1) if (finding := _mixed(raw, path, number))]
        cleaned, dropped = clean_text(text, path)
        return cleaned, sorted(mixed + dropped, key=lambda finding: finding.line or 0)
    return clean_text(text, path)


def _decode_line(raw: bytes, path: str, number: int) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ReleaseError(path, number, f"unreadable bytes: neither UTF-8 nor Windows-1252 (byte 0x{raw[exc.start]:02x})") from None


def _mixed(raw: bytes, path: str, number: int) -> Finding | None:
    """A warning for a line read as Windows-1252 that also holds UTF-8 (text pasted from two
    sources): published as read, the UTF-8 part shows garbled, so the IR team must hear of it."""
    sequence = _UTF8_SEQUENCE.search(raw)
    if sequence is None:
        return None
    try:
        raw.decode("utf-8")
        return None  # the line is UTF-8 and was read as such
    except UnicodeDecodeError:
        pass
    meant, shown = sequence.group().decode("utf-8"), sequence.group().decode("cp1252", errors="replace")
    return Finding(
        path, number, "warning",
        f"this line mixes UTF-8 and Windows-1252 bytes and is read as Windows-1252, so {meant!r} shows as {shown!r}: save the file in one encoding",
    )


# The forbidden characters that are ASCII, for a byte-wise look at the text.
_FORBIDDEN_ASCII = bytes(byte for byte in range(128) if FORBIDDEN_RE.match(chr(byte)))
# The others but lone surrogates (which UTF-8 cannot encode), as UTF-8 writes them: U+FFFE, U+FFFF.
_FORBIDDEN_OTHERS = tuple(character.encode() for character in "\ufffe\uffff")


def _has_forbidden(text: str) -> bool:
    """Whether FORBIDDEN_RE finds anything, looked at in the text's UTF-8 a byte at a time in C,
    six times faster than the pattern's search: no byte of a character beyond ASCII is below 0x80,
    and a sequence of UTF-8 is found only where it stands for its character."""
    try:
        encoded = text.encode()
    except UnicodeEncodeError:
        return True  # a lone surrogate
    return len(encoded.translate(None, _FORBIDDEN_ASCII)) != len(encoded) or any(other in encoded for other in _FORBIDDEN_OTHERS)


def clean_text(text: str, path: str) -> tuple[str, list[Finding]]:
    """Unix line ends, no byte-order mark, and no character XML forbids: each drop is a warning,
    so pages and feeds stay valid and the IR team hears about it."""
    text = text.lstrip("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not _has_forbidden(text):
        return text, []
    findings: list[Finding] = []
    for number, line in enumerate(text.split("\n"), start=1):
        dropped = FORBIDDEN_RE.findall(line)
        if dropped:
            names = ", ".join(sorted({f"U+{ord(c):04X}" for c in dropped}))
            findings.append(Finding(path, number, "warning", f"dropped {len(dropped)} control character(s) ({names})"))
    return FORBIDDEN_RE.sub("", text), findings
