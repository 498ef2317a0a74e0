"""Switches read from the environment (RSE_PREVIEW, RSE_PARALLEL, ...), parsed one way everywhere."""

from __future__ import annotations

import os

TRUE = ("1", "true", "yes")


def flag(name: str) -> bool:
    """True when the variable is set to 1, true or yes (any case, surrounding spaces ignored)."""
    return os.environ.get(name, "").strip().lower() in TRUE
