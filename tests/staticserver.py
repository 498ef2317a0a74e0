"""A small threaded static server for a built site, with the per-language 404 rule.

The rule is the site's own (hooks/rse/errorpages.py, documented for real hosts in DEPLOY.md):
a missing address under /en/ is answered with en/404.html, any other with 404.html, both
with status 404. Used by the browser tests and by the plain HTTP tests of the 404 pages.
"""

from __future__ import annotations

import contextlib
import functools
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from rse.errorpages import error_page

PREFIXES = {"en": "en/"}  # non-default languages and their folders, as in mkdocs.yml


class _Handler(SimpleHTTPRequestHandler):
    prefixes: dict[str, str] = PREFIXES
    cache_control = "no-store"

    def send_error(self, code, message=None, explain=None):
        if code == 404:
            page = Path(self.directory) / error_page(self.path, prefixes=self.prefixes)
            if page.is_file():
                body = page.read_bytes()
                self.send_response(404, message)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
                return
        super().send_error(code, message, explain)

    def end_headers(self):
        self.send_header("Cache-Control", self.cache_control)
        super().end_headers()

    def log_message(self, format, *args):  # keep test output quiet
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], ConnectionError):  # the browser went away mid-response
            return
        super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site: Path, *, host: str = "127.0.0.1", prefixes: dict[str, str] = PREFIXES,
          cache: bool = False) -> Iterator[str]:
    """Serve ``site`` on a free port for the duration of the block; yields the root URL.

    ``prefixes={}`` serves the root 404.html for every missing address, as GitHub Pages does.
    Answers are not to be stored (no-store), unless ``cache``: then a browser may keep them for
    the life of the server (the site does not change meanwhile), as a reader's browser does.
    """
    attributes = {"prefixes": dict(prefixes), "cache_control": "max-age=86400" if cache else "no-store"}
    handler = functools.partial(type("Handler", (_Handler,), attributes), directory=str(site))
    server = _Server((host, 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="rse-static-server", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
