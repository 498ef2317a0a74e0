"""Which 404 page answers a missing address: the one of the language the address is under.

The same rule is used by ``./dev serve`` (hooks/rse_mkdocs.py), by the tests' static server and
described for real hosts in DEPLOY.md: a path under ``/en/`` gets ``/en/404.html``, any other
path gets the default language's ``/404.html``.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit


def language_of_path(path: str, *, prefixes: dict[str, str], mount: str = "/") -> str | None:
    """The non-default language whose folder holds ``path`` ('/en/x/' -> 'en'), else None.

    ``prefixes`` maps each non-default language to its folder ('en/'); ``mount`` is the path
    the site is served under (the path of ``site_url``).
    """
    path = unquote(urlsplit(path).path)
    mount = "/" + mount.strip("/") + "/" if mount.strip("/") else "/"
    if not path.startswith(mount):
        return None
    rel = path[len(mount):]
    for lang, prefix in prefixes.items():
        folder = prefix.strip("/")
        if rel == folder or rel.startswith(folder + "/"):
            return lang
    return None


def error_page(path: str, *, prefixes: dict[str, str], mount: str = "/") -> str:
    """Site-relative file of the 404 page for a missing ``path``: '404.html' or 'en/404.html'."""
    lang = language_of_path(path, prefixes=prefixes, mount=mount)
    return f"{prefixes[lang].strip('/')}/404.html" if lang else "404.html"
