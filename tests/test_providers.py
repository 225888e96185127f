"""Providers and their exact sentences: pages, the decoder naming them, and the content."""

import json
import re
from html import escape
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings

from kb.models import Provider, ProviderResponse
from kb.provider_content import export_providers, seed_providers
from kb.smtp import codes
from kb.smtp.signatures import signature

ROOT = Path(__file__).resolve().parent.parent
PROVIDERS = json.loads((ROOT / "fixtures" / "providers.json").read_text(encoding="utf-8"))
MICROSOFT_HUB = json.loads((ROOT / "tests" / "data" / "microsoft-ndr-hub.json").read_text())


@pytest.fixture
def loaded(site_content, db):
    """The fixture content, seeded once for this module."""


def test_at_least_25_providers_and_gateways_are_described():
    kinds = {provider["kind"] for provider in PROVIDERS["providers"]}

    assert len(PROVIDERS["providers"]) >= 25
    assert kinds == {"mailbox", "gateway"}


def test_every_captured_response_names_its_source():
    unsourced = [
        r["slug"]
        for r in PROVIDERS["responses"]
        if r["captured"] and not r["source"].startswith(("https://", "http://"))
    ]
    assert unsourced == []


def test_every_response_is_one_line_with_a_translation():
    broken = [
        r["slug"] for r in PROVIDERS["responses"] if "\n" in r["text"] or not r["translation"]
    ]
    assert broken == []


def test_every_fixture_response_posted_to_the_api_finds_itself_and_its_provider(client, loaded):
    by_slug = {r["slug"]: r for r in PROVIDERS["responses"]}
    wrong = []
    for response in PROVIDERS["responses"]:
        data = client.post("/api/coz", {"metin": response["text"]}).json()
        found = by_slug.get((data.get("response") or {}).get("id"))
        # Two providers on one platform (GMX and WEB.DE) send the very same sentence:
        # finding the other one's identical sentence is right too.
        same = found is not None and signature(found["text"]) == signature(response["text"])
        if found is not response and not same:
            wrong.append((response["slug"], found and found["slug"]))
    assert wrong == []


def test_the_api_names_the_provider_and_links_the_explained_response(client, loaded):
    text = "550 5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy. Please contact the administrator of example.com domain if this was a legitimate mail. - gsmtp"

    data = client.post("/api/coz", {"metin": text}).json()

    assert data["provider"]["slug"] == "gmail"
    assert data["provider"]["url"] == "http://127.0.0.1:8000/saglayici/gmail"
    assert data["response"]["url"].startswith("http://127.0.0.1:8000/kod/5.7.26#gmail-")
    assert data["response"]["captured"] is True


def test_the_code_page_quotes_and_explains_the_response_at_its_anchor(client, loaded):
    response = ProviderResponse.objects.filter(page__code="5.7.26", provider__slug="gmail").first()

    html = client.get("/kod/5.7.26").content.decode()

    assert f'id="{response.slug}"' in html
    assert "Gmail (Google)</a> bu kodu şöyle yazar" in html
    assert response.translation in html


def test_the_provider_is_named_from_the_remote_host_without_a_known_sentence(client, loaded):
    bounce = (
        "host gmail-smtp-in.l.google.com[192.0.2.1] said: 550 5.7.1 A sentence nobody documented"
    )

    data = client.post("/api/coz", {"metin": bounce}).json()

    assert data["provider"]["slug"] == "gmail"
    assert data["response"] is None


def test_the_provider_is_named_from_the_recipient_domain(client, loaded):
    bounce = "Final-Recipient: rfc822; ayse@yandex.com.tr\nAction: failed\nStatus: 5.0.0\n"

    data = client.post("/api/coz", {"metin": bounce}).json()

    assert data["provider"]["slug"] == "yandex"


def test_the_decoder_page_shows_the_matched_response_first(client, loaded):
    text = (
        "421 4.7.28 [192.0.2.7] Our system has detected an unusual rate of unsolicited mail "
        "originating from your IP address. To protect our users from spam, mail sent from your "
        "IP address has been temporarily rate limited. Please visit "
        "https://support.google.com/mail/?p=UnsolicitedRateLimitError to review our Bulk Email "
        "Senders Guidelines. - gsmtp"
    )

    html = client.post("/coz", {"metin": text}).content.decode()
    result = html[html.index('id="sonuc"') :]

    assert "Bu yanıtı veren:" in result
    assert result.index("bu kodu şöyle yazar") < result.index('class="decoded-code')


def test_the_provider_list_lists_every_provider(client, loaded):
    html = client.get("/saglayici/").content.decode()

    missing = [p["name"] for p in PROVIDERS["providers"] if f">{escape(p['name'])}</a>" not in html]
    assert missing == []


def test_a_provider_page_links_each_of_its_responses(client, loaded):
    html = client.get("/saglayici/yahoo").content.decode()
    yahoo = ProviderResponse.objects.filter(provider__slug="yahoo")

    assert yahoo.count() > 20
    assert [r.slug for r in yahoo if f"#{r.slug}" not in html] == []


def test_an_unknown_provider_is_a_turkish_404(client, db):
    response = client.get("/saglayici/yok-boyle")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "bulunamadı" in response.content.decode()


def test_every_code_of_microsofts_ndr_hub_resolves(client, loaded):
    unanswered = []
    for code in MICROSOFT_HUB:
        response = client.get(f"/kod/{code.split('-')[0]}", follow=True)
        if response.status_code != HTTPStatus.OK:
            unanswered.append(code)

    assert len(MICROSOFT_HUB) == 68
    assert unanswered == []


def test_the_dotless_numbers_say_they_are_not_smtp_replies(client, loaded):
    html = client.get("/kod/441").content.decode()

    assert "441 noktasız kodu:" in html
    assert "Noktasız kod: SMTP yanıtı değil" in html
    assert "Geçici hata: yeniden denenir" not in html


def test_seeding_again_with_update_keeps_a_response_staff_edited(loaded):
    edited = ProviderResponse.objects.get(slug=PROVIDERS["responses"][0]["slug"])
    edited.translation = "Destek ekibinin düzelttiği çeviri."
    edited.save()

    report = seed_providers(settings.KB_PROVIDERS_PATH, update=True)

    edited.refresh_from_db()
    assert edited.translation == "Destek ekibinin düzelttiği çeviri."
    assert report.edited == [edited.slug]


def test_a_code_page_with_responses_stays_within_its_query_budget(
    client, loaded, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        client.get("/kod/5.7.26")


def test_every_page_code_of_a_response_is_a_valid_code():
    invalid = [r["slug"] for r in PROVIDERS["responses"] if not codes.is_valid(r["page"])]
    assert invalid == []


def test_a_response_anchor_is_a_plain_slug():
    assert [
        r["slug"] for r in PROVIDERS["responses"] if not re.fullmatch(r"[a-z0-9-]+", r["slug"])
    ] == []


def test_the_sitemap_lists_the_provider_pages(client, loaded):
    html = client.get("/sitemap.xml").content.decode()

    assert "/saglayici/gmail</loc>" in html
    assert Provider.objects.count() == len(PROVIDERS["providers"])


def test_seeding_then_exporting_reproduces_the_providers_fixture(loaded, tmp_path):
    export_providers(tmp_path / "providers.json")

    exported = (tmp_path / "providers.json").read_text(encoding="utf-8")
    assert exported == (ROOT / "fixtures" / "providers.json").read_text(encoding="utf-8")
