"""Structured data (JSON-LD) as a script element a strict CSP allows."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

# The escapes of Django's json_script: inside <script>, "</script>" or
# "<!--" in a headline must not end the element or open a comment.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(context, data) -> dict:
    """Context for `includes/json_ld.html`: structured data as a script."""
    request = context.get("request")
    # Only with a strict CSP (django-csp) is there a nonce to give.
    nonce = getattr(request, "csp_nonce", None)
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return {"json": mark_safe(text.translate(_SCRIPT_ESCAPES)), "nonce": nonce}
