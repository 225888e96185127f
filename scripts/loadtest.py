"""Load and fault test: `make loadtest` (not a test of the suite; it reports, and fails on loss).

Starts the site as `make run` does (migrate, seed_codes, collectstatic, gunicorn with
gunicorn.conf.py) on a free loopback port, against a throw-away database: a temporary
SQLite file, or the DATABASE_URL given (`scripts/with-postgres.sh make loadtest` gives a
throw-away PostgreSQL). GUNICORN_WORKERS defaults to 4 and the page cache is on.

Then, for LOADTEST_SECONDS (default 60), LOADTEST_CONNECTIONS (default 64) clients send a
mix of page views, searches, decoder posts (/coz), votes and comments, each from its own
loopback source address (all of 127.0.0.0/8 is loopback on Linux), while an editor logs in
to the admin and, every second, changes one code through the change form («Yayınla») and
confirms on the publish page, then reads the public page back.

Afterwards every acknowledged write is looked up in the database (comments by their text,
votes by count per code and answer, each published edit in the code's history and the
last one on the code), and every page of the edited code fetched after an edit was
acknowledged must show that edit or a later one. Details go to stderr; stdout gets one
line: `loadtest: N requests, E errors, S stale, L lost, p50 X ms, p99 Y ms`.

Traffic goes to 127.0.0.0/8 only; the run is bounded in time and in requests. Standard
library only.
"""

import http.client
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from scripts.html_forms import form_fields
from scripts.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
SECONDS = min(int(os.environ.get("LOADTEST_SECONDS", "60")), 900)
CONNECTIONS = min(int(os.environ.get("LOADTEST_CONNECTIONS", "64")), 256)
MAX_REQUESTS = 500_000
EDITED_CODE = "450"
EDITED_URL = f"/kod/{EDITED_CODE}"
MARKER = "Yük testi sürümü {}."
MARKER_RE = re.compile(r"Yük testi sürümü (\d+)\.")
EDITOR = ("yuktesti", "Yuk-Testi-" + uuid.uuid4().hex)
SEARCHES = ["450", "5.1.1", "posta kutusu dolu", "mailbox full", "spf", "kuyruk", "gitmiyor"]
BOUNCE = (
    "Final-Recipient: rfc822; ahmet@example.com\nAction: failed\nStatus: 5.1.1\n"
    "Diagnostic-Code: smtp; 550 5.1.1 <ahmet@example.com>: Recipient address rejected: "
    "User unknown in virtual mailbox table"
)
# What each client does, by weight.
MIX = [("page", 50), ("edited", 12), ("search", 12), ("decode", 8), ("vote", 12), ("comment", 6)]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Site:
    """The site under test: a temporary database and page cache, gunicorn on a free port."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="kb-loadtest-"))
        self.port = int(os.environ.get("LOADTEST_PORT") or free_port())
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "DATABASE_URL": os.environ.get("DATABASE_URL")
            or f"sqlite:///{self.dir / 'db.sqlite3'}",
            "KB_PAGE_CACHE_DIR": str(self.dir / "page-cache"),
            "KB_CACHE_SECONDS": os.environ.get("KB_CACHE_SECONDS", "300"),
            "KB_SITE_URL": self.base,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "PORT": str(self.port),
            "GUNICORN_WORKERS": os.environ.get("GUNICORN_WORKERS", "4"),
            "DJANGO_SUPERUSER_PASSWORD": EDITOR[1],
        }
        self.server: subprocess.Popen | None = None
        self.server_log = self.dir / "gunicorn.log"

    def manage(self, *args: str, capture: bool = False) -> str:
        done = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            text=True,
            stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        )
        return done.stdout or ""

    def start(self) -> None:
        log(f"loadtest: database {self.env['DATABASE_URL'].split('@')[-1]}, port {self.port}")
        self.manage("migrate", "--noinput", "-v0")
        self.manage("seed_codes")
        self.manage("collectstatic", "--noinput", "-v0")
        self.manage("createsuperuser", "--noinput", "--username", EDITOR[0], "--email", "")
        with self.server_log.open("w") as output:
            self.server = subprocess.Popen(
                [GUNICORN, "-c", "gunicorn.conf.py", "config.wsgi"],
                cwd=ROOT,
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if request("GET", "/robots.txt", self.port).status == HTTPStatus.OK:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not start; see {self.server_log}")

    def stop(self) -> None:
        if self.server and self.server.poll() is None:
            os.killpg(self.server.pid, signal.SIGTERM)
            self.server.wait(timeout=30)

    def server_errors(self) -> int:
        text = self.server_log.read_text(errors="replace") if self.server_log.exists() else ""
        return text.count("Traceback")


class Answer:
    def __init__(self, status: int, headers: dict, body: str) -> None:
        self.status, self.headers, self.body = status, headers, body


def request(
    method: str,
    path: str,
    port: int,
    body: dict | None = None,
    headers: dict | None = None,
    source: str = "127.0.0.1",
) -> Answer:
    """One request on a new connection from `source` (a loopback address)."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=60, source_address=(source, 0)
    )
    try:
        data = urlencode(body, doseq=True) if body is not None else None
        all_headers = {"Host": f"127.0.0.1:{port}", **(headers or {})}
        if data is not None:
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, data, all_headers)
        response = connection.getresponse()
        answer = Answer(
            response.status,
            {name.lower(): value for name, value in response.getheaders()},
            response.read().decode("utf-8", errors="replace"),
        )
        answer.headers["set-cookie-all"] = response.headers.get_all("Set-Cookie") or []
        return answer
    finally:
        connection.close()


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.durations: list[float] = []
        self.errors: list[str] = []
        self.stale: list[str] = []
        self.comments: list[tuple[str, str]] = []  # acknowledged: (code, text)
        self.votes: dict[tuple[str, bool], int] = {}  # acknowledged per (code, helpful)
        self.refused_comments = 0
        self.edits: list[tuple[int, float]] = []  # acknowledged: (number, time)

    def timed(self, duration: float) -> None:
        with self.lock:
            self.durations.append(duration)

    def error(self, what: str) -> None:
        with self.lock:
            self.errors.append(what)
            if len(self.errors) <= 10 or what.startswith("editor") or "admin" in what:
                log(f"loadtest: error: {what}")

    def latest_edit(self) -> int:
        with self.lock:
            return self.edits[-1][0] if self.edits else 0


