"""Issue 13: the admin speaks correct Turkish on every page a Destek user can open.

The test logs in as a support agent, follows every admin link it finds (one page per path
and set of query parameter names) and reads the text a person sees: no undotted capital I
where Turkish needs İ ("Ilgili", "IŞLEM"), no English words left over, and no plural noun
after a number ("16 yanıt kodları": Turkish says "16 yanıt kodu").
"""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from axes.models import AccessAttempt
from django.forms.models import model_to_dict
from django.test import Client

from kb import editing
from kb.management.commands.create_support_user import create_support_user
from kb.models import Comment, ReplyCode, SearchMiss, Vote

UNDOTTED = re.compile(r"(?<![\w])I(?:l|ş|Ş|ç|Ç|L)\w*")
ENGLISH = re.compile(
    r"\b(?:Expected|Version|Save|Delete|History|Home|Filter|Search|Select|Action|Change|"
    r"Add|Show|Hide|Clear|Yes|No|Today|Now|Unknown|None|True|False|Draft|View|Edit)\b"
)
PLURAL_AFTER_NUMBER = re.compile(r"(?<![\w.:/])\d+\s+(?:\w+\s+)?\w+(?:ları|leri|lar|ler)\b")
SKIPPED_TAGS = {"script", "style", "textarea", "code", "pre"}
NEVER_FOLLOW = ("/admin/logout/", "/admin/jsi18n/")
MAX_PAGES = 250


class VisibleText(HTMLParser):
    """Text nodes and the attributes a person reads (title, aria-label, placeholder, value
    of buttons), outside textareas and code."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.links: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        for name in ("title", "aria-label", "placeholder", "alt"):
            if attributes.get(name):
                self.parts.append(attributes[name])
        if tag == "input" and attributes.get("type") in ("submit", "button"):
            self.parts.append(attributes.get("value") or "")

    def handle_endtag(self, tag) -> None:
        if tag in SKIPPED_TAGS and self.skipping:
            self.skipping -= 1

    def handle_data(self, data) -> None:
        if not self.skipping:
            self.parts.append(data)


def findings_in(*parts: str) -> list[str]:
    """Findings in the text nodes `parts` (a number and its noun share one text node)."""
    parts = [" ".join(part.split()) for part in parts]
    found = []
    for part in parts:
        found += [f"undotted I: {m.group()}" for m in UNDOTTED.finditer(part)]
        found += [f"English: {m.group()}" for m in ENGLISH.finditer(part)]
        found += [f"plural after a number: {m.group()}" for m in PLURAL_AFTER_NUMBER.finditer(part)]
    return found


def page_key(url: str) -> tuple:
    parts = urlsplit(url)
    path = re.sub(r"/\d+/", "/<id>/", parts.path)
    return path, tuple(sorted({name for name, _ in parse_qsl(parts.query)}))


def walk_admin(client: Client, *also: str) -> dict[str, list[str]]:
    """Every admin page reachable by links from the dashboard (and from `also`: pages
    reached through a form) → its findings."""
    queue, seen, found = ["/admin/", *also], set(), {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        key = page_key(url)
        if key in seen:
            continue
        seen.add(key)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = VisibleText()
        parser.feed(response.content.decode())
        if problems := findings_in(*parser.parts):
            found[url] = problems
        for href in parser.links:
            target = urljoin(url, href)
            if target.startswith("/admin/") and not target.startswith(NEVER_FOLLOW):
                queue.append(target.split("#")[0])
    assert len(seen) > 20  # the walk really went through the admin
    return found


@pytest.fixture
def agent_client(db, make_code):
    agent = create_support_user("ayse", "Destek-Parola-2026")
    first = make_code("450", title="Posta kutusu geçici olarak kullanılamıyor")
    second = make_code("550", related=[first])
    second.title = "İkinci başlık"
    second.save()
    editing.save_draft(second, {**model_to_dict(second), "title": "Taslak başlık"}, ["450"])
    for code in ("5.7.515", "zzqqxx"):
        SearchMiss.objects.record(code)
    Comment.objects.create(
        reply_code=first, name="Ali", email="ali@example.com", body="Çok işime yaradı, sağ olun."
    )
    Vote.objects.create(reply_code=first, helpful=False, missing="Örnek yok", fingerprint="a")
    AccessAttempt.objects.create(  # a locked-out login, which support agents may unlock
        username="ali",
        ip_address="203.0.113.5",
        user_agent="Firefox",
        http_accept="text/html",
        path_info="/admin/login/",
        get_data="",
        post_data="username=ali",
        failures_since_start=5,
    )
    client = Client()
    client.force_login(agent)
    return client


def test_the_checks_themselves_catch_the_known_mistakes():
    found = findings_in(
        "Ilgili kodlar", "IŞLEM", "Expected version:", "16 yanıt kodları", "1", "Nesneler"
    )

    assert found == [
        "undotted I: Ilgili",
        "undotted I: IŞLEM",
        "English: Expected",
        "plural after a number: 16 yanıt kodları",
    ]


def test_every_admin_page_a_support_agent_opens_speaks_correct_turkish(agent_client):
    reply_code = ReplyCode.objects.get(code="550")
    old, new = reply_code.history.order_by("history_date")[:2]
    compare = f"/admin/kb/replycode/{reply_code.pk}/karsilastir/?a={old.pk}&b={new.pk}"

    assert walk_admin(agent_client, compare) == {}


def test_deleting_selected_comments_says_the_count_in_turkish(agent_client):
    reply_code = ReplyCode.objects.get(code="450")
    Comment.objects.create(reply_code=reply_code, name="Veli", body="İkinci yorumum burada.")
    selected = list(Comment.objects.values_list("pk", flat=True))
    data = {"action": "delete_selected", "_selected_action": selected, "post": "yes"}

    response = agent_client.post("/admin/kb/comment/", data, follow=True)

    assert "2 yorum silindi." in response.content.decode()
    assert Comment.objects.count() == 0
