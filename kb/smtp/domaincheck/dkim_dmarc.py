"""DKIM keys at our selector and the common ones, and the DMARC record (RFC 6376, 7489)."""

from dataclasses import dataclass, field

from kb.smtp.domaincheck.findings import RETRY_SOON, Finding, Level, Profile, Record, unreadable
from kb.smtp.domaincheck.lookup import Lookup, Status
from kb.smtp.domaincheck.names import Domain
from kb.smtp.domaincheck.spf_findings import SpfState, where_to_edit
from kb.smtp.domaincheck.tags import parse_tags, read_key

COMMON_SELECTORS = ("default", "selector1", "selector2", "google", "k1", "mail", "dkim")
POLICIES = ("none", "quarantine", "reject")


@dataclass
class DkimState:
    ours: bool = False  # a valid key at our selector
    any_valid: list[str] = field(default_factory=list)  # selectors with a valid key


def dkim_record(domain: Domain, profile: Profile) -> Record:
    where = (
        f"panelde {profile.panel_dkim_path} ekranından"
        if profile.panel_dkim_path
        else "DKIM ayarları ekranından ya da destek ekibimizden"
    )
    return Record(
        f"{profile.dkim_selector}._domainkey.{domain.ascii}",
        "TXT",
        "v=DKIM1; k=rsa; p=AÇIK_ANAHTARINIZ",
        f"p= değeri alan adınıza özel açık anahtardır: {where} alın ve AÇIK_ANAHTARINIZ "
        "yerine yapıştırın. Panel DNS bölgenizi yönetiyorsa DKIM'i orada etkinleştirmek "
        "kaydı kendiliğinden ekler.",
    )


def check_dkim(domain: Domain, lookup: Lookup, profile: Profile) -> tuple[list[Finding], DkimState]:
    state = DkimState()
    findings = []
    selectors = [
        profile.dkim_selector,
        *(s for s in COMMON_SELECTORS if s != profile.dkim_selector),
    ]
    ours_status = None
    ours_found = False
    for selector in selectors:
        name = f"{selector}._domainkey.{domain.ascii}"
        answer = lookup.query(name, "TXT")
        is_ours = selector == profile.dkim_selector
        if answer.status is not Status.ANSWER:
            if is_ours:
                ours_status = answer.status
            continue
        keys = [r for r in answer.records if r.startswith("v=DKIM1") or "p=" in r]
        if not keys:
            continue
        finding = _key_finding(selector, name, keys[0], is_ours)
        ours_found = ours_found or is_ours
        if finding.level in (Level.OK, Level.WARNING, Level.INFO) and finding.id != "dkim.revoked":
            state.any_valid.append(selector)
            state.ours = state.ours or is_ours
        if finding.level is Level.ERROR and is_ours:
            finding.record = dkim_record(domain, profile)
        findings.append(finding)
    if not ours_found:
        if ours_status in (Status.FAILED, Status.SKIPPED):
            title = f"DKIM anahtarı okunamadı ({profile.dkim_selector} seçicisi)"
            findings.insert(0, unreadable("dkim", title, f"DNS yanıtı alınamadı; {RETRY_SOON}."))
        else:
            others = ", ".join(state.any_valid)
            also = (
                f" Başka seçicilerde anahtar bulduk ({others}); bunlar başka bir hizmetin olabilir."
                if others
                else ""
            )
            findings.insert(
                0,
                Finding(
                    "dkim.missing",
                    "dkim",
                    Level.ERROR,
                    f"DKIM anahtarı yayımlanmamış ({profile.dkim_selector} seçicisi)",
                    f"Sunucularımız iletilerinizi «{profile.dkim_selector}» seçicisiyle "
                    f"imzalar, ama {profile.dkim_selector}._domainkey.{domain} adında bir "
                    "anahtar yok. Alıcı sunucu imzayı doğrulayamaz; DMARC'ın dayanabileceği "
                    "tek şey SPF kalır." + also,
                    dkim_record(domain, profile),
                ),
            )
    return findings, state


