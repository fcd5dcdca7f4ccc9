"""Importing a WordPress export: what a newsroom finds in Manchette afterwards."""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from PIL import Image as PILImage

from manchette.articles.models import Article, Author, Category, Page, Tag
from manchette.comments.models import Comment
from manchette.images.models import Image
from manchette.importers.models import OldLink
from manchette.importers.wordpress import importer
from manchette.importers.wordpress.importer import import_wordpress

pytestmark = pytest.mark.django_db

WXR = Path(__file__).parent / "wxr"
SITE = WXR / "site.xml"


@pytest.fixture
def uploads(tmp_path) -> Path:
    """A copy of wp-content/uploads with every file of site.xml but manquante.jpg."""
    folder = tmp_path / "uploads" / "2019" / "05"
    folder.mkdir(parents=True)
    for name, colour in [
        ("photo.jpg", (200, 30, 30)),
        ("galerie-1.jpg", (30, 200, 30)),
        ("galerie-2.jpg", (30, 30, 200)),
    ]:
        PILImage.new("RGB", (40, 30), colour).save(folder / name, "JPEG")
    (folder / "rapport.pdf").write_bytes(b"%PDF-1.4\n% rapport\n")
    return tmp_path / "uploads"


def run(path: Path = SITE, uploads: Path | None = None, *args: str) -> str:
    out = io.StringIO()
    command = ["import_wordpress", str(path)]
    if uploads is not None:
        command += ["--media-dir", str(uploads)]
    call_command(*command, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def article(post_id: int) -> Article:
    return Article.objects.get(import_ref=f"wp:post:{post_id}")


def table(output: str) -> dict[str, list[int]]:
    """The report's counts: kind → [created, updated, unchanged, skipped]."""
    rows = re.findall(r"^(\S.*?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$", output, re.M)
    return {label: [int(n) for n in numbers] for label, *numbers in rows}


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Article, Page, Author, Category, Tag, Image, Comment, OldLink)
    }


# Authors, categories, tags


def test_authors_become_author_profiles_without_accounts(uploads):
    run(SITE, uploads)
    jeanne = Author.objects.get(import_ref="wp:author:jdupont")
    assert (jeanne.name, jeanne.slug, jeanne.user) == ("Jeanne Dupont", "jeanne-dupont", None)
    assert Author.objects.get(import_ref="wp:author:zoe.legare").slug == "zoe-legare"


def test_with_users_each_author_gets_an_account_without_a_password(uploads):
    run(SITE, uploads, "--with-users")
    jeanne = Author.objects.get(import_ref="wp:author:jdupont")
    assert jeanne.user.username == "jdupont"
    assert jeanne.user.email == "jeanne@petit-echo.fr"
    assert not jeanne.user.has_usable_password()
    # Her reply on her own article is the newsroom's.
    assert Comment.objects.get(import_ref="wp:comment:101").by_staff == jeanne.user


def test_categories_keep_their_hierarchy_and_descriptions(uploads):
    run(SITE, uploads)
    municipales = Category.objects.get(import_ref="wp:term:category:4")
    assert municipales.parent == Category.objects.get(slug="politique")
    culture = Category.objects.get(import_ref="wp:term:category:5")
    assert (culture.name, culture.description) == (
        "Culture & loisirs",
        "Tout sur la culture du canton.",
    )


def test_a_category_with_a_reserved_slug_gets_another_and_the_report_says_so(uploads):
    output = run(SITE, uploads)
    assert Category.objects.get(import_ref="wp:term:category:6").slug == "media-2"
    assert "« media » prise : « media-2 »" in output


def test_tags_are_imported_with_their_accented_names(uploads):
    run(SITE, uploads)
    elections = Tag.objects.get(import_ref="wp:term:post_tag:7")
    assert (elections.name, elections.slug) == ("Élections", "elections")


