"""Benchmark of the WordPress import: a synthetic export of a French news site, imported
into a fresh SQLite database, with wall time and peak memory written to
bench/RESULTS.md (section « Import WordPress »).

    .venv/bin/python bench/wxr_bench.py [--posts 10000] [--comments 50000] [--dir /tmp/wxrbench]
        [--keep] [--also-serial]

The export has what a real one has: authors, nested categories, tags, one featured image
per post (a few files missing on purpose), classic and block-editor bodies with
[caption], [gallery] and embeds, threaded comments with every status, pingbacks, drafts,
scheduled, private, password-protected and trashed posts, and pages.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

from results import write_section  # bench/ is this script's folder

ROOT = Path(__file__).resolve().parent.parent
SITE = "https://www.courrier-exemple.fr"
UPLOADS = f"{SITE}/wp-content/uploads"

SUBJECTS = [
    "La municipalité",
    "Le préfet de région",
    "Une association de riverains",
    "Le conseil départemental",
    "La ministre de la Culture",
    "Un collectif d’agriculteurs",
    "Le syndicat des transports",
    "L’équipe médicale du CHU",
    "Le maire de la commune",
    "Une élue d’opposition",
    "Le tribunal administratif",
    "La chambre de commerce",
    "Les habitants du quartier",
    "Le club de football local",
    "La direction de l’usine",
]
VERBS = [
    "a annoncé",
    "a présenté",
    "conteste",
    "a dévoilé",
    "défend",
    "remet en cause",
    "a voté",
    "prépare",
    "réclame",
    "salue",
    "s’inquiète de",
    "a suspendu",
]
OBJECTS = [
    "un plan de rénovation des écoles",
    "la hausse du prix des cantines",
    "le projet de contournement routier",
    "la fermeture de la maternité",
    "un budget en forte baisse pour l’an prochain",
    "l’ouverture d’une nouvelle ligne de tramway",
    "la réforme du stationnement en centre-ville",
    "les résultats de l’enquête publique",
    "un accord avec les commerçants",
    "la création d’une zone à faibles émissions",
    "la sécheresse qui frappe les exploitations",
    "le calendrier des travaux sur le pont",
]
TAILS = [
    "lors d’une réunion publique mardi soir",
    "devant une salle comble",
    "après plusieurs mois de négociations",
    "sans convaincre l’opposition",
    "selon un document consulté par notre rédaction",
    "à la surprise générale",
    "dans un communiqué publié jeudi",
    "malgré les réserves des services de l’État",
    "à quelques semaines des élections",
    "en présence de nombreux élus",
]
QUOTES = [
    "« Nous ne pouvons plus attendre », estime une habitante.",
    "« C’est une décision lourde de conséquences », reconnaît un adjoint.",
    "« Les chiffres parlent d’eux-mêmes », résume le directeur.",
    "« Il faudra du temps pour mesurer les effets », prévient une chercheuse.",
    "« On nous a promis des réponses avant l’été », rappelle un commerçant.",
]
COMMENT_LINES = [
    "Merci pour cet article très complet.",
    "Je ne suis pas d’accord avec l’analyse, les chiffres sont incomplets.",
    "Enfin quelqu’un qui en parle ! Cela fait des années que ça dure.",
    "Et qui va payer tout ça ? Toujours les mêmes…",
    "Article intéressant, mais il manque l’avis des riverains concernés.",
    "J’habite le quartier depuis vingt ans, la situation s’est nettement dégradée.",
    "Bravo à l’équipe pour ce travail de fond.",
    "Il serait utile de publier le rapport en entier.",
    "Ça ne changera rien tant que le département ne suivra pas.",
    "Quelle est la source de ces chiffres ?",
]
FIRST_NAMES = ["Camille", "Lucas", "Léa", "Hugo", "Chloé", "Nathan", "Manon", "Théo", "Inès"]
LAST_NAMES = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand"]
CATEGORIES = {
    "Politique": ["Municipales", "Département", "Région"],
    "Économie": ["Entreprises", "Emploi", "Agriculture"],
    "Société": ["Éducation", "Santé", "Justice", "Transports"],
    "Culture": ["Cinéma", "Musique", "Livres", "Patrimoine"],
    "Sports": ["Football", "Rugby", "Cyclisme"],
    "Environnement": ["Climat", "Biodiversité"],
    "International": [],
    "Faits divers": [],
}
TAG_WORDS = [
    "budget",
    "école",
    "hôpital",
    "tramway",
    "logement",
    "sécheresse",
    "élections",
    "festival",
    "pollution",
    "emploi",
    "vélo",
    "port",
    "université",
    "forêt",
    "marché",
]


def slug(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", text.lower().replace("’", ""))
    text = "".join(c if c.isalnum() else "-" for c in text if not unicodedata.combining(c))
    return "-".join(part for part in text.split("-") if part)


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}."


def paragraph(rng: random.Random) -> str:
    parts = [sentence(rng) for _ in range(rng.randint(2, 5))]
    if rng.random() < 0.3:
        parts.append(rng.choice(QUOTES))
    return " ".join(parts)


def body(rng: random.Random, post_id: int, image: tuple[int, str] | None, gutenberg: bool) -> str:
    """About 2,500 to 6,000 characters, as a classic (wpautop) or block-editor body."""
    blocks: list[tuple[str, str]] = []
    for index in range(rng.randint(5, 12)):
        if index and index % 4 == 0:
            blocks.append(("h2", "Ce que " + rng.choice(OBJECTS).split(" ", 1)[1] + " change"))
        blocks.append(("p", paragraph(rng)))
    if image and rng.random() < 0.4:
        attachment_id, path = image
        blocks.insert(2, ("caption", f"{attachment_id}|{path}"))
    if rng.random() < 0.05:
        blocks.insert(3, ("embed", f"https://www.youtube.com/watch?v=bench{post_id}"))
    if rng.random() < 0.02:
        blocks.append(("shortcode", '[contact-form-7 id="12" title="Contact"]'))
    out = []
    for kind, text in blocks:
        if kind == "caption":
            attachment_id, path = text.split("|")
            img = (
                f'<img class="wp-image-{attachment_id}" src="{UPLOADS}/{path}" '
                'alt="Vue de la ville" width="800" height="533" />'
            )
            if gutenberg:
                out.append(
                    f'<!-- wp:image {{"id":{attachment_id}}} -->\n<figure class="wp-block-image">'
                    f"{img}<figcaption>La place centrale, mardi matin.</figcaption></figure>\n"
                    "<!-- /wp:image -->"
                )
            else:
                out.append(
                    f'[caption id="attachment_{attachment_id}" align="alignnone" width="800"]'
                    f"{img} La place centrale, mardi matin.[/caption]"
                )
        elif kind == "embed":
            if gutenberg:
                out.append(
                    f'<!-- wp:embed {{"url":"{text}","type":"video"}} -->\n'
                    f'<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n'
                    f"{text}\n</div></figure>\n<!-- /wp:embed -->"
                )
            else:
                out.append(text)
        elif kind == "h2":
            out.append(
                f"<!-- wp:heading -->\n<h2>{text}</h2>\n<!-- /wp:heading -->"
                if gutenberg
                else f"<h2>{text}</h2>"
            )
        elif gutenberg:
            out.append(f"<!-- wp:paragraph -->\n<p>{text}</p>\n<!-- /wp:paragraph -->")
        else:
            out.append(text)
    return "\n\n".join(out)


def wp_date(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def generate(path: Path, media_dir: Path, posts: int, comments: int, seed: int = 5) -> None:
    """Write a WXR 1.2 file of `posts` posts and about `comments` comments to `path`, and
    the featured images' files (all but a few) under `media_dir`."""
    rng = random.Random(seed)
    media_dir.mkdir(parents=True, exist_ok=True)
    samples = _sample_images(media_dir / ".samples")
    paris = datetime.timezone(datetime.timedelta(hours=1))
    start = datetime.datetime(2014, 1, 1, 8, tzinfo=paris)
    span = 11 * 365 * 24 * 3600

    authors = [
        (i + 1, f"{first.lower()}.{last.lower()}", first, last)
        for i, (first, last) in enumerate((f, la) for f in FIRST_NAMES for la in LAST_NAMES[:4])
    ]
    terms: list[tuple[int, str, str, str]] = []  # id, slug, name, parent slug
    term_id = 1
    for name, children in CATEGORIES.items():
        terms.append((term_id, slug(name), name, ""))
        term_id += 1
        for child in children:
            terms.append((term_id, slug(child), child, slug(name)))
            term_id += 1
    tags = []
    for word in TAG_WORDS:
        for place in ("Bordeaux", "Lyon", "Lille", "Nantes", "Rennes", "Nice"):
            tags.append((term_id, slug(f"{word} {place}"), f"{word.capitalize()} à {place}"))
            term_id += 1

    # Comments per post: uneven, as on a real site, summing to `comments`.
    weights = [rng.paretovariate(1.5) for _ in range(posts)]
    total = sum(weights)
    per_post = [int(comments * w / total) for w in weights]
    for index in rng.sample(range(posts), comments - sum(per_post)):
        per_post[index] += 1

    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0"\n'
            ' xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"\n'
            ' xmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
            ' xmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
            ' xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
            f"<title>Le Courrier d’exemple</title>\n<link>{SITE}</link>\n"
            "<description>Toute l’actualité de la région</description>\n"
            "<language>fr-FR</language>\n<wp:wxr_version>1.2</wp:wxr_version>\n"
            f"<wp:base_site_url>{SITE}</wp:base_site_url>\n"
            f"<wp:base_blog_url>{SITE}</wp:base_blog_url>\n"
        )
        for author_id, login, first, last in authors:
            out.write(
                f"<wp:author><wp:author_id>{author_id}</wp:author_id>"
                f"<wp:author_login>{cdata(login)}</wp:author_login>"
                f"<wp:author_email>{cdata(login + '@courrier-exemple.fr')}</wp:author_email>"
                f"<wp:author_display_name>{cdata(first + ' ' + last)}</wp:author_display_name>"
                f"<wp:author_first_name>{cdata(first)}</wp:author_first_name>"
                f"<wp:author_last_name>{cdata(last)}</wp:author_last_name></wp:author>\n"
            )
        for tid, tslug, name, parent in terms:
            out.write(
                f"<wp:category><wp:term_id>{tid}</wp:term_id>"
                f"<wp:category_nicename>{cdata(tslug)}</wp:category_nicename>"
                f"<wp:category_parent>{cdata(parent)}</wp:category_parent>"
                f"<wp:cat_name>{cdata(name)}</wp:cat_name>"
                f"<wp:category_description>{cdata('Actualité : ' + name)}"
                "</wp:category_description></wp:category>\n"
            )
        for tid, tslug, name in tags:
            out.write(
                f"<wp:tag><wp:term_id>{tid}</wp:term_id><wp:tag_slug>{cdata(tslug)}</wp:tag_slug>"
                f"<wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>\n"
            )

        next_id = 100
        comment_id = 1
        for number in range(posts):
            post_id = next_id
            attachment_id = next_id + 1
            next_id += 2
            moment = start + datetime.timedelta(seconds=rng.randrange(span))
            image_path = f"{moment:%Y/%m}/photo-{attachment_id}.jpg"
            image = (attachment_id, image_path)
            if rng.random() > 0.02:  # 2 % of the files are missing, as in real copies
                target = media_dir / image_path
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(samples[attachment_id % len(samples)], target)
            out.write(_attachment(attachment_id, post_id, moment, image_path, rng))
            out.write(
                _post(rng, number, post_id, moment, image, authors, terms, tags, per_post[number])
            )
            # Comments go with their post, threaded.
            out.write(_comments(rng, comment_id, per_post[number], moment))
            comment_id += per_post[number]
            out.write("</item>\n")
        for index, title in enumerate(("Qui sommes-nous ?", "Mentions légales", "Contact")):
            page_id = next_id + index
            out.write(
                f"<item><title>{escape(title)}</title><link>{SITE}/{slug(title)}/</link>"
                f"<dc:creator>{cdata(authors[0][1])}</dc:creator>"
                f"<content:encoded>{cdata(paragraph(rng) + chr(10) * 2 + paragraph(rng))}"
                "</content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>"
                f"<wp:post_id>{page_id}</wp:post_id>"
                "<wp:post_date>2014-01-01 10:00:00</wp:post_date>"
                "<wp:post_date_gmt>2014-01-01 09:00:00</wp:post_date_gmt>"
                "<wp:comment_status>closed</wp:comment_status>"
                f"<wp:post_name>{cdata(slug(title))}</wp:post_name>"
                "<wp:status>publish</wp:status><wp:post_parent>0</wp:post_parent>"
                "<wp:post_type>page</wp:post_type><wp:post_password></wp:post_password>"
                "<wp:is_sticky>0</wp:is_sticky></item>\n"
            )
        out.write("</channel>\n</rss>\n")


