"""What may be checked: a domain name (IDN allowed) or an IP address, validated before any
DNS query is made. Errors are Turkish sentences a visitor can act on."""

import ipaddress
import re
from dataclasses import dataclass

import idna

MAX_NAME = 253
MAX_LABEL = 63
MAX_INPUT = 300  # characters we even look at; longer input is refused outright
_ASCII_LABEL_RE = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$")


class InvalidName(ValueError):
    """The input is not a domain name (or IP address) we check; `str(error)` is Turkish."""


@dataclass(frozen=True)
class Domain:
    ascii: str  # the A-label form queried in DNS, lower case, no trailing dot
    unicode: str  # the form shown to the visitor

    def __str__(self) -> str:
        return self.unicode


def _strip_input(text: str) -> str:
    value = text.strip()
    if value.lower().startswith(("http://", "https://")):
        value = value.split("://", 1)[1].split("/", 1)[0]
    if "@" in value:  # an e-mail address: its domain
        value = value.rsplit("@", 1)[1]
    return value.removesuffix(".")


def parse_domain(text: str) -> Domain:
    """The domain to check, or InvalidName. Accepts `örnek.com.tr`, `xn--rnek-zoa.com.tr`,
    an e-mail address or a web address (their domain is taken); refuses IP literals, empty
    labels, over-long labels or names, and anything that is not letters, digits or hyphens."""
    if len(text) > MAX_INPUT:
        raise InvalidName(
            "Girdiğiniz metin bir alan adı olamayacak kadar uzun: alan adları en fazla "
            "253 karakterdir. Yalnızca alan adını yazın, örneğin ornek.com.tr."
        )
    value = _strip_input(text)
    if not value:
        raise InvalidName("Kontrol edilecek bir alan adı yazın, örneğin ornek.com.tr.")
    if _is_ip_literal(value):
        raise InvalidName(
            "Bu bir IP adresi, alan adı değil. Alan adınızı yazın (örneğin ornek.com.tr); "
            "bir IP adresinin ters DNS kaydını görmek için onu «Gönderen IP adresi» "
            "alanına yazın."
        )
    if ".." in value or value.startswith("."):
        raise InvalidName(
            "Alan adında boş bir bölüm var (art arda iki nokta ya da baştaki nokta). "
            "Alan adını noktalarla ayrılmış bölümler hâlinde yazın, örneğin ornek.com.tr."
        )
    labels = value.split(".")
    if any(len(label) > MAX_LABEL for label in labels):
        raise InvalidName(
            "Alan adının noktalar arasındaki her bölümü en fazla 63 karakter olabilir; "
            "yazdığınız adda daha uzun bir bölüm var."
        )
    try:
        ascii_name = idna.encode(value, uts46=True).decode("ascii")
        unicode_name = idna.decode(ascii_name)
    except idna.IDNAError:
        raise InvalidName(
            "Bu bir alan adı değil: alan adlarında yalnızca harf, rakam ve tire (-) olabilir, "
            "boşluk ya da < > / gibi işaretler olamaz."
        ) from None
    ascii_name = ascii_name.lower()
    if len(ascii_name) > MAX_NAME or any(
        not _ASCII_LABEL_RE.match(label) for label in ascii_name.split(".")
    ):
        raise InvalidName(
            "Bu alan adı DNS'te yazılamayacak kadar uzun ya da geçersiz karakterler içeriyor."
        )
    if len(labels) < 2:
        raise InvalidName(
            "Alan adının sonunda uzantısı olmalı (.com, .com.tr gibi), örneğin ornek.com.tr."
        )
    if ascii_name.rsplit(".", 1)[1].isdigit():
        raise InvalidName("Alan adının uzantısı yalnızca rakamlardan oluşamaz.")
    return Domain(ascii_name, unicode_name)


def _is_ip_literal(value: str) -> bool:
    candidate = value.strip("[]")
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return candidate.lower().startswith("ipv6:")
    return True


def parse_ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """A sending IP address given as `ip=` (from a decoded bounce), or InvalidName."""
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        raise InvalidName(
            "Gönderen IP adresi geçerli bir IPv4 ya da IPv6 adresi değil (örneğin 203.0.113.25)."
        ) from None
