"""The SPF findings of a check, in Turkish, with the exact record to publish."""

from dataclasses import dataclass

from kb.smtp.domaincheck import spf
from kb.smtp.domaincheck.findings import Finding, Level, Profile, Record, unreadable
from kb.smtp.domaincheck.lookup import Lookup
from kb.smtp.domaincheck.names import Domain


@dataclass
class SpfState:
    authorizes_us: bool = False


def where_to_edit(profile: Profile) -> str:
    if profile.panel_dns_path:
        return f" Kaydı panelde {profile.panel_dns_path} ekranından ekleyebilirsiniz."
    return " Kaydı alan adınızın DNS bölgesini (zone) yönettiğiniz yerden ekleyin."


def check_spf(domain: Domain, lookup: Lookup, profile: Profile) -> tuple[list[Finding], SpfState]:
    state = SpfState()
    answer = lookup.query(domain.ascii, "TXT")
    ours = profile.spf_mechanism
    if answer.is_unknown:
        return [_unreadable(domain)], state
    records = spf.spf_records(answer.records)
    if not records:
        value = spf.recommend([], ours, False)
        return [
            Finding(
                "spf.missing",
                "spf",
                Level.ERROR,
                "SPF kaydı yok",
                f"{domain} için yayımlanmış bir SPF kaydı bulunamadı. Alıcı sunucular, "
                "iletilerinizi hangi sunucuların göndermeye yetkili olduğunu bilemez; "
                "birçoğu bu iletileri istenmeyen posta (spam) sayar ya da reddeder. "
                "Aşağıdaki TXT kaydını alan adınızın kendisine ekleyin." + where_to_edit(profile),
                Record(domain.ascii, "TXT", value),
            )
        ], state
    findings: list[Finding] = []
    parsed = [spf.parse(record) for record in records]
    if len(records) > 1:
        findings.append(
            Finding(
                "spf.multiple",
                "spf",
                Level.ERROR,
                "Birden fazla SPF kaydı var",
                f"{domain} adında {len(records)} ayrı v=spf1 kaydı var. Bir alan adının tek bir "
                "SPF kaydı olabilir; birden fazlası olduğunda alıcı sunucular SPF'yi kalıcı "
                "hata sayar ve hiçbirini kullanmaz. Kayıtları aşağıdaki tek kayıtta "
                "birleştirin, ötekileri silin." + where_to_edit(profile),
                Record(domain.ascii, "TXT", spf.recommend(parsed, ours, False)),
                details=records,
            )
        )
    main = parsed[0]
    if main.problems:
        findings.append(
            Finding(
                "spf.syntax",
                "spf",
                Level.ERROR,
                "SPF kaydında yazım hatası var",
                "Alıcı sunucular yazım hatası olan SPF kaydını kalıcı hata sayar: "
                + " ".join(main.problems),
                details=records,
            )
        )
    tree = spf.count_lookups(main, lookup, seen={domain.ascii})
    findings.extend(_limits(tree))
    all_term = main.all_term
    if all_term is None and main.redirect is None:
        findings.append(
            Finding(
                "spf.no_all",
                "spf",
                Level.WARNING,
                "SPF kaydı «all» ile bitmiyor",
                "Kaydın sonunda ~all ya da -all olmadığında, listede olmayan sunuculardan "
                "gelen iletiler için SPF sonucu «nötr» olur; alıcı sunucular sahte "
                "iletileri ayırt edemez.",
            )
        )
    elif all_term is not None and all_term.qualifier in ("", "+"):
        findings.append(
            Finding(
                "spf.pass_all",
                "spf",
                Level.ERROR,
                "SPF kaydı herkese izin veriyor (+all)",
                "+all, dünyadaki her sunucunun alan adınız adına ileti göndermesine izin verir; "
                "kayıt hiçbir şeyi korumaz ve birçok alıcı sunucu bunu kötü bir işaret sayar.",
            )
        )
    elif all_term is not None and all_term.qualifier == "?":
        findings.append(
            Finding(
                "spf.neutral_all",
                "spf",
                Level.WARNING,
                "SPF kaydı ?all ile bitiyor",
                "?all, listede olmayan sunucular için «bilmiyorum» der; alıcı sunucular "
                "sahte iletileri SPF ile ayırt edemez. ~all (ya da emin olduğunuzda -all) "
                "kullanın.",
            )
        )
    if any(t.name == "ptr" and not t.modifier for t in main.terms):
        findings.append(
            Finding(
                "spf.ptr",
                "spf",
                Level.WARNING,
                "SPF kaydında ptr mekanizması var",
                "ptr mekanizması yavaştır, güvenilmezdir ve kullanılmaması önerilir; "
                "bazı alıcı sunucular onu hiç değerlendirmez. Yerine ip4:, ip6: ya da "
                "include: kullanın.",
            )
        )
    if len(records[0]) > spf.LONG_RECORD:
        findings.append(
            Finding(
                "spf.long",
                "spf",
                Level.WARNING,
                "SPF kaydı çok uzun",
                f"Kayıt {len(records[0])} karakter. Bu kadar uzun kayıtlar UDP yanıtına "
                "sığmayabilir ve bazı alıcı sunucularda okunamaz; ip4: listelerini bir "
                "include: kaydında toplayın.",
            )
        )
    state.authorizes_us = bool(profile.spf_include_domain) and (
        profile.spf_include_domain in tree.includes
    )
    merged = any(f.id == "spf.multiple" for f in findings)  # its record adds ours already
    if profile.spf_include_domain and not state.authorizes_us:
        findings.append(
            Finding(
                "spf.include_missing",
                "spf",
                Level.ERROR,
                f"SPF kaydı sunucularımızı kapsamıyor ({ours} yok)",
                f"Kayıtta {ours} olmadığı için {profile.company_name} sunucularından "
                "gönderdiğiniz iletiler SPF denetiminden geçemez. "
                + (
                    "Yukarıdaki birleştirilmiş kayıt bunu da düzeltir."
                    if merged
                    else "Var olan kaydınızı silip yerine aşağıdakini yazın; kayıttaki öteki "
                    "sunucularınız korunur." + where_to_edit(profile)
                ),
                None if merged else Record(domain.ascii, "TXT", spf.recommend(parsed, ours, False)),
                details=records,
            )
        )
    recommended = spf.recommend(parsed, ours, state.authorizes_us)
    fixable = {"spf.no_all", "spf.pass_all", "spf.neutral_all", "spf.syntax"}
    if (
        not any(f.record for f in findings)
        and any(f.id in fixable for f in findings)
        and recommended != records[0]
    ):
        findings.append(
            Finding(
                "spf.change",
                "spf",
                Level.INFO,
                "Önerilen SPF kaydı",
                "Var olan kaydınızı silip yerine bunu yazın." + where_to_edit(profile),
                Record(domain.ascii, "TXT", recommended),
                details=records,
            )
        )
    if not findings:
        findings.append(
            Finding(
                "spf.ok",
                "spf",
                Level.OK,
                "SPF kaydı doğru",
                f"Tek bir SPF kaydı var ve {tree.lookups} DNS sorgusuyla 10 sınırının içinde "
                "kalıyor." + (f" {ours} ile sunucularımızı kapsıyor." if ours else ""),
                details=records,
            )
        )
    return findings, state


