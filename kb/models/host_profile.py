"""The host profile: our own hosting service's mail settings, one record edited by staff.

Content written for customers names our outgoing server, our SPF include, the click-path in
our panel… through named placeholders (`{smtp_host}`, `{spf_include}`, see
kb/placeholders.py); `placeholders()` gives their current values. The one row is created by
a migration with neutral defaults (RFC 2606 names, RFC 5737 addresses); `load()` returns it,
`current()` this process's copy of it. What saving it does is kb/hosting.py.
"""

import ipaddress
import re
import threading
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from kb import freshness
from kb.models.history import versions

SPF_INCLUDE_PREFIX = "include:"
# A host name as found in DNS: labels of letters, digits, hyphens and (for _spf, _domainkey
# style names) underscores, at least two labels, 253 characters at most.
_LABEL = r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?"
_DOMAIN_RE = re.compile(rf"(?:{_LABEL}\.)+{_LABEL}\.?")
MAX_DOMAIN_LENGTH = 253
EXAMPLE_HOST = "mail.example.com"  # RFC 2606: the defaults name no real server
SINGLETON_PK = 1
MAX_SUPPORT_DETAILS = 500

_lock = threading.Lock()
_current: tuple[str, "HostProfile"] | None = None


def is_domain(value: str) -> bool:
    return len(value) <= MAX_DOMAIN_LENGTH and _DOMAIN_RE.fullmatch(value) is not None


def lines(text: str) -> list[str]:
    """The non-empty lines of a one-item-per-line field, stripped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def validate_spf_include(value: str) -> None:
    domain = value.removeprefix(SPF_INCLUDE_PREFIX)
    if not value.startswith(SPF_INCLUDE_PREFIX) or not is_domain(domain):
        raise ValidationError(
            "«include:» ile başlayan, ardından geçerli bir alan adı gelen bir SPF mekanizması "
            "girin; örn. include:_spf.example.com."
        )


def validate_hosts(value: str) -> None:
    wrong = [line for line in lines(value) if not is_domain(line)]
    if wrong:
        raise ValidationError(f"Geçerli bir sunucu adı değil: {', '.join(wrong)}.")


def validate_dkim_selector(value: str) -> None:
    if not re.fullmatch(rf"(?:{_LABEL}\.)*{_LABEL}", value):
        raise ValidationError(
            "Harf, rakam ve tireden oluşan bir DKIM seçicisi girin; örn. default."
        )


def validate_ips(value: str) -> None:
    wrong = []
    for line in lines(value):
        try:
            ipaddress.ip_address(line)
        except ValueError:
            wrong.append(line)
    if wrong:
        raise ValidationError(f"Geçerli bir IPv4 ya da IPv6 adresi değil: {', '.join(wrong)}.")


def validate_hours(value: int) -> None:
    if value < 1:
        raise ValidationError("En az 1 saat olmalı.")


def fill_support_url(template: str, code: str, details: str = "") -> str:
    """A support URL template with `{code}` and `{details}` filled in, URL-encoded."""
    url = template.replace("{code}", quote(code, safe=""))
    return url.replace("{details}", quote(details[:MAX_SUPPORT_DETAILS], safe=""))


def host_name(label: str, **options) -> models.CharField:
    """One of our servers' names, as customers type it into their mail program."""
    return models.CharField(
        label,
        max_length=MAX_DOMAIN_LENGTH,
        default=EXAMPLE_HOST,
        validators=[validate_hosts],
        **options,
    )


def panel_path(label: str, default: str, **options) -> models.CharField:
    """Where in our control panel a customer clicks to reach a setting."""
    return models.CharField(label, max_length=200, default=default, **options)


class Panel(models.TextChoices):
    CPANEL = "cpanel", "cPanel"
    PLESK = "plesk", "Plesk"
    DIRECTADMIN = "directadmin", "DirectAdmin"
    OWN = "own", "Kendi panelimiz"


