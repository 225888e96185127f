"""The decoder's reasons (Sisimai's vocabulary, kb.smtp.reasons) and hard/soft verdicts."""

import pytest

from kb.smtp import reasons
from kb.smtp.decoder import classify, decode, hints, providers

# --- the vocabulary -----------------------------------------------------------------------


def every_reason_the_decoder_can_name() -> set[str]:
    found = set(classify.STATUS_REASONS.values()) | set(classify.REPLY_REASONS.values())
    found |= {name for name, _ in classify.PROBES} | set(classify.REFINED_BY_WORDS)
    found |= {name for name, _ in classify.LOCAL_AGENT_WORDS}
    found |= {reason for family in hints.FAMILIES for reason, _ in family.rules}
    found |= set(hints.POWERMTA_CATEGORIES.values()) | set(hints.SES_SUBTYPES.values())
    found |= {reason for _, reason in hints.OFFICE365_STATUSES}
    found |= {reason for _, _, reason in providers.GOOGLE + providers.MICROSOFT}
    found |= {reason for _, reason in providers.MICROSOFT_LABELS.values()}
    for table in (
        providers.ORANGE_CODES,
        providers.COX_CODES,
        providers.GODADDY_CODES,
        providers.IUA_CODES,
        providers.FACEBOOK_CODES,
    ):
        found |= set(table.values())
    found |= {reason for rows in providers.WORDING.values() for reason, _ in rows}
    return found - {""}  # "" leaves a family's wording to the engine


def test_every_reason_the_decoder_can_name_is_in_the_vocabulary():
    assert every_reason_the_decoder_can_name() <= set(reasons.REASONS)


@pytest.mark.parametrize("name", sorted(reasons.REASONS))
def test_every_reason_has_a_turkish_label_and_explanation(name):
    info = reasons.REASONS[name]
    assert info.name == name and info.label_tr and info.explanation_tr.endswith(".")


@pytest.mark.parametrize("name", sorted(reasons.REASONS))
def test_every_reason_lists_its_usual_codes(name):
    assert reasons.REASONS[name].usual_codes


def test_reason_info_of_none_is_none():
    assert reasons.reason_info(None) is None


def test_reason_info_of_an_unknown_name_is_none():
    assert reasons.reason_info("nosuchreason") is None


# --- the same words, different commands -----------------------------------------------------


def postfix(reply: str, command: str, recipient: str = "ali@example.net") -> str:
    return (
        "This is the mail system at host mail.example.com.\n\n"
        f"<{recipient}>: host mx.example.net[192.0.2.10] said: {reply} (in reply to "
        f"{command} command)\n"
    )


def test_user_unknown_in_reply_to_rcpt_is_an_unknown_user():
    assert decode(postfix("550 User unknown", "RCPT TO")).reason == "userunknown"


def test_user_unknown_after_the_data_is_a_filter():
    assert decode(postfix("550 User unknown", "end of DATA")).reason == "filtered"


def test_the_enhanced_code_decides_when_the_words_are_vague():
    assert decode(postfix("552 5.2.2 Sorry", "RCPT TO")).reason == "mailboxfull"


def test_a_blocklisted_ip_is_blocked():
    reply = "554 5.7.1 Service unavailable; Client host [192.0.2.9] blocked using zen.example.org"
    assert decode(postfix(reply, "RCPT TO")).reason == "blocked"


def test_a_missing_reverse_dns_is_requireptr():
    reply = "550 5.7.25 The IP address sending this message does not have a PTR record setup"
    assert decode(postfix(reply, "MAIL FROM")).reason == "requireptr"


def test_an_spf_and_dkim_failure_is_authfailure():
    reply = "550 5.7.26 Unauthenticated email from example.com is not accepted due to DMARC"
    assert decode(postfix(reply, "end of DATA")).reason == "authfailure"


def test_relaying_denied_is_norelaying():
    assert decode(postfix("554 5.7.1 Relay access denied", "RCPT TO")).reason == "norelaying"


def test_a_message_too_big_is_mesgtoobig():
    reply = "552 5.3.4 Message size exceeds fixed maximum message size"
    assert decode(postfix(reply, "end of DATA")).reason == "mesgtoobig"


def test_turkish_wording_gives_a_reason():
    text = "Uzak Sunucu '550 5.2.2 posta kutusu dolu' döndürdü"
    assert decode(text).reason == "mailboxfull"


