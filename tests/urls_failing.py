"""The site's URLs plus one view that fails, for the test that a 500 leaves a traceback."""

from django.urls import path

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as site_urlpatterns


def broken_view(request):
    raise ZeroDivisionError("deliberately broken for tests/test_errors.py")


urlpatterns = [path("bozuk", broken_view), *site_urlpatterns]
