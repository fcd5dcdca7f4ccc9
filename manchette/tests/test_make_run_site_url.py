"""`make run` on another host or port (PORT=18801 make run): links in e-mails lead to
the address the site is served on, unless SITE_URL says otherwise (issue 14, point 18).
`make run` starts scripts/serve, which derives SITE_URL for gunicorn and the worker."""

from __future__ import annotations

import pytest

from .serve_stubs import Serve


@pytest.mark.parametrize(
    ("env", "site_url"),
    [
        ({"PORT": "18801"}, "http://127.0.0.1:18801"),
        ({"HOST": "0.0.0.0", "PORT": "18801"}, "http://127.0.0.1:18801"),
        ({"HOST": "localhost", "PORT": "8080"}, "http://localhost:8080"),
        ({"HOST": "::1", "PORT": "18801"}, "http://[::1]:18801"),
        ({}, "http://127.0.0.1:8000"),
        (
            {"PORT": "18801", "SITE_URL": "https://journal.example"},
            "https://journal.example",
        ),
    ],
)
def test_e_mails_link_to_the_address_served(tmp_path, env, site_url):
    serve = Serve.start(tmp_path, **env)
    try:
        [(_, worker_url)] = serve.wait_for_starts("WORKER", 1)
        [(_, web_url)] = serve.wait_for_starts("WEB", 1)
    finally:
        serve.stop()

    assert worker_url == web_url == site_url
