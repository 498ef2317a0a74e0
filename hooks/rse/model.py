"""Typed model of the site's content: one PageData per language file."""

from __future__ import annotations

from dataclasses import dataclass, field

from .kinds import NAMES, REGISTRY

STANCES = ("agrees", "nuances", "disagrees")
KINDS = NAMES  # page kinds in reading order (rse.kinds)


@dataclass(frozen=True)
class Claim:
    key: str
    text: str
    implied: bool = False
    label: str = ""  # optional heading of the claim box, in this language
    source: tuple[str, str] | tuple[()] = ()  # ("article" | "review", where in it): required by the schema


@dataclass(frozen=True)
class Remark:
    id: str
    annotates: str
    stance: str
    text: str
    context: str = ""  # optional dated context, in the site's voice ("since 2018, ..."), shown with the remark


@dataclass(frozen=True)
class Step:
    minutes: int
    do: str
    say: str = ""  # what the facilitator says to open the step
    watch: str = ""  # what to watch for, and what to do then
    is_break: bool = False  # a break: minutes only
    title: str = ""  # its short name, 1 to 5 words (required by the schema but on a break)

    @classmethod
    def from_meta(cls, meta: dict) -> Step:
        text = lambda key: str(meta.get(key) or "").strip()
        return cls(meta["minutes"], text("do"), text("say"), text("watch"), bool(meta.get("break")), text("title"))


@dataclass(frozen=True)
class Canvas:
    """A printable template for the session's main exercise, with a filled-in example."""

    title: str
    how: str
    columns: tuple[str, ...]
    rows: int
    example: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Reading:
    """Something a reader can open: a source of a dated entry, or further reading."""

    url: str
    title: str
    publisher: str
    lang: str  # the language it is written in
    date: str = ""
    why: str = ""  # further reading: why it is worth opening

    @classmethod
    def from_meta(cls, meta: dict) -> Reading:
        return cls(url=meta["url"].strip(), title=meta["title"].strip(), publisher=meta["publisher"].strip(), lang=meta["lang"],
                   date=meta.get("date", ""), why=(meta.get("why") or "").strip())


@dataclass(frozen=True)
class DatedEntry:
    """A dated entry of the history page: what happened after the article, with its sources."""

    id: str
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source
    title: str
    text: str
    bears_on: tuple[str, ...]
    sources: tuple[Reading, ...]

    @property
    def year(self) -> str:
        return self.date[:4]


@dataclass(frozen=True)
class ProgrammeStep:
    """A week of the catalogue's suggested programme."""

    week: int
    ids: tuple[str, ...]  # the pages whose plan it runs (or the diagnostic)
    what: str


@dataclass(frozen=True)
class Avoid:
    who: str
    why: str


@dataclass(frozen=True)
class Workshop:
    """A session plan for a team workshop on one page (front matter 'workshop')."""

    duration: int
    group_min: int
    group_max: int
    invite: tuple[str, ...]
    avoid: tuple[Avoid, ...]
    materials: tuple[str, ...]
    steps: tuple[Step, ...]
    outputs: tuple[str, ...]
    follow_up: str
    before_launch_note: str
    before_launch_questions: tuple[str, ...]
    preparation: int | None = None  # minutes
    difficulty: str = ""  # easy | moderate | demanding
    pitfalls: tuple[str, ...] = ()
    remote_note: str = ""
    remote_tools: tuple[str, ...] = ()
    france: str = ""  # considerations in France where data about staff is shown
    canvas: Canvas | None = None

    @classmethod
    def from_meta(cls, meta: dict) -> Workshop:
        texts = lambda items: tuple(str(x).strip() for x in items or ())
        before = meta["before_launch"]
        return cls(
            duration=meta["duration"], group_min=meta["group"]["min"], group_max=meta["group"]["max"],
            invite=texts(meta["invite"]),
            avoid=tuple(Avoid(a["who"].strip(), a["why"].strip()) for a in meta.get("avoid") or ()),
            materials=texts(meta["materials"]),
            steps=tuple(Step.from_meta(s) for s in meta["steps"]),
            outputs=texts(meta["outputs"]), follow_up=meta["follow_up"].strip(),
            before_launch_note=before["note"].strip(), before_launch_questions=texts(before["questions"]),
            preparation=meta.get("preparation"), difficulty=meta.get("difficulty", ""),
            pitfalls=texts(meta.get("pitfalls")), remote_note=str((meta.get("remote") or {}).get("note") or "").strip(),
            remote_tools=texts((meta.get("remote") or {}).get("tools")), france=str(meta.get("france") or "").strip(),
            canvas=Canvas(title=c["title"].strip(), how=c["how"].strip(), columns=texts(c["columns"]), rows=c["rows"],
                          example=tuple(texts(row) for row in c["example"])) if (c := meta.get("canvas")) else None,
        )

    @property
    def timed_steps(self) -> list[tuple[int, int, Step]]:
        """(start minute, end minute, step) of each step, in order."""
        out, start = [], 0
        for step in self.steps:
            out.append((start, start + step.minutes, step))
            start += step.minutes
        return out

    def invariant(self) -> dict:
        """The numbers twins share, keyed by their path in the front matter ('workshop.steps')."""
        return {"workshop.duration": self.duration, "workshop.group": {"min": self.group_min, "max": self.group_max},
                "workshop.steps": [(s.minutes, "break") if s.is_break else s.minutes for s in self.steps], "workshop.avoid": len(self.avoid),
                "workshop.before_launch.questions": len(self.before_launch_questions),
                "workshop.preparation": self.preparation, "workshop.difficulty": self.difficulty, "workshop.france": bool(self.france),
                "workshop.canvas": (len(self.canvas.columns), self.canvas.rows, [len(r) for r in self.canvas.example]) if self.canvas else None}

    @staticmethod
    def no_invariant() -> dict:
        return dict.fromkeys(("workshop.duration", "workshop.group", "workshop.steps", "workshop.avoid",
                              "workshop.before_launch.questions", "workshop.preparation", "workshop.difficulty",
                              "workshop.france", "workshop.canvas"))