def test_a_text_without_any_known_wording_or_code_has_no_reason():
    assert decode("Merhaba, toplantı saat üçte.").reason is None


# --- providers ----------------------------------------------------------------------------


def test_orange_labels_decide_the_reason():
    reply = "550 5.2.0 Mail rejete. Mail rejected. OFR_417 [417] Boite du destinataire pleine"
    text = postfix(reply, "RCPT TO", recipient="julie@orange.fr").replace(
        "mx.example.net", "smtp-in.orange.fr"
    )
    assert decode(text).reason == "mailboxfull"


def test_a_microsoft_365_ndr_gives_microsofts_meaning_of_its_code():
    text = (
        "From: postmaster@example.onmicrosoft.com\n"
        "Subject: Undeliverable: Teklif\n"
        "X-MS-Exchange-Message-Is-Ndr:\n"
        "X-MS-Exchange-CrossTenant-FromEntityHeader: Hosted\n\n"
        "Delivery has failed to these recipients or groups:\n\n"
        "ali@example.net\n"
        "Remote Server returned '550 5.7.510 Access denied, example.net does not accept "
        "email over IPv6'\n"
    )
    assert decode(text).reason == "notaccept"


def test_gmails_own_reply_text_decides_over_the_generic_code():
    reply = (
        "550-5.7.1 Our system has detected that this message is likely unsolicited mail. "
        "To reduce the amount of spam sent to Gmail, this message has been blocked."
    )
    text = postfix(reply, "end of DATA", recipient="ali@gmail.com").replace(
        "mx.example.net", "gmail-smtp-in.l.google.com"
    )
    assert decode(text).reason == "spamdetected"


# --- hard or soft -------------------------------------------------------------------------


def test_an_unknown_user_is_a_hard_bounce():
    assert decode(postfix("550 5.1.1 User unknown", "RCPT TO")).permanent is True


def test_a_4xx_greylisting_is_a_soft_bounce():
    reply = "450 4.2.0 Greylisted, please try again later"
    assert decode(postfix(reply, "RCPT TO")).permanent is False


def test_a_full_mailbox_with_a_4xx_code_is_soft():
    assert decode(postfix("452 4.2.2 Mailbox full", "RCPT TO")).permanent is False


def test_a_full_mailbox_with_a_5xx_code_is_hard():
    assert decode(postfix("552 5.2.2 Mailbox full", "RCPT TO")).permanent is True


def test_a_full_mailbox_said_to_be_temporary_is_soft_even_with_5xx():
    reply = "552 5.2.2 Mailbox full, temporarily over quota, try again later"
    assert decode(postfix(reply, "RCPT TO")).permanent is False


def test_an_orange_5xx_rate_limit_is_soft():
    reply = "550 5.2.0 OFR_104 [104] Trop de connexions, veuillez essayer plus tard"
    text = postfix(reply, "RCPT TO", recipient="julie@orange.fr").replace(
        "mx.example.net", "smtp-in.orange.fr"
    )
    assert decode(text).permanent is False


def test_a_bounce_without_any_reason_is_neither_hard_nor_soft():
    assert decode("Merhaba, toplantı saat üçte.").permanent is None


# --- automatic replies --------------------------------------------------------------------

OUT_OF_OFFICE = (
    "From: Elif Demir <elif@example.net>\n"
    "Subject: Automatic reply: Fatura\n"
    "Auto-Submitted: auto-replied\n\n"
    "I am out of the office until Monday.\n"
)


def test_an_out_of_office_reply_is_vacation():
    assert decode(OUT_OF_OFFICE).reason == "vacation"


def test_an_out_of_office_reply_has_no_recipient_that_failed():
    assert decode(OUT_OF_OFFICE).recipients == []


def test_an_out_of_office_reply_is_neither_failed_nor_delayed():
    assert decode(OUT_OF_OFFICE).action is None


def test_a_mailer_daemon_bounce_marked_auto_replied_is_still_a_bounce():
    text = (
        "From: Mail Delivery System <Mailer-Daemon@mail.example.com>\n"
        "Subject: Mail delivery failed: returning message to sender\n"
        "Auto-Submitted: auto-replied\n\n"
        "  ali@example.net\n    retry timeout exceeded\n"
    )
    assert decode(text).reason == "expired"
