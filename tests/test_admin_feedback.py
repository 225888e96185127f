import re
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client

from kb.models import Comment, CommentStatus, SearchMiss, Synonym, Vote

# What the "Destek" group needs to moderate comments and read the feedback (README).
SUPPORT_PERMISSIONS = [
    "view_comment",
    "change_comment",
    "delete_comment",
    "view_vote",
    "view_feedbacksummary",
]


def make_comment(reply_code, **fields):
    defaults = {"name": "Okur", "body": "Bir saat bekledim, geçti."}
    return Comment.objects.create(reply_code=reply_code, **{**defaults, **fields})


def make_votes(reply_code, yes=0, no=0, missing=()):
    for number in range(yes):
        Vote.objects.create(
            reply_code=reply_code, helpful=True, fingerprint=f"{reply_code.code}-y{number}"
        )
    for number in range(no):
        text = missing[number] if number < len(missing) else ""
        Vote.objects.create(
            reply_code=reply_code,
            helpful=False,
            fingerprint=f"{reply_code.code}-n{number}",
            missing=text,
        )


@pytest.fixture
def support_client(db):
    user = User.objects.create_user("destek", password="parola-uzun-123", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=SUPPORT_PERMISSIONS))
    client = Client()
    client.force_login(user)
    return client


def test_comment_changelist_shows_code_name_and_status(admin_client, make_code):
    make_comment(make_code("450"), name="Ayşe")

    html = admin_client.get("/admin/kb/comment/").content.decode()

    assert ">450<" in html
    assert "Ayşe" in html
    assert "Onay bekliyor" in html


def test_comment_changelist_filters_by_status(admin_client, make_code):
    code = make_code("450")
    make_comment(code, name="Bekleyen")
    make_comment(code, name="Onaylanan", status=CommentStatus.APPROVED)

    html = admin_client.get("/admin/kb/comment/", {"status__exact": "pending"}).content.decode()

    assert "Bekleyen" in html
    assert "Onaylanan" not in html


def test_approve_action_publishes_the_comment_on_the_code_page(admin_client, client, make_code):
    comment = make_comment(make_code("450"), body="Gri listeye takılmış, geçti.")

    response = admin_client.post(
        "/admin/kb/comment/", {"action": "approve", "_selected_action": [comment.pk]}
    )

    assert response.status_code == HTTPStatus.FOUND
    assert "Gri listeye takılmış, geçti." in client.get("/kod/450").content.decode()


def test_reject_action_keeps_the_comment_off_the_page(admin_client, client, make_code):
    comment = make_comment(
        make_code("450"), body="Görünmemesi gereken yorum.", status=CommentStatus.APPROVED
    )

    admin_client.post("/admin/kb/comment/", {"action": "reject", "_selected_action": [comment.pk]})

    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED
    assert "Görünmemesi gereken yorum." not in client.get("/kod/450").content.decode()


def test_an_answer_written_in_the_admin_shows_under_the_comment(admin_client, client, make_code):
    comment = make_comment(make_code("450"))

    response = admin_client.post(
        f"/admin/kb/comment/{comment.pk}/change/",
        {
            "name": "Okur",
            "email": "",
            "body": comment.body,
            "status": "approved",
            "answer": "Sunucu 4 saat sonra yeniden dener.",
        },
    )

    assert response.status_code == HTTPStatus.FOUND
    comment.refresh_from_db()
    assert comment.answered_at is not None
    html = client.get("/kod/450").content.decode()
    assert "Destek Ekibi yanıtı" in html
    assert "Sunucu 4 saat sonra yeniden dener." in html


def test_staff_cannot_add_comments_in_the_admin(admin_client, db):
    assert admin_client.get("/admin/kb/comment/add/").status_code == HTTPStatus.FORBIDDEN


