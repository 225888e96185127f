from urllib.parse import quote

from django import template
from django.conf import settings

from kb.feedback_forms import CommentForm

register = template.Library()


@register.simple_tag
def blank_comment_form() -> CommentForm:
    return CommentForm()


@register.simple_tag
def support_url(code: str) -> str:
    """KB_SUPPORT_URL with the code filled in, URL-encoded."""
    return settings.KB_SUPPORT_URL.replace("{code}", quote(code, safe=""))
