"""The Mozilla HTTP Observatory's scoring, applied to Django test responses.

Each function mirrors one Observatory test: it returns (result name, score
modifier, passed). The grade starts at 100; penalties always count, bonuses
only once the score without them is at least 90 (the Observatory's rule), and
100 or more is an A+.
"""

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

SIX_MONTHS = 15768000
PRIVATE_REFERRER_POLICIES = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
UNSAFE_REFERRER_POLICIES = {"origin", "origin-when-cross-origin", "unsafe-url"}
UNSAFE_REFERRER_POLICIES |= {"no-referrer-when-downgrade"}
SESSION_COOKIE_HINTS = ("session", "sess", "login", "auth", "token", "csrf")


@dataclass
class Outcome:
    result: str
    modifier: int
    passed: bool


def parse_csp(header):
    policy = {}
    for directive in header.split(";"):
        parts = directive.split()
        if parts:
            name = parts[0].lower()
            if name in policy:
                raise ValueError(f"directive {name} repeated")
            policy[name] = [source.lower() for source in parts[1:]]
    return policy


def content_security_policy(response):
    headers = response.headers.get("Content-Security-Policy")
    if not headers:
        return Outcome("csp-not-implemented", -25, False)
    try:
        policy = parse_csp(headers)
    except ValueError:
        return Outcome("csp-header-invalid", -25, False)
    default = policy.get("default-src", ["*"])
    scripts = policy.get("script-src", default)
    styles = policy.get("style-src", default)
    has_nonce_or_hash = any(
        source.startswith(("'nonce-", "'sha256-", "'sha384-", "'sha512-"))
        for source in scripts
    )
    unsafe_script_sources = {"*", "http:", "https:", "data:", "'unsafe-inline'"}
    if "'unsafe-inline'" in scripts and has_nonce_or_hash:
        unsafe_script_sources.discard("'unsafe-inline'")
    if unsafe_script_sources & set(scripts):
        return Outcome("csp-implemented-with-unsafe-inline", -20, False)
    if any(source.startswith("http:") for source in scripts + styles):
        return Outcome("csp-implemented-with-insecure-scheme", -20, False)
    if "'unsafe-eval'" in scripts:
        return Outcome("csp-implemented-with-unsafe-eval", -10, False)
    if "'unsafe-inline'" in styles:
        return Outcome("csp-implemented-with-unsafe-inline-in-style-src-only", 0, True)
    if policy.get("default-src") == ["'none'"]:
        return Outcome("csp-implemented-with-no-unsafe-default-src-none", 10, True)
    return Outcome("csp-implemented-with-no-unsafe", 5, True)


def cookies(response):
    jar = response.cookies
    if not jar:
        return Outcome("cookies-not-found", 0, True)
    for name, morsel in jar.items():
        is_session = any(hint in name.lower() for hint in SESSION_COOKIE_HINTS)
        if not morsel["secure"]:
            if is_session:
                return Outcome("cookies-session-without-secure-flag", -40, False)
            return Outcome("cookies-without-secure-flag", -20, False)
        samesite = (morsel["samesite"] or "").lower()
        if samesite and samesite not in {"strict", "lax", "none"}:
            return Outcome("cookies-samesite-flag-invalid", -20, False)
        if is_session and not morsel["httponly"]:
            return Outcome("cookies-session-without-httponly-flag", -30, False)
    if all(morsel["samesite"] for morsel in jar.values()):
        return Outcome("cookies-secure-with-httponly-sessions-and-samesite", 5, True)
    return Outcome("cookies-secure-with-httponly-sessions", 0, True)


def cross_origin_resource_sharing(response):
    allowed = response.headers.get("Access-Control-Allow-Origin")
    if not allowed:
        return Outcome("cross-origin-resource-sharing-not-implemented", 0, True)
    if allowed == "*":
        return Outcome(
            "cross-origin-resource-sharing-implemented-with-public-access", 0, True
        )
    credentials = response.headers.get("Access-Control-Allow-Credentials", "")
    if allowed == "https://attacker.example" and credentials.lower() == "true":
        return Outcome(
            "cross-origin-resource-sharing-implemented-with-universal-access",
            -50,
            False,
        )
    return Outcome(
        "cross-origin-resource-sharing-implemented-with-restricted-access", 0, True
    )


def redirection(http_response, host):
    if http_response.status_code not in {301, 302, 307, 308}:
        return Outcome("redirection-missing", -20, False)
    target = urlsplit(http_response.headers["Location"])
    if target.scheme != "https":
        return Outcome("redirection-not-to-https", -20, False)
    if target.hostname != host:
        return Outcome("redirection-off-host-from-http", -5, False)
    return Outcome("redirection-to-https", 0, True)


