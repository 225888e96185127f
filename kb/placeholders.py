"""Named placeholders in staff-written text: `{smtp_host}` becomes our outgoing server's name.

Content for customers names our own settings (the host profile, kb/models/host_profile.py)
through placeholders, and the text readers see has them filled in once, when the row is
rendered at save (`render()` of ReplyCode and ProviderResponse), never per request; saving
the host profile renders again every text that uses one (kb/hosting.py).

The grammar, chosen so that the braces of Exim expansions, PowerShell hash tables and
`{MAIL_TO}`-style template variables in reference text stay as they are:
- `{name}`, a lower-case name from PLACEHOLDERS, is replaced by its value;
- `{{name}}` writes `{name}` itself (to show a placeholder without filling it in);
- every other brace is plain text.
A lower-case `{name}` that is not in PLACEHOLDERS is an error on save (`unknown_names`).
"""

import re

# Name → what it stands for, in the order the admin lists them.
PLACEHOLDERS = {
    "company": "Firma adımız",
    "smtp_host": "Giden posta sunucusu (SMTP)",
    "smtp_port_starttls": "SMTP portu, STARTTLS",
    "smtp_port_ssl": "SMTP portu, SSL/TLS",
    "imap_host": "Gelen posta sunucusu (IMAP)",
    "pop3_host": "Gelen posta sunucusu (POP3)",
    "webmail_url": "Web posta adresi",
    "spf_include": "SPF kaydına eklenecek mekanizma (include:…)",
    "spf_include_domain": "SPF include alan adı (include: olmadan)",
    "dkim_selector": "DKIM seçicisi",
    "mx_hosts": "MX sunucuları, virgülle ayrılmış",
    "outgoing_ips": "Giden IP adresleri, virgülle ayrılmış",
    "panel": "Kontrol panelinin adı",
    "panel_dns_path": "Panelde DNS bölgesinin yolu",
    "panel_email_path": "Panelde e-posta hesaplarının yolu",
    "panel_dkim_path": "Panelde DKIM ayarının yolu",
    "ptr_request": "PTR kaydının nasıl isteneceği",
    "queue_retry": "Sunucumuzun yeniden deneme süresi (örn. 5 gün)",
    "support_url": "Bu kod için destek talebi adresi",
}

_TOKEN_RE = re.compile(r"\{\{([a-z][a-z0-9_]*)\}\}|\{([a-z][a-z0-9_]*)\}")


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with every known placeholder replaced by its value (unknown ones are kept)."""

    def replace(match: re.Match) -> str:
        escaped, name = match.groups()
        if escaped is not None:
            return "{" + escaped + "}"
        return values.get(name, match.group(0))

    return _TOKEN_RE.sub(replace, text or "")


def uses_any(*texts: str) -> bool:
    """Whether any of `texts` names a placeholder (`fill` would change it)."""
    return any(name for text in texts for _, name in _TOKEN_RE.findall(text or ""))


def unknown_names(text: str) -> list[str]:
    """The placeholder names in `text` that are not in PLACEHOLDERS, in order, once each."""
    found = [name for _, name in _TOKEN_RE.findall(text or "") if name]
    return list(dict.fromkeys(name for name in found if name not in PLACEHOLDERS))


def errors(texts: dict[str, str]) -> dict[str, str]:
    """Field name → the Turkish error, for each text that names an unknown placeholder."""
    found = {name: unknown_names(text) for name, text in texts.items()}
    return {name: unknown_message(unknown) for name, unknown in found.items() if unknown}


def unknown_message(names: list[str]) -> str:
    listed = ", ".join(f"{{{name}}}" for name in names)
    noun = "yer tutucu" if len(names) == 1 else "yer tutucular"
    return (
        f"Bilinmeyen {noun}: {listed}. Kullanılabilenler formun yanındaki listede; "
        "süslü parantezi olduğu gibi göstermek için {{ad}} yazın."
    )
