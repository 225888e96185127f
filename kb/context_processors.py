from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    """Site-wide, visitor-independent values for every template."""
    return {
        "site_name": settings.KB_SITE_NAME,
        "author_name": settings.KB_AUTHOR_NAME,
        "author_bio": settings.KB_AUTHOR_BIO,
    }