@dataclass(frozen=True)
class PageData:
    file: str  # as shown in messages, e.g. "docs/contrastes/invitation.fr.md"
    base: str  # language-neutral path inside docs/, e.g. "contrastes/invitation"
    lang: str
    id: str
    kind: str
    order: int
    title: str
    description: str
    label: str = ""
    claims: tuple[Claim, ...] = ()
    remarks: tuple[Remark, ...] = ()
    answers: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    signs: tuple[str, ...] = ()
    markers: tuple[str, ...] = ()
    anchors: tuple[str, ...] = ()  # explicit heading ids ({#id}) in the body, in order
    workshop: Workshop | None = None  # contrast, approach and pillar pages: the session plan
    entries: tuple[DatedEntry, ...] = ()  # the history page: dated entries since the article
    further: tuple[Reading, ...] = ()  # the history page: further reading
    plan_of: str = ""  # a plan page: the id of the page whose workshop it prints
    programme: tuple[ProgrammeStep, ...] = ()  # the catalogue: a suggested programme, week by week

    @classmethod
    def from_meta(cls, meta: dict, *, file: str, base: str, lang: str, markers: tuple[str, ...],
                  anchors: tuple[str, ...] = ()) -> PageData:
        """Build from front matter that already passed the JSON Schema."""
        claims = tuple(
            Claim(key=key, text=value["text"].strip(), implied=bool(value.get("implied", False)),
                  label=(value.get("label") or "").strip(),
                  source=next(iter((value.get("source") or {}).items()), ()))
            for key, value in (meta.get("claims") or {}).items()
        )
        remarks = tuple(
            Remark(id=r["id"], annotates=r["annotates"], stance=r["stance"], text=r["text"].strip(),
                   context=(r.get("context") or "").strip())
            for r in meta.get("remarks") or ()
        )
        return cls(
            file=file,
            base=base,
            lang=lang,
            id=meta["id"],
            kind=meta["kind"],
            order=meta["order"],
            title=meta["title"].strip(),
            description=meta["description"].strip(),
            label=(meta.get("label") or meta["title"]).strip(),
            claims=claims,
            remarks=remarks,
            answers=tuple(meta.get("answers") or ()),
            addresses=tuple(meta.get("addresses") or ()),
            related=tuple(meta.get("related") or ()),
            questions=tuple(q.strip() for q in meta.get("questions") or ()),
            signs=tuple(s.strip() for s in meta.get("signs") or ()),
            markers=markers,
            anchors=anchors,
            workshop=Workshop.from_meta(meta["workshop"]) if meta.get("workshop") else None,
            entries=tuple(DatedEntry(id=e["id"], date=e["date"], title=e["title"].strip(), text=e["text"].strip(),
                                bears_on=tuple(e.get("bears_on") or ()), sources=tuple(Reading.from_meta(r) for r in e["sources"]))
                          for e in meta.get("entries") or ()),
            further=tuple(Reading.from_meta(r) for r in meta.get("further") or ()),
            plan_of=meta.get("plan_of", ""),
            programme=tuple(ProgrammeStep(week=w["week"], ids=tuple(w.get("ids") or ()), what=w["what"].strip())
                            for w in meta.get("programme") or ()),
        )

    def claim(self, key: str) -> Claim | None:
        return next((c for c in self.claims if c.key == key), None)

    def remarks_on(self, key: str) -> tuple[Remark, ...]:
        return tuple(r for r in self.remarks if r.annotates == key)

    def invariant(self) -> dict:
        """The language-independent data that twins must share."""
        return {
            "id": self.id,
            "kind": self.kind,
            "order": self.order,
            "claims": [(c.key, c.implied) for c in self.claims],
            "remarks": [(r.id, r.annotates, r.stance) for r in self.remarks],
            "remarks.context": [r.id for r in self.remarks if r.context],  # both twins date a remark, or neither
            "answers": list(self.answers),
            "addresses": list(self.addresses),
            "related": list(self.related),
            "questions": len(self.questions),
            "signs": len(self.signs),
            "markers": sorted(self.markers),
            "anchors": list(self.anchors),
            **(self.workshop.invariant() if self.workshop else Workshop.no_invariant()),
            "entries": [(e.id, e.date, list(e.bears_on), [r.url for r in e.sources]) for e in self.entries],
            "further": [r.url for r in self.further],
            "plan_of": self.plan_of,
            "programme": [(w.week, list(w.ids)) for w in self.programme],
        }


