"""The desk's moderation queue: pending first, decisions, replies, who may do what."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from manchette.articles.models import Article, Author
from manchette.articles.tests.builders import make_article
from manchette.comments import moderation, notifications
from manchette.comments.models import Comment
from manchette.desk.roles import AUTHOR, EDITOR, MODERATOR

pytestmark = pytest.mark.django_db

QUEUE = "/redaction/comments/comment/"
Status = Comment.Status


def member(role: str, username: str, **fields):
    user = get_user_model().objects.create_user(
        username=username, password="x", is_staff=True, **fields
    )
    user.groups.add(Group.objects.get(name=role))
    return user


def comment(article: Article, text: str, status: str = Status.PENDING, minutes_ago=0, **fields):
    fields.setdefault("name", "Paul Lecteur")
    fields.setdefault("email", "paul@example.org")
    made = Comment.objects.create(article=article, text=text, status=status, **fields)
    if minutes_ago:
        when = timezone.now() - datetime.timedelta(minutes=minutes_ago)
        Comment.objects.filter(pk=made.pk).update(created_at=when)
    return made


def act(client, action: str, *comments: Comment, query: str = "status__exact=pending"):
    return client.post(
        f"{QUEUE}?{query}",
        {"action": action, "_selected_action": [c.pk for c in comments], "index": 0},
        follow=True,
    )


def page_of(client, article: Article) -> str:
    return client.get(article.get_absolute_url()).content.decode()


@pytest.fixture
def moderator(client):
    user = member(MODERATOR, "moderatrice")
    client.force_login(user)
    return user


@pytest.fixture
def recorded(monkeypatch) -> list[Comment]:
    """The approval notices moderation sends, instead of e-mails."""
    sent: list[Comment] = []
    monkeypatch.setattr(notifications, "comment_approved", sent.append)
    return sent


def test_the_queue_opens_on_pending_comments_newest_first_with_counts(client, moderator):
    article = make_article(title="Réforme des retraites")
    comment(article, "Un avis plus ancien.", minutes_ago=30)
    comment(article, "Un avis tout récent.", minutes_ago=1)
    comment(article, "Un avis déjà publié.", Status.APPROVED)
    comment(article, "Achetez des montres.", Status.SPAM, reason="mot refusé : montres")

    response = client.get(QUEUE)
    assert response.status_code == 302
    assert response["Location"] == f"{QUEUE}?status__exact=pending"

    html = client.get(response["Location"]).content.decode()
    assert html.index("Un avis tout récent.") < html.index("Un avis plus ancien.")
    assert "Un avis déjà publié." not in html and "Achetez des montres." not in html
    assert "Réforme des retraites" in html and "paul@example.org" in html
    # The header tabs count every status; the status filter shows the same counts.
    assert 'En attente <span class="comment-queue-count">2</span>' in html
    assert 'Tous <span class="comment-queue-count">4</span>' in html
    assert "En attente (2)" in html and "Indésirable (1)" in html

    everything = client.get(f"{QUEUE}?status__exact=all").content.decode()
    assert "Un avis déjà publié." in everything and "mot refusé : montres" in everything


def test_other_filters_keep_the_pending_default(client, moderator):
    article = make_article()

    response = client.get(f"{QUEUE}?q=paul")

    assert response["Location"] == f"{QUEUE}?q=paul&status__exact=pending"
    assert (
        client.get(f"{QUEUE}?article__id__exact={article.pk}&status__exact=all").status_code == 200
    )


def test_bulk_approve_publishes_and_counts(client, moderator, recorded):
    article = make_article()
    first = comment(article, "Premier avis à valider.")
    second = comment(article, "Second avis à valider.")
    assert "Premier avis à valider." not in page_of(client, article)

    response = act(client, "approve", first, second)

    assert "2 commentaire(s) approuvé(s)." in response.content.decode()
    for item in (first, second):
        item.refresh_from_db()
        assert item.status == Status.APPROVED
        assert item.approved_at is not None
    article.refresh_from_db()
    assert article.comment_count == 2
    html = page_of(client, article)
    assert "Premier avis à valider." in html and "Second avis à valider." in html
    assert LogEntry.objects.filter(object_id=str(first.pk), user=moderator).exists()


def test_spam_and_trash_take_comments_off_the_page_and_fix_the_count(client, moderator):
    article = make_article()
    junk = comment(article, "Publicité déguisée.", Status.APPROVED)
    rude = comment(article, "Propos injurieux.", Status.APPROVED)
    comment(article, "Avis qui reste.", Status.APPROVED)
    article.refresh_from_db()
    assert article.comment_count == 0  # made without moderate(): the actions recount

    spam = act(client, "mark_spam", junk, query="status__exact=approved").content.decode()
    trash = act(client, "move_to_trash", rude, query="status__exact=all").content.decode()

    assert "1 commentaire(s) marqué(s) comme indésirable(s)." in spam
    assert "1 commentaire(s) mis à la corbeille." in trash
    junk.refresh_from_db()
    rude.refresh_from_db()
    assert (junk.status, rude.status) == (Status.SPAM, Status.TRASH)
    article.refresh_from_db()
    assert article.comment_count == 1
    html = page_of(client, article)
    assert "Publicité déguisée." not in html and "Propos injurieux." not in html
    assert "Avis qui reste." in html

    restored = act(client, "restore", junk, rude, query="status__exact=all").content.decode()
    assert "2 commentaire(s) remis en attente." in restored
    assert set(
        Comment.objects.filter(pk__in=[junk.pk, rude.pk]).values_list("status", flat=True)
    ) == {Status.PENDING}


def test_a_row_button_decides_for_one_comment_and_comes_back(client, moderator):
    article = make_article()
    item = comment(article, "Un avis à approuver d’un clic.")

    response = client.post(f"{QUEUE}?status__exact=pending", {"_moderer": f"{item.pk}:approved"})

    assert response.status_code == 302
    assert response["Location"] == f"{QUEUE}?status__exact=pending"
    item.refresh_from_db()
    assert item.status == Status.APPROVED
    article.refresh_from_db()
    assert article.comment_count == 1
    assert client.post(QUEUE, {"_moderer": f"{item.pk}:publié"}).status_code == 404


def test_the_change_form_moderates_through_the_status_select(client, moderator):
    article = make_article()
    item = comment(article, "Texte avec une coquile.", ip="203.0.113.9", user_agent="Firefox")
    url = f"{QUEUE}{item.pk}/change/"

    page = client.get(url).content.decode()
    assert "203.0.113.9" in page and "Firefox" in page
    assert 'name="ip"' not in page and 'name="user_agent"' not in page
    assert f"/redaction/comments/comment/{item.pk}/repondre/" in page

    response = client.post(
        url,
        {
            "text": "Texte avec une coquille.",
            "name": item.name,
            "email": item.email,
            "website": "",
            "status": "approved",
            "ip": "198.51.100.1",
        },
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.text == "Texte avec une coquille."
    assert item.status == Status.APPROVED and item.approved_at is not None
    assert item.ip == "203.0.113.9"
    article.refresh_from_db()
    assert article.comment_count == 1


def test_deleting_a_comment_fixes_the_count(client, moderator):
    article = make_article()
    item = comment(article, "Bientôt supprimé.", Status.APPROVED)
    comment(article, "Une réponse qui part avec lui.", Status.APPROVED, parent=item)
    comment(article, "Un autre avis.", Status.APPROVED)

    response = client.post(
        f"{QUEUE}?status__exact=all",
        {"action": "delete_selected", "_selected_action": [item.pk], "post": "yes"},
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.comment_count == 1
    assert "Bientôt supprimé." not in page_of(client, article)


def test_the_desk_replies_as_the_newsroom(client, django_capture_on_commit_callbacks, recorded):
    user = member(EDITOR, "marie", email="marie@journal.example")
    Author.objects.create(user=user, name="Marie Curie", slug="marie-curie")
    client.force_login(user)
    article = make_article()
    question = comment(article, "Pourquoi ce chiffre ?", name="Jeanne")

    response = act(client, "reply", question)
    assert response.redirect_chain[-1][0].startswith(f"{QUEUE}{question.pk}/repondre/")
    form = response.content.decode()
    assert "Pourquoi ce chiffre ?" in form and "<textarea" in form
    assert "il sera approuvé et publié avec votre réponse" in form

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            response.redirect_chain[-1][0], {"text": "Il vient du rapport de l’Insee."}
        )

    assert response.status_code == 302
    assert response["Location"] == f"{QUEUE}?status__exact=pending"
    question.refresh_from_db()
    assert question.status == Status.APPROVED
    reply = Comment.objects.get(parent=question)
    assert reply.status == Status.APPROVED and reply.approved_at is not None
    assert reply.by_staff == user
    assert (reply.name, reply.email) == ("Marie Curie", "marie@journal.example")
    assert recorded == [question, reply]
    article.refresh_from_db()
    assert article.comment_count == 2

    html = page_of(client, article)
    assert "Il vient du rapport de l’Insee." in html
    assert "comment--staff" in html and "comment__badge" in html
    messages = client.get(response["Location"]).content.decode()
    assert "Votre réponse à Jeanne est publiée." in messages
    assert "il est maintenant approuvé" in messages


def test_replying_as_the_newsroom_approves_the_question_and_journals_both(
    django_capture_on_commit_callbacks, recorded
):
    user = member(EDITOR, "marie", email="marie@journal.example")
    question = comment(make_article(), "Pourquoi ce chiffre ?", name="Jeanne")

    with django_capture_on_commit_callbacks(execute=True):
        reply = moderation.reply_as_newsroom(question, "Voir le rapport.", by=user)

    question.refresh_from_db()
    assert question.status == Status.APPROVED
    assert (reply.parent, reply.status, reply.by_staff) == (question, Status.APPROVED, user)
    assert recorded == [question, reply]
    journal = LogEntry.objects.filter(user=user).order_by("pk")
    assert [(e.object_id, e.get_change_message()) for e in journal] == [
        (str(question.pk), "État : Approuvé"),
        (str(reply.pk), "Ajout."),
    ]


def test_a_reply_respects_the_maximum_depth_and_the_staff_signature_fallbacks(
    client, settings, moderator
):
    settings.COMMENTS_MAX_DEPTH = 2
    settings.DEFAULT_FROM_EMAIL = "redaction@journal.example"
    article = make_article()
    top = comment(article, "Le fil.", Status.APPROVED)
    answer = comment(article, "Une réponse.", Status.APPROVED, parent=top)

    client.post(f"{QUEUE}{answer.pk}/repondre/", {"text": "La rédaction répond."})

    reply = Comment.objects.get(text="La rédaction répond.")
    assert reply.parent == top and reply.depth == 1
    assert (reply.name, reply.email) == ("moderatrice", "redaction@journal.example")


def test_replying_needs_exactly_one_comment_and_some_text(client, moderator):
    article = make_article()
    first = comment(article, "Un.")
    second = comment(article, "Deux.")

    response = act(client, "reply", first, second)
    assert "Pour répondre, choisissez un seul commentaire." in response.content.decode()

    response = client.post(f"{QUEUE}{first.pk}/repondre/", {"text": "  "})
    assert response.status_code == 200
    assert "Écrivez votre réponse." in response.content.decode()
    assert Comment.objects.count() == 2


def test_a_moderator_moderates_but_cannot_edit_articles(client, moderator):
    article = make_article(title="Titre d’origine")
    item = comment(article, "À valider.")

    act(client, "approve", item)
    item.refresh_from_db()
    assert item.status == Status.APPROVED

    response = client.post(f"/redaction/articles/article/{article.pk}/change/", {"title": "Piraté"})
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title == "Titre d’origine"


def test_an_editor_moderates_but_does_not_delete(client):
    client.force_login(member(EDITOR, "editeur"))
    comment(make_article(), "À valider.")

    html = client.get(f"{QUEUE}?status__exact=pending").content.decode()

    assert "À valider." in html and 'value="approve"' in html
    assert 'value="delete_selected"' not in html


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert "/redaction/login/" in response["Location"]


def test_an_author_sees_no_comments(client):
    client.force_login(member(AUTHOR, "autrice"))
    comment(make_article(), "Avis.")

    assert client.get(f"{QUEUE}?status__exact=pending").status_code == 403
    assert "/redaction/comments/" not in client.get("/redaction/").content.decode()


def test_the_dashboard_shows_how_many_comments_wait(client, admin_user):
    article = make_article()
    for number in range(3):
        Comment.objects.create(
            article=article, name="X", email="x@example.org", text=f"Texte {number}"
        )
    client.force_login(admin_user)

    html = client.get("/redaction/").content.decode()

    assert "3 commentaires en attente de modération" in html
    assert "/redaction/comments/comment/?status__exact=pending" in html
