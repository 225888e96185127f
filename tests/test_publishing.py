"""Issue 13: publishing is one explicit act; preview of what is typed; history tells the truth;
the dashboard helps the team."""

from http import HTTPStatus

import pytest
from django.test import Client

from kb.management.commands.create_support_user import create_support_user
from kb.models import Comment, ReplyCode, SearchMiss, Vote
from tests.admin_forms import change_url, form_data, publish_url


@pytest.fixture
def agent_client(db):
    client = Client()
    client.force_login(create_support_user("ayse", "Destek-Parola-2026"))
    return client


@pytest.mark.parametrize("button", ["_save", "_continue", "_save_draft", None])
def test_every_save_button_and_enter_only_save_a_draft(agent_client, client, make_code, button):
    reply_code = make_code("450", title="Yayındaki başlık")
    data = form_data(reply_code, title="Taslak başlık")
    if button:
        data[button] = "1"

    response = agent_client.post(change_url(reply_code), data)

    assert response.status_code == HTTPStatus.FOUND
    assert ReplyCode.objects.get(code="450").title == "Yayındaki başlık"
    assert ReplyCode.objects.get(code="450").draft["title"] == "Taslak başlık"
    assert "Taslak başlık" not in client.get("/kod/450").content.decode()


def test_the_first_submit_button_of_the_change_form_saves_a_draft(agent_client, make_code):
    html = agent_client.get(change_url(make_code("450"))).content.decode()

    form = html[html.index('id="replycode_form"') :]
    first_submit = form[form.index('type="submit"') :][:80]
    assert 'value="Kaydet (taslak)"' in first_submit
    assert "yalnızca taslak kaydeder" in html


def test_publish_button_shows_the_diff_and_publishes_only_after_confirmation(
    agent_client, client, make_code
):
    reply_code = make_code("450", title="Eski başlık")

    response = agent_client.post(
        change_url(reply_code), form_data(reply_code, title="Yeni başlık", _publish="1")
    )
    confirmation = agent_client.get(response["Location"]).content.decode()

    assert response["Location"] == publish_url(reply_code)
    assert "<del>Eski</del>" in confirmation
    assert "<ins>Yeni</ins>" in confirmation
    assert "Eski başlık" in client.get("/kod/450").content.decode()
    version = ReplyCode.objects.get(code="450").version
    done = agent_client.post(publish_url(reply_code), {"version": version}, follow=True)
    assert "Yeni başlık" in client.get("/kod/450").content.decode()
    assert 'Yayınlandı. <a href="/kod/450">Sitede görüntüle</a>' in done.content.decode()


def test_a_confirmation_for_an_older_draft_publishes_nothing(agent_client, client, make_code):
    reply_code = make_code("450", title="Eski başlık")
    agent_client.post(change_url(reply_code), form_data(reply_code, title="Yeni başlık"))

    agent_client.post(publish_url(reply_code), {"version": 1})

    assert ReplyCode.objects.get(code="450").title == "Eski başlık"


def test_unticking_published_asks_before_the_code_goes_offline(agent_client, client, make_code):
    reply_code = make_code("450")
    agent_client.post(change_url(reply_code), form_data(reply_code, is_published=""))

    confirmation = agent_client.get(publish_url(reply_code)).content.decode()

    assert "Bu taslak kodu yayından kaldırır" in confirmation
    assert client.get("/kod/450").status_code == HTTPStatus.OK
    agent_client.post(publish_url(reply_code), {"version": ReplyCode.objects.get().version})
    assert client.get("/kod/450").status_code == HTTPStatus.NOT_FOUND


def test_preview_renders_the_typed_form_without_saving_or_live_forms(agent_client, make_code):
    reply_code = make_code("450", remedy_customer="1. Eski adım")
    url = f"/admin/kb/replycode/{reply_code.pk}/onizle/"

    response = agent_client.post(url, form_data(reply_code, remedy_customer="1. Yazılan adım"))

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Yazılan adım" in html
    assert "henüz kaydedilmemiş metin" in html
    assert "Düzenlemeye dön" in html
    assert "Yayınla…" in html
    assert "Bu sayfa işinize yaradı mı?" not in html
    assert 'action="/kod/450/yorum"' not in html
    assert ReplyCode.objects.get(code="450").draft is None


