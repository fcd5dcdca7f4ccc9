"""Content of a news site: categories, topics, authors, articles and static pages."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from manchette.lib.import_refs import import_ref_field, unique_import_ref
from manchette.lib.sanitize import sanitize_html
from manchette.lib.slugs import slugify_fr, unique_slug
from manchette.lib.typography import french_typography

# First path segments that belong to the site itself, so no category may take them.
RESERVED_SLUGS = frozenset(
    {
        "sujet", "auteur", "recherche", "flux", "redaction", "static", "media",
        "commentaires", "page", "partager", "sitemap.xml", "sitemap-news.xml",
        "robots.txt", "api", "admin", "compte", "apercu", "favicon.ico",
        "wp-content", "wp-admin", "feed", "category", "tag", "author",
        settings.DESK_PATH,
    }
)  # fmt: skip

BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False},
    "HardBreak": True,
    "History": True,
    "HTML": True,
}


def validate_category_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("« %(slug)s » est réservé par le site ; choisissez une autre adresse."),
            params={"slug": value},
        )


class Category(models.Model):
    name = models.CharField(_("nom"), max_length=100)
    slug = models.SlugField(
        _("adresse"), max_length=100, unique=True, validators=[validate_category_slug]
    )
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position dans le menu"), default=0)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("rubrique parente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )

    import_ref = import_ref_field()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("rubrique")
        verbose_name_plural = _("rubriques")
        constraints = [unique_import_ref("category")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:category", kwargs={"category": self.slug})


class Tag(models.Model):
    name = models.CharField(_("nom"), max_length=100)
    slug = models.SlugField(_("adresse"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    import_ref = import_ref_field()

    class Meta:
        ordering = ["name"]
        verbose_name = _("sujet")
        verbose_name_plural = _("sujets")
        constraints = [unique_import_ref("tag")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:tag", kwargs={"slug": self.slug})


class Author(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
    )
    name = models.CharField(_("nom"), max_length=150)
    slug = models.SlugField(_("adresse"), max_length=150, unique=True)
    job_title = models.CharField(_("fonction"), max_length=150, blank=True)
    bio = models.TextField(_("biographie"), blank=True)
    photo = models.ForeignKey(
        "images.Image", verbose_name=_("photo"), null=True, blank=True, on_delete=models.SET_NULL
    )

    import_ref = import_ref_field()

    class Meta:
        ordering = ["name"]
        verbose_name = _("auteur")
        verbose_name_plural = _("auteurs")
        constraints = [unique_import_ref("author")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:author", kwargs={"slug": self.slug})


def published_q(now: datetime.datetime | None = None) -> Q:
    """The rule for what readers may see, on any model carrying an article's `status` and
    `published_at` (the search index keeps a copy). A scheduled article joins at its time,
    with no cron."""
    return Q(status__in=Article.LIVE_STATUSES, published_at__lte=now or timezone.now())


class ArticleQuerySet(models.QuerySet):
    def published(self) -> ArticleQuerySet:
        return self.filter(published_q())

    def for_teasers(self) -> ArticleQuerySet:
        """What a listing needs before its teasers: they fetch the rest (teasers.py)."""
        return self.select_related("category", "lead_image")

    def for_listing(self) -> ArticleQuerySet:
        """Everything a teaser shows, fetched in a fixed number of queries."""
        return self.for_teasers().prefetch_related(*listing_prefetches())


def listing_prefetches() -> tuple:
    from manchette.images.models import prefetch_renditions

    return (
        prefetch_renditions("lead_image__renditions"),
        models.Prefetch("bylines", queryset=Byline.objects.select_related("author")),
    )


class Article(models.Model):
    class Type(models.TextChoices):
        NEWS = "news", _("Actualité")
        ANALYSIS = "analysis", _("Analyse")
        OPINION = "opinion", _("Opinion")
        INVESTIGATION = "investigation", _("Enquête")
        INTERVIEW = "interview", _("Entretien")
        WIRE = "wire", _("Dépêche")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        REVIEW = "review", _("En relecture")
        SCHEDULED = "scheduled", _("Programmé")
        PUBLISHED = "published", _("Publié")
        ARCHIVED = "archived", _("Archivé")

    # Published, or scheduled: either is public once its time has come.
    LIVE_STATUSES = (Status.PUBLISHED, Status.SCHEDULED)

    title = models.CharField(_("titre"), max_length=250)
    slug = models.SlugField(
        _("adresse"),
        max_length=100,
        blank=True,
        help_text=_("Laissée vide, elle est tirée du titre."),
    )
    standfirst = models.TextField(_("chapô"), blank=True)
    body = ProseEditorField(_("texte"), extensions=BODY_EXTENSIONS, sanitize=True, blank=True)
    body_html = models.TextField(editable=False, blank=True)
    lead_image = models.ForeignKey(
        "images.Image",
        verbose_name=_("image principale"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    category = models.ForeignKey(
        Category, verbose_name=_("rubrique"), on_delete=models.PROTECT, related_name="articles"
    )
    tags = models.ManyToManyField(
        Tag, verbose_name=_("sujets"), blank=True, related_name="articles"
    )
    authors = models.ManyToManyField(
        Author, verbose_name=_("auteurs"), through="Byline", blank=True, related_name="articles"
    )
    article_type = models.CharField(
        _("genre"), max_length=20, choices=Type.choices, default=Type.NEWS
    )
    status = models.CharField(
        _("état"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("publication"),
        null=True,
        blank=True,
        help_text=_("Une date future programme la publication."),
    )
    updated_at = models.DateTimeField(
        _("mise à jour"),
        null=True,
        blank=True,
        help_text=_("Date de mise à jour affichée aux lecteurs, après un changement notable."),
    )
    # The local calendar day of publication: part of the address, and the scope in
    # which a slug must be unique.
    pub_date = models.DateField(null=True, editable=False, db_index=True)
    featured = models.BooleanField(_("à la une"), default=False)
    how_we_worked = models.TextField(_("comment nous avons travaillé"), blank=True)
    comments_open = models.BooleanField(_("commentaires ouverts"), default=True)
    comments_close_after_days = models.PositiveIntegerField(
        _("fermer les commentaires après (jours)"),
        null=True,
        blank=True,
        help_text=_("Vide : la règle du site. 0 : jamais."),
    )
    # Approved comments, kept up to date by manchette.comments.moderation so that
    # listings show counts without a query per article.
    comment_count = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créé par"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    import_ref = import_ref_field()

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [("publish_article", _("Peut publier et programmer des articles"))]
        constraints = [
            unique_import_ref("article"),
            models.UniqueConstraint(
                fields=["pub_date", "slug"],
                condition=Q(pub_date__isnull=False),
                name="article_slug_unique_per_day",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"]),
            # Front page and category pages: the newest articles of one category, and
            # their count, read from the index alone (status is in it).
            models.Index(
                fields=["category", "-published_at", "status"], name="article_category_newest"
            ),
            # The lead story: the newest featured article, without scanning the rest.
            models.Index(
                fields=["-published_at", "-id", "status"],
                condition=Q(featured=True),
                name="article_featured_newest",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.body = sanitize_html(self.body)
        self.body_html = french_typography(self.body)
        if self.status in self.LIVE_STATUSES:
            self.published_at = self.published_at or timezone.now()
            self.status = (
                self.Status.SCHEDULED
                if self.published_at > timezone.now()
                else self.Status.PUBLISHED
            )
        self.pub_date = timezone.localdate(self.published_at) if self.published_at else None
        self.slug = self._free_slug(self.slug or slugify_fr(self.title))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        if self.pub_date is None:
            # A draft has no public address: the desk's page for it asks who is looking
            # (a signed preview link is made only on request, never as a side effect).
            return reverse("desk:draft", kwargs={"pk": self.pk})
        return reverse(
            "articles:article",
            kwargs={
                "category": self.category.slug,
                "year": self.pub_date.year,
                "month": self.pub_date.month,
                "day": self.pub_date.day,
                "slug": self.slug,
            },
        )

    @property
    def is_public(self) -> bool:
        return (
            self.status in self.LIVE_STATUSES
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def comments_are_open(self) -> bool:
        if not self.comments_open or not self.is_public:
            return False
        days = self.comments_close_after_days
        if days is None:
            days = settings.COMMENTS_CLOSE_AFTER_DAYS
        return days == 0 or timezone.now() < self.published_at + datetime.timedelta(days=days)

    @property
    def shows_type_label(self) -> bool:
        return self.article_type != self.Type.NEWS

    @property
    def was_updated(self) -> bool:
        return bool(self.updated_at and self.published_at and self.updated_at > self.published_at)

    def _free_slug(self, base: str) -> str:
        if self.pub_date is None:
            return base
        same_day = Article.objects.filter(pub_date=self.pub_date).exclude(pk=self.pk)
        return unique_slug(base, lambda slug: same_day.filter(slug=slug).exists(), max_length=100)

    def preview_token(self) -> str:
        from .previews import make_preview_token  # previews.py imports this module

        return make_preview_token(self)


class Byline(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(
        Author, verbose_name=_("auteur"), on_delete=models.CASCADE, related_name="bylines"
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="byline_author_once")
        ]

    def __str__(self) -> str:
        return self.author.name


class Source(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sources")
    label = models.CharField(_("intitulé"), max_length=300)
    url = models.URLField(_("lien"), max_length=1000, blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.label


class Correction(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    corrected_at = models.DateTimeField(_("date"), default=timezone.now)
    text = models.TextField(_("correction"))

    class Meta:
        ordering = ["corrected_at", "pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self) -> str:
        return self.text[:60]


class Page(models.Model):
    class Role(models.TextChoices):
        PRINCIPLES = "principles", _("Principes éditoriaux")
        CORRECTIONS = "corrections", _("Politique de corrections")
        ABOUT = "about", _("À propos")

    title = models.CharField(_("titre"), max_length=250)
    slug = models.SlugField(_("adresse"), max_length=100, unique=True)
    role = models.CharField(
        _("rôle"),
        max_length=20,
        choices=Role.choices,
        blank=True,
        help_text=_("Les pages de principes et de corrections sont liées depuis chaque article."),
    )
    body = ProseEditorField(_("texte"), extensions=BODY_EXTENSIONS, sanitize=True, blank=True)
    body_html = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField(_("mise à jour"), auto_now=True)

    import_ref = import_ref_field()

    class Meta:
        ordering = ["title"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        constraints = [
            unique_import_ref("page"),
            models.UniqueConstraint(fields=["role"], condition=~Q(role=""), name="page_role_once"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.body = sanitize_html(self.body)
        self.body_html = french_typography(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:page", kwargs={"slug": self.slug})
