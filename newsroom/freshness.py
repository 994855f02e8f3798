"""How old a product's facts are on a release's date: the fact box's wording, and the check
that warns when a release mentions a product whose catalogue entry has not been touched for long.

A fact box that says "Facts as of May 9, 2018" above facts last known in January 2017 states
stale facts as current; a box says "as of" only when the catalogue was current that day.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from .catalogue import Catalogue, Product
from .model import Entry, Finding, display_date

# Days after which a product's catalogue entry is stale for a release (the plugin's stale_facts_after).
STALE_FACTS_AFTER = 180


@dataclass(frozen=True)
class FactAge:
    """``current``: the facts were dated or reviewed on the day asked about, ``day``; otherwise
    ``day`` is when they were last updated."""

    current: bool
    day: date

    @property
    def wording(self) -> str:
        return "Facts as of" if self.current else "Facts last updated"


def fact_age(product: Product, day: date, shown: Callable[[date], bool] = lambda start: True) -> FactAge:
    """The age of ``product``'s facts as a release dated ``day`` shows them. Facts with no date
    (true whenever shown) are as of any day."""
    last = product.last_updated(day, shown)
    return FactAge(last is None or last == day, last or day)


def stale_findings(entries: Iterable[Entry], catalogue: Catalogue, after_days: int) -> list[Finding]:
    """A warning for each release that mentions a product whose entry was last updated more than
    ``after_days`` before it (0: never); a person should review the facts and date the review."""
    findings: list[Finding] = []
    if after_days <= 0:
        return findings
    for entry in entries:
        for product in (catalogue.get(product_id) for product_id in entry.products):
            last = product.last_updated(entry.date) if product is not None else None
            if product is None or last is None or (entry.date - last).days <= after_days:
                continue
            findings.append(
                Finding(
                    entry.path,
                    None,
                    "warning",
                    f"mentions {product.name} ({product.id}), whose facts in the catalogue were last updated on {display_date(last)}, "
                    f"{(entry.date - last).days} days before this release (more than {after_days}): check them, then add new dated "
                    f"values or a 'reviewed: {entry.date.isoformat()}' to the product (line {product.line})",
                )
            )
    return findings
