"""Atlas de la réinsertion / Re-integratieatlas: the package behind the site.

Layers, each importing only those listed before it:
text (labels, URLs, folding) → data (YAML, model, loader, geography, areas, the directory) →
site (pages made from the data, guides, glossary, templates) → build (the MkDocs side) and
exports (open-data formats) → maintain (command line, fmt, stale, schema).
`hooks/atlas_hooks.py` only forwards MkDocs events to `atlas.build.events`.
"""
