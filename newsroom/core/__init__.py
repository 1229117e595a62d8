"""Shared infrastructure that knows nothing of stories or devices.

What belongs here: the machinery of subscriber documents (feed generators,
conditional GET, absolute addresses, tag URIs, JSON-LD, sitemap bases),
image uploads and renditions, admin widgets and mixins, revision compare and
diff, the stale-edit check, and the operations middleware (headers, hostile
input, faults, sign-in backends, URL converters).

Nothing in this package imports the editorial app (`newsroom` models, views,
admin...) or `devices`; both build on it. The import-linter contracts in
pyproject.toml hold that line.
"""
