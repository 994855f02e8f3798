"""Which extractor reads a wire's release page as the page shows it? Measured on tests/fixtures/import.

    python bench/import_extractors.py      (needs: pip install trafilatura readability-lxml selectolax)

For each saved page, each candidate's text is compared with the page's expected release text
(tests/fixtures/import/NAME.expected.txt, without its leading date line): exact equality, and the
share of characters in the same order (difflib). Candidates: trafilatura (text with tables),
readability-lxml (its article HTML, read into text by newsroom.importer.html_text), selectolax (the
text of the wire's body container, no rules beyond it), and newsroom's own (lxml + per-wire rules).
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

from lxml import html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsroom.importer.fetch import fetch  # noqa: E402
from newsroom.importer.html_text import blocks_of  # noqa: E402
from newsroom.importer.run import document_of  # noqa: E402
from newsroom.importer.wires import extract, wire_of  # noqa: E402

PAGES = ROOT / "tests" / "fixtures" / "import"
ZONE = ZoneInfo("America/New_York")


def _decoded(path: Path) -> str:
    return html.tostring(document_of(fetch(str(path))), encoding="unicode")


def newsroom_rules(path: Path) -> str:
    fetched = fetch(str(path))
    return "\n\n".join(extract(document_of(fetched), fetched.location, ZONE).blocks)


def trafilatura_text(path: Path) -> str:
    import trafilatura

    return trafilatura.extract(_decoded(path), include_tables=True, include_comments=False, favor_precision=True) or ""


def readability_text(path: Path) -> str:
    from readability import Document

    document = Document(_decoded(path))
    return "\n\n".join([document.short_title(), *blocks_of(html.fromstring(document.summary(html_partial=True)))])


def selectolax_text(path: Path) -> str:
    from selectolax.lexbor import LexborHTMLParser

    fetched = fetch(str(path))
    wire = wire_of(document_of(fetched), fetched.location)
    tree = LexborHTMLParser(_decoded(path))
    css = {"GlobeNewswire": "#main-body-container", "Business Wire": ".bw-release-story", "PR Newswire": "section.release-body",
           "ACCESS Newswire": "#articlebody", "SEC EDGAR": "body"}[wire.name]
    node = tree.css_first(css)
    return node.text(separator="\n", strip=True) if node else ""


CANDIDATES: dict[str, Callable[[Path], str]] = {
    "trafilatura": trafilatura_text,
    "readability-lxml": readability_text,
    "selectolax": selectolax_text,
    "newsroom (lxml + wire rules)": newsroom_rules,
}


def main() -> None:
    pages = sorted(path for path in PAGES.iterdir() if path.suffix in (".html", ".htm"))
    print(f"{'extractor':30} {'exact':>7} {'similarity':>11}  per page")
    for name, candidate in CANDIDATES.items():
        exact, ratios, notes = 0, [], []
        for page in pages:
            want = (PAGES / f"{page.stem}.expected.txt").read_text(encoding="utf-8").split("\n\n", 1)[1].strip()
            try:
                got = candidate(page).strip()
            except Exception as exc:  # noqa: BLE001 - a candidate's failure is a result here
                got, notes = "", [*notes, f"{page.name}: {type(exc).__name__}"]
            ratio = difflib.SequenceMatcher(None, want, got, autojunk=False).ratio()
            exact += got == want
            ratios.append(ratio)
            notes.append(f"{page.stem}={ratio:.2f}")
        print(f"{name:30} {exact:>3}/{len(pages):<3} {sum(ratios) / len(ratios):>11.3f}  {' '.join(notes)}")


if __name__ == "__main__":
    main()
