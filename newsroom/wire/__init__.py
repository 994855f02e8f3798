"""Wire text → ``Release``.

Reads the plain text a newswire, an SEC exhibit or a republisher hands an IR team and splits it
into the parts of a release without changing a word. Pure functions, one module per job, in the
order ``release.parse_release`` calls them:

- ``text``: bytes → text; characters XML forbids are dropped with a warning, binary is refused.
- ``blocks``: runs of lines between blank lines and page breaks → paragraphs, lists, tables.
- ``head``: what stands above the dateline: header lines, headline, sub-headlines, a summary.
- ``dateline``, ``dates``, ``embargo``: the dateline's place, date and wire; embargo times.
- ``sections``, ``contacts``, ``lines``: the body, ``About …``, safe harbour, contacts, trailers.
- ``fields``: tickers, patents, e-mail addresses, phone numbers.

No MkDocs import.
"""

from .release import parse_file, parse_release
from .text import clean_text, decode

__all__ = ["clean_text", "decode", "parse_file", "parse_release"]
