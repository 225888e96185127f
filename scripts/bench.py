"""HTTP benchmark (not a test): `make bench`, or `python -m scripts.bench`.

It serves the site the way `make run` does (gunicorn with gunicorn.conf.py, DEBUG off,
collected static files) on a throw-away copy of the database (migrate + seed_codes in a temp
directory, with its own page-cache directory), on free ports, and loads each URL with `wrk`
(`-t2 -c8`, keep-alive, no Accept-Encoding: every figure is for the raw bytes). Two servers:

- **cached**: KB_CACHE_SECONDS=300 (what `make run` serves), after one warm-up request;
- **uncached**: KB_CACHE_SECONDS=0: every request runs the whole stack and renders the page
  (with the rows and code tables kept per content version, kb/page_data.py, as in production);
- **cold**: KB_CACHE_SECONDS=0 and KB_PAGE_DATA_MEMO=0: every request also reads every row and
  renders every table, as the first request after an edit does.

The yardstick is a static file of exactly the bytes of `/kod/450`, written into STATIC_ROOT
before the servers start and served by whitenoise from the same server; every row prints its
throughput and p99 as a ratio to it. Without wrk (Debian: `apt-get install -y wrk`) a Python
multi-threaded keep-alive client stands in, and the output says so.
"""

import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from scripts.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
STATIC_NAME = "bench/kod-450.html"
BOUNCE = ROOT / "tests" / "data" / "bounces" / "02-postfix-mailbox-full.eml"
DURATION = int(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = 8
THREADS = 2


@dataclass
class Result:
    name: str
    rps: float
    p99_ms: float
    errors: int = 0


def manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def wait_for(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn on port {port} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"gunicorn on port {port} did not start")


def serve(env: dict, port: int, log: Path) -> subprocess.Popen:
    with log.open("ab") as out:
        process = subprocess.Popen(
            [GUNICORN, "-c", "gunicorn.conf.py", "config.wsgi"],
            cwd=ROOT,
            env={**env, "PORT": str(port)},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    wait_for(port, process)
    return process


def fetch(port: int, path: str, method: str = "GET", body: bytes = b"", headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(method, path, body=body or None, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response, data


def parse_wrk(name: str, output: str) -> Result:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    value, unit = re.search(r"\s99%\s+([\d.]+)(us|ms|s)\b", output).groups()
    p99 = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    return Result(name, rps, p99, errors)


def run_wrk(name: str, url: str, lua: Path | None = None) -> Result:
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--latency"]
    if lua:
        command += ["-s", str(lua)]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    return parse_wrk(name, output)


def run_python(name: str, port: int, path: str, method="GET", body=b"", headers=None) -> Result:
    """The fallback load generator: CONNECTIONS threads, one keep-alive connection each."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + DURATION

    def worker() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.monotonic() < stop:
            start = time.perf_counter()
            connection.request(method, path, body=body or None, headers=headers or {})
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - start)
            if response.status >= 400:
                errors[0] += 1
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99)] * 1000 if latencies else 0.0
    return Result(name, len(latencies) / DURATION, p99, errors[0])


def decoder_post(port: int) -> tuple[bytes, dict]:
    """A form POST of a sample bounce to /coz with a valid CSRF cookie and token."""
    response, data = fetch(port, "/coz")
    cookie = response.getheader("Set-Cookie", "")
    token = re.search(r"csrftoken=([^;]+)", cookie).group(1)
    form_token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', data).group(1)
    body = urlencode({"csrfmiddlewaretoken": form_token.decode(), "metin": BOUNCE.read_text()})
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={token}",
    }
    return body.encode(), headers


def lua_post(path: Path, body: bytes, headers: dict) -> Path:
    lines = ['wrk.method = "POST"', f"wrk.body = {json.dumps(body.decode())}"]
    lines += [f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items()]
    path.write_text("\n".join(lines) + "\n")
    return path


def main() -> None:
    use_wrk = shutil.which("wrk") is not None
    workdir = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "KB_PAGE_CACHE_DIR": str(workdir / "page-cache"),
        "DJANGO_DEBUG": "",
    }
    env.pop("REDIS_URL", None)
    static_file = ROOT / "staticfiles" / STATIC_NAME
    servers: list[subprocess.Popen] = []
    log = workdir / "gunicorn.log"
    try:
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        manage(env, "seed_codes", "--verbosity", "0")
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")

        cold_port, hot_port, frozen_port = free_port(), free_port(), free_port()
        servers.append(serve({**env, "KB_CACHE_SECONDS": "0"}, cold_port, log))
        no_memo = {**env, "KB_CACHE_SECONDS": "0", "KB_PAGE_DATA_MEMO": "0"}
        servers.append(serve(no_memo, frozen_port, log))
        _, page = fetch(cold_port, "/kod/450")
        static_file.parent.mkdir(parents=True, exist_ok=True)
        static_file.write_bytes(page)  # before the cached server starts: whitenoise scans once
        servers.append(serve({**env, "KB_CACHE_SECONDS": "300"}, hot_port, log))
        for path in ("/kod/450", "/"):
            fetch(hot_port, path)  # store the page
        hit, _ = fetch(hot_port, "/kod/450")
        etag_before = hit.getheader("ETag")
        sizes = {
            path: [
                len(fetch(hot_port, path, headers={"Accept-Encoding": encoding})[1])
                for encoding in ("identity", "gzip", "br")
            ]
            for path in ("/", "/kod/450", "/api/kod/")
        }
        body, headers = decoder_post(cold_port)

        # (name, port, path, method): the static file first, then the cached, then the cold path
        plan = [
            ("static file (whitenoise)", hot_port, f"/static/{STATIC_NAME}", "GET"),
            ("/kod/450 cached", hot_port, "/kod/450", "GET"),
            ("/ cached", hot_port, "/", "GET"),
            ("/kod/450 uncached", cold_port, "/kod/450", "GET"),
            ("/ uncached", cold_port, "/", "GET"),
            ("/kod/450 cold (no memo)", frozen_port, "/kod/450", "GET"),
            ("/ cold (no memo)", frozen_port, "/", "GET"),
            ("/api/kod/", cold_port, "/api/kod/", "GET"),
            ("/ara?q=posta+kutusu+dolu", cold_port, "/ara?q=posta+kutusu+dolu", "GET"),
            ("POST /coz (decoder)", cold_port, "/coz", "POST"),
        ]
        results = []
        lua = lua_post(workdir / "post.lua", body, headers)
        for name, port, path, method in plan:
            fetch(port, path, method, body if method == "POST" else b"", headers)  # warm up
            if use_wrk:
                url = f"http://127.0.0.1:{port}{path}"
                results.append(run_wrk(name, url, lua if method == "POST" else None))
            else:
                extra = (body, headers) if method == "POST" else (b"", None)
                results.append(run_python(name, port, path, method, *extra))
        etag_after = fetch(hot_port, "/kod/450")[0].getheader("ETag")
    finally:
        for process in servers:
            process.terminate()
        for process in servers:
            process.wait(timeout=30)
        static_file.unlink(missing_ok=True)
        shutil.rmtree(workdir, ignore_errors=True)

    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else []
    tool = (
        f"wrk -t{THREADS} -c{CONNECTIONS} -d{DURATION}s"
        if use_wrk
        else f"Python client ({CONNECTIONS} threads; wrk not installed: apt-get install -y wrk)"
    )
    print(f"{tool}; {os.cpu_count()} CPUs; load average {' '.join(load)}")
    print(
        f"page /kod/450: {len(page)} bytes; cached server answers it with X-Page-Cache: "
        f"{hit.getheader('X-Page-Cache')}"
    )
    if etag_before != etag_after:
        print("the content version changed during the run: the figures are not comparable")
    for path, (raw, gzipped, brotli) in sizes.items():
        print(f"{path}: {raw} bytes raw, {gzipped} gzip, {brotli} br (over the wire)")
    static = results[0]
    print(f"{'':28} {'req/s':>9} {'p99 ms':>8} {'× static':>9} {'p99 × static':>12}")
    for row in results:
        ratio = row.rps / static.rps
        p99_ratio = row.p99_ms / static.p99_ms if static.p99_ms else 0
        flag = f"  ({row.errors} errors)" if row.errors else ""
        print(
            f"{row.name:28} {row.rps:9.0f} {row.p99_ms:8.2f} {ratio:9.3f} {p99_ratio:12.2f}{flag}"
        )


if __name__ == "__main__":
    sys.exit(main())
