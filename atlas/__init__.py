"""Atlas de la réinsertion / Re-integratieatlas: data model, loader, page generation and build hooks."""
