"""Tests for kb.decoder: a plain module, so no database, client or settings are needed.

The corpus under tests/data/bounces/ holds realistic bounces of many servers and services,
written by us (example.* addresses, documentation IP ranges) in each one's own format;
expected.json states the cause (reply and enhanced code) and the reason each one must give.
Optional keys: "others" (codes that must be listed as "other"), "absent" (trap numbers that
must not be taken as codes at all), "recipients" (masked, in order), and the values of
"action", "permanent", "remote_host" and "will_retry_until" where the sample is about them.
"""

import base64
import json
import random
import time
from pathlib import Path

import pytest

from kb.smtp.decoder import DecodeResult, decode
from kb.smtp.text import mask

CORPUS = Path(__file__).parent / "data" / "bounces"
EXPECTED: dict[str, dict] = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))


def decode_file(name: str) -> DecodeResult:
    return decode((CORPUS / name).read_bytes())


def guess_code(result: DecodeResult) -> str | None:
    return result.guess.code if result.guess else None


def matches_expectation(result: DecodeResult, expected: dict) -> bool:
    return (
        result.reply_code == expected["reply_code"]
        and result.enhanced_code == expected["enhanced_code"]
        and result.reason == expected["reason"]
        and ("guess" not in expected or guess_code(result) == expected["guess"])
    )


def all_text_of(result: DecodeResult) -> str:
    parts = [code.evidence for code in result.codes]
    parts += [recipient.diagnostic or "" for recipient in result.recipients]
    return "\n".join(parts + [result.diagnostic or ""])


def masked_recipients(result: DecodeResult) -> list[str]:
    return [mask(recipient.address) for recipient in result.recipients]


# --- corpus -----------------------------------------------------------------------------


def test_the_corpus_holds_at_least_110_bounces():
    assert len(EXPECTED) >= 110


def test_every_expectation_states_a_reason_even_if_none():
    assert all("reason" in expected for expected in EXPECTED.values())


def test_every_corpus_file_has_an_expectation_and_every_expectation_a_file():
    files = {path.name for path in CORPUS.iterdir() if path.name != "expected.json"}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_bounce_gives_its_expected_cause(name):
    result = decode_file(name)
    expected = EXPECTED[name]
    assert (result.reply_code, result.enhanced_code) == (
        expected["reply_code"],
        expected["enhanced_code"],
    )
    if "guess" in expected:
        assert guess_code(result) == expected["guess"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_bounce_gives_its_expected_reason(name):
    assert decode_file(name).reason == EXPECTED[name]["reason"]


OUTCOME_FIELDS = ("action", "permanent", "remote_host", "will_retry_until")


@pytest.mark.parametrize(
    ("name", "field"),
    sorted((n, f) for n in EXPECTED for f in OUTCOME_FIELDS if f in EXPECTED[n]),
)
def test_corpus_bounce_gives_its_expected_outcome(name, field):
    assert getattr(decode_file(name), field) == EXPECTED[name][field]


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if "others" in EXPECTED[n]))
def test_corpus_bounce_lists_its_other_codes(name):
    others = {code.code for code in decode_file(name).codes if code.role == "other"}
    assert set(EXPECTED[name]["others"]) <= others


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if "absent" in EXPECTED[n]))
def test_corpus_bounce_takes_no_trap_number_as_a_code(name):
    found = {code.code for code in decode_file(name).codes}
    assert found.isdisjoint(EXPECTED[name]["absent"])


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if "recipients" in EXPECTED[n]))
def test_corpus_bounce_names_its_recipients(name):
    assert masked_recipients(decode_file(name)) == EXPECTED[name]["recipients"]


