"""Tests of the {% picture %} and {% rendition_url %} template tags."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template, TemplateSyntaxError

from manchette.images.models import Image, Rendition, prefetch_renditions

from .conftest import make_image, picture_bytes

pytestmark = pytest.mark.django_db


def render(source: str, **context) -> str:
    return Template("{% load images %}" + source).render(Context(context))


def prefetched(image: Image) -> Image:
    return Image.objects.prefetch_related(prefetch_renditions()).get(pk=image.pk)


def attribute(html: str, tag: str, name: str) -> str:
    match = re.search(rf'<{tag}\b[^>]*\s{name}="([^"]*)"', html)
    assert match, f"no {name} on <{tag}> in {html}"
    return match.group(1)


def test_picture_has_sources_sizes_and_dimensions(django_assert_num_queries):
    image = prefetched(make_image(picture_bytes(1600, 1067), alt_text="Le port"))
    with django_assert_num_queries(0):
        html = render(
            '{% picture image "lead" sizes="(min-width: 60rem) 50rem, 100vw" %}', image=image
        )
    assert html.startswith("<picture><source ") and html.endswith("</picture>")
    assert attribute(html, "source", "type") == "image/webp"
    webp = attribute(html, "source", "srcset").split(", ")
    assert [entry.split(" ")[1] for entry in webp] == ["480w", "800w", "1200w", "1600w"]
    assert all(entry.startswith("/media/renditions/") and ".webp " in entry for entry in webp)
    assert attribute(html, "source", "sizes") == "(min-width: 60rem) 50rem, 100vw"
    jpeg = attribute(html, "img", "srcset").split(", ")
    assert [entry.split(" ")[1] for entry in jpeg] == ["480w", "800w", "1200w", "1600w"]
    assert ".jpg " in jpeg[0]
    # The middle width as src, the largest one's size so the box has the right ratio.
    assert attribute(html, "img", "src") == jpeg[2].split(" ")[0]
    assert attribute(html, "img", "width") == "1600"
    assert attribute(html, "img", "height") == "1067"
    assert attribute(html, "img", "sizes") == "(min-width: 60rem) 50rem, 100vw"
    assert attribute(html, "img", "alt") == "Le port"
    assert attribute(html, "img", "loading") == "lazy"
    assert attribute(html, "img", "decoding") == "async"
    assert "fetchpriority" not in html


def test_a_listing_needs_one_query_for_all_renditions(django_assert_num_queries):
    for seed in range(3):
        make_image(picture_bytes(800, 600, colour=(seed * 80, 0, 0)))
    with django_assert_num_queries(2):
        images = list(Image.objects.prefetch_related(prefetch_renditions("renditions")))
    with django_assert_num_queries(0):
        html = render(
            '{% for image in images %}{% picture image "thumb" %}{% endfor %}', images=images
        )
    assert html.count("<picture>") == 3


def test_eager_images_are_fetched_first():
    image = prefetched(make_image())
    html = render('{% picture image "lead" loading="eager" %}', image=image)
    assert attribute(html, "img", "loading") == "eager"
    assert attribute(html, "img", "fetchpriority") == "high"
    html = render('{% picture image "lead" loading="eager" fetchpriority="auto" %}', image=image)
    assert attribute(html, "img", "fetchpriority") == "auto"
    html = render('{% picture image "lead" loading="whenever" %}', image=image)
    assert attribute(html, "img", "loading") == "lazy"


def test_everything_is_escaped():
    image = prefetched(make_image(alt_text='Un "quai" <script>alert(1)</script> & co'))
    html = render(
        '{% picture image "thumb" sizes=sizes css_class=css %}',
        image=image,
        sizes='100vw" onload="alert(1)',
        css='x" onerror="y',
    )
    assert "<script>" not in html and 'onload="' not in html and 'onerror="' not in html
    assert "Un &quot;quai&quot; &lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html


def test_without_renditions_the_original_is_used():
    image = make_image(picture_bytes(900, 700))
    Rendition.objects.all().delete()
    html = render('{% picture image "lead" %}', image=prefetched(image))
    assert "<source" not in html and "srcset" not in html
    assert attribute(html, "img", "src") == image.file.url
    assert (attribute(html, "img", "width"), attribute(html, "img", "height")) == ("900", "700")


def test_no_image_renders_nothing():
    assert render('{% picture image "lead" %}', image=None) == ""


def test_unknown_crop_is_an_error():
    with pytest.raises((ValueError, TemplateSyntaxError)):
        render('{% picture image "bannière" %}', image=None)


def test_png_fallback_is_png():
    image = prefetched(make_image(picture_bytes(800, 800, "PNG"), name="schema.png"))
    html = render('{% picture image "portrait" %}', image=image)
    assert ".png" in attribute(html, "img", "src")


def test_rendition_url_is_the_largest_in_the_original_format(django_assert_num_queries):
    image = prefetched(make_image(picture_bytes(2000, 1400)))
    with django_assert_num_queries(0):
        url = render('{% rendition_url image "social" %}', image=image)
    social = image.renditions.get(spec="social", format="jpeg")
    assert url == social.file.url
    assert url.startswith("/media/renditions/") and url.endswith(".jpg")
    lead = render('{% rendition_url image "lead" %}', image=image)
    assert "-1600w-" in lead and lead.endswith(".jpg")


def test_rendition_url_falls_back_to_the_original():
    image = make_image()
    Rendition.objects.all().delete()
    assert render('{% rendition_url image "social" %}', image=prefetched(image)) == image.file.url
    assert render('{% rendition_url image "social" %}', image=None) == ""
