"""French typography of HTML text (hooks/rse/typography.py): the pure functions."""

from __future__ import annotations

import random
import re
import time

import pytest

from rse import typography
from rse.typography import NBSP, NNBSP, apply, faults, french


# Short names for the expected strings: '_' is U+00A0 (before :, in 1 %), '~' is U+202F.
def x(s: str) -> str:
    return s.replace("_", NBSP).replace("~", NNBSP)


@pytest.mark.parametrize("source, expected", [
    # the signs, with a breakable space, without one, or with the wrong no-break one
    ("Position : 3", "Position_: 3"),
    ("Position: 3", "Position_: 3"),
    ("Position\u202f: 3", "Position_: 3"),
    ("Quoi ? Oui ! Non ; fin.", "Quoi~? Oui~! Non~; fin."),
    ("Quoi? Oui! Non; fin.", "Quoi~? Oui~! Non~; fin."),
    ("Quoi\u00a0?", "Quoi~?"),
    ("Quoi  ?", "Quoi~?"),  # a run of spaces becomes one
    ("Vraiment ?!", "Vraiment~?!"),  # a group of signs takes one space
    ("Vraiment?!", "Vraiment~?!"),
    ("« bonjour »", "«~bonjour~»"),
    ("«bonjour»", "«~bonjour~»"),
    ("«\u00a0bonjour\u00a0»", "«~bonjour~»"),
    ("« Quoi ? »", "«~Quoi~?~»"),
    ("10 % et 10%.", "10_% et 10_%."),
    ("l'article d'aujourd'hui", "l’article d’aujourd’hui"),
    ("qu'« ils » font", "qu’«~ils~» font"),
    ("qu'&laquo; ils &raquo;", "qu’&laquo;~ils~&raquo;"),
    ("Titre :\n  suite", "Titre_:\n  suite"),
    ("Titre\n: suite", "Titre_: suite"),  # a line break is a breakable space too
    # not prose punctuation: left alone
    ("À 10:30, ratio 1:2, a:b:c", "À 10:30, ratio 1:2, a:b:c"),
    ("x !important", "x !important"),
    ("std::vector", "std::vector"),
    ("(?) et (!)", "(?) et (!)"),
    ("? au début", "? au début"),
    ("« »", "« »"),
    ("50%20", "50%20"),
    ("'guillemets simples'", "'guillemets simples'"),
    # addresses and e-mail addresses in the text
    ("Voir https://x.org/a?b=1&amp;c=2 !", "Voir https://x.org/a?b=1&amp;c=2~!"),
    ("Écrire à mailto:a@b.fr ou a.b@c.fr ; merci", "Écrire à mailto:a@b.fr ou a.b@c.fr~; merci"),
    ("www.example.org/?q=l'a", "www.example.org/?q=l'a"),
])
def test_rules_on_text(source, expected):
    assert french(source) == x(expected)


@pytest.mark.parametrize("source, expected", [
    # entities stay as written; a no-break one already there is kept
    ("Position&nbsp;: 3", "Position&nbsp;: 3"),
    ("Quoi&#160;?", "Quoi&#160;?"),
    ("Quoi &nbsp;?", "Quoi&nbsp;?"),
    ("Quoi&thinsp;?", "Quoi~?"),  # a breakable one is replaced
    ("l&#39;article", "l’article"),
    ("&laquo;mot&raquo;", "&laquo;~mot~&raquo;"),
    ("R&amp;D : oui", "R&amp;D_: oui"),
    ("&amp;&lt;&gt;;", "&amp;&lt;&gt;~;"),
    ("a &amp; b", "a &amp; b"),  # the ';' of an entity is not a semicolon
    ("\ue001 : x", "\ue001_: x"),  # private-use characters are kept
])
def test_entities(source, expected):
    assert french(source) == x(expected)


