"""manage.py import_wordpress EXPORT.xml: a WordPress site into Manchette."""

from __future__ import annotations

import json
import sys
import zoneinfo

from django.core.management.base import BaseCommand, CommandError, CommandParser

from manchette.importers.wordpress.importer import import_wordpress
from manchette.importers.wordpress.reader import WXRError


class Command(BaseCommand):
    help = (
        "Importe un export WordPress (WXR 1.0 à 1.2) : auteurs, rubriques, sujets, articles, "
        "pages, images, commentaires et anciennes adresses. Relancé, il met à jour ce qui a "
        "changé sans rien dupliquer, et termine un import interrompu."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("export", help="le fichier exporté par WordPress (.xml ou .xml.gz)")
        parser.add_argument(
            "--media-dir",
            help="une copie du dossier wp-content/uploads du site, d’où les fichiers sont pris",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="tout lire et tout vérifier, sans rien enregistrer ni copier",
        )
        parser.add_argument(
            "--with-users",
            action="store_true",
            help="créer un compte (sans mot de passe) pour chaque auteur, pas seulement sa fiche",
        )
        parser.add_argument(
            "--time-zone",
            help="fuseau horaire du site WordPress, pour les dates sans heure GMT "
            "(par défaut celui de Manchette)",
        )
        parser.add_argument(
            "--category-base",
            default="category",
            help="préfixe des adresses de rubriques sur l’ancien site (par défaut « category »)",
        )
        parser.add_argument(
            "--tag-base",
            default="tag",
            help="préfixe des adresses d’étiquettes sur l’ancien site (par défaut « tag »)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            help="processus qui préparent la typographie des textes en parallèle "
            "(par défaut un par cœur libre ; 0 : aucun)",
        )
        parser.add_argument("--report-json", help="écrire aussi le rapport complet en JSON ici")

    def handle(self, *args, **options) -> None:
        if options["time_zone"]:
            try:
                zoneinfo.ZoneInfo(options["time_zone"])
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                raise CommandError(
                    f"Fuseau horaire inconnu : {options['time_zone']} (par exemple Europe/Paris)."
                ) from None
        verbosity = options["verbosity"]
        try:
            report = import_wordpress(
                options["export"],
                media_dir=options["media_dir"],
                dry_run=options["dry_run"],
                with_users=options["with_users"],
                time_zone=options["time_zone"],
                category_base=options["category_base"],
                tag_base=options["tag_base"],
                progress=verbosity > 0 and sys.stderr.isatty(),
                workers=options["workers"],
            )
        except WXRError as error:
            raise CommandError(error.message) from error
        if options["report_json"]:
            with open(options["report_json"], "w", encoding="utf-8") as handle:
                json.dump(report.as_dict(), handle, ensure_ascii=False, indent=2)
        if verbosity > 0:
            self.stdout.write(report.render())
