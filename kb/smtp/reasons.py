"""Why a message bounced, in a small fixed vocabulary. No Django.

The names are Sisimai's reason names (libsisimai.org/en/reason), so a result can be compared
with other tools: ``userunknown``, ``mailboxfull``, ``blocked`` … The decoder
(:mod:`kb.smtp.decoder`) returns one of them per recipient, or ``None`` when the bounce does not
say enough. Each entry has a short Turkish label, one or two sentences for a hosting customer
(written per ``docs/glossary.md``) and the codes that usually come with it.
"""

from __future__ import annotations

from typing import NamedTuple

from kb.smtp.text import capfirst_tr


class ReasonInfo(NamedTuple):
    name: str  # "userunknown"
    label_tr: str  # "Alıcı adresi yok"
    explanation_tr: str  # one or two plain Turkish sentences for the customer
    usual_codes: tuple[str, ...]  # ("5.1.1", "550")


def _info(name: str, label: str, explanation: str, *usual_codes: str) -> ReasonInfo:
    return ReasonInfo(name, label, explanation, usual_codes)


REASONS: dict[str, ReasonInfo] = {
    info.name: info
    for info in (
        _info(
            "userunknown",
            "Alıcı adresi yok",
            "Alıcı sunucu bu e-posta adresinde bir posta kutusu bulamadı. Adresin yazımını "
            "kontrol edin; doğruysa alıcıya başka bir yoldan ulaşıp güncel adresini sorun.",
            "5.1.1", "550", "5.1.10", "553",
        ),
        _info(
            "hostunknown",
            "Alıcının alan adı bulunamadı",
            "Adresin @ işaretinden sonraki alan adı yok ya da e-posta almak için ayarlanmamış. "
            "Alan adının yazımını kontrol edin.",
            "5.1.2", "5.4.4", "550",
        ),
        _info(
            "hasmoved",
            "Adres artık kullanılmıyor",
            "Bu adres bir zamanlar geçerliydi, ancak alıcı artık başka bir adres kullanıyor ve "
            "iletiler yönlendirilmiyor. Alıcının yeni adresini öğrenip iletiyi oraya gönderin.",
            "5.1.6", "551",
        ),
        _info(
            "mailboxfull",
            "Alıcının posta kutusu dolu",
            "Alıcının posta kutusu kotasını doldurmuş. Alıcı yer açana kadar iletiler kabul "
            "edilmez; alıcıya başka bir yoldan haber verip daha sonra yeniden gönderin.",
            "5.2.2", "4.2.2", "552", "452",
        ),
        _info(
            "suspend",
            "Alıcının hesabı kapalı",
            "Alıcının posta kutusu var, ancak askıya alınmış ya da devre dışı bırakılmış. "
            "Alıcıya başka bir yoldan ulaşmanız gerekir.",
            "5.2.1", "5.7.13", "525", "550",
        ),
        _info(
            "filtered",
            "Alıcı tarafında filtrelendi",
            "İleti alıcının ya da alıcı sunucunun süzgecine takıldı (gönderici engeli, yalnızca "
            "belirli adreslerden kabul gibi). Alıcıdan sizi güvenilir göndericilere eklemesini "
            "isteyin.",
            "5.2.0", "5.2.1", "550",
        ),
        _info(
            "rejected",
            "Gönderen adresi reddedildi",
            "Alıcı sunucu, iletinin gönderen adresini (zarf göndericisini) kabul etmedi: alan "
            "adı yok, adres doğrulanamadı ya da bu gönderici engelli. Gönderen adresinizin ve "
            "alan adınızın DNS kayıtlarının doğru olduğunu kontrol edin.",
            "5.1.8", "5.1.7", "553", "550",
        ),
        _info(
            "blocked",
            "Gönderen sunucu engellendi",
            "Alıcı sunucu, gönderen sunucunun IP adresini ya da adını kabul etmiyor; çoğunlukla "
            "bir kara liste (blocklist) kaydı ya da itibar sorunudur. Destek ekibimize haber "
            "verin, biz (barındırma firmanız) kaydı inceleyip kaldırılmasını isteriz.",
            "5.7.1", "4.7.1", "554", "550",
        ),
        _info(
            "requireptr",
            "Gönderen sunucunun ters DNS kaydı eksik",
            "Alıcı sunucu, gönderen sunucunun IP adresi için geçerli bir ters DNS (PTR) kaydı "
            "istiyor. Bu kaydı biz (barındırma firmanız) düzeltiriz; destek ekibimize yazın.",
            "5.7.25", "550", "554",
        ),
        _info(
            "badreputation",
            "Gönderen IP adresinin itibarı düşük",
            "Alıcı sunucu, gönderen sunucunun IP adresini ya da alan adınızı düşük itibarlı "
            "buldu. Toplu gönderimleri azaltın ve destek ekibimize haber verin.",
            "5.7.1", "4.7.0", "550", "421",
        ),
        _info(
            "spamdetected",
            "İstenmeyen posta (spam) sanıldı",
            "Alıcı sunucunun süzgeci iletinizi istenmeyen posta (spam) olarak değerlendirdi. "
            "İçeriği sadeleştirip bağlantı ve ekleri azaltarak yeniden gönderin.",
            "5.7.1", "5.7.0", "550", "554",
        ),
        _info(
            "virusdetected",
            "İletide virüs bulundu",
            "Alıcı sunucu, iletide ya da ekinde zararlı yazılım buldu. Ekleri bir virüs "
            "tarayıcısıyla kontrol edin; gerekirse dosyayı başka bir yoldan paylaşın.",
            "5.7.0", "5.7.1", "550", "554",
        ),
        _info(
            "policyviolation",
            "Alıcının politikasına uymuyor",
            "İleti, alıcı tarafın politikasına takıldı (yasak ek türü, üyelere kapalı liste, "
            "içerik kuralı gibi). Alıcının sistem yöneticisinden hangi kurala takıldığını "
            "öğrenin.",
            "5.7.0", "5.7.9", "550", "554",
        ),
        _info(
            "authfailure",
            "SPF, DKIM ya da DMARC doğrulaması geçmedi",
            "Alıcı sunucu, iletinin gerçekten alan adınızdan geldiğini doğrulayamadı. Alan "
            "adınızın SPF, DKIM ve DMARC kayıtlarını kontrol edin; destek ekibimiz yardımcı olur.",
            "5.7.26", "5.7.23", "5.7.1", "550",
        ),
        _info(
            "securityerror",
            "Güvenlik ya da kimlik doğrulama hatası",
            "Alıcı sunucu ya da gönderen sunucu, güvenlik gerekçesiyle iletiyi kabul etmedi: "
            "kimlik doğrulama yapılmamış, parola hatalı ya da izin yok. E-posta programınızda "
            "«Giden sunucum (SMTP) kimlik doğrulaması gerektiriyor» seçeneğini kontrol edin.",
            "5.7.0", "5.7.1", "5.7.8", "535", "530",
        ),
        _info(
            "failedstarttls",
            "Şifreli bağlantı kurulamadı",
            "Alıcı sunucu şifreli (TLS) bağlantı istiyor, ancak bağlantı kurulamadı. Destek "
            "ekibimize haber verin.",
            "5.7.10", "5.7.30", "530", "523",
        ),
        _info(
            "norelaying",
            "Aktarma (relay) izni yok",
            "Sunucu, iletiyi başka bir alan adına aktarmayı reddetti; genellikle e-posta "
            "programında kimlik doğrulama kapalıdır ya da yanlış giden sunucu seçilmiştir.",
            "5.7.1", "554", "550",
        ),
        _info(
            "mesgtoobig",
            "İleti çok büyük",
            "İletinin boyutu alıcı sunucunun kabul ettiği sınırı aşıyor. Büyük ekleri "
            "küçültün ya da bir dosya paylaşım bağlantısıyla gönderin.",
            "5.3.4", "552", "554",
        ),
        _info(
            "exceedlimit",
            "İleti alıcının boyut sınırını aşıyor",
            "İleti, alıcının posta kutusu için belirlenen ileti boyutu sınırını aşıyor. Ekleri "
            "küçültüp yeniden gönderin.",
            "5.2.3", "552",
        ),
        _info(
            "contenterror",
            "İletinin biçimi hatalı",
            "Alıcı sunucu, iletinin başlıklarını ya da biçimini kabul etmedi. İletiyi başka bir "
            "e-posta programıyla ya da daha sade bir içerikle yeniden göndermeyi deneyin.",
            "5.6.0", "5.6.1", "554", "552",
        ),
        _info(
            "notcompliantrfc",
            "İleti e-posta standartlarına uymuyor",
            "İletide standartlara aykırı başlıklar var (ör. birden fazla From: adresi). İletiyi "
            "oluşturan program ya da betik düzeltilmeden aynı hata tekrarlanır.",
            "5.7.1", "550",
        ),
        _info(
            "notaccept",
            "Alıcının alan adı e-posta kabul etmiyor",
            "Alıcının alan adı ya da sunucusu hiç e-posta kabul etmiyor (boş MX kaydı ya da "
            "kapalı hizmet). Alıcıya başka bir yoldan ulaşın.",
            "5.1.10", "5.3.2", "521", "556",
        ),
        _info(
            "expired",
            "Teslim süresi doldu",
            "Gönderen sunucu iletiyi bir süre boyunca yeniden denedi, ancak alıcı sunucuya "
            "ulaşamadı ve denemeyi bıraktı. Sorun giderildikten sonra iletiyi yeniden gönderin.",
            "4.4.7", "4.4.1", "5.4.7",
        ),
        _info(
            "networkerror",
            "Ağ ya da DNS sorunu",
            "Alıcı sunucuya giden yolda bir ağ ya da DNS hatası oldu (bağlantı koptu, DNS "
            "yanıtı bozuk, yönlendirme döngüsü). Sorun çoğu zaman geçicidir.",
            "4.4.2", "4.4.4", "5.4.6", "421",
        ),
        _info(
            "toomanyconn",
            "Çok fazla bağlantı ya da alıcı",
            "Alıcı sunucu aynı anda açılan bağlantı ya da tek iletideki alıcı sayısı için bir "
            "sınır uyguluyor. Alıcıları birkaç iletiye bölerek yeniden gönderin.",
            "4.4.5", "5.5.3", "421", "452",
        ),
        _info(
            "speeding",
            "Gönderim sınırı aşıldı",
            "Alıcı sunucu, kısa sürede çok fazla ileti geldiği için yenilerini şimdilik kabul "
            "etmiyor (hız sınırı). Bir süre bekleyip daha az iletiyle yeniden gönderin.",
            "4.7.28", "4.2.1", "5.2.1", "421", "450",
        ),
        _info(
            "systemerror",
            "Alıcı sunucuda sistem hatası",
            "Alıcı sunucuda bir yapılandırma ya da iç hata oldu. Sorun alıcı tarafındadır; "
            "alıcının sistem yöneticisine haber verilmesi gerekir.",
            "5.3.0", "4.3.0", "451", "554",
        ),
        _info(
            "systemfull",
            "Alıcı sunucunun diski dolu",
            "Alıcı sunucunun depolama alanı dolmuş; tek bir posta kutusu değil, sunucunun "
            "tamamı etkileniyor. Alıcının sistem yöneticisi yer açtıktan sonra yeniden gönderin.",
            "4.3.1", "5.3.1", "452",
        ),
        _info(
            "mailererror",
            "Alıcı taraftaki teslim programı hata verdi",
            "İleti sunucuya ulaştı, ancak posta kutusuna bırakan program (procmail, betik, "
            "yönlendirme) hata verdi. Alıcının sistem yöneticisinin incelemesi gerekir.",
            "5.3.0", "5.0.0", "554",
        ),
        _info(
            "syntaxerror",
            "SMTP komutu hatalı",
            "Gönderen program SMTP konuşmasında hatalı bir komut ya da adres yazdı. E-posta "
            "programınızın ya da betiğinizin ayarlarını kontrol edin.",
            "5.5.2", "5.5.4", "500", "501",
        ),
        _info(
            "vacation",
            "Otomatik yanıt, geri dönme değil",
            "Bu ileti bir geri dönme bildirimi değil, alıcının otomatik yanıtı (izin, ofis dışı "
            "gibi): iletiniz teslim edildi. Bir şey yapmanız gerekmez.",
            "2.0.0", "250",
        ),
        _info(
            "suppressed",
            "Adres gönderim engel listesinde",
            "Bu adres, daha önceki geri dönen iletiler ya da şikâyetler nedeniyle gönderen "
            "hizmetin engel listesinde; ileti hiç gönderilmedi.",
            "5.0.0", "550",
        ),
    )
}  # fmt: skip


