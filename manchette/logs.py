"""Log lines dated in UTC, ISO 8601, for Django's logs and gunicorn's alike."""

from __future__ import annotations

import datetime
import logging


def utc_timestamp(seconds: float) -> str:
    """1765130000.25 → '2025-12-07T17:53:20.250Z'."""
    moment = datetime.datetime.fromtimestamp(seconds, datetime.UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class UTCFormatter(logging.Formatter):
    """A formatter whose %(asctime)s is the UTC time in ISO 8601, whatever TIME_ZONE or
    the machine's zone: one log file read next to another lines up."""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return utc_timestamp(record.created)
