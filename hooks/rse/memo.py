"""Results computed from a file's text, kept while that text is unchanged.

One build of the site runs once per language, and ``mkdocs serve`` rebuilds everything at each
save; without this, every page's front matter would be parsed and validated again each time
(twice per build, and once more for the TODO scan). A ``FileMemo`` keeps, per (purpose, file), a
digest of the text it was computed from and the result (or the ContentError raised); a lookup
with the same text returns it, any other text recomputes. ``forget_others`` drops files that
disappeared, so the memo holds at most one entry per purpose and file of the current docs: it
does not grow with rebuilds.

``load`` and ``save`` keep it on disk between builds (``.cache/`` of the project): an entry is
reused only if the engine's code, the schema and the libraries that produced it are the same
(``fingerprint``), and, as in memory, only for the same text.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import platform
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from .env import flag
from .errors import ContentError

T = TypeVar("T")
ENGINE = Path(__file__).resolve().parent
SCHEMA = ENGINE.parents[1] / "schema" / "page.schema.json"


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


@lru_cache(maxsize=8)
def fingerprint(*libraries: str) -> str:
    """What cached results depend on besides the page text: this engine's code, the schema and
    the versions of Python, PyYAML and jsonschema; and of ``libraries``, the distributions whose
    code made the results of a cache of another tool's output (Material's search entries, say)."""
    h = hashlib.sha256(_engine_digest())
    for dist in ("PyYAML", "jsonschema", *libraries):
        h.update(_version(dist).encode())
    h.update(platform.python_version().encode())
    return h.hexdigest()


@lru_cache(maxsize=1)
def _engine_digest() -> bytes:
    """The engine's code and the schema, read once per process (every cache's fingerprint starts with it)."""
    h = hashlib.sha256()
    for path in sorted(ENGINE.rglob("*.py")) + [SCHEMA]:
        if path.is_file():
            name = path.relative_to(ENGINE.parents[1]).as_posix()  # not where the project is: a moved checkout keeps its cache
            h.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.digest()


@lru_cache(maxsize=None)
def _version(dist: str) -> str:
    """'name=version', '' if not installed (importlib.metadata searches the whole path at each call)."""
    try:
        return f"{dist}={metadata.version(dist)}"
    except metadata.PackageNotFoundError:
        return ""


class FileMemo:
    """``transient``: purposes kept in memory only, not written by ``save`` (results that are
    only needed to compute others, and cheap to compute again)."""

    def __init__(self, transient: tuple[str, ...] = ()) -> None:
        self._entries: dict[tuple[str, str], tuple[bytes, bool, object]] = {}
        self._changed = False
        self._transient = frozenset(transient)

    def get(self, purpose: str, file: str, text: str, compute: Callable[[], T]) -> T:
        key, digest = (purpose, file), _digest(text)
        hit = self._entries.get(key)
        if hit is None or hit[0] != digest:
            try:
                hit = (digest, True, compute())
            except ContentError as exc:
                hit = (digest, False, list(exc.problems))
            self._entries[key] = hit
            self._changed = True
        if not hit[1]:
            raise ContentError(hit[2])  # type: ignore[arg-type]
        return hit[2]  # type: ignore[return-value]

    def forget_others(self, purpose: str, files: Iterable[str]) -> None:
        keep = set(files)
        for key in [k for k in self._entries if k[0] == purpose and k[1] not in keep]:
            del self._entries[key]
            self._changed = True

    def __len__(self) -> int:
        return len(self._entries)

    def load(self, path: Path, print_: str) -> None:
        """Add the entries saved in ``path`` by a build with the same fingerprint (if any)."""
        collecting = gc.isenabled()
        gc.disable()  # unpickling makes many objects at once: the collector would walk the whole build's heap again and again
        try:
            with open(path, "rb") as data:
                saved_print, entries = pickle.load(data)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
            return
        finally:
            if collecting:
                gc.enable()
        if saved_print == print_ and isinstance(entries, dict):
            for key, value in entries.items():
                self._entries.setdefault(key, value)

    def save(self, path: Path, print_: str) -> None:
        """Write the entries to ``path`` if they changed since the last load or save."""
        if not self._changed:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}")
            with open(tmp, "wb") as out:
                kept = {key: value for key, value in self._entries.items() if key[0] not in self._transient}
                pickle.dump((print_, kept), out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            self._changed = False
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            pass


class StoredMemos:
    """FileMemos of one purpose kept between builds, one file per language build
    (``<folder>/<prefix>-<language>[-files].pickle``).

    For results that each language build computes on its own: ``./dev build`` builds the two
    languages in two processes, so each saves its own file at the end of its build; the offline
    copy (file names instead of directory addresses, built after the site by ./dev build) has
    files of its own, so that the two do not replace each other's entries at every build. A memo
    is loaded from its file once per process, then lives in memory (``mkdocs serve`` rebuilds).
    ``begin`` starts a build (builds nest: mkdocs-static-i18n runs the English build inside the
    French build's last event) and returns the memo and the list where the build notes the files
    it used; ``end`` finishes the last build begun: drops the entries of files it did not use
    and saves. ``folder=None`` keeps memos in memory only (RSE_NO_CACHE)."""

    def __init__(self, purpose: str, prefix: str, print_: Callable[[], str]) -> None:
        self.purpose, self.prefix, self._print = purpose, prefix, print_
        self._memos: dict[str, FileMemo] = {}
        self._loaded: set[Path] = set()
        self._builds: list[tuple[Path | None, str, list[str]]] = []

    def begin(self, folder: Path | None, lang: str, directory_urls: bool = True) -> tuple[FileMemo, list[str]]:
        name = (lang or "site") + ("" if directory_urls else "-files")
        memo = self._memos.setdefault(name, FileMemo())
        path = folder / f"{self.prefix}-{name}.pickle" if folder is not None else None
        if path is not None and path not in self._loaded:
            self._loaded.add(path)
            memo.load(path, self._print())
        used: list[str] = []
        self._builds.append((path, name, used))
        return memo, used

    def end(self) -> None:
        if not self._builds:
            return
        path, name, used = self._builds.pop()
        memo = self._memos[name]
        memo.forget_others(self.purpose, used)
        if path is not None:
            memo.save(path, self._print())

    def abandon(self) -> None:
        """A build failed: it will not reach ``end``."""
        self._builds.clear()


def project_root(config_file: str | None, docs_dir: str) -> Path:
    """The folder of mkdocs.yml (that of docs/ when the configuration has no file)."""
    return Path(config_file).parent if config_file else Path(docs_dir).parent


def cache_folder(root: Path) -> Path | None:
    """``.cache/`` of the project, or None with RSE_NO_CACHE set (every build starts cold)."""
    return None if flag("RSE_NO_CACHE") else root / ".cache"
