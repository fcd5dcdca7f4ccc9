"""Settings for serving on several machines, read from the environment as in production:
Redis for the shared cache, a read replica, S3-compatible media, fingerprinted statics.

Each case imports the settings in a fresh Python (not under pytest, so with production's
choices), with only the variables the case sets."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .fresh_process import ROOT, fresh_environ

READ = """
import json
from django.conf import settings
from django.core.files.storage import storages
media = type(storages["default"])
print(json.dumps({
    "CACHES": settings.CACHES,
    "DATABASES": {alias: {"ENGINE": db["ENGINE"], "NAME": db["NAME"], "HOST": db["HOST"],
                          "TEST": db.get("TEST", {})}
                  for alias, db in settings.DATABASES.items()},
    "DATABASE_ROUTERS": settings.DATABASE_ROUTERS,
    "STORAGES": settings.STORAGES,
    "SERVE_MEDIA": settings.SERVE_MEDIA,
    "WHITENOISE_MAX_AGE": settings.WHITENOISE_MAX_AGE,
    "media_storage": media.__module__ + "." + media.__name__,
}))
"""


def run_with_settings(tmp_path: Path, code: str, **env: str) -> subprocess.CompletedProcess:
    environ = fresh_environ(tmp_path / "var", SECRET_KEY="deploy-settings-test", **env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


def read_settings(tmp_path: Path, **env: str) -> dict:
    done = run_with_settings(tmp_path, READ, **env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_one_machine_keeps_its_cache_and_media_on_disk(tmp_path):
    found = read_settings(tmp_path)

    assert found["CACHES"]["default"]["BACKEND"].endswith("FileBasedCache")
    assert found["CACHES"]["default"]["LOCATION"] == str(tmp_path / "var" / "cache")
    assert found["media_storage"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert found["SERVE_MEDIA"] is True
    assert list(found["DATABASES"]) == ["default"]
    assert found["DATABASE_ROUTERS"] == []


def test_redis_url_makes_redis_the_shared_cache(tmp_path):
    found = read_settings(
        tmp_path, REDIS_URL="redis://cache.internal:6379/2", CACHE_KEY_PREFIX="courrier"
    )

    default = found["CACHES"]["default"]
    assert default["BACKEND"] == "manchette.cache_backends.ResilientRedisCache"
    assert default["LOCATION"] == "redis://cache.internal:6379/2"
    assert default["KEY_PREFIX"] == "courrier"


def test_a_replica_gets_its_database_and_the_router(tmp_path):
    found = read_settings(
        tmp_path,
        DATABASE_URL="postgres://site@primary.internal:5432/manchette",
        DATABASE_REPLICA_URL="postgres://site@replica.internal:5432/manchette",
    )

    assert found["DATABASES"]["default"]["HOST"] == "primary.internal"
    assert found["DATABASES"]["replica"]["HOST"] == "replica.internal"
    assert found["DATABASES"]["replica"]["ENGINE"] == "django.db.backends.postgresql"
    # Tests read "the replica" from the primary's own test database.
    assert found["DATABASES"]["replica"]["TEST"]["MIRROR"] == "default"
    assert found["DATABASE_ROUTERS"] == ["manchette.db_router.PrimaryReplicaRouter"]


def test_a_replica_of_sqlite_is_refused(tmp_path):
    done = run_with_settings(
        tmp_path, "", DATABASE_REPLICA_URL="postgres://site@replica.internal:5432/manchette"
    )

    assert done.returncode != 0
    assert "DATABASE_REPLICA_URL needs DATABASE_URL on PostgreSQL" in done.stderr


def test_a_bucket_moves_media_to_s3_compatible_storage(tmp_path):
    found = read_settings(
        tmp_path,
        AWS_STORAGE_BUCKET_NAME="courrier-media",
        AWS_S3_ENDPOINT_URL="https://s3.fr-par.example",
        AWS_S3_REGION_NAME="fr-par",
        AWS_ACCESS_KEY_ID="cle",
        AWS_SECRET_ACCESS_KEY="secret",
        AWS_S3_CUSTOM_DOMAIN="media.courrier.example",
    )

    media = found["STORAGES"]["default"]
    assert media["BACKEND"] == "storages.backends.s3.S3Storage"
    assert found["media_storage"] == "storages.backends.s3.S3Storage"
    options = media["OPTIONS"]
    assert options["bucket_name"] == "courrier-media"
    assert options["endpoint_url"] == "https://s3.fr-par.example"
    assert options["region_name"] == "fr-par"
    assert (options["access_key"], options["secret_key"]) == ("cle", "secret")
    assert options["custom_domain"] == "media.courrier.example"
    # Plain, cacheable URLs; never one upload overwriting another of the same name.
    assert options["querystring_auth"] is False
    assert options["file_overwrite"] is False
    assert "max-age=" in options["object_parameters"]["CacheControl"]
    # The bucket (or the CDN before it) serves the media, not the application.
    assert found["SERVE_MEDIA"] is False


def test_s3_urls_point_at_the_custom_domain_without_a_signature(tmp_path):
    done = run_with_settings(
        tmp_path,
        "from django.core.files.storage import default_storage\n"
        "print(default_storage.url('renditions/7/card-480w-0a1b2c3d4e.webp'))\n",
        AWS_STORAGE_BUCKET_NAME="courrier-media",
        AWS_S3_ENDPOINT_URL="https://s3.fr-par.example",
        AWS_ACCESS_KEY_ID="cle",
        AWS_SECRET_ACCESS_KEY="secret",
        AWS_S3_CUSTOM_DOMAIN="media.courrier.example",
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        "https://media.courrier.example/renditions/7/card-480w-0a1b2c3d4e.webp"
    )


def test_production_serves_fingerprinted_compressed_statics_for_a_year(tmp_path):
    found = read_settings(tmp_path)

    assert found["STORAGES"]["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    assert found["WHITENOISE_MAX_AGE"] == 31536000


def test_debug_reads_the_sources(tmp_path):
    found = read_settings(tmp_path, DEBUG="true")

    assert found["STORAGES"]["staticfiles"]["BACKEND"] == (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    assert found["WHITENOISE_MAX_AGE"] == 0
