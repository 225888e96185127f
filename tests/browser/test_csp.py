"""The strict Content-Security-Policy in a real browser: Chromium reports no violation on any
page type, public or admin, with JavaScript on (the admin's own scripts run too)."""

from playwright.sync_api import expect

from kb.models import Provider, ReplyCode

PASSWORD = "Yonetici-Parola-2026"
# Runs before every page's own code; CDP-injected, so the CSP does not apply to it.
COLLECT_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


class ViolationWatcher:
    """Both ways Chromium tells of a CSP violation: the DOM event and the console message."""

    def __init__(self, page) -> None:
        self.page = page
        self.console: list[str] = []
        page.add_init_script(COLLECT_VIOLATIONS)
        page.on("console", self.on_console)

    def on_console(self, message) -> None:
        if "Content Security Policy" in message.text or "Permissions-Policy" in message.text:
            self.console.append(message.text)

    def after(self, name: str, found: dict) -> None:
        events = self.page.evaluate("window.__csp || []")
        if events or self.console:
            found[name] = [*events, *self.console]
        self.console = []


def test_no_page_type_reports_a_csp_violation(browser, content, django_user_model):
    live = content.url
    django_user_model.objects.create_superuser("yonetici", "y@example.com", PASSWORD)
    reply_code = ReplyCode.objects.get(code="5.1.1")
    provider = Provider.objects.order_by("name").first()
    context = browser.new_context(locale="tr-TR")
    page = context.new_page()
    page.set_default_timeout(10_000)
    watcher = ViolationWatcher(page)
    found: dict = {}

    public = {
        "index": "/",
        "code": "/kod/450",
        "class": "/kod/4xx",
        "subject": "/kod/x.1.x",
        "search": "/ara?q=posta+kutusu+dolu",
        "decoder": "/coz",
        "providers": "/saglayici/",
        "provider": provider.get_absolute_url(),
        "404": "/kod/999",
        "admin login": "/admin/login/",
    }
    for name, path in public.items():
        page.goto(live + path)
        expect(page.locator("main").first).to_be_visible()
        watcher.after(name, found)

    page.goto(live + "/coz")
    page.locator("#metin").fill("550 5.1.1 <ali@example.com>: Recipient address rejected")
    page.get_by_role("button", name="Çöz").click()
    expect(page.get_by_text("5.1.1").first).to_be_visible()
    watcher.after("decoder result", found)

    page.goto(live + "/admin/login/")
    page.get_by_label("Kullanıcı adı").fill("yonetici")
    page.get_by_label("Parola").fill(PASSWORD)
    page.get_by_role("button", name="Oturum aç").click()
    expect(page.get_by_text("Bugün bakılacaklar")).to_be_visible()
    watcher.after("admin dashboard", found)
    admin = {
        "change list": "/admin/kb/replycode/",
        "change form": f"/admin/kb/replycode/{reply_code.pk}/change/",
        "add form": "/admin/kb/replycode/add/",
        "comments": "/admin/kb/comment/",
        "providers": "/admin/kb/provider/",
        "provider history": f"/admin/kb/provider/{provider.pk}/history/",
        "code history": f"/admin/kb/replycode/{reply_code.pk}/history/",
    }
    for name, path in admin.items():
        page.goto(live + path)
        expect(page.locator("#content")).to_be_visible()
        watcher.after(name, found)
    # The autocomplete widget (select2) builds its own elements with scripts.
    page.goto(live + admin["change form"])
    page.locator(".select2-selection").first.click()
    expect(page.locator(".select2-search__field")).to_be_visible()
    watcher.after("change form autocomplete", found)
    context.close()

    assert found == {}


def test_the_watcher_sees_a_violation(browser, content):
    """The check above can fail: an inline style served under our policy is reported."""
    live = content.url
    context = browser.new_context(locale="tr-TR")
    page = context.new_page()
    watcher = ViolationWatcher(page)

    def inject_inline_style(route):
        response = route.fetch()
        body = response.text().replace("</head>", "<style>body{color:red}</style></head>")
        route.fulfill(response=response, body=body)

    page.route(live + "/kod/450", inject_inline_style)
    page.goto(live + "/kod/450")
    found: dict = {}
    watcher.after("tampered page", found)
    context.close()

    assert "style-src-elem" in " ".join(found["tampered page"])