def _key_finding(selector: str, name: str, record: str, is_ours: bool) -> Finding:
    tags, problems = parse_tags(record)
    whose = "sunucularımızın imzaladığı seçici" if is_ours else "yaygın bir seçici"
    title_end = f"({selector} seçicisi)"
    if "v" in tags and tags["v"] != "DKIM1" or "p" not in tags:
        return Finding(
            "dkim.invalid",
            "dkim",
            Level.ERROR,
            f"DKIM kaydı geçersiz {title_end}",
            f"{name} kaydı ({whose}) bir DKIM anahtar kaydı değil: v=DKIM1 ve p= etiketi "
            "olmalı. " + " ".join(problems),
            details=[record],
        )
    if not tags["p"]:
        return Finding(
            "dkim.revoked",
            "dkim",
            Level.WARNING if not is_ours else Level.ERROR,
            f"DKIM anahtarı iptal edilmiş {title_end}",
            f"{name} kaydında p= boş: bu seçiciyle atılan imzalar geçersiz sayılır.",
            details=[record],
        )
    key = read_key(tags.get("k", "rsa").lower(), tags["p"])
    if not key.ok:
        return Finding(
            "dkim.broken_key",
            "dkim",
            Level.ERROR,
            f"DKIM anahtarı bozuk {title_end}",
            f"{name} kaydındaki anahtar okunamıyor: {key.problem} Alıcı sunucular bu "
            "seçiciyle atılan imzaları doğrulayamaz. Kaydı yeniden, eksiksiz kopyalayın "
            "(uzun anahtarlar bölünürken karakter kaybolabilir).",
            details=[record],
        )
    if key.bits is not None and key.bits < 1024 and tags.get("k", "rsa") == "rsa":
        return Finding(
            "dkim.weak_key",
            "dkim",
            Level.ERROR,
            f"DKIM anahtarı çok kısa ({key.bits} bit, {selector} seçicisi)",
            "1024 bitten kısa RSA anahtarlarını alıcı sunucular kabul etmez; 2048 bitlik "
            "yeni bir anahtar oluşturun.",
            details=[record],
        )
    testing = (
        " Kayıtta t=y var: alan adı DKIM'i deniyor, bazı alıcılar imzayı dikkate almaz."
        if "y" in tags.get("t", "").split(":")
        else ""
    )
    size = f"{key.bits} bitlik" if key.bits else "geçerli bir"
    level = Level.OK if is_ours else Level.INFO
    if key.bits and key.bits < 2048 and tags.get("k", "rsa") == "rsa":
        testing += " 1024 bit bugün zayıf sayılıyor; fırsat bulduğunuzda 2048 bite geçin."
        level = Level.WARNING if is_ours else Level.INFO
    return Finding(
        "dkim.ok" if is_ours else "dkim.other",
        "dkim",
        level,
        f"DKIM anahtarı yayımlanmış {title_end}",
        f"{name} adında {size} {tags.get('k', 'rsa').upper()} anahtarı var ({whose})." + testing,
        details=[record],
    )


def dmarc_value(domain: Domain, tags: dict[str, str] | None = None) -> str:
    """The DMARC record to publish: the customer's own tags kept, p= made valid, a rua
    address added when there is none."""
    tags = dict(tags or {})
    policy = tags.get("p", "").lower()
    parts = ["v=DMARC1", f"p={policy if policy in POLICIES else 'none'}"]
    if "rua" not in tags:
        parts.append(f"rua=mailto:dmarc@{domain.ascii}")
    parts += [f"{k}={v}" for k, v in tags.items() if k not in ("v", "p")]
    return "; ".join(parts)


ROLLOUT = (
    " Önerimiz adım adım ilerlemek: p=none ile başlayın, rua adresine gelen raporları "
    "2-4 hafta izleyin; iletilerinizi gönderen bütün hizmetler SPF ya da DKIM'den geçiyorsa "
    "p=quarantine'e, bir süre sonra p=reject'e geçin. dmarc@ adresi için bir posta kutusu "
    "açın ya da rua= değerini var olan bir adresinizle değiştirin."
)


