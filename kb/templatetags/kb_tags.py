from django import template
from django.utils.safestring import SafeString, mark_safe

from kb import catalog
from kb.rendering import render_inline, render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitized by nh3


@register.filter
def first_step(text: str) -> SafeString:
    return mark_safe(render_inline(catalog.first_step(text)))  # noqa: S308 - sanitized by nh3


@register.filter
def class_info(reply_class: int) -> catalog.ClassInfo:
    return catalog.CLASSES[reply_class]