def test_decoder_accuracy_over_the_corpus_is_100_percent():
    correct = sum(matches_expectation(decode_file(name), exp) for name, exp in EXPECTED.items())
    print(f"\ndecoder accuracy: {correct}/{len(EXPECTED)}")
    assert correct == len(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_results_keep_the_interface_promises(name):
    result = decode_file(name)
    roles = [code.role for code in result.codes]
    assert roles == sorted(roles)  # "cause" entries before "other" ones
    assert len({code.code for code in result.codes}) == len(result.codes)
    assert all(len(code.evidence) <= 300 for code in result.codes)
    assert (result.guess is None) or (result.reply_code is None and result.enhanced_code is None)


# --- choosing the cause -----------------------------------------------------------------

DSN_TEMPLATE = """From: MAILER-DAEMON@mail.example.com
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="BOUNDARY"

--BOUNDARY
Content-Type: text/plain

Your message could not be delivered.

--BOUNDARY
Content-Type: message/delivery-status
{encoding}
{status}
--BOUNDARY--
"""

RECIPIENT_BLOCK = """Reporting-MTA: dns; mail.example.com

Final-Recipient: rfc822; ali@example.net
Action: failed
Status: 5.0.0
Diagnostic-Code: smtp; 550 5.1.1 <ali@example.net>: Recipient address rejected
"""


def test_the_diagnostic_code_wins_over_a_generic_status_field():
    result = decode(DSN_TEMPLATE.format(encoding="", status=RECIPIENT_BLOCK))
    assert (result.reply_code, result.enhanced_code) == ("550", "5.1.1")
    assert result.codes[0].source == "diagnostic-code"


def test_the_status_field_completes_a_diagnostic_without_enhanced_code():
    block = RECIPIENT_BLOCK.replace("Status: 5.0.0", "Status: 5.1.1").replace(" 5.1.1 <", " <")
    result = decode(DSN_TEMPLATE.format(encoding="", status=block))
    assert (result.reply_code, result.enhanced_code) == ("550", "5.1.1")
    assert result.codes[1].source == "status-field"


def test_dsn_fields_pasted_where_mail_headers_would_be_are_read():
    pasted = "Subject: Undelivered Mail\nFinal-Recipient: rfc822; ali@example.net\nStatus: 5.1.1\n"
    assert decode(pasted).enhanced_code == "5.1.1"


def test_numbers_in_the_returned_message_are_not_codes():
    message = DSN_TEMPLATE.format(encoding="", status="Status: 5.0.0\n").replace(
        "--BOUNDARY--",
        "--BOUNDARY\nContent-Type: message/rfc822\n\nSubject: Siparis\n\n"
        "550 adet urun, 421 numarali fatura\n--BOUNDARY--",
    )
    result = decode(message)
    assert {code.code for code in result.codes} == {"5.0.0"}


def test_a_status_field_alone_gives_the_enhanced_code_only():
    result = decode("Final-Recipient: rfc822; ali@example.net\nAction: failed\nStatus: 5.2.2\n")
    assert (result.reply_code, result.enhanced_code) == (None, "5.2.2")


def test_a_base64_delivery_status_part_is_decoded():
    encoded = base64.encodebytes(RECIPIENT_BLOCK.encode()).decode()
    message = DSN_TEMPLATE.format(encoding="Content-Transfer-Encoding: base64\n", status=encoded)
    result = decode(message)
    assert (result.reply_code, result.enhanced_code) == ("550", "5.1.1")


def test_a_quoted_printable_delivery_status_part_is_decoded():
    encoded = RECIPIENT_BLOCK.replace("550 5.1.1", "550 5.1.=\n1").replace("Action", "Act=\nion")
    message = DSN_TEMPLATE.format(
        encoding="Content-Transfer-Encoding: quoted-printable\n", status=encoded
    )
    result = decode(message)
    assert (result.reply_code, result.enhanced_code) == ("550", "5.1.1")


def test_an_html_only_bounce_is_read_as_text():
    message = (
        "From: postmaster@example.com\nSubject: Undeliverable\nContent-Type: text/html\n\n"
        "<html><head><style>p { margin: 0 }</style></head><body><p>&lt;ali@example.net&gt;: "
        "host mx.example.net[203.0.113.5] said: 550 5.1.1 User unknown</p></body></html>\n"
    )
    result = decode(message)
    assert (result.reply_code, result.enhanced_code) == ("550", "5.1.1")
    assert [recipient.address for recipient in result.recipients] == ["ali@example.net"]


def test_250_lines_of_a_transcript_are_never_the_cause():
    transcript = (
        "   ----- Transcript of session follows -----\n"
        "... while talking to mx.example.net.:\n"
        ">>> MAIL From:<veli@example.com> SIZE=18523\n"
        "<<< 250 2.1.0 <veli@example.com>... Sender ok\n"
        ">>> RCPT To:<ali@example.net>\n"
        "<<< 550 5.1.1 <ali@example.net>... User unknown\n"
        "<<< 250 2.0.0 Reset state\n"
    )
    result = decode(transcript)
    assert (result.reply_code, result.enhanced_code) == ("550", "5.1.1")
    assert {code.code for code in result.codes if code.role == "other"} >= {"250", "2.1.0"}


def test_a_transcript_of_only_successes_has_no_cause():
    result = decode("<<< 220 mx.example.net ESMTP\n<<< 250 2.1.0 Ok\n<<< 354 End data with .\n")
    assert (result.reply_code, result.enhanced_code, result.guess) == (None, None, None)


def test_dates_ips_ports_sizes_and_ids_are_not_codes():
    text = (
        "Arrival-Date: Thu, 28 Nov 2024 10:15:32 +0300\n"
        "Nov 28 10:15:33 mail postfix/smtp[24817]: 4Y2kLm3nQpz9: to=<ali@example.net>,"
        " relay=mx.example.net[203.0.113.5]:25, delay=550, delays=0.1/0/0.5/421,"
        " size=452123, id=<20241128.550@example.com>, phone +90 212 555 1234,"
        " dated 5.12.2024, build 4.2.2.1, status=bounced (host mx.example.net[203.0.113.5]"
        " said: 552 5.3.4 Message size 31457280 exceeds limit 26214400)\n"
    )
    result = decode(text)
    assert {code.code for code in result.codes} == {"552", "5.3.4"}


def test_a_reply_and_enhanced_code_of_different_classes_are_not_paired():
    result = decode("<ali@example.net>: host mx.example.net said: 550 4.1.1 User unknown")
    assert result.reply_code == "550"
    assert result.enhanced_code is None
    assert "4.1.1" not in {code.code for code in result.codes}


@pytest.mark.parametrize(
    "reply", ["said: 650 Rejected", "said: 560 Rejected", "said: 150 Rejected", "said: 5501 x"]
)
def test_reply_codes_outside_2xx_to_5xx_or_x0x_to_x5x_are_rejected(reply):
    assert decode(reply).codes == []


@pytest.mark.parametrize(
    "enhanced", ["5.01.1", "5.1.01", "5.1.1000", "3.1.1", "6.1.1", "5.1", "5.1.1.7"]
)
def test_malformed_enhanced_codes_are_rejected(enhanced):
    assert decode(f"said: {enhanced} User unknown").codes == []


def test_a_delayed_warning_reports_its_4xx_code_as_is():
    result = decode(
        "Final-Recipient: rfc822; ali@example.net\nAction: delayed\nStatus: 4.7.1\n"
        "Diagnostic-Code: smtp; 451 4.7.1 Greylisted, please try again later\n"
    )
    assert (result.reply_code, result.enhanced_code) == ("451", "4.7.1")


def test_the_first_failed_recipient_gives_the_cause_and_the_second_is_listed():
    result = decode_file("08-postfix-multi-recipient.eml")
    assert [(code.code, code.role) for code in result.codes[:4]] == [
        ("550", "cause"),
        ("5.1.1", "cause"),
        ("552", "other"),
        ("5.2.2", "other"),
    ]


def test_a_turkish_microsoft_365_line_counts_as_the_remote_reply():
    line = "Uzak Sunucu '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found' döndürdü"
    assert decode(line).codes[0].source == "remote-said"


def test_a_code_on_the_line_after_a_lead_in_counts_as_the_remote_reply():
    result = decode("The response from the remote server was:\n550 5.1.1 User unknown\n")
    assert result.codes[0].source == "remote-said"


# --- guessing ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The recipient's mailbox is full.", "5.2.2"),
        ("Mailbox quota exceeded, delivery temporarily deferred.", "4.2.2"),
        ("Bu adreste böyle bir kullanıcı yok.", "5.1.1"),
        ("Posta kutusu dolu.", "5.2.2"),
        ("İLETİ TESLİM EDİLEMEDİ: KULLANICI BULUNAMADI", "5.1.1"),
        ("MAILBOX FULL", "5.2.2"),
        ("Relay access denied", "5.7.1"),
        ("Your IP address is listed on a blocklist", "5.7.1"),
        ("DMARC policy of the sender domain rejected the message", "5.7.26"),
        ("Message too large for this server", "5.3.4"),
        ("Host or domain name not found", "5.1.2"),
        ("The message could not be delivered for 3 days", "4.4.7"),
        ("Authentication failed: wrong password", "5.7.8"),
        ("You have been greylisted, try again later", "4.7.1"),
    ],
)
def test_a_bounce_without_code_gets_a_guess_from_its_phrases(text, code):
    result = decode(text)
    assert (result.reply_code, result.enhanced_code) == (None, None)
    assert guess_code(result) == code