class Client(threading.Thread):
    """One of the concurrent visitors."""

    def __init__(self, number: int, site: Site, stats: Stats, codes: list[str], stop_at: float):
        super().__init__(daemon=True)
        self.site, self.stats, self.codes, self.stop_at = site, stats, codes, stop_at
        self.random = random.Random(number)
        self.number = number
        self.actions = [name for name, weight in MIX for _ in range(weight)]

    def source(self) -> str:
        """A loopback address of its own for each visitor (127.0.<1-250>.<1-250>)."""
        index = self.random.randrange(250 * 250)
        return f"127.0.{1 + index // 250}.{1 + index % 250}"

    def send(self, method: str, path: str, **kwargs) -> Answer | None:
        started = time.monotonic()
        try:
            answer = request(method, path, self.site.port, **kwargs)
        except OSError as error:
            self.stats.error(f"{method} {path}: {error!r}")
            return None
        self.stats.timed(time.monotonic() - started)
        if answer.status >= 500:
            self.stats.error(f"{method} {path}: {answer.status}")
            return None
        return answer

    def expect(self, answer: Answer | None, method: str, path: str, *statuses: int) -> bool:
        if answer is None:
            return False
        if answer.status not in statuses:
            self.stats.error(f"{method} {path}: unexpected {answer.status}")
            return False
        return True

    def run(self) -> None:
        while time.monotonic() < self.stop_at and len(self.stats.durations) < MAX_REQUESTS:
            getattr(self, self.random.choice(self.actions))()

    def page(self) -> None:
        path = self.random.choice(
            ["/", "/kod/4xx", "/kod/x.7.x", "/saglayici/", f"/kod/{self.random.choice(self.codes)}"]
        )
        self.expect(self.send("GET", path, source=self.source()), "GET", path, HTTPStatus.OK)

    def edited(self) -> None:
        """The edited code's public page: it must show the last acknowledged edit."""
        latest = self.stats.latest_edit()
        answer = self.send("GET", EDITED_URL, source=self.source())
        if not self.expect(answer, "GET", EDITED_URL, HTTPStatus.OK) or not latest:
            return
        shown = [int(number) for number in MARKER_RE.findall(answer.body)]
        if not shown or max(shown) < latest:
            with self.stats.lock:
                self.stats.stale.append(f"{EDITED_URL}: edit {latest} acknowledged, page {shown}")

    def search(self) -> None:
        path = "/ara?" + urlencode({"q": self.random.choice(SEARCHES)})
        answer = self.send("GET", path, source=self.source())
        self.expect(
            answer, "GET", path, HTTPStatus.OK, HTTPStatus.FOUND, HTTPStatus.MOVED_PERMANENTLY
        )

    def decode(self) -> None:
        """The decoder page, then the form posted back with its CSRF token, as a browser does."""
        source = self.source()
        page = self.send("GET", "/coz", source=source)
        if not self.expect(page, "GET", "/coz", HTTPStatus.OK):
            return
        token = dict(form_fields(page.body, None)).get("csrfmiddlewaretoken", "")
        cookies = [cookie.split(";")[0] for cookie in page.headers["set-cookie-all"]]
        headers = {"Origin": self.site.base, "Cookie": "; ".join(cookies)}
        body = {"metin": BOUNCE, "csrfmiddlewaretoken": token}
        answer = self.send("POST", "/coz", body=body, headers=headers, source=source)
        self.expect(answer, "POST", "/coz", HTTPStatus.OK)

    def vote(self) -> None:
        code, helpful = self.random.choice(self.codes), self.random.random() < 0.7
        path = f"/kod/{code}/oy"
        headers = {"Origin": self.site.base, "User-Agent": f"loadtest/{uuid.uuid4().hex}"}
        answer = self.send(
            "POST",
            path,
            body={"helpful": "yes" if helpful else "no"},
            headers=headers,
            source=self.source(),
        )
        if not self.expect(answer, "POST", path, HTTPStatus.SEE_OTHER):
            return
        state = "evet" if helpful else "hayir"
        if f"oy={state}" not in answer.headers.get("location", ""):
            self.stats.error(f"POST {path}: vote not taken ({answer.headers.get('location')})")
            return
        with self.stats.lock:
            self.stats.votes[code, helpful] = self.stats.votes.get((code, helpful), 0) + 1

    def comment(self) -> None:
        code = self.random.choice(self.codes)
        path = f"/kod/{code}/yorum"
        text = f"Yük testi yorumu {uuid.uuid4().hex}, bekledim ve geçti."
        body = {"name": "Yük Testi", "email": "", "body": text}
        answer = self.send(
            "POST", path, body=body, headers={"Origin": self.site.base}, source=self.source()
        )
        if not self.expect(
            answer, "POST", path, HTTPStatus.SEE_OTHER, HTTPStatus.TOO_MANY_REQUESTS
        ):
            return
        with self.stats.lock:
            if answer.status == HTTPStatus.SEE_OTHER:
                self.stats.comments.append((code, text))
            else:
                self.stats.refused_comments += 1


