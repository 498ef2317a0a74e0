"""The address the site is published at (``site_url``), and the publishing build's refusal of a
placeholder one.

``mkdocs.yml`` reads ``site_url`` from the environment variable ``SITE_URL`` (``!ENV``), with the
placeholder ``https://rse.example.org/`` as default: the test builds, ``./dev check`` and
``./dev serve`` keep building with it. What is printed and scanned in a training room (QR codes,
printed addresses, the trainer's kit) and what search engines read (canonical and hreflang links,
sitemap) all come from ``site_url``, so ``./dev build`` -- the build that gets published --
refuses a placeholder domain (RFC 2606: example.org, .com, .net and their subdomains):

    python -m rse.siteurl [mkdocs.yml]    exit status 0, or 2 with one line saying what to do

Plain Python, no MkDocs import.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

from . import mkdocsyml

VARIABLE = "SITE_URL"
PLACEHOLDER_DOMAINS = ("example.org", "example.com", "example.net")
EXAMPLE = "SITE_URL=https://team.github.io/rse/ ./dev build"


def is_placeholder(url: str) -> bool:
    """True for an empty address or one on a reserved example domain (or a subdomain of one)."""
    host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    return not host or any(host == d or host.endswith("." + d) for d in PLACEHOLDER_DOMAINS)


_HOST = re.compile(r"(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?")
_PATH = re.compile(r"/(?:[A-Za-z0-9._~%-]+/)*")


def malformed(url: str) -> str | None:
    """What is wrong with ``url`` as the site's address, or None: the whole of it is checked, since it
    is printed into every page's links, QR codes and sitemap (a quote in it would end an attribute):
    http or https, a host name, an optional port, a path of plain characters ending with '/', nothing else."""
    if not url:
        return None  # no address: the builds print relative links and say so
    if any(c.isspace() or not c.isprintable() for c in url):
        return "an address with a space or an invisible character"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return f"an address starting with http:// or https://, not {parts.scheme or 'none'}:"
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        return "an address with a user name or password ('user@host')"
    try:
        port = parts.port
    except ValueError:
        return "a port that is not a number"
    host = parts.hostname or ""
    if not _HOST.fullmatch(host) or parts.netloc.lower() != host + (f":{port}" if port is not None else ""):
        return f"a host name of letters, digits, '-' and '.', not {parts.netloc!r}"
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        return "an address without '?' or '#'"
    if not _PATH.fullmatch(parts.path or "/"):
        return f"a path of folders of letters, digits, '.', '_', '~', '%' and '-', ending with '/', not {parts.path!r}"
    return None


def problem(url: str, command: str = "dev build") -> str | None:
    """The one-line refusal for a placeholder ``url``, or None when it is a real address."""
    if not is_placeholder(url):
        return None
    return (f"{command}: site_url is a placeholder ({url or 'empty'}): set {VARIABLE} to the address the site is "
            f"published at, e.g. {EXAMPLE} (QR codes, printed addresses, canonical and hreflang links use it)")


def configured(mkdocs_yml: Path) -> str:
    """The ``site_url`` a build of ``mkdocs_yml`` gets in this environment."""
    return str(mkdocsyml.read(mkdocs_yml).get("site_url") or "")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    config = Path(args[0]) if args else Path(__file__).resolve().parents[2] / "mkdocs.yml"
    url = configured(config)
    wrong = malformed(url)
    message = f"dev build: site_url {url!r} ({VARIABLE}): expected {wrong}" if wrong else problem(url)
    if message:
        print(message, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
