"""This process's search index (kb/search_index.py): a search on a warm index reads the
content version and nothing else; an edit makes the next search read and analyse only the
changed page; a change elsewhere (a comment) keeps the index as it is."""

import pytest
from django.test import Client

from kb import editing, search_index
from kb.models import Comment, CommentStatus, ReplyCode
from kb.smtp.search import updates


@pytest.fixture
def corpus(make_code, transactional_db):
    """Published changes bump the content version after their commit: transactional."""
    for number in range(25):  # enough that two changed pages are an update, not a rebuild
        make_code(f"4{number:02d}", title=f"Sayfa {number}", meaning="Alıcı sunucu meşgul.")
    make_code("550", title="Posta kutusu kullanılamıyor", meaning="Alıcı sunucu reddetti.")


@pytest.fixture
def analysed(monkeypatch):
    """The codes of the documents an index update analyses."""
    codes: list[str] = []
    analyze = updates.analyze

    def counting(document):
        codes.append(document.code)
        return analyze(document)

    monkeypatch.setattr(updates, "analyze", counting)
    return codes


def results(query: str) -> list[str]:
    response = Client().get("/ara", {"q": query})
    return [row.code for row, hit in response.context["results"]]


def test_a_search_on_a_warm_index_reads_only_its_result_rows(corpus, django_assert_num_queries):
    results("sunucu")  # builds the index

    with django_assert_num_queries(1):  # the published rows of the hits, nothing else
        assert results("reddetti") == ["550"]


def test_an_edit_is_found_by_the_next_search_and_only_that_page_is_analysed(
    corpus, analysed, django_assert_num_queries
):
    assert results("zümrütkelime") == []
    reply_code = ReplyCode.objects.get(code="405")
    reply_code.meaning = "Zümrütkelime artık bu sayfada."
    editing.publish(reply_code, None)

    # the responses shown on pages, the host profile's time, the codes' versions, the
    # synonyms, the changed page, the result rows: the same six queries whatever the size of
    # the corpus
    with django_assert_num_queries(6):
        assert results("zümrütkelime") == ["405"]
    assert analysed == ["405"]


def test_unpublishing_and_adding_pages_update_the_index(corpus, make_code, analysed):
    assert "550" in results("reddetti")
    reply_code = ReplyCode.objects.get(code="550")
    reply_code.is_published = False
    editing.publish(reply_code, None)
    make_code("5.7.1", title="Gönderene izin yok", meaning="Alıcı sunucu reddetti.")

    assert results("reddetti") == ["5.7.1"]
    assert analysed == ["5.7.1"]


def test_a_change_that_touches_no_page_keeps_the_index(corpus, analysed):
    results("sunucu")
    before = search_index.search_index()
    comment = Comment.objects.create(
        reply_code=ReplyCode.objects.get(code="550"),
        name="Ayşe",
        body="İşe yaradı.",
        status=CommentStatus.PENDING,
    )
    comment.status = CommentStatus.APPROVED
    comment.save()  # bumps the content version

    assert search_index.search_index() is before
    assert analysed == []


def test_each_result_links_its_page_with_its_title_and_class_badge(corpus, make_code):
    make_code("571", title="Noktasız yazılmış izin reddi", origin="dotless")

    html = Client().get("/ara", {"q": "reddetti izin"}).content.decode()

    assert (
        '<h2><a href="/kod/550"><span class="related__code">550</span> '
        "Posta kutusu kullanılamıyor</a></h2>" in html
    )
    assert '<span class="badge badge--5">' in html
    assert '<a href="/kod/571">' in html
    assert '<span class="badge badge--0">Noktasız kod: SMTP yanıtı değil</span>' in html


def test_a_worker_builds_its_index_in_the_background_as_it_starts(
    corpus, django_assert_num_queries
):
    search_index._searchable = None  # a new worker

    search_index.warm_in_background().join()

    with django_assert_num_queries(1):  # the first search finds the index built
        assert results("reddetti") == ["550"]
