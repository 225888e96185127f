from django import template

from kb import seo

register = template.Library()


@register.simple_tag
def absolute_url(path: str) -> str:
    return seo.absolute(path)
