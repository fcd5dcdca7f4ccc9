"""A runnable copy of deploy/nginx.conf for the benchmark and the tests: the same server
blocks with this machine's paths and ports, inside a complete nginx.conf that an
unprivileged nginx can run (its own pid file, error log and temporary directories, no
port 80 or 443, no file of the system's nginx touched), plus a plain static server for
the "limit" row. Over HTTPS with a certificate given (the tests make one), else over
plain HTTP without the block that redirects to HTTPS (the benchmark).

    .venv/bin/python bench/nginx_conf.py --var /tmp/x/var --app-port 8123 --port 8124 > nginx.conf

Every substitution must find its text in deploy/nginx.conf: if that file changes in a
way this module does not know, the benchmark stops rather than measure something else.
"""

from __future__ import annotations

import argparse
import getpass
import grp
import os
import re
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
DEPLOY_CONF = ROOT / "deploy" / "nginx.conf"
MIME_TYPES = Path("/etc/nginx/mime.types")
# The first server block of deploy/nginx.conf: plain HTTP sent to HTTPS.
REDIRECT_SERVER = re.compile(r"(?m)^server \{\n    listen 80;\n.*?^\}\n", re.S)


class TLS(NamedTuple):
    """A certificate and its key, and the port of the plain HTTP server sending to HTTPS."""

    certificate: Path
    key: Path
    redirect_port: int


def render_site(
    *,
    app_port: int,
    port: int,
    static_root: Path,
    media_root: Path,
    edge_dir: Path,
    tls: TLS | None = None,
    source: str | None = None,
) -> str:
    """deploy/nginx.conf with the benchmark's addresses and directories. The security
    headers and the media maps are included from `nginx/` beside `edge_dir`, where
    build_static_edge writes them."""
    text = DEPLOY_CONF.read_text() if source is None else source
    if not REDIRECT_SERVER.search(text):
        raise ValueError("deploy/nginx.conf no longer starts with the server on port 80")
    if tls is None:
        text = REDIRECT_SERVER.sub("", text)
    headers = edge_dir.parent / "nginx"
    replacements = [
        ("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};"),
        ("    listen [::]:80;\n", "" if tls else None),
        ("listen 80;", f"listen 127.0.0.1:{tls.redirect_port};" if tls else None),
        ("    listen [::]:443 ssl http2;\n", ""),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{port}" + (" ssl http2;" if tls else ";")),
        (
            "ssl_certificate /etc/letsencrypt/live/journal.example/fullchain.pem;",
            f"ssl_certificate {tls.certificate};" if tls else "",
        ),
        (
            "ssl_certificate_key /etc/letsencrypt/live/journal.example/privkey.pem;",
            f"ssl_certificate_key {tls.key};" if tls else "",
        ),
        ("alias /srv/manchette/var/static/;", f"alias {static_root}/;"),
        ("alias /srv/manchette/var/media/;", f"alias {media_root}/;"),
        ("root /srv/manchette/var/edge;", f"root {edge_dir};"),
        ("include /srv/manchette/var/nginx/", f"include {headers}/"),
        ("server_name journal.example www.journal.example;", "server_name 127.0.0.1;"),
        # One write per request would be part of what is measured: the limit server
        # below logs nothing either.
        ("access_log /var/log/nginx/manchette.access.log;", "access_log off;"),
        ("error_log /var/log/nginx/manchette.error.log;", ""),
    ]
    for old, new in replacements:
        if new is None:  # in the block taken out above
            continue
        if old not in text:
            raise ValueError(f"deploy/nginx.conf no longer contains {old.strip()!r}")
        text = text.replace(old, new)
    # Comments go: the copy is for nginx, not for readers.
    return re.sub(r"(?m)^\s*#.*\n", "", text)


def render(
    *,
    prefix: Path,
    app_port: int,
    port: int,
    static_root: Path,
    media_root: Path,
    edge_dir: Path,
    limit_port: int,
    limit_root: Path,
    workers: str = "auto",
    tls: TLS | None = None,
) -> str:
    """A complete nginx.conf: the site on `port` in front of gunicorn on `app_port`, and
    `limit_root` served as plain files on `limit_port`. Runs in the foreground with
    `nginx -p PREFIX -c CONF -e PREFIX/error.log`."""
    site = render_site(
        app_port=app_port,
        port=port,
        static_root=static_root,
        media_root=media_root,
        edge_dir=edge_dir,
        tls=tls,
    )
    # Run as root, nginx would hand its workers to `nobody`, who may not read the
    # benchmark's private temporary directory: keep them as the current user.
    user = ""
    if os.geteuid() == 0:
        user = f"user {getpass.getuser()} {grp.getgrgid(os.getegid()).gr_name};\n"
    temp = "\n".join(
        f"    {name}_temp_path {prefix}/{name}_temp;"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""# Written by bench/nginx_conf.py from deploy/nginx.conf; throwaway.
{user}worker_processes {workers};
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;

events {{
    worker_connections 4096;
}}

http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
{temp}

{site}

    # The limit: the same article page saved as a file, served with nothing else.
    server {{
        listen 127.0.0.1:{limit_port};
        access_log off;
        root {limit_root};
        location / {{
            try_files $uri $uri/index.html =404;
        }}
    }}
}}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--var", type=Path, required=True, help="VAR_DIR of the copy")
    parser.add_argument("--prefix", type=Path, help="nginx's own files (default: VAR/nginx)")
    parser.add_argument("--app-port", type=int, default=8000)
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--limit-port", type=int, default=8081)
    args = parser.parse_args()
    var = args.var.resolve()
    print(
        render(
            prefix=(args.prefix or var / "nginx").resolve(),
            app_port=args.app_port,
            port=args.port,
            static_root=var / "static",
            media_root=var / "media",
            edge_dir=var / "edge",
            limit_port=args.limit_port,
            limit_root=var / "limit",
        )
    )


if __name__ == "__main__":
    main()
