"""Words customers type, mapped to the terms our pages use. Plain data, reviewed like content.

Each group lists words that mean the same thing to someone with a bounce in hand; a search
for any of them also finds the others (a little below the word itself). ``ONE_WAY`` maps a
customer's phrasing to page terms without the reverse ("gitmiyor" should find
"teslim edilemedi", but a search for "teslim" should not bring every "gitmiyor").

Entries are written the way people type them, with Turkish letters; the search folds them
("kara liste" = "KARA LİSTE" = "kara liste"). Multi-word entries match as a phrase. Staff add
more in the admin (*Eşanlamlılar*); the index merges those rows with this table.
"""

GROUPS: tuple[tuple[str, ...], ...] = (
    ("ileti", "mail", "e-posta", "eposta", "email", "e-mail", "posta", "mesaj", "message"),
    ("limit", "sınır", "kota", "quota"),
    ("meşgul", "yoğun", "busy", "yoğunluk"),
    ("engellendi", "kara liste", "blocklist", "blacklist", "blocked", "engel", "yasaklandı"),
    ("şifre", "parola", "password"),
    ("spam", "istenmeyen posta", "junk"),
    ("dolu", "full", "doldu"),
    ("alan adı", "domain"),
    ("sunucu", "server"),
    ("aktarım", "aktarma", "relay"),
    ("zaman aşımı", "timeout", "timed out"),
    ("reddedildi", "rejected", "ret", "refused"),
    ("geçersiz", "invalid"),
    ("bağlantı", "connection"),
    ("kimlik doğrulama", "authentication", "auth", "oturum açma"),
    ("şifreli bağlantı", "tls", "ssl", "starttls"),
    ("gecikme", "delay", "delayed", "gecikti"),
    ("boyut", "size", "büyüklük"),
    ("alıcı", "recipient"),
    ("gönderen", "sender", "gönderici"),
    ("yönlendirme", "forward", "forwarding"),
    ("gerekli", "gerekiyor", "zorunlu", "required"),
)

ONE_WAY: dict[str, tuple[str, ...]] = {
    "gitmiyor": ("iletilmedi", "geri döndü", "teslim edilemedi", "reddedildi", "gönderilemedi"),
    "gitmedi": ("iletilmedi", "geri döndü", "teslim edilemedi", "reddedildi", "gönderilemedi"),
    "gönderemiyorum": ("gönderilemedi", "reddedildi", "kimlik doğrulama"),
    "iletilmedi": ("teslim edilemedi", "geri döndü", "reddedildi"),
    "geri döndü": ("geri dönen", "teslim edilemedi", "reddedildi", "iletilmedi"),
    "geri geldi": ("geri dönen", "teslim edilemedi", "reddedildi"),
    "bounce": ("geri dönen", "teslim edilemedi"),
    "ulaşmadı": ("teslim edilemedi", "iletilmedi", "geri dönen"),
    "gelmiyor": ("teslim edilemedi", "kuyruk", "gecikme", "reddedildi"),
    "bekliyor": ("kuyruk", "gecikme", "yeniden dener"),
    "kuyrukta": ("kuyruk", "gecikme"),
    "yok": ("bulunamadı", "unknown", "does not exist"),
    "bulunamadı": ("yok", "unknown", "does not exist"),
    "unknown": ("bulunamadı", "yok"),
    "hatalı": ("geçersiz", "yanlış"),
    "yanlış": ("geçersiz", "hatalı"),
    "büyük": ("boyut", "size", "aşıyor"),
    "ek": ("boyut", "büyük"),
    "attachment": ("boyut", "size"),
    "giriş": ("kimlik doğrulama", "oturum"),
    "login": ("kimlik doğrulama", "oturum"),
    "uygulama şifresi": ("app password",),
    "app password": ("uygulama şifresi",),
    "sertifika": ("certificate", "tls"),
    "certificate": ("sertifika",),
    "dolmuş": ("dolu", "doldu", "kota"),
    "aşıldı": ("dolu", "sınır", "kota"),
    "exceeded": ("aşıldı", "sınır"),
    "outlook": ("microsoft 365", "exchange"),
    "hotmail": ("microsoft 365", "outlook"),
    "office 365": ("microsoft 365",),
    "gmail": ("google",),
    "rate limit": ("gönderim hızı", "gönderim sınırı"),
    "hız": ("gönderim hızı",),
    "greylist": ("gri liste", "greylisting"),
    "gri liste": ("greylisting",),
}


def table() -> dict[str, tuple[str, ...]]:
    """Every entry with the terms it also finds: the groups both ways, then ``ONE_WAY``."""
    merged: dict[str, list[str]] = {}
    for group in GROUPS:
        for word in group:
            merged.setdefault(word, []).extend(term for term in group if term != word)
    for word, terms in ONE_WAY.items():
        merged.setdefault(word, []).extend(terms)
    return {word: tuple(dict.fromkeys(terms)) for word, terms in merged.items()}
