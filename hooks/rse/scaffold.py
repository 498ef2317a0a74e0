"""``./dev new contrast|approach|pillar SLUG``: a new twin pair with valid front matter and TODO markers.

The pages pass the schema, take the next free ``order`` of their kind, and carry "TODO: ..." in
every text, which the strict build refuses until each one is replaced.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .errors import ContentError, Problem
from .frontmatter import parse
from .kinds import KINDS, PLAN_SLUG, REGISTRY

FOLDERS = {kind.name: kind.folder for kind in REGISTRY if kind.folder}
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # fullmatch: "$" would accept a final newline

T = {
    "fr": {
        "label": "TODO: libellé court",
        "title": "TODO: titre de la page",
        "description": "TODO: résumé en une phrase.",
        "claim": "TODO: ce que dit l'article, avec nos mots.",
        "source": "TODO: where in Erickson's post (e.g. enterprise list, point 3)",
        "question": "TODO: une question à poser à une équipe.",
        "sign": "TODO: un signe que le problème est présent.",
        "intro": "TODO: deux ou trois phrases d'introduction.",
        "prose": "TODO: ce que cela change, avec nos mots (les remarques du blogueur vont dans `remarks:`).",
        "refs": "TODO: vérifier `answers` (approches auxquelles ce pilier répond) et `addresses` (contrastes qu'il traite) ; "
                "l'outil a mis les premiers venus.",
        "h_claims": "La comparaison" , "h_prose": "Ce que cela change",
        "h_questions": "Questions à poser à une équipe", "h_signs": "Signes que le problème est présent", "h_links": "Liens",
        "h_workshop": "Plan d'atelier",
        "invite": "TODO: qui inviter.", "material": "TODO: le matériel à prévoir.",
        "step_title": "TODO: nom de l’étape", "step": "TODO: ce que fait le groupe pendant cette étape.", "output": "TODO: ce que le groupe emporte.",
        "follow_up": "TODO: ce qui se passe après la séance, et quand.",
        "before_note": "TODO: comment adapter la séance quand le réseau n'est pas encore lancé.",
        "before_question": "TODO: une question pour une organisation sans réseau.",
        "say": "TODO: ce que l'animateur dit pour ouvrir l'étape.",
        "watch": "TODO: ce qu'il observe pendant l'étape, et que faire alors.",
        "pitfall": "TODO: ce qui tourne mal dans cette séance, et comment l'éviter.",
        "remote": "TODO: comment mener la séance à distance ou en hybride.",
        "tool": "TODO: un type d'outil (un tableau blanc en ligne, un sondage anonyme).",
    },
    "en": {
        "label": "TODO: short label",
        "title": "TODO: page title",
        "description": "TODO: one-sentence summary.",
        "claim": "TODO: what the article says, in our words.",
        "source": "TODO: where in Erickson's post (e.g. enterprise list, point 3)",
        "question": "TODO: a question to ask a team.",
        "sign": "TODO: a sign that the problem is present.",
        "intro": "TODO: two or three sentences of introduction.",
        "prose": "TODO: what this changes, in our words (the blogger's remarks go in `remarks:`).",
        "refs": "TODO: check `answers` (approaches this pillar answers) and `addresses` (contrasts it deals with); the tool put the first ones.",
        "h_claims": "The comparison", "h_prose": "What this changes",
        "h_questions": "Questions to ask a team", "h_signs": "Signs that the problem is present", "h_links": "Links",
        "h_workshop": "Workshop plan",
        "invite": "TODO: who to invite.", "material": "TODO: what to bring.",
        "step_title": "TODO: name of the step", "step": "TODO: what the group does in this step.", "output": "TODO: what the group leaves with.",
        "follow_up": "TODO: what happens after the session, and when.",
        "before_note": "TODO: how to adapt the session when the network is not launched yet.",
        "before_question": "TODO: a question for an organisation without a network.",
        "say": "TODO: what the facilitator says to open the step.",
        "watch": "TODO: what to watch for during the step, and what to do then.",
        "pitfall": "TODO: what tends to go wrong in this session, and how to avoid it.",
        "remote": "TODO: how to run the session with a remote or hybrid group.",
        "tool": "TODO: a kind of tool (a shared whiteboard, an anonymous poll).",
    },
}
CLAIMS = {name: KINDS[name].claims for name in FOLDERS}


def _existing(docs_dir: Path, lang: str) -> list[dict]:
    out = []
    for path in sorted(docs_dir.rglob(f"*.{lang}.md")):
        try:
            out.append(parse(path.read_text(encoding="utf-8"), str(path)).meta)
        except (ContentError, UnicodeDecodeError):
            continue
    return out


def next_order(docs_dir: Path, kind: str, lang: str) -> int:
    orders = [order for m in _existing(docs_dir, lang) if m.get("kind") == kind and isinstance(order := m.get("order"), int)]
    return max(orders, default=0) + 1


def render(kind: str, slug: str, order: int, lang: str, links: dict[str, list[str]]) -> str:
    t = T[lang]
    meta: dict = {"id": slug, "kind": kind, "order": order, "label": t["label"], "title": t["title"], "description": t["description"],
                  "claims": {key: {"text": t["claim"], "source": {"article": t["source"]}} for key in CLAIMS[kind]}}
    for link in KINDS[kind].links:  # a pillar's 'answers' and 'addresses': the first page of each kind named
        meta[link.field] = links[link.field]
    meta["questions"] = [t["question"]]
    meta["signs"] = [t["sign"]]
    meta["workshop"] = {  # the steps' minutes add up to the duration, as the build checks
        "duration": 60, "group": {"min": 4, "max": 12}, "invite": [t["invite"]], "materials": [t["material"]],
        "preparation": 30, "difficulty": "moderate",
        "steps": [{"minutes": m, "title": t["step_title"], "do": t["step"], "say": t["say"], "watch": t["watch"]} for m in (10, 40, 10)],
        "pitfalls": [t["pitfall"]], "remote": {"note": t["remote"], "tools": [t["tool"]]},
        "outputs": [t["output"]], "follow_up": t["follow_up"],
        "before_launch": {"note": t["before_note"], "questions": [t["before_question"]]},
    }
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=200)
    body = [f"# {t['title']}", "", t["intro"], ""]
    if KINDS[kind].links:
        body += [t["refs"], ""]
    body += [f"## {t['h_claims']} {{#comparaison}}", "", "<!-- rse:claims -->", "",
             f"## {t['h_prose']} {{#effets}}", "", t["prose"], "",
             f"## {t['h_questions']} {{#questions}}", "", "<!-- rse:questions -->", "",
             f"## {t['h_signs']} {{#signes}}", "", "<!-- rse:signs -->", "",
             f"## {t['h_workshop']} {{#atelier}}", "", "<!-- rse:workshop -->", "",
             f"## {t['h_links']} {{#liens}}", "", "<!-- rse:relations -->", ""]
    return f"---\n{front}---\n\n" + "\n".join(body)


PLAN_TEXT = {
    "fr": ("Plan d’atelier : {label}", "La séance sur « {label} » sur une page à imprimer : étapes minutées, heures à partir "
           "d’une heure de début, ce qu’il faut dire et observer."),
    "en": ("Workshop plan: {label}", "The “{label}” session on one printable page: timed steps, clock times from a start time, "
           "what to say and watch for."),
}


def plan_page(page_id: str, label: str, lang: str) -> str:
    """The source of a page's one-page printable plan (kind 'plan'): front matter and its marker."""
    title, description = (x.format(label=label) for x in PLAN_TEXT.get(lang, PLAN_TEXT["en"]))
    meta = {"id": f"{page_id}-{PLAN_SLUG}", "kind": "plan", "order": 1, "title": title, "description": description, "plan_of": page_id}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=200)
    return f"---\n{front}---\n\n# {title}\n\n<!-- rse:plan -->\n"


