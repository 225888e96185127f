"""Cross-Origin-Resource-Policy on every response (no library sets it; Django's
SecurityMiddleware covers HSTS, nosniff, Referrer-Policy and Cross-Origin-Opener-Policy,
django-csp the CSP, django-permissions-policy the Permissions-Policy).

`same-origin`: no other site can embed our pages, images or JSON in its own pages. Link
previews are unaffected: their crawlers fetch the Open Graph image themselves.
"""

from django.conf import settings

HEADER = "Cross-Origin-Resource-Policy"


class CrossOriginResourcePolicyMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if policy := settings.CROSS_ORIGIN_RESOURCE_POLICY:
            response.setdefault(HEADER, policy)
        return response
