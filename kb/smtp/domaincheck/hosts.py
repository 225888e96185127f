"""MX of the domain, and reverse DNS (PTR, forward-confirmed) of our outgoing IPs and of
the sending IP a bounce names."""

import ipaddress

from kb.smtp.domaincheck.findings import RETRY_SOON, Finding, Level, Profile, Record, unreadable
from kb.smtp.domaincheck.lookup import Lookup, Status
from kb.smtp.domaincheck.names import Domain
from kb.smtp.domaincheck.spf_findings import where_to_edit

MAX_MX_RESOLVED = 3


def check_mx(domain: Domain, lookup: Lookup, profile: Profile) -> list[Finding]:
    answer = lookup.query(domain.ascii, "MX")
    if answer.status is Status.NXDOMAIN:
        return [
            Finding(
                "mx.no_domain",
                "mx",
                Level.ERROR,
                "Alan adı DNS'te yok",
                f"{domain} adı DNS'te bulunamadı (NXDOMAIN). Alan adı yanlış yazılmış, süresi "
                "dolmuş ya da DNS sunucuları henüz ayarlanmamış olabilir. Bu alan adına "
                "ileti gönderilemez, bu alan adından gönderilen iletiler de reddedilir.",
            )
        ]
    if answer.is_unknown:
        return [
            unreadable(
                "mx",
                "MX kaydı okunamadı",
                f"{domain} için DNS yanıtı alınamadı (zaman aşımı ya da sunucu hatası). Alıcı "
                "sunucular da aynı sorunu yaşıyorsa iletiler geçici hatayla (4.4.3) kuyrukta "
                "bekler. Alan adınızın DNS sunucularını kontrol edin.",
            )
        ]
    ours = tuple(host.lower().rstrip(".") for host in profile.mx_hosts)
    if not answer.records:
        record = Record(domain.ascii, "MX", f"10 {ours[0]}.") if ours else None
        return [
            Finding(
                "mx.missing",
                "mx",
                Level.WARNING,
                "MX kaydı yok",
                f"{domain} için MX kaydı yok. Gönderen sunucular bu durumda alan adının A "
                "kaydındaki adrese teslim etmeyi dener; çoğu zaman orada posta sunucusu "
                "olmadığı için iletiler geri döner. Bazı alıcı sunucular MX kaydı olmayan "
                "alan adlarından gelen iletileri de reddeder."
                + (" E-postanız bizde barınıyorsa aşağıdaki kaydı ekleyin." if ours else "")
                + where_to_edit(profile),
                record,
            )
        ]
    entries = sorted((int(pref), host) for pref, host in (r.split(" ", 1) for r in answer.records))
    hosts = [host for _, host in entries]
    if hosts == [""] or hosts == ["."] or (len(hosts) == 1 and hosts[0] in ("", ".")):
        return [
            Finding(
                "mx.null",
                "mx",
                Level.WARNING,
                "Alan adı «null MX» yayımlıyor: e-posta almıyor",
                f"{domain} MX kaydıyla e-posta kabul etmediğini duyuruyor (0 .). Bu alan "
                "adına ileti gönderilemez; Gmail gibi alıcılar bu alan adından gelen "
                "iletileri de reddeder (5.7.27). Alan adı e-posta kullanıyorsa bu kaydı "
                "silip gerçek MX kayıtlarını ekleyin.",
                Record(domain.ascii, "MX", f"10 {ours[0]}.") if ours else None,
                details=answer.records,
            )
        ]
    findings = []
    resolved = unknown = 0
    for host in hosts[:MAX_MX_RESOLVED]:
        answers = [lookup.query(host, "A")]
        if answers[0].status is not Status.ANSWER:
            answers.append(lookup.query(host, "AAAA"))
        if answers[-1].status is Status.ANSWER:
            resolved += 1
        elif any(answer.is_unknown for answer in answers):
            unknown += 1  # no answer is no proof: the check says its result is partial
    if not resolved and not unknown:
        findings.append(
            Finding(
                "mx.unresolvable",
                "mx",
                Level.ERROR,
                "MX kaydının gösterdiği sunucuların adresi yok",
                f"MX kayıtları ({', '.join(hosts[:MAX_MX_RESOLVED])}) IP adresi olmayan "
                "adları gösteriyor; gönderen sunucular bu alan adına teslim edemez "
                "(5.1.2, 4.4.3). MX kayıtlarını düzeltin.",
                details=answer.records,
            )
        )
    pointing_to_us = [host for host in hosts if host in ours]
    if pointing_to_us:
        text = f"MX kayıtları {profile.company_name} posta sunucularını gösteriyor: gelen iletileriniz bize ulaşıyor."
    elif ours:
        text = (
            "MX kayıtları başka bir sağlayıcıyı gösteriyor: gelen iletileriniz bizim "
            "sunucularımıza değil oraya gidiyor. Bilerek yaptıysanız sorun yok."
        )
    else:
        text = "Gelen iletiler bu sunuculara teslim edilir."
    findings.append(
        Finding(
            "mx.ok",
            "mx",
            Level.OK if pointing_to_us or not ours else Level.INFO,
            "MX kaydı var",
            text,
            details=[f"{pref} {host}" for pref, host in entries],
        )
    )
    return findings


