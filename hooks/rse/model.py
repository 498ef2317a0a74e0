"""Typed model of the site's content: one PageData per language file."""

from __future__ import annotations

from dataclasses import dataclass, field

STANCES = ("agrees", "nuances", "disagrees")
SIDES = ("personal", "enterprise")


@dataclass(frozen=True)
class Claim:
    key: str
    text: str
    implied: bool = False
    label: str = ""  # optional heading of the claim box, in this language


@dataclass(frozen=True)
class Remark:
    id: str
    annotates: str
    stance: str
    text: str


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

    @classmethod
    def from_meta(cls, meta: dict, *, file: str, base: str, lang: str, markers: tuple[str, ...],
                  anchors: tuple[str, ...] = ()) -> "PageData":
        """Build from front matter that already passed the JSON Schema."""
        claims = tuple(
            Claim(key=key, text=value["text"].strip(), implied=bool(value.get("implied", False)),
                  label=(value.get("label") or "").strip())
            for key, value in (meta.get("claims") or {}).items()
        )
        remarks = tuple(
            Remark(id=r["id"], annotates=r["annotates"], stance=r["stance"], text=r["text"].strip())
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
            "answers": list(self.answers),
            "addresses": list(self.addresses),
            "related": list(self.related),
            "questions": len(self.questions),
            "signs": len(self.signs),
            "markers": sorted(self.markers),
            "anchors": list(self.anchors),
        }


@dataclass
class Site:
    """All pages of all languages, validated together."""

    languages: tuple[str, ...]
    default_language: str
    pages: dict[str, dict[str, PageData]] = field(default_factory=dict)  # lang -> id -> page
    missing: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lang -> bases without a file

    def of(self, lang: str) -> dict[str, PageData]:
        return self.pages.get(lang, {})

    def by_kind(self, lang: str, kind: str) -> list[PageData]:
        return sorted((p for p in self.of(lang).values() if p.kind == kind), key=lambda p: (p.order, p.id))

    def page(self, lang: str, page_id: str) -> PageData:
        return self.of(lang)[page_id]

    def by_base(self, lang: str, base: str) -> PageData | None:
        return next((p for p in self.of(lang).values() if p.base == base), None)

    def pillars_answering(self, lang: str, page_id: str) -> list[PageData]:
        return [p for p in self.by_kind(lang, "pillar") if page_id in p.answers or page_id in p.addresses]

    def all_remarks(self, lang: str) -> list[tuple[PageData, Remark]]:
        kinds = ("home", "overview", "contrast", "approaches", "approach", "pillars", "pillar", "commentary", "sources")
        pages = sorted(self.of(lang).values(), key=lambda p: (kinds.index(p.kind), p.order, p.id))
        return [(p, r) for p in pages for r in p.remarks]
