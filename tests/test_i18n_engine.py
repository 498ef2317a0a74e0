"""Unit tests of the plain-Python parts of issue #3: rse.alternates, rse.searchindex, rse.errorpages, rse.uistrings."""

from __future__ import annotations

import json

import pytest

from rse import alternates, errorpages, searchindex, typography
from rse.alternates import Version
import rse.uistrings as uistrings
from rse.uistrings import translator
from rse.uistrings import ui_strings
from rse.errors import ContentError

SITE = "https://rse.example.org/"
LANGS = ("fr", "en")


def both(url_fr: str, url_en: str, *, en_real: bool = True) -> dict[str, Version]:
    return {"fr": Version("fr", url_fr, True), "en": Version("en", url_en, en_real)}


# --- alternates -----------------------------------------------------------------------------------

def test_hreflang_links_are_absolute_with_x_default_on_the_default_language():
    links = alternates.hreflang_links(both("contrastes/x/", "en/contrastes/x/"), site_url=SITE, default_language="fr", languages=LANGS)
    assert links == [("fr", "https://rse.example.org/contrastes/x/"), ("en", "https://rse.example.org/en/contrastes/x/"),
                     ("x-default", "https://rse.example.org/contrastes/x/")]


def test_hreflang_links_of_the_home_pages_and_a_site_under_a_path():
    links = alternates.hreflang_links(both("", "en/"), site_url="https://example.org/docs", default_language="fr", languages=LANGS)
    assert links == [("fr", "https://example.org/docs/"), ("en", "https://example.org/docs/en/"), ("x-default", "https://example.org/docs/")]
    assert alternates.site_relative("./") == alternates.site_relative(".") == ""


def test_no_hreflang_without_a_real_translation():
    assert alternates.hreflang_links(both("x/", "en/x/", en_real=False), site_url=SITE, default_language="fr", languages=LANGS) == []


def test_canonical_of_a_fallback_copy_is_its_original():
    versions = both("x/", "en/x/", en_real=False)
    assert alternates.canonical(versions, "en", site_url=SITE, default_language="fr") == "https://rse.example.org/x/"
    assert alternates.canonical(both("x/", "en/x/"), "en", site_url=SITE, default_language="fr") is None


def test_material_hreflang_links_are_replaced_and_rss_kept():
    head = ('<meta charset="utf-8">\n'
            '  <link rel="alternate" href="./" hreflang="fr">\n'
            '  <link rel="alternate" href="../en/" hreflang="en">\n'
            '<link rel="alternate" type="application/rss+xml" title="RSS" href="feed.xml">\n')
    out = alternates.replace_head_alternates(head, [("fr", "https://a/"), ("x-default", "https://a/?a&b")])
    assert 'href="./"' not in out and 'href="../en/"' not in out
    assert '<link rel="alternate" hreflang="fr" href="https://a/">' in out
    assert '<link rel="alternate" hreflang="x-default" href="https://a/?a&amp;b">' in out
    assert 'type="application/rss+xml"' in out
    assert out.index("charset") < out.index("hreflang")


def test_switcher_goes_to_the_same_page_or_the_language_home():
    entries = alternates.switcher({"fr": Version("fr", "x/", True)}, current="fr", names={"fr": "Français", "en": "English"},
                                  homes={"fr": "", "en": "en/"})
    assert [(e.lang, e.name, e.url, e.current) for e in entries] == [("fr", "Français", "x/", True), ("en", "English", "en/", False)]


def test_sitemap_lists_real_pages_once_and_alternates_between_real_ones():
    pages = [
        ("fr", both("a/", "en/a/"), "2026-01-01"),
        ("fr", both("b/", "en/b/", en_real=False), None),
        ("en", both("a/", "en/a/"), "2026-01-01"),
        ("en", both("b/", "en/b/", en_real=False), None),  # fallback copy: left out
        ("fr", both("a/", "en/a/"), "2026-01-01"),  # same page seen twice (serve rebuilds)
    ]
    entries = alternates.sitemap_entries(pages, site_url=SITE, default_language="fr", languages=LANGS)
    assert [e.loc for e in entries] == [SITE + "a/", SITE + "b/", SITE + "en/a/"]
    assert [len(e.alternates) for e in entries] == [3, 0, 3]


# --- search index ----------------------------------------------------------------------------------

def test_typeset_index_sets_titles_and_texts_only():
    index = {"config": {"lang": ["fr"], "separator": "[\\s\\-'’]+"},
             "docs": [{"location": "a/?x=1;y", "title": "L&#39;article : x", "text": "<p>Quoi ? <code>a : b</code></p>"},
                      {"location": "b/", "title": "Sans texte"}]}
    out = searchindex.typeset(index, typography.html_in("fr"))
    assert out["config"] == index["config"] and [d["location"] for d in out["docs"]] == ["a/?x=1;y", "b/"]
    assert out["docs"][0]["title"] == "L’article\u00a0: x"
    assert out["docs"][0]["text"] == "<p>Quoi\u202f? <code>a : b</code></p>"
    assert out["docs"][1] == {"location": "b/", "title": "Sans texte"}
    assert searchindex.typeset(index, typography.html_in("en")) == index
    assert index["docs"][0]["title"] == "L&#39;article : x"  # the input is left as it was


