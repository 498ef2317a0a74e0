"""Every MkDocs, Material and mkdocs-static-i18n internal the adapter relies on is still there.

hooks/mkdocs_internals.py lists them with the versions they were checked against; an upgrade that
removes or renames one fails here, by name, instead of changing the site without a word."""

from __future__ import annotations

from importlib import metadata

import mkdocs_internals


def test_every_internal_the_adapter_uses_is_still_there():
    assert mkdocs_internals.problems() == []


def test_the_installed_versions_are_the_ones_checked():
    """A new version may keep every internal and still change behaviour: re-check
    ../shared/STACK-NOTES.md, then update CHECKED."""
    installed = {name: metadata.version(name) for name in mkdocs_internals.CHECKED}
    assert installed == mkdocs_internals.CHECKED


def test_a_removed_internal_is_reported_by_name(monkeypatch):
    broken = mkdocs_internals.Internal("mkdocs", "Page.gone", "a test", lambda: False)
    monkeypatch.setattr(mkdocs_internals, "INTERNALS", (broken,))
    [message] = mkdocs_internals.problems()
    assert message.startswith(f"mkdocs {metadata.version('mkdocs')} (checked against 1.6.1) no longer has Page.gone, needed for: a test.")


def test_the_adapter_reaches_no_internal_except_through_the_registry():
    """Internals named in the registry are used by mkdocs_internals.py only."""
    from pathlib import Path

    adapter = (Path(mkdocs_internals.__file__).parent / "rse_mkdocs.py").read_text(encoding="utf-8")
    for name in (".alternates", ".locale", "current_language", ".building", "i18n_alternates", "get_app", "set_app",
                 "error_handler", "present_anchor_ids", "_title_from_render", "search_index =", ".entries", "polyfills"):
        assert name not in adapter.replace("internals.current_language", "").replace("internals.", "internals_"), name
