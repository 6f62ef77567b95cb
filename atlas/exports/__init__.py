"""Open data written with the site: HSDS 3.0, tabular, spreadsheet CSV, vCards, and the finder's
data file.

May import atlas.text and atlas.data.
"""
