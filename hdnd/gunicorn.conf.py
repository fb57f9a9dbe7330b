"""gunicorn settings of the production server (`make serve`, README "Chạy trên máy chủ").

Each value can be set from the environment; the defaults suit a council's own server.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Synchronous workers: every page runs a fixed number of short queries, so processes, not threads,
# are what scales; the usual 2 × cores + 1.
workers = int(os.environ.get("WEB_CONCURRENCY", str(multiprocessing.cpu_count() * 2 + 1)))
# Long work (exports, reports) runs in the task worker, so a request past this is a fault to see.
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
graceful_timeout = 30
# A worker is replaced after this many requests (with jitter) so slow memory growth never accumulates.
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
accesslog = os.environ.get("WEB_ACCESS_LOG", "-")
errorlog = "-"
# Each worker loads Django itself, so no database connection or pool is ever shared across a fork.
preload_app = False
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
