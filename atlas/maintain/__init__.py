"""Maintainers' commands: the command line (check, build, fmt, stale, schema), the canonical
formatter, the stale report, the JSON Schemas and the field reference of the CONTRIBUTING guides.

May import every other layer.
"""
