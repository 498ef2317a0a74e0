"""The registry of page kinds (hooks/rse/kinds.py) is the one place kinds are declared."""

from __future__ import annotations

import json

from rse import kinds, markers, scaffold
from sitebuild import ROOT


def test_the_schema_knows_the_same_kinds_in_the_same_order():
    schema = json.loads((ROOT / "schema/page.schema.json").read_text(encoding="utf-8"))
    assert tuple(schema["properties"]["kind"]["enum"]) == kinds.NAMES


def test_markers_and_scaffold_read_the_registry():
    assert markers.required_for("trainer", False) == set(kinds.of("trainer").markers)
    assert markers.required_for("contrast", True) == {"claims", "questions", "signs", "relations", "workshop"}
    assert scaffold.FOLDERS == {"contrast": "contrastes", "approach": "approches", "pillar": "piliers"}
    assert scaffold.CLAIMS["contrast"] == ("personal", "enterprise")
    assert kinds.WITH_DATA == ("contrast", "approach", "pillar")