def test_an_existing_category_of_the_same_slug_is_adopted_not_duplicated(uploads):
    Category.objects.create(name="Politique", slug="politique")
    run(SITE, uploads)
    assert Category.objects.filter(slug="politique").count() == 1
    assert Category.objects.get(slug="politique").import_ref == "wp:term:category:3"


# Posts


def test_a_published_post_keeps_its_date_slug_standfirst_and_terms(uploads):
    run(SITE, uploads)
    post = article(12)
    assert post.title == "Municipales : l’union & la gauche"
    assert post.slug == "municipales-union"
    assert post.status == Article.Status.PUBLISHED
    assert post.published_at == datetime.datetime(2019, 5, 4, 10, tzinfo=datetime.UTC)
    assert post.standfirst == "Le chapô important."
    assert post.category.slug == "municipales"
    assert [a.name for a in post.authors.all()] == ["Jeanne Dupont"]
    # The second category becomes a topic, so the article is still found under it.
    assert sorted(post.tags.values_list("slug", flat=True)) == ["budget", "culture", "elections"]
    assert post.comments_open


def test_a_sticky_post_is_featured(uploads):
    run(SITE, uploads)
    assert article(12).featured
    assert not article(13).featured


@pytest.mark.parametrize(
    ("post_id", "status", "dated"),
    [
        (14, Article.Status.DRAFT, False),  # draft
        (15, Article.Status.REVIEW, False),  # pending
        (16, Article.Status.DRAFT, True),  # private
        (17, Article.Status.DRAFT, True),  # password-protected
        (19, Article.Status.SCHEDULED, True),  # future
        (22, Article.Status.DRAFT, True),  # future, but its time passed: never published
    ],
)
def test_statuses_are_mapped(uploads, post_id, status, dated):
    run(SITE, uploads)
    post = article(post_id)
    assert post.status == status
    assert (post.published_at is not None) == dated
    assert not Article.objects.published().filter(pk=post.pk).exists()


def test_a_draft_without_slug_takes_one_from_its_title(uploads):
    run(SITE, uploads)
    assert article(14).slug == "brouillon-dete"


def test_trashed_posts_are_skipped_and_reported(uploads):
    output = run(SITE, uploads)
    assert not Article.objects.filter(import_ref="wp:post:18").exists()
    assert "wp:post:18 « Article jeté » : à la corbeille dans WordPress" in output


def test_password_protected_and_private_posts_are_reported(uploads):
    output = run(SITE, uploads)
    assert "wp:post:17 « Réservé aux abonnés » : protégé par un mot de passe" in output
    assert "wp:post:16 « Note interne » : privé dans WordPress" in output
    assert "abonne2019" not in str(article(17).__dict__)


def test_titles_in_other_scripts_are_kept_and_get_a_usable_slug(uploads):
    run(SITE, uploads)
    post = article(20)
    assert post.title == "Ελληνικά, 日本語 et العربية au lycée"
    assert post.body == "<p>Trois langues au programme : ελληνικά, 日本語, العربية.</p>"
    assert post.slug.isascii() and post.slug
    assert post.category.slug == "non-classe"


def test_pages_become_static_pages_and_unpublished_ones_are_reported(uploads):
    output = run(SITE, uploads)
    page = Page.objects.get(import_ref="wp:page:30")
    assert (page.title, page.slug) == ("À propos", "a-propos")
    assert page.body == (
        "<p>Le Petit Écho paraît depuis 1921.</p>\n"
        "<p>Il est écrit par une équipe de cinq journalistes.</p>"
    )
    assert not Page.objects.filter(import_ref="wp:page:31").exists()
    assert "wp:page:31 « Page en chantier » : page non publiée" in output


def test_other_content_types_are_skipped_and_reported(uploads):
    output = run(SITE, uploads)
    assert "wp:nav_menu_item:40 « Accueil » : type de contenu « nav_menu_item »" in output


# Bodies


