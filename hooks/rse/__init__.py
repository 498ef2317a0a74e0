"""Content engine of the RSE site: plain Python, no MkDocs imports.

parse (frontmatter) -> validate (schema, site) -> render (render).
The MkDocs adapter lives in ``hooks/rse_mkdocs.py`` and only routes events here.
"""
