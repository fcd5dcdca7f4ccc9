"""The desk's login lockout (django-axes): a limit per user name and address, and higher
ones per user name from any address and per address for any user name (settings:
DESK_LOGIN_ATTEMPTS, DESK_LOGIN_ATTEMPTS_PER_USER, DESK_LOGIN_ATTEMPTS_PER_ADDRESS,
DESK_LOCKOUT_MINUTES), and the French page a locked-out login gets."""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit, get_lockout_parameters
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def limit_for(parameters: str | list[str]) -> int:
    """The failures allowed for one of AXES_LOCKOUT_PARAMETERS' entries."""
    if parameters == "username":
        return settings.DESK_LOGIN_ATTEMPTS_PER_USER
    if parameters == "ip_address":
        return settings.DESK_LOGIN_ATTEMPTS_PER_ADDRESS
    return settings.AXES_FAILURE_LIMIT


class LayeredLockoutHandler(AxesDatabaseHandler):
    """Axes counts failures for each entry of AXES_LOCKOUT_PARAMETERS and compares the
    largest count with one limit. Here each entry has its own limit: its count is scaled
    so that it reaches AXES_FAILURE_LIMIT exactly when it reaches its own limit. The
    database handler, so every server shares the counts."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        limit = get_failure_limit(request, credentials)
        worst, reason = 0, None
        entries = get_lockout_parameters(request, credentials)
        for parameters, attempts in zip(
            entries, self.get_user_attempts(request, credentials), strict=True
        ):
            count = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            scaled = count * limit // max(1, limit_for(parameters))
            if scaled > worst:
                worst, reason = scaled, parameters
        request.desk_lockout_reason = reason
        return worst

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        # A right password proves the name, not the address: an intruder holding one
        # account must not wipe what their address spent guessing the others'.
        entries = get_lockout_parameters(request, credentials)
        attempts_list = self.filter_user_attempts(request, credentials)
        return sum(
            attempts.delete()[0]
            for parameters, attempts in zip(entries, attempts_list, strict=True)
            if parameters != "ip_address"
        )


def locked_out(request: HttpRequest, response=None, credentials=None) -> HttpResponse:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    reason = getattr(request, "desk_lockout_reason", None)
    if reason == "username":
        why = _(
            "Trop d’essais infructueux pour ce nom d’utilisateur, depuis plusieurs adresses : "
            "la connexion à ce compte est suspendue pendant %(minutes)d minutes, même avec le "
            "bon mot de passe."
        ) % {"minutes": minutes}
    elif reason == "ip_address":
        why = _(
            "Trop d’essais infructueux depuis cette adresse, pour plusieurs noms "
            "d’utilisateur : la connexion à la rédaction depuis cette adresse est suspendue "
            "pendant %(minutes)d minutes."
        ) % {"minutes": minutes}
    else:
        why = None
    context = {"attempts": settings.AXES_FAILURE_LIMIT, "minutes": minutes, "why": why}
    return render(request, "desk/locked_out.html", context, status=429)
