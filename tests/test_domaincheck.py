"""The domain check's core (kb/smtp/domaincheck) against a real authoritative DNS server
serving tests/data/dns/test-zones.txt: each test zone gives its findings and the exact
record to publish."""

import pytest

from kb.smtp.domaincheck import (
    InvalidName,
    Level,
    Lookup,
    Profile,
    bounce,
    make_resolver,
    parse_domain,
    parse_ip,
    parse_resolver_setting,
    run_check,
    spf,
)
from kb.smtp.domaincheck.tags import read_key
from tests.dns_server import TEST_PROFILE

# The host profile of the test zones (tests/dns_server.py), as the check receives it.
PROFILE = Profile(
    **{
        name: tuple(value.splitlines()) if name in ("mx_hosts", "outgoing_ips") else value
        for name, value in TEST_PROFILE.items()
    }
)


@pytest.fixture
def check(dns_server):
    def run(name: str, code: str | None = None, ip: str | None = None, profile=PROFILE):
        lookup = Lookup(make_resolver(parse_resolver_setting(dns_server)))
        sending = parse_ip(ip) if ip else None
        return run_check(parse_domain(name), lookup, profile, code, sending)

    return run


def by_id(result) -> dict:
    return {finding.id: finding for finding in result.findings}


def test_a_good_domain_has_no_error_or_warning_of_its_own(check):
    result = check("good.test")
    own = [f for f in result.findings if f.topic != "ptr"]
    assert {f.id for f in own} == {"mx.ok", "spf.ok", "dkim.ok", "dmarc.ok"}
    assert all(f.level is Level.OK for f in own)


def test_a_good_domain_reads_its_real_rsa_key_and_its_dmarc_policy(check):
    findings = by_id(check("good.test"))
    assert "2048 bitlik RSA" in findings["dkim.ok"].explanation
    assert findings["dmarc.ok"].title == "DMARC kaydı var (p=reject)"
    assert "2 DNS sorgusuyla" in findings["spf.ok"].explanation


def test_missing_spf_gives_the_record_to_add_with_our_include(check):
    finding = by_id(check("nospf.test"))["spf.missing"]
    assert finding.level is Level.ERROR
    assert (finding.record.name, finding.record.type) == ("nospf.test", "TXT")
    assert finding.record.value == "v=spf1 mx include:_spf.hosting.test ~all"


def test_eleven_lookups_across_nested_includes_break_the_limit(check):
    finding = by_id(check("spf11.test"))["spf.too_many_lookups"]
    assert finding.level is Level.ERROR
    assert finding.title == "SPF kaydı 10 DNS sorgusu sınırını aşıyor (11 sorgu)"


def test_the_include_counted_past_the_limit_is_still_seen_as_ours(check):
    assert "spf.include_missing" not in by_id(check("spf11.test"))


def test_reject_without_dkim_is_an_error_with_the_dkim_record_to_publish(check):
    findings = by_id(check("rejectnodkim.test"))
    assert findings["dmarc.reject_without_dkim"].level is Level.ERROR
    record = findings["dkim.missing"].record
    assert record.name == "hosting._domainkey.rejectnodkim.test"
    assert record.value == "v=DKIM1; k=rsa; p=AÇIK_ANAHTARINIZ"
    assert "Panel › E-posta › DKIM" in record.note


def test_dmarc_without_rua_gets_the_same_policy_with_a_report_address(check):
    record = by_id(check("rejectnodkim.test"))["dmarc.no_rua"].record
    assert record.name == "_dmarc.rejectnodkim.test"
    assert record.value == "v=DMARC1; p=reject; rua=mailto:dmarc@rejectnodkim.test"


def test_a_truncated_dkim_key_is_broken_and_an_empty_one_revoked(check):
    findings = by_id(check("brokendkim.test"))
    assert findings["dkim.broken_key"].level is Level.ERROR
    assert "hosting seçicisi" in findings["dkim.broken_key"].title
    assert "selector1 seçicisi" in findings["dkim.revoked"].title
    assert findings["dmarc.reject_without_dkim"].level is Level.ERROR


def test_no_mx_gives_the_mx_record_of_our_servers(check):
    finding = by_id(check("nomx.test"))["mx.missing"]
    assert finding.level is Level.WARNING
    assert (finding.record.type, finding.record.value) == ("MX", "10 mx1.hosting.test.")


def test_null_mx_is_named_and_explained_for_5_7_27(check):
    finding = by_id(check("nullmx.test", code="5.7.27"))["mx.null"]
    assert "null MX" in finding.title
    assert finding.code_note.startswith("5.7.27 hatanızın olası nedeni")