def test_a_classic_body_gets_paragraphs_figures_and_embeds(uploads):
    run(SITE, uploads)
    body = article(12).body
    assert body.startswith(
        "<p>Les listes de gauche ont annoncé leur <strong>union</strong> samedi.<br>\n"
        "Elles présenteront une tête de liste commune.</p>"
    )
    # [caption] → figure; the resized copy missing, the original stands in.
    assert (
        '<figure><img src="/media/wordpress/2019/05/photo.jpg" alt="Le conseil" '
        'width="300" height="200"><figcaption>Le conseil, samedi</figcaption></figure>'
    ) in body
    assert "Le budget [sic] sera présenté en juin." in body
    assert '<a href="/media/wordpress/2019/05/rapport.pdf" rel="noopener noreferrer">' in body
    for video in ("https://www.youtube.com/watch?v=abc123", "https://vimeo.com/123456"):
        assert f'<p><a href="{video}" rel="noopener noreferrer">{video}</a></p>' in body
    assert "contact-form" not in body
    assert "<p>&nbsp;</p>" not in body and "<p></p>" not in body
    assert body.endswith("<h2>La suite</h2>\n<p>Des réunions publiques sont prévues.</p>")


def test_a_block_editor_body_loses_its_block_comments_cleanly(uploads):
    run(SITE, uploads)
    body = article(13).body
    assert "wp:" not in body and "<!--" not in body and "class=" not in body
    assert "<p>Le festival revient du 12 au 14 juillet.</p>" in body
    assert "<h2>Les têtes d’affiche</h2>" in body
    assert (
        '<figure><img src="/media/wordpress/2019/05/galerie-1.jpg" alt="Une scène">'
        "<figcaption>La grande scène</figcaption></figure>"
    ) in body
    assert (
        '<figure><ul><li><figure><img src="/media/wordpress/2019/05/galerie-1.jpg" '
        'alt="Une scène éclairée"><figcaption>La scène du festival</figcaption></figure></li>'
        '<li><img src="/media/wordpress/2019/05/galerie-2.jpg" alt="Le public"></li></ul>'
        "</figure>"
    ) in body
    assert (
        '<p><a href="https://www.youtube.com/watch?v=fest2019" rel="noopener noreferrer">'
    ) in body
    # The reusable block's content replaces its reference.
    assert "<p>Soutenez le journal : abonnez-vous.</p>" in body


def test_unknown_shortcodes_and_blocks_are_listed(uploads):
    output = run(SITE, uploads)
    assert "[contact-form-7] dans 1 contenus : wp:post:12" in output
    assert "<!-- wp:latest-posts --> dans 1 contenus : wp:post:13" in output


# Media


def test_the_featured_image_becomes_the_lead_image_with_caption_alt_and_credit(uploads):
    run(SITE, uploads)
    image = article(12).lead_image
    assert image.import_ref == "wp:attachment:45"
    assert image.file.name == "wordpress/2019/05/photo.jpg"
    assert (image.width, image.height) == (40, 30)
    assert image.caption == "Séance du 4 mai à la mairie"
    assert image.alt_text == "Le conseil municipal réuni"
    assert image.credit == "Photo : Marc Olivier"
    assert image.file.storage.exists(image.file.name)


def test_a_missing_file_does_not_stop_the_article_and_is_reported(uploads):
    output = run(SITE, uploads)
    festival = article(13)
    assert festival.lead_image is None
    assert festival.status == Article.Status.PUBLISHED
    assert not Image.objects.filter(import_ref="wp:attachment:46").exists()
    assert (
        "2019/05/manquante.jpg (pour wp:attachment:46, wp:post:12, wp:post:13 (image à la une))"
    ) in output
    # Its address in the body is left as it was.
    assert "https://www.petit-echo.fr/wp-content/uploads/2019/05/manquante.jpg" in article(12).body


