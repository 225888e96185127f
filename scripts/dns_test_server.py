"""A small authoritative DNS server for the domain-check tests, on dnslib's DNSServer.

    .venv/bin/python scripts/dns_test_server.py tests/data/dns/test-zones.txt --port 0

serves the zone file's records over UDP and TCP on 127.0.0.1 and prints `READY <port>` once
listening (port 0 picks a free one). Answers are authoritative: a name with no records is
NXDOMAIN, a name with other types (or only names below it) is NODATA; names under
servfail.test answer SERVFAIL and names under timeout.test get no answer at all. UDP answers
over 1232 bytes are truncated, so clients retry over TCP. Stop it with SIGTERM or Ctrl+C.
"""

import argparse
import signal
import socket
import sys
import threading
from pathlib import Path

from dnslib import QTYPE, RCODE, RR, DNSRecord
from dnslib.server import BaseResolver, DNSError, DNSHandler, DNSLogger, DNSServer

UDP_LIMIT = 1232


class ZoneResolver(BaseResolver):
    def __init__(self, zone_text: str) -> None:
        self.records: dict[tuple[str, str], list[RR]] = {}
        self.names: set[str] = set()
        for rr in RR.fromZone(zone_text):
            name = str(rr.rname).lower()
            self.records.setdefault((name, QTYPE[rr.rtype]), []).append(rr)
            self.names.add(name)

    def resolve(self, request, handler):
        qname = str(request.q.qname).lower()
        if qname.endswith("timeout.test."):
            raise DNSError("dropped on purpose (timeout.test)")
        reply = request.reply()  # authoritative answer (aa=1, ra=1)
        if qname.endswith("servfail.test."):
            reply.header.rcode = RCODE.SERVFAIL
            return reply
        qtype = QTYPE[request.q.qtype]
        for _ in range(8):  # follow CNAMEs inside our zones
            if (qname, qtype) in self.records:
                for rr in self.records[(qname, qtype)]:
                    reply.add_answer(rr)
                return reply
            if qtype != "CNAME" and (qname, "CNAME") in self.records:
                cname = self.records[(qname, "CNAME")][0]
                reply.add_answer(cname)
                qname = str(cname.rdata.label).lower()
                continue
            break
        if qname not in self.names and not any(n.endswith("." + qname) for n in self.names):
            if not (qname == "." or reply.rr):
                reply.header.rcode = RCODE.NXDOMAIN
        return reply


class TruncatingHandler(DNSHandler):
    """UDP answers over UDP_LIMIT go out empty with TC=1 and the question kept (dnslib's own
    truncate() drops the question, which resolvers rightly refuse)."""

    def get_reply(self, data):
        request = DNSRecord.parse(data)
        reply = self.server.resolver.resolve(request, self)
        packed = reply.pack()
        if self.protocol == "udp" and len(packed) > UDP_LIMIT:
            truncated = request.reply()
            truncated.header.tc = 1
            packed = truncated.pack()
        return packed


def free_port() -> int:
    """A port free for both UDP and TCP on 127.0.0.1."""
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            udp.bind(("127.0.0.1", 0))
            port = udp.getsockname()[1]
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
                try:
                    tcp.bind(("127.0.0.1", port))
                except OSError:
                    continue
                return port
    raise OSError("no free port for UDP and TCP")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("zonefile", type=Path)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--address", default="127.0.0.1")
    args = parser.parse_args()
    resolver = ZoneResolver(args.zonefile.read_text())
    port = args.port or free_port()
    logger = DNSLogger("-request,-reply,-truncated,-send,-recv,+error", prefix=False)
    servers = [
        DNSServer(resolver, args.address, port, tcp=tcp, logger=logger, handler=TruncatingHandler)
        for tcp in (False, True)
    ]
    for server in servers:
        server.start_thread()
    print(f"READY {port}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    for server in servers:
        server.stop()
    sys.exit(0)


if __name__ == "__main__":
    main()
