"""Every MkDocs, Material and mkdocs-static-i18n internal the adapter relies on, in one place.

The adapter (``hooks/rse_mkdocs.py``) reaches these through the functions below and nowhere
else. Each one is listed in ``INTERNALS`` with the version it was checked against and a check;
``tests/test_internals.py`` runs every check, so that an upgrade that removes or renames one
fails with a message saying which, instead of a build that silently changes. Not a hook
(``mkdocs.yml`` does not list it): the adapter imports it.

Public APIs (events, ``config``, ``page.meta``, ``page.url``, ``File.url``, ``nav.items``,
``previous_page``/``next_page``, Jinja templates and filters) are not listed.
"""

from __future__ import annotations

import inspect
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata

from mkdocs.exceptions import PluginError

CHECKED = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.2", "mkdocs-static-i18n": "1.3.1", "watchdog": "7.1.0"}


@dataclass(frozen=True)
class Internal:
    library: str
    what: str  # the internal, as the code uses it
    why: str  # what the adapter needs it for
    check: Callable[[], bool]


def _source_has(modules: str, *needles: str) -> Callable[[], bool]:
    """The source of the modules (comma-separated) has every needle."""
    def check() -> bool:
        text = "".join(inspect.getsource(__import__(name, fromlist=["_"])) for name in modules.split(","))
        return all(needle in text for needle in needles)
    return check


def _material_template_has(name: str, *needles: str) -> Callable[[], bool]:
    def check() -> bool:
        import material
        from pathlib import Path
        text = (Path(material.__file__).parent / "templates" / name).read_text(encoding="utf-8")
        return all(needle in text for needle in needles)
    return check


INTERNALS = (
    Internal("mkdocs-static-i18n", "I18n.current_language, .default_language, .building, .build_languages, "
             ".config.languages (locale, name, build)",
             "the language being built, the default one, whether this is a nested build",
             _source_has("mkdocs_static_i18n.plugin,mkdocs_static_i18n.reconfigure", "self.current_language =",
                         "self.building =", "def default_language", "def build_languages", "self.config.languages")),
    Internal("mkdocs-static-i18n", "File.alternates, File.locale (set on each localized file)",
             "hreflang, the language switcher, fallback copies of untranslated pages",
             _source_has("mkdocs_static_i18n.folder", "file.alternates =", "file.locale =")),
    Internal("mkdocs-static-i18n", "i18n_alternates in the sitemap.xml template context",
             "one sitemap listing every language's pages",
             _source_has("mkdocs_static_i18n.plugin", 'context["i18n_alternates"]')),
    Internal("mkdocs", "LiveReloadServer.get_app / set_app / error_handler / root",
             "`mkdocs serve` answers a missing /en/ address with /en/404.html",
             lambda: _source_has("mkdocs.livereload", "self.error_handler", "self.root =")()
             and all(hasattr(__import__("mkdocs.livereload", fromlist=["_"]).LiveReloadServer, name) for name in ("get_app", "set_app"))),
    Internal("watchdog", "LiveReloadServer.observer (a PollingObserver) and the _timeout of it and of its emitters",
             "`./dev serve` notices a saved file within 0.1 s instead of 0.5 s",
             lambda: _source_has("mkdocs.livereload", "self.observer = watchdog.observers.polling.PollingObserver(timeout=polling_interval)")()
             and _source_has("watchdog.observers.api", "self._timeout = timeout", "self.queue_events(self.timeout)")()),
    Internal("mkdocs-material", "base.html's <script id=\"__config\"> block (base, search worker search.<hash>.min.js)",
             "each language loads its own search index (rse.searchindex.patch_page_config)",
             _material_template_has("base.html", 'id="__config"', "{% block config %}")),
    Internal("mkdocs-material", "the offline plugin's config.enabled and its extra.polyfills iframe-worker entry",
             "the offline copy loads the shim shipped with the site, not unpkg.com",
             _source_has("material.plugins.offline.plugin", "iframe-worker", "config.extra[\"polyfills\"]")),
    Internal("mkdocs", "Theme.dirs (the theme's template folders, overrides/ first)",
             "the Content-Security-Policy allows the inline scripts the templates write (rse.csp)",
             _source_has("mkdocs.theme", "self.dirs =")),
    Internal("mkdocs-material", "base.html includes partials/javascripts/content.html (content tabs' inline script only)",
             "overrides/partials/javascripts/content.html leaves that script out (no content tabs on the site)",
             _material_template_has("base.html", '{% include "partials/javascripts/content.html" %}')),
    Internal("mkdocs", "LiveReloadServer._inject_js_into_html(content, epoch): '<script>...</script>' before '</body>'",
             "`./dev serve` allows its live-reload script by hash in the page's Content-Security-Policy",
             _source_has("mkdocs.livereload", "def _inject_js_into_html(self, content, epoch):",
                         'return b"%b<script>%b</script>%b" % (')),
    Internal("mkdocs", "`mkdocs serve` sets config.site_url to http://HOST:PORT/ (dev_addr) + the configured path before building",
             "the kit, the cards and the printed corners keep the public address (SITE_URL) in `./dev serve`",
             lambda: _source_has("mkdocs.commands.serve", "config.site_url = serve_url = _serve_url(host, port, mount_path)")()
             and _source_has("mkdocs.livereload", 'return f"http://{host}:{port}{_normalize_mount_path(path)}"')()),
    Internal("mkdocs-static-i18n", "the logger mkdocs.plugins.mkdocs_static_i18n.reconfigure",
             "quiet its dump of each language's configuration at every build",
             lambda: "mkdocs_static_i18n.reconfigure" in __import__("mkdocs_static_i18n.reconfigure", fromlist=["_"]).log.name),
)


