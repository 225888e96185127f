"""The content of fixtures/codes.json: complete, consistent, and every page renders."""

import json
import re
from http import HTTPStatus

import pytest
from django.conf import settings

from kb.smtp import codes
from tests.registry import REFERENCE_BASIC_CODES, expected_enhanced_codes

ENTRIES = json.loads(settings.KB_FIXTURE_PATH.read_text(encoding="utf-8"))
BY_CODE = {entry["code"]: entry for entry in ENTRIES}
REQUIRED_TEXT = ("title", "meaning", "retry_note", "remedy_customer", "remedy_admin", "reference")
PLACEHOLDER = re.compile(r"\bTODO\b|\blorem\b|\bTBD\b|\.\.\.|…|\bXXX\b", re.IGNORECASE)
SECTIONS = (
    ">Anlamı</h2>",
    ">Geçici mi, kalıcı mı?</h2>",
    ">Müşteri ne yapmalı?</h3>",
    ">Yönetici ve destek ekibi için: ne kontrol edilmeli?</summary>",
    ">Örnek sunucu mesajları</h2>",
    ">Kaynak</h2>",
    ">İlgili kodlar</h2>",
    'id="ozet"',
    ">Sorun kimde?</dt>",
    ">Kendiliğinden düzelir mi?</dt>",
    ">Destek talebi aç</a>",
)
SUCCESS_CLASSES = (2, 3)


def test_codes_are_unique():
    assert len(BY_CODE) == len(ENTRIES)


def test_every_code_is_valid_syntax():
    assert [entry["code"] for entry in ENTRIES if not codes.is_valid(entry["code"])] == []


def test_the_fixture_does_not_repeat_the_class_the_code_already_gives():
    assert [e["code"] for e in ENTRIES if "reply_class" in e] == []


@pytest.mark.parametrize("field", REQUIRED_TEXT)
def test_every_published_code_has_the_text_field(field):
    empty = [e["code"] for e in ENTRIES if e["is_published"] and not e[field].strip()]
    assert empty == []


def test_every_published_code_has_examples():
    assert [e["code"] for e in ENTRIES if e["is_published"] and not e["examples"]] == []


def test_every_example_names_its_provider():
    assert [x for e in ENTRIES for x in e["examples"] if " | " not in x] == []


@pytest.mark.parametrize("field", ["remedy_customer", "remedy_admin"])
def test_remedies_are_numbered_steps(field):
    assert [e["code"] for e in ENTRIES if not e[field].startswith("1. ")] == []


def test_every_code_of_the_iana_registry_is_present():
    assert sorted(expected_enhanced_codes() - BY_CODE.keys(), key=codes.sort_key) == []


def test_every_basic_code_of_the_reference_table_is_present():
    assert sorted(REFERENCE_BASIC_CODES - BY_CODE.keys()) == []


def test_every_related_code_exists_and_is_not_the_code_itself():
    broken = [
        (e["code"], other)
        for e in ENTRIES
        for other in e["related"]
        if other not in BY_CODE or other == e["code"]
    ]
    assert broken == []


def test_no_placeholder_text():
    found = [
        (e["code"], key)
        for e in ENTRIES
        for key, value in e.items()
        if isinstance(value, str) and PLACEHOLDER.search(value)
    ]
    found += [
        (e["code"], "examples") for e in ENTRIES for x in e["examples"] if PLACEHOLDER.search(x)
    ]
    assert found == []


def test_client_side_numbers_are_not_presented_as_smtp_replies():
    assert BY_CODE["101"]["origin"] == "client"
    assert BY_CODE["111"]["origin"] == "client"


def test_420_is_marked_vendor():
    assert BY_CODE["420"]["origin"] == "vendor"


@pytest.mark.parametrize(
    "code", ["422", "431", "441", "442", "446", "447", "449", "471", "510", "511", "512", "513"]
)
def test_the_dotless_numbers_are_marked_dotless(code):
    assert BY_CODE[code]["origin"] == "dotless"


def test_432_explains_the_rfc_4954_auth_meaning():
    assert "RFC 4954" in BY_CODE["432"]["reference"]
    assert "4.7.12" in BY_CODE["432"]["meaning"]


@pytest.fixture
def loaded(site_content, db):
    """The fixture content, seeded once for this module."""


def test_every_code_page_renders_with_every_section(client, loaded):
    missing = []
    for entry in ENTRIES:
        response = client.get(f"/kod/{entry['code']}")
        html = response.content.decode()
        if response.status_code != HTTPStatus.OK:
            missing.append((entry["code"], response.status_code))
            continue
        missing += [(entry["code"], s) for s in SECTIONS if s not in html]
    assert missing == []


def test_api_answers_every_code_with_every_field(client, loaded):
    fields = {
        "code", "kind", "class", "severity", "title", "summary", "self_heals",
        "self_heals_note", "delay_note", "who_acts", "who_acts_note", "first_steps",
        "meaning", "retry_note",
        "remedy_customer", "remedy_admin", "examples", "origin", "vendor", "reference",
        "related", "url", "updated_at",
    }  # fmt: skip
    problems = []
    for entry in ENTRIES:
        response = client.get(f"/api/kod/{entry['code']}")
        if response.status_code != HTTPStatus.OK:
            problems.append((entry["code"], response.status_code))
            continue
        data = response.json()
        if set(data) != fields or data["code"] != entry["code"] or not data["examples"]:
            problems.append((entry["code"], sorted(set(data) ^ fields)))
    assert problems == []


def test_index_lists_every_basic_code_and_links_every_subject(
    client, loaded, django_assert_num_queries
):
    with django_assert_num_queries(1):
        html = client.get("/").content.decode()

    basic = [e["code"] for e in ENTRIES if codes.is_basic(e["code"])]
    subjects = {codes.subject_of(e["code"]) for e in ENTRIES} - {None}
    assert [code for code in basic if f'href="/kod/{code}"' not in html] == []
    assert [s for s in sorted(subjects) if f'href="/kod/x.{s}.x"' not in html] == []


def test_every_enhanced_code_is_on_its_subject_page(client, loaded):
    missing = []
    for subject in range(8):
        html = client.get(f"/kod/x.{subject}.x").content.decode()
        missing += [
            e["code"]
            for e in ENTRIES
            if codes.subject_of(e["code"]) == subject and f'href="/kod/{e["code"]}"' not in html
        ]
    assert missing == []


def test_every_code_has_the_answer_first_summary():
    incomplete = [
        (e["code"], key)
        for e in ENTRIES
        for key in ("summary", "self_heals_note", "first_steps")
        if not e[key].strip()
    ]
    incomplete += [
        (e["code"], "who_acts")
        for e in ENTRIES
        if int(e["code"][0]) not in SUCCESS_CLASSES and not (e["who_acts"] or e["who_acts_note"])
    ]
    assert incomplete == []