def test_feedback_summary_lists_the_least_helpful_page_first(admin_client, make_code):
    make_votes(make_code("250"), yes=4)
    make_votes(make_code("450"), yes=1, no=3, missing=["Exchange örneği yok", "Çok teknik"])
    make_votes(make_code("550"), yes=1, no=1)
    make_code("421")  # no votes, not listed

    html = admin_client.get("/admin/kb/feedbacksummary/").content.decode()

    assert html.index(">450<") < html.index(">550<") < html.index(">250<")
    assert ">421<" not in html
    assert 'field-helpful_percent">%25<' in html
    assert 'field-helpful_percent">%100<' in html
    assert "Exchange örneği yok" in html
    assert "Çok teknik" in html


def test_feedback_summary_links_to_every_missing_answer_of_a_code(admin_client, make_code):
    code_450 = make_code("450")
    make_votes(code_450, no=4, missing=["Eksik-1", "Eksik-2", "Eksik-3", "Eksik-4"])
    make_votes(make_code("550"), no=1, missing=["Başka kod"])

    summary = admin_client.get("/admin/kb/feedbacksummary/").content.decode()
    link = f"/admin/kb/vote/?reply_code__id__exact={code_450.pk}&amp;helpful__exact=0"
    answers = admin_client.get(link.replace("&amp;", "&")).content.decode()

    assert f'<a href="{link}">Tümü (4)</a>' in summary
    assert "Eksik-1" in answers
    assert "Başka kod" not in answers


def test_feedback_summary_costs_the_same_queries_for_many_codes(
    admin_client, make_code, django_assert_max_num_queries
):
    for number in range(500, 530):
        make_votes(make_code(str(number)), yes=1, no=2, missing=["Eksik", "Başka"])
    admin_client.get("/admin/kb/feedbacksummary/")  # warm the session and content types

    with django_assert_max_num_queries(8):
        response = admin_client.get("/admin/kb/feedbacksummary/")

    assert response.status_code == HTTPStatus.OK


def test_votes_are_read_only_in_the_admin(admin_client, make_code):
    make_votes(make_code("450"), no=1, missing=["Eksik bilgi"])
    vote = Vote.objects.get()

    response = admin_client.post(
        f"/admin/kb/vote/{vote.pk}/change/", {"helpful": "on", "missing": "Değişti"}
    )

    vote.refresh_from_db()
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert vote.missing == "Eksik bilgi"


def test_support_staff_with_the_documented_permissions_can_moderate(support_client, make_code):
    comment = make_comment(make_code("450"))

    changelist = support_client.get("/admin/kb/comment/")
    support_client.post(
        "/admin/kb/comment/", {"action": "approve", "_selected_action": [comment.pk]}
    )

    comment.refresh_from_db()
    assert changelist.status_code == HTTPStatus.OK
    assert comment.status == CommentStatus.APPROVED
    assert support_client.get("/admin/kb/feedbacksummary/").status_code == HTTPStatus.OK
    assert support_client.get("/admin/kb/vote/").status_code == HTTPStatus.OK


def test_a_synonym_and_a_missed_search_link_to_their_results_on_the_site(admin_client, db):
    SearchMiss.objects.record("posta kutusu dolu")
    synonym = Synonym.objects.create(word="mailim gitmiyor", terms="teslim edilemedi")
    miss = SearchMiss.objects.get()

    miss_page = admin_client.get(f"/admin/kb/searchmiss/{miss.pk}/change/").content.decode()
    synonym_page = admin_client.get(f"/admin/kb/synonym/{synonym.pk}/change/").content.decode()

    for html, url in (
        (miss_page, miss.get_absolute_url()),
        (synonym_page, synonym.get_absolute_url()),
    ):
        shortcut = re.search(r'href="(/admin/r/[^"]+)"', html)
        assert shortcut, "the admin's «Sitede görüntüle» link is missing"
        assert admin_client.get(shortcut.group(1))["Location"].endswith(url)
    assert miss.get_absolute_url() == "/ara?q=posta+kutusu+dolu"
    assert synonym.get_absolute_url() == "/ara?q=mailim+gitmiyor"
