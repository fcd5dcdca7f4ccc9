"""Runs import_wordpress and kills its own process (SIGKILL: no exception, no cleanup,
as a power cut or the OOM killer would) when it reaches the post numbered by argv[1];
the rest of argv is the command's arguments. Used by test_import_killed.py."""

from __future__ import annotations

import os
import signal
import sys

import django


def main() -> None:
    django.setup()
    from django.core.management import call_command

    from manchette.importers.wordpress import importer

    kill_at = int(sys.argv[1])
    importer.BATCH_SIZE = 2  # several batches committed before the kill
    original = importer.WordPressImport._import_post
    seen = []

    def import_or_die(self, item, existing, staged):
        seen.append(item.id)
        if len(seen) == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return original(self, item, existing, staged)

    importer.WordPressImport._import_post = import_or_die
    call_command("import_wordpress", *sys.argv[2:])


if __name__ == "__main__":
    main()
