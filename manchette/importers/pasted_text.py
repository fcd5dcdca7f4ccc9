"""The plain text of a news page, as copied from a browser or a wire, turned into an article."""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import urlsplit

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from manchette.articles import publishing
from manchette.articles.models import Article, Author, Byline, Category, Source
from manchette.control_chars import strip_control_chars
from manchette.lib.slugs import slugify_fr

# Section names a news page shows above its headline, for sites whose own rubriques
# have other names; compared accent- and case-insensitively.
KNOWN_CATEGORIES = (
    "Politique", "Société", "Économie", "International", "Monde", "France", "Europe",
    "Culture", "Sport", "Sports", "Sciences", "Science", "Santé", "Environnement",
    "Planète", "Climat", "Tech", "Technologie", "Technologies", "Numérique", "Éducation",
    "Justice", "Faits divers", "Opinions", "Idées", "Débats", "Régions", "Local", "Médias",
    "Météo", "Politics", "Society", "Economy", "Business", "World", "Health",
    "Environment", "Technology", "Education", "Opinion",
)  # fmt: skip

DROPPED_KINDS = {
    "share": gettext_lazy("partage"),
    "comments": gettext_lazy("commentaires"),
    "read_more": gettext_lazy("renvoi vers un site"),
    "newsletter": gettext_lazy("lettre d’information"),
    "ad": gettext_lazy("publicité"),
    "navigation": gettext_lazy("navigation"),
    "related": gettext_lazy("articles liés"),
    "tags": gettext_lazy("mots-clés"),
    "date": gettext_lazy("date"),
    "credit": gettext_lazy("crédit photo"),
    "caption": gettext_lazy("légende d’image"),
    "separator": gettext_lazy("séparateur"),
    "before_headline": gettext_lazy("avant le titre"),
    "after_article": gettext_lazy("après l’article"),
    "empty_heading": gettext_lazy("intertitre sans texte"),
}


class Section(NamedTuple):
    heading: str | None
    paragraphs: list[str]


class SourceRef(NamedTuple):
    label: str
    url: str = ""


class DroppedLine(NamedTuple):
    text: str
    kind: str  # a key of DROPPED_KINDS

    @property
    def kind_label(self) -> str:
        return str(DROPPED_KINDS[self.kind])


@dataclass
class PastedText:
    """What the text of a page holds, in reading order; `dropped` is the page furniture."""

    headline: str = ""
    caption: str = ""
    credit: str = ""
    category: str = ""  # as written on the page
    byline: str = ""
    sections: list[Section] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)
    dropped: list[DroppedLine] = field(default_factory=list)

    @property
    def error(self) -> str | None:
        """Why no article can be made from the text, in words for the editor."""
        if self.headline:
            return None
        if not (self.caption or self.category or self.sections or self.dropped or self.sources):
            return _("Le texte est vide.")
        return _(
            "Aucun titre reconnu : le titre doit être une ligne courte, sans point final, "
            "avant le texte de l’article."
        )

    @property
    def import_ref(self) -> str:
        """The same story pasted twice gives the same reference, whatever the furniture."""
        content = "\n".join(
            [self.headline]
            + [
                part
                for heading, paragraphs in self.sections
                for part in [heading or "", *paragraphs]
            ]
        )
        return "text:" + hashlib.sha256(content.encode()).hexdigest()[:40]


class PastedTextError(ValueError):
    pass


class AlreadyImported(PastedTextError):
    def __init__(self, article: Article) -> None:
        super().__init__(
            _("Ce texte a déjà été importé : « %(title)s » (article n° %(pk)s).")
            % {"title": article.title, "pk": article.pk}
        )
        self.article = article


# --- Reading lines ------------------------------------------------------------------------

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2014": "-"})
_KEY_EDGES = " .:!?|·•-…»«\"'()[]"


