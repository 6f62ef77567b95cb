"""The site's content made from the data: generated pages (services, communes, domains, finder,
referral sheet), the sanctions guide, the glossary, templates, and checks of hand-written pages.

May import atlas.text and atlas.data. Does not know MkDocs' events (that is atlas.build).
"""
