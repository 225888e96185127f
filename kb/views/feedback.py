"""Readers talk back: "Yorum Yap" comments and "Bu sayfa işinize yaradı mı?" votes.

Why these POST views are `csrf_exempt`
--------------------------------------
Code pages are served from a shared page cache (kb/page_cache.py), so their HTML must be the
same for every visitor: a per-visitor CSRF token cannot be baked into it. Instead each POST
here verifies that it comes from one of our own pages with the `Origin` header (falling back
to `Referer`), the OWASP "verify origin with standard headers" defence; kb/guards.py has the
check. That is enough because these are anonymous actions: there is no session or login a
forged request could ride on, so the worst a cross-site form could do is what anyone can do
with curl, and against that the honeypot, the length and link limits, the per-IP rate limit,
moderation (comments) and de-duplication (votes) apply.

Every refusal answers in Turkish and renders the visitor's text back into the form.
"""

import functools
from collections.abc import Callable
from http import HTTPStatus
from urllib.parse import urlencode

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from kb import guards
from kb.forms import CommentForm, MissingForm
from kb.models import Comment, ReplyCode, Vote

ORIGIN_UNVERIFIED = (
    "Bu gönderimin sitemizdeki bir sayfadan geldiğini doğrulayamadık, bu yüzden kaydetmedik. "
    "Tarayıcınız gönderimin kaynağını (Origin ya da Referer bilgisini) gizliyor olabilir."
)
FOREIGN_ORIGIN_MESSAGE = (
    f"{ORIGIN_UNVERIFIED} Sayfayı yenileyip yeniden deneyin; yazdıklarınız aşağıda duruyor."
)
FOREIGN_ORIGIN_VOTE_MESSAGE = f"{ORIGIN_UNVERIFIED} Sayfaya dönüp yeniden deneyin."
RATE_LIMIT_MESSAGE = (
    f"Son {guards.COMMENT_WINDOW.seconds // 60} dakikada aynı internet bağlantısından "
    f"{guards.COMMENTS_PER_WINDOW} yorum geldi; kötüye kullanımı önlemek için daha fazlasını "
    "şimdilik kabul etmiyoruz. Birkaç dakika sonra yeniden gönderin; yorumunuz aşağıda duruyor."
)
INVALID_COMMENT_MESSAGE = "Yorumunuz gönderilemedi. Lütfen aşağıdaki uyarıları düzeltin."
VOTED_COOKIE = "oylar"
VOTED_COOKIE_SALT = "kb.feedback.votes"
VOTED_COOKIE_MAX_CODES = 150
# After a vote the reader is sent back to /kod/<code>?oy=<state>#faydali-mi
VOTE_PARAM, TOKEN_PARAM = "oy", "t"
VOTE_YES, VOTE_NO, VOTE_ALREADY, VOTE_MISSING_SAVED = "evet", "hayir", "zaten", "eksik-alindi"
VOTE_STATES = {VOTE_YES, VOTE_NO, VOTE_ALREADY, VOTE_MISSING_SAVED}


def published_code(code: str) -> ReplyCode:
    return get_object_or_404(ReplyCode.objects.published(), code=code)


Refusal = Callable[[HttpRequest, ReplyCode], HttpResponse]
CodePost = Callable[[HttpRequest, ReplyCode], HttpResponse]


def posted_from_our_page(foreign: Refusal) -> Callable[[CodePost], Callable[..., HttpResponse]]:
    """A form a code page posts: POST only, `csrf_exempt` (see the module docstring), the
    published code looked up (404 otherwise), and a post from another origin answered by
    `foreign(request, reply_code)` before the view sees it."""

    def decorate(view: CodePost) -> Callable[..., HttpResponse]:
        @csrf_exempt
        @require_POST
        @functools.wraps(view)
        def checked(request: HttpRequest, code: str) -> HttpResponse:
            reply_code = published_code(code)
            if not guards.is_same_origin(request):
                return foreign(request, reply_code)
            return view(request, reply_code)

        return checked

    return decorate


# Comments


def comment_from_elsewhere(request: HttpRequest, reply_code: ReplyCode) -> HttpResponse:
    form = CommentForm(request.POST)
    return comment_refused(request, reply_code, form, FOREIGN_ORIGIN_MESSAGE, HTTPStatus.FORBIDDEN)


@posted_from_our_page(comment_from_elsewhere)
def post_comment(request: HttpRequest, reply_code: ReplyCode) -> HttpResponse:
    form = CommentForm(request.POST)
    if not form.is_valid():
        return comment_refused(
            request, reply_code, form, INVALID_COMMENT_MESSAGE, HTTPStatus.BAD_REQUEST
        )
    # Counted after validation: correcting a refused form costs the visitor nothing.
    if guards.comment_rate_exceeded(request):
        response = comment_refused(
            request, reply_code, form, RATE_LIMIT_MESSAGE, HTTPStatus.TOO_MANY_REQUESTS
        )
        response["Retry-After"] = str(int(guards.COMMENT_WINDOW.total_seconds()))
        return response
    Comment.objects.create(
        reply_code=reply_code,
        name=form.cleaned_data["name"],
        email=form.cleaned_data["email"],
        body=form.cleaned_data["body"],
    )
    received = reverse("kb:comment_received", kwargs={"code": reply_code.code})
    return HttpResponseRedirect(received, status=HTTPStatus.SEE_OTHER)


