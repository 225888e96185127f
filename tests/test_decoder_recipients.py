"""The decoder's per-recipient results: who failed or is delayed, with which code and reason,
and what the whole bounce says (overall action, retry deadline, remote host)."""

from kb.smtp.decoder import Recipient, decode

TWO_RECIPIENTS = """From: MAILER-DAEMON@mail.example.com
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

<{first}>: host mx.example.net[192.0.2.10] said: {first_reply}
    (in reply to RCPT TO command)

<{second}>: host mx.example.org[192.0.2.20] said: {second_reply}
    (in reply to RCPT TO command)

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.example.com

Final-Recipient: rfc822; {first}
Action: {first_action}
Status: {first_status}
Diagnostic-Code: smtp; {first_reply}

Final-Recipient: rfc822; {second}
Action: {second_action}
Status: {second_status}
Diagnostic-Code: smtp; {second_reply}

--B--
"""


def two_recipients(first_action="failed", second_action="failed", **overrides) -> str:
    values = {
        "first": "ali@example.net",
        "first_reply": "450 4.2.0 Greylisted, please retry later",
        "first_status": "4.2.0",
        "second": "ayse@example.org",
        "second_reply": "550 5.1.1 User unknown",
        "second_status": "5.1.1",
        "first_action": first_action,
        "second_action": second_action,
    } | overrides
    return TWO_RECIPIENTS.format(**values)


def test_each_failed_recipient_gets_its_own_result_in_order():
    result = decode(two_recipients(first_action="delayed"))
    assert [recipient.address for recipient in result.recipients] == [
        "ali@example.net",
        "ayse@example.org",
    ]


def test_a_4xx_for_one_recipient_is_kept_next_to_a_5xx_for_another():
    result = decode(two_recipients(first_action="delayed"))
    assert [(r.reply_code, r.enhanced_code) for r in result.recipients] == [
        ("450", "4.2.0"),
        ("550", "5.1.1"),
    ]


def test_the_top_level_cause_is_the_first_failed_recipients():
    result = decode(two_recipients(first_action="delayed"))
    assert (result.reply_code, result.enhanced_code) == ("550", "5.1.1")


def test_the_top_level_reason_is_the_first_failed_recipients():
    assert decode(two_recipients(first_action="delayed")).reason == "userunknown"


def test_each_recipient_keeps_its_own_action():
    result = decode(two_recipients(first_action="delayed"))
    assert [recipient.action for recipient in result.recipients] == ["delayed", "failed"]


def test_a_bounce_with_one_failed_recipient_is_failed_overall():
    assert decode(two_recipients(first_action="delayed")).action == "failed"


def test_a_bounce_is_delayed_only_when_every_recipient_is_delayed():
    result = decode(
        two_recipients(
            first_action="delayed",
            second_action="delayed",
            second_reply="451 4.3.0 Temporary lookup failure",
            second_status="4.3.0",
        )
    )
    assert result.action == "delayed"


def test_with_every_recipient_delayed_the_first_one_gives_the_cause():
    result = decode(
        two_recipients(
            first_action="delayed",
            second_action="delayed",
            second_reply="451 4.3.0 Temporary lookup failure",
            second_status="4.3.0",
        )
    )
    assert (result.reply_code, result.enhanced_code) == ("450", "4.2.0")


def test_delivered_recipients_are_not_listed():
    result = decode(two_recipients(first_action="delivered", first_status="2.0.0"))
    assert [recipient.address for recipient in result.recipients] == ["ayse@example.org"]


def test_each_recipient_gets_its_own_reason():
    result = decode(
        two_recipients(
            first_reply="552 5.2.2 Mailbox full",
            first_status="5.2.2",
        )
    )
    assert [recipient.reason for recipient in result.recipients] == [
        "mailboxfull",
        "userunknown",
    ]


def test_a_recipients_diagnostic_is_masked():
    result = decode(
        two_recipients(second_reply="550 5.1.1 <ayse@example.org>: Recipient address rejected")
    )
    assert "ayse@" not in (result.recipients[1].diagnostic or "")


def test_a_recipient_is_a_plain_value_object():
    recipient = Recipient("ali@example.net", "550", "5.1.1", "userunknown", "failed", None)
    assert recipient.address == "ali@example.net"


# --- recipients named only in the human-readable part -------------------------------------