# mkdocs-static-i18n logs each language's whole configuration at INFO at every build ("Overriding
# 'en' config 'theme.palette' with '[{...}]'"): quieted, its warnings still show.
I18N_CONFIG_LOGGER = "mkdocs.plugins.mkdocs_static_i18n.reconfigure"
logging.getLogger(I18N_CONFIG_LOGGER).setLevel(logging.WARNING)


def problems() -> list[str]:
    """One line per internal that the installed libraries no longer have."""
    out = []
    for item in INTERNALS:
        try:
            ok = item.check()
        except Exception as exc:  # noqa: BLE001 - any failure means the internal moved
            ok, item = False, Internal(item.library, f"{item.what} ({type(exc).__name__}: {exc})", item.why, item.check)
        if not ok:
            version = metadata.version(item.library)
            out.append(f"{item.library} {version} (checked against {CHECKED[item.library]}) no longer has {item.what}, "
                       f"needed for: {item.why}. Adapt hooks/mkdocs_internals.py and hooks/rse_mkdocs.py.")
    return out


# ---------------------------------------------------------------------------- accessors

def i18n(config):
    """The mkdocs-static-i18n plugin; a clear error when mkdocs.yml does not enable it."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise PluginError("rse: the mkdocs-static-i18n plugin ('i18n') must be enabled in mkdocs.yml")
    return plugin


def languages(plugin) -> tuple[str, dict[str, str], tuple[str, ...]]:
    """(default language, every configured language -> its name, the languages this run builds)."""
    configured = plugin.config.languages
    return (plugin.default_language, {lang.locale: lang.name for lang in configured},
            tuple(lang.locale for lang in configured if lang.build and lang.locale in plugin.build_languages))


def current_language(plugin) -> str:
    return plugin.current_language


def nested(plugin) -> bool:
    """True inside a language build that mkdocs-static-i18n runs from the first build's on_post_build."""
    return bool(getattr(plugin, "building", False))


def alternates(file) -> dict:
    """Language -> File of the same page (a default-language file where it is not translated)."""
    return dict(getattr(file, "alternates", None) or {})


def locale(file, default: str) -> str:
    """The language of a file's text."""
    return getattr(file, "locale", None) or default


def sitemap_alternates(context) -> dict:
    """Built language -> its files, as mkdocs-static-i18n gives them to sitemap.xml."""
    return context.get("i18n_alternates") or {}


def offline_enabled(config) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin is not None and plugin.config.enabled)


def use_local_iframe_worker(config, shim: str) -> None:
    """The offline plugin adds unpkg.com's iframe-worker to extra.polyfills: use ours instead."""
    polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
    config.extra["polyfills"] = [shim, *polyfills]


def answer_missing_with(server, page_for: Callable[[str], bytes | None]) -> None:
    """`mkdocs serve`: a 404 is answered with ``page_for(path)`` when it gives a page."""
    app, default_handler, request = server.get_app(), server.error_handler, threading.local()

    def remember_path(environ, start_response):
        request.path = environ.get("PATH_INFO", "/")  # each request is served by its own thread
        return app(environ, start_response)

    def error_handler(code: int):
        found = page_for(getattr(request, "path", "/")) if code == 404 else None
        return found if found is not None else default_handler(code)

    server.set_app(remember_path)
    server.error_handler = error_handler


def poll_every(server, seconds: float) -> None:
    """`mkdocs serve` looks for saved files every half second (the timeout of its PollingObserver;
    no option sets it): every ``seconds`` instead, for the folders watched before on_serve and after."""
    server.observer._timeout = seconds
    for emitter in server.observer.emitters:
        emitter._timeout = seconds


def template_dirs(config) -> list[str]:
    """The theme's template folders, in the order Jinja looks in them (overrides/ first)."""
    return list(config.theme.dirs)


def allow_injected_script(server, allow: Callable[[str, str], str]) -> None:
    """`mkdocs serve` adds an inline live-reload script to every page it serves (a new one each
    time): ``allow(page, script)`` gives the page that lets it run."""
    inject = server._inject_js_into_html

    def injected(content: bytes, epoch):
        out = inject(content, epoch)
        added = len(out) - len(content) - len(b"<script></script>")
        end = content.rfind(b"</body>")
        start = (end if end >= 0 else len(content)) + len(b"<script>")
        return allow(out.decode("utf-8"), out[start:start + added].decode("utf-8")).encode("utf-8")

    server._inject_js_into_html = injected


def served_locally(config) -> bool:
    """True in `mkdocs serve`, which replaces site_url with the local server's address
    (http://HOST:PORT/ + the configured site_url's path) before each build."""
    host, port = config.dev_addr
    return (config.site_url or "").startswith(f"http://{host}:{port}/")


def served_from(server) -> str:
    return server.root
