"""Open data written with the site: one module per format, and the finder's data file.

- `write.py`: writes every open-data file under the site's data/ folder (the one entry point).
- `hsds.py`: HSDS 3.0 JSON; `hsds_tabular.py`: the same as HSDS tables + datapackage.json;
  `spreadsheet.py`: services.csv; `vcard.py`: vCard 3.0 files; `readme.py`: the data's README.
- `records.py`: stable ids (uuid5) and a location's commune, shared by the formats;
  `encoding.py`: JSON and CSV as bytes.
- `finder_data.py`: the finder's and the place matcher's data files; `qr.py`: QR codes of the pages.

May import atlas.text, atlas.data and atlas.site (phone and fact formatting).
"""
