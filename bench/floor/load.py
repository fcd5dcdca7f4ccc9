"""Creates the floor's table and stores one story (title, standfirst, body from a JSON
file) as story 1."""

import json
import sys

import django


def main() -> None:
    django.setup()
    from django.core.management import call_command

    from floor.models import Story

    call_command("migrate", run_syncdb=True, verbosity=0)
    with open(sys.argv[1], encoding="utf-8") as stream:
        data = json.load(stream)
    Story.objects.update_or_create(
        pk=1,
        defaults={k: data[k] for k in ("title", "standfirst", "body")},
    )


if __name__ == "__main__":
    main()
