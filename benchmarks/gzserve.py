"""A static file server that compresses like a typical static host (gzip, level 6) and caches nothing.

Used by the benchmark for page weight and Lighthouse: `python benchmarks/gzserve.py DIR PORT`.
Text types (HTML, CSS, JS, JSON, SVG, XML) are sent gzip-compressed when the client accepts it,
everything else as is; unknown paths get the site's 404.html with status 404, as on a static host.
"""

from __future__ import annotations

import gzip
import mimetypes
import sys
import threading
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml",
                "application/manifest+json")
mimetypes.add_type("application/javascript", ".js")
mimetypes.add_type("application/json", ".json")
mimetypes.add_type("application/manifest+json", ".webmanifest")


@lru_cache(maxsize=4096)
def _compressed(path: str, mtime_ns: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


def handler_for(root: Path):
    root = root.resolve()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # quiet
            pass

        def _resolve(self) -> tuple[Path | None, int]:
            rel = unquote(urlsplit(self.path).path).lstrip("/")
            target = (root / rel).resolve()
            if root not in target.parents and target != root:
                return None, 404
            if target.is_dir():
                if not self.path.split("?")[0].endswith("/"):
                    return target, 301
                target = target / "index.html"
            if target.is_file():
                return target, 200
            return (root / "404.html") if (root / "404.html").is_file() else None, 404

        def do_HEAD(self):
            self._serve(head=True)

        def do_GET(self):
            self._serve(head=False)

        def _serve(self, head: bool) -> None:
            target, status = self._resolve()
            if status == 301:
                self.send_response(301)
                self.send_header("Location", urlsplit(self.path).path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if target is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
                ctype += "; charset=utf-8"
            gz = ctype.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", "")
            body = _compressed(str(target), target.stat().st_mtime_ns) if gz else target.read_bytes()
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-cache")
            if gz:
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            if not head:
                self.wfile.write(body)

    return Handler


def serve(root: Path, port: int = 0) -> tuple[ThreadingHTTPServer, int]:
    """Start serving ``root`` in a background thread; returns (server, port)."""
    server = ThreadingHTTPServer(("127.0.0.1", port), handler_for(Path(root)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


if __name__ == "__main__":
    srv = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2])), handler_for(Path(sys.argv[1])))
    srv.daemon_threads = True
    srv.serve_forever()
