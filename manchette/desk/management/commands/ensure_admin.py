"""Creates the first administrator, once, and prints its generated password."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.urls import reverse

from manchette.desk.roles import ADMINISTRATOR


class Command(BaseCommand):
    help = "Crée un compte administrateur s’il n’en existe aucun et affiche son mot de passe."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username: str, **options) -> None:
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("Compte administrateur : déjà créé.")
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_superuser(username=username, email="", password=password)
        user.groups.add(Group.objects.get_or_create(name=ADMINISTRATOR)[0])
        self.stdout.write(
            self.style.SUCCESS(
                "Compte administrateur créé (notez le mot de passe, il ne sera plus affiché) :\n"
                f"  identifiant : {username}\n  mot de passe : {password}\n"
                f"  adresse : {reverse('admin:index')}"
            )
        )
