"""Changes reach the CDN once per committed transaction, never for a rolled back one,
through Django's public transaction.on_commit only."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import transaction

from manchette.pagecache import tags
from manchette.pagecache.changes import changed

# Real commits: the callbacks run as they do in production.
pytestmark = pytest.mark.django_db(transaction=True)

purges: list[dict] = []


def record_purge(*, urls: list[str], tags: list[str]) -> None:
    purges.append({"urls": urls, "tags": tags})


@pytest.fixture(autouse=True)
def _purge_hook(settings):
    settings.PAGE_CACHE_PURGE_HOOK = f"{__name__}.record_purge"
    settings.SITE_URL = "http://testserver"
    purges.clear()


def test_one_purge_per_transaction_with_every_change_in_it():
    with transaction.atomic():
        changed({tags.article(101)}, {"/ancienne-adresse/"})
        changed({tags.article(102)})
        assert purges == []  # nothing before the commit

    assert [purge["tags"] for purge in purges] == [[tags.article(101), tags.article(102)]]
    assert "http://testserver/ancienne-adresse/" in purges[0]["urls"]


def test_a_rolled_back_transaction_purges_nothing_even_at_the_next_commit():
    with transaction.atomic():
        changed({tags.article(201)})
        transaction.set_rollback(True)
    with transaction.atomic():
        changed({tags.article(202)})

    assert [purge["tags"] for purge in purges] == [[tags.article(202)]]


def test_changes_after_a_rolled_back_savepoint_are_purged_at_the_commit():
    with transaction.atomic():
        # The savepoint opens the transaction's batch, then is rolled back with its
        # on-commit callback: what follows must still be purged.
        with transaction.atomic():
            changed({tags.article(301)})
            transaction.set_rollback(True)
        changed({tags.article(302)})

    assert [purge["tags"] for purge in purges] == [[tags.article(302)]]


def test_no_module_reads_djangos_private_commit_hooks():
    package = Path(__file__).resolve().parents[2]
    readers = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "tests" not in path.parts and "run_on_commit" in path.read_text(encoding="utf-8")
    ]
    assert readers == []