def check_dmarc(
    domain: Domain, lookup: Lookup, profile: Profile, spf_state: SpfState, dkim: DkimState
) -> list[Finding]:
    name = f"_dmarc.{domain.ascii}"
    answer = lookup.query(name, "TXT")
    if answer.is_unknown:
        explanation = f"{name} için DNS yanıtı alınamadı; {RETRY_SOON}."
        return [unreadable("dmarc", "DMARC kaydı okunamadı", explanation)]
    records = [r for r in answer.records if r.replace(" ", "").startswith("v=DMARC1")]
    if not records:
        return [
            Finding(
                "dmarc.missing",
                "dmarc",
                Level.WARNING,
                "DMARC kaydı yok",
                f"{domain} için DMARC kaydı yok. Gmail, Yahoo ve Microsoft toplu gönderenlerden "
                "DMARC kaydı istiyor; kayıt olmadan alıcı sunucu, SPF ya da DKIM başarısız "
                "olduğunda ne yapacağını sizin yerinize seçer ve size rapor göndermez."
                + ROLLOUT
                + where_to_edit(profile),
                Record(name, "TXT", dmarc_value(domain)),
            )
        ]
    if len(records) > 1:
        return [
            Finding(
                "dmarc.multiple",
                "dmarc",
                Level.ERROR,
                "Birden fazla DMARC kaydı var",
                f"{name} adında {len(records)} DMARC kaydı var; bu durumda alıcı sunucular "
                "hiçbirini uygulamaz. Yalnızca aşağıdakini bırakın.",
                Record(name, "TXT", dmarc_value(domain, parse_tags(records[0])[0])),
                details=records,
            )
        ]
    tags, problems = parse_tags(records[0])
    policy = tags.get("p", "").lower()
    findings = []
    if policy not in POLICIES:
        findings.append(
            Finding(
                "dmarc.bad_policy",
                "dmarc",
                Level.ERROR,
                "DMARC kaydında geçerli bir p= politikası yok",
                "p= none, quarantine ya da reject olmalı; geçersiz kaydı alıcı sunucular yok "
                "sayar. " + " ".join(problems),
                Record(name, "TXT", dmarc_value(domain, tags)),
                details=records,
            )
        )
        return findings
    strict = policy in ("quarantine", "reject")
    if strict and not dkim.any_valid:
        findings.append(
            Finding(
                "dmarc.reject_without_dkim",
                "dmarc",
                Level.ERROR,
                f"DMARC politikası p={policy}, ama geçerli bir DKIM anahtarı yok",
                "İletileriniz DMARC'tan yalnızca SPF ile geçebilir. SPF, ileti bir "
                "yönlendirmeden (forward) ya da posta listesinden geçtiğinde bozulur; o "
                f"zaman alıcı sunucu politikanız gereği iletiyi "
                f"{'reddeder' if policy == 'reject' else 'spam klasörüne koyar'}. "
                "DKIM anahtarını yayımlayın (yukarıdaki DKIM bulgusu).",
                details=records,
            )
        )
    if strict and not spf_state.authorizes_us and not dkim.ours:
        findings.append(
            Finding(
                "dmarc.strict_unauthenticated",
                "dmarc",
                Level.ERROR,
                "DMARC politikası sıkı, ama sunucularımız ne SPF'te ne DKIM'de var",
                "Sunucularımızdan gönderdiğiniz iletiler DMARC'tan geçemez ve politikanız "
                "gereği reddedilir ya da spam sayılır. Önce SPF ve DKIM bulgularındaki "
                "kayıtları ekleyin.",
            )
        )
    level = Level.INFO if policy == "none" else Level.OK
    text = {
        "none": "Yalnızca izleme: alıcı sunucular DMARC'tan geçmeyen iletilere bir şey "
        "yapmaz, size rapor gönderir. Raporlar temiz çıkınca p=quarantine'e geçin.",
        "quarantine": "DMARC'tan geçmeyen iletiler spam klasörüne konur.",
        "reject": "DMARC'tan geçmeyen iletiler reddedilir; alan adınızı taklit etmek zordur.",
    }[policy]
    extra = []
    if tags.get("pct", "100") != "100":
        extra.append(f"pct={tags['pct']}: politika iletilerin yalnızca bir kısmına uygulanır.")
    if "sp" in tags:
        extra.append(f"Alt alan adları için politika: sp={tags['sp']}.")
    for tag, what in (("adkim", "DKIM"), ("aspf", "SPF")):
        if tags.get(tag, "r").lower() == "s":
            extra.append(
                f"{tag}=s: {what} için sıkı hizalama; alt alan adından gönderilen "
                "iletiler hizalanmış sayılmaz."
            )
    findings.append(
        Finding(
            "dmarc.ok",
            "dmarc",
            level,
            f"DMARC kaydı var (p={policy})",
            " ".join([text, *extra]),
            details=records,
        )
    )
    if "rua" not in tags:
        findings.append(
            Finding(
                "dmarc.no_rua",
                "dmarc",
                Level.WARNING,
                "DMARC raporları hiçbir yere gitmiyor (rua= yok)",
                "rua= olmadan alıcı sunucuların toplu raporlarını almazsınız; hangi "
                "iletilerinizin DMARC'tan geçmediğini göremezsiniz.",
                Record(name, "TXT", dmarc_value(domain, tags)),
                details=records,
            )
        )
    elif not all(a.strip().lower().startswith("mailto:") for a in tags["rua"].split(",")):
        findings.append(
            Finding(
                "dmarc.bad_rua",
                "dmarc",
                Level.WARNING,
                "rua= adresi mailto: ile başlamıyor",
                "Rapor adresleri mailto:adres@alanadi biçiminde yazılmalı.",
                details=records,
            )
        )
    return findings