def _sample_images(folder: Path) -> list[Path]:
    """A dozen small JPEG photos-to-be, copied under every featured image's name."""
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(12):
        path = folder / f"sample-{index}.jpg"
        if not path.exists():
            picture = Image.new("RGB", (1200, 800), (40 + index * 15, 90, 140))
            draw = ImageDraw.Draw(picture)
            for step in range(0, 1200, 60):
                draw.line([(step, 0), (1200 - step, 800)], fill=(200, 180 - index * 5, 90))
            picture.save(path, quality=80)
        paths.append(path)
    return paths


def _attachment(
    attachment_id: int, parent: int, moment: datetime.datetime, path: str, rng: random.Random
) -> str:
    name = path.rsplit("/", 1)[1]
    meta = (
        f'a:4:{{s:5:"width";i:1200;s:6:"height";i:800;s:4:"file";s:{len(path)}:"{path}";'
        's:10:"image_meta";a:1:{s:6:"credit";s:11:"Photo : AFP";}}'
    )
    return (
        f"<item><title>{escape(name)}</title>"
        f"<link>{SITE}/?attachment_id={attachment_id}</link>"
        "<dc:creator><![CDATA[camille.martin]]></dc:creator>"
        "<content:encoded><![CDATA[]]></content:encoded>"
        f"<excerpt:encoded>{cdata(rng.choice(TAILS).capitalize() + '.')}</excerpt:encoded>"
        f"<wp:post_id>{attachment_id}</wp:post_id>"
        f"<wp:post_date>{wp_date(moment)}</wp:post_date>"
        f"<wp:post_date_gmt>{wp_date(moment.astimezone(datetime.UTC))}</wp:post_date_gmt>"
        f"<wp:post_name>{cdata(name.removesuffix('.jpg'))}</wp:post_name>"
        f"<wp:status>inherit</wp:status><wp:post_parent>{parent}</wp:post_parent>"
        "<wp:post_type>attachment</wp:post_type>"
        f"<wp:attachment_url>{cdata(UPLOADS + '/' + path)}</wp:attachment_url>"
        f"<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key>"
        f"<wp:meta_value>{cdata(path)}</wp:meta_value></wp:postmeta>"
        f"<wp:postmeta><wp:meta_key>_wp_attachment_metadata</wp:meta_key>"
        f"<wp:meta_value>{cdata(meta)}</wp:meta_value></wp:postmeta>"
        "<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key>"
        "<wp:meta_value><![CDATA[Vue de la ville]]></wp:meta_value></wp:postmeta>"
        "</item>\n"
    )


