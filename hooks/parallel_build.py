"""MkDocs hook: build the second language in a second process, at the same time as the first.

mkdocs-static-i18n builds the languages one after the other: the whole default-language build,
then, from its on_post_build, the English build in the same process. On a machine with two
cores, half of it waits. With ``RSE_PARALLEL=1`` in the environment (``./dev build`` sets it),
this hook forks at the end of the default-language on_nav (files listed, navigation built, no
page rendered yet) and the child runs the English build exactly as the i18n plugin would, while
the parent renders the French pages. The output is the same as a sequential build:

* the child is the i18n plugin's nested build (current language 'en', ``building`` set, site
  directory not cleaned), started from the same state: it knows the French files and pages, so
  the sitemap it writes lists both languages, as the sequential last build does;
* the parent keeps its own i18n post-build from starting the English build (``building`` set
  from the fork on), then, in its on_post_build (priority -150: after the i18n plugin's -100,
  before hooks/i18n_site.py's -200), waits for the child, adds the child's search entries after
  its own and lets the i18n plugin write the combined search index, as it does after its loop;
* theme templates written by both builds at the same path (sitemap.xml, 404.html): the
  parent's output is held back and written only if the child wrote none, so the last language
  wins, as in a sequential build (hooks/i18n_site.py sends the English 404 to en/404.html).

Only ``mkdocs build`` with exactly two languages to build is parallel; ``mkdocs serve``, a single
language and three or more languages stay sequential. A child that fails (an error, or warnings
under ``strict``) prints its messages and makes the build fail. Without RSE_PARALLEL the hook
does nothing.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import tempfile
import traceback

from mkdocs import utils
from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from rse import env

log = get_plugin_logger("parallel")

_command: str | None = None
_parent: dict | None = None  # in the parent, from the fork to the end of the build
_child: dict | None = None  # in the child


def _enabled() -> bool:
    return env.flag("RSE_PARALLEL") and hasattr(os, "fork")


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


@event_priority(-1000)
def on_nav(nav, config: MkDocsConfig, files):
    global _parent, _child
    i18n = config.plugins.get("i18n")
    if (not _enabled() or _command != "build" or i18n is None or i18n.building or _child is not None
            or i18n.current_language != i18n.default_language):
        return nav
    others = [lang for lang in i18n.build_languages if lang != i18n.current_language]
    if len(others) != 1:
        log.info(f"parallel build: {len(others) + 1} languages to build, building them one after the other")
        return nav
    lang = others[0]
    fd, result_path = tempfile.mkstemp(prefix=f"rse-parallel-{lang}-", suffix=".pickle")
    os.close(fd)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # child: becomes the nested build of the other language, then exits
        _child = {"written": set()}
        _run_child(config, i18n, lang, result_path)
    log.info(f"parallel build: building '{lang}' in process {pid}")
    i18n.building = True  # the i18n post-build of this process must not start the other build itself
    _parent = {"pid": pid, "lang": lang, "path": result_path, "held": {}}
    return nav


def _run_child(config: MkDocsConfig, i18n, lang: str, result_path: str) -> None:
    code = 1
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        utils.clean_directory = lambda directory: None  # as the i18n plugin does for its nested builds
        already = len(i18n.search_entries)
        i18n.current_language = lang
        i18n.building = True
        dirty = "--dirty" in sys.argv or "--dirtyreload" in sys.argv  # as the i18n plugin does
        build(config, dirty=dirty)
        with open(result_path, "wb") as out:
            pickle.dump({"search_entries": list(i18n.search_entries[already:]), "written": sorted(_child["written"])}, out)
        code = 0
    except SystemExit as exc:  # strict mode: mkdocs.exceptions.Abort
        print(f"parallel build: the '{lang}' build stopped: {exc}", file=sys.stderr)
    except BaseException:  # noqa: BLE001 - report everything, then exit the child
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


@event_priority(-1000)
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if _child is not None:
        if output.strip():
            _child["written"].add(template_name)
        return output
    if _parent is not None and template_name in config.theme.static_templates:
        _parent["held"][template_name] = output
        return ""  # written after the child, unless the child writes its own (see on_post_build)
    return output


@event_priority(-150)
def on_post_build(config: MkDocsConfig) -> None:
    global _parent
    if _parent is None or _child is not None:
        return
    state, _parent = _parent, None
    i18n = config.plugins.get("i18n")
    _, status = os.waitpid(state["pid"], 0)
    code = os.waitstatus_to_exitcode(status)
    result = None
    if code == 0:
        with open(state["path"], "rb") as data:
            result = pickle.load(data)
    os.unlink(state["path"])
    i18n.building = False
    if result is None:
        raise PluginError(f"parallel build: the '{state['lang']}' build failed (exit status {code}); its messages are above")
    # What mkdocs-static-i18n does after building the other languages: one index with every language.
    i18n.search_entries.extend(result["search_entries"])
    i18n.reconfigure_search_index(config)
    for name, output in state["held"].items():
        if name not in result["written"] and output.strip():
            path = os.path.join(config.site_dir, name)
            utils.write_file(output.encode("utf-8"), path)


def on_build_error(error: Exception) -> None:
    """The parent failed: stop the child, which would keep writing into the site directory."""
    global _parent
    if _parent is not None and _child is None:
        try:
            os.kill(_parent["pid"], signal.SIGTERM)
            os.waitpid(_parent["pid"], 0)
        except OSError:
            pass
        try:
            os.unlink(_parent["path"])
        except OSError:
            pass
        _parent = None
