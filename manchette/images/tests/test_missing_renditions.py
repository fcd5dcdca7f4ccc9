"""A reader's page never makes renditions: it shows what exists (or the original file)
and queues the missing ones for the task worker, once."""

from __future__ import annotations

import logging
from contextlib import ExitStack, contextmanager
from unittest import mock

import pytest
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_db.models import DBTaskResult

from manchette.articles.tests.builders import make_article, make_lead_image
from manchette.images import renditions
from manchette.images.models import Image, Rendition
from manchette.images.renditions import renditions_missing, renditions_of
from manchette.images.tasks import make_renditions

pytestmark = pytest.mark.django_db

# The production queue: a reader's request only writes a task row, a worker runs it.
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TASK_PATH = "manchette.images.tasks.make_renditions"


@contextmanager
def no_pillow_work():
    """Fails the test if anything inside the block plans, decodes or encodes a rendition
    (each step is recorded before it raises, in case a task backend swallows the error)."""
    steps = ("generate_renditions", "_prepare", "_encode")
    with ExitStack() as stack:
        mocks = [
            stack.enter_context(
                mock.patch.object(
                    renditions, name, side_effect=AssertionError(f"{name} in a page view")
                )
            )
            for name in steps
        ]
        yield
    called = [name for name, patched in zip(steps, mocks, strict=True) if patched.called]
    assert called == [], f"renditions made during a reader's request: {called}"


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_TASKS


def queued() -> list[int]:
    """The images whose renditions were queued, in order."""
    return [
        task.args_kwargs["kwargs"]["image_id"]
        for task in DBTaskResult.objects.filter(task_path=TASK_PATH).order_by("enqueued_at")
    ]


def run_queue() -> None:
    """What the worker does with each queued task (here, in the test's transaction)."""
    for task in DBTaskResult.objects.filter(task_path=TASK_PATH):
        task.task.call(*task.args_kwargs["args"], **task.args_kwargs["kwargs"])
    DBTaskResult.objects.filter(task_path=TASK_PATH).delete()


def test_an_article_page_falls_back_to_the_original_and_queues_the_renditions(
    client, database_queue, django_capture_on_commit_callbacks
):
    image = make_lead_image(width=900, height=600)
    article = make_article(lead_image=image)
    Rendition.objects.all().delete()

    with no_pillow_work(), django_capture_on_commit_callbacks(execute=True):
        html = client.get(article.get_absolute_url()).content.decode()

    assert Rendition.objects.count() == 0
    # The picture and the social card use the original meanwhile.
    assert f'<img src="{image.file.url}"' in html
    assert 'width="900" height="600"' in html
    assert f'<meta property="og:image" content="http://testserver{image.file.url}">' in html
    assert "/media/renditions/" not in html
    assert queued() == [image.pk]

    # Other readers, other pages showing it, and the feeds queue nothing more.
    with no_pillow_work():
        for url in (article.get_absolute_url(), "/", "/politique/", "/flux/", "/flux/atom/"):
            assert client.get(url).status_code == 200
    assert queued() == [image.pk]


def test_the_worker_makes_them_and_pages_use_them(client, database_queue):
    image = make_lead_image(width=900, height=600)
    article = make_article(lead_image=image)
    Rendition.objects.all().delete()
    client.get(article.get_absolute_url())

    run_queue()

    assert Rendition.objects.filter(image=image).exists()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "/media/renditions/" in html and 'type="image/webp"' in html
    assert queued() == []  # complete: nothing queued again


def test_a_listing_queues_each_image_once_and_makes_none(client, database_queue):
    images = [make_lead_image(seed, width=300, height=200) for seed in range(3)]
    for seed, image in enumerate(images):
        make_article(title=f"Article {seed}", lead_image=image)
    Rendition.objects.all().delete()

    with no_pillow_work():
        html = client.get("/politique/").content.decode()

    assert all(image.file.url in html for image in images)
    assert sorted(queued()) == sorted(image.pk for image in images)


def test_some_sizes_missing_the_page_uses_the_others_and_queues(client, database_queue):
    image = make_lead_image(width=1600, height=1067)
    article = make_article(lead_image=image)
    Rendition.objects.filter(image=image, spec="lead", width=1600).delete()

    with no_pillow_work():
        html = client.get(article.get_absolute_url()).content.decode()

    assert "/media/renditions/" in html and "lead-1200w-" in html
    assert "lead-1600w-" not in html
    assert queued() == [image.pk]


def test_with_the_tests_immediate_queue_the_request_still_makes_none(client):
    """The tests' ImmediateBackend would run a queued task inside the request: the
    request may queue, but the generation itself must not be reached from the page."""
    image = make_lead_image(width=900, height=600)
    article = make_article(lead_image=image)
    Rendition.objects.all().delete()
    enqueued = []

    with (
        mock.patch.object(
            ImmediateBackend,
            "enqueue",
            lambda self, task, args, kwargs: enqueued.append(kwargs["image_id"]),
        ),
        no_pillow_work(),
    ):
        response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert enqueued == [image.pk]


def test_complete_renditions_queue_nothing(client, database_queue):
    article = make_article(lead_image=make_lead_image(width=900, height=600))

    with no_pillow_work():
        for url in (article.get_absolute_url(), "/", "/flux/"):
            client.get(url)

    assert queued() == []


def test_a_queue_that_fails_leaves_the_page_whole(client, monkeypatch, caplog):
    image = make_lead_image(width=900, height=600)
    article = make_article(lead_image=image)
    Rendition.objects.all().delete()

    def broken(*args, **kwargs):
        raise ConnectionError("queue unreachable")

    monkeypatch.setattr(ImmediateBackend, "enqueue", broken)
    with caplog.at_level(logging.ERROR, logger="manchette.background"), no_pillow_work():
        response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert f'<img src="{image.file.url}"' in response.content.decode()
    assert "Could not queue the task" in caplog.text


def test_missing_is_reckoned_from_the_stored_dimensions_without_opening_the_file():
    image = make_lead_image(width=1600, height=1067)
    image = Image.objects.prefetch_related("renditions").get(pk=image.pk)
    for spec in ("lead", "thumb", "social", "pinterest", "portrait"):
        assert not renditions_missing(image, spec, renditions_of(image, spec))
    lead = renditions_of(image, "lead")
    assert renditions_missing(image, "lead", [r for r in lead if r.width != 800])
    assert renditions_missing(image, "lead", [r for r in lead if r.format == "webp"])
    assert renditions_missing(image, "lead", [])


def test_the_task_skips_a_deleted_image_and_an_unreadable_file(caplog):
    assert make_renditions.call(987654) == 0
    image = make_lead_image(width=300, height=200)
    Rendition.objects.all().delete()
    image.file.storage.delete(image.file.name)
    with caplog.at_level(logging.ERROR, logger="manchette.images.tasks"):
        assert make_renditions.call(image.pk) == 0
    assert "Could not make the renditions" in caplog.text