@dataclass
class Site:
    """All pages of all languages, validated together."""

    languages: tuple[str, ...]
    default_language: str
    pages: dict[str, dict[str, PageData]] = field(default_factory=dict)  # lang -> id -> page
    missing: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lang -> bases without a file
    unfinished: tuple = ()  # rse.placeholders problems ("TODO" left by ./dev new), in file order
    # file (as messages name it) -> (front matter as read and checked, body, line where the body starts)
    sources: dict[str, tuple[dict, str, int]] = field(default_factory=dict)
    provenance: dict = field(default_factory=dict)  # passage of the article -> rse.provenance.Place (provenance.yml)

    def of(self, lang: str) -> dict[str, PageData]:
        return self.pages.get(lang, {})

    def by_kind(self, lang: str, kind: str) -> list[PageData]:
        return list(self._index().kinds(lang).get(kind, ()))

    def page(self, lang: str, page_id: str) -> PageData:
        return self.of(lang)[page_id]

    def by_base(self, lang: str, base: str) -> PageData | None:
        return self._index().bases(lang).get(base)

    def pillars_answering(self, lang: str, page_id: str) -> list[PageData]:
        return list(self._index().answering(lang).get(page_id, ()))

    def entries_on(self, lang: str, page_id: str) -> list[tuple[PageData, DatedEntry]]:
        """(the history page, the entry) of each dated entry that bears on a page, in reading order."""
        return [(p, e) for kind in REGISTRY for p in self.by_kind(lang, kind.name) for e in p.entries if page_id in e.bears_on]

    def plan_page(self, lang: str, page_id: str) -> PageData | None:
        """The printable plan page (kind with 'plan_of') of a page's workshop, if there is one."""
        return self._index().plans(lang).get(page_id)

    def all_remarks(self, lang: str) -> list[tuple[PageData, Remark]]:
        pages = sorted(self.of(lang).values(), key=lambda p: (KINDS.index(p.kind), p.order, p.id))
        return [(p, r) for p in pages for r in p.remarks]

    def _index(self) -> _Index:
        """Lookups by base, kind and pillar link, built once per language and reused by every page
        (a page asking its twin or its pillars must not scan the whole site: that is N x N).
        Rebuilt whenever ``pages`` changes size or a language's mapping is replaced."""
        key = tuple((lang, id(pages), len(pages)) for lang, pages in self.pages.items())
        cached = self.__dict__.get("_cached_index")
        if cached is None or cached[0] != key:
            cached = (key, _Index(self.pages))
            self.__dict__["_cached_index"] = cached
        return cached[1]


class _Index:
    """Derived lookups of a Site, computed lazily per language."""

    def __init__(self, pages: dict[str, dict[str, PageData]]):
        self._pages = pages
        self._bases: dict[str, dict[str, PageData]] = {}
        self._kinds: dict[str, dict[str, tuple[PageData, ...]]] = {}
        self._answering: dict[str, dict[str, tuple[PageData, ...]]] = {}
        self._plans: dict[str, dict[str, PageData]] = {}

    def plans(self, lang: str) -> dict[str, PageData]:
        """{page id: its printable plan page} (the first one, as a linear scan would find it)."""
        if lang not in self._plans:
            found: dict[str, PageData] = {}
            for page in self._pages.get(lang, {}).values():
                if page.plan_of:
                    found.setdefault(page.plan_of, page)
            self._plans[lang] = found
        return self._plans[lang]

    def bases(self, lang: str) -> dict[str, PageData]:
        if lang not in self._bases:
            found: dict[str, PageData] = {}
            for page in self._pages.get(lang, {}).values():
                found.setdefault(page.base, page)  # first one wins, as the former linear scan did
            self._bases[lang] = found
        return self._bases[lang]

    def kinds(self, lang: str) -> dict[str, tuple[PageData, ...]]:
        if lang not in self._kinds:
            groups: dict[str, list[PageData]] = {}
            for page in self._pages.get(lang, {}).values():
                groups.setdefault(page.kind, []).append(page)
            self._kinds[lang] = {kind: tuple(sorted(group, key=lambda p: (p.order, p.id))) for kind, group in groups.items()}
        return self._kinds[lang]

    def answering(self, lang: str) -> dict[str, tuple[PageData, ...]]:
        if lang not in self._answering:
            found: dict[str, list[PageData]] = {}
            for kind in REGISTRY:  # pages of a kind with links (the pillars), by the page each link names
                for source in self.kinds(lang).get(kind.name, ()):
                    for target in dict.fromkeys(i for link in kind.links for i in getattr(source, link.field)):
                        found.setdefault(target, []).append(source)
            self._answering[lang] = {target: tuple(pillars) for target, pillars in found.items()}
        return self._answering[lang]
