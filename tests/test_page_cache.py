"""The shared page cache: public pages come from it, forms on them still work, and staff
changes show at once."""

from http import HTTPStatus

import pytest
from django.test import Client

from kb.models import Comment, CommentStatus, Vote
from tests.admin_forms import change_url, edit_and_publish, form_data

SAME_ORIGIN = {"Origin": "http://testserver"}


@pytest.fixture
def code_450(make_code):
    return make_code("450", title="Posta kutusu meşgul")


def test_the_cache_is_off_unless_switched_on(client, code_450, django_assert_num_queries):
    client.get("/kod/450")

    with django_assert_num_queries(5):
        response = client.get("/kod/450")

    assert "X-Page-Cache" not in response


@pytest.mark.parametrize("path", ["/", "/kod/450", "/kod/4xx", "/kod/x.7.x"])
def test_a_public_page_is_served_from_the_cache_the_second_time(
    page_cache, client, make_code, django_assert_num_queries, path
):
    make_code("450")
    make_code("5.7.1")
    first = client.get(path)

    with django_assert_num_queries(0):
        second = client.get(path)

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.status_code == HTTPStatus.OK
    assert second.content == first.content


def test_a_cached_page_still_gets_the_security_headers(page_cache, client, code_450):
    client.get("/kod/450")

    response = client.get("/kod/450")

    assert response["X-Page-Cache"] == "hit"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_cached_pages_hold_no_csrf_token_and_set_no_cookie(page_cache, client, code_450):
    response = client.get("/kod/450")

    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies
    assert response["Vary"] == "Accept-Encoding"  # never Cookie


def test_a_comment_posted_from_a_cached_page_works_and_approval_shows_at_once(
    page_cache, client, admin_client, code_450, django_assert_num_queries
):
    visitor = Client()
    visitor.get("/kod/450")
    with django_assert_num_queries(0):
        visitor.get("/kod/450")

    posted = visitor.post(
        "/kod/450/yorum",
        {"name": "Ayşe", "body": "Bir saat sonra geçti, teşekkürler."},
        headers=SAME_ORIGIN,
    )
    comment = Comment.objects.get()
    admin_client.post("/admin/kb/comment/", {"action": "approve", "_selected_action": [comment.pk]})
    after = visitor.get("/kod/450")

    assert posted.status_code == HTTPStatus.SEE_OTHER
    assert after["X-Page-Cache"] == "miss"
    assert "Bir saat sonra geçti, teşekkürler." in after.content.decode()


def test_a_vote_from_a_cached_page_works(page_cache, client, code_450):
    client.get("/kod/450")
    assert client.get("/kod/450")["X-Page-Cache"] == "hit"

    response = client.post("/kod/450/oy", {"helpful": "yes"}, headers=SAME_ORIGIN, follow=True)

    assert response.status_code == HTTPStatus.OK
    assert "Teşekkürler, sevindik!" in response.content.decode()
    assert Vote.objects.count() == 1
    assert client.get("/kod/450")["X-Page-Cache"] == "hit"  # the thanks was not cached


def test_a_new_pending_comment_does_not_flush_the_cache(page_cache, client, code_450):
    client.get("/kod/450")

    client.post(
        "/kod/450/yorum",
        {"name": "Bot", "body": "Önbelleği boşaltma denemesi."},
        headers=SAME_ORIGIN,
    )

    assert client.get("/kod/450")["X-Page-Cache"] == "hit"


def test_publishing_a_code_in_the_admin_refreshes_every_cached_page(
    page_cache, client, admin_client, code_450
):
    client.get("/")
    client.get("/kod/450")
    admin_client.post(change_url(code_450), form_data(code_450, title="Yeni başlık"))
    assert "Yeni başlık" not in client.get("/kod/450").content.decode()  # a draft

    edit_and_publish(admin_client, code_450, title="Yeni başlık")

    assert "Yeni başlık" in client.get("/kod/450").content.decode()
    assert "Yeni başlık" in client.get("/").content.decode()


def test_editing_an_approved_comment_refreshes_the_page(page_cache, client, code_450):
    comment = Comment.objects.create(
        reply_code=code_450, name="Okur", body="Eski metin.", status=CommentStatus.APPROVED
    )
    client.get("/kod/450")

    comment.answer = "Destekten yeni yanıt."
    comment.save()

    assert "Destekten yeni yanıt." in client.get("/kod/450").content.decode()


def test_deleting_a_code_removes_it_from_the_cached_index(page_cache, client, make_code):
    make_code("421")
    doomed = make_code("450")
    client.get("/")

    doomed.delete()

    assert 'href="/kod/450"' not in client.get("/").content.decode()


def test_changing_related_codes_refreshes_the_page(page_cache, client, make_code):
    code_450 = make_code("450")
    code_451 = make_code("451")
    client.get("/kod/450")

    code_450.related.add(code_451)

    assert 'href="/kod/451"' in client.get("/kod/450").content.decode()


def test_a_logged_in_staff_member_always_gets_a_fresh_page(page_cache, admin_client, code_450):
    admin_client.get("/kod/450")

    response = admin_client.get("/kod/450")

    assert "X-Page-Cache" not in response


def test_query_strings_bypass_the_cache(page_cache, client, code_450):
    client.get("/kod/450?utm_source=mail")

    response = client.get("/kod/450?utm_source=mail")

    assert "X-Page-Cache" not in response


def test_not_found_pages_are_not_cached(page_cache, client, code_450):
    client.get("/kod/999")

    response = client.get("/kod/999")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "X-Page-Cache" not in response


def test_the_thank_you_and_api_pages_are_not_cached(page_cache, client, code_450):
    for path in ["/kod/450/yorum-alindi", "/api/kod/450"]:
        client.get(path)

        assert "X-Page-Cache" not in client.get(path)


def test_the_shared_file_cache_of_production_serves_and_invalidates(
    settings, tmp_path, client, code_450, transactional_db
):
    settings.KB_CACHE_SECONDS = 300
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": tmp_path,
        },
    }
    client.get("/kod/450")
    hit = client.get("/kod/450")

    code_450.title = "Dosyadan sonra yeni başlık"
    code_450.save()
    fresh = client.get("/kod/450")

    assert hit["X-Page-Cache"] == "hit"
    assert "Dosyadan sonra yeni başlık" in fresh.content.decode()


def test_the_sitemap_is_cached_and_lists_a_new_code_at_once(page_cache, client, make_code):
    make_code("450")
    client.get("/sitemap.xml")
    assert client.get("/sitemap.xml")["X-Page-Cache"] == "hit"

    make_code("550")

    assert "/kod/550</loc>" in client.get("/sitemap.xml").content.decode()


def test_a_process_that_does_not_cache_still_invalidates_the_shared_pages(
    settings, client, code_450, transactional_db
):
    settings.KB_CACHE_SECONDS = 300
    client.get("/kod/450")
    settings.KB_CACHE_SECONDS = 0  # e.g. a management command run without the variable

    code_450.title = "Komut satırından yeni başlık"
    code_450.save()
    settings.KB_CACHE_SECONDS = 300

    assert "Komut satırından yeni başlık" in client.get("/kod/450").content.decode()
