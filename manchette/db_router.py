"""Reads of anonymous readers' pages go to the read replica; everything else to the primary.

Active when DATABASE_REPLICA_URL is set (settings.py adds the "replica" database and this
router). A replica lags the primary by a little (usually well under a second), so only
the requests that can live with that read from it:

- a GET or HEAD from a reader holding no session (no `sessionid` cookie), outside the
  desk, and not coming back from posting a comment (`?commentaire=`, which shows the
  reader their own, just written comment);
- until that request writes: from its first write on, it reads from the primary, so it
  never reads back something older than what it just wrote;
- never inside a transaction (`atomic`), which must see its own writes and lock rows.

Everything outside a request (the task worker, management commands, the shell) uses the
primary. Writes always go to the primary, and only the primary is migrated: the replica
gets its tables and rows by replication.
"""

from __future__ import annotations

import contextvars
from urllib.parse import parse_qs

from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, connections
from django.http.cookie import parse_cookie

REPLICA = "replica"
# Query parameters showing a reader what they have just written.
OWN_WRITES_PARAMS = ("commentaire",)
SAFE_METHODS = {"GET", "HEAD"}

# Whether the current request may read from the replica; False outside requests.
_replica_allowed: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "manchette_replica_allowed", default=False
)


def reads_from_replica(environ: dict) -> bool:
    """Whether a request, from its WSGI environ, can be served from the replica."""
    if environ.get("REQUEST_METHOD", "GET").upper() not in SAFE_METHODS:
        return False
    path = environ.get("PATH_INFO", "")
    if path.startswith(f"/{settings.DESK_PATH}/"):
        return False
    query = parse_qs(environ.get("QUERY_STRING", ""))
    if any(name in query for name in OWN_WRITES_PARAMS):
        return False
    # Parsed as Django parses them, so a session Django would see is seen here.
    return settings.SESSION_COOKIE_NAME not in parse_cookie(environ.get("HTTP_COOKIE", ""))


def _request_started(sender, environ=None, **kwargs) -> None:
    _replica_allowed.set(bool(environ) and reads_from_replica(environ))


def _request_finished(sender, **kwargs) -> None:
    _replica_allowed.set(False)


request_started.connect(_request_started, dispatch_uid="manchette.db_router.started")
request_finished.connect(_request_finished, dispatch_uid="manchette.db_router.finished")


def has_replica() -> bool:
    return REPLICA in settings.DATABASES


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints) -> str:
        if (
            _replica_allowed.get()
            and has_replica()
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints) -> str:
        # Read your own writes: the rest of this request reads from the primary.
        _replica_allowed.set(False)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        # Both databases hold the same rows.
        return True

    def allow_migrate(self, db: str, app_label: str, model_name=None, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS
