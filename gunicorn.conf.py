"""gunicorn's configuration for `make run` (and a starting point for production).

`gunicorn -c gunicorn.conf.py config.wsgi`; PORT, GUNICORN_WORKERS and GUNICORN_THREADS come
from the environment. In production nginx sits in front (README "Üretim"): it buffers whole
requests, so gunicorn only ever talks to a fast client; the limits below are the second line.
"""

import os

import gunicorn.util

from config import gunicorn_errors

bind = f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
# Threads: a slow or half-sent request holds one thread, not a whole worker (with the sync
# worker two such requests held both workers until `timeout` killed them). Each thread has
# its own database connection (CONN_MAX_AGE in production).
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
# A customer may paste a whole bounce into the header search: a GET of about 6 KB of text
# must be answered (8190 bytes is gunicorn's maximum); longer requests get our Turkish 414.
limit_request_line = 8190
# Headers: at most 50 fields of at most 8 KB each (a browser sends about 15, the largest
# being a cookie header of a few hundred bytes); more is a Turkish 431/400 from gunicorn.
limit_request_fields = 50
limit_request_field_size = 8190
# A worker whose main loop is silent this long is killed and restarted; a restart (deploy)
# lets running requests finish for graceful_timeout; an idle keep-alive connection (from
# nginx) is closed after keepalive seconds.
timeout = 30
graceful_timeout = 30
keepalive = 5
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
