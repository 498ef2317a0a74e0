"""Checks run on the whole project by ``./dev check`` (``python -m rse.cli check``).

Each module is plain Python: it takes paths or text and returns a list of
:class:`rse.errors.Problem` (file, line, field, expected, found, what to do). Only
``build`` runs MkDocs, as a separate process, so the checks survive an engine change.
"""
