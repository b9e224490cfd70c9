"""Gunicorn settings for the web process, read from the environment.

Loaded by path (`gunicorn -c platform/gunicorn.conf.py config.wsgi`); `platform/` is
not a Python package. Every variable is listed in platform/.env.example.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {raw!r}.") from None


bind = f"0.0.0.0:{_int('PORT', 8000)}"

# Processes × threads: the process count scales with the cores, threads cover the time
# a request waits on PostgreSQL or Elasticsearch.
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
threads = _int("GUNICORN_THREADS", 2)

# A worker silent for longer than `timeout` is killed and replaced; a stopping worker gets
# graceful_timeout to finish its requests (keep the orchestrator's stop grace period above).
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)

# Recycle workers now and then so that slow leaks cannot grow; the jitter keeps them
# from all restarting at once. Not too often: a recycled worker closes its keep-alive
# connections (clients that do not retry see errors: the load benchmark's wrk met them
# every 1,000 requests) and the new one starts Django afresh, with a cold local cache.
max_requests = _int("GUNICORN_MAX_REQUESTS", 10_000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 2_000)

# Logs go to the container's stdout/stderr.
accesslog = "-"
errorlog = "-"

# The proxies whose X-Forwarded-* headers gunicorn honours: the proxy's addresses, or "*"
# when nothing but the proxy can reach this port (as in platform/compose.yaml).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# The heartbeat files live in memory, not on the container's overlay file system.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
