"""The bounce decoder: the page `/coz` and `POST /api/coz` for tools.

The decoder itself is kb/smtp/decoder; this module reads what was pasted (never stored or
logged), asks the decoder, and finds our pages for the codes it names. A decoder failure is
a bug: it is logged with its traceback and the visitor gets the honest "bulunamadı" answer.
"""

import logging
from dataclasses import dataclass
from datetime import datetime
from http import HTTPStatus
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from kb.meta import absolute, support_url
from kb.models import Provider, ProviderResponse, ReplyCode
from kb.search_index import response_index
from kb.smtp import codes, decoder, signatures
from kb.smtp.domaincheck import bounce as check_bounce
from kb.smtp.domaincheck.codes import RECIPIENT, focus_of
from kb.smtp.reasons import ReasonInfo, answer, reason_info
from kb.views.api import json_response

logger = logging.getLogger(__name__)

MAX_BOUNCE_BYTES = 100 * 1024
NOTHING_FOUND = decoder.DecodeResult(None, None, [], None, None, [])


@dataclass
class Explained:
    """A code the decoder found, with its page if we have one."""

    code: str
    role: str
    evidence: str
    page: ReplyCode | None

    @property
    def class_info(self) -> codes.ClassInfo:
        return codes.class_of(self.code)


def decode_safely(text: str | bytes) -> decoder.DecodeResult:
    """The view boundary: a decoder exception is logged, the visitor sees "bulunamadı"."""
    try:
        return decoder.decode(text)
    except Exception:
        logger.exception("decoder failed on a pasted text of %d characters", len(text))
        return NOTHING_FOUND


def explain(result: decoder.DecodeResult) -> tuple[list[Explained], ReplyCode | None]:
    """The codes the decoder found, with our pages (a range page for a member of a range);
    the cause comes most specific first: 5.1.1 before 550."""
    wanted = [found.code for found in result.codes]
    if result.guess:
        wanted.append(result.guess.code)
    published = ReplyCode.objects.published()
    pages = {row.code: row for row in published.filter(code__in=wanted)}
    if missing := [code for code in wanted if code not in pages]:
        ranges = list(published.filter(code__contains="-"))  # a handful of range pages
        for code in missing:
            if page := next((r for r in ranges if codes.range_contains(r.code, code)), None):
                pages[code] = page
    explained = [
        Explained(found.code, found.role, found.evidence, pages.get(found.code))
        for found in result.codes
    ]
    explained.sort(key=lambda item: (item.role != "cause", not codes.is_enhanced(item.code)))
    guess_page = pages.get(result.guess.code) if result.guess else None
    return explained, guess_page


@dataclass
class RecipientGroup:
    """Recipients that failed (or are delayed) the same way."""

    action: str
    code: str | None
    reason: ReasonInfo | None
    addresses: list[str]


def group_recipients(result: decoder.DecodeResult) -> list[RecipientGroup]:
    groups: dict[tuple, RecipientGroup] = {}
    for recipient in result.recipients:
        code = recipient.enhanced_code or recipient.reply_code
        key = (recipient.action, code, recipient.reason)
        group = groups.setdefault(
            key, RecipientGroup(recipient.action, code, reason_info(recipient.reason), [])
        )
        group.addresses.append(recipient.address)
    return list(groups.values())


def retry_deadline(value: str | None) -> datetime | str | None:
    """Will-Retry-Until as a date to print, or the text as the bounce wrote it."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return value


@dataclass
class Recognised:
    """Who sent the bounce's answer, and which of their documented sentences it is."""

    provider: Provider | None = None
    response: ProviderResponse | None = None


def recognise(text: str, result: decoder.DecodeResult) -> Recognised:
    """The provider and its exact response: the matched sentence names its provider; without
    one, the remote host's name, the bounce's own markers, then the recipient's domain."""
    index = response_index()
    found = signatures.provider_by_markers([result.remote_host or "", text], index.markers)
    if found is None:
        addresses = [recipient.address for recipient in result.recipients]
        addresses += signatures.addresses_in(text)
        found = signatures.provider_by_domain(addresses, index.domains)
    match = signatures.best_match(
        text, index.candidates, result.enhanced_code, result.reply_code, found
    )
    if match is not None:
        response = index.responses[match.key]
        return Recognised(index.providers[response.provider_id], response)
    return Recognised(index.providers.get(found) if found is not None else None)


def one_sentence(result: decoder.DecodeResult, cause: list[Explained]) -> str | None:
    """The answer in one sentence: the failed address in full (the person who pasted it is
    the one reading; this page is never cached, stored or logged), then what to do."""
    address = next((r.address for r in result.recipients if r.action == result.action), None)
    sentence = answer(result.reason, address)
    if sentence is None and cause and cause[0].page:
        sentence = cause[0].page.filled["summary"]
    return sentence


@dataclass
class CheckLink:
    """The domain check for this bounce: «example.com için kontrol et»."""

    domain: str
    code: str
    ip: str | None
    url: str
    recipient: bool  # the recipient's domain (routing codes), not the sender's


