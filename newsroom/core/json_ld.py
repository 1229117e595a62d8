"""Structured data (JSON-LD) as a script element a strict CSP allows."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from newsroom.core.text import for_documents

# The escapes of Django's json_script: inside <script>, "</script>" or
# "<!--" in a headline must not end the element or open a comment. U+2028
# and U+2029 end a line in older JavaScript parsers, so they are escaped too.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def json_ld_script(context, data) -> dict:
    """Context for `includes/json_ld.html`: structured data as a script."""
    request = context.get("request")
    # Only with a strict CSP (django-csp) is there a nonce to give.
    nonce = getattr(request, "csp_nonce", None)
    text = json.dumps(for_documents(data), cls=DjangoJSONEncoder, ensure_ascii=False)
    return {"json": mark_safe(text.translate(_SCRIPT_ESCAPES)), "nonce": nonce}
