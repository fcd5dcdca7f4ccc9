"""Control characters: taken out of every text on the way in, and out of feeds, sitemaps
and structured data on the way out, so that no stored text can make XML malformed.

What goes, and why:

- C0 controls but tab and line feed, DEL, C1 controls: invisible, and XML 1.0 forbids
  most of them (a feed writer refuses them, a sitemap holding one is malformed);
- a carriage return becomes a line feed ("\\r\\n" too): one kind of line break;
- vertical tab, form feed, the information separators and NEL become a space: Word
  writes a line break inside a paragraph as a vertical tab, and removing it would glue
  two words together;
- bidirectional embeddings and overrides (U+202A–U+202E): they turn a name or a title
  around on screen (spoofing) and French text has no use for them;
- U+FEFF (a byte order mark pasted from a file), U+FFFE and U+FFFF (not characters) and
  lone surrogates (which cannot even be encoded).

What stays: tab, line feed, and the format characters that writing needs: the no-break
spaces of French typography, soft hyphen, zero-width joiners (emoji, other scripts),
word joiner, and the bidirectional isolates (U+2066–U+2069) and marks (LRM, RLM).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from django.db import models

_ANY = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\ufeff\ufffe\uffff\ud800-\udfff]")
_LINE_BREAK = re.compile("\r\n?")
_SEPARATOR = re.compile("[\x0b\x0c\x1c-\x1f\x85]")
_REMOVED = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u202a-\u202e\ufeff\ufffe\uffff\ud800-\udfff]"
)


def strip_control_chars(text: str) -> str:
    """`text` without control characters (see the module's docstring for which)."""
    if not _ANY.search(text):  # the usual case, and a fast one
        return text
    return _REMOVED.sub("", _SEPARATOR.sub(" ", _LINE_BREAK.sub("\n", text)))


def without_control_chars(value: Any) -> Any:
    """`value` with every string in it cleaned, through lists, tuples and dicts; other
    values as they are. For data about to be written out (feeds, JSON-LD)."""
    if isinstance(value, str):
        return strip_control_chars(value)
    if isinstance(value, (list, tuple)):
        return type(value)(without_control_chars(item) for item in value)
    if isinstance(value, dict):
        return {key: without_control_chars(item) for key, item in value.items()}
    return value


@functools.cache
def _text_fields(model: type[models.Model]) -> tuple[str, ...]:
    """The attribute names of `model`'s text fields (CharField, TextField and their
    kinds: slug, e-mail, URL, the rich-text body), for the project's own models only."""
    config = model._meta.app_config  # a stub with a bare label in migrations: skipped
    if config is None or not config.name.startswith("manchette."):
        return ()
    return tuple(
        f.attname
        for f in model._meta.concrete_fields
        if isinstance(f, (models.CharField, models.TextField))
    )


def clean_text_fields(instance: models.Model) -> None:
    """Strips control characters from the text fields of `instance`, in place. Deferred
    fields are not loaded (no query): they were cleaned when they were saved."""
    values = instance.__dict__
    for name in _text_fields(type(instance)):
        value = values.get(name)
        if isinstance(value, str) and (cleaned := strip_control_chars(value)) != value:
            values[name] = cleaned


def clean_before_save(sender: type[models.Model], instance: models.Model, **kwargs) -> None:
    """pre_save receiver for every model: whatever saves a model of the project (a form,
    the desk, an importer, a management command), its text is stored clean."""
    clean_text_fields(instance)


class ControlCharFreeFeed:
    """Mixin for a django.utils.feedgenerator class: every text of the feed and of its
    items is cleaned as it is given, so that whatever is stored, the feed is written
    (Django refuses to write control characters in text) and well-formed (it writes
    them as they are in attributes)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*without_control_chars(args), **without_control_chars(kwargs))

    def add_item(self, *args, **kwargs) -> None:
        super().add_item(*without_control_chars(args), **without_control_chars(kwargs))