class Editor(threading.Thread):
    """A member of staff who publishes an edit of one code every second."""

    def __init__(self, site: Site, stats: Stats, stop_at: float) -> None:
        super().__init__(daemon=True)
        self.site, self.stats, self.stop_at = site, stats, stop_at
        self.cookies: dict[str, str] = {}

    def send(self, method: str, path: str, body=None) -> Answer:
        headers = {
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
            "Origin": self.site.base,
            "Referer": self.site.base + path,
        }
        started = time.monotonic()
        answer = request(method, path, self.site.port, body=body, headers=headers)
        self.stats.timed(time.monotonic() - started)
        for cookie in answer.headers["set-cookie-all"]:
            name, _, rest = cookie.partition("=")
            self.cookies[name] = rest.split(";")[0]
        if answer.status >= 500:
            raise RuntimeError(f"{method} {path}: {answer.status}")
        return answer

    def log_in(self) -> None:
        login = self.send("GET", "/admin/login/")
        fields = dict(form_fields(login.body, "login-form"))
        fields.update(username=EDITOR[0], password=EDITOR[1])
        answer = self.send("POST", "/admin/login/?next=/admin/", fields)
        if answer.status != HTTPStatus.FOUND:
            raise RuntimeError(f"admin login failed: {answer.status}")

    def publish(self, number: int, change_path: str) -> bool:
        """Change the code's meaning in the change form, «Yayınla», then confirm."""
        form = self.send("GET", change_path)
        fields = form_fields(form.body, "replycode_form")
        fields = [
            (name, MARKER_RE.sub("", value).rstrip() + "\n\n" + MARKER.format(number))
            if name == "meaning"
            else (name, value)
            for name, value in fields
        ]
        saved = self.send("POST", change_path, [*fields, ("_publish", "Yayınla")])
        if saved.status != HTTPStatus.FOUND or "yayinla" not in saved.headers.get("location", ""):
            self.stats.error(f"admin save of edit {number}: {saved.status}, draft not saved")
            return False
        confirm_path = urlsplit(saved.headers["location"]).path
        confirm = self.send("GET", confirm_path)
        confirmation = dict(form_fields(confirm.body, None))  # csrf token and version
        published = self.send("POST", confirm_path, confirmation)
        if published.status != HTTPStatus.FOUND or "yayinla" in published.headers["location"]:
            self.stats.error(f"admin publish of edit {number}: {published.status}")
            return False
        return True

    def run(self) -> None:
        try:
            self.log_in()
            listing = self.send("GET", f"/admin/kb/replycode/?q={EDITED_CODE}")
            change_path = re.search(r'href="(/admin/kb/replycode/\d+/change/)[^"]*"', listing.body)
            if change_path is None:
                raise RuntimeError(f"no change link for {EDITED_CODE} in the admin")
            log("loadtest: editor logged in")
            number = 0
            while time.monotonic() < self.stop_at - 1:
                started = time.monotonic()
                number += 1
                if self.publish(number, change_path.group(1)):
                    with self.stats.lock:
                        self.stats.edits.append((number, time.monotonic()))
                    page = request("GET", EDITED_URL, self.site.port)
                    if MARKER.format(number) not in page.body:
                        with self.stats.lock:
                            self.stats.stale.append(f"editor: edit {number} not on the page")
                time.sleep(max(0.0, 1 - (time.monotonic() - started)))
        except (OSError, RuntimeError) as error:
            self.stats.error(f"editor: {error!r}")


