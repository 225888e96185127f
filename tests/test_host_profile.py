"""The host profile: our own mail settings, edited once in the admin, filled into every page,
the API and the search through placeholders such as {smtp_host}."""

import json
from http import HTTPStatus

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.test import Client

from kb.content import seed_codes
from kb.management.commands.create_support_user import create_support_user
from kb.models import HostProfile, ProviderResponse, ReplyCode
from kb.placeholders import PLACEHOLDERS, fill, unknown_names
from tests.admin_forms import change_url, form_data
from tests.test_admin_turkish import VisibleText, findings_in

NEW_HOST = "smtp.yeni-sunucu.example.net"


def profile_url(profile: HostProfile) -> str:
    return f"/admin/kb/hostprofile/{profile.pk}/change/"


def profile_form(profile: HostProfile, **changes) -> dict:
    """What the admin change form of the profile posts, with some fields changed."""
    data = model_to_dict(profile, exclude=["id", "updated_at"])
    data = {name: "" if value is None else value for name, value in data.items()}
    data.update(changes)
    return data


def anonymous_get(path: str):
    return Client().get(path)


def test_changing_the_smtp_host_in_the_admin_changes_535_570_and_the_api_at_once(
    page_cache, admin_user
):
    seed_codes(settings.KB_FIXTURE_PATH)
    pages = ["/kod/535", "/kod/5.7.0"]
    for path in pages:
        anonymous_get(path)
        primed = anonymous_get(path)
        assert primed["X-Page-Cache"] == "hit"
        assert "mail.example.com" in primed.content.decode()
    editor = Client()
    editor.force_login(admin_user)
    profile = HostProfile.load()

    response = editor.post(profile_url(profile), profile_form(profile, smtp_host=NEW_HOST))

    assert response.status_code == HTTPStatus.FOUND
    for path in pages:
        page = anonymous_get(path)
        html = page.content.decode()
        assert page["X-Page-Cache"] == "miss"
        assert f"<code>{NEW_HOST}</code>" in html
        assert "<code>mail.example.com</code>" not in html
    api = json.loads(anonymous_get("/api/kod/535").content)
    assert NEW_HOST in api["remedy_customer"]
    assert "{smtp_host}" not in api["remedy_customer"]


def test_the_save_message_counts_the_texts_that_use_a_placeholder(
    admin_client, make_code, make_response
):
    make_code("535", remedy_customer="1. Giden sunucu `{smtp_host}` olsun.")
    make_code("550", remedy_customer="1. Exim'in `${if def:h_subject}` ifadesi yer tutucu değil.")
    make_response(make_code("5.7.26"), "ornek-spf", customer_fix="1. `{spf_include}` ekleyin.")
    make_response(ReplyCode.objects.get(code="550"), "ornek-yok", customer_fix="1. Düz metin.")
    profile = HostProfile.load()

    response = admin_client.post(
        profile_url(profile), profile_form(profile, smtp_host=NEW_HOST), follow=True
    )

    html = response.content.decode()
    assert "Barındırma profili kaydedildi. Yer tutucu kullanan 2 metin" in html
    assert ReplyCode.objects.get(code="535").filled["remedy_customer"] == (
        f"1. Giden sunucu `{NEW_HOST}` olsun."
    )


def test_saving_the_profile_re_renders_every_code_in_a_few_queries(
    db, make_code, django_assert_max_num_queries
):
    for number in range(30):
        make_code(f"5.7.{number}", first_steps="1. Sunucu: {smtp_host}")
    profile = HostProfile.load()
    profile.smtp_host = NEW_HOST

    with django_assert_max_num_queries(10):
        profile.save()

    assert ReplyCode.objects.filter(first_steps_html__contains=NEW_HOST).count() == 30


def test_an_unknown_placeholder_is_refused_with_a_turkish_message(admin_client, make_code):
    reply_code = make_code("535")
    data = form_data(reply_code, remedy_customer="1. Sunucu `{smtp_hots}` olsun.")

    response = admin_client.post(change_url(reply_code), data)

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Bilinmeyen yer tutucu: {smtp_hots}." in html
    assert ReplyCode.objects.get(pk=reply_code.pk).draft is None


def test_clean_names_every_unknown_placeholder_of_the_field(db):
    reply_code = ReplyCode(
        code="535",
        title="Başlık",
        meaning="Anlamı.",
        remedy_customer="1. {smtp_host} ve {sunucu} ile {port}",
        origin="standard",
        reference="RFC 4954",
    )

    with pytest.raises(ValidationError) as error:
        reply_code.full_clean(exclude=["reply_class"])

    assert error.value.message_dict["remedy_customer"] == [
        "Bilinmeyen yer tutucular: {sunucu}, {port}. Kullanılabilenler formun yanındaki "
        "listede; süslü parantezi olduğu gibi göstermek için {{ad}} yazın."
    ]


