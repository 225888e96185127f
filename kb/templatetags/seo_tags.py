from django import template

from kb import seo
from kb.models import ReplyCode

register = template.Library()


@register.inclusion_tag("includes/_seo_meta.html", takes_context=True)
def page_meta(context: template.Context, page_object: object = None) -> dict:
    """Canonical link, Open Graph, Twitter card and JSON-LD for the index (no argument),
    a code, a class (ClassInfo) or a subject (SubjectInfo)."""
    return {"meta": seo.meta_for(page_object), "site_name": context.get("site_name")}


@register.filter
def code_description(reply_code: ReplyCode) -> str:
    return seo.code_description(reply_code)


@register.simple_tag
def absolute_url(path: str) -> str:
    return seo.absolute(path)
