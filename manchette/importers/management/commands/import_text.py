"""Turns the plain text of a news page, saved in a file, into a draft article."""

from __future__ import annotations

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from manchette.articles.models import Category
from manchette.importers.pasted_text import (
    PastedTextError,
    create_article,
    recognise,
    summary,
    valid_source_url,
)


class Command(BaseCommand):
    help = (
        "Crée un article en brouillon à partir du texte d’une page (légende, rubrique, titre, "
        "intertitres, paragraphes, source), sans les boutons de partage ni le formulaire "
        "de commentaire."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Fichier texte (UTF-8) ; « - » pour l’entrée standard.")
        parser.add_argument("--source-url", default="", help="Lien de la source de l’article.")
        parser.add_argument(
            "--publish", action="store_true", help="Publier tout de suite au lieu d’un brouillon."
        )
        parser.add_argument(
            "--category",
            metavar="SLUG",
            help="Rubrique à utiliser, quelle que soit celle du texte.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Montrer ce qui est reconnu sans rien créer."
        )

    def handle(self, *args, **options) -> None:
        text = read_text(options["file"])
        source_url = options["source_url"].strip()
        if source_url and not valid_source_url(source_url):
            raise CommandError(f"« {source_url} » n’est pas une adresse web valable.")
        category = None
        if options["category"]:
            category = Category.objects.filter(slug=options["category"]).first()
            if category is None:
                raise CommandError(f"Aucune rubrique n’a l’adresse « {options['category']} ».")

        page = recognise(text, source_url=source_url)
        for label, items in summary(page):
            if len(items) == 1:
                self.stdout.write(f"{label} : {items[0]}")
            else:
                self.stdout.write(f"{label} ({len(items)}) :")
                for item in items:
                    self.stdout.write(f"  – {item}")
        if page.error:
            raise CommandError(page.error)
        if options["dry_run"]:
            self.stdout.write("Rien n’a été créé (--dry-run).")
            return

        try:
            article = create_article(page, category=category, publish=options["publish"])
        except PastedTextError as error:
            raise CommandError(str(error)) from error
        state = "publié" if article.is_public else "créé en brouillon"
        self.stdout.write(
            self.style.SUCCESS(
                f"Article {state} : « {article.title} », rubrique {article.category.name}."
            )
        )
        desk_url = reverse("admin:articles_article_change", args=[article.pk])
        self.stdout.write(f"À relire à la rédaction : {settings.SITE_URL}{desk_url}")


def read_text(name: str) -> str:
    """The file's text, in UTF-8 or, for files saved by Windows tools, Windows-1252."""
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as error:
        raise CommandError(f"Impossible de lire « {name} » : {error.strerror}.") from error
    if b"\x00" in data:
        raise CommandError(f"« {name} » n’est pas un fichier texte.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise CommandError(f"« {name} » est illisible : ni UTF-8 ni Windows-1252.")
    if not text.strip():
        raise CommandError(f"Le fichier « {name} » est vide.")
    return text
