from datetime import timedelta
from http import HTTPStatus

import pytest
from django.template.defaultfilters import date as format_date
from django.utils import timezone

from kb import ratelimit
from kb.models import Comment, CommentStatus, RateLimitBucket

SAME_ORIGIN = {"Origin": "http://testserver"}
COMMENT = {"name": "Ayşe", "email": "ayse@example.com", "body": "Bir saat bekledim, geçti."}


@pytest.fixture
def code_450(make_code):
    return make_code("450", title="Posta kutusu meşgul")


def post_comment(client, data=None, code="450", headers=SAME_ORIGIN, **extra):
    return client.post(f"/kod/{code}/yorum", data or COMMENT, headers=headers, **extra)


def make_comment(reply_code, **fields):
    defaults = {"name": "Okur", "body": "Yorum metni burada."}
    return Comment.objects.create(reply_code=reply_code, **{**defaults, **fields})


def test_code_page_has_the_comment_form_without_a_csrf_token(client, code_450):
    html = client.get("/kod/450").content.decode()

    assert "Yorum Yap" in html
    assert 'action="/kod/450/yorum"' in html
    assert "csrfmiddlewaretoken" not in html


def test_a_posted_comment_redirects_to_a_thank_you_page(client, code_450):
    response = post_comment(client)

    assert response.status_code == HTTPStatus.SEE_OTHER
    assert response["Location"] == "/kod/450/yorum-alindi"
    thanks = client.get(response["Location"])
    assert "yorumunuz alındı" in thanks.content.decode()
    assert "no-cache" in thanks["Cache-Control"]


def test_a_posted_comment_waits_for_moderation(client, code_450):
    post_comment(client)

    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    assert "Bir saat bekledim" not in client.get("/kod/450").content.decode()


def test_approved_comments_show_in_order_with_name_and_date_but_never_the_email(client, code_450):
    first = make_comment(code_450, name="Birinci", body="İlk yorum.", status=CommentStatus.APPROVED)
    make_comment(code_450, name="İkinci", body="Sonraki yorum.", status=CommentStatus.APPROVED)
    make_comment(code_450, name="Reddedilen", status=CommentStatus.REJECTED)
    make_comment(code_450, email="gizli@example.com", status=CommentStatus.APPROVED)

    html = client.get("/kod/450").content.decode()

    assert "Yorumlar (3)" in html
    assert html.index("İlk yorum.") < html.index("Sonraki yorum.")
    assert "Reddedilen" not in html
    assert "gizli@example.com" not in html
    assert format_date(timezone.localtime(first.created_at), "j F Y, H:i") in html


def test_a_support_answer_shows_under_the_comment_as_the_support_teams(client, code_450):
    make_comment(
        code_450,
        body="Hâlâ geri dönüyor.",
        status=CommentStatus.APPROVED,
        answer="Gönderim saatini **destek talebine** ekleyin.",
    )

    html = client.get("/kod/450").content.decode()

    assert "Destek Ekibi yanıtı" in html
    assert html.index("Hâlâ geri dönüyor.") < html.index("Destek Ekibi yanıtı")
    assert "<strong>destek talebine</strong>" in html


def test_comment_text_is_escaped_on_the_page(client, code_450):
    make_comment(
        code_450,
        name="<b>Ad</b>",
        body="<script>alert(1)</script> deneme",
        status=CommentStatus.APPROVED,
    )

    html = client.get("/kod/450").content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Ad&lt;/b&gt;" in html


def test_the_honeypot_refuses_in_turkish_and_keeps_the_text(client, code_450):
    response = post_comment(client, {**COMMENT, "website": "http://spam.example"})

    html = response.content.decode()
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "otomatik bir gönderim gibi göründüğü için kaydedilmedi" in html
    assert "Bir saat bekledim, geçti.</textarea>" in html
    assert Comment.objects.count() == 0


def test_the_honeypot_is_hidden_by_a_css_class_not_an_inline_style(client, code_450):
    html = client.get("/kod/450").content.decode()

    assert '<div class="hp" aria-hidden="true">' in html
    assert 'name="website"' in html
    assert "style=" not in html


def test_more_than_two_links_are_refused_and_the_text_kept(client, code_450):
    body = "Bakın https://a.example https://b.example https://c.example"

    response = post_comment(client, {**COMMENT, "body": body})

    html = response.content.decode()
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Yorumunuzda 3 bağlantı var; en fazla 2 bağlantıya" in html
    assert body in html


def test_too_short_and_too_long_comments_are_refused(client, code_450):
    short = post_comment(client, {**COMMENT, "body": "kısa"})
    long = post_comment(client, {**COMMENT, "body": "a" * 2001})

    assert short.status_code == HTTPStatus.BAD_REQUEST
    assert "en az 10 karakter" in short.content.decode()
    assert long.status_code == HTTPStatus.BAD_REQUEST
    assert "en fazla 2000 karakter olabilir (şu an 2001 karakter)" in long.content.decode()


