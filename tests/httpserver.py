"""HTTP servers on 127.0.0.1 for the tests: a built site served as GitHub Pages serves it, or a
handler of the test's own (a WebSub hub)."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from http.server import (
    BaseHTTPRequestHandler,
    SimpleHTTPRequestHandler,
    ThreadingHTTPServer,
)
from pathlib import Path
from urllib.parse import urlsplit


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the site the way GitHub Pages does: also under site_url's path (``prefix``), where the
    404 page's absolute links point, and a missing address answered with 404.html."""

    prefix = "/"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        """Keep pytest's output for failures, not for every request."""

    def translate_path(self, path: str) -> str:
        if self.prefix != "/" and path.startswith(self.prefix):
            path = "/" + path[len(self.prefix) :]
        return super().translate_path(path)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def site_path(root: Path) -> str:
    """The path of the site's address (site_url), read from its sitemap: "/" when there is none."""
    sitemap = root / "sitemap.xml"
    found = re.search(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8")) if sitemap.is_file() else None
    return urlsplit(found.group(1)).path if found else "/"


@contextmanager
def serving(handler: Callable[..., BaseHTTPRequestHandler]) -> Iterator[str]:
    """A server of ``handler`` on a free port while the block runs; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="test-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def serve(root: Path) -> AbstractContextManager[str]:
    """``root`` served while the block runs (a context manager yielding its base URL)."""
    handler = type("_SiteHandler", (QuietHandler,), {"prefix": site_path(root)})
    return serving(functools.partial(handler, directory=str(root)))
