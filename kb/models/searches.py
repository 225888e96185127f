"""Searches that found nothing: which codes or words the site is missing."""

from urllib.parse import urlencode

from django.db import models
from django.db.models import F
from django.urls import reverse

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
        return f"{reverse('kb:search')}?{urlencode({'q': self.query})}"
