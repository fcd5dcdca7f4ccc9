"""Static files in production: fingerprinted names, compressed copies, cached for a year
and more by browsers and CDNs (WhiteNoise, with the settings `make run` uses)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
YEAR = 31536000

FETCH = """
import json
import django
django.setup()
from django.templatetags.static import static
from django.test import Client

client = Client(HTTP_ACCEPT_ENCODING="gzip, deflate")
found = {}
for name, url in [("hashed", static("css/site.css")), ("plain", "/static/css/site.css")]:
    response = client.get(url)
    found[name] = {
        "url": url,
        "status": response.status_code,
        "headers": {key.lower(): value for key, value in response.headers.items()},
        "body": b"".join(response.streaming_content)[:2].hex(),
    }
    response.close()
print(json.dumps(found))
"""


def test_a_fingerprinted_file_is_compressed_and_cached_for_at_least_a_year(
    collected_static, tmp_path
):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "manchette.settings",
        "DEBUG": "false",
        "STATIC_ROOT": str(collected_static),
        "VAR_DIR": str(tmp_path),
        "ALLOWED_HOSTS": "testserver",
    }
    done = subprocess.run(
        [sys.executable, "-c", FETCH], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])

    hashed = found["hashed"]
    assert hashed["url"].startswith("/static/css/site.") and hashed["url"] != "/static/css/site.css"
    assert hashed["status"] == 200
    assert hashed["headers"]["content-encoding"] == "gzip"
    assert hashed["body"] == "1f8b"  # the gzip magic number: the compressed copy was sent
    assert "Accept-Encoding" in hashed["headers"]["vary"]
    cache_control = hashed["headers"]["cache-control"]
    # WhiteNoise gives a name that changes with the content ten years and "immutable";
    # the year of WHITENOISE_MAX_AGE is the floor.
    max_age = int(cache_control.split("max-age=")[1].split(",")[0])
    assert max_age >= YEAR
    assert "public" in cache_control and "immutable" in cache_control

    plain = found["plain"]
    assert plain["status"] == 200
    assert plain["headers"]["cache-control"] == f"max-age={YEAR}, public"