class HostProfile(models.Model):
    company_name = models.CharField(
        "firma adı",
        max_length=120,
        default="Firmamız",
        help_text="Müşteriye görünen adımız; içerikte {company} yer tutucusu.",
    )
    smtp_host = host_name(
        "giden posta sunucusu (SMTP)",
        help_text="Müşterilerin e-posta programına yazdığı giden sunucu adı.",
    )
    smtp_port_starttls = models.PositiveIntegerField("SMTP portu (STARTTLS)", default=587)
    smtp_port_ssl = models.PositiveIntegerField("SMTP portu (SSL/TLS)", default=465)
    imap_host = host_name("gelen posta sunucusu (IMAP)")
    pop3_host = host_name("gelen posta sunucusu (POP3)")
    webmail_url = models.URLField(
        "web posta adresi", default="https://webmail.example.com/", max_length=300
    )
    spf_include = models.CharField(
        "SPF include mekanizması",
        max_length=260,
        default="include:_spf.example.com",
        validators=[validate_spf_include],
        help_text="Müşterinin SPF kaydına ekleyeceği mekanizmanın tamamı; "
        "örn. include:_spf.example.com.",
    )
    dkim_selector = models.CharField(
        "DKIM seçicisi",
        max_length=63,
        default="default",
        validators=[validate_dkim_selector],
        help_text="DKIM anahtarının yayımlandığı ad: «seçici»._domainkey.«alan adı».",
    )
    mx_hosts = models.TextField(
        "MX sunucuları",
        default="mx1.example.com\nmx2.example.com",
        validators=[validate_hosts],
        help_text="Her satıra bir sunucu adı; müşterinin MX kayıtlarında olması gerekenler.",
    )
    outgoing_ips = models.TextField(
        "giden IP adresleri",
        default="192.0.2.25",
        validators=[validate_ips],
        help_text="Her satıra bir IPv4 ya da IPv6 adresi; giden postamızın çıktığı adresler.",
    )
    panel = models.CharField(
        "kontrol paneli", max_length=20, choices=Panel.choices, default=Panel.CPANEL
    )
    panel_dns_path = panel_path(
        "panelde DNS bölgesinin yolu",
        "cPanel › Alan Adları › Zone Editor",
        help_text="Müşterinin tıklayacağı yol; örn. cPanel › Alan Adları › Zone Editor.",
    )
    panel_email_path = panel_path(
        "panelde e-posta hesaplarının yolu", "cPanel › E-posta › E-posta Hesapları"
    )
    panel_dkim_path = panel_path(
        "panelde DKIM ayarının yolu", "cPanel › E-posta › E-posta Teslim Edilebilirliği"
    )
    ptr_request = models.TextField(
        "PTR kaydı nasıl istenir",
        default="PTR (ters DNS) kaydı için destek ekibimize IP adresini ve kayıtta görmek "
        "istediğiniz sunucu adını yazarak talep açın.",
        help_text="Müşteriye bir iki cümleyle: PTR kaydını kimden, nasıl ister.",
    )
    queue_retry_hours = models.PositiveIntegerField(
        "kuyrukta yeniden deneme süresi (saat)",
        default=120,
        validators=[validate_hours],
        help_text="Sunucumuz geçici bir hatada iletiyi kaç saat yeniden dener; sonra teslim "
        "edilemedi bildirimi gönderir (Postfix'te maximal_queue_lifetime). 120 saat = 5 gün.",
    )
    support_url = models.CharField(
        "destek talebi adresi",
        max_length=500,
        blank=True,
        help_text="{code} yerine SMTP kodu, {details} yerine sorunun ayrıntısı yazılır. "
        "Boş bırakılırsa KB_SUPPORT_URL ayarı kullanılır.",
    )
    updated_at = models.DateTimeField("son güncelleme", auto_now=True)

    history = versions("barındırma profili", excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "barındırma profili"
        verbose_name_plural = "barındırma profili"

    def __str__(self) -> str:
        return f"{self.company_name} barındırma profili"

    def save(self, *args, **kwargs) -> None:
        self.pk = SINGLETON_PK
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("kb:index")

    @classmethod
    def load(cls) -> "HostProfile":
        """The one profile, created with the defaults if it is missing."""
        profile, _ = cls.objects.get_or_create(pk=SINGLETON_PK)
        return profile

    @classmethod
    def current(cls) -> "HostProfile":
        """This process's copy of the profile, read again when the content version changes
        (kb/freshness.py; saving the profile bumps it): a page showing the support link
        costs no query of its own. Code that must see an uncommitted change uses `load()`."""
        global _current
        version = freshness.current()
        with _lock:
            if _current is None or _current[0] != version:
                _current = (version, cls.load())
            return _current[1]

    @property
    def spf_include_domain(self) -> str:
        return self.spf_include.removeprefix(SPF_INCLUDE_PREFIX)

    @property
    def mx_host_list(self) -> list[str]:
        return lines(self.mx_hosts)

    @property
    def outgoing_ip_list(self) -> list[str]:
        return lines(self.outgoing_ips)

    @property
    def support_url_template(self) -> str:
        """The support URL with its `{code}` and `{details}` placeholders."""
        return self.support_url or settings.KB_SUPPORT_URL

    @property
    def queue_retry(self) -> str:
        """The retry time in Turkish: «5 gün», «36 saat», «1 gün 12 saat»."""
        days, hours = divmod(self.queue_retry_hours, 24)
        parts = [f"{days} gün" if days else "", f"{hours} saat" if hours else ""]
        return " ".join(part for part in parts if part)

    def placeholders(self, code: str = "") -> dict[str, str]:
        """Every placeholder name content may use, with its value now. `support_url` has
        the code filled in when one is given."""
        return {
            "company": self.company_name,
            "smtp_host": self.smtp_host,
            "smtp_port_starttls": str(self.smtp_port_starttls),
            "smtp_port_ssl": str(self.smtp_port_ssl),
            "imap_host": self.imap_host,
            "pop3_host": self.pop3_host,
            "webmail_url": self.webmail_url,
            "spf_include": self.spf_include,
            "spf_include_domain": self.spf_include_domain,
            "dkim_selector": self.dkim_selector,
            "mx_hosts": ", ".join(self.mx_host_list),
            "outgoing_ips": ", ".join(self.outgoing_ip_list),
            "panel": self.get_panel_display(),
            "panel_dns_path": self.panel_dns_path,
            "panel_email_path": self.panel_email_path,
            "panel_dkim_path": self.panel_dkim_path,
            "ptr_request": self.ptr_request,
            "queue_retry": self.queue_retry,
            "support_url": fill_support_url(self.support_url_template, code),
        }
