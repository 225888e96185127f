import re
from http import HTTPStatus

from django.core.management import call_command
from django.test import Client


def test_stylesheet_is_served_with_a_hashed_name_and_long_cache(settings, tmp_path, make_code):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    # the site's own files (static/): the public pages link no others, and compressing the
    # admin's hundreds of files as well would only take seconds
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    call_command("collectstatic", "--noinput", verbosity=0)
    make_code("450")
    client = Client()  # a new handler, so whitenoise scans the fresh STATIC_ROOT

    html = client.get("/").content.decode()
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html)

    assert stylesheet is not None
    response = client.get(stylesheet.group(1))
    assert response.status_code == HTTPStatus.OK
    assert "max-age=315360000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]