def test_an_unreadable_image_is_skipped_and_reported(uploads):
    # A JPEG's first bytes, then nothing a decoder can read.
    (uploads / "2019" / "05" / "galerie-2.jpg").write_bytes(b"\xff\xd8\xff not a picture")
    output = run(SITE, uploads)
    assert not Image.objects.filter(import_ref="wp:attachment:48").exists()
    assert "wp:attachment:48 « galerie-2 » : fichier illisible comme image" in output
    assert article(13).status == Article.Status.PUBLISHED


def test_without_media_dir_nothing_is_copied_and_the_report_says_how_to_finish():
    output = run(SITE)
    assert Image.objects.count() == 0
    assert article(12).lead_image is None
    assert "Sans --media-dir, aucun fichier n’a été copié : 5 pièces jointes" in output


def test_renditions_are_left_to_the_background_worker(uploads):
    output = run(SITE, uploads)
    assert "3 images attendent leurs déclinaisons" in output


# Comments


def test_comments_keep_their_threads_statuses_and_details(uploads, settings):
    settings.COMMENTS_IP_RETENTION_DAYS = 365 * 100  # these comments date from 2019
    run(SITE, uploads)
    first = Comment.objects.get(import_ref="wp:comment:100")
    reply = Comment.objects.get(import_ref="wp:comment:101")
    second = Comment.objects.get(import_ref="wp:comment:102")
    assert (first.name, first.email, first.website) == (
        "Anne Lefèvre",
        "anne@example.org",
        "https://anne.example.org",
    )
    assert (
        first.text == "Enfin ! Voir le tract (https://example.org/tract).\n\nDeuxième paragraphe."
    )
    assert first.ip == "203.0.113.5"
    assert first.created_at == datetime.datetime(2019, 5, 4, 12, tzinfo=datetime.UTC)
    assert first.status == Comment.Status.APPROVED and first.approved_at == first.created_at
    assert (reply.parent, reply.thread, reply.depth) == (first, first, 1)
    assert (second.parent, second.thread, second.depth) == (reply, first, 2)
    assert second.status == Comment.Status.PENDING
    assert second.name == "Kenji 山田" and second.ip == "2001:db8::1"
    assert first.thread == first
    assert Comment.objects.get(import_ref="wp:comment:103").status == Comment.Status.SPAM


def test_a_reply_to_a_trashed_comment_starts_its_own_thread(uploads):
    output = run(SITE, uploads)
    assert not Comment.objects.filter(import_ref="wp:comment:104").exists()
    orphan = Comment.objects.get(import_ref="wp:comment:106")
    assert (orphan.parent, orphan.thread, orphan.depth) == (None, orphan, 0)
    assert "wp:comment:104 « Troll » : à la corbeille dans WordPress" in output


def test_pingbacks_are_skipped_and_counted(uploads):
    output = run(SITE, uploads)
    assert not Comment.objects.filter(import_ref="wp:comment:105").exists()
    assert "Rétroliens et pings ignorés : 1." in output


def test_comment_counts_are_refreshed(uploads):
    run(SITE, uploads)
    assert article(12).comment_count == 3  # 100, 101 and 106 are approved


def test_old_ip_addresses_are_not_imported(uploads, settings):
    settings.COMMENTS_IP_RETENTION_DAYS = 30
    run(SITE, uploads)
    assert not Comment.objects.exclude(ip=None).exists()


# Old addresses


def test_old_addresses_of_a_post_lead_to_the_article(uploads):
    run(SITE, uploads)
    post = article(12)
    for path in (
        "/?p=12",
        "/2019/05/04/municipales-union/",
        "/2019/05/municipales-union/",
        "/municipales-union/",
    ):
        assert OldLink.objects.get(path=path).target == post


def test_an_encoded_permalink_is_stored_decoded(uploads):
    run(SITE, uploads)
    assert OldLink.objects.get(path="/2019/06/02/日本語/").target == article(20)


