"""The search form: the words, and filters that are ignored (with a note) when malformed."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from manchette.articles.models import Article, Category

from .query import Filters

NNBSP = "\u202f"  # French spacing inside « » and before ; : ! ?


class SearchForm(forms.Form):
    # Cleaned by query.clean() before the form sees it, so no length or NUL error.
    q = forms.CharField(label=gettext_lazy("Mots recherchés"), required=False)
    rubrique = forms.ModelChoiceField(
        label=gettext_lazy("Rubrique"),
        queryset=Category.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("Toutes les rubriques"),
    )
    genre = forms.ChoiceField(
        label=gettext_lazy("Genre"),
        required=False,
        choices=[("", gettext_lazy("Tous les genres")), *Article.Type.choices],
    )
    du = forms.DateField(
        label=gettext_lazy("Publié depuis le"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    au = forms.DateField(
        label=gettext_lazy("Jusqu’au"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def filters(self) -> tuple[Filters, list[str]]:
        """The filters that make sense, and a note for each one set aside."""
        self.is_valid()
        data, notes = self.cleaned_data, []
        for name in ("du", "au"):
            if name in self.errors:
                notes.append(
                    _(
                        "La date «{nnbsp}{value}{nnbsp}» n’a pas été comprise (format attendu"
                        "{nnbsp}: AAAA-MM-JJ)"
                        "{nnbsp}; elle est ignorée."
                    ).format(value=self.data.get(name, "")[:40], nnbsp=NNBSP)
                )
        if "rubrique" in self.errors:
            notes.append(
                _("Cette rubrique n’existe pas{nnbsp}; toutes sont cherchées.").format(nnbsp=NNBSP)
            )
        if "genre" in self.errors:
            notes.append(
                _("Ce genre d’article n’existe pas{nnbsp}; tous sont cherchés.").format(nnbsp=NNBSP)
            )
        date_from: datetime.date | None = data.get("du")
        date_to: datetime.date | None = data.get("au")
        if date_from and date_to and date_from > date_to:
            date_from, date_to = date_to, date_from
            notes.append(
                _("Les dates étaient inversées{nnbsp}; elles ont été remises dans l’ordre.").format(
                    nnbsp=NNBSP
                )
            )
        category = data.get("rubrique")
        return (
            Filters(
                category=category.slug if category else "",
                article_type=data.get("genre") or "",
                date_from=date_from,
                date_to=date_to,
            ),
            notes,
        )
