"""The site's one template library: values that depend only on settings, never a query
(except the admin dashboard's counts)."""

from django import template

from kb import meta

register = template.Library()


@register.simple_tag
def support_url(code: str, details: str = "") -> str:
    return meta.support_url(code, details)


@register.simple_tag
def absolute_url(path: str) -> str:
    return meta.absolute(path)


@register.simple_tag
def team_dashboard():
    """For the admin's home page (kb/admin/dashboard.py)."""
    from kb.admin.dashboard import dashboard

    return dashboard()
