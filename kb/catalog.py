"""How codes are grouped and described on the public pages: classes, subjects, neighbours.

Plain functions over ReplyCode rows already fetched, so views stay one query long.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kb import codes


@dataclass(frozen=True)
class ClassInfo:
    digit: int
    slug: str  # "4xx"
    name: str  # "Geçici hata"
    badge: str  # short label that never relies on colour alone
    retry: str  # the one-line answer to "should I retry?"
    intro: str = ""  # what the class means, for /kod/4xx


CLASSES: dict[int, ClassInfo] = {
    1: ClassInfo(
        1,
        "1xx",
        "Bağlantı hatası (SMTP yanıtı değil)",
        "SMTP yanıtı değil",
        "Sunucuya hiç bağlanılamadı; ayarlar düzeltilmeden yeniden denemek işe yaramaz.",
        "Bu numaralar bir SMTP sunucusunun yanıtı değildir. E-posta programınız ya da betiğiniz sunucuya bağlanmaya çalışırken işletim sistemi bağlantıyı kuramamış ve kendi hata numarasını göstermiştir. SMTP yanıtları yalnızca 2, 3, 4 veya 5 ile başlar (RFC 5321 §4.2). Çözüm genellikle sunucu adında, port numarasında, güvenlik duvarında ya da internet bağlantısındadır.",
    ),
    2: ClassInfo(
        2,
        "2xx",
        "Başarılı",
        "Başarılı",
        "İşlem tamamlandı; yeniden göndermeniz gerekmez.",
        "2 ile başlayan yanıtlar, sunucunun istenen adımı tamamladığını bildirir: bağlantıyı kabul etti, adresi onayladı ya da iletiyi teslim almak üzere üstlendi. Verinin sonundaki noktadan sonra gelen 2xx yanıtıyla iletinin sorumluluğu alıcı sunucuya geçer (RFC 5321 §4.2.5). Bu kodlar hata değildir; yalnızca oturum kayıtlarında ve testlerde görürsünüz.",
    ),
    3: ClassInfo(
        3,
        "3xx",
        "Ara yanıt",
        "Ara yanıt",
        "Sunucu devam edilmesini bekliyor; bu bir hata değildir.",
        "3 ile başlayan yanıtlar, sunucunun komutu kabul ettiğini ve oturumun devam etmesi için istemciden ek bilgi beklediğini söyler. En bilinenleri DATA komutundan sonra gelen 354 ve kimlik doğrulama sırasında gelen 334'tür. Bu kodlar hata değildir.",
    ),
    4: ClassInfo(
        4,
        "4xx",
        "Geçici hata",
        "Geçici hata: yeniden denenir",
        "Geçici bir sorun; gönderen sunucu iletiyi kuyrukta tutup bir süre sonra kendisi "
        "yeniden dener.",
        "4 ile başlayan yanıtlar geçici bir olumsuzluk bildirir: istek şimdi yerine getirilemedi ama aynı istek daha sonra değişiklik yapılmadan başarılı olabilir. Gönderen sunucu iletiyi kuyruğunda tutar ve genellikle birkaç gün boyunca aralıklarla yeniden dener (RFC 5321 §4.5.4.1). Müşterinin çoğu zaman beklemekten başka yapacağı bir şey yoktur; sorun günlerce sürerse neden araştırılmalıdır.",
    ),
    5: ClassInfo(
        5,
        "5xx",
        "Kalıcı hata",
        "Kalıcı hata: düzeltmeden tekrar göndermeyin",
        "Kalıcı bir ret; bir şey değiştirilmeden aynı ileti yeniden gönderilirse yine reddedilir.",
        "5 ile başlayan yanıtlar kalıcı bir ret bildirir: adres, ileti, hesap ya da politika tarafında bir şey değişmedikçe aynı isteği yeniden göndermek sonuç vermez. Gönderen sunucu yeniden denemez ve göndericiye teslim edilemedi bildirimi döndürür. Çözüm için kodun ve sunucunun yazdığı açıklamanın birlikte okunması gerekir.",
    ),
}


@dataclass(frozen=True)
class SubjectInfo:
    digit: int
    name: str
    intro: str


SUBJECTS: dict[int, SubjectInfo] = {
    info.digit: info
    for info in [
        SubjectInfo(
            0,
            "Diğer / tanımsız durum",
            "Sunucu yalnızca sonucun sınıfını (başarılı, geçici, kalıcı) bildirebiliyor; "
            "ayrıntıyı açıklama metninde aramak gerekir.",
        ),
        SubjectInfo(
            1,
            "Adres",
            "Alıcının ya da göndericinin adresiyle ilgili durumlar: posta kutusu yok, alan adı "
            "yok, adres yazımı hatalı. Çoğu, adresi düzelterek gönderici tarafından çözülür.",
        ),
        SubjectInfo(
            2,
            "Posta kutusu",
            "Adres doğru ama alıcının posta kutusu iletiyi alamıyor: kutu dolu, kapatılmış ya da "
            "ileti kutunun sınırını aşıyor. Çözüm genellikle alıcının elindedir.",
        ),
        SubjectInfo(
            3,
            "Posta sistemi",
            "Alıcı taraftaki posta sisteminin durumu: disk dolu, sistem ileti kabul etmiyor, "
            "yapılandırma hatalı. Çözüm alıcı sunucunun yöneticisindedir.",
        ),
        SubjectInfo(
            4,
            "Ağ ve yönlendirme",
            "İletinin yolu üzerindeki sorunlar: karşı sunucu yanıt vermiyor, bağlantı koptu, DNS "
            "sorgusu başarısız, yönlendirme döngüsü var ya da ileti kuyrukta çok bekledi.",
        ),
        SubjectInfo(
            5,
            "Teslim protokolü",
            "SMTP konuşmasının kendisindeki hatalar: tanınmayan komut, sözdizimi hatası, yanlış "
            "sıra, çok fazla alıcı. Çoğunlukla e-posta programının ya da sunucunun ayarındadır.",
        ),
        SubjectInfo(
            6,
            "İleti içeriği",
            "İletinin biçimi ya da içeriğiyle ilgili sorunlar: desteklenmeyen içerik türü, "
            "dönüştürme gereksinimi, uluslararası (UTF-8) adresler.",
        ),
        SubjectInfo(
            7,
            "Güvenlik ve politika",
            "Kimlik doğrulama, şifreleme ve alıcı tarafın politikası: SPF, DKIM, DMARC, kara "
            "listeler, yetkisiz aktarma, istenmeyen posta filtreleri.",
        ),
    ]
}


@dataclass
class Group:
    key: str  # anchor id, e.g. "sinif-4" or "konu-7"
    title: str
    info: ClassInfo | None = None
    subject: int | None = None
    rows: list = field(default_factory=list)


def group_codes(rows: Iterable) -> tuple[list[Group], list[Group]]:
    """Split codes (already in sort order) into basic groups by class and
    enhanced groups by subject."""
    basic: dict[int, Group] = {}
    enhanced: dict[int, Group] = {}
    for row in rows:
        subject = codes.subject_of(row.code)
        if subject is None:
            info = CLASSES[row.reply_class]
            group = basic.setdefault(
                row.reply_class, Group(f"sinif-{info.slug}", f"{info.slug}: {info.name}", info)
            )
        else:
            group = enhanced.setdefault(
                subject,
                Group(
                    f"konu-x{subject}x",
                    f"X.{subject}.X: {SUBJECTS[subject].name}",
                    subject=subject,
                ),
            )
        group.rows.append(row)
    return (
        [basic[key] for key in sorted(basic)],
        [enhanced[key] for key in sorted(enhanced)],
    )


def nearest_codes(code: str, candidates: Sequence[str], limit: int = 5) -> list[str]:
    """Existing codes closest to an unknown one, for the 404 page.

    Basic codes: same class (first digit) by numeric distance. Enhanced codes:
    the same subject.detail in another class first, then the same subject.
    Anything unparseable: the closest basic codes by leading digit, if any.
    """
    if codes.is_enhanced(code):
        _, subject, detail = code.split(".")
        same_entry = [c for c in candidates if c.split(".")[1:] == [subject, detail]]
        same_subject = [
            c
            for c in candidates
            if codes.is_enhanced(c) and c.split(".")[1] == subject and c not in same_entry
        ]
        same_subject.sort(key=lambda c: abs(int(c.split(".")[2]) - int(detail)))
        return (same_entry + same_subject)[:limit]
    digits = "".join(ch for ch in code[:3] if ch.isdigit())
    if not digits:
        return []
    basic = [c for c in candidates if codes.is_basic(c)]
    same_class = [c for c in basic if c[0] == digits[0]] or basic
    target = int(digits.ljust(3, "0"))
    return sorted(same_class, key=lambda c: (abs(int(c) - target), c))[:limit]


def first_step(markdown_list: str) -> str:
    """The first item of a Markdown numbered list, as plain text (for the index table)."""
    for line in markdown_list.splitlines():
        stripped = line.strip()
        if stripped:
            number, dot, rest = stripped.partition(". ")
            return rest if dot and number.isdigit() else stripped
    return ""
