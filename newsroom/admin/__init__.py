"""The editorial admin: what the newsroom registers, its forms and workflow.

Django's admin autodiscovery imports this package; `site` registers the
story, author, section and tag admins.
"""

from newsroom.admin import site  # noqa: F401