def domain_check_link(text: str, result: decoder.DecodeResult, cause: list[Explained]):
    """A link to /alan-adi when the cause is an authentication or DNS code and the bounce
    names the domain that matters (the sender's, or the recipient's for routing codes)."""
    code = check_bounce.check_code([item.code for item in cause], result.diagnostic)
    if code is None:
        return None
    addresses = [recipient.address for recipient in result.recipients]
    domain = check_bounce.domain_for(code, text, addresses)
    if domain is None:
        return None
    query = {"d": domain, "kod": code}
    recipient = focus_of(code).domain == RECIPIENT
    ip = None if recipient else check_bounce.sending_ip(text)
    if ip:
        query["ip"] = ip
    url = f"{reverse('kb:domain_check')}?{urlencode(query)}"
    return CheckLink(domain, code, ip, url, recipient)


@dataclass
class Bounce:
    text: str
    error: str = ""
    status: int = HTTPStatus.OK


def read_bounce(request: HttpRequest) -> Bounce:
    """The pasted text, or a Turkish error. Form field `metin`, or a raw text body (API)."""
    if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        raw = request.POST.get("metin", "")
        size = len(raw.encode("utf-8", errors="replace"))
    else:
        body = request.body
        size = len(body)
        raw = body.decode("utf-8", errors="replace")
    if size > MAX_BOUNCE_BYTES:
        message = (
            f"Yapıştırdığınız metin {size // 1024} KB; en fazla 100 KB kabul ediyoruz. "
            "İletinin yalnızca hata bildirimi kısmını (ekleri ve özgün iletiyi çıkararak) "
            "yapıştırın."
        )
        return Bounce(raw, message, HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
    if not raw.strip():
        message = "Çözümlenecek bir metin yapıştırın: geri dönen iletinin tamamı ya da hata satırı."
        return Bounce(raw, message, HTTPStatus.BAD_REQUEST)
    return Bounce(raw)


@never_cache
@require_http_methods(["GET", "POST"])
def decode_bounce(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "kb/decode.html", {})
    bounce = read_bounce(request)
    if bounce.error:
        context = {"error": bounce.error, "text": bounce.text}
        return render(request, "kb/decode.html", context, status=bounce.status)
    return render(request, "kb/decode.html", result_context(bounce.text))


def result_context(text: str, **extra) -> dict:
    """What the decoder page shows for a pasted text (also used by /ara for pasted bounces)."""
    result = decode_safely(text)
    explained, guess_page = explain(result)
    cause = [item for item in explained if item.role == "cause"]
    groups = group_recipients(result)
    recognised = recognise(text, result)
    support_code = cause[0].code if cause else (result.guess.code if result.guess else "")
    return {
        "result": result,
        "provider": recognised.provider,
        "response": recognised.response,
        "answer": one_sentence(result, cause),
        "reason": reason_info(result.reason),
        "delayed": result.action == "delayed",
        "retry_until": retry_deadline(result.will_retry_until),
        "recipient_groups": groups if len(groups) > 1 else [],
        "cause": cause,
        "others": [item for item in explained if item.role == "other"],
        "guess_page": guess_page,
        "support_link": support_url(support_code, result.diagnostic or ""),
        "domain_check": domain_check_link(text, result, cause),
        "decoded": True,
        "text": text,
        **extra,
    }


@csrf_exempt
@require_POST
def api_decode(request: HttpRequest) -> HttpResponse:
    """POST /api/coz: the same decoder for support tooling (no cookies, no side effects)."""
    bounce = read_bounce(request)
    if bounce.error:
        return json_response(
            {"error": "invalid_input", "message": bounce.error}, status=bounce.status
        )
    result = decode_safely(bounce.text)
    explained, guess_page = explain(result)
    recognised = recognise(bounce.text, result)
    link = domain_check_link(bounce.text, result, [i for i in explained if i.role == "cause"])
    provider = response = None
    if found := recognised.provider:
        provider = {
            "name": found.name,
            "slug": found.slug,
            "url": absolute(found.get_absolute_url()),
        }
    if found := recognised.response:
        response = {
            "id": found.slug,
            "url": absolute(found.get_absolute_url()),
            "captured": found.captured,
        }

    def url(page: ReplyCode | None) -> str | None:
        return absolute(page.get_absolute_url()) if page else None

    guess = None
    if result.guess:
        guess = {
            "code": result.guess.code,
            "phrase": result.guess.phrase,
            "label": result.guess.label_tr,
            "url": url(guess_page),
        }
    return json_response(
        {
            "reply_code": result.reply_code,
            "enhanced_code": result.enhanced_code,
            "codes": [
                {
                    "code": item.code,
                    "role": item.role,
                    "url": url(item.page),
                    "title": item.page.title if item.page else None,
                }
                for item in explained
            ],
            "guess": guess,
            "diagnostic": result.diagnostic,
            "reason": result.reason,
            "reason_label": info.label_tr if (info := reason_info(result.reason)) else None,
            "permanent": result.permanent,
            "action": result.action,
            "will_retry_until": result.will_retry_until,
            "remote_host": result.remote_host,
            "domain_check": absolute(link.url) if link else None,
            "provider": provider,
            "response": response,
            "recipients": [
                {
                    "address": recipient.address,
                    "reply_code": recipient.reply_code,
                    "enhanced_code": recipient.enhanced_code,
                    "reason": recipient.reason,
                    "action": recipient.action,
                }
                for recipient in result.recipients
            ],
        }
    )
