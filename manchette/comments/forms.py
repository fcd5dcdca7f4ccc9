"""The comment form readers fill in under an article."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from manchette.control_chars import strip_control_chars

from . import spam
from .models import Comment, visible_text


class CommentForm(forms.ModelForm):
    # Shown above the form when only fields are wrong (each says why beside it).
    fields_to_fix = _("Le commentaire n’a pas pu être publié : corrigez les champs signalés.")

    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    remember = forms.BooleanField(
        label=_(
            "Enregistrer mon nom et mon e-mail dans ce navigateur pour mon prochain commentaire."
        ),
        required=False,
    )
    # Left empty by people (it is hidden from them); filled in by form-filling robots.
    honeypot = forms.CharField(label=_("Laissez ce champ vide"), required=False, max_length=200)
    timestamp = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Comment
        fields = ["text", "name", "email", "website", "notify_replies"]
        labels = {
            "text": _("Commentaire"),
            "name": _("Nom"),
            "email": _("E-mail"),
            "website": _("Site web"),
            "notify_replies": _("Me prévenir par e-mail des réponses à mon commentaire."),
        }
        widgets = {
            "text": forms.Textarea(attrs={"rows": 6, "cols": 45}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "website": forms.URLInput(attrs={"autocomplete": "url"}),
        }
        error_messages = {
            "text": {"required": _("Écrivez votre commentaire.")},
            "name": {"required": _("Indiquez votre nom.")},
            "email": {
                "required": _("Indiquez votre adresse e-mail (elle ne sera pas publiée)."),
                "invalid": _("Cette adresse e-mail n’est pas valide."),
            },
            "website": {"invalid": _("Cette adresse de site web n’est pas valide.")},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].max_length = settings.COMMENTS_MAX_LENGTH
        self.fields["text"].validators.append(
            forms.fields.validators.MaxLengthValidator(
                settings.COMMENTS_MAX_LENGTH,
                message=_(
                    "Votre commentaire dépasse %(limit_value)d caractères "
                    "(il en compte %(show_value)d). Raccourcissez-le : votre texte est conservé."
                ),
            )
        )
        self.fields["honeypot"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        # The form time is not set here: a page shown to everyone from the cache cannot
        # carry one. views.form_token hands it out (or the confirmation page).

    def full_clean(self) -> None:
        super().full_clean()
        # Tie each error to its field for screen readers, as the template shows it.
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"id_{name}-erreur"}
                )

    def clean_name(self) -> str:
        name = strip_control_chars(self.cleaned_data["name"]).strip()
        if not visible_text(name):
            raise forms.ValidationError(_("Indiquez votre nom."))
        return name

    def clean_text(self) -> str:
        text = strip_control_chars(self.cleaned_data["text"]).strip()
        # Zero-width characters alone show nothing: that is no comment either.
        if not visible_text(text):
            raise forms.ValidationError(_("Écrivez votre commentaire."))
        return text

    @property
    def timed(self) -> bool:
        """Whether the form carried its signed form time. A page from the cache has none
        until comments.js asks for it: without JavaScript the comment is posted all the
        same, and moderation.screen() holds it unless the browser is a known commenter."""
        return bool(self.data.get("timestamp"))

    def clean(self) -> dict:
        data = super().clean()
        if data.get("honeypot"):
            raise forms.ValidationError(
                _("Votre commentaire n’a pas pu être enregistré. Laissez vide le dernier champ.")
            )
        if self.errors:
            # Fields to fix come first. The form comes back with a fresh form time anyway,
            # and "sent too fast" beside "write your comment" would only puzzle a reader.
            return data
        if not self.timed:
            return data
        try:
            spam.check_timestamp(data["timestamp"])
        except spam.Refused as refusal:
            raise forms.ValidationError(str(refusal)) from None
        return data
