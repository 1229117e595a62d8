"""Hooks: a function one app calls and another app provides.

Imports point one way (core <- devices <- the editorial app), yet a lower
layer sometimes shows what only a higher one knows: a device page lists the
stories about the device. The lower layer declares a `Hook` and calls it;
the higher layer hands over the function in its `AppConfig.ready()`. That is
the whole mechanism: one provider per hook, no signals, no ordering rules
beyond "apps are ready before requests arrive".
"""

from django.core.exceptions import ImproperlyConfigured


class Hook:
    def __init__(self, name: str, doc: str = ""):
        self.name = name
        self.__doc__ = doc
        self._provider = None

    def provide(self, function):
        """Make `function` the one that answers this hook (at app ready)."""
        self._provider = function
        return function

    def __call__(self, *args, **kwargs):
        if self._provider is None:
            raise ImproperlyConfigured(
                f"Nothing provides the hook {self.name!r}: is the app that "
                "fills it in INSTALLED_APPS?"
            )
        return self._provider(*args, **kwargs)

    def __repr__(self):
        return f"<Hook {self.name}>"