def test_a_broken_domain_gets_the_exact_spf_and_dmarc_records(check):
    findings = by_id(check("broken.test"))
    assert findings["spf.missing"].record.value == "v=spf1 mx include:_spf.hosting.test ~all"
    assert (
        findings["dmarc.missing"].record.value == "v=DMARC1; p=none; rua=mailto:dmarc@broken.test"
    )
    assert findings["dmarc.missing"].record.name == "_dmarc.broken.test"


def test_several_spf_records_are_merged_into_one_with_our_include(check):
    findings = by_id(check("passall.test"))
    assert findings["spf.multiple"].level is Level.ERROR
    assert findings["spf.pass_all"].level is Level.ERROR
    assert findings["spf.multiple"].record.value == (
        "v=spf1 ip4:203.0.113.5 a include:_spf.hosting.test ~all"
    )
    assert findings["spf.include_missing"].record is None


def test_outgoing_ips_without_ptr_or_with_an_unconfirmed_ptr_are_errors(check):
    findings = [f for f in check("good.test").findings if f.topic == "ptr"]
    assert [(f.id, f.level) for f in findings] == [
        ("ptr.ok", Level.OK),
        ("ptr.missing", Level.ERROR),
        ("ptr.not_confirmed", Level.ERROR),
    ]
    assert "mail3.hosting.test" in findings[2].explanation


def test_the_sending_ip_of_a_bounce_is_checked_and_named_as_not_ours(check):
    finding = by_id(check("good.test", code="5.7.25", ip="198.51.100.7"))["sender_ip.ok"]
    assert "out.elsewhere.test" in finding.explanation
    assert "bizim giden sunucularımızdan biri değil" in finding.explanation


def test_a_sending_ip_without_ptr_explains_5_7_25(check):
    finding = by_id(check("good.test", code="5.7.25", ip="192.0.2.11"))["sender_ip.missing"]
    assert finding.level is Level.ERROR
    assert finding.code_note.startswith("5.7.25 hatanızın olası nedeni")


def test_a_huge_txt_answer_over_tcp_becomes_findings(check):
    findings = by_id(check("hugetxt.test"))
    assert findings["spf.long"].level is Level.WARNING
    assert findings["spf.include_missing"].record.value.endswith("include:_spf.hosting.test ~all")


def test_impossible_looping_and_macro_includes_are_findings_not_exceptions(check):
    findings = by_id(check("weird.test"))
    assert "a..b.test adında SPF kaydı yok" in findings["spf.include_problem"].explanation
    assert (
        "weird.test kaydı kendini yeniden gösteriyor" in findings["spf.include_problem"].explanation
    )
    assert findings["spf.void_lookups"].level is Level.WARNING
    assert "spf.include_missing" not in findings


def test_servfail_is_a_turkish_warning_not_an_exception(check):
    findings = by_id(check("x.servfail.test"))
    assert findings["mx.unreadable"].title == "MX kaydı okunamadı"
    assert findings["dns.partial"].level is Level.INFO


def test_an_mx_host_whose_address_cannot_be_read_is_unknown_not_an_error(check):
    findings = by_id(check("mxfail.test"))
    assert "mx.unresolvable" not in findings
    assert findings["mx.ok"].details == ["10 mx.servfail.test"]
    assert findings["dns.partial"].level is Level.INFO


def test_a_name_that_never_answers_still_gives_the_other_findings(check):
    result = check("timeout.test")
    assert not result.unreachable
    assert by_id(result)["spf.unreadable"].level is Level.WARNING
    assert by_id(result)["ptr.ok"].level is Level.OK


def test_a_domain_that_does_not_exist_says_so(check):
    finding = by_id(check("nosuch.test"))["mx.no_domain"]
    assert finding.title == "Alan adı DNS'te yok"


def test_an_unreachable_resolver_is_reported_in_turkish():
    with __import__("socket").socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    lookup = Lookup(make_resolver(parse_resolver_setting(f"127.0.0.1:{port}")))
    result = run_check(parse_domain("good.test"), lookup, PROFILE)
    assert result.unreachable
    assert result.findings[0].title == "DNS sunucusuna ulaşılamadı"


