"""Real-browser tests: Playwright drives Debian's Chromium against pytest-django's live server."""

import importlib
import os
from pathlib import Path

import pytest
from django.apps import apps as django_apps

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
# make there (creating data) are ordinary synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium bulunamadı ({CHROMIUM}). Kurmak için: sudo apt-get install -y chromium"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="tr-TR", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


PHONE = {"width": 360, "height": 640}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def phone(browser):
    """A 360×640 phone screen, JavaScript off: every page must work without it."""
    context = browser.new_context(locale="tr-TR", java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def content(live_server):
    """The real content of fixtures/codes.json and providers.json in the live server's database."""
    from django.conf import settings

    from kb.content import seed_codes
    from kb.provider_content import seed_providers

    seed_codes(settings.KB_FIXTURE_PATH)
    seed_providers(settings.KB_PROVIDERS_PATH)
    return live_server


@pytest.fixture(autouse=True)
def committed_data(transactional_db):
    """The live server runs in another thread: on PostgreSQL it sees only committed rows.

    Transactional tests flush the database afterwards, data migrations included, so the
    Destek group is recreated with the migrations' own functions."""
    importlib.import_module("kb.migrations.0004_support_group").create_support_group(
        django_apps, None
    )
    importlib.import_module("kb.migrations.0007_support_group_feedback_permissions").grant(
        django_apps, None
    )
