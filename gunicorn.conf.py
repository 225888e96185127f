"""gunicorn's configuration for `make run` (and a starting point for production).

`gunicorn -c gunicorn.conf.py config.wsgi`; PORT and GUNICORN_WORKERS come from the
environment.
"""

import os

import gunicorn.util

from config import gunicorn_errors

bind = f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
# A customer may paste a whole bounce into the header search: a GET of about 6 KB of text
# must be answered (8190 bytes is gunicorn's maximum); longer requests get our Turkish 414.
limit_request_line = 8190
# The access log leaves out query strings and referrers: search queries can be pasted
# bounces holding addresses, and nothing pasted is stored or logged.
accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
errorlog = "-"

gunicorn.util.write_error = gunicorn_errors.write_error


def post_worker_init(worker) -> None:
    """Each worker builds its search index in the background as it starts (a few seconds
    over thousands of pages), not on a visitor's first search."""
    from kb.search_index import warm_in_background

    warm_in_background()
