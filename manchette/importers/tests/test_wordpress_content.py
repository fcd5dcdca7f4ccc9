"""WordPress's markup turned into the HTML Manchette keeps, and its values mapped."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest

from manchette.articles.models import Article
from manchette.importers.wordpress import mapping
from manchette.importers.wordpress.autop import autop
from manchette.importers.wordpress.shortcodes import Attachment, Converter, parse_attributes

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
PHOTOS = {
    45: Attachment(45, "https://ex.fr/wp-content/uploads/a.jpg", alt="Le port", caption="Au matin"),
    46: Attachment(46, "https://ex.fr/wp-content/uploads/b.jpg", alt="La digue", parent=7),
}


def convert(content: str, blocks: dict[int, str] | None = None) -> tuple[str, list[str]]:
    converter = Converter(
        PHOTOS, lambda parent: [a for a in PHOTOS.values() if a.parent == parent], blocks or {}
    )
    return converter.convert(content, post_id=7), converter.unknown


def test_blank_lines_make_paragraphs_and_single_breaks_make_br():
    assert autop("Un.\nDeux.\n\nTrois.") == "<p>Un.<br />\nDeux.</p>\n<p>Trois.</p>"


def test_block_elements_are_not_wrapped_in_paragraphs():
    assert autop("<h2>Titre</h2>\nTexte.\n\n<ul>\n<li>a</li>\n</ul>") == (
        "<h2>Titre</h2>\n<p>Texte.</p>\n<ul>\n<li>a</li>\n</ul>"
    )


def test_preformatted_text_keeps_its_lines():
    assert "<pre>a\n\nb</pre>" in autop("Avant.\n\n<pre>a\n\nb</pre>\n\nAprès.")


def test_a_caption_becomes_a_figure():
    html, _ = convert(
        '[caption id="attachment_45" width="300"]<img src="x.jpg" alt="Port" /> Le port, '
        "<em>mardi</em>[/caption]"
    )
    assert html == (
        '<figure><img src="x.jpg" alt="Port" /><figcaption>Le port, <em>mardi</em>'
        "</figcaption></figure>"
    )


def test_an_old_style_caption_attribute_is_read():
    html, _ = convert('[caption caption="Le port"]<img src="x.jpg" alt="" />[/caption]')
    assert "<figcaption>Le port</figcaption>" in html


def test_a_link_around_a_captioned_image_is_kept_unless_it_is_the_file_itself():
    kept, _ = convert(
        '[caption]<a href="https://ex.fr/dossier/"><img src="x.jpg" /></a> L[/caption]'
    )
    dropped, _ = convert(
        '[caption]<a href="https://ex.fr/wp-content/uploads/x.jpg"><img src="x.jpg" /></a> L'
        "[/caption]"
    )
    assert '<a href="https://ex.fr/dossier/"><img src="x.jpg" /></a>' in kept
    assert "<a " not in dropped and '<img src="x.jpg" />' in dropped


def test_a_gallery_lists_its_images_in_order_with_captions():
    html, _ = convert('[gallery ids="46,45" columns="2"]')
    assert html == (
        '<figure><ul><li><img src="https://ex.fr/wp-content/uploads/b.jpg" alt="La digue" /></li>'
        '<li><figure><img src="https://ex.fr/wp-content/uploads/a.jpg" alt="Le port" />'
        "<figcaption>Au matin</figcaption></figure></li></ul></figure>"
    )


def test_a_gallery_without_ids_shows_the_images_attached_to_the_post():
    html, _ = convert("[gallery]")
    assert "b.jpg" in html and "a.jpg" not in html


def test_embeds_and_bare_video_links_become_link_paragraphs():
    html, _ = convert(
        "Regardez :\n\nhttps://www.youtube.com/watch?v=x1\n\n[embed]https://vimeo.com/2[/embed]"
        '\n\n[video mp4="https://ex.fr/wp-content/uploads/v.mp4"][/video]'
    )
    for url in (
        "https://www.youtube.com/watch?v=x1",
        "https://vimeo.com/2",
        "https://ex.fr/wp-content/uploads/v.mp4",
    ):
        assert f'<p><a href="{url}">{url}</a></p>' in html
    assert "<p>Regardez :</p>" in html


def test_an_address_inside_a_sentence_is_left_alone():
    html, _ = convert("Voir https://ex.fr/page pour la suite.")
    assert html == "<p>Voir https://ex.fr/page pour la suite.</p>"


def test_unknown_shortcodes_lose_their_brackets_keep_their_text_and_are_listed():
    html, unknown = convert(
        '[pullquote align="left"]Une phrase forte.[/pullquote]\n\n[contact-form-7 id="9"]'
        "\n\n[vc_row][vc_column]Colonne[/vc_column][/vc_row]"
    )
    assert "Une phrase forte." in html and "Colonne" in html
    assert "[" not in html
    assert unknown == ["[pullquote]", "[contact-form-7]", "[vc_row]", "[vc_column]"]


def test_bracketed_words_that_are_not_shortcodes_stay():
    html, unknown = convert("Il a dit [sic] que [NDLR : le maire] viendrait […].")
    assert html == "<p>Il a dit [sic] que [NDLR : le maire] viendrait […].</p>"
    assert unknown == []


def test_an_escaped_shortcode_is_written_as_text():
    html, unknown = convert("Tapez [[gallery]] pour une galerie.")
    assert html == "<p>Tapez [gallery] pour une galerie.</p>"
    assert unknown == []


def test_block_comments_are_removed_and_block_html_kept():
    html, _ = convert(
        '<!-- wp:paragraph {"dropCap":true} -->\n<p>Un.</p>\n<!-- /wp:paragraph -->\n\n'
        "<!-- wp:separator /-->\n\n<!-- wp:quote -->\n<blockquote><p>Deux.</p></blockquote>\n"
        "<!-- /wp:quote -->"
    )
    assert "wp:" not in html
    assert "<p>Un.</p>" in html and "<hr />" in html
    assert "<blockquote><p>Deux.</p></blockquote>" in html
    assert "<br" not in html  # block content is never passed through wpautop


def test_an_embed_block_with_a_caption_becomes_a_figure():
    html, _ = convert(
        '<!-- wp:embed {"url":"https://youtu.be/a"} -->\n<figure class="wp-block-embed">'
        '<div class="wp-block-embed__wrapper">\nhttps://youtu.be/a\n</div><figcaption>Le clip'
        "</figcaption></figure>\n<!-- /wp:embed -->"
    )
    assert html.strip() == (
        '<figure><p><a href="https://youtu.be/a">https://youtu.be/a</a></p>'
        "<figcaption>Le clip</figcaption></figure>"
    )


def test_a_reusable_block_is_replaced_by_its_content_and_a_missing_one_listed():
    html, unknown = convert(
        '<!-- wp:block {"ref":90} /-->\n<!-- wp:block {"ref":91} /-->',
        blocks={90: "<!-- wp:paragraph --><p>Abonnez-vous.</p><!-- /wp:paragraph -->"},
    )
    assert html.strip() == "<p>Abonnez-vous.</p>"
    assert unknown == ["<!-- wp:block 91 -->"]


def test_shortcode_attributes_are_read_like_wordpress_does():
    assert parse_attributes(" ids=\"1,2\" columns=3 link='file' orderby rand") == {
        "ids": "1,2",
        "columns": "3",
        "link": "file",
        "3": "orderby",
        "4": "rand",
    }


# Values


def test_the_gmt_date_is_preferred():
    moment = mapping.wp_datetime("2019-05-04 12:00:00", "2019-05-04 10:00:00", PARIS)
    assert moment == datetime.datetime(2019, 5, 4, 10, tzinfo=datetime.UTC)


def test_without_gmt_date_the_local_date_is_read_in_the_site_time_zone():
    moment = mapping.wp_datetime("2019-01-04 12:00:00", "0000-00-00 00:00:00", PARIS)
    assert moment == datetime.datetime(2019, 1, 4, 11, tzinfo=datetime.UTC)
    tokyo = zoneinfo.ZoneInfo("Asia/Tokyo")
    assert mapping.wp_datetime("2019-01-04 12:00:00", "", tokyo).hour == 12
    assert mapping.wp_datetime("0000-00-00 00:00:00", "", PARIS) is None


@pytest.mark.parametrize(
    ("status", "password", "expected"),
    [
        ("publish", "", Article.Status.PUBLISHED),
        ("draft", "", Article.Status.DRAFT),
        ("pending", "", Article.Status.REVIEW),
        ("private", "", Article.Status.DRAFT),
        ("publish", "secret", Article.Status.DRAFT),
    ],
)
def test_post_statuses(status, password, expected):
    assert mapping.post_status(status, password, None).status == expected


def test_trash_and_auto_drafts_are_skipped():
    assert mapping.post_status("trash", "", None).skip
    assert mapping.post_status("auto-draft", "", None).skip


def test_a_future_post_is_scheduled_unless_its_time_has_passed():
    later = datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC)
    earlier = datetime.datetime(2001, 1, 1, tzinfo=datetime.UTC)
    assert mapping.post_status("future", "", later).status == Article.Status.SCHEDULED
    missed = mapping.post_status("future", "", earlier)
    assert missed.status == Article.Status.DRAFT and missed.note


def test_titles_become_plain_text():
    assert mapping.plain_text("L&rsquo;été <em>chaud</em> &amp;amp; sec") == "L’été chaud & sec"
    assert mapping.plain_text("Un<br>deux") == "Un deux"


def test_percent_encoded_slugs_are_decoded_and_made_ascii():
    assert mapping.wp_slug("%c3%a9t%c3%a9-br%c3%bblant") == "été-brûlant"
    assert mapping.manchette_slug("%c3%a9t%c3%a9-br%c3%bblant", "") == "ete-brulant"
    assert mapping.manchette_slug("", "L’été en pente douce") == "lete-en-pente-douce"
    assert mapping.manchette_slug("deja-ascii", "x") == "deja-ascii"


def test_comment_html_becomes_plain_text_with_links_written_out():
    assert (
        mapping.html_to_text(
            '<p>Voir <a href="https://ex.fr">ce site</a>.</p><p>Et <b>ça</b> &amp; ça.</p>'
        )
        == "Voir ce site (https://ex.fr).\nEt ça & ça."
    )


def test_invalid_emails_urls_and_ips_are_dropped():
    assert mapping.clean_email("pas-une-adresse") == ""
    assert mapping.clean_url("javascript:alert(1)") == ""
    assert mapping.clean_url("http://") == ""
    assert mapping.clean_ip("999.1.1.1") is None
    assert mapping.clean_ip(" 192.0.2.1 ") == "192.0.2.1"


def test_old_addresses_are_decoded_paths_with_their_query():
    assert mapping.url_path("https://ex.fr/2019/05/%c3%a9t%c3%a9/") == "/2019/05/été/"
    assert mapping.url_path("https://ex.fr/?p=12") == "/?p=12"
    assert mapping.url_path("https://ex.fr") == "/"
