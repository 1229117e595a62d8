import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

application = get_wsgi_application()

# Imported once the apps are loaded; see newsroom/core/hostile_input.py.
from newsroom.core.hostile_input import without_unreadable_charset  # noqa: E402

application = without_unreadable_charset(application)