def test_code_notes_are_given_only_for_the_codes_topics(check):
    findings = by_id(check("broken.test", code="5.7.23"))
    assert findings["spf.missing"].code_note.startswith("5.7.23 hatanızın olası nedeni")
    assert findings["dmarc.missing"].code_note == ""


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>.com",
        "a" * 300 + ".com",
        "a" * 64 + ".com",
        ".".join(["abcdefghij"] * 26),
        "192.0.2.1",
        "[2001:db8::1]",
        "ornek..com",
        ".ornek.com",
        "ornek com",
        "ornek.com/../x",
        "localhost",
        "",
        "ornek.123",
    ],
)
def test_hostile_or_invalid_names_are_refused_in_turkish(text):
    with pytest.raises(InvalidName) as error:
        parse_domain(text)
    assert any(word in str(error.value) for word in ("alan adı", "Alan adı", "IP adresi"))


def test_idn_names_are_checked_in_their_ascii_form():
    domain = parse_domain("Örnek.com.tr")
    assert (domain.ascii, domain.unicode) == ("xn--rnek-4qa.com.tr", "örnek.com.tr")


def test_an_address_or_a_web_address_gives_its_domain():
    assert parse_domain("ali@ornek.com.tr").ascii == "ornek.com.tr"
    assert parse_domain("https://ornek.com.tr/iletisim").ascii == "ornek.com.tr"


def test_the_resolver_setting_takes_ports_and_lists():
    assert parse_resolver_setting("127.0.0.1:5353, [::1]:53, 9.9.9.9") == [
        ("127.0.0.1", 5353),
        ("::1", 53),
        ("9.9.9.9", 53),
    ]


def test_spf_syntax_errors_are_named_term_by_term():
    parsed = spf.parse("v=spf1 includ:x.test ip4:300.1.1.1 include: redirect=a redirect=b ~all")
    assert len(parsed.problems) == 4


def test_an_existing_record_keeps_its_terms_and_hard_fail():
    existing = [spf.parse("v=spf1 a ip4:203.0.113.0/24 -all")]
    value = spf.recommend(existing, "include:_spf.hosting.test", False)
    assert value == "v=spf1 a ip4:203.0.113.0/24 include:_spf.hosting.test -all"


def test_garbage_is_not_a_dkim_key():  # an empty one is revoked: see brokendkim.test above
    assert "base64" in read_key("rsa", "not*base64").problem
    assert "32 bayt" in read_key("ed25519", "AAAA").problem


BOUNCE = """From: MAILER-DAEMON@mx.hosting.test
To: ali@ornek.com.tr
Subject: Undelivered Mail Returned to Sender

Final-Recipient: rfc822; veli@alici.example
Remote-MTA: dns; mx.alici.example [198.51.100.200]
Diagnostic-Code: smtp; 550 5.7.26 Unauthenticated email from ornek.com.tr is not
    accepted due to domain's DMARC policy. IP 203.0.113.25 failed SPF.
"""


def test_the_bounce_names_the_senders_domain_for_an_authentication_code():
    assert bounce.domain_for("5.7.26", BOUNCE, ["veli@alici.example"]) == "ornek.com.tr"


def test_the_bounce_names_the_recipients_domain_for_a_routing_code():
    assert bounce.domain_for("5.1.2", BOUNCE, ["veli@alici.example"]) == "alici.example"


def test_the_sending_ip_is_the_refused_address_not_the_remote_mta():
    assert bounce.sending_ip(BOUNCE) == "203.0.113.25"


def test_550_is_check_worthy_only_when_the_reply_is_about_authentication():
    assert bounce.check_code(["550"], "550 SPF check failed") == "550"
    assert bounce.check_code(["550"], "550 mailbox full") is None
    assert bounce.check_code(["5.1.1", "550"], "550 5.1.1 user unknown, SPF ok") is None


GMAIL_TEXT = """Your message wasn't delivered to veli@gmail.com.

The response from the remote server was:
550-5.7.26 Unauthenticated email from ornek.com.tr is not accepted due to
550-5.7.26 domain's DMARC policy. The sending IP 2001:db8::25 failed the checks.
Received: from mail.hosting.test ([192.0.2.10])
"""


def test_a_plain_text_bounce_gives_the_domain_and_ip_its_reply_names():
    assert bounce.domain_for("5.7.26", GMAIL_TEXT, ["veli@gmail.com"]) == "ornek.com.tr"
    assert bounce.sending_ip(GMAIL_TEXT) == "2001:db8::25"


def test_a_bounce_without_a_sender_or_an_ip_gives_no_link():
    text = "550 5.7.26 DMARC policy violation"
    assert bounce.domain_for("5.7.26", text, []) is None
    assert bounce.sending_ip(text) is None
