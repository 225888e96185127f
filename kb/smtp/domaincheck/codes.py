"""The SMTP codes a domain check can explain, in one place: which domain matters for each
(the sender's or the recipient's), which DNS topics it is about, and what it means."""

from dataclasses import dataclass

SENDER = "sender"  # the domain the failed message was sent from
RECIPIENT = "recipient"  # the domain of the address it could not be delivered to


@dataclass(frozen=True)
class Focus:
    domain: str  # SENDER or RECIPIENT
    topics: tuple[str, ...]
    meaning: str  # what the code says in DNS terms, Turkish


_AUTH = ("spf", "dkim", "dmarc", "ptr", "mx")
_SPF = "Alıcı sunucu, iletiyi gönderen sunucunun alan adınızın SPF kaydında yetkili olmadığını söylüyor."
_DKIM = "Alıcı sunucu iletideki DKIM imzasını doğrulayamadı ya da kabul etmedi."
_DMARC = (
    "Alıcı sunucu iletiyi DMARC denetiminden geçiremedi: ne SPF ne DKIM, From adresindeki "
    "alan adınızla uyumlu biçimde doğrulandı; politikanız gereği ileti reddedildi."
)
_PTR = "Alıcı sunucu, gönderen IP adresinin ters DNS (PTR) kaydını bulamadı ya da doğrulayamadı."
_GENERIC = (
    "Bu kod birçok nedenle verilebilir; sunucunun yanıtında SPF, DKIM, DMARC ya da ters "
    "DNS geçiyorsa neden alan adınızın kayıtlarındadır."
)
_ROUTE = (
    "Gönderen sunucu alıcının alan adı için posta sunucusu bulamadı: alan adı yok, MX "
    "kaydı yok ya da DNS yanıt vermiyor. Kontrol edilmesi gereken alıcının alan adıdır."
)

CHECK_CODES: dict[str, Focus] = {
    "5.7.1": Focus(SENDER, _AUTH, _GENERIC),
    "550": Focus(SENDER, _AUTH, _GENERIC),
    "554": Focus(SENDER, _AUTH, _GENERIC),
    "5.7.20": Focus(SENDER, ("dkim", "dmarc"), _DKIM),
    "5.7.21": Focus(SENDER, ("dkim", "dmarc"), _DKIM),
    "5.7.22": Focus(SENDER, ("dkim", "dmarc"), _DKIM),
    "5.7.23": Focus(SENDER, ("spf",), _SPF),
    "4.7.24": Focus(SENDER, ("spf",), "SPF kaydınız okunurken geçici bir DNS hatası oldu."),
    "5.7.24": Focus(
        SENDER,
        ("spf",),
        "SPF kaydınız hatalı: yazım hatası, birden fazla kayıt ya da 10 sorgu sınırı aşılmış.",
    ),
    "5.7.25": Focus(SENDER, ("ptr",), _PTR),
    "4.7.26": Focus(SENDER, ("spf", "dkim"), "İleti IPv6 ile geldi ve SPF ya da DKIM'den geçmedi."),
    "5.7.26": Focus(SENDER, ("spf", "dkim", "dmarc"), _DMARC),
    "4.7.27": Focus(SENDER, ("spf",), _SPF + " Gmail bu yüzden gönderimi yavaşlatıyor."),
    "5.7.27": Focus(
        SENDER,
        ("spf", "mx"),
        "Gmail, gönderen alan adınızın SPF'sini geçemediğini ya da alan adının MX kaydıyla e-posta almadığını (null MX) söylüyor.",
    ),
    "4.7.30": Focus(SENDER, ("dkim",), _DKIM + " Gmail bu yüzden gönderimi yavaşlatıyor."),
    "5.7.30": Focus(SENDER, ("dkim",), _DKIM),
    "4.7.32": Focus(
        SENDER,
        ("spf", "dkim", "dmarc"),
        "From adresindeki alan adı, SPF ya da DKIM ile doğrulanan alan adıyla hizalı değil.",
    ),
    "5.7.32": Focus(
        SENDER,
        ("spf", "dkim", "dmarc"),
        "From adresindeki alan adı, SPF ya da DKIM ile doğrulanan alan adıyla hizalı değil.",
    ),
    "4.7.40": Focus(SENDER, ("dmarc",), "Gönderen alan adınızın DMARC kaydı yok."),
    "5.7.40": Focus(SENDER, ("dmarc",), "Gönderen alan adınızın DMARC kaydı yok."),
    "5.7.509": Focus(SENDER, ("spf", "dkim", "dmarc"), _DMARC),
    "5.1.2": Focus(RECIPIENT, ("mx",), _ROUTE),
    "4.4.3": Focus(RECIPIENT, ("mx",), _ROUTE),
    "5.4.3": Focus(RECIPIENT, ("mx",), _ROUTE),
    "4.4.4": Focus(RECIPIENT, ("mx",), _ROUTE),
    "556": Focus(
        RECIPIENT, ("mx",), "Alıcının alan adı «null MX» ile e-posta almadığını duyuruyor."
    ),
}

CAUSES = {
    "spf": "SPF kaydınız sunucularımızı kapsamıyorsa alıcı sunucu SPF'yi başarısız sayar.",
    "dkim": "Yayımlanmış, geçerli bir DKIM anahtarı yoksa imza doğrulanamaz.",
    "dmarc": "DMARC kaydınız ve politikanız, SPF ya da DKIM başarısız olduğunda iletinin akıbetini belirler.",
    "ptr": "Gönderen IP adresinin ters DNS kaydı eksik ya da tutarsızsa alıcı sunucu iletiyi reddedebilir.",
    "mx": "MX kaydı eksik ya da hatalıysa iletiler bu alan adına teslim edilemez.",
}


def focus_of(code: str | None) -> Focus | None:
    return CHECK_CODES.get(code) if code else None


def code_note(code: str, topic: str) -> str:
    """What a warning or error of this topic means for the visitor's code ("" if unrelated)."""
    focus = CHECK_CODES.get(code)
    if focus is None or topic not in focus.topics or topic not in CAUSES:
        return ""
    return f"{code} hatanızın olası nedeni: {CAUSES[topic]}"
