"""The one grammar of SMTP codes, and what each class and subject means. No Django.

- A *basic* reply code is three digits (`450`). 101 and 111 are kept as basic codes with
  class 1: they are socket errors some mail clients print, not SMTP replies.
- An *enhanced* status code is `class.subject.detail` (`5.1.1`, RFC 3463): class 2, 4 or 5,
  numbers of up to three digits without leading zeros. A page exists only for subjects 0-7.
- A *range* is one page for consecutive details that a vendor documents together
  (`5.7.606-649`); every member (`5.7.620`) belongs to it.

The regex fragments below are the building blocks every other module uses (the search's
code parser, the bounce decoder's scanner), so there is one definition of what a code is.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

# Fragments: no anchors, no groups; callers add the boundaries their context needs.
NUMBER = r"(?:0|[1-9][0-9]{0,2})"
BASIC = r"[1-5][0-9][0-9]"
REPLY = r"[2-5][0-5][0-9]"  # what a server can send (RFC 5321 §4.2: second digit 0-5)
ENHANCED = rf"[245]\.{NUMBER}\.{NUMBER}"

# Whole strings: one code, or a range of enhanced codes ("5.7.606-649").
BASIC_RE = re.compile(rf"^{BASIC}$")
ENHANCED_RE = re.compile(rf"^([245])\.([0-7])\.({NUMBER})$")
RANGE_RE = re.compile(rf"^([245])\.([0-7])\.({NUMBER})-({NUMBER})$")
# Inside free text: the word-like chunks, and the codes among them.
_CHUNK_RE = re.compile(r"[\w.]+")
_CODE_CHUNK_RE = re.compile(rf"{BASIC}|{ENHANCED}")
# An enhanced code written with commas, dashes or spaces instead of dots ("5,7,26",
# "5-7-26", "5 7 26"): the same separator twice, nothing number-like around it.
_LOOSE_ENHANCED_RE = re.compile(
    rf"(?<![\w.,-])([245])(\s*[,-]\s*|\s+)({NUMBER})\2({NUMBER})(?![\w]|[.,-]\d)"
)
MAX_CODE_LENGTH = 15  # "5.999.999-999"


def is_basic(code: str) -> bool:
    return bool(BASIC_RE.match(code))


def is_enhanced(code: str) -> bool:
    return bool(ENHANCED_RE.match(code))


def is_range(code: str) -> bool:
    match = RANGE_RE.match(code)
    return bool(match) and int(match[3]) < int(match[4])


def is_valid(code: str) -> bool:
    """A code that can have a page: basic, enhanced (subject 0-7) or a range."""
    return len(code) <= MAX_CODE_LENGTH and (is_basic(code) or is_enhanced(code) or is_range(code))


def problem_with(code: str) -> str:
    """Why `code` cannot be an SMTP code, for the 404 page: "" (it can), "class" (three
    digits or three parts, but a first digit SMTP never uses: 999, 3.1.1), "subject" (an
    enhanced code whose middle number is not 0-7: 5.9.1), or "shape" (not a code at all)."""
    if is_valid(code):
        return ""
    if re.fullmatch(r"[0-9]{3}", code) or re.fullmatch(rf"[0-9]\.{NUMBER}\.{NUMBER}", code):
        return "class" if not re.fullmatch(rf"{ENHANCED}", code) else "subject"
    return "shape"


def range_contains(range_code: str, code: str) -> bool:
    """Whether `code` (5.7.620) is a member of `range_code` (5.7.606-649)."""
    match, member = RANGE_RE.match(range_code), ENHANCED_RE.match(code)
    if not (match and member) or match.groups()[:2] != member.groups()[:2]:
        return False
    return int(match[3]) <= int(member[3]) <= int(match[4])


def sort_key(code: str) -> str:
    """A string that orders codes the way people read them.

    Basic codes first, by number; then enhanced codes grouped by subject and detail,
    the classes of one entry side by side (4.1.1, 5.1.1, 5.1.2 …, 5.1.10); a range sorts
    where its first member would.
    """
    if is_basic(code):
        return f"1:{code}"
    match = ENHANCED_RE.match(code) or RANGE_RE.match(code)
    if match is None:
        raise ValueError(f"not an SMTP code: {code!r}")
    klass, subject, detail = (int(part) for part in match.groups()[:3])
    return f"2:{subject:03d}.{detail:03d}.{klass}"


def subject_sort_prefix(subject: int) -> str:
    """What the sort keys of the enhanced codes X.<subject>.Y start with."""
    return f"2:{subject:03d}."


def subject_of(code: str) -> int | None:
    """The subject digit of an enhanced code or range (`5.7.1` → 7), None for basic codes."""
    match = ENHANCED_RE.match(code) or RANGE_RE.match(code)
    return int(match.group(2)) if match else None


def normalize_loose(text: str) -> str:
    """`text` with loosely written enhanced codes in dotted form: "5,7,26", "5-7-26" and
    "5 7 26" become "5.7.26"; everything else is left as it was."""
    if not any(separator in text for separator in ", -\t"):
        return text
    return _LOOSE_ENHANCED_RE.sub(r"\1.\3.\4", text)


def find_codes(text: str) -> list[str]:
    """Basic and enhanced codes written in `text` ("550-5.1.1", "#5.7.26", "SMTP; 550",
    "(550)", "5,7,26", "5 7 26"), in order, without repeats. Dots around a code are
    punctuation ("5.7.26." → 5.7.26)."""
    found: list[str] = []
    for chunk in _CHUNK_RE.findall(normalize_loose(text)):
        candidate = chunk.strip(".")
        if _CODE_CHUNK_RE.fullmatch(candidate) and candidate not in found:
            found.append(candidate)
    return found


def without_codes(text: str) -> str:
    """`text` with every code :func:`find_codes` sees (and the punctuation of a loose
    code) removed: what is left of "SMTP; 550" is "SMTP; ", of "(5.7.26)" is "()"."""
    return " ".join(
        chunk
        for chunk in normalize_loose(text).split()
        if not _CODE_CHUNK_RE.fullmatch(chunk.strip(".,;:#()[]<>\"'!?"))
    )


def nearest_codes(code: str, candidates: Sequence[str], limit: int = 5) -> list[str]:
    """Existing codes closest to an unknown one, for the 404 page.

    Basic codes: same class (first digit) by numeric distance. Enhanced codes: the same
    subject.detail in another class first, then the same subject. Anything unparseable:
    the closest basic codes by leading digit, if any.
    """
    if is_enhanced(code):
        _, subject, detail = code.split(".")
        enhanced = [c for c in candidates if is_enhanced(c)]
        same_entry = [c for c in enhanced if c.split(".")[1:] == [subject, detail]]
        same_subject = [c for c in enhanced if c.split(".")[1] == subject and c not in same_entry]
        same_subject.sort(key=lambda c: abs(int(c.split(".")[2]) - int(detail)))
        return (same_entry + same_subject)[:limit]
    digits = "".join(ch for ch in code[:3] if ch.isdigit())
    if not digits:
        return []
    basic = [c for c in candidates if is_basic(c)]
    same_class = [c for c in basic if c[0] == digits[0]] or basic
    target = int(digits.ljust(3, "0"))
    return sorted(same_class, key=lambda c: (abs(int(c) - target), c))[:limit]


# --- classes and subjects ------------------------------------------------------------------


@dataclass(frozen=True)
class ClassInfo:
    digit: int
    slug: str  # "4xx"
    name: str  # "Geçici hata"
    badge: str  # short label that never relies on colour alone
    retry: str  # the one-line answer to "should I retry?"
    severity: str  # the API's word for the class
    intro: str = ""  # what the class means, for /kod/4xx


CLASSES: dict[int, ClassInfo] = {
    1: ClassInfo(
        1,
        "1xx",
        "Bağlantı hatası (SMTP yanıtı değil)",
        "SMTP yanıtı değil",
        "Sunucuya hiç bağlanılamadı; bağlantı ya da ayar düzelince yeniden gönderin. Bir posta "
        "sunucusu bu hatayı aldıysa iletiyi kuyrukta tutup kendisi yeniden dener.",
        "client",
        "Bu numaralar bir SMTP sunucusunun yanıtı değildir. E-posta programınız ya da betiğiniz sunucuya bağlanmaya çalışırken işletim sistemi bağlantıyı kuramamış ve kendi hata numarasını göstermiştir. SMTP yanıtları yalnızca 2, 3, 4 veya 5 ile başlar (RFC 5321 §4.2). Çözüm genellikle sunucu adında, port numarasında, güvenlik duvarında ya da internet bağlantısındadır.",
    ),
    2: ClassInfo(
        2,
        "2xx",
        "Başarılı",
        "Başarılı",
        "İşlem tamamlandı; yeniden göndermeniz gerekmez.",
        "success",
        "2 ile başlayan yanıtlar, sunucunun istenen adımı tamamladığını bildirir: bağlantıyı kabul etti, adresi onayladı ya da iletiyi teslim almak üzere üstlendi. Verinin sonundaki noktadan sonra gelen 2xx yanıtıyla iletinin sorumluluğu alıcı sunucuya geçer (RFC 5321 §4.2.5). Bu kodlar hata değildir; yalnızca oturum kayıtlarında ve testlerde görürsünüz.",
    ),
    3: ClassInfo(
        3,
        "3xx",
        "Ara yanıt",
        "Ara yanıt",
        "Sunucu devam edilmesini bekliyor; bu bir hata değildir.",
        "intermediate",
        "3 ile başlayan yanıtlar, sunucunun komutu kabul ettiğini ve oturumun devam etmesi için istemciden ek bilgi beklediğini söyler. En bilinenleri DATA komutundan sonra gelen 354 ve kimlik doğrulama sırasında gelen 334'tür. Bu kodlar hata değildir.",
    ),
    4: ClassInfo(
        4,
        "4xx",
        "Geçici hata",
        "Geçici hata: yeniden denenir",
        "Geçici bir sorun; gönderen sunucu iletiyi kuyrukta tutup bir süre sonra kendisi "
        "yeniden dener.",
        "transient",
        "4 ile başlayan yanıtlar geçici bir olumsuzluk bildirir: istek şimdi yerine getirilemedi ama aynı istek daha sonra değişiklik yapılmadan başarılı olabilir. Gönderen sunucu iletiyi kuyruğunda tutar ve genellikle birkaç gün boyunca aralıklarla yeniden dener (RFC 5321 §4.5.4.1). Müşterinin çoğu zaman beklemekten başka yapacağı bir şey yoktur; sorun günlerce sürerse neden araştırılmalıdır.",
    ),
    5: ClassInfo(
        5,
        "5xx",
        "Kalıcı hata",
        "Kalıcı hata: önce düzeltin",
        "Kalıcı bir ret; bir şey değiştirilmeden aynı ileti yeniden gönderilirse yine reddedilir.",
        "permanent",
        "5 ile başlayan yanıtlar kalıcı bir ret bildirir: adres, ileti, hesap ya da politika tarafında bir şey değişmedikçe aynı isteği yeniden göndermek sonuç vermez. Gönderen sunucu yeniden denemez ve göndericiye teslim edilemedi bildirimi döndürür. Çözüm için kodun ve sunucunun yazdığı açıklamanın birlikte okunması gerekir.",
    ),
}


# Enhanced codes written without their dots (441 for 4.4.1) by old Exchange versions and some
# lists: they look like reply codes but no server sends them.
DOTLESS = ClassInfo(
    0,
    "noktasiz",
    "Noktasız kod (SMTP yanıtı değil)",
    "Noktasız kod: SMTP yanıtı değil",
    "Sunucuların gönderdiği bir yanıt değil; noktalı kodun sayfası asıl açıklamadır.",
    "dotless",
    "Bu numaralar bir SMTP yanıtı değildir: genişletilmiş durum kodlarının noktaları silinerek "
    "yazılmış hâlleridir (441, 4.4.1'dir). Eski Exchange sürümleri ve bazı hata listeleri "
    "onları böyle gösterir. Anlamları noktalı kodunkiyle aynıdır.",
)


def class_of(code: str) -> ClassInfo:
    """The class of any valid code: its first digit."""
    return CLASSES[int(code[0])]


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
            "İletinin yolu üzerindeki sorunlar: alıcı sunucu yanıt vermiyor, bağlantı koptu, DNS "
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


# --- who must act ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Actor:
    key: str  # the API's word: "sender", "recipient", "host"
    label: str  # how the page names them
    meaning: str  # what it means for the reader


ACTORS: dict[str, Actor] = {
    actor.key: actor
    for actor in [
        Actor(
            "sender",
            "Siz (gönderen)",
            "Bir adresi, ayarı ya da iletiyi sizin düzeltmeniz gerekiyor.",
        ),
        Actor(
            "recipient",
            "Alıcı tarafı",
            "Alıcının ya da alıcının sistem yöneticisinin bir şey yapması gerekiyor; ona "
            "telefonla ya da başka bir adresten haber verin.",
        ),
        Actor(
            "host",
            "Biz (barındırma firması)",
            "Sunucularımızda yapılacak bir iş var; destek talebi açın, biz ilgilenelim.",
        ),
    ]
}
