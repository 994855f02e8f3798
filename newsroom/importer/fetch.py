"""Reading a source: a local file, or an http(s) URL through urllib with a timeout and a size cap."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from urllib.parse import urlsplit

from .page import Fetched, ImportFailure

TIMEOUT = 20.0  # seconds per request: a scheduled import must not hang
MAX_BYTES = 20 * 1024 * 1024  # a release page is far smaller; more is not a release
# Who asks. SEC EDGAR answers only requests that name a company and a contact address
# ("Acme Corp ir@acme.example"): give one with --user-agent for exhibits on sec.gov.
USER_AGENT = "mkdocs-newsroom-import/1 (+https://github.com/cellectar/newsroom)"


def is_url(source: str) -> bool:
    return urlsplit(source).scheme in ("http", "https")


@dataclass(frozen=True)
class Client:
    """How sources are fetched: seconds to wait for an answer, the User-Agent sent."""

    timeout: float = TIMEOUT
    user_agent: str = USER_AGENT


DEFAULT_CLIENT = Client()


def fetch(source: str, client: Client = DEFAULT_CLIENT) -> Fetched:
    """The bytes of ``source`` (a path or an http(s) URL); ImportFailure says why not."""
    timeout = client.timeout
    if not is_url(source):
        path = Path(source)
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise ImportFailure(f"{source}: cannot read the file: {exc.strerror}") from None
        _check_size(source, data)
        return Fetched(data, str(path))
    request = urllib.request.Request(source, headers={"User-Agent": client.user_agent, "Accept": "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, */*;q=0.5"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) only, checked above
            data = response.read(MAX_BYTES + 1)
            headers: Message = response.headers
            final = response.geturl()
    except urllib.error.HTTPError as exc:
        raise ImportFailure(f"{source}: the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason.strerror if isinstance(exc.reason, OSError) and exc.reason.strerror else exc.reason
        raise ImportFailure(f"{source}: cannot connect ({reason}); check the address and that this machine is online") from None
    except (TimeoutError, socket.timeout):
        raise ImportFailure(f"{source}: no answer within {timeout:g} seconds") from None
    except (OSError, ValueError) as exc:
        raise ImportFailure(f"{source}: cannot fetch: {exc}") from None
    _check_size(source, data)
    return Fetched(data, final, headers.get_content_type(), headers.get_content_charset())


def _check_size(source: str, data: bytes) -> None:
    if len(data) > MAX_BYTES:
        raise ImportFailure(f"{source}: larger than {MAX_BYTES // (1024 * 1024)} MB; not a release page or feed")
