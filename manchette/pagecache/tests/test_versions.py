"""The freshness rule: a page is kept only if it was rendered after every change of what
it shows, even when a change commits while it renders."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import caches
from django.utils import timezone

from manchette.pagecache import versions


@pytest.fixture(autouse=True)
def _empty_cache():
    caches[versions.ALIAS].clear()


def test_a_page_rendered_after_a_change_is_fresh():
    versions.bump(["a:1"])
    start = versions.now()

    assert versions.fresh(["a:1"], start)


def test_a_page_whose_rendering_began_before_a_change_is_stale_even_if_stored_after():
    versions.bump(["a:1", "all"])
    start = versions.now()  # a reader's rendering begins, reading the old article
    versions.bump(["a:1"])  # an editor's change commits meanwhile

    assert not versions.fresh(["a:1", "all"], start)
    assert versions.fresh(["all"], start)


def test_a_version_the_cache_lost_counts_as_a_change():
    versions.bump(["c:politique"])
    start = versions.now()
    caches[versions.ALIAS].delete("pc:v:c:politique")

    assert not versions.fresh(["c:politique"], start)
    # The lost version is recorded anew: the next rendering can be kept.
    assert versions.fresh(["c:politique"], versions.now())


def test_the_clock_only_moves_forward():
    readings = [versions.now() for _ in range(100)]

    assert readings == sorted(readings)


def test_with_a_read_replica_each_change_is_stamped_again_once_it_caught_up(settings, monkeypatch):
    from django_tasks import task_backends

    from manchette.pagecache import changes

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.DATABASE_REPLICA_MAX_LAG = 5
    monkeypatch.setattr(changes, "replica_lag", lambda: settings.DATABASE_REPLICA_MAX_LAG)
    before = timezone.now()

    changes.apply({"a:7"})

    queued = [r for r in task_backends["default"].results if r.task.name == "bump_again"]
    assert len(queued) == 1
    assert queued[0].args == [] and queued[0].kwargs == {"page_tags": ["a:7"]}
    assert queued[0].task.run_after >= before + datetime.timedelta(seconds=5)