def _limits(tree: spf.Tree) -> list[Finding]:
    findings = []
    if tree.over_limit:
        findings.append(
            Finding(
                "spf.too_many_lookups",
                "spf",
                Level.ERROR,
                f"SPF kaydı 10 DNS sorgusu sınırını aşıyor ({tree.lookups} sorgu)",
                "include, a, mx, ptr, exists ve redirect terimleri, gösterdikleri kayıtlar "
                "dahil toplam en fazla 10 DNS sorgusu yaptırabilir. Sınır aşıldığında alıcı "
                "sunucular SPF'yi kalıcı hata sayar ve iletiniz SPF'ten geçmemiş olur. "
                "Kullanmadığınız hizmetlerin include: terimlerini silin ya da sabit "
                "adresleri ip4:/ip6: olarak yazın.",
            )
        )
    if tree.voids > spf.VOID_LIMIT:
        level, title = Level.ERROR, f"SPF kaydında {tree.voids} boş sorgu var (sınır 2)"
    elif tree.voids:
        level, title = Level.WARNING, "SPF kaydı var olmayan bir kaydı gösteriyor"
    else:
        level = None
    if level is not None:
        findings.append(
            Finding(
                "spf.void_lookups",
                "spf",
                level,
                title,
                "include ya da redirect ile gösterilen adlardan bazıları DNS'te yok ya da "
                "SPF kaydı taşımıyor. İkiden fazla böyle sorgu kalıcı hata sayılır; bu "
                "terimleri silin.",
            )
        )
    if tree.problems:
        findings.append(
            Finding(
                "spf.include_problem",
                "spf",
                Level.ERROR,
                "SPF kaydının gösterdiği kayıtlarda sorun var",
                " ".join(tree.problems[:5]),
            )
        )
    if tree.failed:
        findings.append(
            Finding(
                "spf.include_unreadable",
                "spf",
                Level.WARNING,
                "SPF kaydının gösterdiği bazı kayıtlar okunamadı",
                "Şu adların DNS yanıtı alınamadı, sorgu sayısı eksik olabilir: "
                + ", ".join(tree.failed[:5])
                + ".",
            )
        )
    return findings


def _unreadable(domain: Domain) -> Finding:
    return unreadable(
        "spf",
        "SPF kaydı okunamadı",
        f"{domain} adının TXT kayıtları için DNS yanıtı alınamadı (zaman aşımı ya da sunucu "
        "hatası). Alıcı sunucular da aynı sorunu yaşarsa SPF'yi geçici hata sayar (4.7.24). "
        "Birkaç dakika sonra yeniden deneyin; sürerse alan adınızın DNS sunucularını "
        "kontrol edin.",
    )