def test_braces_that_are_not_placeholders_stay_as_they_are(make_code):
    exim = '`${if eq{$tls_in_cipher}{}{}{*}}` ve `@{Add="x"}` ve `{MAIL_TO}`'
    reply_code = make_code("523", remedy_admin=f"1. {exim}", first_steps="1. {{smtp_host}} yazın")

    reply_code.full_clean(exclude=["reply_class"])
    assert reply_code.filled["remedy_admin"] == f"1. {exim}"
    assert reply_code.filled["first_steps"] == "1. {smtp_host} yazın"


def test_the_placeholders_are_listed_beside_the_editor_with_their_values(admin_client, make_code):
    reply_code = make_code("5.7.26")
    profile = HostProfile.load()
    profile.spf_include = "include:_spf.barindirma.example.org"
    profile.save()

    html = admin_client.get(change_url(reply_code)).content.decode()

    assert "Yer tutucular ve şu anki değerleri" in html
    assert (
        "<tr><td><code>{spf_include}</code></td><td>SPF kaydına eklenecek mekanizma "
        "(include:…)</td><td><code>include:_spf.barindirma.example.org</code></td></tr>"
    ) in html
    assert "<code>{smtp_host}</code>" in html
    assert "konu=SMTP+5.7.26" in html  # the support link with this code filled in


def published_profile(capture_on_commit, **values) -> HostProfile:
    """The host profile saved with `values`, its commit run (the content version bumps)."""
    profile = HostProfile.load()
    for name, value in values.items():
        setattr(profile, name, value)
    with capture_on_commit(execute=True):
        profile.save()
    return profile


def test_a_warm_search_index_finds_a_code_by_the_newly_filled_in_host_name(
    client, make_code, django_capture_on_commit_callbacks
):
    make_code("535", title="Kimlik doğrulama başarısız", remedy_customer="1. `{smtp_host}`")
    make_code("450", title="Posta kutusu meşgul")
    assert 'href="/kod/535"' in client.get("/ara", {"q": "kimlik"}).content.decode()  # warm
    published_profile(django_capture_on_commit_callbacks, smtp_host="gonderim.ornekfirma.example")

    html = client.get("/ara", {"q": "gonderim.ornekfirma.example"}).content.decode()

    assert 'href="/kod/535"' in html
    assert 'href="/kod/450"' not in html


def test_every_placeholder_has_a_value_and_a_description(db):
    values = HostProfile.load().placeholders("5.7.1")

    assert list(values) == list(PLACEHOLDERS)
    assert values["queue_retry"] == "5 gün"
    assert values["spf_include_domain"] == "_spf.example.com"
    assert values["support_url"] == ("https://destek.example.com/ticket?konu=SMTP+5.7.1&aciklama=")


@pytest.mark.parametrize(
    ("hours", "text"), [(120, "5 gün"), (36, "1 gün 12 saat"), (5, "5 saat"), (24, "1 gün")]
)
def test_the_retry_time_reads_as_turkish(hours, text):
    assert HostProfile(queue_retry_hours=hours).queue_retry == text


def test_fill_replaces_known_names_and_keeps_unknown_ones():
    assert fill(
        "{smtp_host}:{smtp_port_starttls} {nope}", {"smtp_host": "a", "smtp_port_starttls": "587"}
    ) == ("a:587 {nope}")
    assert unknown_names("{smtp_host} {nope} {nope} {{other}} {Upper}") == ["nope"]


def test_the_profile_validates_spf_include_hosts_and_addresses(db):
    profile = HostProfile.load()
    profile.spf_include = "_spf.example.com"
    profile.mx_hosts = "mx1.example.com\nbir sunucu"
    profile.outgoing_ips = "192.0.2.25\n2001:db8::25\n300.1.1.1"

    with pytest.raises(ValidationError) as error:
        profile.full_clean()

    messages = error.value.message_dict
    assert messages["spf_include"] == [
        "«include:» ile başlayan, ardından geçerli bir alan adı gelen bir SPF mekanizması "
        "girin; örn. include:_spf.example.com."
    ]
    assert messages["mx_hosts"] == ["Geçerli bir sunucu adı değil: bir sunucu."]
    assert messages["outgoing_ips"] == ["Geçerli bir IPv4 ya da IPv6 adresi değil: 300.1.1.1."]


