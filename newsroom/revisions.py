"""What django-reversion keeps a history of, registered once.

A story's revision carries its bylines, corrections and the devices and
events it covers (tags are part of the story's own record), so reverting
brings the whole story back. The derived HTML and the edit counter are left
out: both are recomputed on save.
"""

import reversion

from newsroom.models import (
    Article,
    ArticleDevice,
    ArticleLaunchEvent,
    Author,
    AuthorLink,
    Byline,
    Correction,
    Section,
    Tag,
)

reversion.register(Byline)
reversion.register(Correction)
reversion.register(ArticleDevice)
reversion.register(ArticleLaunchEvent)
reversion.register(
    Article,
    follow=["bylines", "corrections", "device_links", "launch_event_links"],
    exclude=["body_html", "version"],
)
reversion.register(AuthorLink)
reversion.register(Author, follow=["links"], exclude=["version"])
reversion.register(Section, exclude=["version"])
reversion.register(Tag, exclude=["version"])