def test_split_index_gives_each_language_its_pages_relative_to_its_root():
    combined = {"config": {"lang": ["fr", "en"], "separator": "[\\s]+", "pipeline": ["stemmer"]},
                "docs": [{"location": "", "title": "Accueil"}, {"location": "a/#x", "title": "A"},
                         {"location": "en/", "title": "Home"}, {"location": "en/a/#x", "title": "A (en)"}]}
    split = searchindex.split_index(combined, prefixes={"en": "en/"}, default_language="fr")
    assert split["fr"]["config"] == {"lang": ["fr"], "separator": "[\\s]+", "pipeline": ["stemmer"]}
    assert split["en"]["config"]["lang"] == ["en"]
    assert [d["location"] for d in split["fr"]["docs"]] == ["", "a/#x"]
    assert [d["location"] for d in split["en"]["docs"]] == ["", "a/#x"]
    assert combined["docs"][2]["location"] == "en/", "the input is not modified"




def test_absolute_is_urljoin_on_the_site_root():
    """absolute() appends plain page addresses itself (urljoin is slow): the same result as urljoin for
    every mix of plain, dotted, empty, query, fragment, scheme-like and non-ASCII segments."""
    import itertools
    from urllib.parse import urljoin

    segments = ["", "a", "b.html", ".", "..", "x:y", "q?x", "h#f", "en", "é", "a b", ".hidden", "/"]
    for site in ["https://example.org/", "https://example.org/sub", "/", "", "http://h/x/y/"]:
        root = site if site.endswith("/") else site + "/"
        for parts in itertools.product(segments, repeat=3):
            for url in ("/".join(parts), "/".join(parts) + "/"):
                assert alternates.absolute(site, url) == urljoin(root, alternates.site_relative(url)), (site, url)

def test_index_json_is_compact_utf8_json_written_piece_by_piece(tmp_path):
    """write_json writes the bytes of json.dumps(ensure_ascii=False, compact), escapes and line
    separators included (a file opened without newline translation)."""
    index = {"config": {"lang": ["fr"], "separator": "[\\s\\-]+", "pipeline": ["stemmer"]},
             "docs": [{"location": "a/#x", "title": "L'été « chaud » <b>&</b>", "text": "ligne\nsuivante\t\u2028 \r \x00 \\ \" / 😀",
                       "boost": 1.5, "tags": [], "f": 1e20, "none": None, "ok": True}] * 300}
    expected = json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    target = tmp_path / "en" / "search" / "search_index.json"
    searchindex.write_json(index, target)
    assert target.read_bytes() == expected
    assert json.loads(target.read_bytes()) == index

CONFIG_BLOCK = ('<script id="__config" type="application/json">{"annotate": null, "base": "../..", "features": [], '
                '"search": "../../assets/javascripts/workers/search.a7633da7.min.js", "translations": '
                '{"search.result.none": "Aucun document trouv\\u00e9 <ici> & l\\u0027"}}</script>')


def test_page_config_points_at_the_language_root_and_the_shim():
    out = searchindex.patch_page_config(CONFIG_BLOCK, base="../")
    inner = out[len('<script id="__config" type="application/json">'):-len("</script>")]
    config = json.loads(inner)
    assert config["base"] == "../"
    assert config["search"] == "../../assets/javascripts/workers/rse-search.js?material=search.a7633da7.min.js"
    assert config["translations"]["search.result.none"] == "Aucun document trouvé <ici> & l'"
    assert "<ici>" not in inner and "&" not in inner.replace("\\u0026", ""), "stays safe inside <script>"


@pytest.mark.parametrize("html", ["<div></div>", CONFIG_BLOCK.replace('"base"', '"root"'),
                                  CONFIG_BLOCK.replace("search.a7633da7.min.js", "search.js")])
def test_page_config_of_an_unknown_shape_is_an_error(html):
    with pytest.raises(searchindex.SearchSetupError):
        searchindex.patch_page_config(html, base="./")


# --- 404 rule ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "mount", "page"), [
    ("/en/missing/", "/", "en/404.html"),
    ("/en", "/", "en/404.html"),
    ("/en/a/b?q=1#x", "/", "en/404.html"),
    ("/english/", "/", "404.html"),
    ("/missing/", "/", "404.html"),
    ("/", "/", "404.html"),
    ("/docs/en/x/", "/docs/", "en/404.html"),
    ("/docs/x/", "/docs", "404.html"),
    ("/en/x/", "/docs/", "404.html"),
    ("/%65n/x/", "/", "en/404.html"),
])
def test_error_page_of_a_missing_path(path, mount, page):
    assert errorpages.error_page(path, prefixes={"en": "en/"}, mount=mount) == page


# --- interface strings --------------------------------------------------------------------------------

def test_interface_strings_exist_in_every_language():
    data = ui_strings()
    assert set(data) == {"fr", "en"}
    assert set(data["fr"]) == set(data["en"])
    assert translator("en")("untranslated.text", source="French").endswith("in French.")


def test_a_missing_interface_string_is_reported():
    with pytest.raises(ContentError) as info:
        uistrings._ui_strings("fr:\n  a: A\n  b: B\nen:\n  a: A\n")
    assert [(p.field, p.found) for p in info.value.problems if not p.expected.startswith("the string a page kind")] == [("en.b", "nothing")]
    assert ("fr.list.kind.contrast", "nothing") in [(p.field, p.found) for p in info.value.problems]  # what the kinds table needs


def test_interface_strings_that_are_not_strings_are_refused_with_their_file():
    with pytest.raises(ContentError) as info:
        uistrings._ui_strings("fr:\n  a: Sur\nen:\n  a: On\n")  # YAML 1.1 reads a bare On as true
    assert info.value.problems[0].file == "hooks/rse/ui.yml" and "table of strings" in info.value.problems[0].expected
    with pytest.raises(ContentError) as info:
        uistrings._ui_strings("fr:\n  a: 'x: y\n")
    assert info.value.problems[0].line == 3 and "valid YAML" in info.value.problems[0].expected