def _post(rng, number, post_id, moment, image, authors, terms, tags, comment_count) -> str:
    roll = rng.random()
    status = (
        "publish"
        if roll < 0.95
        else "draft"
        if roll < 0.97
        else "pending"
        if roll < 0.98
        else "private"
        if roll < 0.99
        else "trash"
        if roll < 0.995
        else "future"
    )
    if status == "future":
        moment = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=rng.randint(1, 30))
    title = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    post_slug = f"{slug(title)[:60]}-{post_id}"
    gmt = moment.astimezone(datetime.UTC)
    local = moment
    gutenberg = number % 5 < 2
    category = rng.choice(terms)
    chosen_tags = rng.sample(tags, rng.randint(0, 4))
    author = rng.choice(authors)
    draft = status in ("draft", "pending")
    link = f"{SITE}/{local:%Y/%m/%d}/{post_slug}/" if not draft else f"{SITE}/?p={post_id}"
    parts = [
        f"<item><title>{escape(title)}</title><link>{link}</link>",
        f"<pubDate>{gmt:%a, %d %b %Y %H:%M:%S} +0000</pubDate>",
        f"<dc:creator>{cdata(author[1])}</dc:creator>",
        f'<guid isPermaLink="false">{SITE}/?p={post_id}</guid><description></description>',
        f"<content:encoded>{cdata(body(rng, post_id, image, gutenberg))}</content:encoded>",
        f"<excerpt:encoded>{cdata(sentence(rng) if rng.random() < 0.6 else '')}</excerpt:encoded>",
        f"<wp:post_id>{post_id}</wp:post_id><wp:post_date>{cdata(wp_date(local))}</wp:post_date>",
        f"<wp:post_date_gmt>{cdata('0000-00-00 00:00:00' if draft else wp_date(gmt))}"
        "</wp:post_date_gmt>",
        "<wp:comment_status>open</wp:comment_status><wp:ping_status>open</wp:ping_status>",
        f"<wp:post_name>{cdata('' if draft else post_slug)}</wp:post_name>",
        f"<wp:status>{status}</wp:status><wp:post_parent>0</wp:post_parent>",
        "<wp:menu_order>0</wp:menu_order><wp:post_type>post</wp:post_type>",
        f"<wp:post_password>{'secret' if rng.random() < 0.01 else ''}</wp:post_password>",
        f"<wp:is_sticky>{1 if number % 1000 == 0 else 0}</wp:is_sticky>",
        f'<category domain="category" nicename="{category[1]}">{cdata(category[2])}</category>',
    ]
    for _tid, tslug, name in chosen_tags:
        parts.append(f'<category domain="post_tag" nicename="{tslug}">{cdata(name)}</category>')
    parts.append(
        "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
        f"<wp:meta_value>{image[0]}</wp:meta_value></wp:postmeta>"
    )
    return "".join(parts) + "\n"


