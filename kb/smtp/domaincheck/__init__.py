"""The live DNS check of a customer's domain (MX, SPF, DKIM, DMARC, reverse DNS), pure
Python over dnspython: nothing here imports Django or stores a result.

- ``names``: what may be checked (domain names, IDN, and IP addresses), Turkish errors;
- ``lookup``: budgeted DNS queries against a configurable resolver;
- ``spf``, ``tags``: record grammars; ``spf_findings``, ``dkim_dmarc``, ``hosts``: findings;
- ``check``: one check, start to finish; ``codes``: the SMTP codes a check explains;
- ``bounce``: the domain and sending IP of a decoded bounce.
"""

from kb.smtp.domaincheck.check import CheckResult, run_check
from kb.smtp.domaincheck.findings import Finding, Level, Profile, Record
from kb.smtp.domaincheck.lookup import Lookup, Unreachable, make_resolver, parse_resolver_setting
from kb.smtp.domaincheck.names import Domain, InvalidName, parse_domain, parse_ip

__all__ = [
    "CheckResult",
    "Domain",
    "Finding",
    "InvalidName",
    "Level",
    "Lookup",
    "Profile",
    "Record",
    "Unreachable",
    "make_resolver",
    "parse_domain",
    "parse_ip",
    "parse_resolver_setting",
    "run_check",
]
