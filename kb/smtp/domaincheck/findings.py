"""What a check reports: findings with a level, Turkish text and, where one helps, the
exact DNS record to add or change; and the host's own settings the check compares with."""

from dataclasses import dataclass, field
from enum import Enum


class Level(Enum):
    OK = "ok"
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self]


LEVEL_LABELS = {
    Level.OK: "Sorun yok",
    Level.INFO: "Bilgi",
    Level.WARNING: "Uyarı",
    Level.ERROR: "Hata",
}


@dataclass(frozen=True)
class Record:
    """A DNS record to publish: `name` is the full owner name (no trailing dot)."""

    name: str
    type: str
    value: str
    note: str = ""  # e.g. where the DKIM key's value is found in the panel

    def as_dict(self) -> dict:
        return {"name": self.name, "type": self.type, "value": self.value, "note": self.note}


@dataclass
class Finding:
    id: str  # stable, e.g. "spf.missing"
    topic: str  # mx, spf, dkim, dmarc, ptr, sender_ip, dns
    level: Level
    title: str
    explanation: str
    record: Record | None = None
    code_note: str = ""  # what this finding means for the visitor's SMTP code
    details: list[str] = field(default_factory=list)  # raw records found, for the page

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "topic": self.topic,
            "level": self.level.value,
            "level_label": self.level.label,
            "title": self.title,
            "explanation": self.explanation,
            "code_note": self.code_note or None,
            "record": self.record.as_dict() if self.record else None,
            "details": self.details,
        }


UNREADABLE = "unreadable"
RETRY_SOON = "birkaç dakika sonra yeniden deneyin"


def unreadable(topic: str, title: str, explanation: str, prefix: str = "") -> Finding:
    """A record we could not read because no DNS answer came: a warning, never an error
    (the record may well be right), and check.py says the result is partial."""
    return Finding(f"{prefix or topic}.{UNREADABLE}", topic, Level.WARNING, title, explanation)


@dataclass(frozen=True)
class Profile:
    """Our hosting service's settings the check compares with (kb.models.HostProfile)."""

    company_name: str = "barındırma firmanız"
    spf_include: str = ""  # the whole mechanism, "include:_spf.example.com"
    dkim_selector: str = "default"
    mx_hosts: tuple[str, ...] = ()
    outgoing_ips: tuple[str, ...] = ()
    panel_dns_path: str = ""
    panel_dkim_path: str = ""
    ptr_request: str = ""

    @property
    def spf_include_domain(self) -> str:
        value = self.spf_include.strip()
        return value.split(":", 1)[1].lower() if ":" in value else value.lower()

    @property
    def spf_mechanism(self) -> str:
        return f"include:{self.spf_include_domain}" if self.spf_include_domain else ""
