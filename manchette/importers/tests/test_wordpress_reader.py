"""Reading a WordPress export: what is refused, and what is read from a good file."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from manchette.articles.models import Article, Category, Tag
from manchette.comments.models import Comment
from manchette.importers.models import OldLink
from manchette.importers.wordpress.reader import Author, Item, Term, WXRError, WXRReader

WXR = Path(__file__).parent / "wxr"


def read(path: Path) -> list:
    return list(WXRReader(path))


def refusal(name: str) -> str:
    with pytest.raises(WXRError) as error:
        read(WXR / name)
    return error.value.message


def test_a_malformed_file_is_refused_with_its_line_and_column():
    message = refusal("malformed.xml")
    assert message == (
        "Le fichier malformed.xml est mal formé, ligne 10, colonne 4 : une balise fermante "
        "ne correspond pas à la balise ouverte. Rien n’a été importé ; corrigez le fichier "
        "ou exportez-le à nouveau."
    )


def test_a_truncated_file_is_refused_with_its_line_and_column(tmp_path):
    cut = tmp_path / "coupe.xml"
    text = (WXR / "site.xml").read_text()
    cut.write_text(text[: text.index("</channel>")])
    message = refusal_at(cut)
    line = text[: text.index("</channel>")].count("\n") + 1
    assert f"est mal formé, ligne {line}, colonne" in message
    assert "le fichier est vide ou s’arrête avant la fin" in message


def refusal_at(path: Path) -> str:
    with pytest.raises(WXRError) as error:
        read(path)
    return error.value.message


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("atom.xml", "son élément racine est <feed> et non <rss>"),
        ("rss.xml", "c’est un flux RSS sans l’espace de noms des exports WordPress"),
    ],
)
def test_a_file_that_is_not_a_wordpress_export_is_refused(name, why):
    message = refusal(name)
    assert message.startswith(f"Le fichier {name} n’est pas un export WordPress (WXR) : {why}")
    assert "Outils › Exporter" in message


def test_a_file_that_is_not_xml_is_refused(tmp_path):
    text = tmp_path / "export.csv"
    text.write_text("titre;date\nUn article;2019-05-04\n")
    assert "n’est pas un export WordPress (WXR) : ce n’est pas un fichier XML" in refusal_at(text)


@pytest.mark.parametrize("name", ["bomb.xml", "external-entity.xml"])
def test_xml_bombs_and_external_entities_are_refused(name):
    message = refusal(name)
    assert "déclare une DTD, des entités ou des références externes : il est refusé" in message


@pytest.mark.django_db
def test_the_command_refuses_a_bad_file_with_its_message_and_writes_nothing():
    with pytest.raises(CommandError, match="ligne 10, colonne 4"):
        call_command("import_wordpress", str(WXR / "malformed.xml"), stdout=io.StringIO())
    with pytest.raises(CommandError, match="bombe XML"):
        call_command("import_wordpress", str(WXR / "bomb.xml"), stdout=io.StringIO())
    assert not Article.objects.exists() and not OldLink.objects.exists()


@pytest.mark.django_db
def test_the_command_refuses_a_missing_file():
    with pytest.raises(CommandError, match="Fichier introuvable"):
        call_command("import_wordpress", "/nulle/part.xml", stdout=io.StringIO())


@pytest.mark.django_db
def test_the_command_exits_non_zero_on_a_bad_file(tmp_path):
    import subprocess
    import sys

    from django.conf import settings

    result = subprocess.run(
        [sys.executable, "manage.py", "import_wordpress", str(WXR / "atom.xml")],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin",
            "VAR_DIR": str(tmp_path),
            "SECRET_KEY": "test",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        },
    )
    assert result.returncode == 1
    assert "n’est pas un export WordPress" in result.stderr


def test_records_come_in_file_order_with_cdata_and_entities_read():
    wxr = WXRReader(WXR / "site.xml")
    records = read_with(wxr)
    assert wxr.site.title == "Le Petit Écho"
    assert wxr.site.wxr_version == "1.2"
    authors = [r for r in records if isinstance(r, Author)]
    assert [(a.login, a.id, a.display_name) for a in authors] == [
        ("jdupont", 2, "Jeanne Dupont"),
        ("zoe.legare", 3, "Zoé Légaré"),
    ]
    terms = [r for r in records if isinstance(r, Term)]
    assert [(t.taxonomy, t.slug) for t in terms][:2] == [
        ("category", "municipales"),
        ("category", "politique"),
    ]
    assert terms[0].parent == "politique"
    assert ("nav_menu", "principal") in [(t.taxonomy, t.slug) for t in terms]
    post = next(r for r in records if isinstance(r, Item) and r.id == 12)
    # An escaped title (not CDATA) reads as the HTML WordPress stored.
    assert post.title == "Municipales : l’<em>union</em> &amp; la gauche"
    assert post.sticky and post.type == "post" and post.status == "publish"
    assert post.meta["_thumbnail_id"] == "45"
    assert [(c.id, c.parent, c.approved) for c in post.comments][:3] == [
        (100, 0, "1"),
        (101, 100, "1"),
        (102, 101, "0"),
    ]
    assert post.comments[2].author == "Kenji 山田"


def read_with(wxr: WXRReader) -> list:
    return list(wxr)


def test_a_gzipped_export_is_read_as_is(tmp_path):
    packed = tmp_path / "export.xml.gz"
    packed.write_bytes(gzip.compress((WXR / "site.xml").read_bytes()))
    assert len(read(packed)) == len(read(WXR / "site.xml"))


def test_progress_is_reported_in_bytes():
    seen = []
    list(WXRReader(WXR / "site.xml", on_progress=seen.append))
    assert seen == sorted(seen)
    assert 0 < seen[-1] <= (WXR / "site.xml").stat().st_size


def export_of(path: Path, items: int) -> Path:
    """A WXR file of `items` posts of about 2 kB each."""
    body = "<p>" + "Le conseil municipal a voté le budget. " * 50 + "</p>"
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Écho</title>'
        )
        for number in range(items):
            out.write(
                f"<item><title>Article {number}</title><content:encoded><![CDATA[{body}]]>"
                f"</content:encoded><wp:post_id>{number}</wp:post_id>"
                "<wp:post_type>post</wp:post_type></item>"
            )
        out.write("</channel></rss>")
    return path


def peak_memory_reading(path: Path) -> int:
    import tracemalloc

    tracemalloc.start()
    try:
        for _record in WXRReader(path):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_flat_however_long_the_file(tmp_path):
    small = peak_memory_reading(export_of(tmp_path / "small.xml", 100))
    large = peak_memory_reading(export_of(tmp_path / "large.xml", 3000))
    assert large < small * 1.5


@pytest.mark.django_db
def test_a_wxr_1_0_export_is_imported(tmp_path):
    out = io.StringIO()
    call_command("import_wordpress", str(WXR / "wxr-1.0.xml"), stdout=out)
    post = Article.objects.get(import_ref="wp:post:3")
    assert post.title == "Premier billet"
    assert post.body == "<p>Bonjour à tous.</p>\n<p>Voici le premier billet.</p>"
    assert post.category == Category.objects.get(import_ref="wp:term:category:non-classe")
    assert list(post.tags.all()) == [Tag.objects.get(slug="souvenirs")]
    assert post.authors.get().name == "admin"
    comment = Comment.objects.get(import_ref="wp:comment:1")
    assert comment.website == "http://wordpress.org/" and comment.email == ""
    # WordPress lived in /blog: its old addresses are under it.
    assert OldLink.objects.get(path="/blog/2010/02/premier-billet/").target == post
    assert OldLink.objects.get(path="/blog/?p=3").target == post
    assert "WXR 1.0" in out.getvalue()