def test_text_without_code_or_known_phrase_gets_no_guess():
    assert decode("Merhaba, dün gönderdiğim e-posta gitmedi.").guess is None


def test_a_found_code_means_no_guess():
    assert decode("said: 552 5.2.2 Mailbox full").guess is None


# --- masking ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("ali.veli@example.com", "a***@example.com"),
        ("<ALI@mail.example.net>:", "<A***@mail.example.net>:"),
        ("host mx.example.net[203.0.113.5]:25", "host mx.example.net[203.0.113.***]:25"),
        ("from [2001:db8::25]", "from [2001:db8:***]"),
        ("2001:db8:0:0:1:2:3:4", "2001:db8:***"),
        ("at 10:15:32 on 28.11.2024", "at 10:15:32 on 28.11.2024"),
        ("code 550 5.1.1", "code 550 5.1.1"),
    ],
)
def test_mask_hides_addresses_and_ips_but_nothing_else(text, masked):
    assert mask(text) == masked


def test_evidence_and_diagnostics_are_masked():
    result = decode_file("01-postfix-user-unknown.eml")
    text = all_text_of(result)
    assert "ali.yilmaz@" not in text
    assert "203.0.113.5" not in text
    assert "a***@example.net" in text


def test_recipient_addresses_are_returned_as_written_for_the_caller_to_mask():
    result = decode_file("01-postfix-user-unknown.eml")
    assert result.recipients[0].address == "ali.yilmaz@example.net"