def _comments(rng: random.Random, first_id: int, count: int, moment: datetime.datetime) -> str:
    out = []
    ids: list[int] = []
    for offset in range(count):
        comment_id = first_id + offset
        parent = rng.choice(ids) if ids and rng.random() < 0.3 else 0
        ids.append(comment_id)
        roll = rng.random()
        kind, approved = "comment", "1"
        if roll < 0.01:
            kind = "pingback"
        elif roll < 0.11:
            approved = "0"
        elif roll < 0.14:
            approved = "spam"
        elif roll < 0.15:
            approved = "trash"
        when = moment + datetime.timedelta(minutes=rng.randint(5, 60 * 24 * 20))
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        text = "\n\n".join(
            " ".join(rng.choice(COMMENT_LINES) for _ in range(rng.randint(1, 3)))
            for _ in range(rng.randint(1, 3))
        )
        out.append(
            f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
            f"<wp:comment_author>{cdata(first + ' ' + last)}</wp:comment_author>"
            f"<wp:comment_author_email>{cdata(f'{first}.{last}@exemple.fr'.lower())}"
            "</wp:comment_author_email>"
            "<wp:comment_author_url></wp:comment_author_url>"
            f"<wp:comment_author_IP>{cdata(f'192.0.2.{comment_id % 250}')}"
            "</wp:comment_author_IP>"
            f"<wp:comment_date>{cdata(wp_date(when))}</wp:comment_date>"
            f"<wp:comment_date_gmt>{cdata(wp_date(when.astimezone(datetime.UTC)))}"
            "</wp:comment_date_gmt>"
            f"<wp:comment_content>{cdata(text)}</wp:comment_content>"
            f"<wp:comment_approved>{approved}</wp:comment_approved>"
            f"<wp:comment_type>{kind}</wp:comment_type>"
            f"<wp:comment_parent>{parent}</wp:comment_parent>"
            "<wp:comment_user_id>0</wp:comment_user_id></wp:comment>\n"
        )
    return "".join(out)