@pytest.mark.parametrize("source, expected", [
    # the sentence goes on through phrasing elements
    ("<b>Position</b>: 3", "<b>Position</b>_: 3"),
    ("Position <em>:</em> 3", "Position_<em>:</em> 3"),
    ("« <em>mot</em> »", "«~<em>mot</em>~»"),
    ("«<em>mot</em>»", "«~<em>mot</em>~»"),
    ("<em>«</em> mot", "<em>«</em>~mot"),
    ("<code>x</code>: y", "<code>x</code>_: y"),
    ("l'<code>x</code>", "l’<code>x</code>"),
    ("<a href='/x'>lien</a> ?", "<a href='/x'>lien</a>~?"),
    # a block boundary starts a new sentence
    ("<p>a</p><p>: b</p>", "<p>a</p><p>: b</p>"),
    ("<p>\n  : b</p>", "<p>\n  : b</p>"),
    ("a<br>: b", "a<br>: b"),
])
def test_context_across_tags(source, expected):
    assert french(source) == x(expected)


@pytest.mark.parametrize("source", [
    "<code>a : b</code>",
    "<pre>x = 1 ?\n    l'indentation : gardée</pre>",
    "<pre><code>a ; b</code></pre>",
    "<kbd>Ctrl : C</kbd>", "<samp>Erreur : x</samp>", "<var>a ?</var>",
    "<script>if (a ? b : c) { x = '<p>' }</script>",
    "<style>a:hover { content: 'a ;' }</style>",
    "<textarea>a : b</textarea>",
    "<svg><title>a : b</title><text>c ?</text></svg>",
    "<math><mi>a</mi><mo>:</mo></math>",
    "<!-- note : ceci -->",
    # attributes that are not text readers see, or on an element that is not French text
    '<p class="a : b" id="l\'a" data-x=\'c ?\' href="/x?a=1 ;">x</p>',
    '<meta property="og:url" content="l\'entreprise : pourquoi ?">', '<meta name="viewport" content="a : b">',
    '<p content="a : b">x</p>', '<code title="a : b">x</code>', '<svg aria-label="a : b"></svg>',
    '<span lang="en" title="Note : it\'s">x</span>', '<div lang="en"><a title="Note : it\'s">x</a></div>',
    '<a title="https://x.org/?a=b;c">x</a>',
    '<span lang="en">Note: yes! It\'s</span>',
    '<div lang="en-GB"><p>Note: <b>yes</b>!</p></div>',
    '<p xml:lang="en">Note: yes</p>',
    "<p lang=''>a : b</p>",
])
def test_left_alone(source):
    assert french(source) == source
    assert faults(source) == []


def test_nested_languages():
    html = '<div lang="en">Note: <span lang="fr">Remarque: oui</span> and: <q lang="fr-CA">là: oui</q> ok?</div>'
    assert french(html) == x('<div lang="en">Note: <span lang="fr">Remarque_: oui</span> and: '
                             '<q lang="fr-CA">là_: oui</q> ok?</div>')


def test_nested_same_name_elements_close_in_order():
    html = '<div lang="en"><div>inner</div> still English: yes</div><div>French: oui</div>'
    assert french(html) == x('<div lang="en"><div>inner</div> still English: yes</div><div>French_: oui</div>')
    html = "<code>a<code>b</code> : c</code> d : e"
    assert french(html) == x("<code>a<code>b</code> : c</code> d_: e")


def test_french_islands_of_an_english_page_are_typeset():
    page = ('<html lang="en"><head><link hreflang="fr" href="/"><title>Home: site</title></head><body>'
            '<p>Note: <a lang="fr" hreflang="fr">Français ?</a> <b>yes</b> : no!</p><script>x = "<p lang=\'fr\'>";</script>'
            '<!-- <p lang="fr"> --><p title=\'<b lang="fr">\'>Note: yes</p><pre lang="fr">a : b</pre></body></html>')
    assert apply(page) == page.replace("Français ?", x("Français~?"))
    at = page.index("Français ?") + len("Français ")
    assert faults(page, default_lang="") == [f"breakable or missing space before ? at character {at}: …Français ?…"]


def test_apply_follows_the_nearest_lang():
    page = ('<!doctype html>\n<html lang="en"><head><title>Home: site</title></head><body>'
            '<p>Note: English!</p><div class="rse-fallback" lang="fr"><p>Remarque : français !</p>'
            '<a class="headerlink" lang="en" title="Permanent link">¶</a></div></body></html>')
    assert apply(page) == page.replace("Remarque : français !", x("Remarque_: français~!"))
    assert apply("Remarque : pas de lang") == "Remarque : pas de lang"  # no lang: not French
    assert apply("Remarque : x", default_lang="fr") == x("Remarque_: x")


