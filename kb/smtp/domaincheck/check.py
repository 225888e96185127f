"""One domain check: every DNS query it makes goes through one budgeted Lookup; the result
is a list of findings, never stored."""

import ipaddress
from dataclasses import dataclass, field

from kb.smtp.domaincheck import codes
from kb.smtp.domaincheck.dkim_dmarc import check_dkim, check_dmarc
from kb.smtp.domaincheck.findings import Finding, Level, Profile
from kb.smtp.domaincheck.hosts import check_mx, ptr_finding
from kb.smtp.domaincheck.lookup import Lookup, Unreachable
from kb.smtp.domaincheck.names import Domain
from kb.smtp.domaincheck.spf_findings import check_spf

UNREACHABLE = (
    "DNS sunucusuna ulaşılamadı, bu yüzden alan adınızı şu an kontrol edemiyoruz. Sorun "
    "bizim tarafımızda; birkaç dakika sonra yeniden deneyin."
)


TOPIC_TITLES = {
    "mx": "MX (gelen posta sunucuları)",
    "spf": "SPF",
    "dkim": "DKIM",
    "dmarc": "DMARC",
    "ptr": "Ters DNS (PTR)",
    "dns": "DNS",
}


@dataclass
class CheckResult:
    domain: Domain
    code: str | None
    findings: list[Finding] = field(default_factory=list)
    sending_ip: str | None = None
    unreachable: bool = False
    queries: int = 0

    @property
    def meaning(self) -> str:
        focus = codes.focus_of(self.code)
        return focus.meaning if focus else ""

    def by_topic(self) -> list[tuple[str, str, list[Finding]]]:
        """(topic, its Turkish title, its findings), in the order the check made them."""
        groups: dict[str, list[Finding]] = {}
        for finding in self.findings:
            groups.setdefault(finding.topic, []).append(finding)
        return [(topic, TOPIC_TITLES.get(topic, topic), items) for topic, items in groups.items()]

    @property
    def summary(self) -> str:
        """«2 hata, 1 uyarı, 5 sorunsuz bulgu»: the counts in words, errors first."""
        words = {
            Level.ERROR: "hata",
            Level.WARNING: "uyarı",
            Level.INFO: "bilgi",
            Level.OK: "sorunsuz bulgu",
        }
        parts = [
            f"{self.count(level)} {word}" for level, word in words.items() if self.count(level)
        ]
        return ", ".join(parts)

    @property
    def records(self) -> list:
        return [f.record for f in self.findings if f.record is not None]

    def count(self, level: Level) -> int:
        return sum(1 for f in self.findings if f.level is level)


def run_check(
    domain: Domain,
    lookup: Lookup,
    profile: Profile,
    code: str | None = None,
    sending_ip: ipaddress.IPv4Address | ipaddress.IPv6Address | None = None,
) -> CheckResult:
    result = CheckResult(domain, code if codes.focus_of(code) else None)
    result.sending_ip = str(sending_ip) if sending_ip else None
    try:
        findings = check_mx(domain, lookup, profile)
        if not any(f.id == "mx.no_domain" for f in findings):
            spf_findings, spf_state = check_spf(domain, lookup, profile)
            dkim_findings, dkim_state = check_dkim(domain, lookup, profile)
            findings += spf_findings + dkim_findings
            findings += check_dmarc(domain, lookup, profile, spf_state, dkim_state)
        if sending_ip is not None:
            findings.append(ptr_finding(str(sending_ip), lookup, profile, sending=True))
        for address in profile.outgoing_ips:
            if address != result.sending_ip:
                findings.append(ptr_finding(address, lookup, profile, sending=False))
    except Unreachable:
        result.unreachable = True
        result.findings = [
            Finding(
                "dns.unreachable", "dns", Level.ERROR, "DNS sunucusuna ulaşılamadı", UNREACHABLE
            )
        ]
        result.queries = lookup.count
        return result
    if lookup.incomplete:
        findings.append(
            Finding(
                "dns.partial",
                "dns",
                Level.INFO,
                "Kontrolün bir kısmı tamamlanamadı",
                "Bazı DNS sorguları yanıtlanmadı ya da sorgu sınırına ulaşıldı; eksik kalan "
                "bulgular için birkaç dakika sonra yeniden deneyin.",
            )
        )
    if result.code:
        for finding in findings:
            if finding.level in (Level.ERROR, Level.WARNING):
                finding.code_note = codes.code_note(result.code, finding.topic)
    result.findings = findings
    result.queries = lookup.count
    return result
