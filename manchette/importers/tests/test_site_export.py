"""export_site writes the whole site; import_site into an empty database gives it back."""

from __future__ import annotations

import datetime
import io
import json
import re
import shutil

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage

from manchette.articles.models import (
    Article,
    Author,
    Byline,
    Category,
    Correction,
    Page,
    Source,
    Tag,
)
from manchette.articles.tests.builders import add_authors, add_sources, add_tags, make_article
from manchette.comments.models import Comment
from manchette.comments.moderation import refresh_counts
from manchette.comments.tests.builders import make_comment
from manchette.desk.roles import EDITOR
from manchette.images.models import Image, Rendition
from manchette.importers.models import OldLink

pytestmark = pytest.mark.django_db
User = get_user_model()


def picture(name: str, colour: tuple[int, int, int], **fields) -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", (900, 600), colour).save(buffer, "JPEG")
    image = Image(alt_text=fields.pop("alt_text", f"Photo {name}"), **fields)
    image.file.save(name, ContentFile(buffer.getvalue()), save=False)
    image.save()
    return image


def ago(**delta) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(**delta)


def build_site() -> None:
    """A small newsroom with every kind of item and state the export has to carry."""
    editor = User.objects.create_user(
        "jmartin", "jeanne@journal.example", "secret-123", first_name="Jeanne", is_staff=True
    )
    editor.groups.add(Group.objects.get(name=EDITOR))
    editor.user_permissions.add(Permission.objects.get(codename="delete_comment"))
    User.objects.create_superuser("admin", "admin@journal.example", "secret-456")

    politique = Category.objects.create(name="Politique", slug="politique", position=1)
    bordeaux = Category.objects.create(
        name="Bordeaux", slug="bordeaux", parent=politique, position=2, description="La ville."
    )
    culture = Category.objects.create(name="Culture", slug="culture", position=3)

    portrait = picture("portrait.jpg", (120, 80, 60), credit="DR")
    jeanne = Author.objects.create(
        name="Jeanne Martin",
        slug="jeanne-martin",
        user=editor,
        job_title="Cheffe du service politique",
        bio="Couvre la politique locale.",
        photo=portrait,
    )

    budget = make_article(
        title="Le budget est voté",
        category=politique,
        published_at=ago(days=2, hours=3),
        updated_at=ago(days=1),
        featured=True,
        how_we_worked="Nous avons assisté à la séance.",
        lead_image=picture(
            "hemicycle.jpg",
            (200, 40, 40),
            caption="L’hémicycle, mardi.",
            credit="Photo : A. Dupont",
            focal_x=0.3,
            focal_y=0.7,
        ),
        import_ref="wp:post:12",
    )
    Byline.objects.create(article=budget, author=jeanne, position=0)
    add_authors(budget, "Paul Durand")
    Byline.objects.filter(article=budget, author__slug="paul-durand").update(position=1)
    add_tags(budget, "Budget", "Conseil municipal")
    add_sources(budget, 2)
    Correction.objects.create(
        article=budget, corrected_at=ago(days=1, hours=2), text="Le montant était erroné."
    )

    pont = make_article(
        title="Le pont rouvre",
        category=bordeaux,
        published_at=ago(hours=5),
        article_type=Article.Type.ANALYSIS,
        lead_image=picture("pont.png", (30, 160, 90)),
    )
    add_authors(pont, "Paul Durand")
    add_tags(pont, "Conseil municipal")
    opinion = make_article(
        title="Pour un été sans voitures",
        category=culture,
        published_at=ago(days=3),
        article_type=Article.Type.OPINION,
        comments_open=False,
    )
    add_authors(opinion, "Jeanne Martin")
    Source.objects.create(article=opinion, label="Étude de l’Insee", url="", position=0)
    # Scheduled, and its time has come: public although nothing changed its status.
    due = make_article(title="Le marché de nuit", category=culture, hours_ago=30)
    Article.objects.filter(pk=due.pk).update(status=Article.Status.SCHEDULED)
    make_article(title="Demain au conseil", category=politique, published_at=ago(hours=-20))
    make_article(title="Un brouillon", category=politique, status=Article.Status.DRAFT)
    make_article(title="En relecture", category=bordeaux, status=Article.Status.REVIEW)
    make_article(title="Ancien papier", category=culture, status=Article.Status.ARCHIVED)

    first = make_comment(
        budget, name="Alice", email="alice@example.org", ip="192.0.2.4", created_at=ago(days=1)
    )
    reply = make_comment(
        budget,
        parent=first,
        name="La rédaction",
        email="redaction@journal.example",
        by_staff=editor,
        created_at=ago(hours=20),
    )
    make_comment(budget, parent=reply, name="Alice", email="alice@example.org", ip="192.0.2.4")
    make_comment(budget, name="Bob", status=Comment.Status.PENDING, ip="2001:db8::1")
    make_comment(budget, name="Spammeur", status=Comment.Status.SPAM, website="https://x.example")
    make_comment(pont, name="Chloé", website="https://chloe.example", notify_replies=True)
    make_comment(pont, name="Chloé", status=Comment.Status.TRASH)
    refresh_counts(Article.objects.values_list("pk", flat=True))

    Page.objects.create(
        title="Principes éditoriaux",
        slug="principes-editoriaux",
        role=Page.Role.PRINCIPLES,
        body="<p>Nous vérifions ce que nous publions.</p>",
    )
    Page.objects.create(
        title="Politique de corrections",
        slug="politique-de-corrections",
        role=Page.Role.CORRECTIONS,
        body="<p>Chaque erreur est corrigée et datée.</p>",
    )
    Page.objects.create(title="Nous contacter", slug="contact", body="<p>Écrivez-nous.</p>")

    OldLink.objects.create(path="/?p=12", target=budget)
    OldLink.objects.create(path="/category/politique/bordeaux/", target=bordeaux)
    OldLink.objects.create(path="/wp-content/uploads/2019/05/portrait.jpg", url=portrait.file.url)


