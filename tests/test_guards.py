from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from kb import guards


@pytest.fixture
def rf_post(settings):
    settings.KB_SITE_URL = "https://smtp.example.com"
    factory = RequestFactory()

    def make(**headers):
        return factory.post("/kod/450/yorum", headers=headers)

    return make


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("Sunucu 450 dedi, bekledim, geçti.", 0),
        ("Bakın: https://example.com/a?b=c", 1),
        ("http://a.example ve www.b.example", 2),
        ("https://www.a.example/x https://b.example http://c.example", 3),
    ],
)
def test_each_link_is_counted_once(text, links):
    assert guards.count_links(text) == links


def test_a_post_from_our_own_page_passes_the_origin_check(rf_post):
    assert guards.is_same_origin(rf_post(Origin="http://testserver"))


def test_the_configured_site_url_is_accepted_as_origin_behind_a_proxy(rf_post):
    assert guards.is_same_origin(rf_post(Origin="https://smtp.example.com"))


def test_a_trusted_csrf_origin_is_accepted(rf_post, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://kb.example.net"]

    assert guards.is_same_origin(rf_post(Origin="https://kb.example.net"))


@pytest.mark.parametrize(
    "origin",
    ["https://evil.example", "null", "http://testserver.evil.example", "https://testserver"],
)
def test_a_post_from_another_origin_is_refused(rf_post, origin):
    assert not guards.is_same_origin(rf_post(Origin=origin))


def test_without_origin_the_referer_decides(rf_post):
    assert guards.is_same_origin(rf_post(Referer="http://testserver/kod/450"))
    assert not guards.is_same_origin(rf_post(Referer="https://evil.example/kod/450"))


def test_a_foreign_origin_is_refused_even_with_our_referer(rf_post):
    request = rf_post(Origin="https://evil.example", Referer="http://testserver/kod/450")

    assert not guards.is_same_origin(request)


def test_a_post_with_neither_origin_nor_referer_is_refused(rf_post):
    assert not guards.is_same_origin(rf_post())


def test_vote_fingerprint_changes_with_code_day_and_browser():
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Firefox")
    other_browser = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Chrome")
    today, tomorrow = date(2025, 3, 1), date(2025, 3, 2)

    fingerprint = guards.vote_fingerprint(request, "450", today)

    assert fingerprint == guards.vote_fingerprint(request, "450", today)
    assert fingerprint != guards.vote_fingerprint(request, "550", today)
    assert fingerprint != guards.vote_fingerprint(request, "450", tomorrow)
    assert fingerprint != guards.vote_fingerprint(other_browser, "450", today)


# The real client address behind a reverse proxy (KB_TRUSTED_PROXIES, KB_PROXY_HOPS)


def request_from(peer: str, forwarded: str | None = None):
    headers = {} if forwarded is None else {"x-forwarded-for": forwarded}
    return RequestFactory().get("/", REMOTE_ADDR=peer, headers=headers)


@pytest.fixture
def behind_proxy(settings):
    settings.KB_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    settings.KB_PROXY_HOPS = 1
    return settings


def test_without_trusted_proxies_x_forwarded_for_is_ignored():
    assert guards.client_ip(request_from("203.0.113.5", "198.51.100.7")) == "203.0.113.5"


def test_a_spoofed_x_forwarded_for_from_an_untrusted_peer_is_ignored(behind_proxy):
    request = request_from("203.0.113.5", "198.51.100.7, 10.0.0.1")

    assert guards.client_ip(request) == "203.0.113.5"


def test_behind_a_trusted_proxy_the_address_it_saw_counts(behind_proxy):
    assert guards.client_ip(request_from("127.0.0.1", "198.51.100.7")) == "198.51.100.7"


def test_what_a_visitor_writes_into_the_header_is_never_reached(behind_proxy):
    request = request_from("127.0.0.1", "10.9.9.9, 198.51.100.7")

    assert guards.client_ip(request) == "198.51.100.7"


def test_a_chain_of_trusted_proxies_is_walked_for_the_configured_hops(behind_proxy):
    request = request_from("127.0.0.1", "192.0.2.1, 198.51.100.7, 10.1.2.3")
    assert guards.client_ip(request) == "10.1.2.3"

    behind_proxy.KB_PROXY_HOPS = 2
    assert guards.client_ip(request) == "198.51.100.7"

    behind_proxy.KB_PROXY_HOPS = 3  # 198.51.100.7 is no proxy of ours: it is the visitor
    assert guards.client_ip(request) == "198.51.100.7"


def test_a_trusted_proxy_without_the_header_is_the_client(behind_proxy):
    assert guards.client_ip(request_from("10.0.0.8")) == "10.0.0.8"


@pytest.mark.parametrize(
    ("entry", "address"),
    [("198.51.100.7:5123", "198.51.100.7"), ("[2001:db8::1]:443", "2001:db8::1")],
)
def test_forwarded_addresses_with_a_port_are_understood(behind_proxy, entry, address):
    assert guards.client_ip(request_from("127.0.0.1", entry)) == address


def test_a_malformed_forwarded_entry_falls_back_to_the_proxy(behind_proxy):
    assert guards.client_ip(request_from("127.0.0.1", "unknown")) == "127.0.0.1"


def test_a_malformed_trusted_proxy_setting_is_a_configuration_error(settings):
    settings.KB_TRUSTED_PROXIES = ["10.0.0.0/33"]

    with pytest.raises(ImproperlyConfigured):
        guards.client_ip(request_from("127.0.0.1", "198.51.100.7"))
