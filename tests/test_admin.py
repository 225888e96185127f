from http import HTTPStatus

from django.core.management import call_command

from kb.models import ReplyCode
from tests.admin_forms import change_url, form_data, publish_url


def test_changelist_lists_codes_with_their_columns(admin_client, make_code):
    make_code("450", title="Posta kutusu meşgul")

    response = admin_client.get("/admin/kb/replycode/")

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Posta kutusu meşgul" in html
    assert "Geçici hata" in html
    assert "Standart (RFC)" in html


def test_changelist_search_finds_code_by_remedy_text(admin_client, make_code):
    make_code("450", remedy_customer="1. Gri listeyi bekleyin")
    make_code("550", title="Alıcı yok")

    response = admin_client.get("/admin/kb/replycode/", {"q": "gri liste"})

    html = response.content.decode()
    assert "/admin/kb/replycode/" in html
    assert ">450<" in html
    assert ">550<" not in html


def test_changelist_filters_by_class_and_origin(admin_client, make_code):
    make_code("450")
    make_code("420", origin="vendor", vendor="Novell GroupWise")

    html = admin_client.get("/admin/kb/replycode/", {"origin": "vendor"}).content.decode()

    assert ">420<" in html
    assert ">450<" not in html


def test_change_form_loads_with_markdown_help_and_view_on_site(admin_client, make_code):
    reply_code = make_code("450")

    response = admin_client.get(f"/admin/kb/replycode/{reply_code.pk}/change/")

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Markdown" in html
    assert "/admin/r/" in html  # "Sitede görüntüle"


def test_admin_edit_shows_on_the_public_page_at_once(admin_client, client, make_code):
    reply_code = make_code("450")
    form = form_data(
        reply_code, title="Yeni başlık", remedy_customer="1. Destek ekibinin yeni önerisi"
    )

    admin_client.post(change_url(reply_code), form)
    reply_code.refresh_from_db()
    response = admin_client.post(publish_url(reply_code), {"version": reply_code.version})

    assert response.status_code == HTTPStatus.FOUND
    html = client.get("/kod/450").content.decode()
    assert "SMTP 450 hatası: Yeni başlık" in html
    assert "Destek ekibinin yeni önerisi" in html


def test_the_class_is_not_typed_but_follows_the_code(admin_client, make_code):
    reply_code = make_code("450")
    form = admin_client.get("/admin/kb/replycode/add/").content.decode()
    data = form_data(reply_code, code="550")
    del data["expected_version"]

    response = admin_client.post("/admin/kb/replycode/add/", data)

    assert 'name="reply_class"' not in form
    assert response.status_code == HTTPStatus.FOUND
    assert ReplyCode.objects.get(code="550").reply_class == 5


def test_no_model_change_lacks_a_migration(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