def public_addresses() -> list[str]:
    """Every page a reader or a robot can reach, and the private preview links."""
    addresses = ["/", "/flux/", "/flux/atom/", "/commentaires/flux/", "/robots.txt"]
    addresses += ["/sitemap.xml", "/sitemap-news.xml"]
    addresses += [
        f"/sitemap-{section}.xml" for section in ("articles", "rubriques", "sujets", "auteurs")
    ]
    addresses += ["/sitemap-pages.xml", "/recherche/?q=budget", "/recherche/?q=pont"]
    for category in Category.objects.order_by("pk"):
        addresses += [category.get_absolute_url(), f"/{category.slug}/flux/"]
    for tag in Tag.objects.order_by("pk"):
        addresses += [tag.get_absolute_url(), f"{tag.get_absolute_url()}flux/"]
    for author in Author.objects.order_by("pk"):
        addresses += [author.get_absolute_url(), f"{author.get_absolute_url()}flux/atom/"]
    for article in Article.objects.order_by("pk"):
        if article.is_public:
            addresses.append(article.get_absolute_url())
        else:  # its preview link, which the restore must keep valid
            addresses.append(reverse("desk:preview", args=[article.preview_token()]))
        if article.comment_count:  # an empty feed is dated with the time it is read
            addresses.append(f"/commentaires/flux/article/{article.pk}/")
    addresses += [page.get_absolute_url() for page in Page.objects.order_by("pk")]
    addresses += list(OldLink.objects.order_by("pk").values_list("path", flat=True))
    return addresses


def without_previews(addresses: list[str]) -> list[str]:
    # A preview link is signed with the time it is made: a new one differs every second.
    return [address for address in addresses if not address.startswith("/redaction/")]


# What changes on every rendering of the same page: the CSRF token and the comment
# form's signed timestamp.
_PER_REQUEST = re.compile(rb'(name="(?:csrfmiddlewaretoken|timestamp)" value=")[^"]*')


def snapshot(client, addresses: list[str]) -> dict[str, tuple[int, str, bytes]]:
    pages = {}
    for address in addresses:
        response = client.get(address)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        pages[address] = (
            response.status_code,
            response.get("Location", ""),
            _PER_REQUEST.sub(rb"\1-", body),
        )
    return pages


def wipe(settings) -> None:
    """An empty site: no rows, no media, nothing cached."""
    OldLink.objects.all().delete()
    Comment.objects.all().delete()
    Article.objects.all().delete()
    Page.objects.all().delete()
    Author.objects.all().delete()
    Tag.objects.all().delete()
    Category.objects.all().delete()
    Image.objects.all().delete()
    User.objects.all().delete()
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    cache.clear()


