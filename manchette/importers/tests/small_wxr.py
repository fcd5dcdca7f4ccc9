"""Small WordPress exports written by the tests themselves: a site, posts, attachments."""

from __future__ import annotations

from html import escape
from pathlib import Path

SITE = "https://www.exemple-gazette.fr"
UPLOADS = f"{SITE}/wp-content/uploads"


def attachment(wp_id: int, path: str) -> str:
    return f"""<item><title>{escape(path)}</title><link>{SITE}/?attachment_id={wp_id}</link>
<dc:creator>redac</dc:creator><content:encoded><![CDATA[]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>{wp_id}</wp:post_id>
<wp:status>inherit</wp:status><wp:post_parent>0</wp:post_parent>
<wp:post_type>attachment</wp:post_type>
<wp:attachment_url>{UPLOADS}/{escape(path)}</wp:attachment_url>
<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key>
<wp:meta_value><![CDATA[{path}]]></wp:meta_value></wp:postmeta></item>"""


def comment(
    wp_id: int, text: str, *, approved: str = "1", author: str = "Lectrice", url: str = ""
) -> str:
    return f"""<wp:comment><wp:comment_id>{wp_id}</wp:comment_id>
<wp:comment_author><![CDATA[{author}]]></wp:comment_author>
<wp:comment_author_email>lectrice@example.org</wp:comment_author_email>
<wp:comment_author_url><![CDATA[{url}]]></wp:comment_author_url>
<wp:comment_date>2024-03-01 10:00:00</wp:comment_date>
<wp:comment_date_gmt>2024-03-01 09:00:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[{text}]]></wp:comment_content>
<wp:comment_approved>{approved}</wp:comment_approved><wp:comment_type>comment</wp:comment_type>
<wp:comment_parent>0</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id>
</wp:comment>"""


def post(wp_id: int, body: str = "<p>Texte.</p>", comments: str = "") -> str:
    return f"""<item><title>Article {wp_id}</title>
<link>{SITE}/2024/03/01/article-{wp_id}/</link><dc:creator>redac</dc:creator>
<content:encoded><![CDATA[{body}]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>{wp_id}</wp:post_id>
<wp:post_date>2024-03-01 10:00:00</wp:post_date>
<wp:post_date_gmt>2024-03-01 09:00:00</wp:post_date_gmt>
<wp:comment_status>open</wp:comment_status><wp:post_name>article-{wp_id}</wp:post_name>
<wp:status>publish</wp:status><wp:post_parent>0</wp:post_parent>
<wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>
<category domain="category" nicename="actualite"><![CDATA[Actualité]]></category>
{comments}</item>"""


def export(path: Path, *items: str) -> Path:
    """Write a WXR 1.2 file holding `items` at `path`."""
    path.write_text(
        f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>La Gazette</title><link>{SITE}</link>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>{SITE}</wp:base_site_url>
<wp:base_blog_url>{SITE}</wp:base_blog_url>
<wp:author><wp:author_id>2</wp:author_id><wp:author_login>redac</wp:author_login>
<wp:author_display_name>La rédaction</wp:author_display_name></wp:author>
{"".join(items)}
</channel></rss>""",
        encoding="utf-8",
    )
    return path
