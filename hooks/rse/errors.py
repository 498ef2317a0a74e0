"""One error type for every problem a contributor can make in a page."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """A single, located problem: which file, where, which field, expected vs found."""

    file: str
    field: str
    expected: str
    found: str
    line: int | None = None
    hint: str = ""

    def __str__(self) -> str:
        where = f"{_shown(self.file)}:{self.line}" if self.line else _shown(self.file)
        field = _shown(self.field)
        field = field if len(field) <= 100 else field[:97] + "..."
        text = f"{where}: field '{field}': expected {_shown(self.expected)}; found {_shown(self.found)}."
        return f"{text} {_shown(self.hint)}".rstrip()


def _shown(text: str) -> str:
    """Text on one line, whatever a contributor typed: line breaks, terminal escapes and other
    invisible characters written as escapes (a problem stays one line of the log, and a log line
    cannot be forged)."""
    text = str(text)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class ContentError(Exception):
    """Raised with every problem found; the message has one line per problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def describe(value: object) -> str:
    """How a found value is shown in a message: short, typed, unambiguous."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return repr(shown)
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return f"a list of {len(value)} item(s)"
    if isinstance(value, dict):
        return "a mapping with keys " + ", ".join(repr(str(k)) for k in value) if value else "an empty mapping"
    if hasattr(value, "isoformat"):
        return f"the date {value.isoformat()}"
    return type(value).__name__