def export(directory) -> str:
    out = io.StringIO()
    call_command("export_site", str(directory), stdout=out)
    return out.getvalue()


def restore(directory) -> str:
    out = io.StringIO()
    call_command("import_site", str(directory), stdout=out)
    return out.getvalue()


def assert_same_pages(before: dict, after: dict) -> None:
    assert after.keys() == before.keys()
    for address, (status, location, body) in before.items():
        assert after[address][:2] == (status, location), address
        if after[address][2] != body:
            lines = zip(body.splitlines(), after[address][2].splitlines(), strict=False)
            first = next((pair for pair in lines if pair[0] != pair[1]), None)
            pytest.fail(f"{address} differs after the restore: {first}")


def test_a_restored_site_serves_every_page_as_before(client, tmp_path, settings):
    build_site()
    addresses = public_addresses()
    before = snapshot(client, addresses)
    assert {status for status, _, _ in before.values()} == {200, 301}

    export(tmp_path / "export")
    wipe(settings)
    assert client.get("/").content != before["/"][2]
    report = restore(tmp_path / "export")

    assert "Restauration terminée" in report
    # Same keys, so the same addresses; the preview links made before still open below.
    assert without_previews(public_addresses()) == without_previews(addresses)
    assert_same_pages(before, snapshot(client, addresses))


def test_the_export_follows_the_documented_layout(tmp_path):
    build_site()
    report = export(tmp_path / "export")

    manifest = json.loads((tmp_path / "export" / "manifest.json").read_text())
    assert manifest["format"] == "manchette-export" and manifest["version"] == 1
    assert manifest["counts"]["articles"] == 8
    assert manifest["counts"]["comments"] == 7
    assert manifest["counts"]["users"] == 2
    assert manifest["media"]["files"] == 3
    for kind, filename in manifest["files"].items():
        lines = (tmp_path / "export" / filename).read_text().splitlines()
        assert len(lines) == manifest["counts"][kind], kind
    assert "Export terminé" in report and "8 articles" in report and "7 commentaires" in report


def test_users_are_exported_without_their_password(tmp_path):
    build_site()
    export(tmp_path / "export")
    text = (tmp_path / "export" / "users.jsonl").read_text()
    assert "password" not in text and "pbkdf2" not in text
    jeanne = next(json.loads(line) for line in text.splitlines() if '"jmartin"' in line)
    assert jeanne["email"] == "jeanne@journal.example"
    assert jeanne["is_staff"] is True and jeanne["is_superuser"] is False
    assert jeanne["groups"] == [EDITOR]
    assert jeanne["user_permissions"] == ["comments.delete_comment"]


def test_articles_carry_their_bylines_sources_corrections_and_state(tmp_path):
    build_site()
    export(tmp_path / "export")
    articles = [
        json.loads(line)
        for line in (tmp_path / "export" / "articles.jsonl").read_text().splitlines()
    ]
    budget = next(a for a in articles if a["import_ref"] == "wp:post:12")
    assert [b["position"] for b in budget["bylines"]] == [0, 1]
    assert [s["label"] for s in budget["sources"]] == ["Rapport n° 0", "Rapport n° 1"]
    assert budget["corrections"][0]["text"] == "Le montant était erroné."
    assert len(budget["tags"]) == 2 and budget["featured"] is True
    assert "body_html" not in budget  # made again from the body on import
    assert {a["status"] for a in articles} == {s.value for s in Article.Status}


def test_comments_keep_threads_e_mails_and_ips(tmp_path):
    build_site()
    export(tmp_path / "export")
    comments = [
        json.loads(line)
        for line in (tmp_path / "export" / "comments.jsonl").read_text().splitlines()
    ]
    first = next(c for c in comments if c["parent"] is None and c["name"] == "Alice")
    replies = [c for c in comments if c["thread"] == first["id"] and c["id"] != first["id"]]
    assert [c["depth"] for c in replies] == [1, 2]
    assert first["ip"] == "192.0.2.4" and first["email"] == "alice@example.org"


def test_media_are_copied_but_renditions_are_not(tmp_path):
    build_site()
    export(tmp_path / "export")
    media = tmp_path / "export" / "media"
    for image in Image.objects.all():
        assert (media / image.file.name).read_bytes() == image.file.read()
    assert Rendition.objects.exists()
    assert not (media / "renditions").exists()


