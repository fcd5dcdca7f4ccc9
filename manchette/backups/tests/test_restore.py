"""restore verifies a backup before touching anything, refuses to replace a newsroom's
articles unless forced, and gives the media back byte for byte."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest

from .installs import HEADLINES, SAMPLE_CONTENT, SEARCH, manage, media_files, run_python


def fingerprint(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_it_brings_back_articles_comments_and_media_byte_for_byte(sample, new_install):
    site, backup = sample
    fresh = new_install("fresh", migrated=False)

    done = manage(fresh, "restore", str(backup))

    assert "3 articles, 3 commentaires, 1 image" in done.stdout
    assert run_python(fresh, HEADLINES) == run_python(site, HEADLINES)
    assert media_files(fresh) == media_files(site)
    assert "documents/rapport annuel.pdf" in media_files(fresh)
    # The search index lives in the database and comes back with it.
    assert run_python(fresh, SEARCH).strip() == "3"


def damage_database(backup) -> None:
    database = backup / "database.sqlite3"
    data = bytearray(database.read_bytes())
    data[len(data) // 2] ^= 0xFF
    database.write_bytes(bytes(data))


def lose_a_media_file(backup) -> None:
    manifest = json.loads((backup / "manifest.json").read_text())
    (backup / "media" / next(iter(manifest["media"]["files"]))).unlink()


def interrupt(backup) -> None:
    (backup / "manifest.json").unlink()


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (damage_database, "ne correspond plus à son empreinte"),
        (lose_a_media_file, "la sauvegarde est incomplète"),
        (interrupt, "ne s’est pas terminée"),
    ],
)
def test_it_refuses_a_damaged_backup_and_touches_nothing(
    sample, new_install, tmp_path, damage, message
):
    _, backup = sample
    damaged = shutil.copytree(backup, tmp_path / "damaged")
    damage(damaged)
    target = new_install("target")
    run_python(
        target,
        "from manchette.articles.tests.builders import make_article\n"
        "make_article(title='La une du site cible')",
    )
    database, media = fingerprint(target.database), media_files(target)

    # --force: only the damage may stop it.
    done = manage(target, "restore", "--force", str(damaged), check=False)

    assert done.returncode != 0
    assert message in done.stderr
    assert "Restauration refusée : rien n’a été modifié." in done.stderr
    assert fingerprint(target.database) == database
    assert media_files(target) == media


def test_it_keeps_a_site_that_has_articles_unless_forced(sample, new_install):
    site, backup = sample
    target = new_install("target")
    run_python(target, SAMPLE_CONTENT.replace("Inondations dans la vallée", "Sécheresse"))
    before = run_python(target, HEADLINES)

    refused = manage(target, "restore", str(backup), check=False)

    assert refused.returncode != 0
    assert "contient déjà 3 articles" in refused.stderr
    assert "--force" in refused.stderr
    assert run_python(target, HEADLINES) == before

    manage(target, "restore", "--force", str(backup))

    assert run_python(target, HEADLINES) == run_python(site, HEADLINES)
