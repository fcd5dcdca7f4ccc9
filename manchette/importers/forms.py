"""The desk form that turns pasted text into an article."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from manchette.articles.models import Article, Category
from manchette.articles.publishing import may_publish

from .pasted_text import PastedText, already_imported, create_article, recognise


class ImportTextForm(forms.Form):
    text = forms.CharField(
        label=_("Texte de la page"),
        widget=forms.Textarea(attrs={"rows": 24, "cols": 90, "spellcheck": "false"}),
        help_text=_(
            "Collez tout le texte de la page : les boutons de partage, le formulaire de "
            "commentaire et les renvois vers le site sont écartés."
        ),
        error_messages={"required": _("Collez le texte d’une page : le champ est vide.")},
    )
    source_url = forms.URLField(
        label=_("Adresse de la source"),
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text=_("Lien donné à la ligne « Source : … » du texte."),
    )
    category = forms.ModelChoiceField(
        Category.objects.all(),
        label=_("Rubrique"),
        required=False,
        empty_label=_("Celle du texte (sinon la première du site)"),
    )
    publish = forms.BooleanField(label=_("Publier tout de suite"), required=False)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.page: PastedText | None = None
        if not may_publish(user):
            del self.fields["publish"]

    def clean(self) -> dict:
        cleaned = super().clean()
        if "text" not in cleaned:
            return cleaned
        self.page = recognise(cleaned["text"], source_url=cleaned.get("source_url") or "")
        if self.page.error:
            self.add_error("text", self.page.error)
        elif existing := already_imported(self.page):
            url = reverse("admin:articles_article_change", args=[existing.pk])
            self.add_error(
                "text",
                format_html(
                    _('Ce texte a déjà été importé : <a href="{}">« {} »</a>.'),
                    url,
                    existing.title,
                ),
            )
        return cleaned

    def save(self) -> Article:
        return create_article(
            self.page,
            category=self.cleaned_data["category"],
            publish=self.cleaned_data.get("publish", False),
            user=self.user,
        )
