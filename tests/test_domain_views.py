"""The domain check as a visitor and support tooling see it: /alan-adi and /api/alan-adi
against the test DNS server (tests/dns_server.py), the links from code pages and the
decoder, the rate limit, and hostile input."""

import json
import socket
from http import HTTPStatus

import pytest

from kb.views import domain

pytestmark = pytest.mark.usefixtures("test_dns", "test_host_profile")


def page(client, **query):
    response = client.get("/alan-adi", query)
    return response, response.content.decode()


def test_the_form_page_answers_without_a_query(client):
    response, text = page(client)
    assert response.status_code == HTTPStatus.OK
    assert "Alan adı kontrolü" in text
    assert 'name="d"' in text


def test_the_page_is_never_cached(client):
    response, _ = page(client, d="good.test")
    # never_cache's own header, not only the page cache's "private, no-store" for any view
    assert {"max-age=0", "no-cache", "no-store", "must-revalidate"} <= cache_directives(response)


def test_the_form_page_is_never_cached_either(client):
    response, _ = page(client)
    assert {"max-age=0", "no-cache", "no-store", "must-revalidate"} <= cache_directives(response)


def cache_directives(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


ONE_FINDING_PER_ZONE = [
    ("nospf.test", "Hata:</span> SPF kaydı yok"),
    ("spf11.test", "10 DNS sorgusu sınırını aşıyor (11 sorgu)"),
    ("rejectnodkim.test", "DMARC politikası p=reject, ama geçerli bir DKIM anahtarı yok"),
    ("brokendkim.test", "Hata:</span> DKIM anahtarı bozuk (hosting seçicisi)"),
    ("nomx.test", "10 mx1.hosting.test.</textarea>"),
    ("hugetxt.test", "Uyarı:</span> SPF kaydı çok uzun"),
    ("x.servfail.test", "Uyarı:</span> MX kaydı okunamadı"),
    ("nosuch.test", "Alan adı DNS&#x27;te yok"),
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            {"d": "broken.test", "kod": "5.7.26"},
            [
                # the exact records to publish, each finding's level in words, the code's note
                "v=spf1 mx include:_spf.hosting.test ~all</textarea>",
                "v=DMARC1; p=none; rua=mailto:dmarc@broken.test</textarea>",
                "Hata:</span> SPF kaydı yok",
                "Uyarı:</span> DMARC kaydı yok",
                "Sorun yok:</span> MX kaydı var",
                "SMTP 5.7.26 hatanız için anlamı:",
                "5.7.26 hatanızın olası nedeni",
            ],
        ),
        (
            {"d": "good.test"},
            [
                "Sorun yok:</span> SPF kaydı doğru",
                "Sorun yok:</span> DKIM anahtarı yayımlanmış (hosting seçicisi)",
                # our outgoing IPs: one without PTR, one whose PTR name does not resolve back
                "Giden sunucumuzun IP&#x27;si (192.0.2.11): PTR kaydı yok",
                "(192.0.2.12): PTR adı bu adrese geri çözülmüyor",
            ],
        ),
        *[({"d": name}, [finding]) for name, finding in ONE_FINDING_PER_ZONE],
    ],
    ids=lambda value: value["d"] if isinstance(value, dict) else "",
)
def test_every_test_zone_shows_its_findings_on_the_page(client, query, expected):
    response, text = page(client, **query)
    assert response.status_code == HTTPStatus.OK
    assert [fragment for fragment in expected if fragment not in text] == []


def test_the_sending_ip_from_a_bounce_is_checked(client):
    _, text = page(client, d="good.test", kod="5.7.25", ip="198.51.100.7")
    assert "Geri dönen iletideki gönderen IP (198.51.100.7): ters DNS doğru" in text


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "a" * 300 + ".com",
        "192.0.2.1",
        "ornek..com",
        "",
    ],
)
def test_hostile_input_answers_a_turkish_400(client, hostile):
    response, text = page(client, d=hostile)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert 'class="form-error" role="alert"' in text
    assert "<script>alert" not in text


def test_an_invalid_sending_ip_answers_a_turkish_400(client):
    response, text = page(client, d="good.test", ip="999.1.1.1")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "geçerli bir IPv4 ya da IPv6 adresi değil" in text
    assert 'name="ip" type="text" value="999.1.1.1"' in text  # kept, and marked wrong:
    assert 'aria-describedby="ip-yardim kontrol-hata" aria-invalid="true"' in text
    assert 'name="d" type="text" value="good.test"' in text


def test_our_outgoing_ip_is_recognised_however_the_profile_writes_it(client, test_host_profile):
    test_host_profile.outgoing_ips = "2001:DB8:0::10"
    test_host_profile.save()
    _, text = page(client, d="good.test", ip="2001:db8::10")
    assert text.count("(2001:db8::10): PTR kaydı yok") == 1  # not once more as another server
    assert "Bu adres Test Barındırma giden sunucularından biri." in text


def test_an_unreachable_resolver_is_said_in_turkish(client, settings):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        settings.KB_DNS_RESOLVER = f"127.0.0.1:{probe.getsockname()[1]}"
    response, text = page(client, d="good.test")
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert "DNS sunucusuna ulaşılamadı" in text


