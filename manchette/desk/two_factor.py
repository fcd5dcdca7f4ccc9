"""Optional two-factor login for the desk (TOTP, with django-otp): a member of the
newsroom who turned it on gives, after their password, the six-digit code of their
authenticator app; the others log in with their password alone.

Asking for the code in the same form as the password keeps one login page and lets
django-axes count every failure; django-otp throttles wrong codes on its own."""

from __future__ import annotations

import base64

import segno
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

ISSUER_NAME = "Manchette"
NO_DESK_ACCESS = _(
    "Ce compte n’a pas accès à la rédaction : aucun rôle ne lui est attribué. "
    "Demandez à un administrateur de lui en donner un."
)
WRONG_CODE = _("Ce code n’est pas le bon, ou il a expiré. Saisissez le code affiché maintenant.")


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


class DeskLoginForm(AdminAuthenticationForm):
    code = forms.CharField(
        label=_("Code de vérification"),
        required=False,
        max_length=12,
        help_text=_("Seulement si vous avez activé la double authentification."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def confirm_login_allowed(self, user) -> None:
        # Django says "wrong password" here, which sends a new member with no role
        # looking for the wrong mistake: the password was right, say what is missing.
        if user.is_active and not user.is_staff:
            raise forms.ValidationError(NO_DESK_ACCESS, code="no_desk_access")
        super().confirm_login_allowed(user)
        device = confirmed_device(user)
        if device is None:
            return
        code = self.cleaned_data.get("code", "").replace(" ", "")
        if not code:
            raise forms.ValidationError(
                _("Saisissez le code à six chiffres de votre application d’authentification."),
                code="code_required",
            )
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                _("Trop de codes erronés : attendez un peu avant de réessayer."),
                code="throttled",
            )
        if not device.verify_token(code):
            raise forms.ValidationError(WRONG_CODE, code="code_invalid")


class ConfirmForm(forms.Form):
    code = forms.CharField(label=_("Code affiché par l’application"), max_length=12)


def _qr_code(device: TOTPDevice) -> str:
    # The otpauth:// address as a QR code, drawn in SVG (no image file, no script).
    return mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=4))


@staff_member_required
def setup(request: HttpRequest) -> HttpResponse:
    """Turn the two-factor login on (scan, then confirm a code) or off."""
    device = confirmed_device(request.user)
    form = ConfirmForm(request.POST or None)
    if device is not None:
        # Turning it off takes a current code too: a borrowed session is not enough.
        if request.method == "POST" and form.is_valid():
            if device.verify_token(form.cleaned_data["code"]):
                TOTPDevice.objects.filter(user=request.user).delete()
                messages.success(request, _("La double authentification est désactivée."))
                return redirect("desk:two-factor")
            form.add_error("code", WRONG_CODE)
        return _page(request, form, enabled=True)
    pending, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": ISSUER_NAME}
    )
    if request.method == "POST" and form.is_valid():
        if pending.verify_token(form.cleaned_data["code"]):
            pending.confirmed = True
            pending.save(update_fields=["confirmed"])
            messages.success(request, _("La double authentification est activée."))
            return redirect("desk:two-factor")
        form.add_error("code", WRONG_CODE)
    secret = base64.b32encode(pending.bin_key).decode()
    return _page(request, form, enabled=False, qr_code=_qr_code(pending), secret=secret)


def _page(request: HttpRequest, form: ConfirmForm, **context) -> HttpResponse:
    context = {
        **admin.site.each_context(request),
        "title": _("Double authentification"),
        "form": form,
        **context,
    }
    return TemplateResponse(request, "desk/two_factor.html", context)