def _key(line: str) -> str:
    """The line folded for comparison: lowercase, no accents, plain apostrophes and dashes."""
    text = unicodedata.normalize("NFKD", line.casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.translate(_APOSTROPHES).translate(_DASHES)
    return " ".join(text.split()).strip(_KEY_EDGES)


def _lines(text: str) -> list[str]:
    """Non-blank lines with their spacing collapsed; lines a wire hard-wrapped are rejoined."""
    # What the article will store: the headline read here is the title saved.
    text = strip_control_chars(text)
    lines: list[str] = []
    previous_blank = True
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line:
            previous_blank = True
            continue
        if not previous_blank and lines and _continues(lines[-1], line):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
        previous_blank = False
    return lines


def _continues(previous: str, line: str) -> bool:
    # A wrapped paragraph: a long line cut mid-sentence, the next one starting in lowercase.
    return (
        len(previous) >= 55
        and previous[-1] not in '.!?…:;»"”*'
        and line[0].isalpha()
        and line[0].islower()
    )


# --- Page furniture -----------------------------------------------------------------------

_SHARE_CORE = {
    "partager", "partagez", "partage", "share", "tweet", "tweeter", "twitter", "x",
    "facebook", "linkedin", "whatsapp", "pinterest", "reddit", "telegram", "messenger",
    "bluesky", "mastodon", "threads", "flipboard", "pocket", "sms", "email", "e-mail",
    "mail", "courriel", "imprimer", "print", "instagram", "tumblr", "copier", "copy",
    "envoyer", "send", "google+", "viber", "youtube", "tiktok", "snapchat",
}  # fmt: skip
_SHARE_GLUE = {
    "hidden", "le", "la", "lien", "link", "the", "copie", "copied", "sur", "on", "via",
    "par", "by", "this", "cet", "article", "l'article", "story", "ceci", "a", "friend",
    "un", "ami", "to", "clipboard", "url",
}  # fmt: skip
_SHARE_SPLIT = re.compile(r"[\s|,/·•:]+")

_MONTHS = (
    "janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|"
    "january|february|march|april|may|june|july|august|september|october|november|december"
)


class _Rule(NamedTuple):
    kind: str
    pattern: re.Pattern[str]
    max_length: int
    # Everything after such a line belongs to the page around the article, not to it.
    ends_article: bool = False


def _rule(kind: str, pattern: str, max_length: int = 250, ends_article: bool = False) -> _Rule:
    return _Rule(kind, re.compile(pattern), max_length, ends_article)


# Matched against _key(line).
_RULES = [
    _rule("share", r"^(suivez-nous|follow us)\b", 80),
    _rule("share", r"^\d[\d .,]*k? (partages?|shares?|vues|views|likes?|j'aime)$", 40),
    _rule(
        "comments",
        r"^((laisser|laissez|ajouter|poster|publier) (un|votre) commentaire"
        r"|laisser une reponse|(leave|add|post) a (comment|reply)"
        r"|(\d+|un|une|aucun|zero) (commentaires?|reactions?)"
        r"|(\d+|one|no) (comments?|responses?|replies)"
        r"|commentaires?|comments?|reagir|reagissez"
        r"|(les )?commentaires sont fermes|comments are closed"
        r"|(\d+ )?(reponses?|responses?|thoughts?) (a|to|on) .*)$",
        160,
        ends_article=True,
    ),
    _rule(
        "comments",
        r"^(votre adresse (e-?mail|de messagerie|electronique) ne sera pas publiee"
        r"|your email( address)? will not be published"
        r"|les champs obligatoires sont (indiques|marques)|required fields are marked"
        r"|(publier|poster|envoyer) (le|mon|un|votre) commentaire$|(post|submit)( your)? comment$"
        r"|enregistrer mon nom|save my name|annuler la reponse$|cancel reply$"
        r"|vous devez etre connecte|you must be logged in"
        r"|(repondre|reply|signaler un abus)$"
        r"|(commentaire|nom|e-?mail|adresse e-?mail|site web|comment|name|website) ?\*$)",
        300,
    ),
    _rule(
        "read_more",
        r"^((a )?lire (aussi|egalement|la suite)|(voir|lisez) aussi|(read|see) (also|more)"
        r"|related ?:|en savoir plus|pour en savoir plus)\b",
    ),
    _rule(
        "read_more",
        r"\b((visitez|consultez|rendez-vous sur) (notre|le) site|sur notre site"
        r"|(visit|on) our (web)?site|read (more|the full (story|article))|continue reading"
        r"|keep reading|click here|cliquez ici|suite de l'article|article complet|full story)\b",
        120,
    ),
    _rule("newsletter", r"\b(newsletters?|lettres? d'info(rmation)?s?)\b", 100),
    _rule(
        "newsletter",
        r"^((abonnez|inscrivez)-vous|je m'(abonne|inscris)|s'(abonner|inscrire)"
        r"|subscribe|sign up)\b",
        100,
    ),
    _rule("newsletter", r"^((votre|your) (adresse )?e-?mail( address)?|inscription|valider)$"),
    _rule(
        "ad",
        r"^(publicite|pub|advertisements?|advertising|annonces?|ads?|sponsorise"
        r"|contenu (sponsorise|partenaire)|sponsored( content)?|partner content)$",
    ),
    _rule("ad", r"^(publicite|advertisement)\b", 60),
    _rule(
        "navigation",
        r"^(accueil|home|menu|rechercher|recherche|search|fermer|close|retour en haut( de page)?"
        r"|back to top|haut de page|aller au contenu( principal)?|skip to (main )?content"
        r"|ecouter( cet article)?|listen( to this article)?|abonnes|reserve aux abonnes"
        r"|article reserve aux abonnes|premium|offrir( cet article)?|lire plus tard"
        r"|ajouter a (vos|mes) (selections|favoris)|sauvegarder|enregistrer|save|contribuer"
        r"|reutiliser ce contenu|se connecter|connexion|log in|sign in"
        r"|(temps de )?lecture ?:? ?\d+ ?min.*"
        r"|\d+ ?min(utes?)?( de lecture| read| reading)?|reading time\b.*)$",
    ),
    _rule(
        "navigation",
        r"^(article (precedent|suivant)|(previous|next) (post|article|story)"
        r"|navigation (de l'article|des articles)|post navigation)$",
        ends_article=True,
    ),
    _rule(
        "related",
        r"^(articles? (similaires|lies|connexes|recommandes)|sur le meme (sujet|theme)"
        r"|dans la meme rubrique|vous aimerez (peut-etre )?aussi|nos (autres )?articles"
        r"|les plus (lus|partages)|related( posts| articles| stories| content)?"
        r"|you (may|might) also like|more stories|most (read|popular)"
        r"|recommande pour vous|recommended( for you)?)$",
        ends_article=True,
    ),
    _rule("tags", r"^(mots-cles|mots cles|tags|etiquettes|sujets|themes|topics) ?:"),
    _rule(
        "date",
        r"^(publie|mis a jour|modifie|actualise|published|updated|posted|last updated)"
        r"( le| on)?\b.*\d",
        100,
    ),
    _rule(
        "date",
        rf"^(le )?((lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) )?\d{{1,2}}(er)? "
        rf"({_MONTHS}) \d{{4}}( ?(a|-|,)? ?\d{{1,2}} ?(h|:) ?\d{{0,2}})?$",
    ),
    _rule("date", rf"^({_MONTHS}) \d{{1,2}}, \d{{4}}\b.{{0,20}}$"),
    _rule("date", r"^\d{1,2}/\d{1,2}/\d{2,4}( ?(a|-|,)? ?\d{1,2} ?(h|:) ?\d{0,2})?$"),
]

_BREADCRUMB_SPLIT = re.compile(r"\s*[>›»/|]\s*")


def _furniture(line: str, key: str) -> tuple[str, bool] | None:
    """(kind, whether the article ends there) when the line is page furniture."""
    if not any(char.isalnum() for char in key):
        return "separator", False
    words = [word for word in _SHARE_SPLIT.split(key) if word]
    if (
        len(line) <= 80
        and words
        and all(word in _SHARE_CORE or word in _SHARE_GLUE for word in words)
        and any(word in _SHARE_CORE for word in words)
    ):
        return "share", False
    for rule in _RULES:
        if len(line) <= rule.max_length and rule.pattern.search(key):
            return rule.kind, rule.ends_article
    return None


# --- The lines that carry the article -----------------------------------------------------

_SOURCE_RE = re.compile(
    r"^\(?\s*(?P<word>sources?|source\(s\))\s*[:：\-–—]\s*(?P<rest>.+?)\s*\)?\.?$", re.IGNORECASE
)
_AGENCY = r"(?:l['’])?[A-Z][\w.&'’-]*"
_WITH_AGENCIES_RE = re.compile(
    rf"^\(?(?i:avec|with)\s+(?P<rest>{_AGENCY}(?:(?:\s*,\s*|\s+(?:et|and)\s+){_AGENCY})*)\)?\.?$"
)
_URL_RE = re.compile(r"https?://[^\s<>()«»\"]+")
_CREDIT_LINE_RE = re.compile(
    r"^(?:©|\(c\)|copyright\b|cr[ée]dits?(?: photos?)?\s*:|photos?\s*:|illustration\s*:)"
    r"\s*(?P<credit>.+)$",
    re.IGNORECASE,
)
_CATEGORY_LINE_RE = re.compile(r"^(?:rubrique|cat[ée]gorie|section)\s*:\s*(?P<name>.+)$", re.I)
_BYLINE_RE = re.compile(r"^(?:Par|By)\s+(?P<names>[A-ZÀ-Ý][^|,–—]*?)\s*(?:[|,–—].*)?$")
_BYLINE_JOINS = {"et", "and", "de", "du", "des", "d'", "le", "la", "van", "von", "&"}
_SENTENCE_BREAK_RE = re.compile(r"[a-zà-ÿ]{2}[.!?…]\s+[A-ZÀ-Ý«\"“]")
_CLOSERS = " »\"”’')]\u00a0\u202f"


def _source_refs(line: str) -> list[SourceRef]:
    if match := _SOURCE_RE.match(line):
        rest = match["rest"]
        separator = ";" if ";" in rest or match["word"].lower() == "source" else r"[;,]"
        return [_source_ref(part) for part in re.split(separator, rest) if part.strip()]
    if match := _WITH_AGENCIES_RE.match(line):
        names = re.split(r"\s*,\s*|\s+(?:et|and)\s+", match["rest"])
        return [SourceRef(re.sub(r"^l['’]", "", name)) for name in names]
    return []


def _source_ref(text: str) -> SourceRef:
    text = text.strip()
    if match := _URL_RE.search(text):
        url = match[0].rstrip(".,;")
        label = (text[: match.start()] + text[match.end() :]).strip(" ()[]:-–—,")
        if valid_source_url(url):
            return SourceRef(label[:300] or urlsplit(url).hostname or url, url)
    return SourceRef(text[:300])


def valid_source_url(url: str) -> bool:
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        return False
    return len(url) <= 1000


def _split_credit(line: str) -> tuple[str, str]:
    """A caption and the photo credit written at its end: "(Photo : X)", "© X", "… . X / AFP"."""
    patterns = [
        re.compile(r"\s*\((?P<credit>(?:(?:photos?|cr[ée]dits?|illustration)\b|©)[^)]*)\)$", re.I),
        re.compile(r"\s*(?P<credit>(?:©|\b(?:photos?|cr[ée]dits?(?: photos?)?)\s*:).+)$", re.I),
        # Le Monde's way: the credit in capitals after the caption's last full stop.
        re.compile(r"(?<=[.…])\s+(?P<credit>[A-ZÀ-Ý][^a-zà-ÿ]*[A-ZÀ-Ý][^a-zà-ÿ]*)$"),
    ]
    for pattern in patterns:
        if match := pattern.search(line):
            credit = re.sub(
                r"^(?:photos?|cr[ée]dits?(?: photos?)?|©|illustration)\s*:?\s*",
                "",
                match["credit"],
                flags=re.I,
            )
            return line[: match.start()].strip(), credit.strip()
    return line, ""


def _ends_sentence(line: str) -> bool:
    text = _split_credit(line)[0].rstrip(_CLOSERS)
    return text.endswith((".", "…"))


def _reads_as_title(line: str, max_length: int, max_words: int) -> bool:
    """A headline or a section heading: short, no final full stop, one sentence at most."""
    first_letter = next((char for char in line if char.isalpha()), "")
    return (
        len(line) <= max_length
        and len(line.split()) <= max_words
        and not _ends_sentence(line)
        and line[-1] not in ",;"
        and not first_letter.islower()
        and not _SENTENCE_BREAK_RE.search(line)
    )


def _byline(line: str) -> str:
    match = _BYLINE_RE.match(line)
    if match is None or _ends_sentence(line):
        return ""
    names = match["names"].strip()
    words = names.split()
    if len(words) > 8 or not all(word[0].isupper() or word in _BYLINE_JOINS for word in words):
        return ""
    return names


# --- The parser ---------------------------------------------------------------------------


def parse_pasted_text(
    text: str, category_names: Iterable[str] = (), source_url: str = ""
) -> PastedText:
    """Read the plain text of a news page.

    Before the headline: the lead image's caption (a full sentence) and its credit, and the
    category (a line naming one of `category_names` or of KNOWN_CATEGORIES). The headline is
    the first short line without a final full stop. After it, short lines without a final
    full stop are section headings, other lines paragraphs; "Source : …" and "Avec AFP"
    lines are the sources, `source_url` the link of the first one. Share buttons, comment
    forms, "read more" links, newsletter prompts and ads are dropped wherever they are, and
    everything after the comments or related-articles heading.
    """
    reader = _Reader({_key(name): name for name in (*KNOWN_CATEGORIES, *category_names)})
    lines = _lines(text)
    for index, line in enumerate(lines):
        reader.read(line, lines[index + 1] if index + 1 < len(lines) else "")
    page = reader.page
    while page.sections and not page.sections[-1].paragraphs:
        reader.drop(page.sections.pop().heading or "", "empty_heading")
    if source_url:
        _link_first_source(page, source_url)
    return page


class _Reader:
    """Reads a page line by line: the head (up to the headline), the body, then what follows
    the article (comments, related links), where only sources still count."""

    def __init__(self, categories: dict[str, str]) -> None:
        self.categories = categories
        self.page = PastedText()
        self.state = "head"
        self.category_from_label = False  # rather than from a breadcrumb

    def drop(self, line: str, kind: str) -> None:
        self.page.dropped.append(DroppedLine(line, kind))

    def read(self, line: str, next_line: str) -> None:
        page, key = self.page, _key(line)
        if refs := _source_refs(line):
            page.sources.extend(refs)
        elif furniture := _furniture(line, key):
            kind, ends_article = furniture
            self.drop(line, kind)
            if ends_article and any(section.paragraphs for section in page.sections):
                self.state = "after"
        elif self.state == "after":
            self.drop(line, "after_article")
        elif self._breadcrumb(line, key) or self._credit_or_byline(line):
            pass
        elif self.state == "head":
            self._head(line, key)
        else:
            self._body(line, key, next_line)

    def _breadcrumb(self, line: str, key: str) -> bool:
        crumbs = _BREADCRUMB_SPLIT.split(key)
        if len(crumbs) < 2 or crumbs[0] not in {"accueil", "home", "a la une"}:
            return False
        named = [crumb for crumb in crumbs[1:] if crumb in self.categories]
        if named and not self.page.category:
            self.page.category = self.categories[named[-1]]
        self.drop(line, "navigation")
        return True

    def _credit_or_byline(self, line: str) -> bool:
        page = self.page
        if (match := _CREDIT_LINE_RE.match(line)) and len(line) <= 100:
            if page.credit:
                self.drop(line, "credit")
            else:
                page.credit = match["credit"].strip()
            return True
        if not page.byline and (names := _byline(line)):
            page.byline = names
            return True
        return False

    def _head(self, line: str, key: str) -> None:
        page = self.page
        label = self.categories.get(key)
        if label is None and (match := _CATEGORY_LINE_RE.match(line)):
            label = match["name"]
        if label is not None:
            if self.category_from_label:
                self.drop(line, "navigation")
            else:
                page.category, self.category_from_label = label, True
        elif _reads_as_title(line, max_length=250, max_words=40):
            page.headline = line
            self.state = "body"
        elif not page.caption and _ends_sentence(line):
            page.caption, credit = _split_credit(line)
            page.credit = page.credit or credit
        else:
            self.drop(line, "before_headline")

    def _body(self, line: str, key: str, next_line: str) -> None:
        page = self.page
        if not page.sections and not self.category_from_label and key in self.categories:
            # "Caption / Category / Headline" with a caption that has no full stop: the line
            # taken for the headline was the caption.
            page.category, self.category_from_label = self.categories[key], True
            if not page.caption:
                page.caption, page.headline, self.state = page.headline, "", "head"
        elif credit := _image_credit(line):
            # The caption of a picture inside the page: the first is taken for the lead image's.
            if page.caption:
                self.drop(line, "caption")
            else:
                page.caption = _split_credit(line)[0]
                page.credit = page.credit or credit
        elif _reads_as_title(line, max_length=120, max_words=16) and not (
            # "Le maire a déclaré :" introduces the quotation under it.
            line.endswith(":") and next_line.startswith(("«", '"', "“", "—", "–", "-"))
        ):
            page.sections.append(Section(_heading_text(line), []))
        else:
            if not page.sections:
                page.sections.append(Section(None, []))
            page.sections[-1].paragraphs.append(line)


def _image_credit(line: str) -> str:
    """The credit of a line that is a picture's caption ("…, le 3 mars. JEAN DUPONT / AFP")."""
    text, credit = _split_credit(line)
    explicit = re.search(r"\((?:photos?|cr[ée]dits?|illustration)\b|©|\bphotos? ?:", line, re.I)
    # Capitals alone could be an agency signing a wire ("… a-t-il dit. AFP"); a photo credit
    # names the photographer too.
    if credit and text and len(line) <= 300 and (explicit or "/" in credit):
        return credit
    return ""


def _heading_text(line: str) -> str:
    # "Les chiffres :" announces what follows; as a heading the colon is redundant.
    return line[:-1].rstrip() if line.endswith(":") else line


def _link_first_source(page: PastedText, url: str) -> None:
    for position, ref in enumerate(page.sources):
        if not ref.url:
            page.sources[position] = ref._replace(url=url)
            return
    page.sources.append(SourceRef(urlsplit(url).hostname or url, url))


def recognise(text: str, source_url: str = "") -> PastedText:
    """parse_pasted_text knowing the site's own categories."""
    names = Category.objects.values_list("name", flat=True)
    return parse_pasted_text(text, category_names=names, source_url=source_url)


# --- Reporting ----------------------------------------------------------------------------


def summary(page: PastedText) -> list[tuple[str, list[str]]]:
    """What was recognised, as (label, items) pairs for the command and the desk form."""
    nothing = _("aucune")

    def count(paragraphs: list[str]) -> str:
        return ngettext("%(n)d paragraphe", "%(n)d paragraphes", len(paragraphs)) % {
            "n": len(paragraphs)
        }

    rows = [
        (_("Légende"), [page.caption or nothing]),
        (_("Rubrique"), [page.category or _("non reconnue")]),
        (_("Titre"), [page.headline or _("non reconnu")]),
    ]
    if page.credit:
        rows.insert(1, (_("Crédit photo"), [page.credit]))
    if page.byline:
        rows.append((_("Signature"), [page.byline]))
    rows += [
        (
            _("Sections"),
            [
                f"{heading or _('(sans intertitre)')} — {count(paragraphs)}"
                for heading, paragraphs in page.sections
            ]
            or [nothing],
        ),
        (
            _("Sources"),
            [f"{ref.label} — {ref.url}" if ref.url else ref.label for ref in page.sources]
            or [nothing],
        ),
        (
            _("Lignes écartées"),
            [f"« {line.text} » ({line.kind_label})" for line in page.dropped] or [nothing],
        ),
    ]
    return rows


# --- Making the article -------------------------------------------------------------------


def body_html(page: PastedText, caption_note: bool = True) -> str:
    """Sections as <h2> and <p>; the caption first, as a note for the editor to move."""
    parts = []
    if caption_note and page.caption:
        note = _("Légende de la photo, à reporter sur l’image : %(caption)s") % {
            "caption": page.caption
        }
        if page.credit:
            note += " " + _("(crédit : %(credit)s)") % {"credit": page.credit}
        parts.append(f"<p><em>{_escape(note)}</em></p>")
    for heading, paragraphs in page.sections:
        if heading:
            parts.append(f"<h2>{_escape(heading)}</h2>")
        parts.extend(f"<p>{_escape(paragraph)}</p>" for paragraph in paragraphs)
    return "".join(parts)


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def find_category(name: str) -> Category | None:
    if not name:
        return None
    key, slug = _key(name), slugify_fr(name)
    for category in Category.objects.all():
        if _key(category.name) == key or category.slug == slug:
            return category
    return None


def already_imported(page: PastedText) -> Article | None:
    return Article.objects.filter(import_ref=page.import_ref).first()


def create_article(
    page: PastedText,
    *,
    category: Category | None = None,
    publish: bool = False,
    user: AbstractBaseUser | None = None,
) -> Article:
    """Make the article a pasted text describes: a draft, or published when `publish`.

    `category`, when given, is the editor's choice and wins over the text's; otherwise the
    text's category if the site has it, else the site's first. A published article has no
    image yet, so the caption note is left out of its body (it stays in the report).
    Publishing goes through the publication service: `user` must be allowed to, and the
    journal names them (the system account when a command runs it without a user).
    """
    if page.error:
        raise PastedTextError(page.error)
    if existing := already_imported(page):
        raise AlreadyImported(existing)
    category = category or find_category(page.category) or Category.objects.first()
    if category is None:
        raise PastedTextError(_("Le site n’a encore aucune rubrique : créez-en une d’abord."))
    article = Article(
        title=page.headline,
        body=body_html(page, caption_note=not publish),
        category=category,
        created_by=user,
        import_ref=page.import_ref,
    )
    try:
        with transaction.atomic():
            if publish:
                publishing.publish(article, by=user)
            else:
                article.save()
            Source.objects.bulk_create(
                Source(article=article, label=ref.label, url=ref.url, position=position)
                for position, ref in enumerate(page.sources)
            )
            for position, author in enumerate(_authors(page.byline)):
                Byline.objects.create(article=article, author=author, position=position)
    except IntegrityError:
        if existing := already_imported(page):
            raise AlreadyImported(existing) from None
        raise
    return article


def _authors(byline: str) -> list[Author]:
    """The site's authors named in the byline; names it does not know are left to the desk."""
    names = [name for name in re.split(r"\s*,\s*|\s+(?:et|and|&)\s+", byline) if name]
    return [
        author
        for name in names
        if (author := Author.objects.filter(name__iexact=name).first()) is not None
    ]
