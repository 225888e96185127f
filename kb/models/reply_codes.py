"""Reply codes: the site's content.

Staff write Markdown; the sanitized HTML of every text field is rendered once, when the row
is saved (`render()`), so a public page runs no Markdown. `reply_class` is derived from
the code and never typed. The draft workflow (save a draft, publish, restore) lives in
kb/editing.py.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from kb import paths, placeholders
from kb.models.fields import NaturalKey, RenderedAtSave, markdown, rendered_html
from kb.models.history import versions
from kb.models.host_profile import HostProfile
from kb.models.reply_code_queries import ReplyCodeQuerySet
from kb.rendering import render_inline, render_markdown, render_reference
from kb.smtp import codes
from kb.smtp.text import first_step, normalize_newlines

CLASS_CHOICES = [(info.digit, info.name) for info in codes.CLASSES.values()]
ACTOR_CHOICES = [(actor.key, actor.label) for actor in codes.ACTORS.values()]


def validate_actors(value) -> None:
    if not isinstance(value, list) or any(key not in codes.ACTORS for key in value):
        raise ValidationError(f"Şunlardan biri ya da birkaçı olmalı: {', '.join(codes.ACTORS)}.")


class Origin(models.TextChoices):
    STANDARD = "standard", "Standart (RFC)"
    VENDOR = "vendor", "Üreticiye özgü"
    CLIENT = "client", "İstemci tarafı (SMTP yanıtı değil)"
    DOTLESS = "dotless", "Noktasız yazım (SMTP yanıtı değil)"


# The answer-first summary at the top of every code page (and in the API).
SUMMARY_FIELDS = (
    "summary",
    "self_heals",
    "self_heals_note",
    "delay_note",
    "who_acts",
    "who_acts_note",
    "first_steps",
)
# Content fields an editor can save as a draft before publishing.
DRAFT_FIELDS = (
    "title",
    *SUMMARY_FIELDS,
    "meaning",
    "retry_note",
    "remedy_customer",
    "remedy_admin",
    "examples",
    "origin",
    "vendor",
    "reference",
)
# The draft also keeps the related codes the editor chose, as a list of codes, and whether
# the code is to be published (unticking «Yayında» is published like any other change).
DRAFT_RELATED = "related"
DRAFT_STATE = "is_published"
# The customer-facing fields that may name the host profile's settings (`{smtp_host}`,
# kb/placeholders.py); `filled_text` holds them with the values filled in.
PLACEHOLDER_FIELDS = (
    "summary",
    "self_heals_note",
    "delay_note",
    "who_acts_note",
    "first_steps",
    "retry_note",
    "remedy_customer",
    "remedy_admin",
)
# Markdown source field → the field holding its sanitized HTML.
RENDERED = {
    "first_steps": "first_steps_html",
    "meaning": "meaning_html",
    "retry_note": "retry_note_html",
    "remedy_customer": "remedy_customer_html",
    "remedy_admin": "remedy_admin_html",
}
RENDERED_FIELDS = (*RENDERED.values(), "first_step_html", "reference_html", "filled_text")
# Saving only these changes nothing a reader sees.
PRIVATE_FIELDS = frozenset({"draft", "version", "reviewed_at", "seeded_hash"})


def normalize_text(value):
    """Text as stored (LF line endings, no trailing spaces); other values unchanged. A
    browser posts CRLF: without this every save would seem to change every text field."""
    return normalize_newlines(value) if isinstance(value, str) else value


@dataclass(frozen=True)
class Example:
    """One sample server response, stored as a line «provider | response»."""

    provider: str
    text: str

    @classmethod
    def parse(cls, line: str) -> "Example":
        provider, separator, text = line.partition(" | ")
        if not separator:
            return cls(provider="", text=line.strip())
        return cls(provider=provider.strip(), text=text.strip())


class ReplyCode(NaturalKey, RenderedAtSave):
    NATURAL_KEY = "code"

    code = models.CharField(
        "kod",
        max_length=codes.MAX_CODE_LENGTH,
        unique=True,
        help_text="Üç haneli yanıt kodu (450), genişletilmiş durum kodu (5.1.1) "
        "ya da bir aralık (5.7.606-649).",
    )
    reply_class = models.PositiveSmallIntegerField(
        "sınıf", choices=CLASS_CHOICES, editable=False, help_text="Kodun ilk hanesi."
    )
    title = models.CharField("başlık", max_length=120)
    summary = models.CharField(
        "ne oldu? (özet)",
        max_length=240,
        default="",
        help_text="Müşteri için tek, sade bir cümle; RFC terimi ya da komut adı olmadan.",
    )
    self_heals = models.BooleanField(
        "kendiliğinden düzelir",
        default=False,
        help_text="Neden, kimse bir şey yapmadan genellikle geçer mi?",
    )
    self_heals_note = models.TextField(
        "kendiliğinden düzelir mi? (geri dönen iletisi olan için)",
        default="",
        help_text="Ne kadar sürer; ileti teslim edilmediği için ne zaman yeniden gönderilmeli?",
    )
    delay_note = models.TextField(
        "gecikme bildirimi alan için",
        blank=True,
        help_text="Yalnızca gecikme bildiriminde de gelen kodlar için: sunucu hâlâ deniyor, "
        "ne kadar sürer, ne yapılmamalı.",
    )
    who_acts = models.JSONField(
        "sorun kimde?",
        default=list,
        blank=True,
        validators=[validate_actors],
        help_text="Kim bir şey yapmalı; önce asıl sorumlu. Başarılı kodlarda boş.",
    )
    who_acts_note = models.TextField(
        "sorun kimde? (açıklama)", blank=True, help_text="Bu kodda kimin ne yapacağı, tek cümle."
    )
    first_steps = markdown(
        "İlk adımlar",
        default="",
        help_text="1–3 numaralı kısa adım; yeniden göndermek doğruysa son adım onu söyler.",
    )
    meaning = markdown("anlamı")
    retry_note = models.TextField(
        "geçici mi, kalıcı mı?",
        blank=True,
        help_text="Gönderen sunucu yeniden dener mi, müşteri yeniden göndermeli mi?",
    )
    remedy_customer = markdown("müşteri ne yapmalı")
    remedy_admin = markdown("yönetici / destek ne kontrol etmeli", blank=True)
    examples = models.TextField(
        "örnek sunucu mesajları",
        blank=True,
        help_text="Her satıra bir örnek: «Sağlayıcı | sunucunun yanıtı».",
    )
    origin = models.CharField("kaynak türü", max_length=10, choices=Origin.choices)
    vendor = models.CharField(
        "üretici", max_length=80, blank=True, help_text="Örn. Microsoft Exchange, Gmail."
    )
    reference = models.CharField(
        "referans", max_length=300, help_text="Örn. RFC 5321 §4.2.3, ya da başlık ve bağlantı."
    )
    # Directed: each page lists the codes its editor chose (550 → 5.1.1 does not force 5.1.1 → 550).
    related = models.ManyToManyField(
        "self", verbose_name="İlgili kodlar", blank=True, symmetrical=False
    )
    is_published = models.BooleanField("yayında", default=True)
    reviewed_at = models.DateField(
        "son inceleme", null=True, blank=True, help_text="İçeriğin en son gözden geçirildiği gün."
    )
    draft = models.JSONField(
        "taslak",
        null=True,
        blank=True,
        editable=False,
        help_text="Yayınlanmamış düzenlemeler; yayınlanana kadar herkese açık sayfa değişmez.",
    )
    version = models.PositiveIntegerField("sürüm", default=1, editable=False)
    # Rendered at save from the Markdown fields above (see RENDERED).
    first_steps_html = rendered_html()
    meaning_html = rendered_html()
    retry_note_html = rendered_html()
    remedy_customer_html = rendered_html()
    remedy_admin_html = rendered_html()
    first_step_html = rendered_html()
    reference_html = rendered_html()
    # PLACEHOLDER_FIELDS with the host profile's values filled in, at save (see `filled`).
    filled_text = models.JSONField(editable=False, default=dict)
    sort_key = models.CharField(max_length=20, editable=False, db_index=True)
    seeded_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField("oluşturulma", auto_now_add=True)
    updated_at = models.DateTimeField(
        "son güncelleme",
        default=timezone.now,
        editable=False,
        help_text="Yayındaki içeriğin son değişikliği.",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="güncelleyen",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ReplyCodeQuerySet.as_manager()
    rendered_fields = RENDERED_FIELDS
    history = versions(
        "yanıt kodu",
        m2m_fields=[related],
        excluded_fields=["sort_key", "seeded_hash", "created_at", *rendered_fields],
    )

    class Meta:
        ordering = ["sort_key"]
        verbose_name = "yanıt kodu"
        verbose_name_plural = "yanıt kodları"

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def save(self, *args, **kwargs) -> None:
        self.normalize()
        self.sort_key = codes.sort_key(self.code)
        self.reply_class = int(self.code[0])
        if not self._state.adding:
            self.version += 1
        super().save(*args, **kwargs)

    def needs_render(self, update_fields) -> bool:
        return update_fields is None or not set(update_fields) <= PRIVATE_FIELDS

    def get_absolute_url(self) -> str:
        return paths.code_path(self.code)

    def normalize(self) -> None:
        """Normalize every text field in place (see `normalize_text`)."""
        for field in self._meta.concrete_fields:
            if field.editable and isinstance(field, models.CharField | models.TextField):
                setattr(self, field.attname, normalize_text(getattr(self, field.attname)))

    def render(self, values: dict[str, str] | None = None) -> None:
        """Fill the *_html fields and `filled_text` from the Markdown fields (in memory), with
        the placeholders filled in from `values` (by default, the host profile in use)."""
        values = HostProfile.current().placeholders(self.code) if values is None else values
        self.filled_text = {
            name: placeholders.fill(getattr(self, name), values) for name in PLACEHOLDER_FIELDS
        }
        filled = self.filled
        for source, target in RENDERED.items():
            setattr(self, target, render_markdown(filled.get(source, getattr(self, source))))
        self.first_step_html = render_inline(
            first_step(filled["first_steps"] or filled["remedy_customer"])
        )
        self.reference_html = render_reference(self.reference)

    def clean(self) -> None:
        super().clean()
        self.normalize()
        errors = {}
        if not codes.is_valid(self.code):
            errors["code"] = (
                "Geçerli bir SMTP kodu girin: 450 gibi üç hane, 5.1.1 gibi üç parça "
                "ya da 5.7.606-649 gibi bir aralık."
            )
        errors.update(placeholders.errors({n: getattr(self, n) for n in PLACEHOLDER_FIELDS}))
        if errors:
            raise ValidationError(errors)

    @property
    def filled(self) -> dict[str, str]:
        """PLACEHOLDER_FIELDS as readers see them: the host profile's values filled in."""
        filled = self.filled_text  # the raw field only where it is missing (it may be deferred)
        return {
            name: filled[name] if name in filled else getattr(self, name)
            for name in PLACEHOLDER_FIELDS
        }

    @property
    def class_info(self) -> codes.ClassInfo:
        return codes.DOTLESS if self.origin == Origin.DOTLESS else codes.class_of(self.code)

    @property
    def is_enhanced(self) -> bool:
        return codes.subject_of(self.code) is not None

    @property
    def actors(self) -> list[codes.Actor]:
        return [codes.ACTORS[key] for key in self.who_acts if key in codes.ACTORS]

    @property
    def editor_name(self) -> str:
        """Who last changed the public content, as shown to readers."""
        name = self.updated_by.get_full_name() if self.updated_by_id else ""
        return name or settings.KB_AUTHOR_NAME

    @property
    def subject(self) -> int | None:
        return codes.subject_of(self.code)

    @property
    def heading(self) -> str:
        """The page title: «SMTP 450 hatası: …», «SMTP 250 kodu: …», «101 bağlantı hatası: …»."""
        if self.reply_class == 1:
            return f"{self.code} bağlantı hatası: {self.title}"
        if self.origin == Origin.DOTLESS:
            return f"{self.code} noktasız kodu: {self.title}"
        noun = "hatası" if self.reply_class >= 4 else "kodu"
        return f"SMTP {self.code} {noun}: {self.title}"

    @property
    def example_list(self) -> list[Example]:
        return [Example.parse(line) for line in self.examples.splitlines() if line.strip()]
