"""What django-reversion keeps a history of, registered once.

A story's revision carries its bylines and corrections with it (tags are part
of the story's own record), so reverting brings the whole story back. The
derived HTML and the edit counter are left out: both are recomputed on save.
"""

import reversion

from newsroom.models import (
    Article,
    Author,
    AuthorLink,
    Byline,
    Correction,
    Section,
    Tag,
)


def _register(model, **options):
    if not reversion.is_registered(model):
        reversion.register(model, **options)


_register(Byline)
_register(Correction)
_register(Article, follow=["bylines", "corrections"], exclude=["body_html", "version"])
_register(AuthorLink)
_register(Author, follow=["links"])
_register(Section)
_register(Tag)
