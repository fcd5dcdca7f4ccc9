"""Whatever a reader or a robot posts, the comment form answers in French and never fails."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.urls import reverse
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from manchette.articles.models import Article
from manchette.articles.tests.builders import make_article
from manchette.comments import spam
from manchette.comments.models import Comment
from manchette.control_chars import strip_control_chars

from .builders import form_data, make_comment

pytestmark = pytest.mark.django_db

# The article and its comments are made once per
# test, not per example: each post then also meets the comments posted before it
# (duplicates, replies), which is what a real thread sees.
FUZZ = settings(
    max_examples=60,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

MISSING = object()  # the field is not sent at all
EXISTING_PARENT = "<an approved comment of this article>"

# What the refusals say; Django's own messages in English would mean a missing translation.
ENGLISH_DEFAULTS = ("This field", "Enter a valid", "Ensure this", "Null characters")

HOSTILE_TEXT = st.one_of(
    st.text(),
    st.text(st.characters(codec="utf-8"), max_size=30),
    st.sampled_from(["\x00", "a\x00b", "\x1b[31m", "\u202e", "\ufeff", " \n\t ", "<script>"]),
    st.integers(0, 5100).map(lambda n: "é" * n),  # around COMMENTS_MAX_LENGTH
    st.just("mot " * 20_000),
)
WEBSITES = st.one_of(
    st.sampled_from(
        [
            "",
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "javascript://example.org/%0aalert(1)",
            "java\tscript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "https://blog.example.org/",
            "blog.example.org",
            "http://",
            "http://[::1",
            "https://" + "a" * 300 + ".fr",
            "ftp://example.org/",
        ]
    ),
    st.text(max_size=40),
)
EMAILS = st.one_of(
    st.sampled_from(
        ["jeanne@example.org", "", "pas-une-adresse", "a@b", "@", "a@b..fr", "é@é.fr", "a\x00@b.fr"]
    ),
    st.emails(),
    st.text(max_size=40),
)
PARENTS = st.one_of(
    st.sampled_from(["", "0", "-1", "abc", "1e3", "999999", "٣", "9" * 40, EXISTING_PARENT]),
    st.text(max_size=10),
)
TIMESTAMPS = st.sampled_from(
    ["valid", "", "garbage", "forged", "expired", "future", "not-a-number", "a-list"]
)


def _timestamp(kind: str) -> str:
    """A form time of each kind. Only the server signs, so a signed value is always a
    number it chose; "not-a-number" and "a-list" stand for a token signed with the same
    salt elsewhere (none is today)."""
    now = time.time()
    signed = {
        "valid": now - 10,
        "expired": now - 10 * 24 * 3600,
        "future": now + 3600,
        "not-a-number": "abc",
        "a-list": [1, 2],
    }
    if kind in signed:
        return signing.dumps(signed[kind], salt=spam.TIMESTAMP_SALT)
    if kind == "forged":
        return spam.form_timestamp()[:-3] + "xyz"
    return kind


HOSTILE_FIELDS = {
    "text": HOSTILE_TEXT,
    "name": st.one_of(st.text(max_size=120), st.just("N" * 101)),
    "email": EMAILS,
    "website": WEBSITES,
    "parent": PARENTS,
    "timestamp": TIMESTAMPS,
    "honeypot": st.sampled_from(["", "http://spam.example"]),
    "notify_replies": st.sampled_from(["on", "", "\x00"]),
}
# A few fields changed at a time, the others left as a reader fills them: with every
# field hostile at once, nearly every example would stop at the first error.
SUBMISSIONS = st.dictionaries(
    st.sampled_from(sorted(HOSTILE_FIELDS)), st.just(None), max_size=3
).flatmap(
    lambda chosen: st.fixed_dictionaries(
        {name: st.one_of(st.just(MISSING), HOSTILE_FIELDS[name]) for name in chosen}
    )
)


@pytest.fixture(autouse=True)
def _open_comments(settings):
    settings.COMMENTS_MIN_SECONDS = 0
    settings.COMMENTS_POLICY = "approve_all"
    # The rate limit is its own test; here it would refuse every example after the fifth.
    settings.COMMENTS_RATE_PER_IP = 10_000
    settings.COMMENTS_RATE_PER_EMAIL = 10_000


@pytest.fixture
def article() -> Article:
    article = make_article(title="Un article ouvert aux commentaires")
    make_comment(article, text="Un premier commentaire approuvé.")
    return article


@FUZZ
@given(changes=SUBMISSIONS, as_json=st.booleans())
@example(changes={"website": "javascript:alert(1)"}, as_json=True)
@example(changes={"parent": EXISTING_PARENT, "timestamp": "not-a-number"}, as_json=False)
@example(changes={"text": "é" * 5001, "email": MISSING}, as_json=True)
def test_any_submission_is_stored_intact_or_refused_in_french(client, article, changes, as_json):
    # Each example writes its own text unless the text is what it changes: the same text
    # twice is refused as a duplicate, which would hide every other outcome.
    fields = {"text": f"Avis n° {Comment.objects.count()} : d’accord.", **changes}
    if "timestamp" in changes and changes["timestamp"] is not MISSING:
        fields["timestamp"] = _timestamp(changes["timestamp"])
    if fields.get("parent") == EXISTING_PARENT:
        fields["parent"] = str(Comment.objects.approved().filter(article=article).first().pk)
    data = {name: value for name, value in form_data(**fields).items() if value is not MISSING}
    headers = {"accept": "application/json"} if as_json else {}
    before = Comment.objects.count()

    response = client.post(reverse("comments:post", args=[article.pk]), data, headers=headers)

    event(f"HTTP {response.status_code}")  # see --hypothesis-show-statistics
    assert response.status_code in (201, 302, 400), response.status_code
    if response.status_code == 400:
        assert Comment.objects.count() == before
        messages = _refusal_messages(response, as_json)
        assert messages and all(message.strip() for message in messages)
        assert not any(english in m for m in messages for english in ENGLISH_DEFAULTS), messages
        return

    assert Comment.objects.count() == before + 1
    comment = Comment.objects.latest("pk")
    assert comment.text == strip_control_chars(data["text"]).strip()
    if comment.website:
        assert urlsplit(comment.website).scheme in {"http", "https", "ftp", "ftps"}
    if as_json:
        assert response.status_code == 201
        assert 'href="javascript' not in response.json()["html"].lower()


def _refusal_messages(response, as_json: bool) -> list[str]:
    if as_json:
        body = response.json()
        assert body["ok"] is False
        errors = [message for messages in body["errors"].values() for message in messages]
        return [body["message"], *errors]
    form = response.context["comment_form"]
    return [str(form.fields_to_fix), *(m for errors in form.errors.values() for m in errors)]
