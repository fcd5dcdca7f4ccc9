"""Template tags for responsive <picture> elements and rendition URLs: {% load images %}."""

from __future__ import annotations

from django import template

from ..crops import get_crop
from ..models import Image, Rendition
from ..renditions import largest_shareable, renditions_to_show

register = template.Library()

_LOADING = {"lazy", "eager"}
_FETCHPRIORITY = {"high", "low", "auto"}


def _srcset(renditions: list[Rendition]) -> str:
    return ", ".join(f"{r.file.url} {r.width}w" for r in renditions)


def _fallback(renditions: list[Rendition]) -> list[Rendition]:
    # The non-WebP format (JPEG, or PNG for PNG sources) for browsers without WebP.
    return [r for r in renditions if r.format != Rendition.Format.WEBP]


@register.inclusion_tag("images/picture.html")
def picture(
    image: Image | None,
    spec: str,
    sizes: str = "100vw",
    loading: str = "lazy",
    fetchpriority: str | None = None,
    css_class: str = "",
) -> dict:
    """{% picture image "lead" sizes="(min-width: 60rem) 50rem, 100vw" loading="lazy" %}

    loading="eager" (above the fold) also asks for fetchpriority="high" unless another
    fetchpriority is given. Reads only `image.renditions.all()`, so prefetch_renditions()
    makes it query-free. Missing renditions are never made here: the tag shows those that
    exist, or the original file, and queues the rest for the task worker."""
    get_crop(spec)  # a typo in a template should fail loudly, not render nothing
    if fetchpriority is None:
        fetchpriority = "high" if loading == "eager" else ""
    context = {
        "image": image,
        "sizes": sizes,
        "loading": loading if loading in _LOADING else "lazy",
        "fetchpriority": fetchpriority if fetchpriority in _FETCHPRIORITY else "",
        "css_class": css_class,
    }
    if image is None or not image.file:
        return context
    renditions = renditions_to_show(image, spec)
    webp = [r for r in renditions if r.format == Rendition.Format.WEBP]
    fallback = _fallback(renditions) or webp
    if not fallback:
        # Renditions not made (yet): the original keeps the page whole meanwhile.
        context.update(src=image.file.url, width=image.width or "", height=image.height or "")
        return context
    largest = fallback[-1]
    context.update(
        webp_srcset=_srcset(webp) if webp and fallback is not webp else "",
        src=fallback[len(fallback) // 2].file.url,
        srcset=_srcset(fallback),
        width=largest.width,
        height=largest.height,
    )
    return context


@register.simple_tag
def rendition_url(image: Image | None, spec: str) -> str:
    """{% rendition_url image "social" %}: the path of the largest rendition of `spec` in
    the original's format (for og:image, Pinterest), or of the original file while the
    renditions wait for the task worker."""
    get_crop(spec)
    if image is None or not image.file:
        return ""
    largest = largest_shareable(image, spec)
    return largest.file.url if largest else image.file.url