def test_back_to_editing_shows_the_typed_text_without_saving(agent_client, make_code):
    reply_code = make_code("450", remedy_customer="1. Eski adım")

    response = agent_client.post(
        change_url(reply_code), form_data(reply_code, remedy_customer="1. Yazılan", _edit="1")
    )

    assert response.status_code == HTTPStatus.OK
    assert "1. Yazılan" in response.content.decode()
    assert ReplyCode.objects.get(code="450").draft is None


def test_a_browser_post_with_crlf_changes_one_field_and_stores_no_cr(agent_client, make_code):
    reply_code = make_code("450", meaning="Bir.\n\nİki.", examples="A | 1\nB | 2")
    data = form_data(reply_code, title="Yeni başlık")
    data = {
        k: v.replace("\n", "\r\n") + ("  " if k == "meaning" else "") if isinstance(v, str) else v
        for k, v in data.items()
    }

    agent_client.post(change_url(reply_code), data)
    agent_client.post(publish_url(reply_code), {"version": ReplyCode.objects.get().version})

    stored = ReplyCode.objects.get(code="450")
    html = agent_client.get(f"/admin/kb/replycode/{reply_code.pk}/history/").content.decode()
    assert "\r" not in stored.meaning + stored.examples + stored.first_steps
    assert "<td>Başlık</td>" in html
    assert "<td>Taslak: Başlık</td>" in html


def test_the_data_migration_normalizes_stored_text(db, make_code):
    from importlib import import_module

    from django.apps import apps

    reply_code = make_code("450")
    ReplyCode.objects.filter(pk=reply_code.pk).update(meaning="Bir. \r\n\r\nİki.\r\n")

    import_module("kb.migrations.0015_normalize_stored_text").normalize_rows(apps, None)

    assert ReplyCode.objects.get(code="450").meaning == "Bir.\n\nİki."


def test_dashboard_links_what_the_team_should_look_at(agent_client, make_code):
    reply_code = make_code("450", title="Az işe yarayan")
    make_code("550", reviewed_at="2024-01-10")
    Comment.objects.create(reply_code=reply_code, name="Ali", body="Bir soru sormak istiyorum.")
    Vote.objects.create(reply_code=reply_code, helpful=False, fingerprint="a")
    for query in ("5.7.515", "5.7.515", "450", "posta kutusu"):
        SearchMiss.objects.record(query)

    html = agent_client.get("/admin/").content.decode()

    assert '?status__exact=pending">1 yorum</a> onay bekliyor.' in html
    assert '?inceleme=hic">1 kod</a> hiç incelenmedi.' in html
    assert '?inceleme=gerekli">1 kod</a> 12 aydan uzun süredir incelenmedi.' in html
    assert "450 Az işe yarayan</a>: 1 oy, %0 işe yaradı" in html
    assert '?q=5.7.515">5.7.515</a>: 2 arama' in html
    assert ">450</a>: 1 arama" not in html  # we have that code


def test_a_code_search_in_the_code_list_pins_that_code_first(agent_client, make_code):
    make_code("4.5.0", meaning="450 ile ilgili.")
    make_code("450")

    html = agent_client.get("/admin/kb/replycode/", {"q": "450"}).content.decode()

    assert html.index(">450<") < html.index(">4.5.0<")


def test_draft_status_reads_as_a_word(agent_client, make_code):
    reply_code = make_code("450")
    agent_client.post(change_url(reply_code), form_data(reply_code, title="Taslak"))

    html = agent_client.get("/admin/kb/replycode/").content.decode()

    assert "taslak var" in html
    assert "icon-no.svg" not in html