def referrer_policy(response):
    header = response.headers.get("Referrer-Policy")
    if not header:
        return Outcome("referrer-policy-not-implemented", 0, True)
    values = [value.strip().lower() for value in header.split(",")]
    valid = PRIVATE_REFERRER_POLICIES | UNSAFE_REFERRER_POLICIES
    if not all(value in valid for value in values):
        return Outcome("referrer-policy-header-invalid", -5, False)
    # Browsers use the last value they understand.
    if values[-1] in PRIVATE_REFERRER_POLICIES:
        return Outcome("referrer-policy-private", 5, True)
    return Outcome("referrer-policy-unsafe", -5, False)


def strict_transport_security(response):
    header = response.headers.get("Strict-Transport-Security")
    if not header:
        return Outcome("hsts-not-implemented", -20, False)
    directives = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition("=")
        directives[name.lower()] = value
    try:
        max_age = int(directives["max-age"])
    except (KeyError, ValueError):
        return Outcome("hsts-header-invalid", -20, False)
    if max_age < SIX_MONTHS:
        return Outcome("hsts-implemented-max-age-less-than-six-months", -10, False)
    return Outcome("hsts-implemented-max-age-at-least-six-months", 0, True)


class _ScriptFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))


def subresource_integrity(response, origin):
    if "html" not in response.headers.get("Content-Type", ""):
        return Outcome("sri-not-implemented-response-not-html", 0, True)
    finder = _ScriptFinder()
    finder.feed(response.content.decode())
    external = [
        script
        for script in finder.scripts
        if script.get("src") and urlsplit(script["src"]).netloc not in {"", origin}
    ]
    if not finder.scripts:
        return Outcome("sri-not-implemented-but-no-scripts-loaded", 0, True)
    if not external:
        return Outcome(
            "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0, True
        )
    if any(urlsplit(script["src"]).scheme == "http" for script in external):
        return Outcome(
            "sri-not-implemented-and-external-scripts-not-loaded-securely", -50, False
        )
    if all(script.get("integrity") for script in external):
        return Outcome("sri-implemented-and-external-scripts-loaded-securely", 5, True)
    return Outcome(
        "sri-not-implemented-but-external-scripts-loaded-securely", -5, False
    )


def x_content_type_options(response):
    header = response.headers.get("X-Content-Type-Options")
    if header is None:
        return Outcome("x-content-type-options-not-implemented", -5, False)
    if header.strip().lower() != "nosniff":
        return Outcome("x-content-type-options-header-invalid", -5, False)
    return Outcome("x-content-type-options-nosniff", 0, True)


def x_frame_options(response):
    csp = response.headers.get("Content-Security-Policy")
    if csp and "frame-ancestors" in parse_csp(csp):
        return Outcome("x-frame-options-implemented-via-csp", 5, True)
    header = (response.headers.get("X-Frame-Options") or "").strip().upper()
    if not header:
        return Outcome("x-frame-options-not-implemented", -20, False)
    if header in {"DENY", "SAMEORIGIN"}:
        return Outcome("x-frame-options-sameorigin-or-deny", 0, True)
    return Outcome("x-frame-options-header-invalid", -20, False)


def cross_origin_resource_policy(response):
    header = response.headers.get("Cross-Origin-Resource-Policy")
    if header is None:
        return Outcome("corp-not-implemented", 0, True)
    if header.strip().lower() not in {"same-origin", "same-site", "cross-origin"}:
        return Outcome("corp-header-invalid", -5, False)
    return Outcome(f"corp-implemented-with-{header.strip().lower()}", 0, True)


def grade(*, https_response, http_response, host):
    """Every Observatory test for one page, the score and the letter."""
    outcomes = {
        "content-security-policy": content_security_policy(https_response),
        "cookies": cookies(https_response),
        "cross-origin-resource-sharing": cross_origin_resource_sharing(https_response),
        "redirection": redirection(http_response, host),
        "referrer-policy": referrer_policy(https_response),
        "strict-transport-security": strict_transport_security(https_response),
        "subresource-integrity": subresource_integrity(https_response, host),
        "x-content-type-options": x_content_type_options(https_response),
        "x-frame-options": x_frame_options(https_response),
        "cross-origin-resource-policy": cross_origin_resource_policy(https_response),
    }
    score = 100 + sum(o.modifier for o in outcomes.values() if o.modifier < 0)
    if score >= 90:
        score += sum(o.modifier for o in outcomes.values() if o.modifier > 0)
    letter = "A+" if score >= 100 else "below A+"
    return score, letter, outcomes
