"""Text helpers that know nothing of the data: the FR/NL labels, page URLs, folding.

Imports nothing from the other layers of atlas.
"""
