"""The MkDocs side: the events the hooks forward, the /fr/ and /nl/ layout, CSP, sanitising,
per-language search, the landing page, and assembling site/ atomically.

May import every layer below it (text, data, site) and atlas.exports.
"""