def test_a_name_is_required_and_the_email_is_optional_but_must_be_valid(client, code_450):
    no_name = post_comment(client, {**COMMENT, "name": ""})
    no_email = post_comment(client, {**COMMENT, "email": ""})
    bad_email = post_comment(client, {**COMMENT, "email": "yok"})

    assert "Adınızı yazın" in no_name.content.decode()
    assert no_email.status_code == HTTPStatus.SEE_OTHER
    assert "Geçerli bir e-posta adresi yazın" in bad_email.content.decode()


def test_the_sixth_comment_in_ten_minutes_is_rate_limited_and_kept(client, code_450):
    for number in range(5):
        assert post_comment(client).status_code == HTTPStatus.SEE_OTHER, number

    response = post_comment(client, {**COMMENT, "body": "Altıncı yorumum burada."})

    html = response.content.decode()
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert response["Retry-After"] == "600"
    assert "Birkaç dakika sonra yeniden gönderin" in html
    assert "Altıncı yorumum burada." in html
    assert Comment.objects.count() == 5


def test_correcting_a_refused_comment_does_not_count_towards_the_rate_limit(client, code_450):
    for _ in range(6):
        refused = post_comment(client, {**COMMENT, "body": "Kısa"})
        assert refused.status_code == HTTPStatus.BAD_REQUEST

    assert post_comment(client).status_code == HTTPStatus.SEE_OTHER
    assert Comment.objects.count() == 1


def test_the_rate_limit_is_per_address(client, code_450):
    for _ in range(5):
        post_comment(client, REMOTE_ADDR="203.0.113.1")

    response = post_comment(client, REMOTE_ADDR="203.0.113.2")

    assert response.status_code == HTTPStatus.SEE_OTHER


def test_comments_older_than_ten_minutes_do_not_count_for_the_rate_limit(client, code_450):
    for _ in range(5):
        post_comment(client)
    RateLimitBucket.objects.update(expires_at=timezone.now() - timedelta(minutes=1))

    assert post_comment(client).status_code == HTTPStatus.SEE_OTHER


def test_a_comment_keeps_nothing_of_the_address_it_came_from(client, code_450):
    post_comment(client, REMOTE_ADDR="203.0.113.9")

    stored = Comment.objects.values().get()
    assert not any("203.0.113" in str(value) for value in stored.values())
    limited = RateLimitBucket.objects.get()  # only the rate limit's keyed hash knows it
    assert limited.key_hash == ratelimit.hash_key("comment", "203.0.113.9")


def test_a_comment_from_another_site_is_refused_in_turkish_and_kept(client, code_450):
    response = post_comment(client, headers={"Origin": "https://evil.example"})

    html = response.content.decode()
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "sitemizdeki bir sayfadan geldiğini doğrulayamadık" in html
    assert "Bir saat bekledim, geçti.</textarea>" in html
    assert Comment.objects.count() == 0


def test_a_comment_with_neither_origin_nor_referer_is_refused(client, code_450):
    response = post_comment(client, headers={})

    assert response.status_code == HTTPStatus.FORBIDDEN


def test_a_comment_with_our_referer_and_no_origin_is_accepted(client, code_450):
    response = post_comment(client, headers={"Referer": "http://testserver/kod/450"})

    assert response.status_code == HTTPStatus.SEE_OTHER


def test_comments_on_an_unpublished_code_answer_404(client, make_code):
    make_code("450", is_published=False)

    assert post_comment(client).status_code == HTTPStatus.NOT_FOUND
    assert client.get("/kod/450/yorum-alindi").status_code == HTTPStatus.NOT_FOUND


def test_the_comment_endpoint_answers_only_post(client, code_450):
    assert client.get("/kod/450/yorum").status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_behind_a_trusted_proxy_each_visitor_has_their_own_limit(client, code_450, settings):
    settings.KB_TRUSTED_PROXIES = ["10.0.0.0/8"]
    visitors = [f"198.51.100.{number}" for number in range(1, 9)]

    for visitor in visitors:
        for number in range(5):
            response = post_comment(client, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=visitor)
            assert response.status_code == HTTPStatus.SEE_OTHER, (visitor, number)

    sixth = post_comment(client, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=visitors[0])
    assert sixth.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert Comment.objects.count() == 40


def test_a_spoofed_forwarded_address_does_not_escape_the_limit(client, code_450, settings):
    settings.KB_TRUSTED_PROXIES = ["10.0.0.0/8"]
    for number in range(5):
        post_comment(client, REMOTE_ADDR="203.0.113.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")

    response = post_comment(client, REMOTE_ADDR="203.0.113.1", HTTP_X_FORWARDED_FOR="192.0.2.99")

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
