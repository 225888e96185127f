"""The test DNS server (scripts/dns_test_server.py) as pytest fixtures, and the host
profile that matches its zones (tests/data/dns/test-zones.txt)."""

import subprocess
import sys
import time
from pathlib import Path

import dns.exception
import dns.message
import dns.query
import pytest

ROOT = Path(__file__).resolve().parent.parent
ZONES = ROOT / "tests" / "data" / "dns" / "test-zones.txt"
SCRIPT = ROOT / "scripts" / "dns_test_server.py"

TEST_PROFILE = {
    "company_name": "Test Barındırma",
    "spf_include": "include:_spf.hosting.test",
    "dkim_selector": "hosting",
    "mx_hosts": "mx1.hosting.test\nmx2.hosting.test",
    "outgoing_ips": "192.0.2.10\n192.0.2.11\n192.0.2.12",
    "panel_dns_path": "Panel › Alan adları › DNS bölgesi",
    "panel_dkim_path": "Panel › E-posta › DKIM",
}


def _answers(port: int) -> bool:
    query = dns.message.make_query("good.test", "MX")
    try:
        dns.query.udp(query, "127.0.0.1", port=port, timeout=0.5)
    except (dns.exception.Timeout, OSError):
        return False
    return True


@pytest.fixture(scope="session")
def dns_server():
    """The authoritative test server on a free loopback port (UDP and TCP): "127.0.0.1:N"."""
    process = subprocess.Popen(
        [sys.executable, str(SCRIPT), str(ZONES), "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        if not line.startswith("READY "):
            pytest.fail(f"the test DNS server did not start: {line!r}")
        port = int(line.split()[1])
        deadline = time.monotonic() + 10
        while not _answers(port):
            if time.monotonic() > deadline or process.poll() is not None:
                pytest.fail("the test DNS server does not answer")
            time.sleep(0.05)
        yield f"127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


@pytest.fixture
def test_dns(settings, dns_server):
    """KB_DNS_RESOLVER points at the test server."""
    settings.KB_DNS_RESOLVER = dns_server
    return dns_server


@pytest.fixture
def test_host_profile(db):
    """The host profile of the test zones: our include, selector, MX hosts, outgoing IPs."""
    from kb.models import HostProfile

    profile = HostProfile.load()
    for name, value in TEST_PROFILE.items():
        setattr(profile, name, value)
    profile.save()
    return profile
