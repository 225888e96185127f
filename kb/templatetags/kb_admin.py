from django import template
from django.conf import settings

from kb.models import ReplyCode

register = template.Library()


@register.simple_tag
def codes_due_for_review() -> dict:
    months = settings.KB_REVIEW_MONTHS
    return {"count": ReplyCode.objects.due_for_review(months).count(), "months": months}
