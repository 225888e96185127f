"""Issue 5: support staff edit safely (roles, drafts, history, locking, review, export)."""

from html.parser import HTMLParser
from http import HTTPStatus

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.test import Client

from kb.content import export_codes, seed_codes
from kb.editing import publish_draft, restore
from kb.management.commands.create_support_user import create_support_user
from kb.models import ReplyCode
from tests.admin_forms import change_url, edit_and_publish, form_data, publish_url

XSS = '<script>alert(1)</script><img src=x onerror="alert(2)"> [tık](javascript:alert(3))'


class ActiveMarkup(HTMLParser):
    """Collects what a browser would execute: inline scripts, on* handlers, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        if (
            tag == "script"
            and "src" not in attributes
            and attributes.get("type") != "application/ld+json"
        ):
            self.found.append("inline <script>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"<{tag} {name}=javascript:>")


def active_markup(html: str) -> list[str]:
    parser = ActiveMarkup()
    parser.feed(html)
    return parser.found


@pytest.fixture
def agent(db):
    user = create_support_user("ayse", "Destek-Parola-2026")
    user.first_name, user.last_name = "Ayşe", "Yılmaz"
    user.save()
    return user


@pytest.fixture
def agent_client(agent):
    client = Client()
    client.force_login(agent)
    return client


def test_destek_group_exists_after_migrations(db):
    permissions = set(
        Group.objects.get(name="Destek").permissions.values_list("codename", flat=True)
    )
    assert {"view_replycode", "change_replycode", "view_historicalreplycode"} <= permissions
    assert "delete_replycode" not in permissions


def test_agent_can_edit_a_code(agent_client, make_code):
    reply_code = make_code("450")

    response = edit_and_publish(agent_client, reply_code, title="Yeni başlık")

    assert response.status_code == HTTPStatus.FOUND
    assert ReplyCode.objects.get(code="450").title == "Yeni başlık"


def test_agent_cannot_delete_a_code(agent_client, make_code):
    reply_code = make_code("450")

    response = agent_client.post(f"/admin/kb/replycode/{reply_code.pk}/delete/", {"post": "yes"})

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert ReplyCode.objects.filter(code="450").exists()


def test_agent_cannot_manage_users(agent_client):
    assert agent_client.get("/admin/auth/user/").status_code == HTTPStatus.FORBIDDEN


def test_create_support_user_generates_and_prints_a_password(db, capsys):
    call_command("create_support_user", "mehmet", "--generate-password")

    out = capsys.readouterr().out
    user = User.objects.get(username="mehmet")
    password = out.rsplit(": ", 1)[1].strip()
    assert user.is_staff
    assert list(user.groups.values_list("name", flat=True)) == ["Destek"]
    assert user.check_password(password)


def test_create_support_user_refuses_an_existing_name(agent):
    with pytest.raises(CommandError, match="zaten var"):
        call_command("create_support_user", "ayse", "--generate-password")


@pytest.mark.parametrize(
    "field",
    ["title", "meaning", "retry_note", "remedy_customer", "remedy_admin", "vendor", "reference"],
)
def test_markup_typed_into_the_admin_is_inert_on_the_public_page(
    admin_client, client, make_code, field
):
    reply_code = make_code("450")
    edit_and_publish(admin_client, reply_code, **{field: XSS})

    html = client.get("/kod/450").content.decode()

    assert active_markup(html) == []


def test_markup_in_examples_is_escaped_on_the_public_page(admin_client, client, make_code):
    reply_code = make_code("450")
    edit_and_publish(admin_client, reply_code, examples=f"Postfix | {XSS}")

    html = client.get("/kod/450").content.decode()

    assert active_markup(html) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_markup_is_inert_in_the_index_and_api(admin_client, client, make_code):
    reply_code = make_code("450")
    admin_client.post(
        change_url(reply_code), form_data(reply_code, title=XSS, remedy_customer=f"1. {XSS}")
    )

    assert active_markup(client.get("/").content.decode()) == []
    assert b"<script>" not in client.get("/api/kod/450").content


def test_markdown_steps_links_and_code_render(client, make_code):
    make_code(
        "450", remedy_admin="1. `dig MX example.com` çalıştırın\n2. [Belge](https://example.com/a)"
    )

    html = client.get("/kod/450").content.decode()

    assert "<code>dig MX example.com</code>" in html
    assert '<a href="https://example.com/a" rel="nofollow noopener">Belge</a>' in html


def test_draft_leaves_the_public_page_unchanged(agent_client, client, make_code):
    reply_code = make_code("450", remedy_customer="1. Eski adım")

    response = agent_client.post(
        change_url(reply_code),
        form_data(reply_code, remedy_customer="1. Taslak adım", _save_draft="1"),
    )

    assert response.status_code == HTTPStatus.FOUND
    html = client.get("/kod/450").content.decode()
    assert "Eski adım" in html
    assert "Taslak adım" not in html


def test_preview_shows_the_draft_to_staff_only(agent_client, client, make_code):
    reply_code = make_code("450", remedy_customer="1. Eski adım")
    agent_client.post(
        change_url(reply_code),
        form_data(reply_code, remedy_customer="1. Taslak adım", _save_draft="1"),
    )

    preview = agent_client.get("/kod/450/onizleme")

    assert "Taslak adım" in preview.content.decode()
    assert "Önizleme" in preview.content.decode()
    assert client.get("/kod/450/onizleme").status_code == HTTPStatus.NOT_FOUND


def test_the_change_form_continues_the_draft(agent_client, make_code):
    reply_code = make_code("450", remedy_customer="1. Eski adım")
    agent_client.post(
        change_url(reply_code),
        form_data(reply_code, remedy_customer="1. Taslak adım", _save_draft="1"),
    )

    html = agent_client.get(change_url(reply_code)).content.decode()

    assert "1. Taslak adım" in html
    assert "yayınlanmamış bir taslağı var" in html


def test_publishing_the_draft_updates_the_public_page_and_names_the_editor(
    agent_client, client, make_code
):
    reply_code = make_code("450", remedy_customer="1. Eski adım")
    agent_client.post(
        change_url(reply_code),
        form_data(reply_code, remedy_customer="1. Taslak adım", _save_draft="1"),
    )
    reply_code.refresh_from_db()

    agent_client.post(publish_url(reply_code), {"version": reply_code.version})

    html = client.get("/kod/450").content.decode()
    assert "Taslak adım" in html
    assert "Ayşe Yılmaz" in html
    assert ReplyCode.objects.get(code="450").draft is None


def test_unpublished_code_is_hidden_from_the_public_but_previewable(
    agent_client, client, make_code
):
    make_code("450", is_published=False)

    assert client.get("/kod/450").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/api/kod/450").status_code == HTTPStatus.NOT_FOUND
    assert "/kod/450" not in client.get("/").content.decode()
    assert agent_client.get("/kod/450/onizleme").status_code == HTTPStatus.OK


def test_every_save_records_who_changed_what(agent_client, agent, make_code):
    reply_code = make_code("450")
    edit_and_publish(agent_client, reply_code, title="İkinci başlık")

    html = agent_client.get(f"/admin/kb/replycode/{reply_code.pk}/history/").content.decode()

    latest = ReplyCode.objects.get(code="450").history.first()
    assert latest.history_user == agent
    assert latest.history_change_reason == "Yayınlandı"
    assert "Ayşe Yılmaz" in html
    assert "<td>Başlık</td>" in html
    assert "<td>Taslak: Başlık</td>" in html


def test_compare_shows_old_and_new_text_of_changed_fields(agent_client, make_code):
    reply_code = make_code("450", title="Eski başlık")
    edit_and_publish(agent_client, reply_code, title="Yeni başlık")
    first, _draft, second = reply_code.history.order_by("history_date")

    response = agent_client.get(
        f"/admin/kb/replycode/{reply_code.pk}/karsilastir/",
        {"a": first.history_id, "b": second.history_id},
    )

    html = response.content.decode()
    assert "<del>Eski</del>" in html
    assert "<ins>Yeni</ins>" in html


def test_restore_brings_the_old_text_back_as_a_new_version(agent_client, client, make_code):
    reply_code = make_code("450", remedy_customer="1. İlk metin")
    edit_and_publish(agent_client, reply_code, remedy_customer="1. Hatalı metin")
    first = reply_code.history.order_by("history_date").first()

    response = agent_client.post(
        f"/admin/kb/replycode/{reply_code.pk}/geri-yukle/{first.history_id}/"
    )

    assert response.status_code == HTTPStatus.FOUND
    assert "Hatalı metin" in client.get("/kod/450").content.decode()  # a draft, not live yet
    assert reply_code.history.first().history_change_reason == ("1. sürümden taslak oluşturuldu")
    agent_client.post(publish_url(reply_code), {"version": reply_code.history.first().version})
    assert "İlk metin" in client.get("/kod/450").content.decode()
    assert reply_code.history.count() == 5


def test_second_editor_is_stopped_and_nothing_is_lost(client, admin_user, agent, make_code):
    reply_code = make_code("550", remedy_customer="1. Ortak başlangıç")
    opened_by_a = form_data(reply_code)  # agent A opens the form (version 1)
    client.force_login(admin_user)
    edit_and_publish(client, reply_code, remedy_customer="1. B'nin düzeltmesi")
    client.force_login(agent)

    response = client.post(
        change_url(reply_code), {**opened_by_a, "remedy_customer": "1. A'nın düzeltmesi"}
    )

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Bu kodu siz açtıktan sonra" in html
    assert "Onun değiştirdiği alanlar: Müşteri ne yapmalı." in html
    assert "1. A&#x27;nın düzeltmesi" in html
    assert ReplyCode.objects.get(code="550").remedy_customer == "1. B'nin düzeltmesi"


def test_after_a_conflict_a_deliberate_second_save_goes_through(
    client, admin_user, agent, make_code
):
    reply_code = make_code("550")
    opened_by_a = form_data(reply_code)
    client.force_login(admin_user)
    edit_and_publish(client, reply_code, title="B")
    client.force_login(agent)
    client.post(change_url(reply_code), {**opened_by_a, "title": "A"})

    response = client.post(
        change_url(reply_code), {**opened_by_a, "title": "A", "expected_version": 3}
    )

    assert response.status_code == HTTPStatus.FOUND
    assert ReplyCode.objects.get(code="550").draft["title"] == "A"


def test_review_filter_lists_codes_not_reviewed_for_a_year(admin_client, make_code):
    make_code("450", reviewed_at="2024-01-10")
    make_code("550", reviewed_at="2026-10-01")
    make_code("421")

    overdue = admin_client.get("/admin/kb/replycode/", {"inceleme": "gerekli"}).content.decode()
    never = admin_client.get("/admin/kb/replycode/", {"inceleme": "hic"}).content.decode()

    assert ">450<" in overdue
    assert ">421<" not in overdue
    assert ">550<" not in overdue
    assert ">421<" in never
    assert ">450<" not in never


def test_reviewed_today_action_marks_codes(admin_client, make_code):
    reply_code = make_code("450")

    admin_client.post(
        "/admin/kb/replycode/",
        {"action": "mark_reviewed_today", "_selected_action": [reply_code.pk]},
    )

    reply_code.refresh_from_db()
    assert reply_code.reviewed_at is not None
    assert reply_code not in ReplyCode.objects.due_for_review(12)


def test_dashboard_tells_never_reviewed_from_overdue_codes(admin_client, make_code):
    make_code("450")
    make_code("550")
    make_code("421", reviewed_at="2024-01-10")

    html = admin_client.get("/admin/").content.decode()

    assert '?inceleme=hic">2 kod</a> hiç incelenmedi.' in html
    assert '?inceleme=gerekli">1 kod</a> 12 aydan uzun süredir incelenmedi.' in html


def test_seed_then_export_round_trips_the_fixture_byte_for_byte(db, tmp_path):
    seed_codes(settings.KB_FIXTURE_PATH)
    exported = tmp_path / "codes.json"

    export_codes(exported)

    assert exported.read_bytes() == settings.KB_FIXTURE_PATH.read_bytes()


def test_export_writes_staff_edits(db, tmp_path, make_code):
    make_code("450", title="Destek ekibinin başlığı")
    exported = tmp_path / "codes.json"

    call_command("export_codes", str(exported))

    assert '"title": "Destek ekibinin başlığı"' in exported.read_text(encoding="utf-8")


def test_seed_update_refreshes_unedited_rows_and_reports_edited_ones(
    db, tmp_path, admin_user, content_snapshot
):
    content_snapshot.load()  # what seed_codes(settings.KB_FIXTURE_PATH) wrote
    edited = ReplyCode.objects.get(code="550")
    edited.title = "Destek ekibinin başlığı"
    edited.save()
    newer = tmp_path / "codes.json"
    text = settings.KB_FIXTURE_PATH.read_text(encoding="utf-8")
    old_450 = ReplyCode.objects.get(code="450").title
    old_550 = ReplyCode.objects.get(code="550").title
    text = text.replace(f'"title": "{old_450}"', '"title": "Fixture yeni 450"')
    text = text.replace(f'"title": "{old_550}"', '"title": "Fixture yeni 550"')
    newer.write_text(text, encoding="utf-8")

    report = seed_codes(newer, update=True)

    assert report.updated == ["450"]
    assert report.edited == ["550"]
    assert ReplyCode.objects.get(code="450").title == "Fixture yeni 450"
    assert ReplyCode.objects.get(code="550").title == "Destek ekibinin başlığı"


def test_seed_without_update_never_changes_existing_rows(db, tmp_path, content_snapshot):
    content_snapshot.load()  # what seed_codes(settings.KB_FIXTURE_PATH) wrote
    newer = tmp_path / "codes.json"
    old = ReplyCode.objects.get(code="450").title
    newer.write_text(
        settings.KB_FIXTURE_PATH.read_text(encoding="utf-8").replace(
            f'"title": "{old}"', '"title": "Yeni"'
        ),
        encoding="utf-8",
    )

    seed_codes(newer)

    assert ReplyCode.objects.get(code="450").title == old


def test_restore_helper_records_the_user(agent, make_code):
    reply_code = make_code("450", title="Bir")
    reply_code.title = "İki"
    reply_code.save()

    restore(reply_code, reply_code.history.order_by("history_date").first(), agent)
    publish_draft(reply_code, agent)

    assert ReplyCode.objects.get(code="450").title == "Bir"
    assert ReplyCode.objects.get(code="450").updated_by == agent


def test_the_markup_detector_itself_catches_live_payloads():
    html = '<script>x()</script><img src=x onerror="a()"><a href=" JavaScript:alert(1)">x</a>'

    assert active_markup(html) == ["inline <script>", "<img onerror>", "<a href=javascript:>"]


def test_related_codes_chosen_in_a_draft_wait_for_publishing(agent_client, client, make_code):
    other = make_code("5.1.1", title="Alıcı adresi yok")
    reply_code = make_code("550")
    agent_client.post(
        change_url(reply_code), form_data(reply_code, related=[other.pk], _save_draft="1")
    )

    html = agent_client.get(change_url(reply_code)).content.decode()

    assert f'<option value="{other.pk}" selected>' in html
    related_item = '<span class="related__code">5.1.1</span>'
    assert related_item not in client.get("/kod/550").content.decode()
    reply_code.refresh_from_db()
    agent_client.post(publish_url(reply_code), {"version": reply_code.version})
    assert related_item in client.get("/kod/550").content.decode()


def test_an_edit_that_does_not_say_its_version_is_refused(agent_client, make_code):
    reply_code = make_code("450", title="Eski")
    data = form_data(reply_code, title="Sürümsüz")
    del data["expected_version"]

    response = agent_client.post(change_url(reply_code), data)

    assert response.status_code == HTTPStatus.OK
    assert ReplyCode.objects.get(code="450").title == "Eski"


def test_restore_brings_back_the_related_codes_and_the_published_state(agent, make_code):
    other, third = make_code("550"), make_code("5.1.1")
    reply_code = make_code("450", related=[other])
    old = reply_code.history.latest()
    reply_code.related.set([third])
    reply_code.is_published = False
    reply_code.save()

    restore(reply_code, old, agent)
    assert not ReplyCode.objects.get(pk=reply_code.pk).is_published  # a draft only
    publish_draft(reply_code, agent)

    reply_code.refresh_from_db()
    assert reply_code.is_published
    assert [code.code for code in reply_code.related.all()] == ["550"]
