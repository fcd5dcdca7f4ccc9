"""A throwaway WordPress 6.1 from Debian's packages, with the benchmark's reference
article as a post, for the Lighthouse benchmark's comparison (issue 8).

Debian's packages: wordpress (6.1), wordpress-theme-twentytwentythree (6.1's default
theme), wordpress-l10n (French), php-fpm, php-mysql, nginx, and a running MariaDB
(mariadb-server). Nothing of the system's set-up is used or changed but one file,
/etc/wordpress/config-<name>.php, where Debian's wp-config.php looks for a site's
settings (removed at the end, with the site's database). The site lives in the
benchmark's temporary directory: its own wp-content (Debian's themes and translations
linked in, uploads), php-fpm on a socket and nginx on a free port, compressing text as
deploy/nginx.conf does for Manchette.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

from http_bench import BenchError, Service, Services, fetch, free_port
from nginx_conf import MIME_TYPES

ROOT = Path(__file__).resolve().parent.parent
WORDPRESS = Path("/usr/share/wordpress")
PHP_FPM = "/usr/sbin/php-fpm8.2"
NGINX = "/usr/sbin/nginx"
PACKAGES = (
    "wordpress wordpress-theme-twentytwentythree wordpress-l10n php-fpm php-mysql nginx "
    "mariadb-server"
)
THEME = "twentytwentythree"
# What deploy/nginx.conf compresses for Manchette, so that neither site is judged on it.
GZIP_TYPES = (
    "text/css text/plain text/xml application/javascript application/json application/xml "
    "image/svg+xml"
)

# Run by PHP's command line: installs the site in French, then publishes the post.
SETUP_PHP = r"""<?php
$data = json_decode(file_get_contents($argv[1]), true);
$_SERVER['HTTP_HOST'] = $data['host'];
$_SERVER['WORDPRESS_CONFIG'] = $data['config'];
$_SERVER['REQUEST_URI'] = '/';
define('WP_INSTALLING', true);
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
wp_install($data['site'], 'redaction', 'redaction@example.org', true, '',
           wp_generate_password(24), 'fr_FR');
