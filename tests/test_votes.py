import re
from http import HTTPStatus

import pytest
from django.test import Client

from kb.forms import MissingForm
from kb.models import Vote

SAME_ORIGIN = {"Origin": "http://testserver"}


@pytest.fixture
def code_450(make_code):
    return make_code("450", title="Posta kutusu meşgul")


def vote(client, helpful="yes", code="450", headers=SAME_ORIGIN, **extra):
    """Vote, then follow the 303 back to the code page, as a browser does."""
    return client.post(
        f"/kod/{code}/oy", {"helpful": helpful}, headers=headers, follow=True, **extra
    )


def missing_token(html: str) -> str:
    return re.search(r'name="vote" value="([^"]+)"', html).group(1)


def test_code_page_asks_whether_it_helped_with_a_plain_form(client, code_450):
    html = client.get("/kod/450").content.decode()

    assert "Bu sayfa işinize yaradı mı?" in html
    assert 'action="/kod/450/oy"' in html
    assert 'name="helpful" value="yes">Evet</button>' in html
    assert 'name="helpful" value="no">Hayır</button>' in html


def test_a_yes_vote_is_counted_and_thanked(client, code_450):
    response = vote(client, "yes")

    assert response.status_code == HTTPStatus.OK
    assert "Teşekkürler, sevindik!" in response.content.decode()
    assert Vote.objects.get().helpful is True


def test_the_vote_answers_on_the_page_it_was_cast_from(client, code_450):
    response = client.post("/kod/450/oy", {"helpful": "yes"}, headers=SAME_ORIGIN)

    assert response.status_code == HTTPStatus.SEE_OTHER
    assert response["Location"] == "/kod/450?oy=evet#faydali-mi"
    assert "SMTP 450 hatası" in client.get(response["Location"]).content.decode()


def test_after_no_the_page_offers_the_support_link(client, code_450):
    html = vote(client, "no").content.decode()

    assert "Sorununuz sürüyorsa bize yazın" in html
    assert "Destek talebi aç</a>" in html[html.index('id="faydali-mi"') :]


def test_a_second_vote_from_the_same_browser_is_not_counted(client, code_450):
    vote(client, "yes")

    response = vote(client, "no")

    assert "Oyunuzu zaten almıştık" in response.content.decode()
    assert Vote.objects.count() == 1


def test_the_cookie_remembers_the_vote_when_the_address_changes(client, code_450):
    vote(client, "yes", REMOTE_ADDR="203.0.113.1")

    response = vote(client, "yes", REMOTE_ADDR="198.51.100.2")

    assert "Oyunuzu zaten almıştık" in response.content.decode()
    assert Vote.objects.count() == 1


def test_a_second_vote_without_the_cookie_is_caught_by_the_fingerprint(code_450):
    vote(Client(), "yes", HTTP_USER_AGENT="Firefox")

    response = vote(Client(), "yes", HTTP_USER_AGENT="Firefox")

    assert "Oyunuzu zaten almıştık" in response.content.decode()
    assert Vote.objects.count() == 1


def test_other_visitors_and_other_pages_count_separately(make_code):
    make_code("450")
    make_code("550")
    visitor = Client()

    vote(visitor, "yes", code="450")
    vote(visitor, "yes", code="550")
    vote(Client(), "yes", code="450", REMOTE_ADDR="203.0.113.5")

    assert Vote.objects.filter(reply_code__code="450").count() == 2
    assert Vote.objects.filter(reply_code__code="550").count() == 1


def test_the_vote_cookie_is_signed_so_a_forged_one_is_ignored(client, code_450):
    client.cookies["oylar"] = "450"

    vote(client, "yes")

    assert Vote.objects.count() == 1


def test_the_vote_stores_no_address_or_browser(client, code_450):
    vote(client, "yes", REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Firefox/123")

    stored = Vote.objects.get()
    assert "203.0.113.9" not in stored.fingerprint
    assert "Firefox" not in stored.fingerprint
    assert len(stored.fingerprint) == 64


def test_a_no_vote_asks_what_was_missing_and_keeps_the_answer(client, code_450):
    response = vote(client, "no")
    html = response.content.decode()

    assert "eksik olanı söyler misiniz?" in html
    answer = client.post(
        "/kod/450/oy/eksik",
        {"vote": missing_token(html), "missing": "Exchange örneği yoktu."},
        headers=SAME_ORIGIN,
        follow=True,
    )

    assert answer.status_code == HTTPStatus.OK
    assert "Yazdıklarınızı destek ekibimize ilettik" in answer.content.decode()
    assert Vote.objects.get().missing == "Exchange örneği yoktu."


def test_a_forged_missing_token_is_refused_and_the_text_kept(client, code_450):
    response = client.post(
        "/kod/450/oy/eksik",
        {"vote": "1:sahte", "missing": "Benim metnim"},
        headers=SAME_ORIGIN,
    )

    html = response.content.decode()
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Bu formun süresi dolmuş" in html
    assert "Benim metnim</textarea>" in html


def test_a_missing_answer_cannot_overwrite_another_one(client, code_450):
    earlier = Vote.objects.create(
        reply_code=code_450, helpful=False, fingerprint="a" * 64, missing="İlk yanıt"
    )

    client.post(
        "/kod/450/oy/eksik",
        {"vote": MissingForm.sign(earlier.pk), "missing": "Üzerine yazma"},
        headers=SAME_ORIGIN,
    )

    earlier.refresh_from_db()
    assert earlier.missing == "İlk yanıt"


def test_a_too_long_missing_answer_is_refused_and_kept(client, code_450):
    html = vote(client, "no").content.decode()

    response = client.post(
        "/kod/450/oy/eksik",
        {"vote": missing_token(html), "missing": "ç" * 501},
        headers=SAME_ORIGIN,
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "(şu an 501 karakter)" in response.content.decode()
    assert "ç" * 501 in response.content.decode()


def test_a_vote_from_another_site_is_refused(client, code_450):
    response = vote(client, "yes", headers={"Origin": "https://evil.example"})

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "doğrulayamadık" in response.content.decode()
    assert Vote.objects.count() == 0


def test_a_vote_needs_yes_or_no(client, code_450):
    response = vote(client, "belki")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "«Evet» ya da «Hayır»" in response.content.decode()


def test_a_vote_on_an_unknown_code_answers_404(client, db):
    assert vote(client, "yes", code="999").status_code == HTTPStatus.NOT_FOUND


def test_two_visitors_with_the_same_browser_behind_a_proxy_keep_both_votes(code_450, settings):
    settings.KB_TRUSTED_PROXIES = ["127.0.0.1"]
    for visitor in ("198.51.100.1", "198.51.100.2"):
        response = vote(
            Client(),
            "yes",
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=visitor,
            HTTP_USER_AGENT="Firefox/123",
        )
        assert "Oyunuzu zaten almıştık" not in response.content.decode()

    assert Vote.objects.count() == 2
