"""The domain check: `GET /alan-adi` (the form, and the findings for `?d=`) and
`GET /api/alan-adi?d=…` (the same findings as JSON for support tooling).

The check itself is kb/smtp/domaincheck; this module validates the input, applies the
per-client rate limit, builds the check from the host profile and KB_DNS_RESOLVER, and
renders. Nothing is stored or cached: the answers carry `Cache-Control: no-store` and
the view is not one of kb/page_cache.py's CACHED_VIEWS."""

import ipaddress
import logging
from dataclasses import dataclass
from datetime import timedelta
from http import HTTPStatus

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from kb import ratelimit
from kb.guards import client_ip
from kb.models import HostProfile
from kb.smtp import domaincheck
from kb.smtp.domaincheck import codes as check_codes
from kb.views.api import json_response

logger = logging.getLogger(__name__)

CHECKS_PER_WINDOW = 10  # per client; one check makes up to 40 DNS queries
WINDOW = timedelta(minutes=1)
RATE_LIMITED = (
    "Kısa sürede çok sayıda kontrol yaptınız. Bir dakika bekleyip yeniden deneyin; "
    "sonuçlar kayıtlarınız değişmedikçe aynı kalır."
)
NO_RESOLVER = (
    "Sunucumuzda kullanılabilir bir DNS çözümleyicisi yok, bu yüzden alan adınızı şu an "
    "kontrol edemiyoruz. Sorun bizim tarafımızda; destek ekibimize bildirin."
)


def host_settings() -> domaincheck.Profile:
    """The host profile as the plain values the check compares with."""
    profile = HostProfile.current()
    return domaincheck.Profile(
        company_name=profile.company_name,
        spf_include=profile.spf_include,
        dkim_selector=profile.dkim_selector,
        mx_hosts=tuple(profile.mx_host_list),
        # written as the check writes a bounce's IP: 2001:DB8::10 and 2001:db8:0::10 are one
        outgoing_ips=tuple(str(ipaddress.ip_address(a)) for a in profile.outgoing_ip_list),
        panel_dns_path=profile.panel_dns_path,
        panel_dkim_path=profile.panel_dkim_path,
        ptr_request=profile.ptr_request,
    )


@dataclass
class Outcome:
    """What one request asked and got: the result, or a Turkish error with its status."""

    domain_text: str = ""
    code: str = ""
    ip_text: str = ""
    result: domaincheck.CheckResult | None = None
    error: str = ""
    error_field: str = ""
    status: int = HTTPStatus.OK

    def refused(self, error: str, field: str) -> "Outcome":
        self.error, self.error_field, self.status = error, field, HTTPStatus.BAD_REQUEST
        return self


def checked_code(request: HttpRequest) -> str:
    """The `kod` asked for, if the check knows what to look at for it; else ""."""
    code = request.GET.get("kod", "").strip()[:20]
    return code if check_codes.focus_of(code) else ""


def check_request(request: HttpRequest) -> Outcome:
    outcome = Outcome(
        request.GET.get("d", "")[:400],
        checked_code(request),
        request.GET.get("ip", "").strip()[:60],
    )
    try:
        domain = domaincheck.parse_domain(outcome.domain_text)
    except domaincheck.InvalidName as error:
        return outcome.refused(str(error), "d")
    try:
        sending_ip = domaincheck.parse_ip(outcome.ip_text) if outcome.ip_text else None
    except domaincheck.InvalidName as error:
        return outcome.refused(str(error), "ip")
    if not ratelimit.allow("domain-check", client_ip(request), CHECKS_PER_WINDOW, WINDOW):
        outcome.error, outcome.status = RATE_LIMITED, HTTPStatus.TOO_MANY_REQUESTS
        return outcome
    servers = domaincheck.parse_resolver_setting(settings.KB_DNS_RESOLVER)
    try:
        lookup = domaincheck.Lookup(domaincheck.make_resolver(servers))
    except domaincheck.Unreachable:
        logger.exception("domain check: no DNS resolver")
        outcome.error, outcome.status = NO_RESOLVER, HTTPStatus.SERVICE_UNAVAILABLE
        return outcome
    result = domaincheck.run_check(domain, lookup, host_settings(), outcome.code, sending_ip)
    if result.unreachable:
        logger.error("domain check: the DNS resolver %s did not answer", servers or "(system)")
        outcome.status = HTTPStatus.SERVICE_UNAVAILABLE
    outcome.result = result
    return outcome


@never_cache
@require_safe
def domain_check(request: HttpRequest) -> HttpResponse:
    if "d" not in request.GET:
        context = {"outcome": Outcome(code=checked_code(request))}
        return render(request, "kb/domain_check.html", context)
    outcome = check_request(request)
    context = {"outcome": outcome, "result": outcome.result}
    return render(request, "kb/domain_check.html", context, status=outcome.status)


ERROR_KEYS = {
    HTTPStatus.BAD_REQUEST: "invalid_input",
    HTTPStatus.TOO_MANY_REQUESTS: "rate_limited",
    HTTPStatus.SERVICE_UNAVAILABLE: "dns_unavailable",
}


@never_cache
@require_safe
def api_domain_check(request: HttpRequest) -> HttpResponse:
    """The same check as JSON: findings with Turkish text, and the records to publish."""
    outcome = check_request(request)
    result = outcome.result
    if result is None or result.unreachable:
        message = outcome.error or result.findings[0].explanation
        body = {"error": ERROR_KEYS[outcome.status], "message": message}
        if outcome.error_field:
            body["field"] = outcome.error_field
        return json_response(body, status=outcome.status)
    return json_response(
        {
            "domain": result.domain.unicode,
            "domain_ascii": result.domain.ascii,
            "code": result.code,
            "code_meaning": result.meaning or None,
            "sending_ip": result.sending_ip,
            "summary": {level.value: result.count(level) for level in domaincheck.Level},
            "findings": [finding.as_dict() for finding in result.findings],
            "records": [record.as_dict() for record in result.records],
            "queries": result.queries,
        }
    )