def reason_info(name: str | None) -> ReasonInfo | None:
    """The entry for a reason name, ``None`` for ``None`` or an unknown name."""
    return REASONS.get(name) if name else None


# What the customer should do, as the second half of the decoder's one-sentence answer:
# "ahmet@gmail.com: bu adreste bir posta kutusu yok; adresi … yeniden gönderin."
NEXT_STEP: dict[str, str] = {
    "userunknown": "bu adreste bir posta kutusu yok; adresi harf harf kontrol edip yeniden gönderin",
    "hostunknown": "@ işaretinden sonraki alan adı bulunamadı; yazımını düzeltip yeniden gönderin",
    "hasmoved": "bu adres artık kullanılmıyor; alıcının yeni adresini öğrenip oraya gönderin",
    "mailboxfull": "alıcının posta kutusu dolu; alıcıya başka bir yoldan haber verip daha sonra "
    "yeniden gönderin",
    "suspend": "alıcının hesabı kapatılmış ya da askıya alınmış; alıcıya başka bir yoldan ulaşın",
    "filtered": "alıcı tarafı iletiyi süzgecine takıp geri çevirdi; alıcıdan adresinizi güvenilir "
    "gönderenlere eklemesini isteyin",
    "rejected": "alıcı sunucu gönderen adresinizi kabul etmedi; gönderen adresinizi kontrol edin",
    "blocked": "alıcı sunucu gönderen sunucuyu engelledi; geri dönen iletinin tamamıyla destek "
    "ekibimize yazın",
    "requireptr": "gönderen sunucunun ters DNS (PTR) kaydı eksik; destek ekibimize yazın, bu "
    "kaydı biz düzeltiriz",
    "badreputation": "gönderen IP adresinin itibarı düşük; toplu gönderimi durdurup destek "
    "ekibimize yazın",
    "spamdetected": "ileti istenmeyen posta (spam) sanıldı; içeriği ve bağlantıları sadeleştirip "
    "yeniden gönderin",
    "virusdetected": "iletide virüs bulundu; ekleri taratıp temiz hâlleriyle yeniden gönderin",
    "policyviolation": "ileti alıcının politikasına uymuyor; sunucunun yanıtındaki nedene göre "
    "iletiyi değiştirip yeniden gönderin",
    "authfailure": "alan adınız SPF, DKIM ya da DMARC doğrulamasından geçmedi; DNS kayıtlarını "
    "düzeltip yeniden gönderin",
    "securityerror": "güvenlik denetimi geçmedi; e-posta programınızın kullanıcı adı, parola ve "
    "port ayarlarını kontrol edin",
    "failedstarttls": "şifreli bağlantı kurulamadı; e-posta programınızda 587 numaralı portu ve "
    "STARTTLS ayarını kontrol edin",
    "norelaying": "sunucu iletiyi aktarmayı reddetti; giden sunucu kimlik doğrulamasını açıp "
    "yeniden gönderin",
    "mesgtoobig": "ileti alıcı sunucunun boyut sınırını aşıyor; büyük ekleri bir paylaşım "
    "bağlantısıyla gönderin",
    "exceedlimit": "ileti alıcının boyut sınırını aşıyor; ekleri küçültüp yeniden gönderin",
    "contenterror": "iletinin biçimi alıcı sunucuya uymadı; ekleri değiştirip ya da başka bir "
    "e-posta programıyla yeniden gönderin",
    "notcompliantrfc": "ileti e-posta standartlarına uymuyor; gönderen programı ya da betiği "
    "düzeltip yeniden gönderin",
    "notaccept": "alıcının alan adı e-posta kabul etmiyor; alıcıdan başka bir adres isteyin",
    "expired": "gönderen sunucu iletiyi süresi içinde teslim edemedi; alıcıya ulaşılabildiğinde "
    "yeniden gönderin",
    "networkerror": "alıcı sunucuya ulaşılamadı; bir süre sonra yeniden gönderin, sürerse destek "
    "ekibimize yazın",
    "toomanyconn": "çok fazla bağlantı ya da alıcı vardı; alıcıları gruplara bölüp yeniden gönderin",
    "speeding": "gönderim sınırı aşıldı; bir süre bekleyip daha yavaş yeniden gönderin",
    "systemerror": "alıcı sunucuda geçici bir arıza var; bir süre sonra yeniden gönderin",
    "systemfull": "alıcı sunucunun diski dolu; bir süre sonra yeniden gönderin",
    "mailererror": "alıcı taraftaki teslim programı hata verdi; alıcının sistem yöneticisine "
    "haber verin",
    "syntaxerror": "e-posta programınız sunucunun anlamadığı bir komut gönderdi; programınızı "
    "güncelleyin ya da ayarlarını kontrol edin",
    "vacation": "bu bir otomatik yanıt (örneğin izin bildirimi), ileti teslim edildi; bir şey "
    "yapmanız gerekmez",
    "suppressed": "adres gönderim hizmetinin engel listesinde, ileti hiç gönderilmedi; adres "
    "doğruysa listeden çıkarın",
}


def answer(reason: str | None, address: str | None) -> str | None:
    """The decoder's one-sentence answer for a failed recipient, or None without a reason."""
    step = NEXT_STEP.get(reason or "")
    if step is None:
        return None
    return f"{address}: {step}." if address else f"{capfirst_tr(step)}."
