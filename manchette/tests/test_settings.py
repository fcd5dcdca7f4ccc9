"""Settings read from the environment refuse bad values with a clear message."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from manchette.settings import envbool, envint, envlist, envsecret


def test_a_bad_boolean_names_the_variable(monkeypatch):
    monkeypatch.setenv("DEBUG", "peut-être")

    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        envbool("DEBUG", False)


def test_a_bad_number_names_the_variable(monkeypatch):
    monkeypatch.setenv("ARTICLES_PER_PAGE", "douze")

    with pytest.raises(ImproperlyConfigured, match="ARTICLES_PER_PAGE"):
        envint("ARTICLES_PER_PAGE", 12)


def test_lists_are_comma_separated(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "journal.example, www.journal.example")

    assert envlist("ALLOWED_HOSTS", []) == ["journal.example", "www.journal.example"]


def test_a_missing_secret_is_generated_once_and_kept(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    keep = tmp_path / "conf" / "secret_key"

    first = envsecret("SECRET_KEY", keep)

    assert len(first) > 40
    assert envsecret("SECRET_KEY", keep) == first
    assert oct(keep.stat().st_mode & 0o777) == "0o600"
