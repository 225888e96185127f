"""Format details of MTA and ESP families that the corpus samples do not pin down alone."""

import json

from kb.smtp.decoder import decode


def causes(text: str) -> tuple[str | None, str | None]:
    result = decode(text)
    return result.reply_code, result.enhanced_code


def test_an_enhanced_code_on_postfixs_folded_line_completes_the_reply():
    text = (
        "<ali@example.net>: host mx.example.net[192.0.2.2] said: 501 Rcpt-To\n"
        "    validation failed: RCPT TO not accepted: 5.7.1 This system is not\n"
        "    configured to relay mail (in reply to RCPT TO command)\n"
    )
    assert causes(text) == ("501", "5.7.1")


def test_a_reply_wrapped_after_its_number_keeps_its_enhanced_code():
    text = (
        "<ali@example.net>: host mx.example.net[192.0.2.2] said: 550\n"
        "    5.1.1 <ali@example.net>: user does not exist (in reply to RCPT TO command)\n"
    )
    assert causes(text) == ("550", "5.1.1")


def test_james_writes_its_reply_as_number_dash_text():
    text = "Error message below:\n550 - Requested action not taken: no such user here\n"
    assert causes(text) == ("550", None)


def test_zoho_writes_its_codes_after_error_code_colon():
    text = (
        "X-ZohoMail: Si\n\n"
        "ali@example.net Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <ali@example.net>"
        "... User Unknown\n"
    )
    assert causes(text) == ("550", "5.1.1")


def test_an_amazon_ses_json_notification_gives_its_recipient():
    event = {
        "notificationType": "Bounce",
        "bounce": {
            "bounceType": "Permanent",
            "bounceSubType": "General",
            "bouncedRecipients": [
                {
                    "emailAddress": "ali@example.net",
                    "action": "failed",
                    "status": "5.1.1",
                    "diagnosticCode": "smtp; 550 5.1.1 user unknown",
                }
            ],
        },
    }
    result = decode(json.dumps(event))
    assert [recipient.address for recipient in result.recipients] == ["ali@example.net"]


def test_an_amazon_ses_transient_bounce_is_soft():
    event = {
        "notificationType": "Bounce",
        "bounce": {
            "bounceType": "Transient",
            "bounceSubType": "MailboxFull",
            "bouncedRecipients": [
                {"emailAddress": "ali@example.net", "status": "5.2.2", "action": "failed"}
            ],
        },
    }
    assert decode(json.dumps(event)).permanent is False


def test_an_amazon_ses_json_inside_an_sns_envelope_is_read():
    inner = {
        "notificationType": "Bounce",
        "bounce": {
            "bouncedRecipients": [
                {"emailAddress": "ali@example.net", "status": "5.1.1", "action": "failed"}
            ]
        },
    }
    envelope = {"Type": "Notification", "Message": json.dumps(inner)}
    assert decode(json.dumps(envelope)).enhanced_code == "5.1.1"


def test_a_powermta_bounce_category_names_the_reason():
    text = (
        "Content-Type: message/delivery-status\n\n"
        "Final-Recipient: rfc822;ali@example.net\nAction: failed\nStatus: 5.0.0\n"
        "Diagnostic-Code: smtp;550 Requested action not taken\n"
        "X-PowerMTA-BounceCategory: quota-issues\n"
    )
    assert decode(text).reason == "mailboxfull"


def test_an_exim_defer_log_line_is_a_delay():
    line = (
        "2024-11-28 11:02:47 1tGYbq-0008Lm-3F == ali@example.net R=dnslookup T=remote_smtp "
        "defer (-44) H=mx.example.net [192.0.2.12]: SMTP error from remote mail server after "
        "RCPT TO:<ali@example.net>: 451 4.7.1 Greylisting in action, please come back later"
    )
    assert decode(line).action == "delayed"


def test_sendmail_5_names_its_recipient_only_in_the_verdict_line():
    text = (
        "Subject: Returned mail: User unknown\n\n"
        "   ----- Transcript of session follows -----\n"
        "While talking to smtp.example.net:\n"
        ">>> RCPT To:<ali@example.net>\n"
        "<<< 550 <ali@example.net>, User Unknown\n"
        "550 <ali@example.net>... User unknown\n"
    )
    assert [recipient.address for recipient in decode(text).recipients] == ["ali@example.net"]


def test_an_8bit_windows_1254_part_is_decoded_with_its_charset():
    raw = (
        "From: MAILER-DAEMON@example.com.tr\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=windows-1254\nContent-Transfer-Encoding: 8bit\n\n"
        "Uzak sunucunun yanıtı:\n550 5.1.1 Alıcı bulunamadı\n"
    ).encode("windows-1254")
    assert "Alıcı" in (decode(raw).diagnostic or "")
