"""A restore stopped half-way (SIGTERM, Ctrl-C, or SIGKILL) leaves no half-copied media
file behind and says, in French, what state the site is in: at once when it can, at
the next restore after a SIGKILL."""

from __future__ import annotations

import pytest

from .installs import HEADLINES, manage, media_files, run_python

# The restore, run as `manage.py restore` in the install, is sent `signal` by itself
# right after the first media file is copied under its temporary name: the media step
# is cut at a known point, with no timing involved.
KILLED_DURING_MEDIA = """
import os, signal
from django.core.management import execute_from_command_line
from manchette.backups import restore

copy = restore.copy_file

def copy_then_stop(source, target):
    copied = copy(source, target)
    if ".partial-" in target.name:
        os.kill(os.getpid(), signal.{signal})
    return copied

restore.copy_file = copy_then_stop
execute_from_command_line(["manage.py", "restore", {source!r}])
"""

HALF_DONE = (
    "la base de données est celle de la sauvegarde, mais les médias n’ont été remis qu’en partie"
)


def partial_files(install) -> list[str]:
    return [name for name in media_files(install) if ".partial-" in name]


def restore_stopped_by(install, backup, signal: str):
    code = KILLED_DURING_MEDIA.format(signal=signal, source=str(backup))
    return manage(install, "shell", "--no-imports", "-c", code, check=False)


@pytest.mark.parametrize("signal", ["SIGTERM", "SIGINT"])
def test_a_restore_stopped_by_a_signal_cleans_up_and_says_where_it_stopped(
    sample, new_install, signal
):
    _, backup = sample
    target = new_install("target", migrated=False)

    done = restore_stopped_by(target, backup, signal)

    assert done.returncode != 0
    assert "Restauration interrompue." in done.stderr
    assert HALF_DONE in done.stderr
    assert "Relancez la même restauration" in done.stderr
    assert partial_files(target) == []


def test_after_a_sigkill_the_next_restore_removes_the_leftovers_and_says_so(sample, new_install):
    site, backup = sample
    target = new_install("target", migrated=False)
    killed = restore_stopped_by(target, backup, "SIGKILL")
    assert killed.returncode == -9
    assert len(partial_files(target)) == 1, "the kill should leave a half-copied file"

    # The database came back whole, so it holds articles now: --force, as told.
    done = manage(target, "restore", "--force", str(backup))

    assert HALF_DONE in done.stderr
    assert "1 fichier(s) média(s) à moitié copié(s)" in done.stderr
    assert partial_files(target) == []
    assert media_files(target) == media_files(site)
    assert run_python(target, HEADLINES) == run_python(site, HEADLINES)
    # Finished: the next restore has nothing to report.
    again = manage(target, "restore", "--force", str(backup))
    assert "Attention" not in again.stderr


def test_a_restore_stopped_before_the_database_says_nothing_changed(sample, new_install):
    _, backup = sample
    target = new_install("target")

    code = (
        "import os, signal\n"
        "from django.core.management import execute_from_command_line\n"
        "from manchette.backups import restore\n"
        "restore.verify = lambda source: os.kill(os.getpid(), signal.SIGTERM)\n"
        f"execute_from_command_line(['manage.py', 'restore', {str(backup)!r}])\n"
    )
    done = manage(target, "shell", "--no-imports", "-c", code, check=False)

    assert done.returncode != 0
    assert "Restauration interrompue. Rien n’a été modifié." in done.stderr
