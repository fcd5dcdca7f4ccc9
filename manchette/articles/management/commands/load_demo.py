"""Loads the demo newsroom's articles, authors and pages, once."""

from django.core.management.base import BaseCommand

from manchette.articles.demo import load_demo


class Command(BaseCommand):
    help = "Charge le contenu de démonstration (sans rien dupliquer s’il est déjà là)."

    def handle(self, *args, **options) -> None:
        report = load_demo()
        created = ", ".join(f"{n} {kind}" for kind, n in report.created.items()) or "rien"
        self.stdout.write(f"Démonstration : créé {created}.")
        if report.existing:
            present = ", ".join(f"{n} {kind}" for kind, n in report.existing.items())
            self.stdout.write(f"Déjà présents : {present}.")
