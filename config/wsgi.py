"""WSGI entry point, served by gunicorn (`make run`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_application = get_wsgi_application()

# After django.setup(): the guard's module imports views and models.
from kb.bad_input import guard_wsgi  # noqa: E402

application = guard_wsgi(django_application)
