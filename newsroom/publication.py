"""When a release goes public: its embargo time, else its date at the default release time.

"Now" is ``SOURCE_DATE_EPOCH`` when set, so builds are reproducible and embargo is testable.
"""

from __future__ import annotations

import os
import time as clock
from datetime import datetime, time, timezone
from zoneinfo import ZoneInfo

from .model import Entry


def now() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch) if epoch else clock.time(), tz=timezone.utc)


def published_at(entry: Entry, default_time: time, zone: ZoneInfo) -> datetime:
    """The moment a release is public; a naive embargo time is read in ``zone``."""
    if entry.embargo is not None:
        return entry.embargo if entry.embargo.tzinfo else entry.embargo.replace(tzinfo=zone)
    return datetime.combine(entry.date, default_time, tzinfo=zone)