switch_theme($data['theme']);
// Avatars come from Gravatar, another host, which this machine cannot reach.
update_option('show_avatars', 0);
$GLOBALS['wp_rewrite']->set_permalink_structure('/%year%/%monthnum%/%day%/%postname%/');
$category = wp_insert_term($data['category'], 'category');
$post_id = wp_insert_post([
    'post_title' => $data['title'],
    'post_content' => $data['content'],
    'post_excerpt' => $data['excerpt'],
    'post_status' => 'publish',
    'post_author' => 1,
    'post_category' => [$category['term_id']],
    'tags_input' => $data['tags'],
], true);
if (is_wp_error($post_id)) { fwrite(STDERR, $post_id->get_error_message()); exit(1); }
$uploads = wp_upload_dir();
$file = $uploads['path'] . '/' . basename($data['image']);
copy($data['image'], $file);
$image_id = wp_insert_attachment([
    'post_mime_type' => 'image/jpeg',
    'post_title' => $data['caption'],
    'post_excerpt' => $data['caption'],
    'post_status' => 'inherit',
], $file, $post_id);
wp_update_attachment_metadata($image_id, wp_generate_attachment_metadata($image_id, $file));
update_post_meta($image_id, '_wp_attachment_image_alt', $data['alt']);
set_post_thumbnail($post_id, $image_id);
foreach ($data['comments'] as $i => $comment) {
    wp_insert_comment([
        'comment_post_ID' => $post_id,
        'comment_author' => $comment[0],
        'comment_author_email' => "lecteur$i@example.org",
        'comment_content' => $comment[1],
        'comment_approved' => 1,
    ]);
}
flush_rewrite_rules();
echo wp_make_link_relative(get_permalink($post_id));
"""


def missing() -> str | None:
    """Why WordPress cannot be measured here, or None when everything is in place."""
    for path in (WORDPRESS / "wp-load.php", Path(PHP_FPM), Path(NGINX)):
        if not path.exists():
            return f"{path} is missing (apt-get install {PACKAGES})"
    if not (WORDPRESS / "wp-content" / "themes" / THEME).exists():
        return f"theme {THEME} is missing (apt-get install wordpress-theme-{THEME})"
    if shutil.which("mysql") is None or mysql("SELECT 1") is None:
        return "MariaDB does not answer `mysql -u root` (apt-get install mariadb-server)"
    return None


def mysql(statement: str) -> str | None:
    """Runs a statement as MariaDB's root over its socket; its output, None on failure."""
    finished = subprocess.run(
        ["mysql", "-u", "root", "--batch", "--skip-column-names", "-e", statement],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    return finished.stdout if finished.returncode == 0 else None


def version() -> str:
    finished = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", "wordpress"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    return finished.stdout.strip() or "unknown"


class WordPressSite:
    """The site, started by start() and removed, database and all, by stop()."""

    def __init__(self, services: Services, workdir: Path) -> None:
        self.services = services
        self.dir = workdir / "wordpress"
        self.name = f"manchette-bench-{os.getpid()}"
        self.database = f"wp_bench_{os.getpid()}"
        self.config = Path(f"/etc/wordpress/config-{self.name}.php")
        self.port = 0
        self.running: list[Service] = []

    def start(self, article: dict, image: Path) -> str:
        """Installs the site, publishes the article; the post's path, once it is served."""
        self.port = free_port()
        self.dir.mkdir()
        content = self.make_content_dir()
        self.make_database_and_config(content)
        path = self.install(article, image)
        self.running.append(self.start_php_fpm())
        self.running.append(self.start_nginx(content))
        self.wait_until_served(path)
        return path

    def wait_until_served(self, path: str) -> None:
        """nginx answers before php-fpm listens (502): wait for the post itself."""
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError):
                answer = fetch(self.port, path, timeout=10)
                if answer.status == 200:
                    return
            if time.monotonic() > deadline:
                raise BenchError(f"WordPress ne sert pas {path} :\n{self.running[0].tail()}")
            time.sleep(0.2)

    def make_content_dir(self) -> Path:
        """wp-content of the site's own: Debian's themes, plugins and translations
        linked in, uploads written here."""
        content = self.dir / "wp-content"
        (content / "uploads").mkdir(parents=True)
        for name in ("themes", "plugins", "languages"):
            (content / name).symlink_to(WORDPRESS / "wp-content" / name)
        return content

    def make_database_and_config(self, content: Path) -> None:
        password = secrets.token_hex(16)
        done = mysql(
            f"CREATE DATABASE `{self.database}` CHARACTER SET utf8mb4; "
            f"CREATE USER '{self.database}'@'localhost' IDENTIFIED BY '{password}'; "
            f"GRANT ALL ON `{self.database}`.* TO '{self.database}'@'localhost';"
        )
        if done is None:
            raise BenchError("MariaDB : création de la base de WordPress impossible")
        url = f"http://127.0.0.1:{self.port}"
        self.config.write_text(
            "<?php\n"
            f"define('DB_NAME', '{self.database}');\n"
            f"define('DB_USER', '{self.database}');\n"
            f"define('DB_PASSWORD', '{password}');\n"
            "define('DB_HOST', 'localhost');\n"
            f"define('WP_HOME', '{url}');\n"
            f"define('WP_SITEURL', '{url}');\n"
            f"define('WP_CONTENT_DIR', '{content}');\n"
            f"define('WP_CONTENT_URL', '{url}/wp-content');\n"
            # Nothing may call out: the machine reaches no other host.
            "define('WP_HTTP_BLOCK_EXTERNAL', true);\n"
            "define('DISABLE_WP_CRON', true);\n"
            "define('AUTOMATIC_UPDATER_DISABLED', true);\n"
            + "".join(
                f"define('{key}', '{secrets.token_hex(32)}');\n"
                for key in ("AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY")
            )
        )

    def install(self, article: dict, image: Path) -> str:
        data = self.dir / "setup.json"
        data.write_text(
            json.dumps(
                {
                    **article,
                    "host": f"127.0.0.1:{self.port}",
                    "config": self.name,
                    "theme": THEME,
                    "image": str(image),
                },
                ensure_ascii=False,
            )
        )
        script = self.dir / "setup.php"
        script.write_text(SETUP_PHP)
        finished = subprocess.run(
            ["php", str(script), str(data)],
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        path = finished.stdout.strip().splitlines()[-1] if finished.stdout.strip() else ""
        if finished.returncode != 0 or not path.startswith("/"):
            output = (finished.stderr + finished.stdout)[-3000:]
            raise BenchError(f"installation de WordPress impossible :\n{output}")
        return path

    def start_php_fpm(self) -> Service:
        conf = self.dir / "php-fpm.conf"
        conf.write_text(
            "[global]\n"
            f"pid = {self.dir}/php-fpm.pid\n"
            f"error_log = {self.dir}/php-fpm.log\n"
            "daemonize = no\n"
            "[site]\n"
            f"listen = {self.dir}/php-fpm.sock\n"
            # As many PHP processes as gunicorn has workers under `make run` (2 × cores + 1).
            "pm = static\n"
            f"pm.max_children = {2 * (os.cpu_count() or 1) + 1}\n"
            "clear_env = no\n"
        )
        # -R: the benchmark may run as root, and php-fpm refuses root without it.
        argv = [PHP_FPM, "--nodaemonize", "-R", "--fpm-config", str(conf)]
        return self.services.start("php-fpm", argv, dict(os.environ), self.dir / "php-fpm.out")

    def start_nginx(self, content: Path) -> Service:
        conf = self.dir / "nginx.conf"
        user = "user root root;\n" if os.geteuid() == 0 else ""
        temp = "".join(
            f"    {name}_temp_path {self.dir}/{name}_temp;\n"
            for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        conf.write_text(
            f"""{user}worker_processes auto;
daemon off;
pid {self.dir}/nginx.pid;
error_log {self.dir}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    sendfile on;
    access_log off;
    gzip on;
    gzip_min_length 512;
    gzip_types {GZIP_TYPES};
{temp}    server {{
        listen 127.0.0.1:{self.port};
        root {WORDPRESS};
        index index.php;
        location /wp-content/ {{
            alias {content}/;
        }}
        location / {{
            try_files $uri $uri/ /index.php?$args;
        }}
        location ~ \\.php$ {{
            include /etc/nginx/fastcgi_params;
            # Debian's fastcgi_params give PHP the host without its port: WordPress
            # would then redirect every page to itself.
            fastcgi_param HTTP_HOST $host:$server_port;
            fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
            fastcgi_param WORDPRESS_CONFIG {self.name};
            fastcgi_pass unix:{self.dir}/php-fpm.sock;
        }}
    }}
}}
"""
        )
        argv = [
            NGINX,
            "-p",
            str(self.dir),
            "-c",
            str(conf),
            "-e",
            str(self.dir / "nginx-error.log"),
        ]
        tested = subprocess.run([*argv, "-t"], capture_output=True, text=True, check=False)
        if tested.returncode != 0:
            raise BenchError(f"nginx refuse la configuration de WordPress :\n{tested.stderr}")
        return self.services.start(
            "nginx (WordPress)", argv, dict(os.environ), self.dir / "nginx.out"
        )

    def stop(self) -> None:
        for service in reversed(self.running):
            self.services.stop(service)
        self.running.clear()
        mysql(
            f"DROP DATABASE IF EXISTS `{self.database}`; "
            f"DROP USER IF EXISTS '{self.database}'@'localhost';"
        )
        with contextlib.suppress(FileNotFoundError):
            self.config.unlink()


def reference_post() -> tuple[dict, bytes]:
    """The reference article as a WordPress post (standfirst as its first paragraph and
    excerpt, the same body, topics, category and comments) and its lead image."""
    sys.path.insert(0, str(ROOT))
    import reference_article as ref

    from manchette.images.demo_art import make_demo_image

    post = {
        "site": "Le Courrier du Matin",
        "title": ref.TITLE,
        "excerpt": ref.STANDFIRST,
        "content": f"<p><strong>{ref.STANDFIRST}</strong></p>\n{ref.BODY}",
        "category": "Économie",
        "tags": [tag.capitalize() for tag in ref.TAGS],
        "comments": ref.COMMENTS,
        "alt": ref.IMAGE_ALT,
        "caption": ref.IMAGE_CAPTION,
    }
    return post, make_demo_image(ref.IMAGE_SEED)
