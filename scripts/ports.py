"""A free TCP port on the loopback, for the scripts and tests that start the site
(gunicorn) locally. The DNS test server needs one free for UDP too: scripts/dns_test_server.py."""

import socket


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
