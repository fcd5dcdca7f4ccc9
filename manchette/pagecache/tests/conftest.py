"""Fixtures of the page cache's tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a change as the desk does: in a transaction, whose commit refreshes pages."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            return change()

    return run