def reverse_dns(address: str, lookup: Lookup) -> tuple[str, list[str], bool | None]:
    """(PTR name owner, PTR names, forward-confirmed?): None when unknown (no DNS answer)."""
    owner = lookup.ptr_name(address)
    answer = lookup.query(owner, "PTR")
    if answer.is_unknown:
        return owner, [], None
    names = answer.records
    wanted = ipaddress.ip_address(address)
    unknown = False
    for name in names[:2]:
        rdtype = "A" if wanted.version == 4 else "AAAA"
        forward = lookup.query(name, rdtype)
        if any(ipaddress.ip_address(a) == wanted for a in forward.records):
            return owner, names, True
        unknown = unknown or forward.is_unknown
    return owner, names, None if unknown else False


def ptr_finding(address: str, lookup: Lookup, profile: Profile, *, sending: bool) -> Finding:
    owner, names, confirmed = reverse_dns(address, lookup)
    ours = address in profile.outgoing_ips
    prefix = "sender_ip" if sending else "ptr"
    who = "Geri dönen iletideki gönderen IP" if sending else "Giden sunucumuzun IP'si"
    ask = f" {profile.ptr_request}" if profile.ptr_request else " Destek ekibimize bildirin."
    fix = (
        ask
        if ours
        else " PTR kaydını bu IP adresinin sahibi (sunucu ya da hat sağlayıcısı) ekleyebilir."
    )
    if sending:
        whose = (
            f"Bu adres {profile.company_name} giden sunucularından biri."
            if ours
            else "Bu adres bizim giden sunucularımızdan biri değil: ileti başka bir sunucudan "
            "(örneğin e-posta programınızın başka bir hesabından ya da bir web sitesi "
            "eklentisinden) gönderilmiş olabilir; SPF kaydınız bu sunucuyu kapsamalı."
        )
    else:
        whose = ""
    if confirmed is None:
        title = f"{who} ({address}): ters DNS okunamadı"
        return unreadable("ptr", title, f"DNS yanıtı alınamadı; {RETRY_SOON}. {whose}", prefix)
    if not names:
        return Finding(
            f"{prefix}.missing",
            "ptr",
            Level.ERROR,
            f"{who} ({address}): PTR kaydı yok",
            "Bu IP adresinin ters DNS (PTR) kaydı yok. Birçok alıcı sunucu, ters DNS kaydı "
            "olmayan adreslerden gelen iletileri reddeder (5.7.25) ya da spam sayar."
            + fix
            + (" " + whose if whose else ""),
            Record(owner, "PTR", "(giden sunucunun adı)", "PTR kaydını IP adresinin sahibi ekler.")
            if not ours
            else None,
        )
    if not confirmed:
        return Finding(
            f"{prefix}.not_confirmed",
            "ptr",
            Level.ERROR,
            f"{who} ({address}): PTR adı bu adrese geri çözülmüyor",
            f"PTR kaydı {', '.join(names)} adını gösteriyor, ama bu ad {address} adresine "
            "çözülmüyor (ileri doğrulamalı ters DNS, FCrDNS, başarısız). Alıcı sunucular "
            "bunu sahte ad sayabilir (5.7.25)." + fix + (" " + whose if whose else ""),
            details=names,
        )
    return Finding(
        f"{prefix}.ok",
        "ptr",
        Level.OK if ours or not sending else Level.INFO,
        f"{who} ({address}): ters DNS doğru",
        f"PTR kaydı {names[0]} adını gösteriyor ve bu ad yeniden {address} adresine "
        "çözülüyor." + (" " + whose if whose else ""),
        details=names,
    )