def test_old_addresses_of_pages_terms_and_authors(uploads):
    run(SITE, uploads)
    page = Page.objects.get(import_ref="wp:page:30")
    municipales = Category.objects.get(import_ref="wp:term:category:4")
    expected = {
        "/a-propos/": page,
        "/?page_id=30": page,
        "/category/politique/municipales/": municipales,
        "/category/municipales/": municipales,
        "/?cat=4": municipales,
        "/tag/élections/": Tag.objects.get(import_ref="wp:term:post_tag:7"),
        "/?tag=%C3%A9lections": Tag.objects.get(import_ref="wp:term:post_tag:7"),
        "/author/jdupont/": Author.objects.get(import_ref="wp:author:jdupont"),
        "/author/zoe-legare/": Author.objects.get(import_ref="wp:author:zoe.legare"),
    }
    for path, target in expected.items():
        assert OldLink.objects.get(path=path).target == target, path


def test_old_feed_and_file_addresses_lead_to_fixed_addresses(uploads):
    run(SITE, uploads)
    urls = dict(OldLink.objects.filter(content_type=None).values_list("path", "url"))
    assert urls["/feed/"] == "/flux/"
    assert urls["/category/politique/municipales/feed/"] == "/municipales/flux/"
    assert urls["/wp-content/uploads/2019/05/photo.jpg"] == "/media/wordpress/2019/05/photo.jpg"
    assert (
        urls["/wp-content/uploads/2019/05/photo-300x200.jpg"]
        == "/media/wordpress/2019/05/photo.jpg"
    )
    assert urls["/?attachment_id=45"] == "/media/wordpress/2019/05/photo.jpg"
    assert urls["/wp-content/uploads/2019/05/rapport.pdf"] == "/media/wordpress/2019/05/rapport.pdf"


def test_drafts_get_no_old_address(uploads):
    run(SITE, uploads)
    for post_id in (14, 15, 16, 17, 22):
        assert (
            not OldLink.objects.filter(object_id=article(post_id).pk)
            .exclude(content_type__model__in=["page", "category", "tag", "author"])
            .exists()
        )


def test_a_colliding_old_address_stays_with_the_first_and_is_reported(uploads):
    output = run(SITE, uploads)
    assert OldLink.objects.get(path="/a-propos/").target == Page.objects.get(
        import_ref="wp:page:30"
    )
    assert "/a-propos/ : gardée pour wp:page:30, refusée pour wp:post:21" in output


@pytest.mark.parametrize(
    ("old", "target"),
    [
        ("/2019/05/04/municipales-union/", lambda: article(12)),
        ("/?p=12", lambda: article(12)),
        ("/2019/06/02/%E6%97%A5%E6%9C%AC%E8%AA%9E/", lambda: article(20)),
        ("/?tag=%C3%A9lections", lambda: Tag.objects.get(import_ref="wp:term:post_tag:7")),
        ("/tag/%c3%a9lections/", lambda: Tag.objects.get(import_ref="wp:term:post_tag:7")),
        ("/?cat=4", lambda: Category.objects.get(import_ref="wp:term:category:4")),
        ("/?page_id=30", lambda: Page.objects.get(import_ref="wp:page:30")),
    ],
)
def test_old_addresses_answer_with_a_redirect(client, uploads, old, target):
    run(SITE, uploads)
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == target().get_absolute_url()


def test_an_old_file_address_answers_with_the_copy(client, uploads):
    run(SITE, uploads)
    response = client.get("/wp-content/uploads/2019/05/photo-300x200.jpg")
    assert response.status_code == 301
    assert response["Location"] == "/media/wordpress/2019/05/photo.jpg"


# Running again


def test_running_again_changes_nothing_and_says_so(uploads):
    run(SITE, uploads)
    before = counts()
    modified = dict(Article.objects.values_list("pk", "modified_at"))
    output = run(SITE, uploads)
    assert counts() == before
    assert dict(Article.objects.values_list("pk", "modified_at")) == modified
    assert table(output)["articles"] == [0, 0, 10, 1]
    assert table(output)["commentaires"] == [0, 0, 5, 1]
    assert table(output)["anciennes adresses"][:2] == [0, 0]


