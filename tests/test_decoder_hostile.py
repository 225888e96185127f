"""Hostile and odd input: the decoder returns a result (maybe without codes), never raises.

Correctness only: how long the worst of these take is measured outside the test suite
(``python -m scripts.score_decoder --hostile``), so a busy machine cannot fail them.
"""

import random

import pytest

from kb.smtp.decoder import DecodeResult, decode

NESTED = (
    "From: MAILER-DAEMON@example.com\nSubject: Undelivered Mail\n"
    "Content-Type: multipart/mixed; boundary=x\n\n"
    + "--x\nContent-Type: multipart/mixed; boundary=x\n\n" * 2_000
    + "--x\nContent-Type: text/plain\n\n550 5.1.1 <ali@example.net>: User unknown\n--x--\n"
)
UNKNOWN_CHARSET = (
    "From: MAILER-DAEMON@example.com\nSubject: =?x-no-such-charset?B?w7xiZXI=?=\n"
    "MIME-Version: 1.0\nContent-Type: text/plain; charset=x-no-such-charset\n"
    "Content-Transfer-Encoding: base64\n\n"
    "NTUwIDUuMS4xIDxhbGlAZXhhbXBsZS5uZXQ+OiBVc2VyIHVua25vd24K\n"
)
NOT_A_TEXT_CODEC = (
    "From: MAILER-DAEMON@example.com\nMIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=base64\n\n550 5.1.1 User unknown\n"
)
BROKEN_MIME = (
    "From: MAILER-DAEMON@example.com\nMIME-Version: 1.0\n"
    'Content-Type: multipart/report; boundary="never-closed"\n\n'
    "--never-closed\nContent-Type: message/delivery-status\n"
    "Content-Transfer-Encoding: base64\n\n!!! not base64 at all !!!\n"
    "--never-closed\nContent-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\n"
    "550 5.1.1 =ZZ broken =\n"
)
JAPANESE = (
    "From: MAILER-DAEMON@example.jp\nSubject: =?ISO-2022-JP?B?GyRCJUEhPCVrGyhC?=\n"
    "MIME-Version: 1.0\nContent-Type: text/plain; charset=ISO-2022-JP\n\n"
    + "送信に失敗しました。\n宛先のメールアドレスが存在しません: <taro@example.jp>\n"
    "550 5.1.1 <taro@example.jp>: ユーザーが見つかりません\n".encode("iso-2022-jp").decode("ascii")
)
CYRILLIC = (
    "From: MAILER-DAEMON@example.ru\nMIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=koi8-r\nContent-Transfer-Encoding: 8bit\n\n"
).encode("ascii") + (
    "Сообщение не доставлено получателю ivan@example.ru\n550 5.7.1 Сообщение отклонено как спам\n"
).encode("koi8-r")

ODD_INPUTS = {
    "2,000 nested multiparts": NESTED,
    "an unknown charset": UNKNOWN_CHARSET,
    "a charset that is not a text codec": NOT_A_TEXT_CODEC,
    "broken mime": BROKEN_MIME,
    "a japanese notice": JAPANESE,
    "a cyrillic notice in koi8-r": CYRILLIC,
    "100 kb of random bytes": random.Random(3464).randbytes(100_000),
    "100 kb of random printable text": "".join(
        random.Random(5321).choices("abc 550 5.1.1 <@>:\n\t-=.*#[]()'\"", k=100_000)
    ),
    "100 kb of one line": "said: " + "<a@b.c> 550 5.1.1 " * 6_000,
    "100 kb of dsn fields": "Final-Recipient: rfc822; a@b.c\nStatus: 5.1.1\n" * 2_500,
    "a lone surrogate": "550 5.1.1 User unknown \udcff\ud800",
    "a json that is not a bounce": '{"notificationType": "Bounce", "bounce": [1, 2, 3]}',
    "deeply nested json": '{"notificationType":' + "[" * 5_000 + "]" * 5_000 + "}",
    "nul bytes": b"\x00" * 100_000,
}


@pytest.mark.parametrize("name", sorted(ODD_INPUTS))
def test_odd_input_gives_a_result(name):
    assert isinstance(decode(ODD_INPUTS[name]), DecodeResult)


@pytest.mark.parametrize("name", sorted(ODD_INPUTS))
def test_odd_input_gives_at_most_the_recipient_limit(name):
    assert len(decode(ODD_INPUTS[name]).recipients) <= 50


def test_the_code_under_2000_nested_multiparts_is_still_found():
    assert decode(NESTED).enhanced_code == "5.1.1"


def test_a_part_in_an_unknown_charset_is_still_read():
    assert decode(UNKNOWN_CHARSET).enhanced_code == "5.1.1"


def test_a_part_whose_charset_is_not_a_text_codec_is_still_read():
    assert decode(NOT_A_TEXT_CODEC).enhanced_code == "5.1.1"


def test_a_japanese_notice_gives_its_code():
    assert decode(JAPANESE).enhanced_code == "5.1.1"


def test_a_japanese_notice_names_its_recipient():
    assert [recipient.address for recipient in decode(JAPANESE).recipients] == ["taro@example.jp"]


def test_a_cyrillic_notice_gives_its_code():
    assert decode(CYRILLIC).enhanced_code == "5.7.1"


def test_a_json_that_is_not_a_bounce_report_is_read_as_text():
    assert decode(ODD_INPUTS["a json that is not a bounce"]).recipients == []