CHECK = """
import json
from kb.models import Comment, ReplyCode, Vote
data = json.loads(open({path!r}).read())
texts = set(Comment.objects.filter(body__startswith="Yük testi yorumu").values_list("body", flat=True))
lost_comments = [text for code, text in data["comments"] if text not in texts]
lost_votes = 0
for code, helpful, count in data["votes"]:
    stored = Vote.objects.filter(reply_code__code=code, helpful=helpful).count()
    lost_votes += max(0, count - stored)
code = ReplyCode.objects.get(code={code!r})
history = "\\n".join(code.history.values_list("meaning", flat=True))
lost_edits = [n for n in data["edits"] if {marker!r}.format(n) not in history]
last = data["edits"][-1] if data["edits"] else None
if last is not None and {marker!r}.format(last) not in code.meaning:
    lost_edits.append(last)
print(json.dumps({{"comments": lost_comments, "votes": lost_votes, "edits": lost_edits,
    "stored_comments": len(texts), "stored_votes": Vote.objects.count()}}))
"""


def check_writes(site: Site, stats: Stats) -> int:
    """Every acknowledged write, looked up in the database; returns how many are missing."""
    path = site.dir / "acknowledged.json"
    path.write_text(
        json.dumps(
            {
                "comments": stats.comments,
                "votes": [[code, helpful, count] for (code, helpful), count in stats.votes.items()],
                "edits": [number for number, _ in stats.edits],
            }
        )
    )
    script = CHECK.format(path=str(path), code=EDITED_CODE, marker=MARKER)
    found = json.loads(site.manage("shell", "-c", script, capture=True).strip().splitlines()[-1])
    log(
        f"loadtest: acknowledged {len(stats.comments)} comments (stored {found['stored_comments']},"
        f" {stats.refused_comments} refused by the rate limit), {sum(stats.votes.values())} votes"
        f" (stored {found['stored_votes']}), {len(stats.edits)} published edits"
    )
    for kind in ("comments", "edits"):
        for missing in found[kind][:5]:
            log(f"loadtest: lost {kind[:-1]}: {missing}")
    return len(found["comments"]) + found["votes"] + len(found["edits"])


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(fraction * 100) - 1]


def main() -> int:
    site = Site()
    stats = Stats()
    try:
        site.start()
        listing = json.loads(request("GET", "/api/kod/", site.port).body)
        codes = [entry["code"] for entry in listing["codes"]]
        log(f"loadtest: {CONNECTIONS} connections for {SECONDS} s, {len(codes)} codes")
        stop_at = time.monotonic() + SECONDS
        threads = [Client(number, site, stats, codes, stop_at) for number in range(CONNECTIONS)]
        threads.append(Editor(site, stats, stop_at))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=SECONDS + 120)
        lost = check_writes(site, stats)
        tracebacks = site.server_errors()
        if tracebacks:
            log(f"loadtest: {tracebacks} tracebacks in {site.server_log}")
    finally:
        site.stop()
    for line in stats.stale[:5]:
        log(f"loadtest: stale: {line}")
    errors = len(stats.errors) + tracebacks
    durations = [duration * 1000 for duration in stats.durations]
    print(
        f"loadtest: {len(durations)} requests, {errors} errors, {len(stats.stale)} stale, "
        f"{lost} lost, p50 {percentile(durations, 0.5):.0f} ms, "
        f"p99 {percentile(durations, 0.99):.0f} ms"
    )
    if errors or stats.stale or lost:
        log(f"loadtest: server log kept in {site.server_log}")
        return 1
    shutil.rmtree(site.dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
