"""The site's one template library: values that depend only on settings, never a query
(except the admin dashboard's review count)."""

from django import template
from django.conf import settings

from kb import meta
from kb.models import ReplyCode

register = template.Library()


@register.simple_tag
def support_url(code: str, details: str = "") -> str:
    return meta.support_url(code, details)


@register.simple_tag
def absolute_url(path: str) -> str:
    return meta.absolute(path)


@register.simple_tag
def codes_due_for_review() -> dict:
    """For the admin dashboard."""
    months = settings.KB_REVIEW_MONTHS
    return {"count": ReplyCode.objects.due_for_review(months).count(), "months": months}