def create(docs_dir: Path, kind: str, slug: str, languages: tuple[str, ...], display_root: Path | None = None) -> list[Path]:
    """Write the twin pair; raise ContentError (named file, field) if the kind, slug or files are wrong."""
    docs_dir = Path(docs_dir)
    shown = lambda p: p.relative_to(display_root).as_posix() if display_root else p.as_posix()
    if kind not in FOLDERS:
        raise ContentError([Problem("./dev new", "kind", "one of " + ", ".join(FOLDERS), repr(kind))])
    if not _SLUG.fullmatch(slug):
        raise ContentError([Problem("./dev new", "slug", "a lowercase name of letters, digits and single hyphens, such as 'visibilite'", repr(slug))])
    paths = [docs_dir / FOLDERS[kind] / f"{slug}.{lang}.md" for lang in languages]
    plans = [docs_dir / FOLDERS[kind] / slug / f"{PLAN_SLUG}.{lang}.md" for lang in languages]
    taken = [p for p in paths if p.exists()]
    if taken:
        raise ContentError([Problem(shown(taken[0]), "(file)", "a page that does not exist yet", "an existing file",
                                    hint="Choose another slug, or edit the existing page.")])
    existing = _existing(docs_dir, languages[0])
    if any(m.get("id") == slug for m in existing):
        raise ContentError([Problem("./dev new", "slug", "an id no page uses yet", repr(slug))])
    first = lambda k: sorted((m for m in existing if m.get("kind") == k), key=lambda m: (m.get("order", 0), m.get("id", "")))
    links = {link.field: [m["id"] for m in first(link.target)[:1]] for link in KINDS[kind].links}
    if not all(links.values()):
        targets = " and ".join(f"one {link.target}" for link in KINDS[kind].links)
        raise ContentError([Problem("./dev new", "kind", f"at least {targets} before a {kind}", "none yet")])
    order = next_order(docs_dir, kind, languages[0])
    for path, plan, lang in zip(paths, plans, languages):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(kind, slug, order, lang if lang in T else "en", links), encoding="utf-8")
        plan.parent.mkdir(parents=True, exist_ok=True)
        plan.write_text(plan_page(slug, T[lang if lang in T else "en"]["label"], lang), encoding="utf-8")
    return paths + plans