def test_running_again_applies_what_changed(uploads, tmp_path):
    run(SITE, uploads)
    changed = tmp_path / "changed.xml"
    changed.write_text(
        SITE.read_text()
        .replace("Des réunions publiques sont prévues.", "Trois réunions publiques sont prévues.")
        .replace("<wp:is_sticky>1</wp:is_sticky>", "<wp:is_sticky>0</wp:is_sticky>")
        .replace(
            "<wp:comment_approved><![CDATA[0]]></wp:comment_approved>",
            "<wp:comment_approved><![CDATA[1]]></wp:comment_approved>",
        )
    )
    before = counts()
    output = run(changed, uploads)
    assert counts() == before
    post = article(12)
    assert "Trois réunions publiques" in post.body and not post.featured
    assert Comment.objects.get(import_ref="wp:comment:102").status == Comment.Status.APPROVED
    assert post.comment_count == 4
    assert table(output)["articles"] == [0, 1, 9, 1]
    assert table(output)["commentaires"] == [0, 1, 4, 1]


def test_an_article_trashed_since_the_last_run_is_unpublished(uploads, tmp_path):
    run(SITE, uploads)
    changed = tmp_path / "changed.xml"
    changed.write_text(
        SITE.read_text().replace(
            "<wp:post_name><![CDATA[festival-ete]]></wp:post_name>\n"
            "\t\t<wp:status><![CDATA[publish]]></wp:status>",
            "<wp:post_name><![CDATA[festival-ete]]></wp:post_name>\n"
            "\t\t<wp:status><![CDATA[trash]]></wp:status>",
        )
    )
    output = run(changed, uploads)
    assert article(13).status == Article.Status.DRAFT
    assert not OldLink.objects.filter(path="/2019/05/06/festival-ete/").exists()
    assert "déjà importé : dépublié" in output


def test_an_interrupted_run_finishes_when_run_again(uploads, monkeypatch):
    saved = []
    original = importer.WordPressImport._import_post

    def failing(self, item, existing, staged):
        if len(saved) == 3:
            raise RuntimeError("coupure de courant")
        saved.append(item.id)
        return original(self, item, existing, staged)

    monkeypatch.setattr(importer.WordPressImport, "_import_post", failing)
    monkeypatch.setattr(importer, "BATCH_SIZE", 2)
    with pytest.raises(CommandError, match="relancez la même commande") as stopped:
        call_command(
            "import_wordpress", str(SITE), "--media-dir", str(uploads), stdout=io.StringIO()
        )
    assert "wp:post:" in str(stopped.value) and "coupure de courant" in str(stopped.value)
    # Only complete batches were kept: nothing half-written is visible.
    assert set(Article.objects.values_list("import_ref", flat=True)) == {
        "wp:post:12",
        "wp:post:13",
    }
    # What is there is complete: bylines, topics, comments, counts, old addresses.
    assert article(12).bylines.exists() and article(12).tags.count() == 3
    assert Comment.objects.filter(article=article(12)).count() == 5
    assert article(12).comment_count == 3
    assert OldLink.objects.filter(path="/2019/05/04/municipales-union/").exists()
    monkeypatch.setattr(importer.WordPressImport, "_import_post", original)
    run(SITE, uploads)
    assert Article.objects.count() == 10
    assert Comment.objects.count() == 5
    assert Article.objects.filter(import_ref="wp:post:12").count() == 1


def test_bodies_set_by_worker_processes_are_those_the_saves_would_make(uploads, monkeypatch):
    from contextlib import contextmanager

    from manchette.importers.wordpress import typeset
    from manchette.lib.typography import french_typography

    handed: list[dict[str, str]] = []
    real = typeset.precomputed

    @contextmanager
    def watched(results):
        handed.append(results)
        with real(results):
            yield

    monkeypatch.setattr(typeset, "precomputed", watched)

    import_wordpress(SITE, media_dir=uploads, batch_size=3, workers=1)

    assert handed and all(not left for left in handed)  # every save found its body ready
    for post in Article.objects.all():
        assert post.body_html == french_typography(post.body)


