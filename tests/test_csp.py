"""The Content-Security-Policy of every page (issue 19, the second layer; rse.csp)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rse import csp

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def pages(site: Path) -> list[Path]:
    return sorted(p for p in Path(site).rglob("*.html"))


def test_every_page_has_one_policy_before_any_script_and_no_inline_allowance(built_site):
    found = pages(built_site)
    assert len(found) > 40
    for path in found:
        html = path.read_text(encoding="utf-8")
        policies = META.findall(html)
        assert len(policies) == 1, path
        assert html.index("Content-Security-Policy") < html.find("<script"), path
        script_src = next(part for part in policies[0].split("; ") if part.startswith("script-src"))
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, path
        assert not re.search(r"https?:|\*", policies[0]), path  # no other host, no wildcard
        # every inline script the page runs is allowed by its hash, and only those
        hashes = set(re.findall(r"'sha256-[^']+'", script_src))
        assert {csp.digest(s) for s in csp.inline_scripts(html)} == hashes, path


def test_the_theme_scripts_are_read_from_the_templates():
    patterns = csp.template_scripts(['<script>var a = new URL("{{ base_url }}", location)</script>',
                                     '<script src="x.js"></script><script type="application/json">{"a": 1}</script>'])
    assert len(patterns) == 1
    assert patterns[0].fullmatch('var a = new URL("../..", location)')
    assert not patterns[0].fullmatch('var a = new URL("", alert(1), "", location)')  # an expression prints an address only
    assert not patterns[0].fullmatch('var a = new URL("..", location);alert(1)')


def test_a_page_with_a_script_no_template_writes_is_refused():
    page = '<html><head><meta charset="utf-8"><script>alert(1)</script></head><body></body></html>'
    with pytest.raises(csp.UnknownScriptError, match="an inline script that no template of the theme writes"):
        csp.protect(page, csp.template_scripts(["<script>var ok = 1</script>"]))
    protected = csp.protect(page.replace("alert(1)", "var ok = 1"), csp.template_scripts(["<script>var ok = 1</script>"]))
    assert csp.digest("var ok = 1") in protected
