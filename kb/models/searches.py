"""Searches that found nothing: which codes or words the site is missing."""

from django.db import models
from django.db.models import F

from kb import paths
from kb.smtp.text import mask

MAX_QUERY_CHARS = 200


class SearchMissQuerySet(models.QuerySet):
    def record(self, query: str) -> None:
        """Count one more miss for `query`, stored masked and without control characters."""
        printable = "".join(char for char in query if char.isprintable())  # no NUL on PostgreSQL
        text = mask(" ".join(printable.split()))[:MAX_QUERY_CHARS]
        if not text:
            return
        if not self.filter(query=text).update(count=F("count") + 1):
            self.get_or_create(query=text)


class SearchMiss(models.Model):
    """A search that found nothing.

    Only the query text is kept (e-mail addresses and IP addresses masked), with a count;
    nothing about who searched.
    """

    query = models.CharField("arama", max_length=MAX_QUERY_CHARS, unique=True)
    count = models.PositiveIntegerField("sayı", default=1)
    first_seen = models.DateTimeField("İlk arama", auto_now_add=True)
    last_seen = models.DateTimeField("son arama", auto_now=True)

    objects = SearchMissQuerySet.as_manager()

    class Meta:
        ordering = ["-count", "-last_seen"]
        verbose_name = "sonuçsuz arama"
        verbose_name_plural = "sonuçsuz aramalar"

    def __str__(self) -> str:
        return self.query

    def get_absolute_url(self) -> str:
        return paths.search_path(self.query)


class SynonymQuerySet(models.QuerySet):
    def as_table(self) -> dict[str, list[str]]:
        """word → terms, the shape kb.smtp.search.SearchIndex merges with the built-in table."""
        return {row.word: row.term_list() for row in self}


class Synonym(models.Model):
    """A word customers search for, and the terms our pages use for it ("mailim gitmiyor"
    → "teslim edilemedi"). The search index merges these rows with kb/smtp/synonyms.py;
    saving or deleting one refreshes the index in every worker (kb/freshness.py)."""

    word = models.CharField(
        "aranan kelime",
        max_length=100,
        unique=True,
        help_text="Müşterinin yazdığı kelime ya da kelime grubu, ör. «mailim gitmiyor».",
    )
    terms = models.CharField(
        "sayfalardaki karşılıkları",
        max_length=500,
        help_text="Virgülle ayırın, ör. «teslim edilemedi, geri dönen ileti».",
    )
    created_at = models.DateTimeField("eklenme", auto_now_add=True)
    updated_at = models.DateTimeField("güncelleme", auto_now=True)

    objects = SynonymQuerySet.as_manager()

    class Meta:
        ordering = ["word"]
        verbose_name = "eşanlamlı"
        verbose_name_plural = "eşanlamlılar"

    def __str__(self) -> str:
        return f"{self.word} → {self.terms}"

    def get_absolute_url(self) -> str:
        return paths.search_path(self.word)

    def term_list(self) -> list[str]:
        return [term.strip() for term in self.terms.split(",") if term.strip()]