def test_title_and_text_meta_tags_are_typeset():
    page = ('<html lang="fr"><head><title>Réseaux sociaux : de la vie privée à l&#39;entreprise</title>'
            '<meta name="description" content="Pourquoi : l\'entreprise ?">'
            '<meta property="og:title" content=\'L&#39;article !\'><meta property="og:url" content="https://x.fr/?a=b">'
            '<meta name="twitter:description" content="Quoi ?"></head><body></body></html>')
    assert apply(page) == x('<html lang="fr"><head><title>Réseaux sociaux_: de la vie privée à '
                            'l’entreprise</title><meta name="description" content="Pourquoi_: l’entreprise~?">'
                            '<meta property="og:title" content=\'L’article~!\'><meta property="og:url" content="https://x.fr/?a=b">'
                            '<meta name="twitter:description" content="Quoi~?"></head><body></body></html>')


@pytest.mark.parametrize("source, expected", [
    ('<a href="/x?a" title="Réseaux sociaux : l\'entreprise" aria-label=\'Quoi ?\'>x</a>',
     '<a href="/x?a" title="Réseaux sociaux_: l’entreprise" aria-label=\'Quoi~?\'>x</a>'),
    ('<img src="l\'a.png" alt="Vue d\'ensemble !">', '<img src="l\'a.png" alt="Vue d’ensemble~!">'),
    ('<input placeholder="Rechercher ?" value="a ?">', '<input placeholder="Rechercher~?" value="a ?">'),
    ('<abbr TITLE="« mot »">m</abbr> :', '<abbr TITLE="«~mot~»">m</abbr>_:'),
    # each value is a sentence of its own: the text around it is not its context, nor it theirs
    ('Texte <b title=": a">b</b> ?', 'Texte <b title=": a">b</b>~?'),
    ('<span lang="en">x <a lang="fr" title="l\'a ?">y</a></span>', '<span lang="en">x <a lang="fr" title="l’a~?">y</a></span>'),
])
def test_reader_visible_attributes_are_typeset(source, expected):
    assert french(source) == x(expected)
    assert faults(source) != [] and faults(french(source)) == []
    assert apply(f'<html lang="en"><body>{source}</body></html>') == f'<html lang="en"><body>{source}</body></html>' \
        or 'lang="fr"' in source


def test_faults_in_attributes_are_reported():
    assert faults('<p title="Quoi ?">x</p>') == ["breakable or missing space before ? at character 15: …Quoi ?…"]


def test_the_rest_of_the_document_is_byte_identical():
    page = ('<!DOCTYPE html>\r\n<html lang="fr">\n<head>\n  <meta charset="utf-8">\n'
            '<title>T</title></head>\n<body class="a  b">\n\t<p>Texte &eacute; : &copy; <br/>x</p>'
            '<![CDATA[ a : b ]]><?pi a : b?>\n</body>\n</html>\n')
    assert apply(page) == page.replace("&eacute; :", "&eacute;" + NBSP + ":")


def test_broken_markup_is_left_alone():
    assert french("a : b <p title='unterminated>c : d") == x("a_: b <p title='unterminated>c : d")
    assert french("a : b <!-- never closed : x") == x("a_: b <!-- never closed : x")
    assert french("a < b : c") == x("a < b_: c")


def test_idempotent():
    samples = [
        "Position : 3 ; « bonjour » ?! 10% l'article <b>x</b>: <em>«</em> y <code>a:b</code>",
        "Quoi &nbsp;? &laquo; a &raquo; l&#39;a &thinsp;! x <em>:</em> y",
        '<div lang="en">Note: a</div> Remarque <span>:</span> b',
    ]
    for sample in samples:
        once = french(sample)
        assert french(once) == once
        assert faults(once) == []


def test_title_holding_markup_or_never_closed_is_left_alone():
    assert french("<title>a <b>:</b></title>x : y") == x("<title>a <b>:</b></title>x_: y")
    assert french("x : y<title>a : b") == x("x_: y<title>a : b")