def run(command: list[str], env: dict[str, str], log: Path) -> tuple[float, int, int, int]:
    """Run `command`; return (seconds, peak RSS of its largest process in MB, peak RSS of
    the process and its children together in MB, sampled, and the exit code)."""
    started = time.monotonic()
    peak_total = 0
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            peak_total = max(peak_total, tree_rss(process.pid))
            time.sleep(0.1)
    elapsed = time.monotonic() - started
    return elapsed, usage.ru_maxrss // 1024, peak_total // 1024, os.waitstatus_to_exitcode(status)


def tree_rss(root: int) -> int:
    """Resident memory of `root` and its descendants, in kB, read from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            status = (entry / "status").read_text()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss[int(entry.name)] = int(line.split()[1])
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += [child for child, parent in parents.items() if parent == pid]
    return total


def machine() -> str:
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = "?"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            memory = f"{int(line.split()[1]) // 1024 // 1024} Go"
            break
    return (
        f"{os.cpu_count()} cœurs ({cpu}), {memory} de mémoire, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--comments", type=int, default=50_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/wxrbench"))
    parser.add_argument("--keep", action="store_true", help="reuse the generated export")
    parser.add_argument("--no-results", action="store_true", help="do not write the results")
    parser.add_argument(
        "--also-serial",
        action="store_true",
        help="also import into a third fresh database with --workers 0",
    )
    args = parser.parse_args()

    work: Path = args.dir
    export, media = work / "export.xml", work / "uploads"
    if not (args.keep and export.exists()):
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        started = time.monotonic()
        generate(export, media, args.posts, args.comments)
        print(f"export: {export.stat().st_size / 1e6:.0f} Mo in {time.monotonic() - started:.0f} s")
    command = ["import_wordpress", str(export), "--media-dir", str(media)]
    env = fresh_site(work / "site")
    if env is None:
        return 1
    first = run(manage(command), env, work / "import.log")
    print(summary(work / "import.log"))
    print(f"import: {first[0]:.1f} s, peak RSS {first[1]} MB ({first[2]} MB with workers)")
    again = run(manage(command), env, work / "reimport.log")
    print(f"re-import: {again[0]:.1f} s, peak RSS {again[1]} MB ({again[2]} MB with workers)")
    serial = None
    if args.also_serial:
        serial_env = fresh_site(work / "serial")
        if serial_env is None:
            return 1
        serial = run(manage([*command, "--workers", "0"]), serial_env, work / "serial.log")
        print(f"--workers 0: {serial[0]:.1f} s, peak RSS {serial[1]} MB")
    if first[3] or again[3] or (serial and serial[3]):
        for log in ("import.log", "reimport.log", "serial.log"):
            if (work / log).exists():
                print((work / log).read_text()[-3000:])
        return 1
    if not args.no_results:
        write_results(args, export, first, again, serial, work)
    return 0


def manage(arguments: list[str]) -> list[str]:
    return [sys.executable, str(ROOT / "manage.py"), *arguments]


def fresh_site(folder: Path) -> dict[str, str] | None:
    """The environment of a new, migrated SQLite site under `folder`."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    env = {
        **os.environ,
        "VAR_DIR": str(folder),
        "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "SECRET_KEY": "bench",
        "LOG_LEVEL": "WARNING",
    }
    migrated = run(manage(["migrate", "--noinput", "-v0"]), env, folder / "migrate.log")
    if migrated[3]:
        print((folder / "migrate.log").read_text())
        return None
    return env


