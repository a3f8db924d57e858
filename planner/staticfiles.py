"""The static files' storage in production: WhiteNoise's, with each file's URL worked out once.

A file's URL comes from the manifest that collectstatic wrote, read once when the storage is
made, so it cannot change while the site runs. Working it out on each {% static %} (clean the
name, look it up, quote it, join it to STATIC_URL) cost a tenth of a page's template: every
page has five. Only names the manifest knows are kept (an unknown name raises, as before), so
the kept URLs are as many as the files.
"""

from __future__ import annotations

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name: str | None, force: bool = False) -> str:
        # With DEBUG the manifest's storage gives names without their hash (Django's rule).
        if name is None or force or settings.DEBUG:
            return super().url(name, force)
        if name not in self._urls:
            self._urls[name] = super().url(name)
        return self._urls[name]
