"""The search backend for the database in use: one interface, two engines."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from .base import IndexedText, Matches, SearchBackend

__all__ = ["IndexedText", "Matches", "SearchBackend", "get_backend"]


def get_backend() -> SearchBackend:
    if connection.vendor == "sqlite":
        from .sqlite import SQLiteBackend

        return SQLiteBackend()
    if connection.vendor == "postgresql":
        from .postgres import PostgresBackend

        return PostgresBackend()
    raise ImproperlyConfigured(f"La recherche ne sait pas utiliser {connection.vendor}.")
