"""Reply codes (the site's content) and the searches that found none."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from kb import codes

MARKDOWN_HELP = (
    "Markdown: boş satır yeni paragraf; «1. » ile numaralı adımlar; "
    "`ters tırnak` komut ve DNS kayıtları için; [metin](https://adres) bağlantı için."
)


class ReplyClass(models.IntegerChoices):
    CLIENT = 1, "Bağlantı hatası (SMTP yanıtı değil)"
    SUCCESS = 2, "Başarılı"
    INTERMEDIATE = 3, "Ara yanıt"
    TRANSIENT = 4, "Geçici hata"
    PERMANENT = 5, "Kalıcı hata"


class Origin(models.TextChoices):
    STANDARD = "standard", "Standart (RFC)"
    VENDOR = "vendor", "Üreticiye özgü"
    CLIENT = "client", "İstemci tarafı (SMTP yanıtı değil)"


# Content fields an editor can save as a draft before publishing.
DRAFT_FIELDS = (
    "title",
    "meaning",
    "retry_note",
    "remedy_customer",
    "remedy_admin",
    "examples",
    "origin",
    "vendor",
    "reference",
)


# The draft also keeps the related codes the editor chose, as a list of codes.
DRAFT_RELATED = "related"


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


class SearchMiss(models.Model):
    """A search that found nothing: which codes or words the site is missing.

    Only the query text is kept (e-mail addresses and IP addresses masked), with a count;
    nothing about who searched.
    """

    query = models.CharField("arama", max_length=200, unique=True)
    count = models.PositiveIntegerField("sayı", default=1)
    first_seen = models.DateTimeField("ilk arama", auto_now_add=True)
    last_seen = models.DateTimeField("son arama", auto_now=True)

    class Meta:
        ordering = ["-count", "-last_seen"]
        verbose_name = "sonuçsuz arama"
        verbose_name_plural = "sonuçsuz aramalar"

    def __str__(self) -> str:
        return self.query


class ReplyCodeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def with_neighbours(self):
        """Annotate each row with the code and title before and after it (among the rows
        of this queryset), in the same query."""
        earlier = self.filter(sort_key__lt=OuterRef("sort_key")).order_by("-sort_key")
        later = self.filter(sort_key__gt=OuterRef("sort_key")).order_by("sort_key")
        return self.annotate(
            previous_code=Subquery(earlier.values("code")[:1]),
            previous_title=Subquery(earlier.values("title")[:1]),
            next_code=Subquery(later.values("code")[:1]),
            next_title=Subquery(later.values("title")[:1]),
        )

    def with_related(self):
        """Prefetch the published related codes (one query for all rows)."""
        published = self.model.objects.published().only("code", "title", "reply_class")
        return self.prefetch_related(Prefetch("related", queryset=published))

    def due_for_review(self, months: int):
        """Codes never reviewed, or last reviewed more than `months` months ago."""
        today = timezone.localdate()
        month_index = today.year * 12 + today.month - 1 - months
        year, month = divmod(month_index, 12)
        cutoff = today.replace(year=year, month=month + 1, day=min(today.day, 28))
        return self.filter(Q(reviewed_at__isnull=True) | Q(reviewed_at__lt=cutoff))

    def of_subject(self, subject: int):
        """Enhanced codes X.<subject>.Y of every class."""
        return self.filter(sort_key__startswith=f"2:{subject:03d}.")


class ReplyCode(models.Model):
    code = models.CharField(
        "kod",
        max_length=codes.MAX_CODE_LENGTH,
        unique=True,
        help_text="Üç haneli yanıt kodu (450) ya da genişletilmiş durum kodu (5.1.1).",
    )
    reply_class = models.PositiveSmallIntegerField("sınıf", choices=ReplyClass.choices)
    title = models.CharField("başlık", max_length=120)
    meaning = models.TextField("anlamı", help_text=MARKDOWN_HELP)
    retry_note = models.TextField(
        "geçici mi, kalıcı mı?",
        blank=True,
        help_text="Gönderen sunucu yeniden dener mi, müşteri yeniden göndermeli mi?",
    )
    remedy_customer = models.TextField("müşteri ne yapmalı", help_text=MARKDOWN_HELP)
    remedy_admin = models.TextField(
        "yönetici / destek ne kontrol etmeli", blank=True, help_text=MARKDOWN_HELP
    )
    examples = models.TextField(
        "örnek sunucu mesajları",
        blank=True,
        help_text="Her satıra bir örnek: «Sağlayıcı | sunucunun yanıtı».",
    )
    origin = models.CharField("kaynak türü", max_length=10, choices=Origin.choices)
    vendor = models.CharField(
        "üretici", max_length=80, blank=True, help_text="Örn. Microsoft Exchange, Gmail."
    )
    reference = models.CharField("referans", max_length=200, help_text="Örn. RFC 5321 §4.2.3.")
    # Directed: each page lists the codes its editor chose (550 → 5.1.1 does not force 5.1.1 → 550).
    related = models.ManyToManyField(
        "self", verbose_name="ilgili kodlar", blank=True, symmetrical=False
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
    history = HistoricalRecords(
        excluded_fields=["sort_key", "seeded_hash", "created_at"],
        verbose_name="yanıt kodu sürümü",
        verbose_name_plural="yanıt kodu sürümleri",
    )

    class Meta:
        ordering = ["sort_key"]
        verbose_name = "yanıt kodu"
        verbose_name_plural = "yanıt kodları"

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def save(self, *args, **kwargs) -> None:
        self.sort_key = codes.sort_key(self.code)
        if not self._state.adding:
            self.version += 1
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("kb:code_detail", kwargs={"code": self.code})

    def clean(self) -> None:
        super().clean()
        if not codes.is_valid(self.code):
            raise ValidationError(
                {"code": "Geçerli bir SMTP kodu girin: 450 gibi üç hane ya da 5.1.1 gibi."}
            )
        if self.reply_class != int(self.code[0]):
            raise ValidationError(
                {"reply_class": f"Sınıf, kodun ilk hanesiyle ({self.code[0]}) aynı olmalı."}
            )

    @property
    def is_enhanced(self) -> bool:
        return codes.is_enhanced(self.code)

    def apply_draft(self) -> None:
        """Put the draft's values on this instance, in memory only (for preview and editing)."""
        for name, value in (self.draft or {}).items():
            if name in DRAFT_FIELDS:
                setattr(self, name, value)

    def mark_published_by(self, user) -> None:
        """Record that the public content changed now, by this user (None: the fixture)."""
        self.draft = None
        self.updated_at = timezone.now()
        self.updated_by = user if user is not None and user.is_authenticated else None

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
        if self.reply_class == ReplyClass.CLIENT:
            return f"{self.code} bağlantı hatası: {self.title}"
        noun = "hatası" if self.reply_class >= ReplyClass.TRANSIENT else "kodu"
        return f"SMTP {self.code} {noun}: {self.title}"

    @property
    def example_list(self) -> list[Example]:
        return [Example.parse(line) for line in self.examples.splitlines() if line.strip()]