def test_the_api_gives_the_findings_and_records_as_json(client):
    response = client.get("/api/alan-adi", {"d": "broken.test", "kod": "5.7.26"})
    data = json.loads(response.content)
    assert response.status_code == HTTPStatus.OK
    assert data["domain"] == "broken.test"
    assert data["code"] == "5.7.26"
    assert {"name": "_dmarc.broken.test", "type": "TXT"}.items() <= data["records"][-1].items()
    spf = next(f for f in data["findings"] if f["id"] == "spf.missing")
    assert spf["level"] == "error"
    assert spf["title"] == "SPF kaydı yok"
    assert spf["record"]["value"] == "v=spf1 mx include:_spf.hosting.test ~all"


def test_the_api_answers_invalid_input_as_json_400(client):
    response = client.get("/api/alan-adi", {"d": "<script>"})
    data = json.loads(response.content)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert data["error"] == "invalid_input"
    assert "yalnızca harf, rakam ve tire" in data["message"]


def test_the_api_answers_an_idn_domain_in_both_forms(client):
    response = client.get("/api/alan-adi", {"d": "örnek.test"})
    data = json.loads(response.content)
    assert (data["domain"], data["domain_ascii"]) == ("örnek.test", "xn--rnek-4qa.test")


def test_the_rate_limit_answers_429_in_turkish(client, monkeypatch):
    monkeypatch.setattr(domain, "CHECKS_PER_WINDOW", 2)
    for _ in range(2):
        assert client.get("/alan-adi", {"d": "nosuch.test"}).status_code == HTTPStatus.OK
    response, text = page(client, d="nosuch.test")
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Kısa sürede çok sayıda kontrol yaptınız" in text
    api = client.get("/api/alan-adi", {"d": "nosuch.test"})
    assert api.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert json.loads(api.content)["error"] == "rate_limited"


def test_the_form_page_does_not_count_against_the_limit(client, monkeypatch):
    monkeypatch.setattr(domain, "CHECKS_PER_WINDOW", 1)
    for _ in range(3):
        page(client)
    assert page(client, d="nosuch.test")[0].status_code == HTTPStatus.OK


def test_a_dns_code_page_links_to_the_check_with_its_code(client, make_code):
    make_code("5.7.26")
    text = client.get("/kod/5.7.26").content.decode()
    assert "Alan adınızı kontrol edin" in text
    assert '<input type="hidden" name="kod" value="5.7.26">' in text


def test_a_routing_code_page_asks_for_the_recipients_domain(client, make_code):
    make_code("5.1.2")
    assert "Alıcının alan adını kontrol edin" in client.get("/kod/5.1.2").content.decode()


def test_other_code_pages_have_no_check_form(client, make_code):
    make_code("5.1.1")
    assert "Alan adınızı kontrol edin" not in client.get("/kod/5.1.1").content.decode()


BOUNCE = """From: MAILER-DAEMON@mx.hosting.test
To: ali@broken.test
Subject: Undelivered Mail Returned to Sender

Final-Recipient: rfc822; veli@alici.example
Action: failed
Status: 5.7.26
Remote-MTA: dns; mx.alici.example [198.51.100.200]
Diagnostic-Code: smtp; 550 5.7.26 Unauthenticated email from broken.test is not
    accepted due to domain's DMARC policy. IP 203.0.113.25 failed SPF.
"""


def test_the_decoder_links_to_the_check_of_the_senders_domain(client, make_code):
    make_code("5.7.26")
    text = client.post("/coz", {"metin": BOUNCE}).content.decode()
    assert "broken.test için kontrol et" in text
    assert "/alan-adi?d=broken.test&amp;kod=5.7.26&amp;ip=203.0.113.25" in text


def test_the_decoder_has_no_check_link_for_a_mailbox_error(client, make_code):
    make_code("5.1.1")
    bounce = BOUNCE.replace("5.7.26", "5.1.1").replace("Unauthenticated", "User unknown")
    assert "için kontrol et" not in client.post("/coz", {"metin": bounce}).content.decode()


def test_the_sitemap_lists_the_form_page_only(client, make_code):
    text = client.get("/sitemap.xml").content.decode()
    assert "/alan-adi</loc>" in text
    assert "/alan-adi?" not in text


def test_the_check_never_enters_the_shared_page_cache(client, page_cache):
    for _ in range(2):
        response = client.get("/alan-adi")
        assert "X-Page-Cache" not in response


def test_a_cached_code_page_keeps_its_check_form_free_of_visitor_data(
    client, page_cache, make_code
):
    make_code("5.7.23")
    client.get("/kod/5.7.23")
    cached = client.get("/kod/5.7.23")
    assert cached["X-Page-Cache"] == "hit"
    assert 'name="d" type="text" placeholder="ornek.com.tr"' in cached.content.decode()


def test_the_decoder_api_gives_the_check_url(client, make_code):
    make_code("5.7.26")
    response = client.post("/api/coz", BOUNCE, content_type="text/plain")
    url = json.loads(response.content)["domain_check"]
    assert url.endswith("/alan-adi?d=broken.test&kod=5.7.26&ip=203.0.113.25")


def test_the_api_says_the_resolver_is_unreachable_as_json_503(client, settings):
    settings.KB_DNS_RESOLVER = "192.0.2.1"  # TEST-NET-1: nothing answers there
    response = client.get("/api/alan-adi", {"d": "good.test"})
    data = json.loads(response.content)
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert data["error"] == "dns_unavailable"
    assert data["message"].startswith("DNS sunucusuna ulaşılamadı")
