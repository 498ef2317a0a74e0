"""The build's settings, read from the environment once per build into one typed object.

Every switch the project reads is listed here (README, "Settings"); ``mkdocs.yml`` itself reads
three more with ``!ENV``: ``SITE_URL`` (where the site is published), ``RSE_ONLY_LANGUAGE``
(``./dev preview``: one language) and ``RSE_OFFLINE`` (the offline copy, ``./dev offline``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

TRUE = ("1", "true", "yes")


def flag(name: str, environ: Mapping[str, str] = os.environ) -> bool:
    """True when the variable is set to 1, true or yes (any case, surrounding spaces ignored)."""
    return environ.get(name, "").strip().lower() in TRUE


@dataclass(frozen=True)
class Settings:
    preview: bool = False  # RSE_PREVIEW (./dev preview): unfinished pages and missing translations shown, with a warning
    offline_archive: bool = False  # RSE_OFFLINE_ARCHIVE (./dev build): the trainer's page links to the offline zip

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        return cls(preview=flag("RSE_PREVIEW", environ), offline_archive=flag("RSE_OFFLINE_ARCHIVE", environ))