def test_restored_users_have_no_usable_password_but_keep_their_roles(tmp_path, settings):
    build_site()
    export(tmp_path / "export")
    wipe(settings)
    report = restore(tmp_path / "export")

    jeanne = User.objects.get(username="jmartin")
    assert not jeanne.has_usable_password()
    assert list(jeanne.groups.values_list("name", flat=True)) == [EDITOR]
    assert jeanne.has_perm("comments.delete_comment")
    assert User.objects.get(username="admin").is_superuser
    assert "reviennent sans mot de passe" in report


def test_restored_rows_keep_their_dates_state_and_derived_data(tmp_path, settings):
    build_site()
    rows = {
        a.pk: (a.status, a.published_at, a.created_at, a.modified_at, a.comment_count)
        for a in Article.objects.all()
    }
    image = Image.objects.get(file__endswith="hemicycle.jpg")
    export(tmp_path / "export")
    wipe(settings)
    restore(tmp_path / "export")

    assert {
        a.pk: (a.status, a.published_at, a.created_at, a.modified_at, a.comment_count)
        for a in Article.objects.all()
    } == rows
    restored = Image.objects.get(pk=image.pk)
    assert (restored.caption, restored.credit, restored.focal_x, restored.focal_y) == (
        image.caption,
        image.credit,
        0.3,
        0.7,
    )
    assert restored.created_at == image.created_at
    assert restored.renditions.count() == image.renditions.count()
    assert Comment.objects.get(ip="2001:db8::1").status == Comment.Status.PENDING


def test_new_items_after_a_restore_get_fresh_keys(tmp_path, settings):
    build_site()
    export(tmp_path / "export")
    wipe(settings)
    restore(tmp_path / "export")
    highest = Category.objects.order_by("-pk").first().pk
    assert Category.objects.create(name="Sport", slug="sport").pk > highest


def test_it_refuses_a_database_with_content(tmp_path):
    build_site()
    export(tmp_path / "export")
    with pytest.raises(CommandError, match="La base de données n’est pas vide"):
        restore(tmp_path / "export")
    assert Article.objects.count() == 8


def test_it_refuses_a_directory_that_is_not_an_export(tmp_path):
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "vacances.jpg").write_bytes(b"...")
    with pytest.raises(CommandError, match="n’est pas un export Manchette"):
        restore(tmp_path / "photos")
    with pytest.raises(CommandError, match="n’est pas un dossier"):
        restore(tmp_path / "absent")


def test_a_truncated_export_restores_nothing(tmp_path, settings):
    build_site()
    export(tmp_path / "export")
    wipe(settings)
    comments = tmp_path / "export" / "comments.jsonl"
    comments.write_text("".join(comments.read_text().splitlines(keepends=True)[:-1]))

    with pytest.raises(CommandError, match="l’export est incomplet"):
        restore(tmp_path / "export")
    assert not Article.objects.exists() and not User.objects.exists()
    assert not list((settings.MEDIA_ROOT / "images").rglob("*.*"))


def test_it_refuses_to_export_into_a_directory_in_use(tmp_path):
    (tmp_path / "export").mkdir()
    (tmp_path / "export" / "notes.txt").write_text("à garder")
    with pytest.raises(CommandError, match="n’est pas un dossier vide"):
        export(tmp_path / "export")


@pytest.mark.django_db(transaction=True)
def test_export_and_restore_outside_any_transaction(client, tmp_path, settings):
    # Real commits: the export reads through its own snapshot transaction, and the
    # restore's rows, sequences and renditions are committed as in production.
    article = make_article(title="Le budget est voté", lead_image=picture("a.jpg", (9, 9, 9)))
    make_comment(article, ip="192.0.2.4")
    refresh_counts([article.pk])
    before = snapshot(client, ["/", article.get_absolute_url()])
    export(tmp_path / "export")
    call_command("flush", interactive=False)  # a fresh database: sequences start again
    wipe(settings)
    restore(tmp_path / "export")

    assert_same_pages(before, snapshot(client, ["/", article.get_absolute_url()]))
    assert Article.objects.create(title="Suite", category=article.category).pk > article.pk
