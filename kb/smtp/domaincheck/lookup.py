"""DNS queries with a budget: short timeouts, a cap on queries per check, and one clear
outcome per query (answer, no such name, no record of that type, or failure).

Every query of a check goes through one `Lookup`. When the resolver itself cannot be
reached (the first queries time out or are refused), the check stops at once instead of
waiting for each of its thirty-odd queries in turn: `Unreachable` is raised."""

import logging
import time
from dataclasses import dataclass, field
from enum import Enum

import dns.exception
import dns.name
import dns.nameserver
import dns.rdatatype
import dns.resolver
import dns.reversename

logger = logging.getLogger(__name__)

QUERY_LIFETIME = 2.0  # seconds per query, retries included
CHECK_BUDGET = 4.5  # seconds for a whole check; an unreachable resolver answers in less
MAX_QUERIES = 40  # per check


class Status(Enum):
    ANSWER = "answer"
    NXDOMAIN = "nxdomain"  # the name does not exist
    NODATA = "nodata"  # the name exists, no record of this type
    FAILED = "failed"  # timeout, SERVFAIL, refused: the answer is unknown
    SKIPPED = "skipped"  # over the query cap or the time budget


@dataclass
class Answer:
    status: Status
    records: list[str] = field(default_factory=list)

    @property
    def is_void(self) -> bool:
        return self.status in (Status.NXDOMAIN, Status.NODATA)

    @property
    def is_unknown(self) -> bool:
        """No answer came (FAILED or SKIPPED): the record may exist or not."""
        return self.status in (Status.FAILED, Status.SKIPPED)


class Unreachable(Exception):
    """The resolver did not answer at all; str() is the technical reason."""


def parse_resolver_setting(value: str) -> list[tuple[str, int]]:
    """`KB_DNS_RESOLVER`: "127.0.0.1:5353, [::1]:53, 9.9.9.9" → [(address, port)]; empty: []."""
    servers = []
    for item in value.split(","):
        item = item.strip()
        if not item:
            continue
        port = 53
        if item.startswith("["):
            address, _, rest = item[1:].partition("]")
            if rest.startswith(":"):
                port = int(rest[1:])
        elif item.count(":") == 1:
            address, port_text = item.split(":")
            port = int(port_text)
        else:
            address = item
        servers.append((address, port))
    return servers


def make_resolver(servers: list[tuple[str, int]]) -> dns.resolver.Resolver:
    """A resolver for the given servers, or the system's (/etc/resolv.conf) when empty.
    Raises Unreachable when the system has no resolver configured."""
    if servers:
        resolver = dns.resolver.Resolver(configure=False)
        resolver.nameservers = [dns.nameserver.Do53Nameserver(a, p) for a, p in servers]
    else:
        try:
            resolver = dns.resolver.Resolver()
        except dns.resolver.NoResolverConfiguration as error:
            raise Unreachable(f"no system resolver: {error}") from error
    resolver.timeout = 1.0
    resolver.lifetime = QUERY_LIFETIME
    resolver.use_edns(0, 0, 1232)
    return resolver


class Lookup:
    def __init__(self, resolver: dns.resolver.Resolver, budget: float = CHECK_BUDGET) -> None:
        self.resolver = resolver
        self.deadline = time.monotonic() + budget
        self.count = 0
        self.answered = 0  # queries the resolver answered (any rcode but SERVFAIL)
        self.incomplete = False  # some answer never came (FAILED or SKIPPED): a partial result
        self.cache: dict[tuple[str, str], Answer] = {}
        self.failed_names: set[str] = set()  # a name that timed out: its subdomains are skipped

    def query(self, name: str, rdtype: str) -> Answer:
        key = (name.lower().rstrip("."), rdtype)
        if key not in self.cache:
            self.cache[key] = answer = self._query(*key)
            self.incomplete = self.incomplete or answer.is_unknown
        return self.cache[key]

    def _query(self, name: str, rdtype: str) -> Answer:
        remaining = self.deadline - time.monotonic()
        if self.count >= MAX_QUERIES or remaining <= 0.2:
            return Answer(Status.SKIPPED)
        if any(name == bad or name.endswith("." + bad) for bad in self.failed_names):
            return Answer(Status.FAILED)  # an earlier query of this name timed out
        try:
            qname = dns.name.from_text(name)
        except dns.exception.DNSException:  # a name no server could hold
            return Answer(Status.NXDOMAIN)
        self.count += 1
        try:
            result = self.resolver.resolve(
                qname, rdtype, lifetime=min(QUERY_LIFETIME, remaining), search=False
            )
        except dns.resolver.NXDOMAIN:
            self.answered += 1
            return Answer(Status.NXDOMAIN)
        except dns.resolver.NoAnswer:
            self.answered += 1
            return Answer(Status.NODATA)
        except (dns.resolver.NoNameservers, dns.exception.Timeout) as error:
            return self._failed(name, rdtype, error)
        except dns.exception.DNSException as error:  # YXDOMAIN, a malformed answer…
            logger.warning("DNS query %s %s gave an unusable answer: %s", name, rdtype, error)
            self.answered += 1
            return Answer(Status.FAILED)
        self.answered += 1
        return Answer(Status.ANSWER, [_text(rdata, rdtype) for rdata in result])

    def _failed(self, name: str, rdtype: str, error: Exception) -> Answer:
        if isinstance(error, dns.exception.Timeout):
            self.failed_names.add(name)
        logger.warning("DNS query %s %s failed: %s", name, rdtype, error)
        if not self.answered and not _server_answered(error) and not self._probe():
            raise Unreachable(str(error))
        return Answer(Status.FAILED)

    def _probe(self) -> bool:
        """After a first failure: does the resolver answer anything at all (the root's NS)?"""
        remaining = self.deadline - time.monotonic()
        if remaining <= 0.2:
            return False
        try:
            self.resolver.resolve(".", "NS", lifetime=min(1.5, remaining), search=False)
        except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
            pass
        except (dns.resolver.NoNameservers, dns.exception.Timeout) as error:
            return _server_answered(error)
        self.answered += 1
        return True

    def ptr_name(self, address: str) -> str:
        return dns.reversename.from_address(address).to_text(omit_final_dot=True)


def _server_answered(error: Exception) -> bool:
    """NoNameservers after a SERVFAIL or REFUSED reply: a server is there and answering."""
    return isinstance(error, dns.resolver.NoNameservers) and " answered " in str(error)


def _text(rdata, rdtype: str) -> str:
    if rdtype == "TXT":
        return b"".join(rdata.strings).decode("utf-8", errors="replace")
    if rdtype == "MX":
        return f"{rdata.preference} {rdata.exchange.to_text(omit_final_dot=True).lower()}"
    if rdtype in ("PTR", "CNAME", "NS"):
        return rdata.target.to_text(omit_final_dot=True).lower()
    return rdata.to_text()