EXIM_TWO = """From: Mail Delivery System <Mailer-Daemon@mail.example.com>
Subject: Mail delivery failed: returning message to sender

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  ali@example.net
    host mx.example.net [192.0.2.10]
    SMTP error from remote mail server after RCPT TO:<ali@example.net>:
    452 4.2.2 The email account that you tried to reach is over quota
  veli@example.org
    host mx.example.org [192.0.2.20]
    SMTP error from remote mail server after RCPT TO:<veli@example.org>:
    550 5.1.1 No such user here
"""


def test_recipients_of_a_bounce_without_dsn_come_from_its_text():
    result = decode(EXIM_TWO)
    assert [recipient.address for recipient in result.recipients] == [
        "ali@example.net",
        "veli@example.org",
    ]


def test_a_recipient_without_dsn_gets_the_code_of_its_own_section():
    result = decode(EXIM_TWO)
    assert result.recipients[0].enhanced_code == "4.2.2"


def test_the_second_recipient_without_dsn_gets_its_own_code():
    result = decode(EXIM_TWO)
    assert result.recipients[1].enhanced_code == "5.1.1"


# --- delays and retry deadlines -----------------------------------------------------------

DELAY = """From: MAILER-DAEMON@mail.example.com
Subject: Delayed Mail (still being retried)
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="D"

--D
Content-Type: text/plain

####################################################################
#     THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
####################################################################

<ali@example.net>: connect to mx.example.net[192.0.2.10]:25: Connection timed out

--D
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.example.com

Final-Recipient: rfc822; ali@example.net
Action: delayed
Status: 4.4.1
Will-Retry-Until: {until}

--D--
"""


def test_will_retry_until_is_given_in_iso_8601():
    result = decode(DELAY.format(until="Mon, 25 Nov 2024 08:30:59 +0300"))
    assert result.will_retry_until == "2024-11-25T08:30:59+03:00"


def test_an_unparseable_will_retry_until_is_kept_as_written():
    result = decode(DELAY.format(until="next tuesday, probably"))
    assert result.will_retry_until == "next tuesday, probably"


def test_a_delay_notice_is_delayed_overall():
    assert decode(DELAY.format(until="Mon, 25 Nov 2024 08:30:59 +0300")).action == "delayed"


def test_a_delay_is_a_soft_bounce():
    assert decode(DELAY.format(until="Mon, 25 Nov 2024 08:30:59 +0300")).permanent is False


def test_a_retry_deadline_in_the_text_is_read_when_there_is_no_field():
    text = (
        "Subject: Warning: message delayed\n\n"
        "Delivery to ali@example.net is delayed: 421 4.4.2 Connection timed out.\n"
        "The server will keep trying until Tue, 26 Nov 2024 10:00:00 +0000.\n"
    )
    assert decode(text).will_retry_until == "2024-11-26T10:00:00+00:00"


def test_gmails_delay_notice_is_delayed_without_a_dsn():
    text = (
        "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
        "Subject: Delivery Status Notification (Delay)\n\n"
        "This is a delivery status notification, not an error.\n\n"
        "Delivery to the following recipient has been delayed:\n\n"
        "     ali@example.net\n\n"
        "The response from the remote server was:\n"
        "421 4.7.0 Try again later, closing connection.\n"
    )
    assert decode(text).action == "delayed"


# --- the remote host ----------------------------------------------------------------------


def test_the_remote_host_comes_from_the_remote_mta_field():
    text = two_recipients(first_action="delayed").replace(
        "Status: 5.1.1\n", "Status: 5.1.1\nRemote-MTA: dns; Relay.Example.ORG\n"
    )
    assert decode(text).remote_host == "relay.example.org"


def test_the_remote_host_comes_from_postfix_host_said():
    text = "<ali@example.net>: host ASPMX.L.GOOGLE.COM[192.0.2.1] said: 550 5.1.1 unknown\n"
    assert decode(text).remote_host == "aspmx.l.google.com"


def test_the_remote_host_comes_from_exims_smtp_error_line():
    assert decode(EXIM_TWO).remote_host == "mx.example.net"


def test_an_ip_address_alone_is_not_a_remote_host():
    text = "<ali@example.net>: host 192.0.2.1[192.0.2.1] said: 550 5.1.1 unknown\n"
    assert decode(text).remote_host is None