def test_a_recipient_shown_as_text_is_masked():
    result = decode_file("01-postfix-user-unknown.eml")
    assert str(result.recipients[0]) == "a***@example.net"


# --- robustness -------------------------------------------------------------------------

HUGE_INPUTS = {
    "random bytes": random.Random(1464).randbytes(100_000),
    "digits": "".join(random.Random(3464).choices("0123456789", k=100_000)),
    "one giant line": "said: " + "a@b.c 203.0.113.5 <<< 550 " * 4_000,
    "digits, dots and spaces": "".join(random.Random(5321).choices("0123456789. -", k=100_000)),
    "nested mime parts": "From: a@example.com\nContent-Type: multipart/mixed; boundary=x\n\n"
    + "--x\nContent-Type: multipart/mixed; boundary=x\n\n" * 2_000,
    "nul bytes": b"\x00" * 100_000,
    "one giant word": "x" * 100_000,
    "unclosed tags": "Content-Type: text/html\nFrom: a@example.com\n\n" + "<a href=x " * 10_000,
}


# CPU time (time.process_time), so other jobs on a busy CI machine cannot fail these.
@pytest.mark.parametrize("name", sorted(HUGE_INPUTS))
def test_100_kb_of_anything_decodes_in_under_a_second(name):
    started = time.process_time()
    result = decode(HUGE_INPUTS[name])
    assert isinstance(result, DecodeResult)
    assert time.process_time() - started < 1.0


@pytest.mark.parametrize("name", sorted(HUGE_INPUTS))
def test_masking_100_kb_of_anything_takes_under_a_second(name):
    text = HUGE_INPUTS[name]
    text = text.decode("utf-8", errors="replace") if isinstance(text, bytes) else text
    started = time.process_time()
    mask(text)
    assert time.process_time() - started < 1.0


def test_bytes_that_are_not_utf8_still_give_their_codes():
    raw = "Uzak Sunucu '550 5.1.1 kullanıcı yok' döndürdü".encode("iso-8859-9") + b"\xff\xfe"
    result = decode(raw)
    assert (result.reply_code, result.enhanced_code) == ("550", "5.1.1")


@pytest.mark.parametrize("empty", ["", b"", "   \n\t\n", b"\x00\x00"])
def test_empty_input_gives_an_empty_result(empty):
    assert decode(empty) == DecodeResult(None, None, [], None, None, [])