def summary(log: Path) -> str:
    """The report's head: the table of counts and the durations, not every skipped item."""
    lines = log.read_text().splitlines()
    end = next((i for i, line in enumerate(lines) if line.startswith("Éléments ignorés")), 40)
    return "\n".join(lines[:end]).strip()


def french(number: float) -> str:
    return f"{number:.1f}".replace(".", ",")


def write_results(args, export: Path, first, again, serial, work: Path) -> None:
    size = export.stat().st_size / 1e6
    seconds, peak, peak_total, _code = first
    verdict = "atteint" if seconds < 60 and peak_total < 300 else "**manqué**"
    command_line = (
        f".venv/bin/python bench/wxr_bench.py --posts {args.posts} --comments {args.comments}"
        + (" --also-serial" if serial else "")
    )
    serial_row = (
        f"| import sans processus de typographie (`--workers 0`), durée | {french(serial[0])} s "
        f"| |\n| idem, pic de mémoire | {serial[1]} Mo | |\n"
        if serial
        else ""
    )
    write_section(
        "Import WordPress",
        f"""
Commande : `{command_line}`,
sur une machine partagée avec d’autres sessions (le même import prend une quinzaine de
secondes de plus quand un autre processus occupe un des deux cœurs).
Le script génère l’export (son propre générateur, textes en français), crée une base
SQLite neuve sous `{work}` (`VAR_DIR` et `DATABASE_URL`), lance `manage.py migrate`, puis
`manage.py import_wordpress export.xml --media-dir uploads` deux fois, chacun comme
processus fils : durée réelle ; pic de mémoire résidente du plus gros processus (lu par
`wait4`) et de l’ensemble processus principal + processus de typographie (relevé dans
`/proc` toutes les 100 ms ; le processus de typographie est créé par `fork`, et ses pages
partagées avec le processus principal sont comptées deux fois dans ce total).

Machine : {machine()}.

Export : {args.posts} articles, autant d’images à la une (fichiers JPEG 1200 × 800,
2 % manquants), {args.comments} commentaires (fils de discussion, tous les états,
rétroliens), 3 pages ; {size:.0f} Mo.

| mesure | valeur | objectif |
| --- | --- | --- |
| import, durée | {french(seconds)} s | < 60 s |
| import, pic de mémoire (ensemble) | {peak_total} Mo | < 300 Mo |
| import, pic de mémoire (plus gros processus) | {peak} Mo | |
| second passage (rien n’a changé), durée | {french(again[0])} s | |
| second passage, pic de mémoire (ensemble) | {again[2]} Mo | |
{serial_row}
Objectif {verdict}.

Ce qui rend l’import rapide : deux lectures en flux du fichier (la première vérifie tout et
rassemble auteurs, rubriques et pièces jointes) ; une transaction par lot de 200 articles ;
commentaires, signatures, sujets et anciennes adresses écrits en masse ; nombres de
commentaires recalculés et index de recherche écrit une fois par lot ; la typographie
française des textes (le plus coûteux) préparée par un processus à part pendant que le
lot précédent s’écrit. Les déclinaisons des images ne sont pas faites pendant l’import :
elles sont confiées au travailleur de tâches (`manage.py run_tasks`), et les pages montrent
l’original en attendant.

Rapport de l’import (début ; la liste des éléments ignorés et à vérifier suit) :

```
{summary(work / "import.log")}
```

Second passage :

```
{summary(work / "reimport.log")}
```
""",
    )


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    sys.exit(main())
