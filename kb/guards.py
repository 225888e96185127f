"""Abuse resistance for the anonymous forms on public pages, without storing personal data.

Plain functions over a request or a string, so each rule is testable without a view.

- **Same-origin check** instead of a CSRF token (see kb/views/feedback.py for why): a POST must
  carry an `Origin` header, or failing that a `Referer`, naming this site.
- **Visitor hashes**: an IP address is only ever stored as a keyed hash
  (`salted_hmac`, keyed with SECRET_KEY). Without the key nobody can recompute it from a
  guessed address, and the stored value says nothing about the visitor.
- **Limits**: comment rate per IP (kb/ratelimit.py, keyed hashes too), number of links in
  a comment.
"""

import functools
import logging
import re
from datetime import date, timedelta
from ipaddress import IPv4Network, IPv6Network, ip_address, ip_network
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

from kb import ratelimit

logger = logging.getLogger(__name__)

COMMENTS_PER_WINDOW = 5
COMMENT_WINDOW = timedelta(minutes=10)
MAX_LINKS = 2

LINK_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def client_ip(request: HttpRequest) -> str:
    """The visitor's address: the peer (REMOTE_ADDR), or behind trusted proxies the address
    they saw.

    `X-Forwarded-For` is believed only when the peer is in KB_TRUSTED_PROXIES, and then read
    from the right (each proxy appends the address it saw): take the last entry, and go on
    leftwards while the address just taken is itself a trusted proxy, for at most
    KB_PROXY_HOPS entries. Whatever a visitor writes into the header themselves stands left
    of that and is never reached. Rate limits, vote fingerprints and the login throttle
    (axes) all use this."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = trusted_proxies(tuple(settings.KB_TRUSTED_PROXIES))
    if not proxies:
        return address
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
    for entry in reversed(hops[-settings.KB_PROXY_HOPS :] if settings.KB_PROXY_HOPS else []):
        if not is_trusted(address, proxies):
            break
        parsed = parse_address(entry)
        if parsed is None:
            logger.warning("X-Forwarded-For from trusted proxy %s is malformed: %r", address, entry)
            break
        address = parsed
    return address


@functools.cache
def trusted_proxies(entries: tuple[str, ...]) -> tuple[IPv4Network | IPv6Network, ...]:
    """KB_TRUSTED_PROXIES parsed once: addresses and networks (`10.0.0.0/8`)."""
    try:
        return tuple(ip_network(entry.strip(), strict=False) for entry in entries if entry.strip())
    except ValueError as error:
        raise ImproperlyConfigured(
            f"KB_TRUSTED_PROXIES içinde geçersiz bir adres ya da ağ var "
            f"(invalid address or network): {error}"
        ) from error


def is_trusted(address: str, proxies) -> bool:
    try:
        parsed = ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in proxies)


def parse_address(entry: str) -> str | None:
    """An X-Forwarded-For entry as a plain address: `203.0.113.7`, `203.0.113.7:5123`,
    `2001:db8::1` or `[2001:db8::1]:443`; None if it is none of these."""
    candidates = [entry]
    if entry.startswith("[") and "]" in entry:
        candidates.append(entry[1 : entry.index("]")])
    elif entry.count(":") == 1:
        candidates.append(entry.split(":")[0])
    for candidate in candidates:
        try:
            return str(ip_address(candidate))
        except ValueError:
            continue
    return None


def vote_fingerprint(request: HttpRequest, code: str, day: date) -> str:
    """A keyed hash of IP + browser + code + day: equal for the same visitor voting twice
    on one page on one day, and impossible to link to that visitor's other votes."""
    user_agent = request.META.get("HTTP_USER_AGENT", "")[:300]
    value = "\n".join([client_ip(request), user_agent, code, day.isoformat()])
    return salted_hmac("kb.guards.vote", value, algorithm="sha256").hexdigest()


def count_links(text: str) -> int:
    return len(LINK_RE.findall(text))


def comment_rate_exceeded(request: HttpRequest) -> bool:
    """True when this address already sent COMMENTS_PER_WINDOW comments in the current
    window; otherwise counts this comment (atomically: kb/ratelimit.py) and answers False."""
    return not ratelimit.allow("comment", client_ip(request), COMMENTS_PER_WINDOW, COMMENT_WINDOW)


def _origin_of(url: str) -> str | None:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def allowed_origins(request: HttpRequest) -> set[str]:
    """This site as the visitor reached it, as configured (KB_SITE_URL), and any trusted
    origin (e.g. https behind a TLS-terminating proxy)."""
    origins = {f"{request.scheme}://{request.get_host()}".lower()}
    for url in [settings.KB_SITE_URL, *settings.CSRF_TRUSTED_ORIGINS]:
        origin = _origin_of(url)
        if origin:
            origins.add(origin)
    return origins


def is_same_origin(request: HttpRequest) -> bool:
    """The OWASP "verify origin with standard headers" check.

    Browsers send `Origin` on every cross-site POST and on same-site form POSTs; when it is
    missing (old browsers), the `Referer` stands in. With neither, or `Origin: null`, the
    request is refused: we cannot tell where it came from.
    """
    origin = request.META.get("HTTP_ORIGIN")
    if origin is not None:
        return origin.lower() in allowed_origins(request)
    referer = request.META.get("HTTP_REFERER")
    if referer:
        return _origin_of(referer) in allowed_origins(request)
    return False
