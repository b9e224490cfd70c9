"""Liveness and readiness probes for load balancers and orchestrators.

Both answer JSON without authentication and say nothing secret: component names and
a one-word state, never a host name, URL or error text.
"""

import logging

from django.db import connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from config.plugins import readiness_checks

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def database_state() -> tuple[bool, str]:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("Readiness: the database is not reachable")
        return False, "unreachable"
    return True, "ok"


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    checks = {"database": database_state()}
    for component, check in readiness_checks():
        try:
            checks[component] = check()
        except Exception:
            logger.exception("Readiness check %s failed", component)
            checks[component] = (False, "error")
    ready = all(ok for ok, _state in checks.values())
    return JsonResponse(
        {
            "status": "ok" if ready else "unavailable",
            "checks": {component: state for component, (_ok, state) in checks.items()},
        },
        status=200 if ready else 503,
    )
