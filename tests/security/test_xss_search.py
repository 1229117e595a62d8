"""Hostile story text, and hostile queries, render inert in search results:
snippets are escaped before their words are marked."""

from tests.security.xss import (
    test_corpus_is_inert_on_surface,  # noqa: F401 (run over XSS_SURFACES)
    xss_clients,  # noqa: F401 (its fixture)
)

XSS_SURFACES = {
    "search results": lambda story, c: c.reader.get("/search/", {"q": "Hostile"}),
    # Marks inside the hostile headline and snippet. Its own words, not its
    # markup: PostgreSQL's text search does not index tags, so a query made
    # of them finds nothing there (hostile queries: test_search_kinds).
    "search for its words": lambda story, c: c.reader.get(
        "/search/", {"q": story.title.split("<")[0].split("&")[0][:14]}
    ),
}
