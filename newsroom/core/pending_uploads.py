"""An upload survives a refused save: the file is stored aside and offered
again by the re-rendered form, so the editor does not have to pick it twice.

A browser cannot put a file back into a file input, so the form carries a
signed token naming the stored file instead; the next post of the form
takes the file from there unless a new one is chosen (or "clear" ticked).
The token names its user and expires, so it opens no one else's upload.
"""

import os
import secrets

from django import forms
from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.datastructures import MultiValueDict

FIELD = "pending_uploads"
FOLDER = "pending"
SALT = "newsroom.pending-uploads"
# Long enough to fix a form after lunch; a later post starts afresh.
MAX_AGE_SECONDS = 24 * 60 * 60


def _user_key(user) -> str:
    return str(getattr(user, "pk", "") or "")


def keep_aside(upload: UploadedFile) -> str:
    """Store `upload` where no page links to it; its storage name."""
    name = os.path.basename(upload.name or "upload")
    upload.seek(0)
    return default_storage.save(f"{FOLDER}/{secrets.token_hex(12)}/{name}", upload)


def token_for(kept: dict[str, str], *, user) -> str:
    return signing.dumps({"user": _user_key(user), "files": kept}, salt=SALT)


def read_token(token: str, *, user) -> dict[str, str]:
    """The stored files a token names, {} when it is forged, old or not theirs."""
    if not token:
        return {}
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return {}
    if not isinstance(payload, dict) or payload.get("user") != _user_key(user):
        return {}
    files = payload.get("files")
    if not isinstance(files, dict):
        return {}
    return {
        name: path
        for name, path in files.items()
        if isinstance(path, str) and path.startswith(f"{FOLDER}/")
    }


class PendingUploadFormMixin(forms.Form):
    """For forms with file fields; `editing_user` names who fills it in."""

    pending_uploads = forms.CharField(widget=forms.HiddenInput, required=False)
    editing_user = None

    # Names of the files offered again, for the page to tell the editor.
    kept_uploads = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self._take_back_kept_files()

    def _file_fields(self):
        return [
            name
            for name, field in self.fields.items()
            if isinstance(field, forms.FileField)
        ]

    def _take_back_kept_files(self):
        kept = read_token(
            self.data.get(self.add_prefix(FIELD), ""), user=self.editing_user
        )
        files = MultiValueDict(self.files)
        taken = []
        for name in self._file_fields():
            key = self.add_prefix(name)
            cleared = self.data.get(f"{key}-clear")
            if name not in kept or files.get(key) or cleared:
                continue
            try:
                with default_storage.open(kept[name]) as stored:
                    content = stored.read()
            except OSError:
                continue
            files[key] = SimpleUploadedFile(os.path.basename(kept[name]), content)
            taken.append(os.path.basename(kept[name]))
        self.files = files
        self.kept_uploads = taken

    def full_clean(self):
        super().full_clean()
        if not self.is_bound or not self._errors:
            return
        kept = {}
        for name in self._file_fields():
            upload = self.cleaned_data.get(name)
            if name in self._errors or not isinstance(upload, UploadedFile):
                continue
            try:
                kept[name] = keep_aside(upload)
            except OSError:
                # The storage refused it: the form says to pick it again.
                continue
        if kept:
            self.data = self.data.copy()
            self.data[self.add_prefix(FIELD)] = token_for(kept, user=self.editing_user)
            self.kept_uploads = [os.path.basename(path) for path in kept.values()]
