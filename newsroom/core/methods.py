"""Which methods an address takes, and the answer to the others.

Views say what they take in Django's own ways: a class-based view by the
handlers it defines (`http_method_names`), a function view or a feed with
`require_safe`, whitenoise for static files. Whatever refused a method, the
reader gets the same answer here:

- a 405 with the styled page, its real length and an `Allow` header (a
  refusal from whitenoise streams and one from Django's decorators is
  empty; both are replaced, after every inner middleware has set its
  headers, so the length always matches the page);
- OPTIONS on any address a pattern matches is 200 with `Allow` and no body,
  as Django's class-based views answer it themselves: a 405 for OPTIONS
  from a view that refused it becomes that answer;
- the admin's function views take any method as a GET; they are held to
  GET, HEAD and POST (and OPTIONS) here.
"""

from django.http import HttpResponse, HttpResponseNotAllowed

from newsroom.core.error_pages import method_not_allowed

FORM_METHODS = ("GET", "HEAD", "POST")
# Headers that describe the refused body, not the answer that replaces it.
ENTITY_HEADERS = {
    "content-length",
    "content-type",
    "content-encoding",
    "content-range",
    "content-disposition",
    "accept-ranges",
    "etag",
    "last-modified",
}


def allowed(response) -> list[str]:
    """The methods a 405 names, with OPTIONS, which every address answers."""
    methods = [m.strip().upper() for m in response.get("Allow", "").split(",")]
    methods = [m for m in methods if m]
    return [*methods, "OPTIONS"] if "OPTIONS" not in methods else methods


def options_answer(methods: list[str]) -> HttpResponse:
    response = HttpResponse(status=200)
    response["Allow"] = ", ".join(methods)
    response["Content-Length"] = "0"
    return response


class MethodPolicyMiddleware:
    """Place it outside whitenoise, so static files are answered alike."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405:
            return response
        methods = allowed(response)
        answer = (
            options_answer(methods)
            if request.method == "OPTIONS"
            else method_not_allowed(methods)
        )
        for header, value in response.items():
            if header.lower() not in ENTITY_HEADERS and header.lower() != "allow":
                answer.headers.setdefault(header, value)
        answer.cookies = response.cookies
        # Not response.close(): it sends request_finished, which ends the
        # request's database connection while outer middleware may still
        # need it. A refusal holds no open file to release.
        return answer

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        in_admin = match is not None and "admin" in match.namespaces
        if in_admin and request.method not in FORM_METHODS:
            return HttpResponseNotAllowed(FORM_METHODS)
        return None