def test_the_profile_lists_are_read_line_by_line(db):
    profile = HostProfile.load()
    profile.mx_hosts = " mx1.example.com \n\nmx2.example.com\n"
    profile.outgoing_ips = "192.0.2.25\n2001:db8::25"

    assert profile.mx_host_list == ["mx1.example.com", "mx2.example.com"]
    assert profile.outgoing_ip_list == ["192.0.2.25", "2001:db8::25"]
    assert profile.placeholders()["mx_hosts"] == "mx1.example.com, mx2.example.com"


def test_there_is_one_profile_created_with_neutral_defaults(db):
    profile = HostProfile.load()

    assert HostProfile.objects.count() == 1
    assert profile.smtp_host == "mail.example.com"
    assert profile.outgoing_ip_list == ["192.0.2.25"]
    assert profile.spf_include == "include:_spf.example.com"


def test_the_admin_opens_the_one_profile_and_offers_no_add_or_delete(admin_client, db):
    profile = HostProfile.load()

    listing = admin_client.get("/admin/kb/hostprofile/")
    add = admin_client.get("/admin/kb/hostprofile/add/")
    delete = admin_client.get(f"/admin/kb/hostprofile/{profile.pk}/delete/")

    assert listing.status_code == HTTPStatus.FOUND
    assert listing["Location"] == profile_url(profile)
    assert add.status_code == HTTPStatus.FORBIDDEN
    assert delete.status_code == HTTPStatus.FORBIDDEN


def test_a_support_agent_may_view_the_profile_but_not_change_it(db):
    agent = create_support_user("ayse", "Destek-Parola-2026")
    client = Client()
    client.force_login(agent)
    profile = HostProfile.load()

    page = client.get(profile_url(profile))
    post = client.post(profile_url(profile), profile_form(profile, smtp_host=NEW_HOST))

    assert page.status_code == HTTPStatus.OK
    assert post.status_code == HTTPStatus.FORBIDDEN
    assert HostProfile.load().smtp_host == "mail.example.com"


def test_a_staff_user_given_the_permission_may_change_the_profile(db, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_hostprofile", "change_hostprofile"])
    )
    client = Client()
    client.force_login(editor)
    profile = HostProfile.load()

    response = client.post(profile_url(profile), profile_form(profile, smtp_host=NEW_HOST))

    assert response.status_code == HTTPStatus.FOUND
    assert HostProfile.load().smtp_host == NEW_HOST


def test_the_profile_admin_pages_speak_turkish(admin_client, db):
    profile = HostProfile.load()
    profile.save()  # one history row
    found = {}
    for path in (profile_url(profile), f"/admin/kb/hostprofile/{profile.pk}/history/"):
        response = admin_client.get(path)
        assert response.status_code == HTTPStatus.OK
        parser = VisibleText()
        parser.feed(response.content.decode())
        if problems := findings_in(*parser.parts):
            found[path] = problems

    assert found == {}


def test_the_support_link_comes_from_the_profile_when_it_has_one(
    client, make_code, django_capture_on_commit_callbacks
):
    make_code("450")
    published_profile(
        django_capture_on_commit_callbacks, support_url="https://yardim.example.org/yeni?kod={code}"
    )

    html = client.get("/kod/450").content.decode()

    assert 'href="https://yardim.example.org/yeni?kod=450">Destek talebi aç</a>' in html


def test_a_provider_response_shows_the_profile_values_in_its_fixes(
    client, make_code, make_response, django_capture_on_commit_callbacks
):
    make_response(
        make_code("5.7.26"),
        "gmail-spf",
        provider="gmail",
        enhanced_code="5.7.26",
        customer_fix="1. SPF kaydınıza `{spf_include}` ekleyin.",
    )
    published_profile(
        django_capture_on_commit_callbacks, spf_include="include:_spf.barindirma.example.org"
    )

    html = client.get("/kod/5.7.26").content.decode()

    assert "SPF kaydınıza <code>include:_spf.barindirma.example.org</code> ekleyin." in html


def test_the_response_editor_refuses_an_unknown_placeholder_and_lists_the_known_ones(
    admin_client, make_code, make_response
):
    response = make_response(make_code("535"), "ornek-kimlik", customer_fix="1. Eski çözüm.")
    url = f"/admin/kb/providerresponse/{response.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(variants="[]", who_acts="[]", links="[]", customer_fix="1. {smtp_hots} yazın.")

    html = admin_client.post(url, data).content.decode()

    assert "Bilinmeyen yer tutucu: {smtp_hots}." in html
    assert "Yer tutucular ve şu anki değerleri" in html  # the list the message points to
    assert "<tr><td><code>{smtp_host}</code></td>" in html
    assert ProviderResponse.objects.get(pk=response.pk).customer_fix == "1. Eski çözüm."
