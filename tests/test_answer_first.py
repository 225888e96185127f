"""Answer first: the summary at the top of a code page, and no dead ends for a customer with a
bounce in hand (pasted bounces in the search box, unknown codes, honest result counts)."""

import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http import HTTPStatus
from pathlib import Path

import pytest

from scripts.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
GMAIL_BOUNCE = """Delivered-To: ahmet.yilmaz@example.com
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
Subject: Delivery Status Notification (Failure)

** Address not found **

Your message wasn't delivered to ahmet@gmail.com because the address couldn't be found.

The response from the remote server was:
550 5.1.1 The email account that you tried to reach does not exist. - gsmtp
"""


@pytest.fixture
def code_550(make_code):
    make_code("5.1.1", title="Alıcı adresi yok")
    return make_code(
        "550",
        title="Posta kutusu kullanılamıyor",
        summary="Alıcı sunucu iletinizi kalıcı olarak reddetti.",
        self_heals=False,
        self_heals_note="Kendiliğinden düzelmez; adresi düzeltip yeniden gönderin.",
        who_acts=["sender", "recipient"],
        who_acts_note="Adresi siz kontrol edin; doğruysa alıcı kutusunu açtırmalı.",
        first_steps="1. Adresi harf harf kontrol edin\n2. İletiyi yeniden gönderin",
        remedy_admin="1. Günlükleri okuyun",
    )


def summary_of(html: str) -> str:
    return html[
        html.index('<section id="ozet"') : html.index("</section>", html.index('id="ozet"'))
    ]


def test_the_summary_comes_before_the_meaning(client, code_550):
    html = client.get("/kod/550").content.decode()

    assert html.index('id="ozet"') < html.index('id="anlami"')


def test_the_summary_says_what_happened(client, code_550):
    summary = summary_of(client.get("/kod/550").content.decode())

    assert "Alıcı sunucu iletinizi kalıcı olarak reddetti." in summary


def test_the_summary_says_who_must_act(client, code_550):
    summary = summary_of(client.get("/kod/550").content.decode())

    assert "Sorun kimde?" in summary
    assert "Siz (gönderen)</strong>, <strong" in summary
    assert "Alıcı tarafı" in summary


def test_the_summary_says_whether_it_fixes_itself(client, code_550):
    summary = summary_of(client.get("/kod/550").content.decode())

    assert "Kendiliğinden düzelir mi?</dt>" in summary
    assert "<strong>Hayır</strong>" in summary
    assert "adresi düzeltip yeniden gönderin" in summary


def test_the_summary_gives_the_first_steps_and_the_support_link(client, code_550):
    summary = summary_of(client.get("/kod/550").content.decode())

    assert "<li>İletiyi yeniden gönderin</li>" in summary
    assert ">Destek talebi aç</a>" in summary


def test_a_delay_notice_gets_its_own_sentence(client, make_code):
    make_code("450", self_heals=True, delay_note="Sunucu hâlâ deniyor; yeniden göndermeyin.")

    summary = summary_of(client.get("/kod/450").content.decode())

    assert "<strong>Evet</strong>" in summary
    assert "Gecikme bildirimi aldıysanız:</strong> Sunucu hâlâ deniyor" in summary


def test_a_success_code_says_nobody_has_to_act(client, make_code):
    make_code("250", who_acts=[], who_acts_note="")

    summary = summary_of(client.get("/kod/250").content.decode())

    assert "Kimsede; bu bir hata değil" in summary


def test_the_admin_remedy_waits_behind_a_details_element(client, code_550):
    html = client.get("/kod/550").content.decode()

    assert re.search(r"<details class=\"admin-remedy\">\s*<summary>Yönetici ve destek", html)


def test_the_page_time_is_a_valid_html_datetime(client, code_550):
    html = client.get("/kod/550").content.decode()

    stamp = re.search(r'<time datetime="([^"]+)"', html).group(1)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}", stamp)


def test_a_pasted_bounce_in_the_search_box_gets_the_decoders_answer(client, code_550):
    response = client.get("/ara", {"q": GMAIL_BOUNCE})
    html = response.content.decode()

    assert response.status_code == HTTPStatus.OK
    assert "aramak yerine çözdük" in html
    assert 'id="sonuc"' in html
    assert "5.1.1" in html[html.index('id="sonuc"') :]


def test_a_single_diagnostic_line_in_the_search_box_is_decoded_too(client, code_550):
    line = "550-5.1.1 The email account that you tried to reach does not exist"

    html = client.get("/ara", {"q": line}).content.decode()

    assert "aramak yerine çözdük" in html


def test_a_code_with_a_short_reason_is_still_a_search(client, code_550):
    response = client.get("/ara", {"q": "550 5.1.1 user unknown"})

    assert "aramak yerine çözdük" not in response.content.decode()


def test_the_result_count_is_true_and_says_when_only_the_first_are_shown(client, make_code):
    for number in range(500, 540):
        make_code(str(number), title=f"Kalıcı ret türü {number}")

    html = client.get("/ara", {"q": "kalıcı ret"}).content.decode()

    assert "40 sonuç bulundu; en ilgili 30 tanesi aşağıda." in html


def test_a_well_formed_unknown_code_is_explained_with_search_and_decoder(client, db):
    html = client.get("/kod/999").content.decode()

    assert "SMTP kodları 2, 3, 4 ya da 5 ile başlar" in html
    assert 'name="q" type="search" value="999"' in html
    assert '<a class="button" href="/coz">Geri dönen iletiyi çöz</a>' in html


def test_a_middle_number_out_of_range_is_explained(client, db):
    html = client.get("/kod/5.9.1").content.decode()

    assert "ortadaki rakamı 0 ile 7 arasındadır" in html


def test_a_member_of_a_range_answers_with_the_range_page(client, make_code):
    make_code("5.7.606-649", title="Engellenen gönderen")

    response = client.get("/kod/5.7.620")

    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == "/kod/5.7.606-649"


def test_a_code_outside_every_range_is_still_not_found(client, make_code):
    make_code("5.7.606-649", title="Engellenen gönderen")

    assert client.get("/kod/5.7.650").status_code == HTTPStatus.NOT_FOUND


@pytest.fixture(scope="module")
def gunicorn_site(tmp_path_factory):
    """The site as `make run` serves it: gunicorn with gunicorn.conf.py, on a free port."""
    database = f"sqlite:///{tmp_path_factory.mktemp('site') / 'db.sqlite3'}"
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": database, "PORT": str(free_port())}
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    # as `make run` does: the manifest storage serves only collected files
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [gunicorn, "-c", "gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{env['PORT']}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/robots.txt", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield base
    server.terminate()
    server.wait(timeout=10)


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.mark.processes
def test_a_search_of_about_6_kb_is_answered(gunicorn_site):
    text = ("Diagnostic-Code: smtp; 550 5.1.1 The email account does not exist\n" * 100)[:6000]

    status, html = fetch(f"{gunicorn_site}/ara?{urllib.parse.urlencode({'q': text})}")

    assert status == HTTPStatus.OK
    assert "aramak yerine çözdük" in html


@pytest.mark.processes
def test_a_longer_search_gets_a_turkish_page_pointing_to_the_decoder(gunicorn_site):
    status, html = fetch(f"{gunicorn_site}/ara?q={'x' * 9000}")

    assert status == HTTPStatus.REQUEST_URI_TOO_LONG
    assert '<html lang="tr">' in html
    assert '<a href="/coz">Geri dönen iletiyi çöz</a>' in html
