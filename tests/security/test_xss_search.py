"""Hostile story text, and hostile queries, render inert in search results:
snippets are escaped before their words are marked."""

from tests.security.xss import (
    test_corpus_is_inert_on_surface,  # noqa: F401 (run over XSS_SURFACES)
    xss_clients,  # noqa: F401 (its fixture)
)

XSS_SURFACES = {
    "search results": lambda story, c: c.reader.get("/search/", {"q": "Hostile"}),
    "search for the payload": lambda story, c: c.reader.get(
        "/search/", {"q": f"Hostile {story.body}"}
    ),
}
