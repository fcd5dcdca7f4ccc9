"""Writes articles and comments into an install's database until told to stop: the load
under which test_backup_under_load takes its backup.

Usage: python -m manchette.backups.tests.writer LOG STOP READY_AFTER. Each transaction
writes one article and one comment on it; once committed, it is logged in LOG as
"n article_id comment_id". After READY_AFTER commits the writer prints "ready"; it stops
when the file STOP exists.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main(log_path: Path, stop_path: Path, ready_after: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "manchette.settings")
    import django

    django.setup()
    from django.db import transaction

    from manchette.articles.tests.builders import make_article
    from manchette.comments.tests.builders import make_comment

    written = 0
    with open(log_path, "a", encoding="utf-8") as log:
        while not stop_path.exists():
            written += 1
            with transaction.atomic():
                article = make_article(title=f"Dépêche {written}")
                comment = make_comment(article, text=f"Réaction {written}")
            # Logged after the commit: every line names rows the database has kept.
            log.write(f"{written} {article.pk} {comment.pk}\n")
            log.flush()
            if written == ready_after:
                print("ready", flush=True)
    print(f"stopped after {written}", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
