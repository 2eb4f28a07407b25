"""gunicorn settings for `make serve` (see docs/decisions/0016-production-serving.md).

Every value can be changed by the environment; gunicorn's own command-line options still win.
"""

import multiprocessing
import os
from pathlib import Path

_var = Path(os.environ.get("FRONTDOOR_VAR_DIR", Path(__file__).resolve().parent.parent / "var"))

wsgi_app = "frontdoor.wsgi:application"
bind = [f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"]

# Processes for CPU (Python holds one core per process), threads for waiting (the database, a PDF,
# a slow client). gthread also keeps browsers' connections alive between pages.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 2))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))  # a long PDF letter or Annex A export
graceful_timeout = 30
# Longer than the idle timeout of the proxy or load balancer in front (nginx 75 s, Azure and AWS 60 s by
# default): if gunicorn closed an idle connection first, a request sent on it at that moment would be
# reset (seen once in the load test with a 5 s keep-alive).
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 75))
max_requests = 2000  # a worker is replaced now and then, so slow memory growth never builds up
max_requests_jitter = 200

# The TLS proxy in front of gunicorn says which scheme the browser used (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Access log: the path only. Never the query string (%(r)s, %(q)s) nor the referrer (%(f)s): a search
# for a child by name would write the name into the log.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# gunicorn's control socket (gunicornc) beside the data, not in $HOME where two instances would meet.
control_socket = str(_var / "gunicorn.ctl")
