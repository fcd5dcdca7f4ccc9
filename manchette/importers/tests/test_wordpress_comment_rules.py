"""Imported comments meet the rules of the comment form: held, never cut, and reported."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from manchette.comments.models import Comment
from manchette.comments.moderation import moderate

from .small_wxr import comment, export, post

pytestmark = pytest.mark.django_db

LONG = "Un avis très argumenté." * 4  # 92 characters


@pytest.fixture
def rules(settings):
    settings.COMMENTS_MAX_LENGTH = 60
    settings.COMMENTS_MAX_LINKS = 1
    settings.COMMENTS_HOLD_WORDS = ["casino"]
    settings.COMMENTS_REJECT_WORDS = ["viagra"]


@pytest.fixture
def path(tmp_path):
    comments = [
        comment(1, LONG),
        comment(2, "Le casino du port rouvre."),
        comment(3, "Achetez du viagra", approved="0"),
        comment(4, "Du viagra, vraiment ?"),
        comment(5, "Voir https://a.example et https://b.example"),
        comment(6, "Merci.", url="javascript:alert(1)"),
        comment(7, "Bravo.", author="N" * 150),
        comment(8, "Très juste."),
    ]
    return export(tmp_path / "export.xml", post(1, comments="".join(comments)))


def run(path) -> str:
    out = io.StringIO()
    call_command("import_wordpress", str(path), stdout=out)
    return out.getvalue()


def imported(wp_id: int) -> Comment:
    return Comment.objects.get(import_ref=f"wp:comment:{wp_id}")


def test_an_approved_comment_over_the_length_limit_is_kept_whole_and_held(rules, path):
    output = run(path)

    long = imported(1)
    assert long.text == LONG and long.status == Comment.Status.PENDING
    assert (
        "commentaires wp:comment:1 « Lectrice » : approuvé dans WordPress, retenu pour "
        "modération : 92 caractères, au-delà de la limite de 60 : gardé entier"
    ) in output
    assert "gardé entier" in long.reason


def test_word_and_link_rules_hold_approved_comments_and_refuse_pending_ones(rules, path):
    output = run(path)

    assert imported(2).status == Comment.Status.PENDING
    assert "retenu pour modération : mot à vérifier : casino" in output
    assert imported(3).status == Comment.Status.SPAM
    assert "wp:comment:3 « Lectrice » : classé indésirable : mot refusé : viagra" in output
    # Approved by a moderator in WordPress: held for another look, never made spam.
    assert imported(4).status == Comment.Status.PENDING
    assert imported(5).status == Comment.Status.PENDING
    assert "retenu pour modération : trop de liens" in output
    assert imported(8).status == Comment.Status.APPROVED


def test_a_non_web_website_is_dropped_and_a_long_name_cut_with_a_report_line(rules, path):
    output = run(path)

    assert imported(6).website == "" and imported(6).status == Comment.Status.APPROVED
    assert "adresse de site web refusée : « javascript:alert(1) »" in output
    assert len(imported(7).name) == 100 and imported(7).name.endswith("…")
    assert "nom raccourci à 100 caractères" in output


def test_a_held_comment_approved_since_stays_approved_when_run_again(rules, path):
    run(path)
    moderate(imported(1), Comment.Status.APPROVED)

    run(path)

    assert imported(1).status == Comment.Status.APPROVED
    assert imported(2).status == Comment.Status.PENDING
