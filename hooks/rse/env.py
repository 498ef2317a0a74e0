"""Switches read from the environment, parsed one way everywhere (see ``rse.settings``)."""

from .settings import flag

__all__ = ["flag"]
