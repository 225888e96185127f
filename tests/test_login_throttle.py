"""Admin login throttling (django-axes, kb/login_throttle.py): a brute force is stopped,
an office behind one address is not locked out by it, and staff can unlock."""

import gettext
import re
from http import HTTPStatus
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client

from kb.management.commands.create_support_user import create_support_user

PASSWORD = "Doğru-Parola-2026"
LOCALE = Path(__file__).resolve().parent.parent / "locale" / "tr" / "LC_MESSAGES"


@pytest.fixture
def editor(db):
    return User.objects.create_superuser("editor", "editor@example.com", PASSWORD)


def log_in(username: str, password: str, address: str = "203.0.113.5", **extra):
    client = Client(REMOTE_ADDR=address, **extra)
    response = client.post("/admin/login/", {"username": username, "password": password})
    return client, response


def logged_in(client: Client) -> bool:
    return client.get("/admin/").status_code == HTTPStatus.OK


def test_fifty_wrong_passwords_are_throttled_with_a_turkish_page(editor):
    answers = [log_in("editor", f"yanlis-{number}")[1] for number in range(50)]

    statuses = [response.status_code for response in answers]
    assert statuses[:4] == [HTTPStatus.OK] * 4  # the login form again, with its error
    assert set(statuses[4:]) == {HTTPStatus.TOO_MANY_REQUESTS}  # the fifth failure locks
    html = answers[-1].content.decode()
    assert "Giriş geçici olarak durduruldu" in html
    assert "15 dakika" in html
    assert '<html lang="tr"' in html
    assert answers[-1]["Retry-After"] == "900"


def test_while_locked_even_the_right_password_is_refused(editor):
    for number in range(5):
        log_in("editor", f"yanlis-{number}")

    client, response = log_in("editor", PASSWORD)

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert not logged_in(client)


def test_the_right_password_from_another_address_still_logs_in(editor):
    for number in range(50):
        log_in("editor", f"yanlis-{number}", address="203.0.113.5")

    client, response = log_in("editor", PASSWORD, address="198.51.100.20")

    assert response.status_code == HTTPStatus.FOUND
    assert logged_in(client)


def test_a_colleague_behind_the_same_address_still_logs_in(editor):
    User.objects.create_superuser("colleague", "colleague@example.com", PASSWORD)
    for number in range(10):
        log_in("editor", f"yanlis-{number}")

    client, response = log_in("colleague", PASSWORD)

    assert response.status_code == HTTPStatus.FOUND
    assert logged_in(client)


def test_an_address_trying_many_usernames_is_locked_after_fifty_failures(editor):
    for number in range(50):
        log_in(f"kullanici-{number}", "yanlis")

    client, response = log_in("editor", PASSWORD)

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert not logged_in(client)


def test_behind_a_trusted_proxy_the_visitor_address_is_throttled(editor, settings):
    settings.KB_TRUSTED_PROXIES = ["10.0.0.0/8"]
    proxy = {"address": "10.0.0.2"}
    for number in range(5):
        log_in("editor", f"yanlis-{number}", HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)

    _, attacker = log_in("editor", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    _, office = log_in("editor", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy)

    assert attacker.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert office.status_code == HTTPStatus.FOUND
    assert AccessAttempt.objects.get().ip_address == "198.51.100.7"


def test_a_successful_login_clears_the_earlier_failures(editor):
    for number in range(4):
        log_in("editor", f"yanlis-{number}")
    log_in("editor", PASSWORD)

    _, response = log_in("editor", "yanlis-son")

    assert response.status_code == HTTPStatus.OK
    assert AccessAttempt.objects.get().failures_since_start == 1


def test_a_colleague_logging_in_does_not_unlock_the_attacked_account(editor):
    User.objects.create_superuser("colleague", "colleague@example.com", PASSWORD)
    for number in range(5):
        log_in("editor", f"yanlis-{number}")

    log_in("colleague", PASSWORD)
    client, response = log_in("editor", PASSWORD)

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert not logged_in(client)


def test_a_support_agent_sees_the_lockout_and_unlocks_it_in_turkish(editor):
    for number in range(5):
        log_in("editor", f"yanlis-{number}")
    agent = create_support_user("ayse", "Destek-Parola-2026")
    staff = Client()
    staff.force_login(agent)

    listing = staff.get("/admin/kb/loginattempt/").content.decode()
    attempt = AccessAttempt.objects.get()
    unlocked = staff.post(
        "/admin/kb/loginattempt/",
        {"action": "unlock", "_selected_action": [attempt.pk]},
        follow=True,
    )

    assert "Giriş denemeleri" in staff.get("/admin/").content.decode()
    assert "Bu kullanıcı adı bu adresten kilitli" in listing
    assert "1 giriş denemesi silindi; kilit kalktı." in unlocked.content.decode()
    assert log_in("editor", PASSWORD)[1].status_code == HTTPStatus.FOUND


def test_the_compiled_turkish_catalog_matches_its_source():
    source = (LOCALE / "django.po").read_text()
    with (LOCALE / "django.mo").open("rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)
    entries = re.findall(r'^msgid "(.+)"\nmsgstr "(.+)"$', source, re.MULTILINE)

    assert len(entries) > 20
    assert [catalog.gettext(msgid) for msgid, _ in entries] == [text for _, text in entries]


def test_the_admin_counts_a_usernames_failures_from_every_browser_of_its_address(editor):
    for number in range(3):
        log_in("editor", f"yanlis-a{number}", HTTP_USER_AGENT="Tarayici A")
    for number in range(2):
        log_in("editor", f"yanlis-b{number}", HTTP_USER_AGENT="Tarayici B")
    for number in range(2):
        log_in(f"kisi{number}", "yanlis", address="198.51.100.9")
    staff = Client()
    staff.force_login(editor)

    listing = staff.get("/admin/kb/loginattempt/").content.decode()

    assert log_in("editor", PASSWORD)[1].status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert listing.count("Bu kullanıcı adı bu adresten kilitli") == 2  # both browsers' rows
    assert listing.count("4 deneme hakkı kaldı") == 2  # one failure each from the other address


def test_an_address_that_tried_many_usernames_is_shown_locked_for_all(editor, settings):
    settings.KB_LOGIN_FAILURES_PER_ADDRESS = 10
    for number in range(5):
        for _ in range(2):
            log_in(f"kisi{number}", "yanlis")
    staff = Client()
    staff.force_login(editor)

    listing = staff.get("/admin/kb/loginattempt/").content.decode()

    assert log_in("editor", PASSWORD)[1].status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert listing.count("Bu adres kilitli (bütün kullanıcı adları)") == 5
