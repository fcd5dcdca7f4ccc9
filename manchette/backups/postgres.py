"""pg_dump and pg_restore, run against the site's own PostgreSQL database."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from django.db import connections

from .format import BackupError

# libpq settings that DATABASES["default"]["OPTIONS"] may hold: pg_dump and pg_restore
# must reach the server the way the site does (TLS above all).
LIBPQ_OPTIONS = frozenset(
    {
        "sslmode",
        "sslrootcert",
        "sslcert",
        "sslkey",
        "sslcrl",
        "connect_timeout",
        "options",
        "target_session_attrs",
        "service",
        "passfile",
    }
)


def client(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(
            f"{name} est introuvable : installez le client PostgreSQL (paquet "
            "postgresql-client) de la version du serveur ou plus récent."
        )
    return path


def libpq() -> tuple[str, dict[str, str]]:
    """The connection string of the site's database for pg_dump and pg_restore, and
    their environment: the password goes through PGPASSWORD, never the command line,
    where every user of the machine could read it."""
    from psycopg.conninfo import make_conninfo

    database = connections["default"].settings_dict
    params = {
        "dbname": database["NAME"],
        "host": database["HOST"],
        "port": str(database["PORT"] or ""),
        "user": database["USER"],
        **{
            key: str(value)
            for key, value in database.get("OPTIONS", {}).items()
            if key in LIBPQ_OPTIONS
        },
    }
    env = dict(os.environ)
    if database["PASSWORD"]:
        env["PGPASSWORD"] = database["PASSWORD"]
    return make_conninfo("", **{key: value for key, value in params.items() if value}), env


def run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(
            f"{Path(command[0]).name} a échoué (code {done.returncode}) :\n"
            + done.stderr.strip()[-2000:]
        )
