"""A Content-Security-Policy on every page: the second layer, after the sanitizer (rse.sanitize).

A static host sets no headers, so the policy is a ``<meta http-equiv>`` at the top of ``<head>``.
It lets a page load scripts, styles, images and data from the site itself only, run no inline
script but the theme's own, each allowed by its SHA-256 hash, and nothing from any other host.
No inline event handler, no ``javascript:`` address, no ``eval``: whatever a page's body might
hide, the browser refuses to run it.

Which inline scripts are the theme's is computed at each build from the templates themselves
(Material's and ``overrides/``): every ``<script>`` written in a template, its Jinja expressions
(``{{ base_url }}``) standing for an address's characters only. A script in a finished page that
matches none of them is not hashed: the build stops, naming the page (``UnknownScriptError``). So a
policy cannot bless a script that contributor text slipped into a page. No MkDocs import.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

# Everything from the page's own origin only (default-src: fetches, workers, frames, fonts), scripts
# besides by hash, images also inlined by Material's stylesheet (data:); short, as every page carries it.
_POLICY = ("default-src 'self'", "script-src 'self'{hashes}", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
           "font-src 'self' data:", "object-src 'none'", "base-uri 'self'", "form-action 'self'")
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_SRC = re.compile(r"\ssrc\s*=", re.I)
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.I)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
_JINJA_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
_JINJA_OTHER = re.compile(r"\{#.*?#\}|\{%.*?%\}", re.S)
_ADDRESS = r"[A-Za-z0-9_./:#?=&%~+-]*"  # what a template expression inside a theme script may print: an address
_ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">.*</article>', re.S)
META_TAG = '<meta http-equiv="Content-Security-Policy" content="{policy}">'


class UnknownScriptError(Exception):
    """An inline script in a finished page that no template writes."""


def _executable(attributes: str) -> bool:
    if _SRC.search(attributes):
        return False
    kind = _TYPE.search(attributes)
    return (kind.group(1).lower() if kind else "") in _JS_TYPES


def template_scripts(templates: Iterable[str]) -> list[re.Pattern]:
    """One pattern per inline script written in the templates' text: the script as written, its
    Jinja expressions standing for an address, its whitespace for any whitespace."""
    patterns: dict[str, re.Pattern] = {}
    for text in templates:
        if "<script" not in text:
            continue
        for match in _SCRIPT.finditer(_JINJA_OTHER.sub("", text)):
            if not _executable(match.group(1)) or not match.group(2).strip():
                continue
            body = match.group(2).strip()
            literal = _JINJA_EXPRESSION.split(body)
            pattern = _ADDRESS.join(r"\s+".join(re.escape(part) for part in piece.split()) if piece.strip() else ""
                                    for piece in literal)
            patterns.setdefault(pattern, re.compile(r"\s*" + pattern + r"\s*", re.S))
    return list(patterns.values())


def digest(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(scripts: Iterable[str]) -> str:
    """The policy allowing these inline scripts (their exact text) and nothing else inline."""
    hashes = "".join(" " + h for h in dict.fromkeys(digest(s) for s in scripts))
    return "; ".join(part.format(hashes=hashes) for part in _POLICY)


def meta(scripts: Iterable[str]) -> str:
    return META_TAG.format(policy=policy(scripts))


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script of a page that runs, outside its article (the sanitized body,
    which holds none: the sanitizer keeps no script element)."""
    article = _ARTICLE.search(html)
    outside = html if article is None else html[: article.start()] + html[article.end():]
    return [m.group(2) for m in _SCRIPT.finditer(outside) if _executable(m.group(1))]


def protect(html: str, known: list[re.Pattern]) -> str:
    """The page with its policy as the first element of its <head> after the charset. Raises
    UnknownScriptError for an inline script that no template writes."""
    scripts = inline_scripts(html)
    for script in scripts:
        if not any(p.fullmatch(script) for p in known):
            shown = " ".join(script.split())[:80]
            raise UnknownScriptError(f"an inline script that no template of the theme writes ('{shown}...'): the "
                                "Content-Security-Policy allows only the theme's; a script belongs in overrides/, reviewed as code")
    tag = meta(scripts)
    charset = html.find('<meta charset="utf-8">')
    if charset >= 0:
        at = charset + len('<meta charset="utf-8">')
    else:
        head = html.find("<head>")
        if head < 0:
            raise UnknownScriptError("a page without <head>: no place for its Content-Security-Policy")
        at = head + len("<head>")
    return html[:at] + tag + html[at:]


def allow_script(html: str, script: str) -> str:
    """The page with one more inline script allowed (`mkdocs serve`'s live-reload script)."""
    return html.replace("script-src 'self'", f"script-src 'self' {digest(script)}", 1)
