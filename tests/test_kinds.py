"""The tables of page kinds (hooks/rse/kinds.py) and markers (hooks/rse/markers.py) are the one
place kinds and markers are declared: every other piece (schema, templates, strings, renderers,
assets) is compared with them here, and README's recipe for a new kind and marker is followed on a
throwaway kind, built in a copy of the project."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap


from rse import assets, kinds, markers, render, scaffold, yamlfile
from sitebuild import ROOT, sample_project


def _schema() -> dict:
    return json.loads((ROOT / "schema/page.schema.json").read_text(encoding="utf-8"))


def test_the_schema_knows_the_same_kinds_in_the_same_order():
    assert tuple(_schema()["properties"]["kind"]["enum"]) == kinds.NAMES


def test_markers_and_scaffold_read_the_registry():
    assert markers.required_for("trainer", False) == set(kinds.of("trainer").markers)
    assert markers.required_for("contrast", True) == {"claims", "questions", "signs", "relations", "workshop"}
    assert scaffold.FOLDERS == {"contrast": "contrastes", "approach": "approches", "pillar": "piliers"}
    assert scaffold.CLAIMS["contrast"] == ("personal", "enterprise")


def test_every_marker_a_kind_requires_is_a_known_marker():
    for kind in kinds.REGISTRY:
        for name in kind.markers:
            assert markers.known(name), f"kinds.py: kind '{kind.name}' requires unknown marker 'rse:{name}'"


def test_every_marker_row_has_its_renderer_and_template():
    for row in markers.MARKERS:
        assert (ROOT / "overrides/rse" / row.template).is_file(), f"markers.py: '{row.name}' names missing template {row.template}"
        if row.render:
            assert callable(getattr(render, row.render, None)), f"markers.py: '{row.name}' names missing renderer render.{row.render}"
        assert row.needs in (*markers.NEEDS, ""), f"markers.py: '{row.name}' needs unknown data {row.needs!r}"


def test_every_template_is_named_by_a_marker_or_a_renderer():
    named = {row.template for row in markers.MARKERS}
    source = (ROOT / "hooks/rse/render.py").read_text(encoding="utf-8")
    named |= set(re.findall(r'"([a-z_]+\.html)"', source))
    templates = {p.name for p in (ROOT / "overrides/rse").glob("*.html") if not p.name.startswith("_")}
    assert templates <= named, f"templates no marker or renderer uses: {sorted(templates - named)}"


def test_every_string_a_kind_prints_is_in_every_language():
    ui = yamlfile.load((ROOT / "hooks/rse/ui.yml").read_text(encoding="utf-8"))
    assert kinds.missing_strings(ui) == []
    assert set(kinds.of("pillar").ui_keys()) >= {"relations.answers", "relations.addresses", "cards.kind.pillar", "claim.pillar"}
    assert "diag.kind.contrast" in kinds.of("contrast").ui_keys() and "side.enterprise" in kinds.of("contrast").ui_keys()


def test_a_kind_without_its_strings_is_a_located_problem():
    ui = {"fr": {"list.kind.contrast": "x"}, "en": {}}
    missing = kinds.missing_strings(ui)
    assert ("en", "list.kind.contrast") in missing and ("fr", "cards.kind.contrast") in missing


def test_every_asset_a_kind_names_exists():
    for kind in kinds.REGISTRY:
        for path in (*kind.css, *filter(None, (kind.script,))):
            assert (ROOT / "docs" / path).is_file(), f"kinds.py: kind '{kind.name}' names missing {path}"


def test_every_stylesheet_a_marker_names_exists_and_is_inlined_where_it_shows():
    for marker in markers.MARKERS:
        for path in marker.css:
            assert (ROOT / "docs" / path).is_file(), f"markers.py: marker '{marker.name}' names missing {path}"
            assert path in assets.INLINED and path not in assets.MINIFIED  # not served as a file: inlined
    # a page's own styles: its kind's, then its markers', each once (the kit's three markers share one)
    assert assets.page_styles("trainer", ("trainer-kit:contrast", "trainer-kit:pillar", "offline-archive")) == ("assets/rse-kit.css",)
    assert assets.page_styles("contrast", ("claims", "workshop")) == ("assets/rse-workshop.css", markers.CLAIMS_CSS)
    assert assets.page_styles("overview", ("comparison-table",)) == (markers.CLAIMS_CSS, "assets/rse-comparison-table.css")
    assert assets.page_styles("home", ("list:pillar", "no-such-marker")) == ()


def test_allowed_markers_follow_the_needs_column():
    from types import SimpleNamespace as Page
    allowed = markers.allowed_on(Page(kind="home", claims=()))
    assert "claims" not in allowed and "relations" not in allowed and "matrix" in allowed and "list:pillar" in allowed
    assert "relations" in markers.allowed_on(Page(kind="pillar"))
    assert "workshop" in markers.allowed_on(Page(kind="pillar", workshop=object()))
    assert "timeline" in markers.allowed_on(Page(kind="history", entries=(object(),)))
    assert "timeline" not in markers.allowed_on(Page(kind="history", entries=()))
    assert not markers.known("list") and not markers.known("matrix:pillar") and not markers.known("list:home")


# README, "How to add a page kind or a marker": followed step by step on a throwaway kind whose
# marker is a template alone. A step the recipe forgets fails this build.
RECIPE_ROW = '    Kind("reading", markers=("reading-list",)),\n'
RECIPE_MARKER = '    Marker("reading-list", "", "reading_list.html"),\n'
RECIPE_TEMPLATE = """\
<ul class="rse-reading" data-rse="reading-list">
{% for p in site.by_kind(lang, 'pillar') %}
<li><a href="{{ url_for(p.id, None) }}">{{ t('reading.prefix') }} {{ p.label }}</a></li>
{% endfor %}
</ul>
"""


def _page(lang: str, title: str) -> str:
    return textwrap.dedent(f"""\
        ---
        id: reading
        kind: reading
        order: 90
        title: {title}
        description: {title}.
        ---

        # {title}

        <!-- rse:reading-list -->
        """)


def test_the_readme_recipe_adds_a_kind_and_a_marker(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## How to add a page kind or a marker" in readme
    project = sample_project(tmp_path / "p")
    # 1. One row in the kinds table, and 2. one row in the markers table.
    path = project / "hooks/rse/kinds.py"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('    Kind("diagnostic",', RECIPE_ROW + '    Kind("diagnostic",', 1), encoding="utf-8")
    path = project / "hooks/rse/markers.py"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('    Marker("diagnostic",', RECIPE_MARKER + '    Marker("diagnostic",', 1), encoding="utf-8")
    # 3. The kind's name in the schema's enum, at the same place.
    schema = json.loads((project / "schema/page.schema.json").read_text(encoding="utf-8"))
    enum = schema["properties"]["kind"]["enum"]
    enum.insert(enum.index("diagnostic"), "reading")
    (project / "schema/page.schema.json").write_text(json.dumps(schema, indent=2, ensure_ascii=False), encoding="utf-8")
    # 4. The template, and 5. its strings in both languages.
    (project / "overrides/rse/reading_list.html").write_text(RECIPE_TEMPLATE, encoding="utf-8")
    ui = (project / "hooks/rse/ui.yml").read_text(encoding="utf-8")
    ui = ui.replace("\nen:\n", "\n  reading.prefix: 'À lire :'\nen:\n", 1) + "  reading.prefix: 'Read:'\n"
    (project / "hooks/rse/ui.yml").write_text(ui, encoding="utf-8")
    # 6. Its pages, and a place in the navigation.
    (project / "docs/lecture.fr.md").write_text(_page("fr", "Lectures"), encoding="utf-8")
    (project / "docs/lecture.en.md").write_text(_page("en", "Reading"), encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("validation:", "not_in_nav: /lecture.*.md\nvalidation:", 1), encoding="utf-8")
    site = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                          capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}, cwd=project)
    assert done.returncode == 0, done.stderr[-3000:]
    fr = (site / "lecture/index.html").read_text(encoding="utf-8")
    en = (site / "en/lecture/index.html").read_text(encoding="utf-8")
    assert 'data-rse="reading-list"' in fr and re.search("À lire[\u00a0\u202f]:", fr)  # French typography applies
    assert 'data-rse="reading-list"' in en and "Read:" in en
    assert re.search(r'<li><a href="\.\./piliers/[a-z-]+/"', fr)  # the template read the site
