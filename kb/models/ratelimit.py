"""Counters of the rate limiter (kb/ratelimit.py) when no Redis is configured."""

from django.db import models


class RateLimitBucket(models.Model):
    """How many events one key (a hashed IP, a username…) had in the current window of one
    scope. The window starts with the key's first event and ends at `expires_at`."""

    scope = models.CharField("kapsam", max_length=40)
    key_hash = models.CharField("anahtar özeti", max_length=64)
    count = models.PositiveIntegerField("sayı", default=0)
    expires_at = models.DateTimeField("bitiş")

    class Meta:
        verbose_name = "hız sınırı sayacı"
        verbose_name_plural = "hız sınırı sayaçları"
        constraints = [
            models.UniqueConstraint(fields=["scope", "key_hash"], name="kb_ratelimit_unique_key")
        ]
        indexes = [models.Index(fields=["expires_at"])]

    def __str__(self) -> str:
        return f"{self.scope}: {self.count}"