def test_a_progress_bar_shows_each_step_on_stderr(uploads, capsys):
    import_wordpress(SITE, media_dir=uploads, progress=True)
    shown = capsys.readouterr()
    for step in ("Lecture", "Fichiers", "Articles et pages"):
        assert step in shown.err
    assert shown.out == ""


def test_the_command_shows_no_bar_when_stderr_is_not_a_terminal(uploads, capsys):
    run(SITE, uploads)
    assert "Lecture" not in capsys.readouterr().err


def test_a_dry_run_writes_nothing_and_reports_what_it_would_do(uploads):
    output = run(SITE, uploads, "--dry-run")
    assert output.startswith("Simulation (--dry-run) : rien n’a été enregistré.")
    assert counts() == {name: 0 for name in counts()}
    assert not (Path(Image._meta.get_field("file").storage.location) / "wordpress").exists()
    assert table(output)["articles"] == [10, 0, 0, 1]


def test_the_report_gives_counts_per_kind(uploads):
    output = run(SITE, uploads)
    assert "Import WordPress terminé en" in output
    assert "Source : site.xml (Le Petit Écho, WXR 1.2)." in output
    assert output.splitlines()[3].split() == ["créés", "mis", "à", "jour", "inchangés", "ignorés"]
    counted = table(output)
    assert counted["auteurs"] == [2, 0, 0, 0]
    assert counted["rubriques"] == [5, 0, 0, 0]  # with "Non classé", for a post without one
    assert counted["sujets"] == [3, 0, 0, 0]  # with "Culture", a post's second category
    assert counted["images"] == [3, 0, 0, 1]
    assert counted["autres fichiers"] == [1, 0, 0, 0]
    assert counted["articles"] == [10, 0, 0, 1]
    assert counted["pages"] == [1, 0, 0, 1]
    assert counted["commentaires"] == [5, 0, 0, 1]
    assert counted["autres contenus"] == [0, 0, 0, 1]
    assert "Durées : lecture" in output


def test_a_scheduled_article_published_since_is_not_seen_as_changed(uploads):
    run(SITE, uploads)
    Article.objects.filter(import_ref="wp:post:19").update(status=Article.Status.PUBLISHED)
    output = run(SITE, uploads)
    assert table(output)["articles"] == [0, 0, 10, 1]
    assert article(19).status == Article.Status.PUBLISHED


def test_the_published_site_shows_the_imported_article(client, uploads):
    run(SITE, uploads)
    post = article(12)
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    assert "Municipales : l’union &amp; la gauche" in response.content.decode()
    assert post.published_at < timezone.now()


# Search


def test_imported_articles_are_found_by_search_with_their_topics_and_authors(client, uploads):
    run(SITE, uploads)
    for words in ("gauche", "Dupont", "Budget"):
        page = client.get("/recherche/", {"q": words}).content.decode()
        assert f'href="{article(12).get_absolute_url()}"' in page, words
    assert "Brouillon" not in client.get("/recherche/", {"q": "brouillon"}).content.decode()


def test_an_unpublished_article_leaves_the_search_index(client, uploads, tmp_path):
    run(SITE, uploads)
    festival = f'href="{article(13).get_absolute_url()}"'
    assert festival in client.get("/recherche/", {"q": "festival"}).content.decode()
    changed = tmp_path / "changed.xml"
    changed.write_text(
        SITE.read_text().replace(
            "<wp:post_name><![CDATA[festival-ete]]></wp:post_name>\n"
            "\t\t<wp:status><![CDATA[publish]]></wp:status>",
            "<wp:post_name><![CDATA[festival-ete]]></wp:post_name>\n"
            "\t\t<wp:status><![CDATA[draft]]></wp:status>",
        )
    )
    run(changed, uploads)
    assert festival not in client.get("/recherche/", {"q": "festival"}).content.decode()