def comment_refused(
    request: HttpRequest, reply_code: ReplyCode, form: CommentForm, message: str, status: int
) -> HttpResponse:
    """The comment form again, with what the visitor typed and why it was not saved."""
    return render(
        request,
        "kb/comment_refused.html",
        {"reply_code": reply_code, "form": form, "refusal": message},
        status=status,
    )


@never_cache
@require_safe
def comment_received(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "kb/comment_received.html", {"reply_code": published_code(code)})


# Votes


def voted_codes(request: HttpRequest) -> list[str]:
    value = request.get_signed_cookie(VOTED_COOKIE, default="", salt=VOTED_COOKIE_SALT)
    return [code for code in value.split(",") if code]


def record_vote(request: HttpRequest, reply_code: ReplyCode, helpful: bool) -> Vote | None:
    """Save a vote unless this visitor already voted on this page; None if they did.

    One vote per visitor and page, without storing anything personal, by two checks:

    1. a signed cookie listing the codes this browser voted on: it lasts a year and survives
       a changing IP (mobile networks), but a visitor can delete it and a script never
       keeps it;
    2. the vote's `fingerprint`, a keyed hash (HMAC with SECRET_KEY) of IP address,
       User-Agent, code and today's date, unique in the table: it catches the cookie-less
       repeat. It cannot be reversed, and because the code and the day are inside the hash,
       one visitor's votes on different pages or days cannot be linked to each other, so
       it is no tracking identifier. The price: two people behind one office NAT with the
       same browser count once per page per day, which we accept.
    """
    if reply_code.code in voted_codes(request):
        return None
    fingerprint = guards.vote_fingerprint(request, reply_code.code, timezone.localdate())
    try:
        with transaction.atomic():
            return Vote.objects.create(
                reply_code=reply_code, helpful=helpful, fingerprint=fingerprint
            )
    except IntegrityError:
        return None


def remember_vote(request: HttpRequest, response: HttpResponse, code: str) -> None:
    codes = [other for other in voted_codes(request) if other != code]
    codes = [*codes[-(VOTED_COOKIE_MAX_CODES - 1) :], code]
    response.set_signed_cookie(
        VOTED_COOKIE,
        ",".join(codes),
        salt=VOTED_COOKIE_SALT,
        max_age=365 * 24 * 60 * 60,
        path="/kod/",
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def vote_page(
    request: HttpRequest, reply_code: ReplyCode, status: int = HTTPStatus.OK, **context
) -> HttpResponse:
    return render(
        request, "kb/vote_result.html", {"reply_code": reply_code, **context}, status=status
    )


def vote_from_elsewhere(request: HttpRequest, reply_code: ReplyCode) -> HttpResponse:
    return vote_page(request, reply_code, HTTPStatus.FORBIDDEN, refusal=FOREIGN_ORIGIN_VOTE_MESSAGE)


def missing_from_elsewhere(request: HttpRequest, reply_code: ReplyCode) -> HttpResponse:
    form = MissingForm(request.POST)
    return vote_page(
        request, reply_code, HTTPStatus.FORBIDDEN, refusal=FOREIGN_ORIGIN_MESSAGE, form=form
    )


@posted_from_our_page(vote_from_elsewhere)
def post_vote(request: HttpRequest, reply_code: ReplyCode) -> HttpResponse:
    answer = request.POST.get("helpful")
    if answer not in ("yes", "no"):
        return vote_page(
            request,
            reply_code,
            HTTPStatus.BAD_REQUEST,
            refusal="Lütfen «Evet» ya da «Hayır»ı seçin.",
        )
    vote = record_vote(request, reply_code, helpful=answer == "yes")
    if vote is None:
        response = back_to_page(reply_code, VOTE_ALREADY)
    elif vote.helpful:
        response = back_to_page(reply_code, VOTE_YES)
    else:
        response = back_to_page(reply_code, VOTE_NO, token=MissingForm.sign(vote.pk))
    remember_vote(request, response, reply_code.code)
    return response


def back_to_page(reply_code: ReplyCode, state: str, token: str = "") -> HttpResponse:
    """303 back to the code page, which thanks the reader where they voted (#faydali-mi).
    The query string keeps that answer out of the shared page cache."""
    query = {VOTE_PARAM: state, **({TOKEN_PARAM: token} if token else {})}
    url = f"{reply_code.get_absolute_url()}?{urlencode(query)}#faydali-mi"
    return HttpResponseRedirect(url, status=HTTPStatus.SEE_OTHER)


def vote_feedback(request: HttpRequest) -> dict:
    """What the feedback box of a code page shows after a vote (see `back_to_page`)."""
    state = request.GET.get(VOTE_PARAM)
    if state not in VOTE_STATES:
        return {}
    feedback = {"vote_state": state}
    if state == VOTE_NO and (token := request.GET.get(TOKEN_PARAM)):
        feedback["missing_form"] = MissingForm(initial={"vote": token})
    return feedback


@posted_from_our_page(missing_from_elsewhere)
def post_missing(request: HttpRequest, reply_code: ReplyCode) -> HttpResponse:
    form = MissingForm(request.POST)
    if not form.is_valid():
        return vote_page(request, reply_code, HTTPStatus.BAD_REQUEST, form=form)
    Vote.objects.filter(
        pk=form.cleaned_data["vote"], reply_code=reply_code, helpful=False, missing=""
    ).update(missing=form.cleaned_data["missing"])
    return back_to_page(reply_code, VOTE_MISSING_SAVED)
