"""A small, valid, bilingual docs/ tree written from data, for unit tests and fixture sites.

Each page is given as (base, meta per language, body). Tests damage the written files with
plain text edits; helpers below locate lines so that expected line numbers are computed,
never copied from a run.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from rse import scaffold

LANGS = ("fr", "en")

DATA_BODY = """
# {title}

## {h_claims} {{#comparaison}}

<!-- rse:claims -->

## Questions {{#questions}}

<!-- rse:questions -->

## {h_signs} {{#signes}}

<!-- rse:signs -->

## {h_workshop} {{#atelier}}

<!-- rse:workshop -->

## {h_links} {{#liens}}

<!-- rse:relations -->
"""

WORDS = {
    "fr": {"h_claims": "La comparaison", "h_signs": "Signes", "h_links": "Liens", "h_workshop": "Plan d'atelier"},
    "en": {"h_claims": "The comparison", "h_signs": "Signs", "h_links": "Links", "h_workshop": "Workshop plan"},
}


def _t(lang: str, fr: str, en: str) -> str:
    return fr if lang == "fr" else en


def _facilitate(lang: str) -> dict:
    return {"say": _t(lang, "Voici la question.", "Here is the question."), "watch": _t(lang, "Qui se tait.", "Who stays silent.")}


def workshop_meta(lang: str, id: str) -> dict:
    """A small session plan whose steps (10 + 35 + 15) add up to its duration (60)."""
    return {
        "duration": 60, "group": {"min": 4, "max": 10},
        "invite": [_t(lang, f"L'équipe de {id}.", f"The {id} team.")],
        "avoid": [{"who": _t(lang, "Le manager", "The manager"), "why": _t(lang, "pour parler librement.", "so people speak freely.")}],
        "materials": [_t(lang, "Des post-it.", "Sticky notes.")],
        "preparation": 20, "difficulty": "easy",
        "steps": [{"minutes": 10, "title": _t(lang, "Ouverture", "Opening"), "do": _t(lang, f"Ouvrir sur {id}.", f"Open on {id}."),
                   **_facilitate(lang)},
                  {"minutes": 35, "title": "Discussion", "do": _t(lang, "Discuter.", "Discuss."), **_facilitate(lang)},
                  {"minutes": 15, "title": "Conclusion", "do": _t(lang, "Conclure.", "Conclude."), **_facilitate(lang)}],
        "pitfalls": [_t(lang, "Parler trop longtemps.", "Talking too long.")],
        "remote": {"note": _t(lang, "Un tableau partagé.", "A shared board."),
                   "tools": [_t(lang, "Un tableau blanc en ligne.", "An online whiteboard.")]},
        "outputs": [_t(lang, "Trois actions.", "Three actions.")],
        "follow_up": _t(lang, "Revoir dans un mois.", "Review in a month."),
        "before_launch": {"note": _t(lang, "Parler du projet.", "Talk about the project."),
                          "questions": [_t(lang, f"Avant {id} ?", f"Before {id}?")]},
    }


def contrast_meta(lang: str, *, id: str, order: int, remarks: list[dict] | None = None,
                  implied_enterprise: bool = False, related: list[str] | None = None) -> dict:
    meta = {
        "id": id,
        "kind": "contrast",
        "order": order,
        "label": _t(lang, f"Étiquette {id}", f"Label {id}"),
        "title": _t(lang, f"Titre du contraste {id}", f"Title of contrast {id}"),
        "description": _t(lang, f"Résumé de {id}.", f"Summary of {id}."),
        "claims": {
            "personal": {"text": _t(lang, f"{id} : côté personnel.", f"{id}: personal side."), "source": {"article": "personal list"}},
            "enterprise": {"text": _t(lang, f"{id} : côté entreprise.", f"{id}: enterprise side."), "source": {"article": "enterprise list"}},
        },
    }
    if implied_enterprise:
        meta["claims"]["enterprise"]["implied"] = True
    if remarks:
        meta["remarks"] = [
            {"id": r["id"], "annotates": r["annotates"], "stance": r["stance"],
             "text": _t(lang, f"Remarque {r['id']}.", f"Remark {r['id']}.")}
            for r in remarks
        ]
    meta["questions"] = [_t(lang, f"Question sur {id} ?", f"Question about {id}?")]
    meta["signs"] = [_t(lang, f"Signe de {id}.", f"Sign of {id}.")]
    meta["workshop"] = workshop_meta(lang, id)
    if related:
        meta["related"] = related
    return meta


def approach_meta(lang: str, *, id: str, order: int) -> dict:
    return {
        "id": id, "kind": "approach", "order": order,
        "label": _t(lang, f"Approche {id}", f"Approach {id}"),
        "title": _t(lang, f"Titre de l'approche {id}", f"Title of approach {id}"),
        "description": _t(lang, f"Résumé de {id}.", f"Summary of {id}."),
        "claims": {"approach": {"text": _t(lang, f"{id} : l'approche.", f"{id}: the approach."), "source": {"article": "approaches"}}},
        "questions": [_t(lang, "Question ?", "Question?")],
        "signs": [_t(lang, "Signe.", "Sign.")],
        "workshop": workshop_meta(lang, id),
    }


def pillar_meta(lang: str, *, id: str, order: int, answers: list[str], addresses: list[str]) -> dict:
    return {
        "id": id, "kind": "pillar", "order": order,
        "label": _t(lang, f"Pilier {id}", f"Pillar {id}"),
        "title": _t(lang, f"Titre du pilier {id}", f"Title of pillar {id}"),
        "description": _t(lang, f"Résumé de {id}.", f"Summary of {id}."),
        "claims": {"pillar": {"text": _t(lang, f"{id} : le pilier.", f"{id}: the pillar."), "source": {"article": "pillars"}}},
        "answers": answers,
        "addresses": addresses,
        "questions": [_t(lang, "Question ?", "Question?")],
        "signs": [_t(lang, "Signe.", "Sign.")],
        "workshop": workshop_meta(lang, id),
    }


def simple_meta(lang: str, *, id: str, kind: str, order: int) -> dict:
    return {
        "id": id, "kind": kind, "order": order,
        "title": _t(lang, f"Page {id}", f"Page {id} (en)"),
        "description": _t(lang, f"Résumé de {id}.", f"Summary of {id}."),
    }


def page_text(meta: dict, body: str) -> str:
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000) + "---\n" + body


def data_body(meta: dict, lang: str) -> str:
    return DATA_BODY.format(title=meta["title"], **WORDS[lang])


def mini_site(lang: str) -> dict[str, str]:
    """{base: file text} for one language of the small site."""
    pages: dict[str, str] = {}

    def add(base: str, meta: dict, body: str | None = None) -> None:
        pages[base] = page_text(meta, body if body is not None else data_body(meta, lang))

    add("index", simple_meta(lang, id="home", kind="home", order=0), "\n# Accueil\n")
    add("contrastes/index", simple_meta(lang, id="contrasts", kind="overview", order=10),
        "\n# Contrastes\n\n## Tableau {#tableau}\n\n<!-- rse:comparison-table -->\n")
    add("contrastes/invitation", contrast_meta(
        lang, id="invitation", order=1, related=["engagement"],
        remarks=[{"id": "invitation-volontariat", "annotates": "enterprise", "stance": "agrees"}]))
    add("contrastes/but-commun", contrast_meta(
        lang, id="but-commun", order=2, implied_enterprise=True,
        remarks=[{"id": "but-commun-nuance", "annotates": "personal", "stance": "nuances"}]))
    add("approches/injonction", approach_meta(lang, id="injonction", order=1))
    add("piliers/index", simple_meta(lang, id="pillars", kind="pillars", order=30),
        "\n# Piliers\n\n<!-- rse:list:pillar -->\n\n<!-- rse:matrix -->\n")
    add("piliers/engagement", pillar_meta(lang, id="engagement", order=1,
                                          answers=["injonction"], addresses=["invitation"]))
    add("commentaire", simple_meta(lang, id="commentary", kind="commentary", order=40),
        "\n# Commentaire\n\n## Index {#index}\n\n<!-- rse:commentary-index -->\n")
    for base, page_id in (("contrastes/invitation", "invitation"), ("contrastes/but-commun", "but-commun"),
                          ("approches/injonction", "injonction"), ("piliers/engagement", "engagement")):
        pages[f"{base}/atelier"] = scaffold.plan_page(page_id, page_id.capitalize(), lang)  # each workshop's printable plan
    return pages


def write_docs(docs: Path) -> Path:
    """Write the small site into ``docs`` (keeping docs/assets if present)."""
    for lang in LANGS:
        for base, text in mini_site(lang).items():
            path = docs / f"{base}.{lang}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return docs


def line_of(path: Path, startswith: str, after: int = 0) -> int:
    """1-based number of the first line (after line ``after``) that starts with ``startswith``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if number > after and line.startswith(startswith):
            return number
    raise AssertionError(f"no line starting with {startswith!r} in {path}")


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a file, failing loudly if the text is not there."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
