"""Providers (Gmail, Microsoft 365, Yahoo, the security gateways …) and the exact sentences
their servers send, each explained in Turkish on the code page it belongs to.

A response's `signature` (its words without addresses, IPs, IDs and URLs, see
kb/smtp/signatures.py) is computed at save, so the decoder matches a pasted bounce against
every response without parsing their texts per request.
"""

from django.core.exceptions import ValidationError
from django.db import models

from kb import paths, placeholders
from kb.models.fields import (
    NaturalKey,
    NaturalKeyQuerySet,
    RenderedAtSave,
    markdown,
    rendered_html,
)
from kb.models.history import versions
from kb.models.host_profile import HostProfile
from kb.models.reply_codes import ReplyCode, validate_actors
from kb.rendering import render_markdown
from kb.smtp import codes, signatures


class ProviderKind(models.TextChoices):
    MAILBOX = "mailbox", "E-posta hizmeti"
    GATEWAY = "gateway", "Güvenlik ağ geçidi (filtre)"


class Provider(NaturalKey, RenderedAtSave):
    NATURAL_KEY = "slug"

    slug = models.SlugField("kısa ad", unique=True, help_text="Adres: /saglayici/<kısa ad>.")
    name = models.CharField("ad", max_length=80)
    kind = models.CharField("tür", max_length=10, choices=ProviderKind.choices)
    domains = models.JSONField(
        "alan adları", default=list, blank=True, help_text="Hizmet verdiği alıcı alan adları."
    )
    markers = models.JSONField(
        "tanıma işaretleri",
        default=list,
        blank=True,
        help_text="Geri dönen iletide bu sağlayıcıyı gösteren küçük harfli parçalar "
        "(sunucu adları, «gsmtp» gibi imzalar).",
    )
    postmaster_url = models.URLField("postmaster sayfası", blank=True)
    delisting_url = models.URLField("kara listeden çıkma sayfası", blank=True)
    guidelines_url = models.URLField("gönderen yönergeleri", blank=True)
    description = markdown("açıklama")
    description_html = rendered_html()
    seeded_hash = models.CharField(max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField("son güncelleme", auto_now=True)

    objects = NaturalKeyQuerySet.as_manager()
    rendered_fields = ("description_html",)
    history = versions("sağlayıcı", excluded_fields=[*rendered_fields, "seeded_hash"])

    class Meta:
        ordering = ["name"]
        verbose_name = "sağlayıcı"
        verbose_name_plural = "sağlayıcılar"

    def __str__(self) -> str:
        return self.name

    def render(self) -> None:
        self.description_html = render_markdown(self.description)

    def get_absolute_url(self) -> str:
        return paths.provider_path(self.slug)


RESPONSE_RENDERED = {
    "meaning": "meaning_html",
    "customer_fix": "customer_fix_html",
    "admin_fix": "admin_fix_html",
}
# The fixes may name the host profile's settings ({smtp_host}…, kb/placeholders.py).
RESPONSE_PLACEHOLDER_FIELDS = ("customer_fix", "admin_fix")


class ProviderResponseQuerySet(NaturalKeyQuerySet):
    def published(self):
        return self.filter(page__is_published=True)


class ProviderResponse(NaturalKey, RenderedAtSave):
    NATURAL_KEY = "slug"

    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, related_name="responses", verbose_name="sağlayıcı"
    )
    slug = models.SlugField(
        "bağlantı adı",
        max_length=80,
        unique=True,
        help_text="Kod sayfasındaki yeri: /kod/5.7.26#<bağlantı adı>.",
    )
    page = models.ForeignKey(
        ReplyCode,
        on_delete=models.PROTECT,
        related_name="provider_responses",
        verbose_name="kod sayfası",
    )
    reply_code = models.CharField("yanıt kodu", max_length=3, blank=True)
    enhanced_code = models.CharField("genişletilmiş kod", max_length=11, blank=True)
    text = models.TextField(
        "sunucunun yazdığı", help_text="Sağlayıcının yanıtı, yazdığı gibi, tek satır."
    )
    variants = models.JSONField(
        "öteki yazımlar", default=list, blank=True, help_text="Aynı yanıtın başka biçimleri."
    )
    translation = models.TextField("Türkçesi")
    meaning = markdown("bu sağlayıcıda anlamı")
    who_acts = models.JSONField(
        "sorun kimde?", default=list, blank=True, validators=[validate_actors]
    )
    self_heals = models.BooleanField("kendiliğinden düzelir", default=False)
    customer_fix = markdown("müşteri ne yapmalı")
    admin_fix = markdown("yönetici ne yapmalı", blank=True)
    links = models.JSONField("bağlantılar", default=list, blank=True)
    captured = models.BooleanField(
        "gerçek yanıt",
        default=True,
        help_text="Gerçek bir geri dönen iletiden ya da sağlayıcının belgesinden; değilse temsilî.",
    )
    source = models.URLField("kaynak", max_length=300, blank=True)
    meaning_html = rendered_html()
    customer_fix_html = rendered_html()
    admin_fix_html = rendered_html()
    # One line of words per text (the text and its variants), kb/smtp/signatures.py
    signature = models.TextField(editable=False, default="")
    seeded_hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = ProviderResponseQuerySet.as_manager()
    rendered_fields = (*RESPONSE_RENDERED.values(), "signature")
    history = versions(
        "sağlayıcı yanıtı",
        excluded_fields=[*rendered_fields, "seeded_hash"],
    )

    class Meta:
        ordering = ["page__sort_key", "provider__name", "slug"]
        verbose_name = "sağlayıcı yanıtı"
        verbose_name_plural = "sağlayıcı yanıtları"

    def __str__(self) -> str:
        return f"{self.provider}: {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return f"{self.page.get_absolute_url()}#{self.slug}"

    def render(self) -> None:
        """The signature of the text and its variants, and the *_html fields."""
        texts = [self.text, *self.variants]
        self.signature = "\n".join(" ".join(signatures.signature(text)) for text in texts)
        self.render_html()

    def render_html(self, values: dict[str, str] | None = None) -> None:
        """Fill the *_html fields, with the placeholders filled in from `values` (by default,
        the host profile in use; looked up only when a fix names one)."""
        if values is None:
            fixes = (getattr(self, name) for name in RESPONSE_PLACEHOLDER_FIELDS)
            uses = placeholders.uses_any(*fixes)
            values = HostProfile.current().placeholders(self.page.code) if uses else {}
        for source, target in RESPONSE_RENDERED.items():
            text = getattr(self, source)
            if source in RESPONSE_PLACEHOLDER_FIELDS:
                text = placeholders.fill(text, values)
            setattr(self, target, render_markdown(text))

    def clean(self) -> None:
        super().clean()
        if errors := placeholders.errors(
            {name: getattr(self, name) for name in RESPONSE_PLACEHOLDER_FIELDS}
        ):
            raise ValidationError(errors)

    @property
    def actors(self) -> list[codes.Actor]:
        return [codes.ACTORS[key] for key in self.who_acts if key in codes.ACTORS]

    @property
    def signatures(self) -> list[str]:
        return self.signature.splitlines()