_ATOMS = ["a", "é", " ", "\n", ":", ";", "!", "?", "%", "1", "«", "»", "'", "&nbsp;", "&#39;", "&amp;", "&raquo;",
          "&thinsp;", "\u00a0", "\u202f", "<b>", "</b>", "<p>", "</p>", "<code>", "</code>", "<div lang=en>", "</div>",
          "<span lang='fr'>", "</span>", "<html lang=fr>", "<html lang=en>", "<!-- x : y -->", "<br>", "<pre>",
          "</pre>", "<script>", "</script>", "<title>", "</title>", "www.x.fr/?a=1", "<", "<a title='x : y'>", "</a>",
          "<img alt='a : b'>", "<svg>", "</svg>", "10:30", "?!"]
_TAG = re.compile(r"<[A-Za-z/!][^<>]*>")


def _plain(tag: str) -> str:
    return re.sub(f"[{NBSP}{NNBSP}]", " ", tag).replace("’", "'")


@pytest.mark.parametrize("seed", range(3))
def test_random_documents(seed):
    """Random mixes of the cases above: the markup and the English text come out as they went
    in, French text comes out with no fault, and a second pass changes nothing."""
    rng = random.Random(seed)
    for _ in range(500):
        source = "".join(rng.choice(_ATOMS) for _ in range(rng.randint(1, 40)))
        out = apply(source)
        assert apply(out) == out, source
        assert faults(out, default_lang="") == [], source
        # tags as they were, but for the spaces and apostrophes of the text of their reader-visible attributes
        assert [_plain(t) for t in _TAG.findall(out)] == [_plain(t) for t in _TAG.findall(source)], source
        assert [t for f, t in typography.text_nodes(out) if not f] == [t for f, t in typography.text_nodes(source) if not f]
        assert french(french(source)) == french(source), source


def test_faults_are_reported_and_fixed():
    source = "Position : 3 ; l'article «mot» 10% <b>x</b>: y Quoi <em>?</em>"
    found = faults(source)
    assert len(found) == 8, found
    assert any("straight apostrophe" in f for f in found)
    assert any("before :" in f for f in found)
    assert any("after «" in f for f in found)
    assert faults(french(source)) == []
    # a no-break space that is not the narrow one is not a fault (it does not break)
    assert faults(x("Quoi_? « a »")) == ["breakable or missing space after « at character 7: …Quoi⍽? « a »…",
                                         "breakable or missing space before » at character 11: …Quoi⍽? « a »…"]


def test_text_nodes():
    nodes = list(typography.text_nodes('<html lang="fr"><p>a <code>b</code> <span lang="en">c</span></p></html>'))
    assert nodes == [(True, "a "), (True, " "), (False, "c")]


@pytest.mark.parametrize("unit", [
    ":", "«", "<", "a:", "a ?", " ", "'", "&amp;", "&nbsp;:", "<a ", "<a<a", "<b>", "</b>", "<div lang=en>",
    "<code>", "<svg <svg ", "x@", "a@b.", "https://", "<!--", '<a title="', "\ue000", "« ", " :", "a'", "1 %",
    "<p>a</p>: ", "<em>a </em>:", "<span lang=fr>« </span>", "&#39;", "<title>",
])
def test_linear_time(unit):
    """100 KB of one repeated pattern on a single line: a fraction of a second of CPU each way (CPU
    time of this process). The bound is a complexity guard, not a speed target: linear takes about
    0.1-1 s depending on the machine's load (1.07 s was seen with the suite on both cores), quadratic
    would take minutes, so 5 s cannot flake and still fails on a quadratic pattern."""
    adversarial = (unit * (100_000 // len(unit) + 1))[:100_000]
    english = '<html lang="en"><i lang="fr">Quoi ?</i>' + adversarial  # mostly English
    for function, text in ((french, adversarial), (faults, adversarial), (apply, english)):
        start = time.process_time()
        function(text)
        took = time.process_time() - start
        assert took < 5.0, (function.__name__, took)


def test_plain_text_is_typeset_as_the_pages_show_it():
    """french_text: text a script writes into a page (not HTML): escaped, typeset, unescaped."""
    assert typography.french_text("Position : l'article <b> & co !") == "Position\u00a0: l’article <b> & co\u202f!"
