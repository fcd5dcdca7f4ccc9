"""Fixtures of the backup tests: a migrated database copied into each new install, and
one sample site with its backup, built once."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from .installs import SAMPLE_CONTENT, Install, make_install, manage, run_python


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory) -> Path:
    """A database with every migration applied, so each install starts in a copy."""
    install = make_install(tmp_path_factory.mktemp("template"))
    manage(install, "migrate", "--no-input")
    # The last connection closed folded the WAL back into the file: the file is whole.
    assert not install.database.with_name(install.database.name + "-wal").exists()
    return install.database


@pytest.fixture
def new_install(tmp_path, migrated_database) -> Callable[..., Install]:
    def new(name: str, *, migrated: bool = True, **settings: str) -> Install:
        install = make_install(tmp_path / name, **settings)
        if migrated:
            shutil.copyfile(migrated_database, install.database)
        return install

    return new


@pytest.fixture(scope="session")
def sample(tmp_path_factory, migrated_database) -> tuple[Install, Path]:
    """A small site and a backup of it. Tests copy the backup before altering it."""
    root = tmp_path_factory.mktemp("sample")
    site = make_install(root / "site")
    shutil.copyfile(migrated_database, site.database)
    run_python(site, SAMPLE_CONTENT)
    manage(site, "backup", str(root / "backup"))
    return site, root / "backup"
