"""/ara for customers: loose codes redirect, "Bunu mu demek istediniz?", synonyms staff add
in the admin (Sonuçsuz aramalar → eşanlamlı ekle) and the index refreshing after the save."""

from http import HTTPStatus

import pytest

from kb.models import SearchMiss, Synonym


@pytest.fixture
def corpus(make_code):
    make_code("550", title="Posta kutusu kullanılamıyor", meaning="Alıcı sunucu iletiyi reddetti.")
    make_code("5.7.26", title="Kimlik doğrulama başarısız", meaning="SPF ve DKIM denetimi geçmedi.")
    make_code("4.4.7", title="Teslim süresi doldu", meaning="İleti kuyruk içinde çok bekledi.")


@pytest.mark.parametrize(
    ("query", "page"),
    [
        ("5,7,26", "/kod/5.7.26"),
        ("5 7 26", "/kod/5.7.26"),
        ("5.7.26.", "/kod/5.7.26"),
        ("5-7-26", "/kod/5.7.26"),
        ("(5.7.26)", "/kod/5.7.26"),
        ("#550", "/kod/550"),
        ("SMTP; 550", "/kod/550"),
        ("(550)", "/kod/550"),
        ("smtp hatası 550!", "/kod/550"),
    ],
)
def test_one_code_redirects_whatever_punctuation_surrounds_it(client, corpus, query, page):
    response = client.get("/ara", {"q": query})

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == page


def test_a_typo_shows_did_you_mean_with_a_link(client, corpus):
    html = client.get("/ara", {"q": "kuyurk"}).content.decode()

    assert "Bunu mu demek istediniz:" in html
    assert '<a href="/ara?q=kuyruk">kuyruk</a>' in html


def test_a_query_without_typos_shows_no_suggestion(client, corpus):
    html = client.get("/ara", {"q": "kuyruk"}).content.decode()

    assert "Bunu mu demek istediniz" not in html


def test_a_suffixed_word_finds_its_page_through_ara(client, corpus):
    html = client.get("/ara", {"q": "kuyruğa"}).content.decode()

    assert 'href="/kod/4.4.7"' in html


def test_the_missed_searches_link_to_adding_a_synonym(admin_client, corpus):
    SearchMiss.objects.record("zıpladı")

    html = admin_client.get("/admin/kb/searchmiss/").content.decode()

    assert "eşanlamlı ekle" in html
    assert "/admin/kb/synonym/add/?word=z%C4%B1plad%C4%B1" in html


def test_the_synonym_form_opens_with_the_missed_word_filled_in(admin_client, corpus):
    html = admin_client.get("/admin/kb/synonym/add/", {"word": "zıpladı"}).content.decode()

    assert 'value="zıpladı"' in html
    assert "sayfalardaki karşılıkları" in html.lower()


def test_the_missed_searches_action_opens_the_synonym_form(admin_client, corpus):
    miss = SearchMiss.objects.create(query="zıpladı")

    response = admin_client.post(
        "/admin/kb/searchmiss/", {"action": "add_synonym", "_selected_action": [miss.pk]}
    )

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith("/admin/kb/synonym/add/?word=")


def test_a_synonym_saved_in_the_admin_is_used_by_the_next_search(
    admin_client, client, corpus, transactional_db
):
    assert not client.get("/ara", {"q": "zıpladı"}).context["results"]

    admin_client.post(
        "/admin/kb/synonym/add/", {"word": "zıpladı", "terms": "reddetti, geri döndü"}
    )

    assert Synonym.objects.get().term_list() == ["reddetti", "geri döndü"]
    html = client.get("/ara", {"q": "zıpladı"}).content.decode()
    assert 'href="/kod/550"' in html


def test_deleting_a_synonym_refreshes_the_index(client, corpus, transactional_db):
    synonym = Synonym.objects.create(word="zıpladı", terms="reddetti")
    assert client.get("/ara", {"q": "zıpladı"}).context["results"]

    synonym.delete()

    assert not client.get("/ara", {"q": "zıpladı"}).context["results"]


def test_support_agents_may_add_change_and_delete_synonyms(db):
    from django.contrib.auth.models import Group

    codenames = set(Group.objects.get(name="Destek").permissions.values_list("codename", flat=True))

    assert {"view_synonym", "add_synonym", "change_synonym", "delete_synonym"} <= codenames
